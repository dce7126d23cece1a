#include "cli/debug_inputs.h"

#include <cstdio>
#include <fstream>

namespace iaclint {

namespace {

// "import:bucket-name" and "parameter Foo" carry a name; the reason is the part before it.
std::string Reason(const std::string& category) {
  const size_t cut = category.find_first_of(": ");
  std::string reason = category.substr(0, cut);
  return reason.empty() ? "uncategorised" : reason;
}

void Count(const Value& v, std::map<std::string, size_t>& counts) {
  if (v.is(Value::Kind::kUnknown)) {
    ++counts[Reason(v.category())];
    return;
  }
  if (v.is(Value::Kind::kChoice)) ++counts["choice"];
  for (const Value& item : v.items()) Count(item, counts);
  for (const auto& m : v.members()) Count(m.value, counts);
}

}  // namespace

std::map<std::string, std::map<std::string, size_t>> UnresolvedByFile(const Model& model) {
  std::map<std::string, std::map<std::string, size_t>> out;
  for (const Resource& r : model.resources()) {
    if (r.loc.file >= model.files().size()) continue;
    auto& counts = out[model.file(r.loc.file).path];
    Count(r.properties, counts);
    if (!r.exists.AsBool()) ++counts["existence"];
  }
  return out;
}

Result<bool> WriteInputTraces(const std::string& path, const std::vector<InputTrace>& traces,
                              const Model& model) {
  std::ofstream out(path);
  if (!out) return Error{path + ": cannot write", {}};
  const auto unresolved = UnresolvedByFile(model);
  for (const InputTrace& t : traces) {
    char millis[32];
    std::snprintf(millis, sizeof millis, "%.3f", t.millis);
    out << t.path << '\t' << (t.type.empty() ? "-" : t.type) << '\t' << millis << '\t';
    if (!t.reason.empty()) {
      out << t.reason;
    } else if (auto it = unresolved.find(t.path); it != unresolved.end()) {
      const char* sep = "";
      for (const auto& [reason, n] : it->second) {
        out << sep << reason << '=' << n;
        sep = " ";
      }
    }
    out << '\n';
  }
  if (!out) return Error{path + ": cannot write", {}};
  return true;
}

}  // namespace iaclint
