// ReadJsonEvents against nlohmann's SAX parser: the same verdict on every text, and on valid
// texts the same events at the same offsets (the plan reader locates resources by them).
#include "parse/json_events.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/targets.h"

namespace iaclint {
namespace {

using fuzz::ReadJsonBothWays;

void ExpectAgree(const std::string& text, bool valid) {
  const fuzz::JsonReadings r = ReadJsonBothWays(text);
  EXPECT_EQ(r.nlohmann_ok, valid) << "nlohmann on: " << text;
  EXPECT_EQ(r.fast_ok, valid) << "ReadJsonEvents on: " << text;
  if (r.fast_ok && r.nlohmann_ok) EXPECT_EQ(r.fast, r.nlohmann) << text;
}

TEST(JsonEvents, ValidTextsGiveNlohmannsEvents) {
  const std::vector<std::string> valid = {
      "{}",
      "[]",
      // nlohmann stops at a NUL byte after the value (found by the json fuzz target).
      std::string("{} \0 trailing", 13),
      std::string("1\0x", 3),
      " \n\t\r{ } ",
      "{\"a\":1}",
      "[1, 2.5, -3, true, false, null, \"x\"]",
      "{\"a\": {\"b\": [ {\"c\": []}, {} ]}, \"d\": \"e\"}",
      "0",
      "-0",
      "1.5e+10",
      "-1E-5",
      "18446744073709551615",
      "18446744073709551616",
      "-9223372036854775808",
      "-9223372036854775809",
      "1e308",
      "1e-400",
      "123456789012345678901234567890",
      "\"\\u00e9\\ud83d\\ude00\\u0000\\/\\\\\\\"\\b\\f\\n\\r\\t\"",
      "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
      "\xef\xbb\xbf{\"bom\": true}",
      "\"\x7f\"",
      "[[[[[[[[[[]]]]]]]]]]",
      "{\"a\":1,\"a\":2}",
      "  42  ",
      "\"\"",
      "{\"\":\"\"}",
  };
  for (const std::string& text : valid) ExpectAgree(text, true);
}

TEST(JsonEvents, InvalidTextsAreRefusedByBoth) {
  const std::vector<std::string> invalid = {
      "",
      " ",
      "{",
      "}",
      "[1,]",
      "{\"a\"}",
      "{\"a\":}",
      "{\"a\":1,}",
      "{,}",
      "[,1]",
      "{\"a\" 1}",
      "[1 2]",
      "01",
      "1.",
      ".5",
      "-",
      "1e",
      "1e+",
      "+1",
      "tru",
      "nul",
      "falsey",
      "\"abc",
      "\"a\x01\"",
      "\"\x80\"",
      "\"\xc0\x80\"",
      "\"\xed\xa0\x80\"",
      "\"\xf4\x90\x80\x80\"",
      "\"\\ud800\"",
      "\"\\udc00\"",
      "\"\\ud800\\u0041\"",
      "\"\\x\"",
      "\"\\u12g4\"",
      "1e999",
      "-1e999",
      "[1] 2",
      "\xef\xbb",
      "\xef\xbb\xbe{}",
      std::string("[1,\0 2]", 7),
      "{1:2}",
      "[\"a\":1]",
      "{\"a\":1]",
      "[1}",
      "NaN",
      "Infinity",
      "'a'",
  };
  for (const std::string& text : invalid) ExpectAgree(text, false);
}

TEST(JsonEvents, EightByteRunsStopAtEveryByteThatEndsAPlainRun) {
  for (int byte = 0; byte < 256; ++byte) {
    const bool ends = byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80;
    for (int at = 0; at < 8; ++at) {
      std::string text(8, 'a');
      text[at] = static_cast<char>(byte);
      uint64_t word = 0;
      std::memcpy(&word, text.data(), 8);
      EXPECT_EQ(json_events_internal::EndsPlainRun(word), ends) << "byte " << byte << " at " << at;
    }
  }
}

TEST(JsonEvents, LongStringsWithEscapesAndUtf8AtEveryOffset) {
  // The fast path reads eight bytes at a time: put each special byte at each offset of a run.
  for (const std::string special : {"\\n", "\\\"", "\\u00e9", "\xc3\xa9", "\xf0\x9f\x98\x80"}) {
    for (size_t at = 0; at < 20; ++at) {
      const std::string body = std::string(at, 'x') + special + std::string(17, 'y');
      ExpectAgree("[\"" + body + "\", \"" + body + body + "\"]", true);
    }
  }
  for (size_t at = 0; at < 20; ++at) {
    ExpectAgree("\"" + std::string(at, 'x') + "\x01" + std::string(9, 'y') + "\"", false);
    ExpectAgree("\"" + std::string(at, 'x') + "\xff" + std::string(9, 'y') + "\"", false);
    ExpectAgree("\"" + std::string(at, 'x'), false);
  }
}

TEST(JsonEvents, PositionsFollowNlohmanns) {
  // The plan reader finds "address" keys 9 characters before the position at key(), and a
  // values object's end at end_object(); numbers are reported one character late.
  const fuzz::JsonReadings r = ReadJsonBothWays("{\"address\": 12 , \"v\": {\"x\": [1]}}");
  ASSERT_TRUE(r.fast_ok);
  EXPECT_EQ(r.fast,
            (std::vector<std::string>{"{ @1", "kaddress @10", "u12 @15", "kv @20", "{ @23",
                                      "kx @26", "[ @29", "u1 @31", "] @31", "} @32", "} @33"}));
  EXPECT_EQ(r.fast, r.nlohmann);
}

TEST(JsonEvents, EveryJsonFixtureReadsAlike) {
  size_t files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(IACLINT_SOURCE_DIR "/fixtures")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const fuzz::JsonReadings r = ReadJsonBothWays(text.str());
    EXPECT_EQ(r.fast_ok, r.nlohmann_ok) << entry.path();
    if (r.fast_ok && r.nlohmann_ok) EXPECT_EQ(r.fast, r.nlohmann) << entry.path();
    ++files;
  }
  EXPECT_GT(files, 50u);
}

}  // namespace
}  // namespace iaclint
