// A plan and the .tf directory it came from, analysed together, are one configuration.
#include "terraform/tf_merge.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/pipeline.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* kRoot = R"(module "trail" {
  source         = "./modules/trail"
  retention_days = 0
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length      = 8
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = true
  max_password_age             = 90
  password_reuse_prevention    = 24
}
)";

const char* kTrail = R"(variable "retention_days" {
  type = number
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-trail-logs"
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  count  = 1
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "expire"
    status = "Disabled"
    expiration {
      days = 365
    }
  }
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.logs.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
)";

json Change(const std::string& module, const std::string& type, const std::string& name,
            json after, json unknown, json index = nullptr) {
  std::string address = (module.empty() ? "" : module + ".") + type + "." + name;
  if (!index.is_null()) address += "[" + index.dump() + "]";
  json c = {{"address", address}, {"mode", "managed"}, {"type", type}, {"name", name},
            {"change", {{"actions", {"create"}}, {"before", nullptr}, {"after", after},
                        {"after_unknown", unknown}}}};
  if (!module.empty()) c["module_address"] = module;
  if (!index.is_null()) c["index"] = index;
  return c;
}

json Plan() {
  const std::string m = "module.trail";
  json refs_bucket = {{"references", {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}}};
  return {
      {"format_version", "1.2"},
      {"terraform_version", "1.9.8"},
      {"resource_changes",
       {Change("", "aws_iam_account_password_policy", "strict",
               {{"minimum_password_length", 8}, {"require_uppercase_characters", true},
                {"require_lowercase_characters", true}, {"require_numbers", true},
                {"require_symbols", true}, {"max_password_age", 90},
                {"password_reuse_prevention", 24}},
               {{"id", true}}),
        Change(m, "aws_s3_bucket", "logs", {{"bucket", "acme-trail-logs"}},
               {{"arn", true}, {"id", true}, {"lifecycle_rule", true}}),
        Change(m, "aws_s3_bucket_lifecycle_configuration", "logs",
               {{"rule", {{{"id", "expire"}, {"status", "Disabled"}, {"expiration", {{{"days", 365}}}}}}}},
               {{"bucket", true}, {"id", true}}, 0),
        Change(m, "aws_cloudtrail", "main",
               {{"name", "main"}, {"enable_logging", true}, {"is_multi_region_trail", true},
                {"include_global_service_events", true}, {"enable_log_file_validation", true}},
               {{"arn", true}, {"s3_bucket_name", true}})}},
      {"configuration",
       {{"root_module",
         {{"resources", {{{"address", "aws_iam_account_password_policy.strict"}, {"mode", "managed"},
                          {"type", "aws_iam_account_password_policy"}, {"name", "strict"},
                          {"expressions", {{"minimum_password_length", {{"constant_value", 8}}}}}}}},
          {"module_calls",
           {{"trail",
             {{"source", "./modules/trail"},
              {"module",
               {{"resources",
                 {{{"address", "aws_s3_bucket.logs"}, {"mode", "managed"}, {"type", "aws_s3_bucket"},
                   {"name", "logs"}, {"expressions", {{"bucket", {{"constant_value", "acme-trail-logs"}}}}}},
                  {{"address", "aws_s3_bucket_lifecycle_configuration.logs"}, {"mode", "managed"},
                   {"type", "aws_s3_bucket_lifecycle_configuration"}, {"name", "logs"},
                   {"expressions", {{"bucket", refs_bucket}, {"rule", json::array({json::object()})}}}},
                  {{"address", "aws_cloudtrail.main"}, {"mode", "managed"}, {"type", "aws_cloudtrail"},
                   {"name", "main"}, {"expressions", {{"s3_bucket_name", refs_bucket}}}}}}}}}}}}}}}}};
}

class TfMerge : public ::testing::Test {
 protected:
  void SetUp() override {
    // ctest runs each test in its own process, in parallel: one directory per test.
    dir_ = fs::path(testing::TempDir()) /
           (std::string("tf-merge-") + testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "infra/modules/trail");
    fs::create_directories(dir_ / "plans");
    std::ofstream(dir_ / "infra/main.tf") << kRoot;
    std::ofstream(dir_ / "infra/modules/trail/main.tf") << kTrail;
    std::ofstream(dir_ / "plans/prod.json") << Plan().dump(2);
    old_ = fs::current_path();
    fs::current_path(dir_);
  }
  void TearDown() override { fs::current_path(old_); }

  std::vector<std::string> Findings(const std::vector<std::string>& paths, const std::string& rule) {
    CheckOptions options;
    options.paths = paths;
    options.no_config_search = true;
    options.jobs = 2;
    auto run = RunCheck(options);
    EXPECT_TRUE(run.ok());
    std::vector<std::string> out;
    if (!run.ok()) return out;
    for (const Finding& f : (*run)->report.findings) {
      if (f.rule_id != rule) continue;
      out.push_back((*run)->model.file(f.loc.file).path + ":" + std::to_string(f.loc.line) + ":" +
                    std::to_string(f.loc.column) + " " + f.resource);
    }
    resources_ = (*run)->model.resources().size();
    return out;
  }

  fs::path dir_, old_;
  size_t resources_ = 0;
};

TEST_F(TfMerge, SourcesAloneReportAtTheAttribute) {
  EXPECT_EQ(Findings({"infra"}, "IAC0804"),
            std::vector<std::string>{"infra/modules/trail/main.tf:14:14 module.trail.aws_s3_bucket.logs"});
  EXPECT_EQ(resources_, 3u) << "modules/trail, a directory of its own, is not analysed twice";
}

TEST_F(TfMerge, PlanAloneReportsAtThePlanWithTheAddress) {
  auto f = Findings({"plans"}, "IAC0804");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rfind("plans/prod.json:", 0), 0u) << f[0];
  EXPECT_NE(f[0].find(" module.trail.aws_s3_bucket.logs"), std::string::npos);
}

TEST_F(TfMerge, PlanAndSourcesTogetherReportOnceAtTheSource) {
  EXPECT_EQ(Findings({"infra", "plans"}, "IAC0804"),
            std::vector<std::string>{"infra/modules/trail/main.tf:14:14 module.trail.aws_s3_bucket.logs"});
  EXPECT_EQ(resources_, 3u);
  EXPECT_EQ(Findings({"."}, "IAC1102"),
            std::vector<std::string>{"infra/main.tf:7:34 aws_iam_account_password_policy.strict"});
}

TEST(CopyLocations, FillsOnlyUnknownPlacesOfTheSameShape) {
  Value to = Value::Map();
  to.Set("a", Value::List()).Add(Value::String("x"));
  to.Set("b", Value::Bool(true, Location{2, 9, 9, 0, 0}));
  Value from = Value::Map(Location{1, 1, 1, 0, 0});
  Value& list = from.Set("a", Value::List(Location{1, 2, 3, 0, 0}), Location{1, 2, 1, 0, 0});
  list.Add(Value::String("y", Location{1, 2, 6, 0, 0}));
  from.Set("b", Value::Bool(false, Location{1, 3, 3, 0, 0}));
  CopyLocations(to, from);
  EXPECT_EQ(to.loc().line, 1u);
  EXPECT_EQ(to.FindMember("a")->key_loc.line, 2u);
  EXPECT_EQ(to.Find("a")->items()[0].loc().column, 6u);
  EXPECT_EQ(to.Find("b")->loc().line, 9u) << "a known place is kept";
}

}  // namespace
}  // namespace iaclint
