// libFuzzer entry point, built once per target (IACLINT_FUZZ_TARGET names it; see targets.h).
#include <cstddef>
#include <cstdint>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const iaclint::fuzz::Target* target = iaclint::fuzz::FindTarget(IACLINT_FUZZ_TARGET);
  target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
