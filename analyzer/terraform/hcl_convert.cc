#include "terraform/hcl_convert.h"

#include <cstring>
#include <map>
#include <string>

#include "terraform/hcl_node_kinds.h"
#include "terraform/hcl_strings.h"

namespace iaclint {

namespace {

// Frames per nesting level are 2-4 (expression, collection, ...); the limit is in levels.
constexpr size_t kFramesPerLevel = 4;

bool IsPostfix(Nk k) { return k == Nk::kIndex || k == Nk::kGetAttr || k == Nk::kSplat; }

std::string_view TokenType(TSNode n) { return ts_node_type(n); }

}  // namespace

// Enters one level of the tree: bounds recursion (hostile nesting) and gives each level its
// own reusable child list.
class HclConverter::Frame {
 public:
  explicit Frame(HclConverter& c) : c_(c) { ++c_.depth_; }
  ~Frame() { --c_.depth_; }
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;
  bool ok(TSNode at) {
    if (c_.depth_ < c_.kids_.size()) return true;
    return c_.Fail(at, "expressions or blocks are nested more than " +
                           std::to_string(c_.limits_.max_depth) + " levels deep");
  }

 private:
  HclConverter& c_;
};

HclConverter::HclConverter(std::string_view text, size_t base, const LineIndex& lines,
                           const ParseLimits& limits)
    : text_(text), base_(base), lines_(lines), limits_(limits) {
  kids_.resize(limits_.max_depth * kFramesPerLevel);
}

HclConverter::Nodes& HclConverter::Kids(TSNode n) {
  Nodes& out = kids_[depth_];
  out.clear();
  if (!cursor_) {
    cursor_.emplace(ts_tree_cursor_new(n));
  } else {
    ts_tree_cursor_reset(&*cursor_, n);  // one cursor for the whole walk: no allocation per node
  }
  TSTreeCursor* cursor = &*cursor_;
  if (ts_tree_cursor_goto_first_child(cursor)) {
    do {
      const TSNode child = ts_tree_cursor_current_node(cursor);
      if (KindOf(child) != Nk::kComment) out.push_back(child);
    } while (ts_tree_cursor_goto_next_sibling(cursor));
  }
  return out;
}

HclConverter::~HclConverter() {
  if (cursor_) ts_tree_cursor_delete(&*cursor_);
}

bool HclConverter::Fail(TSNode at, std::string message) { return FailAt(Start(at), message); }

bool HclConverter::FailAt(size_t offset, std::string message) {
  if (errors_.empty()) errors_.push_back(Error{std::move(message), lines_.At(offset)});
  return false;
}

Location HclConverter::Loc(TSNode n) const { return lines_.Span(Start(n), End(n)); }

Location HclConverter::Loc(TSNode first, TSNode last) const {
  return lines_.Span(Start(first), End(last));
}

std::string_view HclConverter::Text(TSNode n) const {
  return text_.substr(Start(n), End(n) - Start(n));
}

bool HclConverter::Convert(TSNode root, HclBody& out) {
  Frame f(*this);
  out.loc = Loc(root);
  for (TSNode n : Kids(root)) {
    const Nk k = KindOf(n);
    if (k == Nk::kBody) return Body(n, out) && errors_.empty();
    if (k == Nk::kObject) {
      return Fail(n, "a configuration file holds arguments and blocks, not a bare object");
    }
  }
  return errors_.empty();
}

// ---- bodies and blocks -------------------------------------------------------------------

bool HclConverter::Body(TSNode n, HclBody& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  out.loc = Loc(n);
  const Nodes& items = Kids(n);
  if (!CheckSeparated(items, "argument or block")) return false;
  for (TSNode item : items) {
    if (!Item(item, out)) return false;
  }
  return CheckDuplicates(out);
}

bool HclConverter::Item(TSNode n, HclBody& out) {
  if (KindOf(n) == Nk::kBlock) {
    out.blocks.emplace_back();
    return Block(n, out.blocks.back());
  }
  if (KindOf(n) != Nk::kAttribute) return Fail(n, "unexpected \"" + std::string(Text(n)) + "\"");
  Frame f(*this);
  const Nodes& kids = Kids(n);
  HclBody::Attribute attr;
  attr.loc = Loc(n);
  for (TSNode k : kids) {
    if (KindOf(k) == Nk::kIdentifier && attr.name.empty()) {
      attr.name = Text(k);
      attr.name_loc = Loc(k);
    } else if (KindOf(k) == Nk::kExpression) {
      if (!Expr(k, attr.value)) return false;
    }
  }
  out.attributes.push_back(std::move(attr));
  return true;
}

// HCL ends every argument and block with a newline: `a = 1 b = 2` is one line too many.
bool HclConverter::CheckSeparated(const Nodes& items, const char* what) {
  for (size_t i = 1; i < items.size(); ++i) {
    if (ts_node_end_point(items[i - 1]).row == ts_node_start_point(items[i]).row) {
      return Fail(items[i],
                  std::string("missing newline: each ") + what + " must start on a new line");
    }
  }
  return true;
}

bool HclConverter::CheckDuplicates(const HclBody& body) {
  std::map<std::string_view, const HclBody::Attribute*> seen;
  for (const auto& a : body.attributes) {
    auto [it, fresh] = seen.emplace(a.name, &a);
    if (!fresh) {
      errors_.push_back(Error{"attribute redefined: the argument \"" + std::string(a.name) +
                                  "\" was already set at line " +
                                  std::to_string(it->second->name_loc.line) +
                                  "; each argument may be set only once",
                              a.name_loc});
      return false;
    }
  }
  return true;
}

bool HclConverter::Block(TSNode n, HclBlock& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  out.loc = Loc(n);
  const Nodes& kids = Kids(n);
  bool opened = false;
  for (TSNode k : kids) {
    const Nk kind = KindOf(k);
    if (kind == Nk::kBlockStart) {
      opened = true;
    } else if (!opened && kind == Nk::kIdentifier && out.type.empty()) {
      out.type = Text(k);
    } else if (!opened && (kind == Nk::kIdentifier || kind == Nk::kStringLit)) {
      if (!Label(k, out)) return false;
    } else if (kind == Nk::kBody) {
      if (!Body(k, out.body)) return false;
    }
  }
  return true;
}

bool HclConverter::Label(TSNode n, HclBlock& out) {
  std::string_view raw = Text(n);
  if (KindOf(n) == Nk::kStringLit) {
    raw = raw.substr(1, raw.size() >= 2 ? raw.size() - 2 : 0);
    auto decoded = UnescapeQuoted(raw);
    if (!decoded) return Fail(n, "invalid escape sequence in block label");
    out.labels.push_back(std::move(*decoded));
  } else {
    out.labels.emplace_back(raw);
  }
  out.label_locs.push_back(Loc(n));
  return true;
}

// ---- expressions ---------------------------------------------------------------------------

bool HclConverter::Expr(TSNode n, HclExpr& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  const Nodes& kids = Kids(n);
  if (kids.empty()) return Fail(n, "expected an expression");
  if (kids.size() == 1 && KindOf(kids[0]) == Nk::kConditional) {
    const TSNode c = kids[0];
    const Nodes& parts = Kids(c);
    out.kind = HclExprKind::kConditional;
    out.loc = Loc(c);
    for (TSNode p : parts) {
      if (KindOf(p) != Nk::kExpression) continue;
      out.children.emplace_back();
      if (!Expr(p, out.children.back())) return false;
    }
    return out.children.size() == 3 || Fail(c, "incomplete conditional expression");
  }
  return Terms(kids.data(), kids.data() + kids.size(), out);
}

// A term: a primary (or a parenthesised expression) followed by index/attribute/splat steps.
bool HclConverter::Terms(const TSNode* begin, const TSNode* end, HclExpr& out) {
  if (begin == end) return FailAt(base_, "expected an expression");
  const TSNode* p = begin;
  if (KindOf(*p) == Nk::kOther && TokenType(*p) == "(") {
    if (end - p < 3 || KindOf(p[1]) != Nk::kExpression) return Fail(*p, "expected an expression");
    if (!Expr(p[1], out)) return false;
    out.loc = Loc(p[0], p[2]);
    p += 3;
  } else {
    if (!Primary(*p, out)) return false;
    ++p;
  }
  for (; p < end; ++p) {
    if (!IsPostfix(KindOf(*p))) return Fail(*p, "unexpected \"" + std::string(Text(*p)) + "\"");
    if (!Postfix(*p, out)) return false;
    out.loc = Loc(*begin, *p);
  }
  return true;
}

bool HclConverter::Primary(TSNode n, HclExpr& out) {
  out.loc = Loc(n);
  switch (KindOf(n)) {
    case Nk::kLiteralValue:
      return Literal(n, out);
    case Nk::kTemplateExpr:
      return Template(n, out);
    case Nk::kCollectionValue:
      return Collection(n, out);
    case Nk::kVariableExpr:
      out.kind = HclExprKind::kVariable;
      out.text = Text(n);
      return true;
    case Nk::kFunctionCall:
      return Call(n, out);
    case Nk::kForExpr:
      return For(n, out);
    case Nk::kOperation:
      return Operation(n, out);
    case Nk::kExpression:
      return Expr(n, out);
    default:
      return Fail(n, "unexpected \"" + std::string(Text(n)) + "\"");
  }
}

bool HclConverter::Postfix(TSNode n, HclExpr& inout) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  HclExpr step;
  step.loc = Loc(n);
  const Nodes& kids = Kids(n);
  if (kids.empty()) return Fail(n, "incomplete traversal");
  const TSNode k = kids[0];
  const Nk kind = KindOf(n);
  if (kind == Nk::kGetAttr) {
    step.kind = HclExprKind::kGetAttr;
    step.text = kids.size() > 1 ? Text(kids[1]) : std::string_view();
    step.children.push_back(std::move(inout));
  } else if (kind == Nk::kIndex) {
    step.kind = HclExprKind::kIndex;
    step.children.push_back(std::move(inout));
    step.children.emplace_back();
    HclExpr& key = step.children.back();
    if (KindOf(k) == Nk::kLegacyIndex) {
      key.kind = HclExprKind::kNumber;
      key.text = Text(k).substr(1);  // ".0"
      key.loc = Loc(k);
    } else {
      const Nodes& idx = Kids(k);
      if (idx.size() < 3 || !Expr(idx[1], key)) return errors_.empty() && Fail(k, "bad index");
    }
  } else {  // splat: `[*]` or `.*`, then steps that apply to each element
    const Nodes& steps = Kids(k);
    step.kind = HclExprKind::kSplat;
    step.children.push_back(std::move(inout));
    HclExpr item;
    item.kind = HclExprKind::kSplatItem;
    item.loc = Loc(k);
    for (size_t i = 1; i < steps.size(); ++i) {
      const TSNode s = steps[i];
      if (!Postfix(s, item)) return false;
    }
    step.children.push_back(std::move(item));
  }
  inout = std::move(step);
  return true;
}

