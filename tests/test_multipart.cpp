// SPDX-License-Identifier: MIT
/// @file test_multipart.cpp
/// Multipart bodies: framing by boundary, PEERS.md (c) 18 shapes, Content-ID lookup, nesting,
/// boundary choice and composition.
#include <sipref/multipart.hpp>

#include <string>
#include <vector>

#include <sipref/message.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
auto mp(std::string_view boundary, multipart_options o = {}) {
  return [boundary, o](std::string_view in) { return parse_multipart(in, boundary, o); };
}
const auto mpB = mp("B");
std::string sv(std::string_view v) { return std::string(v); }

constexpr std::string_view kTwoParts =
    "--B\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "one\r\n"
    "--B\r\n"
    "Content-Type: application/resource-lists+xml\r\n"
    "Content-ID: <list@example.com>\r\n"
    "\r\n"
    "<resource-lists/>\r\n"
    "--B--\r\n";
}  // namespace

static_assert(noexcept(parse_multipart(std::string_view{}, std::string_view{})));
static_assert(noexcept(boundary_of(std::string_view{})));
static_assert(parse_multipart(kTwoParts, "B").has_value());
static_assert(parse_multipart(kTwoParts, "B")->size() == 2);
static_assert(parse_multipart(kTwoParts, "B")->find_by_content_id("list@example.com")->body == "<resource-lists/>");
static_assert(check_boundary("gc0pJq0M:08jU534c0p").code == errc::ok);

TEST_CASE("multipart: two parts, offsets, Content-ID lookup (RFC 2046 §5.1.1, RFC 2392)") {
  auto m = test::parse_exact(mpB, kTwoParts);
  REQUIRE(m);
  CHECK(m->size() == 2);
  CHECK(m->boundary() == "B");
  CHECK(m->preamble().empty());
  CHECK(m->epilogue().empty());
  std::vector<std::string> bodies;
  for (const part_view& p : *m) bodies.push_back(sv(p.body));
  CHECK(bodies == std::vector<std::string>{"one", "<resource-lists/>"});
  const part_view first = *m->begin();
  CHECK(first.offset == 5);
  CHECK(first.headers.find(header_id::content_type)->value == "text/plain");
  CHECK(first.headers.find(header_id::content_type)->name_offset == 5);
  CHECK(first.body_offset == kTwoParts.find("one"));
  CHECK(first.text == "Content-Type: text/plain\r\n\r\none");
  auto list = m->find_by_content_id("list@example.com");
  REQUIRE(list);
  CHECK(list->body == "<resource-lists/>");
  CHECK(list->headers.size() == 2);
  CHECK(m->find_by_content_id("LIST@example.com").error() == error{errc::part_not_found, 0});  // byte-exact
  CHECK(m->find_by_content_id("").error() == error{errc::part_not_found, 0});
}

TEST_CASE("multipart: preamble, transport padding, epilogue") {
  const std::string body =
      "This is the preamble.\r\n--B \t\r\n\r\nx\r\n--B\t\r\nX: y\r\n\r\n\r\n--B-- \t\r\nepilogue\r\n--B\r\n";
  auto m = test::parse_exact(mpB, body);
  REQUIRE(m);
  CHECK(m->preamble() == "This is the preamble.");
  CHECK(m->epilogue() == "epilogue\r\n--B\r\n");
  CHECK(m->size() == 2);
  auto it = m->begin();
  CHECK(it->body == "x");
  CHECK(it->headers.empty());
  ++it;
  CHECK(it->body.empty());
  CHECK(it->headers.find("X")->value == "y");
  ++it;
  CHECK(it == m->end());
}

