#include "rules/engine.h"

#include <algorithm>
#include <set>

#include "rules/eval.h"

namespace iaclint {

namespace {

struct Runner {
  const Model& model;
  const EngineOptions& options;
  EngineOutput out;
  std::map<std::string, Verdict> verdicts;
  std::map<std::string, std::shared_ptr<const void>> memo;

  Finding MakeFinding(const ActiveRule& a, const Outcome& o, std::string message,
                      const Resource* fallback, const Location& fallback_loc) {
    Finding f;
    f.rule_id = a.rule->id;
    f.rule_name = a.rule->name;
    f.control = a.rule->control;
    f.unknown = o.verdict == Verdict::kUnknown;
    f.severity = f.unknown ? Severity::kNote : a.severity;
    const Resource* r = o.resource ? o.resource : fallback;
    f.resource = r ? r->id : "";
    f.resource_key = r ? ResourceKey(r->scope, r->id) : "";
    f.loc = o.where.known() ? o.where : (r ? r->loc : fallback_loc);
    f.message = f.unknown ? "cannot decide: " + o.reason : std::move(message);
    f.identity = a.rule->id + "|" + (r ? ResourceKey(r->scope, r->id) : "account") + "|" + o.path;
    return f;
  }

  // A rule whose prerequisite failed is not evaluated (one finding per missing control).
  bool Blocked(const ActiveRule& a, RuleResult& result) {
    for (const std::string& dep : a.rule->depends_on) {
      auto it = verdicts.find(dep);
      if (it != verdicts.end() && it->second != Verdict::kPass) {
        result.skipped = true;
        result.verdict = it->second;
        result.skip_reason = "not evaluated: " + dep + " did not pass";
        return true;
      }
    }
    return false;
  }

  // An account-wide rule fails on what the analysed files declare; when some declared code
  // was not read (a registry module), it may hold what the rule looks for: UNKNOWN, not FAIL.
  static void BlindTo(const std::vector<UnreadScope>& unread, Outcome& o) {
    if (unread.empty()) return;
    o.verdict = Verdict::kUnknown;
    o.category = "unread";
    o.reason += "; but " + unread.front().what;
    if (unread.size() > 1) o.reason += " (and " + std::to_string(unread.size() - 1) + " more)";
    o.reason += ", and it may declare one (run `terraform init`, or analyse a plan JSON)";
  }

  void RunAccount(const ActiveRule& a, RuleResult& result) {
    EvalCache cache;
    EvalContext ctx{model, a.params, options.max_forks, 0, &verdicts, &cache, &memo};
    Subject account;
    auto anchor = options.rule_anchors.find(a.rule->id);
    const bool configured = anchor != options.rule_anchors.end();
    account.anchor = configured ? anchor->second : options.default_anchor;
    Outcome o = Evaluate(a.rule->assert, account, ctx);
    if (o.verdict == Verdict::kFail) BlindTo(model.unread(), o);
    result.verdict = o.verdict;
    if (o.verdict == Verdict::kPass) {
      result.detail = o.reason;  // an explanation, when the operator gives one
      result.evidence = o.evidence.empty() ? a.rule->evidence : o.evidence;
      for (const Resource* w : o.witnesses) result.evidence_at.push_back(w->loc);
      return;
    }
    result.detail = o.reason;
    std::string message =
        a.rule->message.empty() ? o.reason : FormatMessage(a.rule->message, o, nullptr, ctx);
    const bool at_default = !o.where.known() || (o.where == options.default_anchor && !configured);
    if (!o.where.known()) o.where = account.anchor;
    Finding f = MakeFinding(a, o, std::move(message), nullptr, account.anchor);
    if (at_default && !configured && !options.default_anchor_note.empty()) {
      f.message += " (" + options.default_anchor_note + ")";
    }
    out.findings.push_back(std::move(f));
  }

  // A control no code can declare: reported as a note saying what would satisfy it, at the
  // same anchor as other account-wide findings.
  void RunManual(const ActiveRule& a, RuleResult& result) {
    result.verdict = Verdict::kUnknown;
    result.detail = a.rule->satisfied_by;
    auto anchor = options.rule_anchors.find(a.rule->id);
    const bool configured = anchor != options.rule_anchors.end();
    Outcome o;
    o.verdict = Verdict::kFail;
    o.where = configured ? anchor->second : options.default_anchor;
    std::string message = a.rule->message.empty() ? a.rule->summary : a.rule->message;
    if (!a.rule->satisfied_by.empty()) message += " (satisfied by: " + a.rule->satisfied_by + ")";
    Finding f = MakeFinding(a, o, std::move(message), nullptr, o.where);
    f.manual = true;
    f.severity = Severity::kNote;
    if (!configured && !options.default_anchor_note.empty()) {
      f.message += " (" + options.default_anchor_note + ")";
    }
    out.findings.push_back(std::move(f));
  }

