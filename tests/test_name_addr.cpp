// SPDX-License-Identifier: MIT
#include <sipref/name_addr.hpp>

#include <string>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
result<addr_value_view> one(std::string_view in) { return parse_addr_value(in); }
result<addr_list_view> list(std::string_view in) { return parse_addr_list(in); }
struct sink {
  std::string s;
  void put(char c) { s.push_back(c); }
  void put(std::string_view v) { s.append(v); }
};
std::string decoded_name(const display_name_view& d) {
  sink w;
  d.decode(w);
  return w.s;
}
}  // namespace

static_assert(parse_addr_value("\"A\" <sip:a@b>;tag=1").has_value());
static_assert(parse_addr_value("sip:a@b;tag=1")->params.get("tag") == "1");

TEST_CASE("name_addr: quoted, token and absent display names") {
  auto q = test::parse_exact(one, "\"J Rosenberg \\\\\\\"\" <sip:jdrosen@example.com>;tag=98asjd8");
  REQUIRE(q);
  CHECK(q->addr.display_name.quoted);
  CHECK(decoded_name(q->addr.display_name) == "J Rosenberg \\\"");
  CHECK(q->addr.bracketed);
  CHECK(q->addr.uri.user == "jdrosen");
  CHECK(q->params.get("tag") == "98asjd8");
  // PEERS.md (c) 12: multi-token display names, with and without LWS before '<'.
  auto t = test::parse_exact(one, "Name  Two <sip:a@b>");
  REQUIRE(t);
  CHECK_FALSE(t->addr.display_name.quoted);
  CHECK(t->addr.display_name.raw == "Name  Two");
  CHECK(decoded_name(t->addr.display_name) == "Name Two");
  auto glued = test::parse_exact(one, "caller<sip:caller@example.com>;tag=323");  // RFC 4475 lwsdisp
  REQUIRE(glued);
  CHECK(glued->addr.display_name.raw == "caller");
  auto none = test::parse_exact(one, "<sip:a@b>");
  REQUIRE(none);
  CHECK(none->addr.display_name.empty());
  auto utf8 = test::parse_exact(one, "\"Caf\xc3\xa9 \xe2\x98\x95\" <sip:a@b>");
  REQUIRE(utf8);
  CHECK(decoded_name(utf8->addr.display_name) == "Caf\xc3\xa9 \xe2\x98\x95");
  auto folded = test::parse_exact(one, "\"A\"\r\n <sip:a@b>\r\n ;tag=1 ");
  REQUIRE(folded);
  CHECK(folded->params.get("tag") == "1");
}

TEST_CASE("name_addr: parameters after an unbracketed URI belong to the header (RFC 3261 §20.10)") {
  auto u = test::parse_exact(one, "sip:c@example.com;method=INVITE");
  REQUIRE(u);
  CHECK_FALSE(u->addr.bracketed);
  CHECK(u->addr.uri.params.empty());
  CHECK(u->params.get("method") == "INVITE");
  auto b = test::parse_exact(one, "<sip:c@example.com;method=INVITE>");
  REQUIRE(b);
  CHECK(b->addr.uri.method() == "INVITE");
  CHECK(b->params.empty());
  // PEERS.md (c) 11: '<' inside a quoted header parameter of a bare URI.
  auto inst = test::parse_exact(one, "sip:a@b;+sip.instance=\"<urn:x>\"");
  REQUIRE(inst);
  CHECK_FALSE(inst->addr.bracketed);
  CHECK(inst->params.get("+sip.instance") == "\"<urn:x>\"");
  // RFC 4488 §6 To: without brackets the GRUU parameters are header parameters, and
  // `opaque=urn:uuid:...` is then not a generic-param (':' is no token character): the RFC
  // example is malformed exactly where the URI should have been bracketed.
  test::check_error(one, "sip:b@example.com;opaque=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6;grid=99a",
                    errc::trailing_garbage, 28);
  CHECK(test::parse_exact(one, "<sip:b@example.com;opaque=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6;grid=99a>"));
}

TEST_CASE("name_addr: negative cases assert code and offset") {
  test::check_error(one, "", errc::empty_value, 0);
  test::check_error(one, "   ", errc::empty_value, 3);
  test::check_error(one, "\"Bob\\", errc::bad_quoted_pair, 4);      // PEERS (c) 4
  test::check_error(one, "\"Bob\\\"", errc::unterminated_quote, 0);  // PEERS (c) 4
  test::check_error(one, "\"Bob\" sip:a@b", errc::missing_laquot, 6);
  test::check_error(one, "<sip:a@b", errc::missing_raquot, 8);
  test::check_error(one, "<sip:a@b;x=\"y\">", errc::bad_param, 11);
  test::check_error(one, "</", errc::bad_scheme, 1);   // PEERS (c) 5
  test::check_error(one, ":", errc::bad_scheme, 0);    // PEERS (c) 5
  test::check_error(one, ":@", errc::bad_scheme, 0);   // PEERS (c) 5
  test::check_error(one, "<>", errc::bad_scheme, 1);   // PEERS (c) 5
  test::check_error(one, ";foo=bar", errc::bad_scheme, 0);  // PEERS (c) 5
  test::check_error(one, "Bell, Alexander <sip:a.g.bell@bell-tel.com>", errc::bad_display_name, 4);  // RFC 4475 baddn
  test::check_error(one, "\"Watson, Thomas\" < sip:t.watson@example.org >", errc::bad_scheme, 18);  // badaspec
  test::check_error(one, "sip:b@h?Replaces=x", errc::unbracketed_uri, 7);  // RFC 4475 regbadct, PEERS (c) 7
  test::check_error(one, "<sip:a@b>, <sip:c@d>", errc::multiple_values, 9);  // PEERS (c) 13
  test::check_error(one, "sip:a@b,sip:c@d", errc::multiple_values, 7);
  CHECK(test::parse_exact(one, "<sip:a@b>;lr"));  // a parameter without value is legal
}

