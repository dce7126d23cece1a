// The SAX handler behind ReadTerraformPlan (internal to the plan reader).
#ifndef IACLINT_TERRAFORM_PLAN_SAX_H_
#define IACLINT_TERRAFORM_PLAN_SAX_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/location.h"
#include "base/result.h"
#include "terraform/plan_reader.h"

namespace iaclint {

/// Turns byte offsets that only grow into lines and columns (UTF-16 units), in one pass
/// over the text however many positions are asked for.
class OffsetCursor {
 public:
  OffsetCursor(std::string_view text, FileId file) : text_(text), file_(file) {}
  Location At(size_t offset);

 private:
  std::string_view text_;
  FileId file_;
  size_t offset_ = 0;
  uint32_t line_ = 1;
  uint32_t column_ = 1;
};

/// Builds one value tree from SAX events, keeping only what a TfKeep asks for.
class ValueBuilder {
 public:
  /// keep == nullptr keeps everything.
  void Begin(const TfKeep* keep, size_t max_depth);
  /// Each returns true when the tree is complete.
  bool Scalar(Value v);
  bool Open(Value container);
  bool Close();
  /// Copies the key: the parser's buffer keeps its capacity for the next token.
  void Key(const std::string& key) {
    if (!skip_) key_.assign(key);
  }
  /// Whether the next value is dropped (inside a dropped container, or under a key the
  /// TfKeep does not ask for), so no value need be made for it.
  bool Dropping() const;
  bool too_deep() const { return too_deep_; }
  Value Take() { return std::move(root_); }

 private:
  struct Level {
    Value* value;
    const TfKeep* keep;
  };
  // Where the next value goes; nullptr when it is dropped.
  Value* Place(Value v, const TfKeep** keep);

  std::vector<Level> stack_;
  // The children of each open container (by depth), moved into an exactly sized vector when
  // it closes: growing the container's own vector would move its members several times and
  // shrinking it to fit once more, and a plan holds millions of them. The buffers keep their
  // capacity for the next container at the same depth.
  std::vector<std::vector<Value::Member>> members_at_;
  std::vector<std::vector<Value>> items_at_;
  Value root_;
  const TfKeep* root_keep_ = nullptr;
  std::string key_;
  size_t skip_ = 0;  // depth inside a dropped container
  size_t max_depth_ = 256;
  bool too_deep_ = false;
};

/// What the handler collects; ReadTerraformPlan assembles it into a TfPlan.
struct PlanParts {
  std::string format_version, terraform_version;
  Location format_version_loc;
  bool has_changes = false;  ///< a resource_changes array was seen
  bool state = false;        ///< values came from "values" (a state document)
  bool has_values = false;   ///< planned_values or values was seen

  struct Entry {  // a resource_changes entry, or a planned_values/values resource
    std::string address, module_address, mode, type, name;
    Value index;
    bool has_module_address = false;
    bool deposed = false;
    bool keep = true;  // its type is read
    bool unfiltered = false;  // built before its type was known: pruned at the end
    std::vector<std::string> actions;
    bool has_after = false;
    Value after, after_unknown;
    bool all_unknown = false;
    Location loc;
    size_t values_begin = 0, values_end = 0;  // planned_values: the values object's bytes
  };
  /// resource_changes, assembled as they are read (after with after_unknown applied), so
  /// no second copy of the entries is kept.
  std::vector<TfResourceInstance> instances;
  std::unordered_set<std::string> changed;  ///< every resource_changes address
  std::vector<Entry> planned;
  std::unordered_map<std::string, size_t> planned_index;
  /// configuration: "module path|local address" -> attribute path -> references
  std::map<std::string, std::map<std::string, std::vector<std::string>>> config_refs;
  /// configuration: "module path|local address" -> the attributes its block sets
  std::map<std::string, std::vector<std::string>> config_keys;
  std::map<std::string, TfModuleLinks> links;
  std::vector<Error> warnings;
};

class PlanSax {
 public:
  PlanSax(std::string_view text, FileId file, const PlanReadOptions& options,
          const char* const* position);

  // nlohmann SAX interface.
  bool null();
  bool boolean(bool b);
  bool number_integer(int64_t n);
  bool number_unsigned(uint64_t n);
  bool number_float(double, const std::string& text);
  bool string(std::string& s);
  bool binary(std::vector<uint8_t>&) { return true; }
  bool start_object(size_t);
  bool key(std::string& k);
  bool end_object();
  bool start_array(size_t);
  bool end_array();
  template <typename Exception>
  bool parse_error(size_t position, const std::string& token, const Exception& e) {
    ParseError(position, token, e.what());
    return false;
  }

  PlanParts& parts() { return parts_; }
  /// Set when the handler stopped the parse (invalid JSON, nesting too deep).
  const std::optional<Error>& error() const { return error_; }

 private:
  enum class Ctx : uint8_t {
    kTop, kRoot, kValuesRoot, kPvModule, kPvResources, kPvResource, kPvValues, kPvChildren,
    kChanges, kChangeEntry, kChange, kActions, kBuild, kConfig, kCfgModule, kCfgResources,
    kCfgResource, kExpr, kExprList, kRefList, kCfgCalls, kCfgCall, kCfgOutputs, kCfgOutput,
  };
  using RefMap = std::map<std::string, std::vector<std::string>>;
  struct Frame {
    Ctx ctx;
    std::string key;    // the pending key of an object
    size_t index = 0;   // the next element of an array
    std::string path;   // module path (modules, calls), attribute path (expressions)
    RefMap* sink = nullptr;
    size_t first_entry = 0;  // kPvModule: its first planned entry
  };
  enum class BuildTarget : uint8_t { kAfter, kAfterUnknown };

  bool Value_(Value v);
  bool Open(bool object);
  bool Close();
  void Push(Ctx ctx, std::string path = {}, RefMap* sink = nullptr);
  void Scalar(Frame& f, const std::string& name, Value& v);
  void EndEntry(PlanParts::Entry& e, bool change);
  void EndChange(PlanParts::Entry& e);
  void EndCfgResource();
  void Warn(const std::string& message);
  size_t Offset() const { return static_cast<size_t>(*position_ - text_.data()); }
  void ParseError(size_t position, const std::string& token, const std::string& what);

  std::string_view text_;
  FileId file_;
  const PlanReadOptions& options_;
  const char* const* position_;
  OffsetCursor cursor_;
  PlanParts parts_;
  std::vector<Frame> stack_;
  size_t skip_ = 0;
  ValueBuilder builder_;
  BuildTarget build_target_ = BuildTarget::kAfter;
  PlanParts::Entry entry_;
  bool in_change_ = false;
  struct CfgResource {
    std::string address, mode, type, name, module_path;
    RefMap refs;
    std::vector<std::string> keys;
  } cfg_;
  std::optional<Error> error_;
};

/// An unknown value as after_unknown marks it (category "after-unknown").
Value AfterUnknown();

/// Replaces the leaves that after_unknown marks true with Unknown values.
void MarkUnknown(Value& after, const Value& unknown);

/// A resource instance from a plan entry (its strings are moved out).
TfResourceInstance MakeInstance(PlanParts::Entry& e, std::string module_path);

/// Drops what `keep` does not ask for (for trees built before their type was known).
void Prune(Value& v, const TfKeep& keep);

/// Line and column of a byte offset, from the start of the text (for the rare lookups that
/// are not in increasing order).
Location LocationOfOffset(std::string_view text, FileId file, size_t offset);

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_PLAN_SAX_H_
