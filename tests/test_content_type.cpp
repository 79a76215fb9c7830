// SPDX-License-Identifier: MIT
/// @file test_content_type.cpp
/// Tests of content_type.hpp: Content-Type parsing (RFC 3261 §20.15), composition, round
/// trips and the Content-Type rows of RFC example messages.
#include <sipref/content_type.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <sipref/compose.hpp>

#include "support/test_support.hpp"

using namespace sipref;
using test::header_value;

namespace {

struct sink {
  std::string out;
  void put(char c) { out.push_back(c); }
  void put(std::string_view s) { out.append(s.data(), s.size()); }
};


// Views into a temporary message would dangle: read the file into a named string first, or

/// The value of header @p name in data file @p file, as an owned string.
[[maybe_unused]] std::string file_header(const char* file, std::string_view name, std::string_view compact = {}) {
  const std::string msg = test::read_data(file);
  return std::string(header_value(msg, name, compact));
}

/// The header section of the first body part of a multipart body with boundary @p b.
std::string_view first_part(std::string_view msg, std::string_view b) {
  const std::size_t body = msg.find("\r\n\r\n");
  REQUIRE(body != std::string_view::npos);
  const std::string delim = "--" + std::string(b) + "\r\n";
  const std::size_t d = msg.find(delim, body);
  REQUIRE(d != std::string_view::npos);
  return msg.substr(d + delim.size());
}

auto parse = [](std::string_view in) { return parse_content_type(in); };

/// Composes the parsed value back, with decoded parameter values.
std::string recompose(const content_type_view& v) {
  std::vector<std::string> names, values;
  for (const grammar::param_view& p : v.params) {
    sink val;
    REQUIRE(v.param_value(p.name, val));
    names.emplace_back(p.name);
    values.push_back(val.out);
  }
  std::vector<grammar::param> ps;
  for (std::size_t i = 0; i < names.size(); ++i) ps.push_back({names[i], values[i]});
  const content_type ct{v.type, v.subtype, ps};
  auto s = to_string(ct);
  REQUIRE(s.has_value());
  return *s;
}

}  // namespace

// constexpr proofs
static_assert(parse_content_type("message/sipfrag;version=2.0")->is(media_types::sipfrag));
static_assert(parse_content_type("message/sipfrag;version=2.0")->param("VERSION") == "2.0");
static_assert(parse_content_type("Application / SDP")->is("application", "sdp"));
static_assert(parse_content_type("text").error() == error{errc::bad_media_type, 4});
static_assert(*parse_content_type("multipart/mixed;boundary=\"b1\"")->param_plain("boundary") == "b1");
static_assert(*composed_size(media_types::resource_lists_xml) == 30);

TEST_CASE("content_type: parses type, subtype and parameters") {
  auto r = test::parse_exact(parse, "application/sdp");
  REQUIRE(r);
  CHECK(r->type == "application");
  CHECK(r->subtype == "sdp");
  CHECK(r->params.empty());
  CHECK(r->is(media_types::sdp));
  CHECK_FALSE(r->is(media_types::sipfrag));

  auto f = test::parse_exact(parse, "message/sipfrag;version=2.0");
  REQUIRE(f);
  CHECK(f->is("MESSAGE", "SipFrag"));
  CHECK(f->has_param("Version"));
  CHECK(f->param("version") == "2.0");
  CHECK(f->param_plain("version") == std::optional<std::string_view>("2.0"));
  CHECK_FALSE(f->param_plain("charset").has_value());
  CHECK(f->param("charset").empty());
  sink none;
  CHECK_FALSE(f->param_value("charset", none));
  CHECK(none.out.empty());
}

TEST_CASE("content_type: LWS, folding and case (RFC 3261 §7.3.1, RFC 4475 §3.1.1.1)") {
  auto r = test::parse_exact(parse, " \t Text \r\n / Plain \r\n\t;  CharSet = \"UTF-8\" ;\r\n format=flowed \r\n ");
  REQUIRE(r);
  CHECK(r->type == "Text");
  CHECK(r->subtype == "Plain");
  CHECK(r->is("text", "plain"));
  CHECK(r->params.size() == 2);
  CHECK(r->param("charset") == "\"UTF-8\"");
  CHECK(r->param_plain("CHARSET") == std::optional<std::string_view>("UTF-8"));
  CHECK(r->param_plain("format") == std::optional<std::string_view>("flowed"));

  auto c = test::parse_exact(parse, "Application/Resource-Lists+XML");
  REQUIRE(c);
  CHECK(c->is(media_types::resource_lists_xml));
}

