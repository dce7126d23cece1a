// Turns the PATH arguments into the sorted list of files to consider. Never follows a path out
// of the analysed tree, never loops on symlinks, never opens FIFOs or devices.
#ifndef IACLINT_INPUT_WALK_H_
#define IACLINT_INPUT_WALK_H_

#include <string>
#include <vector>

#include "base/result.h"

namespace iaclint {

struct WalkOptions {
  std::vector<std::string> exclude;  ///< globs (config exclude:), matched on reported paths
  bool use_gitignore = true;
};

struct WalkEntry {
  std::string path;       ///< reported path: relative to the working directory, '/' separators
  std::string disk_path;  ///< path to open
  std::string root;       ///< the analysed tree it belongs to (the PATH argument, absolute)
  bool explicit_arg = false;  ///< named on the command line (not found by a walk)
};

struct WalkResult {
  std::vector<WalkEntry> files;
  /// Files skipped for a reason worth telling (symlink out of the tree, unreadable).
  std::vector<std::pair<std::string, std::string>> skipped;
};

/// Walks the given paths. An argument that does not exist is an error.
Result<WalkResult> WalkPaths(const std::vector<std::string>& paths, const WalkOptions& options);

/// The reported form of a path: relative to the working directory when below it.
std::string DisplayPath(const std::string& path);

/// True when `path` (absolute, normalised) is `root` or inside it.
bool IsInside(const std::string& path, const std::string& root);

/// gitignore-style glob: '*' within a segment, '**' across segments, '?' one character.
bool PathGlobMatch(std::string_view pattern, std::string_view path);

}  // namespace iaclint

#endif  // IACLINT_INPUT_WALK_H_
