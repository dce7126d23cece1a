// LZA `{{ Key }}` placeholders. LZA renders every config file with Handlebars before parsing
// the YAML, with the keys of replacements-config.yaml (globalReplacements) and the account
// names of accounts-config.yaml; iaclint does the same text substitution, remembers where
// each placeholder was, and moves every parsed location back to the file as written. A
// placeholder with no value offline (an SSM parameter, an undefined key, a helper call) is
// kept as an Unknown value that says why.
#ifndef IACLINT_ORGS_LZA_PLACEHOLDERS_H_
#define IACLINT_ORGS_LZA_PLACEHOLDERS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/value.h"

namespace iaclint {

struct Replacements {
  std::map<std::string, std::string> values;   ///< key -> text (a StringList joined with ",")
  std::map<std::string, std::string> unknown;  ///< key -> why it has no value offline
};

/// Reads replacements-config.yaml (globalReplacements) and adds accounts-config.yaml's
/// account names, which LZA also accepts as placeholders.
Replacements ReadReplacements(const Value* replacements_root, const Value* accounts_root);

/// One substituted placeholder, in 1-based UTF-16 columns of its line.
struct PlaceholderEdit {
  uint32_t line = 0;
  uint32_t new_column = 0, new_length = 0;
  uint32_t old_column = 0, old_length = 0;
};

struct Substitution {
  std::string text;
  std::vector<PlaceholderEdit> edits;  ///< in text order
  /// Unresolved placeholders, by the index written in their sentinel: (as written, why).
  std::vector<std::pair<std::string, std::string>> unresolved;
};

/// Replaces every `{{ ... }}` on one line with its value, or with a sentinel when it has none.
Substitution SubstitutePlaceholders(std::string_view text, const Replacements& replacements);

/// Moves the locations of a value parsed from the substituted text back to the original
/// text, and turns strings holding an unresolved placeholder into Unknown values.
void RestoreOriginal(Value& v, const Substitution& s);

/// A location of the substituted text, in the original text.
Location OriginalLocation(const Location& loc, const Substitution& s);

}  // namespace iaclint

#endif  // IACLINT_ORGS_LZA_PLACEHOLDERS_H_
