#include "parse/yaml_reader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <sstream>
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

// Types a plain scalar as the YAML 1.2 core schema does.
Value TypePlainScalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Value::Null();
  if (s == "true" || s == "True" || s == "TRUE") return Value::Bool(true);
  if (s == "false" || s == "False" || s == "FALSE") return Value::Bool(false);
  const char c = s[0];
  if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
    if (IsYamlNumber(s)) return Value::Number(s);
  }
  return Value::String(s);
}

// Thrown by the builder to stop yaml-cpp once a limit is hit (caught in ParseYaml).
struct Abandon {};

class Builder : public YAML::EventHandler {
 public:
  Builder(std::string_view text, FileId file, const ParseLimits& limits)
      : text_(text), lines_(text, file), limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Emit(Value::Null(At(mark)), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (open_anchors_.count(anchor)) {
      Stop("an alias refers to the node that contains it (recursive alias)", mark);
      return;
    }
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      Stop("alias to an anchor that is not defined yet", mark);
      return;
    }
    const size_t copied = CountNodes(it->second, limits_.max_alias_nodes + 1);
    alias_nodes_ += copied;
    nodes_ += copied;
    if (alias_nodes_ > limits_.max_alias_nodes) {
      Stop("aliases expand to more than " + std::to_string(limits_.max_alias_nodes) +
               " values, an alias bomb? (" + LimitHint("max_alias_nodes") + ")",
           mark);
      return;
    }
    if (nodes_ > limits_.max_nodes) {
      Stop(TooManyValues(), mark);
      return;
    }
    Value copy = it->second;
    Emit(std::move(copy), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Value v;
    if (tag == "?") {
      v = TypePlainScalar(value);
    } else {
      v = Value::String(value);
      if (tag == "!" || tag == "tag:yaml.org,2002:str") {
        v.set(Value::kQuoted);
      } else {
        v.set_tag(tag);
      }
    }
    v.set_loc(ScalarSpan(mark, value, tag));
    Emit(std::move(v), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(Value::List(At(mark)), tag, anchor, mark);
  }
  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(Value::Map(At(mark)), tag, anchor, mark);
  }
  void OnMapEnd() override { Close(); }

  bool stopped() const { return stopped_; }
  const Error& error() const { return error_; }
  bool done() const { return done_; }
  Value TakeRoot() { return std::move(root_); }
  std::vector<Error> TakeWarnings() { return std::move(warnings_); }
  const LineIndex& lines() const { return lines_; }

 private:
  struct Frame {
    Value value;
    YAML::anchor_t anchor = 0;
    bool have_key = false;
    std::string key;
    Location key_loc;
    std::unordered_set<std::string> keys;
  };

  Location At(const YAML::Mark& mark) const {
    if (mark.pos < 0) return Location{lines_.At(0).file, 1, 1, 1, 1};
    return lines_.At(static_cast<size_t>(mark.pos));
  }

  // yaml-cpp only marks where a scalar starts; the end is derived from its text when it is
  // on one line (plain or quoted), which is what findings on scalars need.
  Location ScalarSpan(const YAML::Mark& mark, const std::string& value, const std::string& tag) {
    Location loc = At(mark);
    if (mark.pos < 0 || value.find('\n') != std::string::npos) return loc;
    size_t begin = static_cast<size_t>(mark.pos);
    if (tag != "?" && tag != "!" && begin < text_.size() && text_[begin] == '!') {
      while (begin < text_.size() && text_[begin] != ' ' && text_[begin] != '\n') ++begin;
      while (begin < text_.size() && text_[begin] == ' ') ++begin;
    }
    if (begin >= text_.size()) return loc;
    const char q = text_[begin];
    size_t end = begin;
    if (q == '"' || q == '\'') {
      end = text_.find(q, begin + 1);
      while (q == '"' && end != std::string_view::npos && text_[end - 1] == '\\') {
        end = text_.find(q, end + 1);
      }
      end = (end == std::string_view::npos) ? begin : end + 1;
    } else if (text_.substr(begin, value.size()) == value) {
      end = begin + value.size();
    }
    const Location last = lines_.At(end);
    if (last.line == loc.line) loc.end_column = last.column;
    return loc;
  }

