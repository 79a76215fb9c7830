// SPDX-License-Identifier: MIT
/// @file test_sipfrag.cpp
/// message/sipfrag (RFC 3420): the 15 RFC examples, PEERS.md (c) 17 shapes, NOTIFY bodies of
/// RFC 3515, and the status-line composer.
#include <sipref/sipfrag.hpp>

#include <string>

#include <sipref/address_headers.hpp>
#include <sipref/message.hpp>
#include <sipref/scalar_headers.hpp>
#include <sipref/via.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
auto frag(sipfrag_options o = {}) {
  return [o](std::string_view in) { return parse_sipfrag(in, o); };
}
const auto strict = frag();
std::string data(const std::string& name) { return test::read_data("rfc3420/rfc3420-" + name + ".sipfrag"); }

/// RFC 3420 §2: every header present must itself be valid. The framing parser checks rows;
/// this test-local step runs the typed parsers over the headers they cover and returns the
/// first failure with its offset in the fragment.
error first_typed_error(const header_fields_view& headers) {
  for (const header_field_view& h : headers) {
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
      case header_id::cseq:
        e = parse_cseq(h.value).error();
        break;
      default:
        break;
    }
    if (e) return {e.code, h.value_offset + e.offset};
  }
  return {};
}
}  // namespace

static_assert(noexcept(parse_sipfrag(std::string_view{})));
static_assert(parse_sipfrag("SIP/2.0 200 OK\r\n")->status_code() == 200);
static_assert(parse_sipfrag("SIP/2.0 100 Trying\r\n").has_value() &&
              !parse_sipfrag("SIP/2.0 100 Trying\r\n")->is_final());
static_assert(parse_sipfrag("SIP/2.0 100 Trying").code() == errc::missing_crlf);

TEST_CASE("sipfrag: the seven valid RFC 3420 §3.1 examples") {
  {
    auto f = test::parse_exact(strict, data("3.1-valid-01"));
    REQUIRE(f);
    CHECK(f->is_request());
    CHECK(f->method() == "INVITE");
    CHECK(f->request_uri() == "sip:alice@atlanta.com");
    CHECK(f->headers().empty());
    CHECK(f->body().empty());
  }
  {
    auto f = test::parse_exact(strict, data("3.1-valid-02"));
    REQUIRE(f);
    CHECK(f->is_response());
    CHECK(f->status_code() == 603);
    CHECK(f->reason() == "Declined");
    CHECK(f->is_final());
  }
  {
    auto f = test::parse_exact(strict, data("3.1-valid-03"));
    REQUIRE(f);
    CHECK(f->method() == "REGISTER");
    CHECK(f->headers().size() == 2);
    const auto contact = f->headers().find(header_id::contact);
    REQUIRE(contact);
    auto c = parse_contact(contact->value);  // the folded two-value list
    REQUIRE(c);
    CHECK(c->list.size() == 2);
    CHECK_FALSE(first_typed_error(f->headers()));
  }
  {
    auto f = test::parse_exact(strict, data("3.1-valid-04"));
    REQUIRE(f);
    CHECK(f->status_code() == 400);
    CHECK(f->headers().find(header_id::warning)->value == "399 atlanta.com Your Event header field was malformed");
  }
  {
    auto f = test::parse_exact(strict, data("3.1-valid-05"));
    REQUIRE(f);
    CHECK_FALSE(f->has_start_line());
    CHECK(f->status_code() == 0);
    CHECK(f->headers().size() == 6);
    CHECK(f->headers().find("CSEQ")->value == "314159 INVITE");
    CHECK_FALSE(first_typed_error(f->headers()));
  }
  {
    // RFC 3420's own SDP example declares Content-Length 247 for a 246-octet body (DIGEST
    // §15). We keep the RFC 3261 rule (the length must match) and make the defect visible:
    // strict parsing reports it at the Content-Length value; the named leniency accepts it,
    // takes the whole rest as body, and flags it.
    const std::string text = data("3.1-valid-06");
    test::check_error(strict, text, errc::body_too_short, text.find("247"));
    sipfrag_options o;
    o.allow_content_length_mismatch = true;
    auto f = test::parse_exact(frag(o), text);
    REQUIRE(f);
    CHECK(f->has_flag(flag_content_length_mismatch));
    CHECK(f->status_code() == 200);
    CHECK(f->body().size() == 246);
    CHECK(f->body().substr(0, 5) == "v=0\r\n");
    CHECK(f->has_empty_line());
  }
  {
    auto f = test::parse_exact(strict, data("3.1-valid-07"));
    REQUIRE(f);
    CHECK_FALSE(f->has_start_line());
    CHECK(f->body() == "Hi There!\r\n");
    CHECK(f->headers().find(header_id::content_type)->value == "text/plain");
    CHECK(f->flags() == 0);
  }
}

