#include "support/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace iaclint::testing {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void ChildFail(const std::string& what) {
  const std::string msg = what + ": " + std::strerror(errno) + "\n";
  (void)!::write(2, msg.data(), msg.size());
  _exit(127);
}

void StartChild(const std::vector<std::string>& argv, const ProcessOptions& o, int in_fd,
                int out_fd, int err_fd) {
  if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) ChildFail("dup2");
  for (int fd = 3; fd < 1024; ++fd) close(fd);
  if (!o.cwd.empty() && chdir(o.cwd.c_str()) != 0) ChildFail("chdir " + o.cwd);
  for (const auto& [name, value] : o.env) {
    if (value)
      setenv(name.c_str(), value->c_str(), 1);
    else
      unsetenv(name.c_str());
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execvp(args[0], args.data());
  ChildFail("cannot start " + argv[0]);
}

// Feeds stdin and drains the output descriptors until both reach end of file.
void Pump(int in_fd, int out_fd, int err_fd, const std::string& input, ProcessResult& r) {
  size_t written = 0;
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  std::string* sinks[] = {&r.out, &r.err};
  int fds[] = {out_fd, err_fd};
  while (fds[0] >= 0 || fds[1] >= 0 || in_fd >= 0) {
    pollfd p[3];
    nfds_t n = 0;
    for (int fd : fds) p[n++] = pollfd{fd, POLLIN, 0};
    p[n++] = pollfd{in_fd, POLLOUT, 0};
    if (poll(p, n, -1) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i] < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[65536];
      const ssize_t got = read(fds[i], buf, sizeof(buf));
      if (got > 0) {
        sinks[i]->append(buf, static_cast<size_t>(got));
      } else if (got == 0 || errno != EINTR) {  // a pty master reports EIO at the end
        close(fds[i]);
        fds[i] = -1;
      }
    }
    if (in_fd >= 0 && (p[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t put = write(in_fd, input.data() + written, input.size() - written);
      if (put > 0) written += static_cast<size_t>(put);
      if (put < 0 || written == input.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
}

// A pipe, or a pseudo-terminal ([0] = the side the test reads, [1] = the child's side).
bool Channel(bool tty, int fds[2]) {
  if (!tty) return pipe2(fds, O_CLOEXEC) == 0;
  if (openpty(&fds[0], &fds[1], nullptr, nullptr, nullptr) != 0) return false;
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  return true;
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const ProcessOptions& o) {
  ProcessResult r;
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) || !Channel(o.stdout_tty, out) || !Channel(o.stderr_tty, err)) {
    r.err = "cannot create pipes or terminals";
    return r;
  }
  signal(SIGPIPE, SIG_IGN);
  const pid_t pid = fork();
  if (pid == 0) StartChild(argv, o, in[0], out[1], err[1]);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  if (pid < 0) {
    r.err = "fork failed";
    return r;
  }
  Pump(in[1], out[0], err[0], o.stdin_text, r);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

bool OnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

TempDir::TempDir(const std::string& name) {
  const fs::path base = fs::path(IACLINT_TEST_TMPDIR);
  fs::create_directories(base);
  std::string pattern = (base / (name + "-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp " + pattern);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace iaclint::testing
