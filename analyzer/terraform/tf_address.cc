#include "terraform/tf_address.h"

namespace iaclint {

namespace {

// Reads a bracketed key starting at text[i] == '['; returns the offset past ']'.
size_t ReadKey(std::string_view text, size_t i, std::string& key) {
  size_t j = i + 1;
  bool quoted = false;
  while (j < text.size()) {
    const char c = text[j];
    if (quoted) {
      if (c == '\\' && j + 1 < text.size()) {
        j += 2;
        continue;
      }
      if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ']') {
      key.assign(text.substr(i + 1, j - i - 1));
      return j + 1;
    }
    ++j;
  }
  key.assign(text.substr(i + 1));
  return text.size();
}

}  // namespace

std::vector<TfStep> SplitTraversal(std::string_view text) {
  std::vector<TfStep> steps;
  size_t i = 0;
  while (i < text.size()) {
    TfStep step;
    const size_t start = i;
    while (i < text.size() && text[i] != '.' && text[i] != '[') ++i;
    step.name.assign(text.substr(start, i - start));
    while (i < text.size() && text[i] == '[') {
      // A second index (x[0][1]) only refines the value, not the resource: keep the first.
      std::string key;
      i = ReadKey(text, i, key);
      if (!step.keyed) {
        step.key = std::move(key);
        step.keyed = true;
      }
    }
    step.end = i;
    steps.push_back(std::move(step));
    if (i < text.size() && text[i] == '.') ++i;
  }
  return steps;
}

std::string StripInstanceKeys(std::string_view address) {
  std::string out;
  for (const TfStep& s : SplitTraversal(address)) {
    if (!out.empty()) out += '.';
    out += s.name;
  }
  return out;
}

TfAddressParts ParseResourceAddress(std::string_view address) {
  TfAddressParts parts;
  const std::vector<TfStep> steps = SplitTraversal(address);
  size_t i = 0;
  size_t module_end = 0;
  // module.NAME pairs lead; what remains (type.name or data.type.name) is the resource.
  while (steps.size() - i >= 4 && steps[i].name == "module") {
    module_end = steps[i + 1].end;
    i += 2;
  }
  parts.module_path.assign(address.substr(0, module_end));
  std::string local;
  for (size_t j = i; j < steps.size(); ++j) {
    if (!local.empty()) local += '.';
    local += steps[j].name;
  }
  parts.local = std::move(local);
  if (!steps.empty() && steps.back().keyed && i < steps.size()) {
    parts.key = steps.back().key;
    parts.keyed = true;
  }
  return parts;
}

std::string ParentModulePath(std::string_view module_path) {
  const std::vector<TfStep> steps = SplitTraversal(module_path);
  if (steps.size() < 4) return "";
  return std::string(module_path.substr(0, steps[steps.size() - 3].end));
}

std::vector<std::string> ModulePathPrefixes(std::string_view module_path) {
  std::vector<std::string> out;
  const std::vector<TfStep> steps = SplitTraversal(module_path);
  for (size_t i = 1; i < steps.size(); i += 2) {
    out.emplace_back(module_path.substr(0, steps[i].end));
  }
  return out;
}

}  // namespace iaclint
