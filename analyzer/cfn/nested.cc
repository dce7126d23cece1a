#include "cfn/nested.h"

#include <sys/stat.h>

#include "input/confine.h"
#include "model/tool_findings.h"

namespace iaclint {

namespace {

// The nested-template reference of a resource, or nullptr when it has none.
const Value* TemplateReference(const Resource& r) {
  if (r.source_type == "AWS::CloudFormation::Stack") return r.properties.Find("TemplateURL");
  if (r.source_type == "AWS::Serverless::Application") return r.properties.Find("Location");
  return nullptr;
}

bool IsLiteral(const Value& v) {
  return v.is(Value::Kind::kString) && !v.has(Value::kInterpolated) && !v.has(Value::kSymbolic);
}

}  // namespace

void FollowNestedStacks(const WalkEntry& entry, size_t first, Fragment& out) {
  for (size_t i = first; i < out.resources.size(); ++i) {
    const Resource& r = out.resources[i];
    const Value* url = TemplateReference(r);
    if (!url || !IsLiteral(*url) || IsRemoteReference(url->str())) continue;
    const std::string what =
        r.source_type == "AWS::CloudFormation::Stack" ? "TemplateURL" : "Location";
    auto target = ResolveConfined(url->str(), entry.disk_path, entry.root);
    if (!target.ok()) {
      out.diagnostics.push_back(
          RefusedPathFinding(what, url->str(), target.error(), url->loc(), r.id));
      continue;
    }
    // stat() only: whether it exists and is a file is known without opening it.
    struct stat st;
    if (stat(target->disk_path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      out.diagnostics.push_back(
          ToolFinding(kUnresolvedReference,
                      what + " '" + QuoteReference(url->str()) +
                          "' names no file in the analysed tree; the nested template "
                          "is not analysed",
                      url->loc(), r.id));
      continue;
    }
    out.follow.push_back(FollowUp{target->display, target->disk_path, entry.root});
  }
}

}  // namespace iaclint