bool HclConverter::Literal(TSNode n, HclExpr& out) {
  Frame f(*this);
  const Nodes& kids = Kids(n);
  if (kids.empty()) return Fail(n, "expected a value");
  const TSNode k = kids[0];
  switch (KindOf(k)) {
    case Nk::kNumericLit:
      out.kind = HclExprKind::kNumber;
      out.text = Text(k);
      return true;
    case Nk::kBoolLit:
      out.kind = HclExprKind::kBool;
      out.text = Text(k);
      return true;
    case Nk::kNullLit:
      out.kind = HclExprKind::kNull;
      return true;
    case Nk::kStringLit: {
      const Nodes& parts = Kids(k);
      return TemplateParts(parts.data(), parts.data() + parts.size(), End(parts.front()),
                           Start(parts.back()), true, out);
    }
    default:
      return Fail(k, "expected a value");
  }
}

bool HclConverter::Operation(TSNode n, HclExpr& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  const Nodes& outer = Kids(n);
  if (outer.empty()) return Fail(n, "incomplete operation");
  const TSNode op = outer[0];
  const Nodes& kids = Kids(op);
  if (kids.empty()) return Fail(n, "incomplete operation");
  if (KindOf(op) == Nk::kUnaryOperation) {
    out.kind = HclExprKind::kUnary;
    out.text = TokenType(kids[0]);
    out.children.emplace_back();
    return Terms(kids.data() + 1, kids.data() + kids.size(), out.children.back());
  }
  // Binary: the operator is the one anonymous token outside parentheses of an operand.
  size_t split = 0;
  int parens = 0;
  for (size_t i = 0; i < kids.size(); ++i) {
    if (KindOf(kids[i]) != Nk::kOther) continue;
    const std::string_view t = TokenType(kids[i]);
    if (t == "(") {
      ++parens;
    } else if (t == ")") {
      --parens;
    } else if (parens == 0 && i > 0) {
      split = i;
      break;
    }
  }
  if (split == 0) return Fail(n, "incomplete operation");
  out.kind = HclExprKind::kBinary;
  out.text = TokenType(kids[split]);
  out.children.resize(2);
  const TSNode* base = kids.data();
  return Terms(base, base + split, out.children[0]) &&
         Terms(base + split + 1, base + kids.size(), out.children[1]);
}

