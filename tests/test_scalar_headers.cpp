// SPDX-License-Identifier: MIT
/// @file test_scalar_headers.cpp
/// Tests of scalar_headers.hpp: Call-ID, CSeq, Max-Forwards, Content-Length and Expires
/// (RFC 3261 §20), the RFC 4475 scalar torture values, PEERS.md (c) row 19, and the seeded
/// Call-ID / tag / branch generators.
#include <sipref/scalar_headers.hpp>

#include <random>
#include <set>
#include <string>
#include <string_view>

#include "support/test_support.hpp"

using namespace sipref;
using test::header_value;

namespace {


// Views into a temporary message would dangle: read the file into a named string first, or

/// The value of header @p name in data file @p file, as an owned string.
[[maybe_unused]] std::string file_header(const char* file, std::string_view name, std::string_view compact = {}) {
  const std::string msg = test::read_data(file);
  return std::string(header_value(msg, name, compact));
}

auto p_call_id = [](std::string_view in) { return parse_call_id(in); };
auto p_cseq = [](std::string_view in) { return parse_cseq(in); };
auto p_max_forwards = [](std::string_view in) { return parse_max_forwards(in); };
auto p_content_length = [](std::string_view in) { return parse_content_length(in); };
auto p_expires = [](std::string_view in) { return parse_expires(in); };

bool is_alnum(std::string_view s) { return grammar::all_of(s, grammar::alphanum); }

}  // namespace

static_assert(parse_cseq("93809823 REFER")->number == 93809823u);
static_assert(parse_cseq("93809823 REFER")->method == "REFER");
static_assert(parse_max_forwards("0068")->value == 68u);
static_assert(parse_content_length("4294967328")->value == 4294967328u);
static_assert(parse_expires("4294967296").error() == error{errc::number_overflow, 0});
static_assert(parse_call_id("a@b")->host_part() == "b");
static_assert(*composed_size(cseq{2, "REFER"}) == 7);

// ------------------------------------------------------------------------------------------
// Call-ID
// ------------------------------------------------------------------------------------------

TEST_CASE("call_id: word [\"@\" word], case-sensitive") {
  auto r = test::parse_exact(p_call_id, "898234234@agenta.atlanta.example.com");
  REQUIRE(r);
  CHECK(r->value == "898234234@agenta.atlanta.example.com");
  CHECK(r->local_part() == "898234234");
  CHECK(r->host_part() == "agenta.atlanta.example.com");
  auto plain = test::parse_exact(p_call_id, " \r\n d432fa84b4c76e66710 \r\n\t");
  REQUIRE(plain);
  CHECK(plain->value == "d432fa84b4c76e66710");
  CHECK(plain->local_part() == "d432fa84b4c76e66710");
  CHECK(plain->host_part().empty());
  // Byte-wise comparison (RFC 3261 §20.8)
  CHECK(*test::parse_exact(p_call_id, "AbC@x") == *test::parse_exact(p_call_id, " AbC@x"));
  CHECK(*test::parse_exact(p_call_id, "AbC@x") != *test::parse_exact(p_call_id, "abc@x"));
}

