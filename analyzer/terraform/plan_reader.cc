#include "terraform/plan_reader.h"

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "parse/json_events.h"
#include "terraform/plan_sax.h"
#include "terraform/tf_address.h"

namespace iaclint {

namespace {

// Feeds a ValueBuilder from a JSON text (the values object of one planned_values entry).
class BuilderSax {
 public:
  BuilderSax(ValueBuilder& b) : b_(b) {}
  bool null() { return Done(b_.Scalar(Value::Null())); }
  bool boolean(bool v) { return Done(b_.Scalar(Value::Bool(v))); }
  bool number_integer(int64_t n) { return Done(b_.Scalar(Value::Number(std::to_string(n)))); }
  bool number_unsigned(uint64_t n) { return Done(b_.Scalar(Value::Number(std::to_string(n)))); }
  bool number_float(double, const std::string& s) { return Done(b_.Scalar(Value::Number(s))); }
  bool string(std::string& s) { return Done(b_.Scalar(Value::String(std::move(s)))); }
  bool binary(std::vector<uint8_t>&) { return true; }
  bool start_object(size_t) { return Done(b_.Open(Value::Map())); }
  bool key(std::string& k) {
    b_.Key(k);
    return true;
  }
  bool end_object() { return Done(b_.Close()); }
  bool start_array(size_t) { return Done(b_.Open(Value::List())); }
  bool end_array() { return Done(b_.Close()); }
  template <typename E>
  bool parse_error(size_t, const std::string&, const E&) {
    return false;
  }

 private:
  bool Done(bool) { return !b_.too_deep(); }
  ValueBuilder& b_;
};

// An attribute that is unknown in the plan although the configuration does not set it is
// computed by the provider (aws_s3_bucket.lifecycle_rule, max_password_age): the
// configuration declares nothing there, so it is absent rather than unknown. Attributes the
// configuration sets (literally, through references or in a block) stay unknown.
void DropComputedUnknowns(Value& attributes, const std::vector<std::string>& configured) {
  auto& members = attributes.members();
  members.erase(std::remove_if(members.begin(), members.end(),
                               [&](const Value::Member& m) {
                                 return m.value.is(Value::Kind::kUnknown) &&
                                        m.value.category() == "after-unknown" &&
                                        std::find(configured.begin(), configured.end(), m.key) ==
                                            configured.end();
                               }),
                members.end());
}

// References that can lead to a resource, of the attributes the mapping reads: locals,
// count/each and path values lead nowhere, and the rest would only take memory.
std::map<std::string, std::vector<std::string>> UsefulReferences(
    const std::map<std::string, std::vector<std::string>>& all, const TfKeep* keep) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [path, refs] : all) {
    if (keep && !keep->all && !keep->keys.count(path.substr(0, path.find('.')))) continue;
    bool useful = false;
    for (const std::string& r : refs) {
      useful |=
          !(r.rfind("local.", 0) == 0 || r.rfind("each.", 0) == 0 || r.rfind("count.", 0) == 0 ||
            r.rfind("path.", 0) == 0 || r.rfind("terraform.", 0) == 0);
    }
    if (useful) out.emplace(path, refs);
  }
  return out;
}

// format_version "1.2" -> 1; nullopt when it does not start with a number.
std::optional<int> MajorVersion(const std::string& version) {
  int major = 0;
  size_t i = 0;
  while (i < version.size() && version[i] >= '0' && version[i] <= '9' && i < 6) {
    major = major * 10 + (version[i] - '0');
    ++i;
  }
  if (i == 0) return std::nullopt;
  return major;
}

Value ParseValuesSlice(std::string_view text, size_t begin, size_t end, const TfKeep* keep,
                       const ParseLimits& limits) {
  if (begin >= end || end > text.size()) return Value::Map();
  ValueBuilder builder;
  builder.Begin(keep, limits.max_depth);
  BuilderSax sax(builder);
  const char* position = nullptr;
  // The slice was read once already: it is valid JSON, unless nested too deep.
  const bool ok = ReadJsonEvents(text.substr(begin, end - begin), sax, &position);
  Value v = builder.Take();
  return ok && v.is(Value::Kind::kMap) ? std::move(v) : Value::Map();
}

