#include "pattern/cw_regex.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

namespace iaclint {

namespace {

// Bounds the expanded expression: `{m,n}` copies its atom, and a pattern is at most 1,024
// characters, so real expressions stay far below.
constexpr size_t kMaxSteps = 1024;
constexpr size_t kMaxRepeat = 1000;

using ByteSet = std::bitset<256>;

ByteSet Shorthand(char c) {
  ByteSet set;
  for (int b = 0; b < 256; ++b) {
    const bool digit = b >= '0' && b <= '9';
    const bool word = digit || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    const bool space = b == ' ' || (b >= '\t' && b <= '\r');
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool in = lower == 'd' ? digit : lower == 'w' ? word : space;
    set[b] = std::isupper(static_cast<unsigned char>(c)) ? !in : in;
  }
  return set;
}

bool IsShorthand(char c) { return std::string_view("dwsDWS").find(c) != std::string_view::npos; }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::optional<Error> CheckCharacters() const {
    for (size_t i = 0; i < text_.size(); ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c < 0x20 || c >= 0x7f) {
        return Fail("a CloudWatch regular expression takes printable ASCII characters only", i);
      }
    }
    return std::nullopt;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  size_t pos() const { return pos_; }
  void Advance() { ++pos_; }

  Error Fail(const std::string& message, size_t at) const {
    return Error{
        message + " at offset " + std::to_string(at),
        Location{kNoFile, 1, static_cast<uint32_t>(at + 1), 1, static_cast<uint32_t>(at + 1)}};
  }

  // An escape after '\': a shorthand class or the next character taken literally.
  Result<ByteSet> Escape() {
    const size_t at = pos_;
    Advance();  // backslash
    if (AtEnd()) return Fail("the expression ends with a lone '\\'", at);
    const char c = Peek();
    Advance();
    if (IsShorthand(c)) return Shorthand(c);
    ByteSet set;
    set[static_cast<unsigned char>(c)] = true;
    return set;
  }

  Result<ByteSet> Class() {
    const size_t at = pos_;
    Advance();  // [
    const bool negated = Peek() == '^';
    if (negated) Advance();
    ByteSet set;
    bool first = true;
    while (!AtEnd() && (Peek() != ']' || first)) {
      first = false;
      if (Peek() == '\\') {
        auto e = Escape();
        if (!e.ok()) return e.error();
        set |= *e;
        continue;
      }
      const auto lo = static_cast<unsigned char>(Peek());
      Advance();
      if (Peek() == '-' && pos_ + 1 < text_.size() && text_[pos_ + 1] != ']') {
        Advance();
        const auto hi = static_cast<unsigned char>(Peek());
        Advance();
        if (hi < lo) return Fail("the range of a character class is reversed", at);
        for (int b = lo; b <= hi; ++b) set[b] = true;
      } else {
        set[lo] = true;
      }
    }
    if (AtEnd()) return Fail("unterminated character class (missing ']')", at);
    Advance();  // ]
    return negated ? ~set : set;
  }

  Result<ByteSet> Atom() {
    const char c = Peek();
    if (c == '[') return Class();
    if (c == '\\') return Escape();
    if (c == '*' || c == '+' || c == '?')
      return Fail(std::string("nothing to repeat before '") + c + "'", pos_);
    if (c == '^') return Fail("'^' anchors only at the start of an alternative", pos_);
    if (c == '$') return Fail("'$' anchors only at the end of an alternative", pos_);
    Advance();
    ByteSet set;
    if (c == '.') {
      set.set();
      set['\n'] = false;
    } else {
      set[static_cast<unsigned char>(c)] = true;
    }
    return set;
  }

