// What the loader says about each file (the hidden --debug-inputs output the corpus test reads).
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/debug_inputs.h"
#include "input/load.h"
#include "input/walk.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;

fs::path Dir(const std::map<std::string, std::string>& files) {
  fs::path dir = fs::temp_directory_path() / ("iaclint-trace-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  return dir;
}

TEST(LoadTrace, SaysWhatBecameOfEveryWalkedFile) {
  fs::path dir = Dir({
      {"a-template.yaml",
       "Parameters: {P: {Type: String}}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n"
       "    Properties: {TopicName: !Ref P}\n"},
      {"b-notes.yaml", "a: 1\n"},
      {"c-plan.json", "{\"terraform_version\": \"1.5.0\", \"planned_values\": {\n"},
      {"d-README.md", "# hello\n"},
      {"e-prose.json", "Send this event:\n{}\n"},
  });
  auto walked = WalkPaths({dir.string()}, WalkOptions{});
  ASSERT_TRUE(walked.ok());
  std::vector<InputTrace> traces;
  LoadOptions options;
  options.traces = &traces;
  Model model;
  LoadInputs(walked->files, options, model);
  ASSERT_EQ(traces.size(), 5u);
  EXPECT_EQ(traces[0].type, "cfn");
  EXPECT_EQ(traces[0].reason, "");
  EXPECT_EQ(traces[1].type, "");
  EXPECT_EQ(traces[1].reason,
            "no input type recognises it (not a CloudFormation template: no "
            "AWSTemplateFormatVersion and no Resources section)");
  EXPECT_EQ(traces[2].type, "tfplan") << "a plan that does not parse is still a plan";
  EXPECT_EQ(traces[3].reason, "its file name is of no input type");
  EXPECT_EQ(traces[4].reason.rfind("not YAML or JSON (", 0), 0u) << traces[4].reason;
  for (const InputTrace& t : traces) EXPECT_GE(t.millis, 0.0);

  auto unresolved = UnresolvedByFile(model);
  ASSERT_EQ(unresolved.size(), 1u);
  EXPECT_EQ(unresolved.begin()->second.at("parameter"), 1u);
  fs::remove_all(dir);
}

TEST(LoadTrace, CheckWritesOneLinePerFileWithTheHiddenOption) {
  fs::path dir = Dir({{"t.yaml", "Resources:\n  T: {Type: AWS::SNS::Topic}\n"},
                      {"x.yaml", "[1, 2]\n"}});
  const fs::path out = dir / "trace.tsv";
  const std::string command = std::string("'") + IACLINT_BINARY + "' check '" + dir.string() +
                              "' --fail-on never --format gnu --debug-inputs '" + out.string() +
                              "' > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  EXPECT_NE(s.find("t.yaml\tcfn\t"), std::string::npos) << s;
  EXPECT_NE(s.find("x.yaml\t-\t"), std::string::npos) << s;
  EXPECT_NE(s.find("the document is a list, not a mapping"), std::string::npos) << s;
  EXPECT_EQ(std::count(s.begin(), s.end(), '\n'), 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace iaclint
