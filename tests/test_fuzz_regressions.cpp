// SPDX-License-Identifier: MIT
/// @file test_fuzz_regressions.cpp
/// One test per input the fuzzers (fuzz/) ever stopped on, minimised, next to its corpus file
/// `fuzz/corpus/<target>/crash-<description>` (replayed by ctest label fuzz-replay).
///
/// Every library bug the fuzzers found has a test: findings 1-6 here (the first four, fixed in
/// 755dee2, were first written as `doctest::should_fail()`), the later ones next to the
/// feature they concern (7 in test_multipart.cpp, 8 in test_event.cpp, 9 in
/// test_refer_notify.cpp and test_address_headers.cpp). Harness mistakes the fuzzers stopped
/// on are pinned here as documented behaviour. See fuzz/README.md "Findings".
#include <sipref/sipref.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "support/test_support.hpp"

namespace {

using sipref::errc;

/// A valid new-dialog REFER for @p who (content_id set, so it also serves several invitees);
/// each regression changes what its input changed.
sipref::refer_request valid_request(sipref::list_ref<sipref::invitee> who) {
  sipref::refer_request r;
  r.session_uri = "sip:conf-1@focus.example.com";
  r.invitees = who;
  r.from_uri = "sip:alice@example.com";
  r.from_tag = "1928301774";
  r.call_id = "a84b4c76e66710@pc33";
  r.contact_uri = "sip:alice@192.0.2.1";
  r.via.host = "pc33.example.com";
  r.via.branch = "z9hG4bK776asdhds";
  r.content_id = "list1@example.com";
  return r;
}

// fuzz_uri / fuzz_refer_to, crash-uri-equal-repeated-header-name: `uri_equal(u, u)` was false
// for a URI whose embedded headers repeat a name (RFC 3261 §19.1.4 compares URI headers; a
// header may appear twice, e.g. two Route values). uri.hpp `detail::headers_equal` looks each
// header of `a` up in `b` by name, so the second `X` is compared with the first one.
TEST_CASE("fuzz regression: uri_equal is reflexive with repeated URI header names") {
  auto u = test::parse_exact([](std::string_view s) { return sipref::parse_uri(s); }, "sip:a@h?X=1&X=2");
  REQUIRE(u);
  CHECK(sipref::uri_equal(*u, *u));
  auto v = test::parse_exact([](std::string_view s) { return sipref::parse_uri(s); }, "sip:a@h?X=2&X=1");
  REQUIRE(v);
  // Same headers in another order: RFC 3261 §19.1.4 does not make header order significant.
  CHECK(sipref::uri_equal(*u, *v) == sipref::uri_equal(*v, *u));
  auto r = test::parse_exact([](std::string_view s) { return sipref::parse_refer_to(s); }, "<sip:a@h?X=1&X=2>");
  REQUIRE(r);
  CHECK(sipref::uri_equal(r->target(), r->target()));
  // fuzz_headers, crash-uri-equal-repeated-header-name-escaped: the names repeat once
  // decoded and compared case-insensitively (`%4be` = `Ke`, `%6be` = `ke`).
  auto e = test::parse_exact([](std::string_view s) { return sipref::parse_uri(s); }, "sip:a@h?%4be=1&%6be=2");
  REQUIRE(e);
  CHECK(sipref::uri_equal(*e, *e));
}

// fuzz_uri, crash-harness-uri-equal-not-transitive: the harness expected transitivity, which
// RFC 3261 §19.1.4 does not give (a parameter present in only one URI is ignored). Pinned.
TEST_CASE("fuzz regression: uri_equal is symmetric but not transitive") {
  auto a = test::parse_exact([](std::string_view s) { return sipref::parse_uri(s); }, "sip:h");
  auto b = test::parse_exact([](std::string_view s) { return sipref::parse_uri(s); }, "sip:h;x=1");
  auto c = test::parse_exact([](std::string_view s) { return sipref::parse_uri(s); }, "sip:h;x=2");
  REQUIRE((a && b && c));
  CHECK(sipref::uri_equal(*a, *b));
  CHECK(sipref::uri_equal(*b, *a));
  CHECK(sipref::uri_equal(*a, *c));
  CHECK_FALSE(sipref::uri_equal(*b, *c));
}

// fuzz_compose_headers, crash-sip-uri-valueless-method: `sip_uri` composed a `method`
// uri-parameter given without value as `;method`, which `parse_uri` rejects (bad_param at 6).
// The composer checks the method token on `value` even when `has_value` is false (uri.hpp
// `sip_uri::compose`). Composition must fail or give a URI that parses.
TEST_CASE("fuzz regression: sip_uri never composes a valueless method parameter") {
  const sipref::uri_field params[] = {{"method", "INVITE", false}};
  sipref::sip_uri u;
  u.host = "h";
  u.params = params;
  const auto s = sipref::to_string(u);
  if (s) {
    INFO("composed: ", *s);
    CHECK(sipref::is_valid_uri(*s));
  } else {
    CHECK(s.code() == errc::bad_param);
  }
  // What the parser says about the composed text today.
  test::check_error([](std::string_view t) { return sipref::parse_uri(t); }, "sip:h;method", errc::bad_param, 6);
}

// fuzz_compose_headers, crash-sipfrag-status-content-length: `sipfrag_status` writes a caller's
// `Content-Length: x` row unchecked, and `parse_sipfrag` rejects the fragment
// (bad_content_length at 32). sipfrag.hpp `sipfrag_status::compose` validates header pairs
// only for name/value syntax. Composition must fail or give a fragment that parses.
TEST_CASE("fuzz regression: sipfrag_status output always parses") {
  const sipref::header_pair rows[] = {{"Content-Length", "x"}};
  const auto s = sipref::to_string(sipref::sipfrag_status{200, "OK", rows});
  if (!s) return;  // refusing the row is a correct fix
  auto f = test::parse_exact([](std::string_view t) { return sipref::parse_sipfrag(t); }, *s);
  CHECK(f.result.has_value());
  CHECK(f.error() == sipref::error{});
}

// fuzz_compose_refer, crash-harness-require-temporary: a harness bug (a range-for over a
// temporary `result`), not a library bug. The input composes a list REFER; its Require rows
// must parse and name multiple-refer.
TEST_CASE("fuzz regression: a list REFER's Require row parses and names multiple-refer") {
  const sipref::invitee people[] = {{"sip:bob@example.com"}, {"sip:carol@example.com"}};
  const sipref::refer_request r = valid_request(people);
  const auto text = sipref::to_string(r);
  REQUIRE(text);
  auto m = test::parse_exact([](std::string_view s) { return sipref::parse_message(s); }, *text);
  REQUIRE(m);
  bool multiple_refer = false;
  for (const sipref::header_field_view& row : m->rows(sipref::header_id::require)) {
    const auto tags = sipref::parse_require(row.value);  // keep the result alive while iterating
    REQUIRE(tags);
    for (std::string_view t : *tags) multiple_refer |= t == sipref::option_tag::multiple_refer;
  }
  CHECK(multiple_refer);
}

// fuzz_compose_refer, crash-refer-duplicate-extra-header: `refer_request` wrote two extra
// headers that name the same single-valued header (`Subject`, RFC 3261 §20.36) as two rows;
// `parse_message` reports the duplicate and sipref's own `check_refer` answers 400 (S11).
// refer_request.hpp `detail::write_refer_rows` checks extra headers against the reserved list
// only. Composition must fail, or give a REFER without duplicate and without error finding.
TEST_CASE("fuzz regression: refer_request never writes a single-valued extra header twice") {
  const sipref::invitee people[] = {{"sip:bob@example.com"}};
  const sipref::extra_header extra[] = {{"Subject", "hello"}, {"Subject", "hello"}};
  sipref::refer_request r = valid_request(people);
  r.extra_headers = extra;
  const auto text = sipref::to_string(r);
  if (!text) return;  // refusing the request is a correct fix
  auto m = test::parse_exact([](std::string_view s) { return sipref::parse_message(s); }, *text);
  REQUIRE(m);
  CHECK_FALSE(m->first_duplicate().has_value());
  sipref::refer_expectations exp;
  exp.session_uri = r.session_uri;
  CHECK(sipref::check_refer(*text, exp).ok());
}

// fuzz_compose_refer, crash-refer-unsafe-embedded-header (second deep run): an invitee given as
// URI text with an embedded header whose name is not a token (`?Repla]es=`) or whose value
// decodes to CR, LF or NUL was written into the Refer-To; sipref's own checker then answered
// 400 (S12). uri.hpp `uri_ref::compose` validated text URIs with `parse_uri` only, while a
// `sip_uri` given in parts was already checked. Composition must fail with the S12 error.
TEST_CASE("fuzz regression: refer_request refuses an invitee whose URI headers S12 rejects") {
  const sipref::invitee people[] = {{"sips:u;rreref-(--------!r;id=-?Repla]es="}};
  sipref::refer_request r = valid_request(people);
  r.from_uri = "tel:+1555101";
  const auto text = sipref::to_string(r);
  REQUIRE_FALSE(text.has_value());
  CHECK(text.error() == sipref::error{sipref::errc::unsafe_uri_header, 31});
}

// fuzz_compose_refer, crash-refer-cid-invitee (second deep run, after the speed work): a single
// invitee `cid:r@sips:u;...` became `Refer-To: <cid:...>`, which every reader takes for a list
// reference (RFC 5368 §7) with no body and no multiple-refer, so sipref's checker answered
// 400 (S3). refer_request.hpp `plan_refer` accepted any URI scheme parse_uri accepts. A cid:
// URI names a body part, never a user: refused with bad_scheme, alone or in a list.
TEST_CASE("fuzz regression: refer_request refuses a cid: invitee") {
  const sipref::invitee one[] = {{"cid:r@sips:u"}};
  const sipref::invitee several[] = {{"sip:bob@example.com"}, {"cid:r@sips:u"}};
  sipref::refer_request r = valid_request(one);
  CHECK(sipref::to_string(r).error() == sipref::error{sipref::errc::bad_scheme, 0});
  r.invitees = several;
  CHECK(sipref::to_string(r).error() == sipref::error{sipref::errc::bad_scheme, 0});
}

// fuzz_headers / fuzz_sipfrag, crash-harness-duplicate-option-tags: the harness expected every
// parsed option-tag list to compose. The library accepts repeated tags when parsing (RFC 3261
// §20.32 does not forbid them) but the composer rejects a repeat, compared case-insensitively,
// with invalid_argument at its offset in the composed value. Pinned here as the documented
// behaviour.
TEST_CASE("fuzz regression: repeated option tags parse, and their composition is refused") {
  auto p = test::parse_exact([](std::string_view s) { return sipref::parse_require(s); }, "t1, t2, T1");
  REQUIRE(p);
  std::size_t n = 0;
  for (std::string_view t : *p)
    if (!t.empty()) ++n;
  CHECK(n == 3);
  const std::string_view tags[] = {"t1", "t2", "T1"};
  const auto size = sipref::composed_size(sipref::require_value{tags});
  REQUIRE_FALSE(size);
  CHECK(size.code() == errc::invalid_argument);
  CHECK(size.error().offset == 8);
}

}  // namespace
