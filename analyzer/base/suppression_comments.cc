#include "base/suppression_comments.h"

#include <algorithm>
#include <cctype>

#include "base/text.h"

namespace iaclint {

namespace {

constexpr std::string_view kMarker = "iaclint:ignore";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsRuleId(std::string_view id) {
  // IAC0804, and ids of user rule sets: upper-case prefix + four digits.
  if (id.size() < 5 || id[0] < 'A' || id[0] > 'Z') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool upper_or_digit = (c >= 'A' && c <= 'Z') || IsDigit(c);
    if (!upper_or_digit || (i + 4 >= id.size() && !IsDigit(c))) return false;
  }
  return true;
}

std::vector<std::string> SplitIds(std::string_view ids) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= ids.size()) {
    const size_t comma = std::min(ids.find(',', start), ids.size());
    out.emplace_back(ids.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// A value after key=: "quoted (with \" escapes)", 'quoted', or a bare word.
bool ReadValue(std::string_view body, size_t& i, std::string& out) {
  out.clear();
  if (i < body.size() && (body[i] == '"' || body[i] == '\'')) {
    const char q = body[i++];
    while (i < body.size() && body[i] != q) {
      if (q == '"' && body[i] == '\\' && i + 1 < body.size()) ++i;
      out += body[i++];
    }
    if (i >= body.size()) return false;
    ++i;
    return i >= body.size() || IsSpace(body[i]);
  }
  while (i < body.size() && !IsSpace(body[i])) out += body[i++];
  return true;
}

struct DirectiveFields {
  std::string ids, reason, until;
  bool has_reason = false, has_until = false;
};

// Fills `fields`; returns the problem, or "" when the directive is well formed.
std::string ParseFields(std::string_view body, DirectiveFields& fields) {
  size_t i = 0;
  while (i < body.size() && IsSpace(body[i])) ++i;
  while (i < body.size() && !IsSpace(body[i])) fields.ids += body[i++];
  if (fields.ids.empty()) return "iaclint:ignore needs a rule id, e.g. iaclint:ignore IAC0804";
  while (true) {
    while (i < body.size() && IsSpace(body[i])) ++i;
    if (i >= body.size()) return "";
    const size_t eq = body.find('=', i);
    const size_t space = std::min(body.find_first_of(" \t", i), body.size());
    if (eq == std::string_view::npos || eq > space) {
      return "unexpected '" + std::string(body.substr(i, space - i)) +
             "' (expected reason=\"...\" or until=YYYY-MM-DD)";
    }
    const std::string key(body.substr(i, eq - i));
    i = eq + 1;
    std::string value;
    if (!ReadValue(body, i, value)) return key + " has no closing quote";
    if (key == "reason" && !fields.has_reason) {
      fields.reason = value;
      fields.has_reason = true;
    } else if (key == "until" && !fields.has_until) {
      fields.until = value;
      fields.has_until = true;
    } else if (key == "reason" || key == "until") {
      return key + " is given twice";
    } else {
      return "unknown key '" + key + "' (expected reason or until)";
    }
  }
}

}  // namespace

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) return false;
  }
  const int year = std::stoi(std::string(s.substr(0, 4)));
  const int month = std::stoi(std::string(s.substr(5, 2)));
  const int day = std::stoi(std::string(s.substr(8, 2)));
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

std::vector<Suppression> ParseSuppressionDirective(std::string_view body, const Location& where) {
  DirectiveFields fields;
  std::string problem = ParseFields(body, fields);
  std::vector<std::string> ids = SplitIds(fields.ids);
  if (problem.empty()) {
    for (const std::string& id : ids) {
      if (!IsRuleId(id)) {
        problem = "'" + id + "' is not a rule id (like IAC0804)";
        break;
      }
    }
  }
  if (problem.empty() && fields.has_until && !IsIsoDate(fields.until)) {
    problem = "until=" + fields.until + " is not a date like 2027-03-31";
  }
  std::vector<Suppression> out;
  if (!problem.empty()) {
    const std::string id = !ids.empty() && IsRuleId(ids.front()) ? ids.front() : "";
    out.push_back(Suppression{id, fields.reason, "", where, problem});
    return out;
  }
  for (const std::string& id : ids) {
    out.push_back(Suppression{id, fields.reason, fields.until, where, ""});
  }
  return out;
}

