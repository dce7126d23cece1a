#include "terraform/hcl_parser.h"

#include <chrono>
#include <string>

#include "base/text.h"
#include "terraform/hcl_convert.h"
#include "terraform/hcl_syntax_error.h"
#include "terraform/ts_handles.h"

namespace iaclint {

namespace {

using Clock = std::chrono::steady_clock;

// Stops tree-sitter when it runs out of time, or when it is far past the first error: error
// recovery on garbage costs about 2 µs and 450 bytes per input byte, and a file with an error
// is refused anyway, so only the first error matters.
struct ParseWatch {
  std::string_view text;
  Clock::time_point deadline;
  bool stop_after_error = true;
  bool timed_out = false;
  bool saw_error = false;
  uint32_t first_error_at = 0;
};

constexpr uint32_t kPastErrorBytes = 64 * 1024;

bool OnProgress(TSParseState* state) {
  auto& w = *static_cast<ParseWatch*>(state->payload);
  if (state->has_error && !w.saw_error) {
    w.saw_error = true;
    w.first_error_at = state->current_byte_offset;
  }
  if (w.stop_after_error && w.saw_error &&
      state->current_byte_offset > w.first_error_at + kPastErrorBytes) {
    return true;
  }
  if (Clock::now() > w.deadline) {
    w.timed_out = true;
    return true;
  }
  return false;
}

const char* ReadText(void* payload, uint32_t byte, TSPoint, uint32_t* read) {
  const auto& w = *static_cast<const ParseWatch*>(payload);
  if (byte >= w.text.size()) {
    *read = 0;
    return "";
  }
  *read = static_cast<uint32_t>(w.text.size() - byte);
  return w.text.data() + byte;
}

Clock::duration Seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// Refuses what HCL refuses before parsing: it reads UTF-8 only and has no NUL character.
std::optional<Error> CheckEncoding(std::string_view text, const LineIndex& lines,
                                   const ParseLimits& limits) {
  if (text.size() > limits.max_file_bytes || text.size() >= UINT32_MAX) {
    return Error{"the file is larger than " + std::to_string(limits.max_file_bytes >> 20) +
                     " MiB; iaclint does not read it",
                 lines.At(0)};
  }
  if (text.substr(0, 2) == "\xFE\xFF" || text.substr(0, 2) == "\xFF\xFE") {
    return Error{"the file is UTF-16 or UTF-32 encoded; Terraform reads UTF-8 only", lines.At(0)};
  }
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return Error{"invalid character: the file contains a NUL byte", lines.At(nul)};
  }
  if (const auto bad = FindInvalidUtf8(text)) {
    return Error{"invalid character encoding: the file is not valid UTF-8", lines.At(*bad)};
  }
  return std::nullopt;
}

TsTreePtr RunTreeSitter(ParseWatch& watch) {
  TsParserPtr parser(ts_parser_new());
  ts_parser_set_language(parser.get(), tree_sitter_hcl());
  TSInput input{&watch, ReadText, TSInputEncodingUTF8, nullptr};
  TSParseOptions options{&watch, OnProgress};
  return TsTreePtr(ts_parser_parse_with_options(parser.get(), nullptr, input, options));
}

}  // namespace

HclParseResult ParseHcl(std::string_view text, FileId file, const HclParseOptions& options) {
  HclParseResult result;
  const LineIndex lines(text, file);
  if (auto error = CheckEncoding(text, lines, options.limits)) {
    result.errors.push_back(std::move(*error));
    return result;
  }
  // tree-sitter sees the text without a UTF-8 byte-order mark; offsets are shifted back.
  const size_t base = text.size() - StripUtf8Bom(text).size();
  ParseWatch watch{text.substr(base), {}};
  const double budget = options.base_seconds + static_cast<double>(text.size()) / 1e6;
  watch.deadline = Clock::now() + Seconds(budget);

  TsTreePtr tree = RunTreeSitter(watch);
  if (tree == nullptr && !watch.timed_out) {
    // Stopped early after an error: confirm it, since a transient error in one of the
    // parser's alternative stacks also raises the flag.
    HclSyntaxErrorSpot spot = LocateSyntaxError(watch.text, watch.first_error_at, budget);
    if (spot.confirmed) {
      result.errors.push_back(Error{spot.message, lines.At(base + spot.offset)});
      return result;
    }
    watch.stop_after_error = false;
    tree = RunTreeSitter(watch);
  }
  if (watch.timed_out) {
    result.errors.push_back(Error{"parsing stopped after " + std::to_string(int(budget)) +
                                      " s; the file is too large or too irregular to analyse",
                                  lines.At(base + watch.first_error_at)});
    return result;
  }
  if (tree == nullptr || ts_node_has_error(ts_tree_root_node(tree.get()))) {
    tree.reset();  // free it before the second, logged parse
    const HclSyntaxErrorSpot spot =
        LocateSyntaxError(watch.text, watch.first_error_at, options.base_seconds + budget);
    result.errors.push_back(Error{spot.message, lines.At(base + spot.offset)});
    return result;
  }
  HclConverter converter(text, base, lines, options.limits);
  if (!converter.Convert(ts_tree_root_node(tree.get()), result.body)) {
    result.body = HclBody{};
    result.errors = converter.TakeErrors();
  }
  return result;
}

}  // namespace iaclint
