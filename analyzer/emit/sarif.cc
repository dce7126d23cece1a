#include <zlib.h>

#include <algorithm>
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

// Every iaclint rule is about proving the account's security baseline (budgets and cost
// anomaly detection included: they are how a compromised account is noticed), so every rule
// is a security rule for GitHub, ranked by its configured severity. The values sit well inside
// GitHub's bands: high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9.
const char* SecuritySeverity(Severity s) {
  switch (s) {
    case Severity::kError:
      return "8.0";
    case Severity::kWarning:
      return "5.5";
    case Severity::kNote:
      return "2.0";
  }
  return "5.5";
}

Json RuleDescriptor(const Rule& r, const RuleSet& set, Severity severity) {
  Json tags = Json::array({"security"});
  if (!r.control.empty()) tags.push_back("baseline-control-" + r.control);
  for (const std::string& t : r.tags) {
    if (tags.size() < kMaxTags) tags.push_back(t);
  }
  Json props = {
      {"tags", tags}, {"precision", "high"}, {"security-severity", SecuritySeverity(severity)}};
  Json d = {{"id", r.id},
            {"name", r.name},
            {"shortDescription", {{"text", Clip(r.summary, kMaxDescription)}}},
            {"fullDescription", {{"text", Clip(r.description, kMaxDescription)}}},
            {"help", {{"text", RuleHelpText(r, &set)}, {"markdown", RuleHelpMarkdown(r, &set)}}},
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
  // Only the start of the line up to the token is needed (a plan can be one 200 MB line); the
  // line index is built once per file, so many findings in one file stay linear.
  const std::string_view line =
      model.Lines(loc.file).Line(loc.line).substr(0, size_t{loc.column} * 4 + 4096);
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
  Json props = {{"status", FindingStatus(f)}};
  if (!f.control.empty()) props["control"] = f.control;
  if (!f.resource.empty()) props["resource"] = f.resource;
  result["properties"] = props;
  return result;
}

// The baseline scorecard: every control's verdict, evidence level and what it rests on.
Json ControlsJson(const EmitContext& ctx) {
  Json controls = Json::array();
  for (const ControlRow& c : ctx.report.controls) {
    Json locations = Json::array();
    for (const Location& l : c.locations) {
      locations.push_back(Json{{"file", PathOf(ctx.model, l)}, {"line", l.line}});
    }
    controls.push_back(Json{{"control", c.id},
                            {"title", c.title},
                            {"status", c.status},
                            {"evidence", c.evidence},
                            {"locations", std::move(locations)},
                            {"detail", c.detail}});
  }
  return controls;
}

// Lower is kept first when GitHub's limits force results out: open errors, warnings, notes,
// then suppressed findings (which GitHub only lists as closed).
int Priority(const Finding& f) {
  if (f.suppressed) return 3;
  return 2 - static_cast<int>(f.severity);
}

}  // namespace

// The size GitHub checks: the gzip-compressed file (zlib's default level, as the action).
size_t GzipSize(const std::string& text) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return text.size();
  }
  std::vector<unsigned char> buffer(1 << 16);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  size_t total = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = buffer.data();
    z.avail_out = static_cast<uInt>(buffer.size());
    rc = deflate(&z, Z_FINISH);
    if (rc == Z_STREAM_ERROR) break;
    total += buffer.size() - z.avail_out;
  }
  deflateEnd(&z);
  return total;
}

namespace {

Json Log(const Json& rules, Json results, Json controls) {
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
       {{"%SRCROOT%",
         {{"description", {{"text", "The directory iaclint ran in (the repository root)."}}}}}}},
      {"columnKind", "utf16CodeUnits"},
      {"results", std::move(results)},
      {"properties", {{"controls", std::move(controls)}}}};
  return Json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({run})}};
}

}  // namespace

const char* FindingStatus(const Finding& f) {
  return f.manual ? "MANUAL" : (f.unknown ? "UNKNOWN" : "FAIL");
}

SarifOutput RenderSarif(const EmitContext& ctx, const SarifLimits& limits) {
  // Every enabled rule is listed on every run, in id order, so ruleIndex stays stable.
  std::map<std::string, size_t> index;
  Json rules = Json::array();
  std::map<std::string, Severity> severity;
  for (const ActiveRule& a : ctx.active) severity[a.rule->id] = a.severity;
  for (const Rule& r : ctx.rules.rules) {
    auto it = severity.find(r.id);
    if (it == severity.end() && r.scope != "tool") continue;
    index[r.id] = rules.size();
    rules.push_back(RuleDescriptor(r, ctx.rules, it == severity.end() ? r.severity : it->second));
  }
  // Which findings fit: the most important ones, kept in report order.
  std::vector<const Finding*> ranked;
  for (const Finding& f : ctx.report.findings) {
    if (index.count(f.rule_id)) ranked.push_back(&f);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Finding* a, const Finding* b) { return Priority(*a) < Priority(*b); });
  SarifOutput out;
  size_t keep = std::min(ranked.size(), limits.max_results);
  LineHashCache hashes(ctx.model);
  while (true) {
    std::vector<const Finding*> kept(ranked.begin(), ranked.begin() + static_cast<long>(keep));
    std::sort(kept.begin(), kept.end());  // report order: findings are one contiguous vector
    Json results = Json::array();
    for (const Finding* f : kept) results.push_back(ResultJson(*f, index[f->rule_id], ctx, hashes));
    out.text = Log(rules, std::move(results), ControlsJson(ctx))
                   .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
               "\n";
    out.gzip_bytes = out.text.size() > limits.max_gzip_bytes ? GzipSize(out.text) : 0;
    if (out.gzip_bytes <= limits.max_gzip_bytes || keep == 0) break;
    // Shrink in proportion to the excess, with a margin, and try again.
    const double ratio = static_cast<double>(limits.max_gzip_bytes) / out.gzip_bytes;
    keep = std::min(keep - 1, static_cast<size_t>(keep * ratio * 0.95));
  }
  out.results = keep;
  out.dropped = ranked.size() - keep;
  if (out.dropped) {
    const bool by_count = keep == limits.max_results;
    out.message =
        "the SARIF file holds " + std::to_string(keep) + " of " + std::to_string(ranked.size()) +
        " results, the most severe first: GitHub code "
        "scanning rejects " +
        (by_count ? "more than " + std::to_string(limits.max_results) + " results per run"
                  : "files over " + std::to_string(limits.max_gzip_bytes) + " bytes after gzip") +
        ". The " + std::to_string(out.dropped) +
        " others are in --format json; a --baseline keeps only new findings.";
  }
  return out;
}

void EmitSarif(const EmitContext& ctx, std::ostream& out) {
  SarifOutput sarif = RenderSarif(ctx, SarifLimits{});
  if (!sarif.message.empty()) std::cerr << "iaclint: warning: " << sarif.message << "\n";
  out << sarif.text;
}

}  // namespace iaclint
