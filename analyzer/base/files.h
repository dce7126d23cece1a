// Reading files for the analysis: bounded in size, never following anything that is not a
// regular file.
#ifndef IACLINT_BASE_FILES_H_
#define IACLINT_BASE_FILES_H_

#include <istream>
#include <string>

#include "base/result.h"

namespace iaclint {

/// Reads a whole regular file. FIFOs, devices and directories are refused without being
/// opened for reading; so is a file over max_bytes (then *too_large is set, when given).
Result<std::string> ReadFileBounded(const std::string& path, size_t max_bytes,
                                    bool* too_large = nullptr);

/// Reads at most the first `bytes` bytes of a regular file, with the same refusals.
Result<std::string> ReadFileHead(const std::string& path, size_t bytes);

/// Reads a stream (standard input) to its end, refusing it once it passes max_bytes, so an
/// endless stream costs at most max_bytes of memory.
Result<std::string> ReadStreamBounded(std::istream& in, size_t max_bytes);

}  // namespace iaclint

#endif  // IACLINT_BASE_FILES_H_
