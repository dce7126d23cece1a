#include "terraform/tf_format.h"

#include <algorithm>
#include <map>

#include "base/suppression_comments.h"
#include "model/tool_findings.h"
#include "terraform/mapping.h"
#include "terraform/tf_address.h"

namespace iaclint {

std::vector<TfModuleLinks> ModuleLinksOf(const std::vector<TfModuleCall>& calls) {
  std::vector<TfModuleLinks> out;
  for (const TfModuleCall& call : calls) {
    // Every instance of a call has the same configuration: one entry per call path.
    const std::string path = StripInstanceKeys(call.address);
    bool seen = false;
    for (const TfModuleLinks& l : out) seen |= l.address == path;
    if (seen) continue;
    out.push_back(TfModuleLinks{path, call.references, call.output_references});
  }
  return out;
}

// Suppression comments in .tf files bind to the resource block they sit in or directly above.
// Each file is scanned once, and only when a resource of this unit is declared in it.
void AttachSuppressionComments(Fragment& out, size_t first_resource) {
  std::map<FileId, SuppressionComments> comments;
  for (size_t i = first_resource; i < out.resources.size(); ++i) {
    Resource& r = out.resources[i];
    if (!r.loc.known() || r.loc.file >= out.files.size()) continue;
    const SourceFile& file = out.files[r.loc.file];
    if (file.type != "tf") continue;
    auto it = comments.try_emplace(r.loc.file, file.text, r.loc.file, CommentSyntax::kHcl).first;
    if (it->second.empty()) continue;
    for (Suppression& s : it->second.ForBlock(r.loc.line, std::max(r.loc.line, r.loc.end_line))) {
      r.suppressions.push_back(std::move(s));
    }
  }
}

void LoadTerraformDir(const Unit& unit, const LoadOptions& options, Fragment& out) {
  TfLoadOptions load;
  load.root = unit.entry.root;
  load.var_files = options.var_files;
  load.parse.limits = options.limits;
  load.parse.threads = options.jobs;  // a big .tf is usually a unit of its own
  Model files;
  TfLoadResult r = LoadTerraformModule(unit.entry.path, load, files);
  // The loader registers files in a model of its own; they move into the fragment in order.
  std::vector<FileId> remap;
  for (const SourceFile& f : files.files()) remap.push_back(out.AddFile(f));
  const FileId first =
      remap.empty() ? out.AddFile(SourceFile{unit.entry.path, unit.entry.disk_path, "tf", ""})
                    : remap.front();
  auto place = [&](Location loc) {
    RemapLocation(loc, remap);
    return loc.known() ? loc : Location{first, 1, 1, 1, 1};
  };
  for (const Error& e : r.errors) {
    // A module the loader does not read (outside the analysed tree, or not on disk) is a
    // limit of this analysis, not a syntax error: Terraform would read the files.
    const bool unread = e.message.find("outside the analysed root") != std::string::npos ||
                        e.message.find("does not exist") != std::string::npos;
    out.diagnostics.push_back(
        ToolFinding(unread ? kUnsupportedInput : kParseError, e.message, place(e.where)));
  }
  for (const auto& [name, u] : r.unread) {
    out.unread.push_back({place(u.where), u.message, unit.entry.path, name});
  }
  for (const Error& n : r.notes) {
    out.diagnostics.push_back(ToolFinding(kUnsupportedInput, n.message, place(n.where)));
  }
  TfConfiguration config;
  config.instances = std::move(r.instances);
  config.modules = ModuleLinksOf(r.modules);
  for (TfResourceInstance& i : config.instances) {
    RemapLocation(i.loc, remap);
    RemapFiles(i.attributes, remap);
    RemapFiles(i.exists, remap);
  }
  if (!options.mappings) return;
  auto mapping = ParseTfMapping(options.mappings->terraform);
  if (!mapping.ok()) {
    out.diagnostics.push_back(ToolFinding(
        kUnsupportedInput, "the Terraform mapping is invalid: " + mapping.error().message,
        Location{first, 1, 1, 1, 1}));
    return;
  }
  TfMapContext ctx{*mapping, &options.mappings->types, unit.entry.path, first, options.limits};
  const size_t first_resource = out.resources.size();
  MapTerraform(std::move(config), ctx, out);
  AttachSuppressionComments(out, first_resource);
}

}  // namespace iaclint
