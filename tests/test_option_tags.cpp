// SPDX-License-Identifier: MIT
/// @file test_option_tags.cpp
/// Tests of option_tags.hpp: Require / Supported / Unsupported / Proxy-Require values
/// (RFC 3261 §20.32, §20.37, §20.40, §20.29), row merging (§7.3.1), composing, round trips,
/// PEERS.md (c) 15 and the RFC example messages that carry these headers.
#include <sipref/option_tags.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <sipref/compose.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
template <class View>
std::vector<std::string> items(const View& v) {
  std::vector<std::string> out;
  for (std::string_view t : v) out.emplace_back(t);
  return out;
}
using strings = std::vector<std::string>;

result<option_tags_view> require_lenient(std::string_view in) { return parse_require(in, list_options{true}); }
result<option_tags_view> supported_lenient(std::string_view in) { return parse_supported(in, list_options{true}); }

template <class Value>
std::string compose(const Value& v) {
  auto s = to_string(v);
  REQUIRE(s.has_value());
  return *s;
}

constexpr std::size_t count_tags(std::string_view in) {
  const auto r = parse_require(in);
  return r.has_value() ? (*r).size() : 0;
}
}  // namespace

// constexpr proofs.
static_assert(count_tags("multiple-refer, norefersub") == 2);
static_assert(parse_require("a ,\r\n b").has_value());
static_assert((*parse_supported("timer, 100rel")).contains("TIMER"));
static_assert(parse_require("timer,").error() == error{errc::empty_list_item, 6});
static_assert(noexcept(parse_require("")));

TEST_CASE("option_tags: the named constants are registered tokens") {
  for (std::string_view t :
       {option_tag::multiple_refer, option_tag::norefersub, option_tag::replaces, option_tag::explicitsub,
        option_tag::nosub, option_tag::recipient_list_invite, option_tag::recipient_list_message, option_tag::privacy,
        option_tag::rel100, option_tag::timer, option_tag::gruu}) {
    CHECK(grammar::is_token(t));
  }
  CHECK(option_tag::rel100 == "100rel");
  CHECK(option_tag::multiple_refer == "multiple-refer");
}

TEST_CASE("option_tags: parse lists with LWS, folds and any case") {
  auto r =
      test::parse_exact([](std::string_view in) { return parse_require(in); }, " multiple-refer ,\r\n\tNoReferSub ");
  REQUIRE(r);
  CHECK(items(*r) == strings{"multiple-refer", "NoReferSub"});
  CHECK(r->size() == 2);
  CHECK(r->contains("norefersub"));
  CHECK(r->contains(option_tag::multiple_refer));
  CHECK_FALSE(r->contains("norefer"));
  CHECK_FALSE(r->contains_exact("norefersub"));
  CHECK(r->contains_exact("NoReferSub"));
  CHECK(r->text() == "multiple-refer ,\r\n\tNoReferSub");

  auto one = test::parse_exact([](std::string_view in) { return parse_unsupported(in); }, "100rel");
  REQUIRE(one);
  CHECK(items(*one) == strings{"100rel"});
  auto pr = test::parse_exact([](std::string_view in) { return parse_proxy_require(in); }, "privacy");
  REQUIRE(pr);
  CHECK(pr->contains(option_tag::privacy));
  // Duplicates are accepted when parsing (merged rows can produce them).
  auto dup = test::parse_exact([](std::string_view in) { return parse_require(in); }, "timer, timer");
  REQUIRE(dup);
  CHECK(dup->size() == 2);
  // '%' and other token characters are literal.
  auto odd = test::parse_exact([](std::string_view in) { return parse_require(in); }, "x-a%41.b!*_+`'~");
  REQUIRE(odd);
  CHECK(items(*odd) == strings{"x-a%41.b!*_+`'~"});
}

TEST_CASE("option_tags: Supported may be empty, the others may not") {
  for (std::string_view in : {"", "  ", "\r\n "}) {
    auto s = test::parse_exact([](std::string_view v) { return parse_supported(v); }, in);
    REQUIRE(s);
    CHECK(s->empty());
    CHECK(s->size() == 0);
    CHECK_FALSE(s->contains("timer"));
  }
  test::check_error([](std::string_view v) { return parse_require(v); }, "", errc::empty_value, 0);
  test::check_error([](std::string_view v) { return parse_require(v); }, "   ", errc::empty_value, 3);
  test::check_error([](std::string_view v) { return parse_unsupported(v); }, "", errc::empty_value, 0);
  test::check_error([](std::string_view v) { return parse_proxy_require(v); }, "\t", errc::empty_value, 1);
}

