#include "terraform/tf_refs.h"

#include <gtest/gtest.h>

#include "terraform/tf_address.h"

namespace iaclint {
namespace {

TfResourceInstance Inst(const std::string& address) {
  TfResourceInstance i;
  i.address = address;
  i.module_path = ParseResourceAddress(address).module_path;
  return i;
}

std::vector<std::string> Addresses(const TfConfiguration& c, const std::vector<size_t>& idx) {
  std::vector<std::string> out;
  for (size_t i : idx) out.push_back(c.instances[i].address);
  return out;
}

TEST(TfAddress, SplitsTraversalsWithQuotedKeys) {
  auto steps = SplitTraversal("module.a[\"x.y]\"].aws_s3_bucket.b[0].arn");
  ASSERT_EQ(steps.size(), 5u);
  EXPECT_EQ(steps[1].name, "a");
  EXPECT_EQ(steps[1].key, "\"x.y]\"");
  EXPECT_EQ(steps[3].key, "0");
  EXPECT_EQ(StripInstanceKeys("module.a[\"k\"].aws_x.b[0]"), "module.a.aws_x.b");
  TfAddressParts p = ParseResourceAddress("module.a[\"k\"].module.b.data.aws_x.y[\"z\"]");
  EXPECT_EQ(p.module_path, "module.a[\"k\"].module.b");
  EXPECT_EQ(p.local, "data.aws_x.y");
  EXPECT_EQ(p.key, "\"z\"");
  EXPECT_EQ(ParseResourceAddress("aws_x.module").module_path, "");
  EXPECT_EQ(ParentModulePath("module.a[0].module.b"), "module.a[0]");
  EXPECT_EQ(ParentModulePath("module.a"), "");
  EXPECT_EQ(ModulePathPrefixes("module.a[0].module.b"),
            (std::vector<std::string>{"module.a[0]", "module.a[0].module.b"}));
  // Malformed text gives what can be read, never a crash.
  EXPECT_EQ(SplitTraversal("a[\"unterminated").size(), 1u);
  EXPECT_EQ(ParseResourceAddress("").local, "");
}

TEST(TfRefs, ModuleRelativeAndMostSpecificStep) {
  TfConfiguration c;
  c.instances = {Inst("aws_s3_bucket.b[0]"), Inst("aws_s3_bucket.b[1]"),
                 Inst("module.m.aws_s3_bucket.b[0]"), Inst("aws_iam_group.g")};
  TfRefResolver r(c);
  EXPECT_EQ(Addresses(c, r.Resolve({"aws_s3_bucket.b[1].id", "aws_s3_bucket.b[1]", "aws_s3_bucket.b"}, "")),
            std::vector<std::string>{"aws_s3_bucket.b[1]"});
  EXPECT_EQ(Addresses(c, r.Resolve({"aws_s3_bucket.b"}, "")),
            (std::vector<std::string>{"aws_s3_bucket.b[0]", "aws_s3_bucket.b[1]"}));
  EXPECT_EQ(Addresses(c, r.Resolve({"aws_s3_bucket.b[*].arn", "aws_s3_bucket.b"}, "")).size(), 2u);
  // A key that is an expression (.tf: b[each.key]) stands for any instance.
  EXPECT_EQ(Addresses(c, r.Resolve({"aws_s3_bucket.b[each.key].id"}, "")).size(), 2u);
  EXPECT_EQ(Addresses(c, r.Resolve({"aws_s3_bucket.b[0].id"}, "module.m")),
            std::vector<std::string>{"module.m.aws_s3_bucket.b[0]"});
  EXPECT_TRUE(r.Resolve({"local.x", "each.value", "count.index", "path.module", "var.x"}, "").empty());
  EXPECT_EQ(r.KeyOf(1), "1");
  EXPECT_EQ(r.KeyOf(3), "");
}

TEST(TfRefs, FollowsVariablesUpAndOutputsDown) {
  TfConfiguration c;
  c.instances = {Inst("module.audit.aws_s3_bucket.this[0]"),
                 Inst("module.trail[\"eu\"].aws_cloudtrail.t"),
                 Inst("module.trail[\"us\"].aws_cloudtrail.t"),
                 Inst("module.deep.module.inner.aws_sns_topic.t")};
  c.modules = {
      TfModuleLinks{"module.audit", {}, {{"bucket_id", {"aws_s3_bucket.this[0].id", "aws_s3_bucket.this[0]"}}}},
      TfModuleLinks{"module.trail", {{"bucket", {"module.audit.bucket_id", "module.audit"}}}, {}},
      TfModuleLinks{"module.deep", {}, {{"topic", {"module.inner.arn", "module.inner"}}}},
      TfModuleLinks{"module.deep.module.inner", {}, {{"arn", {"aws_sns_topic.t.arn", "aws_sns_topic.t"}}}},
  };
  TfRefResolver r(c);
  EXPECT_EQ(Addresses(c, r.Resolve({"var.bucket"}, "module.trail[\"eu\"]")),
            std::vector<std::string>{"module.audit.aws_s3_bucket.this[0]"});
  EXPECT_EQ(Addresses(c, r.Resolve({"module.deep.topic", "module.deep"}, "")),
            std::vector<std::string>{"module.deep.module.inner.aws_sns_topic.t"});
  EXPECT_TRUE(r.Resolve({"module.deep"}, "").empty());
  EXPECT_TRUE(r.Resolve({"var.missing"}, "module.trail[\"eu\"]").empty());
  EXPECT_TRUE(r.Resolve({"module.nowhere.x"}, "").empty());
}

TEST(TfRefs, CyclesThroughVariablesEnd) {
  TfConfiguration c;
  c.instances = {Inst("module.a.aws_iam_group.g")};
  c.modules = {TfModuleLinks{"module.a", {{"x", {"module.a.y"}}}, {{"y", {"var.x"}}}}};
  TfRefResolver r(c);
  EXPECT_TRUE(r.Resolve({"var.x"}, "module.a").empty());
}

TEST(TfRefs, FindsReferencesOfNestedPaths) {
  std::map<std::string, std::vector<std::string>> refs = {
      {"rule.0.filter.prefix", {"var.p"}}, {"notification", {"aws_sns_topic.t"}}};
  ASSERT_NE(FindReferences(refs, "rule.0.filter.prefix"), nullptr);
  EXPECT_EQ(FindReferences(refs, "rule.filter.prefix")->front(), "var.p");
  EXPECT_EQ(FindReferences(refs, "notification.1.subscriber_sns_topic_arns")->front(),
            "aws_sns_topic.t");
  EXPECT_EQ(FindReferences(refs, "other"), nullptr);
  EXPECT_EQ(FindReferences({}, "x"), nullptr);
}

}  // namespace
}  // namespace iaclint
