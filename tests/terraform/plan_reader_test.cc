#include "terraform/plan_reader.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace iaclint {
namespace {

using nlohmann::json;

// A plan with two levels of child modules, count and for_each instances, an update, a
// delete, a deposed object, drift and prior state that must all be handled as Terraform
// means them.
json SamplePlan() {
  return json::parse(R"({
  "format_version": "1.2",
  "terraform_version": "1.9.8",
  "planned_values": {"root_module": {
    "resources": [{"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket",
                   "name": "logs", "values": {"bucket": "logs"}}],
    "child_modules": [{"address": "module.a", "child_modules": [{
       "resources": [{"address": "module.a.module.b[\"x\"].aws_cloudtrail.t[0]", "mode": "managed",
                      "type": "aws_cloudtrail", "name": "t", "index": 0, "values": {"name": "t"}}],
       "address": "module.a.module.b[\"x\"]"}]}]}},
  "resource_drift": [{"address": "aws_cloudtrail.drifted", "mode": "managed",
      "type": "aws_cloudtrail", "name": "drifted",
      "change": {"actions": ["update"], "before": {}, "after": {"enable_logging": false}}}],
  "resource_changes": [
    {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
     "change": {"actions": ["update"], "before": {"bucket": "logs"},
                "after": {"bucket": "logs", "tags": {"a": "b"}, "lifecycle_rule": []},
                "after_unknown": {"tags": {}, "lifecycle_rule": []}}},
    {"address": "module.a.module.b[\"x\"].aws_cloudtrail.t[0]", "module_address": "module.a.module.b[\"x\"]",
     "mode": "managed", "type": "aws_cloudtrail", "name": "t", "index": 0,
     "change": {"actions": ["create"], "before": null,
                "after": {"name": "t", "enable_logging": true, "event_selector": [{"read_write_type": "All", "data_resource": [{"values": [null]}]}]},
                "after_unknown": {"arn": true, "s3_bucket_name": true, "cloud_watch_logs_group_arn": true,
                                  "event_selector": [{"data_resource": [{"values": [true]}]}]}}},
    {"address": "aws_cloudtrail.old", "mode": "managed", "type": "aws_cloudtrail", "name": "old",
     "change": {"actions": ["delete"], "before": {"name": "old"}, "after": null, "after_unknown": {}}},
    {"address": "aws_cloudtrail.replaced", "mode": "managed", "type": "aws_cloudtrail", "name": "replaced",
     "deposed": "00000001",
     "change": {"actions": ["delete"], "before": {"name": "r"}, "after": null}},
    {"address": "aws_cloudtrail.replaced", "mode": "managed", "type": "aws_cloudtrail", "name": "replaced",
     "change": {"actions": ["delete", "create"], "before": {"name": "r"}, "after": {"name": "r2"}, "after_unknown": {}}},
    {"address": "aws_iam_group.g[\"admins\"]", "mode": "managed", "type": "aws_iam_group", "name": "g",
     "index": "admins", "change": {"actions": ["no-op"], "before": {}, "after": {"name": "admins"}}},
    {"address": "data.aws_iam_policy_document.p", "mode": "data", "type": "aws_iam_policy_document",
     "name": "p", "change": {"actions": ["read"], "after": {}, "after_unknown": {"json": true}}}
  ],
  "prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [
     {"address": "aws_cloudtrail.prior", "mode": "managed", "type": "aws_cloudtrail", "name": "prior", "values": {}}]}}},
  "configuration": {"root_module": {
    "resources": [{"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
                   "expressions": {"bucket": {"constant_value": "logs"}, "tags": {"references": ["local.tags"]}}}],
    "module_calls": {"a": {"source": "./a",
       "expressions": {"bucket_id": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}},
       "module": {
         "outputs": {"trail_arn": {"expression": {"references": ["module.b.arn", "module.b"]}}},
         "module_calls": {"b": {"source": "./b", "for_each_expression": {"references": ["var.names"]},
            "expressions": {"bucket": {"references": ["var.bucket_id"]}},
            "module": {"resources": [{"address": "aws_cloudtrail.t", "mode": "managed", "type": "aws_cloudtrail",
               "name": "t", "count_expression": {"constant_value": 1},
               "expressions": {"name": {"constant_value": "t"},
                               "s3_bucket_name": {"references": ["var.bucket"]},
                               "event_selector": [{"read_write_type": {"constant_value": "All"},
                                  "data_resource": [{"values": {"references": ["aws_s3_bucket.x.arn", "aws_s3_bucket.x"]}}]}]}}],
              "outputs": {"arn": {"expression": {"references": ["aws_cloudtrail.t[0].arn", "aws_cloudtrail.t[0]"]}}}}}}}}}}}
})");
}

