// Shared by the per-file parts of the LZA normaliser (internal to orgs/).
#ifndef IACLINT_ORGS_LZA_INTERNAL_H_
#define IACLINT_ORGS_LZA_INTERNAL_H_

#include <string>

#include "input/formats.h"
#include "orgs/references.h"

namespace iaclint {

class LzaBuilder {
 public:
  LzaBuilder(const DocumentInput& in, Fragment& out, std::string scope)
      : refs_(in, out), scope_(std::move(scope)) {}

  /// Adds a resource declared at `at` (the key or list item that declares it).
  Resource& Add(const std::string& id, const std::string& type, const Location& at,
                Value properties, const std::string& evidence = "declared");

  /// A Ref to a resource of this config directory.
  Value RefTo(const std::string& id, const Location& at) const;

  ReferenceReader& refs() { return refs_; }
  const std::string& scope() const { return scope_; }

 private:
  ReferenceReader refs_;
  std::string scope_;
};

/// Sets map[key] to a copy of *v when v is present (keeps its location).
void Put(Value& map, const std::string& key, const Value* v);
/// Sets map[key] to v, located at `at`.
void PutValue(Value& map, const std::string& key, Value v, const Location& at);
/// "name[i]" for list item ids.
std::string Indexed(const std::string& path, size_t i);
/// True when v is a boolean true (or "true").
bool IsTrue(const Value* v);
/// The list elements of an optional list value (empty when absent or not a list).
const std::vector<Value>& ItemsOf(const Value* v);
/// deploymentTargets {organizationalUnits, accounts} as one list of target names.
Value TargetsOf(const Value* deployment_targets, const Location& at);

void NormaliseGlobalConfig(const Value& root, LzaBuilder& b);
void NormaliseSecurityConfig(const Value& root, LzaBuilder& b);
void NormaliseIamConfig(const Value& root, LzaBuilder& b);
void NormaliseOrganizationConfig(const Value& root, LzaBuilder& b);

}  // namespace iaclint

#endif  // IACLINT_ORGS_LZA_INTERNAL_H_
