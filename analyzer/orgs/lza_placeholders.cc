#include "orgs/lza_placeholders.h"

#include <algorithm>

#include "base/text.h"

namespace iaclint {

namespace {

constexpr std::string_view kSentinel = "__IACLINT_UNRESOLVED_";

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  const size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool IsKey(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsKeyChar);
}

// What a placeholder becomes: its value, or a sentinel naming the entry of `unresolved`.
std::string Replacement(const std::string& inner, const std::string& written, const Replacements& r,
                        Substitution& out) {
  std::string why;
  if (IsKey(inner)) {
    if (auto it = r.values.find(inner); it != r.values.end()) {
      std::string v = it->second;
      std::replace(v.begin(), v.end(), '\n', ' ');
      return v;
    }
    auto u = r.unknown.find(inner);
    why = u != r.unknown.end()
              ? u->second
              : "LZA placeholder " + written + " is not defined in replacements-config.yaml";
  } else {
    why = "LZA placeholder " + written + " is resolved only at deployment";
  }
  out.unresolved.emplace_back(written, why);
  return std::string(kSentinel) + std::to_string(out.unresolved.size() - 1) + "__";
}

void SubstituteLine(std::string_view line, uint32_t number, const Replacements& r,
                    Substitution& out) {
  std::string built;
  size_t pos = 0;
  while (pos < line.size()) {
    const size_t open = line.find("{{", pos);
    const size_t close = open == std::string_view::npos ? open : line.find("}}", open + 2);
    if (close == std::string_view::npos) {
      built.append(line.substr(pos));
      break;
    }
    built.append(line.substr(pos, open - pos));
    const std::string written(line.substr(open, close + 2 - open));
    const std::string value =
        Replacement(Trim(line.substr(open + 2, close - open - 2)), written, r, out);
    PlaceholderEdit e;
    e.line = number;
    e.old_column = Utf16Length(line.substr(0, open)) + 1;
    e.old_length = Utf16Length(written);
    e.new_column = Utf16Length(built) + 1;
    e.new_length = Utf16Length(value);
    out.edits.push_back(e);
    built += value;
    pos = close + 2;
  }
  out.text += built;
}

// Maps a column of an edited line back; `end` positions inside a replacement map to its end.
uint32_t MapColumn(uint32_t line, uint32_t column, bool end, const Substitution& s) {
  if (column == 0) return 0;
  auto it = std::lower_bound(s.edits.begin(), s.edits.end(), line,
                             [](const PlaceholderEdit& e, uint32_t l) { return e.line < l; });
  int64_t shift = 0;
  for (; it != s.edits.end() && it->line == line; ++it) {
    if (column < it->new_column) break;
    if (column < it->new_column + it->new_length ||
        (end && column == it->new_column + it->new_length)) {
      return end ? it->old_column + it->old_length : it->old_column;
    }
    shift = static_cast<int64_t>(it->old_column + it->old_length) -
            static_cast<int64_t>(it->new_column + it->new_length);
  }
  return static_cast<uint32_t>(static_cast<int64_t>(column) + shift);
}

// The reason of the first unresolved placeholder a text contains, or "".
std::string UnresolvedIn(const std::string& text, const Substitution& s) {
  const size_t at = text.find(kSentinel);
  if (at == std::string::npos) return "";
  const size_t digits = at + kSentinel.size();
  size_t n = 0, i = digits;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') n = n * 10 + (text[i++] - '0');
  if (i == digits || n >= s.unresolved.size()) return "an LZA placeholder is not resolved";
  return s.unresolved[n].second;
}

}  // namespace

Replacements ReadReplacements(const Value* replacements_root, const Value* accounts_root) {
  Replacements r;
  if (accounts_root) {
    for (const char* list : {"mandatoryAccounts", "workloadAccounts"}) {
      const Value* accounts = accounts_root->Find(list);
      if (!accounts) continue;
      for (const Value& a : accounts->items()) {
        const Value* name = a.Find("name");
        if (auto t = name ? name->AsText() : std::nullopt) r.values[*t] = *t;
      }
    }
  }
  const Value* list = replacements_root ? replacements_root->Find("globalReplacements") : nullptr;
  if (!list) return r;
  for (const Value& item : list->items()) {
    const Value* key = item.Find("key");
    auto k = key ? key->AsText() : std::nullopt;
    if (!k) continue;
    const Value* value = item.Find("value");
    const Value* path = item.Find("path");
    if (value && value->is(Value::Kind::kList)) {
      std::string joined;
      for (const Value& v : value->items())
        joined += (joined.empty() ? "" : ",") + v.AsText().value_or("");
      r.values[*k] = joined;
    } else if (auto t = value ? value->AsText() : std::nullopt) {
      r.values[*k] = *t;
    } else if (path) {
      r.unknown[*k] = "LZA placeholder {{ " + *k + " }} is read from SSM parameter " +
                      path->Render(80) + " at deployment";
    }
  }
  return r;
}

Substitution SubstitutePlaceholders(std::string_view text, const Replacements& replacements) {
  Substitution out;
  out.text.reserve(text.size());
  uint32_t line = 1;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t nl = text.find('\n', start);
    const std::string_view content =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (content.find("{{") == std::string_view::npos) {
      out.text.append(content);
    } else {
      SubstituteLine(content, line, replacements, out);
    }
    if (nl == std::string_view::npos) break;
    out.text += '\n';
    start = nl + 1;
    ++line;
  }
  return out;
}

Location OriginalLocation(const Location& loc, const Substitution& s) {
  if (s.edits.empty()) return loc;
  Location out = loc;
  out.column = MapColumn(loc.line, loc.column, false, s);
  out.end_column = MapColumn(loc.end_line, loc.end_column, true, s);
  return out;
}

void RestoreOriginal(Value& v, const Substitution& s) {
  v.set_loc(OriginalLocation(v.loc(), s));
  if (v.is(Value::Kind::kString) && !s.unresolved.empty()) {
    const std::string why = UnresolvedIn(v.str(), s);
    if (!why.empty()) {
      Value u = Value::Unknown(why, v.loc());
      u.set_tag("lza-placeholder");
      v = std::move(u);
      return;
    }
  }
  for (Value& item : v.items()) RestoreOriginal(item, s);
  for (auto& m : v.members()) {
    m.key_loc = OriginalLocation(m.key_loc, s);
    RestoreOriginal(m.value, s);
  }
}

}  // namespace iaclint
