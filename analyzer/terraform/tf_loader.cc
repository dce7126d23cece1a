#include "terraform/tf_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>

#include "parse/json_reader.h"
#include "terraform/tf_module.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Display(const fs::path& p) {
  std::string s = p.lexically_normal().generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s.empty() ? "." : s;
}

// True when `p` (symlinks followed) lies inside `root` (already canonical).
bool Inside(const fs::path& p, const fs::path& root) {
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(p, ec);
  if (ec) return false;
  auto r = root.begin();
  auto q = real.begin();
  for (; r != root.end(); ++r, ++q) {
    if (r->empty()) continue;  // trailing separator
    if (q == real.end() || *q != *r) return false;
  }
  return true;
}

std::optional<std::string> ReadFile(const fs::path& p, size_t max_bytes, std::string* error) {
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (ec) return *error = "cannot read the file: " + ec.message(), std::nullopt;
  if (size > max_bytes) {
    *error = "the file is larger than " + std::to_string(max_bytes >> 20) + " MiB; not read";
    return std::nullopt;
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) return *error = "cannot open the file", std::nullopt;
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

Location FileStart(FileId id) {
  Location l;
  l.file = id;
  l.line = 1;
  l.column = 1;
  return l;
}

class Loader : public TfModuleHost {
 public:
  Loader(const TfLoadOptions& options, Model& model, TfLoadResult& out)
      : options_(options), model_(model), out_(out) {}

  void Run(const std::string& dir);

  const TfModuleConfig* ChildConfig(const TfModuleConfig& parent, const std::string& key_path,
                                    const TfModuleConfig::Call& call) override;
  TfEvalBudget& budget() override { return budget_; }
  const TfLoadOptions& options() const override { return options_; }
  const std::string& root_display_dir() const override { return root_display_; }

 private:
  const TfModuleConfig* LoadDir(const fs::path& disk, const std::string& display);
  std::optional<FileId> AddFile(const fs::path& disk, const std::string& display);
  std::map<std::string, Value> RootInputs(const TfModuleConfig& root);
  void ReadVarFile(const fs::path& disk, const std::string& display,
                   std::map<std::string, Value>& vars);
  void LoadModulesJson();
  void Refuse(const std::string& what, const Location& loc) {
    out_.errors.push_back(Error{what + " resolves outside the analysed root; not read", loc});
  }
  void Unread(const std::string& name, const std::string& source, const Location& loc) {
    out_.unread.emplace_back(
        name, Error{"module '" + name + "' (source \"" + source + "\") was not read", loc});
  }

  const TfLoadOptions& options_;
  Model& model_;
  TfLoadResult& out_;
  TfEvalBudget budget_;
  fs::path root_canonical_;
  fs::path module_disk_;  ///< the root module's directory, where modules.json lives
  std::string root_display_;
  std::map<std::string, std::unique_ptr<TfModuleConfig>> dirs_;  ///< by canonical path
  std::map<std::string, std::string> modules_json_;  ///< key -> dir (relative to the root module)
};

void Loader::Run(const std::string& dir) {
  std::error_code ec;
  module_disk_ = fs::path(dir);
  root_display_ = Display(dir);
  root_canonical_ = fs::weakly_canonical(options_.root.empty() ? dir : options_.root, ec);
  if (!fs::is_directory(module_disk_, ec)) {
    out_.errors.push_back(Error{"'" + dir + "' is not a directory", {}});
    return;
  }
  if (!Inside(module_disk_, root_canonical_)) {
    Refuse("the module directory '" + dir + "'", {});
    return;
  }
  LoadModulesJson();
  const TfModuleConfig* root = LoadDir(module_disk_, root_display_);
  if (root == nullptr) return;
  TfModuleInstance instance(*this, *root, "", "", RootInputs(*root), 0);
  instance.Expand(out_);
}

std::optional<FileId> Loader::AddFile(const fs::path& disk, const std::string& display) {
  std::string error;
  auto text = ReadFile(disk, options_.parse.limits.max_file_bytes, &error);
  const FileId id = model_.AddFile(SourceFile{display, disk.string(), "tf", text.value_or("")});
  if (!text) {
    out_.errors.push_back(Error{error, FileStart(id)});
    return std::nullopt;
  }
  return id;
}

const TfModuleConfig* Loader::LoadDir(const fs::path& disk, const std::string& display) {
  std::error_code ec;
  const std::string key = fs::weakly_canonical(disk, ec).string();
  if (auto it = dirs_.find(key); it != dirs_.end()) return it->second.get();
  auto config = std::make_unique<TfModuleConfig>();
  config->display_dir = display;
  config->disk_dir = disk.string();
  std::vector<std::string> names;
  for (fs::directory_iterator it(disk, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (EndsWith(name, ".tf") && it->is_regular_file(ec)) names.push_back(name);
  }
  // Override files come after all others, each group in lexical order, as Terraform loads them.
  const auto is_override = [](const std::string& n) {
    return n == "override.tf" || EndsWith(n, "_override.tf");
  };
  std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    return std::make_pair(is_override(a), a) < std::make_pair(is_override(b), b);
  });
  for (const std::string& name : names) {
    const fs::path file = disk / name;
    const std::string shown = Display(fs::path(display) / name);
    if (!Inside(file, root_canonical_)) {
      Refuse("'" + shown + "'", {});
      continue;
    }
    const auto id = AddFile(file, shown);
    if (!id) continue;
    HclParseResult parsed = ParseHcl(model_.file(*id).text, *id, options_.parse);
    if (!parsed.ok()) {
      for (Error& e : parsed.errors) out_.errors.push_back(std::move(e));
      continue;
    }
    (is_override(name) ? config->override_bodies : config->bodies)
        .push_back(std::move(parsed.body));
  }
  IndexModule(*config, out_.notes);
  return (dirs_[key] = std::move(config)).get();
}

