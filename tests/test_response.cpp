// SPDX-License-Identifier: MIT
#include <sipref/response.hpp>

#include <string>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
const std::string request =
    "NOTIFY sip:alice@192.0.2.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 192.0.2.5\r\n ;branch=z9hG4bKn1\r\n"
    "v: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1\r\n"
    "From: <sip:conf@example.com>;tag=f1\r\n"
    "To: <sip:alice@example.com>\r\n"
    "Call-ID: c1\r\nCSeq: 3 NOTIFY\r\nContent-Length: 0\r\n\r\n";
}

TEST_CASE("response: copies Via rows in order (unfolded), From, To, Call-ID, CSeq; adds a To tag") {
  auto m = parse_message(request);
  REQUIRE(m);
  const auto text = to_string(sip_response{*m, 200, "OK", "t9"});
  REQUIRE(text);
  CHECK(*text ==
        "SIP/2.0 200 OK\r\n"
        "Via: SIP/2.0/UDP 192.0.2.5 ;branch=z9hG4bKn1\r\n"
        "Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1\r\n"
        "From: <sip:conf@example.com>;tag=f1\r\n"
        "To: <sip:alice@example.com>;tag=t9\r\n"
        "Call-ID: c1\r\nCSeq: 3 NOTIFY\r\nContent-Length: 0\r\n\r\n");
  auto back = parse_message(*text);
  REQUIRE(back);
  CHECK(back->status_code() == 200);
}

TEST_CASE("response: an existing To tag is kept; bodies need a type; bad values are errors") {
  const std::string tagged = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:x@y>;tag=1\r\n"
                             "To: <sip:a@b>;tag=2\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
  auto m = parse_message(tagged);
  REQUIRE(m);
  const auto text = to_string(sip_response{*m, 200, "OK", "other"});
  REQUIRE(text);
  CHECK(text->find("To: <sip:a@b>;tag=2\r\n") != std::string::npos);
  CHECK(composed_size(sip_response{*m, 200, "OK", {}, {}, {}, "body"}).error().code == errc::missing_field);
  const auto with_body = to_string(sip_response{*m, 200, "OK", {}, {}, "text/plain", "hi"});
  REQUIRE(with_body);
  CHECK(with_body->find("Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi") != std::string::npos);
  CHECK(composed_size(sip_response{*m, 99, "x"}).error() == error{errc::invalid_argument, 0});
  CHECK(composed_size(sip_response{*m, 200, "O\r\nK"}).error().code == errc::invalid_argument);
  CHECK(composed_size(sip_response{*m, 200, "OK", "a b"}).error() == error{errc::bad_param, 1});
  const std::string no_cseq = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:x@y>\r\nTo: <sip:a@b>\r\n"
                              "Call-ID: c\r\nContent-Length: 0\r\n\r\n";
  auto n = parse_message(no_cseq);
  REQUIRE(n);
  CHECK(composed_size(sip_response{*n, 200, "OK"}).error() ==
        error{errc::missing_header, static_cast<std::size_t>(header_id::cseq)});
}

TEST_CASE("response: extra rows may not repeat the copied rows, give Content-Length or break a row") {
  // Found by fuzz_compose_headers (corpus compose_headers/crash-response-*): each of these
  // composed a response that parse_message refuses or reads as something else.
  auto m = parse_message(request);
  REQUIRE(m);
  const header_pair call_id[] = {{"i", "other"}};
  CHECK(composed_size(sip_response{*m, 200, "OK", {}, call_id}).error() == error{errc::duplicate_header, 0});
  const header_pair length[] = {{"Content-Length", "5"}};
  CHECK(composed_size(sip_response{*m, 200, "OK", {}, length}).error() == error{errc::invalid_argument, 0});
  const header_pair type[] = {{"Content-Type", "text/html"}};
  CHECK(composed_size(sip_response{*m, 200, "OK", {}, type, "text/plain", "hi"}).error() ==
        error{errc::duplicate_header, 0});
  CHECK(composed_size(sip_response{*m, 200, "OK", {}, {}, "text/plain\r\nInjected: yes", "hi"}).error() ==
        error{errc::invalid_argument, 10});
  CHECK(composed_size(sip_response{*m, 200, "OK", {}, {}, std::string_view("text/pl\x11in"), "hi"}).error() ==
        error{errc::invalid_argument, 7});
  // Without a body the extra rows may carry the type, and multi-valued rows may repeat.
  const header_pair fine[] = {{"Content-Type", "text/plain"}, {"Via", "SIP/2.0/UDP extra.example.com"}, {"Subject", "x"}};
  const auto text = to_string(sip_response{*m, 200, "OK", {}, fine});
  REQUIRE(text);
  const auto back = parse_message(*text);
  REQUIRE(back);
  CHECK(back->headers().duplicates().empty());
}
