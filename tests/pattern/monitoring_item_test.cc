#include "pattern/monitoring_item.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "pattern_test_util.h"

namespace iaclint {
namespace {

TEST(MonitoringItems, AllTwentyShipWithSamples) {
  const auto& items = testing::ShippedItems();
  ASSERT_EQ(items.size(), 20u);
  for (size_t i = 0; i < items.size(); ++i) {
    const MonitoringItem& item = items[i];
    EXPECT_EQ(item.id, "IAC09" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1));
    EXPECT_FALSE(item.title.empty());
    EXPECT_FALSE(item.must_match.empty()) << item.id;
    EXPECT_FALSE(item.must_not_match.empty()) << item.id;
  }
}

TEST(MonitoringItems, OneMustMatchEventPerNamedCall) {
  const std::map<std::string, size_t> expected = {
      {"IAC0904", 6}, {"IAC0905", 11}, {"IAC0906", 6}, {"IAC0907", 6}, {"IAC0908", 16},
      {"IAC0909", 8}, {"IAC0910", 2},  {"IAC0911", 1}, {"IAC0912", 5}, {"IAC0914", 9},
      {"IAC0915", 2}, {"IAC0918", 7},  {"IAC0919", 4}, {"IAC0920", 18}};
  for (const auto& [id, count] : expected) {
    const MonitoringItem& item = testing::Item(id);
    EXPECT_EQ(item.must_match.size(), count) << id;
    std::set<std::string> names;
    for (const SampleEvent& s : item.must_match) names.insert(s.event.Find("eventName")->str());
    EXPECT_EQ(names.size(), count) << id << ": event names repeat";
  }
}

TEST(MonitoringItems, SamplesAreCloudTrailRecords) {
  for (const MonitoringItem& item : testing::ShippedItems()) {
    for (const auto* list : {&item.must_match, &item.must_not_match}) {
      for (const SampleEvent& s : *list) {
        for (const char* key :
             {"eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion",
              "sourceIPAddress", "eventType", "recipientAccountId"}) {
          EXPECT_NE(s.event.Find(key), nullptr) << item.id << " '" << s.name << "' lacks " << key;
        }
        const Value* type = s.event.Find("userIdentity")->Find("type");
        ASSERT_NE(type, nullptr) << item.id << " " << s.name;
        EXPECT_NE(s.text.find("\"eventName\":"), std::string::npos);
      }
    }
  }
}

TEST(MonitoringItems, ParseErrorsNameFileLineAndColumn) {
  auto bad_yaml = ParseMonitoringItem("id: IAC0999\ntitle: [unclosed\n", "x/IAC0999.yaml");
  ASSERT_FALSE(bad_yaml.ok());
  EXPECT_EQ(bad_yaml.error().message.rfind("x/IAC0999.yaml:", 0), 0u) << bad_yaml.error().message;

  auto no_title = ParseMonitoringItem("id: IAC0999\nmust_match: []\n", "f.yaml");
  ASSERT_FALSE(no_title.ok());
  EXPECT_EQ(no_title.error().message, "f.yaml:1:1: missing 'title'");

  auto bad_event = ParseMonitoringItem(
      "id: IAC0999\ntitle: t\nmust_match:\n  - name: n\n    event: 3\n", "f.yaml");
  ASSERT_FALSE(bad_event.ok());
  EXPECT_EQ(bad_event.error().message,
            "f.yaml:5:12: sample 'n' needs an 'event' map (a CloudTrail record)");

  auto empty = ParseMonitoringItem("id: IAC0999\ntitle: t\nmust_match: []\n", "f.yaml");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "f.yaml:1:1: 'must_match' needs at least one event");
}

TEST(MonitoringItems, LoaderReportsTheBrokenFile) {
  const auto dir = std::filesystem::temp_directory_path() / "iaclint_items_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "IAC0001.yaml")
      << "id: IAC0001\ntitle: ok\nmust_match:\n  - name: n\n    event: {eventName: X}\n";
  std::ofstream(dir / "IAC0002.yaml") << "id: IAC0002\ntitle: 5\n";
  std::ofstream(dir / "README.md") << "not an item";
  auto items = LoadMonitoringItems(dir.string());
  ASSERT_FALSE(items.ok());
  EXPECT_NE(items.error().message.find("IAC0002.yaml:2:8: 'title' must be a non-empty string"),
            std::string::npos)
      << items.error().message;
  std::filesystem::remove(dir / "IAC0002.yaml");
  items = LoadMonitoringItems(dir.string());
  ASSERT_TRUE(items.ok()) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].must_match[0].text, R"p({"eventName":"X"})p");
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(LoadMonitoringItems(dir.string()).ok());
}

}  // namespace
}  // namespace iaclint
