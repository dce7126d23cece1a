#include "terraform/hcl_parser.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/parallel.h"
#include "base/text.h"
#include "parse/limits.h"
#include "terraform/cpu_clock.h"
#include "terraform/hcl_convert.h"
#include "terraform/hcl_syntax_error.h"
#include "terraform/ts_arena.h"
#include "terraform/ts_handles.h"

namespace iaclint {

namespace {

using Clock = ThreadCpuClock;

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
  unsigned calls = 0;
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
  // Reading the thread CPU clock is a system call: look every 16 progress reports.
  if ((++w.calls & 15) == 0 && Clock::now() > w.deadline) {
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

// Parses text[base:] as one tree. `deadline` is shared by all parses of one file.
HclParseResult ParseWhole(std::string_view text, size_t base, const LineIndex& lines,
                          const HclParseOptions& options, Clock::time_point deadline,
                          double budget) {
  HclParseResult result;
  ParseWatch watch{text.substr(base), deadline};
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

// Big files are parsed in pieces cut after a "}" line that closes a top-level block, so only
// a small tree lives at a time (a whole tree costs ~76 bytes per input byte). A cut in the
// wrong place (inside a heredoc or a comment) leaves a piece with an error; then the caller
// parses the file whole, which also gives the exact error position.
constexpr size_t kChunkBytes = 512 * 1024;

std::vector<size_t> CutPoints(std::string_view text, size_t base) {
  std::vector<size_t> cuts{base};
  size_t pos = base;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) break;
    std::string_view line = text.substr(pos, eol - pos);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    const size_t next = eol + 1;
    const char after = next < text.size() ? text[next] : '\0';
    if (line == "}" && next - cuts.back() >= kChunkBytes &&
        (std::isalpha(static_cast<unsigned char>(after)) || after == '\n' || after == '#' ||
         after == '\r')) {
      cuts.push_back(next);
    }
    pos = next;
  }
  cuts.push_back(text.size());
  return cuts;
}

// One piece of a big file: parsed, refused (a syntax error: the whole file is parsed again to
// report it), or converted with errors.
struct Piece {
  enum class Status { kOk, kRefused, kErrors } status = Status::kOk;
  HclBody body;
  std::vector<Error> errors;
};

Piece ParsePiece(std::string_view text, size_t begin, size_t end, const LineIndex& lines,
                 const HclParseOptions& options, Clock::time_point deadline) {
  TsArenaScope arena;  // outlives the tree and the converter's cursor below
  ParseWatch watch{text.substr(0, end).substr(begin), deadline};
  TsTreePtr tree = RunTreeSitter(watch);
  Piece piece;
  if (tree == nullptr || ts_node_has_error(ts_tree_root_node(tree.get()))) {
    piece.status = Piece::Status::kRefused;
    return piece;
  }
  HclConverter converter(text, begin, lines, options.limits);
  if (!converter.Convert(ts_tree_root_node(tree.get()), piece.body)) {
    piece.status = Piece::Status::kErrors;
    piece.body = HclBody{};
    piece.errors = converter.TakeErrors();
  }
  return piece;
}

// Parses the pieces on up to `options.threads` threads. Pieces are taken in file order, and a
// failed piece stops the taking of later ones, so every piece before the first failure is done.
std::vector<Piece> ParsePieces(std::string_view text, const std::vector<size_t>& cuts,
                               const LineIndex& lines, const HclParseOptions& options,
                               double budget) {
  const size_t n = cuts.size() - 1;
  std::vector<Piece> pieces(n);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    // The deadline is on this thread's CPU clock: each thread gets the whole budget.
    const Clock::time_point deadline = Clock::now() + Seconds(budget);
    for (size_t i; !failed && (i = next++) < n;) {
      pieces[i] = ParsePiece(text, cuts[i], cuts[i + 1], lines, options, deadline);
      if (pieces[i].status != Piece::Status::kOk) failed = true;
    }
  };
  const unsigned threads = static_cast<unsigned>(
      std::clamp<size_t>(ThreadCount(options.threads), 1, std::min<size_t>(n, 8)));
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& h : helpers) h.join();
  return pieces;
}

std::optional<HclParseResult> ParseInPieces(std::string_view text, size_t base,
                                            const LineIndex& lines, const HclParseOptions& options,
                                            double budget) {
  const std::vector<size_t> cuts = CutPoints(text, base);
  if (cuts.size() <= 2) return std::nullopt;
  for (size_t i = 0; i + 1 < cuts.size(); ++i) {
    if (cuts[i + 1] - cuts[i] > options.limits.max_hcl_bytes) return std::nullopt;  // too big
  }
  std::vector<Piece> pieces = ParsePieces(text, cuts, lines, options, budget);
  HclParseResult result;
  for (Piece& piece : pieces) {
    if (piece.status == Piece::Status::kRefused) return std::nullopt;
    if (piece.status == Piece::Status::kErrors) {
      result.body = HclBody{};
      result.errors = std::move(piece.errors);
      return result;
    }
    for (auto& a : piece.body.attributes) result.body.attributes.push_back(std::move(a));
    for (auto& b : piece.body.blocks) result.body.blocks.push_back(std::move(b));
  }
  result.body.loc = lines.Span(base, text.size());
  if (!result.body.attributes.empty()) return std::nullopt;  // top-level arguments: check whole
  return result;
}

}  // namespace

HclParseResult ParseHcl(std::string_view text, FileId file, const HclParseOptions& options) {
  const LineIndex lines(text, file);
  if (auto error = CheckEncoding(text, lines, options.limits)) {
    HclParseResult result;
    result.errors.push_back(std::move(*error));
    return result;
  }
  // tree-sitter sees the text without a UTF-8 byte-order mark; offsets are shifted back.
  const size_t base = text.size() - StripUtf8Bom(text).size();
  const double budget =
      options.base_seconds + options.seconds_per_mb * static_cast<double>(text.size()) / 1e6;
  const Clock::time_point deadline = Clock::now() + Seconds(budget);
  if (text.size() - base > 2 * kChunkBytes) {
    if (auto pieces = ParseInPieces(text, base, lines, options, budget)) return *pieces;
  }
  if (text.size() - base > options.limits.max_hcl_bytes) {
    HclParseResult result;
    result.errors.push_back(
        Error{"the file is " + std::to_string(text.size()) +
                  " bytes and cannot be cut between top-level blocks into parts under the limit "
                  "of " + std::to_string(options.limits.max_hcl_bytes) + " bytes (" +
                  LimitHint("max_hcl_size") + "); not analysed",
              lines.At(base)});
    return result;
  }
  // An arena grows to ~100 bytes per input byte; only small whole parses use one.
  std::optional<TsArenaScope> arena;
  if (text.size() <= 2 * kChunkBytes) arena.emplace();
  return ParseWhole(text, base, lines, options, deadline, budget);
}

}  // namespace iaclint
