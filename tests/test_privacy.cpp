// SPDX-License-Identifier: MIT
/// @file test_privacy.cpp
/// Tests of privacy.hpp: Privacy parsing (RFC 3323 §4.2, RFC 3325 §9.3) in strict and lenient
/// modes, the semantic checks, composing in canonical order, round trips, PEERS.md (c) 16 and
/// the RFC 3325 §10 example messages.
#include <sipref/privacy.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <sipref/compose.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
using strings = std::vector<std::string>;
template <class Range>
strings items(const Range& r) {
  strings out;
  for (std::string_view t : r) out.emplace_back(t);
  return out;
}
result<privacy_view> strict(std::string_view in) { return parse_privacy(in); }
result<privacy_view> lws(std::string_view in) {
  privacy_options o;
  o.allow_lws_around_semicolon = true;
  return parse_privacy(in, o);
}
result<privacy_view> no_semantics(std::string_view in) {
  privacy_options o;
  o.allow_conflicting_values = true;
  return parse_privacy(in, o);
}
std::string compose(const privacy_value& v) {
  auto s = to_string(v);
  REQUIRE(s.has_value());
  return *s;
}
constexpr privacy_flag flags_of(std::string_view in) {
  const auto r = parse_privacy(in);
  return r.has_value() ? (*r).flags() : privacy_flag{};
}
constexpr privacy_flag all_known =
    privacy_flag::user | privacy_flag::header | privacy_flag::session | privacy_flag::id | privacy_flag::critical;
}  // namespace

// constexpr proofs.
static_assert(flags_of("id") == privacy_flag::id);
static_assert(flags_of("user;ID;critical") == (privacy_flag::user | privacy_flag::id | privacy_flag::critical));
static_assert(parse_privacy("none;id").error() == error{errc::bad_privacy, 5});
static_assert(has(privacy_flag::id | privacy_flag::user, privacy_flag::user));
static_assert(!has(privacy_flag::id, privacy_flag{}));
static_assert(noexcept(parse_privacy("")));

TEST_CASE("privacy: parse known values into flags, case-insensitively") {
  auto all = test::parse_exact(strict, "user;header;session;id;critical");
  REQUIRE(all);
  CHECK(all->flags() == all_known);
  CHECK(all->has(privacy_flag::session));
  CHECK_FALSE(all->has(privacy_flag::none));
  CHECK(items(all->values()) == strings{"user", "header", "session", "id", "critical"});
  CHECK(all->extensions().empty());

  auto upper = test::parse_exact(strict, "ID;Header");
  REQUIRE(upper);
  CHECK(upper->flags() == (privacy_flag::id | privacy_flag::header));
  CHECK(items(upper->values()) == strings{"ID", "Header"});

  auto none = test::parse_exact(strict, "none");
  REQUIRE(none);
  CHECK(none->flags() == privacy_flag::none);

  // Leading/trailing LWS (including a fold) is outside the value and allowed.
  auto padded = test::parse_exact(strict, "\r\n id \t");
  REQUIRE(padded);
  CHECK(padded->flags() == privacy_flag::id);
  CHECK(padded->text() == "id");

  // `critical` before other values: RFC 3323 puts it last but has no MUST, so accepted.
  auto crit_first = test::parse_exact(strict, "critical;id");
  REQUIRE(crit_first);
  CHECK(crit_first->flags() == (privacy_flag::critical | privacy_flag::id));
  auto crit_alone = test::parse_exact(strict, "critical");
  REQUIRE(crit_alone);
  CHECK(crit_alone->flags() == privacy_flag::critical);
}

TEST_CASE("privacy: extension tokens are kept and iterable") {
  auto p = test::parse_exact(strict, "id;history;x-foo%1;critical");
  REQUIRE(p);
  CHECK(p->flags() == (privacy_flag::id | privacy_flag::critical));
  CHECK(items(p->extensions()) == strings{"history", "x-foo%1"});
  CHECK(p->extensions().size() == 2);
  CHECK(p->extensions().contains("HISTORY"));
  CHECK_FALSE(p->extensions().contains("id"));
  CHECK(p->values().contains("id"));
  CHECK(p->values().size() == 4);
  CHECK(classify_priv_value("history") == privacy_flag{});
  CHECK(classify_priv_value("SESSION") == privacy_flag::session);
}

