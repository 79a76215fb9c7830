// SPDX-License-Identifier: MIT
/// @file test_message.cpp
/// Whole-message framing: start lines, header rows, Content-Length, stream and datagram
/// modes, duplicate reporting, the CSeq check, and the message composer.
#include <sipref/message.hpp>

#include <string>
#include <utility>
#include <vector>

#include "support/test_support.hpp"

using namespace sipref;

namespace {

message_options stream_opts() { return message_options{}; }
message_options dgram_opts() {
  message_options o;
  o.mode = framing::datagram;
  return o;
}

auto parser(message_options o) {
  return [o](std::string_view in) { return parse_message(in, o); };
}
const auto stream = parser(stream_opts());
const auto dgram = parser(dgram_opts());

constexpr std::string_view kRefer =
    "REFER sip:conf-123@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TCP client.chicago.example.com\r\n"
    "        ;branch=z9hG4bKhjhs8ass83\r\n"
    "Max-Forwards: 70\r\n"
    "To: \"Conference 123\" <sip:conf-123@example.com>\r\n"
    "f: Carol <sip:carol@chicago.example.com>;tag=32331\r\n"
    "Call-ID: d432fa84b4c76e66710\r\n"
    "CSeq: 2 REFER\r\n"
    "Contact: <sip:carol@client.chicago.example.com>\r\n"
    "r: <sip:bob@example.com>  \r\n"
    "Require: multiple-refer\r\n"
    "Require : norefersub, x\r\n"
    "X-Custom:\tone\r\n"
    "x-custom: two\r\n"
    "Subject:\r\n"
    "l: 4\r\n"
    "\r\n"
    "body";

std::string request_with(std::string_view headers, std::string_view body = {}) {
  std::string m = "OPTIONS sip:a@example.com SIP/2.0\r\n";
  m += headers;
  m += "\r\n";
  m += body;
  return m;
}

std::string sv(std::string_view v) { return std::string(v); }

}  // namespace

// constexpr proofs: whole-message parsing runs at compile time.
static_assert(parse_message(kRefer).has_value());
static_assert(parse_message(kRefer)->find(header_id::refer_to)->value == "<sip:bob@example.com>");
static_assert(parse_message(kRefer)->body() == "body");
static_assert(parse_message("SIP/2.0 200 OK\r\nl: 0\r\n\r\n")->status_code() == 200);
static_assert(parse_message("REFE").code() == errc::need_more_data);

TEST_CASE("message: request start line, header rows and body") {
  auto m = test::parse_exact(stream, kRefer);
  REQUIRE(m);
  CHECK(m->is_request());
  CHECK(m->method() == "REFER");
  CHECK(m->request_uri() == "sip:conf-123@example.com");
  CHECK(m->version() == "SIP/2.0");
  CHECK(m->start_line() == "REFER sip:conf-123@example.com SIP/2.0");
  CHECK(m->headers().size() == 14);
  CHECK(m->body() == "body");
  CHECK(m->has_content_length());
  CHECK(m->content_length() == 4);
  CHECK(m->size() == kRefer.size());
  CHECK(m->text() == kRefer);
  CHECK(m->flags() == 0);

  // A folded value keeps its fold; trailing LWS is trimmed.
  const auto via = m->find(header_id::via);
  REQUIRE(via);
  CHECK(via->value == "SIP/2.0/TCP client.chicago.example.com\r\n        ;branch=z9hG4bKhjhs8ass83");
  CHECK(via->name_offset == kRefer.find("Via:"));
  CHECK(via->value_offset == kRefer.find("SIP/2.0/TCP"));
  const auto rt = m->find("Refer-To");  // finds the compact row
  REQUIRE(rt);
  CHECK(rt->name == "r");
  CHECK(rt->id == header_id::refer_to);
  CHECK(rt->value == "<sip:bob@example.com>");
  CHECK(m->find("FROM")->value == "Carol <sip:carol@chicago.example.com>;tag=32331");
  CHECK(m->find(header_id::subject)->value.empty());
  CHECK(m->find(header_id::subject)->value_offset == kRefer.find("Subject:") + 8);
  CHECK_FALSE(m->find(header_id::refer_sub));
  CHECK_FALSE(m->find(header_id::unknown));

  // List headers split over rows read as one list; unknown headers match by name.
  std::string requires_;
  for (const auto& h : m->rows(header_id::require)) requires_ += sv(h.value) + "|";
  CHECK(requires_ == "multiple-refer|norefersub, x|");
  CHECK(m->count(header_id::require) == 2);
  CHECK(m->headers().count("x-CUSTOM") == 2);
  CHECK(m->headers().find("X-Custom")->value == "one");
  CHECK(m->headers().rows("X-Custom").size() == 2);
  CHECK(m->headers().count("Norefer-Sub") == 0);
  CHECK_FALSE(m->first_duplicate());

  // Iteration visits every row in order.
  std::vector<std::string> names;
  for (const auto& h : m->headers()) names.push_back(sv(h.name));
  CHECK(names.front() == "Via");
  CHECK(names.back() == "l");
  CHECK(names.size() == 14);
  CHECK(m->headers().text().substr(0, 4) == "Via:");
  CHECK(m->headers().offset() == kRefer.find("Via:"));
  CHECK(m->body_offset() == kRefer.size() - 4);
}