bool HclConverter::Collection(TSNode n, HclExpr& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  const Nodes& outer = Kids(n);
  if (outer.empty()) return Fail(n, "incomplete collection");
  const TSNode c = outer[0];
  const bool tuple = KindOf(c) == Nk::kTuple;
  out.kind = tuple ? HclExprKind::kTuple : HclExprKind::kObject;
  const Nodes& kids = Kids(c);
  size_t prev_end_row = ts_node_start_point(c).row;
  bool comma = true;
  for (TSNode k : kids) {
    const Nk kind = KindOf(k);
    if (kind == Nk::kOther && TokenType(k) == ",") {
      comma = true;
    } else if (tuple && kind == Nk::kExpression) {
      out.children.emplace_back();
      if (!Expr(k, out.children.back())) return false;
    } else if (!tuple && kind == Nk::kObjectElem) {
      // HCL separates object elements by a comma or a newline, never by a space alone.
      if (!comma && ts_node_start_point(k).row == prev_end_row) {
        return Fail(k, "missing comma or newline between object elements");
      }
      Frame e(*this);
      const Nodes& elem = Kids(k);
      if (elem.size() < 3) return Fail(k, "incomplete object element");
      out.children.resize(out.children.size() + 2);
      if (!ObjectKey(elem[0], out.children[out.children.size() - 2])) return false;
      if (!Expr(elem[2], out.children.back())) return false;
      prev_end_row = ts_node_end_point(k).row;
      comma = false;
    }
  }
  return true;
}

