// SPDX-License-Identifier: MIT
/// @file config.hpp
/// Version, compiler feature macros and the versioned namespace shared by every sipref header.
#ifndef SIPREF_CONFIG_HPP
#define SIPREF_CONFIG_HPP

#define SIPREF_VERSION_MAJOR 0
#define SIPREF_VERSION_MINOR 1
#define SIPREF_VERSION_PATCH 0
/// Encoded as MAJOR * 10000 + MINOR * 100 + PATCH.
#define SIPREF_VERSION (SIPREF_VERSION_MAJOR * 10000 + SIPREF_VERSION_MINOR * 100 + SIPREF_VERSION_PATCH)

// `inline namespace v0` lets two stacks that bundle different sipref versions link
// into one process without silently violating the ODR.
#define SIPREF_BEGIN_NAMESPACE \
  namespace sipref {           \
  inline namespace v0 {
#define SIPREF_END_NAMESPACE \
  }                          \
  }

#if defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::lifetimebound)
#define SIPREF_LIFETIMEBOUND [[clang::lifetimebound]]
#endif
#endif
#ifndef SIPREF_LIFETIMEBOUND
/// Marks a parameter whose storage a returned view aliases (clang warns on dangling use).
#define SIPREF_LIFETIMEBOUND
#endif

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define SIPREF_HAS_EXCEPTIONS 1
#else
#define SIPREF_HAS_EXCEPTIONS 0
#endif

#endif  // SIPREF_CONFIG_HPP
