// A fast, strict reader of JSON events, for big inputs read once (Terraform plans of 100 MB).
//
// nlohmann's SAX parser reads through an input adapter one character at a time and builds
// every string one push_back at a time: about 120 MB/s here. This reader scans the text in
// memory, copies string runs whole, and reports the same events to the same handlers, so a
// handler written for nlohmann::json::sax_parse works with both.
//
// It accepts exactly what nlohmann accepts (RFC 8259, UTF-8 checked in strings, a leading
// UTF-8 BOM skipped, numbers that overflow a double refused, anything after a NUL byte that
// follows the value ignored) and reports nothing about what it
// refuses: a caller that needs the error message reads the same text again with nlohmann.
#ifndef IACLINT_PARSE_JSON_EVENTS_H_
#define IACLINT_PARSE_JSON_EVENTS_H_

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"

namespace iaclint {

namespace json_events_internal {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the valid UTF-8 sequence (of 2 to 4 bytes) at p, or 0 (RFC 3629's table, as
// nlohmann checks it).
inline size_t Utf8Sequence(const char* p, const char* end) {
  auto byte = [&](size_t i) -> int { return p + i < end ? static_cast<unsigned char>(p[i]) : -1; };
  auto in = [&](size_t i, int lo, int hi) {
    const int b = byte(i);
    return b >= lo && b <= hi;
  };
  const int c = byte(0);
  if (c >= 0xC2 && c <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
  if (c == 0xE0) return in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
    return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xED) return in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xF0) return in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3)
    return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  if (c == 0xF4) return in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  return 0;
}

// Whether any of the eight bytes in `word` ends or escapes a string's plain run: a quote, a
// backslash, a control character, or a byte of a multi-byte UTF-8 sequence. The tests for a
// zero byte and for a byte below 0x20 are the classic SWAR ones: exact as "any" tests for
// bytes below 0x80, and any byte from 0x80 up answers yes anyway.
inline bool EndsPlainRun(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const uint64_t control = (word - kOnes * 0x20) & ~word & kHigh;
  return ((word & kHigh) | control | has_zero(word ^ (kOnes * '"')) |
          has_zero(word ^ (kOnes * '\\'))) != 0;
}

template <typename Handler>
class Reader {
 public:
  Reader(std::string_view text, Handler& handler, const char** position)
      : p_(text.data()), end_(text.data() + text.size()), h_(handler), position_(position) {}

  bool Run() {
    if (end_ - p_ >= 1 && static_cast<unsigned char>(*p_) == 0xEF) {
      if (end_ - p_ < 3 || static_cast<unsigned char>(p_[1]) != 0xBB ||
          static_cast<unsigned char>(p_[2]) != 0xBF)
        return false;
      p_ += 3;
    }
    for (;;) {
      bool opened = false;
      if (!ReadValue(&opened)) return false;
      if (opened) continue;  // the first value of a container (or its key) comes next
      if (!AfterValue()) return false;
      if (done_) return true;
    }
  }

 private:
  enum : uint8_t { kArray, kObject };

  void Publish(const char* at) { *position_ = at; }

  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  // Reads a value; sets *opened when it opened a non-empty container (whose first key, for an
  // object, is read too).
  bool ReadValue(bool* opened) {
    SkipSpace();
    if (p_ == end_) return false;
    switch (*p_) {
      case '{':
        Publish(++p_);
        if (!h_.start_object(static_cast<size_t>(-1))) return false;
        SkipSpace();
        if (p_ < end_ && *p_ == '}') {
          Publish(++p_);
          return h_.end_object();
        }
        stack_.push_back(kObject);
        *opened = true;
        return ReadKey();
      case '[':
        Publish(++p_);
        if (!h_.start_array(static_cast<size_t>(-1))) return false;
        SkipSpace();
        if (p_ < end_ && *p_ == ']') {
          Publish(++p_);
          return h_.end_array();
        }
        stack_.push_back(kArray);
        *opened = true;
        return true;
      case '"':
        if (!ReadString()) return false;
        Publish(p_);
        return h_.string(buf_);
      case 't':
        return Literal("true") && h_.boolean(true);
      case 'f':
        return Literal("false") && h_.boolean(false);
      case 'n':
        return Literal("null") && h_.null();
      default:
        return ReadNumber();
    }
  }

  // After a complete value: a separator (and the next key), or the ends of containers.
  bool AfterValue() {
    for (;;) {
      SkipSpace();
      if (stack_.empty()) {
        // nlohmann ends its input at a NUL byte (for C strings): what follows is not read.
        done_ = true;
        return p_ == end_ || *p_ == '\0';
      }
      if (p_ == end_) return false;
      const bool object = stack_.back() == kObject;
      if (*p_ == ',') {
        ++p_;
        return object ? ReadKey() : true;
      }
      if (*p_ != (object ? '}' : ']')) return false;
      Publish(++p_);
      stack_.pop_back();
      if (!(object ? h_.end_object() : h_.end_array())) return false;
    }
  }

