// SPDX-License-Identifier: MIT
/// @file fuzz_common.hpp
/// Helpers shared by the fuzz targets: an invariant check that survives NDEBUG, an exactly
/// sized heap copy of the input (so ASan sees any read past the end), a pointer-range check
/// for returned views, and the input conventions every target shares (a leading
/// configuration byte, `"\n~~\n"`-separated parts).
#ifndef SIPREF_FUZZ_COMMON_HPP
#define SIPREF_FUZZ_COMMON_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>

/// Aborts the process (a crash libFuzzer reports, saving the input) when @p cond is false.
/// Unlike `assert`, it is active whatever `NDEBUG` says.
#define SIPREF_FUZZ_CHECK(cond)                                                                 \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      std::fprintf(stderr, "%s:%d: SIPREF_FUZZ_CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
      __builtin_trap();                                                                         \
    }                                                                                           \
  } while (false)

namespace sipref_fuzz {

/// A heap copy of the fuzzer's input with exactly `size` bytes and no terminator. libFuzzer's
/// own buffer may be followed by readable bytes; this one is followed by an ASan redzone.
class input {
 public:
  input(const std::uint8_t* data, std::size_t size) : size_(size), data_(new char[size != 0 ? size : 1]) {
    if (size != 0) std::memcpy(data_.get(), data, size);
  }
  [[nodiscard]] std::string_view view() const noexcept { return {data_.get(), size_}; }

 private:
  std::size_t size_;
  std::unique_ptr<char[]> data_;
};

/// True when @p part lies inside @p whole. An empty view may also be default-constructed
/// (null data), which is what parsers return for absent fields.
inline bool inside(std::string_view part, std::string_view whole) noexcept {
  if (part.empty() && part.data() == nullptr) return true;
  const std::less_equal<const char*> le;
  return le(whole.data(), part.data()) && le(part.data() + part.size(), whole.data() + whole.size());
}

/// Removes and returns the first byte of @p data (0 when empty): the byte that selects
/// leniency flags and limits, so one target covers every option combination.
inline std::uint8_t take_config_byte(std::string_view& data) noexcept {
  if (data.empty()) return 0;
  const auto b = static_cast<std::uint8_t>(data.front());
  data.remove_prefix(1);
  return b;
}

/// Calls @p f with each part of @p data separated by `"\n~~\n"` (at least one part).
template <class F>
void for_each_part(std::string_view data, F&& f) {
  constexpr std::string_view sep = "\n~~\n";
  while (true) {
    const std::size_t at = data.find(sep);
    if (at == std::string_view::npos) {
      f(data);
      return;
    }
    f(data.substr(0, at));
    data.remove_prefix(at + sep.size());
  }
}

}  // namespace sipref_fuzz

#endif  // SIPREF_FUZZ_COMMON_HPP
