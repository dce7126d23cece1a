#include "input/load.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "base/files.h"
#include "base/in_order.h"
#include "base/parallel.h"
#include "base/text.h"
#include "cfn/template.h"
#include "input/formats.h"
#include "model/tool_findings.h"
#include "orgs/link.h"
#include "parse/json_reader.h"
#include "parse/limits.h"
#include "parse/yaml_reader.h"
#include "terraform/tf_merge.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

bool HasExtension(const std::string& path, std::initializer_list<const char*> exts) {
  const std::string ext = fs::path(path).extension().string();
  for (const char* e : exts) {
    if (ext == e) return true;
  }
  return false;
}

bool IsTerraformSource(const std::string& path) {
  return HasExtension(path, {".tf"}) || path.ends_with(".tfvars");
}

bool IsDocumentCandidate(const std::string& path) {
  return HasExtension(path, {".json", ".yaml", ".yml", ".template", ".cfn"});
}

bool IsConfigFile(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  return name == ".iaclint.yaml" || name == ".iaclint.yml";
}

// A ${...} placeholder written where a JSON value goes: a template another tool renders
// (LZA's ${ACCEL_LOOKUP::...} resource policies), not a broken document.
bool HasBarePlaceholder(std::string_view text) {
  for (size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 2)) {
    size_t i = at;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '\r')) --i;
    if (i > 0 && (text[i - 1] == ':' || text[i - 1] == '[' || text[i - 1] == ',')) return true;
  }
  return false;
}

// A policy document (an SCP file) that does not parse, e.g. with // comments IAM rejects.
bool LooksLikePolicyText(std::string_view text) {
  return text.find("\"Statement\"") != std::string_view::npos &&
         text.find("\"Version\"") != std::string_view::npos && !HasBarePlaceholder(text);
}

// Text that suggests the file was meant to be an input, so a parse error is worth a finding
// even when the file was found by a directory walk.
bool LooksLikeIac(std::string_view text) {
  if (LooksLikePolicyText(text)) return true;
  return text.find("AWSTemplateFormatVersion") != std::string_view::npos ||
         text.find("\"terraform_version\"") != std::string_view::npos ||
         (text.find("Resources") != std::string_view::npos &&
          text.find("AWS::") != std::string_view::npos);
}

// The type a file that does not parse was probably meant to be, for its IAC0001 finding.
std::string GuessType(std::string_view text) {
  if (text.find("\"terraform_version\"") != std::string_view::npos) return "tfplan";
  // A template embeds policy documents; a policy file names no CloudFormation type.
  const bool template_text = text.find("AWSTemplateFormatVersion") != std::string_view::npos ||
                             text.find("AWS::") != std::string_view::npos;
  return !template_text && LooksLikePolicyText(text) ? "scp" : "cfn";
}

// The ASCII characters of a text: enough to recognise a UTF-16 template by its keywords.
std::string AsciiOf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c > 0 && static_cast<unsigned char>(c) < 0x80) out += c;
  }
  return out;
}

Finding ParseErrorFinding(const Error& e, FileId file) {
  Location where = e.where;
  where.file = file;
  if (where.line == 0) where.line = where.column = 1;
  return ToolFinding(kParseError, e.message, where);
}

struct UnitResult {
  Fragment fragment;
  std::string fatal;  ///< explicit file of no supported type
  std::string skipped;  ///< why a document was not analysed (for InputTrace)
};

Result<ParsedDocument> ParseDocument(std::string_view text, const std::string& path, FileId file,
                                     const ParseLimits& limits) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  // A .yaml file is YAML even when it starts with '{' (flow style; JSON is YAML too).
  const bool json = HasExtension(path, {".json"}) ||
                    (!HasExtension(path, {".yaml", ".yml"}) && first != std::string_view::npos &&
                     (text[first] == '{' || text[first] == '['));
  return json ? ParseJson(text, file, limits) : ParseYaml(text, file, limits);
}

