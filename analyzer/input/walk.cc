#include "input/walk.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/text.h"

namespace iaclint {

namespace fs = std::filesystem;

namespace {

const char* SpecialFileKind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "a special file";
}

struct IgnoreRule {
  std::string base;     ///< directory of the .gitignore (reported path, "" = cwd)
  std::string pattern;  ///< without leading '/' and trailing '/'
  bool anchored = false;
  bool dir_only = false;
  bool negate = false;
};

const std::set<std::string>& SkippedDirs() {
  static const std::set<std::string> dirs = {".git", ".terraform", "node_modules", ".hg", ".svn"};
  return dirs;
}

std::vector<IgnoreRule> ReadGitignore(const fs::path& dir, const std::string& base) {
  std::vector<IgnoreRule> rules;
  std::ifstream in(dir / ".gitignore");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    IgnoreRule r;
    r.base = base;
    if (line[0] == '!') {
      r.negate = true;
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      r.dir_only = true;
      line.pop_back();
    }
    if (!line.empty() && line[0] == '/') {
      r.anchored = true;
      line.erase(0, 1);
    } else if (line.find('/') != std::string::npos) {
      r.anchored = true;
    }
    r.pattern = line;
    if (!r.pattern.empty()) rules.push_back(std::move(r));
  }
  return rules;
}

bool Ignored(const std::vector<IgnoreRule>& rules, const std::string& rel_to_root, bool is_dir) {
  bool ignored = false;
  for (const IgnoreRule& r : rules) {
    if (r.dir_only && !is_dir) continue;
    std::string_view path = rel_to_root;
    if (!r.base.empty()) {
      if (path.substr(0, r.base.size() + 1) != r.base + "/") continue;
      path.remove_prefix(r.base.size() + 1);
    }
    bool hit = false;
    if (r.anchored) {
      hit = PathGlobMatch(r.pattern, path);
    } else {
      const size_t slash = path.rfind('/');
      hit = PathGlobMatch(r.pattern, slash == std::string_view::npos ? path : path.substr(slash + 1));
    }
    if (hit) ignored = !r.negate;
  }
  return ignored;
}

// The reported form of a path before PrintableText: relative to the working directory when
// inside it, else absolute; normalised, "/"-separated.
std::string ShownPath(const std::string& path) {
  std::error_code ec;
  const fs::path abs = fs::absolute(path, ec).lexically_normal();
  const fs::path cwd = fs::current_path(ec);
  const fs::path rel = abs.lexically_relative(cwd);
  std::string out = (!rel.empty() && rel.native().rfind("..", 0) != 0) ? rel.generic_string()
                                                                       : abs.generic_string();
  if (out.rfind("./", 0) == 0) out.erase(0, 2);
  return out;
}

// The shown path of a directory entry, from its directory's: what ShownPath gives for the
// joined path, without a getcwd and a normalisation per file (most of a large walk's time).
std::string JoinShown(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

struct Walker {
  const WalkOptions& options;
  WalkResult out;
  std::set<std::pair<dev_t, ino_t>> visited;

  bool Excluded(const std::string& display) const {
    for (const std::string& g : options.exclude) {
      if (PathGlobMatch(g, display)) return true;
      if (PathGlobMatch(g + "/**", display)) return true;
    }
    return false;
  }

  // `shown` is the directory's reported path before PrintableText (see JoinShown).
  void Dir(const fs::path& dir, const std::string& shown, const std::string& root,
           const std::string& rel, std::vector<IgnoreRule> ignore) {
    struct stat st;
    if (stat(dir.c_str(), &st) != 0) return;
    if (!visited.insert({st.st_dev, st.st_ino}).second) return;  // symlink loop
    if (options.use_gitignore) {
      auto more = ReadGitignore(dir, rel);
      ignore.insert(ignore.end(), more.begin(), more.end());
    }
    // Names, not paths: one directory's entries differ only in their last component, and
    // comparing strings is much cheaper than comparing paths component by component.
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end;
         !ec && it != end; it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) out.skipped.push_back({PrintableText(shown), "cannot read the directory"});
    std::sort(names.begin(), names.end());
    for (const std::string& name : names)
      Entry(dir / name, JoinShown(shown, name), root, rel, ignore);
  }

  void Entry(const fs::path& p, const std::string& shown, const std::string& root,
             const std::string& parent_rel, const std::vector<IgnoreRule>& ignore) {
    const std::string name = p.filename().string();
    const std::string rel = parent_rel.empty() ? name : parent_rel + "/" + name;
    const std::string display = PrintableText(shown);
    struct stat lst, st;
    if (lstat(p.c_str(), &lst) != 0) return;
    const bool is_link = S_ISLNK(lst.st_mode);
    if (!is_link) {
      st = lst;
    } else if (stat(p.c_str(), &st) != 0) {
      out.skipped.push_back({display, "broken symbolic link"});
      return;
    }
    if (is_link) {
      std::error_code ec;
      const std::string target = fs::weakly_canonical(p, ec).string();
      if (ec || !IsInside(target, root)) {
        out.skipped.push_back({display, "symbolic link pointing outside the analysed tree"});
        return;
      }
    }
    const bool is_dir = S_ISDIR(st.st_mode);
    if (Excluded(display) || Ignored(ignore, rel, is_dir)) return;
    if (is_dir) {
      if (SkippedDirs().count(name)) return;
      if (name.rfind("asset.", 0) == 0 && p.parent_path().filename() == "cdk.out") return;
      Dir(p, shown, root, rel, ignore);
      return;
    }
    if (!S_ISREG(st.st_mode)) {  // never opened: a FIFO blocks, a device may never end
      out.skipped.push_back({display, std::string(SpecialFileKind(st.st_mode)) +
                                          ", not a regular file: never opened"});
      return;
    }
    out.files.push_back(WalkEntry{display, p.string(), root, false});
  }
};

}  // namespace

