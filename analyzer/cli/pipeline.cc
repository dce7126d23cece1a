#include "cli/pipeline.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <iterator>
#include <optional>
#include <set>

#include "base/files.h"
#include "cli/baseline.h"
#include "cli/debug_inputs.h"
#include "config/attestations.h"
#include "input/walk.h"
#include "model/tool_findings.h"
#include "report/attest.h"
#include "rules/monitoring_ops.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

Error Fail(std::string message) { return Error{std::move(message), {}}; }

Result<Config> LoadConfig(const CheckOptions& options, Model& model) {
  std::string path = options.config_path;
  if (path.empty() && !options.no_config_search) path = FindConfigFile(".");
  if (path.empty()) return Config{};
  auto text = ReadFileBounded(path, 4u << 20);
  if (!text.ok()) return Fail(path + ": " + text.error().message);
  const std::string shown = DisplayPath(path);
  const FileId file = model.AddFile(SourceFile{shown, path, "config", *text});
  auto config = ParseConfig(*text, shown, file);
  if (!config.ok()) return Fail(FormatFileError(shown, config.error()));
  return config;
}

std::string ProfileOf(const CheckOptions& options, const Config& config) {
  if (options.profile) return *options.profile;
  if (config.profile) return *config.profile;
  return "jp-baseline";
}

// Account-scope findings with no resource go to the line that governs the rule (its entry in
// .iaclint.yaml, else the profile line), else to line 1 of the first analysed file.
void Anchors(const CheckRun& run, EngineOptions& options) {
  for (const auto& [id, rc] : run.config.rules) options.rule_anchors[id] = rc.where;
  if (run.config.profile) {
    for (const ActiveRule& a : run.active) {
      options.rule_anchors.emplace(a.rule->id, run.config.profile_at);
    }
  }
  const std::string* first = nullptr;
  for (FileId i = 0; i < run.model.files().size(); ++i) {
    const SourceFile& f = run.model.file(i);
    if (f.type.empty() || f.type == "config" || f.type == "evidence") continue;
    if (!first || f.path < *first) {
      first = &f.path;
      options.default_anchor = Location{i, 1, 1, 1, 1};
    }
  }
  if (!first && !run.config.path.empty()) options.default_anchor = Location{0, 1, 1, 1, 1};
  options.default_anchor_note = "account-wide finding, reported at line 1 of the first analysed file";
}

// What the walk left out for a reason worth telling (a symbolic link out of the tree, a
// directory it may not read) is a note on the entry itself, never on what it points to.
void ReportSkipped(const std::vector<std::pair<std::string, std::string>>& skipped, Model& model) {
  for (const auto& [path, why] : skipped) {
    const FileId file = model.AddFile(SourceFile{path, "", "", ""});
    model.diagnostics().push_back(
        ToolFinding(kUnsupportedInput, "skipped: " + why, Location{file, 1, 1, 1, 1}));
  }
}

// A configured parameter must have the kind of its default (a number for min_length, ...).
std::optional<std::string> ParamTypeProblem(const Value& default_value, const Value& value) {
  using K = Value::Kind;
  const K want = default_value.kind();
  if (want == K::kNull || value.kind() == want) return std::nullopt;
  const std::string shown = " (default: " + default_value.Render(40) + ")";
  switch (want) {
    case K::kNumber:
      return "must be a number" + shown;
    case K::kBool:
      return "must be true or false" + shown;
    case K::kString:
      if (value.IsScalar() && !value.IsNull()) return std::nullopt;
      return "must be a string" + shown;
    case K::kList:
      return "must be a list" + shown;
    case K::kMap:
      return "must be a map" + shown;
    default:
      return std::nullopt;
  }
}

}  // namespace

Result<ParseLimits> ResolveLimits(const Config& config, const CheckOptions& options) {
  ParseLimits limits;
  for (const auto& [name, value] : config.limits) {
    if (const LimitSpec* spec = FindLimit(name)) limits.*(spec->field) = value;
  }
  for (const auto& [name, text] : options.limit_args) {
    const LimitSpec* spec = FindLimit(name);
    if (!spec) return Fail("unknown limit '" + name + "'");
    std::string error;
    auto value = ParseLimitValue(*spec, text, &error);
    if (!value) return Fail(LimitOption(name) + " " + error);
    limits.*(spec->field) = *value;
  }
  return limits;
}

