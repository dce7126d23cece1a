#include "cli/baseline.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "base/files.h"
#include "emit/emitter.h"
#include "parse/json_reader.h"

namespace iaclint {

Result<size_t> WriteBaseline(const std::string& path, const Report& report, const Model& model) {
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["tool"] = "iaclint";
  auto& entries = doc["findings"] = nlohmann::ordered_json::array();
  std::set<std::string> seen;
  for (const Finding& f : report.findings) {
    if (f.suppressed || !seen.insert(f.fingerprint).second) continue;
    entries.push_back({{"fingerprint", f.fingerprint},
                       {"rule_id", f.rule_id},
                       {"resource", f.resource},
                       {"file", PathOf(model, f.loc)},
                       {"message", f.message}});
  }
  std::ofstream out(path, std::ios::binary);
  if (!out) return Error{path + ": cannot write the baseline file", {}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  out.close();
  if (!out) return Error{path + ": writing the baseline file failed", {}};
  return entries.size();
}

Result<bool> ApplyBaseline(const std::string& path, Report& report) {
  auto text = ReadFileBounded(path, 64u << 20);
  if (!text.ok()) return Error{path + ": " + text.error().message, {}};
  auto doc = ParseJson(*text, kNoFile);
  if (!doc.ok()) {
    return Error{path + ":" + std::to_string(doc.error().where.line) + ":" +
                     std::to_string(doc.error().where.column) + ": " + doc.error().message,
                 {}};
  }
  const Value* findings = doc->root.Find("findings");
  if (!findings || !findings->is(Value::Kind::kList)) {
    return Error{path + ": not an iaclint baseline (no \"findings\" list)", {}};
  }
  const Value* version = doc->root.Find("version");
  if (!version || version->AsText().value_or("") != "1") {
    const Location at = version ? version->loc() : doc->root.loc();
    return Error{path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                     ": unsupported baseline version (this iaclint reads version 1)",
                 {}};
  }
  std::set<std::string> known;
  for (const Value& f : findings->items()) {
    if (const Value* fp = f.Find("fingerprint")) known.insert(fp->AsText().value_or(""));
  }
  std::vector<Finding> kept;
  for (Finding& f : report.findings) {
    if (!known.count(f.fingerprint)) {
      kept.push_back(std::move(f));
    } else if (!f.suppressed) {
      ++report.baselined;
    }
  }
  report.findings = std::move(kept);
  return true;
}

}  // namespace iaclint
