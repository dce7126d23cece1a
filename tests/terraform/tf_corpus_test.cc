// Runs the HCL reader and the loader over the shared corpus of real Terraform sources.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "terraform/hcl_parser.h"
#include "terraform/tf_loader.h"

namespace iaclint {
namespace {

namespace fs = std::filesystem;

fs::path CorpusDir() { return fs::path(IACLINT_SOURCE_DIR) / ".." / "shared" / "corpus"; }

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// MANIFEST.json: local path -> the reference parse result ("ok (terraform fmt)", "HCL ERROR ...").
std::map<std::string, std::string> ManifestParse(const fs::path& corpus) {
  std::map<std::string, std::string> out;
  const auto doc = nlohmann::json::parse(Slurp(corpus / "MANIFEST.json"), nullptr, false);
  if (doc.is_discarded()) return out;
  for (const auto& f : doc["files"]) {
    if (f.contains("analysis") && f["analysis"].contains("parse")) {
      out[f["local"].get<std::string>()] = f["analysis"]["parse"].get<std::string>();
    }
  }
  return out;
}

bool IsHclFile(const fs::path& p) {
  const std::string name = p.filename().string();
  return p.extension() == ".tf" || p.extension() == ".tfvars";
}

TEST(TfCorpus, SyntaxErrorsAgreeWithTerraformFmt) {
  const fs::path corpus = CorpusDir();
  if (!fs::is_directory(corpus / "terraform")) GTEST_SKIP() << "no corpus at " << corpus;
  const auto manifest = ManifestParse(corpus);
  ASSERT_FALSE(manifest.empty());
  size_t files = 0, rejected = 0, fmt_rejected = 0;
  for (const auto& entry : fs::recursive_directory_iterator(corpus / "terraform")) {
    if (!entry.is_regular_file() || !IsHclFile(entry.path())) continue;
    const std::string local = fs::relative(entry.path(), corpus).generic_string();
    const auto it = manifest.find(local);
    if (it == manifest.end()) continue;
    ++files;
    const std::string text = Slurp(entry.path());
    const HclParseResult r = ParseHcl(text, 0);
    const bool fmt_ok = it->second.rfind("ok", 0) == 0;
    fmt_rejected += !fmt_ok;
    if (!r.ok()) {
      ++rejected;
      EXPECT_FALSE(fmt_ok) << local << ":" << r.errors[0].where.line << ":"
                           << r.errors[0].where.column << ": " << r.errors[0].message
                           << " (terraform fmt accepts this file)";
    } else {
      EXPECT_TRUE(fmt_ok) << local << ": accepted, but terraform fmt says: " << it->second;
    }
  }
  EXPECT_GT(files, 600u);
  std::cout << files << " files: iaclint rejects " << rejected << ", terraform fmt rejects "
            << fmt_rejected << "\n";
}

TEST(TfCorpus, EveryDirectoryLoads) {
  const fs::path corpus = CorpusDir();
  if (!fs::is_directory(corpus / "terraform")) GTEST_SKIP() << "no corpus at " << corpus;
  std::set<fs::path> dirs;
  for (const auto& entry : fs::recursive_directory_iterator(corpus / "terraform")) {
    if (entry.is_regular_file() && entry.path().extension() == ".tf") {
      dirs.insert(entry.path().parent_path());
    }
  }
  size_t instances = 0, modules = 0;
  for (const fs::path& dir : dirs) {
    Model model;
    TfLoadOptions options;
    options.root = (corpus / "terraform").string();
    const TfLoadResult r = LoadTerraformModule(dir.string(), options, model);
    instances += r.instances.size();
    modules += r.modules.size();
    for (const auto& i : r.instances) {
      EXPECT_FALSE(i.address.empty());
      EXPECT_TRUE(i.loc.known()) << i.address;
    }
  }
  std::cout << dirs.size() << " directories, " << instances << " resource instances, " << modules
            << " module calls\n";
  EXPECT_GT(instances, 1000u);
}

}  // namespace
}  // namespace iaclint