TEST_CASE("sipfrag: the eight invalid RFC 3420 §3.2 examples are rejected") {
  test::check_error(strict, data("3.2-INVALID-01"), errc::bad_start_line, 6);  // "INVITE"
  test::check_error(strict, data("3.2-INVALID-02"), errc::bad_version, 29);    // SIP/1.09
  test::check_error(strict, data("3.2-INVALID-03"), errc::bad_start_line, 7);  // "SIP/2.0"
  test::check_error(strict, data("3.2-INVALID-04"), errc::bad_start_line, 7);  // "404 Not Found"
  test::check_error(strict, data("3.2-INVALID-08"), errc::missing_colon, 42);  // "Hi There!" is not a header
  // 05-07 are well framed; their header values are invalid (RFC 3420 §2: each element must be
  // valid), which the typed parsers report.
  {
    const std::string text = data("3.2-INVALID-05");
    auto f = test::parse_exact(strict, text);
    REQUIRE(f);
    CHECK(first_typed_error(f->headers()) == error{errc::bad_host, text.find(";branch")});  // Via without sent-by
    auto to = parse_from_to(f->headers().find(header_id::to)->value);                       // To: <>;tag=39234
    CHECK_FALSE(to);
  }
  {
    const std::string text = data("3.2-INVALID-06");
    auto f = test::parse_exact(strict, text);
    REQUIRE(f);
    CHECK(first_typed_error(f->headers()) == error{errc::trailing_garbage, text.find(" is invalid") + 1});
  }
  {
    const std::string text = data("3.2-INVALID-07");
    auto f = test::parse_exact(strict, text);
    REQUIRE(f);
    CHECK(first_typed_error(f->headers()) == error{errc::duplicate_param, text.rfind("tag=")});
  }
}

TEST_CASE("sipfrag: PEERS.md (c) 17 shapes") {
  // No final CRLF: flagged, accepted only leniently.
  test::check_error(strict, "SIP/2.0 100 Trying", errc::missing_crlf, 18);
  sipfrag_options nocrlf;
  nocrlf.allow_missing_final_crlf = true;
  auto a = test::parse_exact(frag(nocrlf), "SIP/2.0 100 Trying");
  REQUIRE(a);
  CHECK(a->status_code() == 100);
  CHECK(a->reason() == "Trying");
  CHECK(a->has_flag(flag_missing_final_crlf));
  // LF only.
  test::check_error(strict, "SIP/2.0 100 Trying\n", errc::missing_crlf, 18);
  sipfrag_options lf;
  lf.allow_lf_line_ends = true;
  auto b = test::parse_exact(frag(lf), "SIP/2.0 100 Trying\n");
  REQUIRE(b);
  CHECK(b->has_flag(flag_lf_line_ends));
  CHECK(b->reason() == "Trying");
  // A status line with a header and no body.
  auto c = test::parse_exact(strict, "SIP/2.0 420 Bad Extension\r\nReason: SIP;cause=183\r\n");
  REQUIRE(c);
  CHECK(c->status_code() == 420);
  CHECK(c->headers().find(header_id::reason)->value == "SIP;cause=183");
  CHECK_FALSE(c->has_empty_line());
  // An empty body is a valid (empty) fragment: every element of `sipfrag` is optional.
  auto d = test::parse_exact(strict, "");
  REQUIRE(d);
  CHECK_FALSE(d->has_start_line());
  CHECK(d->headers().empty());
  // No Reason-Phrase, no final CRLF.
  test::check_error(strict, "SIP/2.0 200", errc::bad_start_line, 11);
  sipfrag_options lenient;
  lenient.allow_missing_reason_phrase = true;
  lenient.allow_missing_final_crlf = true;
  auto e = test::parse_exact(frag(lenient), "SIP/2.0 200");
  REQUIRE(e);
  CHECK(e->status_code() == 200);
  CHECK(e->is_final());
  CHECK(e->has_flag(flag_missing_reason_phrase));
  CHECK(e->has_flag(flag_missing_final_crlf));
  // A 200+ byte reason (pjsip's 128-byte buffer).
  const std::string reason(300, 'r');
  auto g = test::parse_exact(strict, "SIP/2.0 503 " + reason + "\r\n");
  REQUIRE(g);
  CHECK(g->reason() == reason);
}

