#include "model/model.h"

namespace iaclint {

namespace {

const std::vector<const Resource*> kNone;

std::string ScopedKey(const std::string& scope, const std::string& id) {
  return scope + '\n' + id;
}

}  // namespace

FileId Model::AddFile(SourceFile file) {
  files_.push_back(std::move(file));
  return static_cast<FileId>(files_.size() - 1);
}

void Model::AddResource(Resource r) {
  resources_.push_back(std::move(r));
  indexed_ = false;
}

const TypeInfo* Model::type_info(std::string_view type) const {
  auto it = type_info_.find(std::string(type));
  return it == type_info_.end() ? nullptr : &it->second;
}

void Model::Index() const {
  if (indexed_) return;
  by_type_.clear();
  by_scoped_id_.clear();
  by_name_.clear();
  for (const Resource& r : resources_) {
    by_type_[r.type].push_back(&r);
    by_scoped_id_.emplace(ScopedKey(r.scope, r.id), &r);
    const std::string name = NameOf(r);
    if (!name.empty()) by_name_[ScopedKey(r.type, name)].push_back(&r);
  }
  indexed_ = true;
}

const std::vector<const Resource*>& Model::OfType(const std::string& type) const {
  Index();
  auto it = by_type_.find(type);
  return it == by_type_.end() ? kNone : it->second;
}

const Resource* Model::Find(const std::string& scope, const std::string& id) const {
  Index();
  auto it = by_scoped_id_.find(ScopedKey(scope, id));
  return it == by_scoped_id_.end() ? nullptr : it->second;
}

std::vector<const Resource*> Model::FindByName(const std::string& type,
                                               const std::string& name) const {
  Index();
  auto it = by_name_.find(ScopedKey(type, name));
  return it == by_name_.end() ? kNone : it->second;
}

std::string Model::NameOf(const Resource& r) const {
  const TypeInfo* info = type_info(r.type);
  if (!info || info->name_property.empty()) return "";
  const Value* name = r.properties.Find(info->name_property);
  if (!name || !name->is(Value::Kind::kString)) return "";
  return name->str();
}

}  // namespace iaclint
