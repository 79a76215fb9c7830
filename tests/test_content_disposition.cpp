// SPDX-License-Identifier: MIT
/// @file test_content_disposition.cpp
/// Tests of content_disposition.hpp: Content-Disposition parsing (RFC 3261 §20.11), the
/// `handling` default, composition, round trips and the dispositions of RFC 5363/5364/5368
/// example messages.
#include <sipref/content_disposition.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <sipref/compose.hpp>

#include "support/test_support.hpp"

using namespace sipref;
using test::header_value;

namespace {



/// The header section of the body part whose delimiter line `--b` is the @p index-th one.
std::string_view part(std::string_view msg, std::string_view b, int index) {
  const std::string delim = "--" + std::string(b) + "\r\n";
  std::size_t d = msg.find("\r\n\r\n");
  for (int i = 0; i <= index; ++i) {
    d = msg.find(delim, d);
    REQUIRE(d != std::string_view::npos);
    d += delim.size();
  }
  return msg.substr(d);
}

auto parse = [](std::string_view in) { return parse_content_disposition(in); };

std::string recompose(const content_disposition_view& v) {
  std::vector<grammar::param> ps;
  std::vector<std::string> values;
  values.reserve(64);
  for (const grammar::param_view& p : v.params) {
    std::string decoded;
    string_writer w(decoded);
    if (p.is_quoted()) {
      grammar::unquote(w, p.unquoted_raw());
    } else {
      w.put(p.value);
    }
    values.push_back(decoded);
    ps.push_back({p.name, values.back(), p.has_value});
  }
  auto s = to_string(content_disposition{v.type, {}, ps});
  REQUIRE(s.has_value());
  return *s;
}

}  // namespace

static_assert(parse_content_disposition("recipient-list")->is(disposition_types::recipient_list));
static_assert(parse_content_disposition("recipient-list")->handling() == disposition_handling::required);
static_assert(parse_content_disposition("x;handling=OPTIONAL")->handling() == disposition_handling::optional);
static_assert(parse_content_disposition("x;handling=").error() == error{errc::bad_param, 11});

TEST_CASE("content_disposition: type, handling and its RFC 3261 §20.11 default") {
  auto r = test::parse_exact(parse, "recipient-list");
  REQUIRE(r);
  CHECK(r->type == "recipient-list");
  CHECK(r->is("Recipient-List"));
  CHECK_FALSE(r->has_handling());
  CHECK(r->handling_token().empty());
  CHECK(r->handling() == disposition_handling::required);  // absent -> required

  auto o = test::parse_exact(parse, "recipient-list-history; handling=optional");
  REQUIRE(o);
  CHECK(o->is(disposition_types::recipient_list_history));
  CHECK(o->has_handling());
  CHECK(o->handling_token() == "optional");
  CHECK(o->handling() == disposition_handling::optional);

  auto q = test::parse_exact(parse, "session;HANDLING=Required");
  REQUIRE(q);
  CHECK(q->handling() == disposition_handling::required);

  auto x = test::parse_exact(parse, "render;handling=x-later");
  REQUIRE(x);
  CHECK(x->handling() == disposition_handling::other);
  CHECK(x->handling_token() == "x-later");
}

TEST_CASE("content_disposition: LWS, folds, case and generic parameters") {
  auto r = test::parse_exact(parse, "\t By-Reference \r\n ;\r\n\thandling = optional ; foo ; bar=\"a b\" \r\n ");
  REQUIRE(r);
  CHECK(r->type == "By-Reference");
  CHECK(r->is(disposition_types::by_reference));
  CHECK(r->handling() == disposition_handling::optional);
  CHECK(r->params.size() == 3);
  CHECK(r->params.contains("FOO"));
  CHECK(r->params.get("bar") == "\"a b\"");
  // RFC 2183 filename-style parameters pass as generic-params.
  auto f = test::parse_exact(parse, "icon;filename=\"smile.png\"");
  REQUIRE(f);
  CHECK(f->is(disposition_types::icon));
}

