// The raw text of a JSON event as CloudWatch Logs receives it from CloudTrail.
#include "model/json_text.h"
#include "pattern/pattern_eval.h"

namespace iaclint {

std::string EventText(const Value& event) { return ToJsonText(event); }

}  // namespace iaclint
