// SPDX-License-Identifier: MIT
/// @file test_alloc_grammar.cpp
/// Proves that the grammar scanners and the composition entry points allocate nothing: the
/// global operator new is replaced by a counting one (alloc_main.cpp).
#include <sipref/grammar.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <sipref/compose.hpp>

#include "alloc/alloc_counter.hpp"
#include "support/test_support.hpp"

using namespace sipref;
using namespace sipref::grammar;

namespace {

// A realistic parameter list: Refer-To/Contact style, with a quoted value, a fold, an IPv6
// host value and a valueless parameter.
constexpr std::string_view kParams =
    ";method=INVITE;transport=tcp;lr;maddr=[2001:db8::1];x-note=\"say \\\"hi\\\"\r\n there\";"
    "tag=a6c85cf;received=192.0.2.4";

// The Replaces value of RFC 3891 §6.1, as carried escaped inside a Refer-To URI header.
constexpr std::string_view kReplacesEscaped = "12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994";
constexpr std::string_view kReplacesPlain = "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994";

// A minimal composable header value (the shape compose.hpp documents).
struct alloc_test_header {
  static constexpr std::string_view header_name = "X-Alloc-Test";
  std::string_view text;
  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const error e = validate_quotable(text)) return e;
    write_quoted(w, text);
    return {};
  }
};

// A writer over a fixed array that needs no std::string at all.
template <std::size_t N>
struct fixed_writer {
  std::array<char, N> data{};
  std::size_t size = 0;
  bool overflow = false;
  constexpr void put(char c) noexcept {
    if (size < N) {
      data[size++] = c;
    } else {
      overflow = true;
    }
  }
  constexpr void put(std::string_view s) noexcept {
    for (char c : s) put(c);
  }
  [[nodiscard]] std::string_view view() const noexcept { return {data.data(), size}; }
};

}  // namespace

TEST_CASE("alloc: the counter sees global operator new") {
  sipref_test::allocation_scope scope;
  void* p = ::operator new(32);
  const std::size_t after_new = scope.count();
  ::operator delete(p);
  CHECK(after_new == 1);

  // A composed value longer than any small-string buffer makes to_string allocate: the
  // counter also sees allocations made from inside sipref's templates.
  const alloc_test_header h{"a display name much longer than any SSO buffer"};
  sipref_test::allocation_scope scope2;
  const auto s = sipref::to_string(h);
  const std::size_t by_to_string = scope2.count();
  REQUIRE(s.has_value());
  CHECK(by_to_string >= 1);
}

TEST_CASE("alloc: scan_params and params_view iteration allocate nothing") {
  const test::exact_buffer input(kParams);
  sipref_test::allocation_scope scope;
  scanner s(input.view());
  const auto r = scan_params(s);
  std::size_t iterated = 0;
  std::size_t value_bytes = 0;
  if (r) {
    for (const param_view& p : *r) {
      ++iterated;
      value_bytes += p.value.size();
    }
  }
  const std::size_t size = r ? r->size() : 0;
  const bool has_lr = r && r->contains("LR");
  const std::string_view maddr = r ? r->get("maddr") : std::string_view{};
  const std::size_t n = scope.count();

  REQUIRE(r.has_value());
  CHECK(s.at_end());
  CHECK(iterated == 7);
  CHECK(size == 7);
  CHECK(value_bytes > 0);
  CHECK(has_lr);
  CHECK(maddr == "[2001:db8::1]");
  CHECK(n == 0);
}

TEST_CASE("alloc: scan_params error paths allocate nothing") {
  const test::exact_buffer dup(";tag=1;lr;TAG=2");
  const test::exact_buffer bad(";tag=\"open");
  sipref_test::allocation_scope scope;
  scanner s1(dup.view());
  const auto r1 = scan_params(s1);
  scanner s2(bad.view());
  const auto r2 = scan_params(s2);
  const std::size_t n = scope.count();

  REQUIRE_FALSE(r1.has_value());
  CHECK(r1.error() == error{errc::duplicate_param, 10});
  REQUIRE_FALSE(r2.has_value());
  CHECK(r2.error() == error{errc::bad_param, 5});
  CHECK(n == 0);
}

