// SPDX-License-Identifier: MIT
/// @file test_event.cpp
/// Tests of event.hpp: Event, Subscription-State and Allow-Events (RFC 6665 §8.4, RFC 3515
/// §3): parsing, matching, composing, round trips and the RFC 3515 / RFC 5366 / RFC 5368
/// example messages.
#include <sipref/event.hpp>

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
template <class Value>
std::string compose(const Value& v) {
  auto s = to_string(v);
  REQUIRE(s.has_value());
  return *s;
}
result<event_view> event(std::string_view in) { return parse_event(in); }
result<subscription_state_view> substate_of(std::string_view in) { return parse_subscription_state(in); }
result<allow_events_view> allow(std::string_view in) { return parse_allow_events(in); }
result<allow_events_view> allow_lenient(std::string_view in) {
  return parse_allow_events(in, grammar::list_options{true});
}

constexpr bool matches(std::string_view a, std::string_view b) {
  const auto x = parse_event(a);
  const auto y = parse_event(b);
  return x.has_value() && y.has_value() && event_matches(*x, *y);
}
constexpr std::uint32_t expires_of(std::string_view in) {
  const auto r = parse_subscription_state(in);
  return r.has_value() && (*r).expires ? *(*r).expires : 0;
}
}  // namespace

// constexpr proofs.
static_assert(matches("refer;id=93809824", "refer ; ID=93809824;x=1"));
static_assert(!matches("refer;id=5", "refer"));
static_assert(expires_of("active;expires=600") == 600);
static_assert((*parse_subscription_state("terminated;reason=noresource")).reason == event_reason::noresource);
static_assert((*parse_allow_events("dialog, conference")).size() == 2);
static_assert(parse_event("refer.").error() == error{errc::bad_event, 6});
static_assert(noexcept(parse_event("")) && noexcept(parse_subscription_state("")) && noexcept(parse_allow_events("")));

// ------------------------------------------------------------------------------------------
// Event
// ------------------------------------------------------------------------------------------

TEST_CASE("event: parse event types, id and parameters") {
  auto e = test::parse_exact(event, "refer;id=93809824");
  REQUIRE(e);
  CHECK(e->type == "refer");
  CHECK(e->package() == "refer");
  CHECK(e->templates().empty());
  CHECK(e->has_id);
  CHECK(e->id == "93809824");

  auto t = test::parse_exact(event, "presence.winfo.x-y");
  REQUIRE(t);
  CHECK(t->type == "presence.winfo.x-y");
  CHECK(t->package() == "presence");
  CHECK(t->templates() == "winfo.x-y");
  CHECK_FALSE(t->has_id);
  CHECK(t->id.empty());

  auto lws = test::parse_exact(event, " Refer ;\r\n ID = 7 ; foo=\"bar;baz\";flag ");
  REQUIRE(lws);
  CHECK(lws->type == "Refer");  // kept as written: event types match byte-wise
  CHECK(lws->id == "7");
  CHECK(lws->params.size() == 3);
  CHECK(lws->params.get("foo") == "\"bar;baz\"");

  auto chars = test::parse_exact(event, "a-b!c%d*e_f+g`h'i~j.k");
  REQUIRE(chars);
  CHECK(chars->package() == "a-b!c%d*e_f+g`h'i~j");
}

TEST_CASE("event: negative cases assert code and offset") {
  test::check_error(event, "", errc::bad_event, 0);
  test::check_error(event, "  ", errc::bad_event, 2);
  test::check_error(event, "@refer", errc::bad_event, 0);
  test::check_error(event, ";id=1", errc::bad_event, 0);
  test::check_error(event, ".refer", errc::bad_event, 0);
  test::check_error(event, "refer.", errc::bad_event, 6);
  test::check_error(event, "refer..x", errc::bad_event, 6);
  test::check_error(event, "refer;id", errc::bad_event, 8);
  test::check_error(event, "refer;id=\"5\"", errc::bad_event, 9);
  test::check_error(event, "refer;id=[2001:db8::1]", errc::bad_event, 9);
  test::check_error(event, "refer;id=", errc::bad_param, 9);
  test::check_error(event, "refer;id=1;ID=2", errc::duplicate_param, 11);
  test::check_error(event, "refer;", errc::bad_param, 6);
  test::check_error(event, "refer, dialog", errc::multiple_values, 5);
  test::check_error(event, "refer x", errc::trailing_garbage, 6);
  test::check_error(event, "refer/x", errc::trailing_garbage, 5);
  test::check_error(event, "refer\r\nX", errc::trailing_garbage, 5);
}