TEST_CASE("content_type: quoted values are decoded only on request") {
  auto r = test::parse_exact(parse, "text/plain;x=\"a\\\"b\";y=\"c\r\n d\";z=\"\"");
  REQUIRE(r);
  CHECK(r->param("x") == "\"a\\\"b\"");
  CHECK_FALSE(r->param_plain("x").has_value());  // needs decoding
  CHECK_FALSE(r->param_plain("y").has_value());  // has a fold
  CHECK(r->param_plain("z") == std::optional<std::string_view>(""));
  sink x, y;
  CHECK(r->param_value("x", x));
  CHECK(x.out == "a\"b");
  CHECK(r->param_value("y", y));
  CHECK(y.out == "c d");
}

TEST_CASE("content_type: negative cases with code and offset") {
  using test::check_error;
  check_error(parse, "", errc::empty_value, 0);
  check_error(parse, " \r\n ", errc::empty_value, 4);
  check_error(parse, "/plain", errc::bad_media_type, 0);
  check_error(parse, "text", errc::bad_media_type, 4);
  check_error(parse, "text plain", errc::bad_media_type, 5);
  check_error(parse, "text/", errc::bad_media_type, 5);
  check_error(parse, "text/ ;a=b", errc::bad_media_type, 6);
  check_error(parse, "te\x01xt/plain", errc::bad_media_type, 2);
  check_error(parse, "text\\/plain", errc::bad_media_type, 4);
  // m-parameter = m-attribute EQUAL m-value: the value is mandatory.
  check_error(parse, "text/plain;charset", errc::bad_param, 18);
  check_error(parse, "text/plain;format=flowed;charset ;a=b", errc::bad_param, 32);
  check_error(parse, "text/plain;charset=", errc::bad_param, 19);
  check_error(parse, "text/plain;", errc::bad_param, 11);
  check_error(parse, "text/plain;;a=b", errc::bad_param, 11);
  check_error(parse, "text/plain;a=[2001:db8::1]", errc::bad_param, 13);  // host is gen-value only
  check_error(parse, "text/plain;a=\"open", errc::bad_param, 13);
  check_error(parse, "text/plain;a=\"x\\", errc::bad_param, 15);
  check_error(parse, "text/plain;a=1;A=2", errc::duplicate_param, 15);
  check_error(parse, "text/plain x", errc::trailing_garbage, 11);
  check_error(parse, "text/plain,text/html", errc::trailing_garbage, 10);
  check_error(parse, "text/plain;a=\"b\"c", errc::trailing_garbage, 16);
  // A CRLF not followed by WSP ends the row: it is not part of this value.
  check_error(parse, "text/plain\r\nVia: x", errc::trailing_garbage, 10);
  std::string many = "text/plain";
  for (std::size_t i = 0; i <= grammar::max_params; ++i) many += ";p" + std::to_string(i) + "=1";
  check_error(parse, many, errc::limit_exceeded, many.rfind(";p") + 1);
}

TEST_CASE("content_type: composing") {
  CHECK(*to_string(media_types::sdp) == "application/sdp");
  CHECK(*to_string(media_types::sipfrag) == "message/sipfrag");
  CHECK(*to_string(media_types::resource_lists_xml) == "application/resource-lists+xml");
  CHECK(*to_string(header_row(media_types::resource_lists_xml)) == "Content-Type: application/resource-lists+xml\r\n");

  const grammar::param token_boundary[] = {{"boundary", "boundary1"}};
  CHECK(*to_string(media_types::multipart_mixed.with_params(token_boundary)) == "multipart/mixed;boundary=boundary1");
  // RFC 2046 §5.1.1 boundaries may contain characters outside token: they get quoted.
  const grammar::param quoted_boundary[] = {{"boundary", "simple boundary:=?"}};
  CHECK(*to_string(media_types::multipart_mixed.with_params(quoted_boundary)) ==
        "multipart/mixed;boundary=\"simple boundary:=?\"");
  const grammar::param two[] = {{"charset", "UTF-8"}, {"x", "say \"hi\" \\o/"}, {"empty", ""}};
  CHECK(*to_string(content_type{"text", "plain"}.with_params(two)) ==
        "text/plain;charset=UTF-8;x=\"say \\\"hi\\\" \\\\o/\";empty=\"\"");
  const grammar::param version[] = {{"version", "2.0"}};
  CHECK(*to_string(media_types::sipfrag.with_params(version)) == "message/sipfrag;version=2.0");
  CHECK(*composed_size(media_types::sipfrag.with_params(version)) == 27);
}

