// SPDX-License-Identifier: MIT
#include <sipref/grammar.hpp>

#include <string>

#include <sipref/compose.hpp>

#include "support/test_support.hpp"

using namespace sipref;
using namespace sipref::grammar;

namespace {
// Parsers under test, shaped as (string_view) -> result<...> so test helpers can drive them.
result<std::string_view> quoted(std::string_view in) {
  scanner s(in);
  auto r = scan_quoted_string(s);
  if (r && !s.at_end()) return s.fail(errc::trailing_garbage);
  return r;
}
result<params_view> params(std::string_view in) {
  scanner s(in);
  auto r = scan_params(s);
  if (r && !s.at_end()) return s.fail(errc::trailing_garbage);
  return r;
}
result<std::uint64_t> number(std::string_view in, std::uint64_t max) {
  scanner s(in);
  return scan_uint(s, max);
}
struct string_sink {
  std::string out;
  void put(char c) { out.push_back(c); }
  void put(std::string_view v) { out.append(v); }
};
}  // namespace

// constexpr proofs: the scanners run at compile time.
static_assert(is('a', token_char) && is('%', token_char) && !is('@', token_char));
static_assert(is('[', hnv_unreserved) && !is(';', hnv_unreserved) && is(';', user_unreserved));
static_assert(iequals("Refer-To", "REFER-to") && !iequals("Refer-To", "Refer-T0"));
static_assert(find_invalid_utf8("caf\xc3\xa9") == std::string_view::npos);
static_assert(find_invalid_utf8("\xc0\x80") == 0);  // overlong NUL

TEST_CASE("grammar: LWS, SWS and line folding (RFC 3261 §25.1)") {
  test::exact_buffer b(" \t\r\n  x");
  scanner s(b.view());
  CHECK(skip_lws(s));
  CHECK(s.next_is('x'));
  // A CRLF not followed by WSP ends the row: it is not LWS.
  test::exact_buffer b2("  \r\nX");
  scanner s2(b2.view());
  CHECK(skip_lws(s2));
  CHECK(s2.pos() == 2);
  // Input ending right after CR: no read past the end.
  test::exact_buffer b3(" \r");
  scanner s3(b3.view());
  CHECK(skip_lws(s3));
  CHECK(s3.pos() == 1);
}

TEST_CASE("grammar: separators accept LWS around the character") {
  test::exact_buffer b(" \r\n ; \r\n\tfoo");
  scanner s(b.view());
  CHECK(separator(s, ';'));
  CHECK(scan_token(s) == "foo");
  test::exact_buffer b2("  x");
  scanner s2(b2.view());
  CHECK_FALSE(separator(s2, ';'));
  CHECK(s2.pos() == 0);
}

TEST_CASE("grammar: HCOLON allows SP/HTAB before the colon but no fold") {
  test::exact_buffer b("\t :  v");
  scanner s(b.view());
  CHECK(hcolon(s));
  CHECK(s.next_is('v'));
  test::exact_buffer b2("\r\n :v");
  scanner s2(b2.view());
  CHECK_FALSE(hcolon(s2));
  test::exact_buffer b3("\x01:v");  // PEERS.md (c) 21: junk before the colon
  scanner s3(b3.view());
  CHECK_FALSE(hcolon(s3));
}

TEST_CASE("grammar: quoted-string accepts qdtext, quoted-pairs, folds and UTF-8") {
  auto r = test::parse_exact(quoted, "\"J Rosenberg \\\\\\\"\"");
  REQUIRE(r);
  CHECK(*r == "J Rosenberg \\\\\\\"");
  string_sink out;
  unquote(out, *r);
  CHECK(out.out == "J Rosenberg \\\"");
  auto nul = test::parse_exact(quoted, std::string_view("\"a\\\0b\"", 6));  // escaped NUL is legal
  REQUIRE(nul);
  auto folded = test::parse_exact(quoted, "\"a\r\n b\"");
  REQUIRE(folded);
  string_sink out2;
  unquote(out2, *folded);
  CHECK(out2.out == "a b");
  CHECK(test::parse_exact(quoted, "\"Caf\xc3\xa9\""));
}

TEST_CASE("grammar: quoted-string negative cases assert code and offset") {
  // PEERS.md (c) 4: backslash at the end, unterminated quote.
  test::check_error(quoted, "\"Bob\\", errc::bad_quoted_pair, 4);
  test::check_error(quoted, "\"Bob\\\"", errc::unterminated_quote, 0);
  test::check_error(quoted, "\"Bob", errc::unterminated_quote, 0);
  test::check_error(quoted, "\"a\\\r\nb\"", errc::bad_quoted_pair, 2);
  test::check_error(quoted, "\"a\r\nb\"", errc::control_char, 2);
  test::check_error(quoted, "\"a\nb\"", errc::control_char, 2);
  test::check_error(quoted, std::string_view("\"a\0b\"", 5), errc::control_char, 2);
  test::check_error(quoted, "\"a\xc3(\"", errc::bad_utf8, 2);
  test::check_error(quoted, "x", errc::bad_quoted_string, 0);
  test::check_error(quoted, "\"ok\"x", errc::trailing_garbage, 4);
}

