// SPDX-License-Identifier: MIT
#include <sipref/grammar.hpp>

#include <cstdint>
#include <iterator>
#include <string>
#include <type_traits>
#include <vector>

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
result<std::string_view> dot_atom(std::string_view in, std::uint32_t atom_chars) {
  scanner s(in);
  auto r = scan_dot_atom(s, atom_chars);
  if (r && !s.at_end()) return s.fail(errc::trailing_garbage);
  return r;
}
result<std::string_view> literal(std::string_view in) {
  scanner s(in);
  auto r = scan_no_fold_literal(s);
  if (r && !s.at_end()) return s.fail(errc::trailing_garbage);
  return r;
}
using strings = std::vector<std::string_view>;
template <class Range>
strings items(const Range& r) {
  return strings(r.begin(), r.end());
}
constexpr std::size_t decimal_size(std::uint64_t v) {
  size_counter c;
  write_decimal(c, v);
  return c.size();
}
}  // namespace

// constexpr proofs: the scanners run at compile time.
static_assert(is('a', token_char) && is('%', token_char) && !is('@', token_char));
static_assert(is('[', hnv_unreserved) && !is(';', hnv_unreserved) && is(';', user_unreserved));
static_assert(iequals("Refer-To", "REFER-to") && !iequals("Refer-To", "Refer-T0"));
static_assert(find_invalid_utf8("caf\xc3\xa9") == std::string_view::npos);
static_assert(find_invalid_utf8("\xc0\x80") == 0);  // overlong NUL
static_assert(is('!', dtext) && is('Z', dtext) && is('^', dtext) && is('~', dtext));
static_assert(!is('[', dtext) && !is(']', dtext) && !is('\\', dtext) && !is(' ', dtext) && !is('\x7f', dtext));
static_assert(is_dot_atom("a.b{c}", atext) && !is_dot_atom("a.b{c}", token_nodot));
static_assert(validate_dot_atom("presence..winfo", token_nodot) == error{errc::invalid_argument, 9});
static_assert(validate_token("pl ain") == error{errc::invalid_argument, 2});
static_assert(*parse_uint_value(" 0068 ", 255) == 68);
static_assert(decimal_size(~std::uint64_t{0}) == 20 && decimal_size(0) == 1);
static_assert(parse_token_list("multiple-refer, norefersub", false)->size() == 2);
static_assert(parse_token_list("a, b", false)->contains("B"));
static_assert(
    std::is_same<std::iterator_traits<token_list_view::iterator>::iterator_category, std::forward_iterator_tag>::value);
static_assert(std::is_same<std::iterator_traits<token_list_rows::iterator>::value_type, std::string_view>::value);

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

TEST_CASE("grammar: validate_quotable agrees with a byte-by-byte reading") {
  // The first control byte (other than HTAB) or broken UTF-8 sequence, one byte at a time;
  // validate_quotable takes 8 (and with SSE2 16) printable bytes a step.
  const auto reference = [](std::string_view t) -> error {
    for (std::size_t i = 0; i < t.size();) {
      const auto c = static_cast<unsigned char>(t[i]);
      if (c >= 0x20 && c < 0x7f) {
        ++i;
      } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return {errc::control_char, i};
      } else {
        const std::size_t len = utf8_sequence_length(t, i);
        if (len == 0) return {errc::bad_utf8, i};
        i += len;
      }
    }
    return {};
  };
  const std::string_view rare("\t\r\n\0\x1f\x7f\x80\xbf\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff", 19);
  test::lcg next{2718};
  std::size_t valid = 0;
  for (int round = 0; round < 300000; ++round) {
    std::string s;
    const std::size_t len = next() % 90;
    for (std::size_t k = 0; k < len; ++k) {
      if (next() % 24 != 0) {
        s += static_cast<char>(0x20 + next() % 95);  // printable ASCII
      } else if (next() % 3 == 0) {
        s += "\xc3\xa9";  // a whole UTF-8 sequence
      } else {
        s += rare[next() % rare.size()];
      }
    }
    INFO(s);
    const error want = reference(s);
    REQUIRE(validate_quotable(s) == want);
    if (!want) ++valid;
  }
  CHECK(valid > 20000);
}