TEST_CASE("message: responses, reason phrases (RFC 3261 §25.1 Reason-Phrase)") {
  auto r = test::parse_exact(stream, "SIP/2.0 202 Accepted\r\nContent-Length: 0\r\n\r\n");
  REQUIRE(r);
  CHECK(r->is_response());
  CHECK(r->status_code() == 202);
  CHECK(r->reason() == "Accepted");
  CHECK(r->method().empty());
  CHECK(r->body().empty());
  // Version is case-insensitive on receipt (RFC 3261 §7.1); empty reason after the SP.
  auto e = test::parse_exact(stream, "sip/2.0 100 \r\nl: 0\r\n\r\n");
  REQUIRE(e);
  CHECK(e->reason().empty());
  // Escapes, UTF-8 and reserved characters are all Reason-Phrase.
  CHECK(test::parse_exact(stream, "SIP/2.0 200 = 2**3 * 5**2 \xd0\xbd%20;/?:@&=+$,\r\nl: 0\r\n\r\n"));
  // A 200-byte reason (PEERS.md (c) 17: no fixed buffers).
  CHECK(test::parse_exact(stream, "SIP/2.0 486 " + std::string(200, 'x') + "\r\nl: 0\r\n\r\n"));

  test::check_error(stream, "SIP/2.0 200 OK \"quoted\"\r\nl: 0\r\n\r\n", errc::bad_reason_phrase, 15);
  test::check_error(stream, "SIP/2.0 200 100%zz\r\nl: 0\r\n\r\n", errc::bad_reason_phrase, 15);
  test::check_error(stream, "SIP/2.0 200 a\xc3(\r\nl: 0\r\n\r\n", errc::bad_reason_phrase, 13);
  test::check_error(stream, std::string_view("SIP/2.0 200 a\0b\r\nl: 0\r\n\r\n", 24), errc::bad_reason_phrase, 13);
  message_options any = stream_opts();
  any.allow_any_reason_phrase = true;
  auto q = test::parse_exact(parser(any), "SIP/2.0 200 OK \"quoted\" [x]\r\nl: 0\r\n\r\n");
  REQUIRE(q);
  CHECK(q->has_flag(flag_nonstandard_reason_phrase));
  test::check_error(parser(any), std::string_view("SIP/2.0 200 a\0b\r\nl: 0\r\n\r\n", 24), errc::bad_reason_phrase, 13);

  // RFC 4475 §3.1.1.13: lenient parsers may accept the SP missing.
  test::check_error(stream, "SIP/2.0 100\r\nl: 0\r\n\r\n", errc::bad_start_line, 11);
  message_options nr = stream_opts();
  nr.allow_missing_reason_phrase = true;
  auto n = test::parse_exact(parser(nr), "SIP/2.0 100\r\nl: 0\r\n\r\n");
  REQUIRE(n);
  CHECK(n->status_code() == 100);
  CHECK(n->has_flag(flag_missing_reason_phrase));
}

