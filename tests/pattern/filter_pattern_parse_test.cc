#include <gtest/gtest.h>

#include "pattern/filter_pattern.h"

namespace iaclint {
namespace {

std::string Canon(std::string_view text) {
  auto p = ParseFilterPattern(text);
  if (!p) return "ERROR: " + p.error().message;
  return RenderFilterPattern(*p);
}

std::string ErrorOf(std::string_view text) {
  auto p = ParseFilterPattern(text);
  return p ? "parsed: " + RenderFilterPattern(*p) : p.error().message;
}

TEST(FilterPatternParse, RecognisesTheThreeForms) {
  EXPECT_EQ(ParseFilterPattern("")->form, PatternForm::kMatchAll);
  EXPECT_EQ(ParseFilterPattern("  \n ")->form, PatternForm::kMatchAll);
  EXPECT_EQ(ParseFilterPattern("ERROR")->form, PatternForm::kTerms);
  EXPECT_EQ(ParseFilterPattern("[ip, user, ...]")->form, PatternForm::kDelimited);
  EXPECT_EQ(ParseFilterPattern("{ $.a = 1 }")->form, PatternForm::kJson);
  EXPECT_STREQ(PatternFormName(PatternForm::kDelimited), "space-delimited");
}

TEST(FilterPatternParse, AndBindsTighterThanOr) {
  // The guide: "() > && > ||".
  EXPECT_EQ(Canon("{ $.a = 1 || $.b = 2 && $.c = 3 }"), "{ $.a = 1 || ($.b = 2 && $.c = 3) }");
  EXPECT_EQ(Canon("{ $.a = 1 && $.b = 2 || $.c = 3 }"), "{ ($.a = 1 && $.b = 2) || $.c = 3 }");
  EXPECT_EQ(Canon("{ ($.a = 1 || $.b = 2) && $.c = 3 }"), "{ ($.a = 1 || $.b = 2) && $.c = 3 }");
  // CIS 4.1 erratum shape: A || B && C && D.
  EXPECT_EQ(Canon("{ ($.e =*Unauth) || ($.e =Denied*) && ($.s!=x) && ($.n!=y) }"),
            R"p({ $.e = "*Unauth" || ($.e = "Denied*" && $.s != "x" && $.n != "y") })p");
}

TEST(FilterPatternParse, FlattensChainsAndDropsRedundantParentheses) {
  EXPECT_EQ(Canon("{ ((($.a = x))) || (($.b = y) || $.c = z) }"),
            R"p({ $.a = "x" || $.b = "y" || $.c = "z" })p");
}

TEST(FilterPatternParse, NotesMixedOperatorsWithoutParentheses) {
  auto mixed = ParseFilterPattern("{ $.a = 1 && $.b = 2 || $.c = 3 }");
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(mixed->notes,
            std::vector<std::string>{"mixes && and || without parentheses; && binds tighter, so "
                                     "CloudWatch reads it as ($.a = 1 && $.b = 2) || $.c = 3"});
  EXPECT_TRUE(ParseFilterPattern("{ ($.a = 1 && $.b = 2) || $.c = 3 }")->notes.empty());
  EXPECT_TRUE(ParseFilterPattern("{ $.a = 1 && ($.b = 2 || $.c = 3) }")->notes.empty());
}

TEST(FilterPatternParse, Values) {
  EXPECT_EQ(Canon("{ $.errorMessage = Failed authentication }"),
            R"p({ $.errorMessage = "Failed authentication" })p");
  EXPECT_EQ(Canon("{($.errorMessage = Failed authentication)&&($.x=y)}"),
            R"p({ $.errorMessage = "Failed authentication" && $.x = "y" })p");
  EXPECT_EQ(Canon(R"p({ $.a = "say \"hi\" \\ there" })p"), R"p({ $.a = "say \"hi\" \\ there" })p");
  EXPECT_EQ(Canon("{ $.sourceIPAddress != 123.123.* }"),
            R"p({ $.sourceIPAddress != "123.123.*" })p");
  EXPECT_EQ(Canon("{ $.latency > +1000 && $.n < 10e-3 && $.m <= -5.5 }"),
            "{ $.latency > +1000 && $.n < 10e-3 && $.m <= -5.5 }");
  EXPECT_EQ(Canon("{ $.eventName = %^Create.*Trail$% }"), "{ $.eventName = %^Create.*Trail$% }");
  auto number = ParseFilterPattern("{ $.code = 400 }");
  ASSERT_TRUE(number.ok());
  EXPECT_EQ(number->condition.value.kind, PatternValue::Kind::kNumber);
  EXPECT_EQ(number->condition.value.number, 400);
  auto quoted = ParseFilterPattern("{ $.code = \"400\" }");
  EXPECT_EQ(quoted->condition.value.kind, PatternValue::Kind::kString);
}

TEST(FilterPatternParse, SelectorsAndKeywords) {
  EXPECT_EQ(Canon("{ $.objectList[1].id = 2 }"), "{ $.objectList[1].id = 2 }");
  EXPECT_EQ(Canon("{ $.coordinates[0][1] = nonmatch }"),
            R"p({ $.coordinates[0][1] = "nonmatch" })p");
  EXPECT_EQ(Canon("{ $.* = \"*\" }"), R"p({ $.* = "*" })p");
  EXPECT_EQ(Canon("{ $.users[*].id = 3 }"), "{ $.users[*].id = 3 }");
  EXPECT_EQ(Canon("{ $.x-amz-id_2 = a }"), R"p({ $.x-amz-id_2 = "a" })p");
  EXPECT_EQ(Canon("{ $.a IS NULL || $.b NOT EXISTS || $.c IS TRUE || $.d IS FALSE }"),
            "{ $.a IS NULL || $.b NOT EXISTS || $.c IS TRUE || $.d IS FALSE }");
  EXPECT_EQ(Canon("{ $.a not\n  exists }"), "{ $.a NOT EXISTS }");
}

TEST(FilterPatternParse, WhitespaceAndNewlinesAnywhere) {
  EXPECT_EQ(Canon("\n{\n\t($.eventName\n=\nConsoleLogin)\n&&\n($.x\t!=\t\"y\")\n}\n"),
            R"p({ $.eventName = "ConsoleLogin" && $.x != "y" })p");
}

TEST(FilterPatternParse, TermsAndDelimited) {
  EXPECT_EQ(Canon("ERROR \"Failed to process\" -Exiting ?WARN ?FATAL %ab[0-9]+%"),
            "ERROR \"Failed to process\" -Exiting ?WARN ?FATAL %ab[0-9]+%");
  EXPECT_EQ(Canon("\"ERROR\" - \"Exiting\""), "ERROR -Exiting");
  EXPECT_EQ(Canon("[ip, user, ..., status_code=4*, bytes]"),
            R"p([ip, user, ..., status_code = "4*", bytes])p");
  EXPECT_EQ(Canon("[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]"),
            R"p([ip, user, username, timestamp, request, status_code = "4*" && bytes > 1000])p");
  EXPECT_EQ(Canon("[w1=ERROR || w1=WARN, w2]"), R"p([w1 = "ERROR" || w1 = "WARN", w2])p");
  EXPECT_EQ(Canon("[..., request=*.html*, status_code=4*,]"),
            R"p([..., request = "*.html*", status_code = "4*", ])p");
  // A leading unnamed field keeps its place (the fuzz target found "[,b]" rendered as "[b]").
  EXPECT_EQ(Canon("[,b]"), "[, b]");
  EXPECT_EQ(Canon("[,]"), "[, ]");
  auto delimited = ParseFilterPattern("[ip, status_code = 4* && bytes > 1000]");
  ASSERT_TRUE(delimited.ok());
  EXPECT_EQ(delimited->fields[1].name, "status_code");
}

TEST(FilterPatternParse, ErrorsCarryOffsetAndColumn) {
  auto p = ParseFilterPattern("{ $.a = 1 ");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().message, "missing '}' to close the '{' at offset 0 at offset 10 (column 11)");
  EXPECT_EQ(p.error().where.line, 1u);
  EXPECT_EQ(p.error().where.column, 11u);
  EXPECT_EQ(p.error().where.file, kNoFile);
}

TEST(FilterPatternParse, ErrorMessages) {
  EXPECT_EQ(ErrorOf("{ ($.a = 1 }"),
            "expected ')' to close the '(' at offset 2, found '}' at offset 11 (column 12)");
  EXPECT_EQ(ErrorOf("{ $.a = 1 ) }"), "')' without a matching '(' at offset 10 (column 11)");
  EXPECT_EQ(ErrorOf("{ $.a == 1 }"),
            "'==' is not a CloudWatch operator; use '=' at offset 6 (column 7)");
  EXPECT_EQ(ErrorOf("{ $.a = 1 & $.b = 2 }"),
            "'&' is not an operator; use '&&' at offset 10 (column 11)");
  EXPECT_EQ(ErrorOf("{ $.a = }"), "expected a value, found '}' at offset 8 (column 9)");
  EXPECT_EQ(ErrorOf("{ a = 1 }"),
            "expected a selector starting with '$.', found 'a' at offset 2 (column 3)");
  EXPECT_EQ(ErrorOf("{ $.a > abc }"),
            "'>' compares numbers, but the value is not a number at offset 8 (column 9)");
  EXPECT_EQ(ErrorOf("{ $.a = foo@bar }"),
            "unexpected '@' in an unquoted value; put values with special characters in double "
            "quotes at offset 11 (column 12)");
  EXPECT_EQ(ErrorOf("{ $.a = \"open }"), "unterminated quoted string at offset 8 (column 9)");
  EXPECT_EQ(ErrorOf("{ $.a IS MAYBE }"),
            "expected IS NULL, IS TRUE or IS FALSE at offset 6 (column 7)");
  EXPECT_EQ(ErrorOf("{ $.a }"),
            "expected an operator (=, !=, <, <=, >, >=, NOT EXISTS, IS NULL, IS TRUE, IS FALSE) "
            "after the selector, found '}' at offset 6 (column 7)");
  EXPECT_EQ(ErrorOf("{ $[0] = 1 }"),
            "an array index must follow a property name ('$.name[0]') at offset 3 (column 4)");
  EXPECT_EQ(ErrorOf("{}"), "empty JSON pattern '{}' at offset 0 (column 1)");
  EXPECT_EQ(ErrorOf("{ $.a = 1 } ERROR"),
            "unexpected text after the closing '}' at offset 12 (column 13)");
  EXPECT_EQ(ErrorOf("{ $.a = 1 $.b = 2 }"),
            "unexpected '$' in an unquoted value; put values with special characters in double "
            "quotes at offset 10 (column 11)");
  EXPECT_EQ(ErrorOf("{ $.a = %x(y)% }"),
            "CloudWatch regular expressions do not support '(' and ')' at offset 10 (column 11)");
  // The expression's own offset (1) gives way to the pattern's (11).
  EXPECT_EQ(ErrorOf("{ $.a = %x**% }"),
            "invalid regular expression: nothing to repeat: two quantifiers in a row at offset 11 "
            "(column 12)");
  EXPECT_EQ(ErrorOf("%a% %b% %c%"),
            "more than 2 regular expressions in one pattern at offset 8 (column 9)");
  EXPECT_EQ(ErrorOf("ERROR: failed"),
            "term 'ERROR:' has characters other than letters, digits and '_'; put it in double "
            "quotes at offset 0 (column 1)");
  EXPECT_EQ(ErrorOf("[a, b"), "missing ']' to close the '[' at offset 0 (column 1)");
  EXPECT_EQ(ErrorOf("[a b]"),
            "expected an operator (=, !=, <, <=, >, >=) after the field name, found 'b' at offset "
            "3 (column 4)");
}

TEST(FilterPatternParse, MultiLineErrorsNameTheLine) {
  auto p = ParseFilterPattern("{\n  $.a = 1 &&\n  $.b ~ 2\n}");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().where.line, 3u);
  EXPECT_EQ(p.error().where.column, 7u);
  EXPECT_NE(p.error().message.find("(line 3, column 7)"), std::string::npos) << p.error().message;
}