TEST_CASE("call_id: RFC 4475 intmeth full word set, longreq, esc02") {
  const std::string intmeth = test::read_data("rfc4475/intmeth.dat");
  const std::string_view v = header_value(intmeth, "Call-ID", "i");
  REQUIRE(v == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
  auto r = test::parse_exact(p_call_id, v);
  REQUIRE(r);
  CHECK(r->local_part() == "intmeth.word%ZK-!.*_+'");  // % is literal (RFC 4475 §3.1.1.2)
  CHECK(r->host_part() == "word`~)(><:\\/\"][?}{");
  CHECK(*to_string(call_id{r->value}) == v);

  const std::string longreq = test::read_data("rfc4475/longreq.dat");
  auto l = test::parse_exact(p_call_id, header_value(longreq, "Call-ID", "i"));
  REQUIRE(l);
  CHECK(l->value.size() > 100);
  CHECK(test::parse_exact(p_call_id, file_header("rfc4475/esc02.dat", "Call-ID", "i")));
}

TEST_CASE("call_id: RFC 3420 §3.2 invalid sipfrag 'Call-ID: this is invalid'") {
  const std::string frag = test::read_data("rfc3420/rfc3420-3.2-INVALID-06.sipfrag");
  const std::string_view v = header_value(frag, "Call-ID", "i");
  REQUIRE(v == "this is invalid");
  test::check_error(p_call_id, v, errc::trailing_garbage, 5);
}

TEST_CASE("call_id: negative cases with code and offset") {
  using test::check_error;
  check_error(p_call_id, "", errc::empty_value, 0);
  check_error(p_call_id, "  ", errc::empty_value, 2);
  check_error(p_call_id, "@host", errc::unexpected_char, 0);
  check_error(p_call_id, ";x", errc::unexpected_char, 0);
  check_error(p_call_id, "abc@", errc::unexpected_char, 4);
  check_error(p_call_id, "abc@ x", errc::unexpected_char, 4);
  check_error(p_call_id, "abc@;x", errc::unexpected_char, 4);
  check_error(p_call_id, "a@b@c", errc::trailing_garbage, 3);
  check_error(p_call_id, "a b", errc::trailing_garbage, 2);
  check_error(p_call_id, "a,b", errc::trailing_garbage, 1);
  check_error(p_call_id, "a;b=c", errc::trailing_garbage, 1);
  check_error(p_call_id, "a=b", errc::trailing_garbage, 1);
  check_error(p_call_id, "caf\xc3\xa9", errc::trailing_garbage, 3);
  check_error(p_call_id, std::string_view("ab\0c", 4), errc::trailing_garbage, 2);
  check_error(p_call_id, "ab\r\nVia: x", errc::trailing_garbage, 2);
}

TEST_CASE("call_id: composing") {
  CHECK(*to_string(header_row(call_id{"d432fa84b4c76e66710"})) == "Call-ID: d432fa84b4c76e66710\r\n");
  CHECK(*to_string(call_id{"a84b4c76e66710@pc33.atlanta.com"}) == "a84b4c76e66710@pc33.atlanta.com");
  auto err = [](std::string_view v) { return composed_size(call_id{v}).error(); };
  CHECK(err("") == error{errc::invalid_argument, 0});
  CHECK(err("@h") == error{errc::invalid_argument, 0});
  CHECK(err("a@") == error{errc::invalid_argument, 2});
  CHECK(err("a@b@c") == error{errc::invalid_argument, 3});
  CHECK(err("a b") == error{errc::invalid_argument, 1});
  CHECK(err("abc\r\nVia: evil") == error{errc::invalid_argument, 3});
  CHECK(err("a;b") == error{errc::invalid_argument, 1});
  // round trip
  for (std::string_view v : {"x", "a@b", "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"}) {
    auto r = test::parse_exact(p_call_id, *to_string(call_id{v}));
    REQUIRE(r);
    CHECK(r->value == v);
  }
}

TEST_CASE("call_id: the composer's check agrees with a byte-by-byte reading of the grammar") {
  // callid = word [ "@" word ]: the offset of the first byte that breaks it (the size for an
  // empty word after "@"), npos when there is none; the composer takes 16 to 64 bytes as bit
  // masks, other sizes byte by byte.
  const auto reference = [](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    std::size_t at = 0;
    while (at < v.size() && grammar::is(v[at], grammar::word_char)) ++at;
    if (at == v.size()) return std::string_view::npos;
    if (v[at] != '@' || at == 0) return at;
    std::size_t end = at + 1;
    while (end < v.size() && grammar::is(v[end], grammar::word_char)) ++end;
    if (end != v.size()) return end;
    if (at == v.size() - 1) return v.size();
    return std::string_view::npos;
  };
  const std::string_view alphabet(
      "aZ09-.!%*_+`'~()<>:\\\"/[]?{}aaaaaaaaaaaaaaaa"  // word bytes
      "@@ ;,=#$&^|\t\r\n\0\x7f\x80\xc3\xff",           // '@' and non-word bytes
      62);
  test::lcg next{4242};
  std::size_t valid = 0;
  for (int round = 0; round < 300000; ++round) {
    std::string s;
    const std::size_t len = next() % 80;
    // Mostly word bytes (the first 43), so that an '@' or a wrong byte may sit anywhere.
    for (std::size_t k = 0; k < len; ++k) s += next() % 32 != 0 ? alphabet[next() % 43] : alphabet[43 + next() % 19];
    INFO(s);
    const std::size_t want = reference(s);
    REQUIRE(detail::scalar_impl::check_callid(s) == want);
    if (want == std::string_view::npos) ++valid;
  }
  CHECK(valid > 20000);
}

// ------------------------------------------------------------------------------------------
// CSeq
// ------------------------------------------------------------------------------------------

TEST_CASE("cseq: number, LWS (also a fold), case-sensitive method") {
  auto r = test::parse_exact(p_cseq, "2 REFER");
  REQUIRE(r);
  CHECK(r->number == 2u);
  CHECK(r->method == "REFER");
  auto max = test::parse_exact(p_cseq, "4294967295 NOTIFY");
  REQUIRE(max);
  CHECK(max->number == 4294967295u);
  auto lower = test::parse_exact(p_cseq, "1 refer");
  REQUIRE(lower);
  CHECK(lower->method == "refer");  // kept as written; "refer" is not "REFER"
  // RFC 4475 §3.1.1.1 wsinv: "cseq: 0009\r\n  INVITE"
  const std::string wsinv = test::read_data("rfc4475/wsinv.dat");
  const std::string_view v = header_value(wsinv, "CSeq");
  REQUIRE(v == "0009\r\n  INVITE");
  auto w = test::parse_exact(p_cseq, v);
  REQUIRE(w);
  CHECK(w->number == 9u);
  CHECK(w->method == "INVITE");
  // RFC 4475 §3.1.1.2 intmeth: the method is any token, % included
  auto i = test::parse_exact(p_cseq, file_header("rfc4475/intmeth.dat", "CSeq"));
  REQUIRE(i);
  CHECK(i->method == "!interesting-Method0123456789_*+`.%indeed'~");
  // RFC 3420 §3.1 sipfrag: "Cseq: 314159 INVITE" (header names are case-insensitive)
  auto f = test::parse_exact(p_cseq, file_header("rfc3420/rfc3420-3.1-valid-05.sipfrag", "CSeq"));
  REQUIRE(f);
  CHECK(f->number == 314159u);
  auto sp = test::parse_exact(p_cseq, " \t 7 \t \r\n\t ACK \r\n ");
  REQUIRE(sp);
  CHECK(sp->number == 7u);
  CHECK(sp->method == "ACK");
}

TEST_CASE("cseq: RFC 4475 §3.1.2.4 scalar02 and §3.1.2.5 scalarlg overlarge numbers") {
  const std::string s02 = test::read_data("rfc4475/scalar02.dat");
  const std::string_view v = header_value(s02, "CSeq");
  REQUIRE(v == "36893488147419103232 REGISTER");
  test::check_error(p_cseq, v, errc::number_overflow, 0);
  const std::string lg = file_header("rfc4475/scalarlg.dat", "CSeq");
  REQUIRE(lg == "9292394834772304023312 OPTIONS");
  test::check_error(p_cseq, lg, errc::number_overflow, 0);
  test::check_error(p_cseq, "4294967296 INVITE", errc::number_overflow, 0);
  test::check_error(p_cseq, "  18446744073709551616 INVITE", errc::number_overflow, 2);
}

TEST_CASE("cseq: negative cases with code and offset") {
  using test::check_error;
  check_error(p_cseq, "", errc::empty_value, 0);
  check_error(p_cseq, " ", errc::empty_value, 1);
  check_error(p_cseq, "REFER", errc::bad_number, 0);
  check_error(p_cseq, "-1 REFER", errc::bad_number, 0);
  check_error(p_cseq, "+1 REFER", errc::bad_number, 0);
  check_error(p_cseq, "1REFER", errc::unexpected_char, 1);
  check_error(p_cseq, "1", errc::unexpected_end, 1);
  check_error(p_cseq, "1.5 REFER", errc::unexpected_char, 1);
  check_error(p_cseq, "1 ", errc::bad_method, 2);
  check_error(p_cseq, "1 \r\n ", errc::bad_method, 5);
  check_error(p_cseq, "1 <REFER>", errc::bad_method, 2);
  check_error(p_cseq, "1 REFER INVITE", errc::trailing_garbage, 8);
  check_error(p_cseq, "1 REFER;x", errc::trailing_garbage, 7);
  check_error(p_cseq, "1 RE FER", errc::trailing_garbage, 5);
  check_error(p_cseq, "1\r\nREFER", errc::unexpected_char, 1);  // CRLF without WSP is no fold
  check_error(p_cseq, "1 REFER\r\nVia: x", errc::trailing_garbage, 7);
}

TEST_CASE("cseq: composing (RFC 3261 §8.1.1.5: below 2^31)") {
  CHECK(*to_string(header_row(cseq{2, "REFER"})) == "CSeq: 2 REFER\r\n");
  CHECK(*to_string(cseq{0, "INVITE"}) == "0 INVITE");
  CHECK(*to_string(cseq{cseq::max_number, "NOTIFY"}) == "2147483647 NOTIFY");
  auto err = [](const cseq& c) { return composed_size(c).error(); };
  CHECK(err(cseq{0x80000000u, "REFER"}) == error{errc::invalid_argument, 0});
  CHECK(err(cseq{0xffffffffu, "REFER"}) == error{errc::invalid_argument, 0});
  CHECK(err(cseq{1, ""}) == error{errc::invalid_argument, 0});
  CHECK(err(cseq{1, "RE FER"}) == error{errc::invalid_argument, 2});
  CHECK(err(cseq{1, "REFER\r\nVia: evil"}) == error{errc::invalid_argument, 5});
  // round trip
  for (const cseq& c : {cseq{1993403, "NOTIFY"}, cseq{0, "!interesting-Method0123456789_*+`.%indeed'~"}}) {
    auto r = test::parse_exact(p_cseq, *to_string(c));
    REQUIRE(r);
    CHECK(r->number == c.number);
    CHECK(r->method == c.method);
    CHECK(*to_string(cseq{r->number, r->method}) == *to_string(c));
  }
}

// ------------------------------------------------------------------------------------------
// Max-Forwards
// ------------------------------------------------------------------------------------------

TEST_CASE("max_forwards: 0..255, leading zeros (RFC 4475 wsinv, zeromf)") {
  CHECK(test::parse_exact(p_max_forwards, "70")->value == 70u);
  CHECK(test::parse_exact(p_max_forwards, "255")->value == 255u);
  CHECK(test::parse_exact(p_max_forwards, " 0 \r\n ")->value == 0u);
  CHECK(test::parse_exact(p_max_forwards, "000000000000000000000000070")->value == 70u);
  const std::string w = file_header("rfc4475/wsinv.dat", "Max-Forwards");
  REQUIRE(w == "0068");
  CHECK(test::parse_exact(p_max_forwards, w)->value == 68u);
  const std::string z = file_header("rfc4475/zeromf.dat", "Max-Forwards");
  CHECK(test::parse_exact(p_max_forwards, z)->value == 0u);
  const std::string f3 = file_header("rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip", "Max-Forwards");
  REQUIRE(f3 == "70");
  CHECK(*to_string(max_forwards{}) == f3);  // the RFC 3261 §8.1.1.6 default
}

TEST_CASE("max_forwards: RFC 4475 §3.1.2.4 scalar02 'Max-Forwards: 300' and other negatives") {
  const std::string v = file_header("rfc4475/scalar02.dat", "Max-Forwards");
  REQUIRE(v == "300");
  using test::check_error;
  check_error(p_max_forwards, v, errc::number_overflow, 0);
  check_error(p_max_forwards, "256", errc::number_overflow, 0);
  check_error(p_max_forwards, " 0256", errc::number_overflow, 1);
  check_error(p_max_forwards, "", errc::empty_value, 0);
  check_error(p_max_forwards, "-1", errc::bad_number, 0);
  check_error(p_max_forwards, "+1", errc::bad_number, 0);
  check_error(p_max_forwards, "seventy", errc::bad_number, 0);
  check_error(p_max_forwards, "70 1", errc::trailing_garbage, 3);
  check_error(p_max_forwards, "7.0", errc::trailing_garbage, 1);
  check_error(p_max_forwards, "70\r\nVia: x", errc::trailing_garbage, 2);
}

TEST_CASE("max_forwards: composing") {
  CHECK(*to_string(header_row(max_forwards{})) == "Max-Forwards: 70\r\n");
  CHECK(*to_string(max_forwards{0}) == "0");
  CHECK(*to_string(max_forwards{255}) == "255");
  CHECK(composed_size(max_forwards{256}).error() == error{errc::invalid_argument, 0});
  for (std::uint32_t v : {0u, 1u, 69u, 70u, 255u})
    CHECK(test::parse_exact(p_max_forwards, *to_string(max_forwards{v}))->value == v);
}

// ------------------------------------------------------------------------------------------
// Content-Length
// ------------------------------------------------------------------------------------------

TEST_CASE("content_length: PEERS.md (c) 19 shapes") {
  SUBCASE("4294967328 (2^32+32) is not truncated to 32") {
    auto r = test::parse_exact(p_content_length, "4294967328");
    REQUIRE(r);
    CHECK(r->value == 4294967328u);
  }
  SUBCASE("-1 is rejected") { test::check_error(p_content_length, "-1", errc::bad_content_length, 0); }
  SUBCASE("99999999999999999999 overflows 64 bits") {
    test::check_error(p_content_length, "99999999999999999999", errc::number_overflow, 0);
  }
  SUBCASE("leading zeros are accepted") {
    auto r = test::parse_exact(p_content_length, "000000000000000000000000000000362");
    REQUIRE(r);
    CHECK(r->value == 362u);
  }
  SUBCASE("+5 is rejected") { test::check_error(p_content_length, "+5", errc::bad_content_length, 0); }
}

TEST_CASE("content_length: limits, LWS and other negatives") {
  CHECK(test::parse_exact(p_content_length, "18446744073709551615")->value == 18446744073709551615u);
  test::check_error(p_content_length, "18446744073709551616", errc::number_overflow, 0);
  CHECK(test::parse_exact(p_content_length, "0")->value == 0u);
  CHECK(test::parse_exact(p_content_length, " \t13 \r\n ")->value == 13u);
  using test::check_error;
  check_error(p_content_length, "", errc::empty_value, 0);
  check_error(p_content_length, " \r\n ", errc::empty_value, 4);
  check_error(p_content_length, "abc", errc::bad_content_length, 0);
  check_error(p_content_length, "0x10", errc::trailing_garbage, 1);
  check_error(p_content_length, "12abc", errc::trailing_garbage, 2);
  check_error(p_content_length, "1 2", errc::trailing_garbage, 2);
  check_error(p_content_length, "1.0", errc::trailing_garbage, 1);
  check_error(p_content_length, "1,2", errc::trailing_garbage, 1);
  check_error(p_content_length, std::string_view("1\0", 2), errc::trailing_garbage, 1);
}

TEST_CASE("content_length: RFC 4475 ncl, clerr, mcl01 and RFC example values") {
  // §3.1.2.3 ncl: Content-Length: -999
  const std::string ncl = file_header("rfc4475/ncl.dat", "Content-Length", "l");
  REQUIRE(ncl == "-999");
  test::check_error(p_content_length, ncl, errc::bad_content_length, 0);
  // §3.1.2.2 clerr: 9999 is a valid number; the message parser finds the body too short.
  CHECK(test::parse_exact(p_content_length, file_header("rfc4475/clerr.dat", "Content-Length"))->value == 9999u);
  // §3.3.9 mcl01: each of the two values parses; the conflict is the message parser's.
  const std::string mcl = test::read_data("rfc4475/mcl01.dat");
  CHECK(test::parse_exact(p_content_length, header_value(mcl, "Content-Length"))->value == 13u);
  // RFC 8262 §1.4.2 prints the placeholder "...".
  const std::string dots = file_header("rfc8262/rfc8262-1.4.2-REFER-multipart-single-part.sip", "Content-Length", "l");
  REQUIRE(dots == "...");
  test::check_error(p_content_length, dots, errc::bad_content_length, 0);
  // RFC 5368 §9: 362, composed back byte-exact.
  const std::string v362 = file_header("rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip", "Content-Length", "l");
  auto r = test::parse_exact(p_content_length, v362);
  REQUIRE(r);
  CHECK(r->value == 362u);
  CHECK(*to_string(*r) == v362);
  // RFC 4475 esc02 uses the compact form "l: 0".
  CHECK(test::parse_exact(p_content_length, file_header("rfc4475/esc02.dat", "Content-Length", "l"))->value == 0u);
}

TEST_CASE("content_length: composing") {
  CHECK(*to_string(header_row(content_length{})) == "Content-Length: 0\r\n");
  CHECK(*to_string(content_length{362}) == "362");
  CHECK(*to_string(content_length{18446744073709551615u}) == "18446744073709551615");
  for (std::uint64_t v :
       {std::uint64_t{0}, std::uint64_t{9}, std::uint64_t{10}, std::uint64_t{4294967328u}, ~std::uint64_t{0}})
    CHECK(test::parse_exact(p_content_length, *to_string(content_length{v}))->value == v);
}

// ------------------------------------------------------------------------------------------
// Expires
// ------------------------------------------------------------------------------------------

TEST_CASE("expires: delta-seconds up to 2^32-1 (RFC 3261 §20.19)") {
  CHECK(test::parse_exact(p_expires, "3600")->seconds == 3600u);
  CHECK(test::parse_exact(p_expires, " 0 ")->seconds == 0u);
  CHECK(test::parse_exact(p_expires, "4294967295")->seconds == 4294967295u);
  CHECK(test::parse_exact(p_expires, "00004294967295")->seconds == 4294967295u);
  // RFC 4475 §3.1.2.4 scalar02: Expires: 1 followed by 100 zeros
  const std::string v = file_header("rfc4475/scalar02.dat", "Expires");
  REQUIRE(v.size() == 101);
  using test::check_error;
  check_error(p_expires, v, errc::number_overflow, 0);
  check_error(p_expires, "4294967296", errc::number_overflow, 0);
  check_error(p_expires, "", errc::empty_value, 0);
  check_error(p_expires, "-1", errc::bad_number, 0);
  check_error(p_expires, "Thu, 01 Dec 1994 16:00:00 GMT", errc::bad_number, 0);  // RFC 2543 date form
  check_error(p_expires, "3600;x=1", errc::trailing_garbage, 4);
  check_error(p_expires, "36 00", errc::trailing_garbage, 3);
}

TEST_CASE("expires: composing") {
  CHECK(*to_string(header_row(expires{3600})) == "Expires: 3600\r\n");
  CHECK(*to_string(expires{4294967295u}) == "4294967295");
  for (std::uint32_t v : {0u, 1u, 3600u, 4294967295u})
    CHECK(test::parse_exact(p_expires, *to_string(expires{v}))->seconds == v);
}

// ------------------------------------------------------------------------------------------
// Generators
// ------------------------------------------------------------------------------------------

TEST_CASE("generators: deterministic for a seeded engine, alphanumeric, the right length") {
  std::mt19937 a(12345), b(12345);
  const std::string tag1 = make_tag(a);
  const std::string tag2 = make_tag(b);
  CHECK(tag1 == tag2);  // same seed, same text
  CHECK(tag1.size() == tag_random_chars);
  CHECK(is_alnum(tag1));
  CHECK(grammar::is_token(tag1));

  const std::string branch = make_branch(a);
  CHECK(branch.size() == 7 + branch_random_chars);
  CHECK(branch.substr(0, 7) == "z9hG4bK");
  CHECK(is_alnum(std::string_view(branch).substr(7)));
  CHECK(make_branch(b) == branch);

  const std::string cid = make_call_id(a);
  CHECK(cid.size() == call_id_random_chars);
  CHECK(test::parse_exact(p_call_id, cid));
  CHECK(make_call_id(b) == cid);

  const auto with_host = make_call_id(a, "pc33.atlanta.com");
  REQUIRE(with_host.has_value());
  CHECK(with_host->size() == call_id_random_chars + 1 + 16);
  auto parsed = test::parse_exact(p_call_id, *with_host);
  REQUIRE(parsed);
  CHECK(parsed->host_part() == "pc33.atlanta.com");
  CHECK(is_alnum(parsed->local_part()));
  CHECK(make_call_id(a, "").error() == error{errc::invalid_argument, 0});
  CHECK(make_call_id(a, "bad host").error() == error{errc::invalid_argument, 3});
  CHECK(make_call_id(a, "h@x").error() == error{errc::invalid_argument, 1});
}

TEST_CASE("generators: the output for a fixed seed is pinned (no library-specific distribution)") {
  // std::mt19937's output sequence is fixed by the standard, and sipref maps it to
  // characters with its own rejection sampling, so this text is the same everywhere.
  std::mt19937 g(1);
  std::string expected;
  {
    std::mt19937 ref(1);
    const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    // 2^32 mod 62 = 4, so draws above 2^32 - 1 - 4 are rejected.
    while (expected.size() < tag_random_chars) {
      const std::uint32_t v = static_cast<std::uint32_t>(ref());
      if (v <= 0xffffffffu - 4u) expected.push_back(alphabet[v % 62]);
    }
  }
  CHECK(make_tag(g) == expected);
  // [rand.predef]: the 10000th output of a default-constructed std::mt19937 is 4123659995,
  // and 4123659995 mod 62 = 5 -> 'F'.
  std::mt19937 d;
  d.discard(9999);
  CHECK(make_tag(d).front() == 'F');
}

TEST_CASE("generators: caller buffers, other engines, uniqueness") {
  std::minstd_rand g(7);  // 31-bit range
  char buf[tag_random_chars];
  buffer_writer w(buf, buf + sizeof buf);
  write_tag(w, g);
  CHECK_FALSE(w.overflowed());
  CHECK(is_alnum(std::string_view(buf, sizeof buf)));
  char small[4];
  buffer_writer ws(small, small + sizeof small);
  write_branch(ws, g);
  CHECK(ws.overflowed());  // never writes past the buffer
  std::mt19937_64 g64(99);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(make_tag(g64));
  CHECK(seen.size() == 1000u);
  // Every character of the alphabet shows up: the mapping covers all 62.
  std::set<char> chars;
  for (int i = 0; i < 200; ++i)
    for (char c : make_call_id(g64)) chars.insert(c);
  CHECK(chars.size() == 62u);
}

TEST_CASE("scalars: PEERS.md (c) 20, 22, 25: folds then NUL, truncated input, long values") {
  test::check_error(p_content_length, std::string_view("5\r\n \0", 5), errc::trailing_garbage, 4);
  test::check_error(p_call_id, std::string_view("abc\r\n\t\0", 7), errc::trailing_garbage, 6);
  CHECK(test::parse_exact(p_cseq, "1 REFE")->method == "REFE");  // a token, just not REFER
  const std::string long_id(4096, 'x');
  auto r = test::parse_exact(p_call_id, long_id + "@" + long_id);
  REQUIRE(r);
  CHECK(r->host_part().size() == 4096u);
  CHECK(*composed_size(call_id{r->value}) == 8193u);
}

static_assert(noexcept(parse_call_id(std::string_view{})));
static_assert(noexcept(parse_cseq(std::string_view{})));
static_assert(noexcept(parse_max_forwards(std::string_view{})));
static_assert(noexcept(parse_content_length(std::string_view{})));
static_assert(noexcept(parse_expires(std::string_view{})));
