#include "rules/run_memo.h"

namespace iaclint {

std::shared_ptr<const void> RunMemo::GetOrMake(
    const std::string& key, const std::function<std::shared_ptr<const void>()>& make) {
  Slot* slot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    std::unique_ptr<Slot>& owned = slots_[key];
    if (!owned) owned = std::make_unique<Slot>();
    slot = owned.get();
  }
  // Outside the lock: making one value (tens of milliseconds) must not hold up other keys.
  std::call_once(slot->once, [&] { slot->value = make(); });
  return slot->value;
}

}  // namespace iaclint
