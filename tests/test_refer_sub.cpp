// SPDX-License-Identifier: MIT
/// @file test_refer_sub.cpp
/// Tests of refer_sub.hpp: Refer-Sub parsing (RFC 4488 §4), composing, round trips, the
/// PEERS.md (c) 14 shapes and the RFC 4488 / RFC 5368 / RFC 8262 example messages.
#include <sipref/refer_sub.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <sipref/compose.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
constexpr bool parses_to(std::string_view in, bool expected) {
  const auto r = parse_refer_sub(in);
  return r.has_value() && (*r).value == expected;
}
constexpr error parse_error(std::string_view in) { return parse_refer_sub(in).error(); }

std::string compose(const refer_sub_value& v) {
  auto s = to_string(v);
  REQUIRE(s.has_value());
  return *s;
}
}  // namespace

// constexpr proofs: the parser runs at compile time.
static_assert(parses_to("false", false));
static_assert(parses_to("TRUE", true));
static_assert(parses_to("false;x=1", false));
static_assert(parse_error("truex") == error{errc::bad_refer_sub, 0});
static_assert(noexcept(parse_refer_sub("")));

TEST_CASE("refer_sub: parse true and false in any case, with LWS and folds") {
  struct row {
    std::string_view in;
    bool value;
    std::string_view raw;
  };
  const row rows[] = {
      {"true", true, "true"},         {"false", false, "false"},    {"TRUE", true, "TRUE"},
      {"False", false, "False"},      {"fAlSe", false, "fAlSe"},    {"  false  ", false, "false"},
      {"\r\n false", false, "false"}, {"true\r\n\t", true, "true"}, {"\tTrue ", true, "True"},
  };
  for (const row& r : rows) {
    INFO("input: ", std::string(r.in));
    auto p = test::parse_exact(parse_refer_sub, r.in);
    REQUIRE(p);
    CHECK(p->value == r.value);
    CHECK(p->raw == r.raw);
    CHECK(p->params.empty());
  }
}

TEST_CASE("refer_sub: extension parameters are kept") {
  auto p = test::parse_exact(parse_refer_sub, "false;x=1 ;\r\n flag; q = \"a;b\"");
  REQUIRE(p);
  CHECK_FALSE(p->value);
  CHECK(p->params.size() == 3);
  CHECK(p->params.get("X") == "1");
  CHECK(p->params.contains("flag"));
  CHECK(p->params.get("q") == "\"a;b\"");
  auto ipv6 = test::parse_exact(parse_refer_sub, "true;maddr=[2001:db8::1]");
  REQUIRE(ipv6);
  CHECK(ipv6->params.get("maddr") == "[2001:db8::1]");
}

TEST_CASE("refer_sub: negative cases assert code and offset") {
  test::check_error(parse_refer_sub, "", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, "   ", errc::bad_refer_sub, 3);
  test::check_error(parse_refer_sub, "truex", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, "tru", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, "yes", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, "  no", errc::bad_refer_sub, 2);
  test::check_error(parse_refer_sub, "1", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, "\"true\"", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, ";x=1", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, "true x", errc::trailing_garbage, 5);
  test::check_error(parse_refer_sub, "true\"", errc::trailing_garbage, 4);
  test::check_error(parse_refer_sub, "true@", errc::trailing_garbage, 4);
  test::check_error(parse_refer_sub, "true, false", errc::multiple_values, 4);
  test::check_error(parse_refer_sub, "false ,true", errc::multiple_values, 6);
  test::check_error(parse_refer_sub, "true\r\nX: y", errc::trailing_garbage, 4);  // CRLF without WSP
  test::check_error(parse_refer_sub, std::string_view("true\0", 5), errc::trailing_garbage, 4);
  test::check_error(parse_refer_sub, "false;", errc::bad_param, 6);
  test::check_error(parse_refer_sub, "false;;x", errc::bad_param, 6);
  test::check_error(parse_refer_sub, "false;x=", errc::bad_param, 8);
  test::check_error(parse_refer_sub, "false;x=\"open", errc::bad_param, 8);
  test::check_error(parse_refer_sub, "false;x=1;X=2", errc::duplicate_param, 10);
}

