#include "policy/root_match.h"

#include <vector>

namespace iaclint {

namespace {

struct Partition {
  const char* name;
  const char* accounts[2];
};

constexpr Partition kPartitions[] = {
    {"aws", {"111122223333", "444455556666"}},
    {"aws-us-gov", {"111122223333", "444455556666"}},
    {"aws-cn", {"111122223333", "444455556666"}},
};

std::string RootArn(const Partition& p, int account) {
  return std::string("arn:") + p.name + ":iam::" + p.accounts[account] + ":root";
}

// Splits an ARN into its six fields; the last keeps any further ':'.
std::vector<std::string_view> ArnFields(std::string_view arn) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (out.size() < 5) {
    const size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) break;
    out.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  out.push_back(arn.substr(start));
  return out;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool Matches(std::string_view pattern, std::string_view arn, MatchStyle style) {
  switch (style) {
    case MatchStyle::kLiteral:
      return pattern == arn;
    case MatchStyle::kLiteralNoCase:
      return EqualsNoCase(pattern, arn);
    case MatchStyle::kGlob:
      return WildcardMatch(pattern, arn);
    case MatchStyle::kArn:
      break;
  }
  const auto p = ArnFields(pattern);
  const auto a = ArnFields(arn);
  if (p.size() != a.size()) {
    // A pattern with fewer fields can still match when its last field is a wildcard run
    // ("*" alone, "arn:aws:*").
    return WildcardMatch(pattern, arn);
  }
  for (size_t i = 0; i < p.size(); ++i) {
    if (!WildcardMatch(p[i], a[i])) return false;
  }
  return true;
}

// Replaces ${...} placeholders with '*'; tells whether one stood for a specific value (any
// placeholder that is not the partition).
std::string ExpandPlaceholders(std::string_view pattern, bool* specific) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    const size_t open = pattern.find("${", i);
    if (open == std::string_view::npos) {
      out.append(pattern.substr(i));
      break;
    }
    const size_t close = pattern.find('}', open);
    if (close == std::string_view::npos) {
      out.append(pattern.substr(i));
      break;
    }
    out.append(pattern.substr(i, open - i));
    std::string inner(pattern.substr(open + 2, close - open - 2));
    for (char& c : inner) c = Lower(c);
    if (inner.find("partition") == std::string::npos) *specific = true;
    out += '*';
    i = close + 1;
  }
  return out;
}

}  // namespace

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  // Iterative matcher with single backtrack point: linear in practice, no recursion.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

RootMatch MatchRootArn(std::string_view pattern, MatchStyle style) {
  bool specific = false;
  std::string expanded(pattern);
  if (pattern.find("${") != std::string_view::npos) {
    expanded = ExpandPlaceholders(pattern, &specific);
    if (style == MatchStyle::kLiteral) style = MatchStyle::kGlob;
    if (style == MatchStyle::kLiteralNoCase) style = MatchStyle::kGlob;
  }
  bool some = false, all = false;
  for (const Partition& p : kPartitions) {
    const bool a = Matches(expanded, RootArn(p, 0), style);
    const bool b = Matches(expanded, RootArn(p, 1), style);
    some |= a || b;
    all |= a && b;
  }
  if (all && !specific) return RootMatch::kAll;
  return some ? RootMatch::kSome : RootMatch::kNone;
}

}  // namespace iaclint
