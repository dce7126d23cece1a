#include "parse/json_reader.h"

#include <string>
#include <unordered_set>

#include "base/text.h"

namespace iaclint {

namespace {

class JsonParser {
 public:
  JsonParser(std::string_view text, FileId file, const ParseLimits& limits)
      : text_(text), lines_(text, file), limits_(limits) {}

  Result<ParsedDocument> Run() {
    ParsedDocument doc;
    SkipSpace();
    if (pos_ >= text_.size()) return Fail("the file is empty; expected a JSON value");
    if (!ParseValue(doc.root, 0)) return error_;
    SkipSpace();
    if (pos_ < text_.size()) return Fail("unexpected text after the JSON value");
    doc.warnings = std::move(warnings_);
    return doc;
  }

 private:
  Error Fail(std::string message) {
    error_ = Error{std::move(message), lines_.At(pos_)};
    failed_ = true;
    return error_;
  }

  bool Failed(std::string message) {
    Fail(std::move(message));
    return false;
  }

  void SkipSpace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool Count() {
    if (++nodes_ > limits_.max_nodes) {
      return Failed("more than " + std::to_string(limits_.max_nodes) + " values (" +
                    LimitHint("max_nodes") + ")");
    }
    return true;
  }

  bool ParseValue(Value& out, size_t depth) {
    if (!Count()) return false;
    SkipSpace();
    if (pos_ >= text_.size()) return Failed("unexpected end of input; expected a value");
    const size_t begin = pos_;
    const char c = text_[pos_];
    bool ok = false;
    if (c == '{') {
      ok = ParseObject(out, depth + 1);
    } else if (c == '[') {
      ok = ParseArray(out, depth + 1);
    } else if (c == '"') {
      std::string s;
      ok = ParseString(s);
      if (ok) out = Value::String(std::move(s));
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ok = ParseNumber(out);
    } else if (Literal("true")) {
      out = Value::Bool(true), ok = true;
    } else if (Literal("false")) {
      out = Value::Bool(false), ok = true;
    } else if (Literal("null")) {
      out = Value::Null(), ok = true;
    } else {
      return Failed(std::string("unexpected character '") + Printable(c) + "'; expected a value");
    }
    if (ok) out.set_loc(lines_.Span(begin, pos_));
    return ok;
  }

