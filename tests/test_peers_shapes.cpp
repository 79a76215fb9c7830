// SPDX-License-Identifier: MIT
// PEERS.md table (c): the input shapes that broke other SIP stacks, rows 1–16 and 20–23 (the
// header-level ones), one TEST_CASE per row. Inputs are exact-size heap copies, so ASan sees
// any read past the end. Rows 17–19 (sipfrag, multipart, Content-Length) are in
// test_sipfrag.cpp, test_multipart.cpp and test_scalar_headers.cpp; row 24 in
// test_resource_lists.cpp; rows 25–27 in the fuzz targets and the compose tests.
#include <sipref/sipref.hpp>

#include <string>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
result<refer_to_view> rt(std::string_view in) { return parse_refer_to(in); }
result<refer_to_view> rt_lenient(std::string_view in) {
  name_addr_options o;
  o.uri.allow_unescaped_header_chars = true;
  return parse_refer_to(in, o);
}
result<uri_view> uri(std::string_view in) { return parse_uri(in); }
std::string decoded(const refer_to_view& r, std::string_view header) {
  std::string out;
  string_writer w(out);
  (void)r.decode_embedded_header(header, w);
  return out;
}
}  // namespace

TEST_CASE("PEERS (c) 1: truncated escapes, also at the very end of the buffer") {
  test::check_error(rt, "<sip:b@h?Replaces=abc%4>", errc::bad_escape, 21);
  test::check_error(rt, "<sip:b@h?Replaces=abc%>", errc::bad_escape, 21);
  test::check_error(uri, "sip:b@h?Replaces=abc%", errc::bad_escape, 20);
  test::check_error(uri, "sip:b@h?Replaces=abc%4", errc::bad_escape, 20);
  test::check_error([](std::string_view in) { return parse_contact(in); }, "%", errc::bad_display_name, 1);  // drachtio #243
}

TEST_CASE("PEERS (c) 2: %zz, invalid UTF-8 after decoding, %00") {
  test::check_error(uri, "sip:a%zz@h", errc::bad_escape, 5);
  auto utf8 = test::parse_exact(rt, "<sip:b@h?Subject=%E0%A4>");  // decodes to bytes, no UTF-8 assumption
  REQUIRE(utf8);
  CHECK(decoded(*utf8, "Subject") == "\xE0\xA4");
  auto nul = test::parse_exact(rt, "<sip:b@h?Subject=a%00b>");
  REQUIRE(nul);
  CHECK(decoded(*nul, "Subject") == std::string("a\0b", 3));  // length-carrying, not truncated
  CHECK(nul->check_embedded_headers(nul.buffer->view()).code == errc::unsafe_uri_header);  // flagged
}

TEST_CASE("PEERS (c) 3: decoded CR/LF injection in Replaces is refused") {
  auto r = test::parse_exact(rt, "<sip:b@h?Replaces=c%3Bto-tag%3D1%3Bfrom-tag%3D2%0D%0AX-Evil%3A%201>");
  REQUIRE(r);
  CHECK(r->check_embedded_headers(r.buffer->view()) == error{errc::unsafe_uri_header, 9});
  CHECK(is_forbidden_uri_header("Route"));  // the RFC 3261 §19.1.5 allow-list side
}

TEST_CASE("PEERS (c) 4: display names and quoted params ending in a backslash") {
  result<addr_value_view> (*p)(std::string_view, const name_addr_options&) = parse_addr_value;
  auto one = [p](std::string_view in) { return p(in, {}); };
  test::check_error(one, "\"Bob\\", errc::bad_quoted_pair, 4);
  test::check_error(one, "\"Bob\\\"", errc::unterminated_quote, 0);
  test::check_error(one, "<sip:a@b>;x=\"ab\\", errc::bad_param, 15);
}

TEST_CASE("PEERS (c) 5: empty or scheme-less Refer-To is an error, never a default sip:") {
  test::check_error(rt, "</", errc::bad_scheme, 1);
  test::check_error(rt, ":", errc::bad_scheme, 0);
  test::check_error(rt, ":@", errc::bad_scheme, 0);
  test::check_error(rt, "<>", errc::bad_scheme, 1);
  test::check_error(rt, "", errc::empty_value, 0);
  test::check_error(rt, ";foo=bar", errc::bad_scheme, 0);
}

TEST_CASE("PEERS (c) 6: absolute URIs are legal Refer-To targets") {
  auto cid = test::parse_exact(rt, "<cid:abc@example.com>");
  REQUIRE(cid);
  CHECK(cid->is_list_reference());
  test::check_error(rt, "cid:abc", errc::bad_cid, 4);  // a content-id needs local@domain
  auto http = test::parse_exact(rt, "http://www.ietf.org");
  REQUIRE(http);
  CHECK(http->target().scheme == uri_scheme::other);
}

