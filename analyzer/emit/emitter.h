// Output formats. Adding one is a row in Emitters() plus its function.
#ifndef IACLINT_EMIT_EMITTER_H_
#define IACLINT_EMIT_EMITTER_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace iaclint {

struct EmitContext {
  const Report& report;
  const Model& model;
  const RuleSet& rules;
  const std::vector<ActiveRule>& active;  ///< enabled rules with their configured severity
  bool color = false;        ///< ANSI colours (text only)
  bool code_frames = false;  ///< source excerpts under findings (text only)
  const EngineOutput* engine = nullptr;  ///< per-rule results (junit lists passing resources)
};

using EmitFunction = void (*)(const EmitContext& ctx, std::ostream& out);

struct EmitterSpec {
  std::string_view name;
  EmitFunction fn;
  std::string_view summary;
};

const std::vector<EmitterSpec>& Emitters();
const EmitterSpec* FindEmitter(std::string_view name);

/// "path:line:col" of a finding (the reported path of its file).
std::string PlaceOf(const Model& model, const Location& loc);
/// The reported path of a location's file ("" when unknown).
std::string PathOf(const Model& model, const Location& loc);

/// The "status" of a finding in json/sarif: FAIL, UNKNOWN or MANUAL.
const char* FindingStatus(const Finding& f);

/// GitHub code scanning's upload limits (shared/research/integrations.md §2.2).
struct SarifLimits {
  size_t max_results = 25000;          ///< results per run
  size_t max_gzip_bytes = 10'000'000;  ///< the file after gzip
};

struct SarifOutput {
  std::string text;
  size_t results = 0;     ///< results written
  size_t dropped = 0;     ///< results left out to respect the limits
  size_t gzip_bytes = 0;  ///< compressed size, when the text was large enough to measure
  std::string message;    ///< what was left out and why ("" when nothing was)
};

/// The SARIF log, with the most severe results kept when the limits force some out.
SarifOutput RenderSarif(const EmitContext& ctx, const SarifLimits& limits);

void EmitText(const EmitContext& ctx, std::ostream& out);
void EmitGnu(const EmitContext& ctx, std::ostream& out);
void EmitJson(const EmitContext& ctx, std::ostream& out);
void EmitSarif(const EmitContext& ctx, std::ostream& out);
void EmitGithub(const EmitContext& ctx, std::ostream& out);
void EmitJunit(const EmitContext& ctx, std::ostream& out);
void EmitMarkdown(const EmitContext& ctx, std::ostream& out);

/// "3 errors, 2 warnings, 1 note (1 undecided), 1 suppressed in 3 files, 9 resources".
std::string SummaryLine(const Summary& s);

/// Size of `text` after gzip at zlib's default level (what GitHub's upload limit measures).
size_t GzipSize(const std::string& text);

}  // namespace iaclint

#endif  // IACLINT_EMIT_EMITTER_H_