TEST_CASE("grammar: generic-param lists") {
  auto r = test::parse_exact(params, ";tag=1928301774 ; lr;maddr=[2001:db8::1];q=\"a;b\"");
  REQUIRE(r);
  CHECK(r->size() == 4);
  CHECK(r->get("TAG") == "1928301774");
  CHECK(r->contains("lr"));
  CHECK(r->get("maddr") == "[2001:db8::1]");
  CHECK(r->get("q") == "\"a;b\"");
  // PEERS.md (c) 23: % in a token parameter value is literal, never decoded.
  auto pct = test::parse_exact(params, ";x=a%41");
  REQUIRE(pct);
  CHECK(pct->get("x") == "a%41");
}

TEST_CASE("grammar: generic-param negative cases") {
  test::check_error(params, ";a=1;A=2", errc::duplicate_param, 5);
  test::check_error(params, ";", errc::bad_param, 1);          // empty param (RFC 4475 badinv01)
  test::check_error(params, ";a;;b", errc::bad_param, 3);
  test::check_error(params, ";a=", errc::bad_param, 3);
  test::check_error(params, ";a=\"x", errc::bad_param, 3);
  test::check_error(params, ";a=[zz]", errc::bad_param, 3);
  std::string many;
  for (std::size_t i = 0; i <= max_params; ++i) many += ";p" + std::to_string(i);
  test::check_error(params, many, errc::limit_exceeded, many.rfind(";p") + 1);
}

TEST_CASE("grammar: numbers are parsed with overflow checks") {
  auto ok = test::parse_exact([](std::string_view in) { return number(in, 0xffffffffu); }, "00070");
  REQUIRE(ok);
  CHECK(*ok == 70u);
  test::check_error([](std::string_view in) { return number(in, 0xffffffffu); }, "4294967296", errc::number_overflow, 0);
  test::check_error([](std::string_view in) { return number(in, ~std::uint64_t{0}); }, "99999999999999999999",
                    errc::number_overflow, 0);
  test::check_error([](std::string_view in) { return number(in, 10); }, "x", errc::bad_number, 0);
}

TEST_CASE("grammar: percent-decoding happens exactly once (RFC 4475 §3.1.1.3)") {
  CHECK_FALSE(validate_escaped("value%25%34%31", unreserved));
  string_sink out;
  pct_decode(out, "value%25%34%31");
  CHECK(out.out == "value%41");
  CHECK(pct_decoded_size("value%25%34%31") == 8);
  // PEERS.md (c) 1: truncated escapes at the very end of the buffer.
  for (auto bad : {"abc%4", "abc%", "abc%zz", "abc%4g"}) {
    const test::exact_buffer b(bad);
    const error e = validate_escaped(b.view(), unreserved);
    CHECK(e.code == errc::bad_escape);
    CHECK(e.offset == 3);
  }
  // PEERS.md (c) 10: lower-case escapes decode and compare like upper-case ones.
  CHECK(pct_equal("a%3bb", "a%3Bb", false));
  CHECK(pct_equal("%41", "a", true));
  CHECK_FALSE(pct_equal("%41", "a", false));
  // %00 decodes to a real NUL and never truncates (RFC 4475 §3.1.1.4).
  string_sink nul;
  pct_decode(nul, "a%00b");
  CHECK(nul.out == std::string("a\0b", 3));
}

TEST_CASE("grammar: percent-encoding escapes '%' and everything outside the set") {
  string_sink out;
  pct_encode(out, "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994", unreserved | hnv_unreserved);
  CHECK(out.out == "12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994");
  string_sink pct;
  pct_encode(pct, "100%", unreserved);
  CHECK(pct.out == "100%25");
  CHECK(pct_encoded_size("100%", unreserved) == 6);
}

TEST_CASE("grammar: quotable text is validated and escaped") {
  CHECK_FALSE(validate_quotable("Caf\xc3\xa9 \"x\" \\"));
  CHECK(validate_quotable("a\r\nb") == error{errc::control_char, 1});
  CHECK(validate_quotable("a\xff") == error{errc::bad_utf8, 1});
  string_sink out;
  write_quoted(out, "say \"hi\" \\o/");
  CHECK(out.out == "\"say \\\"hi\\\" \\\\o/\"");
}

TEST_CASE("result: value, error and value_or") {
  result<int> good = 3;
  result<int> bad = error{errc::bad_token, 7};
  CHECK(good.has_value());
  CHECK(*good == 3);
  CHECK_FALSE(bad);
  CHECK(bad.error() == error{errc::bad_token, 7});
  CHECK(bad.value_or(9) == 9);
  CHECK_THROWS_AS((void)bad.value(), bad_result_access);
  CHECK(to_string(errc::bad_escape) == "bad_escape");
  CHECK(to_string(static_cast<errc>(9999)) == "unknown");
}
