// Bounds that keep hostile input from exhausting the stack, memory or time. Every one is
// configurable (`check --max-...` options, `limits:` in .iaclint.yaml) and produces a finding
// at the place it was exceeded.
#ifndef IACLINT_PARSE_LIMITS_H_
#define IACLINT_PARSE_LIMITS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iaclint {

struct ParseLimits {
  /// Deepest nesting of lists/maps accepted (real templates stay under 30).
  size_t max_depth = 256;
  /// Most values one document may produce, aliases expanded ("billion laughs" guard).
  /// (A 10,000-resource template holds under a million; each value costs about 150 bytes.)
  size_t max_nodes = 2'000'000;
  /// Most values that YAML aliases may copy in one document.
  size_t max_alias_nodes = 1'000'000;
  /// Largest file read, in bytes. Terraform plans of large estates reach 100 MB.
  size_t max_file_bytes = 256u << 20;
  /// Largest YAML document parsed, in bytes: yaml-cpp reads about 15 MB/s, and no real YAML
  /// input comes close (a deployable CloudFormation template is at most 1 MB).
  size_t max_yaml_bytes = 32u << 20;
  /// Largest Terraform source text parsed as one tree, in bytes. Big .tf files are parsed one
  /// top-level block at a time; a tree costs about 80 bytes of memory per input byte, so a
  /// file (or block) that cannot be cut below this size is not analysed.
  size_t max_hcl_bytes = 8u << 20;
  /// Most alternatives one value may take through nested Fn::If, and most condition
  /// combinations one rule considers for one resource; beyond it the value is Unknown.
  size_t max_if_combinations = 64;
};

/// One configurable limit: its name in .iaclint.yaml `limits:` (the command-line option is
/// --max-file-size for max_file_size, and so on), the field, and the range accepted.
struct LimitSpec {
  std::string_view name;
  size_t ParseLimits::*field;
  size_t min, max;
  bool byte_size;  ///< accepts 64K, 200M, 1G (binary multiples) as well as a plain number
  std::string_view help;
};

/// Every configurable limit, in documentation order.
const std::vector<LimitSpec>& LimitSpecs();
const LimitSpec* FindLimit(std::string_view name);

/// Parses a limit's value ("123", or "64M"/"64MiB"/"1G" for byte sizes) and checks its range;
/// nullopt and a message in `error` when it is not acceptable.
std::optional<size_t> ParseLimitValue(const LimitSpec& spec, std::string_view text,
                                      std::string* error);

/// The command-line option of a limit: "--max-depth" for max_depth.
std::string LimitOption(std::string_view name);

/// How a message names the limit a user can raise: "--max-depth / limits.max_depth".
std::string LimitHint(std::string_view name);

}  // namespace iaclint

#endif  // IACLINT_PARSE_LIMITS_H_
