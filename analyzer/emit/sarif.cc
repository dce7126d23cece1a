#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "base/text.h"
#include "emit/emitter.h"
#include "emit/line_hash.h"
#include "rules/docs.h"

namespace iaclint {

namespace {

using Json = nlohmann::ordered_json;

// GitHub rejects uploads above these (shared/research/integrations.md §2.2).
constexpr size_t kMaxResults = 25000;
constexpr size_t kMaxDescription = 1024;
constexpr size_t kMaxTags = 10;

const char* Level(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "warning";
}

std::string Clip(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return s.substr(0, cut) + "...";
}

// RFC 3986 path encoding for artifact URIs: unreserved characters and '/' stay as they are.
std::string UriPath(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Controls about cost are not security findings; GitHub ranks them by problem.severity.
bool IsSecurityRule(const Rule& r) {
  return !r.control.empty() && r.control != "06" && r.control != "07";
}

Json RuleDescriptor(const Rule& r, Severity severity) {
  Json tags = Json::array();
  if (IsSecurityRule(r)) tags.push_back("security");
  if (!r.control.empty()) tags.push_back("baseline-control-" + r.control);
  for (const std::string& t : r.tags) {
    if (tags.size() < kMaxTags) tags.push_back(t);
  }
  Json props = {{"tags", tags}, {"precision", "high"}};
  if (IsSecurityRule(r)) {
    props["security-severity"] = severity == Severity::kError     ? "8.0"
                                 : severity == Severity::kWarning ? "5.5"
                                                                  : "2.0";
  } else {
    props["problem.severity"] = severity == Severity::kError     ? "error"
                                : severity == Severity::kWarning ? "warning"
                                                                 : "recommendation";
  }
  Json d = {{"id", r.id},
            {"name", r.name},
            {"shortDescription", {{"text", Clip(r.summary, kMaxDescription)}}},
            {"fullDescription", {{"text", Clip(r.description, kMaxDescription)}}},
            {"help", {{"text", RuleHelpText(r)}, {"markdown", RuleHelpMarkdown(r)}}},
            {"defaultConfiguration", {{"level", Level(severity)}}},
            {"properties", props}};
  if (!r.help_uri.empty()) d["helpUri"] = r.help_uri;
  return d;
}

// Ends a region at the end of the token the finding points at when no end is known.
void RegionEnd(const Model& model, const Location& loc, uint32_t* end_line, uint32_t* end_col) {
  *end_line = loc.line;
  *end_col = loc.column + 1;
  if (loc.end_line > loc.line || (loc.end_line == loc.line && loc.end_column > loc.column)) {
    *end_line = loc.end_line;
    *end_col = loc.end_column;
    return;
  }
  if (loc.file == kNoFile || loc.file >= model.files().size()) return;
  const std::string& text = model.file(loc.file).text;
  if (text.empty()) return;
  const std::string_view line = model.Lines(loc.file).Line(loc.line);
  // Walk to the column, then over the token.
  size_t i = 0;
  uint32_t col = 1;
  while (i < line.size() && col < loc.column) {
    const auto c = static_cast<unsigned char>(line[i]);
    const size_t len = c < 0x80 ? 1 : (c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : 2));
    col += len == 4 ? 2 : 1;
    i += len;
  }
  size_t j = i;
  while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != ':' && line[j] != ',') ++j;
  const uint32_t width = Utf16Length(line.substr(i, j - i));
  if (width > 0) *end_col = loc.column + width;
}

class LineHashCache {
 public:
  explicit LineHashCache(const Model& model) : model_(model) {}
  std::string Get(const Location& loc) {
    if (loc.file == kNoFile || loc.file >= model_.files().size()) return "";
    auto it = cache_.find(loc.file);
    if (it == cache_.end()) {
      it = cache_.emplace(loc.file, GithubLineHashValues(model_.file(loc.file).text)).first;
    }
    return loc.line >= 1 && loc.line <= it->second.size() ? FormatLineHash(it->second[loc.line - 1])
                                                          : "";
  }