TEST_CASE("content_disposition: negative cases with code and offset") {
  using test::check_error;
  check_error(parse, "", errc::empty_value, 0);
  check_error(parse, "  ", errc::empty_value, 2);
  check_error(parse, ";handling=optional", errc::bad_token, 0);
  check_error(parse, "\"render\"", errc::bad_token, 0);
  check_error(parse, "render session", errc::trailing_garbage, 7);
  check_error(parse, "render,session", errc::trailing_garbage, 6);
  check_error(parse, "render/x", errc::trailing_garbage, 6);
  // handling-param = "handling" EQUAL token
  check_error(parse, "render;handling", errc::bad_param, 15);
  check_error(parse, "render;handling;x=1", errc::bad_param, 15);
  check_error(parse, "render;handling=\"optional\"", errc::bad_param, 16);
  check_error(parse, "render;handling=[::1]", errc::bad_param, 16);
  check_error(parse, "render;handling=", errc::bad_param, 16);
  check_error(parse, "render;handling=optional;handling=required", errc::duplicate_param, 25);
  check_error(parse, "render;", errc::bad_param, 7);
  check_error(parse, "render;;x", errc::bad_param, 7);
  check_error(parse, "render;x=\"a", errc::bad_param, 9);
  check_error(parse, "render\r\nContent-Type: x", errc::trailing_garbage, 6);
}

TEST_CASE("content_disposition: composing") {
  CHECK(*to_string(content_disposition{disposition_types::recipient_list}) == "recipient-list");
  CHECK(*to_string(header_row(content_disposition{disposition_types::recipient_list})) ==
        "Content-Disposition: recipient-list\r\n");
  CHECK(*to_string(
            content_disposition{disposition_types::recipient_list_history, disposition_handling_values::optional}) ==
        "recipient-list-history;handling=optional");
  CHECK(*to_string(content_disposition{disposition_types::by_reference, disposition_handling_values::required}) ==
        "by-reference;handling=required");
  CHECK(*to_string(content_disposition{disposition_types::render}) == "render");
  CHECK(*to_string(content_disposition{disposition_types::session}) == "session");
  const grammar::param ps[] = {{"flag", {}, false}, {"name", "a file.txt"}, {"n", "1"}};
  CHECK(*to_string(content_disposition{"attachment", "optional", ps}) ==
        "attachment;handling=optional;flag;name=\"a file.txt\";n=1");
  const grammar::param h[] = {{"handling", "optional"}};
  CHECK(*to_string(content_disposition{"render", {}, h}) == "render;handling=optional");
}

TEST_CASE("content_disposition: composer rejects invalid fields") {
  auto err = [](const content_disposition& d) { return composed_size(d).error(); };
  CHECK(err(content_disposition{}) == error{errc::invalid_argument, 0});
  CHECK(err(content_disposition{"recipient list"}) == error{errc::invalid_argument, 9});
  CHECK(err(content_disposition{"render\r\nX: y"}) == error{errc::invalid_argument, 6});
  CHECK(err(content_disposition{"render", "opt ional"}) == error{errc::invalid_argument, 3});
  const grammar::param dup[] = {{"a", "1"}, {"A", "2"}};
  CHECK(err(content_disposition{"render", {}, dup}) == error{errc::duplicate_param, 0});
  const grammar::param h[] = {{"Handling", "optional"}};
  CHECK(err(content_disposition{"render", "required", h}) == error{errc::duplicate_param, 0});
  const grammar::param hq[] = {{"handling", "not a token"}};
  CHECK(err(content_disposition{"render", {}, hq}) == error{errc::invalid_argument, 3});
  const grammar::param hn[] = {{"handling", {}, false}};
  CHECK(err(content_disposition{"render", {}, hn}) == error{errc::invalid_argument, 0});
  const grammar::param bad_name[] = {{"a=b", "1"}};
  CHECK(err(content_disposition{"render", {}, bad_name}) == error{errc::invalid_argument, 1});
  const grammar::param crlf[] = {{"x", "1\r\nVia: evil"}};
  CHECK(err(content_disposition{"render", {}, crlf}) == error{errc::control_char, 1});
  CHECK(err(content_disposition{"render", {}, {nullptr, 2}}) == error{errc::invalid_argument, 0});
}