  static std::string Printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) {
      static const char* kHex = "0123456789abcdef";
      return std::string("\\x") + kHex[u >> 4] + kHex[u & 15];
    }
    return std::string(1, c);
  }

  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool ParseObject(Value& out, size_t depth) {
    if (depth > limits_.max_depth) {
      return Failed("nesting deeper than " + std::to_string(limits_.max_depth) + " levels (" +
                    LimitHint("max_depth") + ")");
    }
    out = Value::Map();
    ++pos_;  // '{'
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    std::unordered_set<std::string> seen;
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        return Failed(pos_ >= text_.size() ? "unexpected end of input inside an object"
                                           : "expected a string key in double quotes");
      }
      const size_t key_begin = pos_;
      std::string key;
      if (!ParseString(key)) return false;
      const Location key_loc = lines_.Span(key_begin, pos_);
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ':') return Failed("expected ':' after key");
      ++pos_;
      if (!seen.insert(key).second) {
        warnings_.push_back(Error{"duplicate key '" + key + "' (the last one is used)", key_loc});
      }
      Value& slot = out.Set(key, Value(), key_loc);
      if (!ParseValue(slot, depth)) return false;
      SkipSpace();
      if (pos_ >= text_.size()) return Failed("unexpected end of input; expected ',' or '}'");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return Failed("expected ',' or '}' after an object member");
    }
  }

  bool ParseArray(Value& out, size_t depth) {
    if (depth > limits_.max_depth) {
      return Failed("nesting deeper than " + std::to_string(limits_.max_depth) + " levels (" +
                    LimitHint("max_depth") + ")");
    }
    out = Value::List();
    ++pos_;  // '['
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      out.items().emplace_back();
      if (!ParseValue(out.items().back(), depth)) return false;
      SkipSpace();
      if (pos_ >= text_.size()) return Failed("unexpected end of input; expected ',' or ']'");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return Failed("expected ',' or ']' after an array element");
    }
  }

  bool ParseNumber(Value& out) {
    const size_t begin = pos_;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ >= text_.size() || !IsDigit(text_[pos_])) return Failed("invalid number");
    if (text_[pos_] == '0') {
      ++pos_;
    } else {
      while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (pos_ >= text_.size() || !IsDigit(text_[pos_])) return Failed("invalid number");
      while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ >= text_.size() || !IsDigit(text_[pos_])) return Failed("invalid number");
      while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    }
    out = Value::Number(std::string(text_.substr(begin, pos_ - begin)));
    return true;
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  bool ReadHex4(uint32_t& out) {
    if (pos_ + 4 > text_.size()) return Failed("incomplete \\u escape");
    const std::optional<uint32_t> v = ParseHex(text_.substr(pos_, 4));
    if (!v) return Failed("invalid \\u escape");
    out = *v;
    pos_ += 4;
    return true;
  }

  bool ParseEscape(std::string& out) {
    if (pos_ >= text_.size()) return Failed("unterminated string");
    const char e = text_[pos_++];
    if (const std::optional<char> plain = JsonShortEscape(e)) {
      out += *plain;
      return true;
    }
    if (e != 'u') {
      --pos_;
      return Failed(std::string("invalid escape '\\") + Printable(e) + "'");
    }
    uint32_t cp = 0;
    if (!ReadHex4(cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low = 0;
      if (text_.substr(pos_, 2) != "\\u") return Failed("unpaired UTF-16 surrogate in \\u escape");
      pos_ += 2;
      if (!ReadHex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return Failed("unpaired UTF-16 surrogate in \\u escape");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return Failed("unpaired UTF-16 surrogate in \\u escape");
    }
    AppendUtf8(out, cp);
    return true;
  }

  bool ParseString(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      const size_t run = pos_;
      while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\\' &&
             static_cast<unsigned char>(text_[pos_]) >= 0x20) {
        ++pos_;
      }
      out.append(text_.substr(run, pos_ - run));
      if (pos_ >= text_.size()) return Failed("unterminated string");
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        ++pos_;
        if (!ParseEscape(out)) return false;
        continue;
      }
      return Failed("control character in string (escape it, e.g. \\n)");
    }
  }

  std::string_view text_;
  LineIndex lines_;
  const ParseLimits& limits_;
  size_t pos_ = 0;
  size_t nodes_ = 0;
  bool failed_ = false;
  Error error_;
  std::vector<Error> warnings_;
};

void Relocate(Value& v, const Location& loc) {
  v.set_loc(loc);
  v.set(Value::kEmbeddedJson);
  for (auto& item : v.items()) Relocate(item, loc);
  for (auto& m : v.members()) {
    m.key_loc = loc;
    Relocate(m.value, loc);
  }
}

}  // namespace

Result<ParsedDocument> ParseJson(std::string_view text, FileId file, const ParseLimits& limits) {
  text = StripUtf8Bom(text);
  if (auto bad = FindInvalidUtf8(text)) {
    return Error{"invalid UTF-8 byte sequence", LineIndex(text, file).At(*bad)};
  }
  return JsonParser(text, file, limits).Run();
}

Result<Value> ParseEmbeddedJson(const Value& string_value, const ParseLimits& limits) {
  auto doc = ParseJson(string_value.str(), string_value.loc().file, limits);
  if (!doc.ok()) {
    Error e = doc.error();
    // Report the place inside the string relative to the string's own line.
    e.message += " (at " + std::to_string(e.where.line) + ":" + std::to_string(e.where.column) +
                 " of the embedded JSON)";
    e.where = string_value.loc();
    return e;
  }
  Value v = std::move(doc->root);
  Relocate(v, string_value.loc());
  return v;
}

}  // namespace iaclint
