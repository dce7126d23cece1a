#include "orgs/link.h"

#include <map>
#include <set>
#include <tuple>

namespace iaclint {

namespace {

// The files a resource's declaration lies in: its own place and its top-level properties
// (the Content of an LZA SCP lies in the policy file it references).
std::set<FileId> FilesOf(const Resource& r) {
  std::set<FileId> out;
  if (r.loc.file != kNoFile) out.insert(r.loc.file);
  for (const auto& m : r.properties.members()) {
    if (m.value.loc().file != kNoFile) out.insert(m.value.loc().file);
  }
  return out;
}

bool Standalone(const Resource& r, const Model& model) {
  return r.loc.file < model.files().size() && r.scope == model.file(r.loc.file).path;
}

void DropInstantiated(Model& model) {
  std::map<FileId, std::set<std::string>> scopes;
  for (const Resource& r : model.resources()) {
    for (FileId f : FilesOf(r)) scopes[f].insert(r.scope);
  }
  std::vector<Resource> kept;
  kept.reserve(model.resources().size());
  bool dropped = false;
  for (Resource& r : model.resources()) {
    if (Standalone(r, model) && scopes[r.loc.file].size() > 1) {
      dropped = true;
      continue;
    }
    kept.push_back(std::move(r));
  }
  model.resources() = std::move(kept);
  if (dropped) model.InvalidateIndex();
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