  // `{m}`, `{m,}`, `{m,n}` (spaces allowed after the comma); nullopt when the brace does not
  // start a bound, and it is then a literal '{'.
  std::optional<std::pair<size_t, size_t>> Bound() {
    size_t p = pos_ + 1;
    auto number = [&](size_t& out) {
      const size_t begin = p;
      out = 0;
      while (p < text_.size() && std::isdigit(static_cast<unsigned char>(text_[p])) &&
             p - begin < 6) {
        out = out * 10 + static_cast<size_t>(text_[p++] - '0');
      }
      return p > begin;
    };
    size_t lo = 0, hi = 0;
    if (!number(lo)) return std::nullopt;
    hi = lo;
    if (p < text_.size() && text_[p] == ',') {
      ++p;
      while (p < text_.size() && text_[p] == ' ') ++p;
      if (!number(hi)) hi = SIZE_MAX;
    }
    if (p >= text_.size() || text_[p] != '}') return std::nullopt;
    pos_ = p + 1;
    return std::make_pair(lo, hi);
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<CwRegex> CwRegex::Compile(std::string_view text) {
  Parser p(text);
  if (auto bad = p.CheckCharacters()) return *bad;
  CwRegex re;
  re.alternatives_.emplace_back();
  while (true) {
    Alternative& alt = re.alternatives_.back();
    if (p.AtEnd() || p.Peek() == '|') {
      if (p.AtEnd()) break;
      p.Advance();
      re.alternatives_.emplace_back();
      continue;
    }
    if (p.Peek() == '^' && alt.steps.empty() && !alt.at_start) {
      alt.at_start = true;
      p.Advance();
      continue;
    }
    if (p.Peek() == '$') {
      const size_t at = p.pos();
      p.Advance();
      if (!p.AtEnd() && p.Peek() != '|')
        return p.Fail("'$' anchors only at the end of an alternative", at);
      alt.at_end = true;
      continue;
    }
    const size_t atom_at = p.pos();
    auto atom = p.Atom();
    if (!atom.ok()) return atom.error();
    size_t lo = 1, hi = 1;
    if (p.Peek() == '?' || p.Peek() == '*' || p.Peek() == '+') {
      const char q = p.Peek();
      p.Advance();
      lo = q == '+' ? 1 : 0;
      hi = q == '?' ? 1 : SIZE_MAX;
    } else if (p.Peek() == '{') {
      if (auto bound = p.Bound()) std::tie(lo, hi) = *bound;
    }
    if (lo != 1 || hi != 1) {
      if (p.Peek() == '?') p.Advance();  // lazy: the same language
      if (p.Peek() == '*' || p.Peek() == '+' || (p.Peek() == '?')) {
        return p.Fail("nothing to repeat: two quantifiers in a row", p.pos());
      }
    }
    if (hi < lo) return p.Fail("a repetition's maximum is below its minimum", atom_at);
    const size_t copies = lo + (hi == SIZE_MAX ? 1 : hi - lo);
    if ((hi != SIZE_MAX && hi > kMaxRepeat) || alt.steps.size() + copies > kMaxSteps) {
      return p.Fail("regular expression too large to evaluate", atom_at);
    }
    for (size_t i = 0; i < lo; ++i) alt.steps.push_back(Step{*atom, false, false});
    if (hi == SIZE_MAX) {
      alt.steps.push_back(Step{*atom, true, true});
    } else {
      for (size_t i = lo; i < hi; ++i) alt.steps.push_back(Step{*atom, true, false});
    }
  }
  return re;
}

bool CwRegex::SearchAlternative(const Alternative& alt, std::string_view text) const {
  const size_t k = alt.steps.size();
  std::vector<char> cur(k + 1, 0), next(k + 1, 0);
  // Enters state i and every state reachable from it by skipping optional steps.
  auto enter = [&](std::vector<char>& set, size_t i) {
    while (!set[i]) {
      set[i] = 1;
      if (i == k || !alt.steps[i].optional) return;
      ++i;
    }
  };
  enter(cur, 0);
  for (size_t p = 0;; ++p) {
    if (cur[k] && (!alt.at_end || p == text.size())) return true;
    if (p == text.size()) return false;
    std::fill(next.begin(), next.end(), 0);
    const auto c = static_cast<unsigned char>(text[p]);
    for (size_t i = 0; i < k; ++i) {
      if (cur[i] && alt.steps[i].accepts[c]) enter(next, alt.steps[i].repeat ? i : i + 1);
    }
    if (!alt.at_start) enter(next, 0);  // a search: a match may start anywhere
    cur.swap(next);
  }
}

bool CwRegex::Search(std::string_view text) const {
  return std::any_of(alternatives_.begin(), alternatives_.end(),
                     [&](const Alternative& a) { return SearchAlternative(a, text); });
}

}  // namespace iaclint
