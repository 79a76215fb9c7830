// SPDX-License-Identifier: MIT
/// @file test_alloc_message.cpp
/// Proves that message framing, header iteration, Via, multipart and sipfrag parsing
/// allocate nothing, and that composing messages into reserved storage allocates nothing
/// (the global operator new is replaced by a counting one, alloc_main.cpp).
#include <sipref/message.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <sipref/multipart.hpp>
#include <sipref/sipfrag.hpp>
#include <sipref/via.hpp>

#include "alloc/alloc_counter.hpp"
#include "support/test_support.hpp"

using namespace sipref;

namespace {

constexpr std::string_view kRefer =
    "\r\n"
    "REFER sip:conf-123@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TCP client.chicago.example.com\r\n"
    "        ;branch=z9hG4bKhjhs8ass83;received=2001:db8::9:255\r\n"
    "Max-Forwards: 70\r\n"
    "To: \"Conference 123\" <sip:conf-123@example.com>\r\n"
    "f: Carol <sip:carol@chicago.example.com>;tag=32331\r\n"
    "Call-ID: d432fa84b4c76e66710\r\n"
    "CSeq: 2 REFER\r\n"
    "Call-ID: duplicate\r\n"
    "r: <cid:cn35t8jf02@example.com>\r\n"
    "Require: multiple-refer\r\n"
    "Require: norefersub\r\n"
    "Content-Type: multipart/mixed;boundary=boundary1\r\n"
    "Content-Length: 156\r\n"
    "\r\n"
    "--boundary1\r\n"
    "Content-Type: application/resource-lists+xml\r\n"
    "Content-ID: <cn35t8jf02@example.com>\r\n"
    "\r\n"
    "<resource-lists/>\r\n"
    "--boundary1\r\n"
    "\r\n"
    "second\r\n"
    "--boundary1--\r\n";

}  // namespace

TEST_CASE("alloc: parse_message, header lookup and iteration allocate nothing") {
  const test::exact_buffer input(kRefer);
  const test::exact_buffer bad("INVITE <sip:a@b> SIP/2.0\r\nl: 0\r\n\r\n");
  const test::exact_buffer partial("REFER sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n");
  sipref_test::allocation_scope scope;
  const auto m = parse_message(input.view());
  std::size_t rows = 0, requires_ = 0, dups = 0;
  std::string_view refer_to;
  error cseq{};
  if (m) {
    for (const header_field_view& h : m->headers()) rows += h.name.empty() ? 0u : 1u;
    for (const header_field_view& h : m->rows(header_id::require)) requires_ += h.value.empty() ? 0u : 1u;
    for (const header_field_view& h : m->headers().duplicates()) dups += h.name.empty() ? 0u : 1u;
    refer_to = m->find("Refer-To") ? m->find("Refer-To")->value : std::string_view{};
    cseq = check_cseq(*m);
  }
  const auto e1 = parse_message(bad.view());
  const auto e2 = parse_message(partial.view());
  message_options dgram;
  dgram.mode = framing::datagram;
  const auto e3 = parse_message(partial.view(), dgram);
  const std::size_t n = scope.count();

  REQUIRE(m.has_value());
  CHECK(rows == 12);
  CHECK(m->size() == kRefer.size());
  CHECK(requires_ == 2);
  CHECK(dups == 1);
  CHECK(refer_to == "<cid:cn35t8jf02@example.com>");
  CHECK_FALSE(cseq);
  CHECK(e1.code() == errc::bad_start_line);
  CHECK(e2.code() == errc::need_more_data);
  CHECK(e3.code() == errc::missing_crlf);
  CHECK(n == 0);
}

TEST_CASE("alloc: parse_via and via-parm iteration allocate nothing") {
  const test::exact_buffer input(
      "SIP/2.0/UDP [2001:db8::9:1]:5060;received=2001:db8::9:255;branch=z9hG4bKas3, SIP/2.0/TCP h;rport");
  sipref_test::allocation_scope scope;
  const auto v = parse_via(input.view());
  std::size_t parms = 0, params = 0;
  if (v) {
    for (const via_parm_view& p : *v) {
      ++parms;
      params += p.params.size();
    }
  }
  const auto bad = parse_via("SIP/2.0/UDP h;;");
  const std::size_t n = scope.count();
  REQUIRE(v.has_value());
  CHECK(parms == 2);
  CHECK(params == 3);
  CHECK(bad.code() == errc::bad_param);
  CHECK(n == 0);
}

