// SPDX-License-Identifier: MIT
/// @file test_alloc_headers_b.cpp
/// Proves that the Content-Type, Content-Disposition, Content-ID, Accept-Contact and scalar
/// header parsers allocate nothing (success and error paths, view iteration included), and
/// that composing them into a caller buffer or a reserved string allocates nothing either.
#include <sipref/accept_contact.hpp>
#include <sipref/compose.hpp>
#include <sipref/content_disposition.hpp>
#include <sipref/content_id.hpp>
#include <sipref/content_type.hpp>
#include <sipref/scalar_headers.hpp>

#include <array>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>

#include "alloc/alloc_counter.hpp"
#include "support/test_support.hpp"

using namespace sipref;

namespace {

/// A writer over a fixed array: no std::string anywhere.
template <std::size_t N>
struct fixed_writer {
  std::array<char, N> data{};
  std::size_t size = 0;
  void put(char c) noexcept {
    if (size < N) data[size++] = c;
  }
  void put(std::string_view s) noexcept {
    for (char c : s) put(c);
  }
  [[nodiscard]] std::string_view view() const noexcept { return {data.data(), size}; }
};

}  // namespace

TEST_CASE("alloc: the counter sees the allocations of sipref's owning helpers") {
  std::mt19937 g(1);
  sipref_test::allocation_scope scope;
  const auto id = make_call_id(g, "a-host-name-longer-than-any-sso-buffer.example.com");
  const std::size_t n = scope.count();
  REQUIRE(id.has_value());
  CHECK(n >= 1);
}

TEST_CASE("alloc: Content-Type parse, lookups and decoding allocate nothing") {
  const test::exact_buffer ok("multipart/mixed ;\r\n boundary=\"gc0p4Jq0M:2Yt08jU534c0p\"; charset=\"a \\\"b\\\"\"");
  const test::exact_buffer bad("text/plain;charset");
  fixed_writer<64> out;
  sipref_test::allocation_scope scope;
  const auto r = parse_content_type(ok.view());
  const bool is_mixed = r && r->is(media_types::multipart_mixed);
  const auto boundary = r ? r->param_plain("boundary") : std::nullopt;
  const bool decoded = r && r->param_value("charset", out);
  std::size_t count = 0;
  if (r)
    for (const grammar::param_view& p : r->params) count += p.name.size() != 0;
  const auto e = parse_content_type(bad.view());
  const std::size_t n = scope.count();

  REQUIRE(r.has_value());
  CHECK(is_mixed);
  REQUIRE(boundary.has_value());
  CHECK(*boundary == "gc0p4Jq0M:2Yt08jU534c0p");
  CHECK(decoded);
  CHECK(out.view() == "a \"b\"");
  CHECK(count == 2);
  CHECK(e.error() == error{errc::bad_param, 18});
  CHECK(n == 0);
}

TEST_CASE("alloc: Content-Disposition, Content-ID and Accept-Contact parse and iterate without allocating") {
  const test::exact_buffer disp("recipient-list-history; handling=optional");
  const test::exact_buffer disp_bad("render;handling=\"x\"");
  const test::exact_buffer cid("<cn35t8jf02@example.com>");
  const test::exact_buffer cid_bad("<a@b");
  const test::exact_buffer ac("*;+g.oma.sip-im;require, *;video;methods=\"INVITE,BYE\";explicit");
  const test::exact_buffer ac_bad("*;methods=\"INVITE, BYE\"");
  sipref_test::allocation_scope scope;
  const auto d = parse_content_disposition(disp.view());
  const bool optional = d && d->handling() == disposition_handling::optional;
  const auto d_bad = parse_content_disposition(disp_bad.view());
  const auto c = parse_content_id(cid.view());
  const bool matches = c && content_id_equals(*c, "cn35t8jf02@example.com");
  const auto c_bad = parse_content_id(cid_bad.view());
  const auto a = parse_accept_contact(ac.view());
  std::size_t values = 0, flags = 0;
  if (a)
    for (const ac_value_view& v : *a) {
      ++values;
      flags += static_cast<std::size_t>(v.require()) + static_cast<std::size_t>(v.is_explicit());
    }
  const bool has_im = a && a->has_feature("+g.oma.sip-im");
  const auto a_bad = parse_accept_contact(ac_bad.view());
  const std::size_t n = scope.count();

  CHECK(optional);
  CHECK(d_bad.error() == error{errc::bad_param, 16});
  CHECK(matches);
  CHECK(c_bad.error() == error{errc::missing_raquot, 4});
  CHECK(values == 2);
  CHECK(flags == 2);
  CHECK(has_im);
  CHECK(a_bad.error() == error{errc::bad_feature_param, 18});
  CHECK(n == 0);
}

