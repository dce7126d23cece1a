#include "orgs/link.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace iaclint {

namespace {

bool Standalone(const Resource& r, const Model& model) {
  return r.loc.file < model.files().size() && r.scope == model.file(r.loc.file).path;
}

// A file declared in more than one scope (its own, and a configuration that instantiates
// it): a resource standing alone in it is dropped, as the instantiating scope has it. A
// resource lies in its own file and in those of its top-level properties (the Content of an
// LZA SCP lies in the policy file it references).
void DropInstantiated(Model& model) {
  const size_t count = model.files().size();
  std::vector<const std::string*> first_scope(count, nullptr);
  std::vector<bool> several(count, false);
  auto note = [&](FileId file, const std::string& scope) {
    if (file >= count) return;  // also kNoFile
    if (!first_scope[file]) {
      first_scope[file] = &scope;
    } else if (*first_scope[file] != scope) {
      several[file] = true;
    }
  };
  for (const Resource& r : model.resources()) {
    note(r.loc.file, r.scope);
    for (const auto& m : r.properties.members()) note(m.value.loc().file, r.scope);
  }
  auto instantiated = [&](const Resource& r) {
    return Standalone(r, model) && several[r.loc.file];
  };
  std::vector<Resource>& all = model.resources();
  if (std::none_of(all.begin(), all.end(), instantiated)) return;
  all.erase(std::remove_if(all.begin(), all.end(), instantiated), all.end());
  model.InvalidateIndex();
}

void DedupeDiagnostics(Model& model) {
  std::set<std::tuple<std::string, FileId, uint32_t, uint32_t, std::string>> seen;
  std::vector<Finding> kept;
  for (Finding& f : model.diagnostics()) {
    if (!seen.insert({f.rule_id, f.loc.file, f.loc.line, f.loc.column, f.message}).second) continue;
    kept.push_back(std::move(f));
  }
  model.diagnostics() = std::move(kept);
}

}  // namespace

void LinkInstantiatedDocuments(Model& model) {
  DropInstantiated(model);
  DedupeDiagnostics(model);
}

}  // namespace iaclint
