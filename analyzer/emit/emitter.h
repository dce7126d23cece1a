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

void EmitText(const EmitContext& ctx, std::ostream& out);
void EmitGnu(const EmitContext& ctx, std::ostream& out);
void EmitJson(const EmitContext& ctx, std::ostream& out);
void EmitSarif(const EmitContext& ctx, std::ostream& out);

}  // namespace iaclint

#endif  // IACLINT_EMIT_EMITTER_H_
