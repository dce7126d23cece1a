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

// Lines shown around the finding's line in a code frame.
constexpr uint32_t kContextLines = 1;
constexpr size_t kMaxFrameWidth = 200;

std::string FrameLine(std::string_view line) {
  std::string shown(line.substr(0, kMaxFrameWidth));
  std::replace(shown.begin(), shown.end(), '\t', ' ');  // a tab is one column, as in `col`
  while (!shown.empty() && (shown.back() == '\r' || shown.back() == ' ')) shown.pop_back();
  return shown;
}

// The finding's line with a line of context on each side and a caret under its columns:
//    19 |     "Notification": {
//  > 20 |     "Subscribers": []
//       |     ^~~~~~~~~~~~~
void CodeFrame(const EmitContext& ctx, const Finding& f, std::ostream& out) {
  if (f.loc.file == kNoFile || f.loc.file >= ctx.model.files().size()) return;
  // An account-wide finding at line 1 of the first file points at nothing in particular.
  if (f.resource.empty() && f.loc.line == 1 && f.loc.column == 1 &&
      ctx.model.file(f.loc.file).type != "config") {
    return;
  }
  const std::string& text = ctx.model.file(f.loc.file).text;
  if (text.empty()) return;
  const LineIndex& lines = ctx.model.Lines(f.loc.file);
  if (f.loc.line == 0 || f.loc.line > lines.line_count()) return;
  const uint32_t first = f.loc.line > kContextLines ? f.loc.line - kContextLines : 1;
  const uint32_t last = std::min(lines.line_count(), f.loc.line + kContextLines);
  const size_t width = std::to_string(last).size();
  for (uint32_t n = first; n <= last; ++n) {
    std::string number = std::to_string(n);
    number.insert(0, width - number.size(), ' ');
    const bool here = n == f.loc.line;
    out << Paint(ctx.color, kDim, (here ? " > " : "   ") + number + " | ")
        << FrameLine(lines.Line(n)) << "\n";
    if (!here) continue;
    size_t span = 1;
    if (f.loc.end_line == f.loc.line && f.loc.end_column > f.loc.column) {
      span = f.loc.end_column - f.loc.column;
    }
    const std::string caret = std::string(f.loc.column > 1 ? f.loc.column - 1 : 0, ' ') + "^" +
                              std::string(std::min<size_t>(span, 80) - 1, '~');
    out << Paint(ctx.color, kDim, "   " + std::string(width, ' ') + " | ")
        << Paint(ctx.color, SeverityColor(f.severity), caret) << "\n";
  }
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
    // What else a passing verdict rests on (an attestation, member accounts only) goes on a
    // line of its own, after where the evidence is.
    const bool more = !row.detail.empty() && row.status == "PASS";
    if (!row.tally.empty()) detail = row.tally + (detail.empty() ? "" : "; " + detail);
    if (detail.size() > 110) detail = detail.substr(0, 107) + "...";
    std::string line = "  " + row.id + "  " + Pad(row.title, title_width) + "  " +
                       Paint(ctx.color, StatusColor(row.status), Pad(row.status, 7)) + "  " +
                       Pad(row.evidence, evidence_width) + "  " + detail;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
    if (more) out << Paint(ctx.color, kDim, "      " + row.detail) << "\n";
    // Explanations in full: they say what each monitoring item misses and why.
    for (const std::string& note : row.notes) out << "        " << note << "\n";
  }
}

}  // namespace

std::string SummaryLine(const Summary& s) {
  std::ostringstream line;
  line << s.errors << (s.errors == 1 ? " error, " : " errors, ") << s.warnings
       << (s.warnings == 1 ? " warning, " : " warnings, ") << s.notes
       << (s.notes == 1 ? " note" : " notes") << " in " << s.files
       << (s.files == 1 ? " file, " : " files, ") << s.resources
       << (s.resources == 1 ? " resource" : " resources");
  std::vector<std::string> more;
  if (s.unknown) more.push_back(std::to_string(s.unknown) + " undecided");
  if (s.suppressed) more.push_back(std::to_string(s.suppressed) + " suppressed");
  if (s.baselined) more.push_back(std::to_string(s.baselined) + " in the baseline");
  for (size_t i = 0; i < more.size(); ++i) line << (i ? ", " : " (") << more[i];
  if (!more.empty()) line << ")";
  return line.str();
}

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
  out << "\n" << SummaryLine(ctx.report.summary) << "\n";
}

}  // namespace iaclint
