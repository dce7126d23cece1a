// Bounds that keep hostile input from exhausting the stack, memory or time.
#ifndef IACLINT_PARSE_LIMITS_H_
#define IACLINT_PARSE_LIMITS_H_

#include <cstddef>

namespace iaclint {

struct ParseLimits {
  /// Deepest nesting of lists/maps accepted (real templates stay under 30).
  size_t max_depth = 256;
  /// Most values one document may produce, aliases expanded ("billion laughs" guard).
  size_t max_nodes = 5'000'000;
  /// Most values that YAML aliases may copy in one document.
  size_t max_alias_nodes = 1'000'000;
  /// Largest file read, in bytes.
  size_t max_file_bytes = 256u << 20;
};

}  // namespace iaclint

#endif  // IACLINT_PARSE_LIMITS_H_
