// The input formats iaclint reads. Adding a format is one row in Formats() plus its
// normaliser; nothing else in the pipeline changes.
#ifndef IACLINT_INPUT_FORMATS_H_
#define IACLINT_INPUT_FORMATS_H_

#include <string>
#include <string_view>
#include <vector>

#include "input/load.h"

namespace iaclint {

struct DocumentInput {
  const WalkEntry& entry;
  std::string_view text;  ///< the file's text (UTF-8 BOM removed)
  FileId file;
  const LoadOptions& options;
};

struct FormatHandler {
  std::string_view type;  ///< the --type name and the json "files[].type"
  /// Claims a document before generic parsing (formats that parse the raw text themselves,
  /// e.g. large plan JSON read with a streaming parser). May be null.
  bool (*claims_text)(const DocumentInput& in);
  /// Normalises a document this handler claimed by text. May be null.
  void (*process_text)(const DocumentInput& in, Fragment& out);
  /// Recognises a parsed document (or a file name). May be null.
  bool (*detects)(const DocumentInput& in, const Value& root);
  /// Normalises a parsed document.
  void (*process)(const DocumentInput& in, const Value& root, Fragment& out);
};

/// Every format, in detection order.
const std::vector<FormatHandler>& Formats();
const FormatHandler* FindFormat(std::string_view type);

/// Loads one directory of Terraform sources (set by the Terraform module when built).
using TerraformDirLoader = void (*)(const Unit& unit, const LoadOptions& options, Fragment& out);
TerraformDirLoader GetTerraformDirLoader();

}  // namespace iaclint

#endif  // IACLINT_INPUT_FORMATS_H_
