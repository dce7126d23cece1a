// The command line: parses arguments and runs one command. Returns the process exit status.
#ifndef IACLINT_CLI_APP_H_
#define IACLINT_CLI_APP_H_

namespace iaclint {

/// 0: nothing at or above --fail-on; 1: findings at or above it; 2: could not do the job.
int RunCli(int argc, char** argv);

}  // namespace iaclint

#endif  // IACLINT_CLI_APP_H_