TEST_CASE("grammar: header value framing") {
  const std::string_view whole = "abc;x=1";
  CHECK(offset_in(whole, whole.substr(4, 1)) == 4);

  for (std::string_view empty : {"", " \t", "\r\n "}) {
    test::exact_buffer e(empty);
    scanner t(e.view());
    CHECK(start_value(t) == error{errc::empty_value, empty.size()});
  }
  test::exact_buffer v(" \r\n x");
  scanner sv(v.view());
  CHECK_FALSE(start_value(sv));
  CHECK(sv.pos() == 4);

  test::exact_buffer b("x \r\n \t");
  scanner s(b.view());
  s.advance();
  CHECK_FALSE(finish_value(s));
  CHECK(s.at_end());
  for (auto finish : {finish_value, finish_single_value}) {
    test::exact_buffer g("x y");
    scanner t(g.view());
    t.advance();
    CHECK(finish(t) == error{errc::trailing_garbage, 2});
  }
  // A COMMA is a second value only for a single-valued header (RFC 3515 §2.4.1).
  test::exact_buffer c("x , y");
  scanner c1(c.view());
  c1.advance();
  CHECK(finish_value(c1) == error{errc::trailing_garbage, 2});
  scanner c2(c.view());
  c2.advance();
  CHECK(finish_single_value(c2) == error{errc::multiple_values, 2});
}

TEST_CASE("grammar: caller text is validated against a character set") {
  CHECK_FALSE(validate_token("REFER"));
  CHECK(validate_token("") == error{errc::invalid_argument, 0});
  CHECK(validate_token("a\r\nVia: evil") == error{errc::invalid_argument, 1});
  CHECK(validate_token("a\"b", errc::bad_param) == error{errc::bad_param, 1});
  CHECK_FALSE(validate_chars("pc33.atlanta.com", word_char));
  CHECK(validate_chars("host@x", word_char) == error{errc::invalid_argument, 4});
  CHECK(validate_chars("", word_char, errc::empty_value) == error{errc::empty_value, 0});
}

TEST_CASE("grammar: whole-value numbers and decimal output") {
  auto u8 = [](std::string_view in) { return parse_uint_value(in, 255); };
  auto u64 = [](std::string_view in) { return parse_uint_value(in, ~std::uint64_t{0}, errc::bad_content_length); };
  auto r = test::parse_exact(u8, " 0068\r\n ");  // leading zeros, trailing fold (RFC 4475 §3.1.1.1)
  REQUIRE(r);
  CHECK(*r.result == 68u);
  auto big = test::parse_exact(u64, "4294967328");  // PEERS.md (c) 19: never truncated to 32 bits
  REQUIRE(big);
  CHECK(*big.result == 4294967328u);
  test::check_error(u8, "", errc::empty_value, 0);
  test::check_error(u8, "  ", errc::empty_value, 2);
  test::check_error(u8, "x", errc::bad_number, 0);
  test::check_error(u64, " -1", errc::bad_content_length, 1);
  test::check_error(u8, "256", errc::number_overflow, 0);
  test::check_error(u64, "99999999999999999999", errc::number_overflow, 0);
  test::check_error(u8, "12abc", errc::trailing_garbage, 2);
  test::check_error(u8, "1 2", errc::trailing_garbage, 2);

  string_sink out;
  write_decimal(out, 0);
  out.put(' ');
  write_decimal(out, 70);
  out.put(' ');
  write_decimal(out, ~std::uint64_t{0});
  CHECK(out.out == "0 70 18446744073709551615");
}