// `{ name = 1 }` names the key literally; `{ (name) = 1 }` or `{ "${x}" = 1 }` evaluates it.
bool HclConverter::ObjectKey(TSNode n, HclExpr& out) {
  {
    Frame f(*this);
    const Nodes& kids = Kids(n);
    if (kids.size() == 1 && KindOf(kids[0]) == Nk::kVariableExpr) {
      out.kind = HclExprKind::kBareKey;
      out.text = Text(kids[0]);
      out.loc = Loc(kids[0]);
      return true;
    }
  }
  return Expr(n, out);
}

bool HclConverter::Call(TSNode n, HclExpr& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  out.kind = HclExprKind::kCall;
  const Nodes& kids = Kids(n);
  for (TSNode k : kids) {
    if (KindOf(k) == Nk::kIdentifier && out.text.empty()) {
      out.text = Text(k);
    } else if (KindOf(k) == Nk::kFunctionArguments) {
      Frame a(*this);
      if (!a.ok(k)) return false;
      for (TSNode arg : Kids(k)) {
        if (KindOf(arg) == Nk::kEllipsis) {
          out.flags |= HclExpr::kExpandLast;
        } else if (KindOf(arg) == Nk::kExpression) {
          out.children.emplace_back();
          if (!Expr(arg, out.children.back())) return false;
        }
      }
    }
  }
  return true;
}

