// SPDX-License-Identifier: MIT
/// @file test_support.hpp
/// Helpers shared by the doctest suites: exactly-sized input copies (so ASan catches any
/// read past the end of a view), and table helpers that assert error code *and* offset.
#ifndef SIPREF_TEST_SUPPORT_HPP
#define SIPREF_TEST_SUPPORT_HPP

#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include <sipref/error.hpp>

namespace test {

/// A heap copy of @p text with exactly `text.size()` bytes and no NUL terminator.
class exact_buffer {
 public:
  explicit exact_buffer(std::string_view text) : size_(text.size()), data_(new char[text.size() ? text.size() : 1]) {
    if (size_ != 0) std::memcpy(data_.get(), text.data(), size_);
  }
  [[nodiscard]] std::string_view view() const noexcept { return {data_.get(), size_}; }

 private:
  std::size_t size_;
  std::unique_ptr<char[]> data_;
};

/// A parse result together with the exact-size buffer its views alias.
template <class Result>
struct parsed {
  std::shared_ptr<exact_buffer> buffer;
  Result result;
  explicit operator bool() const noexcept { return result.has_value(); }
  auto& operator*() noexcept { return *result; }
  auto* operator->() noexcept { return &*result; }
  [[nodiscard]] sipref::error error() const noexcept { return result.error(); }
};

/// Parses @p input (copied into an exact buffer that stays alive with the result).
template <class Parse>
auto parse_exact(Parse&& parse, std::string_view input) {
  auto buf = std::make_shared<exact_buffer>(input);
  using R = decltype(parse(buf->view()));
  R r = parse(buf->view());
  return parsed<R>{buf, r};
}

/// Asserts that @p parse rejects @p input with @p code at @p offset.
template <class Parse>
void check_error(Parse&& parse, std::string_view input, sipref::errc code, std::size_t offset) {
  exact_buffer buf(input);
  const auto r = parse(buf.view());
  INFO("input: ", std::string(input));
  REQUIRE_FALSE(r.has_value());
  CHECK(sipref::to_string(r.error().code) == sipref::to_string(code));
  CHECK(r.error().offset == offset);
}

/// Reads a test data file (path relative to tests/data) byte for byte.
inline std::string read_data(const std::string& relative) {
  const std::string path = std::string(SIPREF_TEST_DATA_DIR) + "/" + relative;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open ", path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace test

#endif  // SIPREF_TEST_SUPPORT_HPP