TEST_CASE("event: matching compares event-type and id byte-wise (RFC 6665 §8.2.1)") {
  CHECK(matches("refer", "refer"));
  CHECK(matches("refer;id=5", "refer;ID=5"));      // the parameter name is case-insensitive
  CHECK(matches("refer;id=5;x=1", "refer;id=5"));  // other parameters are ignored
  CHECK(matches("refer ;\r\n id=5", "refer;id=5"));
  CHECK_FALSE(matches("refer;id=5", "refer"));
  CHECK_FALSE(matches("refer", "refer;id=5"));
  CHECK_FALSE(matches("refer;id=5", "refer;id=05"));
  CHECK_FALSE(matches("refer;id=a", "refer;id=A"));
  CHECK_FALSE(matches("Refer", "refer"));
  CHECK_FALSE(matches("presence", "presence.winfo"));
}

TEST_CASE("event: compose type, id and parameters") {
  CHECK(compose(event_value{}) == "refer");
  CHECK(compose(event_value{"refer", "93809824"}) == "refer;id=93809824");
  std::string row;
  REQUIRE_FALSE(append_to(row, header_row(event_value{"refer", "93809824"})));
  CHECK(row == "Event: refer;id=93809824\r\n");
  const grammar::param params[] = {{"x", "1"}, {"note", "a b"}};
  CHECK(compose(event_value{"presence.winfo", {}, params}) == "presence.winfo;x=1;note=\"a b\"");

  CHECK(to_string(event_value{""}).error() == error{errc::invalid_argument, 0});
  CHECK(to_string(event_value{"refer."}).error() == error{errc::invalid_argument, 6});
  CHECK(to_string(event_value{"re fer"}).error() == error{errc::invalid_argument, 2});
  CHECK(to_string(event_value{"refer\r\nVia: x"}).error() == error{errc::invalid_argument, 5});
  CHECK(to_string(event_value{"refer", "1 2"}).error() == error{errc::invalid_argument, 1});
  CHECK(to_string(event_value{"refer", "1\r\n"}).error() == error{errc::invalid_argument, 1});
  const grammar::param with_id[] = {{"ID", "5"}};
  CHECK(to_string(event_value{"refer", {}, with_id}).error() == error{errc::invalid_argument, 0});
  const grammar::param crlf[] = {{"x", "a\r\nVia: y"}};
  CHECK(to_string(event_value{"refer", {}, crlf}).error() == error{errc::control_char, 1});
}

TEST_CASE("event: round trips") {
  for (std::string_view in : {"refer", " refer ; id = 93809824 ", "presence.winfo;x=1;lr"}) {
    INFO("input: ", std::string(in));
    auto p = test::parse_exact(event, in);
    REQUIRE(p);
    std::vector<grammar::param> others;
    for (const grammar::param_view& pv : p->params)
      if (!grammar::iequals(pv.name, "id")) others.push_back({pv.name, pv.value, pv.has_value});
    const std::string once = compose(event_value{p->type, p->has_id ? p->id : std::string_view{}, others});
    auto again = test::parse_exact(event, once);
    REQUIRE(again);
    CHECK(event_matches(*p, *again));
    CHECK(again->params.size() == p->params.size());
    std::vector<grammar::param> others2;
    for (const grammar::param_view& pv : again->params)
      if (!grammar::iequals(pv.name, "id")) others2.push_back({pv.name, pv.value, pv.has_value});
    CHECK(compose(event_value{again->type, again->has_id ? again->id : std::string_view{}, others2}) == once);
  }
}

// ------------------------------------------------------------------------------------------
// Subscription-State
// ------------------------------------------------------------------------------------------

