#include <algorithm>
#include <sstream>

#include "base/text.h"
#include "emit/emitter.h"

namespace iaclint {

namespace {

const char* kReset = "\033[0m";
const char* kBold = "\033[1m";
const char* kDim = "\033[2m";

const char* SeverityColor(Severity s) {
  switch (s) {
    case Severity::kError: return "\033[1;31m";
    case Severity::kWarning: return "\033[1;33m";
    case Severity::kNote: return "\033[1;36m";
  }
  return "";
}

const char* StatusColor(const std::string& status) {
  if (status == "PASS") return "\033[32m";
  if (status == "FAIL") return "\033[31m";
  if (status == "UNKNOWN") return "\033[33m";
  return "\033[36m";
}

std::string Paint(bool on, const char* code, const std::string& text) {
  return on ? std::string(code) + text + kReset : text;
}

// The source line of a finding with a caret under its column.
void CodeFrame(const EmitContext& ctx, const Finding& f, std::ostream& out) {
  if (f.loc.file == kNoFile || f.loc.file >= ctx.model.files().size()) return;
  const std::string& text = ctx.model.file(f.loc.file).text;
  if (text.empty()) return;
  const LineIndex& lines = ctx.model.Lines(f.loc.file);
  const std::string_view line = lines.Line(f.loc.line);
  if (line.empty() && f.loc.line > lines.line_count()) return;
  const std::string number = std::to_string(f.loc.line);
  const std::string gutter(number.size(), ' ');
  std::string shown(line.substr(0, 200));
  std::replace(shown.begin(), shown.end(), '\t', ' ');
  out << Paint(ctx.color, kDim, " " + number + " | ") << shown << "\n";
  std::string caret(f.loc.column > 1 ? f.loc.column - 1 : 0, ' ');
  size_t width = 1;
  if (f.loc.end_line == f.loc.line && f.loc.end_column > f.loc.column) {
    width = f.loc.end_column - f.loc.column;
  }
  caret += "^" + std::string(std::min<size_t>(width, 80) - 1, '~');
  out << Paint(ctx.color, kDim, " " + gutter + " | ") << Paint(ctx.color, SeverityColor(f.severity), caret)
      << "\n";
}

std::string Pad(const std::string& s, size_t width) {
  const size_t n = Utf16Length(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

void Scorecard(const EmitContext& ctx, std::ostream& out) {
  const Report& r = ctx.report;
  out << Paint(ctx.color, kBold, "Baseline scorecard") << " (profile " << r.profile << ")\n";
  size_t title_width = 0, evidence_width = 0;
  for (const ControlRow& row : r.controls) {
    title_width = std::max<size_t>(title_width, Utf16Length(row.title));
    evidence_width = std::max<size_t>(evidence_width, Utf16Length(row.evidence));
  }
  for (const ControlRow& row : r.controls) {
    std::string where;
    if (!row.locations.empty()) {
      where = PlaceOf(ctx.model, row.locations.front());
      if (row.locations.size() > 1) where += " (+" + std::to_string(row.locations.size() - 1) + ")";
    }
    std::string detail = row.status == "PASS" ? where : row.detail;
    if (detail.size() > 110) detail = detail.substr(0, 107) + "...";
    std::string line = "  " + row.id + "  " + Pad(row.title, title_width) + "  " +
                       Paint(ctx.color, StatusColor(row.status), Pad(row.status, 7)) + "  " +
                       Pad(row.evidence, evidence_width) + "  " + detail;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

}  // namespace

void EmitGnu(const EmitContext& ctx, std::ostream& out) {
  for (const Finding& f : ctx.report.findings) {
    if (f.suppressed) continue;
    out << PlaceOf(ctx.model, f.loc) << ": " << SeverityName(f.severity) << ": " << f.message
        << " [" << f.rule_id << "]\n";
  }
}

void EmitText(const EmitContext& ctx, std::ostream& out) {
  for (const Finding& f : ctx.report.findings) {
    if (f.suppressed) continue;
    out << Paint(ctx.color, kBold, PlaceOf(ctx.model, f.loc) + ":") << " "
        << Paint(ctx.color, SeverityColor(f.severity), std::string(SeverityName(f.severity)) + ":")
        << " " << f.message << " [" << f.rule_id << "]\n";
    if (ctx.code_frames) CodeFrame(ctx, f, out);
  }
  if (!ctx.report.findings.empty()) out << "\n";
  Scorecard(ctx, out);
  const Summary& s = ctx.report.summary;
  std::ostringstream line;
  line << s.errors << (s.errors == 1 ? " error, " : " errors, ") << s.warnings
       << (s.warnings == 1 ? " warning, " : " warnings, ") << s.notes
       << (s.notes == 1 ? " note" : " notes");
  if (s.unknown) line << " (" << s.unknown << " undecided)";
  if (s.suppressed) line << ", " << s.suppressed << " suppressed";
  line << " in " << s.files << (s.files == 1 ? " file" : " files") << ", " << s.resources
       << (s.resources == 1 ? " resource" : " resources");
  out << "\n" << line.str() << "\n";
}

}  // namespace iaclint