TEST_CASE("content_type: composer rejects invalid fields, never writes CR/LF") {
  auto err = [](const content_type& ct) { return composed_size(ct).error(); };
  CHECK(err(content_type{"", "plain"}) == error{errc::invalid_argument, 0});
  CHECK(err(content_type{"text/", "plain"}) == error{errc::invalid_argument, 4});
  CHECK(err(content_type{"text", ""}) == error{errc::invalid_argument, 0});
  CHECK(err(content_type{"text", "pl ain"}) == error{errc::invalid_argument, 2});
  CHECK(err(content_type{"text", "plain\r\nVia: evil"}) == error{errc::invalid_argument, 5});
  const grammar::param bad_name[] = {{"bad name", "x"}};
  CHECK(err(content_type{"text", "plain"}.with_params(bad_name)) == error{errc::invalid_argument, 3});
  const grammar::param no_name[] = {{"", "x"}};
  CHECK(err(content_type{"text", "plain"}.with_params(no_name)) == error{errc::invalid_argument, 0});
  const grammar::param dup[] = {{"charset", "a"}, {"CharSet", "b"}};
  CHECK(err(content_type{"text", "plain"}.with_params(dup)) == error{errc::duplicate_param, 0});
  const grammar::param crlf[] = {{"x", "a\r\nVia: evil"}};
  CHECK(err(content_type{"text", "plain"}.with_params(crlf)) == error{errc::control_char, 1});
  const grammar::param nul[] = {{"x", std::string_view("a\0b", 3)}};
  CHECK(err(content_type{"text", "plain"}.with_params(nul)) == error{errc::control_char, 1});
  const grammar::param utf[] = {{"x", "ok\xff"}};
  CHECK(err(content_type{"text", "plain"}.with_params(utf)) == error{errc::bad_utf8, 2});
  CHECK(err(content_type{"text", "plain", {nullptr, 1}}) == error{errc::invalid_argument, 0});

  // A failed append leaves the caller's string untouched.
  std::string out = "keep";
  CHECK(append_to(out, content_type{"text", "plain"}.with_params(crlf)) == error{errc::control_char, 1});
  CHECK(out == "keep");
}

TEST_CASE("content_type: round trips") {
  // compose -> parse gives the same values
  const grammar::param ps[] = {{"boundary", "gc0p4Jq0M:2Yt08jU534c0p"}, {"charset", "utf-8"}};
  const content_type ct = media_types::multipart_mixed.with_params(ps);
  const std::string text = *to_string(ct);
  auto r = test::parse_exact(parse, text);
  REQUIRE(r);
  CHECK(r->type == "multipart");
  CHECK(r->subtype == "mixed");
  sink b;
  CHECK(r->param_value("boundary", b));
  CHECK(b.out == "gc0p4Jq0M:2Yt08jU534c0p");
  CHECK(r->param_plain("charset") == std::optional<std::string_view>("utf-8"));

  // parse -> compose is a fixed point
  for (std::string_view in : {"application/sdp", "multipart/mixed; boundary=\"boundary1\"",
                              "Text / Plain ; charset = \"a \\\"q\\\" b\" ; x=y", "message/sipfrag;version=2.0",
                              "text/plain;y=\"c\r\n d\""}) {
    auto p1 = test::parse_exact(parse, in);
    REQUIRE(p1);
    const std::string c1 = recompose(*p1);
    auto p2 = test::parse_exact(parse, c1);
    REQUIRE(p2);
    CHECK(recompose(*p2) == c1);
  }
  CHECK(recompose(*test::parse_exact(parse, "multipart/mixed; boundary=\"boundary1\"")) ==
        "multipart/mixed;boundary=boundary1");
}

TEST_CASE("content_type: RFC 5368 §9 Figure 3 (multiple-REFER list body)") {
  const std::string msg = test::read_data("rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip");
  const std::string_view value = header_value(msg, "Content-Type", "c");
  REQUIRE(value == "application/resource-lists+xml");
  auto r = test::parse_exact(parse, value);
  REQUIRE(r);
  CHECK(r->is(media_types::resource_lists_xml));
  CHECK(*to_string(media_types::resource_lists_xml) == value);  // byte-exact compose
}