const TfResourceInstance* Find(const TfPlan& plan, const std::string& address) {
  for (const TfResourceInstance& i : plan.config.instances) {
    if (i.address == address) return &i;
  }
  return nullptr;
}

TEST(PlanReader, ReadsChangesNotDriftNorPriorState) {
  auto plan = ReadTerraformPlan(SamplePlan().dump(2), 4);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->format_version, "1.2");
  EXPECT_EQ(plan->terraform_version, "1.9.8");
  EXPECT_FALSE(plan->state);
  std::vector<std::string> addresses;
  for (const auto& i : plan->config.instances) addresses.push_back(i.address);
  EXPECT_EQ(addresses, (std::vector<std::string>{
                           "aws_s3_bucket.logs", "module.a.module.b[\"x\"].aws_cloudtrail.t[0]",
                           "aws_cloudtrail.replaced", "aws_iam_group.g[\"admins\"]",
                           "data.aws_iam_policy_document.p"}));
  EXPECT_EQ(Find(*plan, "aws_cloudtrail.replaced")->attributes.Find("name")->str(), "r2");
  EXPECT_EQ(Find(*plan, "data.aws_iam_policy_document.p")->mode, "data");
  EXPECT_TRUE(plan->warnings.empty());
}

TEST(PlanReader, ChildModulesAtDepthAndInstanceKeys) {
  auto plan = ReadTerraformPlan(SamplePlan().dump(), 0);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const TfResourceInstance* t = Find(*plan, "module.a.module.b[\"x\"].aws_cloudtrail.t[0]");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->module_path, "module.a.module.b[\"x\"]");
  EXPECT_EQ(t->type, "aws_cloudtrail");
  EXPECT_EQ(t->name, "t");
  EXPECT_EQ(t->index.AsNumber(), 0.0);
  const TfResourceInstance* g = Find(*plan, "aws_iam_group.g[\"admins\"]");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->index.str(), "admins");
  EXPECT_EQ(g->module_path, "");
}

TEST(PlanReader, ModulePathComesFromPlannedValuesWhenChangesLackIt) {
  json doc = SamplePlan();
  doc["resource_changes"][1].erase("module_address");  // format 0.1 writers omit it at times
  auto plan = ReadTerraformPlan(doc.dump(), 0);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Find(*plan, "module.a.module.b[\"x\"].aws_cloudtrail.t[0]")->module_path,
            "module.a.module.b[\"x\"]");
}

TEST(PlanReader, AfterUnknownLeavesBecomeUnknown) {
  auto plan = ReadTerraformPlan(SamplePlan().dump(), 0);
  ASSERT_TRUE(plan.ok());
  const TfResourceInstance* t = Find(*plan, "module.a.module.b[\"x\"].aws_cloudtrail.t[0]");
  const Value* bucket = t->attributes.Find("s3_bucket_name");
  ASSERT_NE(bucket, nullptr) << "an unknown attribute absent from after is still present";
  EXPECT_TRUE(bucket->is(Value::Kind::kUnknown));
  EXPECT_EQ(bucket->category(), "after-unknown");
  const Value& element =
      t->attributes.Find("event_selector")->items()[0].Find("data_resource")->items()[0];
  EXPECT_TRUE(element.Find("values")->items()[0].is(Value::Kind::kUnknown));
  EXPECT_EQ(t->attributes.Find("enable_logging")->boolean(), true);
  // An empty after_unknown subtree changes nothing.
  const TfResourceInstance* b = Find(*plan, "aws_s3_bucket.logs");
  EXPECT_EQ(b->attributes.Find("tags")->Find("a")->str(), "b");
}