TEST_CASE("message: start-line errors assert code and offset (RFC 3261 §7.1, RFC 4475 §3.1.2)") {
  test::check_error(stream, "INVITE  sip:a@b SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 7);
  test::check_error(stream, "INVITE sip:a@b  SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 15);
  test::check_error(stream, "INVITE sip:a@b SIP/2.0 \r\nl: 0\r\n\r\n", errc::bad_start_line, 22);
  test::check_error(stream, "INVITE <sip:a@b> SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 7);
  test::check_error(stream, "INVITE sip:a@b; lr SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 15);
  test::check_error(stream, "INVITE sip:a@b\tx SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 14);
  test::check_error(stream, "INVITE sip:a%4@b SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 12);
  test::check_error(stream, "INVITE a@b SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 8);
  test::check_error(stream, "INVITE sip: SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 11);
  test::check_error(stream, "INVITE sip:a@b SIP/7.0\r\nl: 0\r\n\r\n", errc::bad_version, 15);
  test::check_error(stream, "INVITE sip:a@b SIP/2.00\r\nl: 0\r\n\r\n", errc::bad_version, 15);
  test::check_error(stream, "INVITE sip:a@b HTTP/1.1\r\nl: 0\r\n\r\n", errc::bad_version, 15);
  test::check_error(stream, "INVITE sip:a@b\r\nl: 0\r\n\r\n", errc::bad_start_line, 14);
  test::check_error(stream, "INVITE\r\nl: 0\r\n\r\n", errc::bad_start_line, 6);
  test::check_error(stream, "INV<ITE sip:a@b SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_method, 3);
  test::check_error(stream, " INVITE sip:a@b SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 0);
  test::check_error(stream, "HTTP/1.1 200 OK\r\nl: 0\r\n\r\n", errc::bad_method, 4);
  test::check_error(stream, "SIP/2.0 4294967301 x\r\nl: 0\r\n\r\n", errc::bad_status_code, 8);
  test::check_error(stream, "SIP/2.0 099 x\r\nl: 0\r\n\r\n", errc::bad_status_code, 8);
  test::check_error(stream, "SIP/2.0 700 x\r\nl: 0\r\n\r\n", errc::bad_status_code, 8);
  test::check_error(stream, "SIP/2.0 20x OK\r\nl: 0\r\n\r\n", errc::bad_status_code, 8);
  test::check_error(stream, "SIP/2.0  200 OK\r\nl: 0\r\n\r\n", errc::bad_start_line, 8);
  test::check_error(stream, "SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 7);
  test::check_error(stream, "SIP/3.0 200 OK\r\nl: 0\r\n\r\n", errc::bad_version, 0);
  test::check_error(dgram, "\r\nOPTIONS sip:a@b SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 0);
  // PEERS.md (c) 22: short tokens at the end of the buffer.
  test::check_error(stream, "REFE", errc::need_more_data, 4);
  test::check_error(stream, "REFER", errc::need_more_data, 5);
  test::check_error(stream, "REFER ", errc::need_more_data, 6);
  test::check_error(dgram, "REFE", errc::bad_start_line, 4);
  test::check_error(dgram, "REFER", errc::bad_start_line, 5);
  test::check_error(dgram, "REFER sip:a@b SIP/2.0", errc::missing_crlf, 21);
  test::check_error(dgram, "REFER sip:a@b SIP/2.0\r", errc::missing_crlf, 21);
}

TEST_CASE("message: the RFC 5368 double SP is a named leniency") {
  const std::string m = "REFER sip:conf-123@example.com;gruu;opaque=hha9s8d-999a  SIP/2.0\r\nl: 0\r\n\r\n";
  test::check_error(stream, m, errc::bad_start_line, 56);
  message_options o = stream_opts();
  o.allow_extra_sp_in_start_line = true;
  auto r = test::parse_exact(parser(o), m);
  REQUIRE(r);
  CHECK(r->request_uri() == "sip:conf-123@example.com;gruu;opaque=hha9s8d-999a");
  CHECK(r->version() == "SIP/2.0");
  CHECK(r->has_flag(flag_extra_sp_in_start_line));
  auto t = test::parse_exact(parser(o), "INVITE   sip:a@b   SIP/2.0   \r\nl: 0\r\n\r\n");
  REQUIRE(t);
  CHECK(t->request_uri() == "sip:a@b");
  auto s = test::parse_exact(parser(o), "SIP/2.0   200 OK\r\nl: 0\r\n\r\n");
  REQUIRE(s);
  CHECK(s->status_code() == 200);
  // The leniency does not admit SP inside the URI.
  test::check_error(parser(o), "INVITE sip:a@b c SIP/2.0\r\nl: 0\r\n\r\n", errc::bad_start_line, 14);
}

TEST_CASE("message: header-row errors (RFC 3261 §7.3.1, §25.1; PEERS.md (c) 20, 21)") {
  const std::size_t h = 35;  // rows start after "OPTIONS sip:a@example.com SIP/2.0\r\n"
  test::check_error(stream, request_with(" Via: x\r\nl: 0\r\n"), errc::bad_folding, h);
  test::check_error(stream, request_with("Refer-To\r\n : <sip:a@b>\r\nl: 0\r\n"), errc::bad_folding, h + 8);
  test::check_error(stream, request_with("Refer-To\x01: <sip:a@b>\r\nl: 0\r\n"), errc::bad_header_name, h + 8);
  test::check_error(stream, request_with("Refer-To x: <sip:a@b>\r\nl: 0\r\n"), errc::missing_colon, h + 9);
  test::check_error(stream, request_with("Foobar roobar\r\nl: 0\r\n"), errc::missing_colon, h + 7);
  test::check_error(stream, request_with("Foobar\r\nl: 0\r\n"), errc::missing_colon, h + 6);
  test::check_error(stream, request_with(": x\r\nl: 0\r\n"), errc::bad_header_name, h);
  test::check_error(stream, request_with("Refer@To: x\r\nl: 0\r\n"), errc::bad_header_name, h + 5);
  test::check_error(stream, request_with(std::string("X: a\0b\r\nl: 0\r\n", 14)), errc::control_char, h + 4);
  test::check_error(stream, request_with(std::string("Refer-To: <sip:a@b>\r\n   \0\r\nl: 0\r\n", 33)),
                    errc::control_char, h + 24);
  test::check_error(stream, request_with("X: a\rb\r\nl: 0\r\n"), errc::control_char, h + 4);
  test::check_error(stream, request_with("X: a\x7f\r\nl: 0\r\n"), errc::control_char, h + 4);
  test::check_error(stream, request_with("X: a\nl: 0\r\n"), errc::missing_crlf, h + 4);
  test::check_error(stream, "OPTIONS sip:a@b SIP/2.0\nl: 0\r\n\r\n", errc::missing_crlf, 23);
  // SP/HTAB before the colon is fine (HCOLON), so is a value split over several folds.
  auto ok = test::parse_exact(stream, request_with("Refer-To : a\r\nX\t:b\r\n\t c\r\n d\r\nl: 0\r\n"));
  REQUIRE(ok);
  CHECK(ok->find("Refer-To")->value == "a");
  CHECK(ok->find("X")->value == "b\r\n\t c\r\n d");
}

TEST_CASE("message: a value ending in LWS at the end of the buffer (PEERS.md (c) 20)") {
  const std::string head = "OPTIONS sip:a@b SIP/2.0\r\nRefer-To: <sip:a@b>   ";
  test::check_error(stream, head, errc::need_more_data, head.size());
  test::check_error(stream, head + "\r\n", errc::need_more_data, head.size() + 2);
  test::check_error(stream, head + "\r\n ", errc::need_more_data, head.size() + 3);
  test::check_error(dgram, head, errc::missing_crlf, head.size());
  auto m = test::parse_exact(stream, head + "\r\n \r\nl: 0\r\n\r\n");
  REQUIRE(m);
  CHECK(m->find(header_id::refer_to)->value == "<sip:a@b>");  // trailing LWS and fold trimmed
}

static_assert(noexcept(parse_message(std::string_view{})));
static_assert(noexcept(check_cseq(std::declval<const message_view&>())));

TEST_CASE("message: bare-LF line ends are a named leniency") {
  const std::string lf = "OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\n ;branch=z9hG4bK1\nl: 2\n\nab";
  test::check_error(stream, lf, errc::missing_crlf, 23);
  message_options o = stream_opts();
  o.allow_lf_line_ends = true;
  auto m = test::parse_exact(parser(o), lf);
  REQUIRE(m);
  CHECK(m->has_flag(flag_lf_line_ends));
  CHECK(m->find(header_id::via)->value == "SIP/2.0/UDP h\n ;branch=z9hG4bK1");
  CHECK(m->body() == "ab");
  std::size_t rows = 0;
  for (const auto& row : m->headers()) rows += row.name.empty() ? 0u : 1u;
  CHECK(rows == 2);
}

TEST_CASE("message: Content-Length parsing (RFC 3261 §20.14; RFC 4475 ncl, mcl01; PEERS.md (c) 19)") {
  const std::size_t v = 35 + 16;  // value offset of "Content-Length: " on the first row
  test::check_error(stream, request_with("Content-Length: -999\r\n"), errc::bad_content_length, v);
  test::check_error(stream, request_with("Content-Length: +5\r\n"), errc::bad_content_length, v);
  test::check_error(stream, request_with("Content-Length: 99999999999999999999\r\n"), errc::bad_content_length, v);
  test::check_error(stream, request_with("Content-Length: 12a\r\n"), errc::bad_content_length, v + 2);
  test::check_error(stream, request_with("Content-Length: 1 2\r\n"), errc::bad_content_length, v + 2);
  test::check_error(stream, request_with("Content-Length:\r\n"), errc::bad_content_length, v - 1);
  test::check_error(stream, request_with("Content-Length: 4294967328\r\n"), errc::need_more_data, 35 + 28 + 2);
  test::check_error(dgram, request_with("Content-Length: 4294967328\r\n"), errc::body_too_short, v);
  // Conflicting duplicates are fatal at the second value; equal ones are only a duplicate.
  test::check_error(stream, request_with("l: 1\r\nContent-Length: 2\r\n", "ab"), errc::bad_content_length, 35 + 6 + 16);
  auto same = test::parse_exact(stream, request_with("l: 2\r\nContent-Length: 02\r\n", "ab"));
  REQUIRE(same);
  CHECK(same->body() == "ab");
  REQUIRE(same->first_duplicate());
  CHECK(same->first_duplicate()->id == header_id::content_length);
  CHECK(same->first_duplicate()->offset == 35 + 6);
  // Leading zeros are fine (RFC 4475 wsinv); an oversized value can be capped.
  auto zeros = test::parse_exact(stream, request_with("Content-Length: 0005\r\n", "hello"));
  REQUIRE(zeros);
  CHECK(zeros->content_length() == 5);
  message_options capped = stream_opts();
  capped.max_body_size = 4;
  test::check_error(parser(capped), request_with("Content-Length: 0005\r\n", "hello"), errc::limit_exceeded, v);
}

TEST_CASE("message: stream framing (RFC 3261 §7.5, §18.3)") {
  // Every proper prefix of a message needs more data; the whole message parses.
  const std::string full(kRefer);
  for (std::size_t n = 0; n < full.size(); ++n) {
    INFO("prefix ", n);
    test::check_error(stream, full.substr(0, n), errc::need_more_data, n);
  }
  // Leading CRLFs (keep-alives) are skipped and counted in size().
  const std::string two = "\r\n\r\n" + full + "SIP/2.0 200 OK\r\nl: 3\r\n\r\nabcEXTRA";
  auto a = test::parse_exact(stream, two);
  REQUIRE(a);
  CHECK(a->has_flag(flag_leading_crlf));
  CHECK(a->start_offset() == 4);
  CHECK(a->find(header_id::via)->name_offset == 4 + full.find("Via"));
  CHECK(a->size() == 4 + full.size());
  auto b = test::parse_exact(stream, std::string_view(two).substr(a->size()));
  REQUIRE(b);
  CHECK(b->status_code() == 200);
  CHECK(b->body() == "abc");
  CHECK(b->size() == two.size() - a->size() - 5);
  test::check_error(stream, "\r\n\r\n", errc::need_more_data, 4);
  test::check_error(stream, "\r\n\r", errc::need_more_data, 3);
  // Stream transports must carry Content-Length (RFC 3261 §18.3).
  test::check_error(stream, request_with("X: y\r\n"), errc::missing_header, 35 + 6);
}

TEST_CASE("message: datagram framing (RFC 3261 §18.3)") {
  // Extra octets are discarded.
  auto d = test::parse_exact(dgram, request_with("l: 2\r\n", "abNOISE"));
  REQUIRE(d);
  CHECK(d->body() == "ab");
  CHECK(d->discarded() == 5);
  CHECK(d->has_flag(flag_trailing_bytes_discarded));
  // No Content-Length: the body is the rest of the datagram.
  auto n = test::parse_exact(dgram, request_with("X: y\r\n", std::string("a\0b", 3)));
  REQUIRE(n);
  CHECK(n->body() == std::string_view("a\0b", 3));
  CHECK(n->has_flag(flag_no_content_length));
  CHECK_FALSE(n->has_content_length());
  // A short body is an error; the leniency accepts it (flagged) so a checker can go on.
  const std::string short_body = request_with("Content-Length: 10\r\n", "abc");
  test::check_error(dgram, short_body, errc::body_too_short, 35 + 16);
  message_options lenient = dgram_opts();
  lenient.allow_content_length_mismatch = true;
  auto s = test::parse_exact(parser(lenient), short_body);
  REQUIRE(s);
  CHECK(s->body() == "abc");
  CHECK(s->has_flag(flag_content_length_mismatch));
  // The empty line that ends the header section is required.
  const std::string no_empty = "OPTIONS sip:a@b SIP/2.0\r\nl: 0\r\n";
  test::check_error(dgram, no_empty, errc::missing_crlf, no_empty.size());
  test::check_error(dgram, "OPTIONS sip:a@b SIP/2.0\r\nl: 0", errc::missing_crlf, 29);
  test::check_error(dgram, "OPTIONS sip:a@b SIP/2.0\r\nl: 0\r", errc::missing_crlf, 29);
  message_options me = dgram_opts();
  me.allow_missing_empty_line = true;
  auto e = test::parse_exact(parser(me), no_empty);
  REQUIRE(e);
  CHECK(e->has_flag(flag_missing_empty_line));
  CHECK(e->body().empty());
  CHECK(e->headers().size() == 1);
  test::check_error(parser(me), "OPTIONS sip:a@b SIP/2.0\r\nl: 0", errc::missing_crlf, 29);
}

TEST_CASE("message: bodies may contain any byte (RFC 4475 §3.1.1.11)") {
  const std::string body("\0\r\n\r\n--x\0\xff", 10);
  auto m = test::parse_exact(stream, request_with("Content-Type: application/octet-stream\r\nl: 10\r\n", body));
  REQUIRE(m);
  CHECK(m->body() == body);
}

TEST_CASE("message: duplicate single-valued headers are reported, fatal only on request (RFC 4475 §3.3.8)") {
  const std::string m = request_with(
      "Call-ID: a\r\nTo: <sip:x@y>\r\nCSeq: 1 OPTIONS\r\ni: b\r\nVia: SIP/2.0/UDP h\r\nv: SIP/2.0/UDP g\r\n"
      "t: <sip:z@y>\r\nCall-ID: c\r\nl: 0\r\n");
  auto r = test::parse_exact(stream, m);
  REQUIRE(r);
  REQUIRE(r->first_duplicate());
  CHECK(r->first_duplicate()->id == header_id::call_id);
  CHECK(r->first_duplicate()->offset == m.find("i: b"));
  std::vector<std::string> dups;
  for (const auto& d : r->headers().duplicates()) dups.push_back(sv(d.name) + "@" + std::to_string(d.name_offset));
  REQUIRE(dups.size() == 3);  // i, t, Call-ID; the second Via is a list row, not a duplicate
  CHECK(dups[0] == "i@" + std::to_string(m.find("i: b")));
  CHECK(dups[1] == "t@" + std::to_string(m.find("t: <")));
  CHECK(dups[2] == "Call-ID@" + std::to_string(m.rfind("Call-ID")));
  CHECK(r->count(header_id::via) == 2);
  message_options strict = stream_opts();
  strict.reject_duplicate_headers = true;
  test::check_error(parser(strict), m, errc::duplicate_header, m.find("i: b"));
}

TEST_CASE("message: header row limit") {
  message_options o = stream_opts();
  o.max_header_rows = 2;
  test::check_error(parser(o), request_with("A: 1\r\nB: 2\r\nl: 0\r\n"), errc::header_too_many, 35 + 12);
  CHECK(test::parse_exact(parser(o), request_with("A: 1\r\nl: 0\r\n")));
}

TEST_CASE("message: CSeq check (RFC 3261 §8.1.1.5; RFC 4475 mismatch01, scalar02)") {
  auto check = [](std::string_view in) {
    const auto m = parse_message(in);
    REQUIRE(m);
    return check_cseq(*m);
  };
  CHECK_FALSE(check(request_with("CSeq: 8 OPTIONS\r\nl: 0\r\n")));
  CHECK_FALSE(check(request_with("CSeq:\r\n 008\r\n\tOPTIONS\r\nl: 0\r\n")));  // folds are LWS
  const std::string mismatch = request_with("CSeq: 8 INVITE\r\nl: 0\r\n");
  CHECK(check(mismatch) == error{errc::cseq_mismatch, mismatch.find("INVITE")});
  const std::string lower = request_with("CSeq: 8 options\r\nl: 0\r\n");  // methods are case-sensitive
  CHECK(check(lower) == error{errc::cseq_mismatch, lower.find("options")});
  const std::string big = request_with("CSeq: 4294967296 OPTIONS\r\nl: 0\r\n");
  CHECK(check(big) == error{errc::number_overflow, big.find("4294")});
  CHECK_FALSE(check(request_with("CSeq: 4294967295 OPTIONS\r\nl: 0\r\n")));
  const std::string nosp = request_with("CSeq: 8OPTIONS\r\nl: 0\r\n");
  CHECK(check(nosp) == error{errc::unexpected_char, nosp.find("8OPT") + 1});
  const std::string nomethod = request_with("CSeq: 8\r\nl: 0\r\n");
  CHECK(check(nomethod) == error{errc::unexpected_end, nomethod.find("8\r") + 1});
  const std::string none = request_with("l: 0\r\n");
  CHECK(check(none) == error{errc::missing_header, none.size() - 2});
  CHECK_FALSE(check("SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n"));
}

TEST_CASE("message: linear-time framing of a 1 MB body and 10,000 header rows") {
  const std::string body(1u << 20, 'x');
  const std::string big =
      request_with("Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) + "\r\n", body);
  auto m = test::parse_exact(stream, big);
  REQUIRE(m);
  CHECK(m->body().size() == body.size());

  std::string rows;
  for (int i = 0; i < 10000; ++i) rows += "X-Row-" + std::to_string(i) + ": value " + std::to_string(i) + "\r\n";
  rows += "l: 0\r\n";
  const std::string many = request_with(rows);
  test::check_error(stream, many, errc::header_too_many, 35 + rows.find("X-Row-256:"));
  message_options o = stream_opts();
  o.max_header_rows = 20000;
  auto r = test::parse_exact(parser(o), many);
  REQUIRE(r);
  CHECK(r->headers().size() == 10001);
  CHECK(r->headers().find("X-Row-9999")->value == "value 9999");
  std::size_t n = 0;
  for (const auto& h : r->headers()) n += h.value.empty() ? 0u : 1u;
  CHECK(n == 10001);
}

TEST_CASE("message: composing a request writes CRLF, long names, order and Content-Length") {
  const header_pair hs[] = {
      {"Require", "multiple-refer, norefersub"},
      {"Content-ID", "<cn35t8jf02@example.com>"},
      {"r", "<cid:cn35t8jf02@example.com>"},
      {"CSeq", "2 REFER"},
      {"Call-ID", "d432fa84b4c76e66710"},
      {"From", "Carol <sip:carol@chicago.example.com>;tag=32331"},
      {"t", "\"Conference 123\" <sip:conf-123@example.com>"},
      {"Content-Disposition", "recipient-list"},
      {"Max-Forwards", "70"},
      {"Via", "SIP/2.0/TCP client.chicago.example.com;branch=z9hG4bKhjhs8ass83"},
      {"Contact", "<sip:carol@client.chicago.example.com>"},
      {"Refer-Sub", "false"},
      {"X-Empty", ""},
  };
  message m;
  m.method = "REFER";
  m.request_uri = "sip:conf-123@example.com;gruu;opaque=hha9s8d-999a";
  m.headers = hs;
  m.content_type = "application/resource-lists+xml";
  m.body = "<resource-lists/>";
  auto text = to_string(m);
  REQUIRE(text);
  CHECK(*text ==
        "REFER sip:conf-123@example.com;gruu;opaque=hha9s8d-999a SIP/2.0\r\n"
        "Via: SIP/2.0/TCP client.chicago.example.com;branch=z9hG4bKhjhs8ass83\r\n"
        "Max-Forwards: 70\r\n"
        "To: \"Conference 123\" <sip:conf-123@example.com>\r\n"
        "From: Carol <sip:carol@chicago.example.com>;tag=32331\r\n"
        "Call-ID: d432fa84b4c76e66710\r\n"
        "CSeq: 2 REFER\r\n"
        "Contact: <sip:carol@client.chicago.example.com>\r\n"
        "Require: multiple-refer, norefersub\r\n"
        "Refer-To: <cid:cn35t8jf02@example.com>\r\n"
        "Refer-Sub: false\r\n"
        "X-Empty:\r\n"
        "Content-Type: application/resource-lists+xml\r\n"
        "Content-Disposition: recipient-list\r\n"
        "Content-ID: <cn35t8jf02@example.com>\r\n"
        "Content-Length: 17\r\n"
        "\r\n"
        "<resource-lists/>");
  auto size = composed_size(m);
  REQUIRE(size);
  CHECK(*size == text->size());

  // compose → parse gives the same values, and parse → compose is a fixed point.
  auto p = test::parse_exact(stream, *text);
  REQUIRE(p);
  CHECK(p->method() == "REFER");
  CHECK(p->find(header_id::refer_to)->value == "<cid:cn35t8jf02@example.com>");
  CHECK(p->body() == "<resource-lists/>");
  CHECK(p->content_length() == 17);
  CHECK_FALSE(check_cseq(*p));
  std::vector<header_pair> again;
  for (const auto& h : p->headers())
    if (h.id != header_id::content_length) again.push_back({h.name, h.value});
  message m2;
  m2.method = p->method();
  m2.request_uri = p->request_uri();
  m2.headers = again;
  m2.body = p->body();
  auto text2 = to_string(m2);
  REQUIRE(text2);
  CHECK(*text2 == *text);

  // compose_to: exact buffer works, one byte less is reported.
  std::string buf(text->size(), '\0');
  auto ok = compose_to(&buf[0], &buf[0] + buf.size(), m);
  CHECK_FALSE(ok.ec);
  CHECK(buf == *text);
  auto small = compose_to(&buf[0], &buf[0] + buf.size() - 1, m);
  CHECK(small.ec.code == errc::buffer_too_small);
}

TEST_CASE("message: composing a response; an empty body gets Content-Length: 0") {
  const header_pair hs[] = {{"Via", "SIP/2.0/UDP h;branch=z9hG4bK1"}, {"CSeq", "1 REFER"}};
  message m;
  m.status_code = 200;
  m.reason = "OK";
  m.headers = hs;
  auto t = to_string(m);
  REQUIRE(t);
  CHECK(*t == "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: 1 REFER\r\nContent-Length: 0\r\n\r\n");
  auto p = test::parse_exact(stream, *t);
  REQUIRE(p);
  CHECK(p->status_code() == 200);
  message e;
  e.status_code = 100;
  auto t2 = to_string(e);
  REQUIRE(t2);
  CHECK(*t2 == "SIP/2.0 100 \r\nContent-Length: 0\r\n\r\n");
  CHECK(test::parse_exact(stream, *t2));
}

TEST_CASE("message: composer rejects invalid fields with code and offset") {
  auto err = [](const message& m) {
    auto r = to_string(m);
    REQUIRE_FALSE(r);
    return r.error();
  };
  message base;
  base.method = "REFER";
  base.request_uri = "sip:a@b";
  {
    const header_pair hs[] = {{"Content-Length", "0"}};
    message m = base;
    m.headers = hs;
    CHECK(err(m) == error{errc::invalid_argument, 0});
    const header_pair hl[] = {{"l", "0"}};
    m.headers = hl;
    CHECK(err(m) == error{errc::invalid_argument, 0});
  }
  {
    const header_pair hs[] = {{"Refer-To:", "x"}};
    message m = base;
    m.headers = hs;
    CHECK(err(m) == error{errc::invalid_argument, 8});
    const header_pair sp[] = {{"Refer To", "x"}};
    m.headers = sp;
    CHECK(err(m) == error{errc::invalid_argument, 5});
    const header_pair empty[] = {{"", "x"}};
    m.headers = empty;
    CHECK(err(m) == error{errc::invalid_argument, 0});
  }
  {
    message m = base;
    const header_pair crlf[] = {{"Subject", "hi\r\nX-Evil: 1"}};
    m.headers = crlf;
    CHECK(err(m) == error{errc::invalid_argument, 2});
    const header_pair lf[] = {{"Subject", "hi\nthere"}};
    m.headers = lf;
    CHECK(err(m) == error{errc::invalid_argument, 2});
    const header_pair nul[] = {{"Subject", std::string_view("a\0b", 3)}};
    m.headers = nul;
    CHECK(err(m) == error{errc::invalid_argument, 1});
    const header_pair lead[] = {{"Subject", " a"}};
    m.headers = lead;
    CHECK(err(m) == error{errc::invalid_argument, 0});
    const header_pair trail[] = {{"Subject", "a\t"}};
    m.headers = trail;
    CHECK(err(m) == error{errc::invalid_argument, 1});
    const header_pair utf8[] = {{"Subject", "caf\xc3"}};
    m.headers = utf8;
    CHECK(err(m) == error{errc::invalid_argument, 3});
    const header_pair tab[] = {{"Subject", "a\tb caf\xc3\xa9"}};
    m.headers = tab;
    CHECK(to_string(m));
  }
  {
    message m = base;
    const header_pair dup[] = {{"To", "<sip:a@b>"}, {"t", "<sip:c@d>"}};
    m.headers = dup;
    CHECK(err(m) == error{errc::duplicate_header, 0});
    const header_pair ct[] = {{"c", "text/plain"}};
    m.headers = ct;
    m.content_type = "text/plain";
    CHECK(err(m) == error{errc::duplicate_header, 0});
    const header_pair lists[] = {{"Require", "a"}, {"Require", "b"}};  // list rows may repeat
    m.headers = lists;
    m.content_type = {};
    CHECK(to_string(m));
  }
  {
    message m = base;
    m.body = "x";
    CHECK(err(m) == error{errc::missing_field, 0});
    m.content_type = "text/plain\r\nX: y";
    CHECK(err(m) == error{errc::invalid_argument, 10});
  }
  {
    message m = base;
    m.request_uri = "<sip:a@b>";
    CHECK(err(m) == error{errc::invalid_argument, 0});
    m.request_uri = "sip:a b";
    CHECK(err(m) == error{errc::invalid_argument, 5});
    m.request_uri = "sip:a@b\r\nVia: x";
    CHECK(err(m) == error{errc::invalid_argument, 7});
    m.request_uri = "";
    CHECK(err(m) == error{errc::invalid_argument, 0});
    m.request_uri = "sip:a@b";
    m.method = "RE FER";
    CHECK(err(m) == error{errc::invalid_argument, 2});
    m.method = "REFER";
    m.status_code = 200;
    CHECK(err(m) == error{errc::invalid_argument, 0});
  }
  {
    message r;
    CHECK(err(r) == error{errc::missing_field, 0});
    r.status_code = 99;
    CHECK(err(r) == error{errc::invalid_argument, 0});
    r.status_code = 700;
    CHECK(err(r) == error{errc::invalid_argument, 0});
    r.status_code = 200;
    r.reason = "OK\r\nX: y";
    CHECK(err(r) == error{errc::invalid_argument, 2});
    r.reason = "100% sure";
    CHECK(err(r) == error{errc::invalid_argument, 3});
    r.reason = "100%25 sure";
    CHECK(to_string(r));
  }
  // Nothing is appended on failure.
  std::string out = "keep";
  message bad;
  CHECK(append_to(out, bad).code == errc::missing_field);
  CHECK(out == "keep");
}
