#include "input/confine.h"

#include <filesystem>

#include "input/walk.h"
#include "model/tool_findings.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

Error Refuse(std::string why) { return Error{std::move(why), {}}; }

}  // namespace

std::string QuoteReference(std::string_view s) {
  constexpr size_t kMax = 160;
  std::string out;
  for (size_t i = 0; i < s.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      static const char* kHex = "0123456789abcdef";
      out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > kMax) out += "...";
  return out;
}

namespace {

// The real path (symlinks resolved); empty when it cannot be known (a loop, a name too long),
// and then the reference is refused rather than trusted in its lexical form.
fs::path Canonical(const fs::path& p) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(p, ec);
  return ec ? fs::path() : real;
}

}  // namespace

bool IsRemoteReference(std::string_view reference) {
  if (reference.substr(0, 7) == "file://") return false;  // local, and confined like a path
  if (reference.find("://") != std::string_view::npos) return true;
  for (std::string_view p :
       {"git::", "git@", "s3::", "gcs::", "hg::", "github.com/", "bitbucket.org/"}) {
    if (reference.substr(0, p.size()) == p) return true;
  }
  return false;
}

Result<ConfinedPath> ResolveConfined(std::string_view reference, const std::string& from_disk_path,
                                     const std::string& root) {
  if (reference.empty()) return Refuse("is empty");
  if (reference.find('\0') != std::string_view::npos) return Refuse("contains a NUL byte");
  if (root.empty()) return Refuse("cannot be resolved: standard input has no analysed tree");
  std::string_view path = reference;
  if (path.substr(0, 7) == "file://") {
    path.remove_prefix(7);
    if (!path.empty() && path[0] != '/') return Refuse("is a file:// URL with a host");
  }
  if (!path.empty() && path[0] == '/') return Refuse("is an absolute path");
  std::error_code ec;
  const fs::path root_real = Canonical(fs::absolute(root, ec));
  const fs::path base = Canonical(fs::absolute(from_disk_path, ec).parent_path());
  if (root_real.empty() || base.empty()) return Refuse("cannot be resolved");
  // Lexically first: "../../etc/passwd" is refused whether or not it exists.
  const fs::path lexical = (base / fs::path(path)).lexically_normal();
  if (!IsInside(lexical.string(), root_real.string())) {
    return Refuse("is outside the analysed tree");
  }
  // Then for real: a symbolic link inside the tree may point out of it.
  const fs::path real = Canonical(lexical);
  if (real.empty()) return Refuse("cannot be resolved (a symbolic link loop or a name too long)");
  if (!IsInside(real.string(), root_real.string())) {
    return Refuse("resolves, through a symbolic link, outside the analysed tree");
  }
  // Reported as the walk reports files (not through resolved links), so the two agree.
  const fs::path shown = (fs::absolute(from_disk_path, ec).parent_path() / fs::path(path));
  return ConfinedPath{real.string(), DisplayPath(shown.lexically_normal().string())};
}

Finding RefusedPathFinding(const std::string& what, std::string_view reference, const Error& why,
                           const Location& where, std::string resource) {
  Finding f =
      ToolFinding(kUnresolvedReference,
                  what + " '" + QuoteReference(reference) + "' " + why.message + "; not read",
                  where, std::move(resource));
  f.severity = Severity::kWarning;
  return f;
}

}  // namespace iaclint