TEST(PlanReader, UnknownAttributesTheConfigurationDoesNotSetAreAbsent) {
  auto plan = ReadTerraformPlan(SamplePlan().dump(), 0);
  ASSERT_TRUE(plan.ok());
  const TfResourceInstance* t = Find(*plan, "module.a.module.b[\"x\"].aws_cloudtrail.t[0]");
  // arn is computed (not in the configuration): nothing is declared there.
  EXPECT_EQ(t->attributes.Find("arn"), nullptr);
  // cloud_watch_logs_group_arn is not configured either; s3_bucket_name is (var.bucket).
  EXPECT_EQ(t->attributes.Find("cloud_watch_logs_group_arn"), nullptr);
  EXPECT_TRUE(t->attributes.Find("s3_bucket_name")->is(Value::Kind::kUnknown));
}

TEST(PlanReader, WholeAfterUnknown) {
  json doc = SamplePlan();
  doc["resource_changes"][0]["change"]["after_unknown"] = true;
  auto plan = ReadTerraformPlan(doc.dump(), 0);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(Find(*plan, "aws_s3_bucket.logs")->attributes.is(Value::Kind::kUnknown));
}

TEST(PlanReader, ReferencesAreModuleRelativeAndPerAttributePath) {
  auto plan = ReadTerraformPlan(SamplePlan().dump(), 0);
  ASSERT_TRUE(plan.ok());
  const TfResourceInstance* t = Find(*plan, "module.a.module.b[\"x\"].aws_cloudtrail.t[0]");
  ASSERT_EQ(t->references.count("s3_bucket_name"), 1u);
  EXPECT_EQ(t->references.at("s3_bucket_name"), std::vector<std::string>{"var.bucket"});
  ASSERT_EQ(t->references.count("event_selector.0.data_resource.0.values"), 1u);
  EXPECT_EQ(t->references.at("event_selector.0.data_resource.0.values")[1], "aws_s3_bucket.x");
  // A reference to a local value leads to no resource (plans do not show locals): dropped.
  EXPECT_EQ(Find(*plan, "aws_s3_bucket.logs")->references.count("tags"), 0u);
  std::map<std::string, const TfModuleLinks*> links;
  for (const auto& m : plan->config.modules) links[m.address] = &m;
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links["module.a"]->inputs.at("bucket_id")[0], "aws_s3_bucket.logs.id");
  EXPECT_EQ(links["module.a"]->outputs.at("trail_arn")[0], "module.b.arn");
  EXPECT_EQ(links["module.a.module.b"]->inputs.at("bucket")[0], "var.bucket_id");
  EXPECT_EQ(links["module.a.module.b"]->outputs.at("arn")[1], "aws_cloudtrail.t[0]");
}

TEST(PlanReader, LocatesEachInstanceAtItsAddressKey) {
  const std::string text =
      "{\"format_version\": \"1.0\", \"terraform_version\": \"1.1.9\",\n"
      "  \"resource_changes\": [\n"
      "    {\n"
      "      \"address\": \"aws_iam_group.g\", \"type\": \"aws_iam_group\", \"name\": \"g\",\n"
      "      \"change\": {\"actions\": [\"create\"], \"after\": {\"name\": \"g\"}}},\n"
      "    {\"type\": \"aws_iam_user\", \"name\": \"é\", \"address\": \"aws_iam_user.u\",\n"
      "      \"change\": {\"actions\": [\"create\"], \"after\": {}}}]}";
  auto plan = ReadTerraformPlan(text, 7);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->config.instances.size(), 2u);
  const Location& a = plan->config.instances[0].loc;
  EXPECT_EQ(a.file, 7u);
  EXPECT_EQ(a.line, 4u);
  EXPECT_EQ(a.column, 7u);
  const Location& b = plan->config.instances[1].loc;
  EXPECT_EQ(b.line, 6u);
  EXPECT_EQ(b.column, 43u);  // "é" is one column
}

