#include "base/progress.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace iaclint {

ProgressLine::ProgressLine(bool enabled, std::chrono::milliseconds delay, int fd)
    : fd_(fd), delay_(delay) {
  if (enabled) thread_ = std::thread([this] { Run(); });
}

ProgressLine::~ProgressLine() { Finish(); }

bool ProgressLine::WantedOn(int fd) {
  const char* term = std::getenv("TERM");
  return isatty(fd) && !(term && std::strcmp(term, "dumb") == 0);
}

std::chrono::milliseconds ProgressLine::DefaultDelay() {
  if (const char* ms = std::getenv("IACLINT_PROGRESS_DELAY_MS"); ms && *ms) {
    return std::chrono::milliseconds(std::strtol(ms, nullptr, 10));
  }
  return std::chrono::milliseconds(1000);
}

void ProgressLine::Stage(const std::string& name, size_t total) {
  std::lock_guard<std::mutex> lock(mutex_);
  stage_ = name;
  total_ = total;
  done_.store(0, std::memory_order_relaxed);
}

void ProgressLine::Finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_) return;
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (drawn_) Write("\r\033[K");
}

void ProgressLine::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  // A zero delay draws at least once, however short the run (tests rely on it).
  if (delay_.count() > 0 && wake_.wait_for(lock, delay_, [this] { return stop_; })) return;
  Draw();
  while (!stop_) {
    wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_; });
    if (!stop_) Draw();
  }
}

void ProgressLine::Draw() {
  std::string line = "\r\033[Kiaclint: " + stage_;
  if (total_ > 0) {
    line += " " + std::to_string(std::min(done_.load(std::memory_order_relaxed), total_)) + "/" +
            std::to_string(total_);
  }
  line += "...";
  Write(line);
  drawn_ = true;
}

void ProgressLine::Write(const std::string& text) {
  size_t off = 0;
  while (off < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + off, text.size() - off);
    if (n <= 0) return;  // a progress line is never worth an error
    off += static_cast<size_t>(n);
  }
}

}  // namespace iaclint
