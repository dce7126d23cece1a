// Customizations for AWS Control Tower manifest.yaml (schema 2021-03-15, and the older
// organization_policies / cloudformation_resources form): a thin index. Each stack_set entry
// runs the CloudFormation normaliser on its local resource_file with the manifest's
// parameters overriding the template defaults; each scp entry becomes an
// AWS::Organizations::Policy attached to the entry's organizational units.
#ifndef IACLINT_ORGS_CFCT_H_
#define IACLINT_ORGS_CFCT_H_

#include "input/formats.h"

namespace iaclint {

bool DetectCfctManifest(const DocumentInput& in, const Value& root);
void ProcessCfctManifest(const DocumentInput& in, const Value& root, Fragment& out);

}  // namespace iaclint

#endif  // IACLINT_ORGS_CFCT_H_
