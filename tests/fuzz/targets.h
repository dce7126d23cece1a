// The fuzz targets: one function per parser (and one for the whole pipeline over a CFN
// template), each taking arbitrary bytes. They are compiled twice: into libFuzzer binaries
// (tests/fuzz/fuzz_main.cc, -DIACLINT_FUZZ=ON, clang) and into the ordinary test binary, which
// replays every crash found so far (fixtures/fuzz/<target>/) in every build.
//
// A target must not crash, hang, or trip a sanitizer on any input; it returns normally
// whether the input parsed or not. Properties that must hold are checked with Require(),
// which aborts (a crash the fuzzer reports).
#ifndef IACLINT_FUZZ_TARGETS_H_
#define IACLINT_FUZZ_TARGETS_H_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "cfn/template.h"
#include "config/config.h"
#include "emit/emitter.h"
#include "input/confine.h"
#include "input/load.h"
#include "input/walk.h"
#include "parse/json_events.h"
#include "parse/json_reader.h"
#include "parse/yaml_reader.h"
#include "pattern/filter_pattern.h"
#include "pattern/pattern_eval.h"
#include "report/report.h"
#include "rules/engine.h"
#include "rules/rule.h"
#include "rules/ruleset.h"
#include "terraform/hcl_parser.h"
#include "terraform/plan_reader.h"
#include "terraform/tf_loader.h"

namespace iaclint::fuzz {

inline void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
  }
}

// Small limits so that the fuzzer explores structure instead of spending its time on huge
// values; the limits themselves are what is being tested.
inline ParseLimits FuzzLimits() {
  ParseLimits limits;
  limits.max_depth = 64;
  limits.max_nodes = 20'000;
  limits.max_alias_nodes = 5'000;
  limits.max_if_combinations = 16;
  return limits;
}

inline void CheckLocation(const Location& loc) {
  Require(loc.line >= 1 && loc.column >= 1, "an error has a 1-based line and column");
}

/// Records what a JSON reader reports, each event with the offset its position shows.
class JsonEventLog {
 public:
  JsonEventLog(const char* base, const char* const* position) : base_(base), at_(position) {}
  bool null() { return Add("null"); }
  bool boolean(bool b) { return Add(b ? "true" : "false"); }
  bool number_integer(int64_t n) { return Add("i" + std::to_string(n)); }
  bool number_unsigned(uint64_t n) { return Add("u" + std::to_string(n)); }
  bool number_float(double, const std::string& s) { return Add("f" + s); }
  bool string(std::string& s) { return Add("s" + s); }
  bool binary(std::vector<uint8_t>&) { return Add("binary"); }
  bool start_object(size_t) { return Add("{"); }
  bool key(std::string& k) { return Add("k" + k); }
  bool end_object() { return Add("}"); }
  bool start_array(size_t) { return Add("["); }
  bool end_array() { return Add("]"); }
  template <typename E>
  bool parse_error(size_t, const std::string&, const E&) {
    return false;
  }
  std::vector<std::string> events;

 private:
  bool Add(std::string event) {
    events.push_back(std::move(event) + " @" + std::to_string(*at_ - base_));
    return true;
  }
  const char* base_;
  const char* const* at_;
};

/// What ReadJsonEvents and nlohmann's SAX parser make of a text.
struct JsonReadings {
  bool fast_ok = false, nlohmann_ok = false;
  std::vector<std::string> fast, nlohmann;
};

inline JsonReadings ReadJsonBothWays(std::string_view text) {
  JsonReadings r;
  const char* at = text.data();
  JsonEventLog fast(text.data(), &at);
  r.fast_ok = ReadJsonEvents(text, fast, &at);
  r.fast = std::move(fast.events);
  at = text.data();
  JsonEventLog slow(text.data(), &at);
  try {
    r.nlohmann_ok =
        nlohmann::json::sax_parse(PublishingIterator(text.data(), &at),
                                  PublishingIterator(text.data() + text.size(), &at), &slow);
  } catch (const std::exception&) {
    r.nlohmann_ok = false;
  }
  r.nlohmann = std::move(slow.events);
  return r;
}

