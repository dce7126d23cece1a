// Errors as values: parsers and loaders return Result<T> instead of throwing.
#ifndef IACLINT_BASE_RESULT_H_
#define IACLINT_BASE_RESULT_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "base/location.h"

namespace iaclint {

/// A failure with the place it was detected (the location may be unknown).
struct Error {
  std::string message;
  Location where;
};

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}    // NOLINT: implicit by design

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(data_); }
  const T& value() const { return std::get<0>(data_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace iaclint

#endif  // IACLINT_BASE_RESULT_H_
