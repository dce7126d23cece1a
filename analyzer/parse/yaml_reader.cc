#include "parse/yaml_reader.h"

#include <yaml.h>

#include <unordered_map>
#include <unordered_set>

#include "base/text.h"

namespace iaclint {

namespace {

bool AllOf(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

bool IsDec(char c) { return c >= '0' && c <= '9'; }
bool IsOct(char c) { return c >= '0' && c <= '7'; }
bool IsHex(char c) { return IsDec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// YAML 1.2 core schema numbers: 12, -3, 0o17, 0x1F, 1.5, .5, 1e3, .inf, .nan.
bool IsYamlNumber(std::string_view s) {
  if (s.substr(0, 2) == "0o") return AllOf(s.substr(2), IsOct);
  if (s.substr(0, 2) == "0x") return AllOf(s.substr(2), IsHex);
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s == ".inf" || s == ".Inf" || s == ".INF") return true;
  size_t i = 0;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && IsDec(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDec(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t exp_begin = i;
    while (i < s.size() && IsDec(s[i])) ++i;
    if (i == exp_begin) return false;
  }
  return i == s.size();
}

bool IsNullText(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Types a plain scalar as the YAML 1.2 core schema does.
Value TypePlainScalar(const std::string& s) {
  if (IsNullText(s)) return Value::Null();
  if (s == "true" || s == "True" || s == "TRUE") return Value::Bool(true);
  if (s == "false" || s == "False" || s == "FALSE") return Value::Bool(false);
  const char c = s[0];
  if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
    if (IsYamlNumber(s)) return Value::Number(s);
  }
  return Value::String(s);
}

constexpr std::string_view kStdTag = "tag:yaml.org,2002:";

// A scalar with an explicit standard tag (!!str, !!int, ...) is typed by the tag.
Value TypeTaggedScalar(std::string_view std_type, const std::string& s) {
  if (std_type == "null") return Value::Null();
  if (std_type == "bool") {
    if (auto b = Value::String(s).AsBool()) return Value::Bool(*b);
  }
  if ((std_type == "int" || std_type == "float") && IsYamlNumber(s)) return Value::Number(s);
  Value v = Value::String(s);
  v.set(Value::kQuoted);
  return v;
}

// libyaml positions count characters; the value tree's locations need byte offsets (columns
// are then counted in UTF-16 units by LineIndex). Events arrive in text order, so a cursor
// that walks forward converts every position in linear total time.
class CharCursor {
 public:
  explicit CharCursor(std::string_view text) : text_(text) {}

  size_t ByteOffset(size_t char_index) {
    if (char_index < chars_) chars_ = bytes_ = 0;
    while (chars_ < char_index && bytes_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[bytes_]);
      bytes_ += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      ++chars_;
    }
    return std::min(bytes_, text_.size());
  }

 private:
  std::string_view text_;
  size_t chars_ = 0;
  size_t bytes_ = 0;
};

std::string Text(const yaml_char_t* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

class Builder {
 public:
  Builder(std::string_view text, FileId file, const ParseLimits& limits)
      : text_(text), lines_(text, file), cursor_(text), limits_(limits) {}

  // Feeds one event; false once the document is complete or an error stopped it.
  bool Handle(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        OnScalar(e);
        break;
      case YAML_ALIAS_EVENT:
        OnAlias(e);
        break;
      case YAML_SEQUENCE_START_EVENT:
        Open(Value::List(At(e.start_mark)), Text(e.data.sequence_start.tag),
             Text(e.data.sequence_start.anchor), e.start_mark);
        break;
      case YAML_MAPPING_START_EVENT:
        Open(Value::Map(At(e.start_mark)), Text(e.data.mapping_start.tag),
             Text(e.data.mapping_start.anchor), e.start_mark);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        Close();
        break;
      default:
        break;
    }
    return !stopped_;
  }

  std::string TooManyValues() const {
    return "more than " + std::to_string(limits_.max_nodes) + " values (" +
           LimitHint("max_nodes") + ")";
  }

  void Stop(std::string message, const yaml_mark_t& mark) {
    if (stopped_) return;
    stopped_ = true;
    error_ = Error{std::move(message), At(mark)};
  }

  Location At(const yaml_mark_t& mark) { return positions_.At(cursor_.ByteOffset(mark.index)); }

  bool stopped() const { return stopped_; }
  const Error& error() const { return error_; }
  bool done() const { return done_; }
  Value TakeRoot() { return std::move(root_); }
  std::vector<Error> TakeWarnings() { return std::move(warnings_); }
  Location Start() const { return lines_.At(0); }

 private:
  struct Frame {
    Value value;
    std::string anchor;
    bool have_key = false;
    bool key_is_merge = false;
    std::string key;
    Location key_loc;
    /// Keys written in this map, once it is indexed (see WrittenBefore).
    std::unordered_set<std::string> explicit_keys;
    std::unordered_set<std::string> merged_keys;  ///< copied in by `<<` merge keys
    bool indexed = false;
  };

  // Most maps are small: searching their members costs less than hashing every key into a
  // set. A map gets its set of written keys when it grows or takes a merge key (after which
  // its members are not all written keys).
  static constexpr size_t kSmallMap = 16;

  static void IndexKeys(Frame& f) {
    if (f.indexed) return;
    for (const auto& m : f.value.members()) f.explicit_keys.insert(m.key);
    f.indexed = true;
  }

  // Whether `key` was written before in this map; records it as written.
  static bool WrittenBefore(Frame& f, const std::string& key) {
    if (!f.indexed && f.value.members().size() < kSmallMap) {
      for (const auto& m : f.value.members()) {
        if (m.key == key) return true;
      }
      return false;
    }
    IndexKeys(f);
    return !f.explicit_keys.insert(key).second;
  }

  void OnScalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    const std::string value(reinterpret_cast<const char*>(s.value), s.length);
    const std::string tag = Text(s.tag);
    Value v;
    if (tag.empty()) {
      if (s.style == YAML_PLAIN_SCALAR_STYLE) {
        v = TypePlainScalar(value);
      } else {
        v = Value::String(value);
        v.set(Value::kQuoted);  // quoted and block scalars are never coerced
      }
    } else if (tag == "!") {
      v = Value::String(value);
      v.set(Value::kQuoted);
    } else if (tag.rfind(kStdTag, 0) == 0) {
      v = TypeTaggedScalar(std::string_view(tag).substr(kStdTag.size()), value);
    } else {
      v = Value::String(value);
      v.set_tag(tag);
    }
    v.set_loc(ScalarSpan(e));
    Emit(std::move(v), Text(s.anchor), s.style == YAML_PLAIN_SCALAR_STYLE);
  }

  void OnAlias(const yaml_event_t& e) {
    const std::string anchor = Text(e.data.alias.anchor);
    if (open_anchors_.count(anchor)) {
      Stop("an alias refers to the node that contains it (recursive alias)", e.start_mark);
      return;
    }
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      Stop("alias *" + anchor + " refers to an anchor that is not defined before it",
           e.start_mark);
      return;
    }
    const size_t copied = CountNodes(it->second, limits_.max_alias_nodes + 1);
    alias_nodes_ += copied;
    nodes_ += copied;
    if (alias_nodes_ > limits_.max_alias_nodes) {
      Stop("aliases expand to more than " + std::to_string(limits_.max_alias_nodes) +
               " values, an alias bomb? (" + LimitHint("max_alias_nodes") + ")",
           e.start_mark);
      return;
    }
    if (nodes_ > limits_.max_nodes) {
      Stop(TooManyValues(), e.start_mark);
      return;
    }
    Value copy = it->second;
    Emit(std::move(copy), "", /*plain=*/false, /*counted=*/true);
  }

