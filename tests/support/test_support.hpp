// SPDX-License-Identifier: MIT
/// @file test_support.hpp
/// Helpers shared by the doctest suites: exactly-sized input copies (so ASan catches any
/// read past the end of a view), and table helpers that assert error code *and* offset.
#ifndef SIPREF_TEST_SUPPORT_HPP
#define SIPREF_TEST_SUPPORT_HPP

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>
#include <cctype>

#include <sipref/error.hpp>

namespace test {

/// A small deterministic pseudo-random generator (an LCG) for the differential tests: the
/// same seed gives the same inputs on every machine, so a failure is reproducible.
struct lcg {
  std::uint32_t state;
  /// The next 24-bit value.
  std::uint32_t operator()() noexcept {
    state = state * 1103515245u + 12345u;
    return state >> 8;
  }
};

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

/// The values of every header row named @p name (exact spelling, ASCII case-insensitive) in
/// the SIP text @p message, folds kept, leading/trailing SP/HTAB trimmed. A small test-only
/// helper so header tests can read RFC vectors without the message parser.
inline std::vector<std::string> header_values(const std::string& message, const std::string& name) {
  std::vector<std::string> out;
  const std::size_t end_of_headers = message.find("\r\n\r\n");
  const std::string head = message.substr(0, end_of_headers == std::string::npos ? message.size() : end_of_headers + 2);
  std::size_t pos = head.find("\r\n");  // skip the start line
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  while (pos != std::string::npos && pos + 2 < head.size()) {
    std::size_t line_start = pos + 2;
    std::size_t line_end = head.find("\r\n", line_start);
    while (line_end != std::string::npos && line_end + 2 < head.size() && (head[line_end + 2] == ' ' || head[line_end + 2] == '\t'))
      line_end = head.find("\r\n", line_end + 2);
    const std::string line = head.substr(line_start, line_end - line_start);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string n = line.substr(0, colon);
      while (!n.empty() && (n.back() == ' ' || n.back() == '\t')) n.pop_back();
      if (lower(n) == lower(name)) {
        std::string v = line.substr(colon + 1);
        const std::size_t first = v.find_first_not_of(" \t");
        v = first == std::string::npos ? std::string() : v.substr(first);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
        out.push_back(v);
      }
    }
    pos = line_end;
  }
  return out;
}

/// The value of the first header row named @p name (or its compact form @p compact) in the
/// header section that starts at @p msg: a view into @p msg without the WSP after the colon,
/// folds kept; empty when absent. (Unlike `header_values`, it aliases the message and does
/// not skip a start line.)
inline std::string_view header_value(std::string_view msg, std::string_view name, std::string_view compact = {}) {
  auto iequals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
  };
  std::size_t pos = 0;
  while (pos < msg.size()) {
    std::size_t end = msg.find("\r\n", pos);
    while (end != std::string_view::npos && end + 2 < msg.size() && (msg[end + 2] == ' ' || msg[end + 2] == '\t'))
      end = msg.find("\r\n", end + 2);
    if (end == std::string_view::npos) end = msg.size();
    const std::string_view row = msg.substr(pos, end - pos);
    if (row.empty()) break;  // end of the header section
    const std::size_t colon = row.find(':');
    if (colon != std::string_view::npos) {
      std::string_view n = row.substr(0, colon);
      while (!n.empty() && (n.back() == ' ' || n.back() == '\t')) n.remove_suffix(1);
      if (iequals(n, name) || (!compact.empty() && iequals(n, compact))) {
        std::string_view v = row.substr(colon + 1);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        return v;
      }
    }
    pos = end + 2;
  }
  return {};
}
// Views into a temporary message would dangle: read it into a named string first.
std::string_view header_value(std::string&&, std::string_view, std::string_view = {}) = delete;

}  // namespace test

#endif  // SIPREF_TEST_SUPPORT_HPP
