// Reading files for the analysis: bounded in size, never following anything that is not a
// regular file.
#ifndef IACLINT_BASE_FILES_H_
#define IACLINT_BASE_FILES_H_

#include <string>

#include "base/result.h"

namespace iaclint {

/// Reads a whole regular file. FIFOs, devices and directories are refused without being
/// opened for reading; so is a file over max_bytes.
Result<std::string> ReadFileBounded(const std::string& path, size_t max_bytes);

}  // namespace iaclint

#endif  // IACLINT_BASE_FILES_H_
