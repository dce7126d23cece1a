#include "pattern/pattern_eval.h"

#include <gtest/gtest.h>

#include "parse/json_reader.h"

namespace iaclint {
namespace {

// The JSON sample of the CloudWatch guide's compound-conditions section.
constexpr const char* kGuideEvent = R"p({
  "user": {"id": 1, "email": "John.Stiles@example.com"},
  "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
  "actions": ["GET", "PUT", "DELETE"],
  "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
  "eventType": "UpdateTrail", "sourceIPAddress": "111.111.111.111",
  "SomeObject": null, "ThisFlag": true, "OtherFlag": false, "count": 42, "ratio": 0.5,
  "recipientAccountId": "123456789012", "empty": ""
})p";

bool Match(std::string_view pattern, std::string_view event = kGuideEvent) {
  auto p = ParseFilterPattern(pattern);
  EXPECT_TRUE(p.ok()) << pattern << ": " << (p.ok() ? "" : p.error().message);
  auto doc = ParseJson(event, 0);
  EXPECT_TRUE(doc.ok());
  return p.ok() && doc.ok() && Matches(*p, doc->root);
}

TEST(PatternEval, GuideCompoundExamples) {
  // The four examples of "JSON Compound Conditions", with the guide's stated results.
  EXPECT_TRUE(Match(R"p({ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") })p"));
  EXPECT_FALSE(
      Match(R"p({ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" })p"));
  EXPECT_TRUE(Match(
      R"p({ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch })p"));
  EXPECT_FALSE(Match(
      R"p({ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch })p"));
}

TEST(PatternEval, MissingFieldsFailEqualsAndNotEquals) {
  EXPECT_FALSE(Match("{ $.missing = x }"));
  EXPECT_FALSE(Match("{ $.missing != x }"));
  EXPECT_FALSE(Match("{ $.user.missing != x }"));
  EXPECT_FALSE(Match("{ $.eventType.deeper != x }"));
  EXPECT_TRUE(Match("{ $.missing NOT EXISTS }"));
  EXPECT_FALSE(Match("{ $.eventType NOT EXISTS }"));
  EXPECT_FALSE(Match("{ $.missing IS NULL }"));
}

TEST(PatternEval, NullIsNotAValue) {
  EXPECT_TRUE(Match("{ $.SomeObject IS NULL }"));
  EXPECT_FALSE(Match("{ $.SomeObject NOT EXISTS }"));
  EXPECT_FALSE(Match("{ $.SomeObject = * }"));
  EXPECT_FALSE(Match("{ $.SomeObject != x }"));
  EXPECT_FALSE(Match("{ $.eventType IS NULL }"));
}

TEST(PatternEval, ObjectsAndArraysAreNotValues) {
  // "both {$.users = 1} and {$.users != 1} will fail to match" when users is an array.
  EXPECT_FALSE(Match("{ $.users = 1 }", R"p({"users": [1, 2, 3]})p"));
  EXPECT_FALSE(Match("{ $.users != 1 }", R"p({"users": [1, 2, 3]})p"));
  EXPECT_FALSE(Match("{ $.user != x }"));
  EXPECT_FALSE(Match("{ $.user = * }"));
}

TEST(PatternEval, ArraySelectors) {
  EXPECT_TRUE(Match("{ $.actions[0] = GET }"));
  EXPECT_FALSE(Match("{ $.actions[5] = GET }"));
  EXPECT_FALSE(Match("{ $.user[0] = 1 }"));
  EXPECT_TRUE(Match("{ $.users[1].id = 3 }"));
  EXPECT_TRUE(Match("{ $.coordinates[2][0] = 7 }"));
  EXPECT_TRUE(Match("{ $.actions[*] = DELETE }"));
  EXPECT_FALSE(Match("{ $.actions[*] = POST }"));
  EXPECT_TRUE(Match("{ $.users[*].email = \"Jane*\" }"));
  EXPECT_TRUE(Match("{ $.user.* = 1 }"));
  EXPECT_TRUE(Match("{ $.* = UpdateTrail }"));
  EXPECT_FALSE(Match("{ $.users[*].missing NOT EXISTS && $.users[*].id = 9 }"));
  EXPECT_TRUE(Match("{ $.users[*].missing NOT EXISTS }"));
}

