// The references of an expression, exactly as Terraform's plan JSON lists them in
// configuration...expressions.<attr>.references, so .tf sources and plans link alike.
#ifndef IACLINT_TERRAFORM_TF_REFERENCES_H_
#define IACLINT_TERRAFORM_TF_REFERENCES_H_

#include <string>
#include <vector>

#include "terraform/hcl_ast.h"

namespace iaclint {

/// Every traversal of `expr`, unwrapped step by step as Terraform does:
/// `aws_s3_bucket.b[0].arn` gives "aws_s3_bucket.b[0].arn", "aws_s3_bucket.b[0]",
/// "aws_s3_bucket.b"; `module.m.out` gives "module.m.out", "module.m". Names bound by
/// for expressions are not references; duplicates are kept, in source order, as Terraform does.
std::vector<std::string> CollectReferences(const HclExpr& expr);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_REFERENCES_H_
