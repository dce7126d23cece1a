// The located syntax of one HCL file (Terraform's native syntax), as produced by ParseHcl.
//
// Names and literal chunks are views into the parsed text, so the text must outlive the tree
// (the loader keeps it in Model::files, which never moves its elements). Nothing is evaluated
// here: escapes are decoded and heredoc indentation stripped when a template is evaluated.
#ifndef IACLINT_TERRAFORM_HCL_AST_H_
#define IACLINT_TERRAFORM_HCL_AST_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/location.h"

namespace iaclint {

enum class HclExprKind : uint8_t {
  kNull,
  kBool,           ///< text: "true" or "false"
  kNumber,         ///< text: the literal as written
  kTemplate,       ///< children: kTemplateChunk, kInterpolation, kTemplateIf, kTemplateFor
  kTemplateChunk,  ///< text: raw source (escapes undecoded)
  kInterpolation,  ///< ${ expr }; children[0] = expr; flags: kStripLeft/kStripRight
  kTemplateIf,     ///< children: condition, then (kTemplate), else (kTemplate)
  kTemplateFor,    ///< text: key var ("" when absent), name: value var; children: coll, body
  kTuple,          ///< children: elements
  kObject,         ///< children: key0, value0, key1, value1, ...
  kBareKey,        ///< an object key written as a bare identifier (a literal string); text
  kVariable,       ///< a root name: var, local, aws_s3_bucket, count, each, ... (text)
  kGetAttr,        ///< children[0].text
  kIndex,          ///< children[0][children[1]]
  kSplat,          ///< children[0][*] then children[1], written in terms of kSplatItem
  kSplatItem,      ///< the element a splat visits
  kCall,           ///< text: function name; children: arguments; flags: kExpandLast
  kConditional,    ///< children: condition, true result, false result
  kUnary,          ///< text: "-" or "!"; children[0]
  kBinary,         ///< text: operator; children: left, right
  kForTuple,       ///< text: key var ("" when absent), name: value var;
                   ///< children: collection, value, [condition]
  kForObject,      ///< as kForTuple; children: collection, key, value, [condition];
                   ///< flags: kGrouping for `...`
};

struct HclExpr {
  enum Flag : uint8_t {
    kHeredoc = 1,        ///< kTemplate: heredoc (only $${ and %%{ are escapes)
    kStripIndent = 2,    ///< kTemplate: <<- heredoc (common leading whitespace removed)
    kStripLeft = 4,      ///< kInterpolation/directive: ${~
    kStripRight = 8,     ///< kInterpolation/directive: ~}
    kExpandLast = 16,    ///< kCall: last argument followed by `...`
    kGrouping = 32,      ///< kForObject: value followed by `...`
    kHasCondition = 64,  ///< kForTuple/kForObject: ends with `if cond`
  };

  HclExprKind kind = HclExprKind::kNull;
  uint8_t flags = 0;
  std::string_view text;
  std::string_view name;
  Location loc;
  std::vector<HclExpr> children;

  bool has(Flag f) const { return (flags & f) != 0; }
};

struct HclBlock;

/// Attributes and blocks in source order within their kind.
struct HclBody {
  struct Attribute {
    std::string_view name;
    Location name_loc;
    Location loc;  ///< the whole `name = value`
    HclExpr value;
  };
  std::vector<Attribute> attributes;
  std::vector<HclBlock> blocks;
  Location loc;

  const Attribute* Find(std::string_view name) const;
};

struct HclBlock {
  std::string_view type;
  std::vector<std::string> labels;  ///< decoded label strings
  std::vector<Location> label_locs;
  Location loc;  ///< from the type keyword to the closing brace
  HclBody body;
};

/// A compact S-expression of an expression's shape, for tests and debugging:
/// `(binary + (var a) (num 1))`.
std::string DebugString(const HclExpr& expr);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_HCL_AST_H_
