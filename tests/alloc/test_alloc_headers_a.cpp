// SPDX-License-Identifier: MIT
/// @file test_alloc_headers_a.cpp
/// Proves that the Refer-Sub, option-tag, Privacy, Event, Subscription-State and Allow-Events
/// parsers (and iterating their views) allocate nothing, and that composing them into reserved
/// storage allocates nothing either. The global operator new is replaced by a counting one
/// (alloc_main.cpp).
#include <sipref/event.hpp>
#include <sipref/option_tags.hpp>
#include <sipref/privacy.hpp>
#include <sipref/refer_sub.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <sipref/compose.hpp>

#include "alloc/alloc_counter.hpp"
#include "support/test_support.hpp"

using namespace sipref;

namespace {
// 200 option tags: far beyond any small fixed array a parser might use.
std::string many_tags() {
  std::string s;
  for (int i = 0; i < 200; ++i) s += (i ? ", tag-" : "tag-") + std::to_string(i);
  return s;
}
}  // namespace

TEST_CASE("alloc: Refer-Sub parse, parameter lookup and errors allocate nothing") {
  const test::exact_buffer ok("FALSE ;\r\n x=1; note=\"a long quoted extension parameter value\"");
  const test::exact_buffer bad("truex");
  const test::exact_buffer empty("");
  sipref_test::allocation_scope scope;
  const auto r = parse_refer_sub(ok.view());
  const bool value = r ? r->value : true;
  const std::size_t params = r ? r->params.size() : 0;
  const std::string_view x = r ? r->params.get("X") : std::string_view{};
  const auto e1 = parse_refer_sub(bad.view());
  const auto e2 = parse_refer_sub(empty.view());
  const std::size_t n = scope.count();

  REQUIRE(r.has_value());
  CHECK_FALSE(value);
  CHECK(params == 2);
  CHECK(x == "1");
  CHECK(e1.error() == error{errc::bad_refer_sub, 0});
  CHECK(e2.error() == error{errc::bad_refer_sub, 0});
  CHECK(n == 0);
}

TEST_CASE("alloc: option-tag lists of any length, merged rows and errors allocate nothing") {
  const std::string long_list = many_tags();
  const test::exact_buffer big(long_list);
  const test::exact_buffer row1("multiple-refer");
  const test::exact_buffer row2(" norefersub ,\r\n 100rel");
  const test::exact_buffer lenient(", timer,,gruu,");
  const test::exact_buffer bad("timer,,100rel");
  sipref_test::allocation_scope scope;
  const auto r = parse_supported(big.view());
  std::size_t iterated = 0;
  if (r)
    for (std::string_view t : *r) iterated += t.empty() ? 0u : 1u;
  const bool has_last = r && r->contains("TAG-199");
  const auto a = parse_require(row1.view());
  const auto b = parse_require(row2.view());
  std::size_t merged_count = 0;
  bool merged_has = false;
  if (a && b) {
    const option_tags_view rows[] = {*a, *b};
    const option_tag_rows merged(rows);
    for (std::string_view t : merged) merged_count += t.empty() ? 0u : 1u;
    merged_has = merged.contains(option_tag::norefersub);
  }
  const auto l = parse_supported(lenient.view(), list_options{true});
  const std::size_t lenient_size = l ? l->size() : 0;
  const auto e = parse_require(bad.view());
  const std::size_t n = scope.count();

  REQUIRE(r.has_value());
  CHECK(iterated == 200);
  CHECK(has_last);
  CHECK(merged_count == 3);
  CHECK(merged_has);
  CHECK(lenient_size == 2);
  CHECK(e.error() == error{errc::empty_list_item, 6});
  CHECK(n == 0);
}

TEST_CASE("alloc: Privacy parse, iteration and errors allocate nothing") {
  const test::exact_buffer ok("user;header;session;id;history;x-extension-value;critical");
  const test::exact_buffer lws("id ;\r\n user");
  const test::exact_buffer conflict("history;none");
  sipref_test::allocation_scope scope;
  const auto r = parse_privacy(ok.view());
  std::size_t values = 0;
  std::size_t extensions = 0;
  if (r) {
    for (std::string_view v : r->values()) values += v.empty() ? 0u : 1u;
    for (std::string_view v : r->extensions()) extensions += v.empty() ? 0u : 1u;
  }
  privacy_options o;
  o.allow_lws_around_semicolon = true;
  const auto l = parse_privacy(lws.view(), o);
  const auto c = parse_privacy(conflict.view());
  const std::size_t n = scope.count();

  REQUIRE(r.has_value());
  CHECK(values == 7);
  CHECK(extensions == 2);
  CHECK(r->has(privacy_flag::critical));
  REQUIRE(l.has_value());
  CHECK(l->flags() == (privacy_flag::id | privacy_flag::user));
  CHECK(c.error() == error{errc::bad_privacy, 8});
  CHECK(n == 0);
}