bool HclConverter::For(TSNode n, HclExpr& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  const Nodes& outer = Kids(n);
  if (outer.empty()) return Fail(n, "incomplete for expression");
  const TSNode form = outer[0];
  out.kind = KindOf(form) == Nk::kForTupleExpr ? HclExprKind::kForTuple : HclExprKind::kForObject;
  const Nodes& kids = Kids(form);
  HclExpr cond;
  for (TSNode k : kids) {
    const Nk kind = KindOf(k);
    if (kind == Nk::kForIntro) {
      if (!ForIntro(k, out)) return false;
    } else if (kind == Nk::kExpression) {
      out.children.emplace_back();
      if (!Expr(k, out.children.back())) return false;
    } else if (kind == Nk::kEllipsis) {
      out.flags |= HclExpr::kGrouping;
    } else if (kind == Nk::kForCond) {
      Frame c(*this);
      for (TSNode e : Kids(k)) {
        if (KindOf(e) == Nk::kExpression && !Expr(e, cond)) return false;
      }
      out.flags |= HclExpr::kHasCondition;
    }
  }
  if (out.has(HclExpr::kHasCondition)) out.children.push_back(std::move(cond));
  const size_t want =
      (out.kind == HclExprKind::kForTuple ? 2 : 3) + (out.has(HclExpr::kHasCondition) ? 1 : 0);
  return out.children.size() == want || Fail(n, "incomplete for expression");
}

// `for k, v in coll :` stores k in text, v in name, coll as the first child.
bool HclConverter::ForIntro(TSNode n, HclExpr& out) {
  Frame f(*this);
  std::vector<std::string_view> names;
  for (TSNode k : Kids(n)) {
    if (KindOf(k) == Nk::kIdentifier) {
      names.push_back(Text(k));
    } else if (KindOf(k) == Nk::kExpression) {
      out.children.emplace_back();
      if (!Expr(k, out.children.back())) return false;
    }
  }
  if (names.empty() || out.children.size() != 1) return Fail(n, "incomplete for expression");
  out.name = names.back();
  if (names.size() > 1) out.text = names.front();
  return true;
}

// ---- templates -----------------------------------------------------------------------------

bool HclConverter::Template(TSNode n, HclExpr& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  const Nodes& outer = Kids(n);
  if (outer.empty()) return Fail(n, "incomplete string");
  const TSNode t = outer[0];
  const Nodes& kids = Kids(t);
  if (kids.size() < 2) return Fail(t, "incomplete string");
  if (KindOf(t) == Nk::kQuotedTemplate) {
    return TemplateParts(kids.data(), kids.data() + kids.size(), End(kids.front()),
                         Start(kids.back()), true, out);
  }
  // Heredoc: <<ID or <<-ID, a newline, lines, then ID alone on its line.
  if (kids.size() < 3) return Fail(t, "incomplete heredoc");
  out.flags |= HclExpr::kHeredoc;
  if (TokenType(kids[0]) == "heredoc_start" && Text(kids[0]) == "<<-") {
    out.flags |= HclExpr::kStripIndent;
  }
  const size_t newline = text_.find('\n', End(kids[1]));
  size_t from = newline == std::string_view::npos ? End(kids[1]) : newline + 1;
  size_t to = Start(kids.back());
  while (to > from && text_[to - 1] != '\n') --to;
  if (to < from) to = from;
  return TemplateParts(kids.data() + 2, kids.data() + kids.size() - 1, from, to, false, out);
}

// The literal text of a template is what lies between its interpolations and directives:
// tree-sitter's template_literal nodes leave out whitespace, so they are not used.
bool HclConverter::TemplateParts(const TSNode* begin, const TSNode* end, size_t from, size_t to,
                                 bool quoted, HclExpr& out) {
  out.kind = HclExprKind::kTemplate;
  if (!quoted) out.flags |= HclExpr::kHeredoc;
  const bool outer_quoted = quoted_;
  quoted_ = quoted;
  const bool ok = TemplatePartsIn(begin, end, from, to, out);
  quoted_ = outer_quoted;
  return ok;
}