void ProcessDocument(const WalkEntry& entry, std::string text, const LoadOptions& options,
                     UnitResult& result) {
  Fragment& out = result.fragment;
  // The text is kept once, in the model (no copy: a file may be hundreds of megabytes).
  if (text.size() != StripUtf8Bom(text).size()) text.erase(0, 3);
  const FileId file = out.AddFile(SourceFile{entry.path, entry.disk_path, "", std::move(text)});
  const std::string_view view = out.files[file].text;
  DocumentInput in{entry, view, file, options};
  const FormatHandler* forced = options.forced_type.empty() ? nullptr : FindFormat(options.forced_type);
  for (const FormatHandler& f : Formats()) {
    if (forced && forced != &f) continue;
    if (f.claims_text && f.claims_text(in)) {
      out.files[file].type = std::string(f.type);
      f.process_text(in, out);
      return;
    }
  }
  if (auto bad = UnsupportedEncoding(view)) {
    if (entry.explicit_arg || LooksLikeIac(view) || LooksLikeIac(AsciiOf(view.substr(0, 64 << 10)))) {
      out.files[file].type = forced ? std::string(forced->type) : GuessType(view);
      out.diagnostics.push_back(ToolFinding(kParseError, *bad, Location{file, 1, 1, 1, 1}));
    } else {
      result.skipped = *bad + ", and nothing in it looks like infrastructure as code";
    }
    return;
  }
  auto doc = ParseDocument(view, entry.path, file, options.limits);
  if (!doc.ok()) {
    if (entry.explicit_arg || forced || LooksLikeIac(view)) {
      out.files[file].type = forced ? std::string(forced->type) : GuessType(view);
      out.diagnostics.push_back(ParseErrorFinding(doc.error(), file));
    } else {
      const Error& e = doc.error();
      result.skipped = "not YAML or JSON (" + e.message + " at " + std::to_string(e.where.line) +
                       ":" + std::to_string(e.where.column) +
                       "), and nothing in it looks like infrastructure as code";
    }
    return;
  }
  for (const FormatHandler& f : Formats()) {
    if (forced && forced != &f) continue;
    if (!f.detects || (!forced && !f.detects(in, doc->root))) continue;
    out.files[file].type = std::string(f.type);
    for (const Error& w : doc->warnings) {
      out.diagnostics.push_back(ToolFinding(kParseError, w.message, w.where));
      out.diagnostics.back().severity = Severity::kWarning;
    }
    f.process(in, doc->root, out);
    return;
  }
  const std::string why_not_cfn = WhyNotCfnTemplate(doc->root);
  if (entry.explicit_arg) {
    result.fatal = entry.path + ": not a CloudFormation template (" + why_not_cfn +
                   "), Terraform plan, Terraform source, Landing Zone Accelerator config or "
                   "policy document";
  }
  result.skipped =
      "no input type recognises it (not a CloudFormation template: " + why_not_cfn + ")";
}

// A file over --max-file-size is not read. When it looks like an input (named on the command
// line, or its first bytes say so) that is an error: the account is not fully analysed.
void ReportTooLarge(const WalkEntry& entry, const Error& why, const LoadOptions& options,
                    Fragment& out) {
  constexpr size_t kPeek = 64 << 10;
  auto head = ReadFileHead(entry.disk_path, kPeek);
  const bool input = entry.explicit_arg || (IsDocumentCandidate(entry.path) && head.ok() &&
                                            LooksLikeIac(*head));
  if (!input && !IsDocumentCandidate(entry.path)) return;
  std::string type;
  if (input) {
    const bool plan = head.ok() && head->find("\"terraform_version\"") != std::string::npos;
    type = !options.forced_type.empty() ? options.forced_type : plan ? "tfplan" : "cfn";
  }
  const FileId file = out.AddFile(SourceFile{entry.path, entry.disk_path, type, ""});
  const std::string message = why.message + " (" + LimitHint("max_file_size") + "); not analysed";
  out.diagnostics.push_back(ToolFinding(input ? kParseError : kUnsupportedInput,
                                        input ? message : "skipped: " + message,
                                        Location{file, 1, 1, 1, 1}));
}

