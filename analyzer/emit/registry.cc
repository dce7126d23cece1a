#include "emit/emitter.h"

namespace iaclint {

const std::vector<EmitterSpec>& Emitters() {
  static const std::vector<EmitterSpec> emitters = {
      {"github", EmitGithub, "GitHub Actions workflow commands (::error file=...::message)"},
      {"gnu", EmitGnu, "path:line:col: severity: message [ID], one per line (editors)"},
      {"json", EmitJson, "one JSON object with findings, controls, files and summary"},
      {"junit", EmitJunit, "JUnit XML, one test case per (rule, resource), for CI dashboards"},
      {"markdown", EmitMarkdown, "scorecard and findings tables (PR comment, job summary)"},
      {"sarif", EmitSarif, "SARIF 2.1.0 for GitHub code scanning"},
      {"text", EmitText, "findings and the baseline scorecard (default)"},
  };
  return emitters;
}

const EmitterSpec* FindEmitter(std::string_view name) {
  for (const EmitterSpec& e : Emitters()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::string PathOf(const Model& model, const Location& loc) {
  if (loc.file == kNoFile || loc.file >= model.files().size()) return "";
  return model.file(loc.file).path;
}

std::string PlaceOf(const Model& model, const Location& loc) {
  return PathOf(model, loc) + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

}  // namespace iaclint