TEST_CASE("option_tags: negative cases assert code and offset") {
  auto req = [](std::string_view v) { return parse_require(v); };
  auto sup = [](std::string_view v) { return parse_supported(v); };
  test::check_error(req, ", timer", errc::empty_list_item, 0);
  test::check_error(sup, ", timer", errc::empty_list_item, 0);
  test::check_error(req, "timer,,100rel", errc::empty_list_item, 6);
  test::check_error(req, "timer, ,100rel", errc::empty_list_item, 7);
  test::check_error(req, "timer,", errc::empty_list_item, 6);
  test::check_error(req, "timer, ", errc::empty_list_item, 7);
  test::check_error(sup, ",", errc::empty_list_item, 0);
  test::check_error(req, "timer 100rel", errc::trailing_garbage, 6);
  test::check_error(req, "timer;x=1", errc::trailing_garbage, 5);
  test::check_error(req, "ti@mer", errc::trailing_garbage, 2);
  test::check_error(req, "timer\r\n100rel", errc::trailing_garbage, 5);  // CRLF without WSP ends the row
  test::check_error(req, std::string_view("timer\0", 6), errc::trailing_garbage, 5);
  test::check_error(req, "@timer", errc::bad_token, 0);
  test::check_error(req, "timer, @", errc::bad_token, 7);
  test::check_error(req, "\"timer\"", errc::bad_token, 0);
  test::check_error(sup, "timer, \xc3\xa9", errc::bad_token, 7);
}

TEST_CASE("option_tags: lenient mode skips empty items") {
  auto a = test::parse_exact(require_lenient, ", timer");
  REQUIRE(a);
  CHECK(items(*a) == strings{"timer"});
  auto b = test::parse_exact(require_lenient, "timer,,100rel");
  REQUIRE(b);
  CHECK(items(*b) == strings{"timer", "100rel"});
  auto c = test::parse_exact(require_lenient, "timer,");
  REQUIRE(c);
  CHECK(items(*c) == strings{"timer"});
  auto d = test::parse_exact(require_lenient, " , timer , , 100rel , ");
  REQUIRE(d);
  CHECK(items(*d) == strings{"timer", "100rel"});
  CHECK(d->size() == 2);
  auto e = test::parse_exact(supported_lenient, ", ,");
  REQUIRE(e);
  CHECK(e->empty());
  // Leniency covers empty items only: a list with no tag at all is still not a Require.
  test::check_error(require_lenient, ", ,", errc::empty_value, 3);
  test::check_error(require_lenient, "timer,, @", errc::bad_token, 8);
  test::check_error(require_lenient, "timer 100rel", errc::trailing_garbage, 6);
}

TEST_CASE("option_tags: no fixed cap on the number of tags") {
  std::string many;
  for (int i = 0; i < 1000; ++i) many += (i ? ", tag" : "tag") + std::to_string(i);
  auto r = test::parse_exact([](std::string_view v) { return parse_supported(v); }, many);
  REQUIRE(r);
  CHECK(r->size() == 1000);
  CHECK(r->contains("TAG999"));
  CHECK(r->contains("tag0"));
  std::size_t n = 0;
  for (std::string_view t : *r) CHECK(t == "tag" + std::to_string(n++));
  CHECK(n == 1000);
}

TEST_CASE("option_tags: repeated rows merge into one list") {
  auto a = test::parse_exact([](std::string_view v) { return parse_require(v); }, "multiple-refer");
  auto b = test::parse_exact([](std::string_view v) { return parse_require(v); }, "norefersub, Timer");
  REQUIRE(a);
  REQUIRE(b);
  const option_tags_view rows[] = {*a, *b};
  const option_tag_rows merged(rows);
  CHECK(items(merged) == strings{"multiple-refer", "norefersub", "Timer"});
  CHECK(merged.size() == 3);
  CHECK(merged.row_count() == 2);
  CHECK(merged.contains("NOREFERSUB"));
  CHECK(merged.contains("timer"));
  CHECK_FALSE(merged.contains_exact("timer"));
  CHECK_FALSE(merged.contains("100rel"));

  // Empty Supported rows in between contribute nothing and do not stop the iteration.
  auto e1 = test::parse_exact([](std::string_view v) { return parse_supported(v); }, "");
  auto s2 = test::parse_exact([](std::string_view v) { return parse_supported(v); }, "timer");
  auto e3 = test::parse_exact([](std::string_view v) { return parse_supported(v); }, " ");
  REQUIRE(e1);
  REQUIRE(s2);
  REQUIRE(e3);
  const option_tags_view sup_rows[] = {*e1, *e1, *s2, *e3};
  const option_tag_rows sup(sup_rows);
  CHECK(items(sup) == strings{"timer"});
  const option_tags_view only_empty[] = {*e1, *e3};
  CHECK(option_tag_rows(only_empty).empty());
  CHECK(option_tag_rows().empty());
  CHECK(option_tag_rows(rows, 0).size() == 0);
}