void ProcessUnit(const Unit& unit, const LoadOptions& options, UnitResult& result) {
  if (unit.kind == Unit::kTerraformDir) {
    if (TerraformDirLoader load = GetTerraformDirLoader()) {
      load(unit, options, result.fragment);
    } else {
      const FileId file = result.fragment.AddFile(
          SourceFile{unit.tf_files[0].path, unit.tf_files[0].disk_path, "tf", ""});
      result.fragment.diagnostics.push_back(ToolFinding(
          kUnsupportedInput, "Terraform sources are not supported by this build",
          Location{file, 1, 1, 1, 1}));
    }
    return;
  }
  if (unit.entry.path.ends_with(".tf.json")) {
    const FileId file = result.fragment.AddFile(SourceFile{unit.entry.path, unit.entry.disk_path, "", ""});
    result.fragment.diagnostics.push_back(ToolFinding(
        kUnsupportedInput,
        "Terraform JSON configuration (.tf.json) is not analysed; analyse the plan "
        "(terraform show -json) instead",
        Location{file, 1, 1, 1, 1}));
    result.skipped = "Terraform JSON configuration (.tf.json) is not analysed";
    return;
  }
  if (unit.entry.explicit_arg && options.forced_type.empty() && !IsDocumentCandidate(unit.entry.path)) {
    result.fatal = unit.entry.path + ": not a supported input (CloudFormation .yaml/.json/.template, "
                   "Terraform plan .json or .tf, LZA config, policy .json); use --type to force one";
    return;
  }
  bool too_large = false;
  auto text = ReadFileBounded(unit.entry.disk_path, options.limits.max_file_bytes, &too_large);
  if (!text.ok()) {
    if (too_large) {
      ReportTooLarge(unit.entry, text.error(), options, result.fragment);
    } else if (unit.entry.explicit_arg || IsDocumentCandidate(unit.entry.path)) {
      const FileId file = result.fragment.AddFile(SourceFile{unit.entry.path, unit.entry.disk_path, "", ""});
      result.fragment.diagnostics.push_back(
          ToolFinding(kUnsupportedInput, "skipped: " + text.error().message, Location{file, 1, 1, 1, 1}));
    }
    result.skipped = "not read: " + text.error().message;
    return;
  }
  ProcessDocument(unit.entry, std::move(*text), options, result);
}

// Replaces Fn::ImportValue placeholders with the exported values, across templates.
void LinkImports(Value& v, const std::map<std::string, Value>& exports) {
  if (v.is(Value::Kind::kUnknown) && v.category().rfind("import:", 0) == 0) {
    auto it = exports.find(v.category().substr(7));
    if (it != exports.end()) {
      const Location at = v.loc();
      v = it->second;
      v.set_loc(at);
    }
    return;
  }
  for (Value& item : v.items()) LinkImports(item, exports);
  for (auto& m : v.members()) LinkImports(m.value, exports);
}

}  // namespace

std::vector<Unit> PlanUnits(const std::vector<WalkEntry>& files) {
  std::vector<Unit> units;
  std::map<std::string, size_t> tf_dirs;  // directory -> unit index
  for (const WalkEntry& f : files) {
    if (IsConfigFile(f.path)) continue;
    if (IsTerraformSource(f.path)) {
      const std::string dir = fs::path(f.path).parent_path().generic_string();
      auto it = tf_dirs.find(dir);
      if (it == tf_dirs.end()) {
        Unit u;
        u.kind = Unit::kTerraformDir;
        u.entry = WalkEntry{dir.empty() ? "." : dir,
                            fs::path(f.disk_path).parent_path().string(), f.root, f.explicit_arg};
        tf_dirs[dir] = units.size();
        units.push_back(std::move(u));
        it = tf_dirs.find(dir);
      }
      units[it->second].tf_files.push_back(f);
      continue;
    }
    if (f.explicit_arg || IsDocumentCandidate(f.path)) {
      Unit u;
      u.entry = f;
      units.push_back(std::move(u));
    }
  }
  return units;
}

namespace {

// One trace per file of a unit; a Terraform directory unit traces each of its files.
void TraceUnit(const Unit& unit, const UnitResult& r, double millis,
               std::vector<InputTrace>& traces) {
  const std::vector<SourceFile>& files = r.fragment.files;
  if (unit.kind == Unit::kTerraformDir) {
    const bool loaded = GetTerraformDirLoader() != nullptr;
    const std::string type = loaded && !files.empty() ? files[0].type : "";
    for (const WalkEntry& f : unit.tf_files) {
      traces.push_back({f.path, type, loaded ? "" : "Terraform sources are not read by this build",
                        millis / static_cast<double>(unit.tf_files.size())});
    }
    return;
  }
  InputTrace t{unit.entry.path, files.empty() ? "" : files[0].type, r.skipped, millis};
  if (t.type.empty() && t.reason.empty()) t.reason = r.fatal.empty() ? "not read" : r.fatal;
  traces.push_back(std::move(t));
}

// Walked files that are not units: configuration files and names of no input type.
void TraceOthers(const std::vector<WalkEntry>& files, const std::vector<Unit>& units,
                 std::vector<InputTrace>& traces) {
  std::set<std::string> planned;
  for (const Unit& u : units) {
    if (u.kind == Unit::kDocument) planned.insert(u.entry.path);
    for (const WalkEntry& f : u.tf_files) planned.insert(f.path);
  }
  for (const WalkEntry& f : files) {
    if (planned.count(f.path)) continue;
    traces.push_back({f.path, IsConfigFile(f.path) ? "config" : "",
                      IsConfigFile(f.path) ? "" : "its file name is of no input type", 0});
  }
}

// What the finished units add to the model, merged one at a time in unit order.
struct Merged {
  Model& model;
  std::vector<std::string> fatal;
  std::vector<FollowUp> follow;  ///< nested templates the merged units name, in unit order

