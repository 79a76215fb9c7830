// SPDX-License-Identifier: MIT
/// @file test_torture.cpp
/// The RFC 4475 and RFC 5118 torture messages (tests/data/torture/, byte-exact copies of
/// /work/shared/spec/torture/) and the REFER/NOTIFY/BYE example messages, each with the
/// verdict of torture/INDEX.md turned into an asserted result: framing in stream and
/// datagram mode, then a "typed headers" step that runs sipref's header parsers (uri.hpp,
/// via.hpp, address_headers.hpp, scalar_headers.hpp, content_type.hpp) over the rows.
#include <sipref/message.hpp>

#include <string>
#include <vector>

#include <sipref/address_headers.hpp>
#include <sipref/content_type.hpp>
#include <sipref/multipart.hpp>
#include <sipref/scalar_headers.hpp>
#include <sipref/uri.hpp>
#include <sipref/via.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {

/// An expected outcome: `ok`, or an error code at the offset of @p needle in the message
/// plus @p delta (`needle == nullptr`: @p delta is the offset; `"$"`: the message size plus
/// @p delta). Naming the bytes the offset points at keeps the table readable.
struct expect {
  errc code = errc::ok;
  const char* needle = nullptr;
  long delta = 0;
  bool skip = false;  ///< the step does not apply
  [[nodiscard]] error resolve(const std::string& text) const {
    if (code == errc::ok) return {};
    std::size_t base = 0;
    if (needle != nullptr) {
      const std::string n(needle);
      base = n == "$" ? text.size() : text.find(n);
      REQUIRE_MESSAGE(base != std::string::npos, "needle not found: ", n);
    }
    return {code, static_cast<std::size_t>(static_cast<long>(base) + delta)};
  }
};
constexpr expect ok{};
/// The typed step does not apply (the message does not frame even leniently).
constexpr expect no_typed{errc::ok, nullptr, 0, true};

/// The typed-headers step: the first error of the Request-URI, the CSeq check and the typed
/// parsers of the rows they cover, with offsets in the message.
error typed_error(const message_view& m) {
  if (m.is_request()) {
    const auto u = parse_uri(m.request_uri());
    if (!u) return {u.error().code, m.start_offset() + m.method().size() + 1 + u.error().offset};
  }
  if (const error e = check_cseq(m)) return e;
  for (const header_field_view& h : m.headers()) {
    error e{};
    switch (h.id) {
      case header_id::via:
        e = parse_via(h.value).error();
        break;
      case header_id::to:
      case header_id::from:
        e = parse_from_to(h.value).error();
        break;
      case header_id::contact:
        e = parse_contact(h.value).error();
        break;
      case header_id::call_id:
        e = parse_call_id(h.value).error();
        break;
      case header_id::max_forwards:
        e = parse_max_forwards(h.value).error();
        break;
      case header_id::expires:
        e = parse_expires(h.value).error();
        break;
      case header_id::content_type:
        e = parse_content_type(h.value).error();
        break;
      case header_id::route:
      case header_id::record_route:
        e = parse_route(h.value).error();
        break;
      default:
        break;
    }
    if (e) return {e.code, h.value_offset + e.offset};
  }
  return {};
}

struct torture_case {
  const char* file;     ///< path under tests/data/torture/
  const char* verdict;  ///< torture/INDEX.md verdict, and how sipref shows it
  expect stream;        ///< parse_message, stream framing
  expect datagram;      ///< parse_message, datagram framing
  expect typed;         ///< typed step on a datagram parse with the framing leniencies on
};

