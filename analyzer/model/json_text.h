// Values written back as compact JSON text: CloudTrail events as CloudWatch Logs receives
// them, and Terraform's jsonencode(). One writer, styled per use.
#ifndef IACLINT_MODEL_JSON_TEXT_H_
#define IACLINT_MODEL_JSON_TEXT_H_

#include <string>

#include "model/value.h"

namespace iaclint {

struct JsonTextStyle {
  /// Object keys in lexical order (Terraform's jsonencode) instead of declaration order.
  bool sort_keys = false;
  /// Escape <, > and & as \u003c... (Go's encoding/json, hence jsonencode).
  bool escape_html = false;
  /// Numbers re-printed from their value (jsonencode) instead of their source text.
  bool normalise_numbers = false;
};

/// Compact JSON (no spaces). Kinds JSON cannot hold (ref, unknown, choice) are written as null.
std::string ToJsonText(const Value& v, const JsonTextStyle& style = {});

/// Shortest text for a number: integers without a fraction, others in round-trip form.
std::string FormatNumber(double d);

}  // namespace iaclint

#endif  // IACLINT_MODEL_JSON_TEXT_H_
