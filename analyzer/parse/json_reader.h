// A strict JSON parser that keeps the 1-based position of every value (nlohmann 3.11 keeps
// none). Used for CloudFormation JSON templates, policy documents and JSON-string properties.
#ifndef IACLINT_PARSE_JSON_READER_H_
#define IACLINT_PARSE_JSON_READER_H_

#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/value.h"
#include "parse/limits.h"

namespace iaclint {

struct ParsedDocument {
  Value root;
  /// Problems that did not stop parsing (duplicate keys), with their places.
  std::vector<Error> warnings;
};

/// Parses one JSON text. A UTF-8 byte-order mark is skipped; anything after the value
/// other than whitespace is an error.
Result<ParsedDocument> ParseJson(std::string_view text, FileId file, const ParseLimits& limits = {});

/// Parses JSON embedded in a string value (e.g. an EventPattern written as a string); every
/// resulting value is located at the string itself and flagged kEmbeddedJson.
Result<Value> ParseEmbeddedJson(const Value& string_value, const ParseLimits& limits = {});

}  // namespace iaclint

#endif  // IACLINT_PARSE_JSON_READER_H_
