#include "orgs/references.h"

#include <filesystem>

#include "base/files.h"
#include "base/text.h"
#include "input/confine.h"
#include "input/walk.h"
#include "model/tool_findings.h"
#include "parse/json_reader.h"
#include "parse/yaml_reader.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

// The field a reference was written in, for the message of a refused one.
std::string FieldOf(const std::string& type) {
  if (type == "scp") return "policy file";
  if (type == "cfct") return "parameter_file";
  return "resource_file";
}

}  // namespace

std::optional<FileId> ReferenceReader::Read(const Value& ref, const std::string& type,
                                            std::string* why) {
  const auto text = ref.AsText();
  if (!text || text->empty() || ref.is(Value::Kind::kUnknown)) {
    *why = "the file name is known only at deployment";
    return std::nullopt;
  }
  const std::string field = FieldOf(type);
  if (IsRemoteReference(*text)) {
    *why = "'" + QuoteReference(*text) + "' is not a local file; it is not analysed";
    out_.diagnostics.push_back(ToolFinding(kUnresolvedReference, *why, ref.loc()));
    return std::nullopt;
  }
  // The one place input paths are resolved: escapes (../, absolute paths, symbolic links out
  // of the tree) are refused there, and the target is never opened.
  auto target = ResolveConfined(*text, in_.entry.disk_path, in_.entry.root);
  if (!target.ok()) {
    *why = "'" + QuoteReference(*text) + "' " + target.error().message;
    out_.diagnostics.push_back(RefusedPathFinding(field, *text, target.error(), ref.loc()));
    return std::nullopt;
  }
  if (auto it = seen_.find(target->display); it != seen_.end()) return it->second;
  auto content = ReadFileBounded(target->disk_path, in_.options.limits.max_file_bytes);
  if (!content.ok()) {
    *why = "'" + QuoteReference(*text) + "': " + content.error().message;
    out_.diagnostics.push_back(ToolFinding(kUnresolvedReference, field + " " + *why, ref.loc()));
    return std::nullopt;
  }
  const std::string body(StripUtf8Bom(*content));
  const FileId id = out_.AddFile(SourceFile{target->display, target->disk_path, type, body});
  seen_[target->display] = id;
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
  auto target = ResolveConfined(name, in.entry.disk_path, in.entry.root);
  if (!target.ok()) return std::nullopt;
  std::error_code ec;
  if (!fs::is_regular_file(target->disk_path, ec)) return std::nullopt;
  auto text = ReadFileBounded(target->disk_path, in.options.limits.max_file_bytes);
  if (!text.ok()) return std::nullopt;
  return std::string(StripUtf8Bom(*text));
}

}  // namespace iaclint
