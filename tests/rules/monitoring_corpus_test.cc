// Control 09 over the shared corpus, through the whole pipeline (rules, chain, scorecard):
//   - every literal filter pattern of the corpus (CloudFormation, Terraform, LZA, catalogs) is
//     put in a template with a logging multi-region trail, an alarm and an action, and every
//     monitoring item must come out with a verdict and an explanation line (IAC0930 for the
//     patterns that do not parse);
//   - every corpus file that declares metric filters and that iaclint loads is analysed as its
//     own account scope without a crash, and its control 09 row explains each item (or says why
//     the items were not evaluated).
// Both print a table (pattern or file x items covered) for review. Skipped without the corpus.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "../pattern/corpus_scan.h"
#include "cli/pipeline.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;

constexpr size_t kItems = 20;

struct Verdicts {
  bool ok = false;
  bool loaded = false;  ///< some input was recognised (LZA needs its normaliser)
  std::string problem;
  std::vector<std::string> notes;  ///< the control 09 row's explanation lines
  std::string detail;              ///< the row's detail (tally; first failure)
  std::set<std::string> covered;   ///< items that PASS
  std::set<std::string> found;     ///< items with a finding on show (FAIL or UNKNOWN)
  bool invalid = false;            ///< an IAC0930 finding
};

Verdicts Analyse(const std::string& path) {
  Verdicts v;
  CheckOptions options;
  options.paths = {path};
  options.jobs = 1;
  options.no_config_search = true;
  auto run = RunCheck(options);
  if (!run.ok()) {
    v.problem = run.error().message;
    return v;
  }
  v.ok = true;
  for (const SourceFile& f : (*run)->model.files())
    v.loaded |= !f.type.empty() && f.type != "config";
  for (const ControlRow& row : (*run)->report.controls) {
    if (row.id != "09") continue;
    v.notes = row.notes;
    v.detail = row.tally.empty() ? row.detail : row.tally + "; " + row.detail;
  }
  for (const RuleResult& r : (*run)->engine.results) {
    if (r.rule->id.rfind("IAC09", 0) == 0 && r.rule->id < "IAC0930" && !r.skipped &&
        r.verdict == Verdict::kPass) {
      v.covered.insert(r.rule->id.substr(5));
    }
  }
  for (const Finding& f : (*run)->report.findings) {
    v.invalid |= f.rule_id == "IAC0930";
    if (f.rule_id.rfind("IAC09", 0) == 0 && f.rule_id < "IAC0930" && !f.message.empty()) {
      v.found.insert(f.rule_id);
    }
  }
  return v;
}

// Every item's verdict is explained: by a note of the control 09 row ("IAC0901  PASS     covers
// ..."), or by its finding.
void ExpectExplained(const Verdicts& v, const std::string& what) {
  static const std::regex note(
      "(IAC09[0-2][0-9])  (PASS|FAIL|UNKNOWN|FAIL \\(suppressed\\))\\s+\\S.{10,}");
  std::set<std::string> noted;
  for (const std::string& n : v.notes) {
    std::smatch m;
    EXPECT_TRUE(std::regex_match(n, m, note)) << what << ": " << n;
    if (!m.empty()) noted.insert(m[1]);
  }
  for (size_t i = 1; i <= kItems; ++i) {
    const std::string id = "IAC09" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    EXPECT_TRUE(noted.count(id) + v.found.count(id) == 1) << what << ": " << id << " unexplained";
  }
}

std::string Covered(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& id : items) out += (out.empty() ? "" : " ") + id;
  return out.empty() ? "-" : out;
}

// A template around a file's patterns: a trail, its log group, a topic, and for each pattern a
// filter on the trail's log group with an alarm that notifies the topic.
std::string TemplateFor(const std::vector<std::string>& patterns) {
  using nlohmann::json;
  json t = {{"AWSTemplateFormatVersion", "2010-09-09"}};
  t["Resources"]["Logs"] = {{"Type", "AWS::Logs::LogGroup"},
                            {"Properties", {{"LogGroupName", "trail"}, {"RetentionInDays", 365}}}};
  t["Resources"]["Trail"] = {
      {"Type", "AWS::CloudTrail::Trail"},
      {"Properties",
       {{"IsLogging", true},
        {"IsMultiRegionTrail", true},
        {"S3BucketName", "trail-bucket"},
        {"CloudWatchLogsLogGroupArn", {{"Fn::GetAtt", {"Logs", "Arn"}}}},
        {"CloudWatchLogsRoleArn", "arn:aws:iam::111122223333:role/trail-to-logs"}}}};
  t["Resources"]["Topic"] = {{"Type", "AWS::SNS::Topic"}};
  for (size_t i = 0; i < patterns.size(); ++i) {
    const std::string metric = "Events" + std::to_string(i);
    t["Resources"]["Filter" + std::to_string(i)] = {
        {"Type", "AWS::Logs::MetricFilter"},
        {"Properties",
         {{"LogGroupName", {{"Ref", "Logs"}}},
          {"FilterPattern", patterns[i]},
          {"MetricTransformations",
           {{{"MetricNamespace", "Corpus"}, {"MetricName", metric}, {"MetricValue", "1"}}}}}}};
    t["Resources"]["Alarm" + std::to_string(i)] = {
        {"Type", "AWS::CloudWatch::Alarm"},
        {"Properties",
         {{"Namespace", "Corpus"},
          {"MetricName", metric},
          {"Statistic", "Sum"},
          {"Period", 300},
          {"EvaluationPeriods", 1},
          {"Threshold", 1},
          {"ComparisonOperator", "GreaterThanOrEqualToThreshold"},
          {"AlarmActions", {{{"Ref", "Topic"}}}}}}};
  }
  return t.dump(2);
}