/// The fast JSON reader accepts what nlohmann accepts, and reports the same events at the
/// same offsets.
inline void CheckJsonReadersAgree(std::string_view data) {
  const JsonReadings r = ReadJsonBothWays(data);
  Require(r.fast_ok == r.nlohmann_ok, "ReadJsonEvents accepts what nlohmann accepts");
  if (r.fast_ok) Require(r.fast == r.nlohmann, "ReadJsonEvents reports nlohmann's events");
}

inline void FuzzJson(std::string_view data) {
  CheckJsonReadersAgree(data);
  auto doc = ParseJson(data, 0, FuzzLimits());
  if (!doc.ok()) {
    CheckLocation(doc.error().where);
    return;
  }
  (void)doc->root.Render(200);
  Value s = Value::String(std::string(data), Location{0, 1, 1, 1, 1});
  (void)ParseEmbeddedJson(s, FuzzLimits());
}

inline void FuzzYaml(std::string_view data) {
  auto doc = ParseYaml(data, 0, FuzzLimits());
  if (!doc.ok()) {
    CheckLocation(doc.error().where);
    return;
  }
  (void)doc->root.Render(200);
}

/// The built-in rulesets (rules, mappings), loaded once.
inline const RuleSet& BuiltinRules() {
  static const RuleSet rules = [] {
    auto loaded = LoadRuleSet(IACLINT_SOURCE_RULESETS, {});
    Require(loaded.ok(), "the built-in rulesets load");
    return std::move(*loaded);
  }();
  return rules;
}

/// The whole pipeline over one document given as standard input: detection, parsing, the
/// CloudFormation normaliser, every rule, the report and every output format.
inline void FuzzCfn(std::string_view data) {
  const RuleSet& rules = BuiltinRules();
  LoadOptions load;
  load.jobs = 1;
  load.limits = FuzzLimits();
  load.mappings = &rules.mappings;
  load.stdin_input = std::make_pair(std::string("fuzz.yaml"), std::string(data));
  Model model;
  (void)LoadInputs({}, load, model);
  model.SetTypeInfo(rules.mappings.types);
  std::vector<ActiveRule> active;
  for (const Rule& r : rules.rules) {
    if (r.scope != "tool") active.push_back(DefaultActivation(r, "jp-baseline"));
  }
  EngineOptions engine;
  engine.max_forks = load.limits.max_if_combinations;
  if (!model.files().empty()) engine.default_anchor = Location{0, 1, 1, 1, 1};
  const EngineOutput out = RunRules(active, model, engine);
  ReportOptions options;
  options.today = "2026-11-28";
  const Report report = BuildReport(model, rules, out, options);
  for (const Finding& f : report.findings) {
    Require(f.loc.line >= 1 && f.loc.column >= 1, "findings have 1-based places");
    Require(f.message.find('\n') == std::string::npos, "messages are one line");
  }
  for (const EmitterSpec& e : Emitters()) {
    std::ostringstream text;
    e.fn(EmitContext{report, model, rules, active, false, false}, text);
  }
}

inline void FuzzRule(std::string_view data) {
  auto doc = ParseYaml(data, kNoFile, FuzzLimits());
  if (!doc.ok()) return;
  (void)ParseRule(doc->root, "IAC0801-fuzz.yaml");
}

inline void FuzzConfig(std::string_view data) {
  auto config = ParseConfig(data, ".iaclint.yaml", 0);
  if (!config.ok()) CheckLocation(config.error().where);
}

/// A fixed tree to confine references to, created once.
inline const std::string& ConfineRoot() {
  static const std::string root = [] {
    namespace fs = std::filesystem;
    const fs::path base = fs::temp_directory_path() / "iaclint-fuzz-confine";
    std::error_code ec;
    fs::create_directories(base / "tree" / "sub", ec);
    fs::create_directories(base / "outside", ec);
    fs::create_symlink(base / "outside", base / "tree" / "sub" / "out", ec);
    fs::create_symlink("..", base / "tree" / "sub" / "up", ec);
    return (base / "tree").string();
  }();
  return root;
}

/// Whatever the reference, a resolved path lies inside the tree.
inline void FuzzConfine(std::string_view data) {
  const std::string& root = ConfineRoot();
  auto resolved = ResolveConfined(data, root + "/sub/template.yaml", root);
  if (!resolved.ok()) return;
  Require(IsInside(resolved->disk_path, root), "a confined path stays inside the analysed tree");
  std::error_code ec;
  const std::string real = std::filesystem::weakly_canonical(resolved->disk_path, ec).string();
  Require(ec || IsInside(real, root), "a confined path's real path stays inside the tree");
  Require(PrintableText(resolved->display) == resolved->display, "displayed paths are printable");
}

