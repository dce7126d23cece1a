#include "terraform/tf_references.h"

#include <optional>
#include <string_view>

#include "terraform/hcl_strings.h"
#include "terraform/tf_values.h"

namespace iaclint {

namespace {

// One step after the root: `.name` or `[key]` with a literal key.
struct Step {
  bool index = false;
  std::string text;  ///< name, or the rendered key ("0", "\"x\"")
};

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The literal key of an index, rendered as Terraform's traversalStr does; nullopt when the
// key is an expression (the traversal ends before such an index).
std::optional<std::string> LiteralKey(const HclExpr& key) {
  if (key.kind == HclExprKind::kNumber) {
    const auto d = Value::Number(std::string(key.text)).AsNumber();
    return d ? FormatNumber(*d) : std::string(key.text);
  }
  if (key.kind == HclExprKind::kTemplate && !key.has(HclExpr::kHeredoc)) {
    if (key.children.empty()) return Quote("");
    if (key.children.size() == 1 && key.children[0].kind == HclExprKind::kTemplateChunk) {
      const auto s = UnescapeQuoted(key.children[0].text);
      if (s) return Quote(*s);
    }
  }
  return std::nullopt;
}

std::string Join(const std::string& subject, const std::vector<Step>& steps, size_t from,
                 size_t to) {
  std::string out = subject;
  for (size_t i = from; i < to; ++i) {
    out += steps[i].index ? "[" + steps[i].text + "]" : "." + steps[i].text;
  }
  return out;
}

// addrs.ParseRef plus jsonconfig's unwrapping: the subject with each prefix of the remaining
// steps (longest first), the subject, then the unkeyed resource or module call.
void Emit(std::string_view root, const std::vector<Step>& steps, std::vector<std::string>& out) {
  const auto attr = [&](size_t i) { return i < steps.size() && !steps[i].index; };
  std::string subject(root);
  std::string extra;
  size_t rest = 0;
  if (root == "self") {
    rest = 0;
  } else if (root == "var" || root == "local" || root == "count" || root == "each" ||
             root == "path" || root == "terraform") {
    if (!attr(0)) return;
    subject += "." + steps[0].text;
    rest = 1;
  } else if (root == "module") {
    if (!attr(0)) return;
    subject += "." + steps[0].text;
    rest = 1;
    if (rest < steps.size() && steps[rest].index) {
      extra = subject;
      subject += "[" + steps[rest].text + "]";
      ++rest;
    }
    if (attr(rest)) {
      extra = subject;  // an output names its module call instance
      subject += "." + steps[rest].text;
      ++rest;
    }
  } else {
    const bool data = root == "data";
    size_t names = data ? 2 : 1;
    for (size_t i = 0; i < names; ++i) {
      if (!attr(i)) return;
    }
    subject = Join(std::string(root), steps, 0, names);
    rest = names;
    if (rest < steps.size() && steps[rest].index) {
      extra = subject;
      subject += "[" + steps[rest].text + "]";
      ++rest;
    }
  }
  for (size_t end = steps.size(); end > rest; --end) out.push_back(Join(subject, steps, rest, end));
  out.push_back(subject);
  if (!extra.empty()) out.push_back(extra);
}

class Collector {
 public:
  explicit Collector(std::vector<std::string>& out) : out_(out) {}

  void Walk(const HclExpr& e) {
    switch (e.kind) {
      case HclExprKind::kVariable:
      case HclExprKind::kGetAttr:
      case HclExprKind::kIndex:
        Traversal(e);
        return;
      case HclExprKind::kForTuple:
      case HclExprKind::kForObject:
      case HclExprKind::kTemplateFor:
        For(e);
        return;
      default:
        for (const HclExpr& c : e.children) Walk(c);
    }
  }

 private:
  void Traversal(const HclExpr& e) {
    std::vector<const HclExpr*> chain;  // from e down to the root
    const HclExpr* p = &e;
    while (p->kind == HclExprKind::kGetAttr || p->kind == HclExprKind::kIndex) {
      chain.push_back(p);
      p = &p->children[0];
    }
    if (p->kind != HclExprKind::kVariable) {
      Walk(*p);
      for (const HclExpr* s : chain) {
        if (s->kind == HclExprKind::kIndex) Walk(s->children[1]);
      }
      return;
    }
    std::vector<Step> steps;
    size_t i = chain.size();
    for (; i > 0; --i) {
      const HclExpr* s = chain[i - 1];
      if (s->kind == HclExprKind::kGetAttr) {
        steps.push_back({false, std::string(s->text)});
        continue;
      }
      const auto key = LiteralKey(s->children[1]);
      if (!key) break;
      steps.push_back({true, *key});
    }
    if (!Bound(p->text)) Emit(p->text, steps, out_);
    for (; i > 0; --i) {  // keys after the static part are expressions of their own
      if (chain[i - 1]->kind == HclExprKind::kIndex) Walk(chain[i - 1]->children[1]);
    }
  }

  // The collection is evaluated outside the loop; the rest sees the loop's names.
  void For(const HclExpr& e) {
    Walk(e.children[0]);
    bound_.push_back(e.name);
    if (!e.text.empty()) bound_.push_back(e.text);
    for (size_t i = 1; i < e.children.size(); ++i) Walk(e.children[i]);
    bound_.pop_back();
    if (!e.text.empty()) bound_.pop_back();
  }

  bool Bound(std::string_view name) const {
    for (std::string_view b : bound_) {
      if (b == name) return true;
    }
    return false;
  }

  std::vector<std::string>& out_;
  std::vector<std::string_view> bound_;
};

}  // namespace

std::vector<std::string> CollectReferences(const HclExpr& expr) {
  std::vector<std::string> out;
  Collector(out).Walk(expr);
  return out;
}

}  // namespace iaclint
