#include "rules/engine.h"

#include <algorithm>
#include <set>

#include "base/parallel.h"
#include "rules/eval.h"
#include "rules/ops.h"
#include "rules/run_memo.h"

namespace iaclint {

namespace {

// What one rule produced: its result and its findings, kept apart so that rules evaluated on
// several threads are reported in the order one thread would have produced.
struct RuleOutput {
  RuleResult result;
  std::vector<Finding> findings;
};

// Evaluates one rule at a time. Several threads may each run one: they share the model and
// the memo (thread-safe), and read `verdicts`, which changes only between dependency levels.
struct Runner {
  const Model& model;
  const EngineOptions& options;
  const std::map<std::string, Verdict>& verdicts;
  RunMemo& memo;

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

  void RunAccount(const ActiveRule& a, RuleResult& result, std::vector<Finding>& findings) {
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
    findings.push_back(std::move(f));
  }

  // A control no code can declare: reported as a note saying what would satisfy it, at the
  // same anchor as other account-wide findings.
  void RunManual(const ActiveRule& a, RuleResult& result, std::vector<Finding>& findings) {
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
    findings.push_back(std::move(f));
  }

  void RunCheck(const ActiveRule& a, const Check& check, RuleResult& result,
                std::vector<Finding>& findings, std::set<const Resource*>& seen) {
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
        findings.push_back(MakeFinding(a, o, std::move(message), r, r->loc));
      }
    }
  }

  RuleOutput Run(const ActiveRule& a) {
    RuleOutput out;
    RuleResult& result = out.result;
    result.rule = a.rule;
    if (!Blocked(a, result)) {
      if (a.rule->scope == "account") {
        RunAccount(a, result, out.findings);
      } else if (a.rule->scope == "manual") {
        RunManual(a, result, out.findings);
      } else if (a.rule->scope == "resource") {
        std::set<const Resource*> seen;
        for (const Check& check : a.rule->checks) RunCheck(a, check, result, out.findings, seen);
        if (result.verdict == Verdict::kPass) result.evidence = a.rule->evidence;
      }
    }
    return out;
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

// The operators' prepare steps the rules use, each once, in the order first met.
void CollectPrepares(const Predicate& p, std::vector<OpPrepare>& out) {
  const OpSpec* op = FindOperator(p.op);
  if (op && op->prepare && std::find(out.begin(), out.end(), op->prepare) == out.end()) {
    out.push_back(op->prepare);
  }
  for (const Predicate& c : p.children) CollectPrepares(c, out);
}

std::vector<OpPrepare> PreparesOf(const std::vector<const ActiveRule*>& order) {
  std::vector<OpPrepare> out;
  for (const ActiveRule* a : order) {
    CollectPrepares(a->rule->assert, out);
    for (const Check& c : a->rule->checks) {
      CollectPrepares(c.assert, out);
      if (c.has_where) CollectPrepares(c.where, out);
    }
  }
  return out;
}

// The rules that may run at the same time, as stages of indexes into `order`: a rule's stage
// comes after those of its prerequisites, so it reads the verdicts it would read on one
// thread. One rule per stage on one thread, or when a dependency cycle makes a rule read
// verdicts by its place in `order` (a prerequisite after it is not evaluated yet).
std::vector<std::vector<size_t>> Stages(const std::vector<const ActiveRule*>& order,
                                        unsigned threads) {
  std::vector<std::vector<size_t>> one_by_one(order.size());
  for (size_t i = 0; i < order.size(); ++i) one_by_one[i] = {i};
  if (threads <= 1) return one_by_one;
  std::map<std::string, size_t> position, level;
  for (size_t i = 0; i < order.size(); ++i) position[order[i]->rule->id] = i;
  std::vector<std::vector<size_t>> stages;
  for (size_t i = 0; i < order.size(); ++i) {
    size_t at = 0;
    for (const std::string& dep : Prerequisites(*order[i]->rule)) {
      auto p = position.find(dep);
      if (p == position.end()) continue;  // not active: no verdict either way
      if (p->second >= i) return one_by_one;
      at = std::max(at, level[dep] + 1);
    }
    level[order[i]->rule->id] = at;
    if (stages.size() <= at) stages.resize(at + 1);
    stages[at].push_back(i);
  }
  return stages;
}

}  // namespace

ActiveRule DefaultActivation(const Rule& rule, const std::string& profile) {
  ActiveRule a;
  a.rule = &rule;
  auto severity = rule.profile_severity.find(profile);
  a.severity = severity == rule.profile_severity.end() ? rule.severity : severity->second;
  for (const ParamSpec& p : rule.params) a.params[p.name] = ParamDefault(p, profile);
  return a;
}

EngineOutput RunRules(const std::vector<ActiveRule>& rules, const Model& model,
                      const EngineOptions& options) {
  const unsigned threads = ThreadCount(options.jobs);
  model.PrepareLookups(threads);  // now, not by the first lookup of one of several threads
  std::vector<const ActiveRule*> order;
  for (const ActiveRule* a : DependencyOrder(rules)) {
    if (a->rule->scope != "tool") order.push_back(a);
  }
  const std::vector<std::vector<size_t>> stages = Stages(order, threads);
  // Whole-model analyses start with the first stage instead of in the first rule that needs
  // them, where the other rules needing them would wait (the alarm chain of control 09).
  const std::vector<OpPrepare> prepares =
      threads > 1 ? PreparesOf(order) : std::vector<OpPrepare>{};
  std::map<std::string, Verdict> verdicts;
  RunMemo memo;
  Runner runner{model, options, verdicts, memo};
  std::vector<RuleOutput> outputs(order.size());
  for (size_t s = 0; s < stages.size(); ++s) {
    const std::vector<size_t>& stage = stages[s];
    const size_t first = s == 0 ? prepares.size() : 0;
    ParallelFor(first + stage.size(), threads, [&](size_t i) {
      if (i < first) {
        const std::map<std::string, Value> no_params;
        EvalContext ctx{model, no_params, options.max_forks, 0, &verdicts, nullptr, &memo};
        prepares[i](ctx);
        return;
      }
      const size_t rule = stage[i - first];
      outputs[rule] = runner.Run(*order[rule]);
    });
    for (size_t rule : stage) verdicts[order[rule]->rule->id] = outputs[rule].result.verdict;
  }
  EngineOutput out;
  for (RuleOutput& o : outputs) {
    for (Finding& f : o.findings) out.findings.push_back(std::move(f));
    out.results.push_back(std::move(o.result));
  }
  std::sort(out.results.begin(), out.results.end(),
            [](const RuleResult& x, const RuleResult& y) { return x.rule->id < y.rule->id; });
  return out;
}

}  // namespace iaclint