  // The value's place: from its tag, if any (`!Ref X` is one expression, as `{"Ref": "X"}` is
  // in JSON), to its end when the scalar is on one line.
  Location ScalarSpan(const yaml_event_t& e) {
    size_t begin = cursor_.ByteOffset(e.start_mark.index);
    const size_t end = cursor_.ByteOffset(e.end_mark.index);
    if (begin < end && text_[begin] == '&') {  // an anchor is not part of the value
      while (begin < end && text_[begin] != ' ' && text_[begin] != '\t') ++begin;
      while (begin < end && (text_[begin] == ' ' || text_[begin] == '\t')) ++begin;
    }
    Location loc = positions_.At(begin);
    const Location last = positions_.At(end);
    if (last.line == loc.line && last.column >= loc.column) loc.end_column = last.column;
    return loc;
  }

  void Open(Value v, const std::string& tag, const std::string& anchor, const yaml_mark_t& mark) {
    if (stopped_) return;
    if (++nodes_ > limits_.max_nodes) {
      Stop(TooManyValues(), mark);
      return;
    }
    if (stack_.size() >= limits_.max_depth) {
      Stop("nesting deeper than " + std::to_string(limits_.max_depth) + " levels (" +
               LimitHint("max_depth") + ")",
           mark);
      return;
    }
    if (!stack_.empty() && IsKeyPosition()) {
      Stop(std::string("a mapping key must be a scalar, not a ") +
               (v.is(Value::Kind::kMap) ? "mapping" : "sequence"),
           mark);
      return;
    }
    if (!tag.empty() && tag != "!" && tag.rfind(kStdTag, 0) != 0) v.set_tag(tag);
    if (!anchor.empty()) open_anchors_.insert(anchor);
    Frame frame;
    frame.value = std::move(v);
    frame.anchor = anchor;
    stack_.push_back(std::move(frame));
  }