  bool ReadKey() {
    SkipSpace();
    if (p_ == end_ || *p_ != '"' || !ReadString()) return false;
    Publish(p_);
    if (!h_.key(buf_)) return false;
    SkipSpace();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    return true;
  }

  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0)
      return false;
    p_ += word.size();
    Publish(p_);
    return true;
  }

  // p_ is at the opening quote; the decoded string goes to buf_.
  bool ReadString() {
    buf_.clear();
    const char* run = ++p_;
    for (;;) {
      // Plain ASCII eight bytes at a time: most of a plan's text is in strings.
      for (uint64_t word; end_ - p_ >= 8 && (std::memcpy(&word, p_, 8), !EndsPlainRun(word));) {
        p_ += 8;
      }
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        buf_.append(run, p_);
        ++p_;
        return true;
      }
      if (c == '\\') {
        buf_.append(run, p_);
        ++p_;
        if (!Escape()) return false;
        run = p_;
      } else if (c < 0x20) {
        return false;
      } else if (c < 0x80) {
        ++p_;
      } else {
        const size_t n = Utf8Sequence(p_, end_);
        if (n == 0) return false;
        p_ += n;
      }
    }
  }

  bool Hex4(uint32_t* out) {
    if (end_ - p_ < 4) return false;
    const std::optional<uint32_t> v = ParseHex(std::string_view(p_, 4));
    if (!v) return false;
    *out = *v;
    p_ += 4;
    return true;
  }

  // p_ is after the backslash.
  bool Escape() {
    if (p_ == end_) return false;
    const char c = *p_++;
    if (const std::optional<char> plain = JsonShortEscape(c)) {
      buf_ += *plain;
      return true;
    }
    if (c != 'u') return false;
    uint32_t cp = 0;
    if (!Hex4(&cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(buf_, cp);
    return true;
  }

  bool Digits() {
    if (p_ == end_ || !IsDigit(*p_)) return false;
    while (p_ < end_ && IsDigit(*p_)) ++p_;
    return true;
  }

  bool ReadNumber() {
    const char* start = p_;
    if (*p_ == '-') ++p_;
    if (p_ == end_) return false;
    if (*p_ == '0') {
      ++p_;
    } else if (!Digits()) {
      return false;
    }
    bool integer = true;
    if (p_ < end_ && *p_ == '.') {
      integer = false;
      ++p_;
      if (!Digits()) return false;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      integer = false;
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!Digits()) return false;
    }
    // nlohmann has read one character past the number when it reports it.
    Publish(p_ < end_ ? p_ + 1 : p_);
    buf_.assign(start, p_);
    if (integer) {
      if (*start == '-') {
        int64_t v = 0;
        auto r = std::from_chars(start, p_, v);
        if (r.ec == std::errc() && r.ptr == p_) return h_.number_integer(v);
      } else {
        uint64_t v = 0;
        auto r = std::from_chars(start, p_, v);
        if (r.ec == std::errc() && r.ptr == p_) return h_.number_unsigned(v);
      }
    }
    // A fraction, an exponent, or an integer too big for 64 bits.
    const double v = std::strtod(buf_.c_str(), nullptr);
    if (!std::isfinite(v)) return false;
    return h_.number_float(v, buf_);
  }

  const char* p_;
  const char* end_;
  Handler& h_;
  const char** position_;
  std::vector<uint8_t> stack_;
  std::string buf_;
  bool done_ = false;
};

}  // namespace json_events_internal

/// A char iterator that publishes how far nlohmann's parser has read through it, so that a SAX
/// handler can turn events into positions (nlohmann reports none); `*position` then moves as
/// ReadJsonEvents moves it.
class PublishingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  PublishingIterator(const char* p, const char** position) : p_(p), position_(position) {}
  reference operator*() const { return *p_; }
  PublishingIterator& operator++() {
    *position_ = ++p_;
    return *this;
  }
  PublishingIterator operator++(int) {
    PublishingIterator old = *this;
    ++*this;
    return old;
  }
  friend bool operator==(const PublishingIterator& a, const PublishingIterator& b) {
    return a.p_ == b.p_;
  }
  friend bool operator!=(const PublishingIterator& a, const PublishingIterator& b) {
    return a.p_ != b.p_;
  }

 private:
  const char* p_;
  const char** position_;
};

/// Reads the JSON value that is all of `text` (whitespace around it allowed) and reports it
/// to `handler` with nlohmann's SAX interface: null, boolean, number_integer,
/// number_unsigned, number_float, string, start_object, key, end_object, start_array and
/// end_array (parse_error is never called). Before each event `*position` is set where
/// nlohmann's parser would be: after the event's token, and one character further after a
/// number. Returns false for invalid JSON or when the handler returned false.
template <typename Handler>
bool ReadJsonEvents(std::string_view text, Handler& handler, const char** position) {
  json_events_internal::Reader<Handler> reader(text, handler, position);
  return reader.Run();
}

}  // namespace iaclint

#endif  // IACLINT_PARSE_JSON_EVENTS_H_
