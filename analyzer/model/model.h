// The single normalised model of one run (the account scope): every analysed file and every
// declared resource, whatever format declared it. Rules only ever see this.
#ifndef IACLINT_MODEL_MODEL_H_
#define IACLINT_MODEL_MODEL_H_

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/location.h"
#include "base/suppression_comments.h"
#include "base/text.h"
#include "model/finding.h"
#include "model/value.h"

namespace iaclint {

struct SourceFile {
  std::string path;       ///< as reported: relative to the working directory, '/' separators
  std::string disk_path;  ///< as opened (empty for stdin)
  std::string type;       ///< cfn, tfplan, tf, lza, scp, config, evidence
  std::string text;       ///< contents, kept for code frames, suppressions and line hashes
};

struct Resource {
  std::string id;           ///< CFN logical id, Terraform address, LZA key path
  std::string type;         ///< canonical type (AWS::CloudTrail::Trail, ...)
  std::string source_type;  ///< the type as written (aws_cloudtrail, Custom::IAMPasswordPolicy)
  std::string scope;        ///< namespace its references resolve in (template file, TF module)
  std::string evidence = "declared";  ///< "declared", or "declared (custom resource)"
  Location loc;                       ///< the declaration (logical id key, resource block)
  Value properties = Value::Map();
  /// Whether the resource exists: Bool(true), or a Choice/Unknown for a CFN Condition that
  /// cannot be decided offline.
  Value exists = Value::Bool(true);
  /// Inline (comment) and metadata suppressions bound to this resource.
  std::vector<Suppression> suppressions;
};

/// Code the inputs declare but iaclint did not read: a Terraform module from a registry
/// without `terraform init`, a module directory outside the analysed tree. It may declare
/// what an account-wide rule looks for, so such a rule cannot FAIL, only be UNKNOWN.
struct UnreadScope {
  Location where;     ///< the module call
  std::string what;   ///< "module 'trail' (source \"cloudposse/cloudtrail/aws\") was not read"
  std::string scope;  ///< the configuration it belongs to (a Terraform root directory)
  std::string name;   ///< the module call's name ("trail" for module "trail")
};

/// Where names and ARNs of a canonical type live, so literal names link resources across
/// templates and formats.
struct TypeInfo {
  std::string name_property;              ///< BucketName, LogGroupName, TopicName, ...
  std::vector<std::string> arn_patterns;  ///< "arn:*:s3:::{name}" ('*' matches one ARN field)
};

/// The key of a resource in the model: "scope#id" (Ref values hold it), or the id alone when
/// the scope is empty.
std::string ResourceKey(const std::string& scope, const std::string& id);

class Model {
 public:
  FileId AddFile(SourceFile file);
  /// The file already registered under this reported path (read from disk, not stdin), or
  /// kNoFile: a file that two units read, e.g. an SCP both walked and referenced by an LZA
  /// config, is listed once.
  FileId FindFile(const std::string& path, const std::string& disk_path) const;
  const SourceFile& file(FileId id) const { return files_[id]; }
  SourceFile& file(FileId id) { return files_[id]; }
  const std::deque<SourceFile>& files() const { return files_; }
  /// The line index of a file's text, built on first use and kept: emitters place many
  /// findings in one file, and rebuilding it per finding is quadratic. Not thread-safe.
  const LineIndex& Lines(FileId id) const;

  /// Adds a resource; indexes are rebuilt lazily on the next lookup.
  void AddResource(Resource r);
  const std::vector<Resource>& resources() const { return resources_; }
  std::vector<Resource>& resources() { return resources_; }
  /// Call after editing resources() in place (removing or reordering resources).
  void InvalidateIndex() { indexed_ = false; }
  /// Builds the lookup indexes now (OfType, Find, FindByName), on up to `threads` threads:
  /// lookups build them lazily, which only one thread may do. After this, until resources
  /// change, lookups from several threads are safe.
  void PrepareLookups(unsigned threads) const { Index(threads); }

  void SetTypeInfo(std::map<std::string, TypeInfo> info) { type_info_ = std::move(info); }
  const TypeInfo* type_info(std::string_view type) const;

  /// Resources of a canonical type, in declaration order.
  const std::vector<const Resource*>& OfType(const std::string& type) const;
  /// A resource by id within a scope.
  const Resource* Find(const std::string& scope, const std::string& id) const;
  /// A resource by its key (what Ref values hold; see ResourceKey).
  const Resource* FindByKey(const std::string& key) const;
  /// Resources of `type` whose name property equals `name` (any scope).
  std::vector<const Resource*> FindByName(const std::string& type, const std::string& name) const;
  /// The name of a resource (its name property, when it is a literal), or "".
  std::string NameOf(const Resource& r) const;

  /// Findings produced while reading and normalising (IAC0001, IAC0002, IAC0006, ...).
  std::vector<Finding>& diagnostics() { return diagnostics_; }
  const std::vector<Finding>& diagnostics() const { return diagnostics_; }

  /// What the inputs declare but iaclint could not read (see UnreadScope).
  std::vector<UnreadScope>& unread() { return unread_; }
  const std::vector<UnreadScope>& unread() const { return unread_; }

  /// CloudFormation exports (Outputs.*.Export.Name -> value), for Fn::ImportValue.
  std::map<std::string, Value>& exports() { return exports_; }
  const std::map<std::string, Value>& exports() const { return exports_; }

 private:
  void Index(unsigned threads = 1) const;

  std::deque<SourceFile> files_;
  std::unordered_map<std::string, FileId> file_index_;  ///< reported path of files read from disk
  std::vector<Resource> resources_;
  std::map<std::string, TypeInfo> type_info_;
  std::vector<Finding> diagnostics_;
  std::vector<UnreadScope> unread_;
  std::map<std::string, Value> exports_;

  mutable std::unordered_map<FileId, std::unique_ptr<LineIndex>> lines_;
  mutable bool indexed_ = false;
  mutable std::unordered_map<std::string, std::vector<const Resource*>> by_type_;
  mutable std::unordered_map<std::string, const Resource*> by_key_;
  mutable std::unordered_map<std::string, std::vector<const Resource*>> by_name_;
};

}  // namespace iaclint

#endif  // IACLINT_MODEL_MODEL_H_
