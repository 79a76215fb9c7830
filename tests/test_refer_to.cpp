// SPDX-License-Identifier: MIT
#include <sipref/refer_to.hpp>

#include <string>
#include <vector>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
result<refer_to_view> rt(std::string_view in) { return parse_refer_to(in); }
result<refer_to_view> rt_lenient(std::string_view in) {
  name_addr_options opt;
  opt.uri.allow_unescaped_header_chars = true;
  return parse_refer_to(in, opt);
}
struct sink {
  std::string s;
  void put(char c) { s.push_back(c); }
  void put(std::string_view v) { s.append(v); }
};
std::string replaces_of(const refer_to_view& r) {
  sink w;
  CHECK(r.decode_embedded_header("Replaces", w));
  return w.s;
}
}  // namespace

TEST_CASE("refer_to: the RFC 3515 §2.1 examples") {
  const std::string text = test::read_data("rfc3515/rfc3515-2.1-Refer-To-header-examples.txt");
  std::vector<std::string> values;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = text.find("\r\n", pos);
    values.push_back(text.substr(pos + 10, end - pos - 10));  // after "Refer-To: "
    pos = end + 2;
  }
  REQUIRE(values.size() == 5);
  auto plain = test::parse_exact(rt, values[0]);
  REQUIRE(plain);
  CHECK_FALSE(plain->value.addr.bracketed);
  CHECK(plain->target().host == "atlanta.example.com");
  CHECK(plain->method() == "INVITE");
  // Example 2 is defective in the RFC: "Call-ID%3D55432..." has no literal '=' (DIGEST §3.1).
  test::check_error(rt, values[1], errc::bad_uri_header, static_cast<std::size_t>(values[1].size() - 1));
  auto replaces = test::parse_exact(rt, values[2]);
  REQUIRE(replaces);
  CHECK(replaces_of(*replaces) == "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994");
  CHECK_FALSE(replaces->check_embedded_headers(values[2]));
  auto subscribe = test::parse_exact(rt, values[3]);
  REQUIRE(subscribe);
  CHECK(subscribe->method() == "SUBSCRIBE");
  auto http = test::parse_exact(rt, values[4]);
  REQUIRE(http);
  CHECK(http->target().scheme == uri_scheme::other);
}

TEST_CASE("refer_to: RFC vectors (RFC 4579, RFC 4488, RFC 5368)") {
  struct vec {
    const char* file;
    const char* user;
    const char* method;
  };
  for (const vec& v : {vec{"rfc4579/rfc4579-5.5-F1-REFER-add-participant.sip", "carol", "INVITE"},
                       vec{"rfc4579/rfc4579-5.11-F1-REFER-method-BYE.sip", "carol", "BYE"},
                       vec{"rfc4579/rfc4579-5.7-F1-REFER-with-nested-REFER.sip", "bob", "REFER"},
                       vec{"rfc4488/rfc4488-6-REFER-Refer-Sub-false.sip", "c", "INVITE"}}) {
    INFO(v.file);
    const auto values = test::header_values(test::read_data(v.file), "Refer-To");
    REQUIRE(values.size() == 1);
    auto r = test::parse_exact(rt, values[0]);
    REQUIRE(r);
    CHECK(r->target().user == v.user);
    CHECK(r->method() == v.method);
  }
  const auto cid = test::header_values(test::read_data("rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip"), "Refer-To");
  REQUIRE(cid.size() == 1);
  auto list = test::parse_exact(rt, cid[0]);
  REQUIRE(list);
  CHECK(list->is_list_reference());
  CHECK(cid_matches(list->target(), "cn35t8jf02@example.com"));
}

TEST_CASE("refer_to: PEERS.md (c) 5 empty and scheme-less values") {
  test::check_error(rt, "</", errc::bad_scheme, 1);
  test::check_error(rt, ":", errc::bad_scheme, 0);
  test::check_error(rt, ":@", errc::bad_scheme, 0);
  test::check_error(rt, "<>", errc::bad_scheme, 1);
  test::check_error(rt, "", errc::empty_value, 0);
  test::check_error(rt, ";foo=bar", errc::bad_scheme, 0);
}

TEST_CASE("refer_to: PEERS.md (c) 6 absolute URIs are legal targets") {
  auto a = test::parse_exact(rt, "<cid:abc@example.com>");
  REQUIRE(a);
  CHECK(a->is_list_reference());
  test::check_error(rt, "cid:abc", errc::bad_cid, 4);
  CHECK(test::parse_exact(rt, "http://www.ietf.org"));
}