// clang-format off
const torture_case rfc4475_cases[] = {
  // ---- §3.1.1 valid messages: parse, and every typed header parses ----
  {"rfc4475/wsinv.dat", "VALID: folds, LWS around separators, compact forms", ok, ok, ok},
  {"rfc4475/intmeth.dat", "VALID: odd method, quoted-pair NUL in a display name", ok, ok, ok},
  {"rfc4475/esc01.dat", "VALID: escapes in URIs", ok, ok, ok},
  {"rfc4475/escnull.dat", "VALID: %00 in URIs", ok, ok, ok},
  {"rfc4475/esc02.dat", "VALID: % that is not an escape", ok, ok, ok},
  {"rfc4475/lwsdisp.dat", "ACCEPT: no LWS between display name and <", ok, ok, ok},
  {"rfc4475/longreq.dat", "VALID: long values", ok, ok, ok},
  {"rfc4475/semiuri.dat", "VALID: ; in the user part", ok, ok, ok},
  {"rfc4475/transports.dat", "VALID: unknown transport tokens", ok, ok, ok},
  {"rfc4475/mpart01.dat", "VALID: multipart with NUL octets", ok, ok, ok},
  {"rfc4475/unreason.dat", "VALID: UTF-8 reason phrase", ok, ok, ok},
  {"rfc4475/noreason.dat", "VALID: empty reason phrase", ok, ok, ok},
  {"rfc4475/dblreq.dat", "VALID: trailing octets discarded (datagram) / next message (stream)", ok, ok, ok},
  // ---- §3.1.2 invalid messages: rejected with the error the reason implies ----
  {"rfc4475/badinv01.dat", "INVALID: empty ; and , items in Via", ok, ok, {errc::bad_param, "15;;", 3}},
  {"rfc4475/clerr.dat", "INVALID: Content-Length 9999 > body", {errc::need_more_data, "$", 0},
   {errc::body_too_short, "9999", 0}, ok},
  {"rfc4475/ncl.dat", "INVALID: Content-Length -999", {errc::bad_content_length, "-999", 0},
   {errc::bad_content_length, "-999", 0}, no_typed},
  {"rfc4475/scalar02.dat", "INVALID: CSeq > 2^32-1", ok, ok, {errc::number_overflow, "36893488147419103232", 0}},
  {"rfc4475/scalarlg.dat", "INVALID response: CSeq > 2^32-1", ok, ok, {errc::number_overflow, "9292394834772304023312", 0}},
  {"rfc4475/quotbal.dat", "INVALID: unterminated quote in To", ok, ok, {errc::unterminated_quote, "\"Mr. J.", 0}},
  {"rfc4475/ltgtruri.dat", "INVALID: <> around the Request-URI", {errc::bad_start_line, nullptr, 7},
   {errc::bad_start_line, nullptr, 7}, no_typed},
  {"rfc4475/lwsruri.dat", "INVALID: LWS inside the Request-URI", {errc::bad_start_line, "; lr", 1},
   {errc::bad_start_line, "; lr", 1}, no_typed},
  {"rfc4475/lwsstart.dat", "INVALID (strict): several SP in the Request-Line", {errc::bad_start_line, nullptr, 7},
   {errc::bad_start_line, nullptr, 7}, ok},
  {"rfc4475/trws.dat", "INVALID (strict): trailing SP after SIP/2.0", {errc::bad_start_line, "SIP/2.0  ", 7},
   {errc::bad_start_line, "SIP/2.0  ", 7}, ok},
  {"rfc4475/escruri.dat", "INVALID: URI headers in the Request-URI (checked below)", ok, ok, ok},
  {"rfc4475/baddate.dat", "INVALID only if Date matters: non-GMT Date (not parsed by sipref)", ok, ok, ok},
  {"rfc4475/regbadct.dat", "INVALID: Contact with ?headers not in <>", ok, ok, {errc::unbracketed_uri, "?Route", 0}},
  {"rfc4475/badaspec.dat", "INVALID: spaces inside an addr-spec", ok, ok, {errc::bad_scheme, "< sip:t.watson", 1}},
  {"rfc4475/baddn.dat", "INVALID: unquoted display name with ','; the archive copy has no empty line",
   {errc::need_more_data, "$", 0}, {errc::missing_crlf, "$", 0}, {errc::bad_display_name, "Bell, Alexander", 4}},
  {"rfc4475/badvers.dat", "INVALID: SIP/7.0", {errc::bad_version, "SIP/7.0", 0}, {errc::bad_version, "SIP/7.0", 0}, no_typed},
  {"rfc4475/mismatch01.dat", "INVALID: CSeq method differs", ok, ok, {errc::cseq_mismatch, "8 INVITE", 2}},
  {"rfc4475/mismatch02.dat", "INVALID: unknown method, CSeq method differs", ok, ok, {errc::cseq_mismatch, "8 INVITE", 2}},
  {"rfc4475/bigcode.dat", "INVALID response: status code > 699", {errc::bad_status_code, nullptr, 8},
   {errc::bad_status_code, nullptr, 8}, no_typed},
  // ---- §3.2, §3.3, §3.4: syntactically valid, semantic handling (checked below) ----
  {"rfc4475/badbranch.dat", "SYNTAX OK: branch is the bare cookie", ok, ok, ok},
  {"rfc4475/insuf.dat", "PARSE then 400: no Call-ID, From, To", ok, ok, ok},
  {"rfc4475/unkscm.dat", "VALID syntax: unknown R-URI scheme", ok, ok, ok},
  {"rfc4475/novelsc.dat", "VALID syntax: soap.beep R-URI", ok, ok, ok},
  {"rfc4475/unksm2.dat", "VALID syntax: unknown schemes in To/From/Contact", ok, ok, ok},
  {"rfc4475/bext01.dat", "VALID syntax: unknown Require tags", ok, ok, ok},
  {"rfc4475/invut.dat", "VALID syntax: unknown Content-Type", ok, ok, ok},
  {"rfc4475/regaut01.dat", "VALID syntax: unknown auth scheme", ok, ok, ok},
  {"rfc4475/multi01.dat", "PARSE then 400: duplicate single-valued headers (checked below)", ok, ok, ok},
  {"rfc4475/mcl01.dat", "INVALID framing: conflicting Content-Length values",
   {errc::bad_content_length, "Content-Length: 5", 16}, {errc::bad_content_length, "Content-Length: 5", 16}, no_typed},
  {"rfc4475/bcast.dat", "VALID syntax: broadcast Via", ok, ok, ok},
  {"rfc4475/zeromf.dat", "VALID: Max-Forwards 0", ok, ok, ok},
  {"rfc4475/cparam01.dat", "VALID: header param after a bare URI", ok, ok, ok},
  {"rfc4475/cparam02.dat", "VALID: URI param inside <>", ok, ok, ok},
  {"rfc4475/regescrt.dat", "VALID: escaped Route URI header inside <>", ok, ok, ok},
  {"rfc4475/sdp01.dat", "VALID syntax: Accept without SDP", ok, ok, ok},
  {"rfc4475/inv2543.dat", "ACCEPT (datagram): RFC 2543 syntax without Content-Length",
   {errc::missing_header, "\r\n\r\nv=0", 2}, ok, ok},
  {"rfc4475/test.dat", "NO VERDICT: Request-Line without SIP-Version (and a row without colon)",
   {errc::bad_start_line, "jasomi.com\r\n", 10}, {errc::bad_start_line, "jasomi.com\r\n", 10}, no_typed},
};