TEST_CASE("alloc: scalar header parsers allocate nothing") {
  const test::exact_buffer callid("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
  const test::exact_buffer cseq_in("0009\r\n  INVITE");
  const test::exact_buffer cseq_big("36893488147419103232 REGISTER");
  const test::exact_buffer mf("300");
  const test::exact_buffer cl("4294967328");
  const test::exact_buffer cl_bad("-1");
  const test::exact_buffer ex("3600");
  sipref_test::allocation_scope scope;
  const auto r1 = parse_call_id(callid.view());
  const auto r2 = parse_cseq(cseq_in.view());
  const auto r3 = parse_cseq(cseq_big.view());
  const auto r4 = parse_max_forwards(mf.view());
  const auto r5 = parse_content_length(cl.view());
  const auto r6 = parse_content_length(cl_bad.view());
  const auto r7 = parse_expires(ex.view());
  const std::size_t n = scope.count();

  CHECK(r1.has_value());
  REQUIRE(r2.has_value());
  CHECK(r2->number == 9u);
  CHECK(r3.error() == error{errc::number_overflow, 0});
  CHECK(r4.error() == error{errc::number_overflow, 0});
  REQUIRE(r5.has_value());
  CHECK(r5->value == 4294967328u);
  CHECK(r6.error() == error{errc::bad_content_length, 0});
  REQUIRE(r7.has_value());
  CHECK(r7->seconds == 3600u);
  CHECK(n == 0);
}

TEST_CASE("alloc: composing into a buffer or a reserved string allocates nothing") {
  const grammar::param boundary[] = {{"boundary", "simple boundary"}};
  const grammar::param none[] = {{"x", "a b"}};
  const feature_tag im[] = {{"+g.oma.sip-im"}, {"methods", "INVITE,BYE"}};
  const accept_contact_value ac{im, true, false};
  std::string msg;
  msg.reserve(1024);
  std::array<char, 256> buf{};
  std::mt19937 g(3);

  sipref_test::allocation_scope scope;
  error e{};
  e = e ? e : append_to(msg, header_row(media_types::multipart_mixed.with_params(boundary)));
  e = e ? e : append_to(msg, header_row(content_disposition{disposition_types::recipient_list, "optional", none}));
  e = e ? e : append_to(msg, header_row(content_id{"cn35t8jf02", "example.com"}));
  e = e ? e : append_to(msg, header_row(ac));
  e = e ? e : append_to(msg, header_row(call_id{"a84b4c76e66710@pc33.atlanta.com"}));
  e = e ? e : append_to(msg, header_row(cseq{2, "REFER"}));
  e = e ? e : append_to(msg, header_row(max_forwards{}));
  e = e ? e : append_to(msg, header_row(content_length{362}));
  e = e ? e : append_to(msg, header_row(expires{3600}));
  const std::size_t before_failure = msg.size();
  const error failed = append_to(msg, header_row(content_id{"a b", "c"}));
  const compose_result cr = compose_to(buf.data(), buf.data() + buf.size(), header_row(ac));
  const auto size = composed_size(header_row(ac));
  buffer_writer bw(buf.data(), buf.data() + buf.size());
  write_branch(bw, g);
  write_tag(bw, g);
  write_call_id(bw, g);
  const std::size_t n = scope.count();

  CHECK_FALSE(e);
  CHECK(failed == error{errc::invalid_argument, 1});
  CHECK(msg.size() == before_failure);
  CHECK(msg.rfind("Content-Type: multipart/mixed;boundary=\"simple boundary\"\r\n"
                  "Content-Disposition: recipient-list;handling=optional;x=\"a b\"\r\n"
                  "Content-ID: <cn35t8jf02@example.com>\r\n",
                  0) == 0);
  CHECK(msg.find("Accept-Contact: *;+g.oma.sip-im;methods=\"INVITE,BYE\";require\r\n") != std::string::npos);
  CHECK(msg.find("CSeq: 2 REFER\r\nMax-Forwards: 70\r\nContent-Length: 362\r\nExpires: 3600\r\n") != std::string::npos);
  CHECK_FALSE(cr.ec);
  REQUIRE(size.has_value());
  CHECK(static_cast<std::size_t>(cr.ptr - buf.data()) == *size);
  CHECK_FALSE(bw.overflowed());
  CHECK(std::string_view(buf.data(), 7) == "z9hG4bK");
  CHECK(n == 0);
}