std::string Today() {
  if (const char* t = std::getenv("IACLINT_TODAY"); t && *t) return t;
  return TodayIso();
}

Result<std::vector<ActiveRule>> ActivateRules(const RuleSet& rules, const Config& config,
                                              const CheckOptions& options,
                                              const std::string& profile) {
  std::set<std::string> enable(options.enable.begin(), options.enable.end());
  std::set<std::string> disable(options.disable.begin(), options.disable.end());
  for (const auto& ids : {enable, disable}) {
    for (const std::string& id : ids) {
      if (!rules.Find(id)) return Fail("unknown rule id '" + id + "' (see iaclint rules)");
    }
  }
  for (const auto& [id, rc] : config.rules) {
    if (!rules.Find(id)) {
      return Fail(FormatFileError(config.path, Error{"unknown rule id '" + id + "'", rc.where}));
    }
  }
  std::vector<ActiveRule> out;
  for (const Rule& r : rules.rules) {
    if (r.scope == "tool") continue;
    auto rc = config.rules.find(r.id);
    bool enabled = true;
    if (rc != config.rules.end() && rc->second.enabled) enabled = *rc->second.enabled;
    if (enable.count(r.id)) enabled = true;
    if (disable.count(r.id)) enabled = false;
    if (!enabled) continue;
    ActiveRule a = DefaultActivation(r, profile);
    if (rc != config.rules.end() && rc->second.severity) a.severity = *rc->second.severity;
    if (rc != config.rules.end()) {
      for (const auto& [name, value] : rc->second.params) {
        if (!a.params.count(name)) {
          return Fail(FormatFileError(config.path, Error{"rule " + r.id + " has no parameter '" +
                                                             name + "'",
                                                         value.loc()}));
        }
        if (auto problem = ParamTypeProblem(a.params[name], value)) {
          return Fail(FormatFileError(
              config.path,
              Error{"rule " + r.id + " parameter '" + name + "' " + *problem, value.loc()}));
        }
        a.params[name] = value;
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::unique_ptr<CheckRun>> PrepareCheck(const CheckOptions& options,
                                              const std::function<void(CheckRun&)>& meanwhile) {
  auto run = std::make_unique<CheckRun>();
  auto config = LoadConfig(options, run->model);
  if (!config.ok()) return config.error();
  run->config = std::move(*config);

  auto dir = FindRulesetsDir();
  if (!dir.ok()) return dir.error();
  std::vector<std::string> extra = options.rulesets;
  for (const std::string& r : run->config.rulesets) {
    extra.push_back((fs::path(run->config.path).parent_path() / r).string());
  }
  // The monitoring items of control 09 (rulesets/events: 270 KB of sample events) take
  // longer to read than the rules: a third thread reads them from the start, and the IAC09xx
  // rules find them loaded. Waited for before returning, so no thread outlives the run.
  std::future<void> events;
  if (meanwhile && fs::is_directory(*dir + "/events")) {
    events = std::async(std::launch::async, [] { static_cast<void>(BuiltinMonitoringItems()); });
  }
  auto mappings = LoadMappings(*dir + "/mappings");
  if (!mappings.ok()) return mappings.error();
  run->rules.mappings = std::move(*mappings);
  // The rule files are data parsed on every run (a quarter of a one-template run): a second
  // thread parses them while `meanwhile` reads the inputs, which need only the mappings.
  auto loading = std::async(meanwhile ? std::launch::async : std::launch::deferred,
                            [&] { return LoadRulesAndControls(*dir, extra); });
  if (meanwhile) meanwhile(*run);
  auto rules = loading.get();
  if (!rules.ok()) return rules.error();
  rules->mappings = std::move(run->rules.mappings);
  run->rules = std::move(*rules);
  run->profile = ProfileOf(options, run->config);
  auto active = ActivateRules(run->rules, run->config, options, run->profile);
  if (!active.ok()) return active.error();
  auto attested = ValidateAttestations(run->config, run->rules, Today());
  if (!attested.ok()) return Fail(FormatFileError(run->config.path, attested.error()));
  run->active = std::move(*active);
  return run;
}

Result<std::unique_ptr<CheckRun>> RunCheck(const CheckOptions& options) {
  std::optional<ProgressLine> progress;
  std::optional<Error> input_error;
  std::optional<ParseLimits> limits;
  std::vector<InputTrace> traces;
  std::vector<std::pair<std::string, std::string>> skipped;
  // Reads the inputs while the rules load; any configuration or rule error is still reported
  // first, as when the rules were loaded before.
  auto read_inputs = [&](CheckRun& run) {
    auto resolved = ResolveLimits(run.config, options);
    if (!resolved.ok()) {
      input_error = resolved.error();
      return;
    }
    limits = *resolved;
    WalkOptions walk;
    walk.exclude = run.config.exclude;
    std::vector<std::string> paths;
    std::optional<std::pair<std::string, std::string>> stdin_input;
    for (const std::string& p : options.paths) {
      if (p == "-") {
        auto text = ReadStreamBounded(std::cin, limits->max_file_bytes);
        if (!text.ok()) {
          input_error = Error{"standard input: " + text.error().message, {}};
          return;
        }
        stdin_input = {options.stdin_name.empty() ? "<stdin>" : options.stdin_name, std::move(*text)};
      } else {
        paths.push_back(p);
      }
    }
    if (paths.empty() && !stdin_input) paths.push_back(".");
    progress.emplace(options.progress && ProgressLine::WantedOn(STDERR_FILENO),
                     ProgressLine::DefaultDelay(), STDERR_FILENO);
    progress->Stage("looking for inputs", 0);
    auto walked = WalkPaths(paths, walk);
    if (!walked.ok()) {
      input_error = walked.error();
      return;
    }

    LoadOptions load;
    load.jobs = options.jobs;
    load.limits = *limits;
    load.forced_type = options.type;
    load.mappings = &run.rules.mappings;
    load.var_files = options.var_files;
    load.stdin_input = std::move(stdin_input);
    if (!options.debug_inputs.empty()) load.traces = &traces;
    load.progress = &*progress;
    run.fatal = LoadInputs(walked->files, load, run.model);
    skipped = std::move(walked->skipped);
  };
  auto prepared = PrepareCheck(options, read_inputs);
  if (!prepared.ok()) return prepared.error();
  if (input_error) return *input_error;
  std::unique_ptr<CheckRun> run = std::move(*prepared);
  const std::string profile = run->profile;

  if (!options.debug_inputs.empty()) {
    auto written = WriteInputTraces(options.debug_inputs, traces, run->model);
    if (!written.ok()) return written.error();
  }
  ReportSkipped(skipped, run->model);
  run->model.SetTypeInfo(run->rules.mappings.types);

  progress->Stage("checking the baseline", 0);
  EngineOptions engine;
  engine.max_forks = limits->max_if_combinations;
  engine.jobs = options.jobs;
  Anchors(*run, engine);
  const bool anything = engine.default_anchor.known();
  if (anything) {
    run->engine = RunRules(run->active, run->model, engine);
    AttestationInputs attest{run->config, run->rules, run->active, Today(),
                             ReviewDays(run->config, run->rules), engine.default_anchor,
                             engine.default_anchor_note};
    ApplyAttestations(attest, run->model, run->engine);
  }

  ReportOptions report;
  report.fail_on = options.fail_on.value_or(run->config.fail_on.value_or("error"));
  report.unknown = options.unknown.value_or(run->config.unknown.value_or("warn"));
  report.inline_suppressions =
      !options.no_inline_suppressions && run->config.inline_suppressions.value_or(true);
  report.today = Today();
  report.profile = profile;
  run->report = BuildReport(run->model, run->rules, run->engine, report);
  if (!options.baseline.empty()) {
    auto ok = ApplyBaseline(options.baseline, run->report);
    if (!ok.ok()) return ok.error();
    Summarise(run->report, run->model, report.fail_on);
  }
  progress->Finish();
  return run;
}

}  // namespace iaclint
