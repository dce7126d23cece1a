// YAML to the located value tree, through yaml-cpp's event API (no yaml-cpp DOM: it is
// twice as slow, and its map lookups are linear scans).
#ifndef IACLINT_PARSE_YAML_READER_H_
#define IACLINT_PARSE_YAML_READER_H_

#include <string_view>

#include "base/result.h"
#include "parse/json_reader.h"
#include "parse/limits.h"

namespace iaclint {

/// Parses the first document of a YAML text. Plain scalars are typed with the YAML 1.2 core
/// schema (null, true/false, numbers); quoted scalars stay strings (flag kQuoted). A
/// non-standard tag such as `!Ref` is kept on the value (Value::tag()). Aliases are expanded,
/// counting every copied value against limits.max_nodes.
Result<ParsedDocument> ParseYaml(std::string_view text, FileId file, const ParseLimits& limits = {});

}  // namespace iaclint

#endif  // IACLINT_PARSE_YAML_READER_H_
