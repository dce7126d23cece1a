// Results of whole-model analyses (the alarm chain of control 09), made once per run and
// shared by every rule, on every thread of the engine. A value may depend on the model only,
// never on a rule's parameters or on verdicts: whichever rule asks first makes it, and with
// several threads that rule is not always the same one.
#ifndef IACLINT_RULES_RUN_MEMO_H_
#define IACLINT_RULES_RUN_MEMO_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace iaclint {

class RunMemo {
 public:
  /// The value under `key`, made by `make` on first use. A thread asking while another makes
  /// it waits for that one. `make` may ask for other keys, never for its own.
  template <typename T, typename Make>
  std::shared_ptr<const T> Get(const std::string& key, Make&& make) {
    return std::static_pointer_cast<const T>(
        GetOrMake(key, [&]() -> std::shared_ptr<const void> { return make(); }));
  }

 private:
  struct Slot {
    std::once_flag once;
    std::shared_ptr<const void> value;
  };
  std::shared_ptr<const void> GetOrMake(const std::string& key,
                                        const std::function<std::shared_ptr<const void>()>& make);

  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Slot>> slots_;  // guarded by mu_; a Slot never moves
};

}  // namespace iaclint

#endif  // IACLINT_RULES_RUN_MEMO_H_
