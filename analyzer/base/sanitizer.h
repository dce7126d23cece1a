// Whether this build runs under AddressSanitizer (the second CI build), for the few places
// that must behave differently there.
#ifndef IACLINT_BASE_SANITIZER_H_
#define IACLINT_BASE_SANITIZER_H_

namespace iaclint {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

}  // namespace iaclint

#endif  // IACLINT_BASE_SANITIZER_H_
