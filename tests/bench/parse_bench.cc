// Parse floor: how fast iaclint's own readers turn the benchmark inputs into value trees, next to
// the JSON floor (nlohmann SAX with a no-op handler) and the I/O floor (reading the bytes).
//
//   IACLINT_BENCH_DATA=DIR [IACLINT_BENCH_CORPUS=DIR] iaclint_parse_bench [benchmark flags]
//
// DIR is the output of tests/bench/gen.py; without it every benchmark is skipped (exit 0).
// IACLINT_BENCH_CORPUS (a CloudFormation directory, e.g. ../shared/corpus/cloudformation) adds the
// real corpus. Families, each per input:
//   ReadFile/<in>     read every file of the input into memory (warm page cache): the I/O floor
//   ParseYaml/<in>    iaclint::ParseYaml + a walk over every value, YAML files of the input
//   ParseJson/<in>    iaclint::ParseJson + walk, JSON files of the input (CFN JSON, plans)
//   NlohmannSax/<in>  nlohmann::json::sax_parse with a handler that does nothing: the JSON floor
//   JsonEvents/<in>   iaclint::ReadJsonEvents (the plan reader's lexer), the same handler
//   ParseHcl/<in>     iaclint::ParseHcl (tree-sitter-hcl into the HCL syntax tree) + a walk,
//                     .tf files of the input: the floor of the Terraform source loader
// Parse benchmarks start from the text in memory (read once, before timing), so a process needs
// about ReadFile + Parse*. Counters: bytes_per_second, files, values (nodes visited by the walk,
// or SAX events), failed (files the reader rejected), maxrss_MiB (the process's peak RSS so far:
// exact when one benchmark runs per process, as tests/bench/run.sh --parse-bench does).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "parse/json_events.h"
#include "parse/json_reader.h"
#include "parse/yaml_reader.h"
#include "terraform/hcl_parser.h"

namespace fs = std::filesystem;

namespace {

struct Input {
  std::string name;
  std::vector<fs::path> files;  // sorted
};

bool HasExt(const fs::path& p, std::initializer_list<const char*> exts) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* x : exts) {
    if (e == x) return true;
  }
  return false;
}

