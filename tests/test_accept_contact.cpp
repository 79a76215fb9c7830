// SPDX-License-Identifier: MIT
/// @file test_accept_contact.cpp
/// Tests of accept_contact.hpp: Accept-Contact parsing (RFC 3841 §10), the RFC 3840 §9
/// feature-tag grammar, composition (PROCEDURE.md C11 `*;+g.oma.sip-im`) and round trips.
#include <sipref/accept_contact.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <sipref/compose.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {

auto parse = [](std::string_view in) { return parse_accept_contact(in); };
auto parse_lenient = [](std::string_view in) {
  accept_contact_options o;
  o.allow_nonconforming_feature_values = true;
  return parse_accept_contact(in, o);
};

/// Composes a parsed value back (feature parameters and flags; the inputs used here carry
/// no other generic-params).
std::string recompose(const accept_contact_view& v) {
  std::vector<std::vector<feature_tag>> features;
  features.reserve(16);
  std::vector<accept_contact_value> values;
  for (const ac_value_view& ac : v) {
    features.emplace_back();
    for (const grammar::param_view& p : ac.params) {
      const ac_param_kind k = classify_ac_param(p);
      REQUIRE((k == ac_param_kind::feature || k == ac_param_kind::require || k == ac_param_kind::explicit_match));
      if (k == ac_param_kind::feature) features.back().push_back({p.name, p.unquoted_raw()});
    }
    values.push_back({features.back(), ac.require(), ac.is_explicit()});
  }
  auto s = to_string(accept_contact{values});
  REQUIRE(s.has_value());
  return *s;
}

}  // namespace

static_assert(is_feature_tag("+g.oma.sip-im"));
static_assert(is_feature_tag("ISFOCUS"));
static_assert(!is_feature_tag("+g.3gpp.app_ref"));
static_assert(parse_accept_contact("*;+g.oma.sip-im")->has_feature("+G.OMA.SIP-IM"));
static_assert(parse_accept_contact("*;audio;require, *;video")->size() == 2);
static_assert(parse_accept_contact("*;audio=TRUE").error() == error{errc::bad_feature_param, 8});

TEST_CASE("accept_contact: feature tag names (RFC 3840 §9 enc-feature-tag)") {
  for (std::string_view t :
       {"audio",       "automata",    "class",    "duplex",        "data",          "control",
        "mobility",    "description", "events",   "priority",      "methods",       "schemes",
        "application", "video",       "language", "type",          "isfocus",       "actor",
        "text",        "extensions",  "Audio",    "+g.oma.sip-im", "+sip.instance", "+g.3gpp.icsi-ref",
        "+a",          "+A1!'.-%"}) {
    INFO(std::string(t));
    CHECK(is_feature_tag(t));
  }
  for (std::string_view t : {"", "+", "+1abc", "+-x", "+g.3gpp.app_ref", "+a b", "require", "explicit", "sip.audio",
                             "g.oma.sip-im", "q", "audio2", "+a=b"}) {
    INFO(std::string(t));
    CHECK_FALSE(is_feature_tag(t));
  }
}

TEST_CASE("accept_contact: feature values (RFC 3840 §9 tag-value-list / string-value)") {
  for (std::string_view v :
       {"INVITE,BYE", "TRUE", "!FALSE", "!mobile", "#>=2", "#<=-3.5", "#=10.", "#1:5", "#-1.5:+2",
        "urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel", "<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>", "<>",
        "<a\\>b c\\\\>", "<caf\xc3\xa9>", "a*_+`'~.%-"}) {
    INFO(std::string(v));
    CHECK(is_feature_value(v));
  }
  for (std::string_view v : {"",      ",",      "a,",   ",a",        "a b",   "a, b",   "!!a",   "!",  "#",
                             "#>",    "#>=",    "#1",   "#1:",       "#a",    "a!b",    "<",     "<a", "<a>b",
                             "<a<b>", "<a\"b>", "<a\\", "<a\r\n b>", "\"x\"", "<\x01>", "<\xff>"}) {
    INFO(std::string(v));
    CHECK_FALSE(is_feature_value(v));
  }
}