TEST_CASE("subscription_state: parse states, reasons and delta-seconds") {
  auto a = test::parse_exact(substate_of, "active;expires=600");
  REQUIRE(a);
  CHECK(a->state == substate::active);
  CHECK(a->state_raw == "active");
  REQUIRE(a->expires);
  CHECK(*a->expires == 600u);
  CHECK_FALSE(a->retry_after);
  CHECK(a->reason == event_reason::absent);
  CHECK(a->reason_raw.empty());

  auto t = test::parse_exact(substate_of, "TERMINATED ; Reason = Probation ;\r\n retry-after=30;x=\"y\"");
  REQUIRE(t);
  CHECK(t->state == substate::terminated);
  CHECK(t->reason == event_reason::probation);
  CHECK(t->reason_raw == "Probation");
  REQUIRE(t->retry_after);
  CHECK(*t->retry_after == 30u);
  CHECK_FALSE(t->expires);
  CHECK(t->params.get("x") == "\"y\"");

  auto p = test::parse_exact(substate_of, "pending;expires=0");
  REQUIRE(p);
  CHECK(p->state == substate::pending);
  CHECK(*p->expires == 0u);

  auto ext = test::parse_exact(substate_of, "waiting;reason=gone");
  REQUIRE(ext);
  CHECK(ext->state == substate::extension);
  CHECK(ext->state_raw == "waiting");
  CHECK(ext->reason == event_reason::extension);
  CHECK(ext->reason_raw == "gone");

  auto max = test::parse_exact(substate_of, "active;expires=4294967295;retry-after=00060");
  REQUIRE(max);
  CHECK(*max->expires == 4294967295u);
  CHECK(*max->retry_after == 60u);

  const std::pair<std::string_view, event_reason> reasons[] = {
      {"deactivated", event_reason::deactivated}, {"probation", event_reason::probation},
      {"rejected", event_reason::rejected},       {"timeout", event_reason::timeout},
      {"giveup", event_reason::giveup},           {"noresource", event_reason::noresource},
      {"invariant", event_reason::invariant}};
  for (const auto& [name, reason] : reasons) {
    CHECK(classify_event_reason(name) == reason);
    CHECK(to_string(reason) == name);
    auto r = test::parse_exact(substate_of, "terminated;reason=" + std::string(name));
    REQUIRE(r);
    CHECK(r->reason == reason);
  }
  CHECK(to_string(event_reason::absent).empty());
  CHECK(to_string(substate::extension).empty());
}

TEST_CASE("subscription_state: negative cases assert code and offset") {
  test::check_error(substate_of, "", errc::bad_substate, 0);
  test::check_error(substate_of, " ;expires=1", errc::bad_substate, 1);
  test::check_error(substate_of, "\"active\"", errc::bad_substate, 0);
  test::check_error(substate_of, "active;expires=4294967296", errc::number_overflow, 15);
  test::check_error(substate_of, "active;retry-after=99999999999999999999999", errc::number_overflow, 19);
  test::check_error(substate_of, "active;expires=abc", errc::bad_number, 15);
  test::check_error(substate_of, "active;expires=10abc", errc::bad_number, 17);
  test::check_error(substate_of, "active;expires=-1", errc::bad_number, 15);
  test::check_error(substate_of, "active;expires", errc::bad_number, 14);
  test::check_error(substate_of, "active;expires=\"5\"", errc::bad_number, 15);
  test::check_error(substate_of, "active;EXPIRES = x", errc::bad_number, 17);
  test::check_error(substate_of, "terminated;reason", errc::bad_substate, 17);
  test::check_error(substate_of, "terminated;reason=\"timeout\"", errc::bad_substate, 18);
  test::check_error(substate_of, "active;expires=(depends on Refer-To URI)", errc::bad_param, 15);
  test::check_error(substate_of, "active;expires=1;expires=2", errc::duplicate_param, 17);
  test::check_error(substate_of, "active, pending", errc::multiple_values, 6);
  test::check_error(substate_of, "active pending", errc::trailing_garbage, 7);
  test::check_error(substate_of, "active;", errc::bad_param, 7);
}

TEST_CASE("subscription_state: compose") {
  CHECK(compose(subscription_state_value{substate::active, event_reason::absent, 600}) == "active;expires=600");
  CHECK(compose(subscription_state_value{substate::terminated, event_reason::noresource}) ==
        "terminated;reason=noresource");
  CHECK(compose(subscription_state_value{substate::terminated, event_reason::probation, {}, 4294967295u}) ==
        "terminated;reason=probation;retry-after=4294967295");
  CHECK(compose(subscription_state_value{substate::pending, event_reason::absent, 0}) == "pending;expires=0");
  subscription_state_value ext;
  ext.state = substate::extension;
  ext.extension_state = "waiting";
  ext.reason = event_reason::extension;
  ext.extension_reason = "gone";
  const grammar::param params[] = {{"x", "1"}};
  ext.params = params;
  CHECK(compose(ext) == "waiting;reason=gone;x=1");
  std::string row;
  REQUIRE_FALSE(append_to(row, header_row(subscription_state_value{substate::terminated, event_reason::noresource})));
  CHECK(row == "Subscription-State: terminated;reason=noresource\r\n");

  // Errors.
  subscription_state_value bad;
  bad.state = substate::extension;
  CHECK(to_string(bad).error() == error{errc::invalid_argument, 0});  // empty extension state
  bad.extension_state = "wait ing";
  CHECK(to_string(bad).error() == error{errc::invalid_argument, 4});
  bad.state = substate::active;  // extension text with a registered state
  CHECK(to_string(bad).error() == error{errc::invalid_argument, 0});
  CHECK(to_string(subscription_state_value{static_cast<substate>(9)}).error() == error{errc::invalid_argument, 0});
  subscription_state_value bad_reason{substate::terminated, event_reason::extension};
  CHECK(to_string(bad_reason).error() == error{errc::invalid_argument, 0});
  bad_reason.extension_reason = "a\r\n";
  CHECK(to_string(bad_reason).error() == error{errc::invalid_argument, 1});
  // A registered name as an extension would read back as the registered value (finding 8 of
  // fuzz/README.md; corpus file compose_headers/crash-subscription-state-registered-extension).
  bad_reason.extension_reason = "NoResource";
  CHECK(to_string(bad_reason).error() == error{errc::invalid_argument, 0});
  subscription_state_value registered_state;
  registered_state.state = substate::extension;
  registered_state.extension_state = "active";
  CHECK(to_string(registered_state).error() == error{errc::invalid_argument, 0});
  CHECK(to_string(subscription_state_value{substate::terminated, static_cast<event_reason>(42)}).error() ==
        error{errc::invalid_argument, 0});
  for (std::string_view reserved : {"reason", "Expires", "retry-after"}) {
    const grammar::param p[] = {{reserved, "1"}};
    subscription_state_value v;
    v.params = p;
    CHECK(to_string(v).error() == error{errc::invalid_argument, 0});
  }
}

