#include "terraform/hcl_node_kinds.h"

#include <cstring>
#include <vector>

#include "terraform/ts_handles.h"

namespace iaclint {

namespace {

struct Named {
  const char* name;
  Nk kind;
};

constexpr Named kNames[] = {
    {"config_file", Nk::kConfigFile},
    {"body", Nk::kBody},
    {"attribute", Nk::kAttribute},
    {"block", Nk::kBlock},
    {"identifier", Nk::kIdentifier},
    {"string_lit", Nk::kStringLit},
    {"block_start", Nk::kBlockStart},
    {"block_end", Nk::kBlockEnd},
    {"expression", Nk::kExpression},
    {"conditional", Nk::kConditional},
    {"literal_value", Nk::kLiteralValue},
    {"numeric_lit", Nk::kNumericLit},
    {"bool_lit", Nk::kBoolLit},
    {"null_lit", Nk::kNullLit},
    {"template_expr", Nk::kTemplateExpr},
    {"quoted_template", Nk::kQuotedTemplate},
    {"heredoc_template", Nk::kHeredocTemplate},
    {"heredoc_start", Nk::kHeredocStart},
    {"heredoc_identifier", Nk::kHeredocIdentifier},
    {"template_literal", Nk::kTemplateLiteral},
    {"template_interpolation", Nk::kTemplateInterpolation},
    {"template_directive", Nk::kTemplateDirective},
    {"template_for", Nk::kTemplateFor},
    {"template_if", Nk::kTemplateIf},
    {"template_for_start", Nk::kTemplateForStart},
    {"template_for_end", Nk::kTemplateForEnd},
    {"template_if_intro", Nk::kTemplateIfIntro},
    {"template_else_intro", Nk::kTemplateElseIntro},
    {"template_if_end", Nk::kTemplateIfEnd},
    {"strip_marker", Nk::kStripMarker},
    {"collection_value", Nk::kCollectionValue},
    {"tuple", Nk::kTuple},
    {"object", Nk::kObject},
    {"object_elem", Nk::kObjectElem},
    {"variable_expr", Nk::kVariableExpr},
    {"function_call", Nk::kFunctionCall},
    {"function_arguments", Nk::kFunctionArguments},
    {"for_expr", Nk::kForExpr},
    {"for_tuple_expr", Nk::kForTupleExpr},
    {"for_object_expr", Nk::kForObjectExpr},
    {"for_intro", Nk::kForIntro},
    {"for_cond", Nk::kForCond},
    {"operation", Nk::kOperation},
    {"unary_operation", Nk::kUnaryOperation},
    {"binary_operation", Nk::kBinaryOperation},
    {"index", Nk::kIndex},
    {"new_index", Nk::kNewIndex},
    {"legacy_index", Nk::kLegacyIndex},
    {"get_attr", Nk::kGetAttr},
    {"splat", Nk::kSplat},
    {"attr_splat", Nk::kAttrSplat},
    {"full_splat", Nk::kFullSplat},
    {"ellipsis", Nk::kEllipsis},
    {"comment", Nk::kComment},
    {"quoted_template_start", Nk::kQuotedTemplateStart},
    {"quoted_template_end", Nk::kQuotedTemplateEnd},
    {"template_interpolation_start", Nk::kTemplateInterpolationStart},
    {"template_interpolation_end", Nk::kTemplateInterpolationEnd},
    {"template_directive_start", Nk::kTemplateDirectiveStart},
    {"template_directive_end", Nk::kTemplateDirectiveEnd},
    {"tuple_start", Nk::kTupleStart},
    {"tuple_end", Nk::kTupleEnd},
    {"object_start", Nk::kObjectStart},
    {"object_end", Nk::kObjectEnd},
    {"ERROR", Nk::kError},
};

// One entry per grammar symbol; several symbols may share a name, so map them all.
std::vector<Nk> BuildTable() {
  const TSLanguage* lang = tree_sitter_hcl();
  const uint32_t count = ts_language_symbol_count(lang);
  std::vector<Nk> table(count + 1, Nk::kOther);
  for (uint32_t s = 0; s < count; ++s) {
    const auto sym = static_cast<TSSymbol>(s);
    if (ts_language_symbol_type(lang, sym) != TSSymbolTypeRegular) continue;
    const char* name = ts_language_symbol_name(lang, sym);
    for (const Named& n : kNames) {
      if (std::strcmp(n.name, name) == 0) table[s] = n.kind;
    }
  }
  return table;
}

}  // namespace

Nk KindOf(TSNode node) {
  static const std::vector<Nk> table = BuildTable();
  if (ts_node_is_error(node)) return Nk::kError;
  const TSSymbol s = ts_node_symbol(node);
  return s < table.size() ? table[s] : Nk::kOther;
}

}  // namespace iaclint
