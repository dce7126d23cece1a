#include "pattern/monitoring_item.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "base/parallel.h"
#include "parse/yaml_reader.h"
#include "pattern/pattern_eval.h"

namespace iaclint {

namespace {

Error ErrorIn(std::string_view file, const Location& where, std::string_view message) {
  std::string text(file);
  if (where.line > 0) {
    text += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  }
  text += ": ";
  text += message;
  return Error{std::move(text), where};
}

// A required string member of a map.
Result<std::string> RequiredString(const Value& map, std::string_view key, std::string_view file) {
  const Value* v = map.Find(key);
  if (v == nullptr) return ErrorIn(file, map.loc(), "missing '" + std::string(key) + "'");
  if (!v->is(Value::Kind::kString) || v->str().empty()) {
    return ErrorIn(file, v->loc(), "'" + std::string(key) + "' must be a non-empty string");
  }
  return v->str();
}

Result<std::vector<SampleEvent>> ParseSamples(const Value& root, std::string_view key,
                                              std::string_view file) {
  std::vector<SampleEvent> out;
  const Value* list = root.Find(key);
  if (list == nullptr) return out;
  if (!list->is(Value::Kind::kList)) {
    return ErrorIn(file, list->loc(), "'" + std::string(key) + "' must be a list");
  }
  for (const Value& entry : list->items()) {
    if (!entry.is(Value::Kind::kMap)) {
      return ErrorIn(file, entry.loc(), "each sample must be a map with 'name' and 'event'");
    }
    auto name = RequiredString(entry, "name", file);
    if (!name) return name.error();
    const Value* event = entry.Find("event");
    if (event == nullptr || !event->is(Value::Kind::kMap)) {
      return ErrorIn(file, event ? event->loc() : entry.loc(),
                     "sample '" + *name + "' needs an 'event' map (a CloudTrail record)");
    }
    out.push_back(SampleEvent{std::move(*name), *event, EventText(*event)});
  }
  return out;
}

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

Result<MonitoringItem> ParseMonitoringItem(std::string_view yaml_text, std::string_view file_name) {
  auto doc = ParseYaml(yaml_text, 0);
  if (!doc) return ErrorIn(file_name, doc.error().where, doc.error().message);
  const Value& root = doc->root;
  if (!root.is(Value::Kind::kMap)) return ErrorIn(file_name, root.loc(), "expected a map");
  MonitoringItem item;
  item.file = std::string(file_name);
  auto id = RequiredString(root, "id", file_name);
  if (!id) return id.error();
  auto title = RequiredString(root, "title", file_name);
  if (!title) return title.error();
  item.id = std::move(*id);
  item.title = std::move(*title);
  if (const Value* notes = root.Find("notes"); notes && notes->is(Value::Kind::kString)) {
    item.notes = notes->str();
  }
  auto must = ParseSamples(root, "must_match", file_name);
  if (!must) return must.error();
  auto must_not = ParseSamples(root, "must_not_match", file_name);
  if (!must_not) return must_not.error();
  if (must->empty()) return ErrorIn(file_name, root.loc(), "'must_match' needs at least one event");
  item.must_match = std::move(*must);
  item.must_not_match = std::move(*must_not);
  return item;
}

Result<std::vector<MonitoringItem>> LoadMonitoringItems(std::string_view dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(fs::path(dir), ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".yaml") files.push_back(it->path());
  }
  if (ec) return Error{std::string(dir) + ": cannot list directory: " + ec.message(), {}};
  std::sort(files.begin(), files.end());
  // 270 KB of sample events are read on every run, and they are the longest part of a small
  // run's start: two threads take the files in turn. The first error in file order wins.
  std::vector<std::optional<Result<MonitoringItem>>> parsed(files.size());
  ParallelFor(files.size(), 2, [&](size_t i) {
    const auto text = ReadFile(files[i]);
    parsed[i] = text ? ParseMonitoringItem(*text, files[i].string())
                     : Result<MonitoringItem>(Error{files[i].string() + ": cannot read file", {}});
  });
  std::vector<MonitoringItem> items;
  for (auto& item : parsed) {
    if (!item->ok()) return item->error();
    items.push_back(std::move(**item));
  }
  return items;
}

}  // namespace iaclint