TEST_CASE("grammar: dot-atoms (RFC 5322 atext and RFC 3892 atom) and no-fold-literals") {
  auto rfc5322 = [](std::string_view in) { return dot_atom(in, atext); };
  auto rfc3892 = [](std::string_view in) { return dot_atom(in, token_nodot); };
  auto ok = test::parse_exact(rfc5322, "cn35t8jf02.a/b=c?d");
  REQUIRE(ok);
  CHECK(*ok.result == "cn35t8jf02.a/b=c?d");
  CHECK(test::parse_exact(rfc3892, "20398823.2UWQFN309shb3"));
  // The two atom sets differ: `/ = ? # $ & ^ { | }` are atext only; both exclude `@`.
  test::check_error(rfc3892, "a/b", errc::trailing_garbage, 1);
  test::check_error(rfc3892, "a#b", errc::trailing_garbage, 1);
  test::check_error(rfc5322, "a@b", errc::trailing_garbage, 1);
  for (auto parse : {+rfc5322, +rfc3892}) {
    test::check_error(parse, "", errc::unexpected_end, 0);
    test::check_error(parse, ".a", errc::unexpected_char, 0);
    test::check_error(parse, "a..b", errc::unexpected_char, 2);
    test::check_error(parse, "a.", errc::unexpected_end, 2);
  }
  CHECK(is_dot_atom("a.b", token_nodot));
  CHECK_FALSE(is_dot_atom("a.b.", token_nodot));
  CHECK_FALSE(is_dot_atom("", atext));
  CHECK(validate_dot_atom("", atext) == error{errc::invalid_argument, 0});
  CHECK(validate_dot_atom("a b", atext) == error{errc::invalid_argument, 1});
  CHECK(validate_dot_atom("refer.", token_nodot, errc::bad_event) == error{errc::bad_event, 6});
  CHECK_FALSE(validate_dot_atom("presence.winfo", token_nodot));

  auto lit = test::parse_exact(literal, "[192.0.2.1]");
  REQUIRE(lit);
  CHECK(*lit.result == "[192.0.2.1]");
  CHECK(test::parse_exact(literal, "[]"));
  test::check_error(literal, "", errc::unexpected_end, 0);
  test::check_error(literal, "x", errc::unexpected_char, 0);
  test::check_error(literal, "[abc", errc::unexpected_end, 4);
  test::check_error(literal, "[a[b]", errc::unexpected_char, 2);
  test::check_error(literal, "[a\\]b]", errc::unexpected_char, 2);
  test::check_error(literal, "[a b]", errc::unexpected_char, 2);
}

TEST_CASE("grammar: a parameter that specialises generic-param to a token value") {
  test::exact_buffer b(";id=5;x;q=\"a\";h=[::1]");
  scanner s(b.view());
  auto ps = scan_params(s);
  REQUIRE(ps);
  std::vector<error> errors;
  for (const param_view& p : *ps) errors.push_back(check_token_param(b.view(), p, errc::bad_event));
  REQUIRE(errors.size() == 4);
  CHECK_FALSE(errors[0]);
  CHECK(errors[1] == error{errc::bad_event, 7});   // no value: just after the name
  CHECK(errors[2] == error{errc::bad_event, 10});  // quoted value: at the value
  CHECK(errors[3] == error{errc::bad_event, 16});  // host value: at the value
}

