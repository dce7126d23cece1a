// The hidden `check --debug-inputs FILE` output: what became of every walked file. The corpus
// test reads it to check detection, list skip reasons, find slow files and count the values
// that stayed unresolved (by reason), which tells where resolution should improve next.
#ifndef IACLINT_CLI_DEBUG_INPUTS_H_
#define IACLINT_CLI_DEBUG_INPUTS_H_

#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "input/load.h"
#include "model/model.h"

namespace iaclint {

/// Unresolved values of every resource declared in each file, by reason: the category of
/// each Unknown ("parameter", "deploy-time", "import", ...) and "choice" for each Fn::If or
/// Condition that could not be decided.
std::map<std::string, std::map<std::string, size_t>> UnresolvedByFile(const Model& model);

/// Writes one tab-separated line per file: path, type ("-" when not analysed), milliseconds,
/// then the skip reason, or the unresolved values as "reason=count" words.
Result<bool> WriteInputTraces(const std::string& path, const std::vector<InputTrace>& traces,
                              const Model& model);

}  // namespace iaclint

#endif  // IACLINT_CLI_DEBUG_INPUTS_H_
