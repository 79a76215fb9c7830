// SPDX-License-Identifier: MIT
#include <sipref/address_headers.hpp>

#include <string>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
result<addr_value_view> from_to(std::string_view in) { return parse_from_to(in); }
result<contact_view> contact(std::string_view in) { return parse_contact(in); }
result<addr_list_view> route(std::string_view in) { return parse_route(in); }
result<addr_value_view> referred_by(std::string_view in) { return parse_referred_by(in); }
result<addr_list_view> identity(std::string_view in) { return parse_identity(in); }
}  // namespace

TEST_CASE("address_headers: From/To with tags") {
  auto f = test::parse_exact(from_to, "Carol <sip:carol@chicago.example.com>;tag=32331");
  REQUIRE(f);
  CHECK(f->params.get("tag") == "32331");
  CHECK(test::parse_exact(from_to, "\"Conference 123\" <sip:conf-123@example.com>"));
  test::check_error(from_to, "<sip:a@b>;tag=\"x\"", errc::bad_param, 10);
  test::check_error(from_to, "<sip:a@b>;tag", errc::bad_param, 10);
  test::check_error(from_to, "\"Bob <sip:a@b>", errc::unterminated_quote, 0);  // RFC 4475 quotbal
}

TEST_CASE("address_headers: Contact lists, star and feature tags") {
  auto c = test::parse_exact(contact, "<sip:carol@client.chicago.example.com>;+g.oma.sip-im;expires=3600");
  REQUIRE(c);
  CHECK_FALSE(c->star);
  CHECK(c->list.front().params.contains("+g.oma.sip-im"));
  auto star = test::parse_exact(contact, " * ");
  REQUIRE(star);
  CHECK(star->star);
  test::check_error(contact, "*, <sip:a@b>", errc::trailing_garbage, 1);
  // RFC 4475 cparam01/cparam02: where the parameter belongs.
  auto p1 = test::parse_exact(contact, "sip:+19725552222@gw1.example.net;unknownparam");
  REQUIRE(p1);
  CHECK(p1->list.front().params.contains("unknownparam"));
  auto p2 = test::parse_exact(contact, "<sip:+19725552222@gw1.example.net;unknownparam>");
  REQUIRE(p2);
  CHECK(p2->list.front().addr.uri.params.contains("unknownparam"));
  // RFC 4475 regescrt: a correctly bracketed, escaped URI header.
  CHECK(test::parse_exact(contact, "<sip:user@example.com?Route=%3Csip:sip.example.com%3E>"));
  test::check_error(contact, "sip:user@example.com?Route=%3Csip:sip.example.com%3E", errc::unbracketed_uri, 20);
}

TEST_CASE("address_headers: Route needs name-addr") {
  auto r = test::parse_exact(route, "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>");
  REQUIRE(r);
  CHECK(r->size() == 2);
  test::check_error(route, "sip:p1.example.com;lr", errc::missing_laquot, 0);
}

TEST_CASE("address_headers: Referred-By cid parameter (RFC 3892 §3)") {
  auto r = test::parse_exact(referred_by, "<sip:referrer@referrer.example>;cid=\"20398823.2UWQFN309shb3@referrer.example\"");
  REQUIRE(r);
  test::check_error(referred_by, "<sip:a@b>;cid=abc", errc::bad_msg_id, 10);
  test::check_error(referred_by, "<sip:a@b>;cid=\"a..b@c\"", errc::bad_msg_id, 10);
}

TEST_CASE("address_headers: P-Asserted-Identity (RFC 3325 §9.1 and its §10 examples)") {
  const std::string f4 = test::read_data("rfc3325/rfc3325-10.1-F4.partial.sip");
  const auto pai = test::header_values(f4, "P-Asserted-Identity");
  REQUIRE(pai.size() == 2);
  for (const std::string& v : pai) CHECK(test::parse_exact(identity, v));
  auto two = test::parse_exact(identity, "\"Cullen Jennings\" <sip:fluffy@cisco.com>, tel:+14085264000");
  REQUIRE(two);
  CHECK(two->size() == 2);
  test::check_error(identity, "<sip:a@b>, <sips:c@d>", errc::multiple_values, 12);
  test::check_error(identity, "tel:+1, tel:+2", errc::multiple_values, 8);
  test::check_error(identity, "<sip:a@b>;x=1", errc::bad_param, 9);
}

TEST_CASE("address_headers: compose rows") {
  const grammar::param tag[] = {{"tag", "32331"}};
  CHECK(*to_string(header_row(from_value{"Carol", "sip:carol@chicago.example.com", tag})) ==
        "From: Carol <sip:carol@chicago.example.com>;tag=32331\r\n");
  CHECK(*to_string(header_row(to_value{"Conference 123", "sip:conf-123@example.com"})) ==
        "To: Conference 123 <sip:conf-123@example.com>\r\n");
  const grammar::param im[] = {{"+g.oma.sip-im", {}, false}};
  CHECK(*to_string(header_row(contact_value{{}, "sip:carol@client.chicago.example.com", im})) ==
        "Contact: <sip:carol@client.chicago.example.com>;+g.oma.sip-im\r\n");
  const name_addr routes[] = {{{}, "sip:p1.example.com;lr"}, {{}, "sip:p2.example.com;lr"}};
  CHECK(*to_string(header_row(route_value{routes})) == "Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n");
  const name_addr ids[] = {{"Cullen Jennings", "sip:fluffy@cisco.com"}, {{}, "tel:+14085264000"}};
  CHECK(*to_string(header_row(p_preferred_identity_value{ids})) ==
        "P-Preferred-Identity: Cullen Jennings <sip:fluffy@cisco.com>, <tel:+14085264000>\r\n");
  const name_addr with_param[] = {{{}, "sip:a@b", tag}};
  CHECK(composed_size(p_asserted_identity_value{with_param}).error().code == errc::bad_param);
  CHECK(composed_size(route_value{}).error().code == errc::missing_field);
}

TEST_CASE("address_headers: a From/To tag must be a token (tag-param = \"tag\" EQUAL token)") {
  // These compose as quoted-strings in any other header, which parse_from_to refuses.
  const grammar::param empty[] = {{"tag", ""}};
  const grammar::param spaced[] = {{"TAG", "a b"}};
  const grammar::param flag[] = {{"tag", {}, false}};
  for (const auto& params : {list_ref<grammar::param>(empty), list_ref<grammar::param>(spaced), list_ref<grammar::param>(flag)}) {
    const auto from = composed_size(from_value{{}, "sip:a@example.com", params});
    const auto to = composed_size(to_value{{}, "sip:a@example.com", params});
    REQUIRE_FALSE(from);
    CHECK(from.error() == to.error());
    CHECK(from.code() == errc::bad_param);
  }
  CHECK(composed_size(from_value{{}, "sip:a@example.com", spaced}).error().offset == 1);
  CHECK(composed_size(from_value{{}, "sip:a@example.com", empty}).error().offset == 0);
  // Other headers keep generic-param values.
  CHECK(*to_string(contact_value{{}, "sip:a@example.com", spaced}) == "<sip:a@example.com>;TAG=\"a b\"");
}