TEST_CASE("subscription_state: round trips") {
  const subscription_state_value v{substate::terminated, event_reason::giveup, 10, 20};
  auto p = test::parse_exact(substate_of, compose(v));
  REQUIRE(p);
  CHECK(p->state == v.state);
  CHECK(p->reason == v.reason);
  CHECK(p->expires == v.expires);
  CHECK(p->retry_after == v.retry_after);

  for (std::string_view in : {"active;expires=600", " TERMINATED;reason=NoResource ", "pending ; expires = 0070"}) {
    INFO("input: ", std::string(in));
    auto first = test::parse_exact(substate_of, in);
    REQUIRE(first);
    const subscription_state_value once_v{first->state, first->reason, first->expires, first->retry_after};
    const std::string once = compose(once_v);
    auto second = test::parse_exact(substate_of, once);
    REQUIRE(second);
    CHECK(compose(subscription_state_value{second->state, second->reason, second->expires, second->retry_after}) ==
          once);
  }
}

// ------------------------------------------------------------------------------------------
// Allow-Events
// ------------------------------------------------------------------------------------------

TEST_CASE("allow_events: parse event-type lists") {
  auto a = test::parse_exact(allow, " dialog ,\r\n conference,presence.winfo ");
  REQUIRE(a);
  CHECK(items(*a) == strings{"dialog", "conference", "presence.winfo"});
  CHECK(a->contains_exact("conference"));
  CHECK_FALSE(a->contains_exact("Conference"));
  CHECK(a->contains("Conference"));
  CHECK_FALSE(a->contains_exact("presence"));

  test::check_error(allow, "", errc::empty_value, 0);
  test::check_error(allow, "dialog,", errc::empty_list_item, 7);
  test::check_error(allow, ",dialog", errc::empty_list_item, 0);
  test::check_error(allow, "dialog,,refer", errc::empty_list_item, 7);
  test::check_error(allow, "a..b", errc::bad_event, 2);
  test::check_error(allow, "dialog, .refer", errc::bad_event, 8);
  test::check_error(allow, "dialog, refer.", errc::bad_event, 14);
  test::check_error(allow, "dialog conference", errc::trailing_garbage, 7);
  test::check_error(allow, "dialog;x=1", errc::trailing_garbage, 6);
  test::check_error(allow, "@", errc::bad_token, 0);

  auto lenient = test::parse_exact(allow_lenient, ", dialog,,refer,");
  REQUIRE(lenient);
  CHECK(items(*lenient) == strings{"dialog", "refer"});
  test::check_error(allow_lenient, ",", errc::empty_value, 1);

  // Rows merge like option tags.
  auto r1 = test::parse_exact(allow, "dialog");
  auto r2 = test::parse_exact(allow, "refer");
  REQUIRE(r1);
  REQUIRE(r2);
  const allow_events_view rows[] = {*r1, *r2};
  CHECK(items(grammar::token_list_rows(rows)) == strings{"dialog", "refer"});
  CHECK(grammar::token_list_rows(rows).contains_exact("refer"));
}

