// The pass that runs once every unit is merged into the model.
#ifndef IACLINT_ORGS_LINK_H_
#define IACLINT_ORGS_LINK_H_

#include "model/model.h"

namespace iaclint {

/// A document that a config instantiates (an SCP file an LZA config or CfCT manifest
/// attaches, an IAM policy file of an LZA policySet, a template a CfCT manifest deploys with
/// its parameters) is represented by the referring declaration: the standalone reading of the
/// same file, made because the directory walk also found it, is dropped, so it is neither
/// counted twice nor reported as unattached. Identical diagnostics from the two readings are
/// reported once.
void LinkInstantiatedDocuments(Model& model);

}  // namespace iaclint

#endif  // IACLINT_ORGS_LINK_H_