fs::path ScratchDir() {
  const fs::path dir =
      fs::temp_directory_path() / ("iaclint-monitoring-corpus-" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir;
}

// Each corpus file's filter patterns, wired as they are meant to be (on the trail's log group,
// alarmed, with an action): which items does the set cover, and is every verdict explained?
TEST(MonitoringCorpus, EveryCorpusPatternGetsAVerdictAndAnExplanationPerItem) {
  auto root = testing::CorpusRoot();
  if (!root) GTEST_SKIP() << "no corpus at ../shared/corpus";
  std::map<std::string, std::vector<std::string>> by_file;
  std::set<std::string> distinct;
  for (const testing::Found& f : testing::ScanCorpus(*root)) {
    by_file[f.file].push_back(f.pattern);
    distinct.insert(f.pattern);
  }
  ASSERT_GT(distinct.size(), 30u);
  const fs::path dir = ScratchDir();
  std::map<std::string, size_t> per_item;
  size_t invalid = 0, n = 0;
  std::cout
      << "corpus file (its filter patterns, wired to a trail and an alarm) -> items covered\n";
  for (const auto& [file, patterns] : by_file) {
    const fs::path path = dir / ("file-" + std::to_string(n++) + ".json");
    std::ofstream(path) << TemplateFor(patterns);
    const Verdicts v = Analyse(path.string());
    ASSERT_TRUE(v.ok) << file << ": " << v.problem;
    ExpectExplained(v, file);
    invalid += v.invalid;
    for (const std::string& id : v.covered) ++per_item[id];
    std::cout << "  " << file << " (" << patterns.size() << ")" << (v.invalid ? " [IAC0930]" : "")
              << " -> " << Covered(v.covered) << "\n";
  }
  fs::remove_all(dir);
  std::cout << distinct.size() << " distinct patterns in " << by_file.size() << " files, "
            << invalid << " files with an invalid one; files covering each item:";
  for (const auto& [id, count] : per_item) std::cout << " " << id << "(" << count << ")";
  std::cout << "\n";
  // The corpus holds the canonical CIS patterns: every CIS item is covered by some file.
  for (const char* id :
       {"01", "02", "03", "04", "05", "06", "07", "08", "12", "14", "15", "17", "18", "19", "20"}) {
    EXPECT_GT(per_item[id], 0u) << "no corpus file covers IAC09" << id;
  }
}

TEST(MonitoringCorpus, EveryCorpusFileWithMetricFiltersIsExplained) {
  auto root = testing::CorpusRoot();
  if (!root) GTEST_SKIP() << "no corpus at ../shared/corpus";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(*root)) {
    if (!e.is_regular_file()) continue;
    const std::string ext = e.path().extension().string();
    if (ext != ".yaml" && ext != ".yml" && ext != ".json" && ext != ".template") continue;
    if (e.file_size() > (1u << 20)) continue;
    const std::string text = testing::ReadAll(e.path());
    if (text.find("AWS::Logs::MetricFilter") != std::string::npos ||
        text.find("metricSets") != std::string::npos) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  std::cout << "corpus file -> items covered (control 09 row)\n";
  for (const fs::path& path : files) {
    const std::string rel = fs::relative(path, *root).string();
    const Verdicts v = Analyse(path.string());
    ASSERT_TRUE(v.ok) << rel << ": " << v.problem;
    if (!v.loaded) {
      std::cout << "  " << rel << " -> not an input this build loads\n";
      continue;
    }
    if (!v.notes.empty()) {
      ExpectExplained(v, rel);
    } else {
      EXPECT_FALSE(v.detail.empty()) << rel << ": the control 09 row says nothing";
    }
    std::cout << "  " << rel << " -> " << Covered(v.covered) << "  [" << v.detail.substr(0, 90)
              << "]\n";
  }
}

}  // namespace
}  // namespace iaclint