// RFC 5118 archive files use bare LF (allow_lf_line_ends); derived/rfc5118-crlf are CRLF copies
// parsed strictly. Content-Length values are the archive's (torture/INDEX.md surprises 2, 6).
const torture_case rfc5118_lf_cases[] = {
  {"rfc5118/ipv6-good", "VALID", ok, ok, ok},
  {"rfc5118/ipv6-bad", "INVALID: IPv6 R-URI without []", ok, ok, {errc::bad_host, "2001:db8::10 SIP", 0}},
  {"rfc5118/port-ambiguous", "VALID syntax (the port is inside the brackets)", ok, ok, ok},
  {"rfc5118/port-unambiguous", "VALID", ok, ok, ok},
  {"rfc5118/via-received-param-with-delim", "MUST PARSE: received=[v6]", ok, ok, ok},
  {"rfc5118/via-received-param-no-delim", "VALID: received=v6", ok, ok, ok},
  {"rfc5118/ipv6-in-sdp", "VALID per text; archive Content-Length 268 > body 242",
   {errc::need_more_data, "$", 0}, {errc::body_too_short, "268", 0}, ok},
  {"rfc5118/mult-ip-in-header", "VALID", ok, ok, ok},
  {"rfc5118/mult-ip-in-sdp", "VALID per text; archive Content-Length 181 > body 180",
   {errc::need_more_data, "$", 0}, {errc::body_too_short, "181", 0}, ok},
  {"rfc5118/ipv4-mapped-ipv6", "VALID", ok, ok, ok},
  {"rfc5118/ipv6-bug-abnf-3-colons", "TOLERATE per RFC 5118; RFC 5954 grammar rejects; no empty line",
   {errc::need_more_data, "$", 0}, {errc::missing_crlf, "$", 0}, {errc::bad_ipv6, "[2001:db8:::", 0}},
  {"rfc5118/ipv6-correct-abnf-2-colons", "VALID; archive copy has no empty line",
   {errc::need_more_data, "$", 0}, {errc::missing_crlf, "$", 0}, ok},
};
const torture_case rfc5118_crlf_cases[] = {
  {"rfc5118-crlf/ipv6-good", "VALID", ok, ok, ok},
  {"rfc5118-crlf/ipv6-bad", "INVALID: IPv6 R-URI without []", ok, ok, {errc::bad_host, "2001:db8::10 SIP", 0}},
  {"rfc5118-crlf/port-ambiguous", "VALID syntax", ok, ok, ok},
  {"rfc5118-crlf/port-unambiguous", "VALID", ok, ok, ok},
  {"rfc5118-crlf/via-received-param-with-delim", "MUST PARSE", ok, ok, ok},
  {"rfc5118-crlf/via-received-param-no-delim", "VALID", ok, ok, ok},
  {"rfc5118-crlf/ipv6-in-sdp", "archive Content-Length 268 > CRLF body 251",
   {errc::need_more_data, "$", 0}, {errc::body_too_short, "268", 0}, ok},
  {"rfc5118-crlf/mult-ip-in-header", "VALID", ok, ok, ok},
  {"rfc5118-crlf/mult-ip-in-sdp", "Content-Length 181 < CRLF body 189: 8 octets discarded", ok, ok, ok},
  {"rfc5118-crlf/ipv4-mapped-ipv6", "Content-Length 236 < CRLF body 245: 9 octets discarded", ok, ok, ok},
  {"rfc5118-crlf/ipv6-bug-abnf-3-colons", "see LF copy", {errc::need_more_data, "$", 0}, {errc::missing_crlf, "$", 0},
   {errc::bad_ipv6, "[2001:db8:::", 0}},
  {"rfc5118-crlf/ipv6-correct-abnf-2-colons", "see LF copy", {errc::need_more_data, "$", 0},
   {errc::missing_crlf, "$", 0}, ok},
};
// clang-format on