namespace {

// Per-line lexer state that carries over line breaks.
struct LexState {
  // YAML block scalar (`key: |`): lines indented deeper than block_indent (or blank) are text.
  bool in_block_scalar = false;
  uint32_t block_indent = 0;
  // An open quoted string (YAML flow scalars and HCL strings may span lines).
  char open_quote = 0;
  // HCL heredoc (`<<EOF`, `<<-EOF`): text up to a line holding only the identifier.
  std::string heredoc;
  bool in_block_comment = false;  // HCL /* ... */
};

uint32_t IndentOf(std::string_view line) {
  uint32_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// `key: |`, `- >-`, `key: !Sub |2`: the content of the line (comment removed) opens a YAML
// block scalar.
bool OpensBlockScalar(std::string_view code) {
  code = Trim(code);
  size_t i = code.size();
  while (i > 0 && (IsDigit(code[i - 1]) || code[i - 1] == '+' || code[i - 1] == '-')) --i;
  if (i == 0 || (code[i - 1] != '|' && code[i - 1] != '>')) return false;
  if (code.size() - i > 2) return false;
  return i == 1 || code[i - 2] == ' ' || code[i - 2] == '\t';
}

// Where a quote may open a YAML quoted scalar: at the start of a value, not inside a word.
bool YamlQuoteMayOpen(std::string_view line, size_t i) {
  if (i == 0) return true;
  const char p = line[i - 1];
  return IsSpace(p) || p == '[' || p == '{' || p == ',' || p == ':';
}

struct LineScan {
  size_t comment = std::string_view::npos;  ///< offset of '#' or '//' starting a comment
  size_t comment_text = 0;                  ///< offset of the comment's text
  bool in_text = false;           ///< the whole line is string/heredoc/block-comment content
  bool in_block_comment = false;  ///< the line is (partly) inside /* */ and has no code
};

LineScan ScanYamlLine(std::string_view line, LexState& st) {
  LineScan out;
  const uint32_t indent = IndentOf(line);
  if (st.in_block_scalar) {
    if (Trim(line).empty() || indent > st.block_indent) {
      out.in_text = true;
      return out;
    }
    st.in_block_scalar = false;
  }
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (st.open_quote) {
      if (c == '\\' && st.open_quote == '"') {
        ++i;
      } else if (c == st.open_quote) {
        if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
          ++i;  // '' is an escaped quote
        } else {
          st.open_quote = 0;
        }
      }
      continue;
    }
    if ((c == '"' || c == '\'') && YamlQuoteMayOpen(line, i)) {
      st.open_quote = c;
    } else if (c == '#' && (i == 0 || IsSpace(line[i - 1]))) {
      out.comment = i;
      out.comment_text = i + 1;
      break;
    }
  }
  if (!st.open_quote && OpensBlockScalar(line.substr(0, out.comment))) {
    st.in_block_scalar = true;
    st.block_indent = indent;
  }
  return out;
}

// `<<EOF` / `<<-EOF` outside strings: returns the identifier.
std::string HeredocAt(std::string_view line, size_t i) {
  if (line.substr(i, 2) != "<<") return "";
  size_t j = i + 2;
  if (j < line.size() && line[j] == '-') ++j;
  std::string id;
  while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '_')) {
    id += line[j++];
  }
  return id;
}

LineScan ScanHclLine(std::string_view line, LexState& st) {
  LineScan out;
  if (!st.heredoc.empty()) {
    if (Trim(line) == st.heredoc) st.heredoc.clear();
    out.in_text = true;
    return out;
  }
  bool code = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (st.in_block_comment) {
      out.in_block_comment = true;
      if (c == '*' && i + 1 < line.size() && line[i + 1] == '/') {
        st.in_block_comment = false;
        ++i;
      }
      continue;
    }
    if (st.open_quote) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        st.open_quote = 0;
      }
      continue;
    }
    if (c == '"') {
      st.open_quote = c;
      code = true;
    } else if (c == '#' || (c == '/' && i + 1 < line.size() && line[i + 1] == '/')) {
      out.comment = i;
      out.comment_text = i + (c == '#' ? 1 : 2);
      break;
    } else if (c == '/' && i + 1 < line.size() && line[i + 1] == '*') {
      st.in_block_comment = true;
      out.in_block_comment = true;
      ++i;
    } else if (std::string id = HeredocAt(line, i); !id.empty()) {
      st.heredoc = id;
      break;
    } else if (!IsSpace(c)) {
      code = true;
    }
  }
  if (code) out.in_block_comment = false;
  return out;
}

}  // namespace