TEST_CASE("PEERS (c) 7: bare URI with '?' and ';'") {
  test::check_error(rt, "sip:b@h?Replaces=x;method=INVITE", errc::unbracketed_uri, 7);
  auto bare = test::parse_exact(rt, "sip:b@h;method=INVITE");
  REQUIRE(bare);
  CHECK(bare->params().get("method") == "INVITE");  // a header parameter (RFC 3261 §20)
  CHECK(bare->target().params.empty());
  // The composer always brackets.
  CHECK(*to_string(refer_to_value{{}, "sip:b@h;method=INVITE"}) == "<sip:b@h;method=INVITE>");
}

TEST_CASE("PEERS (c) 8: unescaped ';' inside an embedded header: strict rejects, lenient accepts") {
  test::check_error(rt, "<sip:b@h?Replaces=c;to-tag=1;from-tag=2>", errc::trailing_garbage, 19);
  auto l = test::parse_exact(rt_lenient, "<sip:b@h?Replaces=c;to-tag=1;from-tag=2>");
  REQUIRE(l);
  CHECK(decoded(*l, "Replaces") == "c;to-tag=1;from-tag=2");
  const uri_field h[] = {{"Replaces", "c;to-tag=1;from-tag=2"}};
  sip_uri u;
  u.host = "h";
  u.headers = h;
  CHECK(*to_string(u) == "sip:h?Replaces=c%3Bto-tag%3D1%3Bfrom-tag%3D2");  // the composer always escapes
}

TEST_CASE("PEERS (c) 9: tags with + % ` ' and a Call-ID with @ are escaped in Replaces") {
  const uri_field h[] = {{"Replaces", "abc@host;to-tag=123+456+789;from-tag=a%b`c'd"}};
  sip_uri u;
  u.user = "bob";
  u.host = "example.com";
  u.headers = h;
  const auto text = to_string(refer_to_value{{}, u});
  REQUIRE(text);
  CHECK(*text == "<sip:bob@example.com?Replaces=abc%40host%3Bto-tag%3D123+456+789%3Bfrom-tag%3Da%25b%60c'd>");
  auto back = parse_refer_to(*text);
  REQUIRE(back);
  CHECK(decoded(*back, "Replaces") == "abc@host;to-tag=123+456+789;from-tag=a%b`c'd");
}

TEST_CASE("PEERS (c) 10: lower-case escapes decode like upper-case ones") {
  auto r = test::parse_exact(rt, "<sip:b@h?Replaces=c%3bto-tag%3d1%3bfrom-tag%3d2%40x>");
  REQUIRE(r);
  CHECK(decoded(*r, "Replaces") == "c;to-tag=1;from-tag=2@x");
  CHECK(uri_equal(*parse_uri("sip:a%3bb@h"), *parse_uri("sip:a%3Bb@h")));
}

TEST_CASE("PEERS (c) 11: '<' inside a quoted parameter of a bare URI") {
  auto v = test::parse_exact([](std::string_view in) { return parse_addr_value(in); }, "sip:a@b;+sip.instance=\"<urn:x>\"");
  REQUIRE(v);
  CHECK_FALSE(v->addr.bracketed);
  CHECK(v->params.get("+sip.instance") == "\"<urn:x>\"");
}

TEST_CASE("PEERS (c) 12: unquoted multi-token display names, with and without LWS before '<'") {
  auto two = test::parse_exact([](std::string_view in) { return parse_addr_value(in); }, "Name Two <sip:a@b>");
  REQUIRE(two);
  CHECK(two->addr.display_name.raw == "Name Two");
  auto glued = test::parse_exact([](std::string_view in) { return parse_addr_value(in); }, "Name<sip:a@b>");
  REQUIRE(glued);
  CHECK(glued->addr.display_name.raw == "Name");
}

TEST_CASE("PEERS (c) 13: two Refer-To values are a distinct error (the UA answers 400)") {
  test::check_error(rt, "<sip:a@b>, <sip:c@d>", errc::multiple_values, 9);
  const std::string two_rows =
      "REFER sip:c@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:c@x>\r\n"
      "Call-ID: 1\r\nCSeq: 1 REFER\r\nRefer-To: <sip:a@b>\r\nRefer-To: <sip:c@d>\r\nContent-Length: 0\r\n\r\n";
  const auto report = check_refer(two_rows);
  REQUIRE_FALSE(report.ok());
  CHECK(report.response() == 400);
}