TEST_CASE("content_disposition: round trips") {
  const grammar::param ps[] = {{"x", "a \"b\""}, {"y", {}, false}};
  const content_disposition d{disposition_types::recipient_list_history, "optional", ps};
  const std::string text = *to_string(d);
  auto r = test::parse_exact(parse, text);
  REQUIRE(r);
  CHECK(r->is(disposition_types::recipient_list_history));
  CHECK(r->handling() == disposition_handling::optional);
  CHECK(r->params.get("x") == "\"a \\\"b\\\"\"");
  CHECK(r->params.contains("y"));
  CHECK(recompose(*r) == text);

  for (std::string_view in : {"recipient-list", "recipient-list-history; handling=optional",
                              "Render ; Handling = Other ; z = \"q\\\\\" ; k"}) {
    auto p1 = test::parse_exact(parse, in);
    REQUIRE(p1);
    const std::string c1 = recompose(*p1);
    auto p2 = test::parse_exact(parse, c1);
    REQUIRE(p2);
    CHECK(recompose(*p2) == c1);
    CHECK(p2->handling() == p1->handling());
  }
}

TEST_CASE("content_disposition: RFC 5368 §9 Figure 3 recipient-list (handling defaults to required)") {
  const std::string msg = test::read_data("rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip");
  const std::string_view value = header_value(msg, "Content-Disposition");
  REQUIRE(value == "recipient-list");
  auto r = test::parse_exact(parse, value);
  REQUIRE(r);
  CHECK(r->is(disposition_types::recipient_list));
  CHECK(r->handling() == disposition_handling::required);
  CHECK(*to_string(content_disposition{disposition_types::recipient_list}) == value);
}

TEST_CASE("content_disposition: RFC 8262 §1.4.2 body-part disposition") {
  const std::string msg = test::read_data("rfc8262/rfc8262-1.4.2-REFER-multipart-single-part.sip");
  auto r = test::parse_exact(parse, header_value(part(msg, "boundary1", 0), "Content-Disposition"));
  REQUIRE(r);
  CHECK(r->is(disposition_types::recipient_list));
}

TEST_CASE("content_disposition: RFC 5365 §9 / RFC 5366 §6 recipient-list-history; handling=optional") {
  for (const char* file : {"rfc5365/rfc5365-9-fig3-F3-MESSAGE-recipient-list-history.sip",
                           "rfc5366/rfc5366-6-fig4-F3-INVITE-recipient-list-history.sip"}) {
    INFO(file);
    const std::string msg = test::read_data(file);
    const std::string_view value = header_value(part(msg, "boundary1", 1), "Content-Disposition");
    REQUIRE(value == "recipient-list-history; handling=optional");
    auto r = test::parse_exact(parse, value);
    REQUIRE(r);
    CHECK(r->is(disposition_types::recipient_list_history));
    CHECK(r->handling() == disposition_handling::optional);
    CHECK(*to_string(
              content_disposition{disposition_types::recipient_list_history, disposition_handling_values::optional}) ==
          "recipient-list-history;handling=optional");
  }
}

TEST_CASE("content_disposition: PEERS.md (c) 20 and 27") {
  test::check_error(parse, std::string_view("render\r\n\t\0", 10), errc::trailing_garbage, 9);
  char buf[5] = {};
  const compose_result cr = compose_to(buf, buf + 5, content_disposition{"render", "optional"});
  CHECK(cr.ec == error{errc::buffer_too_small, 0});
  CHECK(std::string_view(buf, 5) == "rende");
}

static_assert(noexcept(parse_content_disposition(std::string_view{})));
