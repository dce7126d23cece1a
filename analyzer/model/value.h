// The located value tree shared by every parser and by the rule engine.
//
// Parsers produce plain data (null, bool, number, string, list, map). The per-format
// normalisers then resolve references, so the model also holds Ref (a link to a resource),
// Unknown (a value that cannot be known offline, with the reason) and Choice (the branches
// of a condition that cannot be decided, e.g. Fn::If on an unknown condition).
#ifndef IACLINT_MODEL_VALUE_H_
#define IACLINT_MODEL_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/location.h"

namespace iaclint {

class Value {
 public:
  enum class Kind : uint8_t {
    kNull,
    kBool,
    kNumber,
    kString,
    kList,
    kMap,
    kRef,
    kUnknown,
    kChoice
  };

  /// Facts about where a value came from; they never change its meaning.
  enum Flag : uint8_t {
    kQuoted = 1,          ///< a quoted YAML scalar (never coerced to bool/number)
    kAssumedDefault = 2,  ///< came from a parameter/variable default
    kSymbolic = 4,        ///< contains ${AWS::...} pseudo-parameter symbols
    kNoValue = 8,         ///< AWS::NoValue / null in Terraform: the property is absent
    kEmbeddedJson = 16,   ///< parsed from a JSON string property (locations are the string's)
    /// A string built from resource references (Fn::Sub, Fn::Join): its text shows them as
    /// ${LogicalId}, and items() holds one Ref value per referenced resource.
    kInterpolated = 32,
    /// An Unknown known not to be empty: a parameter without default whose constraints
    /// (MinLength, AllowedPattern, AllowedValues, Type Number) exclude the empty string.
    kNonEmpty = 64,
  };

  struct Member;

  Value() = default;
  static Value Null(Location loc = {});
  static Value Bool(bool b, Location loc = {});
  static Value Number(std::string text, Location loc = {});
  static Value String(std::string text, Location loc = {});
  static Value List(Location loc = {});
  static Value Map(Location loc = {});
  /// A link to a resource (CFN logical id / Terraform address); attribute is "" for Ref.
  static Value Ref(std::string target, std::string attribute, Location loc = {});
  static Value Unknown(std::string reason, Location loc = {});
  /// alternatives are added with Add(); condition names what the choice depends on.
  static Value Choice(std::string condition, Location loc = {});

  Kind kind() const { return kind_; }
  bool is(Kind k) const { return kind_ == k; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsScalar() const { return kind_ <= Kind::kString; }
  /// Absent for rule purposes: null or AWS::NoValue.
  bool IsAbsent() const { return kind_ == Kind::kNull; }

  const Location& loc() const { return loc_; }
  void set_loc(const Location& loc) { loc_ = loc; }
  uint8_t flags() const { return flags_; }
  bool has(Flag f) const { return (flags_ & f) != 0; }
  void set(Flag f) { flags_ |= f; }

  /// String text, number text, Ref target, Unknown reason or Choice condition.
  const std::string& str() const { return text_; }
  bool boolean() const { return bool_; }
  /// One annotation whose meaning depends on the kind: the YAML tag of a parsed value
  /// ("!Ref", "!CopyValue"), the attribute of a Ref ("Arn"), the category of an Unknown
  /// ("parameter", "condition", "import:ExportName"), or the origin of a value taken from a
  /// parameter or variable default ("parameter MinLength").
  const std::string& tag() const { return aux_; }
  const std::string& attribute() const { return aux_; }
  const std::string& category() const { return aux_; }
  void set_tag(std::string tag) { aux_ = std::move(tag); }

  /// List elements, Choice alternatives, or the Refs of a kInterpolated string.
  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }
  const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }
  size_t size() const;

  void Add(Value v);
  /// The same value without list items or map members (cheap to make, then refill).
  Value WithoutChildren() const;
  /// Appends a map member (a later duplicate key is kept; Find returns the last one, as
  /// CloudFormation and YAML loaders do).
  Value& Set(std::string key, Value v, Location key_loc = {});

  /// Map lookup by exact key; nullptr when absent or not a map.
  const Value* Find(std::string_view key) const;
  Value* Find(std::string_view key);
  const Member* FindMember(std::string_view key) const;
  /// Map lookup ignoring case, '_' and '-' (MINIMUM_PASSWORD_LENGTH == MinimumPasswordLength).
  const Value* FindLoose(std::string_view key) const;

  /// Coercions as CloudFormation/Terraform apply them: "true"/"True" are booleans, "12" is 12.
  std::optional<bool> AsBool() const;
  std::optional<double> AsNumber() const;
  /// Scalar text (string, number, "true"/"false"); nullopt for the rest.
  std::optional<std::string> AsText() const;
  /// The text of a scalar, or the texts of a list's scalar items (a rule's `type: X` or
  /// `type: [X, Y]`); other values give none.
  std::vector<std::string> TextItems() const;

  /// Deterministic one-line rendering for messages and goldens, truncated to max_chars.
  std::string Render(size_t max_chars = 120) const;

 private:
  static Value Scalar(Kind kind, std::string text, Location loc);

  Kind kind_ = Kind::kNull;
  uint8_t flags_ = 0;
  bool bool_ = false;
  Location loc_;
  std::string text_;
  std::string aux_;
  std::vector<Value> items_;
  std::vector<Member> members_;
};

struct Value::Member {
  std::string key;
  Location key_loc;
  Value value;
};

// Defined once Member is complete: clang instantiates the vector's members where a function
// body in the class would use them, and Member is incomplete there.
inline void Value::Add(Value v) { items_.push_back(std::move(v)); }

/// Normalises a property name for loose matching: lower-case, without '_', '-' and ' '.
std::string LooseKey(std::string_view key);

const char* KindName(Value::Kind kind);

}  // namespace iaclint

#endif  // IACLINT_MODEL_VALUE_H_
