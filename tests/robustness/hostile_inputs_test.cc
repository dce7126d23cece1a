// The hostile-input suite: every input a pull request could hold to crash, hang or exhaust
// iaclint, generated here (no binaries kept in the repository), analysed by the real binary
// in a child process with a timeout and a memory cap. Each must end with exit status 0, 1 or
// 2, never a signal, and where a limit or a parse error is involved, with the finding that
// says so at a real place.
//
// The suite is a table of generators x formats: a generator returns the file for a format, or
// nothing when the attack has no meaning there. A new input format is one more row in
// Formats() and a branch in the generators it applies to.
#include <gtest/gtest.h>

#include <functional>
#include <optional>

#include "run_binary.h"

namespace iaclint::robustness {
namespace {

enum class Format { kCfnYaml, kCfnJson, kTf };

struct FormatRow {
  Format format;
  const char* name;  ///< test name suffix
  const char* ext;   ///< file extension
};

const std::vector<FormatRow>& Formats() {
  static const std::vector<FormatRow> rows = {
      {Format::kCfnYaml, "cfn_yaml", ".yaml"},
      {Format::kCfnJson, "cfn_json", ".json"},
      {Format::kTf, "tf", ".tf"},
  };
  return rows;
}

/// One generated hostile file and what the run must show.
struct Case {
  std::string content;                       ///< used when `write` is empty
  std::function<void(std::ostream&)> write;  ///< for files too large to hold twice
  std::string expect_id;          ///< a finding that must be reported ("" = none in particular)
  std::string expect_text;        ///< ...whose message contains this
  uint32_t expect_line = 0;       ///< ...at this line (0 = any line >= 1)
  bool big = false;               ///< analysed once (walk), not also as an explicit argument
  bool also_sarif = false;        ///< analysed once more with --format sarif
  std::vector<std::string> args;  ///< extra options
};

using Generator = std::function<std::optional<Case>(Format)>;

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

constexpr const char* kYamlHeader = "AWSTemplateFormatVersion: \"2010-09-09\"\n";

// A template whose one bucket has `value` (already in the format's syntax) as a property.
std::string WithProperty(Format f, const std::string& value) {
  if (f == Format::kTf) return "resource \"aws_s3_bucket\" \"b\" {\n  x = " + value + "\n}\n";
  if (f == Format::kCfnYaml) {
    return std::string(kYamlHeader) +
           "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: " + value + "\n";
  }
  return "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"B\": {\"Type\": "
         "\"AWS::S3::Bucket\", \"Properties\": {\"X\": " +
         value + "}}}}\n";
}

// A string literal in the format's syntax (YAML plain scalars need no quotes).
std::string Str(Format f, const std::string& s) {
  return f == Format::kCfnYaml ? s : "\"" + s + "\"";
}

std::optional<Case> AliasBomb(Format f) {
  if (f != Format::kCfnYaml) return std::nullopt;
  std::string text = kYamlHeader;
  text += "Metadata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    text += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) text += (k ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  text += "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: *a9\n";
  return Case{text, {}, "IAC0001", "alias bomb"};
}

std::optional<Case> SelfReferencingAlias(Format f) {
  if (f != Format::kCfnYaml) return std::nullopt;
  return Case{std::string(kYamlHeader) +
                  "Resources:\n  B: &b\n    Type: AWS::S3::Bucket\n    Properties:\n"
                  "      Self: *b\n",
              {},
              "IAC0001",
              "recursive alias",
              6};
}

std::optional<Case> UndefinedAlias(Format f) {
  if (f != Format::kCfnYaml) return std::nullopt;
  return Case{std::string(kYamlHeader) + "Resources:\n  B:\n    Type: *nowhere\n",
              {},
              "IAC0001",
              "not defined",
              4};
}

std::optional<Case> Nesting100kFlow(Format f) {
  const size_t n = 100'000;
  const std::string deep = Repeat("[", n) + Repeat("]", n);
  return Case{WithProperty(f, deep), {}, "IAC0001", f == Format::kTf ? "" : "nesting deeper"};
}

std::optional<Case> Nesting100kMaps(Format f) {
  const size_t n = 100'000;
  const std::string deep = f == Format::kCfnYaml ? Repeat("{a: ", n) + "1" + Repeat("}", n)
                           : f == Format::kTf    ? Repeat("{a = ", n) + "1" + Repeat("}", n)
                                                 : Repeat("{\"a\": ", n) + "1" + Repeat("}", n);
  return Case{WithProperty(f, deep), {}, "IAC0001", f == Format::kTf ? "" : "nesting deeper"};
}

std::optional<Case> Nesting100kBlock(Format f) {
  if (f != Format::kCfnYaml) return std::nullopt;
  // "- - - - x": block sequences nested on one line.
  return Case{WithProperty(f, "\n        " + Repeat("- ", 100'000) + "x"),
              {},
              "IAC0001",
              "nesting deeper",
              7};
}

// 200 MB on one line: YAML over --max-yaml-size is refused at once; JSON is read, and its
// values counted until --max-nodes stops it.
std::optional<Case> SingleLine200MB(Format f) {
  constexpr size_t kSize = size_t{200} << 20;
  Case c;
  c.big = true;
  c.expect_id = "IAC0001";
  if (f == Format::kTf) {
    c.expect_text = "";
    c.write = [](std::ostream& out) {
      out << "locals { x = [0";
      const std::string chunk = Repeat(",1", 1 << 19);
      for (size_t i = 0; i < kSize / chunk.size(); ++i) out << chunk;
      out << "] }";
    };
  } else if (f == Format::kCfnYaml) {
    c.expect_text = "larger than the limit";
    c.write = [](std::ostream& out) {
      out << "{AWSTemplateFormatVersion: \"2010-09-09\", Description: ";
      const std::string chunk(1 << 20, 'x');
      for (size_t i = 0; i < kSize / chunk.size(); ++i) out << chunk;
      out << "}";
    };
  } else {
    c.expect_text = "values";
    c.expect_line = 1;
    c.write = [](std::ostream& out) {
      out << "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Metadata\": [0";
      const std::string chunk = Repeat(",1", 1 << 19);
      for (size_t i = 0; i < kSize / chunk.size(); ++i) out << chunk;
      out << "]}";
    };
  }
  return c;
}

std::optional<Case> SingleLine200MBString(Format f) {
  if (f != Format::kCfnJson) return std::nullopt;
  constexpr size_t kSize = size_t{200} << 20;
  Case c;
  c.big = true;         // parsed in full: one string value
  c.also_sarif = true;  // findings on a 200 MB line: regions and line hashes stay cheap
  c.write = [](std::ostream& out) {
    out << "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Description\": \"";
    const std::string chunk(1 << 20, 'x');
    for (size_t i = 0; i < kSize / chunk.size(); ++i) out << chunk;
    out << "\", \"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}";
  };
  return c;
}

std::optional<Case> InvalidUtf8(Format f) {
  return Case{WithProperty(f, Str(f, "caf\xC3\x28 \xFF")),
              {},
              "IAC0001",
              f == Format::kTf ? "" : "invalid UTF-8",
              f == Format::kCfnYaml ? 6u
              : f == Format::kTf    ? 2u
                                    : 1u};
}

std::optional<Case> Overlong(Format f) {
  // "/" as an overlong two-byte sequence, and an encoded UTF-16 surrogate.
  return Case{WithProperty(f, "\"\xC0\xAF \xED\xA0\x80\""),
              {},
              "IAC0001",
              f == Format::kTf ? "" : "invalid UTF-8"};
}

std::optional<Case> Utf16(Format f) {
  const std::string text = WithProperty(f, Str(f, "x"));
  std::string utf16 = "\xFF\xFE";  // little-endian byte-order mark
  for (char c : text) {
    utf16 += c;
    utf16 += '\0';
  }
  return Case{utf16, {}, "IAC0001", f == Format::kTf ? "" : "UTF-16", 1};
}

std::optional<Case> Utf16BigEndian(Format f) {
  const std::string text = WithProperty(f, Str(f, "x"));
  std::string utf16 = "\xFE\xFF";
  for (char c : text) {
    utf16 += '\0';
    utf16 += c;
  }
  return Case{utf16, {}, "IAC0001", f == Format::kTf ? "" : "UTF-16", 1};
}

std::optional<Case> Utf8Bom(Format f) {
  // Valid: the mark is skipped and nothing is a parse error (checked by the test below).
  return Case{"\xEF\xBB\xBF" + WithProperty(f, Str(f, "x")), {}, "", ""};
}

std::optional<Case> CrlfDuplicateKey(Format f) {
  std::string text =
      f == Format::kTf ? "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"a\"\n}\n"
                         "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n"
      : f == Format::kCfnYaml
          ? std::string(kYamlHeader) +
                "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  B:\n"
                "    Type: AWS::S3::Bucket\n"
          : "{\n\"AWSTemplateFormatVersion\": \"2010-09-09\",\n\"Resources\": {\n\"B\": "
            "{\"Type\": \"AWS::S3::Bucket\"},\n\"B\": {\"Type\": \"AWS::S3::Bucket\"}\n}\n}\n";
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  if (f == Format::kTf) return Case{crlf, {}, "", ""};  // checked: no crash, CRLF parsed
  return Case{crlf, {}, "IAC0001", "duplicate key 'B'", 5};
}

std::optional<Case> LoneCarriageReturns(Format f) {
  if (f == Format::kTf) return std::nullopt;  // HCL has no lone-CR line ends
  std::string text = WithProperty(f, Str(f, "x"));
  for (char& c : text) {
    if (c == '\n') c = '\r';
  }
  return Case{text, {}, "", ""};
}

std::optional<Case> NulBytes(Format f) {
  std::string text = WithProperty(f, Str(f, "x"));
  text.insert(text.size() / 2, std::string("\0\0", 2));
  return Case{text, {}, "IAC0001", f == Format::kTf ? "" : "NUL", f == Format::kTf ? 0u : 1u};
}

std::optional<Case> DuplicateKeys(Format f) {
  if (f == Format::kTf) return Case{WithProperty(f, "{k = 1, k = 2, k = 3}"), {}, "", ""};
  return Case{WithProperty(f, f == Format::kCfnYaml ? "{k: 1, k: 2, k: 3}"
                                                    : "{\"k\": 1, \"k\": 2, \"k\": 3}"),
              {},
              "IAC0001",
              "duplicate key 'k'"};
}

// Fn::If nested 10,000 deep: stopped by --max-depth while parsing.
std::optional<Case> FnIfChain10000(Format f) {
  const size_t n = 10'000;
  std::string v;
  if (f == Format::kTf) {  // the conditional operator, 10,000 deep
    return Case{
        WithProperty(f, Repeat("var.c ? \"a\" : (", n) + "\"b\"" + Repeat(")", n)), {}, "", ""};
  }
  if (f == Format::kCfnYaml) {
    v = Repeat("!If [C, a, ", n) + "b" + Repeat("]", n);
  } else {
    v = Repeat("{\"Fn::If\": [\"C\", \"a\", ", n) + "\"b\"" + Repeat("]}", n);
  }
  return Case{WithProperty(f, v), {}, "IAC0001", "nesting deeper"};
}

// 2^13 = 8,192 Fn::If alternatives in a balanced tree, within the depth limit: the value
// becomes Unknown past --max-if-combinations, with a note where.
std::optional<Case> FnIfBalanced(Format f) {
  if (f == Format::kTf) return std::nullopt;
  std::function<std::string(int)> tree = [&](int depth) -> std::string {
    if (depth == 0) return f == Format::kCfnYaml ? "leaf" : "\"leaf\"";
    const std::string c = "C" + std::to_string(depth);
    if (f == Format::kCfnYaml)
      return "!If [" + c + ", " + tree(depth - 1) + ", " + tree(depth - 1) + "]";
    return "{\"Fn::If\": [\"" + c + "\", " + tree(depth - 1) + ", " + tree(depth - 1) + "]}";
  };
  std::string text = WithProperty(f, tree(13));
  // Conditions that cannot be decided offline.
  std::string conditions;
  for (int i = 1; i <= 13; ++i) {
    const std::string c = "C" + std::to_string(i);
    conditions += f == Format::kCfnYaml
                      ? "  " + c + ": !Equals [!Ref AWS::Region, r" + std::to_string(i) + "]\n"
                      : std::string(i > 1 ? ", " : "") + "\"" + c +
                            "\": {\"Fn::Equals\": [{\"Ref\": \"AWS::Region\"}, \"r\"]}";
  }
  if (f == Format::kCfnYaml) {
    text.insert(std::string(kYamlHeader).size(), "Conditions:\n" + conditions);
  } else {
    text.insert(1, "\"Conditions\": {" + conditions + "}, ");
  }
  return Case{text, {}, "IAC0002", "Fn::If combinations"};
}

// 10,000 Fn::If side by side in one list, and 10,000 conditions each naming the next.
std::optional<Case> FnIfWideAndConditionChain(Format f) {
  const size_t n = 10'000;
  if (f == Format::kTf) {  // 10,000 locals, each naming the next
    std::string text = "locals {\n";
    for (size_t i = 0; i < n; ++i) {
      text += "  l" + std::to_string(i) + " = local.l" + std::to_string(i + 1) + "\n";
    }
    text += "  l" + std::to_string(n) +
            " = 1\n}\nresource \"aws_s3_bucket\" \"b\" {\n"
            "  bucket = local.l0\n}\n";
    return Case{text, {}, "", ""};
  }
  std::string text;
  if (f == Format::kCfnYaml) {
    text = std::string(kYamlHeader) + "Conditions:\n";
    for (size_t i = 0; i < n; ++i) {
      text += "  C" + std::to_string(i) + ": !Or [!Condition C" + std::to_string(i + 1) +
              ", !Equals [!Ref AWS::Region, x]]\n";
    }
    text += "  C" + std::to_string(n) + ": !Equals [!Ref AWS::Region, y]\n";
    text +=
        "Resources:\n  Budget:\n    Type: AWS::Budgets::Budget\n    Condition: C0\n"
        "    Properties:\n      NotificationsWithSubscribers:\n";
    for (size_t i = 0; i < n; ++i) {
      text += "        - !If [C" + std::to_string(i) +
              ", {Notification: {Threshold: 80}}, "
              "!Ref AWS::NoValue]\n";
    }
    return Case{text, {}, "", ""};
  }
  text = "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Conditions\": {";
  for (size_t i = 0; i < n; ++i) {
    text += "\"C" + std::to_string(i) + "\": {\"Fn::Or\": [{\"Condition\": \"C" +
            std::to_string(i + 1) +
            "\"}, {\"Fn::Equals\": [{\"Ref\": \"AWS::Region\"}, \"x\"]}]}, ";
  }
  text +=
      "\"C" + std::to_string(n) + "\": {\"Fn::Equals\": [{\"Ref\": \"AWS::Region\"}, \"y\"]}}, ";
  text +=
      "\"Resources\": {\"Budget\": {\"Type\": \"AWS::Budgets::Budget\", \"Condition\": \"C0\", "
      "\"Properties\": {\"NotificationsWithSubscribers\": [";
  for (size_t i = 0; i < n; ++i) {
    text += std::string(i ? ", " : "") + "{\"Fn::If\": [\"C" + std::to_string(i) +
            "\", {\"Notification\": {\"Threshold\": 80}}, {\"Ref\": \"AWS::NoValue\"}]}";
  }
  text += "]}}}}";
  return Case{text, {}, "", ""};
}

std::optional<Case> CircularReferences(Format f) {
  if (f == Format::kTf) {
    return Case{
        "locals {\n  a = local.b\n  b = local.a\n  c = local.c\n}\n"
        "variable \"v\" {\n  default = var.v\n}\n"
        "resource \"aws_s3_bucket\" \"a\" {\n  bucket = aws_s3_bucket.b.id\n"
        "  depends_on = [aws_s3_bucket.b]\n}\n"
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = aws_s3_bucket.a.arn\n"
        "  depends_on = [aws_s3_bucket.a]\n  tags = { a = local.a, v = var.v }\n}\n"
        "module \"m\" {\n  source = \"./\"\n}\n",
        {},
        "",
        ""};
  }
  if (f == Format::kCfnYaml) {
    return Case{
        std::string(kYamlHeader) +
            "Parameters:\n  P: {Type: String, Default: !Ref P}\n"
            "  Q: {Type: String, Default: !Sub '${Q}-${P}'}\n"
            "Conditions:\n  C: !Condition C\n  D: !Not [!Condition E]\n"
            "  E: !And [!Condition D, !Condition C]\n"
            "Resources:\n"
            "  A:\n    Type: AWS::S3::Bucket\n    DependsOn: [B, A]\n    Condition: D\n"
            "    Properties:\n      BucketName: !Ref B\n      Tags: [{Key: q, Value: !Ref Q}]\n"
            "  B:\n    Type: AWS::S3::Bucket\n    DependsOn: A\n"
            "    Properties:\n      BucketName: !GetAtt A.Arn\n"
            "      X: !If [E, !Ref B, !Sub '${A.Arn}${B}']\n"
            "  Trail:\n    Type: AWS::CloudTrail::Trail\n"
            "    Properties:\n      S3BucketName: !Ref Trail\n      IsLogging: true\n",
        {},
        "",
        ""};
  }
  return Case{
      "{\"AWSTemplateFormatVersion\": \"2010-09-09\","
      "\"Parameters\": {\"P\": {\"Type\": \"String\", \"Default\": {\"Ref\": \"P\"}}},"
      "\"Conditions\": {\"C\": {\"Condition\": \"C\"}},"
      "\"Resources\": {"
      "\"A\": {\"Type\": \"AWS::S3::Bucket\", \"DependsOn\": [\"B\", \"A\"], "
      "\"Condition\": \"C\", \"Properties\": {\"BucketName\": {\"Ref\": \"B\"}}},"
      "\"B\": {\"Type\": \"AWS::S3::Bucket\", \"DependsOn\": \"A\", "
      "\"Properties\": {\"BucketName\": {\"Fn::GetAtt\": [\"A\", \"Arn\"]}, "
      "\"Tags\": [{\"Key\": \"p\", \"Value\": {\"Ref\": \"P\"}}]}}}}",
      {},
      "",
      ""};
}

// Every field of a template with the wrong type.
std::optional<Case> WrongTypes(Format f) {
  if (f == Format::kTf) {
    return Case{
        "resource \"aws_s3_bucket\" {}\nresource \"aws_s3_bucket\" \"x\" \"y\" {}\n"
        "variable \"v\" { default = [1, {a = 2}] }\n"
        "resource \"aws_iam_account_password_policy\" \"p\" {\n"
        "  minimum_password_length = [var.v]\n  max_password_age = {x = 1}\n"
        "  count = \"many\"\n  for_each = 5\n}\n",
        {},
        "",
        ""};
  }
  if (f == Format::kCfnYaml) {
    return Case{std::string(kYamlHeader) +
                    "Parameters: [1, 2]\nConditions: 7\nMappings: x\nOutputs: [a]\n"
                    "Resources:\n"
                    "  A: 5\n  B: [1]\n  C: {Type: [AWS::S3::Bucket]}\n"
                    "  D: {Type: AWS::S3::Bucket, Properties: [1, 2]}\n"
                    "  E: {Type: AWS::S3::Bucket, Condition: {a: b}, Metadata: "
                    "{iaclint: {ignore: {id: 5}}}}\n"
                    "  F: {Type: AWS::IAM::AccountPasswordPolicy, Properties: "
                    "{MinimumPasswordLength: 1e99999, MaxPasswordAge: 99999999999999999999999999, "
                    "PasswordReusePrevention: .nan, RequireSymbols: [true]}}\n"
                    "  G: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: !Select "
                    "[99999999999999999999, [1]], LogGroupName: !Join [[], 5]}}\n"
                    "  H: {Type: AWS::Events::Rule, Properties: {EventPattern: '{\"a\": [[[['}}\n"
                    "  I: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: [x]}}\n",
                {},
                "IAC0002",
                "is not analysed"};
  }
  return Case{
      "{\"AWSTemplateFormatVersion\": [], \"Parameters\": 1, \"Conditions\": [], "
      "\"Resources\": {\"A\": null, \"B\": {\"Type\": 5}, \"C\": {\"Type\": "
      "\"AWS::IAM::AccountPasswordPolicy\", \"Properties\": {\"MinimumPasswordLength\": "
      "1e99999, \"MaxPasswordAge\": -0, \"RequireSymbols\": {}}}, \"D\": {\"Type\": "
      "\"AWS::Events::Rule\", \"Properties\": {\"EventPattern\": \"{\\\"a\\\": \\\"\\\\u00\"}}}, "
      "\"Outputs\": {\"O\": {\"Export\": {\"Name\": {\"Fn::Sub\": []}}, \"Value\": 5}}}",
      {},
      "IAC0002",
      "is not analysed"};
}

std::optional<Case> EmptyFile(Format) { return Case{"", {}, "", ""}; }

std::optional<Case> OnlyWhitespaceAndComments(Format f) {
  return Case{f == Format::kCfnJson ? " \n\t\r\n" : "# AWSTemplateFormatVersion\n\n   \n# end\n",
              {},
              "",
              ""};
}

std::optional<Case> Truncated(Format f) {
  std::string text = WithProperty(f, f == Format::kCfnYaml ? "[1, {a: 2" : "\"x\"");
  if (f != Format::kCfnYaml) text.resize(text.size() - 6);
  return Case{text, {}, "IAC0001", ""};
}

std::optional<Case> ManyDocumentsAndOddTags(Format f) {
  if (f != Format::kCfnYaml) return std::nullopt;
  std::string text = std::string(kYamlHeader) +
                     "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                     "      A: !!binary aGVsbG8=\n      B: !<tag:example.com,2000:x> {a: 1}\n"
                     "      C: !Ref {a: [1]}\n      D: !GetAtt [[], {}]\n      E: !Sub [[]]\n"
                     "      F: !Unknown [1]\n      G: !FindInMap [M]\n      H: ? [complex, key]\n"
                     "        : v\n      I: !Base64 {Fn::Base64: {Fn::Base64: x}}\n";
  text += Repeat("---\na: 1\n", 50'000);
  return Case{text, {}, "", ""};
}

// Keys and values that try to forge output lines or drive a terminal.
std::optional<Case> ControlCharactersInKeys(Format f) {
  if (f == Format::kTf) return std::nullopt;
  return Case{WithProperty(f, f == Format::kCfnYaml
                                  ? "{\"k\\e[2J\\nfake.yaml:1:1: error: forged [IAC0801]\": 1, "
                                    "\"k\\e[2J\\nfake.yaml:1:1: error: forged [IAC0801]\": 2}"
                                  : "{\"k\\u001b[2J\\nfake.yaml:1:1: error: forged [IAC0801]\": 1, "
                                    "\"k\\u001b[2J\\nfake.yaml:1:1: error: forged [IAC0801]\": 2}"),
              {},
              "IAC0001",
              "duplicate key"};
}

struct GeneratorRow {
  const char* name;
  Generator make;
};

const std::vector<GeneratorRow>& Generators() {
  static const std::vector<GeneratorRow> rows = {
      {"AliasBomb", AliasBomb},
      {"SelfReferencingAlias", SelfReferencingAlias},
      {"UndefinedAlias", UndefinedAlias},
      {"Nesting100kLists", Nesting100kFlow},
      {"Nesting100kMaps", Nesting100kMaps},
      {"Nesting100kBlock", Nesting100kBlock},
      {"SingleLine200MB", SingleLine200MB},
      {"SingleLine200MBString", SingleLine200MBString},
      {"InvalidUtf8", InvalidUtf8},
      {"OverlongUtf8", Overlong},
      {"Utf16", Utf16},
      {"Utf16BigEndian", Utf16BigEndian},
      {"Utf8Bom", Utf8Bom},
      {"CrlfDuplicateKey", CrlfDuplicateKey},
      {"LoneCarriageReturns", LoneCarriageReturns},
      {"NulBytes", NulBytes},
      {"DuplicateKeys", DuplicateKeys},
      {"FnIfChain10000", FnIfChain10000},
      {"FnIfBalanced8192", FnIfBalanced},
      {"FnIfWideAndConditionChain10000", FnIfWideAndConditionChain},
      {"CircularReferences", CircularReferences},
      {"WrongTypes", WrongTypes},
      {"EmptyFile", EmptyFile},
      {"OnlyWhitespaceAndComments", OnlyWhitespaceAndComments},
      {"Truncated", Truncated},
      {"ManyDocumentsAndOddTags", ManyDocumentsAndOddTags},
      {"ControlCharactersInKeys", ControlCharactersInKeys},
  };
  return rows;
}

/// Peak memory allowed for one run (the 200 MB cases hold the file and its parse).
constexpr long kMaxRssKb = (kSanitized ? 6L : 2L) << 20;

void ExpectWellBehaved(const RunResult& r) {
  ASSERT_TRUE(r.started);
  EXPECT_FALSE(r.timed_out) << r.Describe();
  EXPECT_EQ(r.signal, 0) << r.Describe();
  EXPECT_TRUE(r.exit_code >= 0 && r.exit_code <= 2) << r.Describe();
  EXPECT_LE(r.max_rss_kb, kMaxRssKb) << r.Describe();
  EXPECT_EQ(r.err.find("Sanitizer"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("runtime error"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("terminate called"), std::string::npos) << r.err;
}

void ExpectFinding(const RunResult& r, const Case& c, const std::string& file) {
  if (c.expect_id.empty()) return;
  const auto f = FindFinding(r, c.expect_id, c.expect_text);
  ASSERT_FALSE(f.is_null()) << "no " << c.expect_id << " with '" << c.expect_text << "'\n"
                            << r.Describe();
  EXPECT_EQ(f.value("file", ""), file) << f.dump();
  EXPECT_GE(f.value("line", 0), 1) << f.dump();
  EXPECT_GE(f.value("column", 0), 1) << f.dump();
  if (c.expect_line) EXPECT_EQ(f.value("line", 0), static_cast<int>(c.expect_line)) << f.dump();
}

class HostileInput : public ::testing::TestWithParam<std::tuple<size_t, size_t>> {};

TEST_P(HostileInput, EndsCleanlyWithAFinding) {
  const GeneratorRow& gen = Generators()[std::get<0>(GetParam())];
  const FormatRow& format = Formats()[std::get<1>(GetParam())];
  std::optional<Case> c = gen.make(format.format);
  if (!c) GTEST_SKIP() << gen.name << " has no meaning for " << format.name;
  TempDir dir;
  const std::string name = std::string("hostile") + format.ext;
  {
    std::ofstream out(dir / name, std::ios::binary);
    if (c->write) {
      c->write(out);
    } else {
      out << c->content;
    }
  }
  // As CI runs it: a walk of the checked-out tree. Then the file named explicitly.
  std::vector<std::vector<std::string>> modes = {{"check", ".", "--format", "json"}};
  if (!c->big) modes.push_back({"check", name, "--format", "json"});
  if (c->also_sarif) modes.push_back({"check", ".", "--format", "sarif"});
  for (std::vector<std::string> args : modes) {
    args.insert(args.end(), c->args.begin(), c->args.end());
    RunOptions options;
    options.cwd = dir.path();
    // 200 MB is read, checked and indexed in a few seconds on an idle machine; CI machines
    // may be shared, so the cap is wider than the goal.
    if (c->big) options.timeout_seconds *= 3;
    SCOPED_TRACE(gen.name + std::string(" / ") + format.name + " / " + args[1]);
    const RunResult r = RunIaclint(args, options);
    ExpectWellBehaved(r);
    if (!FindFinding(r, "IAC0002", "not supported by this build").is_null()) {
      GTEST_SKIP() << format.name << " is not analysed by this build yet (the loader is not "
                   << "registered in input/formats.cc); the run was well-behaved";
    }
    ExpectFinding(r, *c, name);
    if (c->expect_id.empty() &&
        (gen.name == std::string("Utf8Bom") || gen.name == std::string("LoneCarriageReturns"))) {
      EXPECT_TRUE(FindFinding(r, "IAC0001").is_null()) << r.Describe();
      EXPECT_FALSE(FindFinding(r, "IAC0601").is_null()) << "the template was not analysed\n"
                                                        << r.Describe();
    }
  }
}

std::string CaseName(const ::testing::TestParamInfo<std::tuple<size_t, size_t>>& info) {
  return std::string(Generators()[std::get<0>(info.param)].name) + "_" +
         Formats()[std::get<1>(info.param)].name;
}

INSTANTIATE_TEST_SUITE_P(Table, HostileInput,
                         ::testing::Combine(::testing::Range<size_t>(0, Generators().size()),
                                            ::testing::Range<size_t>(0, Formats().size())),
                         CaseName);

// Text and gnu output are one line per finding: a key holding a line break or a terminal
// escape cannot forge a finding or clear the screen.
TEST(HostileOutput, ControlCharactersAreEscapedInEveryFormat) {
  TempDir dir;
  const auto c = ControlCharactersInKeys(Format::kCfnJson);
  dir.Write("t.json", c->content);
  dir.Write(std::string("bad\xFF\x1B[2J\nname.json"), c->content);  // a hostile file name
  for (const char* format : {"text", "gnu", "json", "sarif"}) {
    RunOptions options;
    options.cwd = dir.path();
    const RunResult r = RunIaclint({"check", ".", "--format", format}, options);
    ExpectWellBehaved(r);
    EXPECT_EQ(r.exit_code, 1) << r.Describe();
    EXPECT_EQ(r.out.find('\x1B'), std::string::npos) << format;
    EXPECT_EQ(r.out.find("\nfake.yaml"), std::string::npos) << format;
    EXPECT_EQ(r.out.find("\xFF"), std::string::npos) << format;
    if (std::string(format) == "json" || std::string(format) == "sarif") {
      EXPECT_FALSE(nlohmann::json::parse(r.out, nullptr, false).is_discarded()) << r.out;
    }
  }
}

// Standard input that never ends (/dev/zero) is refused once it passes --max-file-size.
TEST(HostileOutput, EndlessStandardInputIsBounded) {
  RunOptions options;
  options.stdin_path = "/dev/zero";
  const RunResult r = RunIaclint({"check", "-", "--max-file-size", "8M"}, options);
  ExpectWellBehaved(r);
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_NE(r.err.find("larger than the limit"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace iaclint::robustness
