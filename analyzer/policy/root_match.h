// Does a condition value (an ARN pattern) match the root user of member accounts?
//
// IAM matches ArnLike/ArnEquals field by field and StringLike over the whole string, with '*'
// and '?' wildcards. Rather than reasoning about patterns symbolically, a pattern is tried on
// sample root-user ARNs of two accounts in every partition: matching both accounts of a
// partition means "the root user of every account", one means "some accounts only".
#ifndef IACLINT_POLICY_ROOT_MATCH_H_
#define IACLINT_POLICY_ROOT_MATCH_H_

#include <string>
#include <string_view>

namespace iaclint {

enum class RootMatch { kNone, kSome, kAll };

enum class MatchStyle {
  kArn,           ///< ArnLike / ArnEquals: per ARN field, wildcards allowed
  kGlob,          ///< StringLike: whole string, wildcards allowed
  kLiteral,       ///< StringEquals: exact
  kLiteralNoCase  ///< StringEqualsIgnoreCase
};

/// How `pattern` matches root-user ARNs. `${...}` placeholders (LZA's ${PARTITION}, a
/// template variable) match anything; one outside the partition field names one specific
/// value, so it can match some accounts but never claims all of them.
RootMatch MatchRootArn(std::string_view pattern, MatchStyle style);

/// IAM wildcard match: '*' any run of characters, '?' exactly one.
bool WildcardMatch(std::string_view pattern, std::string_view text);

/// The sample ARN used in messages.
inline constexpr const char* kRootArnExample = "arn:aws:iam::*:root";

}  // namespace iaclint

#endif  // IACLINT_POLICY_ROOT_MATCH_H_
