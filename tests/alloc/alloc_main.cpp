// SPDX-License-Identifier: MIT
/// @file alloc_main.cpp
/// The doctest runner of the allocation tests, and the counting replacements of every
/// replaceable global allocation function (C++17 [new.delete]), including the sized and
/// aligned forms.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdlib>
#include <new>

#include "alloc_counter.hpp"

namespace {
// Trivial thread_local objects are constant-initialised: usable before main and in any thread.
thread_local std::size_t g_allocations = 0;
thread_local std::size_t g_deallocations = 0;

void* counted_alloc(std::size_t n) noexcept {
  ++g_allocations;
  return std::malloc(n != 0 ? n : 1);
}
void* counted_aligned_alloc(std::size_t n, std::align_val_t al) noexcept {
  ++g_allocations;
  const auto a = static_cast<std::size_t>(al);
  const std::size_t rounded = (n != 0 ? n + a - 1 : a) / a * a;  // aligned_alloc wants a multiple
  return std::aligned_alloc(a, rounded);
}
void counted_free(void* p) noexcept {
  if (p != nullptr) {
    ++g_deallocations;
    std::free(p);
  }
}
void* or_throw(void* p) {
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
}  // namespace

namespace sipref_test {
std::size_t allocations() noexcept { return g_allocations; }
std::size_t deallocations() noexcept { return g_deallocations; }
}  // namespace sipref_test

void* operator new(std::size_t n) { return or_throw(counted_alloc(n)); }
void* operator new[](std::size_t n) { return or_throw(counted_alloc(n)); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_alloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted_alloc(n); }
void* operator new(std::size_t n, std::align_val_t al) { return or_throw(counted_aligned_alloc(n, al)); }
void* operator new[](std::size_t n, std::align_val_t al) { return or_throw(counted_aligned_alloc(n, al)); }
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return counted_aligned_alloc(n, al);
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return counted_aligned_alloc(n, al);
}

void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { counted_free(p); }
