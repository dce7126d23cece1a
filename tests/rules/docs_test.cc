// Rule documentation comes from the rule files only: rulesets/README.md is generated and must
// stay in sync; explain and SARIF help carry every fact of the metadata.
#include "rules/docs.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace iaclint {
namespace {

class RulesCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    auto set = LoadRuleSet(dir_, {});
    ASSERT_TRUE(set.ok()) << set.error().message;
    set_ = std::move(*set);
  }
  const std::string dir_ = std::string(IACLINT_SOURCE_DIR) + "/rulesets";
  RuleSet set_;
};

TEST_F(RulesCatalog, ReadmeIsInSync) {
  const std::string path = dir_ + "/README.md";
  const std::string generated = RulesCatalogMarkdown(set_);
  const char* update = std::getenv("IACLINT_UPDATE_GOLDEN");
  if (update && *update && std::string(update) != "0") {
    std::ofstream(path, std::ios::binary) << generated;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), generated)
      << "rulesets/README.md is out of date: run `build/analyzer/iaclint rules --format markdown "
         "> rulesets/README.md` (or IACLINT_UPDATE_GOLDEN=1 ctest) and commit it";
}

TEST_F(RulesCatalog, ListsEveryRuleWithControlSeverityAndParameters) {
  const std::string md = RulesCatalogMarkdown(set_);
  for (const Rule& r : set_.rules) {
    SCOPED_TRACE(r.id);
    const std::string row = "| " + r.id + " | " + r.name + " | " +
                            (r.control.empty() ? "-" : r.control) + " | " +
                            SeverityName(r.severity);
    EXPECT_NE(md.find(row), std::string::npos);
    for (const ParamSpec& p : r.params)
      EXPECT_NE(md.find("`" + p.name + "` = "), std::string::npos);
  }
}

TEST_F(RulesCatalog, HelpCarriesTheMetadata) {
  for (const Rule& r : set_.rules) {
    SCOPED_TRACE(r.id);
    for (const std::string& help : {RuleHelpText(r, &set_), RuleHelpMarkdown(r, &set_)}) {
      EXPECT_NE(help.find(r.id), std::string::npos);
      EXPECT_NE(help.find(r.summary), std::string::npos);
      if (!r.help_uri.empty()) EXPECT_NE(help.find(r.help_uri), std::string::npos);
      for (const ParamSpec& p : r.params) {
        EXPECT_NE(help.find(p.name), std::string::npos);
        for (const auto& [profile, value] : p.profiles)
          EXPECT_NE(help.find(profile), std::string::npos);
      }
      if (const Control* c = set_.FindControl(r.control)) {
        EXPECT_NE(help.find(c->title), std::string::npos);
      }
      if (r.scope == "resource") EXPECT_NE(help.find("iaclint:ignore " + r.id), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace iaclint
