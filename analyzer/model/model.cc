#include "model/model.h"

#include "base/parallel.h"

namespace iaclint {

namespace {

const std::vector<const Resource*> kNone;

std::string TypedName(const std::string& type, const std::string& name) {
  return type + '\n' + name;
}

// The string at a dotted property path ("Name", "Tags.Name"), or "" when there is none or it
// is not a literal string.
std::string LiteralAt(const Value& properties, std::string_view path) {
  if (path.empty()) return "";
  const Value* at = &properties;
  while (at && !path.empty()) {
    const size_t dot = path.find('.');
    at = at->Find(path.substr(0, dot));
    path = (dot == std::string_view::npos) ? std::string_view() : path.substr(dot + 1);
  }
  if (!at || !at->is(Value::Kind::kString)) return "";
  return at->str();
}

}  // namespace

std::string ResourceKey(const std::string& scope, const std::string& id) {
  return scope.empty() ? id : scope + "#" + id;
}

FileId Model::AddFile(SourceFile file) {
  const FileId id = static_cast<FileId>(files_.size());
  if (!file.disk_path.empty()) file_index_.emplace(file.path, id);
  files_.push_back(std::move(file));
  return id;
}

FileId Model::FindFile(const std::string& path, const std::string& disk_path) const {
  if (disk_path.empty()) return kNoFile;
  auto it = file_index_.find(path);
  return it == file_index_.end() ? kNoFile : it->second;
}

const LineIndex& Model::Lines(FileId id) const {
  std::unique_ptr<LineIndex>& slot = lines_[id];
  if (!slot) slot = std::make_unique<LineIndex>(files_[id].text, id);
  return *slot;
}

void Model::AddResource(Resource r) {
  resources_.push_back(std::move(r));
  indexed_ = false;
}

const TypeInfo* Model::type_info(std::string_view type) const {
  auto it = type_info_.find(std::string(type));
  return it == type_info_.end() ? nullptr : &it->second;
}

void Model::Index(unsigned threads) const {
  if (indexed_) return;
  // Two independent halves: by key, and by type then name (the name property is looked up
  // once per type, not once per resource).
  ParallelFor(2, threads, [this](size_t half) {
    if (half == 0) {
      by_key_.clear();
      by_key_.reserve(resources_.size());
      for (const Resource& r : resources_) by_key_.emplace(ResourceKey(r.scope, r.id), &r);
      return;
    }
    by_type_.clear();
    by_name_.clear();
    for (const Resource& r : resources_) by_type_[r.type].push_back(&r);
    for (const auto& [type, list] : by_type_) {
      const TypeInfo* info = type_info(type);
      if (!info || info->name_property.empty()) continue;
      for (const Resource* r : list) {
        const std::string name = LiteralAt(r->properties, info->name_property);
        if (!name.empty()) by_name_[TypedName(type, name)].push_back(r);
      }
    }
  });
  indexed_ = true;
}

const std::vector<const Resource*>& Model::OfType(const std::string& type) const {
  Index();
  auto it = by_type_.find(type);
  return it == by_type_.end() ? kNone : it->second;
}

const Resource* Model::Find(const std::string& scope, const std::string& id) const {
  return FindByKey(ResourceKey(scope, id));
}

const Resource* Model::FindByKey(const std::string& key) const {
  Index();
  auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : it->second;
}

std::vector<const Resource*> Model::FindByName(const std::string& type,
                                               const std::string& name) const {
  Index();
  auto it = by_name_.find(TypedName(type, name));
  return it == by_name_.end() ? kNone : it->second;
}

std::string Model::NameOf(const Resource& r) const {
  const TypeInfo* info = type_info(r.type);
  return info ? LiteralAt(r.properties, info->name_property) : "";
}

}  // namespace iaclint