 private:
  const Model& model_;
  std::map<FileId, std::vector<LineHash>> cache_;
};

Json ResultJson(const Finding& f, size_t rule_index, const EmitContext& ctx, LineHashCache& hashes) {
  uint32_t end_line = 0, end_col = 0;
  RegionEnd(ctx.model, f.loc, &end_line, &end_col);
  const std::string path = PathOf(ctx.model, f.loc);
  Json artifact = {{"uri", UriPath(path.empty() ? "." : path)}};
  if (path.empty() || path[0] != '/') artifact["uriBaseId"] = "%SRCROOT%";
  else artifact["uri"] = "file://" + UriPath(path);
  Json result = {
      {"ruleId", f.rule_id},
      {"ruleIndex", rule_index},
      {"level", Level(f.severity)},
      {"message", {{"text", f.message}}},
      {"locations",
       Json::array({{{"physicalLocation",
                      {{"artifactLocation", artifact},
                       {"region",
                        {{"startLine", f.loc.line},
                         {"startColumn", f.loc.column},
                         {"endLine", end_line},
                         {"endColumn", end_col}}}}}}})}};
  Json fingerprints = {{"iaclint/v1", f.fingerprint}};
  const std::string line_hash = hashes.Get(f.loc);
  if (!line_hash.empty()) fingerprints["primaryLocationLineHash"] = line_hash;
  result["partialFingerprints"] = fingerprints;
  if (f.suppressed) {
    result["suppressions"] = Json::array(
        {{{"kind", "inSource"}, {"status", "accepted"}, {"justification", f.justification}}});
  }
  Json props = {{"status", f.unknown ? "UNKNOWN" : "FAIL"}};
  if (!f.control.empty()) props["control"] = f.control;
  if (!f.resource.empty()) props["resource"] = f.resource;
  result["properties"] = props;
  return result;
}

}  // namespace

void EmitSarif(const EmitContext& ctx, std::ostream& out) {
  // Every enabled rule is listed on every run, in id order, so ruleIndex stays stable.
  std::map<std::string, size_t> index;
  Json rules = Json::array();
  std::map<std::string, Severity> severity;
  for (const ActiveRule& a : ctx.active) severity[a.rule->id] = a.severity;
  for (const Rule& r : ctx.rules.rules) {
    auto it = severity.find(r.id);
    if (it == severity.end() && r.scope != "tool") continue;
    index[r.id] = rules.size();
    rules.push_back(RuleDescriptor(r, it == severity.end() ? r.severity : it->second));
  }
  LineHashCache hashes(ctx.model);
  Json results = Json::array();
  size_t dropped = 0;
  for (const Finding& f : ctx.report.findings) {
    auto it = index.find(f.rule_id);
    if (it == index.end()) continue;
    if (results.size() >= kMaxResults) {
      ++dropped;
      continue;
    }
    results.push_back(ResultJson(f, it->second, ctx, hashes));
  }
  if (dropped) {
    std::cerr << "iaclint: warning: SARIF holds the first " << kMaxResults
              << " results (GitHub code scanning rejects more per run); " << dropped
              << " more are in --format json\n";
  }
  Json run = {
      {"tool",
       {{"driver",
         {{"name", "iaclint"},
          {"version", IACLINT_VERSION},
          {"semanticVersion", IACLINT_VERSION},
          {"informationUri", "https://github.com/iaclint/iaclint"},
          {"rules", rules}}}}},
      {"invocations", Json::array({{{"executionSuccessful", true}}})},
      {"originalUriBaseIds",
       {{"%SRCROOT%", {{"description", {{"text", "The directory iaclint ran in (the repository root)."}}}}}}},
      {"columnKind", "utf16CodeUnits"},
      {"results", results}};
  Json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({run})}};
  const std::string text = log.dump(2);
  if (text.size() > 10'000'000) {
    std::cerr << "iaclint: warning: the SARIF file is " << text.size()
              << " bytes; GitHub rejects uploads above 10 MB after gzip\n";
  }
  out << text << "\n";
}

}  // namespace iaclint
