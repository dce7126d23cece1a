// Term and space-delimited patterns against a raw log line (see pattern_eval.h).
#include "pattern/text_eval.h"

#include <map>

#include "pattern/pattern_cursor.h"
#include "pattern/pattern_eval.h"

namespace iaclint {

namespace {

constexpr size_t kMaxRegexInput = 256 * 1024;
// Bounds the search over how `...` slots split the fields (several `...` could otherwise
// explore exponentially many splits of a long line).
constexpr size_t kMaxAssignmentSteps = 200'000;

bool TermOccurs(const Term& term, std::string_view text) {
  if (term.value.kind == PatternValue::Kind::kRegex) {
    return text.size() <= kMaxRegexInput && term.value.regex->Search(text);
  }
  return text.find(term.value.text) != std::string_view::npos;
}

bool LooksLikeNumber(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty()) return false;
  bool digit = false;
  for (char ch : s) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      digit = true;
    } else if (ch != '.' && ch != 'e' && ch != 'E' && ch != '-' && ch != '+') {
      return false;
    }
  }
  return digit;
}

using Bindings = std::map<std::string, std::string, std::less<>>;

bool EvalDelimited(const Condition& c, const Bindings& bound) {
  if (c.kind == Condition::Kind::kAnd || c.kind == Condition::Kind::kOr) {
    const bool want = c.kind == Condition::Kind::kOr;
    for (const Condition& operand : c.operands) {
      if (EvalDelimited(operand, bound) == want) return want;
    }
    return !want;
  }
  const auto it = bound.find(c.selector.steps.front().key);
  if (it == bound.end()) return false;  // a condition on a field the pattern never names
  return CompareText(it->second, LooksLikeNumber(it->second), c.op, c.value);
}

struct Assigner {
  const std::vector<DelimitedField>& fields;
  const std::vector<std::string>& tokens;
  Bindings bound;
  size_t steps = 0;

  bool ConditionsHold() const {
    for (const DelimitedField& f : fields) {
      if (f.has_condition && !EvalDelimited(f.condition, bound)) return false;
    }
    return true;
  }

  bool Assign(size_t field, size_t token) {
    if (++steps > kMaxAssignmentSteps) return false;
    if (field == fields.size()) return token == tokens.size() && ConditionsHold();
    const DelimitedField& f = fields[field];
    if (f.ellipsis) {
      for (size_t next = token; next <= tokens.size(); ++next) {
        if (Assign(field + 1, next)) return true;
      }
      return false;
    }
    if (token >= tokens.size()) return false;
    if (!f.name.empty()) bound[f.name] = tokens[token];
    bound["$" + std::to_string(token + 1)] = tokens[token];
    return Assign(field + 1, token + 1);
  }
};

}  // namespace

bool TermsMatch(const std::vector<Term>& terms, std::string_view text) {
  bool any_optional = false;
  bool optional_hit = false;
  for (const Term& term : terms) {
    const bool occurs = TermOccurs(term, text);
    switch (term.kind) {
      case Term::Kind::kRequired:
        if (!occurs) return false;
        break;
      case Term::Kind::kExcluded:
        if (occurs) return false;
        break;
      case Term::Kind::kOptional:
        any_optional = true;
        optional_hit = optional_hit || occurs;
        break;
    }
  }
  return !any_optional || optional_hit;
}

std::vector<std::string> SplitDelimitedFields(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpaceChar(text[i])) ++i;
    if (i >= text.size()) break;
    const char open = text[i];
    if (open == '"' || open == '[') {
      const char close = open == '"' ? '"' : ']';
      const size_t end = text.find(close, i + 1);
      if (end != std::string_view::npos) {
        out.emplace_back(text.substr(i + 1, end - i - 1));
        i = end + 1;
        continue;
      }
    }
    const size_t start = i;
    while (i < text.size() && !IsSpaceChar(text[i])) ++i;
    out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

bool DelimitedMatch(const std::vector<DelimitedField>& fields, std::string_view text) {
  const std::vector<std::string> tokens = SplitDelimitedFields(text);
  Assigner assigner{fields, tokens, {}, 0};
  return assigner.Assign(0, 0);
}

}  // namespace iaclint