void Assemble(std::string_view text, PlanParts& parts, const PlanReadOptions& options,
              TfPlan& plan) {
  plan.config.instances = std::move(parts.instances);
  // Resources with values but no change entry: a state document, or a plan without
  // resource_changes. Their values are read now, from the bytes recorded during the pass.
  std::unordered_set<std::string>& seen = parts.changed;
  for (PlanParts::Entry& e : parts.planned) {
    if (!e.keep || seen.count(e.address)) continue;
    seen.insert(e.address);
    const TfKeep* keep = nullptr;
    if (options.keep) keep = &options.keep->find(e.type)->second;
    Value values = ParseValuesSlice(text, e.values_begin, e.values_end, keep, options.limits);
    std::string module_path = e.module_address;
    TfResourceInstance inst = MakeInstance(e, std::move(module_path));
    inst.attributes = std::move(values);
    plan.config.instances.push_back(std::move(inst));
  }
  for (TfResourceInstance& inst : plan.config.instances) {
    const std::string key =
        StripInstanceKeys(inst.module_path) + "|" + ParseResourceAddress(inst.address).local;
    auto it = parts.config_refs.find(key);
    if (it != parts.config_refs.end()) {
      const TfKeep* keep = options.keep ? &options.keep->find(inst.type)->second : nullptr;
      inst.references = UsefulReferences(it->second, keep);
    }
    auto keys = parts.config_keys.find(key);
    if (keys != parts.config_keys.end()) DropComputedUnknowns(inst.attributes, keys->second);
  }
  for (auto& [path, links] : parts.links) plan.config.modules.push_back(std::move(links));
  plan.warnings.insert(plan.warnings.end(), parts.warnings.begin(), parts.warnings.end());
}

// The plan's parts, read by the fast reader; when it refuses the text, read again by
// nlohmann's parser, whose error message and position are the ones reported.
Result<PlanParts> ReadPlanParts(std::string_view text, FileId file,
                                const PlanReadOptions& options) {
  {
    const char* position = text.data();
    PlanSax sax(text, file, options, &position);
    if (ReadJsonEvents(text, sax, &position) && !sax.error()) return std::move(sax.parts());
  }
  const char* position = text.data();
  PlanSax sax(text, file, options, &position);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(PublishingIterator(text.data(), &position),
                                   PublishingIterator(text.data() + text.size(), &position), &sax);
  } catch (const std::exception& e) {
    return Error{std::string("invalid JSON: ") + e.what(), Location{file, 1, 1, 1, 1}};
  }
  if (sax.error()) return *sax.error();
  if (!ok) return Error{"invalid JSON", Location{file, 1, 1, 1, 1}};
  return std::move(sax.parts());  // the readers disagree (a bug): nlohmann's reading wins
}

}  // namespace

Result<TfPlan> ReadTerraformPlan(std::string_view text, FileId file,
                                 const PlanReadOptions& options) {
  Result<PlanParts> read = ReadPlanParts(text, file, options);
  if (!read.ok()) return read.error();
  PlanParts& parts = *read;
  if (parts.format_version.empty() && !parts.has_changes && !parts.has_values) {
    return Error{"not a Terraform plan: no top-level format_version", Location{file, 1, 1, 1, 1}};
  }
  // A plan trimmed by hand may have lost its format_version; its sections are read as 1.x.
  const std::optional<int> major =
      parts.format_version.empty() ? std::optional<int>(1) : MajorVersion(parts.format_version);
  if (!major || *major >= 2) {
    Location at =
        parts.format_version_loc.known() ? parts.format_version_loc : Location{file, 1, 1, 1, 1};
    return Error{"plan format_version " + parts.format_version +
                     " is not supported: iaclint reads format_version 0.x and 1.x (terraform "
                     "show -json of Terraform 0.12 to 1.x); use a Terraform release that writes "
                     "1.x, or an iaclint release that reads " +
                     parts.format_version,
                 at};
  }
  TfPlan plan;
  plan.format_version = parts.format_version;
  plan.terraform_version = parts.terraform_version;
  plan.state = parts.state && !parts.has_changes;
  Assemble(text, parts, options, plan);
  return plan;
}

}  // namespace iaclint