TEST_CASE("alloc: scan_quoted_string and unquote into a fixed buffer allocate nothing") {
  const test::exact_buffer input("\"Alice \\\"A\\\" Smith\r\n  caf\xc3\xa9\"");
  const test::exact_buffer unterminated("\"never closed");
  fixed_writer<64> out;
  sipref_test::allocation_scope scope;
  scanner s(input.view());
  const auto r = scan_quoted_string(s);
  if (r) unquote(out, *r);
  scanner s2(unterminated.view());
  const auto r2 = scan_quoted_string(s2);
  const std::size_t n = scope.count();

  REQUIRE(r.has_value());
  CHECK(s.at_end());
  CHECK(out.view() == "Alice \"A\" Smith caf\xc3\xa9");
  REQUIRE_FALSE(r2.has_value());
  CHECK(r2.error() == error{errc::unterminated_quote, 0});
  CHECK(n == 0);
}

TEST_CASE("alloc: validate_escaped, pct_decode and pct_encode with fixed buffers allocate nothing") {
  const test::exact_buffer escaped(kReplacesEscaped);
  const test::exact_buffer broken("abc%4");
  std::array<char, 128> decoded{};
  std::array<char, 128> encoded{};
  sipref_test::allocation_scope scope;
  const error ok = validate_escaped(escaped.view(), unreserved | hnv_unreserved);
  const error bad = validate_escaped(broken.view(), unreserved | hnv_unreserved);
  buffer_writer dw(decoded.data(), decoded.data() + decoded.size());
  pct_decode(dw, escaped.view());
  buffer_writer ew(encoded.data(), encoded.data() + encoded.size());
  pct_encode(ew, kReplacesPlain, unreserved | hnv_unreserved);
  const std::size_t decoded_size = pct_decoded_size(escaped.view());
  const std::size_t encoded_size = pct_encoded_size(kReplacesPlain, unreserved | hnv_unreserved);
  const std::size_t n = scope.count();

  CHECK_FALSE(ok);
  CHECK(bad == error{errc::bad_escape, 3});
  CHECK_FALSE(dw.overflowed());
  CHECK(std::string_view(decoded.data(), static_cast<std::size_t>(dw.pos() - decoded.data())) == kReplacesPlain);
  CHECK(decoded_size == kReplacesPlain.size());
  CHECK_FALSE(ew.overflowed());
  CHECK(std::string_view(encoded.data(), static_cast<std::size_t>(ew.pos() - encoded.data())) == kReplacesEscaped);
  CHECK(encoded_size == kReplacesEscaped.size());
  CHECK(n == 0);
}

TEST_CASE("alloc: append_to into a reserved std::string allocates nothing") {
  const alloc_test_header value{"Bob \"the builder\" \\ long enough to leave any SSO buffer"};
  const alloc_test_header invalid{"bad\r\nInjected: yes"};
  std::string msg;
  msg.reserve(512);
  const std::string_view expected =
      "X-Alloc-Test: \"Bob \\\"the builder\\\" \\\\ long enough to leave any SSO buffer\"\r\n";

  sipref_test::allocation_scope scope;
  const error e1 = append_to(msg, header_row(value));
  const std::size_t after_first = msg.size();
  const error e2 = append_to(msg, header_row(invalid));  // fails: msg must be left unchanged
  const std::size_t after_failed = msg.size();
  const error e3 = append_to(msg, header_row(value));
  const auto size = composed_size(header_row(value));
  std::array<char, 128> buf{};
  const compose_result cr = compose_to(buf.data(), buf.data() + buf.size(), header_row(value));
  std::array<char, 8> tiny{};
  const compose_result small = compose_to(tiny.data(), tiny.data() + tiny.size(), header_row(value));
  const std::size_t n = scope.count();

  CHECK_FALSE(e1);
  CHECK(after_first == expected.size());
  CHECK(e2 == error{errc::control_char, 3});
  CHECK(after_failed == after_first);
  CHECK_FALSE(e3);
  CHECK(msg.size() == 2 * expected.size());
  CHECK(std::string_view(msg).substr(0, expected.size()) == expected);
  CHECK(std::string_view(msg).substr(expected.size()) == expected);
  REQUIRE(size.has_value());
  CHECK(*size == expected.size());
  CHECK_FALSE(cr.ec);
  CHECK(std::string_view(buf.data(), static_cast<std::size_t>(cr.ptr - buf.data())) == expected);
  CHECK(small.ec == error{errc::buffer_too_small, 0});
  CHECK(n == 0);
}
