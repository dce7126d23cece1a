// YAML to the located value tree, through libyaml's event API. libyaml is the reference C
// parser that PyYAML (and so cfn-lint) follows; yaml-cpp 0.7 rejected valid templates (a
// tagged plain scalar continued on the next line inside a block sequence) and misfolded
// quoted scalars, so it is no longer used here.
#ifndef IACLINT_PARSE_YAML_READER_H_
#define IACLINT_PARSE_YAML_READER_H_

#include <string_view>

#include "base/result.h"
#include "parse/json_reader.h"
#include "parse/limits.h"

namespace iaclint {

/// Parses a YAML text holding one document (a second document is an error, as in
/// CloudFormation and cfn-lint). Plain scalars are typed with the YAML 1.2 core
/// schema (null, true/false, numbers); quoted scalars stay strings (flag kQuoted). A
/// non-standard tag such as `!Ref` is kept on the value (Value::tag()). Aliases are expanded,
/// counting every copied value against limits.max_nodes.
Result<ParsedDocument> ParseYaml(std::string_view text, FileId file, const ParseLimits& limits = {});

}  // namespace iaclint

#endif  // IACLINT_PARSE_YAML_READER_H_