TEST_CASE("refer_to: PEERS.md (c) 7 bare URI with '?' and ';'") {
  test::check_error(rt, "sip:b@h?Replaces=x;method=INVITE", errc::unbracketed_uri, 7);
  auto bare = test::parse_exact(rt, "sip:b@h;method=INVITE");
  REQUIRE(bare);
  CHECK(bare->method() == "INVITE");  // default: the parameter is a header parameter here
  CHECK(bare->params().get("method") == "INVITE");
  CHECK(bare->target().params.empty());
}

TEST_CASE("refer_to: PEERS.md (c) 8 unescaped ';' in an embedded header, strict and lenient") {
  test::check_error(rt, "<sip:b@h?Replaces=c;to-tag=1;from-tag=2>", errc::trailing_garbage, 19);
  auto l = test::parse_exact(rt_lenient, "<sip:b@h?Replaces=c;to-tag=1;from-tag=2>");
  REQUIRE(l);
  CHECK(replaces_of(*l) == "c;to-tag=1;from-tag=2");
}

TEST_CASE("refer_to: PEERS.md (c) 3 and 10 embedded header decoding") {
  const char* inj = "<sip:b@h?Replaces=c%3Bto-tag%3D1%3Bfrom-tag%3D2%0D%0AX-Evil%3A%201>";
  auto r = test::parse_exact(rt, inj);
  REQUIRE(r);
  CHECK(r->check_embedded_headers(r.buffer->view()) == error{errc::unsafe_uri_header, 9});
  auto lower = test::parse_exact(rt, "<sip:b@h?Replaces=c%3bto-tag%3d1%3bfrom-tag%3d2>");
  REQUIRE(lower);
  CHECK(replaces_of(*lower) == "c;to-tag=1;from-tag=2");
  auto forbidden = test::parse_exact(rt, "<sip:b@h?Via=SIP%2F2.0%2FUDP%20evil>");
  REQUIRE(forbidden);
  CHECK(forbidden->check_embedded_headers(forbidden.buffer->view()) == error{errc::forbidden_uri_header, 9});
}

TEST_CASE("refer_to: PEERS.md (c) 13 exactly one value") {
  test::check_error(rt, "<sip:a@b>, <sip:c@d>", errc::multiple_values, 9);
  test::check_error(rt, "sip:a@b, sip:c@d", errc::multiple_values, 7);
}

TEST_CASE("refer_to: PEERS.md (c) 23 '%' in a header parameter is literal") {
  auto r = test::parse_exact(rt, "<sip:a@b>;x=a%41");
  REQUIRE(r);
  CHECK(r->params().get("x") == "a%41");
}

TEST_CASE("refer_to: PEERS.md (c) 20 folding and trailing LWS") {
  auto r = test::parse_exact(rt, "\r\n  <sip:a@b>\r\n   ");
  REQUIRE(r);
  CHECK(r->target().host == "b");
  test::check_error(rt, std::string_view("<sip:a@b>\r\n   \0", 15), errc::trailing_garbage, 14);
}

TEST_CASE("refer_to: compose always brackets and escapes embedded headers once") {
  CHECK(*to_string(header_row(refer_to_value{{}, "sip:carol@chicago.example.com"})) ==
        "Refer-To: <sip:carol@chicago.example.com>\r\n");
  CHECK(*to_string(refer_to_value{{}, "sip:carol@chicago.example.com;method=BYE"}) ==
        "<sip:carol@chicago.example.com;method=BYE>");
  CHECK(*to_string(refer_to_value{{}, "cid:cn35t8jf02@example.com"}) == "<cid:cn35t8jf02@example.com>");
  const uri_field replaces[] = {{"Replaces", "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994"}};
  sip_uri target;
  target.user = "dave";
  target.host = "denver.example.org";
  target.headers = replaces;
  const auto text = to_string(refer_to_value{{}, target});
  REQUIRE(text);
  CHECK(*text == "<sip:dave@denver.example.org?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>");
  auto back = parse_refer_to(*text);
  REQUIRE(back);
  CHECK(replaces_of(*back) == "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994");
  // A value that would decode to CR/LF is refused at composition (PROCEDURE.md §4).
  const uri_field evil[] = {{"Replaces", "c;to-tag=1\r\nX-Evil: 1"}};
  target.headers = evil;
  CHECK(composed_size(refer_to_value{{}, target}).error() == error{errc::unsafe_uri_header, 10});
  // Hand-written escapes that decode to CR/LF are legal URI text, but the composer refuses
  // them as it refuses the decoded form (S12), at the header's name.
  CHECK(composed_size(refer_to_value{{}, "sip:b@h?Subject=%0D%0A"}).error() == error{errc::unsafe_uri_header, 8});
}
