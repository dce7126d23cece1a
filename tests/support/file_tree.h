// A throwaway directory of files for tests that analyse a tree (a Terraform module, an LZA
// configuration with its policy files, a repository with .iaclint.yaml).
#ifndef IACLINT_TESTS_SUPPORT_FILE_TREE_H_
#define IACLINT_TESTS_SUPPORT_FILE_TREE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>

namespace iaclint {

/// A fresh directory under the test temp dir, named after the running test, holding the given
/// files (path -> text); removed by the destructor.
class FileTree {
 public:
  explicit FileTree(std::initializer_list<std::pair<const std::string, std::string>> files) {
    static int counter = 0;
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    root_ =
        std::filesystem::path(testing::TempDir()) /
        ("iaclint_" + std::string(info ? info->name() : "tree") + "_" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    for (const auto& [path, text] : files) Write(path, text);
  }
  ~FileTree() { std::filesystem::remove_all(root_); }
  FileTree(const FileTree&) = delete;
  FileTree& operator=(const FileTree&) = delete;

  void Write(const std::string& path, const std::string& text) {
    const auto p = root_ / path;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string path(const std::string& sub = "") const {
    return sub.empty() ? root_.string() : (root_ / sub).string();
  }

 private:
  std::filesystem::path root_;
};

}  // namespace iaclint

#endif  // IACLINT_TESTS_SUPPORT_FILE_TREE_H_
