// Temporary Terraform directories for loader tests.
#ifndef IACLINT_TESTS_TERRAFORM_TF_TEST_UTIL_H_
#define IACLINT_TESTS_TERRAFORM_TF_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <string>

#include "terraform/tf_loader.h"

namespace iaclint {

/// A fresh directory under the test temp dir holding the given files (path -> text).
class TfDir {
 public:
  explicit TfDir(std::initializer_list<std::pair<const std::string, std::string>> files) {
    static int counter = 0;
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    root_ = std::filesystem::path(testing::TempDir()) /
            ("iaclint_tf_" + std::string(info->name()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    for (const auto& [path, text] : files) Write(path, text);
  }
  ~TfDir() { std::filesystem::remove_all(root_); }

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

inline const TfResourceInstance* FindInstance(const TfLoadResult& r, const std::string& address) {
  for (const auto& i : r.instances) {
    if (i.address == address) return &i;
  }
  return nullptr;
}

inline std::string Attr(const TfLoadResult& r, const std::string& address,
                        const std::string& attr) {
  const TfResourceInstance* i = FindInstance(r, address);
  if (i == nullptr) return "<no instance " + address + ">";
  const Value* v = i->attributes.Find(attr);
  return v ? v->Render(400) : "<no attribute " + attr + ">";
}

}  // namespace iaclint

#endif  // IACLINT_TESTS_TERRAFORM_TF_TEST_UTIL_H_
