// Reads one Terraform/HCL native-syntax text into the located tree of hcl_ast.h, using
// tree-sitter and the HCL grammar.
#ifndef IACLINT_TERRAFORM_HCL_PARSER_H_
#define IACLINT_TERRAFORM_HCL_PARSER_H_

#include <string_view>
#include <vector>

#include "base/result.h"
#include "parse/limits.h"
#include "terraform/hcl_ast.h"

namespace iaclint {

struct HclParseResult {
  HclBody body;
  /// Syntax errors (first one first), each at its exact place. When there is any, `body` is
  /// empty: Terraform refuses the whole file, so nothing in it is analysed.
  std::vector<Error> errors;

  bool ok() const { return errors.empty(); }
};

struct HclParseOptions {
  ParseLimits limits;
  /// CPU-time budget for tree-sitter, on top of `seconds_per_mb` per MB of input. Valid text
  /// parses at 2-5 MB/s; only error recovery on garbage comes near this (and a file with an
  /// error is cut short after its first error anyway).
  double base_seconds = 10.0;
  double seconds_per_mb = 3.0;
  /// Threads for a big file parsed one piece at a time (0: all cores). The pieces are
  /// independent, and their results are joined in file order whatever the thread count.
  unsigned threads = 1;
};

/// Parses `text` (UTF-8, optionally with a byte-order mark). The tree-sitter tree lives only
/// inside this call. The result refers to `text`, which must outlive it. Never throws; hostile
/// input (deep nesting, NUL bytes, invalid UTF-8, huge files, garbage) gives errors.
HclParseResult ParseHcl(std::string_view text, FileId file, const HclParseOptions& options = {});

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_HCL_PARSER_H_
