// Reads, detects, parses and normalises every input file into one model. Files are processed
// in parallel and merged in path order, so the model does not depend on the thread count.
#ifndef IACLINT_INPUT_LOAD_H_
#define IACLINT_INPUT_LOAD_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/progress.h"
#include "input/walk.h"
#include "model/fragment.h"
#include "model/mappings.h"
#include "parse/limits.h"

namespace iaclint {

/// What became of one input file (the hidden `check --debug-inputs FILE`, used by the
/// corpus test): its detected type, or why it was not analysed, and the time it took.
struct InputTrace {
  std::string path;
  std::string type;    ///< detected type; "" when the file was not analysed
  std::string reason;  ///< why it was not analysed ("" when it was)
  double millis = 0;   ///< reading, parsing and normalising its unit
};

struct LoadOptions {
  unsigned jobs = 0;  ///< 0 = all cores
  ParseLimits limits;
  std::string forced_type;  ///< --type for explicit files: cfn, tfplan, tf, lza, scp
  const Mappings* mappings = nullptr;
  std::vector<std::string> var_files;  ///< Terraform --var-file
  std::map<std::string, std::string> cfn_parameters;
  /// Standard input as one file: its text and the name it is reported under.
  std::optional<std::pair<std::string, std::string>> stdin_input;
  /// When set, receives one entry per walked file, in path order.
  std::vector<InputTrace>* traces = nullptr;
  /// Counts finished units for the terminal progress line (may be null).
  ProgressLine* progress = nullptr;
};


/// What a unit of work is: one document, or one directory of Terraform sources.
struct Unit {
  enum Kind { kDocument, kTerraformDir } kind = kDocument;
  WalkEntry entry;                   ///< the document, or the directory for kTerraformDir
  std::vector<WalkEntry> tf_files;   ///< .tf/.tfvars files of a kTerraformDir unit
};

/// Adds every input to `model` (after the files it already holds). Returns the problems that
/// make the run fail with exit status 2 (an explicit file of no supported type).
std::vector<std::string> LoadInputs(const std::vector<WalkEntry>& files, const LoadOptions& options,
                                    Model& model);

/// Groups walked files into units: documents, and one unit per directory of .tf files.
std::vector<Unit> PlanUnits(const std::vector<WalkEntry>& files);

}  // namespace iaclint

#endif  // IACLINT_INPUT_LOAD_H_