TEST_CASE("alloc: Event, Subscription-State and Allow-Events parsing allocate nothing") {
  const test::exact_buffer ev1("refer;id=93809824;x=\"some quoted parameter value\"");
  const test::exact_buffer ev2("refer ;\r\n ID=93809824");
  const test::exact_buffer ss("terminated;reason=noresource;retry-after=4294967295");
  const test::exact_buffer ss_bad("active;expires=4294967296");
  const test::exact_buffer ae("dialog, conference, presence.winfo, refer");
  sipref_test::allocation_scope scope;
  const auto e1 = parse_event(ev1.view());
  const auto e2 = parse_event(ev2.view());
  const bool match = e1 && e2 && event_matches(*e1, *e2);
  const auto s = parse_subscription_state(ss.view());
  const auto s_bad = parse_subscription_state(ss_bad.view());
  const auto a = parse_allow_events(ae.view());
  const bool has_refer = a && a->contains_exact("refer");
  const std::size_t types = a ? a->size() : 0;
  const std::size_t n = scope.count();

  CHECK(match);
  REQUIRE(s.has_value());
  CHECK(s->reason == event_reason::noresource);
  CHECK(*s->retry_after == 4294967295u);
  CHECK(s_bad.error() == error{errc::number_overflow, 15});
  CHECK(has_refer);
  CHECK(types == 4);
  CHECK(n == 0);
}

TEST_CASE("alloc: composing these headers into reserved storage allocates nothing") {
  const std::string_view tags[] = {option_tag::multiple_refer, option_tag::norefersub, option_tag::rel100};
  const std::string_view ext[] = {"history"};
  const std::string_view types[] = {"refer", "dialog"};
  const grammar::param params[] = {{"x", "needs quoting because of spaces"}};
  const std::string_view dup[] = {"timer", "TIMER"};
  std::string msg;
  msg.reserve(1024);

  sipref_test::allocation_scope scope;
  error e{};
  e = e ? e : append_to(msg, header_row(refer_sub_value{false, params}));
  e = e ? e : append_to(msg, header_row(require_value{tags}));
  e = e ? e : append_to(msg, header_row(supported_value{}));
  e = e ? e : append_to(msg, header_row(privacy_value{privacy_flag::id | privacy_flag::critical, ext}));
  e = e ? e : append_to(msg, header_row(event_value{"refer", "93809824"}));
  e = e ? e : append_to(msg, header_row(subscription_state_value{substate::active, event_reason::absent, 600}));
  e = e ? e : append_to(msg, header_row(allow_events_value{types}));
  const error failed = append_to(msg, header_row(supported_value{dup}));  // must leave msg unchanged
  std::array<char, 64> buf{};
  const compose_result cr = compose_to(buf.data(), buf.data() + buf.size(),
                                       subscription_state_value{substate::terminated, event_reason::noresource});
  const auto size = composed_size(require_value{tags});
  const std::size_t n = scope.count();

  CHECK_FALSE(e);
  CHECK(msg ==
        "Refer-Sub: false;x=\"needs quoting because of spaces\"\r\n"
        "Require: multiple-refer, norefersub, 100rel\r\n"
        "Supported: \r\n"
        "Privacy: id;history;critical\r\n"
        "Event: refer;id=93809824\r\n"
        "Subscription-State: active;expires=600\r\n"
        "Allow-Events: refer, dialog\r\n");
  CHECK(failed == error{errc::invalid_argument, 7});
  REQUIRE_FALSE(cr.ec);
  CHECK(std::string_view(buf.data(), static_cast<std::size_t>(cr.ptr - buf.data())) == "terminated;reason=noresource");
  CHECK(*size == 34);
  CHECK(n == 0);
}