TEST_CASE("privacy: syntax errors assert code and offset") {
  test::check_error(strict, "", errc::empty_value, 0);
  test::check_error(strict, "  ", errc::empty_value, 2);
  test::check_error(strict, ";;", errc::bad_privacy, 0);
  test::check_error(strict, ";id", errc::bad_privacy, 0);
  test::check_error(strict, "id;", errc::bad_privacy, 3);
  test::check_error(strict, "id;;user", errc::bad_privacy, 3);
  test::check_error(strict, "id, user", errc::bad_privacy, 2);
  test::check_error(strict, "id,user", errc::bad_privacy, 2);
  test::check_error(strict, "id user", errc::bad_privacy, 3);
  test::check_error(strict, "id ;user", errc::bad_privacy, 2);
  test::check_error(strict, "id; user", errc::bad_privacy, 3);
  test::check_error(strict, "id;\r\n user", errc::bad_privacy, 3);
  test::check_error(strict, "\"id\"", errc::bad_privacy, 0);
  test::check_error(strict, "id=1", errc::bad_privacy, 2);
  test::check_error(strict, "id\r\nX: y", errc::bad_privacy, 2);
  test::check_error(strict, std::string_view("id\0", 3), errc::bad_privacy, 2);
  test::check_error(strict, "caf\xc3\xa9", errc::bad_privacy, 3);
}

TEST_CASE("privacy: semantic errors point at the value completing the conflict") {
  test::check_error(strict, "none;id", errc::bad_privacy, 5);
  test::check_error(strict, "id;none", errc::bad_privacy, 3);
  test::check_error(strict, "user;header;none", errc::bad_privacy, 12);
  test::check_error(strict, "none;none", errc::bad_privacy, 5);
  test::check_error(strict, "none;critical", errc::bad_privacy, 5);
  test::check_error(strict, "none;history", errc::bad_privacy, 5);
  test::check_error(strict, "history;none", errc::bad_privacy, 8);
  test::check_error(strict, "id;ID", errc::bad_privacy, 3);
  test::check_error(strict, "critical;user;critical", errc::bad_privacy, 14);
  test::check_error(strict, "history;HISTORY", errc::bad_privacy, 8);
  test::check_error(strict, "a;b;a", errc::bad_privacy, 4);
  // The semantic checks can be left to the caller.
  auto p = test::parse_exact(no_semantics, "none;id;id;x;X");
  REQUIRE(p);
  CHECK(p->flags() == (privacy_flag::none | privacy_flag::id));
  CHECK(items(p->extensions()) == strings{"x", "X"});
  // ... but never the syntax.
  test::check_error(no_semantics, "id, none", errc::bad_privacy, 2);
}

TEST_CASE("privacy: the value count is bounded by max_values") {
  std::string in;
  for (int i = 0; i < 64; ++i) in += (i ? ";v" : "v") + std::to_string(i);
  auto ok = test::parse_exact(strict, in);
  REQUIRE(ok);
  CHECK(ok->extensions().size() == 64);
  const std::size_t last = in.size() + 1;
  in += ";v64";
  test::check_error(strict, in, errc::limit_exceeded, last);
  privacy_options o;
  o.max_values = 2;
  test::check_error([&o](std::string_view v) { return parse_privacy(v, o); }, "id;user;header", errc::limit_exceeded,
                    8);
}

TEST_CASE("privacy: lenient LWS around the semicolon") {
  for (std::string_view in : {"id ; user", "id ;user", "id; user", "id;\r\n user", "id\r\n ;\r\n\tuser"}) {
    INFO("input: ", std::string(in));
    auto p = test::parse_exact(lws, in);
    REQUIRE(p);
    CHECK(p->flags() == (privacy_flag::id | privacy_flag::user));
    CHECK(items(p->values()) == strings{"id", "user"});
  }
  auto ext = test::parse_exact(lws, "history ; id ; foo");
  REQUIRE(ext);
  CHECK(items(ext->extensions()) == strings{"history", "foo"});
  // Leniency is about LWS only.
  test::check_error(lws, "id , user", errc::bad_privacy, 3);
  test::check_error(lws, "id user", errc::bad_privacy, 3);
  test::check_error(lws, "id ; ", errc::bad_privacy, 5);
  test::check_error(lws, "id ; none", errc::bad_privacy, 5);
  test::check_error(lws, "id ; ; user", errc::bad_privacy, 5);
}

TEST_CASE("privacy: PEERS (c)16 id;user, id, user, id user, history;foo and ;;") {
  auto ok = test::parse_exact(strict, "id;user");
  REQUIRE(ok);
  CHECK(ok->flags() == (privacy_flag::id | privacy_flag::user));
  // A comma is not the separator (Metaswitch sprout split on it).
  test::check_error(strict, "id, user", errc::bad_privacy, 2);
  test::check_error(strict, "id user", errc::bad_privacy, 3);
  // Unknown tokens are extension values, kept in order.
  auto ext = test::parse_exact(strict, "history;foo");
  REQUIRE(ext);
  CHECK(ext->flags() == privacy_flag{});
  CHECK(items(ext->extensions()) == strings{"history", "foo"});
  test::check_error(strict, ";;", errc::bad_privacy, 0);
}

