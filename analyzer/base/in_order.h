// Items finish out of order on worker threads; a step (merging a parsed file into the model)
// must see them in order. The thread that finishes the lowest pending item runs the step for
// it and for every finished item after it, while the other threads go on working: the
// in-order part overlaps the parallel part instead of waiting for all of it.
#ifndef IACLINT_BASE_IN_ORDER_H_
#define IACLINT_BASE_IN_ORDER_H_

#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

namespace iaclint {

class InOrder {
 public:
  /// `step(i)` runs once per item, for i = 0, 1, 2, ..., never two at a time.
  InOrder(size_t count, std::function<void(size_t)> step)
      : step_(std::move(step)), finished_(count, false) {}

  /// Item `index` is finished (its result is written). Thread-safe; may run steps.
  void Finished(size_t index);

  /// How many steps have run. When every item is finished and no Finished() call is under
  /// way, this is `count`.
  size_t stepped() const {
    std::lock_guard<std::mutex> lock(mu_);
    return next_;
  }

 private:
  std::function<void(size_t)> step_;
  mutable std::mutex mu_;
  std::vector<bool> finished_;  // guarded by mu_
  size_t next_ = 0;             // the lowest item not yet stepped; guarded by mu_
  bool stepping_ = false;       // a thread is running steps; guarded by mu_
};

}  // namespace iaclint

#endif  // IACLINT_BASE_IN_ORDER_H_