TEST_CASE("name_addr: comma lists") {
  auto l = test::parse_exact(list, "<sip:a@b>;q=0.5, \"B\" <sip:c@d> ,sip:e@f;expires=60");
  REQUIRE(l);
  CHECK(l->size() == 3);
  int i = 0;
  for (const addr_value_view& v : *l) {
    if (i == 0) CHECK(v.params.get("q") == "0.5");
    if (i == 1) CHECK(v.addr.display_name.raw == "\"B\"");
    if (i == 2) CHECK(v.params.get("expires") == "60");
    ++i;
  }
  test::check_error(list, "<sip:a@b>,,<sip:c@d>", errc::empty_list_item, 10);
  test::check_error(list, "<sip:a@b>,", errc::empty_list_item, 10);
  test::check_error(list, ",<sip:a@b>", errc::empty_list_item, 0);
}

TEST_CASE("name_addr: compose quotes display names unless they are a token sequence") {
  CHECK(*to_string(name_addr{"Alice Smith", "sip:alice@example.com"}) == "Alice Smith <sip:alice@example.com>");
  CHECK(*to_string(name_addr{"Conference 123", "sip:conf-123@example.com"}) == "Conference 123 <sip:conf-123@example.com>");
  CHECK(*to_string(name_addr{"Smith, Alice", "sip:a@b"}) == "\"Smith, Alice\" <sip:a@b>");
  CHECK(*to_string(name_addr{"Caf\xc3\xa9", "sip:a@b"}) == "\"Caf\xc3\xa9\" <sip:a@b>");
  CHECK(*to_string(name_addr{"say \"hi\"", "sip:a@b"}) == "\"say \\\"hi\\\"\" <sip:a@b>");
  CHECK(*to_string(name_addr{" lead", "sip:a@b"}) == "\" lead\" <sip:a@b>");
  CHECK(*to_string(name_addr{"", "sip:a@b;lr"}) == "<sip:a@b;lr>");
  const grammar::param params[] = {{"tag", "1928301774"}, {"+g.oma.sip-im", {}, false}, {"x", "a b"}};
  CHECK(*to_string(name_addr{"", "sip:a@b", params}) == "<sip:a@b>;tag=1928301774;+g.oma.sip-im;x=\"a b\"");
}

TEST_CASE("name_addr: compose rejects injection attempts") {
  // PROCEDURE.md §4: CRLF in a display name, '">' in a URI.
  CHECK(composed_size(name_addr{"Eve\r\nX-Evil: 1", "sip:a@b"}).error() == error{errc::control_char, 3});
  CHECK(composed_size(name_addr{"Eve", "sip:a@b>\r\nX: 1"}).error() == error{errc::trailing_garbage, 7});
  CHECK(composed_size(name_addr{"Eve", "sip:a@b\">"}).error() == error{errc::trailing_garbage, 7});
  CHECK(composed_size(name_addr{"bad \xff", "sip:a@b"}).error() == error{errc::bad_utf8, 4});
  CHECK(composed_size(name_addr{"", ""}).error().code == errc::missing_field);
  const grammar::param bad[] = {{"ta g", "1"}};
  CHECK(composed_size(name_addr{"", "sip:a@b", bad}).error() == error{errc::bad_param, 2});
  const grammar::param crlf[] = {{"tag", "1\r\nX: y"}};
  CHECK(composed_size(name_addr{"", "sip:a@b", crlf}).error() == error{errc::control_char, 1});
}

TEST_CASE("name_addr: compose → parse round trip keeps every value") {
  const grammar::param params[] = {{"tag", "a1"}, {"q", "x;y"}};
  for (const char* name : {"Alice", "Smith, Alice", "a \"b\" \\c", "Caf\xc3\xa9", ""}) {
    const auto text = to_string(name_addr{name, "sip:alice@example.com;transport=tcp", params});
    REQUIRE(text);
    auto back = parse_addr_value(*text);
    REQUIRE(back);
    CHECK(decoded_name(back->addr.display_name) == name);
    CHECK(back->addr.uri.text == "sip:alice@example.com;transport=tcp");
    CHECK(back->params.get("tag") == "a1");
    CHECK(back->params.get("q") == "\"x;y\"");
    // parse → compose is a fixed point.
    CHECK(*to_string(name_addr{decoded_name(back->addr.display_name), back->addr.uri.text, params}) == *text);
  }
}
