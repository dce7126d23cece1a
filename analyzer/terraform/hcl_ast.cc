#include "terraform/hcl_ast.h"

namespace iaclint {

const HclBody::Attribute* HclBody::Find(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace iaclint

namespace iaclint {

namespace {

const char* KindLabel(HclExprKind k) {
  switch (k) {
    case HclExprKind::kNull:
      return "null";
    case HclExprKind::kBool:
      return "bool";
    case HclExprKind::kNumber:
      return "num";
    case HclExprKind::kTemplate:
      return "tmpl";
    case HclExprKind::kTemplateChunk:
      return "lit";
    case HclExprKind::kInterpolation:
      return "interp";
    case HclExprKind::kTemplateIf:
      return "tif";
    case HclExprKind::kTemplateFor:
      return "tfor";
    case HclExprKind::kTuple:
      return "tuple";
    case HclExprKind::kObject:
      return "object";
    case HclExprKind::kBareKey:
      return "key";
    case HclExprKind::kVariable:
      return "var";
    case HclExprKind::kGetAttr:
      return "attr";
    case HclExprKind::kIndex:
      return "index";
    case HclExprKind::kSplat:
      return "splat";
    case HclExprKind::kSplatItem:
      return "item";
    case HclExprKind::kCall:
      return "call";
    case HclExprKind::kConditional:
      return "cond";
    case HclExprKind::kUnary:
      return "unary";
    case HclExprKind::kBinary:
      return "binary";
    case HclExprKind::kForTuple:
      return "for[]";
    case HclExprKind::kForObject:
      return "for{}";
  }
  return "?";
}

}  // namespace

std::string DebugString(const HclExpr& e) {
  std::string out = "(";
  out += KindLabel(e.kind);
  if (!e.text.empty()) out += " " + std::string(e.text);
  if (!e.name.empty()) out += " " + std::string(e.name);
  for (const HclExpr& c : e.children) out += " " + DebugString(c);
  return out + ")";
}

}  // namespace iaclint