TEST_CASE("refer_sub: PEERS (c)14 TRUE, params, truex, yes and empty") {
  // ABNF literals are case-insensitive (RFC 5234 §2.3).
  auto upper = test::parse_exact(parse_refer_sub, "TRUE");
  REQUIRE(upper);
  CHECK(upper->value);
  // Extension parameters are allowed (RFC 4488 §4 `*(SEMI exten)`).
  auto with_param = test::parse_exact(parse_refer_sub, "false;x=1");
  REQUIRE(with_param);
  CHECK_FALSE(with_param->value);
  CHECK(with_param->params.get("x") == "1");
  // A prefix compare made `truex` true and `yes` "suppress" elsewhere: both are malformed
  // here, as is the empty value; nothing defaults to suppression.
  test::check_error(parse_refer_sub, "truex", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, "falsey", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, "yes", errc::bad_refer_sub, 0);
  test::check_error(parse_refer_sub, "", errc::bad_refer_sub, 0);
}

TEST_CASE("refer_sub: compose the value and validated extension parameters") {
  CHECK(compose(refer_sub_value{false}) == "false");
  CHECK(compose(refer_sub_value{true}) == "true");
  CHECK(compose(refer_sub_value{}) == "true");  // RFC 3515 default behaviour
  std::string row;
  REQUIRE_FALSE(append_to(row, header_row(refer_sub_value{false})));
  CHECK(row == "Refer-Sub: false\r\n");
  CHECK(*composed_size(refer_sub_value{false}) == 5);

  const grammar::param params[] = {{"x", "1"}, {"flag", {}, false}, {"note", "a b"}};
  CHECK(compose(refer_sub_value{false, params}) == "false;x=1;flag;note=\"a b\"");

  // Caller mistakes are errors, never fixed silently.
  const grammar::param bad_name[] = {{"a b", "1"}};
  CHECK(to_string(refer_sub_value{false, bad_name}).error() == error{errc::bad_param, 1});
  const grammar::param injected[] = {{"x", "1\r\nVia: evil"}};
  CHECK(to_string(refer_sub_value{false, injected}).error() == error{errc::control_char, 1});
  const grammar::param dup[] = {{"x", "1"}, {"X", "2"}};
  CHECK(to_string(refer_sub_value{false, dup}).error().code == errc::duplicate_param);

  // The buffer form reports a short buffer and never overruns it.
  char small[4];
  const compose_result cr = compose_to(small, small + sizeof small, refer_sub_value{false});
  CHECK(cr.ec == error{errc::buffer_too_small, 0});
  char big[16];
  const compose_result ok = compose_to(big, big + sizeof big, refer_sub_value{false});
  REQUIRE_FALSE(ok.ec);
  CHECK(std::string_view(big, static_cast<std::size_t>(ok.ptr - big)) == "false");
}

TEST_CASE("refer_sub: round trips") {
  // compose -> parse gives the same values.
  for (bool v : {true, false}) {
    const grammar::param params[] = {{"x", "1"}, {"y", "two words"}};
    const std::string text = compose(refer_sub_value{v, params});
    auto p = test::parse_exact(parse_refer_sub, text);
    REQUIRE(p);
    CHECK(p->value == v);
    CHECK(p->params.get("x") == "1");
    CHECK(p->params.get("y") == "\"two words\"");
  }
  // parse -> compose is a fixed point once canonical (token-valued params).
  for (std::string_view in : {"TRUE", " false ; x = 1 ;\r\n lr", "false"}) {
    auto p = test::parse_exact(parse_refer_sub, in);
    REQUIRE(p);
    std::vector<grammar::param> params;
    for (const grammar::param_view& pv : p->params) params.push_back({pv.name, pv.value, pv.has_value});
    const std::string once = compose(refer_sub_value{p->value, params});
    auto again = test::parse_exact(parse_refer_sub, once);
    REQUIRE(again);
    std::vector<grammar::param> params2;
    for (const grammar::param_view& pv : again->params) params2.push_back({pv.name, pv.value, pv.has_value});
    CHECK(compose(refer_sub_value{again->value, params2}) == once);
  }
  CHECK(compose(refer_sub_value{test::parse_exact(parse_refer_sub, "FALSE")->value}) == "false");
}

TEST_CASE("refer_sub: RFC 4488 §6, RFC 5368 §9 and RFC 8262 §3.4.3 examples") {
  for (const char* file :
       {"rfc4488/rfc4488-6-REFER-Refer-Sub-false.sip", "rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip",
        "rfc8262/rfc8262-3.4.3-REFER-sip-content-id.sip"}) {
    INFO(file);
    const std::string msg = test::read_data(file);
    const auto values = test::header_values(msg, "Refer-Sub");
    REQUIRE(values.size() == 1);
    auto p = test::parse_exact(parse_refer_sub, values[0]);
    REQUIRE(p);
    CHECK_FALSE(p->value);
    CHECK(p->params.empty());
    CHECK(compose(refer_sub_value{p->value}) == values[0]);
  }
}
