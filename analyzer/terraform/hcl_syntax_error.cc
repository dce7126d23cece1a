#include "terraform/hcl_syntax_error.h"

#include <chrono>
#include <cstdio>
#include <cstring>

#include "terraform/cpu_clock.h"
#include "terraform/ts_handles.h"

namespace iaclint {

namespace {

using Clock = ThreadCpuClock;

// State shared with tree-sitter's logger and progress callbacks. The logger reports each lex
// position ("lex_internal state:N, row:R, column:C"), then "detect_error" when a stack version
// cannot take the lookahead, then "resume version" when every version failed and error recovery
// starts: the last detected position before that is the real error.
struct Probe {
  std::string_view text;
  Clock::time_point deadline;
  unsigned row = 0, column = 0;
  unsigned token_size = 0;
  bool detected = false;
  unsigned err_row = 0, err_column = 0, err_size = 0;
  std::string lookahead;
  bool resumed = false;
};

void OnLog(void* payload, TSLogType, const char* message) {
  Probe& p = *static_cast<Probe*>(payload);
  if (p.resumed) return;
  unsigned state = 0, row = 0, column = 0, size = 0;
  if (std::sscanf(message, "lex_internal state:%u, row:%u, column:%u", &state, &row, &column) ==
          3 ||
      std::sscanf(message, "lex_external state:%u, row:%u, column:%u", &state, &row, &column) ==
          3) {
    p.row = row;
    p.column = column;
    p.token_size = 0;
  } else if (const char* s = std::strstr(message, ", size:");
             std::strncmp(message, "lexed_lookahead", 15) == 0 && s != nullptr &&
             std::sscanf(s, ", size:%u", &size) == 1) {
    p.token_size = size;
  } else if (std::strncmp(message, "detect_error lookahead:", 23) == 0) {
    p.detected = true;
    p.err_row = p.row;
    p.err_column = p.column;
    p.err_size = p.token_size;
    p.lookahead = message + 23;
  } else if (std::strncmp(message, "resume version", 14) == 0 && p.detected) {
    p.resumed = true;
  }
}

bool OnProgress(TSParseState* state) {
  const Probe& p = *static_cast<const Probe*>(state->payload);
  return p.resumed || Clock::now() > p.deadline;  // true cancels the parse
}

const char* ReadText(void* payload, uint32_t byte, TSPoint, uint32_t* read) {
  const Probe& p = *static_cast<const Probe*>(payload);
  if (byte >= p.text.size()) {
    *read = 0;
    return "";
  }
  *read = static_cast<uint32_t>(p.text.size() - byte);
  return p.text.data() + byte;
}

// tree-sitter rows count '\n' only; columns are bytes.
size_t OffsetOf(std::string_view text, unsigned row, unsigned column) {
  size_t offset = 0;
  for (unsigned r = 0; r < row; ++r) {
    const size_t nl = text.find('\n', offset);
    if (nl == std::string_view::npos) return text.size();
    offset = nl + 1;
  }
  return std::min(text.size(), offset + column);
}

std::string TokenText(std::string_view text, size_t offset, unsigned size) {
  size_t end = offset;
  if (size > 0) {
    end = std::min(text.size(), offset + size);
  } else {
    while (end < text.size() && end - offset < 20 && text[end] != ' ' && text[end] != '\n' &&
           text[end] != '\t' && text[end] != '\r') {
      ++end;
    }
  }
  std::string out(text.substr(offset, std::min<size_t>(end - offset, 40)));
  const size_t nl = out.find_first_of("\r\n");
  if (nl != std::string::npos) out.resize(nl);
  return out;
}

std::string Describe(std::string_view text, size_t offset, const Probe& p) {
  if (offset >= text.size() || p.lookahead == "end") {
    return "unexpected end of file; a block, bracket, parenthesis or string is not closed";
  }
  std::string token = TokenText(text, offset, p.err_size);
  if (token.rfind("${", 0) == 0 || token.rfind("%{", 0) == 0) token.resize(2);
  if (token.empty()) return "unexpected character";
  if (p.lookahead == "identifier") return "unexpected name \"" + token + "\"";
  return "unexpected \"" + token + "\"";
}

}  // namespace

HclSyntaxErrorSpot LocateSyntaxError(std::string_view text, size_t fallback_offset,
                                     double max_seconds) {
  Probe probe;
  probe.text = text;
  probe.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(max_seconds));
  TsParserPtr parser(ts_parser_new());
  ts_parser_set_language(parser.get(), tree_sitter_hcl());
  ts_parser_set_logger(parser.get(), TSLogger{&probe, OnLog});
  TSInput input{&probe, ReadText, TSInputEncodingUTF8, nullptr};
  TSParseOptions options{&probe, OnProgress};
  TsTreePtr tree(ts_parser_parse_with_options(parser.get(), nullptr, input, options));
  HclSyntaxErrorSpot spot;
  if (!probe.detected) {
    spot.offset = std::min(fallback_offset, text.size());
    spot.message = "syntax error";
    return spot;
  }
  spot.confirmed =
      probe.resumed || (tree != nullptr && ts_node_has_error(ts_tree_root_node(tree.get())));
  spot.offset = OffsetOf(text, probe.err_row, probe.err_column);
  spot.message = Describe(text, spot.offset, probe);
  return spot;
}

}  // namespace iaclint
