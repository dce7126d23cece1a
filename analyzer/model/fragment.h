// What one unit of work (a template, a plan, a .tf module, an LZA config) contributes to the
// model. Units are read in parallel, each with its own file table, and merged in path order,
// so the model is the same whatever the thread count.
#ifndef IACLINT_MODEL_FRAGMENT_H_
#define IACLINT_MODEL_FRAGMENT_H_

#include <map>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/model.h"

namespace iaclint {

/// A further file a unit asks to analyse (a nested stack's local TemplateURL), already
/// confined to the analysed tree (input/confine.h). Each is loaded once, after the walk.
struct FollowUp {
  std::string path;       ///< reported path
  std::string disk_path;  ///< canonical path to open
  std::string root;       ///< the analysed tree it was confined to
};

struct Fragment {
  std::vector<SourceFile> files;  ///< local FileIds are indexes into this list
  std::vector<FollowUp> follow;
  std::vector<Resource> resources;
  std::vector<Finding> diagnostics;
  std::vector<UnreadScope> unread;
  std::map<std::string, Value> exports;

  FileId AddFile(SourceFile file) {
    files.push_back(std::move(file));
    return static_cast<FileId>(files.size() - 1);
  }
};

/// Moves a fragment into the model, renumbering its file ids.
void MergeFragment(Fragment fragment, Model& model);

/// Renumbers every Location of a value tree with `remap` (local id -> model id).
void RemapFiles(Value& value, const std::vector<FileId>& remap);
void RemapLocation(Location& loc, const std::vector<FileId>& remap);

}  // namespace iaclint

#endif  // IACLINT_MODEL_FRAGMENT_H_
