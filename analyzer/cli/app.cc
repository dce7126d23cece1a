#include "cli/app.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "base/process_exit.h"
#include "cli/baseline.h"
#include "cli/pipeline.h"
#include "cli/rule_tests.h"
#include "cli/show_config.h"
#include "emit/emitter.h"
#include "parse/limits.h"
#include "rules/docs.h"

namespace iaclint {

namespace {

constexpr int kExitError = 2;

int Fatal(const std::string& message) {
  std::cerr << "iaclint: error: " << message << "\n";
  return kExitError;
}

struct FormatTarget {
  const EmitterSpec* emitter;
  std::string file;  ///< "" = standard output
};

Result<std::vector<FormatTarget>> ParseFormats(const std::vector<std::string>& specs,
                                               const std::string& output) {
  std::vector<FormatTarget> out;
  for (const std::string& spec : specs.empty() ? std::vector<std::string>{"text"} : specs) {
    const size_t eq = spec.find('=');
    const std::string name = spec.substr(0, eq);
    const EmitterSpec* e = FindEmitter(name);
    if (!e) {
      std::string known;
      for (const EmitterSpec& x : Emitters()) known += (known.empty() ? "" : ", ") + std::string(x.name);
      return Error{"unknown format '" + name + "' (expected one of: " + known + ")", {}};
    }
    out.push_back({e, eq == std::string::npos ? output : spec.substr(eq + 1)});
    if (eq != std::string::npos && out.back().file.empty()) {
      return Error{"--format " + spec + ": the file name after '=' is missing", {}};
    }
  }
  // Two formats in one stream would be unreadable for both consumers.
  std::set<std::string> destinations;
  for (const FormatTarget& t : out) {
    const std::string where = t.file.empty() ? "-" : t.file;
    if (!destinations.insert(where).second) {
      return Error{where == "-" ? "only one format can go to standard output; write the others "
                                  "with --format FORMAT=FILE"
                                : "two formats would be written to " + where,
                   {}};
    }
  }
  return out;
}

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  // https://no-color.org: any non-empty NO_COLOR turns colour off; so does a dumb terminal.
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  if (no_color && *no_color) return false;
  if (term && std::string(term) == "dumb") return false;
  return isatty(STDOUT_FILENO);
}

int Emit(const CheckRun& run, const std::vector<FormatTarget>& targets, const std::string& color) {
  for (const FormatTarget& t : targets) {
    const bool to_stdout = t.file.empty() || t.file == "-";
    const bool text = t.emitter->name == "text";
    EmitContext ctx{run.report,
                    run.model,
                    run.rules,
                    run.active,
                    to_stdout && text && UseColor(color),
                    to_stdout && text && isatty(STDOUT_FILENO),
                    &run.engine};
    if (to_stdout) {
      t.emitter->fn(ctx, std::cout);
      continue;
    }
    std::ofstream file(t.file, std::ios::binary);
    if (!file) return Fatal(t.file + ": cannot write: " + std::strerror(errno));
    t.emitter->fn(ctx, file);
    file.close();
    if (!file) return Fatal(t.file + ": write failed: " + std::strerror(errno));
  }
  std::cout.flush();
  return 0;
}

void AddCheckOptions(CLI::App& cmd, CheckOptions& o) {
  cmd.add_option("--config", o.config_path, "configuration file (default: .iaclint.yaml found walking up)");
  cmd.add_option("--profile", o.profile, "parameter profile: jp-baseline (default) or cis-aws")
      ->check(CLI::IsMember({"jp-baseline", "cis-aws"}));
  // Repeatable options take one value each time, so `--disable IAC0601 templates/` keeps
  // templates/ as a path.
  cmd.add_option("--ruleset", o.rulesets, "load additional rule files from DIR (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("--enable", o.enable, "enable a rule (repeatable)")->allow_extra_args(false);
  cmd.add_option("--disable", o.disable, "disable a rule (repeatable)")->allow_extra_args(false);
  cmd.add_option("--type", o.type, "input type of explicit files: cfn, tfplan, tf, lza, cfct, scp")
      ->check(CLI::IsMember({"cfn", "tfplan", "tf", "lza", "cfct", "scp"}));
  cmd.add_option("--stdin-filename", o.stdin_name, "name reported for input read from '-'");
  cmd.add_option("-j,--jobs", o.jobs, "parser threads (default: all cores)");
  cmd.add_option("--var-file", o.var_files, "Terraform variable file (repeatable)")
      ->allow_extra_args(false);
  // Hidden (empty group): per-file detection, timing and unresolved values, for the corpus test.
  cmd.add_option("--debug-inputs", o.debug_inputs, "write one line per walked file to FILE")
      ->group("");
  for (const LimitSpec& spec : LimitSpecs()) {
    const std::string name(spec.name);
    cmd.add_option_function<std::string>(
           LimitOption(name),
           [&o, name](const std::string& v) { o.limit_args[name] = v; }, std::string(spec.help))
        ->type_name(spec.byte_size ? "SIZE" : "N");
  }
}

int ShowConfigCommand(const CheckOptions& options) {
  auto run = PrepareCheck(options);
  if (!run.ok()) return Fatal(run.error().message);
  std::cout << ShowConfig(**run, options);
  return 0;
}

int RunCheckCommand(const CheckOptions& options, const std::vector<std::string>& formats,
          const std::string& output, const std::string& color) {
  auto targets = ParseFormats(formats, output);
  if (!targets.ok()) return Fatal(targets.error().message);
  auto run = RunCheck(options);
  if (!run.ok()) return Fatal(run.error().message);
  // An explicit input of no supported type: the run did not do what was asked, and a report
  // without that file would look like a verdict on it.
  for (const std::string& f : (*run)->fatal) std::cerr << "iaclint: error: " << f << "\n";
  if (!(*run)->fatal.empty()) return kExitError;
  const int emitted = Emit(**run, *targets, color);
  const int exit_code = emitted ? emitted : (*run)->report.exit_code;
  KeepUntilExit(*run);
  return exit_code;
}

int ListRules(const std::string& format) {
  auto dir = FindRulesetsDir();
  if (!dir.ok()) return Fatal(dir.error().message);
  auto set = LoadRuleSet(*dir, {});
  if (!set.ok()) return Fatal(set.error().message);
  if (format == "markdown") {
    std::cout << RulesCatalogMarkdown(*set);
    return 0;
  }
  if (format == "json") {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const Rule& r : set->rules) {
      nlohmann::ordered_json params = nlohmann::ordered_json::object();
      for (const ParamSpec& p : r.params) params[p.name] = p.default_value.AsText().value_or(p.default_value.Render());
      rules.push_back({{"id", r.id}, {"name", r.name}, {"severity", SeverityName(r.severity)},
                       {"control", r.control}, {"scope", r.scope}, {"summary", r.summary},
                       {"help_uri", r.help_uri}, {"tags", r.tags}, {"params", params}});
    }
    std::cout << rules.dump(2) << "\n";
    return 0;
  }
  for (const Rule& r : set->rules) {
    std::cout << r.id << "  " << r.name << "  (" << SeverityName(r.severity)
              << (r.control.empty() ? "" : ", control " + r.control) << ")\n      " << r.summary << "\n";
  }
  return 0;
}

int Explain(const std::string& id) {
  auto dir = FindRulesetsDir();
  if (!dir.ok()) return Fatal(dir.error().message);
  auto set = LoadRuleSet(*dir, {});
  if (!set.ok()) return Fatal(set.error().message);
  const Rule* r = set->Find(id);
  if (!r) return Fatal("unknown rule id '" + id + "' (see iaclint rules)");
  std::cout << RuleHelpText(*r, &*set);
  return 0;
}

int TestRules(const std::vector<std::string>& dirs, bool update, const std::vector<std::string>& only) {
  auto dir = FindRulesetsDir();
  if (!dir.ok()) return Fatal(dir.error().message);
  RuleSet set;
  if (dirs.empty()) {
    auto loaded = LoadRuleSet(*dir, {});
    if (!loaded.ok()) return Fatal(loaded.error().message);
    set = std::move(*loaded);
  } else {
    auto base = LoadRuleSet(*dir, {});
    if (!base.ok()) return Fatal(base.error().message);
    set.controls = base->controls;
    for (const std::string& d : dirs) {
      auto rules = LoadRuleFiles(d);
      if (!rules.ok()) return Fatal(rules.error().message);
      for (Rule& r : *rules) set.rules.push_back(std::move(r));
    }
  }
  const char* env = std::getenv("IACLINT_UPDATE_GOLDEN");
  update |= env && *env && std::string(env) != "0";
  RuleTestSummary s = RunRuleTests(set, dirs, dirs, update, only, std::cout);
  return s.failures ? 1 : 0;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App app{"iaclint: proves that an AWS account baseline is declared in infrastructure as code.\n"
               "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 could not do the job."};
  app.set_version_flag("--version", std::string("iaclint ") + IACLINT_VERSION);
  app.require_subcommand(1);

  CheckOptions options;
  std::vector<std::string> formats;
  std::string output, color = "auto";
  CLI::App* check = app.add_subcommand("check", "analyse files and directories (default: .) as ONE account scope");
  check->add_option("paths", options.paths, "files or directories ('-' reads standard input)");
  check
      ->add_option("--format", formats,
                   "text (default), gnu, json, sarif, github, junit, markdown; F=FILE writes "
                   "that format to FILE (repeatable)")
      ->allow_extra_args(false);
  check->add_option("-o,--output", output, "write the (single) format to FILE");
  check->add_option("--fail-on", options.fail_on, "error (default), warning, note, never")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  check->add_option("--unknown", options.unknown, "report UNKNOWN results as warn (notes), fail or ignore")
      ->check(CLI::IsMember({"warn", "fail", "ignore"}));
  check->add_option("--baseline", options.baseline, "report only findings not recorded in FILE");
  check->add_flag("--no-inline-suppressions", options.no_inline_suppressions,
                  "ignore suppression comments and metadata");
  check->add_option("--color", color, "auto, always, never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  bool show_config = false, no_progress = false;
  check->add_flag("--show-config", show_config,
                  "print every effective setting and where it comes from, then exit");
  check->add_flag("--no-progress", no_progress, "never draw the progress line on standard error");
  AddCheckOptions(*check, options);

  std::string rules_format = "text";
  CLI::App* rules = app.add_subcommand("rules", "list every rule with its metadata");
  rules->add_option("--format", rules_format, "text, json, markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));

  std::string explain_id;
  CLI::App* explain = app.add_subcommand("explain", "full description, parameters and references of a rule");
  explain->add_option("rule", explain_id, "rule id, e.g. IAC0804")->required();

  CLI::App* baseline = app.add_subcommand("baseline", "record today's findings so that only new ones are reported");
  baseline->require_subcommand(1);
  std::string baseline_file;
  CheckOptions baseline_options;
  CLI::App* create = baseline->add_subcommand("create", "write FILE with the findings of PATH...");
  create->add_option("file", baseline_file, "baseline file to write")->required();
  create->add_option("paths", baseline_options.paths, "files or directories");
  AddCheckOptions(*create, baseline_options);

  std::vector<std::string> test_dirs, test_only;
  bool update = false;
  CLI::App* test = app.add_subcommand("test", "run each rule's pass/fail fixtures");
  test->add_option("dirs", test_dirs, "rule directories (default: the built-in rulesets)");
  test->add_option("--rule", test_only, "only this rule (repeatable)")->allow_extra_args(false);
  test->add_flag("--update", update, "rewrite expected.txt goldens (also IACLINT_UPDATE_GOLDEN=1)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }

  options.progress = !no_progress;
  if (*check && show_config) return ShowConfigCommand(options);
  if (*check) return RunCheckCommand(options, formats, output, color);
  if (*rules) return ListRules(rules_format);
  if (*explain) return Explain(explain_id);
  if (*test) return TestRules(test_dirs, update, test_only);
  if (*create) {
    baseline_options.progress = options.progress;
    auto run = RunCheck(baseline_options);
    if (!run.ok()) return Fatal(run.error().message);
    for (const std::string& f : (*run)->fatal) std::cerr << "iaclint: error: " << f << "\n";
    if (!(*run)->fatal.empty()) return kExitError;
    auto written = WriteBaseline(baseline_file, (*run)->report, (*run)->model);
    if (!written.ok()) return Fatal(written.error().message);
    std::cerr << "iaclint: recorded " << *written << (*written == 1 ? " finding" : " findings")
              << " in " << baseline_file << "\n";
    return 0;
  }
  return kExitError;
}

}  // namespace iaclint