TEST_CASE("multipart: PEERS.md (c) 18 input shapes") {
  // Close delimiter at the exact end of the buffer.
  auto a = test::parse_exact(mpB, "--B\r\nX: y\r\n\r\nbody\r\n--B--");
  REQUIRE(a);
  CHECK(a->size() == 1);
  CHECK(a->begin()->body == "body");
  // Boundary followed by the end of the body.
  test::check_error(mpB, "--B", errc::missing_close_delimiter, 3);
  test::check_error(mpB, "--B  ", errc::missing_close_delimiter, 5);
  test::check_error(mpB, "--B\r\n\r\nbody\r\n--B", errc::missing_close_delimiter, 16);
  test::check_error(mpB, "--B\r\n\r\nbody", errc::missing_close_delimiter, 11);
  test::check_error(mpB, "--B\r\n\r\nbody\r\n--B-", errc::missing_crlf, 16);
  // Zero-length part, and a part that is only the empty line.
  auto z = test::parse_exact(mpB, "--B\r\n\r\n--B--");
  REQUIRE(z);
  CHECK(z->size() == 1);
  CHECK(z->begin()->headers.empty());
  CHECK(z->begin()->body.empty());
  CHECK(z->begin()->text.empty());
  auto c = test::parse_exact(mpB, "--B\r\n\r\n\r\n--B--");
  REQUIRE(c);
  CHECK(c->begin()->text == "\r\n");
  CHECK(c->begin()->body.empty());
  auto zz = test::parse_exact(mpB, "--B\r\n\r\n--B\r\n\r\n--B--\r\n");
  REQUIRE(zz);
  CHECK(zz->size() == 2);
  // `--B` then something other than padding and CRLF: any line starting with the
  // dash-boundary is a delimiter (RFC 2046 §5.1.1 note), so this is malformed.
  test::check_error(mpB, "--Bjunk\r\n\r\nx\r\n--B--", errc::missing_crlf, 3);
  test::check_error(mpB, "--B\r\n\r\nx\r\n--Bx\r\n\r\ny\r\n--B--", errc::missing_crlf, 13);
  test::check_error(mpB, "--B\r\n\r\nx\r\n--B--junk", errc::trailing_garbage, 15);
  test::check_error(mpB, "--B\r\n\r\nx\r\n--B--\r", errc::trailing_garbage, 15);
  // Empty multipart: no part at all.
  test::check_error(mpB, "--B--", errc::empty_multipart, 0);
  test::check_error(mpB, "--B--\r\n", errc::empty_multipart, 0);
  test::check_error(mpB, "preamble\r\n--B--\r\n", errc::empty_multipart, 10);
  test::check_error(mpB, "", errc::missing_boundary, 0);
  test::check_error(mpB, "no delimiter here\r\n-B\r\n", errc::missing_boundary, 23);
  test::check_error(mpB, "x--B\r\n", errc::missing_boundary, 6);
  // `Content-ID: <` in a part parses (framing does not validate values) and matches nothing.
  auto cid = test::parse_exact(mpB, "--B\r\nContent-ID: <\r\n\r\nx\r\n--B\r\nContent-ID: <>\r\n\r\ny\r\n--B--");
  REQUIRE(cid);
  CHECK(cid->find_by_content_id("x@y").error() == error{errc::part_not_found, 0});
  CHECK(cid->find_by_content_id("").error() == error{errc::part_not_found, 0});
  // Every prefix of a valid body is rejected without reading past its end.
  const std::string full(kTwoParts);
  for (std::size_t n = 0; n + 2 < full.size(); ++n) {
    INFO("prefix ", n);
    test::exact_buffer b(std::string_view(full).substr(0, n));
    CHECK_FALSE(parse_multipart(b.view(), "B"));
  }
}

TEST_CASE("multipart: boundary text inside content, NULs, part header errors") {
  // `--B` not at a line start, and `-B` at a line start, are content.
  static const char kContent[] = "--B\r\n\r\na--B\r\n-B\0\r\n--\r\n--B--";
  auto m = test::parse_exact(mpB, std::string(kContent, sizeof kContent - 1));
  REQUIRE(m);
  CHECK(m->begin()->body == std::string_view("a--B\r\n-B\0\r\n--", 13));
  // Part header rows use the message row scanner; offsets are relative to the body.
  test::check_error(mpB, "--B\r\nBad Header\r\n\r\nx\r\n--B--", errc::missing_colon, 9);
  test::check_error(mpB, "--B\r\n X: y\r\n\r\nx\r\n--B--", errc::bad_folding, 5);
  test::check_error(mpB, "--B\r\nX: y\nZ: w\r\n\r\nx\r\n--B--", errc::missing_crlf, 9);
  // A part made of header rows only; a last row that needs the delimiter's CRLF is malformed.
  auto h = test::parse_exact(mpB, "--B\r\nX: y\r\n\r\n--B--");
  REQUIRE(h);
  CHECK(h->begin()->headers.size() == 1);
  CHECK(h->begin()->body.empty());
  test::check_error(mpB, "--B\r\nX: y\r\n--B--", errc::missing_crlf, 9);
  // Folded part headers.
  auto f = test::parse_exact(mpB, "--B\r\nContent-Type: text/plain;\r\n charset=utf-8\r\n\r\nx\r\n--B--");
  REQUIRE(f);
  CHECK(f->begin()->headers.find(header_id::content_type)->value == "text/plain;\r\n charset=utf-8");
}