inline HclParseOptions FuzzHclOptions() {
  HclParseOptions options;
  options.limits = FuzzLimits();
  options.base_seconds = 2.0;
  options.seconds_per_mb = 1.0;
  return options;
}

/// A .tf text through tree-sitter and the conversion to the located syntax tree.
inline void FuzzHcl(std::string_view data) {
  const HclParseResult r = ParseHcl(data, 0, FuzzHclOptions());
  for (const Error& e : r.errors) CheckLocation(e.where);
}

/// A .tf text as a whole root module: parsing, evaluation (expressions, functions, count and
/// for_each, locals, policy documents) into resource instances.
inline void FuzzTerraform(std::string_view data) {
  namespace fs = std::filesystem;
  static const std::string dir = [] {
    const fs::path d = fs::temp_directory_path() / ("iaclint-fuzz-tf-" + std::to_string(getpid()));
    std::error_code ec;
    fs::create_directories(d, ec);
    return d.string();
  }();
  {
    std::FILE* f = std::fopen((dir + "/main.tf").c_str(), "wb");
    if (!f) return;
    std::fwrite(data.data(), 1, data.size(), f);
    std::fclose(f);
  }
  TfLoadOptions options;
  options.root = dir;
  options.parse = FuzzHclOptions();
  Model model;
  const TfLoadResult r = LoadTerraformModule(dir, options, model);
  for (const Error& e : r.errors) {
    Require(e.where.file == kNoFile || (e.where.line >= 1 && e.where.column >= 1),
            "a Terraform error in a file has a 1-based place");
  }
}

/// A CloudWatch Logs filter pattern: parsing, its canonical rendering (which must parse again
/// to the same rendering), and evaluation on a CloudTrail event and on the raw text itself.
inline void FuzzPattern(std::string_view data) {
  auto pattern = ParseFilterPattern(data);
  if (!pattern.ok()) {
    CheckLocation(pattern.error().where);
    return;
  }
  const std::string rendered = RenderFilterPattern(*pattern);
  auto again = ParseFilterPattern(rendered);
  // The normal form quotes every string and spaces every operator: it may outgrow the length
  // CloudWatch accepts, and nothing else may stop it from parsing.
  if (!again.ok() && rendered.size() > kMaxFilterPatternLength) return;
  Require(again.ok(), "a rendered pattern parses");
  Require(RenderFilterPattern(*again) == rendered, "rendering is a fixed point");
  static const Value event = [] {
    auto doc = ParseJson(
        R"({"eventVersion":"1.08","userIdentity":{"type":"Root","arn":"arn:aws:iam::1:root"},)"
        R"("eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","errorCode":null,)"
        R"("responseElements":{"ConsoleLogin":"Success"},"resources":[{"ARN":"a"}],"n":3})",
        0, ParseLimits{});
    Require(doc.ok(), "the sample event parses");
    return doc->root;
  }();
  (void)Matches(*pattern, event);
  (void)MatchesText(*pattern, data);
}

/// A Terraform plan JSON text (every resource kept whole).
inline void FuzzPlan(std::string_view data) {
  CheckJsonReadersAgree(data);
  PlanReadOptions options;
  options.limits = FuzzLimits();
  auto plan = ReadTerraformPlan(data, 0, options);
  if (!plan.ok()) CheckLocation(plan.error().where);
}

struct Target {
  const char* name;
  void (*run)(std::string_view);
};

inline const std::vector<Target>& Targets() {
  static const std::vector<Target> targets = {
      {"json", FuzzJson}, {"yaml", FuzzYaml},           {"cfn", FuzzCfn},
      {"rule", FuzzRule}, {"config", FuzzConfig},       {"confine", FuzzConfine},
      {"hcl", FuzzHcl},   {"terraform", FuzzTerraform}, {"pattern", FuzzPattern},
      {"plan", FuzzPlan},
  };
  return targets;
}

inline const Target* FindTarget(std::string_view name) {
  for (const Target& t : Targets()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace iaclint::fuzz

#endif  // IACLINT_FUZZ_TARGETS_H_