  bool IsKeyPosition() const {
    const Frame& top = stack_.back();
    return top.value.is(Value::Kind::kMap) && !top.have_key;
  }

  void Close() {
    if (stopped_ || stack_.empty()) return;
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (!frame.anchor.empty()) open_anchors_.erase(frame.anchor);
    Emit(std::move(frame.value), frame.anchor, /*plain=*/false, /*counted=*/true);
  }

  void Emit(Value v, const std::string& anchor, bool plain, bool counted = false) {
    if (stopped_) return;
    if (!counted && ++nodes_ > limits_.max_nodes) {
      stopped_ = true;
      error_ = Error{TooManyValues(), v.loc()};
      return;
    }
    if (!anchor.empty()) anchors_[anchor] = v;
    if (stack_.empty()) {
      if (!done_) root_ = std::move(v);
      done_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.value.is(Value::Kind::kList)) {
      top.value.Add(std::move(v));
      return;
    }
    if (!top.have_key) {
      AcceptKey(top, v, plain);
      return;
    }
    top.have_key = false;
    if (top.key == "<<" && top.key_is_merge) {
      MergeInto(top, v);
      return;
    }
    if (WrittenBefore(top, top.key)) {
      warnings_.push_back(Error{"duplicate key '" + top.key + "' (the last one is used)",
                                top.key_loc});
    } else if (top.merged_keys.count(top.key)) {
      ReplaceMerged(top, std::move(v));
      return;
    }
    top.value.Set(std::move(top.key), std::move(v), top.key_loc);
  }

  // Keys are scalars; a null key has no name CloudFormation (or any JSON model) could use.
  void AcceptKey(Frame& top, const Value& key, bool plain) {
    if (key.IsNull() || !key.IsScalar()) {
      stopped_ = true;
      error_ = Error{key.IsNull() ? "a mapping key must not be null"
                                  : "a mapping key must be a scalar",
                     key.loc()};
      return;
    }
    if (!key.tag().empty()) {
      // `!ImportValue Fn::Sub: x` in a flow sequence makes the tagged scalar a key; a template
      // key cannot be a function call (cfn-lint: "Unhashable type").
      stopped_ = true;
      error_ = Error{"a mapping key cannot carry a tag (" + key.tag() + " " + key.str() +
                         "); is a ':' missing a space or quotes?",
                     key.loc()};
      return;
    }
    top.have_key = true;
    top.key_loc = key.loc();
    top.key = *key.AsText();
    // Only a plain `<<` is the merge key; a quoted "<<" is an ordinary key.
    top.key_is_merge = plain && top.key == "<<";
  }

