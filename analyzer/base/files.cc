#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace iaclint {

Result<std::string> ReadFileBounded(const std::string& path, size_t max_bytes) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    return Error{std::string("cannot read: ") + std::strerror(errno), {}};
  }
  if (!S_ISREG(st.st_mode)) return Error{"not a regular file (skipped without reading)", {}};
  if (static_cast<size_t>(st.st_size) > max_bytes) {
    return Error{"file is larger than the limit of " + std::to_string(max_bytes) + " bytes", {}};
  }
  // O_NONBLOCK: if the path was swapped for a FIFO after stat(), open() must not hang.
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Error{std::string("cannot read: ") + std::strerror(errno), {}};
  struct stat fst;
  if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
    close(fd);
    return Error{"not a regular file (skipped without reading)", {}};
  }
  std::string text;
  text.resize(static_cast<size_t>(fst.st_size));
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

}  // namespace iaclint