void run_case(const torture_case& c, bool lf) {
  const std::string text = test::read_data(std::string("torture/") + c.file);
  const std::string label = std::string(c.file) + ": " + c.verdict;
  INFO(label);
  message_options so;
  so.allow_lf_line_ends = lf;
  message_options dopt = so;
  dopt.mode = framing::datagram;
  const test::exact_buffer buf(text);  // exact size: ASan sees any over-read
  for (const auto& mode : {std::make_pair("stream", so), std::make_pair("datagram", dopt)}) {
    const std::string mode_label = std::string("mode ") + mode.first;
    INFO(mode_label);
    const expect& want = std::string(mode.first) == "stream" ? c.stream : c.datagram;
    const auto r = parse_message(buf.view(), mode.second);
    const error got = r ? error{} : r.error();
    const error exp = want.resolve(text);
    CHECK(to_string(got.code) == to_string(exp.code));
    CHECK(got.offset == exp.offset);
    if (r && lf) CHECK(r->has_flag(flag_lf_line_ends));
  }
  if (c.typed.skip) return;
  // The typed step runs on a datagram parse with the framing leniencies on, so that a
  // message with a framing defect can still be checked header by header.
  message_options lenient = dopt;
  lenient.allow_missing_empty_line = true;
  lenient.allow_content_length_mismatch = true;
  lenient.allow_extra_sp_in_start_line = true;
  const auto m = parse_message(buf.view(), lenient);
  REQUIRE(m);
  const error got = typed_error(*m);
  const error exp = c.typed.resolve(text);
  CHECK(to_string(got.code) == to_string(exp.code));
  CHECK(got.offset == exp.offset);
}

message_options dgram_options() {
  message_options o;
  o.mode = framing::datagram;
  return o;
}

std::string data(const std::string& p) { return test::read_data(p); }

}  // namespace

TEST_CASE("torture: every RFC 4475 message has its asserted verdict") {
  for (const torture_case& c : rfc4475_cases) run_case(c, false);
  CHECK(sizeof rfc4475_cases / sizeof rfc4475_cases[0] == 50);
}

TEST_CASE("torture: every RFC 5118 message (LF archive copies, lenient line ends)") {
  for (const torture_case& c : rfc5118_lf_cases) run_case(c, true);
  CHECK(sizeof rfc5118_lf_cases / sizeof rfc5118_lf_cases[0] == 12);
  // Strict parsing rejects the bare LF of the archive copies at the first line end.
  for (const torture_case& c : rfc5118_lf_cases) {
    const std::string text = data(std::string("torture/") + c.file);
    const std::string label = c.file;
    INFO(label);
    test::check_error([](std::string_view in) { return parse_message(in); }, text, errc::missing_crlf, text.find('\n'));
  }
}