TEST_CASE("grammar: composing generic-param lists") {
  const param bad_name[] = {{"bad name", "x"}};
  CHECK(validate_params(bad_name) == error{errc::bad_param, 3});
  CHECK(validate_params(bad_name, errc::invalid_argument) == error{errc::invalid_argument, 3});
  const param no_name[] = {{"", "x"}};
  CHECK(validate_params(no_name) == error{errc::bad_param, 0});
  const param dup[] = {{"lr", {}, false}, {"LR", {}, false}};
  CHECK(validate_params(dup) == error{errc::duplicate_param, 0});
  const param crlf[] = {{"x", "a\r\nVia: evil"}};
  CHECK(validate_params(crlf) == error{errc::control_char, 1});
  CHECK(validate_params(list_ref<param>(nullptr, 2)) == error{errc::invalid_argument, 0});
  CHECK_FALSE(validate_params(list_ref<param>(nullptr, 0)));
  CHECK_FALSE(validate_list_storage(list_ref<int>()));

  const param ps[] = {{"a", "1"}, {"ID", "2"}};
  CHECK(check_reserved_params(ps, {"id"}) == error{errc::invalid_argument, 0});
  CHECK(check_reserved_params(ps, {"reason", "Id"}, errc::duplicate_param) == error{errc::duplicate_param, 0});
  CHECK_FALSE(check_reserved_params(ps, {"expires", "retry-after"}));

  string_sink v;
  write_token_or_quoted(v, "abc");
  write_token_or_quoted(v, "a b");
  write_token_or_quoted(v, "");
  write_token_or_quoted(v, "say \"hi\"");
  CHECK(v.out == "abc\"a b\"\"\"\"say \\\"hi\\\"\"");

  const param mixed[] = {{"maddr", "[2001:db8::1]"}, {"lr", {}, false}, {"x", "a b"}, {"t", "tok"}};
  REQUIRE_FALSE(validate_params(mixed));
  string_sink gen;
  write_params(gen, mixed);
  CHECK(gen.out == ";maddr=[2001:db8::1];lr;x=\"a b\";t=tok");
  string_sink m;  // m-value has no host form: the bracketed value is quoted
  write_params(m, mixed, value_style::token_or_quoted);
  CHECK(m.out == ";maddr=\"[2001:db8::1]\";lr;x=\"a b\";t=tok");
}

TEST_CASE("grammar: comma-separated token lists are parsed strictly, leniency is opt-in") {
  auto strict = [](std::string_view in) { return parse_token_list(in, false); };
  auto maybe_empty = [](std::string_view in) { return parse_token_list(in, true); };
  auto lenient = [](std::string_view in) { return parse_token_list(in, false, list_options{true}); };
  auto r = test::parse_exact(strict, "  a , b,\r\n c ");
  REQUIRE(r);
  CHECK(items(*r.result) == strings{"a", "b", "c"});
  CHECK(r->text() == "a , b,\r\n c");
  CHECK(r->size() == 3);
  CHECK(r->contains("C"));
  CHECK_FALSE(r->contains_exact("C"));
  CHECK(r->contains_exact("c"));
  auto none = test::parse_exact(maybe_empty, " ");
  REQUIRE(none);
  CHECK(none->empty());
  test::check_error(strict, "", errc::empty_value, 0);
  test::check_error(strict, "  ", errc::empty_value, 2);
  // PEERS.md (c) 15: empty items are errors unless the caller opts in.
  test::check_error(strict, "a,,b", errc::empty_list_item, 2);
  test::check_error(strict, ", a", errc::empty_list_item, 0);
  test::check_error(strict, "a,", errc::empty_list_item, 2);
  test::check_error(strict, "a b", errc::trailing_garbage, 2);
  test::check_error(strict, "a;b", errc::trailing_garbage, 1);
  test::check_error(strict, "\"a\"", errc::bad_token, 0);
  auto l = test::parse_exact(lenient, ", a,,b ,");
  REQUIRE(l);
  CHECK(items(*l.result) == strings{"a", "b"});
  test::check_error(lenient, ", ,", errc::empty_value, 3);

  // An item check sees each token and its offset in the input.
  auto no_x = [](std::string_view in) {
    return parse_token_list(in, false, {}, [](std::string_view item, std::size_t at) {
      return item == "x" ? error{errc::bad_event, at} : error{};
    });
  };
  test::check_error(no_x, "a,\r\n x", errc::bad_event, 5);
  CHECK(test::parse_exact(no_x, "a, xy"));
}

