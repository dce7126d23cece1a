// Markdown for a pull request comment or a GitHub job summary ($GITHUB_STEP_SUMMARY): the
// scorecard, then the findings, then the suppressed findings folded away.
#include <algorithm>

#include "emit/emitter.h"

namespace iaclint {

namespace {

// GitHub refuses comments over 65536 characters; this many rows keeps well below that.
constexpr size_t kMaxRows = 150;

// A table cell: one line, '|' escaped, inline code and HTML neutralised.
std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

std::string Code(const std::string& text) {
  return text.find('`') == std::string::npos ? "`" + Cell(text) + "`" : Cell(text);
}

const char* StatusIcon(const std::string& status) {
  if (status == "PASS") return "✅";
  if (status == "FAIL") return "❌";
  if (status == "UNKNOWN") return "❔";
  if (status == "MANUAL") return "✍️";
  return "➖";
}

const char* SeverityIcon(Severity s) {
  switch (s) {
    case Severity::kError:
      return "🔴";
    case Severity::kWarning:
      return "🟠";
    case Severity::kNote:
      return "🔵";
  }
  return "";
}

void Scorecard(const EmitContext& ctx, std::ostream& out) {
  out << "| # | control | status | evidence | where / why |\n|---|---|---|---|---|\n";
  for (const ControlRow& row : ctx.report.controls) {
    std::string detail;
    if (row.status == "PASS" && !row.locations.empty()) {
      detail = Code(PlaceOf(ctx.model, row.locations.front()));
      if (row.locations.size() > 1)
        detail += " (+" + std::to_string(row.locations.size() - 1) + ")";
    } else {
      detail = Cell(row.detail);
    }
    out << "| " << row.id << " | " << Cell(row.title) << " | " << StatusIcon(row.status) << " "
        << row.status << " | " << Cell(row.evidence) << " | " << detail << " |\n";
  }
}

void FindingsTable(const EmitContext& ctx, const std::vector<const Finding*>& findings,
                   bool suppressed, std::ostream& out) {
  out << "| severity | rule | location | resource | " << (suppressed ? "reason" : "message")
      << " |\n|---|---|---|---|---|\n";
  const size_t shown = std::min(findings.size(), kMaxRows);
  for (size_t i = 0; i < shown; ++i) {
    const Finding& f = *findings[i];
    out << "| " << SeverityIcon(f.severity) << " " << SeverityName(f.severity) << " | " << f.rule_id
        << " " << Cell(f.rule_name) << " | " << Code(PlaceOf(ctx.model, f.loc)) << " | "
        << Cell(f.resource.empty() ? "-" : f.resource) << " | "
        << Cell(suppressed ? f.justification : f.message) << " |\n";
  }
  if (findings.size() > shown) {
    out << "\n… and " << findings.size() - shown
        << " more: see the SARIF or JSON report for the full list.\n";
  }
}

}  // namespace

void EmitMarkdown(const EmitContext& ctx, std::ostream& out) {
  const Report& r = ctx.report;
  std::vector<const Finding*> open, suppressed;
  for (const Finding& f : r.findings) (f.suppressed ? suppressed : open).push_back(&f);
  out << "## iaclint: AWS account baseline\n\n"
      << (r.exit_code == 0 ? "✅ **passed**" : "❌ **failed**") << ": " << SummaryLine(r.summary)
      << " (profile `" << r.profile << "`)\n\n";
  Scorecard(ctx, out);
  if (!open.empty()) {
    out << "\n### Findings\n\n";
    FindingsTable(ctx, open, false, out);
  }
  if (!suppressed.empty()) {
    out << "\n<details><summary>Suppressed findings (" << suppressed.size() << ")</summary>\n\n";
    FindingsTable(ctx, suppressed, true, out);
    out << "\n</details>\n";
  }
}

}  // namespace iaclint
