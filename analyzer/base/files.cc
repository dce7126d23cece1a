#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace iaclint {

namespace {

Error Errno(const char* what) { return Error{std::string(what) + std::strerror(errno), {}}; }

// Opens a regular file for reading, never blocking on (or opening) anything else.
Result<int> OpenRegular(const std::string& path, off_t* size) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return Errno("cannot read: ");
  if (!S_ISREG(st.st_mode)) return Error{"not a regular file (skipped without reading)", {}};
  // O_NONBLOCK: if the path was swapped for a FIFO after stat(), open() must not hang.
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Errno("cannot read: ");
  struct stat fst;
  if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
    close(fd);
    return Error{"not a regular file (skipped without reading)", {}};
  }
  *size = fst.st_size;
  return fd;
}

std::string ReadUpTo(int fd, size_t bytes) {
  std::string text;
  text.resize(bytes);
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = read(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  text.resize(done);
  return text;
}

}  // namespace

Result<std::string> ReadFileBounded(const std::string& path, size_t max_bytes, bool* too_large) {
  off_t size = 0;
  auto fd = OpenRegular(path, &size);
  if (!fd.ok()) return fd.error();
  if (static_cast<size_t>(size) > max_bytes) {
    close(*fd);
    if (too_large) *too_large = true;
    return Error{"the file is " + std::to_string(size) + " bytes, larger than the limit of " +
                     std::to_string(max_bytes) + " bytes",
                 {}};
  }
  return ReadUpTo(*fd, static_cast<size_t>(size));
}

Result<std::string> ReadFileHead(const std::string& path, size_t bytes) {
  off_t size = 0;
  auto fd = OpenRegular(path, &size);
  if (!fd.ok()) return fd.error();
  return ReadUpTo(*fd, std::min(bytes, static_cast<size_t>(size)));
}

Result<std::string> ReadStreamBounded(std::istream& in, size_t max_bytes) {
  std::string text;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto n = static_cast<size_t>(in.gcount());
    if (text.size() + n > max_bytes) {
      return Error{"larger than the limit of " + std::to_string(max_bytes) + " bytes", {}};
    }
    text.append(buffer, n);
  }
  return text;
}

}  // namespace iaclint