TEST_CASE("PEERS (c) 14: Refer-Sub literals are case-insensitive; anything else is malformed") {
  auto rs = [](std::string_view in) { return parse_refer_sub(in); };
  CHECK(test::parse_exact(rs, "TRUE")->value);
  CHECK_FALSE(test::parse_exact(rs, "false;x=1")->value);
  test::check_error(rs, "truex", errc::bad_refer_sub, 0);
  test::check_error(rs, "yes", errc::bad_refer_sub, 0);
  test::check_error(rs, "", errc::bad_refer_sub, 0);
}

TEST_CASE("PEERS (c) 15: Require rows merge; empty items; many tags; 'ti' at the buffer end") {
  auto req = [](std::string_view in) { return parse_require(in); };
  auto sup = [](std::string_view in) { return parse_supported(in); };
  test::check_error(sup, ", timer", errc::empty_list_item, 0);
  test::check_error(sup, "timer,,100rel", errc::empty_list_item, 6);
  test::check_error(sup, "timer,", errc::empty_list_item, 6);
  grammar::list_options lenient;
  lenient.allow_empty_items = true;
  CHECK(parse_supported("timer,,100rel", lenient)->size() == 2);
  CHECK(test::parse_exact(sup, "ti")->contains("ti"));
  std::string many;
  for (int i = 0; i < 100; ++i) many += (i ? "," : "") + std::string("tag") + std::to_string(i);
  CHECK(test::parse_exact(req, many)->size() == 100);
  const option_tags_view rows[] = {*parse_require("multiple-refer"), *parse_require("norefersub")};
  const option_tag_rows merged(rows);
  CHECK(merged.contains("norefersub"));
  CHECK(merged.contains("MULTIPLE-REFER"));
}

TEST_CASE("PEERS (c) 16: Privacy separators and extension values") {
  auto pv = [](std::string_view in) { return parse_privacy(in); };
  auto ok = test::parse_exact(pv, "id;user");
  REQUIRE(ok);
  CHECK(has(ok->flags(), privacy_flag::id));
  test::check_error(pv, "id, user", errc::bad_privacy, 2);
  test::check_error(pv, "id user", errc::bad_privacy, 3);
  CHECK(test::parse_exact(pv, "history;foo"));
  test::check_error(pv, ";;", errc::bad_privacy, 0);
}

TEST_CASE("PEERS (c) 20: folding, trailing LWS at the end of the buffer, NUL after a fold") {
  CHECK(test::parse_exact(rt, "<sip:a@b>\r\n   "));
  test::check_error(rt, std::string_view("<sip:a@b>\r\n   \0", 15), errc::trailing_garbage, 14);
  auto id = test::parse_exact([](std::string_view in) { return parse_identity(in); },
                              "\"Cullen Jennings\"\r\n <sip:fluffy@cisco.com>,\r\n\ttel:+14085264000");
  REQUIRE(id);
  CHECK(id->size() == 2);  // folded P-Asserted-Identity (Kamailio #2837)
}

TEST_CASE("PEERS (c) 21: only SP/HTAB may stand between a header name and its colon") {
  auto msg = [](std::string_view in) { return parse_message(in); };
  const std::string head = "REFER sip:c@x SIP/2.0\r\n";
  test::check_error(msg, head + "Refer-To\x01: <sip:a@b>\r\nContent-Length: 0\r\n\r\n", errc::bad_header_name, 31);
  CHECK(test::parse_exact(msg, head + "Refer-To : <sip:a@b>\r\nContent-Length: 0\r\n\r\n"));
  CHECK(test::parse_exact(msg, head + "Refer-To\t:<sip:a@b>\r\nContent-Length: 0\r\n\r\n"));
}

TEST_CASE("PEERS (c) 22: a method or token cut short at the end of the buffer") {
  auto msg = [](std::string_view in) { return parse_message(in); };
  auto dg = [](std::string_view in) {
    message_options o;
    o.mode = framing::datagram;
    return parse_message(in, o);
  };
  test::check_error(msg, "REFE", errc::need_more_data, 4);
  test::check_error(msg, "REFER", errc::need_more_data, 5);
  test::check_error(dg, "REFER", errc::bad_start_line, 5);
  test::check_error(dg, "REFER ", errc::bad_start_line, 6);
  auto cseq = [](std::string_view in) { return parse_cseq(in); };
  test::check_error(cseq, "1", errc::unexpected_end, 1);
}

TEST_CASE("PEERS (c) 23: '%' in header-parameter tokens is literal") {
  auto r = test::parse_exact(rt, "<sip:a@b>;x=a%41");
  REQUIRE(r);
  CHECK(r->params().get("x") == "a%41");
}
