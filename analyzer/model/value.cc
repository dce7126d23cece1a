#include "model/value.h"

#include <charconv>
#include <cmath>

#include "base/text.h"

namespace iaclint {

namespace {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

void AppendQuoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  out += '"';
}

void RenderInto(const Value& v, std::string& out, size_t max_chars) {
  if (out.size() > max_chars) return;
  switch (v.kind()) {
    case Value::Kind::kNull:
      out += "null";
      return;
    case Value::Kind::kBool:
      out += v.boolean() ? "true" : "false";
      return;
    case Value::Kind::kNumber:
      out += v.str();
      return;
    case Value::Kind::kString:
      AppendQuoted(out, v.str());
      return;
    case Value::Kind::kList:
      out += '[';
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ", ";
        RenderInto(v.items()[i], out, max_chars);
        if (out.size() > max_chars) return;
      }
      out += ']';
      return;
    case Value::Kind::kMap:
      out += '{';
      for (size_t i = 0; i < v.members().size(); ++i) {
        if (i) out += ", ";
        out += v.members()[i].key;
        out += ": ";
        RenderInto(v.members()[i].value, out, max_chars);
        if (out.size() > max_chars) return;
      }
      out += '}';
      return;
    case Value::Kind::kRef:
      out += "ref(" + v.str();
      if (!v.attribute().empty()) out += "." + v.attribute();
      out += ')';
      return;
    case Value::Kind::kUnknown:
      out += "unknown(" + v.str() + ")";
      return;
    case Value::Kind::kChoice:
      out += "choice(" + v.str() + ": ";
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += " | ";
        RenderInto(v.items()[i], out, max_chars);
      }
      out += ')';
      return;
  }
}

}  // namespace

Value Value::Null(Location loc) { return Scalar(Kind::kNull, {}, loc); }

Value Value::Bool(bool b, Location loc) {
  Value v = Scalar(Kind::kBool, {}, loc);
  v.bool_ = b;
  return v;
}

Value Value::Number(std::string text, Location loc) {
  return Scalar(Kind::kNumber, std::move(text), loc);
}

Value Value::String(std::string text, Location loc) {
  return Scalar(Kind::kString, std::move(text), loc);
}

Value Value::List(Location loc) { return Scalar(Kind::kList, {}, loc); }

Value Value::Map(Location loc) { return Scalar(Kind::kMap, {}, loc); }

Value Value::Ref(std::string target, std::string attribute, Location loc) {
  Value v = Scalar(Kind::kRef, std::move(target), loc);
  v.aux_ = std::move(attribute);
  return v;
}

Value Value::Unknown(std::string reason, Location loc) {
  return Scalar(Kind::kUnknown, std::move(reason), loc);
}

Value Value::Choice(std::string condition, Location loc) {
  return Scalar(Kind::kChoice, std::move(condition), loc);
}

Value Value::Scalar(Kind kind, std::string text, Location loc) {
  Value v;
  v.kind_ = kind;
  v.text_ = std::move(text);
  v.loc_ = loc;
  return v;
}

Value Value::WithoutChildren() const {
  Value v;
  v.kind_ = kind_;
  v.flags_ = flags_;
  v.bool_ = bool_;
  v.loc_ = loc_;
  v.text_ = text_;
  v.aux_ = aux_;
  return v;
}

size_t Value::size() const {
  if (kind_ == Kind::kMap) return members_.size();
  if (kind_ == Kind::kList || kind_ == Kind::kChoice) return items_.size();
  return 0;
}

Value& Value::Set(std::string key, Value v, Location key_loc) {
  members_.push_back(Member{std::move(key), key_loc, std::move(v)});
  return members_.back().value;
}

const Value::Member* Value::FindMember(std::string_view key) const {
  if (kind_ != Kind::kMap) return nullptr;
  for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

const Value* Value::Find(std::string_view key) const {
  const Member* m = FindMember(key);
  return m ? &m->value : nullptr;
}

Value* Value::Find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->Find(key));
}

const Value* Value::FindLoose(std::string_view key) const {
  if (kind_ != Kind::kMap) return nullptr;
  const std::string wanted = LooseKey(key);
  for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
    if (LooseKey(it->key) == wanted) return &it->value;
  }
  return nullptr;
}

std::optional<bool> Value::AsBool() const {
  if (kind_ == Kind::kBool) return bool_;
  if (kind_ == Kind::kString) {
    if (IEquals(text_, "true")) return true;
    if (IEquals(text_, "false")) return false;
  }
  return std::nullopt;
}

std::optional<double> Value::AsNumber() const {
  if (kind_ != Kind::kNumber && kind_ != Kind::kString) return std::nullopt;
  std::string_view s = text_;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double out = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(out)) return std::nullopt;
  return out;
}

std::optional<std::string> Value::AsText() const {
  switch (kind_) {
    case Kind::kString:
    case Kind::kNumber:
      return text_;
    case Kind::kBool:
      return std::string(bool_ ? "true" : "false");
    default:
      return std::nullopt;
  }
}

std::vector<std::string> Value::TextItems() const {
  if (auto t = AsText()) return {*t};
  std::vector<std::string> out;
  for (const Value& item : items()) {
    if (auto t = item.AsText()) out.push_back(*t);
  }
  return out;
}

std::string Value::Render(size_t max_chars) const {
  std::string out;
  RenderInto(*this, out, max_chars);
  if (out.size() > max_chars) {
    out.resize(Utf8Prefix(out, max_chars).size());  // never half a character
    out += "...";
  }
  return out;
}

std::string LooseKey(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '_' || c == '-' || c == ' ') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out += c;
  }
  return out;
}

const char* KindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBool:
      return "bool";
    case Value::Kind::kNumber:
      return "number";
    case Value::Kind::kString:
      return "string";
    case Value::Kind::kList:
      return "list";
    case Value::Kind::kMap:
      return "map";
    case Value::Kind::kRef:
      return "ref";
    case Value::Kind::kUnknown:
      return "unknown";
    case Value::Kind::kChoice:
      return "choice";
  }
  return "?";
}

}  // namespace iaclint