// terraform.tfvars, then *.auto.tfvars in lexical order, then --var-file, then -var.
std::map<std::string, Value> Loader::RootInputs(const TfModuleConfig&) {
  std::map<std::string, Value> vars;
  std::vector<std::string> autos;
  std::error_code ec;
  for (fs::directory_iterator it(module_disk_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (EndsWith(name, ".auto.tfvars") || EndsWith(name, ".auto.tfvars.json")) {
      autos.push_back(name);
    }
  }
  std::sort(autos.begin(), autos.end());
  for (const char* name : {"terraform.tfvars", "terraform.tfvars.json"}) {
    if (fs::is_regular_file(module_disk_ / name, ec)) autos.insert(autos.begin(), name);
  }
  std::vector<std::string> files = autos;
  for (const std::string& f : options_.var_files) files.push_back(f);
  for (const std::string& f : files) {
    const fs::path disk = module_disk_ / f;
    const std::string shown = Display(fs::path(root_display_) / f);
    if (!Inside(disk, root_canonical_)) {
      Refuse("the variable file '" + f + "'", {});
      continue;
    }
    ReadVarFile(disk, shown, vars);
  }
  for (const auto& [name, value] : options_.vars) vars[name] = Value::String(value);
  return vars;
}

// Variable files hold constants only: they are evaluated without any name in scope.
class NoScope : public TfScope {
 public:
  std::optional<Value> Resolve(std::string_view root, const std::vector<std::string_view>&, size_t*,
                               const Location& loc) override {
    return Value::Unknown("variable files cannot refer to '" + std::string(root) + "'", loc);
  }
  TfEvalBudget& budget() override { return budget_; }

 private:
  TfEvalBudget budget_;
};

void Loader::ReadVarFile(const fs::path& disk, const std::string& display,
                         std::map<std::string, Value>& vars) {
  const auto id = AddFile(disk, display);
  if (!id) return;
  const std::string& text = model_.file(*id).text;
  if (EndsWith(display, ".json")) {
    auto doc = ParseJson(text, *id, options_.parse.limits);
    if (!doc.ok()) {
      out_.errors.push_back(doc.error());
    } else if (doc->root.is(Value::Kind::kMap)) {
      for (auto& m : doc->root.members()) vars[m.key] = std::move(m.value);
    }
    return;
  }
  HclParseResult parsed = ParseHcl(text, *id, options_.parse);
  if (!parsed.ok()) {
    for (Error& e : parsed.errors) out_.errors.push_back(std::move(e));
    return;
  }
  NoScope scope;
  TfInstanceKeys none;
  TfEvaluator ev(scope, none);
  for (const auto& a : parsed.body.attributes) vars[std::string(a.name)] = ev.Eval(a.value);
}

// .terraform/modules/modules.json, written by `terraform init`: {"Modules": [{"Key", "Source",
// "Dir"}]}, Dir relative to the root module.
void Loader::LoadModulesJson() {
  const fs::path file = module_disk_ / ".terraform" / "modules" / "modules.json";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return;
  if (!Inside(file, root_canonical_)) {
    Refuse("'.terraform/modules/modules.json'", {});
    return;
  }
  std::string error;
  const auto text = ReadFile(file, options_.parse.limits.max_file_bytes, &error);
  if (!text) return;
  auto doc = ParseJson(*text, kNoFile, options_.parse.limits);
  if (!doc.ok() || !doc->root.is(Value::Kind::kMap)) return;
  const Value* modules = doc->root.Find("Modules");
  if (modules == nullptr || !modules->is(Value::Kind::kList)) return;
  for (const Value& m : modules->items()) {
    const Value* key = m.Find("Key");
    const Value* dir = m.Find("Dir");
    if (key && dir && key->AsText() && dir->AsText())
      modules_json_[*key->AsText()] = *dir->AsText();
  }
}

const TfModuleConfig* Loader::ChildConfig(const TfModuleConfig& parent, const std::string& key_path,
                                          const TfModuleConfig::Call& call) {
  const std::string& source = call.source;
  fs::path disk;
  std::string display;
  if (!source.empty() && fs::path(source).is_absolute()) {
    Refuse("module '" + call.name + "' source \"" + source + "\"", call.block->loc);
    Unread(call.name, source, call.block->loc);
    return nullptr;
  }
  if (source.rfind("./", 0) == 0 || source.rfind("../", 0) == 0) {
    disk = fs::path(parent.disk_dir) / source;
    display = Display(fs::path(parent.display_dir) / source);
  } else if (auto it = modules_json_.find(key_path); it != modules_json_.end()) {
    disk = module_disk_ / it->second;
    display = Display(fs::path(root_display_) / it->second);
  } else {
    out_.notes.push_back(Error{"module '" + call.name + "' (source \"" + source +
                                   "\") is not inspected: only local modules and those in "
                                   ".terraform/modules/modules.json are read; analyse a plan "
                                   "JSON for the rest",
                               call.block->loc});
    Unread(call.name, source, call.block->loc);
    return nullptr;
  }
  if (!Inside(disk, root_canonical_)) {
    Refuse("module '" + call.name + "' source \"" + source + "\"", call.block->loc);
    Unread(call.name, source, call.block->loc);
    return nullptr;
  }
  std::error_code ec;
  if (!fs::is_directory(disk, ec)) {
    out_.errors.push_back(Error{
        "module '" + call.name + "': directory '" + display + "' does not exist", call.block->loc});
    Unread(call.name, source, call.block->loc);
    return nullptr;
  }
  const TfModuleConfig* config = LoadDir(disk, display);
  if (config == &parent) {
    out_.errors.push_back(
        Error{"module '" + call.name + "' calls its own directory", call.block->loc});
    return nullptr;
  }
  return config;
}

}  // namespace

TfLoadResult LoadTerraformModule(const std::string& dir, const TfLoadOptions& options,
                                 Model& model) {
  TfLoadResult out;
  Loader loader(options, model, out);
  loader.Run(dir);
  return out;
}

}  // namespace iaclint