TEST(PlanReader, FormatVersions) {
  for (const char* v : {"0.1", "0.2", "1.0", "1.1", "1.2", "1.10"}) {
    json doc = SamplePlan();
    doc["format_version"] = v;
    auto plan = ReadTerraformPlan(doc.dump(), 0);
    EXPECT_TRUE(plan.ok()) << v;
  }
  for (const char* v : {"2.0", "2.1", "10.0", "x"}) {
    json doc = SamplePlan();
    doc["format_version"] = v;
    const std::string text = doc.dump(1);  // keys sorted: format_version after configuration
    auto plan = ReadTerraformPlan(text, 3);
    ASSERT_FALSE(plan.ok()) << v;
    EXPECT_NE(plan.error().message.find(std::string("format_version ") + v), std::string::npos);
    EXPECT_NE(plan.error().message.find("0.x and 1.x"), std::string::npos);
    EXPECT_EQ(plan.error().where.file, 3u);
    const size_t key = text.find("\"format_version\": \"");
    const size_t line = std::count(text.begin(), text.begin() + key, '\n') + 1;
    EXPECT_EQ(plan.error().where.line, line);  // the format_version key
    EXPECT_EQ(plan.error().where.column, 2u);
  }
}

TEST(PlanReader, InvalidJsonAtItsLineAndColumn) {
  auto plan = ReadTerraformPlan(
      "{\"format_version\": \"1.2\",\n  \"terraform_version\": \"1.9.8\",\n  \"resource_changes\": [tru]\n}", 2);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where.file, 2u);
  EXPECT_EQ(plan.error().where.line, 3u);
  EXPECT_EQ(plan.error().where.column, 24u);  // the invalid literal
  EXPECT_EQ(plan.error().message.rfind("invalid JSON: ", 0), 0u) << plan.error().message;

  auto trailing = ReadTerraformPlan("{\"format_version\": \"1.2\"}\n}", 0);
  ASSERT_FALSE(trailing.ok());
  EXPECT_EQ(trailing.error().where.line, 2u);
  EXPECT_EQ(trailing.error().where.column, 1u);

  auto truncated = ReadTerraformPlan("{\"format_version\": \"1.2\", \"resource_changes\": [", 0);
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().where.line, 1u);
  EXPECT_EQ(truncated.error().where.column, 48u);

  auto not_plan = ReadTerraformPlan("[1, 2]", 0);
  ASSERT_FALSE(not_plan.ok());
  EXPECT_NE(not_plan.error().message.find("not a Terraform plan"), std::string::npos);
}

TEST(PlanReader, KeepsOnlyWhatTheMappingReads) {
  std::map<std::string, TfKeep, std::less<>> keep;
  keep["aws_cloudtrail"].keys["name"].all = true;
  keep["aws_cloudtrail"].keys["event_selector"].keys["read_write_type"].all = true;
  PlanReadOptions options;
  options.keep = &keep;
  auto plan = ReadTerraformPlan(SamplePlan().dump(), 0, options);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->config.instances.size(), 2u);  // the two trails; other types are skipped
  const Value& t = plan->config.instances[0].attributes;
  EXPECT_NE(t.Find("name"), nullptr);
  EXPECT_EQ(t.Find("enable_logging"), nullptr);
  const Value& selector = t.Find("event_selector")->items()[0];
  EXPECT_EQ(selector.members().size(), 1u);
  EXPECT_EQ(selector.Find("read_write_type")->str(), "All");
}