SuppressionComments::SuppressionComments(std::string_view text, FileId file, CommentSyntax syntax)
    : syntax_(syntax) {
  // Nearly every file has no directive: skip the line-by-line scan for them.
  if (text.find(kMarker) == std::string_view::npos) return;
  Scan(text, file);
}

void SuppressionComments::Scan(std::string_view text, FileId file) {
  LexState st;
  size_t start = 0;
  uint32_t number = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    ++number;
    const bool was_quoted = st.open_quote != 0;
    LineScan scan =
        syntax_ == CommentSyntax::kYaml ? ScanYamlLine(line, st) : ScanHclLine(line, st);
    Line info;
    info.indent = IndentOf(line);
    info.blank = !scan.in_text && !was_quoted && Trim(line).empty();
    info.comment_only =
        !scan.in_text && !was_quoted &&
        ((scan.comment != std::string_view::npos && Trim(line.substr(0, scan.comment)).empty()) ||
         (scan.in_block_comment && scan.comment == std::string_view::npos));
    lines_.push_back(info);
    if (scan.comment != std::string_view::npos) {
      std::string_view body = line.substr(scan.comment_text);
      while (!body.empty() && IsSpace(body.front())) body.remove_prefix(1);
      if (body.substr(0, kMarker.size()) == kMarker &&
          (body.size() == kMarker.size() || IsSpace(body[kMarker.size()]))) {
        std::string_view rest = Trim(body.substr(kMarker.size()));
        const uint32_t column = Utf16Length(line.substr(0, scan.comment)) + 1;
        std::string_view shown = line;
        while (!shown.empty() && IsSpace(shown.back())) shown.remove_suffix(1);
        const uint32_t end_column = Utf16Length(shown) + 1;
        Location where{file, number, column, number, end_column};
        directives_.push_back(Directive{number, ParseSuppressionDirective(rest, where)});
      }
    }
    start = end + 1;
  }
}

uint32_t SuppressionComments::TrailingCommentStart(uint32_t first, uint32_t last) const {
  // Lines (first, last] that are comments or blank at the end of the block, and not indented
  // deeper than its first line, introduce what follows.
  const uint32_t header_indent = lines_[first - 1].indent;
  uint32_t cut = last + 1;
  for (uint32_t l = last; l > first; --l) {
    const Line& info = lines_[l - 1];
    if (!info.blank && !info.comment_only) break;
    if (info.comment_only && info.indent > header_indent) break;
    cut = l;
  }
  return cut;
}

uint32_t SuppressionComments::AboveStart(uint32_t first) const {
  // Directly above: an unbroken run of comment lines, not indented deeper than the block.
  const uint32_t header_indent = lines_[first - 1].indent;
  uint32_t start = first;
  while (start > 1) {
    const Line& info = lines_[start - 2];
    if (!info.comment_only || info.indent > header_indent) break;
    --start;
  }
  return start;
}

std::vector<Suppression> SuppressionComments::ForBlock(uint32_t first_line,
                                                       uint32_t last_line) const {
  std::vector<Suppression> out;
  if (directives_.empty() || first_line == 0 || first_line > lines_.size()) return out;
  last_line = std::clamp<uint32_t>(last_line, first_line, static_cast<uint32_t>(lines_.size()));
  const uint32_t from = AboveStart(first_line);
  const uint32_t to = TrailingCommentStart(first_line, last_line);  // exclusive
  // Directives are in line order: only those in [from, to) are looked at.
  auto it = std::lower_bound(directives_.begin(), directives_.end(), from,
                             [](const Directive& d, uint32_t line) { return d.line < line; });
  for (; it != directives_.end() && it->line < to; ++it) {
    out.insert(out.end(), it->suppressions.begin(), it->suppressions.end());
  }
  return out;
}

std::vector<Suppression> ScanSuppressionComments(std::string_view text, FileId file,
                                                 uint32_t first_line, uint32_t last_line,
                                                 CommentSyntax syntax) {
  return SuppressionComments(text, file, syntax).ForBlock(first_line, last_line);
}

}  // namespace iaclint