TEST_CASE("torture: every RFC 5118 message (CRLF copies, strict)") {
  for (const torture_case& c : rfc5118_crlf_cases) run_case(c, false);
  CHECK(sizeof rfc5118_crlf_cases / sizeof rfc5118_crlf_cases[0] == 12);
}

TEST_CASE("torture: semantic checks behind the table") {
  const auto dgram = [](std::string_view in) { return parse_message(in, dgram_options()); };
  SUBCASE("dblreq: datagram discards the trailing INVITE; a stream frames it as the next message") {
    const std::string t = data("torture/rfc4475/dblreq.dat");
    auto d = test::parse_exact(dgram, t);
    REQUIRE(d);
    CHECK(d->method() == "REGISTER");
    CHECK(d->has_flag(flag_trailing_bytes_discarded));
    CHECK(d->discarded() == 450);
    auto s = test::parse_exact([](std::string_view in) { return parse_message(in); }, t);
    REQUIRE(s);
    CHECK(s->size() == 300);
    auto next = parse_message(std::string_view(t).substr(s->size()));
    REQUIRE(next);
    CHECK(next->method() == "INVITE");
    CHECK(next->has_flag(flag_leading_crlf));
  }
  SUBCASE("multi01: duplicate single-valued headers are reported and the message still parses") {
    const std::string t = data("torture/rfc4475/multi01.dat");
    auto m = test::parse_exact(dgram, t);
    REQUIRE(m);
    REQUIRE(m->first_duplicate());
    CHECK(m->first_duplicate()->id == header_id::cseq);
    CHECK(m->first_duplicate()->offset == t.find("CSeq: 59"));
    std::vector<header_id> dups;
    for (const auto& h : m->headers().duplicates()) dups.push_back(h.id);
    CHECK(dups == std::vector<header_id>{header_id::cseq, header_id::call_id, header_id::to, header_id::from,
                                         header_id::max_forwards});
    CHECK(m->count(header_id::contact) == 2);  // a list header: not a duplicate
    message_options strict = dgram_options();
    strict.reject_duplicate_headers = true;
    test::check_error([strict](std::string_view in) { return parse_message(in, strict); }, t, errc::duplicate_header,
                      t.find("CSeq: 59"));
  }
  SUBCASE("mcl01: conflicting Content-Length is fatal (bad_content_length, not only a duplicate)") {
    const std::string t = data("torture/rfc4475/mcl01.dat");
    message_options o = dgram_options();
    o.allow_content_length_mismatch = true;  // no leniency makes two lengths agree
    test::check_error([o](std::string_view in) { return parse_message(in, o); }, t, errc::bad_content_length,
                      t.find("Content-Length: 5") + 16);
  }
  SUBCASE("inv2543: no Content-Length over UDP: the body is the rest of the datagram") {
    const std::string t = data("torture/rfc4475/inv2543.dat");
    auto m = test::parse_exact(dgram, t);
    REQUIRE(m);
    CHECK(m->has_flag(flag_no_content_length));
    CHECK(m->body().substr(0, 4) == "v=0\r");
    CHECK(m->body().size() == t.size() - t.find("v=0"));
  }
  SUBCASE("escruri: the Request-URI carries URI headers, which RFC 3261 §19.1.1 Table 1 forbids there") {
    const std::string t = data("torture/rfc4475/escruri.dat");
    auto m = test::parse_exact(dgram, t);
    REQUIRE(m);
    auto u = parse_uri(m->request_uri());
    REQUIRE(u);
    CHECK_FALSE(u->headers.empty());
  }
  SUBCASE("baddate: framing accepts it; Date is outside sipref (no Date parser), so the zone is not checked") {
    auto m = test::parse_exact(dgram, data("torture/rfc4475/baddate.dat"));
    REQUIRE(m);
    CHECK(m->find(header_id::date)->value == "Fri, 01 Jan 2010 16:00:00 EST");
  }
  SUBCASE("badbranch: the branch is the bare magic cookie") {
    auto m = test::parse_exact(dgram, data("torture/rfc4475/badbranch.dat"));
    REQUIRE(m);
    auto v = parse_via(m->find(header_id::via)->value);
    REQUIRE(v);
    CHECK(v->front().branch == "z9hG4bK");
    CHECK_FALSE(v->front().has_rfc3261_branch());
  }
  SUBCASE("insuf: Call-ID, From and To are missing (RFC 3261 §8.1.1): parse, then 400") {
    auto m = test::parse_exact(dgram, data("torture/rfc4475/insuf.dat"));
    REQUIRE(m);
    CHECK_FALSE(m->find(header_id::call_id));
    CHECK_FALSE(m->find(header_id::from));
    CHECK_FALSE(m->find(header_id::to));
  }
  SUBCASE("cparam01/02: a parameter after a bare URI belongs to the header, inside <> to the URI") {
    auto a = test::parse_exact(dgram, data("torture/rfc4475/cparam01.dat"));
    REQUIRE(a);
    auto ca = parse_contact(a->find(header_id::contact)->value);
    REQUIRE(ca);
    CHECK(ca->list.front().params.contains("unknownparam"));
    auto b = test::parse_exact(dgram, data("torture/rfc4475/cparam02.dat"));
    REQUIRE(b);
    auto cb = parse_contact(b->find(header_id::contact)->value);
    REQUIRE(cb);
    CHECK_FALSE(cb->list.front().params.contains("unknownparam"));
  }
  SUBCASE("lwsstart, trws: accepted with the named start-line leniency, flagged") {
    message_options o = dgram_options();
    o.allow_extra_sp_in_start_line = true;
    for (const char* f : {"torture/rfc4475/lwsstart.dat", "torture/rfc4475/trws.dat"}) {
      auto m = test::parse_exact([o](std::string_view in) { return parse_message(in, o); }, data(f));
      REQUIRE(m);
      CHECK(m->has_flag(flag_extra_sp_in_start_line));
      CHECK(m->version() == "SIP/2.0");
    }
  }
  SUBCASE("baddn: the archive copy has no empty line; the datagram leniency accepts it, flagged") {
    message_options o = dgram_options();
    o.allow_missing_empty_line = true;
    auto m =
        test::parse_exact([o](std::string_view in) { return parse_message(in, o); }, data("torture/rfc4475/baddn.dat"));
    REQUIRE(m);
    CHECK(m->has_flag(flag_missing_empty_line));
  }
  SUBCASE("RFC 5118 §4.5: Via received with and without brackets") {
    message_options o = dgram_options();
    o.allow_lf_line_ends = true;
    const std::string with_text = data("torture/rfc5118/via-received-param-with-delim");
    auto with = parse_message(with_text, o);
    REQUIRE(with);
    CHECK(parse_via(with->find(header_id::via)->value)->front().received == "[2001:db8::9:255]");
    const std::string without_text = data("torture/rfc5118/via-received-param-no-delim");
    auto without = parse_message(without_text, o);
    REQUIRE(without);
    auto v = parse_via(without->find(header_id::via)->value);
    REQUIRE(v);
    CHECK(v->front().received == "2001:db8::9:255");
    CHECK(v->front().branch == "z9hG4bKas3");
    const std::string mult_text = data("torture/rfc5118-crlf/mult-ip-in-header");
    auto mult = parse_message(mult_text, dgram_options());
    REQUIRE(mult);
    std::vector<std::string> hosts;
    for (const auto& row : mult->rows(header_id::via)) {
      const auto parsed = parse_via(row.value);  // keep the result alive while iterating its view
      REQUIRE(parsed);
      for (const via_parm_view& p : *parsed) hosts.push_back(std::string(p.host) + "|" + std::string(p.received));
    }
    CHECK(hosts == std::vector<std::string>{"[2001:db8::9:1]|", "192.0.2.1|", "[2001:db8::9:255]|192.0.2.200"});
    const std::string mapped_text = data("torture/rfc5118-crlf/ipv4-mapped-ipv6");
    auto mapped = parse_message(mapped_text, dgram_options());
    REQUIRE(mapped);
    CHECK(mapped->discarded() == 9);
    CHECK(parse_via(mapped->find(header_id::via)->value)->front().port == 19823);
  }
}