TEST_CASE("allow_events: compose") {
  const std::string_view types[] = {"refer", "dialog", "presence.winfo"};
  CHECK(compose(allow_events_value{types}) == "refer, dialog, presence.winfo");
  std::string row;
  REQUIRE_FALSE(append_to(row, header_row(allow_events_value{types})));
  CHECK(row == "Allow-Events: refer, dialog, presence.winfo\r\n");
  CHECK(to_string(allow_events_value{}).error() == error{errc::empty_value, 0});
  const std::string_view dots[] = {"refer", "a..b"};
  CHECK(to_string(allow_events_value{dots}).error() == error{errc::invalid_argument, 9});
  const std::string_view dup[] = {"refer", "refer"};
  CHECK(to_string(allow_events_value{dup}).error() == error{errc::invalid_argument, 7});
  const std::string_view case_differs[] = {"refer", "Refer"};  // distinct: byte-wise
  CHECK(compose(allow_events_value{case_differs}) == "refer, Refer");
  const std::string_view crlf[] = {"refer\r\n"};
  CHECK(to_string(allow_events_value{crlf}).error() == error{errc::invalid_argument, 5});

  // Round trip.
  auto p = test::parse_exact(allow, compose(allow_events_value{types}));
  REQUIRE(p);
  CHECK(items(*p) == strings{"refer", "dialog", "presence.winfo"});
}

// ------------------------------------------------------------------------------------------
// RFC examples
// ------------------------------------------------------------------------------------------

TEST_CASE("event: RFC 3515 §4 NOTIFY examples F3, F5, F9, F11") {
  struct row {
    const char* file;
    bool has_id;
    bool state_parses;
  };
  const row rows[] = {
      {"rfc3515/rfc3515-4.1-F3-NOTIFY-100-Trying.sip", false, false},
      {"rfc3515/rfc3515-4.1-F5-NOTIFY-200-OK-terminated.sip", false, true},
      {"rfc3515/rfc3515-4.2-F9-NOTIFY-id-100-Trying.sip", true, false},
      {"rfc3515/rfc3515-4.2-F11-NOTIFY-id-terminated.sip", true, true},
  };
  for (const row& r : rows) {
    INFO(r.file);
    const std::string msg = test::read_data(r.file);
    const auto ev = test::header_values(msg, "Event");
    REQUIRE(ev.size() == 1);
    auto e = test::parse_exact(event, ev[0]);
    REQUIRE(e);
    CHECK(e->type == refer_event_package);
    CHECK(e->has_id == r.has_id);
    if (r.has_id) CHECK(e->id == "93809824");
    CHECK(compose(event_value{e->type, e->has_id ? e->id : std::string_view{}}) == ev[0]);

    const auto ss = test::header_values(msg, "Subscription-State");
    REQUIRE(ss.size() == 1);
    if (r.state_parses) {
      auto s = test::parse_exact(substate_of, ss[0]);
      REQUIRE(s);
      CHECK(s->state == substate::terminated);
      CHECK(s->reason == event_reason::noresource);
      CHECK(compose(subscription_state_value{s->state, s->reason}) == ss[0]);
    } else {
      // The RFC prints a prose placeholder, `expires=(depends on Refer-To URI)`.
      CHECK(ss[0] == "active;expires=(depends on Refer-To URI)");
      test::check_error(substate_of, ss[0], errc::bad_param, 15);
    }
  }
  // F9 and F11 belong to the same second REFER: their Event values match; F3 does not.
  auto f9 = test::parse_exact(event, test::header_values(test::read_data(rows[2].file), "Event")[0]);
  auto f11 = test::parse_exact(event, test::header_values(test::read_data(rows[3].file), "Event")[0]);
  auto f3 = test::parse_exact(event, test::header_values(test::read_data(rows[0].file), "Event")[0]);
  CHECK(event_matches(*f9, *f11));
  CHECK_FALSE(event_matches(*f3, *f11));
}

TEST_CASE("allow_events: RFC 5368 §9 and RFC 5366 §6 examples") {
  struct row {
    const char* file;
    strings types;
  };
  const row rows[] = {
      {"rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip", {"dialog"}},
      {"rfc5366/rfc5366-6-fig3-F1-INVITE-recipient-list.sip", {"dialog"}},
      {"rfc5366/rfc5366-6-fig4-F3-INVITE-recipient-list-history.sip", {"dialog", "conference"}},
  };
  for (const row& r : rows) {
    INFO(r.file);
    const auto values = test::header_values(test::read_data(r.file), "Allow-Events");
    REQUIRE(values.size() == 1);
    auto p = test::parse_exact(allow, values[0]);
    REQUIRE(p);
    CHECK(items(*p) == r.types);
    std::vector<std::string_view> collected(p->begin(), p->end());
    CHECK(compose(allow_events_value{collected}) == values[0]);
  }
}
