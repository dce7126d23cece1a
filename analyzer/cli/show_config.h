// `iaclint check --show-config`: every effective setting and where it came from (default,
// profile, rule file, .iaclint.yaml:line:col, command-line option), as YAML that could be
// pasted into a .iaclint.yaml.
#ifndef IACLINT_CLI_SHOW_CONFIG_H_
#define IACLINT_CLI_SHOW_CONFIG_H_

#include <string>

#include "cli/pipeline.h"

namespace iaclint {

std::string ShowConfig(const CheckRun& run, const CheckOptions& options);

}  // namespace iaclint

#endif  // IACLINT_CLI_SHOW_CONFIG_H_