std::vector<fs::path> ListFiles(const fs::path& root,
                                std::initializer_list<const char*> exts) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) {
    out.push_back(root);
    return out;
  }
  if (!fs::is_directory(root, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && HasExt(it->path(), exts)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadAll(const fs::path& p) {
  std::string s;
  std::FILE* f = std::fopen(p.c_str(), "rb");
  if (!f) return s;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  std::fclose(f);
  return s;
}

bool LooksLikeJson(const std::string& text, const fs::path& p) {
  if (HasExt(p, {".json"})) return true;
  if (!HasExt(p, {".template"})) return false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{';
  }
  return false;
}

size_t Walk(const iaclint::Value& v) {
  size_t n = 1;
  for (const auto& item : v.items()) n += Walk(item);
  for (const auto& m : v.members()) n += Walk(m.value);
  return n;
}

double MaxRssMiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

iaclint::ParseLimits BenchLimits() {
  iaclint::ParseLimits limits;
  limits.max_nodes = SIZE_MAX;  // a 100 MB plan has far more values than any template
  limits.max_alias_nodes = SIZE_MAX;
  limits.max_file_bytes = SIZE_MAX;
  return limits;
}

// Texts of one input, loaded once per benchmark (outside the timed loop).
struct Texts {
  std::vector<std::string> texts;
  size_t bytes = 0;
};

enum class Pick { kAll, kYaml, kJson };

Texts Load(const Input& in, Pick pick) {
  Texts t;
  for (const auto& p : in.files) {
    std::string s = ReadAll(p);
    bool json = LooksLikeJson(s, p);
    if (pick == Pick::kYaml && json) continue;
    if (pick == Pick::kJson && !json) continue;
    t.bytes += s.size();
    t.texts.push_back(std::move(s));
  }
  return t;
}

void ReadFiles(benchmark::State& state, const Input& in) {
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const auto& p : in.files) {
      std::string s = ReadAll(p);
      bytes += s.size();
      benchmark::DoNotOptimize(s.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
  state.counters["files"] = static_cast<double>(in.files.size());
  state.counters["maxrss_MiB"] = MaxRssMiB();
}

template <typename ParseFn>
void ParseTexts(benchmark::State& state, const Input& in, Pick pick, ParseFn parse) {
  Texts t = Load(in, pick);
  if (t.texts.empty()) {
    state.SkipWithError("no files of this kind in the input");
    return;
  }
  const iaclint::ParseLimits limits = BenchLimits();
  size_t values = 0, failed = 0;
  for (auto _ : state) {
    values = failed = 0;
    for (size_t i = 0; i < t.texts.size(); ++i) {
      auto doc = parse(t.texts[i], static_cast<iaclint::FileId>(i), limits);
      if (!doc.ok()) {
        ++failed;
        continue;
      }
      values += Walk(doc->root);
    }
    benchmark::DoNotOptimize(values);
  }
  state.SetBytesProcessed(static_cast<int64_t>(t.bytes) * state.iterations());
  state.counters["files"] = static_cast<double>(t.texts.size());
  state.counters["values"] = static_cast<double>(values);
  state.counters["failed"] = static_cast<double>(failed);
  state.counters["maxrss_MiB"] = MaxRssMiB();
}

// Accepts every event and keeps nothing: the cost of tokenizing JSON with nlohmann.
struct NullSax : nlohmann::json_sax<nlohmann::json> {
  size_t events = 0;
  bool null() override { return ++events; }
  bool boolean(bool) override { return ++events; }
  bool number_integer(number_integer_t) override { return ++events; }
  bool number_unsigned(number_unsigned_t) override { return ++events; }
  bool number_float(number_float_t, const string_t&) override { return ++events; }
  bool string(string_t&) override { return ++events; }
  bool binary(binary_t&) override { return ++events; }
  bool start_object(std::size_t) override { return ++events; }
  bool key(string_t&) override { return ++events; }
  bool end_object() override { return ++events; }
  bool start_array(std::size_t) override { return ++events; }
  bool end_array() override { return ++events; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
};

// Runs `read(text, handler)` with the do-nothing handler on every JSON text of the input.
template <typename Read>
void SaxTexts(benchmark::State& state, const Input& in, Read read) {
  Texts t = Load(in, Pick::kJson);
  if (t.texts.empty()) {
    state.SkipWithError("no JSON files in the input");
    return;
  }
  size_t events = 0, failed = 0;
  for (auto _ : state) {
    events = failed = 0;
    for (const auto& text : t.texts) {
      NullSax sax;
      if (!read(text, sax)) ++failed;
      events += sax.events;
    }
    benchmark::DoNotOptimize(events);
  }
  state.SetBytesProcessed(static_cast<int64_t>(t.bytes) * state.iterations());
  state.counters["files"] = static_cast<double>(t.texts.size());
  state.counters["values"] = static_cast<double>(events);
  state.counters["failed"] = static_cast<double>(failed);
  state.counters["maxrss_MiB"] = MaxRssMiB();
}

bool NlohmannSax(const std::string& text, NullSax& sax) {
  return nlohmann::json::sax_parse(text, &sax);
}

// The lexer the plan reader runs (parse/json_events.h).
bool JsonEvents(const std::string& text, NullSax& sax) {
  const char* position = text.data();
  return iaclint::ReadJsonEvents(text, sax, &position);
}

size_t WalkHcl(const iaclint::HclExpr& e) {
  size_t n = 1;
  for (const auto& c : e.children) n += WalkHcl(c);
  return n;
}

size_t WalkHcl(const iaclint::HclBody& body) {
  size_t n = 1;
  for (const auto& a : body.attributes) n += WalkHcl(a.value);
  for (const auto& b : body.blocks) n += WalkHcl(b.body);
  return n;
}

void HclTexts(benchmark::State& state, const Input& in) {
  Texts t = Load(in, Pick::kAll);
  iaclint::HclParseOptions options;
  options.limits = BenchLimits();  // max_hcl_bytes stays the default: big files parse in pieces
  size_t values = 0, failed = 0;
  for (auto _ : state) {
    values = failed = 0;
    for (size_t i = 0; i < t.texts.size(); ++i) {
      iaclint::HclParseResult r =
          iaclint::ParseHcl(t.texts[i], static_cast<iaclint::FileId>(i), options);
      if (!r.ok()) {
        ++failed;
        continue;
      }
      values += WalkHcl(r.body);
    }
    benchmark::DoNotOptimize(values);
  }
  state.SetBytesProcessed(static_cast<int64_t>(t.bytes) * state.iterations());
  state.counters["files"] = static_cast<double>(t.texts.size());
  state.counters["values"] = static_cast<double>(values);
  state.counters["failed"] = static_cast<double>(failed);
  state.counters["maxrss_MiB"] = MaxRssMiB();
}

auto Configure(benchmark::internal::Benchmark* b) {
  return b->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  const char* data_env = std::getenv("IACLINT_BENCH_DATA");
  if (!data_env || !*data_env || !fs::is_directory(data_env)) {
    std::cerr << "iaclint_parse_bench: IACLINT_BENCH_DATA does not name the output directory of "
                 "tests/bench/gen.py; nothing to measure (skipped).\n";
    return 0;
  }
  const fs::path data(data_env);
  static const std::initializer_list<const char*> kCfnExts = {".yaml", ".yml", ".json", ".template"};
  std::vector<Input> inputs;
  auto add = [&](const std::string& name, const fs::path& path,
                 std::initializer_list<const char*> exts) {
    Input in{name, ListFiles(path, exts)};
    if (in.files.empty()) {
      std::cerr << "iaclint_parse_bench: " << path << " missing, skipping " << name << "\n";
      return;
    }
    inputs.push_back(std::move(in));
  };
  add("cfn-100", data / "cfn-100.yaml", kCfnExts);
  add("cfn-1000", data / "cfn-1000.yaml", kCfnExts);
  add("cfn-10000", data / "cfn-10000.yaml", kCfnExts);
  add("cfn-dir", data / "cfn-dir", kCfnExts);
  if (const char* corpus = std::getenv("IACLINT_BENCH_CORPUS"); corpus && *corpus) {
    add("corpus", corpus, kCfnExts);
  }
  add("plan-1mb", data / "plan-1mb.json", {".json"});
  add("plan-10mb", data / "plan-10mb.json", {".json"});
  add("plan-100mb", data / "plan-100mb.json", {".json"});
  add("tf-dir", data / "tf-dir", {".tf"});
  add("tf-10mb", data / "tf-10mb.tf", {".tf"});

  // Inputs live until the end of main; benchmarks refer to them by pointer.
  static std::vector<Input> kept;
  kept = std::move(inputs);
  for (const Input& in : kept) {
    const Input* p = &in;
    const bool cfn = in.name.rfind("cfn", 0) == 0 || in.name == "corpus";
    const bool plan = in.name.rfind("plan", 0) == 0;
    Configure(benchmark::RegisterBenchmark(("ReadFile/" + in.name).c_str(),
                                           [p](benchmark::State& s) { ReadFiles(s, *p); }));
    if (cfn) {
      bool has_yaml = false, has_json = false;
      for (const auto& f : in.files) {
        (HasExt(f, {".json"}) ? has_json : has_yaml) = true;
      }
      if (has_yaml) {
        Configure(benchmark::RegisterBenchmark(
            ("ParseYaml/" + in.name).c_str(), [p](benchmark::State& s) {
              ParseTexts(s, *p, Pick::kYaml,
                         [](std::string_view text, iaclint::FileId id,
                            const iaclint::ParseLimits& l) { return iaclint::ParseYaml(text, id, l); });
            }));
      }
      if (has_json) {
        Configure(benchmark::RegisterBenchmark(
            ("ParseJson/" + in.name).c_str(), [p](benchmark::State& s) {
              ParseTexts(s, *p, Pick::kJson,
                         [](std::string_view text, iaclint::FileId id,
                            const iaclint::ParseLimits& l) { return iaclint::ParseJson(text, id, l); });
            }));
      }
    }
    if (in.name.rfind("tf", 0) == 0) {
      Configure(benchmark::RegisterBenchmark(("ParseHcl/" + in.name).c_str(),
                                             [p](benchmark::State& s) { HclTexts(s, *p); }));
    }
    if (plan) {
      Configure(benchmark::RegisterBenchmark(
          ("ParseJson/" + in.name).c_str(), [p](benchmark::State& s) {
            ParseTexts(s, *p, Pick::kJson,
                       [](std::string_view text, iaclint::FileId id,
                          const iaclint::ParseLimits& l) { return iaclint::ParseJson(text, id, l); });
          }));
      Configure(
          benchmark::RegisterBenchmark(("NlohmannSax/" + in.name).c_str(),
                                       [p](benchmark::State& s) { SaxTexts(s, *p, NlohmannSax); }));
      Configure(
          benchmark::RegisterBenchmark(("JsonEvents/" + in.name).c_str(),
                                       [p](benchmark::State& s) { SaxTexts(s, *p, JsonEvents); }));
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