TEST(FilterPatternParse, LengthLimitIs1024Characters) {
  std::string ok = "{ $.a = \"" + std::string(1024 - 12, 'x') + "\" }";
  ASSERT_EQ(ok.size(), 1024u);
  EXPECT_TRUE(ParseFilterPattern(ok).ok());
  const std::string too_long = ok.substr(0, 9) + "y" + ok.substr(9);
  ASSERT_EQ(too_long.size(), 1025u);
  auto p = ParseFilterPattern(too_long);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(
      p.error().message,
      "pattern is longer than CloudWatch's limit of 1024 characters at offset 1024 (column 1025)");
  // Characters, not bytes: 600 two-byte characters fit.
  std::string wide = "{ $.a = \"";
  for (int i = 0; i < 600; ++i) wide += "\xC3\xA9";
  EXPECT_TRUE(ParseFilterPattern(wide + "\" }").ok());
}

TEST(FilterPatternParse, NestingIsCapped) {
  const auto nested = [](int depth) {
    return "{ " + std::string(depth, '(') + "$.a = 1" + std::string(depth, ')') + " }";
  };
  EXPECT_TRUE(ParseFilterPattern(nested(100)).ok());
  auto p = ParseFilterPattern(nested(101));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().message,
            "parentheses nested more than 100 levels deep at offset 102 (column 103)");
  // Far deeper input is refused the same way, without exhausting the stack.
  auto deep = ParseFilterPattern("{" + std::string(5000, '(') + "}");
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.error().message.find("pattern is longer"), std::string::npos);
  auto deep_short = ParseFilterPattern("{" + std::string(1020, '('));
  ASSERT_FALSE(deep_short.ok());
  EXPECT_NE(deep_short.error().message.find("nested more than 100"), std::string::npos);
}

