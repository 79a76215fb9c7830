// SPDX-License-Identifier: MIT
/// @file alloc_counter.hpp
/// The allocation counter of the `tests/alloc` executable, which replaces the global
/// `operator new`/`operator delete` (alloc_main.cpp) to prove that parsing and composing
/// into reserved storage allocate nothing.
#ifndef SIPREF_TEST_ALLOC_COUNTER_HPP
#define SIPREF_TEST_ALLOC_COUNTER_HPP

#include <cstddef>

namespace sipref_test {

/// Number of calls to any replaceable global `operator new` / `operator new[]` made by the
/// calling thread since it started. Per thread, so nothing running elsewhere can disturb a
/// measurement.
std::size_t allocations() noexcept;

/// Number of calls to any global `operator delete` / `operator delete[]` with a non-null
/// pointer made by the calling thread.
std::size_t deallocations() noexcept;

/// Counts the allocations made by this thread while the scope is alive.
///
/// Take the count into a local *before* asserting: doctest's own macros may allocate.
/// @code
/// sipref_test::allocation_scope scope;
/// auto r = parse(...);
/// const std::size_t n = scope.count();
/// CHECK(n == 0);
/// @endcode
class allocation_scope {
 public:
  allocation_scope() noexcept : start_(allocations()) {}
  [[nodiscard]] std::size_t count() const noexcept { return allocations() - start_; }

 private:
  std::size_t start_;
};

}  // namespace sipref_test

#endif  // SIPREF_TEST_ALLOC_COUNTER_HPP