TEST_CASE("option_tags: PEERS (c)15 merged rows, empty items, 64+ tags, Supported: ti at end") {
  // `Require: multiple-refer, norefersub` and two Require rows are the same list.
  auto joined = test::parse_exact([](std::string_view v) { return parse_require(v); }, "multiple-refer, norefersub");
  auto r1 = test::parse_exact([](std::string_view v) { return parse_require(v); }, "multiple-refer");
  auto r2 = test::parse_exact([](std::string_view v) { return parse_require(v); }, "norefersub");
  REQUIRE(joined);
  REQUIRE(r1);
  REQUIRE(r2);
  const option_tags_view rows[] = {*r1, *r2};
  CHECK(items(option_tag_rows(rows)) == items(*joined));

  // Empty elements: strict errors at the empty item, lenient skips them.
  auto sup = [](std::string_view v) { return parse_supported(v); };
  test::check_error(sup, ", timer", errc::empty_list_item, 0);
  test::check_error(sup, "timer,,100rel", errc::empty_list_item, 6);
  test::check_error(sup, "timer,", errc::empty_list_item, 6);
  CHECK(items(*test::parse_exact(supported_lenient, ", timer")) == strings{"timer"});
  CHECK(items(*test::parse_exact(supported_lenient, "timer,,100rel")) == strings{"timer", "100rel"});
  CHECK(items(*test::parse_exact(supported_lenient, "timer,")) == strings{"timer"});

  // More than 32 (PJSIP's cap) and 64 values: all kept.
  std::string many;
  for (int i = 0; i < 70; ++i) many += (i ? "," : "") + std::string("t") + std::to_string(i);
  auto big = test::parse_exact(sup, many);
  REQUIRE(big);
  CHECK(big->size() == 70);
  CHECK(big->contains("t69"));

  // Kamailio read past the end on `Supported: ti` ending exactly at the buffer end; the exact
  // heap copy lets ASan see any over-read.
  auto ti = test::parse_exact(sup, "ti");
  REQUIRE(ti);
  CHECK(items(*ti) == strings{"ti"});
  auto t = test::parse_exact(sup, "t");
  REQUIRE(t);
  CHECK(items(*t) == strings{"t"});
  test::check_error(sup, "ti,", errc::empty_list_item, 3);
  test::check_error(sup, "ti\r", errc::trailing_garbage, 2);
  test::check_error(sup, "ti\r\n", errc::trailing_garbage, 2);
}

TEST_CASE("option_tags: compose joins validated tags with \", \"") {
  const std::string_view tags[] = {option_tag::multiple_refer, option_tag::norefersub};
  CHECK(compose(require_value{tags}) == "multiple-refer, norefersub");
  std::string row;
  REQUIRE_FALSE(append_to(row, header_row(require_value{tags})));
  CHECK(row == "Require: multiple-refer, norefersub\r\n");
  row.clear();
  REQUIRE_FALSE(append_to(row, header_row(proxy_require_value{tags})));
  CHECK(row == "Proxy-Require: multiple-refer, norefersub\r\n");
  const std::string_view one[] = {option_tag::rel100};
  CHECK(compose(unsupported_value{one}) == "100rel");
  CHECK(*composed_size(require_value{tags}) == 26);
  // Runtime containers work too.
  const std::vector<std::string_view> vec = {"timer", "gruu"};
  CHECK(compose(supported_value{vec}) == "timer, gruu");

  // Empty Supported = "no extensions"; the others need a tag.
  CHECK(compose(supported_value{}) == "");
  row.clear();
  REQUIRE_FALSE(append_to(row, header_row(supported_value{})));
  CHECK(row == "Supported: \r\n");
  CHECK(to_string(require_value{}).error() == error{errc::empty_value, 0});
  CHECK(to_string(unsupported_value{}).error() == error{errc::empty_value, 0});
  CHECK(to_string(proxy_require_value{}).error() == error{errc::empty_value, 0});
}

