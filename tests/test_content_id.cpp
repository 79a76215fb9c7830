// SPDX-License-Identifier: MIT
/// @file test_content_id.cpp
/// Tests of content_id.hpp: Content-ID parsing (RFC 8262 §2 msg-id), composition, cid
/// matching and the Content-ID rows of the RFC 5368 / RFC 8262 multiple-REFER examples.
#include <sipref/content_id.hpp>

#include <string>
#include <string_view>

#include <sipref/compose.hpp>

#include "support/test_support.hpp"

using namespace sipref;
using test::header_value;

namespace {



/// The value of the `Refer-To: <cid:...>` row with `<cid:` and `>` stripped (the URI
/// engineer owns real cid: parsing; these ids need no percent-decoding).
std::string_view refer_to_cid(std::string_view msg) {
  std::string_view v = header_value(msg, "Refer-To");
  REQUIRE(v.substr(0, 5) == "<cid:");
  REQUIRE(v.back() == '>');
  return v.substr(5, v.size() - 6);
}

auto parse = [](std::string_view in) { return parse_content_id(in); };

}  // namespace

static_assert(parse_content_id("<cn35t8jf02@example.com>")->id() == "cn35t8jf02@example.com");
static_assert(parse_content_id("<a@[192.0.2.1]>")->id_right == "[192.0.2.1]");
static_assert(parse_content_id("<a@b").error() == error{errc::missing_raquot, 4});
static_assert(content_id_equals(*parse_content_id(" <x.y@z> "), "x.y@z"));
static_assert(*composed_size(content_id{"a", "b"}) == 5);

TEST_CASE("content_id: parses id-left, id-right, id() and msg_id()") {
  auto r = test::parse_exact(parse, "<cn35t8jf02@example.com>");
  REQUIRE(r);
  CHECK(r->id_left == "cn35t8jf02");
  CHECK(r->id_right == "example.com");
  CHECK(r->id() == "cn35t8jf02@example.com");
  CHECK(r->msg_id() == "<cn35t8jf02@example.com>");

  // Every atext character, dotted atoms, a no-fold-literal on the right.
  auto a = test::parse_exact(parse, "<!#$%&'*+-/=?^_`{|}~.A9@[IPv6:2001:db8::1]>");
  REQUIRE(a);
  CHECK(a->id_left == "!#$%&'*+-/=?^_`{|}~.A9");
  CHECK(a->id_right == "[IPv6:2001:db8::1]");
  auto empty_literal = test::parse_exact(parse, "<a@[]>");
  REQUIRE(empty_literal);
  CHECK(empty_literal->id_right == "[]");

  // LWS around the value (HCOLON's SWS and trailing LWS) is allowed.
  auto w = test::parse_exact(parse, " \r\n\t<a.b.c@d-e.f> \r\n ");
  REQUIRE(w);
  CHECK(w->id() == "a.b.c@d-e.f");
  CHECK(w->msg_id() == "<a.b.c@d-e.f>");

  CHECK(content_id_view{}.id().empty());
  CHECK(content_id_view{}.msg_id().empty());
}

