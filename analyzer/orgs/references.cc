#include "orgs/references.h"

#include <filesystem>

#include "base/files.h"
#include "base/text.h"
#include "input/walk.h"
#include "model/tool_findings.h"
#include "parse/json_reader.h"
#include "parse/yaml_reader.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

// The tree a referenced file must stay inside: the analysed PATH argument, or the working
// directory for standard input.
std::string TreeOf(const DocumentInput& in) {
  std::error_code ec;
  if (!in.entry.root.empty()) return in.entry.root;
  return fs::weakly_canonical(fs::current_path(ec), ec).string();
}

bool IsRemote(const std::string& ref) {
  return ref.rfind("s3://", 0) == 0 || ref.rfind("https://", 0) == 0 ||
         ref.rfind("http://", 0) == 0;
}

}  // namespace

std::optional<FileId> ReferenceReader::Read(const Value& ref, const std::string& type,
                                            std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<FileId> {
    *why = reason;
    out_.diagnostics.push_back(ToolFinding(kUnresolvedReference, reason, ref.loc()));
    return std::nullopt;
  };
  const auto text = ref.AsText();
  if (!text || text->empty() || ref.is(Value::Kind::kUnknown)) {
    *why = "the file name is known only at deployment";
    return std::nullopt;
  }
  if (IsRemote(*text)) return fail("'" + *text + "' is not a local file; it is not analysed");
  const fs::path base = in_.entry.disk_path.empty() ? fs::current_path()
                                                    : fs::path(in_.entry.disk_path).parent_path();
  const fs::path joined = (base / *text).lexically_normal();
  std::error_code ec;
  const std::string real = fs::weakly_canonical(joined, ec).string();
  if (fs::path(*text).is_absolute() || ec || !IsInside(real, TreeOf(in_))) {
    return fail("refused to read '" + *text + "': it is outside the analysed tree");
  }
  const std::string shown = DisplayPath(joined.string());
  if (auto it = seen_.find(shown); it != seen_.end()) return it->second;
  auto content = ReadFileBounded(joined.string(), in_.options.limits.max_file_bytes);
  if (!content.ok()) return fail("'" + *text + "': " + content.error().message);
  const std::string body(StripUtf8Bom(*content));
  const FileId id = out_.AddFile(SourceFile{shown, joined.string(), type, body});
  seen_[shown] = id;
  return id;
}

std::optional<Value> ReferenceReader::Parse(FileId file) {
  const SourceFile& f = out_.files[file];
  const std::string_view text = f.text;
  if (auto bad = UnsupportedEncoding(text)) {
    out_.diagnostics.push_back(ToolFinding(kParseError, *bad, Location{file, 1, 1, 1, 1}));
    return std::nullopt;
  }
  const size_t first = text.find_first_not_of(" \t\r\n");
  const bool json = fs::path(f.path).extension() == ".json" ||
                    (first != std::string_view::npos && text[first] == '{');
  auto doc =
      json ? ParseJson(text, file, in_.options.limits) : ParseYaml(text, file, in_.options.limits);
  if (!doc.ok()) {
    Location where = doc.error().where;
    where.file = file;
    if (where.line == 0) where.line = where.column = 1;
    out_.diagnostics.push_back(ToolFinding(kParseError, doc.error().message, where));
    return std::nullopt;
  }
  return std::move(doc->root);
}

Value ReferenceReader::ReadPolicy(const Value& ref) {
  std::string why;
  auto file = Read(ref, "scp", &why);
  if (!file) return Value::Unknown("policy file: " + why, ref.loc());
  auto doc = Parse(*file);
  if (!doc) return Value::Unknown("the policy file does not parse", ref.loc());
  return std::move(*doc);
}

std::optional<std::string> ReadSibling(const DocumentInput& in, const std::string& name) {
  if (in.entry.disk_path.empty()) return std::nullopt;
  const fs::path p = fs::path(in.entry.disk_path).parent_path() / name;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  if (!IsInside(fs::weakly_canonical(p, ec).string(), TreeOf(in)) || ec) return std::nullopt;
  auto text = ReadFileBounded(p.string(), in.options.limits.max_file_bytes);
  if (!text.ok()) return std::nullopt;
  return std::string(StripUtf8Bom(*text));
}

}  // namespace iaclint