TEST(PlanReader, StateDocumentAndPlansWithoutChanges) {
  auto state = ReadTerraformPlan(R"({"format_version": "1.0", "terraform_version": "1.5.4",
    "values": {"root_module": {"child_modules": [{"address": "module.m", "resources": [
      {"address": "module.m.aws_cloudtrail.t", "mode": "managed", "type": "aws_cloudtrail",
       "name": "t", "values": {"name": "t", "enable_logging": false}}]}]}}})", 0);
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_TRUE(state->state);
  ASSERT_EQ(state->config.instances.size(), 1u);
  EXPECT_EQ(state->config.instances[0].module_path, "module.m");
  EXPECT_EQ(state->config.instances[0].attributes.Find("enable_logging")->boolean(), false);
  EXPECT_EQ(state->config.instances[0].loc.line, 3u);

  // A plan trimmed by hand (no versions, no changes) is still read from planned_values.
  auto trimmed = ReadTerraformPlan(R"({"planned_values": {"root_module": {"resources": [
      {"address": "aws_iam_group.g", "type": "aws_iam_group", "name": "g", "values": {"name": "g"}}]}}})", 0);
  ASSERT_TRUE(trimmed.ok()) << trimmed.error().message;
  ASSERT_EQ(trimmed->config.instances.size(), 1u);
  EXPECT_EQ(trimmed->config.instances[0].attributes.Find("name")->str(), "g");
}

TEST(PlanReader, Sniffing) {
  EXPECT_TRUE(LooksLikeTerraformPlan(SamplePlan().dump()));
  // Keys sorted (jq -S): the versions come last, after the big sections.
  json sorted = json::parse(SamplePlan().dump());
  EXPECT_TRUE(LooksLikeTerraformPlan(sorted.dump()));
  EXPECT_TRUE(LooksLikeTerraformPlan("  {\"terraform_version\": \"1.0\", \"format_version\": \"1.0\"}"));
  EXPECT_FALSE(LooksLikeTerraformPlan("{\"a\": {\"format_version\": \"1\", \"terraform_version\": \"1\"}}"));
  EXPECT_FALSE(LooksLikeTerraformPlan("{\"a\": \"\\\"format_version\\\" \\\"terraform_version\\\"\"}"));
  EXPECT_FALSE(LooksLikeTerraformPlan("{\"format_version\": \"1.0\", \"provider_schemas\": {}}"));
  EXPECT_FALSE(LooksLikeTerraformPlan("AWSTemplateFormatVersion: '2010-09-09'\n"));
  EXPECT_FALSE(LooksLikeTerraformPlan("{\"terraform_version\": "));
  EXPECT_FALSE(LooksLikeTerraformPlan(""));
}

// Every value of the plan replaced by every JSON type in turn: the reader never crashes and
// either reads the plan or reports an error.
void Mutations(const json& node, json& root, const json::json_pointer& at, size_t& runs) {
  static const json kWrong[] = {nullptr, 7, "x", json::array(), json::object(), true,
                                json::array({1, "a", nullptr})};
  for (const json& w : kWrong) {
    json copy = root;
    copy[at] = w;
    auto plan = ReadTerraformPlan(copy.dump(), 0);
    if (plan.ok()) {
      for (const auto& i : plan->config.instances) EXPECT_FALSE(i.address.empty());
    }
    ++runs;
  }
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) Mutations(it.value(), root, at / it.key(), runs);
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) Mutations(node[i], root, at / i, runs);
  }
}

TEST(PlanReader, WrongTypesInEveryFieldNeverCrash) {
  json doc = SamplePlan();
  size_t runs = 0;
  Mutations(doc, doc, json::json_pointer(), runs);
  EXPECT_GT(runs, 500u);
}

TEST(PlanReader, EveryTruncationIsAnErrorNotACrash) {
  const std::string text = SamplePlan().dump(1);
  for (size_t n = 0; n < text.size(); n += 7) {
    auto plan = ReadTerraformPlan(std::string_view(text).substr(0, n), 0);
    ASSERT_FALSE(plan.ok()) << n;
    EXPECT_GE(plan.error().where.line, 1u);
  }
}

TEST(PlanReader, DeepNestingIsBounded) {
  std::string deep = "{\"format_version\": \"1.0\", \"resource_changes\": [{\"address\": \"a.b\", "
                     "\"type\": \"a\", \"name\": \"b\", \"change\": {\"after\": {\"x\": ";
  for (int i = 0; i < 100000; ++i) deep += "[";
  PlanReadOptions options;
  options.limits.max_depth = 64;
  auto plan = ReadTerraformPlan(deep, 0, options);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.error().message.find("nesting deeper than 64"), std::string::npos);
}

}  // namespace
}  // namespace iaclint
