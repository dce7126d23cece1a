// Finds the literal metric-filter patterns of the shared corpus: CloudFormation
// (FilterPattern), Terraform (`pattern =` of aws_cloudwatch_log_metric_filter, plan JSON), LZA
// (`filterPattern:`) and YAML catalogs (`filter_pattern:`). Shared by the pattern smoke test
// and the control 09 rule corpus test.
#ifndef IACLINT_TESTS_PATTERN_CORPUS_SCAN_H_
#define IACLINT_TESTS_PATTERN_CORPUS_SCAN_H_

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "parse/json_reader.h"
#include "parse/yaml_reader.h"

namespace iaclint::testing {

namespace fs = std::filesystem;

struct Found {
  std::string file;
  std::string pattern;
};

inline std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline bool IsFilterKey(std::string_view key) {
  return key == "FilterPattern" || key == "filterPattern" || key == "filter_pattern";
}

// Walks a parsed JSON/YAML document for literal filter patterns.
inline void Collect(const Value& v, const std::string& file, std::vector<Found>& out) {
  if (v.is(Value::Kind::kMap)) {
    const bool tf_metric_filter =
        v.Find("metric_transformation") != nullptr || v.Find("log_group_name") != nullptr;
    for (const auto& m : v.members()) {
      const bool key = IsFilterKey(m.key) || (tf_metric_filter && m.key == "pattern");
      if (key && m.value.is(Value::Kind::kString)) out.push_back({file, m.value.str()});
      Collect(m.value, file, out);
    }
  } else {
    for (const Value& item : v.items()) Collect(item, file, out);
  }
}

// An HCL quoted string starting at `at` (on the quote); nullopt for interpolations.
inline std::optional<std::string> HclString(std::string_view text, size_t at) {
  std::string out;
  for (size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '"')
      return out.find("${") == std::string::npos ? std::optional(out) : std::nullopt;
    if (text[i] == '\n') return std::nullopt;
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char e = text[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    } else {
      out += text[i];
    }
  }
  return std::nullopt;
}

// `<<MARK` / `<<-MARK` heredoc starting at `at` (on the first '<').
inline std::optional<std::string> HclHeredoc(std::string_view text, size_t at) {
  size_t i = at + 2;
  if (i < text.size() && text[i] == '-') ++i;
  const size_t mark_start = i;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
    ++i;
  const std::string mark(text.substr(mark_start, i - mark_start));
  const size_t body = text.find('\n', i);
  if (mark.empty() || body == std::string_view::npos) return std::nullopt;
  size_t line = body + 1;
  std::string out;
  while (line < text.size()) {
    size_t end = text.find('\n', line);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(line, end - line);
    const size_t first = l.find_first_not_of(" \t");
    if (first != std::string_view::npos && l.substr(first) == mark) {
      return out.find("${") == std::string::npos ? std::optional(out) : std::nullopt;
    }
    out += std::string(l) + "\n";
    line = end + 1;
  }
  return std::nullopt;
}

// `pattern = ...` inside `resource "aws_cloudwatch_log_metric_filter"` blocks.
inline void CollectTerraform(std::string_view text, const std::string& file,
                             std::vector<Found>& out) {
  const std::string_view kResource = "\"aws_cloudwatch_log_metric_filter\"";
  for (size_t at = text.find(kResource); at != std::string_view::npos;
       at = text.find(kResource, at + 1)) {
    const size_t open = text.find('{', at);
    if (open == std::string_view::npos) return;
    int depth = 0;
    size_t end = open;
    for (; end < text.size(); ++end) {
      if (text[end] == '{') ++depth;
      if (text[end] == '}' && --depth == 0) break;
    }
    const std::string_view block = text.substr(open, end - open);
    for (size_t p = block.find("pattern"); p != std::string_view::npos;
         p = block.find("pattern", p + 1)) {
      if (p > 0 && (std::isalnum(static_cast<unsigned char>(block[p - 1])) || block[p - 1] == '_'))
        continue;
      size_t v = p + 7;
      while (v < block.size() && (block[v] == ' ' || block[v] == '\t')) ++v;
      if (v >= block.size() || block[v] != '=') continue;
      ++v;
      while (v < block.size() && (block[v] == ' ' || block[v] == '\t')) ++v;
      std::optional<std::string> value;
      if (block.substr(v).starts_with("\"")) value = HclString(block, v);
      if (block.substr(v).starts_with("<<")) value = HclHeredoc(block, v);
      if (value) out.push_back({file, *value});
    }
  }
}

inline constexpr size_t kMaxScannedBytes = 1 << 20;

inline bool MayHoldFilter(std::string_view text) {
  for (std::string_view key :
       {"FilterPattern", "filterPattern", "filter_pattern", "aws_cloudwatch_log_metric_filter"}) {
    if (text.find(key) != std::string_view::npos) return true;
  }
  return false;
}

inline std::vector<Found> ScanCorpus(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Found> found;
  for (const fs::path& path : files) {
    const std::string ext = path.extension().string();
    const std::string rel = fs::relative(path, root).string();
    if (ext == ".tf") {
      CollectTerraform(ReadAll(path), rel, found);
      continue;
    }
    if (ext != ".json" && ext != ".yaml" && ext != ".yml" && ext != ".template") continue;
    if (rel == "MANIFEST.json") continue;
    const std::string text = ReadAll(path);
    if (!MayHoldFilter(text)) continue;
    // ParseJson's line/column bookkeeping is quadratic on one-line multi-megabyte files
    // (plan JSON); none of those holds a metric filter, so they are left out.
    if (text.size() > kMaxScannedBytes) {
      std::cout << "  skipped (over 1 MB): " << rel << "\n";
      continue;
    }
    auto doc = (ext == ".json" || ext == ".template") &&
                       text.find_first_not_of(" \n\r\t") < text.size() &&
                       (text[text.find_first_not_of(" \n\r\t")] == '{' ||
                        text[text.find_first_not_of(" \n\r\t")] == '[')
                   ? ParseJson(text, 0)
                   : ParseYaml(text, 0);
    if (doc.ok()) Collect(doc->root, rel, found);
  }
  return found;
}

/// The corpus root next to the source tree (../shared/corpus), or nullopt when absent.
inline std::optional<fs::path> CorpusRoot() {
  const fs::path root = fs::path(IACLINT_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::exists(root)) return std::nullopt;
  return root;
}

}  // namespace iaclint::testing

#endif  // IACLINT_TESTS_PATTERN_CORPUS_SCAN_H_
