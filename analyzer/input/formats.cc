#include "input/formats.h"

#include "cfn/nested.h"
#include "cfn/template.h"
#include "model/tool_findings.h"
#include "terraform/plan_format.h"
#include "terraform/tf_format.h"

namespace iaclint {

namespace {

bool DetectCfn(const DocumentInput&, const Value& root) { return LooksLikeCfnTemplate(root); }

void ProcessCfn(const DocumentInput& in, const Value& root, Fragment& out) {
  CfnOptions options;
  options.mappings = in.options.mappings ? &in.options.mappings->cfn : nullptr;
  options.parameters = in.options.cfn_parameters;
  options.limits = in.options.limits;
  options.text = in.text;
  options.max_choices = in.options.limits.max_if_combinations;
  const size_t first = out.resources.size();
  NormaliseCfnTemplate(root, in.file, in.entry.path, options, out);
  FollowNestedStacks(in.entry, first, out);
}

}  // namespace

const std::vector<FormatHandler>& Formats() {
  static const std::vector<FormatHandler> formats = {
      {"cfn", nullptr, nullptr, DetectCfn, ProcessCfn},
      {"tfplan", ClaimsTerraformPlan, ProcessTerraformPlan, nullptr, nullptr},
  };
  return formats;
}

const FormatHandler* FindFormat(std::string_view type) {
  for (const FormatHandler& f : Formats()) {
    if (f.type == type) return &f;
  }
  return nullptr;
}

TerraformDirLoader GetTerraformDirLoader() { return LoadTerraformDir; }

}  // namespace iaclint