TEST_CASE("content_type: RFC 8262 §1.4.2 multipart/mixed REFER and its body part") {
  const std::string msg = test::read_data("rfc8262/rfc8262-1.4.2-REFER-multipart-single-part.sip");
  const std::string_view value = header_value(msg, "Content-Type", "c");
  auto r = test::parse_exact(parse, value);
  REQUIRE(r);
  CHECK(r->is(media_types::multipart_mixed));
  const auto boundary = r->param_plain("boundary");
  REQUIRE(boundary.has_value());
  CHECK(*boundary == "boundary1");
  const grammar::param ps[] = {{"boundary", "boundary1"}};
  CHECK(*to_string(media_types::multipart_mixed.with_params(ps)) == "multipart/mixed;boundary=boundary1");

  auto part = test::parse_exact(parse, header_value(first_part(msg, *boundary), "Content-Type"));
  REQUIRE(part);
  CHECK(part->is(media_types::resource_lists_xml));
}

TEST_CASE("content_type: RFC 5365 §9 and RFC 5366 §6 quoted boundaries, SDP parts") {
  const std::string m5365 = test::read_data("rfc5365/rfc5365-9-fig3-F3-MESSAGE-recipient-list-history.sip");
  auto r = test::parse_exact(parse, header_value(m5365, "Content-Type"));
  REQUIRE(r);
  CHECK(r->param("boundary") == "\"boundary1\"");
  CHECK(r->param_plain("boundary") == std::optional<std::string_view>("boundary1"));
  auto text = test::parse_exact(parse, header_value(first_part(m5365, "boundary1"), "Content-Type"));
  REQUIRE(text);
  CHECK(text->is("text", "plain"));

  const std::string m5366 = test::read_data("rfc5366/rfc5366-6-fig4-F3-INVITE-recipient-list-history.sip");
  auto sdp = test::parse_exact(parse, header_value(first_part(m5366, "boundary1"), "Content-Type"));
  REQUIRE(sdp);
  CHECK(sdp->is(media_types::sdp));
}

TEST_CASE("content_type: RFC 3515 §4.1 F5 NOTIFY message/sipfrag;version=2.0") {
  const std::string msg = test::read_data("rfc3515/rfc3515-4.1-F5-NOTIFY-200-OK-terminated.sip");
  const std::string_view value = header_value(msg, "Content-Type", "c");
  auto r = test::parse_exact(parse, value);
  REQUIRE(r);
  CHECK(r->is(media_types::sipfrag));
  CHECK(r->param("version") == "2.0");
  const grammar::param version[] = {{"version", "2.0"}};
  CHECK(*to_string(media_types::sipfrag.with_params(version)) == value);
}

TEST_CASE("content_type: RFC 4475 wsinv and mpart01") {
  auto sdp = test::parse_exact(parse, file_header("rfc4475/wsinv.dat", "Content-Type", "c"));
  REQUIRE(sdp);
  CHECK(sdp->is(media_types::sdp));
  const std::string mpart = test::read_data("rfc4475/mpart01.dat");
  auto mp = test::parse_exact(parse, header_value(mpart, "Content-Type", "c"));
  REQUIRE(mp);
  CHECK(mp->is(media_types::multipart_mixed));
  CHECK(mp->param_plain("boundary") == std::optional<std::string_view>("7a9cbec02ceef655"));
}

TEST_CASE("content_type: PEERS.md (c) 20, 25, 27: fold then NUL, long values, bounded output") {
  // (c) 20: a fold followed by a NUL at the end of the buffer
  test::check_error(parse, std::string_view("text/plain\r\n   \0", 16), errc::trailing_garbage, 15);
  // trailing LWS right at the end of the buffer is fine
  CHECK(test::parse_exact(parse, "text/plain \r\n\t"));
  // (c) 25: an 8 KiB quoted boundary parses and composes without fixed buffers
  const std::string big(8192, 'b');
  const std::string in = "multipart/mixed;boundary=\"" + big + " \"";
  auto r = test::parse_exact(parse, in);
  REQUIRE(r);
  CHECK(r->param_plain("boundary")->size() == big.size() + 1);
  const grammar::param ps[] = {{"boundary", big}};
  CHECK(*composed_size(media_types::multipart_mixed.with_params(ps)) == 25 + big.size());
  // (c) 27: compose_to never writes past the caller's span
  char buf[16] = {};
  const compose_result cr = compose_to(buf, buf + 15, media_types::resource_lists_xml);
  CHECK(cr.ec == error{errc::buffer_too_small, 0});
  CHECK(std::string_view(buf, 15) == "application/res");
  CHECK(buf[15] == '\0');  // the byte after the span is untouched
}

static_assert(noexcept(parse_content_type(std::string_view{})));
