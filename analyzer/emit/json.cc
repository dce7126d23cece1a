#include <nlohmann/json.hpp>

#include "emit/emitter.h"

namespace iaclint {

namespace {

using Json = nlohmann::ordered_json;

Json LocationJson(const Model& model, const Location& loc) {
  return Json{{"file", PathOf(model, loc)}, {"line", loc.line}, {"column", loc.column}};
}

}  // namespace

void EmitJson(const EmitContext& ctx, std::ostream& out) {
  const Report& r = ctx.report;
  Json doc;
  doc["tool"] = {{"name", "iaclint"}, {"version", IACLINT_VERSION}};
  doc["profile"] = r.profile;
  Json findings = Json::array();
  for (const Finding& f : r.findings) {
    Json j;
    j["rule_id"] = f.rule_id;
    j["rule_name"] = f.rule_name;
    j["severity"] = SeverityName(f.severity);
    j["message"] = f.message;
    j["file"] = PathOf(ctx.model, f.loc);
    j["line"] = f.loc.line;
    j["column"] = f.loc.column;
    j["end_line"] = f.loc.end_line >= f.loc.line ? f.loc.end_line : f.loc.line;
    j["end_column"] = (f.loc.end_line > f.loc.line || f.loc.end_column >= f.loc.column)
                          ? f.loc.end_column
                          : f.loc.column;
    j["resource"] = f.resource.empty() ? Json(nullptr) : Json(f.resource);
    j["control"] = f.control.empty() ? Json(nullptr) : Json(f.control);
    j["status"] = FindingStatus(f);
    j["fingerprint"] = f.fingerprint;
    j["suppressed"] = f.suppressed;
    if (f.suppressed) j["justification"] = f.justification;
    findings.push_back(std::move(j));
  }
  doc["findings"] = std::move(findings);
  Json controls = Json::array();
  for (const ControlRow& c : r.controls) {
    Json locations = Json::array();
    for (const Location& l : c.locations) locations.push_back(LocationJson(ctx.model, l));
    controls.push_back(Json{{"control", c.id},
                            {"title", c.title},
                            {"status", c.status},
                            {"evidence", c.evidence},
                            {"locations", std::move(locations)},
                            {"detail", c.detail}});
  }
  doc["controls"] = std::move(controls);
  Json files = Json::array();
  for (const SourceFile& f : ctx.model.files()) {
    if (!f.type.empty()) files.push_back(Json{{"file", f.path}, {"type", f.type}});
  }
  doc["files"] = std::move(files);
  const Summary& s = r.summary;
  doc["summary"] = {{"errors", s.errors},         {"warnings", s.warnings},
                    {"notes", s.notes},           {"unknown", s.unknown},
                    {"suppressed", s.suppressed}, {"files", s.files},
                    {"resources", s.resources},   {"exit_code", r.exit_code}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace iaclint