  void RunCheck(const ActiveRule& a, const Check& check, RuleResult& result,
                std::set<const Resource*>& seen) {
    EvalCache cache;  // the rule's parameters and the verdicts it sees are fixed meanwhile
    EvalContext ctx{model, a.params, options.max_forks, 0, &verdicts, &cache, &memo};
    for (const std::string& type : check.resources) {
      for (const Resource* r : model.OfType(type)) {
        if (!seen.insert(r).second) continue;
        if (auto exists = r->exists.AsBool(); exists && !*exists) continue;
        ctx.forks = 0;
        Subject s = ResourceSubject(*r);
        if (check.has_where) {
          Outcome w = Evaluate(check.where, s, ctx);
          if (w.verdict == Verdict::kFail) continue;
        }
        ++result.checked;
        Outcome o = Evaluate(check.assert, s, ctx);
        if (o.verdict == Verdict::kPass) {
          result.evidence_at.push_back(r->loc);
          result.passed.push_back(r);
          continue;
        }
        if (o.verdict == Verdict::kFail && !r->exists.AsBool()) {
          o.verdict = Verdict::kUnknown;
          o.reason =
              r->id + " exists only if condition '" + r->exists.str() + "' holds, and " + o.reason;
          o.category = "condition";
        }
        if (o.verdict == Verdict::kFail) {
          result.verdict = Verdict::kFail;
        } else if (result.verdict == Verdict::kPass) {
          result.verdict = Verdict::kUnknown;
        }
        if (result.detail.empty()) result.detail = o.reason;
        std::string message =
            check.message.empty() ? o.reason : FormatMessage(check.message, o, r, ctx);
        out.findings.push_back(MakeFinding(a, o, std::move(message), r, r->loc));
      }
    }
  }

  void Run(const ActiveRule& a) {
    RuleResult result;
    result.rule = a.rule;
    if (!Blocked(a, result)) {
      if (a.rule->scope == "account") {
        RunAccount(a, result);
      } else if (a.rule->scope == "manual") {
        RunManual(a, result);
      } else if (a.rule->scope == "resource") {
        std::set<const Resource*> seen;
        for (const Check& check : a.rule->checks) RunCheck(a, check, result, seen);
        if (result.verdict == Verdict::kPass) result.evidence = a.rule->evidence;
      }
    }
    verdicts[a.rule->id] = result.verdict;
    out.results.push_back(std::move(result));
  }
};

void RulePassesRefs(const Predicate& p, std::set<std::string>& out) {
  if (p.op == "rule_passes") {
    if (auto id = p.arg.AsText()) out.insert(*id);
  }
  for (const Predicate& c : p.children) RulePassesRefs(c, out);
}

// Rules that must be evaluated before this one: depends_on and rule_passes references.
std::set<std::string> Prerequisites(const Rule& r) {
  std::set<std::string> out(r.depends_on.begin(), r.depends_on.end());
  RulePassesRefs(r.assert, out);
  for (const Check& c : r.checks) {
    RulePassesRefs(c.assert, out);
    if (c.has_where) RulePassesRefs(c.where, out);
  }
  return out;
}

// Orders rules so that each runs after the rules it depends on (then by id).
std::vector<const ActiveRule*> DependencyOrder(const std::vector<ActiveRule>& rules) {
  std::vector<const ActiveRule*> order;
  std::set<std::string> done, ids;
  for (const ActiveRule& a : rules) ids.insert(a.rule->id);
  bool progress = true;
  while (order.size() < rules.size() && progress) {
    progress = false;
    for (const ActiveRule& a : rules) {
      if (done.count(a.rule->id)) continue;
      bool ready = true;
      for (const std::string& dep : Prerequisites(*a.rule)) {
        if (ids.count(dep) && !done.count(dep)) ready = false;
      }
      if (!ready) continue;
      order.push_back(&a);
      done.insert(a.rule->id);
      progress = true;
    }
  }
  for (const ActiveRule& a : rules) {  // a dependency cycle: run the rest in id order
    if (!done.count(a.rule->id)) order.push_back(&a);
  }
  return order;
}

}  // namespace

EngineOutput RunRules(const std::vector<ActiveRule>& rules, const Model& model,
                      const EngineOptions& options) {
  Runner runner{model, options, {}, {}, {}};
  for (const ActiveRule* a : DependencyOrder(rules)) {
    if (a->rule->scope != "tool") runner.Run(*a);
  }
  std::sort(runner.out.results.begin(), runner.out.results.end(),
            [](const RuleResult& x, const RuleResult& y) { return x.rule->id < y.rule->id; });
  return std::move(runner.out);
}

}  // namespace iaclint
