// The regular expressions of CloudWatch Logs filter patterns (`%...%`), matched in linear time.
//
// CloudWatch's regex dialect has no groups ("The () operator is not supported"), so an
// expression is a list of alternatives, each a sequence of atoms (a character, `.`, a class
// `[a-z]`, an escape `\d \w \s \D \W \S` or an escaped operator) with quantifiers `?`, `*`,
// `+`, `{m}`, `{m,}`, `{m,n}`, and `^`/`$` anchors. That makes a small NFA that is simulated
// state set by state set, so no input and no expression can make matching take more than
// O(text x expression) steps: std::regex backtracks, and a hostile pattern made it run for
// minutes (found by the `pattern` fuzz target). Multi-byte characters are not supported by
// CloudWatch and are refused, like control characters.
#ifndef IACLINT_PATTERN_CW_REGEX_H_
#define IACLINT_PATTERN_CW_REGEX_H_

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace iaclint {

class CwRegex {
 public:
  /// Compiles `text` (without the surrounding `%`). Errors name the problem and the 0-based
  /// offset in `text` where it is, in `Error::where.column` (1-based, file kNoFile).
  static Result<CwRegex> Compile(std::string_view text);

  /// True when some substring of `text` matches (anchors restrict where).
  bool Search(std::string_view text) const;

 private:
  /// One step of an alternative: a set of accepted bytes and how often it may repeat.
  struct Step {
    std::bitset<256> accepts;
    bool optional = false;  ///< may be skipped
    bool repeat = false;    ///< may match again (after matching once)
  };
  struct Alternative {
    std::vector<Step> steps;
    bool at_start = false;  ///< ^
    bool at_end = false;    ///< $
  };

  bool SearchAlternative(const Alternative& alt, std::string_view text) const;

  std::vector<Alternative> alternatives_;
};

}  // namespace iaclint

#endif  // IACLINT_PATTERN_CW_REGEX_H_
