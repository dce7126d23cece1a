// The HCL grammar's node types as a small enum, looked up by tree-sitter symbol.
#ifndef IACLINT_TERRAFORM_HCL_NODE_KINDS_H_
#define IACLINT_TERRAFORM_HCL_NODE_KINDS_H_

#include <tree_sitter/api.h>

#include <cstdint>

namespace iaclint {

enum class Nk : uint8_t {
  kOther,  // anonymous tokens ("=", "(", operators, keywords) and anything unexpected
  kConfigFile,
  kBody,
  kAttribute,
  kBlock,
  kIdentifier,
  kStringLit,
  kBlockStart,
  kBlockEnd,
  kExpression,
  kConditional,
  kLiteralValue,
  kNumericLit,
  kBoolLit,
  kNullLit,
  kTemplateExpr,
  kQuotedTemplate,
  kHeredocTemplate,
  kHeredocStart,
  kHeredocIdentifier,
  kTemplateLiteral,
  kTemplateInterpolation,
  kTemplateDirective,
  kTemplateFor,
  kTemplateIf,
  kTemplateForStart,
  kTemplateForEnd,
  kTemplateIfIntro,
  kTemplateElseIntro,
  kTemplateIfEnd,
  kStripMarker,
  kCollectionValue,
  kTuple,
  kObject,
  kObjectElem,
  kVariableExpr,
  kFunctionCall,
  kFunctionArguments,
  kForExpr,
  kForTupleExpr,
  kForObjectExpr,
  kForIntro,
  kForCond,
  kOperation,
  kUnaryOperation,
  kBinaryOperation,
  kIndex,
  kNewIndex,
  kLegacyIndex,
  kGetAttr,
  kSplat,
  kAttrSplat,
  kFullSplat,
  kEllipsis,
  kComment,
  kQuotedTemplateStart,
  kQuotedTemplateEnd,
  kTemplateInterpolationStart,
  kTemplateInterpolationEnd,
  kTemplateDirectiveStart,
  kTemplateDirectiveEnd,
  kTupleStart,
  kTupleEnd,
  kObjectStart,
  kObjectEnd,
  kError,
};

/// The kind of a node (kOther for anonymous tokens).
Nk KindOf(TSNode node);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_HCL_NODE_KINDS_H_