TEST_CASE("multipart: boundaries (RFC 2046 §5.1.1)") {
  CHECK(check_boundary("B") == error{});
  CHECK(check_boundary("simple boundary") == error{});
  CHECK(check_boundary(std::string(70, 'a')) == error{});
  CHECK(check_boundary("'()+_,-./:=?") == error{});
  CHECK(check_boundary("") == error{errc::bad_boundary, 0});
  CHECK(check_boundary(std::string(71, 'a')) == error{errc::bad_boundary, 70});
  CHECK(check_boundary("ends with space ") == error{errc::bad_boundary, 15});
  CHECK(check_boundary("semi;colon") == error{errc::bad_boundary, 4});
  CHECK(check_boundary("quote\"") == error{errc::bad_boundary, 5});
  CHECK(check_boundary("cr\r\n") == error{errc::bad_boundary, 2});
  test::check_error(mp("a;b"), "--a;b\r\n\r\nx\r\n--a;b--", errc::bad_boundary, 1);
  test::check_error(mp(""), "--\r\n", errc::bad_boundary, 0);
  // A boundary with a space.
  auto s = test::parse_exact(mp("b 1"), "--b 1\r\n\r\nx\r\n--b 1--");
  REQUIRE(s);
  CHECK(s->begin()->body == "x");

  auto b = boundary_of("multipart/mixed; boundary=boundary1");
  REQUIRE(b);
  CHECK(*b == "boundary1");
  CHECK(*boundary_of("Multipart/Signed;protocol=\"application/pkcs7-signature\";BOUNDARY=\"b 1\"") == "b 1");
  CHECK(boundary_of("text/plain;boundary=x").error() == error{errc::bad_media_type, 0});
  CHECK(boundary_of("multipart/mixed").error() == error{errc::bad_boundary, 0});
  CHECK(boundary_of("multipart/mixed;boundary=\"a\\\"b\"").error() == error{errc::bad_boundary, 0});
  CHECK(boundary_of("multipart/mixed;boundary=\"ab \"").error() == error{errc::bad_boundary, 28});
  CHECK(boundary_of("multipart/mixed;boundary=\"\"").error() == error{errc::bad_boundary, 26});
  CHECK(boundary_of("multipart").error().code == errc::bad_media_type);
}

TEST_CASE("multipart: limits") {
  multipart_options o;
  o.max_parts = 1;
  test::check_error(mp("B", o), "--B\r\n\r\nx\r\n--B\r\n\r\ny\r\n--B--", errc::limit_exceeded, 15);
  CHECK(test::parse_exact(mp("B", o), "--B\r\n\r\nx\r\n--B--"));
  multipart_options r;
  r.max_header_rows = 1;
  test::check_error(mp("B", r), "--B\r\nA: 1\r\nB: 2\r\n\r\nx\r\n--B--", errc::header_too_many, 11);
}

TEST_CASE("multipart: the RFC 8262 §1.4.2 REFER (multipart layout, DIGEST §14 pitfall 30)") {
  const std::string text = test::read_data("derived/rfc8262-1.4.2-REFER-multipart.content-length-computed.sip");
  message_options o;
  o.allow_extra_sp_in_start_line = true;  // RFC 5368 / RFC 8262 double SP (DIGEST §15)
  auto m = test::parse_exact([o](std::string_view in) { return parse_message(in, o); }, text);
  REQUIRE(m);
  CHECK(m->body().size() == 513);
  auto b = boundary_of(m->find(header_id::content_type)->value);
  REQUIRE(b);
  CHECK(*b == "boundary1");
  auto body = parse_multipart(m->body(), *b);
  REQUIRE(body);
  CHECK(body->size() == 1);
  auto list = body->find_by_content_id("cn35t8jf02@example.com");
  REQUIRE(list);
  CHECK(list->headers.find(header_id::content_disposition)->value == "recipient-list");
  CHECK(list->headers.find(header_id::content_type)->value == "application/resource-lists+xml");
  CHECK(list->body.substr(0, 5) == "<?xml");
  CHECK(list->body.substr(list->body.size() - 17) == "</resource-lists>");
  // Offsets of a part are relative to the multipart body; add body_offset() for the message.
  CHECK(text.substr(m->body_offset() + list->body_offset, 5) == "<?xml");
}

