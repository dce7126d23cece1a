#include "base/in_order.h"

namespace iaclint {

void InOrder::Finished(size_t index) {
  std::unique_lock<std::mutex> lock(mu_);
  finished_[index] = true;
  // Another thread runs steps: it sees this item before it stops (it checks under the lock).
  if (stepping_) return;
  stepping_ = true;
  while (next_ < finished_.size() && finished_[next_]) {
    const size_t item = next_++;
    lock.unlock();
    step_(item);
    lock.lock();
  }
  stepping_ = false;
}

}  // namespace iaclint
