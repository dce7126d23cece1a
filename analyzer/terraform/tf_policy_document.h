// data "aws_iam_policy_document" rendered to the IAM policy JSON it produces, so policies
// written in Terraform compare with CloudFormation's and with plan JSON's.
#ifndef IACLINT_TERRAFORM_TF_POLICY_DOCUMENT_H_
#define IACLINT_TERRAFORM_TF_POLICY_DOCUMENT_H_

#include "model/value.h"

namespace iaclint {

/// `args` are the data source's evaluated arguments (statement blocks as lists of maps).
/// Returns {"Version", "Id"?, "Statement": [...]} flagged kEmbeddedJson, in the AWS provider's
/// shape: one value as a string, several as a reverse-sorted list (the provider's order),
/// principals {"AWS": ...} or "*", conditions {test: {variable: values}}; statements of
/// source_policy_documents first, then this document's (same Sid replaces), then
/// override_policy_documents (same Sid replaces). Unknown values stay in place.
Value RenderPolicyDocument(const Value& args, const Location& loc);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_POLICY_DOCUMENT_H_
