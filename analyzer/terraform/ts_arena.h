// A bump allocator for tree-sitter, active on the calling thread while a TsArenaScope lives.
//
// tree-sitter allocates and frees millions of small nodes per megabyte; with glibc malloc
// that is about a fifth of the parse time, and the freed nodes fragment the heap the syntax
// tree is then built in. In an arena, allocation is a pointer bump and freeing is a no-op;
// the whole arena goes when the scope ends. Everything tree-sitter allocated inside a scope
// (parser, tree, cursors) must be released inside it.
#ifndef IACLINT_TERRAFORM_TS_ARENA_H_
#define IACLINT_TERRAFORM_TS_ARENA_H_

namespace iaclint {

class TsArenaScope {
 public:
  TsArenaScope();
  ~TsArenaScope();
  TsArenaScope(const TsArenaScope&) = delete;
  TsArenaScope& operator=(const TsArenaScope&) = delete;

 private:
  bool owner_ = false;  ///< the outermost scope of the thread owns the arena
};

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_TS_ARENA_H_
