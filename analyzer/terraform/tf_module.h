// One module directory's declarations (parsed once), and the evaluation of one instance of
// it with its inputs. Internal to the loader.
#ifndef IACLINT_TERRAFORM_TF_MODULE_H_
#define IACLINT_TERRAFORM_TF_MODULE_H_

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "terraform/hcl_ast.h"
#include "terraform/tf_eval.h"
#include "terraform/tf_instance.h"
#include "terraform/tf_loader.h"

namespace iaclint {

struct TfModuleConfig {
  struct Resource {
    std::string mode;  ///< managed | data
    std::string type, name;
    const HclBlock* block = nullptr;
  };
  struct Call {
    std::string name, source;
    const HclBlock* block = nullptr;
  };

  std::string display_dir;  ///< as reported ("modules/trail")
  std::string disk_dir;
  std::vector<HclBody> bodies;  ///< one per parsed file, in file order
  /// Override files (override.tf, *_override.tf), merged into the declarations after the rest.
  std::vector<HclBody> override_bodies;
  std::deque<HclBlock> merged;  ///< declarations rewritten by override files
  std::map<std::string, const HclBlock*> variables;
  std::map<std::string, const HclBody::Attribute*> locals;
  std::map<std::string, const HclExpr*> outputs;
  std::vector<Resource> resources;
  std::map<std::string, size_t> resource_index;  ///< "aws_x.y" / "data.aws_x.y"
  std::vector<Call> calls;
};

/// Builds the declaration index of parsed bodies (the bodies must not move afterwards).
void IndexModule(TfModuleConfig& config, std::vector<Error>& notes);

/// Services the loader gives module instances: child module configs and the result sink.
class TfModuleHost {
 public:
  virtual ~TfModuleHost() = default;
  /// The config of a module call's source, or nullptr (not inspected; a note was made).
  virtual const TfModuleConfig* ChildConfig(const TfModuleConfig& parent,
                                            const std::string& key_path,
                                            const TfModuleConfig::Call& call) = 0;
  virtual TfEvalBudget& budget() = 0;
  virtual const TfLoadOptions& options() const = 0;
  virtual const std::string& root_display_dir() const = 0;
};

class TfModuleInstance : public TfScope {
 public:
  /// `inputs` are the module's variables as set by the caller (the root: tfvars);
  /// `key_path` names the module in modules.json ("a.b"); `path` is its address prefix.
  TfModuleInstance(TfModuleHost& host, const TfModuleConfig& config, std::string path,
                   std::string key_path, std::map<std::string, Value> inputs, size_t depth,
                   std::string unknown_count = "");
  ~TfModuleInstance() override;

  std::optional<Value> Resolve(std::string_view root, const std::vector<std::string_view>& names,
                               size_t* used, const Location& loc) override;
  TfEvalBudget& budget() override { return host_.budget(); }

  /// Appends every resource instance of this module and its children, and the calls.
  void Expand(TfLoadResult& out);

 private:
  struct Memo;
  struct ResourceState;
  struct CallState;

  Value Variable(const std::string& name, const Location& loc);
  Value Local(const std::string& name, const Location& loc);
  Value ResourceValue(size_t index, const Location& loc);
  Value ModuleValue(const std::string& name, const std::string* output, size_t* used,
                    const Location& loc);
  Value Output(const std::string& name, const Location& loc);
  ResourceState& EvaluateResource(size_t index);
  CallState& EvaluateCall(size_t index);
  Value Charge(const Value& v, const Location& loc);

  TfModuleHost& host_;
  const TfModuleConfig& config_;
  std::string path_;
  std::string key_path_;
  std::map<std::string, Value> inputs_;
  size_t depth_;
  std::string unknown_count_;  ///< why this module instance may not exist (unknown count)
  std::map<std::string, std::unique_ptr<Memo>> variables_, locals_, outputs_;
  std::vector<std::unique_ptr<ResourceState>> resources_;
  std::vector<std::unique_ptr<CallState>> calls_;
};

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TF_MODULE_H_