TEST_CASE("content_id: negative cases with code and offset") {
  using test::check_error;
  check_error(parse, "", errc::empty_value, 0);
  check_error(parse, " \t", errc::empty_value, 2);
  check_error(parse, "cn35t8jf02@example.com", errc::missing_laquot, 0);
  check_error(parse, "\"<a@b>\"", errc::missing_laquot, 0);
  // PEERS.md (c) 18: `Content-ID: <` must not underflow a length.
  check_error(parse, "<", errc::bad_msg_id, 1);
  check_error(parse, "<>", errc::bad_msg_id, 1);
  check_error(parse, "<@example.com>", errc::bad_msg_id, 1);
  check_error(parse, "<abc>", errc::bad_msg_id, 4);
  check_error(parse, "<abc", errc::bad_msg_id, 4);
  check_error(parse, "<abc@>", errc::bad_msg_id, 5);
  check_error(parse, "<abc@", errc::bad_msg_id, 5);
  check_error(parse, "<.a@b>", errc::bad_msg_id, 1);
  check_error(parse, "<a.@b>", errc::bad_msg_id, 3);
  check_error(parse, "<a..b@c>", errc::bad_msg_id, 3);
  check_error(parse, "<a@b.>", errc::bad_msg_id, 5);
  check_error(parse, "<a@@b>", errc::bad_msg_id, 3);
  check_error(parse, "<a b@c>", errc::bad_msg_id, 2);    // no CFWS inside (RFC 8262 §2)
  check_error(parse, "<\"a\"@b>", errc::bad_msg_id, 1);  // obs-id-left is not accepted
  check_error(parse, "<a(comment)@b>", errc::bad_msg_id, 2);
  check_error(parse, "<a@[b[c]>", errc::bad_msg_id, 5);   // dtext excludes "["
  check_error(parse, "<a@[b\\]]>", errc::bad_msg_id, 5);  // ... and "\"
  check_error(parse, "<a@[b>", errc::bad_msg_id, 6);      // ">" is dtext: the literal never closes
  check_error(parse, "<a@b", errc::missing_raquot, 4);
  check_error(parse, "<a@b c>", errc::missing_raquot, 4);
  check_error(parse, "<a@b@c>", errc::missing_raquot, 4);
  check_error(parse, "<a@b>x", errc::trailing_garbage, 5);
  check_error(parse, "<a@b> <c@d>", errc::trailing_garbage, 6);
  check_error(parse, "<a@b>,<c@d>", errc::trailing_garbage, 5);
  check_error(parse, "<a@b> (comment)", errc::trailing_garbage, 6);
  check_error(parse, "<a\x80@b>", errc::bad_msg_id, 2);
  check_error(parse, std::string_view("<a\0@b>", 6), errc::bad_msg_id, 2);
}

TEST_CASE("content_id: composing") {
  CHECK(*to_string(content_id{"cn35t8jf02", "example.com"}) == "<cn35t8jf02@example.com>");
  CHECK(*to_string(header_row(content_id{"cn35t8jf02", "example.com"})) == "Content-ID: <cn35t8jf02@example.com>\r\n");
  CHECK(*to_string(content_id{"a.b", "[192.0.2.1]"}) == "<a.b@[192.0.2.1]>");
  const content_id split = content_id::from_id("cn35t8jf02@example.com");
  CHECK(split.id_left == "cn35t8jf02");
  CHECK(split.id_right == "example.com");
  CHECK(*to_string(split) == "<cn35t8jf02@example.com>");
}

TEST_CASE("content_id: composer rejects invalid fields, never writes CR/LF") {
  auto err = [](const content_id& c) { return composed_size(c).error(); };
  CHECK(err(content_id{}) == error{errc::invalid_argument, 0});
  CHECK(err(content_id{"", "b"}) == error{errc::invalid_argument, 0});
  CHECK(err(content_id{"a", ""}) == error{errc::invalid_argument, 0});
  CHECK(err(content_id{"a b", "c"}) == error{errc::invalid_argument, 1});
  CHECK(err(content_id{"a.", "c"}) == error{errc::invalid_argument, 2});
  CHECK(err(content_id{"a@x", "c"}) == error{errc::invalid_argument, 1});
  CHECK(err(content_id{"a", "c>\r\nVia: evil"}) == error{errc::invalid_argument, 1});
  CHECK(err(content_id{"a", "[b"}) == error{errc::invalid_argument, 2});
  CHECK(err(content_id{"a", "[dt ext]"}) == error{errc::invalid_argument, 3});
  CHECK(err(content_id{"a", "[b]c"}) == error{errc::invalid_argument, 3});
  CHECK(err(content_id{"a", "c.."}) == error{errc::invalid_argument, 2});
  CHECK(err(content_id::from_id("no-at-sign")) == error{errc::invalid_argument, 0});
  CHECK(err(content_id::from_id("a@b@c")) == error{errc::invalid_argument, 1});
}

