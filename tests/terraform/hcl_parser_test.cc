#include "terraform/hcl_parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "terraform/cpu_clock.h"

namespace iaclint {
namespace {

HclParseResult Parse(std::string_view text) { return ParseHcl(text, 0); }

std::string Shape(std::string_view text) {
  HclParseResult r = Parse(text);
  if (!r.ok()) return "error: " + r.errors[0].message;
  if (r.body.attributes.empty()) return "no attribute";
  return DebugString(r.body.attributes[0].value);
}

std::string FirstError(std::string_view text) {
  HclParseResult r = Parse(text);
  if (r.ok()) return "ok";
  const Error& e = r.errors[0];
  return std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + " " + e.message;
}

TEST(HclParser, BlocksLabelsAndLocations) {
  HclParseResult r = Parse(
      "# comment\n"
      "resource \"aws_s3_bucket\" \"logs\" {\n"
      "  bucket = \"my-logs\"\n"
      "  rule {\n"
      "    id = \"r\\u00e9\"\n"
      "  }\n"
      "}\n");
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  ASSERT_EQ(r.body.blocks.size(), 1u);
  const HclBlock& b = r.body.blocks[0];
  EXPECT_EQ(b.type, "resource");
  EXPECT_EQ(b.labels, (std::vector<std::string>{"aws_s3_bucket", "logs"}));
  EXPECT_EQ(b.loc.line, 2u);
  EXPECT_EQ(b.loc.column, 1u);
  EXPECT_EQ(b.loc.end_line, 7u);
  EXPECT_EQ(b.label_locs[1].column, 26u);
  ASSERT_EQ(b.body.attributes.size(), 1u);
  const auto& a = b.body.attributes[0];
  EXPECT_EQ(a.name, "bucket");
  EXPECT_EQ(a.name_loc.line, 3u);
  EXPECT_EQ(a.name_loc.column, 3u);
  EXPECT_EQ(a.value.loc.column, 12u);
  EXPECT_EQ(a.value.loc.end_column, 21u);
  ASSERT_EQ(b.body.blocks.size(), 1u);
  EXPECT_EQ(b.body.blocks[0].type, "rule");
}

TEST(HclParser, ExpressionShapes) {
  EXPECT_EQ(Shape("a = aws_s3_bucket.b[0].id\n"),
            "(attr id (index (attr b (var aws_s3_bucket)) (num 0)))");
  EXPECT_EQ(Shape("a = x.0.y\n"), "(attr y (index (var x) (num 0)))");
  EXPECT_EQ(Shape("a = x[*].y\n"), "(splat (var x) (attr y (item)))");
  EXPECT_EQ(Shape("a = -1 + 2 * 3\n"), "(binary + (unary - (num 1)) (binary * (num 2) (num 3)))");
  EXPECT_EQ(Shape("a = (1 + 2) * 3\n"), "(binary * (binary + (num 1) (num 2)) (num 3))");
  EXPECT_EQ(Shape("a = c ? \"x\" : null\n"), "(cond (var c) (tmpl (lit x)) (null))");
  EXPECT_EQ(Shape("a = f(1, [2]...)\n"), "(call f (num 1) (tuple (num 2)))");
  EXPECT_EQ(Shape("a = { k = 1, \"s\" : 2, (v) = 3 }\n"),
            "(object (key k) (num 1) (tmpl (lit s)) (num 2) (var v) (num 3))");
  EXPECT_EQ(Shape("a = [for k, v in m : v if k != \"\"]\n"),
            "(for[] k v (var m) (var v) (binary != (var k) (tmpl)))");
  EXPECT_EQ(Shape("a = {for v in l : v => 1...}\n"), "(for{} v (var l) (var v) (num 1))");
  EXPECT_EQ(Shape("a = \"x ${var.y} z\"\n"),
            "(tmpl (lit x ) (interp (attr y (var var))) (lit  z))");
  EXPECT_EQ(Shape("a = \"%{ if c }y%{ else }n%{ endif }\"\n"),
            "(tmpl (tif (var c) (tmpl (lit y)) (tmpl (lit n))))");
  EXPECT_EQ(Shape("a = true\n"), "(bool true)");
  EXPECT_EQ(Shape("a = provider::aws::arn_parse(x)\n"), "(call provider::aws::arn_parse (var x))");
}

TEST(HclParser, Heredocs) {
  HclParseResult r = Parse("a = <<-EOT\n    hello ${x}\n      b\n    EOT\nb = 1\n");
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  const HclExpr& h = r.body.attributes[0].value;
  EXPECT_TRUE(h.has(HclExpr::kHeredoc));
  EXPECT_TRUE(h.has(HclExpr::kStripIndent));
  EXPECT_EQ(DebugString(h), "(tmpl (lit     hello ) (interp (var x)) (lit \n      b\n))");
  EXPECT_EQ(Shape("a = <<EOT\nEOT\n"), "(tmpl)");
}

TEST(HclParser, SyntaxErrorsHaveExactPositions) {
  EXPECT_EQ(FirstError("a = [1, 2\nb = 3\n"), "2:1 unexpected name \"b\"");
  EXPECT_EQ(FirstError("resource \"x\" \"y\" {\n  a = \n}\n"), "3:1 unexpected \"}\"");
  EXPECT_EQ(FirstError("a = \"${x[${y}]}\"\n"), "1:10 unexpected \"${\"");
  EXPECT_EQ(FirstError("Some invalid code"),
            "1:18 unexpected end of file; a block, bracket, parenthesis or string is not closed");
  EXPECT_EQ(FirstError("a = 1 b = 2\n"),
            "1:7 missing newline: each argument or block must start "
            "on a new line");
  EXPECT_EQ(FirstError("a = { x = 1 y = 2 }\n"),
            "1:13 missing comma or newline between object elements");
  EXPECT_EQ(FirstError("a = 1\nb = 2\na = 3\n"),
            "3:1 attribute redefined: the argument \"a\" was already set at line 1; each argument "
            "may be set only once");
  EXPECT_EQ(FirstError("a = \"x\\q\"\n"), "1:7 unexpected \"\\q\"\"");
  EXPECT_EQ(FirstError("a = \"${}\"\n"),
            "1:6 empty interpolation: expected an expression after \"${\"");
}

TEST(HclParser, RejectsBadEncodings) {
  EXPECT_EQ(FirstError(std::string("a = 1\nb = \"x\0y\"\n", 15)),
            "2:7 invalid character: the file contains a NUL byte");
  EXPECT_EQ(FirstError("a = \"\xC3\x28\"\n"),
            "1:6 invalid character encoding: the file is not valid UTF-8");
  EXPECT_EQ(FirstError("\xEF\xBB\xBF"
                       "a = 1\n"),
            "ok");
  EXPECT_EQ(FirstError("\xEF\xBB\xBF"
                       "a = \n"),
            "2:1 unexpected end of file; a block, bracket, "
            "parenthesis or string is not closed");
}

// CPU time, so a busy machine does not fail the test.
double Seconds(ThreadCpuClock::time_point since) {
  return std::chrono::duration<double>(ThreadCpuClock::now() - since).count();
}

TEST(HclParser, DeepNestingIsAnErrorNotACrash) {
  const size_t n = 100000;
  const auto start = ThreadCpuClock::now();
  const std::string tuples = "a = " + std::string(n, '[') + std::string(n, ']') + "\n";
  EXPECT_NE(FirstError(tuples).find("nested more than 256 levels deep"), std::string::npos);
  const std::string parens = "a = " + std::string(n, '(') + "1" + std::string(n, ')') + "\n";
  EXPECT_NE(FirstError(parens).find("nested more than"), std::string::npos);
  std::string blocks;
  for (size_t i = 0; i < n; ++i) blocks += "b {\n";
  blocks += std::string(n, '}');
  EXPECT_NE(FirstError(blocks).find("nested more than"), std::string::npos);
  const std::string open = "a = " + std::string(n, '[');
  EXPECT_NE(FirstError(open), "ok");
  EXPECT_LT(Seconds(start), 10.0);
}

TEST(HclParser, GarbageEndsQuickly) {
  std::string soup;
  const char* tokens[] = {"{", "}", "[", "]", "(", ")", "\"", "${", "%{", "<<EOT\n",
                          ",", ".", "*", "?", ":", "1", "x",  "=",  "#",  "\n"};
  uint32_t seed = 7;
  while (soup.size() < 2'000'000) {
    seed = seed * 1103515245 + 12345;
    soup += tokens[(seed >> 16) % 20];
    soup += ' ';
  }
  const auto start = ThreadCpuClock::now();
  EXPECT_NE(FirstError(soup), "ok");
  EXPECT_LT(Seconds(start), 10.0);
}

}  // namespace
}  // namespace iaclint

