// Temporary Terraform directories for loader tests.
#ifndef IACLINT_TESTS_TERRAFORM_TF_TEST_UTIL_H_
#define IACLINT_TESTS_TERRAFORM_TF_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <string>

#include "support/file_tree.h"
#include "terraform/tf_loader.h"

namespace iaclint {

using TfDir = FileTree;

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
