// Runs the built iaclint as a child process, the way CI runs it on an untrusted pull request,
// with a wall-clock timeout and a memory cap, and reports how it ended. Header-only because
// the test build compiles only *_test.cc files.
#ifndef IACLINT_TESTS_ROBUSTNESS_RUN_BINARY_H_
#define IACLINT_TESTS_ROBUSTNESS_RUN_BINARY_H_

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/sanitizer.h"

namespace iaclint::robustness {

inline constexpr bool kSanitized = kAddressSanitizer;

/// Sanitizers slow a run down several times; time limits scale with this.
inline constexpr int kSlowdown = kSanitized ? 4 : 1;

struct RunOptions {
  std::string cwd;  ///< working directory ("" = the current one)
  std::string stdin_path = "/dev/null";
  int timeout_seconds = 20 * kSlowdown;
  /// Address-space cap (RLIMIT_AS). Not applied under AddressSanitizer, which reserves
  /// terabytes of shadow memory; the peak RSS is checked instead.
  size_t memory_cap_bytes = size_t{3} << 30;
  bool drop_privileges = false;      ///< run as nobody when started as root
  std::vector<std::string> wrapper;  ///< e.g. {"unshare", "-rn"}: prefixed to the command
  std::vector<std::pair<std::string, std::string>> env;  ///< set in the child
};

struct RunResult {
  bool started = false;
  bool timed_out = false;
  int exit_code = -1;  ///< -1 unless the process exited
  int signal = 0;      ///< the signal that ended it, 0 if it exited
  long max_rss_kb = 0;
  double seconds = 0;
  std::string out, err;

  bool exited_normally() const { return started && !timed_out && signal == 0 && exit_code >= 0; }
  std::string Describe() const {
    std::ostringstream s;
    s << "exit=" << exit_code << " signal=" << signal << (timed_out ? " TIMED OUT" : "")
      << " rss=" << max_rss_kb << "KB time=" << seconds << "s\nstderr: " << err.substr(0, 2000)
      << "\nstdout: " << out.substr(0, 2000);
    return s.str();
  }
};

inline std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A fresh directory, removed (with everything in it) when the object goes away.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string templ = std::string(base && *base ? base : "/tmp") + "/iaclint-robust-XXXXXX";
    char* made = mkdtemp(templ.data());
    path_ = made ? made : "";
    chmod(path_.c_str(), 0755);  // readable by `nobody` for the privilege-dropping tests
  }
  ~TempDir() {
    std::error_code ec;
    // Undo chmod 000 on anything inside, so removal works.
    for (auto it = std::filesystem::recursive_directory_iterator(
             path_, std::filesystem::directory_options::skip_permission_denied, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_symlink()) chmod(it->path().c_str(), 0755);
    }
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

  /// Writes a file (creating its directories) and returns its full path.
  std::string Write(const std::string& rel, const std::string& content) const {
    const std::string full = path_ + "/" + rel;
    std::filesystem::create_directories(std::filesystem::path(full).parent_path());
    std::ofstream(full, std::ios::binary) << content;
    return full;
  }

 private:
  std::string path_;
};

inline RunResult RunCommand(const std::vector<std::string>& argv, const RunOptions& options) {
  RunResult result;
  TempDir io;
  const std::string out_path = io / "stdout", err_path = io / "stderr";
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) return result;
  if (pid == 0) {
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(120);
    const int in = open(options.stdin_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) _exit(121);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (!kSanitized && options.memory_cap_bytes) {
      struct rlimit cap = {options.memory_cap_bytes, options.memory_cap_bytes};
      setrlimit(RLIMIT_AS, &cap);
    }
    for (const auto& [name, value] : options.env) setenv(name.c_str(), value.c_str(), 1);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    if (options.drop_privileges && geteuid() == 0) {
      if (setgid(65534) != 0 || setuid(65534) != 0) _exit(122);
    }
    std::vector<std::string> all = options.wrapper;
    all.insert(all.end(), argv.begin(), argv.end());
    std::vector<char*> args;
    for (std::string& a : all) args.push_back(a.data());
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(123);
  }
  result.started = true;
  const auto deadline = start + std::chrono::seconds(options.timeout_seconds);
  int status = 0;
  struct rusage usage {};
  while (true) {
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() > deadline) {
      result.timed_out = true;
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = ReadWhole(out_path);
  result.err = ReadWhole(err_path);
  return result;
}

/// Runs the iaclint under test with `args`.
inline RunResult RunIaclint(const std::vector<std::string>& args, const RunOptions& options = {}) {
  std::vector<std::string> argv = {IACLINT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv, options);
}

/// The findings of a `--format json` run (empty when the output is not JSON).
inline nlohmann::json Findings(const RunResult& r) {
  auto doc = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.contains("findings")) return nlohmann::json::array();
  return doc["findings"];
}

/// The first finding with this rule id whose message contains `text`, or null.
inline nlohmann::json FindFinding(const RunResult& r, const std::string& rule_id,
                                  const std::string& text = "") {
  for (const auto& f : Findings(r)) {
    if (f.value("rule_id", "") != rule_id) continue;
    if (!text.empty() && f.value("message", "").find(text) == std::string::npos) continue;
    return f;
  }
  return nullptr;
}

}  // namespace iaclint::robustness

#endif  // IACLINT_TESTS_ROBUSTNESS_RUN_BINARY_H_