  // Records the first error and abandons the parse: yaml-cpp would otherwise go on scanning
  // (and copying) the rest of a hostile document only for its events to be ignored.
  void Stop(std::string message, const YAML::Mark& mark) { StopAt(std::move(message), At(mark)); }
  void StopAt(std::string message, const Location& where) {
    if (!stopped_) {
      stopped_ = true;
      error_ = Error{std::move(message), where};
    }
    throw Abandon{};
  }

  std::string TooManyValues() const {
    return "more than " + std::to_string(limits_.max_nodes) + " values (" +
           LimitHint("max_nodes") + ")";
  }

  void Open(Value v, const std::string& tag, YAML::anchor_t anchor, const YAML::Mark& mark) {
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
    if (tag != "?" && tag != "!" && !tag.empty() && tag.rfind("tag:yaml.org,2002:", 0) != 0) {
      v.set_tag(tag);
    }
    if (anchor) open_anchors_.insert(anchor);
    stack_.push_back(Frame{std::move(v), anchor, false, {}, {}, {}});
  }

  void Close() {
    if (stopped_ || stack_.empty()) return;
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (frame.anchor) open_anchors_.erase(frame.anchor);
    Emit(std::move(frame.value), frame.anchor, /*counted=*/true);
  }

  void Emit(Value v, YAML::anchor_t anchor, bool counted = false) {
    if (stopped_) return;
    if (!counted && ++nodes_ > limits_.max_nodes) {
      StopAt(TooManyValues(), v.loc());
      return;
    }
    if (anchor) anchors_[anchor] = v;
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
      top.have_key = true;
      top.key_loc = v.loc();
      auto text = v.AsText();
      top.key = text ? *text : v.Render();
      return;
    }
    top.have_key = false;
    if (top.key == "<<" && v.is(Value::Kind::kMap)) {
      MergeInto(top, v);
      return;
    }
    if (!top.keys.insert(top.key).second) {
      warnings_.push_back(Error{"duplicate key '" + top.key + "' (the last one is used)",
                                top.key_loc});
    }
    top.value.Set(std::move(top.key), std::move(v), top.key_loc);
  }

  // YAML merge keys (`<<: *defaults`): explicit keys of the map win.
  static void MergeInto(Frame& frame, const Value& source) {
    for (const auto& m : source.members()) {
      if (frame.keys.count(m.key)) continue;
      frame.keys.insert(m.key);
      frame.value.Set(m.key, m.value, m.key_loc);
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
  const ParseLimits& limits_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, Value> anchors_;
  std::unordered_set<YAML::anchor_t> open_anchors_;
  Value root_;
  bool done_ = false;
  bool stopped_ = false;
  size_t nodes_ = 0;
  size_t alias_nodes_ = 0;
  Error error_;
  std::vector<Error> warnings_;
};

std::string Describe(const YAML::Exception& e) {
  std::string msg = e.msg;
  if (msg.empty()) msg = "invalid YAML";
  return msg;
}

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
  // yaml-cpp reads from a stream; the copy is the price of its API. YAML 1.2 ends lines at a
  // lone CR too, which yaml-cpp does not know: it gets LF instead, at the same offsets.
  std::string copy(text);
  for (size_t i = 0; i < copy.size(); ++i) {
    if (copy[i] == '\r' && (i + 1 == copy.size() || copy[i + 1] != '\n')) copy[i] = '\n';
  }
  std::istringstream in{std::move(copy)};
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
  } catch (const Abandon&) {
    return builder.error();
  } catch (const YAML::DeepRecursion& e) {
    Location where = builder.lines().At(e.mark.pos < 0 ? 0 : static_cast<size_t>(e.mark.pos));
    return Error{"nesting deeper than yaml-cpp's limit of 2000 levels", where};
  } catch (const YAML::Exception& e) {
    Location where;
    if (e.mark.pos >= 0) {
      where = builder.lines().At(static_cast<size_t>(e.mark.pos));
    } else {
      where = builder.lines().At(0);
    }
    return Error{Describe(e), where};
  } catch (const std::exception& e) {
    return Error{std::string("YAML parser failure: ") + e.what(), builder.lines().At(0)};
  }
  if (builder.stopped()) return builder.error();
  ParsedDocument doc;
  doc.root = builder.done() ? builder.TakeRoot() : Value::Null(builder.lines().At(0));
  doc.warnings = builder.TakeWarnings();
  return doc;
}

}  // namespace iaclint
