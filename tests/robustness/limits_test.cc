// Every limit is configurable on the command line and in .iaclint.yaml `limits:`, and each one,
// when exceeded, produces a finding that names it, at file:line:col.
#include "parse/limits.h"

#include <gtest/gtest.h>

#include "config/config.h"
#include "run_binary.h"

namespace iaclint::robustness {
namespace {

TEST(LimitValues, ParseNumbersAndSizes) {
  std::string error;
  const LimitSpec* size = FindLimit("max_file_size");
  const LimitSpec* depth = FindLimit("max_depth");
  ASSERT_NE(size, nullptr);
  ASSERT_NE(depth, nullptr);
  EXPECT_EQ(ParseLimitValue(*size, "1048576", &error), 1048576u);
  EXPECT_EQ(ParseLimitValue(*size, "64K", &error), 64u << 10);
  EXPECT_EQ(ParseLimitValue(*size, "200M", &error), 200u << 20);
  EXPECT_EQ(ParseLimitValue(*size, "2GiB", &error), size_t{2} << 30);
  EXPECT_EQ(ParseLimitValue(*size, "1mb", &error), std::nullopt);
  EXPECT_EQ(ParseLimitValue(*size, "99999999999999999999999", &error), std::nullopt);
  EXPECT_EQ(ParseLimitValue(*size, "999999999999G", &error), std::nullopt);
  EXPECT_NE(error.find("between"), std::string::npos) << error;
  EXPECT_EQ(ParseLimitValue(*depth, "100", &error), 100u);
  EXPECT_EQ(ParseLimitValue(*depth, "10K", &error), std::nullopt);
  EXPECT_EQ(ParseLimitValue(*depth, "0", &error), std::nullopt);
  EXPECT_EQ(ParseLimitValue(*depth, "100000", &error), std::nullopt);  // stack safety
  EXPECT_EQ(ParseLimitValue(*depth, "-1", &error), std::nullopt);
  EXPECT_EQ(ParseLimitValue(*depth, "", &error), std::nullopt);
  EXPECT_EQ(LimitHint("max_if_combinations"), "--max-if-combinations / limits.max_if_combinations");
}

TEST(LimitValues, ConfigSectionIsStrict) {
  auto c = ParseConfig("limits:\n  max_depth: 40\n  max_file_size: 8M\n", ".iaclint.yaml", 0);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->limits.at("max_depth"), 40u);
  EXPECT_EQ(c->limits.at("max_file_size"), 8u << 20);
  auto bad = ParseConfig("limits:\n  max_depht: 40\n", ".iaclint.yaml", 0);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().where.line, 2u);
  EXPECT_NE(bad.error().message.find("unknown limit 'max_depht'"), std::string::npos);
  bad = ParseConfig("limits:\n  max_depth: deep\n", ".iaclint.yaml", 0);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().where.line, 2u);
  EXPECT_EQ(bad.error().where.column, 14u);
  bad = ParseConfig("limits: [1]\n", ".iaclint.yaml", 0);
  EXPECT_FALSE(bad.ok());
}

constexpr const char* kTemplate =
    "AWSTemplateFormatVersion: \"2010-09-09\"\n"                     // 1
    "Metadata:\n"                                                    // 2
    "  base: &base [1, 2, 3, 4, 5]\n"                                // 3
    "  copies: [*base, *base, *base]\n"                              // 4
    "  deep: {a: {b: {c: {d: {e: {f: 1}}}}}}\n"                      // 5
    "Conditions:\n"                                                  // 6
    "  C1: !Equals [!Ref AWS::Region, a]\n"                          // 7
    "  C2: !Equals [!Ref AWS::Region, b]\n"                          // 8
    "Resources:\n"                                                   // 9
    "  B:\n"                                                         // 10
    "    Type: AWS::S3::Bucket\n"                                    // 11
    "    Properties:\n"                                              // 12
    "      BucketName: !If [C1, !If [C2, a, b], !If [C2, c, d]]\n";  // 13

struct LimitCase {
  std::vector<std::string> args;  ///< the option that sets the limit low
  std::string config;             ///< the same in .iaclint.yaml
  std::string id, text;
  uint32_t line, column;
};

class LimitExceeded : public ::testing::TestWithParam<LimitCase> {};