  // YAML merge keys (`<<: *defaults` or `<<: [*a, *b]`): keys written in the map win, and
  // among merged maps the first one wins.
  void MergeInto(Frame& frame, const Value& source) {
    if (source.is(Value::Kind::kList)) {
      for (const Value& item : source.items()) MergeInto(frame, item);
      return;
    }
    if (!source.is(Value::Kind::kMap)) {
      stopped_ = true;
      error_ = Error{"a merge key (<<) needs a mapping or a list of mappings", source.loc()};
      return;
    }
    IndexKeys(frame);
    for (const auto& m : source.members()) {
      if (frame.explicit_keys.count(m.key) || !frame.merged_keys.insert(m.key).second) continue;
      frame.value.Set(m.key, m.value, m.key_loc);
    }
  }

  // A key written after a merge that already supplied it: the written value replaces it.
  static void ReplaceMerged(Frame& frame, Value v) {
    for (auto& m : frame.value.members()) {
      if (m.key == frame.key) {
        m.value = std::move(v);
        m.key_loc = frame.key_loc;
        return;
      }
    }
  }

  // Counts the values of a subtree, stopping early once `cap` is reached.
  static size_t CountNodes(const Value& v, size_t cap) {
    size_t n = 1;
    for (const auto& item : v.items()) {
      if (n >= cap) return n;
      n += CountNodes(item, cap - n);
    }
    for (const auto& m : v.members()) {
      if (n >= cap) return n;
      n += CountNodes(m.value, cap - n);
    }
    return n;
  }

  std::string_view text_;
  LineIndex lines_;
  LineIndex::Cursor positions_{lines_};  // events come in text order
  CharCursor cursor_;
  const ParseLimits& limits_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, Value> anchors_;
  std::unordered_set<std::string> open_anchors_;
  Value root_;
  bool done_ = false;
  bool stopped_ = false;
  size_t nodes_ = 0;
  size_t alias_nodes_ = 0;
  Error error_;
  std::vector<Error> warnings_;
};

// Owns a libyaml parser and its current event.
class Parser {
 public:
  explicit Parser(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() {
    if (have_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // The next event, or nullptr on a syntax error.
  const yaml_event_t* Next() {
    if (have_event_) yaml_event_delete(&event_);
    have_event_ = yaml_parser_parse(&parser_, &event_) != 0;
    return have_event_ ? &event_ : nullptr;
  }

  // libyaml's message: the problem, and the construct it was reading with where it began.
  std::string Problem() const {
    std::string msg = parser_.problem ? parser_.problem : "invalid YAML";
    if (parser_.context) {
      msg += std::string(" (") + parser_.context + " that starts at line " +
             std::to_string(parser_.context_mark.line + 1) + ")";
    }
    return msg;
  }
  const yaml_mark_t& ProblemMark() const { return parser_.problem_mark; }

 private:
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool have_event_ = false;
};

}  // namespace

Result<ParsedDocument> ParseYaml(std::string_view text, FileId file, const ParseLimits& limits) {
  text = StripUtf8Bom(text);
  if (text.size() > limits.max_yaml_bytes) {
    return Error{"the YAML file is " + std::to_string(text.size()) +
                     " bytes, larger than the limit of " + std::to_string(limits.max_yaml_bytes) +
                     " bytes for YAML (" + LimitHint("max_yaml_size") + "); not analysed",
                 Location{file, 1, 1, 1, 1}};
  }
  if (auto bad = FindInvalidUtf8(text)) {
    return Error{"invalid UTF-8 byte sequence", LineIndex(text, file).At(*bad)};
  }
  Builder builder(text, file, limits);
  Parser parser(text);
  int documents = 0;
  while (true) {
    const yaml_event_t* e = parser.Next();
    if (!e) {
      builder.Stop(parser.Problem(), parser.ProblemMark());
      return builder.error();
    }
    if (e->type == YAML_STREAM_END_EVENT) break;
    if (e->type == YAML_DOCUMENT_START_EVENT && ++documents > 1) {
      // CloudFormation, cfn-lint and the configuration loaders read exactly one document.
      builder.Stop("expected a single document, but found another document", e->start_mark);
      return builder.error();
    }
    if (!builder.Handle(*e)) return builder.error();
  }
  ParsedDocument doc;
  doc.root = builder.done() ? builder.TakeRoot() : Value::Null(builder.Start());
  doc.warnings = builder.TakeWarnings();
  return doc;
}

}  // namespace iaclint
