// Files that an Organizations config points at (LZA policy files, CfCT templates and SCPs).
// They are read only from inside the analysed tree: a path that escapes it (../, an absolute
// path, a symbolic link leading out) is refused with a finding, and its content is never read.
#ifndef IACLINT_ORGS_REFERENCES_H_
#define IACLINT_ORGS_REFERENCES_H_

#include <map>
#include <optional>
#include <string>

#include "input/formats.h"

namespace iaclint {

class ReferenceReader {
 public:
  ReferenceReader(const DocumentInput& in, Fragment& out) : in_(in), out_(out) {}

  /// Reads the file `ref` names (relative to the referring document's directory) and registers
  /// it in the fragment with `type`. On failure reports why (IAC0006 at `ref`) and returns
  /// nullopt with *why set.
  std::optional<FileId> Read(const Value& ref, const std::string& type, std::string* why);

  /// Reads and parses a JSON policy document. Returns the document (located in its own file),
  /// or an Unknown value saying why it is not available.
  Value ReadPolicy(const Value& ref);

  /// Parses a referenced YAML or JSON document; a parse error is an IAC0001 finding in it.
  std::optional<Value> Parse(FileId file);

  Fragment& out() { return out_; }
  const DocumentInput& in() const { return in_; }

 private:
  const DocumentInput& in_;
  Fragment& out_;
  std::map<std::string, FileId> seen_;
};

/// A sibling file of a document (replacements-config.yaml next to global-config.yaml), read
/// without registering it; nullopt when it does not exist or cannot be read.
std::optional<std::string> ReadSibling(const DocumentInput& in, const std::string& name);

}  // namespace iaclint

#endif  // IACLINT_ORGS_REFERENCES_H_