TEST(PatternEval, WildcardsAtTheEdgesOnly) {
  EXPECT_TRUE(Match("{ $.eventType = Update* }"));
  EXPECT_TRUE(Match("{ $.eventType = *Trail }"));
  EXPECT_TRUE(Match("{ $.eventType = *dateTr* }"));
  EXPECT_TRUE(Match("{ $.eventType = * }"));
  EXPECT_TRUE(Match("{ $.empty = * }"));
  EXPECT_TRUE(Match("{ $.sourceIPAddress != 123.123.* }"));
  EXPECT_FALSE(Match("{ $.sourceIPAddress != 111.111.* }"));
  // "Ev*ent will only match the actual string Ev*ent".
  EXPECT_FALSE(Match("{ $.eventType = Upd*Trail }"));
  EXPECT_TRUE(Match(R"p({ $.name = "Ev*ent" })p", R"p({"name": "Ev*ent"})p"));
  EXPECT_FALSE(Match(R"p({ $.name = "Ev*ent" })p", R"p({"name": "Event"})p"));
}

TEST(PatternEval, CaseSensitive) {
  EXPECT_FALSE(Match("{ $.eventType = updatetrail }"));
  EXPECT_FALSE(Match("{ $.EventType = UpdateTrail }"));
}

TEST(PatternEval, NumbersAndStrings) {
  EXPECT_TRUE(Match("{ $.count = 42 }"));
  EXPECT_TRUE(Match("{ $.count = 42.0 }"));
  EXPECT_TRUE(Match("{ $.count = 4.2e1 }"));
  EXPECT_TRUE(Match("{ $.count = \"42\" }"));
  EXPECT_TRUE(Match("{ $.count > 41 && $.count >= 42 && $.count < 43 && $.count <= 42 }"));
  EXPECT_FALSE(Match("{ $.count > 42 }"));
  EXPECT_TRUE(Match("{ $.ratio < 1 }"));
  EXPECT_TRUE(Match("{ $.count != 41 }"));
  // A number against a string field compares the text as written.
  EXPECT_TRUE(Match("{ $.recipientAccountId = 123456789012 }"));
  EXPECT_FALSE(Match("{ $.recipientAccountId > 1 }"));
  EXPECT_FALSE(Match("{ $.eventType > 1 }"));
}

TEST(PatternEval, Booleans) {
  EXPECT_TRUE(Match("{ $.ThisFlag IS TRUE }"));
  EXPECT_FALSE(Match("{ $.ThisFlag IS FALSE }"));
  EXPECT_TRUE(Match("{ $.OtherFlag IS FALSE }"));
  EXPECT_FALSE(Match("{ $.eventType IS TRUE }"));
  EXPECT_FALSE(Match("{ $.missing IS FALSE }"));
  EXPECT_TRUE(Match("{ $.ThisFlag = true }"));
  EXPECT_FALSE(Match("{ $.ThisFlag = \"True\" }"));
}

TEST(PatternEval, Regex) {
  EXPECT_TRUE(Match("{ $.eventType = %^Update% }"));
  EXPECT_TRUE(Match("{ $.eventType = %Tr[a-z]il$% }"));
  EXPECT_FALSE(Match("{ $.eventType = %^Trail% }"));
  EXPECT_TRUE(Match("{ $.eventType != %^Create% }"));
}

TEST(PatternEval, JsonPatternNeverMatchesNonJsonText) {
  auto p = ParseFilterPattern("{ $.a NOT EXISTS }");
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(MatchesText(*p, "ERROR something broke"));
  EXPECT_TRUE(MatchesText(*p, R"p({"b": 1})p"));
}