TEST(FilterPatternParse, GarbageNeverCrashes) {
  const char* garbage[] = {"{",
                           "}",
                           "[",
                           "]",
                           "(",
                           ")",
                           "{ ( }",
                           "{ $. = 1 }",
                           "{ $.a[ = 1 }",
                           "{ $.a[99999999999] = 1 }",
                           "{ $.a = 1 || }",
                           "{ && }",
                           "{ $.a = \"\\",
                           "[,,,]",
                           "[...",
                           "\"",
                           "%",
                           "-",
                           "?",
                           "{ $.a = %% }",
                           "\x01\x02\xff",
                           "{ $.a = \xe6\x97\xa5 }",
                           "{ $.a NOT }",
                           "{ $.a = 1 }}",
                           "[a = ]"};
  for (const char* text : garbage) {
    auto p = ParseFilterPattern(text);
    if (!p) EXPECT_FALSE(p.error().message.empty()) << text;
  }
  // A deterministic pseudo-random byte soup.
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int len = static_cast<int>(state % 80);
    for (int i = 0; i < len; ++i) {
      state = state * 1103515245 + 12345;
      static const char kAlphabet[] = "{}[]()$.=!<>&|\"%*?- aZ09,\n\\";
      text += kAlphabet[(state >> 16) % (sizeof(kAlphabet) - 1)];
    }
    state = state * 1103515245 + 12345;
    auto p = ParseFilterPattern(text);
    if (p.ok()) RenderFilterPattern(*p);  // renders whatever parsed
  }
}

TEST(FilterPatternParse, RenderingIsAFixedPoint) {
  const char* patterns[] = {
      "{ $.a = 1 || $.b = 2 && ($.c = x || $.d NOT EXISTS) }",
      "ERROR -\"Exit now\" ?x",
      "[ip, ..., status_code = 4* && bytes > 1000, bytes]",
  };
  for (const char* text : patterns) {
    const std::string once = Canon(text);
    EXPECT_EQ(Canon(once), once) << text;
  }
}

}  // namespace
}  // namespace iaclint
