#include "cli/show_config.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "input/walk.h"

namespace iaclint {

namespace {

constexpr size_t kCommentColumn = 44;

class Writer {
 public:
  explicit Writer(const Config& config) : config_(config) {}

  std::string At(const Location& loc) const {
    return config_.path + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
  }

  void Line(const std::string& text, const std::string& origin) {
    out_ << text;
    if (!origin.empty()) {
      out_ << std::string(text.size() < kCommentColumn ? kCommentColumn - text.size() : 1, ' ')
           << "# " << origin;
    }
    out_ << "\n";
  }

  std::string str() const { return out_.str(); }

 private:
  const Config& config_;
  std::ostringstream out_;
};

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string List(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + Quoted(items[i]);
  return out + "]";
}

std::string ParamText(const Value& v) {
  if (v.is(Value::Kind::kString)) return Quoted(v.str());
  return v.AsText().value_or(v.Render(200));
}

// Rule files are named relative to the rulesets directory, so the output is the same on every
// machine.
std::string RuleFile(const CheckRun& run, const Rule& r) {
  const std::string& dir = run.rules.dir;
  if (!dir.empty() && r.file.rfind(dir + "/", 0) == 0)
    return "rulesets/" + r.file.substr(dir.size() + 1);
  return DisplayPath(r.file);
}

bool Has(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

void RuleSection(const CheckRun& run, const CheckOptions& options, const Rule& r, Writer& w) {
  const Config& c = run.config;
  auto rc = c.rules.find(r.id);
  const RuleConfig* conf = rc == c.rules.end() ? nullptr : &rc->second;
  const ActiveRule* active = nullptr;
  for (const ActiveRule& a : run.active) {
    if (a.rule == &r) active = &a;
  }
  w.Line("  " + r.id + ":", r.name);
  std::string enabled_from = "default";
  if (Has(options.disable, r.id))
    enabled_from = "--disable";
  else if (Has(options.enable, r.id))
    enabled_from = "--enable";
  else if (conf && conf->enabled)
    enabled_from = w.At(conf->enabled_at);
  w.Line(std::string("    enabled: ") + (active ? "true" : "false"), enabled_from);
  Severity sev = r.severity;
  std::string sev_from = "rule file " + RuleFile(run, r);
  if (auto p = r.profile_severity.find(run.profile); p != r.profile_severity.end()) {
    sev = p->second;
    sev_from = "profile " + run.profile + " (rule file)";
  }
  if (conf && conf->severity) {
    sev = *conf->severity;
    sev_from = w.At(conf->severity_at);
  }
  w.Line(std::string("    severity: ") + SeverityName(sev), sev_from);
  if (r.params.empty()) return;
  w.Line("    params:", "");
  for (const ParamSpec& p : r.params) {
    Value value = ParamDefault(p, run.profile);
    std::string from = p.profiles.count(run.profile) ? "profile " + run.profile : "default";
    if (conf) {
      if (auto it = conf->params.find(p.name); it != conf->params.end()) {
        value = it->second;
        from = w.At(it->second.loc());
      }
    }
    w.Line("      " + p.name + ": " + ParamText(value), from);
  }
}

}  // namespace

std::string ShowConfig(const CheckRun& run, const CheckOptions& options) {
  const Config& c = run.config;
  Writer w(c);
  w.Line("# iaclint check --show-config: the effective settings; each comment says where the", "");
  w.Line("# value comes from (default, profile, rule file, file:line:col, or an option).", "");
  if (c.path.empty()) {
    w.Line("# configuration file: none (no .iaclint.yaml found walking up from here)", "");
  } else {
    w.Line("# configuration file: " + c.path +
               (options.config_path.empty() ? " (found walking up from here)" : " (--config)"),
           "");
  }
  w.Line("profile: " + run.profile,
         options.profile ? "--profile" : (c.profile ? w.At(c.profile_at) : "default"));
  w.Line("fail_on: " + options.fail_on.value_or(c.fail_on.value_or("error")),
         options.fail_on ? "--fail-on" : (c.fail_on ? w.At(c.fail_on_at) : "default"));
  w.Line("unknown: " + options.unknown.value_or(c.unknown.value_or("warn")),
         options.unknown ? "--unknown" : (c.unknown ? w.At(c.unknown_at) : "default"));
  const bool inline_on = !options.no_inline_suppressions && c.inline_suppressions.value_or(true);
  w.Line(std::string("inline_suppressions: ") + (inline_on ? "true" : "false"),
         options.no_inline_suppressions ? "--no-inline-suppressions"
         : c.inline_suppressions        ? w.At(c.inline_suppressions_at)
                                        : "default");
  w.Line("exclude: " + List(c.exclude), c.exclude_at.line ? w.At(c.exclude_at) : "default");
  std::vector<std::string> rulesets = options.rulesets;
  rulesets.insert(rulesets.end(), c.rulesets.begin(), c.rulesets.end());
  std::string rulesets_from = "default";
  if (!options.rulesets.empty()) rulesets_from = "--ruleset";
  if (c.rulesets_at.line) {
    rulesets_from = (options.rulesets.empty() ? "" : "--ruleset, ") + w.At(c.rulesets_at);
  }
  w.Line("rulesets: " + List(rulesets), rulesets_from);
  w.Line("rules:", "");
  for (const Rule& r : run.rules.rules) {
    if (r.scope != "tool") RuleSection(run, options, r, w);
  }
  return w.str();
}

}  // namespace iaclint