TEST_CASE("accept_contact: PROCEDURE.md C11 value *;+g.oma.sip-im") {
  auto r = test::parse_exact(parse, "*;+g.oma.sip-im");
  REQUIRE(r);
  CHECK(r->size() == 1);
  CHECK(r->has_feature("+g.oma.sip-im"));
  CHECK(r->has_feature("+G.Oma.Sip-IM"));
  CHECK_FALSE(r->has_feature("+g.oma.sip-im2"));
  CHECK_FALSE(r->has_feature("audio"));
  const ac_value_view v = *r->begin();  // a copy: *it refers into the iterator
  CHECK(v.params.size() == 1);
  CHECK_FALSE(v.require());
  CHECK_FALSE(v.is_explicit());
  CHECK(v.feature_value("+g.oma.sip-im").empty());
  CHECK(classify_ac_param(*v.params.begin()) == ac_param_kind::feature);
  CHECK(r->text() == "*;+g.oma.sip-im");
}

TEST_CASE("accept_contact: several values, flags, quoted values, folds and case") {
  auto r = test::parse_exact(parse,
                             " *\r\n ; audio ; Require ,\r\n\t* ; video;EXPLICIT ;methods = \"INVITE,BYE\";"
                             "+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\" ,*;q=0.5 \r\n ");
  REQUIRE(r);
  CHECK(r->size() == 3);
  auto it = r->begin();
  CHECK(it->require());
  CHECK_FALSE(it->is_explicit());
  CHECK(it->has_feature("AUDIO"));
  CHECK_FALSE(it->has_feature("require"));  // flags are not features
  ++it;
  CHECK_FALSE(it->require());
  CHECK(it->is_explicit());
  CHECK(it->has_feature("video"));
  CHECK(it->feature_value("methods") == "INVITE,BYE");
  CHECK(it->feature_value("+sip.instance") == "<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>");
  ++it;
  CHECK(it->params.get("q") == "0.5");
  CHECK(classify_ac_param(*it->params.begin()) == ac_param_kind::generic);
  ++it;
  CHECK(it == r->end());
  CHECK(r->has_feature("video"));

  // A '+' parameter outside ftag-name is a plain generic-param, its value unconstrained.
  auto g = test::parse_exact(
      parse, "*;+g.3gpp.app_ref=\"any thing\";+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"");
  REQUIRE(g);
  CHECK(classify_ac_param(*g->begin()->params.begin()) == ac_param_kind::generic);
  CHECK(g->has_feature("+g.3gpp.icsi-ref"));

  // String values with quoted-pairs and a fold (LWS is qdtext-no-abkt).
  auto s = test::parse_exact(parse, "*;+x=\"<a\\>b\r\n c>\"");
  REQUIRE(s);
  CHECK(s->begin()->feature_value("+x") == "<a\\>b\r\n c>");

  // Numeric and negated tag values.
  CHECK(test::parse_exact(parse, "*;+x=\"#>=2\";+y=\"#1:5\";+z=\"!TRUE\";priority=\"!urgent,normal\""));
}

TEST_CASE("accept_contact: RFC 5365 §6 escaped Accept-Contact URI header decodes to a valid value") {
  // sip:bob@example.com?Accept-Contact=*%3bmobility%3d%22mobile%22 (DIGEST §8.1)
  std::string decoded;
  string_writer w(decoded);
  grammar::pct_decode(w, "*%3bmobility%3d%22mobile%22");
  REQUIRE(decoded == "*;mobility=\"mobile\"");
  auto r = test::parse_exact(parse, decoded);
  REQUIRE(r);
  CHECK(r->begin()->feature_value("mobility") == "mobile");
}

TEST_CASE("accept_contact: RFC 3515 §2.1 Refer-To example predates the RFC 3841 grammar") {
  // The embedded "Accept-Contact=sip:bobsdesk..." is RFC 2543-era syntax, not an ac-value.
  const std::string lines = test::read_data("rfc3515/rfc3515-2.1-Refer-To-header-examples.txt");
  const std::size_t at = lines.find("?Accept-Contact=");
  REQUIRE(at != std::string::npos);
  const std::size_t start = at + 16;
  const std::string hvalue = lines.substr(start, lines.find('&', start) - start);
  CHECK(hvalue == "sip:bobsdesk.biloxi.example.net");
  test::check_error(parse, hvalue, errc::unexpected_char, 0);
}

TEST_CASE("accept_contact: negative cases with code and offset") {
  using test::check_error;
  check_error(parse, "", errc::empty_value, 0);
  check_error(parse, "\r\n ", errc::empty_value, 3);
  check_error(parse, "<sip:a@b>", errc::unexpected_char, 0);
  check_error(parse, ",*", errc::unexpected_char, 0);
  check_error(parse, "audio", errc::unexpected_char, 0);
  check_error(parse, "*,audio", errc::unexpected_char, 2);
  // req-param / explicit-param carry no value
  check_error(parse, "*;require=yes", errc::bad_feature_param, 2);
  check_error(parse, "*;audio;Explicit=\"x\"", errc::bad_feature_param, 8);
  // feature values: LDQUOT (tag-value-list / string-value) RDQUOT
  check_error(parse, "*;audio=TRUE", errc::bad_feature_param, 8);
  check_error(parse, "*;+x=[::1]", errc::bad_feature_param, 5);
  check_error(parse, "*;methods=\"INVITE, BYE\"", errc::bad_feature_param, 18);
  check_error(parse, "*;+x=\"\"", errc::bad_feature_param, 6);
  check_error(parse, "*;+x=\"a,\"", errc::bad_feature_param, 8);
  check_error(parse, "*;+x=\"#\"", errc::bad_feature_param, 7);
  check_error(parse, "*;+x=\"#>=\"", errc::bad_feature_param, 9);
  check_error(parse, "*;+x=\"#1\"", errc::bad_feature_param, 8);
  check_error(parse, "*;+x=\"!!a\"", errc::bad_feature_param, 7);
  check_error(parse, "*;+x=\"<abc\"", errc::bad_feature_param, 10);
  check_error(parse, "*;+x=\"<a>b\"", errc::bad_feature_param, 9);
  check_error(parse, "*;+x=\"<a<b>\"", errc::bad_feature_param, 8);
  check_error(parse, "*;+x=\"a\\\"b\"", errc::bad_feature_param, 7);
  // quoted-string errors come from generic-param scanning
  check_error(parse, "*;+x=\"open", errc::bad_param, 5);
  check_error(parse, "*;+x=\"a\\", errc::bad_param, 7);
  // RFC 3841 §10: each flag and each feature tag at most once (RFC 3261 §7.3.1 likewise)
  check_error(parse, "*;audio;AUDIO", errc::duplicate_param, 8);
  check_error(parse, "*;require;require", errc::duplicate_param, 10);
  check_error(parse, "*;explicit;video;explicit", errc::duplicate_param, 17);
  // empty list items
  check_error(parse, "*,,*", errc::empty_list_item, 1);
  check_error(parse, "*,", errc::empty_list_item, 1);
  check_error(parse, "*;audio , \r\n ", errc::empty_list_item, 8);
  check_error(parse, "*;audio ,\r\n ,*", errc::empty_list_item, 8);
  check_error(parse, "*;", errc::bad_param, 2);
  check_error(parse, "*;;audio", errc::bad_param, 2);
  check_error(parse, "*x", errc::trailing_garbage, 1);
  check_error(parse, "* *", errc::trailing_garbage, 2);
  check_error(parse, "*;audio\r\nVia: x", errc::trailing_garbage, 7);
}

TEST_CASE("accept_contact: lenient feature values are a named option") {
  auto r = test::parse_exact(parse_lenient, "*;audio=TRUE;methods=\"INVITE, BYE\";+x=[::1]");
  REQUIRE(r);
  CHECK(r->has_feature("audio"));
  CHECK(r->begin()->params.get("audio") == "TRUE");
  // The flags stay strict, and so does the generic-param syntax.
  test::check_error(parse_lenient, "*;require=yes", errc::bad_feature_param, 2);
  test::check_error(parse_lenient, "*;audio=", errc::bad_param, 8);
}

TEST_CASE("accept_contact: composing") {
  const feature_tag im[] = {{"+g.oma.sip-im"}};
  const accept_contact_value v{im};
  CHECK(*to_string(v) == "*;+g.oma.sip-im");
  CHECK(*to_string(header_row(v)) == "Accept-Contact: *;+g.oma.sip-im\r\n");
  CHECK(*to_string(accept_contact_value{}) == "*");

  const feature_tag audio[] = {{"audio"}};
  const feature_tag video[] = {{"video"}, {"methods", "INVITE,BYE"}, {"+sip.instance", "<urn:uuid:1>"}};
  CHECK(*to_string(accept_contact_value{audio, true, true}) == "*;audio;require;explicit");
  const accept_contact_value two[] = {{audio, true, false}, {video, false, true}};
  CHECK(*to_string(header_row(accept_contact{two})) ==
        "Accept-Contact: *;audio;require, *;video;methods=\"INVITE,BYE\";+sip.instance=\"<urn:uuid:1>\";explicit\r\n");
}

TEST_CASE("accept_contact: composer rejects invalid fields, never writes CR/LF or a stray quote") {
  auto err = [](const feature_tag& f) {
    const accept_contact_value v{{&f, 1}};
    return composed_size(v).error();
  };
  CHECK(err({""}) == error{errc::invalid_argument, 0});
  CHECK(err({"g.oma.sip-im"}) == error{errc::invalid_argument, 0});
  CHECK(err({"+"}) == error{errc::invalid_argument, 1});
  CHECK(err({"+1abc"}) == error{errc::invalid_argument, 1});
  CHECK(err({"+g.3gpp.app_ref"}) == error{errc::invalid_argument, 11});
  CHECK(err({"+g\r\nVia: evil"}) == error{errc::invalid_argument, 2});
  CHECK(err({"require"}) == error{errc::invalid_argument, 0});
  CHECK(err({"+x", "a b"}) == error{errc::bad_feature_param, 1});
  CHECK(err({"+x", "a\"b"}) == error{errc::bad_feature_param, 1});
  CHECK(err({"+x", "a\r\nVia: evil"}) == error{errc::bad_feature_param, 1});
  CHECK(err({"+x", "<a\r\n b>"}) == error{errc::bad_feature_param, 2});  // no folds on output
  CHECK(err({"+x", "<a\"b>"}) == error{errc::bad_feature_param, 2});
  CHECK(err({"+x", "<a\\"}) == error{errc::bad_feature_param, 2});
  const feature_tag dup[] = {{"+A"}, {"+a", "TRUE"}};
  CHECK(composed_size(accept_contact_value{dup}).error() == error{errc::duplicate_param, 0});
  CHECK(composed_size(accept_contact_value{{nullptr, 1}}).error() == error{errc::invalid_argument, 0});
  CHECK(composed_size(accept_contact{}).error() == error{errc::empty_value, 0});
  const feature_tag bad[] = {{"+x", "a b"}};
  const accept_contact_value vals[] = {{}, {bad}};
  CHECK(composed_size(accept_contact{vals}).error() == error{errc::bad_feature_param, 1});
}

TEST_CASE("accept_contact: round trips") {
  const feature_tag f[] = {{"+g.oma.sip-im"}, {"mobility", "mobile"}, {"+u", "<a\\\"b c>"}, {"+n", "#-1.5:2"}};
  const accept_contact_value vals[] = {{f, true, false}, {{f, 1}, false, true}};
  const std::string text = *to_string(accept_contact{vals});
  auto r = test::parse_exact(parse, text);
  REQUIRE(r);
  CHECK(r->size() == 2);
  auto it = r->begin();
  CHECK(it->require());
  CHECK(it->feature_value("mobility") == "mobile");
  CHECK(it->feature_value("+u") == "<a\\\"b c>");
  CHECK(it->feature_value("+n") == "#-1.5:2");
  CHECK(recompose(*r) == text);

  for (std::string_view in : {"*;+g.oma.sip-im", "* ; audio ; require , * ; video ; explicit",
                              "*;methods=\"INVITE,BYE\";+sip.instance=\"<urn:x\\\\y>\"", "*"}) {
    auto p1 = test::parse_exact(parse, in);
    REQUIRE(p1);
    const std::string c1 = recompose(*p1);
    auto p2 = test::parse_exact(parse, c1);
    REQUIRE(p2);
    CHECK(recompose(*p2) == c1);
  }
  CHECK(recompose(*test::parse_exact(parse, "* ; audio ; require , * ; video ; explicit")) ==
        "*;audio;require, *;video;explicit");
}

TEST_CASE("accept_contact: PEERS.md (c) 20, 26, 27: folds at the end, many values, bounded output") {
  test::check_error(parse, std::string_view("*;audio\r\n \0", 11), errc::trailing_garbage, 10);
  CHECK(test::parse_exact(parse, "*;audio\r\n "));
  // (c) 26: iteration over many values makes progress and ends
  std::string many = "*;+v0";
  for (int i = 1; i < 1000; ++i) many += ", *;+v" + std::to_string(i) + ";require";
  auto r = test::parse_exact(parse, many);
  REQUIRE(r);
  CHECK(r->size() == 1000u);
  CHECK(r->has_feature("+v999"));
  CHECK_FALSE(r->has_feature("+v1000"));
  // (c) 27
  const feature_tag im[] = {{"+g.oma.sip-im"}};
  char buf[8] = {};
  const compose_result cr = compose_to(buf, buf + 8, accept_contact_value{im});
  CHECK(cr.ec == error{errc::buffer_too_small, 0});
  CHECK(std::string_view(buf, 8) == "*;+g.oma");
}

static_assert(noexcept(parse_accept_contact(std::string_view{})));
static_assert(noexcept(is_feature_tag(std::string_view{})));
