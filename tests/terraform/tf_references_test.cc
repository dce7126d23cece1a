#include "terraform/tf_references.h"

#include <gtest/gtest.h>

#include "terraform/hcl_parser.h"

namespace iaclint {
namespace {

std::vector<std::string> Refs(const std::string& expr) {
  const std::string text = "a = " + expr + "\n";
  HclParseResult r = ParseHcl(text, 0);
  if (!r.ok()) return {"error: " + r.errors[0].message};
  return CollectReferences(r.body.attributes[0].value);
}

using V = std::vector<std::string>;

TEST(TfReferences, UnwrapsLikeTerraformPlans) {
  EXPECT_EQ(Refs("aws_s3_bucket.b.id"), (V{"aws_s3_bucket.b.id", "aws_s3_bucket.b"}));
  EXPECT_EQ(Refs("aws_s3_bucket.b"), (V{"aws_s3_bucket.b"}));
  EXPECT_EQ(Refs("aws_s3_bucket.b[0].arn"),
            (V{"aws_s3_bucket.b[0].arn", "aws_s3_bucket.b[0]", "aws_s3_bucket.b"}));
  EXPECT_EQ(Refs("aws_s3_bucket.b[\"k\"].tags.Name"),
            (V{"aws_s3_bucket.b[\"k\"].tags.Name", "aws_s3_bucket.b[\"k\"].tags",
               "aws_s3_bucket.b[\"k\"]", "aws_s3_bucket.b"}));
  EXPECT_EQ(Refs("data.aws_iam_policy_document.p.json"),
            (V{"data.aws_iam_policy_document.p.json", "data.aws_iam_policy_document.p"}));
  EXPECT_EQ(Refs("var.x"), (V{"var.x"}));
  EXPECT_EQ(Refs("var.x.y[0]"), (V{"var.x.y[0]", "var.x.y", "var.x"}));
  EXPECT_EQ(Refs("local.l"), (V{"local.l"}));
  EXPECT_EQ(Refs("module.m.out"), (V{"module.m.out", "module.m"}));
  EXPECT_EQ(Refs("module.m[0].out.x"), (V{"module.m[0].out.x", "module.m[0].out", "module.m[0]"}));
  EXPECT_EQ(Refs("module.m"), (V{"module.m"}));
  EXPECT_EQ(Refs("count.index"), (V{"count.index"}));
  EXPECT_EQ(Refs("each.value.name"), (V{"each.value.name", "each.value"}));
  EXPECT_EQ(Refs("path.module"), (V{"path.module"}));
}

TEST(TfReferences, StopsAtDynamicIndexesAndSplats) {
  EXPECT_EQ(Refs("aws_s3_bucket.b[var.i].id"), (V{"aws_s3_bucket.b", "var.i"}));
  EXPECT_EQ(Refs("aws_s3_bucket.b[*].arn"), (V{"aws_s3_bucket.b"}));
  EXPECT_EQ(Refs("\"${var.a}-${var.a}\""), (V{"var.a", "var.a"}));
  EXPECT_EQ(Refs("[for s in var.list : s.name if s.on]"), (V{"var.list"}));
  EXPECT_EQ(Refs("{ for k, v in local.m : k => v.x }"), (V{"local.m"}));
  EXPECT_EQ(Refs("{ key = 1, (var.k) = 2 }"), (V{"var.k"}));
  EXPECT_EQ(Refs("jsonencode({ a = aws_sns_topic.t.arn })"),
            (V{"aws_sns_topic.t.arn", "aws_sns_topic.t"}));
  EXPECT_EQ(Refs("var.on ? 1 : local.n"), (V{"var.on", "local.n"}));
  EXPECT_EQ(Refs("\"literal\""), V{});
  EXPECT_EQ(Refs("unknownroot"), V{});
}

}  // namespace
}  // namespace iaclint
