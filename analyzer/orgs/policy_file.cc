#include "orgs/policy_file.h"

#include <filesystem>

#include "policy/scp.h"

namespace iaclint {

bool DetectPolicyDocument(const DocumentInput& in, const Value& root) {
  const size_t first = in.text.find_first_not_of(" \t\r\n");
  const bool json = std::filesystem::path(in.entry.path).extension() == ".json" ||
                    (first != std::string_view::npos && in.text[first] == '{');
  return json && LooksLikePolicyDocument(root);
}

void ProcessPolicyDocument(const DocumentInput& in, const Value& root, Fragment& out) {
  if (!root.is(Value::Kind::kMap) || HasPrincipalElement(root)) return;
  Resource r;
  r.id = std::filesystem::path(in.entry.path).filename().string();
  r.type = "AWS::Organizations::Policy";
  r.source_type = "policy document";
  r.scope = in.entry.path;
  r.loc = root.loc();
  r.loc.file = in.file;
  r.properties.Set("Content", root, root.loc());
  out.resources.push_back(std::move(r));
}

}  // namespace iaclint
