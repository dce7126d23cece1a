// Terraform plan JSON (`terraform show -json`, format_version 0.x and 1.x) read with
// nlohmann's SAX interface into resource instances: no DOM of the document is built, only
// small value trees for the attributes the mapping reads.
//
// What is read: resource_changes[].change.after with after_unknown (unknown leaves become
// Value::Unknown, category "after-unknown"), module addresses from planned_values, and the
// references of configuration...expressions (module-relative, as Terraform writes them).
// resource_drift and prior_state are skipped. A state document (`terraform show -json` of a
// state: values, no resource_changes) is read from values.
//
// Locations: nlohmann's SAX interface reports no positions, so the reader feeds the parser
// through an iterator that records how far it has read; each instance is located at the
// "address" key of its resource_changes entry (or values entry). Attribute values have no
// position of their own (plans have no useful one): findings on them fall back to the
// resource, or to the .tf source when one is analysed with the plan.
#ifndef IACLINT_TERRAFORM_PLAN_READER_H_
#define IACLINT_TERRAFORM_PLAN_READER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "parse/limits.h"
#include "terraform/tf_config.h"

namespace iaclint {

/// The part of an attribute tree to keep. Lists are transparent: a key applies to every
/// element. `all` keeps the whole subtree.
struct TfKeep {
  bool all = false;
  std::map<std::string, TfKeep, std::less<>> keys;
};

struct PlanReadOptions {
  /// Resource types to read and the attributes to keep of each; nullptr reads every
  /// resource whole. Types absent from the map are skipped.
  const std::map<std::string, TfKeep, std::less<>>* keep = nullptr;
  ParseLimits limits;
};

struct TfPlan {
  std::string format_version;
  std::string terraform_version;
  bool state = false;  ///< a state document (values, no resource_changes)
  TfConfiguration config;
  /// Entries that could not be read (an entry without an address, a field of the wrong
  /// type); the rest of the plan is still read.
  std::vector<Error> warnings;
};

/// True when the text is a JSON object with top-level "format_version" and
/// "terraform_version" keys (what `terraform show -json` writes first), or with a top-level
/// "resource_changes" or "planned_values" (a plan trimmed by hand). Cheap: scans only the
/// top level, and only texts that mention one of these keys at all.
bool LooksLikeTerraformPlan(std::string_view text);

/// Reads a plan. Invalid JSON is an error at its line and column; format_version 2.0 or
/// later is an error at the format_version key.
Result<TfPlan> ReadTerraformPlan(std::string_view text, FileId file,
                                 const PlanReadOptions& options = {});

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_PLAN_READER_H_