TEST_CASE("multipart: RFC 4475 mpart01, a binary part with NULs (§3.1.1.11)") {
  const std::string text = test::read_data("torture/rfc4475/mpart01.dat");
  auto m = test::parse_exact([](std::string_view in) { return parse_message(in); }, text);
  REQUIRE(m);
  auto b = boundary_of(m->find(header_id::content_type)->value);
  REQUIRE(b);
  CHECK(*b == "7a9cbec02ceef655");
  auto body = parse_multipart(m->body(), *b);
  REQUIRE(body);
  REQUIRE(body->size() == 2);
  auto it = body->begin();
  CHECK(it->body == "Hello");
  ++it;
  CHECK(it->headers.find(header_id::content_type)->value == "application/octet-stream");
  CHECK(it->body.find('\0') != std::string_view::npos);
  CHECK(it->body.size() ==
        text.size() - m->body_offset() - (it->body_offset) - std::string_view("\r\n--7a9cbec02ceef655--\r\n").size());
}

TEST_CASE("multipart: choosing a boundary that no part contains") {
  const header_pair xml_headers[] = {{"Content-Type", "application/resource-lists+xml"},
                                     {"Content-Disposition", "recipient-list"},
                                     {"Content-ID", "<cn35t8jf02@example.com>"}};
  const body_part plain[] = {{xml_headers, "<resource-lists/>"}};
  auto b = choose_boundary(plain);
  REQUIRE(b);
  CHECK(b->view() == "sipref-00000000");
  // Content that contains the first candidates pushes the choice on, without retry loops.
  const std::string hostile = "x--sipref-00000000 --sipref-00000001\r\n--sipref-00000003--sipref-0000000";
  const body_part h[] = {{{}, hostile}, {{}, "--sipref-00000002"}};
  auto hb = choose_boundary(h);
  REQUIRE(hb);
  CHECK(hb->view() == "sipref-00000004");
  auto custom = choose_boundary(plain, "my-seed.");
  REQUIRE(custom);
  CHECK(custom->view() == "my-seed.00000000");
  CHECK(choose_boundary(plain, "").error() == error{errc::invalid_argument, 0});
  CHECK(choose_boundary(plain, "bad seed").error() == error{errc::invalid_argument, 3});
  CHECK(choose_boundary(plain, std::string(63, 'a')).error() == error{errc::invalid_argument, 0});
  CHECK(choose_boundary(plain, std::string(62, 'a')));
  // All 4096 candidates taken: reported, not looped on.
  std::string all;
  for (int v = 0; v < 4096; ++v) {
    char hex[9] = {};
    for (int k = 0; k < 8; ++k) hex[k] = "0123456789abcdef"[(v >> (4 * (7 - k))) & 15];
    all += "--p";
    all += hex;
  }
  const body_part full[] = {{{}, all}};
  CHECK(choose_boundary(full, "p").error() == error{errc::limit_exceeded, 0});
  // Header names and values block candidates as the content does.
  const header_pair taken[] = {{"--sipref-00000000", "x"}, {"Subject", "a--sipref-00000001"}};
  const body_part in_headers[] = {{taken, "<resource-lists/>"}};
  auto past_headers = choose_boundary(in_headers);
  REQUIRE(past_headers);
  CHECK(past_headers->view() == "sipref-00000002");
}

