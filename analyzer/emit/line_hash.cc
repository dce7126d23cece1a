#include "emit/line_hash.h"

#include <array>
#include <cstdint>
#include <unordered_map>

namespace iaclint {

namespace {

constexpr size_t kBlock = 100;
constexpr uint64_t kMod = 37;
constexpr uint32_t kEof = 0xFFFF;

// Decodes UTF-8 into UTF-16 code units; invalid bytes become U+FFFD as in Node.js.
template <typename Sink>
void ForEachUtf16(std::string_view s, Sink sink) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0xFFFD;
    size_t len = 1;
    auto cont = [&](size_t k) {
      return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    };
    if (c < 0x80) {
      cp = c;
    } else if (c >= 0xC2 && c <= 0xDF && cont(1)) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      len = 3;
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    } else if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
      cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      len = 4;
      if (cp < 0x10000 || cp > 0x10FFFF) cp = 0xFFFD;
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      sink(0xD800 + (cp >> 10));
      sink(0xDC00 + (cp & 0x3FF));
    } else {
      sink(cp);
    }
  }
}

class RollingHasher {
 public:
  explicit RollingHasher(std::vector<LineHash>& out) : out_(out) {
    first_mod_ = 1;
    for (size_t i = 0; i < kBlock; ++i) first_mod_ *= kMod;  // 37^100 mod 2^64
    line_of_.fill(-1);
  }

  void Process(uint32_t c) {
    if (c == ' ' || c == '\t' || (prev_cr_ && c == '\n')) {
      prev_cr_ = false;
      return;
    }
    if (c == '\r') {
      c = '\n';
      prev_cr_ = true;
    } else {
      prev_cr_ = false;
    }
    if (line_of_[index_] != -1) Output();
    if (line_start_) {
      line_start_ = false;
      line_of_[index_] = line_++;
    }
    if (c == '\n') line_start_ = true;
    Update(c);
  }

  void Finish() {
    Process(kEof);
    for (size_t i = 0; i < kBlock; ++i) {
      if (line_of_[index_] != -1) Output();
      Update(0);
    }
  }

 private:
  void Update(uint32_t c) {
    const uint64_t begin = window_[index_];
    window_[index_] = c;
    hash_ = kMod * hash_ + c - first_mod_ * begin;
    index_ = (index_ + 1) % kBlock;
  }

  void Output() {
    const uint32_t n = ++counts_[hash_];
    const auto line = static_cast<size_t>(line_of_[index_]);
    if (out_.size() <= line) out_.resize(line + 1);
    out_[line] = LineHash{hash_, n};
    line_of_[index_] = -1;
  }

  std::vector<LineHash>& out_;
  std::array<uint64_t, kBlock> window_{};
  std::array<long, kBlock> line_of_{};
  uint64_t hash_ = 0;
  uint64_t first_mod_ = 1;
  size_t index_ = 0;
  long line_ = 0;
  bool line_start_ = true;
  bool prev_cr_ = false;
  std::unordered_map<uint64_t, uint32_t> counts_;
};

}  // namespace

std::vector<LineHash> GithubLineHashValues(std::string_view text) {
  std::vector<LineHash> out;
  RollingHasher hasher(out);
  ForEachUtf16(text, [&](uint32_t c) { hasher.Process(c); });
  hasher.Finish();
  return out;
}

std::string FormatLineHash(const LineHash& h) {
  if (h.occurrence == 0) return "";
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  uint64_t v = h.hash;
  do {
    hex.insert(hex.begin(), kHex[v & 15]);
    v >>= 4;
  } while (v);
  return hex + ":" + std::to_string(h.occurrence);
}

std::vector<std::string> GithubLineHashes(std::string_view text) {
  std::vector<std::string> out;
  for (const LineHash& h : GithubLineHashValues(text)) out.push_back(FormatLineHash(h));
  return out;
}

}  // namespace iaclint
