#include "parse/limits.h"

#include <charconv>

namespace iaclint {

namespace {

// The stack bound: the readers and the resolver recurse once per nesting level, and a thread
// has 8 MiB of stack (less per frame to spare under AddressSanitizer).
constexpr size_t kDeepestNesting = 1000;

}  // namespace

const std::vector<LimitSpec>& LimitSpecs() {
  static const std::vector<LimitSpec> specs = {
      {"max_file_size", &ParseLimits::max_file_bytes, 1, size_t{1} << 40, true,
       "largest input file read, in bytes (K, M, G suffixes); larger files are not analysed"},
      {"max_yaml_size", &ParseLimits::max_yaml_bytes, 1, size_t{1} << 40, true,
       "largest YAML file parsed, in bytes (YAML is slower to parse than JSON)"},
      {"max_hcl_size", &ParseLimits::max_hcl_bytes, 1, size_t{1} << 40, true,
       "largest Terraform source text parsed at once, in bytes (bigger .tf files are parsed "
       "one top-level block at a time; each parsed byte costs about 80 bytes of memory)"},
      {"max_depth", &ParseLimits::max_depth, 1, kDeepestNesting, false,
       "deepest nesting of lists and maps (and of intrinsic functions) in one document"},
      {"max_nodes", &ParseLimits::max_nodes, 1, size_t{1} << 32, false,
       "most values one document may hold, YAML aliases expanded"},
      {"max_alias_nodes", &ParseLimits::max_alias_nodes, 0, size_t{1} << 32, false,
       "most values YAML aliases may copy into one document (\"billion laughs\" guard)"},
      {"max_if_combinations", &ParseLimits::max_if_combinations, 1, 1'000'000, false,
       "most alternatives a value may take through nested Fn::If, and most condition "
       "combinations a rule considers for one resource"},
  };
  return specs;
}

const LimitSpec* FindLimit(std::string_view name) {
  for (const LimitSpec& s : LimitSpecs()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::optional<size_t> ParseLimitValue(const LimitSpec& spec, std::string_view text,
                                      std::string* error) {
  size_t value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [rest, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || rest == begin) {
    *error = "must be a number, not '" + std::string(text.substr(0, 40)) + "'";
    return std::nullopt;
  }
  std::string_view unit(rest, static_cast<size_t>(end - rest));
  if (!unit.empty()) {
    size_t shift = 0;
    if (!spec.byte_size) {
      *error = "must be a whole number, not '" + std::string(text.substr(0, 40)) + "'";
      return std::nullopt;
    }
    const char u = unit[0];
    shift = (u == 'K' || u == 'k')   ? 10
            : (u == 'M' || u == 'm') ? 20
            : (u == 'G' || u == 'g') ? 30
                                     : 0;
    unit.remove_prefix(1);
    if (unit == "i" || unit == "iB" || unit == "B") unit = {};
    if (shift == 0 || !unit.empty()) {
      *error = "must be a size such as 1048576, 64K, 200M or 1G, not '" +
               std::string(text.substr(0, 40)) + "'";
      return std::nullopt;
    }
    if (value > (spec.max >> shift))
      value = spec.max + 1;  // out of range, reported below
    else
      value <<= shift;
  }
  if (value < spec.min || value > spec.max) {
    *error = "must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max);
    return std::nullopt;
  }
  return value;
}

std::string LimitOption(std::string_view name) {
  std::string option = "--" + std::string(name);
  for (char& c : option) {
    if (c == '_') c = '-';
  }
  return option;
}

std::string LimitHint(std::string_view name) {
  return LimitOption(name) + " / limits." + std::string(name);
}

}  // namespace iaclint
