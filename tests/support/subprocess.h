// Runs a program as a child process for end-to-end tests: argv, working directory, standard
// input, environment changes; captures standard output, standard error and the exit status.
#ifndef IACLINT_TESTS_SUPPORT_SUBPROCESS_H_
#define IACLINT_TESTS_SUPPORT_SUBPROCESS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace iaclint::testing {

struct ProcessOptions {
  std::string cwd;  ///< "" = the test's working directory
  std::string stdin_text;
  /// Environment changes: a value sets the variable, nullopt removes it.
  std::map<std::string, std::optional<std::string>> env;
  /// Connect standard output / standard error to a pseudo-terminal (what a user's shell
  /// gives) instead of a pipe. A terminal turns "\n" into "\r\n".
  bool stdout_tty = false;
  bool stderr_tty = false;
};

struct ProcessResult {
  int exit_code = -1;  ///< the exit status, or 128 + signal
  std::string out, err;
};

/// Runs argv[0] (looked up on PATH when it has no '/'). A program that cannot be started
/// gives exit code 127 and the reason in `err`.
ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

/// Whether a program can be found on PATH.
bool OnPath(const std::string& program);

/// A fresh empty directory under the build tree's test area, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& name);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

}  // namespace iaclint::testing

#endif  // IACLINT_TESTS_SUPPORT_SUBPROCESS_H_
