#include "terraform/plan_format.h"

#include "base/text.h"
#include "model/tool_findings.h"
#include "terraform/mapping.h"
#include "terraform/plan_reader.h"

namespace iaclint {

namespace {

// Both version keys near the start, whatever precedes them: a plan that a wrapper script
// prefixed with a line of its own is still a plan, reported with its parse error.
bool MentionsVersionsEarly(std::string_view text) {
  const std::string_view head = text.substr(0, 4096);
  return head.find("\"format_version\"") != std::string_view::npos &&
         head.find("\"terraform_version\"") != std::string_view::npos;
}

}  // namespace

std::optional<std::string> DecodeUtf16(std::string_view text, size_t limit) {
  if (text.size() < 2) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(text[0]), b1 = static_cast<unsigned char>(text[1]);
  bool little;
  if (b0 == 0xFF && b1 == 0xFE) {
    little = true;
  } else if (b0 == 0xFE && b1 == 0xFF) {
    little = false;
  } else {
    return std::nullopt;
  }
  const size_t end = limit && limit < text.size() ? limit : text.size();
  std::string out;
  out.reserve(end / 2);
  auto unit = [&](size_t i) -> uint32_t {
    const auto lo = static_cast<unsigned char>(text[i + (little ? 0 : 1)]);
    const auto hi = static_cast<unsigned char>(text[i + (little ? 1 : 0)]);
    return static_cast<uint32_t>(hi) << 8 | lo;
  };
  for (size_t i = 2; i + 1 < end; i += 2) {
    uint32_t u = unit(i);
    if (u >= 0xD800 && u < 0xDC00 && i + 3 < end) {
      const uint32_t low = unit(i + 2);
      if (low >= 0xDC00 && low < 0xE000) {
        AppendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    AppendUtf8(out, (u >= 0xD800 && u < 0xE000) ? 0xFFFD : u);
  }
  return out;
}

bool ClaimsTerraformPlan(const DocumentInput& in) {
  if (in.options.forced_type == "tfplan") return true;
  if (auto decoded = DecodeUtf16(in.text, 16384)) {
    return LooksLikeTerraformPlan(*decoded) || MentionsVersionsEarly(*decoded);
  }
  return LooksLikeTerraformPlan(in.text) || MentionsVersionsEarly(in.text);
}

void ProcessTerraformPlan(const DocumentInput& in, Fragment& out) {
  std::string_view text = in.text;
  if (auto decoded = DecodeUtf16(text)) {
    out.files[in.file].text = std::move(*decoded);
    text = out.files[in.file].text;
  }
  TfMapping mapping;
  if (in.options.mappings) {
    auto parsed = ParseTfMapping(in.options.mappings->terraform);
    if (!parsed.ok()) {
      out.diagnostics.push_back(ToolFinding(
          kUnsupportedInput, "the Terraform mapping is invalid: " + parsed.error().message,
          Location{in.file, 1, 1, 1, 1}));
      return;
    }
    mapping = std::move(*parsed);
  }
  PlanReadOptions options;
  options.keep = &mapping.keep;
  options.limits = in.options.limits;
  auto plan = ReadTerraformPlan(text, in.file, options);
  if (!plan.ok()) {
    Location at = plan.error().where;
    if (!at.known()) at = Location{in.file, 1, 1, 1, 1};
    out.diagnostics.push_back(ToolFinding(kParseError, plan.error().message, at));
    return;
  }
  for (const Error& w : plan->warnings) {
    Finding f = ToolFinding(kParseError, w.message,
                            w.where.known() ? w.where : Location{in.file, 1, 1, 1, 1});
    f.severity = Severity::kWarning;
    out.diagnostics.push_back(std::move(f));
  }
  TfMapContext ctx{mapping, in.options.mappings ? &in.options.mappings->types : nullptr,
                   in.entry.path, in.file, in.options.limits};
  MapTerraform(std::move(plan->config), ctx, out);
}

}  // namespace iaclint