TEST_CASE("alloc: parse_multipart, part iteration and Content-ID lookup allocate nothing") {
  const test::exact_buffer input(kRefer);
  const auto m = parse_message(input.view());
  REQUIRE(m);
  sipref_test::allocation_scope scope;
  const auto b = boundary_of(m->find(header_id::content_type)->value);
  const auto body = b ? parse_multipart(m->body(), *b) : result<multipart_view>(error{errc::bad_boundary, 0});
  std::size_t parts = 0;
  if (body)
    for (const part_view& p : *body) parts += p.body.empty() ? 0u : 1u;
  const auto list = body ? body->find_by_content_id("cn35t8jf02@example.com") : result<part_view>(error{});
  const auto missing = body ? body->find_by_content_id("nope@example.com") : result<part_view>(error{});
  const auto broken = parse_multipart("--B\r\n\r\nx", "B");
  const std::size_t n = scope.count();
  REQUIRE(body.has_value());
  CHECK(parts == 2);
  REQUIRE(list.has_value());
  CHECK(list->body == "<resource-lists/>");
  CHECK(missing.code() == errc::part_not_found);
  CHECK(broken.code() == errc::missing_close_delimiter);
  CHECK(n == 0);
}

TEST_CASE("alloc: parse_sipfrag allocates nothing") {
  const test::exact_buffer ok(
      "SIP/2.0 420 Bad Extension\r\nUnsupported: multiple-refer\r\nContent-Length: 4\r\n\r\nbody");
  const test::exact_buffer bad("404 Not Found\r\n");
  sipref_test::allocation_scope scope;
  const auto f = parse_sipfrag(ok.view());
  const auto e = parse_sipfrag(bad.view());
  const std::size_t n = scope.count();
  REQUIRE(f.has_value());
  CHECK(f->status_code() == 420);
  CHECK(f->body() == "body");
  CHECK(e.code() == errc::bad_start_line);
  CHECK(n == 0);
}

TEST_CASE("alloc: composing a message, a multipart body and a sipfrag into reserved storage allocates nothing") {
  const header_pair hs[] = {
      {"Via", "SIP/2.0/TCP h;branch=z9hG4bK1"}, {"Max-Forwards", "70"}, {"r", "<sip:b@example.com>"}};
  message m;
  m.method = "REFER";
  m.request_uri = "sip:conf@example.com";
  m.headers = hs;
  m.content_type = "message/sipfrag";
  m.body = "SIP/2.0 200 OK\r\n";
  const header_pair part_headers[] = {{"Content-Type", "text/plain"}};
  const body_part parts[] = {{part_headers, "hello"}};
  std::string out;
  out.reserve(1024);
  std::array<char, 512> buf{};

  sipref_test::allocation_scope scope;
  const error e1 = append_to(out, m);
  const auto b = choose_boundary(parts);
  const error e2 = b ? append_to(out, multipart_body{parts, b->view()}) : b.error();
  const error e3 = append_to(out, sipfrag_status{200, "OK", {}});
  const error e4 = b ? append_to(out, header_row(multipart_content_type{"mixed", b->view()})) : b.error();
  const compose_result cr = compose_to(buf.data(), buf.data() + buf.size(), m);
  const auto size = composed_size(m);
  const error e5 = append_to(out, via_parm{"UDP", "192.0.2.1", 5060, "z9hG4bKabc", true});
  const std::size_t n = scope.count();

  CHECK_FALSE(e1);
  CHECK_FALSE(e2);
  CHECK_FALSE(e3);
  CHECK_FALSE(e4);
  CHECK_FALSE(e5);
  CHECK_FALSE(cr.ec);
  REQUIRE(size.has_value());
  CHECK(static_cast<std::size_t>(cr.ptr - buf.data()) == *size);
  CHECK(out.substr(0, 5) == "REFER");
  CHECK(n == 0);
}