namespace {
struct vector_case {
  const char* file;
  const char* note;
};
// clang-format off
const vector_case clean_vectors[] = {
  {"rfc3515/rfc3515-4.1-F1-REFER.sip", "Refer-To is a prose placeholder: framing still parses"},
  {"rfc3515/rfc3515-4.1-F2-202.sip", ""},
  {"rfc3515/rfc3515-4.1-F3-NOTIFY-100-Trying.sip", ""},
  {"rfc3515/rfc3515-4.1-F4-200-to-NOTIFY.sip", ""},
  {"rfc3515/rfc3515-4.1-F5-NOTIFY-200-OK-terminated.sip", ""},
  {"rfc3515/rfc3515-4.1-F6-200-to-NOTIFY.sip", ""},
  {"rfc3515/rfc3515-4.2-F7-REFER-second-in-dialog.sip", "Refer-To is a prose placeholder"},
  {"rfc3515/rfc3515-4.2-F8-202.sip", ""},
  {"rfc3515/rfc3515-4.2-F9-NOTIFY-id-100-Trying.sip", ""},
  {"rfc3515/rfc3515-4.2-F10-200-to-NOTIFY.sip", ""},
  {"rfc3515/rfc3515-4.2-F11-NOTIFY-id-terminated.sip", ""},
  {"rfc3515/rfc3515-4.2-F12-200-to-NOTIFY.sip", ""},
  {"rfc4488/rfc4488-6-REFER-Refer-Sub-false.sip", ""},
  {"rfc4579/rfc4579-5.11-F1-REFER-method-BYE.sip", ""},
  {"rfc4579/rfc4579-5.11-F5-BYE-from-focus.sip", ""},
  {"rfc4579/rfc4579-5.5-F1-REFER-add-participant.sip", ""},
  {"rfc4579/rfc4579-5.7-F1-REFER-with-nested-REFER.sip", ""},
  {"rfc4579/rfc4579-5.7-F5-REFER-focus-to-participant.sip", ""},
  {"rfc5368/rfc5368-9-fig4-BYE.sip", ""},
  {"oma-examples/constructed/01-refer-add-single-implicit-subscription.sip", ""},
  {"oma-examples/constructed/01b-202-accepted.sip", ""},
  {"oma-examples/constructed/01c-notify-refer-100-trying.sip", ""},
  {"oma-examples/constructed/01d-notify-refer-200-ok-terminated.sip", ""},
  {"oma-examples/constructed/01e-notify-refer-486-terminated.sip", ""},
  {"oma-examples/constructed/02-refer-add-single-refer-sub-false-rcs-style.sip", ""},
  {"oma-examples/constructed/02b-202-accepted-refer-sub-false.sip", ""},
  {"oma-examples/constructed/03-refer-add-multiple-rfc5368-rcs-style.sip", ""},
  {"oma-examples/constructed/04-invite-focus-to-invitee.sip", ""},
  {"oma-examples/constructed/05-subscribe-conference.sip", ""},
  {"oma-examples/constructed/05b-notify-conference-info-partial.sip", ""},
  {"oma-examples/constructed/06-403-forbidden-too-many-participants.sip", ""},
  {"oma-examples/constructed/06b-420-bad-extension-multiple-refer.sip", ""},
  {"oma-examples/constructed/07-refer-remove-single-method-bye.sip", ""},
  {"oma-examples/wire/rfc3515-4.1-F1.sip", ""},
  {"oma-examples/wire/rfc3515-4.1-F2.sip", ""},
  {"oma-examples/wire/rfc3515-4.1-F3.sip", ""},
  {"oma-examples/wire/rfc3515-4.1-F4.sip", ""},
  {"oma-examples/wire/rfc3515-4.1-F5.sip", ""},
  {"oma-examples/wire/rfc3515-4.1-F6.sip", ""},
  {"oma-examples/wire/rfc4488-6-refer-refer-sub-false.sip", ""},
  {"oma-examples/wire/rfc4579-5.11-F1-refer-remove-participant.sip", ""},
  {"oma-examples/wire/rfc4579-5.11-F5-bye-from-focus.sip", ""},
  {"oma-examples/wire/rfc4579-5.5-F1-refer-add-participant.sip", ""},
  {"oma-examples/wire/rfc5368-fig3-refer-multiple-targets.sip", "double SP collapsed, Content-Length recomputed"},
  {"oma-examples/wire/rfc5368-fig4-bye-from-focus.sip", ""},
};
// The RFC 5368 Figure 3 request line has two SP before SIP/2.0 (DIGEST §15), as do its
// RFC 8262 copies: strict parsing rejects them at the second SP, the named leniency accepts.
const vector_case double_sp_vectors[] = {
  {"rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip", ""},
  {"rfc8262/rfc8262-3.4.3-REFER-sip-content-id.sip", ""},
  {"derived/rfc8262-1.4.2-REFER-multipart.content-length-computed.sip", ""},
};
// clang-format on
}  // namespace