TEST_CASE("privacy: compose in canonical order") {
  CHECK(compose(privacy_value{privacy_flag::id}) == "id");
  CHECK(compose(privacy_value{privacy_flag::critical | privacy_flag::id | privacy_flag::session | privacy_flag::header |
                              privacy_flag::user}) == "user;header;session;id;critical");
  CHECK(compose(privacy_value{privacy_flag::none}) == "none");
  CHECK(compose(privacy_value{privacy_flag::critical}) == "critical");
  const std::string_view ext[] = {"history", "x-foo"};
  CHECK(compose(privacy_value{privacy_flag::user | privacy_flag::critical, ext}) == "user;history;x-foo;critical");
  CHECK(compose(privacy_value{privacy_flag{}, ext}) == "history;x-foo");
  std::string row;
  REQUIRE_FALSE(append_to(row, header_row(privacy_value{privacy_flag::id})));
  CHECK(row == "Privacy: id\r\n");
  CHECK(*composed_size(privacy_value{privacy_flag::id | privacy_flag::critical}) == 11);
}

TEST_CASE("privacy: compose errors") {
  CHECK(to_string(privacy_value{}).error() == error{errc::empty_value, 0});
  CHECK(to_string(privacy_value{privacy_flag::none | privacy_flag::id}).error() == error{errc::bad_privacy, 0});
  CHECK(to_string(privacy_value{privacy_flag::none | privacy_flag::critical}).error() == error{errc::bad_privacy, 0});
  const std::string_view history[] = {"history"};
  CHECK(to_string(privacy_value{privacy_flag::none, history}).error() == error{errc::bad_privacy, 0});
  CHECK(to_string(privacy_value{static_cast<privacy_flag>(0x40)}).error() == error{errc::invalid_argument, 0});
  // Extension errors point into the composed value ("user;" precedes them here).
  const std::string_view space[] = {"his tory"};
  CHECK(to_string(privacy_value{privacy_flag::user, space}).error() == error{errc::invalid_argument, 8});
  const std::string_view semi[] = {"a;b"};
  CHECK(to_string(privacy_value{privacy_flag::user, semi}).error() == error{errc::invalid_argument, 6});
  const std::string_view empty[] = {"history", ""};
  CHECK(to_string(privacy_value{privacy_flag::user, empty}).error() == error{errc::invalid_argument, 13});
  const std::string_view known[] = {"ID"};
  CHECK(to_string(privacy_value{privacy_flag::user, known}).error() == error{errc::invalid_argument, 5});
  const std::string_view dup[] = {"history", "History"};
  CHECK(to_string(privacy_value{privacy_flag{}, dup}).error() == error{errc::invalid_argument, 8});
  const std::string_view crlf[] = {"x\r\nVia: y"};
  CHECK(to_string(privacy_value{privacy_flag{}, crlf}).error() == error{errc::invalid_argument, 1});
}

TEST_CASE("privacy: round trips") {
  // compose -> parse gives the same values.
  const std::string_view ext[] = {"history"};
  const privacy_value v{privacy_flag::user | privacy_flag::id | privacy_flag::critical, ext};
  auto p = test::parse_exact(strict, compose(v));
  REQUIRE(p);
  CHECK(p->flags() == v.values);
  CHECK(items(p->extensions()) == strings{"history"});
  // parse -> compose is a fixed point (and puts critical last).
  for (std::string_view in : {"critical;id", "ID;history;user", "none", " session "}) {
    INFO("input: ", std::string(in));
    auto first = test::parse_exact(strict, in);
    REQUIRE(first);
    std::vector<std::string_view> e1(first->extensions().begin(), first->extensions().end());
    const std::string once = compose(privacy_value{first->flags(), e1});
    auto second = test::parse_exact(strict, once);
    REQUIRE(second);
    std::vector<std::string_view> e2(second->extensions().begin(), second->extensions().end());
    CHECK(compose(privacy_value{second->flags(), e2}) == once);
    CHECK(second->flags() == first->flags());
  }
  CHECK(compose(privacy_value{test::parse_exact(strict, "critical;id")->flags()}) == "id;critical");
}

TEST_CASE("privacy: RFC 3325 §10 example messages carry Privacy: id") {
  const char* files[] = {"rfc3325/rfc3325-10.1-F1.partial.sip", "rfc3325/rfc3325-10.1-F3.partial.sip",
                         "rfc3325/rfc3325-10.1-F4.partial.sip", "rfc3325/rfc3325-10.1-F5.partial.sip",
                         "rfc3325/rfc3325-10.2-F1.partial.sip", "rfc3325/rfc3325-10.2-F3.partial.sip",
                         "rfc3325/rfc3325-10.2-F4.partial.sip", "rfc3325/rfc3325-10.2-F5.partial.sip",
                         "rfc3325/rfc3325-10.2-F6.partial.sip"};
  for (const char* file : files) {
    INFO(file);
    const auto values = test::header_values(test::read_data(file), "Privacy");
    REQUIRE(values.size() == 1);
    auto p = test::parse_exact(strict, values[0]);
    REQUIRE(p);
    CHECK(p->flags() == privacy_flag::id);
    CHECK(compose(privacy_value{p->flags()}) == values[0]);
  }
}
