#include "terraform/tf_loader.h"

#include <gtest/gtest.h>

#include "tf_test_util.h"

namespace iaclint {
namespace {

TfLoadResult Load(const TfDir& dir, Model& model, TfLoadOptions options = {}) {
  return LoadTerraformModule(dir.path(), options, model);
}

std::string Errors(const TfLoadResult& r, const Model& m) {
  std::string out;
  for (const Error& e : r.errors) {
    out += (e.where.file == kNoFile ? std::string("?") : m.file(e.where.file).path) + ":" +
           std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": " + e.message +
           "\n";
  }
  return out;
}

TEST(TfLoader, LiteralsVariablesLocalsAndTemplates) {
  TfDir dir({{"main.tf", R"(
variable "env" {
  default = "prod"
}
variable "days" {}
locals {
  prefix = "acme-${var.env}"
  tags   = { Team = "sec", Env = var.env }
}
resource "aws_s3_bucket" "logs" {
  bucket = "${local.prefix}-logs"
  tags   = local.tags
  days   = var.days
  n      = 1 + 2 * 3
  ok     = var.env == "prod" ? true : false
  h      = <<-EOT
    line ${var.env}
      indented
    EOT
}
)"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  ASSERT_EQ(Errors(r, model), "");
  ASSERT_EQ(r.instances.size(), 1u);
  const TfResourceInstance& b = r.instances[0];
  EXPECT_EQ(b.address, "aws_s3_bucket.logs");
  EXPECT_EQ(b.module_path, "");
  EXPECT_EQ(b.mode, "managed");
  EXPECT_EQ(b.loc.line, 10u);
  EXPECT_EQ(model.file(b.loc.file).path, dir.path("main.tf"));
  EXPECT_EQ(model.file(b.loc.file).type, "tf");
  EXPECT_EQ(Attr(r, b.address, "bucket"), "\"acme-prod-logs\"");
  EXPECT_EQ(Attr(r, b.address, "tags"), "{Team: \"sec\", Env: \"prod\"}");
  EXPECT_EQ(Attr(r, b.address, "days"), "unknown(variable 'days' has no default)");
  EXPECT_EQ(Attr(r, b.address, "n"), "7");
  EXPECT_EQ(Attr(r, b.address, "ok"), "true");
  EXPECT_EQ(Attr(r, b.address, "h"), "\"line prod\\n  indented\\n\"");
  // A value keeps the place it was written: the env tag comes from the variable default.
  const Value* env = b.attributes.Find("tags")->Find("Env");
  EXPECT_EQ(env->loc().line, 3u);
  EXPECT_EQ(env->loc().column, 13u);
  EXPECT_TRUE(env->has(Value::kAssumedDefault));
  EXPECT_EQ(b.attributes.FindMember("bucket")->key_loc.line, 11u);
  EXPECT_EQ(b.references.at("bucket"), (std::vector<std::string>{"local.prefix"}));
  EXPECT_EQ(b.references.at("ok"), (std::vector<std::string>{"var.env"}));
  EXPECT_EQ(b.references.count("n"), 0u);
}

TEST(TfLoader, IdIsKnownWhereTheProviderCopiesAnArgumentIntoIt) {
  TfDir dir({{"main.tf", R"(
resource "aws_cloudwatch_log_metric_filter" "root" {
  name           = "RootUsage"
  log_group_name = "trail"
  pattern        = "{ $.userIdentity.type = Root }"
}
resource "aws_sns_topic" "alarms" {
  name = "alarms"
}
resource "aws_cloudwatch_metric_alarm" "root" {
  alarm_name    = "root"
  metric_name   = aws_cloudwatch_log_metric_filter.root.id
  alarm_actions = [aws_sns_topic.alarms.id]
}
)"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  ASSERT_EQ(Errors(r, model), "");
  // A metric filter's id is its name (d.SetId(name)); a topic's id is its ARN, known later.
  EXPECT_EQ(Attr(r, "aws_cloudwatch_metric_alarm.root", "metric_name"), "\"RootUsage\"");
  EXPECT_EQ(Attr(r, "aws_cloudwatch_metric_alarm.root", "alarm_actions"),
            "[unknown('aws_sns_topic.alarms.id' is known only after apply)]");
}

TEST(TfLoader, TfvarsAutoVarsAndVarFilesInOrder) {
  TfDir dir({{"main.tf", R"(
variable "a" { default = "default" }
variable "b" {}
variable "c" {}
variable "d" {}
resource "x" "y" {
  a = var.a
  b = var.b
  c = var.c
  d = var.d
}
)"},
             {"terraform.tfvars", "a = \"tfvars\"\nb = \"tfvars\"\n"},
             {"b.auto.tfvars", "b = \"auto\"\nc = [1, 2]\n"},
             {"env/prod.tfvars", "c = { k = true }\n"},
             {"x.auto.tfvars.json", "{\"d\": 5}"}});
  Model model;
  TfLoadOptions options;
  options.var_files = {"env/prod.tfvars"};
  TfLoadResult r = Load(dir, model, options);
  ASSERT_EQ(Errors(r, model), "");
  EXPECT_EQ(Attr(r, "x.y", "a"), "\"tfvars\"");
  EXPECT_EQ(Attr(r, "x.y", "b"), "\"auto\"");
  EXPECT_EQ(Attr(r, "x.y", "c"), "{k: true}");
  EXPECT_EQ(Attr(r, "x.y", "d"), "5");
  EXPECT_EQ(model.files().size(), 5u);
}

TEST(TfLoader, Functions) {
  TfDir dir({{"main.tf", R"(
locals {
  m = { a = 1, b = 2 }
}
resource "x" "f" {
  format  = format("%s-%d-%v", "a", 7, true)
  join    = join(",", ["a", "b"], ["c"])
  concat  = concat([1], [2, 3])
  merge   = merge(local.m, { b = 3, c = 4 })
  lookup  = lookup(local.m, "z", "dflt")
  tostr   = tostring(5)
  tonum   = tonumber("12")
  tolist  = tolist(["b", "a"])
  toset   = toset(["b", "a", "b"])
  cond    = length(local.m) > 1 ? "many" : "few"
  file    = file("policy.json")
  upper   = upper("abc")
  json    = jsonencode({ b = [1, "x<"], a = null })
  jsonstr = "doc=${jsonencode({ k = "v" })}"
  forl    = [for k, v in local.m : "${k}=${v}" if v > 1]
  form    = { for k, v in local.m : upper(k) => v }
  splat   = [{ n = 1 }, { n = 2 }][*].n
  try     = try(local.nope, "fallback")
}
)"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  ASSERT_EQ(Errors(r, model), "");
  EXPECT_EQ(Attr(r, "x.f", "format"), "\"a-7-true\"");
  EXPECT_EQ(Attr(r, "x.f", "join"), "\"a,b,c\"");
  EXPECT_EQ(Attr(r, "x.f", "concat"), "[1, 2, 3]");
  EXPECT_EQ(Attr(r, "x.f", "merge"), "{a: 1, b: 3, c: 4}");
  EXPECT_EQ(Attr(r, "x.f", "lookup"), "\"dflt\"");
  EXPECT_EQ(Attr(r, "x.f", "tostr"), "\"5\"");
  EXPECT_EQ(Attr(r, "x.f", "tonum"), "12");
  EXPECT_EQ(Attr(r, "x.f", "tolist"), "[\"b\", \"a\"]");
  EXPECT_EQ(Attr(r, "x.f", "toset"), "[\"a\", \"b\"]");
  EXPECT_EQ(Attr(r, "x.f", "cond"), "\"many\"");
  EXPECT_EQ(Attr(r, "x.f", "file"), "unknown(function 'file' is not evaluated offline)");
  EXPECT_EQ(Attr(r, "x.f", "upper"), "\"ABC\"");
  const Value* json = FindInstance(r, "x.f")->attributes.Find("json");
  EXPECT_TRUE(json->has(Value::kEmbeddedJson));
  EXPECT_EQ(json->Render(), "{b: [1, \"x<\"], a: null}");
  EXPECT_EQ(Attr(r, "x.f", "jsonstr"), "\"doc={\\\"k\\\":\\\"v\\\"}\"");
  EXPECT_EQ(Attr(r, "x.f", "forl"), "[\"b=2\"]");
  EXPECT_EQ(Attr(r, "x.f", "form"), "{A: 1, B: 2}");
  EXPECT_EQ(Attr(r, "x.f", "splat"), "[1, 2]");
  EXPECT_EQ(Attr(r, "x.f", "try"), "\"fallback\"");
}

TEST(TfLoader, FormatVerbs) {
  TfDir dir({{"main.tf",
              "resource \"x\" \"f\" {\n  a = format(\"%s-%d-%v-%q-%.2f-%%\", \"s\", 7, true, "
              "\"q\", 1.5)\n}\n"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  EXPECT_EQ(Attr(r, "x.f", "a"), "\"s-7-true-\\\"q\\\"-1.50-%\"");
}

TEST(TfLoader, UnknownConditionKeepsBothBranches) {
  TfDir dir({{"main.tf", "variable \"on\" {}\nresource \"x\" \"y\" {\n  v = var.on ? 1 : 2\n}\n"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  EXPECT_EQ(Attr(r, "x.y", "v"), "choice(variable 'on' has no default: 1 | 2)");
}

TEST(TfLoader, CountAndForEach) {
  TfDir dir({{"main.tf", R"(
variable "on" { default = true }
variable "unset" {}
resource "aws_cloudwatch_log_group" "g" {
  count             = var.on ? 2 : 0
  name              = "g-${count.index}"
  retention_in_days = 90
}
resource "aws_sns_topic" "off" {
  count = 0
}
resource "aws_sns_topic" "t" {
  for_each = toset(["b", "a"])
  name     = each.key
}
resource "aws_sns_topic" "m" {
  for_each = { x = 1, y = 2 }
  name     = "${each.key}-${each.value}"
}
resource "aws_sns_topic" "maybe" {
  count = var.unset ? 1 : 0
}
resource "aws_cloudtrail" "trail" {
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.g[0].arn}:*"
  name                       = aws_cloudwatch_log_group.g[1].name
  topic                      = aws_sns_topic.t["a"].name
}
)"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  ASSERT_EQ(Errors(r, model), "");
  std::vector<std::string> addresses;
  for (const auto& i : r.instances) addresses.push_back(i.address);
  EXPECT_EQ(addresses,
            (std::vector<std::string>{
                "aws_cloudwatch_log_group.g[0]", "aws_cloudwatch_log_group.g[1]",
                "aws_sns_topic.t[\"a\"]", "aws_sns_topic.t[\"b\"]", "aws_sns_topic.m[\"x\"]",
                "aws_sns_topic.m[\"y\"]", "aws_sns_topic.maybe", "aws_cloudtrail.trail"}));
  EXPECT_EQ(Attr(r, "aws_cloudwatch_log_group.g[1]", "name"), "\"g-1\"");
  EXPECT_EQ(FindInstance(r, "aws_cloudwatch_log_group.g[1]")->index.Render(), "1");
  EXPECT_EQ(FindInstance(r, "aws_sns_topic.t[\"a\"]")->index.Render(), "\"a\"");
  EXPECT_EQ(Attr(r, "aws_sns_topic.m[\"y\"]", "name"), "\"y-2\"");
  EXPECT_EQ(FindInstance(r, "aws_sns_topic.maybe")->exists.Render(),
            "unknown(the count of aws_sns_topic.maybe is not known offline: variable 'unset' "
            "has no default)");
  EXPECT_EQ(Attr(r, "aws_cloudtrail.trail", "cloud_watch_logs_group_arn"),
            "unknown('aws_cloudwatch_log_group.g[0].arn' is known only after apply)");
  EXPECT_EQ(Attr(r, "aws_cloudtrail.trail", "name"), "\"g-1\"");
  EXPECT_EQ(Attr(r, "aws_cloudtrail.trail", "topic"), "\"a\"");
  const auto& refs = FindInstance(r, "aws_cloudtrail.trail")->references;
  EXPECT_EQ(
      refs.at("cloud_watch_logs_group_arn"),
      (std::vector<std::string>{"aws_cloudwatch_log_group.g[0].arn",
                                "aws_cloudwatch_log_group.g[0]", "aws_cloudwatch_log_group.g"}));
  EXPECT_EQ(refs.at("topic"),
            (std::vector<std::string>{"aws_sns_topic.t[\"a\"].name", "aws_sns_topic.t[\"a\"]",
                                      "aws_sns_topic.t"}));
}

TEST(TfLoader, NestedAndDynamicBlocks) {
  TfDir dir({{"main.tf", R"(
locals {
  days = [30, 90]
}
resource "aws_s3_bucket_lifecycle_configuration" "l" {
  bucket = aws_s3_bucket.b.id
  rule {
    id     = "one"
    status = "Enabled"
    filter {
      prefix = var.p
    }
  }
  dynamic "rule" {
    for_each = local.days
    content {
      id     = "d${rule.value}"
      status = "Enabled"
    }
  }
  lifecycle {
    ignore_changes = [rule]
  }
}
variable "p" { default = "logs/" }
resource "aws_s3_bucket" "b" {}
)"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  ASSERT_EQ(Errors(r, model), "");
  const auto* l = FindInstance(r, "aws_s3_bucket_lifecycle_configuration.l");
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->attributes.Render(400),
            "{bucket: unknown('aws_s3_bucket.b.id' is known only after apply), rule: [{id: "
            "\"one\", status: \"Enabled\", filter: [{prefix: \"logs/\"}]}, {id: \"d30\", status: "
            "\"Enabled\"}, {id: \"d90\", status: \"Enabled\"}]}");
  EXPECT_EQ(l->references.at("rule.0.filter.0.prefix"), (std::vector<std::string>{"var.p"}));
  EXPECT_EQ(l->references.at("bucket"),
            (std::vector<std::string>{"aws_s3_bucket.b.id", "aws_s3_bucket.b"}));
  EXPECT_EQ(l->references.size(), 2u);
}

TEST(TfLoader, PolicyDocumentRendersIamJson) {
  TfDir dir({{"main.tf", R"(
data "aws_iam_policy_document" "deny_root" {
  statement {
    sid       = "DenyRoot"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:root"]
    }
  }
  statement {
    actions = ["s3:GetObject", "s3:PutObject", "iam:List*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    resources = [aws_s3_bucket.b.arn]
  }
}
resource "aws_organizations_policy" "scp" {
  name    = "deny-root"
  content = data.aws_iam_policy_document.deny_root.json
}
resource "aws_s3_bucket" "b" {}
)"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  ASSERT_EQ(Errors(r, model), "");
  const Value* content =
      FindInstance(r, "aws_organizations_policy.scp")->attributes.Find("content");
  ASSERT_NE(content, nullptr);
  EXPECT_TRUE(content->has(Value::kEmbeddedJson));
  EXPECT_EQ(content->Render(1000),
            "{Version: \"2012-10-17\", Statement: [{Sid: \"DenyRoot\", Effect: \"Deny\", Action: "
            "\"*\", Resource: \"*\", Condition: {StringLike: {aws:PrincipalArn: "
            "\"arn:aws:iam::*:root\"}}}, {Effect: \"Allow\", Action: [\"s3:PutObject\", "
            "\"s3:GetObject\", \"iam:List*\"], Resource: unknown('aws_s3_bucket.b.arn' is known "
            "only after apply), Principal: {AWS: \"arn:aws:iam::111122223333:root\"}}]}");
  EXPECT_EQ(FindInstance(r, "aws_organizations_policy.scp")->references.at("content"),
            (std::vector<std::string>{"data.aws_iam_policy_document.deny_root.json",
                                      "data.aws_iam_policy_document.deny_root"}));
  EXPECT_NE(FindInstance(r, "data.aws_iam_policy_document.deny_root"), nullptr);
}

TEST(TfLoader, DataSourceAttributesAreUnknown) {
  TfDir dir({{"main.tf", R"(
data "aws_caller_identity" "me" {}
resource "x" "y" {
  account = data.aws_caller_identity.me.account_id
}
)"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  EXPECT_EQ(Attr(r, "x.y", "account"),
            "unknown(data source attribute 'data.aws_caller_identity.me.account_id')");
}

TEST(TfLoader, LocalModulesWithCountAndForEach) {
  TfDir dir({{"main.tf", R"(
module "trail" {
  source = "./modules/trail"
  name   = "org-trail"
}
module "bucket" {
  source   = "./modules/bucket"
  for_each = { logs = 30, audit = 365 }
  days     = each.value
}
module "off" {
  source = "./modules/bucket"
  count  = 0
}
module "registry" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.0.0"
}
resource "x" "uses" {
  trail_arn = module.trail.arn
  name      = module.trail.name
  days      = module.bucket["audit"].days
}
)"},
             {"modules/trail/main.tf", R"(
variable "name" {}
resource "aws_cloudtrail" "this" {
  name           = var.name
  s3_bucket_name = aws_s3_bucket.t.id
}
resource "aws_s3_bucket" "t" {}
output "arn" { value = aws_cloudtrail.this.arn }
output "name" { value = aws_cloudtrail.this.name }
)"},
             {"modules/bucket/main.tf", R"(
variable "days" { default = 1 }
resource "aws_cloudwatch_log_group" "g" {
  retention_in_days = var.days
}
output "days" { value = var.days }
)"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  ASSERT_EQ(Errors(r, model), "");
  std::vector<std::string> addresses;
  for (const auto& i : r.instances) addresses.push_back(i.address);
  EXPECT_EQ(addresses,
            (std::vector<std::string>{"x.uses", "module.trail.aws_cloudtrail.this",
                                      "module.trail.aws_s3_bucket.t",
                                      "module.bucket[\"audit\"].aws_cloudwatch_log_group.g",
                                      "module.bucket[\"logs\"].aws_cloudwatch_log_group.g"}));
  const auto* trail = FindInstance(r, "module.trail.aws_cloudtrail.this");
  EXPECT_EQ(trail->module_path, "module.trail");
  EXPECT_EQ(Attr(r, trail->address, "name"), "\"org-trail\"");
  EXPECT_EQ(trail->references.at("s3_bucket_name"),
            (std::vector<std::string>{"aws_s3_bucket.t.id", "aws_s3_bucket.t"}));
  EXPECT_EQ(Attr(r, "module.bucket[\"logs\"].aws_cloudwatch_log_group.g", "retention_in_days"),
            "30");
  EXPECT_EQ(Attr(r, "x.uses", "name"), "\"org-trail\"");
  EXPECT_EQ(Attr(r, "x.uses", "days"), "365");
  EXPECT_EQ(Attr(r, "x.uses", "trail_arn"),
            "unknown('module.trail.aws_cloudtrail.this.arn' is known only after apply)");
  EXPECT_EQ(
      FindInstance(r, "x.uses")->references.at("days"),
      (std::vector<std::string>{"module.bucket[\"audit\"].days", "module.bucket[\"audit\"]"}));
  EXPECT_EQ(FindInstance(r, "x.uses")->references.at("name"),
            (std::vector<std::string>{"module.trail.name", "module.trail"}));
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].message.find("module 'registry'"), std::string::npos);
  ASSERT_GE(r.modules.size(), 3u);
  EXPECT_EQ(r.modules[0].address, "module.trail");
  EXPECT_EQ(r.modules[0].dir, dir.path("modules/trail"));
  EXPECT_EQ(r.modules[0].output_references.at("arn"),
            (std::vector<std::string>{"aws_cloudtrail.this.arn", "aws_cloudtrail.this"}));
  EXPECT_EQ(r.modules[1].references.at("days"), (std::vector<std::string>{"each.value"}));
}

TEST(TfLoader, ModulesJsonResolvesRegistryModules) {
  TfDir dir(
      {{"main.tf", "module \"s3\" {\n  source = \"terraform-aws-modules/s3-bucket/aws\"\n}\n"},
       {".terraform/modules/modules.json",
        R"({"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"s3","Source":"registry.terraform.io/terraform-aws-modules/s3-bucket/aws","Dir":".terraform/modules/s3"}]})"},
       {".terraform/modules/s3/main.tf",
        "resource \"aws_s3_bucket\" \"this\" {\n  bucket = \"b\"\n}\n"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  ASSERT_EQ(Errors(r, model), "");
  EXPECT_EQ(Attr(r, "module.s3.aws_s3_bucket.this", "bucket"), "\"b\"");
}

TEST(TfLoader, PathsOutsideTheRootAreRefused) {
  TfDir outside({{"evil/main.tf", "resource \"x\" \"evil\" {}\n"}, {"secret.tfvars", "a = 1\n"}});
  TfDir dir({{"main.tf",
              "module \"up\" {\n  source = \"../../x\"\n}\nmodule \"abs\" {\n  source = \"" +
                  outside.path("evil") + "\"\n}\nmodule \"link\" {\n  source = \"./link\"\n}\n"}});
  std::filesystem::create_directory_symlink(outside.path("evil"), dir.path("link"));
  Model model;
  TfLoadOptions options;
  options.var_files = {"../" + std::filesystem::path(outside.path()).filename().string() +
                       "/secret.tfvars"};
  TfLoadResult r = Load(dir, model, options);
  EXPECT_EQ(r.instances.size(), 0u);
  ASSERT_EQ(r.errors.size(), 4u) << Errors(r, model);
  for (const Error& e : r.errors)
    EXPECT_NE(e.message.find("outside the analysed root"), std::string::npos);
  for (const auto& f : model.files()) EXPECT_EQ(f.path.find("secret"), std::string::npos);
  EXPECT_EQ(r.notes.size(), 0u);
}

TEST(TfLoader, SyntaxErrorInOneFileLeavesTheRest) {
  TfDir dir({{"a.tf", "resource \"x\" \"a\" {\n  v = [1,\n}\n"},
             {"b.tf", "resource \"x\" \"b\" {\n  v = 1\n}\n"}});
  Model model;
  TfLoadResult r = Load(dir, model);
  EXPECT_EQ(Errors(r, model), dir.path("a.tf") + ":3:1: unexpected \"}\"\n");
  ASSERT_EQ(r.instances.size(), 1u);
  EXPECT_EQ(r.instances[0].address, "x.b");
}

TEST(TfLoader, HostileReferenceChainsStayBounded) {
  std::string tf = "locals {\n  a0 = \"x\"\n";
  for (int i = 1; i <= 60; ++i) {
    tf += "  a" + std::to_string(i) + " = [local.a" + std::to_string(i - 1) + ", local.a" +
          std::to_string(i - 1) + "]\n";
  }
  tf += "  c1 = local.c2\n  c2 = local.c1\n";
  for (int i = 0; i < 5000; ++i) {
    tf += "  d" + std::to_string(i) + " = local.d" + std::to_string(i + 1) + "\n";
  }
  tf += "}\nresource \"x\" \"y\" {\n  big = local.a60\n  cycle = local.c1\n  deep = local.d0\n}\n";
  TfDir dir({{"main.tf", tf}});
  Model model;
  TfLoadResult r = Load(dir, model);
  EXPECT_NE(Attr(r, "x.y", "big").find("unknown(values too large to evaluate)"), std::string::npos);
  EXPECT_EQ(Attr(r, "x.y", "cycle"), "unknown(local value 'c1' refers to itself)");
  EXPECT_NE(Attr(r, "x.y", "deep").find("unknown("), std::string::npos);
}

}  // namespace
}  // namespace iaclint

namespace iaclint {
namespace {

TEST(TfLoader, UnknownModuleCountMarksItsResources) {
  TfDir dir(
      {{"main.tf", "variable \"n\" {}\nmodule \"m\" {\n  source = \"./m\"\n  count  = var.n\n}\n"},
       {"m/main.tf", "resource \"aws_budgets_budget\" \"b\" {\n  budget_type = \"COST\"\n}\n"}});
  Model model;
  TfLoadResult r = LoadTerraformModule(dir.path(), {}, model);
  ASSERT_EQ(r.instances.size(), 1u);
  EXPECT_EQ(r.instances[0].address, "module.m.aws_budgets_budget.b");
  EXPECT_EQ(r.instances[0].exists.Render(),
            "unknown(the count of module.m is not known offline: variable 'n' has no default)");
  EXPECT_EQ(Attr(r, "module.m.aws_budgets_budget.b", "budget_type"), "\"COST\"");
}

}  // namespace
}  // namespace iaclint

namespace iaclint {
namespace {

TEST(TfLoader, OverrideFilesMergeIntoDeclarations) {
  TfDir dir({{"main.tf", R"(
resource "aws_cloudtrail" "t" {
  name           = "t"
  enable_logging = false
  event_selector {
    read_write_type = "All"
  }
}
)"},
             {"z_override.tf", R"(
resource "aws_cloudtrail" "t" {
  enable_logging = true
  event_selector {
    read_write_type = "WriteOnly"
  }
}
)"}});
  Model model;
  TfLoadResult r = LoadTerraformModule(dir.path(), {}, model);
  ASSERT_EQ(r.instances.size(), 1u);
  EXPECT_EQ(r.instances[0].attributes.Render(300),
            "{name: \"t\", enable_logging: true, event_selector: [{read_write_type: "
            "\"WriteOnly\"}]}");
  EXPECT_TRUE(r.notes.empty());
}

}  // namespace
}  // namespace iaclint
