// A one-line progress display on standard error for long runs in a terminal: nothing is drawn
// before a delay (a second by default), so quick runs and pipes never see it, and the line is
// erased when the run ends, so it never mixes with the report.
#ifndef IACLINT_BASE_PROGRESS_H_
#define IACLINT_BASE_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace iaclint {

class ProgressLine {
 public:
  /// `fd` is where the line is drawn; when `enabled` is false nothing ever is (no thread).
  ProgressLine(bool enabled, std::chrono::milliseconds delay, int fd);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  /// Starts a stage ("reading inputs", 120 units); total 0 = no count shown. Thread-safe.
  void Stage(const std::string& name, size_t total);
  /// One unit of the current stage is done. Thread-safe and cheap.
  void Tick() { done_.fetch_add(1, std::memory_order_relaxed); }
  /// Erases the line (if drawn) and stops drawing.
  void Finish();

  /// Whether a progress line belongs on this stream: a terminal, not TERM=dumb.
  static bool WantedOn(int fd);
  /// The delay before the line appears: 1 s, or IACLINT_PROGRESS_DELAY_MS (for tests).
  static std::chrono::milliseconds DefaultDelay();

 private:
  void Run();
  void Draw();
  void Write(const std::string& text);

  int fd_;
  std::chrono::milliseconds delay_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool drawn_ = false;
  std::string stage_;
  size_t total_ = 0;
  std::atomic<size_t> done_{0};
  std::thread thread_;
};

}  // namespace iaclint

#endif  // IACLINT_BASE_PROGRESS_H_
