// One analysis run, from paths to report: shared by `check`, `baseline create` and `test`.
#ifndef IACLINT_CLI_PIPELINE_H_
#define IACLINT_CLI_PIPELINE_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "input/load.h"
#include "report/report.h"
#include "rules/ruleset.h"

namespace iaclint {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string config_path;  ///< explicit --config ("" = search from the working directory)
  bool no_config_search = false;
  std::optional<std::string> profile;
  std::vector<std::string> rulesets;
  std::vector<std::string> enable, disable;
  std::optional<std::string> fail_on;
  std::optional<std::string> unknown;
  std::string type;
  std::string stdin_name;
  unsigned jobs = 0;
  bool no_inline_suppressions = false;
  std::vector<std::string> var_files;
  std::string baseline;
  /// Hidden debug output: one line per walked file (type or skip reason, time, unresolved
  /// values by reason); the corpus test reads it.
  std::string debug_inputs;
  /// --max-file-size and the other limits, by their limits: name, as given (validated later).
  std::map<std::string, std::string> limit_args;
  /// Draw a progress line on standard error when it is a terminal and the run is slow.
  bool progress = true;
};

/// Everything a run produced; emitters read it.
struct CheckRun {
  Config config;
  std::string profile;
  RuleSet rules;
  std::vector<ActiveRule> active;
  Model model;
  EngineOutput engine;
  Report report;
  std::vector<std::string> fatal;  ///< exit status 2 problems found while loading inputs
};

/// Loads the configuration and the rules and activates them, without reading any input
/// (what `check --show-config` needs). Errors as for RunCheck. `meanwhile`, when given, runs
/// once the configuration and the mappings are loaded, while the rule files are parsed on a
/// second thread (RunCheck reads its inputs then).
Result<std::unique_ptr<CheckRun>> PrepareCheck(
    const CheckOptions& options, const std::function<void(CheckRun&)>& meanwhile = {});

/// Runs the analysis. An Error means the tool could not do its job (exit status 2); its
/// message is ready to print ("path:line:col: ...").
Result<std::unique_ptr<CheckRun>> RunCheck(const CheckOptions& options);

/// Rules after profile, config and --enable/--disable, with severities and parameters.
Result<std::vector<ActiveRule>> ActivateRules(const RuleSet& rules, const Config& config,
                                              const CheckOptions& options,
                                              const std::string& profile);

/// The limits of a run: built-in defaults, then .iaclint.yaml `limits:`, then the options.
Result<ParseLimits> ResolveLimits(const Config& config, const CheckOptions& options);

/// Today's date (IACLINT_TODAY overrides it, for reproducible tests).
std::string Today();

}  // namespace iaclint

#endif  // IACLINT_CLI_PIPELINE_H_