TEST_CASE("option_tags: compose errors point into the composed value") {
  // Offsets are positions in "tag0, tag1, ..." as the composer would write it.
  const std::string_view space[] = {"timer", "ti mer"};
  CHECK(to_string(require_value{space}).error() == error{errc::invalid_argument, 9});
  const std::string_view empty[] = {"timer", ""};
  CHECK(to_string(require_value{empty}).error() == error{errc::invalid_argument, 7});
  const std::string_view dup[] = {"timer", "100rel", "TIMER"};
  CHECK(to_string(supported_value{dup}).error() == error{errc::invalid_argument, 15});
  const std::string_view crlf[] = {"a\r\nVia: x"};
  CHECK(to_string(require_value{crlf}).error() == error{errc::invalid_argument, 1});
  const std::string_view comma[] = {"a,b"};
  CHECK(to_string(require_value{comma}).error() == error{errc::invalid_argument, 1});
  const std::string_view nul[] = {std::string_view("a\0", 2)};
  CHECK(to_string(require_value{nul}).error() == error{errc::invalid_argument, 1});
  // A failed append leaves the string as it was.
  std::string out = "keep";
  CHECK(append_to(out, require_value{dup}) == error{errc::invalid_argument, 15});
  CHECK(out == "keep");
}

TEST_CASE("option_tags: round trips") {
  // compose -> parse gives the same tags.
  const std::string_view tags[] = {"multiple-refer", "norefersub", "100rel", "x.y%z"};
  const std::string text = compose(require_value{tags});
  auto p = test::parse_exact([](std::string_view v) { return parse_require(v); }, text);
  REQUIRE(p);
  CHECK(items(*p) == strings{"multiple-refer", "norefersub", "100rel", "x.y%z"});
  // parse -> compose is a fixed point.
  auto messy = test::parse_exact([](std::string_view v) { return parse_supported(v); }, "  timer ,\r\n 100rel,gruu ");
  REQUIRE(messy);
  std::vector<std::string_view> collected(messy->begin(), messy->end());
  const std::string once = compose(supported_value{collected});
  CHECK(once == "timer, 100rel, gruu");
  auto again = test::parse_exact([](std::string_view v) { return parse_supported(v); }, once);
  REQUIRE(again);
  std::vector<std::string_view> collected2(again->begin(), again->end());
  CHECK(compose(supported_value{collected2}) == once);
}

TEST_CASE("option_tags: RFC example messages") {
  struct row {
    const char* file;
    const char* header;
    strings tags;
  };
  const row rows[] = {
      {"rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip", "Require", {"multiple-refer", "norefersub"}},
      {"rfc8262/rfc8262-3.4.3-REFER-sip-content-id.sip", "Require", {"multiple-refer", "norefersub"}},
      {"rfc4488/rfc4488-6-REFER-Refer-Sub-false.sip", "Supported", {"norefersub"}},
      {"rfc4579/rfc4579-5.7-F5-REFER-focus-to-participant.sip", "Supported", {"join", "gruu", "replaces"}},
      {"rfc4579/rfc4579-5.5-F1-REFER-add-participant.sip", "Supported", {"replaces"}},
      {"rfc5366/rfc5366-6-fig3-F1-INVITE-recipient-list.sip", "Require", {"recipient-list-invite"}},
      {"rfc5365/rfc5365-9-fig2-F1-MESSAGE-recipient-list.sip", "Require", {"recipient-list-message"}},
      // RFC 4475 §3.3.5 bext01: unknown tags are valid syntax (the UAS answers 420).
      {"rfc4475/bext01.dat", "Require", {"nothingSupportsThis", "nothingSupportsThisEither"}},
      {"rfc4475/bext01.dat", "Proxy-Require", {"noProxiesSupportThis", "norDoAnyProxiesSupportThis"}},
  };
  for (const row& r : rows) {
    INFO(r.file, " ", r.header);
    const std::string msg = test::read_data(r.file);
    const auto values = test::header_values(msg, r.header);
    REQUIRE(values.size() == 1);
    auto p = test::parse_exact([](std::string_view v) { return parse_supported(v); }, values[0]);
    REQUIRE(p);
    CHECK(items(*p) == r.tags);
    std::vector<std::string_view> collected(p->begin(), p->end());
    CHECK(compose(supported_value{collected}) == values[0]);
  }
}