TEST_CASE("vectors: the REFER / NOTIFY / BYE example messages frame in both modes") {
  for (const vector_case& v : clean_vectors) {
    const std::string t = data(v.file);
    const std::string label = std::string(v.file) + " " + v.note;
    INFO(label);
    for (framing mode : {framing::stream, framing::datagram}) {
      message_options o;
      o.mode = mode;
      auto m = test::parse_exact([o](std::string_view in) { return parse_message(in, o); }, t);
      REQUIRE(m);
      CHECK(m->size() == t.size());
      CHECK(m->flags() == 0);
      CHECK_FALSE(m->first_duplicate());
      CHECK_FALSE(check_cseq(*m));
      CHECK(m->body().size() == m->content_length());
    }
  }
}

TEST_CASE("vectors: typed headers of the example messages") {
  for (const vector_case& v : clean_vectors) {
    const std::string t = data(v.file);
    const std::string label = v.file;
    INFO(label);
    auto m = parse_message(t);
    REQUIRE(m);
    const error e = typed_error(*m);
    if (std::string(v.file).find("rfc4488") != std::string::npos) {
      // RFC 4488 §6 writes `To: sip:b@example.com;opaque=urn:uuid:...;grid=99a` without <>
      // (DIGEST §15): the GRUU parameters become To header parameters, and `urn:uuid:...` is
      // not a `gen-value` token, so the typed To parser rejects it at the first ':'.
      CHECK(e == error{errc::trailing_garbage, t.find(":uuid")});
    } else {
      CHECK_FALSE(e);
    }
  }
}

