#pragma once
// Whether this test program is built with a sanitizer (the asan and tsan presets). Instrumented
// code runs several times slower, so a test that drives a fixed amount of work through gRPC
// scales it down with this to stay inside its ctest TIMEOUT; what it checks stays the same.

namespace odtest {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitizedBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif
#else
inline constexpr bool kSanitizedBuild = false;
#endif

// Whether this program is built with ThreadSanitizer (the tsan preset), for the few checks it
// cannot run in reasonable time; each says why where it is skipped.
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif
#else
inline constexpr bool kThreadSanitizer = false;
#endif

} // namespace odtest