  void Add(UnitResult& r) {
    if (!r.fatal.empty()) fatal.push_back(std::move(r.fatal));
    for (FollowUp& f : r.fragment.follow) follow.push_back(std::move(f));
    MergeFragment(std::move(r.fragment), model);
  }
};

// Runs units on `options.jobs` threads and gives each result to `merge` in unit order,
// whatever the thread count, as soon as the units before it are merged: merging overlaps
// the parsing of later units. `merge` also receives the unit's time (for --debug-inputs).
void RunUnits(const std::vector<Unit>& units, const LoadOptions& options,
              const std::function<void(size_t, UnitResult&, double)>& merge) {
  std::vector<UnitResult> results(units.size());
  std::vector<double> millis(units.size(), 0);
  InOrder in_order(units.size(), [&](size_t i) {
    merge(i, results[i], millis[i]);
    results[i] = UnitResult{};
  });
  if (options.progress) options.progress->Stage("reading inputs", units.size());
  ParallelFor(units.size(), ThreadCount(options.jobs), [&](size_t i) {
    const auto start = std::chrono::steady_clock::now();
    ProcessUnit(units[i], options, results[i]);
    millis[i] =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (options.progress) options.progress->Tick();
    in_order.Finished(i);
  });
}

std::string CanonicalKey(const std::string& disk_path) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(disk_path, ec);
  return ec ? disk_path : p.string();
}

}  // namespace

std::vector<std::string> LoadInputs(const std::vector<WalkEntry>& files, const LoadOptions& options,
                                    Model& model) {
  std::vector<Unit> units = PlanUnits(files);
  Merged merged{model, {}, {}};
  RunUnits(units, options, [&](size_t i, UnitResult& r, double millis) {
    if (options.traces) TraceUnit(units[i], r, millis, *options.traces);
    merged.Add(r);
  });
  if (options.stdin_input) {
    UnitResult r;
    WalkEntry entry{options.stdin_input->first, "", "", true};
    ProcessDocument(entry, options.stdin_input->second, options, r);
    merged.Add(r);
  }
  if (options.traces) {
    TraceOthers(files, units, *options.traces);
    std::sort(options.traces->begin(), options.traces->end(),
              [](const InputTrace& a, const InputTrace& b) { return a.path < b.path; });
  }
  // Nested templates named by what was just analysed, until none is new: each file at most
  // once, so reference cycles end, and in a deterministic order. The canonical paths of the
  // documents already analysed cost a system call each: taken only when a template nests.
  std::set<std::string> loaded;
  bool loaded_known = false;
  while (!merged.follow.empty()) {
    if (!loaded_known) {
      for (const Unit& u : units) {
        if (u.kind == Unit::kDocument) loaded.insert(CanonicalKey(u.entry.disk_path));
      }
      loaded_known = true;
    }
    std::vector<Unit> more;
    for (FollowUp& f : std::exchange(merged.follow, {})) {
      if (!loaded.insert(f.disk_path).second) continue;
      Unit u;
      u.entry = WalkEntry{std::move(f.path), std::move(f.disk_path), std::move(f.root), false};
      more.push_back(std::move(u));
    }
    RunUnits(more, options, [&](size_t, UnitResult& r, double) { merged.Add(r); });
  }
  LinkInstantiatedDocuments(model);
  if (!model.exports().empty()) {
    for (Resource& r : model.resources()) LinkImports(r.properties, model.exports());
  }
  MergeTerraformConfigurations(model);
  return std::move(merged.fatal);
}

}  // namespace iaclint
