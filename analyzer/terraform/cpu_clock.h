// The calling thread's CPU time as a std::chrono clock. Parse budgets use it rather than wall
// time, so a busy machine never turns a valid file into a "too slow" error.
#ifndef IACLINT_TERRAFORM_CPU_CLOCK_H_
#define IACLINT_TERRAFORM_CPU_CLOCK_H_

#include <time.h>

#include <chrono>

namespace iaclint {

struct ThreadCpuClock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<ThreadCpuClock>;
  static constexpr bool is_steady = true;

  static time_point now() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(static_cast<rep>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec));
  }
};

}  // namespace iaclint

#endif  // IACLINT_TERRAFORM_CPU_CLOCK_H_
