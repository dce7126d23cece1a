// Inline suppression comments, shared by the CloudFormation YAML and Terraform (.tf) loaders:
//
//   # iaclint:ignore IAC0804 reason="archive bucket is managed elsewhere" until=2027-03-31
//   # iaclint:ignore IAC0804,IAC0806 reason="..."        (several rules at once)
//   // iaclint:ignore IAC1102 reason="..."                (HCL also accepts // comments)
//
// A comment binds to a resource, not to a line: it counts when it sits on the resource's first
// line, in the run of comment lines directly above it, or anywhere inside its block. The file is
// scanned once (so text inside YAML block scalars, HCL heredocs and strings never counts), then
// each loader asks for the suppressions of its resource's line range.
#ifndef IACLINT_BASE_SUPPRESSION_COMMENTS_H_
#define IACLINT_BASE_SUPPRESSION_COMMENTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/location.h"

namespace iaclint {

/// One suppression of one rule, from a comment or from CloudFormation Metadata.
struct Suppression {
  std::string rule_id;
  std::string reason;
  std::string until;    ///< ISO date, or empty
  Location where;       ///< the directive (comment) or the Metadata entry
  std::string problem;  ///< why the suppression is malformed (it is then ignored); "" if valid
};

enum class CommentSyntax {
  kYaml,  ///< '#' comments; block scalars and quoted scalars are skipped
  kHcl,   ///< '#' and '//' comments; heredocs, strings and /* */ blocks are skipped
};

/// Parses the text after "iaclint:ignore" ("IAC0804 reason=\"...\" until=2027-03-31") into one
/// suppression per rule id. Malformed text gives one suppression whose `problem` says why.
std::vector<Suppression> ParseSuppressionDirective(std::string_view body, const Location& where);

/// True for a real calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view text);

/// Every suppression comment of one file, found in one pass.
class SuppressionComments {
 public:
  SuppressionComments(std::string_view text, FileId file, CommentSyntax syntax);

  /// The suppressions that bind to the block on lines [first_line, last_line] (1-based,
  /// inclusive): on its lines, and in the comment lines directly above first_line. In YAML, a
  /// run of comment lines at the end of the range that is not indented deeper than the
  /// block's first line belongs to whatever follows, not to this block.
  std::vector<Suppression> ForBlock(uint32_t first_line, uint32_t last_line) const;

  bool empty() const { return directives_.empty(); }

 private:
  struct Line {
    bool comment_only = false;  ///< nothing but a comment (or blank: see blank)
    bool blank = false;
    uint32_t indent = 0;
  };
  struct Directive {
    uint32_t line = 0;
    std::vector<Suppression> suppressions;
  };

  void Scan(std::string_view text, FileId file);
  /// The first line of the comment run directly above line `first` (`first` when none).
  uint32_t AboveStart(uint32_t first) const;
  /// The first line of the comment/blank run that ends [first, last] and belongs to what
  /// follows (last + 1 when none).
  uint32_t TrailingCommentStart(uint32_t first, uint32_t last) const;

  CommentSyntax syntax_;
  std::vector<Line> lines_;  ///< index = line - 1; filled only when the file has directives
  std::vector<Directive> directives_;  ///< in line order
};

/// Convenience for loaders that need one block: scans `text` and returns ForBlock().
std::vector<Suppression> ScanSuppressionComments(std::string_view text, FileId file,
                                                 uint32_t first_line, uint32_t last_line,
                                                 CommentSyntax syntax);

}  // namespace iaclint

#endif  // IACLINT_BASE_SUPPRESSION_COMMENTS_H_