TEST(PatternEval, Terms) {
  const auto match = [](std::string_view pattern, std::string_view text) {
    auto p = ParseFilterPattern(pattern);
    EXPECT_TRUE(p.ok()) << pattern;
    return p.ok() && MatchesText(*p, text);
  };
  // The guide's examples.
  EXPECT_TRUE(match("ERROR", "[ERROR] A fatal exception has occurred"));
  EXPECT_TRUE(match("ERROR", "Exiting with ERRORCODE: -1"));
  EXPECT_FALSE(match("ERROR -Exiting", "Exiting with ERRORCODE: -1"));
  EXPECT_TRUE(match("ERROR Exception", "[ERROR] Caught IllegalArgumentException"));
  EXPECT_TRUE(match("\"Failed to process the request\"", "[WARN] Failed to process the request"));
  EXPECT_FALSE(match("\"Failed to process the request\"", "[WARN] Failed to process a request"));
  EXPECT_TRUE(match("?ERROR ?WARN", "WARN message"));
  EXPECT_FALSE(match("?ERROR ?WARN", "INFO message"));
  EXPECT_FALSE(match("ERROR WARN", "ERROR message"));
  EXPECT_FALSE(match("error", "ERROR message"));
  EXPECT_TRUE(match("", "anything"));
  EXPECT_TRUE(match("%ERR[A-Z]+%", "an ERROR"));
}

TEST(PatternEval, TermsSeeTheCloudTrailRecordText) {
  auto doc =
      ParseJson(R"p({"eventName": "ConsoleLogin", "errorMessage": "Failed authentication"})p", 0);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(EventText(doc->root),
            R"p({"eventName":"ConsoleLogin","errorMessage":"Failed authentication"})p");
  auto p = ParseFilterPattern("ConsoleLogin \"Failed authentication\"");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(Matches(*p, doc->root));
  auto quoted = ParseFilterPattern("\"\\\"eventName\\\":\\\"ConsoleLogin\\\"\"");
  ASSERT_TRUE(quoted.ok());
  EXPECT_TRUE(Matches(*quoted, doc->root));
}

TEST(PatternEval, SpaceDelimited) {
  const std::string line =
      "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534";
  const auto match = [&](std::string_view pattern) {
    auto p = ParseFilterPattern(pattern);
    EXPECT_TRUE(p.ok()) << pattern << (p.ok() ? "" : p.error().message);
    return p.ok() && MatchesText(*p, line);
  };
  EXPECT_TRUE(match("[ip, user, username, timestamp, request, status_code, bytes]"));
  EXPECT_FALSE(match("[ip, user, username, timestamp, request, status_code]"));
  EXPECT_TRUE(match("[..., status_code, bytes]"));
  EXPECT_TRUE(match("[ip, user, ...]"));
  EXPECT_TRUE(match("[ip, user, ..., status_code, bytes]"));
  EXPECT_TRUE(match("[ip, user, username, timestamp, request, status_code = 4*, bytes]"));
  EXPECT_FALSE(match("[ip, user, username, timestamp, request, status_code = 200, bytes]"));
  EXPECT_TRUE(match("[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]"));
  EXPECT_TRUE(
      match("[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000, bytes]"));
  EXPECT_FALSE(
      match("[ip, user, username, timestamp, request, status_code = 4* && bytes > 2000, bytes]"));
  // A condition on a field the pattern never names is false (the guide prints this
  // six-slot form; the line has seven fields).
  EXPECT_FALSE(match("[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]"));
  EXPECT_TRUE(match(
      "[ip, user, username, timestamp, request, status_code = 403 || status_code = 404, bytes]"));
  EXPECT_TRUE(match("[..., request=*.html*, status_code=4*,]"));
  EXPECT_TRUE(match("[ip=127.0.0.1, ...]"));
  EXPECT_FALSE(match("[ip != 127.0.0.*, ...]"));
  EXPECT_TRUE(match("[w1, w2, w3, w4 = \"10/Oct/2000:13:25:15 -0700\", ...]"));
}

TEST(PatternEval, ManyEllipsesStayBounded) {
  auto p = ParseFilterPattern("[..., ..., ..., ..., ..., ..., ..., ..., x = nomatch, ...]");
  ASSERT_TRUE(p.ok());
  std::string line;
  for (int i = 0; i < 400; ++i) line += "word ";
  EXPECT_FALSE(MatchesText(*p, line));
}

}  // namespace
}  // namespace iaclint
