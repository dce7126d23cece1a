// Paths written inside inputs (a nested stack's TemplateURL, an LZA policy path, a CfCT
// resource_file, a Terraform module source, attestation evidence) are resolved here and only
// here, so that hostile input can never make iaclint read, or reveal, a file outside the tree
// it was asked to analyse. Nothing in this file opens a file.
#ifndef IACLINT_INPUT_CONFINE_H_
#define IACLINT_INPUT_CONFINE_H_

#include <string>
#include <string_view>

#include "base/result.h"
#include "model/finding.h"

namespace iaclint {

/// A path from an input that resolved inside the analysed tree.
struct ConfinedPath {
  std::string disk_path;  ///< canonical absolute path (symlinks resolved), safe to open
  std::string display;    ///< the reported form (relative to the working directory)
};

/// Resolves `reference`, as written in the file `from_disk_path`, relative to that file's
/// directory, and returns it only when it lies inside `root` (the analysed tree: a directory,
/// absolute or relative). Refused, with an Error that quotes the reference as written but
/// never the resolved path: empty references, NUL bytes, absolute paths, `file://` URLs with
/// a host or an absolute path, anything whose lexical form or whose real path (symlinks
/// followed) leaves `root`, and an empty `root` (standard input has no tree). The target is
/// not opened and need not exist; callers open it with ReadFileBounded, which refuses FIFOs
/// and devices.
Result<ConfinedPath> ResolveConfined(std::string_view reference, const std::string& from_disk_path,
                                     const std::string& root);

/// True when the reference names a remote object (s3://, https://, an S3 URL, a registry
/// module): something iaclint never fetches and callers leave unresolved.
bool IsRemoteReference(std::string_view reference);

/// A reference as it may appear in a message: control characters escaped, length bounded.
std::string QuoteReference(std::string_view reference);

/// The finding for a refused reference: IAC0006 (unresolved-reference) as a warning at `where`,
/// e.g. "TemplateURL '../../etc/passwd' is outside the analysed tree; not read".
/// `what` names the field ("TemplateURL", "module source", "evidence").
Finding RefusedPathFinding(const std::string& what, std::string_view reference, const Error& why,
                           const Location& where, std::string resource = "");

}  // namespace iaclint

#endif  // IACLINT_INPUT_CONFINE_H_