TEST_CASE("grammar: token lists with another separator, skipped items, and merged rows") {
  test::exact_buffer b("id;user ; history");
  const token_list_view all(b.view(), ';');
  CHECK(all.separator() == ';');
  CHECK(items(all) == strings{"id", "user", "history"});
  const token_list_view some(b.view(), ';', [](std::string_view t) { return iequals(t, "user"); });
  CHECK(items(some) == strings{"id", "history"});
  CHECK(some.size() == 2);
  CHECK_FALSE(some.contains("user"));

  auto a = test::parse_exact([](std::string_view in) { return parse_token_list(in, false); }, "a, b");
  auto e = test::parse_exact([](std::string_view in) { return parse_token_list(in, true); }, "");
  auto c = test::parse_exact([](std::string_view in) { return parse_token_list(in, false); }, "C");
  REQUIRE(a);
  REQUIRE(e);
  REQUIRE(c);
  const token_list_view rows[] = {*a.result, *e.result, *c.result};
  const token_list_rows merged(rows);
  CHECK(items(merged) == strings{"a", "b", "C"});
  CHECK(merged.size() == 3);
  CHECK(merged.row_count() == 3);
  CHECK(merged.contains("c"));
  CHECK_FALSE(merged.contains_exact("c"));
  const token_list_view empty_rows[] = {*e.result, *e.result};
  CHECK(token_list_rows(empty_rows).empty());
  CHECK(token_list_rows().empty());
}

TEST_CASE("grammar: composing token lists reports offsets in the composed text") {
  const std::string_view bad_byte[] = {"a", "b c"};
  CHECK(validate_token_list(bad_byte, true) == error{errc::invalid_argument, 4});
  CHECK(validate_token_list(bad_byte, true, any_token{}, ";", 10) == error{errc::invalid_argument, 13});
  const std::string_view empty_item[] = {"a", ""};
  CHECK(validate_token_list(empty_item, true) == error{errc::invalid_argument, 3});
  const std::string_view dup[] = {"timer", "Timer"};
  CHECK(validate_token_list(dup, true) == error{errc::invalid_argument, 7});
  CHECK_FALSE(validate_token_list(dup, false));  // byte-wise comparison: not duplicates
  auto second_char = [](std::string_view item, std::size_t) {
    return item == "xy" ? error{errc::bad_event, 1} : error{};
  };
  const std::string_view checked[] = {"ab", "xy"};
  CHECK(validate_token_list(checked, false, second_char) == error{errc::bad_event, 5});
  CHECK(validate_token_list(list_ref<std::string_view>(nullptr, 1), true) == error{errc::invalid_argument, 0});

  string_sink out;
  const std::string_view tags[] = {"multiple-refer", "norefersub"};
  CHECK_FALSE(write_token_list(out, tags, false, true));
  CHECK(out.out == "multiple-refer, norefersub");
  string_sink nothing;
  CHECK(write_token_list(nothing, {}, false, true) == error{errc::empty_value, 0});
  CHECK_FALSE(write_token_list(nothing, {}, true, true));
  CHECK(nothing.out.empty());
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

TEST_CASE("grammar: skip_word_chars stops where the byte loop would") {
  // Its result is a fast prefix: every byte before it is a word character, and with SSE2 and
  // 16 bytes or more it is exactly the first other byte.
  test::lcg next{4242};
  for (int round = 0; round < 100000; ++round) {
    std::string s;
    const std::size_t len = next() % 70;
    for (std::size_t k = 0; k < len; ++k)
      s += static_cast<char>(next() % 8 == 0 ? next() % 256 : 0x21 + next() % 0x5e);
    const std::size_t from = s.empty() ? 0 : next() % (s.size() + 1);
    const std::size_t fast = skip_word_chars(s, from);
    const std::size_t slow = from + grammar::detail::span_in(std::string_view(s).substr(from), word_char);
    INFO(s);
    REQUIRE(fast >= from);
    REQUIRE(fast <= slow);
    if (s.size() >= 16 && SIPREF_GRAMMAR_HAS_SSE2) REQUIRE(fast == slow);
  }
}