TEST_P(LimitExceeded, IsAFindingAtThePlace) {
  const LimitCase& c = GetParam();
  for (bool from_config : {false, true}) {
    TempDir dir;
    dir.Write("t.yaml", kTemplate);
    std::vector<std::string> args = {"check", "t.yaml", "--format", "json"};
    if (from_config) {
      dir.Write(".iaclint.yaml", "limits:\n  " + c.config + "\n");
    } else {
      args.insert(args.end(), c.args.begin(), c.args.end());
    }
    RunOptions options;
    options.cwd = dir.path();
    const RunResult r = RunIaclint(args, options);
    SCOPED_TRACE(from_config ? "from .iaclint.yaml" : "from the command line");
    ASSERT_EQ(r.exit_code, 1) << r.Describe();
    const auto f = FindFinding(r, c.id, c.text);
    ASSERT_FALSE(f.is_null()) << r.Describe();
    EXPECT_EQ(f.value("file", ""), "t.yaml");
    EXPECT_EQ(f.value("line", 0), static_cast<int>(c.line)) << f.dump();
    EXPECT_EQ(f.value("column", 0), static_cast<int>(c.column)) << f.dump();
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryLimit, LimitExceeded,
    ::testing::Values(
        LimitCase{{"--max-file-size", "100"},
                  "max_file_size: 100",
                  "IAC0001",
                  "larger than the limit of 100 bytes (--max-file-size",
                  1,
                  1},
        LimitCase{{"--max-yaml-size", "100"},
                  "max_yaml_size: 100",
                  "IAC0001",
                  "limit of 100 bytes for YAML (--max-yaml-size",
                  1,
                  1},
        LimitCase{{"--max-depth", "5"},
                  "max_depth: 5",
                  "IAC0001",
                  "nesting deeper than 5 levels (--max-depth",
                  5,
                  21},
        LimitCase{{"--max-nodes", "20"},
                  "max_nodes: 20",
                  "IAC0001",
                  "more than 20 values (--max-nodes",
                  4,
                  19},
        LimitCase{{"--max-alias-nodes", "8"},
                  "max_alias_nodes: 8",
                  "IAC0001",
                  "alias bomb? (--max-alias-nodes",
                  4,
                  19},
        LimitCase{{"--max-if-combinations", "3"},
                  "max_if_combinations: 3",
                  "IAC0002",
                  "more than 3 Fn::If combinations (condition 'C1' and others); the value is "
                  "treated as unknown (--max-if-combinations",
                  13,
                  19}),
    [](const auto& info) { return info.param.config.substr(0, info.param.config.find(':')); });

TEST(LimitExceeded, TerraformSourceTooBigToParseAtOnce) {
  TempDir dir;
  std::string body = "locals {\n  x = [\n";
  for (int i = 0; i < 200; ++i) body += "    \"" + std::string(40, 'a') + "\",\n";
  body += "  ]\n}\n";
  dir.Write("main.tf", body);
  RunOptions options;
  options.cwd = dir.path();
  const RunResult r = RunIaclint({"check", ".", "--format", "json", "--max-hcl-size", "4K"}, options);
  ASSERT_EQ(r.exit_code, 1) << r.Describe();
  const auto f = FindFinding(r, "IAC0001", "(--max-hcl-size / limits.max_hcl_size)");
  ASSERT_FALSE(f.is_null()) << r.Describe();
  EXPECT_EQ(f.value("file", ""), "main.tf");
  EXPECT_EQ(f.value("line", 0), 1);
  const RunResult whole = RunIaclint({"check", ".", "--format", "json"}, options);
  EXPECT_TRUE(FindFinding(whole, "IAC0001").is_null()) << whole.Describe();
}

TEST(LimitOptions, CommandLineOverridesTheConfigAndBadValuesAreUsageErrors) {
  TempDir dir;
  dir.Write("t.yaml", kTemplate);
  dir.Write(".iaclint.yaml", "limits:\n  max_depth: 5\n");
  RunOptions options;
  options.cwd = dir.path();
  RunResult r = RunIaclint({"check", "t.yaml", "--format", "json", "--max-depth", "50"}, options);
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_TRUE(FindFinding(r, "IAC0001").is_null()) << r.Describe();

  r = RunIaclint({"check", "t.yaml", "--max-depth", "100000"}, options);
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_NE(r.err.find("--max-depth must be between 1 and 1000"), std::string::npos) << r.err;
  r = RunIaclint({"check", "t.yaml", "--max-file-size", "lots"}, options);
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  dir.Write(".iaclint.yaml", "limits:\n  max_nodes: -3\n");
  r = RunIaclint({"check", "t.yaml"}, options);
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_NE(r.err.find(".iaclint.yaml:2:14:"), std::string::npos) << r.err;
}

TEST(LimitOptions, AreListedInHelp) {
  const RunResult r = RunIaclint({"check", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const LimitSpec& s : LimitSpecs()) {
    EXPECT_NE(r.out.find(LimitOption(s.name)), std::string::npos) << s.name << "\n" << r.out;
  }
}

}  // namespace
}  // namespace iaclint::robustness