bool PathGlobMatch(std::string_view pattern, std::string_view path) {
  // Recursive matcher with memo-free backtracking bounded by the short patterns users write.
  size_t p = 0, t = 0;
  while (p < pattern.size()) {
    if (pattern.substr(p, 2) == "**") {
      std::string_view rest = pattern.substr(p + 2);
      if (!rest.empty() && rest[0] == '/') rest.remove_prefix(1);
      if (rest.empty()) return true;
      for (size_t i = t; i <= path.size(); ++i) {
        if ((i == t || path[i - 1] == '/') && PathGlobMatch(rest, path.substr(i))) return true;
      }
      return false;
    }
    if (pattern[p] == '*') {
      std::string_view rest = pattern.substr(p + 1);
      for (size_t i = t; i <= path.size(); ++i) {
        if (PathGlobMatch(rest, path.substr(i))) return true;
        if (i < path.size() && path[i] == '/') break;
      }
      return false;
    }
    if (t >= path.size()) return false;
    if (pattern[p] != '?' && pattern[p] != path[t]) return false;
    if (pattern[p] == '?' && path[t] == '/') return false;
    ++p, ++t;
  }
  return t == path.size();
}

std::string DisplayPath(const std::string& path) {
  // A file name may hold any byte but '/' and NUL; the reported form holds no line break,
  // terminal escape or invalid UTF-8 (disk_path keeps the real name).
  return PrintableText(ShownPath(path));
}

bool IsInside(const std::string& path, const std::string& root) {
  if (path == root) return true;
  const std::string prefix = root.back() == '/' ? root : root + "/";
  return path.rfind(prefix, 0) == 0;
}

Result<WalkResult> WalkPaths(const std::vector<std::string>& paths, const WalkOptions& options) {
  Walker walker{options, {}, {}};
  for (const std::string& arg : paths) {
    std::error_code ec;
    fs::path p(arg);
    struct stat st;
    if (stat(p.c_str(), &st) != 0) return Error{arg + ": no such file or directory", {}};
    const std::string root = fs::weakly_canonical(p, ec).string();
    if (S_ISDIR(st.st_mode)) {
      walker.Dir(p, ShownPath(arg), root, "", {});
    } else if (S_ISREG(st.st_mode)) {
      walker.out.files.push_back(WalkEntry{DisplayPath(arg), arg, fs::path(root).parent_path().string(), true});
    } else {
      return Error{arg + ": not a regular file or directory", {}};
    }
  }
  // One file named twice (or found by two walks) is analysed once.
  auto& files = walker.out.files;
  std::stable_sort(files.begin(), files.end(),
                   [](const WalkEntry& a, const WalkEntry& b) { return a.path < b.path; });
  files.erase(std::unique(files.begin(), files.end(),
                          [](const WalkEntry& a, const WalkEntry& b) { return a.path == b.path; }),
              files.end());
  return std::move(walker.out);
}

}  // namespace iaclint
