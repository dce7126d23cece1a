#include "terraform/tf_refs.h"

#include <algorithm>
#include <unordered_set>

#include "terraform/tf_address.h"

namespace iaclint {

namespace {

constexpr size_t kMaxDepth = 32;

bool IsIndex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A key written as a literal (0, "k"); `each.key` or `count.index` in a .tf reference is not,
// and stands for any instance.
bool LiteralKey(const TfStep& step) {
  return step.keyed && !step.key.empty() && (step.key[0] == '"' || IsIndex(step.key));
}

std::string WithoutIndexes(const std::string& path) {
  std::string out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    const std::string_view seg(path.data() + start, dot - start);
    if (!IsIndex(seg)) {
      if (!out.empty()) out += '.';
      out += seg;
    }
    start = dot + 1;
  }
  return out;
}

}  // namespace

TfRefResolver::TfRefResolver(const TfConfiguration& config) : config_(config) {
  keys_.reserve(config.instances.size());
  std::unordered_set<std::string> seen_modules;
  for (size_t i = 0; i < config.instances.size(); ++i) {
    const TfResourceInstance& inst = config.instances[i];
    TfAddressParts parts = ParseResourceAddress(inst.address);
    keys_.push_back(parts.key);
    by_resource_[inst.module_path + "|" + parts.local].push_back(i);
    if (inst.module_path.empty() || seen_modules.count(inst.module_path)) continue;
    for (const std::string& prefix : ModulePathPrefixes(inst.module_path)) {
      if (!seen_modules.insert(prefix).second) continue;
      const std::vector<TfStep> steps = SplitTraversal(prefix);
      children_[ParentModulePath(prefix) + "|" + steps.back().name].push_back(prefix);
    }
  }
  for (const TfModuleLinks& m : config.modules) {
    links_.emplace(StripInstanceKeys(m.address), &m);
  }
}

std::vector<size_t> TfRefResolver::Resolve(const std::vector<std::string>& refs,
                                           const std::string& module_path) const {
  std::vector<size_t> out;
  ResolveInto(refs, module_path, 0, out);
  return out;
}

void TfRefResolver::ResolveInto(const std::vector<std::string>& refs,
                                const std::string& module_path, size_t depth,
                                std::vector<size_t>& out) const {
  if (depth > kMaxDepth) return;
  auto add = [&out](size_t i) {
    if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
  };
  // Resource steps, grouped per resource: the keys asked for, or every instance.
  struct Group {
    std::string name;
    std::vector<std::string> keys;
    bool unkeyed = false;
  };
  std::vector<Group> groups;
  auto group = [&groups](const std::string& name) -> Group& {
    for (Group& g : groups) {
      if (g.name == name) return g;
    }
    groups.push_back(Group{name, {}, false});
    return groups.back();
  };
  for (const std::string& ref : refs) {
    const std::vector<TfStep> steps = SplitTraversal(ref);
    if (steps.size() < 2) continue;
    const std::string& root = steps[0].name;
    if (root == "var") {
      if (module_path.empty()) continue;  // root variables carry values, not resources
      auto it = links_.find(StripInstanceKeys(module_path));
      if (it == links_.end()) continue;
      auto input = it->second->inputs.find(steps[1].name);
      if (input == it->second->inputs.end()) continue;
      std::vector<size_t> sub;
      ResolveInto(input->second, ParentModulePath(module_path), depth + 1, sub);
      for (size_t i : sub) add(i);
    } else if (root == "module") {
      if (steps.size() < 3) continue;  // the bare module step adds nothing to module.m.out
      auto kids = children_.find(module_path + "|" + steps[1].name);
      if (kids == children_.end()) continue;
      for (const std::string& child : kids->second) {
        if (LiteralKey(steps[1])) {
          const std::vector<TfStep> cs = SplitTraversal(child);
          if (cs.empty() || cs.back().key != steps[1].key) continue;
        }
        auto it = links_.find(StripInstanceKeys(child));
        if (it == links_.end()) continue;
        auto output = it->second->outputs.find(steps[2].name);
        if (output == it->second->outputs.end()) continue;
        std::vector<size_t> sub;
        ResolveInto(output->second, child, depth + 1, sub);
        for (size_t i : sub) add(i);
      }
    } else if (root == "data") {
      if (steps.size() < 3) continue;
      Group& g = group(module_path + "|data." + steps[1].name + "." + steps[2].name);
      if (LiteralKey(steps[2])) {
        g.keys.push_back(steps[2].key);
      } else {
        g.unkeyed = true;
      }
    } else if (root == "local" || root == "each" || root == "count" || root == "path" ||
               root == "terraform" || root == "self") {
      continue;
    } else {
      Group& g = group(module_path + "|" + root + "." + steps[1].name);
      if (LiteralKey(steps[1])) {
        g.keys.push_back(steps[1].key);
      } else {
        g.unkeyed = true;
      }
    }
  }
  for (const Group& g : groups) {
    auto it = by_resource_.find(g.name);
    if (it == by_resource_.end()) continue;
    for (size_t i : it->second) {
      if (g.keys.empty() || std::find(g.keys.begin(), g.keys.end(), keys_[i]) != g.keys.end()) {
        add(i);
      }
    }
  }
}

const std::vector<std::string>* FindReferences(
    const std::map<std::string, std::vector<std::string>>& references, const std::string& path) {
  if (references.empty()) return nullptr;
  auto it = references.find(path);
  if (it != references.end()) return &it->second;
  const std::string loose = WithoutIndexes(path);
  for (const auto& [key, refs] : references) {
    if (WithoutIndexes(key) == loose) return &refs;
  }
  std::string up = path;
  while (!up.empty()) {
    const size_t dot = up.rfind('.');
    up = dot == std::string::npos ? "" : up.substr(0, dot);
    if (up.empty()) break;
    auto parent = references.find(up);
    if (parent != references.end()) return &parent->second;
  }
  return nullptr;
}

}  // namespace iaclint