TEST_CASE("vectors: the RFC 5368 double SP is a documented leniency") {
  for (const vector_case& v : double_sp_vectors) {
    const std::string t = data(v.file);
    const std::string label = v.file;
    INFO(label);
    test::check_error([](std::string_view in) { return parse_message(in); }, t, errc::bad_start_line,
                      t.find("  SIP/2.0") + 1);
    message_options o;
    o.allow_extra_sp_in_start_line = true;
    auto m = test::parse_exact([o](std::string_view in) { return parse_message(in, o); }, t);
    REQUIRE(m);
    CHECK(m->has_flag(flag_extra_sp_in_start_line));
    CHECK(m->request_uri() == "sip:conf-123@example.com;gruu;opaque=hha9s8d-999a");
    CHECK(m->size() == t.size());
    CHECK_FALSE(typed_error(*m));
  }
  // RFC 8262 §1.4.2 prints `Content-Length: ...`: a placeholder, rejected on purpose.
  const std::string p = data("rfc8262/rfc8262-1.4.2-REFER-multipart-single-part.sip");
  message_options o;
  o.allow_extra_sp_in_start_line = true;
  test::check_error([o](std::string_view in) { return parse_message(in, o); }, p, errc::bad_content_length,
                    p.find("Content-Length: ...") + 16);
}

TEST_CASE("vectors: RFC 5365 / RFC 5366 examples carry wrong Content-Length values (asserted on purpose)") {
  struct wrong {
    const char* file;
    std::size_t declared, actual;
  };
  const wrong cases[] = {
      {"rfc5365/rfc5365-9-fig2-F1-MESSAGE-recipient-list.sip", 501, 983},
      {"rfc5365/rfc5365-9-fig3-F3-MESSAGE-recipient-list-history.sip", 501, 791},
      {"rfc5366/rfc5366-6-fig3-F1-INVITE-recipient-list.sip", 690, 1166},
      {"rfc5366/rfc5366-6-fig4-F3-INVITE-recipient-list-history.sip", 690, 976},
  };
  for (const wrong& w : cases) {
    const std::string t = data(w.file);
    const std::string label = w.file;
    INFO(label);
    // Datagram: the octets beyond the declared length are discarded (RFC 3261 §18.3), which
    // cuts the multipart body before its close delimiter.
    auto d = parse_message(t, dgram_options());
    REQUIRE(d);
    CHECK(d->content_length() == w.declared);
    CHECK(d->discarded() == w.actual - w.declared);
    CHECK(d->has_flag(flag_trailing_bytes_discarded));
    auto b = boundary_of(d->find(header_id::content_type)->value);
    REQUIRE(b);
    auto mp = parse_multipart(d->body(), *b);
    CHECK(mp.code() == errc::missing_close_delimiter);
    // Stream: the message ends after the declared length and the rest is not a SIP message.
    auto s = parse_message(t);
    REQUIRE(s);
    CHECK(s->size() == t.size() - (w.actual - w.declared));
    CHECK_FALSE(parse_message(std::string_view(t).substr(s->size())));
  }
}