TEST_CASE("multipart: compose → parse round trip, and nested multipart (RFC 5621 §4.2)") {
  const header_pair xml_headers[] = {{"Content-Type", "application/resource-lists+xml"},
                                     {"Content-Disposition", "recipient-list"},
                                     {"Content-ID", "<cn35t8jf02@example.com>"}};
  const header_pair text_headers[] = {{"c", "text/plain"}};
  const std::string binary("\0--x\r\n\xff", 7);
  const body_part inner_parts[] = {{xml_headers, "<resource-lists/>"}, {text_headers, binary}};
  auto inner_b = choose_boundary(inner_parts, "inner-");
  REQUIRE(inner_b);
  const multipart_body inner{inner_parts, inner_b->view()};
  auto inner_text = to_string(inner);
  REQUIRE(inner_text);
  CHECK(inner_text->substr(0, 17) == "--inner-00000000\r");
  CHECK(inner_text->find("Content-Type: text/plain\r\n") != std::string::npos);  // long name written

  auto inner_ct = to_string(multipart_content_type{"mixed", inner_b->view()});
  REQUIRE(inner_ct);
  CHECK(*inner_ct == "multipart/mixed;boundary=inner-00000000");
  const header_pair outer_headers[] = {{"Content-Type", *inner_ct}};
  const body_part outer_parts[] = {{{}, "preface"}, {outer_headers, *inner_text}};
  auto outer_b = choose_boundary(outer_parts);
  REQUIRE(outer_b);
  auto outer_text = to_string(multipart_body{outer_parts, outer_b->view()});
  REQUIRE(outer_text);

  // Parse the outer body, then the inner one through the same API.
  auto outer = test::parse_exact(mp(outer_b->view()), *outer_text);
  REQUIRE(outer);
  REQUIRE(outer->size() == 2);
  auto it = outer->begin();
  CHECK(it->body == "preface");
  CHECK(it->headers.empty());
  ++it;
  auto ib = boundary_of(it->headers.find(header_id::content_type)->value);
  REQUIRE(ib);
  CHECK(*ib == inner_b->view());
  auto nested = parse_multipart(it->body, *ib);
  REQUIRE(nested);
  REQUIRE(nested->size() == 2);
  auto list = nested->find_by_content_id("cn35t8jf02@example.com");
  REQUIRE(list);
  CHECK(list->body == "<resource-lists/>");
  auto second = nested->begin();
  ++second;
  CHECK(second->body == binary);
  CHECK(second->headers.find(header_id::content_type)->name == "Content-Type");

  // parse → compose is a fixed point.
  std::vector<header_pair> hs;
  for (const auto& row : list->headers) hs.push_back({row.name, row.value});
  std::vector<header_pair> hs2;
  for (const auto& row : second->headers) hs2.push_back({row.name, row.value});
  const body_part again[] = {{hs, list->body}, {hs2, second->body}};
  auto again_text = to_string(multipart_body{again, *ib});
  REQUIRE(again_text);
  CHECK(*again_text == *inner_text);
}

TEST_CASE("multipart: composer errors") {
  const body_part one[] = {{{}, "x"}};
  CHECK(to_string(multipart_body{one, ""}).error() == error{errc::bad_boundary, 0});
  CHECK(to_string(multipart_body{one, "a b "}).error() == error{errc::bad_boundary, 3});
  CHECK(to_string(multipart_body{{}, "B"}).error() == error{errc::empty_multipart, 0});
  const body_part clash[] = {{{}, "text\r\n--B--\r\n"}};
  CHECK(to_string(multipart_body{clash, "B"}).error() == error{errc::bad_boundary, 0});
  // A header row is a line too: a name starting with the dash-boundary would be read as a
  // delimiter (fuzz_compose_headers finding; corpus file
  // crash-multipart-header-name-starts-with-dash-boundary).
  const header_pair dash_name[] = {{"Content-ID", "<a@b>"}, {"--BoCSeq", "text/plain"}};
  const body_part dash_named[] = {{dash_name, "body"}};
  CHECK(to_string(multipart_body{dash_named, "B"}).error() == error{errc::bad_boundary, 0});
  CHECK(parse_multipart("--B\r\nContent-ID: <a@b>\r\n--BoCSeq: text/plain\r\n\r\nbody\r\n--B--\r\n", "B").error() ==
        error{errc::missing_crlf, 27});
  const header_pair dash_value[] = {{"Subject", "x--B"}};
  const body_part dash_valued[] = {{dash_value, "body"}};
  CHECK(to_string(multipart_body{dash_valued, "B"}).error() == error{errc::bad_boundary, 0});
  const header_pair bad[] = {{"Content-Type", "text/plain\r\nX: y"}};
  const body_part badh[] = {{bad, "x"}};
  CHECK(to_string(multipart_body{badh, "B"}).error() == error{errc::invalid_argument, 10});
  const header_pair badn[] = {{"Content Type", "x"}};
  const body_part badnh[] = {{badn, "x"}};
  CHECK(to_string(multipart_body{badnh, "B"}).error() == error{errc::invalid_argument, 7});
  CHECK(*to_string(multipart_body{one, "B"}) == "--B\r\n\r\nx\r\n--B--\r\n");
  CHECK(*to_string(multipart_content_type{"mixed", "b 1"}) == "multipart/mixed;boundary=\"b 1\"");
  CHECK(*to_string(header_row(multipart_content_type{"alternative", "x"})) ==
        "Content-Type: multipart/alternative;boundary=x\r\n");
  CHECK(to_string(multipart_content_type{"mi xed", "x"}).error() == error{errc::invalid_argument, 2});
  CHECK(to_string(multipart_content_type{"", "x"}).error() == error{errc::invalid_argument, 0});
  CHECK(to_string(multipart_content_type{"mixed", "x;"}).error() == error{errc::bad_boundary, 1});
}
