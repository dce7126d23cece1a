#include "terraform/ts_arena.h"

#include <tree_sitter/api.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

namespace iaclint {

namespace {

constexpr size_t kBlockBytes = 32u << 20;
constexpr size_t kHeader = 16;  // holds the size, keeps 16-byte alignment
constexpr size_t kRetainBytes = 64u << 20;

struct Block {
  char* data;
  size_t size;
  size_t used;
};

struct Arena {
  std::vector<Block> blocks;  ///< filled in order; blocks[current] takes small requests
  size_t current = 0;

  void* Alloc(size_t n) {
    const size_t need = ((n + 15) & ~size_t{15}) + kHeader;
    char* p = nullptr;
    if (need > kBlockBytes / 4) {  // a big one-off request gets a block of its own
      p = static_cast<char*>(std::malloc(need));
      if (p == nullptr) return nullptr;
      blocks.push_back(Block{p, need, need});
    } else {
      while (current < blocks.size() && (blocks[current].size != kBlockBytes ||
                                         blocks[current].size - blocks[current].used < need)) {
        ++current;
      }
      if (current == blocks.size()) {
        char* data = static_cast<char*>(std::malloc(kBlockBytes));
        if (data == nullptr) return nullptr;
        blocks.push_back(Block{data, kBlockBytes, 0});
      }
      Block& b = blocks[current];
      p = b.data + b.used;
      b.used += need;
    }
    std::memcpy(p, &n, sizeof n);
    return p + kHeader;
  }

  bool Owns(const void* p) const {
    const char* c = static_cast<const char*>(p);
    for (const Block& b : blocks) {
      if (c >= b.data && c < b.data + b.size) return true;
    }
    return false;
  }

  // Keeps the first blocks for the next scope (their pages are already mapped: a fresh
  // arena per 512 KB piece of a big file costs more in page faults than it saves).
  void Reset() {
    size_t kept = 0;
    std::vector<Block> keep;
    for (Block& b : blocks) {
      if (b.size == kBlockBytes && kept + b.size <= kRetainBytes) {
        kept += b.size;
        b.used = 0;
        keep.push_back(b);
      } else {
        std::free(b.data);
      }
    }
    blocks = std::move(keep);
    current = 0;
  }

  ~Arena() {
    for (const Block& b : blocks) std::free(b.data);
  }
};

thread_local Arena* t_arena = nullptr;  ///< the active arena, while a scope lives

void* Malloc(size_t n) { return t_arena ? t_arena->Alloc(n) : std::malloc(n); }

void* Calloc(size_t count, size_t n) {
  if (!t_arena) return std::calloc(count, n);
  void* p = t_arena->Alloc(count * n);
  if (p) std::memset(p, 0, count * n);
  return p;
}

void* Realloc(void* p, size_t n) {
  if (p == nullptr) return Malloc(n);
  if (!t_arena || !t_arena->Owns(p)) return std::realloc(p, n);
  size_t old = 0;
  std::memcpy(&old, static_cast<char*>(p) - kHeader, sizeof old);
  if (n <= old) return p;
  void* q = t_arena->Alloc(n);
  if (q) std::memcpy(q, p, old);
  return q;
}

void Free(void* p) {
  if (p == nullptr || (t_arena && t_arena->Owns(p))) return;
  std::free(p);
}

}  // namespace

TsArenaScope::TsArenaScope() {
  static std::once_flag installed;
  std::call_once(installed, [] { ts_set_allocator(Malloc, Calloc, Realloc, Free); });
  if (t_arena == nullptr) {
    static thread_local std::unique_ptr<Arena> retained(new Arena());
    t_arena = retained.get();
    owner_ = true;
  }
}

TsArenaScope::~TsArenaScope() {
  if (!owner_) return;
  t_arena->Reset();
  t_arena = nullptr;
}

}  // namespace iaclint
