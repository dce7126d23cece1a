#include "model/fragment.h"

namespace iaclint {

void RemapLocation(Location& loc, const std::vector<FileId>& remap) {
  if (loc.file != kNoFile && loc.file < remap.size()) loc.file = remap[loc.file];
}

void RemapFiles(Value& value, const std::vector<FileId>& remap) {
  Location loc = value.loc();
  RemapLocation(loc, remap);
  value.set_loc(loc);
  for (Value& item : value.items()) RemapFiles(item, remap);
  for (auto& m : value.members()) {
    RemapLocation(m.key_loc, remap);
    RemapFiles(m.value, remap);
  }
}

void MergeFragment(Fragment fragment, Model& model) {
  std::vector<FileId> remap;
  remap.reserve(fragment.files.size());
  for (SourceFile& f : fragment.files) {
    const FileId known = model.FindFile(f.path, f.disk_path);
    if (known == kNoFile) {
      remap.push_back(model.AddFile(std::move(f)));
      continue;
    }
    if (model.file(known).type.empty()) model.file(known).type = f.type;
    remap.push_back(known);
  }
  for (Resource& r : fragment.resources) {
    RemapLocation(r.loc, remap);
    RemapFiles(r.properties, remap);
    RemapFiles(r.exists, remap);
    for (Suppression& s : r.suppressions) RemapLocation(s.where, remap);
    model.AddResource(std::move(r));
  }
  for (Finding& f : fragment.diagnostics) {
    RemapLocation(f.loc, remap);
    for (Location& l : f.related) RemapLocation(l, remap);
    model.diagnostics().push_back(std::move(f));
  }
  for (UnreadScope& u : fragment.unread) {
    RemapLocation(u.where, remap);
    model.unread().push_back(std::move(u));
  }
  for (auto& [name, value] : fragment.exports) {
    RemapFiles(value, remap);
    model.exports()[name] = std::move(value);
  }
}

}  // namespace iaclint
