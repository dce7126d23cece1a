#include "terraform/tf_merge.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "model/tool_findings.h"
#include "terraform/tf_address.h"

namespace iaclint {

namespace {

namespace fs = std::filesystem;

struct Config {
  bool plan = false;
  std::vector<size_t> resources;
  std::set<std::string> disk_files;  // .tf only: the files its resources are declared in
  std::set<std::string> addresses;   // without instance keys
};

std::string Canonical(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? path : p.string();
}

bool Subset(const std::set<std::string>& a, const std::set<std::string>& b) {
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

size_t Overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
  size_t n = 0;
  for (const std::string& s : a) n += b.count(s);
  return n;
}

// Places from the .tf resource onto the plan resource with the same address.
void Adopt(Resource& plan, const Resource& source) {
  plan.loc = source.loc;
  CopyLocations(plan.properties, source.properties);
  if (plan.suppressions.empty()) plan.suppressions = source.suppressions;
}

std::map<std::string, Config> Configurations(const Model& model) {
  std::map<std::string, Config> configs;
  std::map<FileId, std::string> canonical;
  for (size_t i = 0; i < model.resources().size(); ++i) {
    const Resource& r = model.resources()[i];
    if (r.loc.file == kNoFile || r.loc.file >= model.files().size()) continue;
    const SourceFile& f = model.file(r.loc.file);
    if (f.type != "tf" && f.type != "tfplan") continue;
    Config& c = configs[(f.type == "tfplan" ? "p|" : "t|") + r.scope];
    c.plan = f.type == "tfplan";
    c.resources.push_back(i);
    c.addresses.insert(StripInstanceKeys(r.id));
    if (!c.plan) {
      auto it = canonical.find(r.loc.file);
      if (it == canonical.end()) it = canonical.emplace(r.loc.file, Canonical(f.disk_path)).first;
      c.disk_files.insert(it->second);
    }
  }
  return configs;
}

// Diagnostics of .tf files that repeat one already kept (a module read by two directories).
void DropRepeatedDiagnostics(Model& model) {
  std::set<std::tuple<std::string, std::string, uint32_t, uint32_t, std::string>> seen;
  std::vector<Finding> kept;
  for (Finding& f : model.diagnostics()) {
    if (f.loc.file != kNoFile && f.loc.file < model.files().size() &&
        model.file(f.loc.file).type == "tf") {
      auto key = std::make_tuple(f.rule_id, Canonical(model.file(f.loc.file).disk_path), f.loc.line,
                                 f.loc.column, f.message);
      if (!seen.insert(key).second) continue;
    }
    kept.push_back(std::move(f));
  }
  model.diagnostics() = std::move(kept);
}

}  // namespace

void CopyLocations(Value& to, const Value& from) {
  if (!to.loc().known() && from.loc().known()) to.set_loc(from.loc());
  if (to.is(Value::Kind::kMap) && from.is(Value::Kind::kMap)) {
    for (auto& m : to.members()) {
      const Value::Member* src = from.FindMember(m.key);
      if (!src) continue;
      if (!m.key_loc.known()) m.key_loc = src->key_loc;
      CopyLocations(m.value, src->value);
    }
  } else if (to.is(Value::Kind::kList) && from.is(Value::Kind::kList)) {
    for (size_t i = 0; i < to.items().size() && i < from.items().size(); ++i) {
      CopyLocations(to.items()[i], from.items()[i]);
    }
  }
}

void MergeTerraformConfigurations(Model& model) {
  std::map<std::string, Config> configs = Configurations(model);
  if (configs.empty()) return;
  std::vector<bool> drop(model.resources().size(), false);
  bool any_tf = false;
  // Module directories analysed on their own: their resources are already in their caller's.
  for (auto& [name, c] : configs) {
    if (c.plan) continue;
    any_tf = true;
    for (const auto& [other, o] : configs) {
      if (other == name || o.plan || c.disk_files.empty()) continue;
      if (Subset(c.disk_files, o.disk_files) && c.disk_files != o.disk_files) {
        for (size_t i : c.resources) drop[i] = true;
        c.resources.clear();
        break;
      }
    }
  }
  // Each .tf configuration with the plan it was planned into.
  std::vector<Resource>& resources = model.resources();
  for (auto& [name, t] : configs) {
    if (t.plan || t.resources.empty()) continue;
    const Config* best = nullptr;
    size_t best_overlap = 0;
    for (const auto& [other, p] : configs) {
      if (!p.plan) continue;
      const size_t n = Overlap(t.addresses, p.addresses);
      if (n > best_overlap) best = &p, best_overlap = n;
    }
    if (!best || best_overlap * 2 < t.addresses.size()) continue;
    std::map<std::string, size_t> by_id;
    std::map<std::string, std::vector<size_t>> by_unkeyed;
    for (size_t i : t.resources) {
      by_id.emplace(resources[i].id, i);
      by_unkeyed[StripInstanceKeys(resources[i].id)].push_back(i);
    }
    for (size_t i : best->resources) {
      Resource& p = resources[i];
      auto exact = by_id.find(p.id);
      if (exact != by_id.end()) {
        Adopt(p, resources[exact->second]);
        continue;
      }
      // count/for_each unknown offline: the .tf side has one unkeyed instance.
      auto loose = by_unkeyed.find(StripInstanceKeys(p.id));
      if (loose != by_unkeyed.end() && loose->second.size() == 1)
        Adopt(p, resources[loose->second[0]]);
    }
    for (size_t i : t.resources) drop[i] = true;
    // The plan holds every module's resources, so nothing of this configuration is unread.
    const std::string scope = name.substr(2);
    std::erase_if(model.unread(), [&](const UnreadScope& u) { return u.scope == scope; });
  }
  if (std::find(drop.begin(), drop.end(), true) != drop.end()) {
    std::vector<Resource> all = std::move(resources);
    resources.clear();
    for (size_t i = 0; i < all.size(); ++i) {
      if (!drop[i]) model.AddResource(std::move(all[i]));
    }
  }
  // A module call the sources could not follow is read all the same when a plan has its
  // resources (a root module made only of registry modules has no resources of its own).
  std::erase_if(model.unread(), [&](const UnreadScope& u) {
    for (const auto& [name, p] : configs) {
      if (!p.plan) continue;
      for (const std::string& a : p.addresses) {
        if (a.find("module." + u.name + ".") != std::string::npos) return true;
      }
    }
    return false;
  });
  if (any_tf) DropRepeatedDiagnostics(model);
}

}  // namespace iaclint