TEST_CASE("content_id: round trips") {
  for (const content_id& c : {content_id{"cn35t8jf02", "example.com"},
                              content_id{"x!#$%&'*+-/=?^_`{|}~", "[dtext:1.2]"}, content_id{"1.2.3", "h"}}) {
    const auto composed = to_string(c);
    REQUIRE(composed.has_value());
    const std::string text = *composed;
    auto r = test::parse_exact(parse, text);
    REQUIRE(r);
    CHECK(r->id_left == c.id_left);
    CHECK(r->id_right == c.id_right);
    CHECK(*to_string(content_id{r->id_left, r->id_right}) == text);  // fixed point
  }
}

TEST_CASE("content_id: cid matching is byte-exact (RFC 2392 §2)") {
  auto r = test::parse_exact(parse, "<Part1.ABC@Example.COM>");
  REQUIRE(r);
  CHECK(content_id_equals(*r, "Part1.ABC@Example.COM"));
  CHECK_FALSE(content_id_equals(*r, "part1.abc@example.com"));
  CHECK_FALSE(content_id_equals(*r, "<Part1.ABC@Example.COM>"));
  CHECK_FALSE(content_id_equals(*r, "Part1.ABC@Example.CO"));
  CHECK_FALSE(content_id_equals(*r, ""));
  // RFC 2392 §2's own example is inconsistent (DIGEST §11): after decoding once,
  // cid:foo4%25foo1@bar.net names <foo4%foo1@bar.net>.
  auto pct = test::parse_exact(parse, "<foo4%foo1@bar.net>");
  REQUIRE(pct);
  CHECK(content_id_equals(*pct, "foo4%foo1@bar.net"));
  CHECK_FALSE(content_id_equals(*pct, "foo4%25foo1@bar.net"));
}

TEST_CASE("content_id: RFC 5368 §9 / RFC 8262 §3.4.3 SIP-level Content-ID matches the Refer-To cid:") {
  const std::string msg = test::read_data("rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip");
  const std::string_view value = header_value(msg, "Content-ID");
  REQUIRE(value == "<cn35t8jf02@example.com>");
  auto r = test::parse_exact(parse, value);
  REQUIRE(r);
  CHECK(r->id() == "cn35t8jf02@example.com");
  CHECK(content_id_equals(*r, refer_to_cid(msg)));
  CHECK(*to_string(content_id{"cn35t8jf02", "example.com"}) == value);
}

TEST_CASE("content_id: RFC 8262 §1.4.2 MIME body-part Content-ID") {
  const std::string msg = test::read_data("rfc8262/rfc8262-1.4.2-REFER-multipart-single-part.sip");
  CHECK(header_value(msg, "Content-ID").empty());  // only the part is labelled
  const std::size_t d = msg.find("--boundary1\r\n", msg.find("\r\n\r\n"));
  REQUIRE(d != std::string::npos);
  auto r = test::parse_exact(parse, header_value(std::string_view(msg).substr(d + 13), "Content-ID"));
  REQUIRE(r);
  CHECK(content_id_equals(*r, refer_to_cid(msg)));
}

TEST_CASE("content_id: PEERS.md (c) 18, 20, 27") {
  test::check_error(parse, std::string_view("<a@b>\r\n \0", 9), errc::trailing_garbage, 8);
  test::check_error(parse, "<\r\n a@b>", errc::bad_msg_id, 1);
  char buf[4] = {};
  const compose_result cr = compose_to(buf, buf + 4, content_id{"abc", "def"});
  CHECK(cr.ec == error{errc::buffer_too_small, 0});
  CHECK(std::string_view(buf, 4) == "<abc");
}

static_assert(noexcept(parse_content_id(std::string_view{})));
