// Turns a valid tree-sitter HCL tree into the located structure of hcl_ast.h, and rejects
// what the grammar accepts but HCL does not (two arguments on one line, duplicate arguments,
// newlines in quoted strings, invalid escapes).
#ifndef IACLINT_TERRAFORM_HCL_CONVERT_H_
#define IACLINT_TERRAFORM_HCL_CONVERT_H_

#include <tree_sitter/api.h>

#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/text.h"
#include "parse/limits.h"
#include "terraform/hcl_ast.h"

namespace iaclint {

class HclConverter {
 public:
  /// `base` is the offset of the text tree-sitter saw (after a byte-order mark) in `text`.
  HclConverter(std::string_view text, size_t base, const LineIndex& lines,
               const ParseLimits& limits);
  ~HclConverter();
  HclConverter(const HclConverter&) = delete;
  HclConverter& operator=(const HclConverter&) = delete;

  /// Converts the whole file; false when an error was found (see TakeErrors).
  bool Convert(TSNode root, HclBody& out);
  std::vector<Error> TakeErrors() { return std::move(errors_); }

 private:
  class Frame;
  using Nodes = std::vector<TSNode>;

  Nodes& Kids(TSNode n);
  bool Fail(TSNode at, std::string message);
  bool FailAt(size_t offset, std::string message);
  Location Loc(TSNode n) const;
  Location Loc(TSNode first, TSNode last) const;
  std::string_view Text(TSNode n) const;
  size_t Start(TSNode n) const { return base_ + ts_node_start_byte(n); }
  size_t End(TSNode n) const { return base_ + ts_node_end_byte(n); }

  bool Body(TSNode n, HclBody& out);
  bool Item(TSNode n, HclBody& out);
  bool Block(TSNode n, HclBlock& out);
  bool Label(TSNode n, HclBlock& out);
  bool CheckSeparated(const Nodes& items, const char* what);
  bool CheckDuplicates(const HclBody& body);

  bool Expr(TSNode n, HclExpr& out);
  bool Terms(const TSNode* begin, const TSNode* end, HclExpr& out);
  bool Primary(TSNode n, HclExpr& out);
  bool Postfix(TSNode n, HclExpr& inout);
  bool Literal(TSNode n, HclExpr& out);
  bool Operation(TSNode n, HclExpr& out);
  bool Collection(TSNode n, HclExpr& out);
  bool ObjectKey(TSNode n, HclExpr& out);
  bool Call(TSNode n, HclExpr& out);
  bool For(TSNode n, HclExpr& out);
  bool ForIntro(TSNode n, HclExpr& out);
  bool Template(TSNode n, HclExpr& out);
  bool TemplateParts(const TSNode* begin, const TSNode* end, size_t from, size_t to, bool quoted,
                     HclExpr& out);
  bool TemplatePartsIn(const TSNode* begin, const TSNode* end, size_t from, size_t to,
                       HclExpr& out);
  bool Interpolation(TSNode n, HclExpr& out);
  bool Directive(TSNode n, HclExpr& out);

  std::string_view text_;
  size_t base_;
  const LineIndex& lines_;
  ParseLimits limits_;
  size_t depth_ = 0;
  bool quoted_ = true;       ///< the template being read is a quoted string (not a heredoc)
  std::vector<Nodes> kids_;  ///< child lists by frame depth, reused across nodes
  std::vector<Error> errors_;
  std::optional<TSTreeCursor> cursor_;
};

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_HCL_CONVERT_H_
