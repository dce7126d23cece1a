// Monitoring items of control 09 (IAC0901-IAC0920) as data: for each item, realistic
// CloudTrail records that a metric filter for it must match, and records that it must not
// match (what the canonical CIS / Security Hub pattern deliberately leaves out). The files
// live in rulesets/events/IAC09NN.yaml.
#ifndef IACLINT_PATTERN_MONITORING_ITEM_H_
#define IACLINT_PATTERN_MONITORING_ITEM_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/value.h"

namespace iaclint {

struct SampleEvent {
  /// A noun phrase that reads well in "no filter matches <name>" and "would also alarm on
  /// <name>".
  std::string name;
  Value event;
  /// EventText(event), computed once at load time.
  std::string text;
};

struct MonitoringItem {
  std::string id;     ///< "IAC0901"
  std::string title;  ///< what the item watches, e.g. "root user activity"
  std::string notes;  ///< design decisions (optional)
  std::vector<SampleEvent> must_match;
  std::vector<SampleEvent> must_not_match;
  std::string file;  ///< where it was loaded from
};

/// Parses one item file. Errors read "<file>:<line>:<column>: <message>".
Result<MonitoringItem> ParseMonitoringItem(std::string_view yaml_text, std::string_view file_name);

/// Loads every `*.yaml` file of `dir`, sorted by file name (so by item id).
Result<std::vector<MonitoringItem>> LoadMonitoringItems(std::string_view dir);

}  // namespace iaclint

#endif  // IACLINT_PATTERN_MONITORING_ITEM_H_
