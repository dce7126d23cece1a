// Temporary directory trees analysed with the real pipeline, for the Organizations tests.
#ifndef IACLINT_TESTS_ORGS_ORGS_TEST_UTIL_H_
#define IACLINT_TESTS_ORGS_ORGS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <string>

#include "cli/pipeline.h"
#include "support/file_tree.h"

namespace iaclint {

using Tree = FileTree;

/// Analyses `paths` as `iaclint check` does; `config` is a .iaclint.yaml path or "" for none.
inline std::unique_ptr<CheckRun> Check(std::vector<std::string> paths,
                                       const std::string& config = "",
                                       const std::string& type = "") {
  CheckOptions o;
  o.paths = std::move(paths);
  o.config_path = config;
  o.no_config_search = true;
  o.jobs = 2;
  o.type = type;
  auto run = RunCheck(o);
  EXPECT_TRUE(run.ok()) << (run.ok() ? "" : run.error().message);
  return run.ok() ? std::move(*run) : nullptr;
}

inline const Resource* FindResource(const Model& m, const std::string& id) {
  for (const Resource& r : m.resources()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

/// A property (dot path, [i] for list elements) rendered, or "<none>".
inline std::string Prop(const Model& m, const std::string& id, const std::string& path) {
  const Resource* r = FindResource(m, id);
  if (!r) return "<no resource " + id + ">";
  const Value* v = &r->properties;
  size_t start = 0;
  while (v && start < path.size()) {
    size_t dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    std::string seg = path.substr(start, dot - start);
    const size_t bracket = seg.find('[');
    const std::string key = seg.substr(0, bracket);
    v = key.empty() ? v : v->Find(key);
    if (v && bracket != std::string::npos) {
      const size_t i = std::stoul(seg.substr(bracket + 1));
      v = i < v->items().size() ? &v->items()[i] : nullptr;
    }
    start = dot + 1;
  }
  return v ? v->Render(400) : "<none>";
}

/// "file:line:col" of a location, with the file's name only.
inline std::string At(const Model& m, const Location& loc) {
  if (loc.file == kNoFile) return "?";
  return std::filesystem::path(m.file(loc.file).path).filename().string() + ":" +
         std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

inline const ControlRow* Control(const CheckRun& run, const std::string& id) {
  for (const ControlRow& c : run.report.controls) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace iaclint

#endif  // IACLINT_TESTS_ORGS_ORGS_TEST_UTIL_H_
