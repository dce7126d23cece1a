// GitHub Actions workflow commands: each finding becomes an annotation on the pull request and
// the run (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
#include "emit/emitter.h"

namespace iaclint {

namespace {

// Workflow command data: '%', CR and LF are escaped; property values also escape ':' and ','.
std::string Escape(const std::string& text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* Command(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "notice";
  }
  return "warning";
}

}  // namespace

void EmitGithub(const EmitContext& ctx, std::ostream& out) {
  for (const Finding& f : ctx.report.findings) {
    if (f.suppressed) continue;
    out << "::" << Command(f.severity) << " file=" << Escape(PathOf(ctx.model, f.loc), true)
        << ",line=" << f.loc.line << ",col=" << f.loc.column << ",title=" << Escape(f.rule_id, true)
        << "::" << Escape(f.message, false) << "\n";
  }
}

}  // namespace iaclint