bool HclConverter::TemplatePartsIn(const TSNode* begin, const TSNode* end, size_t from, size_t to,
                                   HclExpr& out) {
  const bool quoted = quoted_;
  auto chunk = [&](size_t b, size_t e) -> bool {
    if (e <= b) return true;
    const std::string_view raw = text_.substr(b, e - b);
    if (quoted) {
      if (raw.find('\n') != std::string_view::npos) {
        return FailAt(b + raw.find('\n'), "quoted strings may not span lines; use a heredoc");
      }
      if (!UnescapeQuoted(raw)) return FailAt(b, "invalid escape sequence in string");
    }
    HclExpr c;
    c.kind = HclExprKind::kTemplateChunk;
    c.text = raw;
    c.loc = lines_.Span(b, e);
    out.children.push_back(std::move(c));
    return true;
  };
  size_t pos = from;
  for (const TSNode* p = begin; p < end; ++p) {
    const Nk kind = KindOf(*p);
    if (kind != Nk::kTemplateInterpolation && kind != Nk::kTemplateDirective) continue;
    if (!chunk(pos, Start(*p))) return false;
    out.children.emplace_back();
    const bool ok = kind == Nk::kTemplateInterpolation ? Interpolation(*p, out.children.back())
                                                       : Directive(*p, out.children.back());
    if (!ok) return false;
    pos = End(*p);
  }
  return chunk(pos, to);
}

bool HclConverter::Interpolation(TSNode n, HclExpr& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  out.kind = HclExprKind::kInterpolation;
  out.loc = Loc(n);
  bool seen_expr = false;
  for (TSNode k : Kids(n)) {
    const Nk kind = KindOf(k);
    if (kind == Nk::kStripMarker) {
      out.flags |= seen_expr ? HclExpr::kStripRight : HclExpr::kStripLeft;
    } else if (kind == Nk::kExpression) {
      out.children.emplace_back();
      if (!Expr(k, out.children.back())) return false;
      seen_expr = true;
    }
  }
  return seen_expr || Fail(n, "empty interpolation: expected an expression after \"${\"");
}

// %{ if c }...%{ else }...%{ endif } and %{ for v in coll }...%{ endfor }.
bool HclConverter::Directive(TSNode n, HclExpr& out) {
  Frame f(*this);
  if (!f.ok(n)) return false;
  const Nodes& outer = Kids(n);
  if (outer.empty()) return Fail(n, "incomplete template directive");
  const TSNode d = outer[0];
  out.loc = Loc(d);
  const Nodes& kids = Kids(d);
  if (kids.size() < 2) return Fail(d, "incomplete template directive");
  auto header = [&](TSNode intro) -> bool {
    Frame h(*this);
    std::vector<std::string_view> names;
    for (TSNode k : Kids(intro)) {
      if (KindOf(k) == Nk::kIdentifier) names.push_back(Text(k));
      if (KindOf(k) != Nk::kExpression) continue;
      out.children.emplace_back();
      if (!Expr(k, out.children.back())) return false;
    }
    if (!names.empty()) out.name = names.back();
    if (names.size() > 1) out.text = names.front();
    return true;
  };
  const TSNode* b = kids.data();
  const TSNode* e = kids.data() + kids.size();
  if (KindOf(d) == Nk::kTemplateFor) {
    out.kind = HclExprKind::kTemplateFor;
    if (!header(kids.front())) return false;
    out.children.emplace_back();
    return TemplateParts(b + 1, e - 1, End(kids.front()), Start(kids.back()), quoted_,
                         out.children.back());
  }
  out.kind = HclExprKind::kTemplateIf;
  if (!header(kids.front())) return false;
  const TSNode* else_at = e - 1;
  for (const TSNode* p = b + 1; p < e - 1; ++p) {
    if (KindOf(*p) == Nk::kTemplateElseIntro) else_at = p;
  }
  out.children.resize(3);
  if (!TemplateParts(b + 1, else_at, End(kids.front()), Start(*else_at), quoted_,
                     out.children[1])) {
    return false;
  }
  out.children[2].kind = HclExprKind::kTemplate;
  if (!quoted_) out.children[2].flags |= HclExpr::kHeredoc;
  if (else_at == e - 1) return true;
  return TemplateParts(else_at + 1, e - 1, End(*else_at), Start(kids.back()), quoted_,
                       out.children[2]);
}

}  // namespace iaclint