namespace iaclint {
namespace {

// Everything a parse produced, flattened: block types, labels, locations, attribute shapes.
void Dump(const HclBody& body, std::string& out) {
  for (const auto& a : body.attributes) {
    out += std::string(a.name) + "@" + std::to_string(a.loc.line) + ":" +
           std::to_string(a.loc.column) + "=" + DebugString(a.value) + "\n";
  }
  for (const HclBlock& b : body.blocks) {
    out += std::string(b.type);
    for (const std::string& l : b.labels) out += " " + l;
    out += "@" + std::to_string(b.loc.line) + "-" + std::to_string(b.loc.end_line) + "{\n";
    Dump(b.body, out);
    out += "}\n";
  }
}

std::string ParseWithThreads(const std::string& text, unsigned threads) {
  HclParseOptions options;
  options.threads = threads;
  HclParseResult r = ParseHcl(text, 0, options);
  std::string out;
  for (const Error& e : r.errors) {
    out += "error " + std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + " " +
           e.message + "\n";
  }
  Dump(r.body, out);
  return out;
}

// About 1.2 MB of resource blocks: big enough to be parsed in pieces.
std::string ManyBlocks(size_t n) {
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    const std::string id = std::to_string(i);
    text += "resource \"aws_s3_bucket\" \"b" + id + "\" {\n  bucket = \"logs-" + id +
            "\"\n  tags = { Name = \"b" + id + "\", Index = " + id +
            " }\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n\n";
  }
  return text;
}

TEST(HclParserPieces, SameTreeWhateverTheThreadCount) {
  const std::string text = ManyBlocks(9000);
  ASSERT_GT(text.size(), 1'100'000u);
  const std::string one = ParseWithThreads(text, 1);
  EXPECT_EQ(one.find("error"), std::string::npos);
  EXPECT_NE(one.find("resource aws_s3_bucket b8999@"), std::string::npos);
  EXPECT_EQ(ParseWithThreads(text, 2), one);
  EXPECT_EQ(ParseWithThreads(text, 0), one);
}

TEST(HclParserPieces, SameErrorWhateverTheThreadCount) {
  // A syntax error near the end: the first failing piece decides, as when parsed in order.
  std::string text = ManyBlocks(9000);
  text += "resource \"aws_s3_bucket\" \"bad\" {\n  bucket = \n}\n";
  const std::string one = ParseWithThreads(text, 1);
  EXPECT_EQ(one.rfind("error ", 0), 0u) << one.substr(0, 200);
  EXPECT_EQ(ParseWithThreads(text, 2), one);
}

}  // namespace
}  // namespace iaclint