TEST_CASE("sipfrag: bodies need Content-Length and the empty line (RFC 3420 §2)") {
  test::check_error(strict, "SIP/2.0 200 OK\r\n\r\nbody", errc::bad_sipfrag, 18);
  test::check_error(strict, "SIP/2.0 200 OK\r\nContent-Length: 5\r\n\r\nbody", errc::body_too_short, 32);
  test::check_error(strict, "SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nbody", errc::bad_content_length, 32);
  test::check_error(strict, "SIP/2.0 200 OK\r\nl: -1\r\n\r\nbody", errc::bad_content_length, 19);
  test::check_error(strict, "SIP/2.0 200 OK\r\nl: 4\r\nl: 5\r\n\r\nbody", errc::bad_content_length, 25);
  auto ok = test::parse_exact(strict, "SIP/2.0 200 OK\r\nl: 4\r\n\r\nbody");
  REQUIRE(ok);
  CHECK(ok->body() == "body");
  CHECK(ok->body_offset() == 24);
  // The empty line alone (body deleted from the fragment) is allowed, as is a Content-Length
  // that describes the deleted body.
  auto del = test::parse_exact(strict, "SIP/2.0 200 OK\r\nContent-Length: 5\r\n\r\n");
  REQUIRE(del);
  CHECK(del->has_empty_line());
  CHECK(del->body().empty());
  // Header-row errors.
  test::check_error(strict, "SIP/2.0 200 OK\r\n Reason: x\r\n", errc::bad_folding, 16);
  test::check_error(strict, "SIP/2.0 200 OK\r\nReason x\r\n", errc::missing_colon, 23);
  test::check_error(strict, "SIP/2.0 200 OK\r\nReason: x", errc::missing_crlf, 25);
  test::check_error(strict, "SIP/2.0 200 OK\r\nReason: x\n", errc::missing_crlf, 25);
  sipfrag_options rows;
  rows.max_header_rows = 1;
  test::check_error(frag(rows), "SIP/2.0 200 OK\r\nA: 1\r\nB: 2\r\n", errc::header_too_many, 22);
  // A start line with a header glued to it is not a header: "INVITE:" is one.
  auto hdr = test::parse_exact(strict, "INVITE: x\r\n");
  REQUIRE(hdr);
  CHECK_FALSE(hdr->has_start_line());
  CHECK(hdr->headers().find("INVITE")->value == "x");
}

TEST_CASE("sipfrag: NOTIFY bodies of RFC 3515 §4.1 (F3, F5)") {
  const std::string f3 = test::read_data("rfc3515/rfc3515-4.1-F3-NOTIFY-100-Trying.sip");
  auto n3 = parse_message(f3);
  REQUIRE(n3);
  CHECK(n3->find(header_id::content_type)->value == "message/sipfrag;version=2.0");
  auto s3 = parse_sipfrag(n3->body());
  REQUIRE(s3);
  CHECK(s3->status_code() == 100);
  CHECK_FALSE(s3->is_final());
  const std::string f5 = test::read_data("rfc3515/rfc3515-4.1-F5-NOTIFY-200-OK-terminated.sip");
  auto n5 = parse_message(f5);
  REQUIRE(n5);
  auto s5 = parse_sipfrag(n5->body());
  REQUIRE(s5);
  CHECK(s5->status_code() == 200);
  CHECK(s5->reason() == "OK");
  CHECK(s5->is_final());
}

TEST_CASE("sipfrag: composing status-line fragments") {
  auto ok = to_string(sipfrag_status{200, "OK", {}});
  REQUIRE(ok);
  CHECK(*ok == "SIP/2.0 200 OK\r\n");
  CHECK(ok->size() == 16);  // RFC 3515 F5's Content-Length
  const header_pair hs[] = {{"Reason", "SIP;cause=183"}, {"Warning", "399 h \"x\""}};
  auto withh = to_string(sipfrag_status{420, "Bad Extension", hs});
  REQUIRE(withh);
  CHECK(*withh == "SIP/2.0 420 Bad Extension\r\nReason: SIP;cause=183\r\nWarning: 399 h \"x\"\r\n");
  // compose → parse round trip, including a 200-byte reason.
  const std::string reason(200, 'z');
  auto big = to_string(sipfrag_status{503, reason, {}});
  REQUIRE(big);
  auto p = test::parse_exact(strict, *big);
  REQUIRE(p);
  CHECK(p->reason() == reason);
  auto q = test::parse_exact(strict, *withh);
  REQUIRE(q);
  CHECK(q->status_code() == 420);
  CHECK(q->headers().size() == 2);
  // As a NOTIFY body: the message composer computes the Content-Length.
  const header_pair nh[] = {{"Event", "refer"}, {"Subscription-State", "terminated;reason=noresource"}};
  message notify;
  notify.method = "NOTIFY";
  notify.request_uri = "sip:a@b";
  notify.headers = nh;
  notify.content_type = "message/sipfrag;version=2.0";
  notify.body = *ok;
  auto text = to_string(notify);
  REQUIRE(text);
  CHECK(text->find("Content-Length: 16\r\n\r\nSIP/2.0 200 OK\r\n") != std::string::npos);

  CHECK(to_string(sipfrag_status{99, "x", {}}).error() == error{errc::invalid_argument, 0});
  CHECK(to_string(sipfrag_status{700, "x", {}}).error() == error{errc::invalid_argument, 0});
  CHECK(to_string(sipfrag_status{200, "OK\r\nX: y", {}}).error() == error{errc::invalid_argument, 2});
  CHECK(to_string(sipfrag_status{200, "\"quoted\"", {}}).error() == error{errc::invalid_argument, 0});
  const header_pair bad[] = {{"Reason", "a\r\nb"}};
  CHECK(to_string(sipfrag_status{200, "OK", bad}).error() == error{errc::invalid_argument, 1});
  auto empty_reason = to_string(sipfrag_status{100, "", {}});
  REQUIRE(empty_reason);
  CHECK(*empty_reason == "SIP/2.0 100 \r\n");
  CHECK(test::parse_exact(strict, *empty_reason));
}
