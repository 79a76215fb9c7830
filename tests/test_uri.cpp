// SPDX-License-Identifier: MIT
#include <sipref/uri.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
result<uri_view> uri(std::string_view in) { return parse_uri(in); }
result<uri_view> lenient(std::string_view in) { return parse_uri(in, uri_options{true}); }

std::vector<std::string> data_lines(const std::string& file) {
  const std::string text = test::read_data(file);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

bool equal(std::string_view a, std::string_view b) {
  auto x = parse_uri(a);
  auto y = parse_uri(b);
  REQUIRE(x);
  REQUIRE(y);
  const bool ab = uri_equal(*x, *y);
  CHECK(ab == uri_equal(*y, *x));  // symmetric
  if (ab) CHECK(uri_equality_hash(*x) == uri_equality_hash(*y));  // a necessary condition
  return ab;
}
}  // namespace

static_assert(parse_uri("sip:alice@atlanta.com").has_value());
static_assert(parse_uri("sip:alice@atlanta.com")->host == "atlanta.com");
static_assert(!parse_uri("sip:alice@").has_value());
static_assert(is_hostname("a-b.example.com.") && !is_hostname("-a.com") && !is_hostname("a.1com"));

TEST_CASE("uri: the RFC 3261 §19.1.3 examples parse") {
  const auto lines = data_lines("rfc3261/rfc3261-19.1.3-uri-examples.txt");
  REQUIRE(lines.size() == 8);
  for (const std::string& line : lines) {
    INFO(line);
    auto u = test::parse_exact(uri, line);
    CHECK(u);
  }
  auto u = test::parse_exact(uri, "sip:alice:secretword@atlanta.com;transport=tcp");
  REQUIRE(u);
  CHECK(u->scheme == uri_scheme::sip);
  CHECK(u->user == "alice");
  CHECK(u->has_password);
  CHECK(u->password == "secretword");
  CHECK(u->host == "atlanta.com");
  CHECK(u->host_type == host_kind::hostname);
  CHECK(u->param("TRANSPORT") == "tcp");
  auto h = test::parse_exact(uri, "sips:alice@atlanta.com?subject=project%20x&priority=urgent");
  REQUIRE(h);
  CHECK(h->scheme == uri_scheme::sips);
  CHECK(h->headers.size() == 2);
  uri_param_view p;
  REQUIRE(h->headers.find("Subject", p));
  CHECK(p.value == "project%20x");
  auto phone = test::parse_exact(uri, "sip:+1-212-555-1212:1234@gateway.com;user=phone");
  REQUIRE(phone);
  CHECK(phone->user == "+1-212-555-1212");
  CHECK(phone->password == "1234");
  auto reg = test::parse_exact(uri, "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com");
  REQUIRE(reg);
  CHECK_FALSE(reg->has_userinfo);
  CHECK(reg->method() == "REGISTER");
  auto v4 = test::parse_exact(uri, "sip:alice@192.0.2.4");
  REQUIRE(v4);
  CHECK(v4->host_type == host_kind::ipv4);
}

TEST_CASE("uri: ';' in the user part is not a parameter (RFC 4475 §3.1.1.9, pitfall 9)") {
  auto u = test::parse_exact(uri, "sip:user;par=u%40example.net@example.com");
  REQUIRE(u);
  CHECK(u->user == "user;par=u%40example.net");
  CHECK(u->host == "example.com");
  CHECK(u->params.empty());
  auto d = test::parse_exact(uri, "sip:alice;day=tuesday@atlanta.com");
  REQUIRE(d);
  CHECK(d->user == "alice;day=tuesday");
}

TEST_CASE("uri: hosts, ports and IPv6 references (RFC 5954, RFC 5118)") {
  auto a = test::parse_exact(uri, "sip:[2001:db8::10]:5070");
  REQUIRE(a);
  CHECK(a->host == "[2001:db8::10]");
  CHECK(a->host_type == host_kind::ipv6);
  CHECK(a->port == 5070);
  CHECK(test::parse_exact(uri, "sip:user@[::ffff:192.0.2.1]"));
  CHECK(test::parse_exact(uri, "sip:[::1]"));
  CHECK(test::parse_exact(uri, "sip:[1:2:3:4:5:6:7:8]"));
  CHECK(test::parse_exact(uri, "sip:[1:2:3:4:5:6:192.0.2.1]"));
  CHECK(test::parse_exact(uri, "sip:example.com.:0"));
  test::check_error(uri, "sip:[2001:db8:::192.0.2.1]", errc::bad_ipv6, 4);  // RFC 5118 §4.10 3-colon form
  test::check_error(uri, "sip:[2001:db8::1", errc::bad_ipv6, 4);
  test::check_error(uri, "sip:[1:2:3:4:5:6:7:8:9]", errc::bad_ipv6, 4);
  test::check_error(uri, "sip:[1::2::3]", errc::bad_ipv6, 4);
  test::check_error(uri, "sip:[12345::]", errc::bad_ipv6, 4);
  test::check_error(uri, "sip:2001:db8::1", errc::bad_host, 4);  // unbracketed IPv6: "2001" is no host
  test::check_error(uri, "sip:a@b:65536", errc::bad_port, 8);
  test::check_error(uri, "sip:a@b:", errc::bad_port, 8);
  test::check_error(uri, "sip:a@-b.com", errc::bad_host, 6);
  test::check_error(uri, "sip:a@b_c.com", errc::trailing_garbage, 7);  // '_' cannot follow a host
  test::check_error(uri, "sip:a@192.0.2.256", errc::bad_host, 6);
  test::check_error(uri, "sip:a@", errc::bad_host, 6);
}

TEST_CASE("uri: userinfo and escapes, negative cases (PEERS.md (c) 1, 2, 5)") {
  test::check_error(uri, "sip:@example.com", errc::bad_user, 4);
  test::check_error(uri, "sip:a%4@example.com", errc::bad_escape, 5);
  test::check_error(uri, "sip:b@h?Replaces=abc%4", errc::bad_escape, 20);
  test::check_error(uri, "sip:b@h?Replaces=abc%", errc::bad_escape, 20);
  test::check_error(uri, "sip:b@h?Replaces=abc%zz", errc::bad_escape, 20);
  test::check_error(uri, "sip:b@h;x=%", errc::bad_escape, 10);
  test::check_error(uri, "", errc::bad_scheme, 0);
  test::check_error(uri, ":", errc::bad_scheme, 0);
  test::check_error(uri, ":@", errc::bad_scheme, 0);
  test::check_error(uri, "/", errc::bad_scheme, 0);
  test::check_error(uri, "1sip:a@b", errc::bad_scheme, 0);
  test::check_error(uri, "sip:a@b c", errc::trailing_garbage, 7);
  test::check_error(uri, "sip:a@b>", errc::trailing_garbage, 7);
  // %00 is a legal escape in the user part and decodes to a real NUL (RFC 4475 escnull).
  auto nul = test::parse_exact(uri, "sip:saturn%00@example.com");
  REQUIRE(nul);
  CHECK(grammar::pct_decoded_size(nul->user) == 7);
}

TEST_CASE("uri: parameters") {
  auto u = test::parse_exact(uri, "sip:carol@chicago.example.com;method=BYE;lr;transport=tcp");
  REQUIRE(u);
  CHECK(u->method() == "BYE");
  CHECK(u->params.contains("LR"));
  CHECK(u->params.size() == 3);
  test::check_error(uri, "sip:a@b;lr;LR", errc::duplicate_param, 11);
  test::check_error(uri, "sip:a@b;", errc::bad_param, 8);
  test::check_error(uri, "sip:a@b;x=", errc::bad_param, 10);
  test::check_error(uri, "sip:a@b;method=B[E", errc::bad_param, 8);  // method must be a token
  // RFC 5368 §9 spells the method as a URI header; only the lenient accessor reads it.
  auto h = test::parse_exact(uri, "sip:bill@example.com?method=BYE");
  REQUIRE(h);
  CHECK(h->method().empty());
  CHECK(h->method(true) == "BYE");
}

TEST_CASE("uri: embedded headers, strict and lenient (PEERS.md (c) 8)") {
  const char* escaped = "sip:dave@denver.example.org?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994";
  auto u = test::parse_exact(uri, escaped);
  REQUIRE(u);
  uri_param_view r;
  REQUIRE(u->headers.find("replaces", r));
  CHECK(r.value == "12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994");
  test::check_error(uri, "sip:b@h?Replaces=c;to-tag=1;from-tag=2", errc::trailing_garbage, 18);
  auto l = test::parse_exact(lenient, "sip:b@h?Replaces=c;to-tag=1;from-tag=2");
  REQUIRE(l);
  CHECK(l->headers.size() == 1);
  test::check_error(uri, "sip:b@h?=x", errc::bad_uri_header, 8);
  test::check_error(uri, "sip:b@h?x", errc::bad_uri_header, 9);
  test::check_error(uri, "sip:b@h?x=1&", errc::bad_uri_header, 12);
}

TEST_CASE("uri: embedded header safety checks (RFC 3261 §19.1.5, PEERS.md (c) 3)") {
  auto inj = test::parse_exact(uri, "sip:b@h?Replaces=c%3Bto-tag%3D1%3Bfrom-tag%3D2%0D%0AX-Evil%3A%201");
  REQUIRE(inj);
  CHECK(check_uri_headers(*inj) == error{errc::unsafe_uri_header, 8});
  auto nul = test::parse_exact(uri, "sip:b@h?Subject=a%00b");
  REQUIRE(nul);
  CHECK(check_uri_headers(*nul) == error{errc::unsafe_uri_header, 8});
  auto cid = test::parse_exact(uri, "sip:b@h?Subject=x&Call-ID=abc");
  REQUIRE(cid);
  CHECK(check_uri_headers(*cid) == error{errc::forbidden_uri_header, 18});
  auto route = test::parse_exact(uri, "sip:b@h?R%6Fute=%3Csip:x%3E");  // decoded name is "Route"
  REQUIRE(route);
  CHECK(check_uri_headers(*route) == error{errc::forbidden_uri_header, 8});
  auto ok = test::parse_exact(uri, "sip:b@h?Replaces=c%3Bto-tag%3D1%3Bfrom-tag%3D2&Require=replaces");
  REQUIRE(ok);
  CHECK_FALSE(check_uri_headers(*ok));
}

TEST_CASE("uri: tel, cid and other absolute URIs (PEERS.md (c) 6)") {
  auto t = test::parse_exact(uri, "tel:+1-201-555-0123;ext=1234");
  REQUIRE(t);
  CHECK(t->scheme == uri_scheme::tel);
  CHECK(t->user == "+1-201-555-0123");
  CHECK(t->param("ext") == "1234");
  CHECK(test::parse_exact(uri, "tel:7042;phone-context=example.com"));
  test::check_error(uri, "tel:7042", errc::bad_tel, 4);
  test::check_error(uri, "tel:+", errc::bad_tel, 4);
  auto c = test::parse_exact(uri, "cid:cn35t8jf02@example.com");
  REQUIRE(c);
  CHECK(c->scheme == uri_scheme::cid);
  CHECK(cid_matches(*c, "cn35t8jf02@example.com"));
  CHECK_FALSE(cid_matches(*c, "CN35t8jf02@example.com"));  // Content-IDs are case-sensitive
  auto pc = test::parse_exact(uri, "cid:foo4%25foo1@bar.net");  // RFC 2392 §2: decode, not the example
  REQUIRE(pc);
  CHECK(cid_matches(*pc, "foo4%foo1@bar.net"));
  CHECK_FALSE(cid_matches(*pc, "foo4%25foo1@bar.net"));
  test::check_error(uri, "cid:abc", errc::bad_cid, 4);
  test::check_error(uri, "cid:@x", errc::bad_cid, 4);
  test::check_error(uri, "cid:", errc::bad_uri, 4);
  auto http = test::parse_exact(uri, "http://www.ietf.org");
  REQUIRE(http);
  CHECK(http->scheme == uri_scheme::other);
  CHECK(http->opaque == "//www.ietf.org");
  CHECK(test::parse_exact(uri, "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
  CHECK(test::parse_exact(uri, "soap.beep://192.0.2.103:3002"));  // RFC 4475 novelsc
}

TEST_CASE("uri: scan_uri in addr-spec mode leaves parameters to the header (RFC 3261 §20.10)") {
  const test::exact_buffer b("sip:c@example.com;method=INVITE");
  grammar::scanner s(b.view());
  auto u = scan_uri(s, true);
  REQUIRE(u);
  CHECK(u->text == "sip:c@example.com");
  CHECK(s.rest() == ";method=INVITE");
  const test::exact_buffer b2("tel:+123;x=y, <sip:a@b>");
  grammar::scanner s2(b2.view());
  auto t = scan_uri(s2, true);
  REQUIRE(t);
  CHECK(t->text == "tel:+123");
  const test::exact_buffer b3("http://www.ietf.org;x");
  grammar::scanner s3(b3.view());
  auto h = scan_uri(s3, true);
  REQUIRE(h);
  CHECK(h->text == "http://www.ietf.org");
}

TEST_CASE("uri: RFC 3261 §19.1.4 equivalent sets") {
  CHECK(equal("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"));
  CHECK(equal("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"));
  CHECK(equal("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
  CHECK(equal("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"));
  CHECK(equal("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
              "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
  CHECK(equal("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
              "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));
}

TEST_CASE("uri: RFC 3261 §19.1.4 non-equivalent sets") {
  CHECK_FALSE(equal("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"));
  CHECK_FALSE(equal("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"));
  CHECK_FALSE(equal("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"));
  CHECK_FALSE(equal("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"));
  CHECK_FALSE(equal("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"));
  CHECK_FALSE(equal("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"));
  CHECK_FALSE(equal("sip:a@b", "sips:a@b"));
  CHECK_FALSE(equal("sip:a@b", "sip:a@b;user=phone"));
  CHECK_FALSE(equal("sip:a@b;method=BYE", "sip:a@b"));
  CHECK_FALSE(equal("sip:a@b;maddr=x", "sip:a@b"));
}

TEST_CASE("uri: IP literals compare by binary value (RFC 5954 §4.2)") {
  CHECK(equal("sip:[2001:db8::9:1]", "sip:[2001:db8::9:01]"));
  CHECK(equal("sip:[2001:DB8::1]", "sip:[2001:db8:0:0:0:0:0:1]"));
  CHECK(equal("sip:[::ffff:192.0.2.1]", "sip:[::ffff:c000:201]"));
  CHECK_FALSE(equal("sip:[2001:db8::1]", "sip:[2001:db8::2]"));
  CHECK(equal("sip:a@example.com.", "sip:a@EXAMPLE.com"));
}

TEST_CASE("uri: compose from decoded parts escapes exactly once") {
  // RFC 3515 §2.1: the Replaces example.
  const uri_field hdr[] = {{"Replaces", "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994"}};
  sip_uri u;
  u.user = "dave";
  u.host = "denver.example.org";
  u.headers = hdr;
  auto text = to_string(u);
  REQUIRE(text);
  CHECK(*text == "sip:dave@denver.example.org?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994");
  // Round trip: parse the composed text, decode the header once, get the raw value back.
  auto back = parse_uri(*text);
  REQUIRE(back);
  uri_param_view r;
  REQUIRE(back->headers.find("Replaces", r));
  std::string decoded;
  struct sink {
    std::string& s;
    void put(char c) { s.push_back(c); }
    void put(std::string_view v) { s.append(v); }
  } w{decoded};
  grammar::pct_decode(w, r.value);
  CHECK(decoded == "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994");
  // A literal '%' and PEERS.md (c) 9 tag characters are escaped, never passed through.
  const uri_field h2[] = {{"Replaces", "a%b;to-tag=123+456;from-tag=x`y"}};
  sip_uri u2;
  u2.host = "h";
  u2.headers = h2;
  CHECK(*to_string(u2) == "sip:h?Replaces=a%25b%3Bto-tag%3D123+456%3Bfrom-tag%3Dx%60y");
}

TEST_CASE("uri: compose user, password, IPv6, port, params") {
  const uri_field params[] = {{"method", "BYE"}, {"lr", {}, false}, {"x", "a b"}};
  sip_uri u;
  u.secure = true;
  u.user = "al ice@x";
  u.password = "p:w";
  u.host = "2001:db8::1";
  u.port = 5061;
  u.params = params;
  auto t = to_string(u);
  REQUIRE(t);
  CHECK(*t == "sips:al%20ice%40x:p%3Aw@[2001:db8::1]:5061;method=BYE;lr;x=a%20b");
  auto back = parse_uri(*t);
  REQUIRE(back);
  CHECK(back->method() == "BYE");
  CHECK(back->port == 5061);
  CHECK(composed_size(u).value() == t->size());
}

TEST_CASE("uri: compose rejects invalid parts with the offending offset") {
  sip_uri bad_host;
  bad_host.host = "exa mple.com";
  CHECK(composed_size(bad_host).error() == error{errc::bad_host, 0});
  const uri_field crlf[] = {{"Subject", "hi\r\nX-Evil: 1"}};
  sip_uri u;
  u.host = "h";
  u.headers = crlf;
  CHECK(composed_size(u).error() == error{errc::unsafe_uri_header, 2});
  const uri_field cid[] = {{"Call-ID", "1"}};
  u.headers = cid;
  CHECK(composed_size(u).error().code == errc::forbidden_uri_header);
  const uri_field dup[] = {{"lr", {}, false}, {"LR", {}, false}};
  sip_uri d;
  d.host = "h";
  d.params = dup;
  CHECK(composed_size(d).error().code == errc::duplicate_param);
  const uri_field meth[] = {{"method", "B YE"}};
  d.params = meth;
  CHECK(composed_size(d).error().code == errc::bad_param);
  char small[4];
  sip_uri ok;
  ok.host = "example.com";
  const auto r = compose_to(small, small + sizeof small, ok);
  CHECK(r.ec.code == errc::buffer_too_small);
}

TEST_CASE("uri: uri_ref::with_method injects ;method= before the headers (PROCEDURE.md C13)") {
  CHECK(*to_string(uri_ref("sip:bill@example.com").with_method("BYE")) == "sip:bill@example.com;method=BYE");
  CHECK(*to_string(uri_ref("sip:b@h;transport=tcp?Subject=x").with_method("BYE")) ==
        "sip:b@h;transport=tcp;method=BYE?Subject=x");
  CHECK(composed_size(uri_ref("tel:+1234").with_method("BYE")).error() == error{errc::bad_scheme, 0});
  CHECK(composed_size(uri_ref("sip:b@h;method=BYE").with_method("BYE")).error() == error{errc::duplicate_param, 8});
  CHECK(composed_size(uri_ref("sip:b@h?method=BYE").with_method("BYE")).error() == error{errc::duplicate_param, 8});
  CHECK(composed_size(uri_ref("sip:b@h").with_method("B E")).error() == error{errc::bad_method, 1});
}

TEST_CASE("uri: uri_equality_hash separates URIs that differ where equality looks") {
  auto h = [](std::string_view s) { return uri_equality_hash(*parse_uri(s)); };
  CHECK(h("sip:a@example.com") != h("sip:b@example.com"));
  CHECK(h("sip:a@example.com") != h("sips:a@example.com"));
  CHECK(h("sip:a@example.com") != h("sip:a@example.com:5060"));
  CHECK(h("sip:a@example.com") != h("sip:a@example.org"));
  CHECK(h("sip:a@[::1]") == h("sip:a@[0:0:0:0:0:0:0:1]"));
  CHECK(h("http://x/%41") == h("HTTP://x/A"));
}

TEST_CASE("uri: the composers' quick validity check accepts only URIs parse_uri accepts") {
  // Its shape: lower-case sip/sips, plain user, hostname or IPv4, port, unescaped params.
  for (const char* ok : {"sip:+15551230002@example.com", "sip:pcscf.example.com;lr", "sips:a@b.example.com.",
                         "sip:+15551230001@192.0.2.10:5060;transport=tcp", "sip:conf-7f3a9c@im.example.com",
                         "sip:a@x1.y-z.com:65535;a;b=c;user=phone"}) {
    INFO(ok);
    CHECK(detail::quick_valid_sip_uri(ok));
    CHECK(parse_uri(ok));
  }
  // Not its shape: left to parse_uri, valid or not (each verdict must still be parse_uri's).
  for (const char* other : {"SIP:a@example.com", "sip:a:pw@example.com", "sip:a%41@example.com", "sip:a@[::1]",
                            "sip:a@example.com?h=v", "sip:a@example.com;method=BYE", "sip:a@example.com;lr;LR",
                            "sip:a@example.com:65536", "sip:a@example.com:", "sip:a@example.com:050600",
                            "sip:a@-example.com", "sip:a@example-.com", "sip:a@example.c-", "sip:a@example..com",
                            "sip:a@example.1com", "sip:a@1.2.3", "sip:a@1.2.3.256", "sip:@example.com", "sip:a@",
                            "sip:a@example.com;", "sip:a@example.com;x=", "sip:a@.", "sip:", "sip:a@example.com>",
                            "sip:a@b;%41=1", "sips:a@example.com ", "tel:+1555", "cid:x@y", "sip:a@b;p1;p2;p3;p4;p5;p6;p7;p8;p9"}) {
    INFO(other);
    CHECK_FALSE(detail::quick_valid_sip_uri(other));
  }
  for (const char* ok : {"sip:a@a--b.com", "sip:a@example.com.:5060", "sip:a@1.2.3.4", "sip:b.c-d.e", "sip:a@x.Y9"}) {
    INFO(ok);
    CHECK(detail::quick_valid_sip_uri(ok));
    CHECK(parse_uri(ok));
  }
  for (const char* other : {"sip:a@a.-b", "sip:a@a-", "sip:a@1.2.3.4.", "sip:a@a.b.", "sip:a@a..", "sip:a@a.b.-"}) {
    INFO(other);
    if (detail::quick_valid_sip_uri(other)) CHECK(parse_uri(other));
  }
  static_assert(detail::quick_valid_sip_uri("sip:carol@chicago.example.com"));
}

TEST_CASE("uri: parse_ipv4 agrees with the plain reading of the grammar") {
  // dec-octet = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35
  const auto reference = [](std::string_view s, std::uint8_t (&out)[4]) {
    std::size_t i = 0;
    for (int part = 0; part < 4; ++part) {
      if (part > 0) {
        if (i >= s.size() || s[i] != '.') return false;
        ++i;
      }
      const std::size_t start = i;
      unsigned v = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3) v = v * 10 + static_cast<unsigned>(s[i++] - '0');
      const std::size_t len = i - start;
      if (len == 0 || v > 255 || (len > 1 && s[start] == '0')) return false;
      if (i < s.size() && s[i] >= '0' && s[i] <= '9') return false;
      out[part] = static_cast<std::uint8_t>(v);
    }
    return i == s.size();
  };
  const std::string_view alphabet("0123456789.....2551a\0", 21);
  test::lcg next{99};
  std::size_t valid = 0;
  for (int round = 0; round < 300000; ++round) {
    std::string s;
    const std::size_t len = next() % 18;
    for (std::size_t k = 0; k < len; ++k) s += alphabet[next() % alphabet.size()];
    if (round % 3 == 0) {  // dotted quads, some out of range or with leading zeros
      s = std::to_string(next() % 300) + "." + std::to_string(next() % 300) + "." + std::to_string(next() % 260) + "." +
          std::to_string(next() % 260);
      if (next() % 4 == 0) s.insert(next() % s.size(), 1, alphabet[next() % alphabet.size()]);
    }
    std::uint8_t a[4] = {}, b[4] = {};
    INFO(s);
    const bool x = parse_ipv4(s, a);
    REQUIRE(x == reference(s, b));
    if (x) {
      ++valid;
      CHECK(std::equal(a, a + 4, b));
    }
  }
  CHECK(valid > 10000);
  std::uint8_t v4[4] = {};
  CHECK(parse_ipv4("255.255.255.255", v4));
  CHECK(parse_ipv4("0.0.0.0", v4));
  CHECK_FALSE(parse_ipv4("256.1.1.1", v4));
  CHECK_FALSE(parse_ipv4("01.1.1.1", v4));
  CHECK_FALSE(parse_ipv4("1.1.1.1.", v4));
  CHECK_FALSE(parse_ipv4(std::string_view("1.1.1.1\0", 8), v4));
}

TEST_CASE("uri: the quick check's two scanners agree (bit masks and byte by byte)") {
  // Lengths around the 16-63 bytes the mask scanner takes, over the bytes that matter to the
  // shape; every verdict, offset and part must be the same.
  const std::string_view alphabet = "sip:@.-;=aZ19%[]?&+_ >\"\x80";
  test::lcg next{777};
  const std::string_view seeds[] = {"sip:+15551230001@192.0.2.10:5060;transport=tcp", "sip:conf-7f3a9c@focus.im.example.com",
                                    "sips:a--b.example.com.:65535;lr;x=1", "sip:pcscf.example.com;lr"};
  std::size_t accepted = 0;
  for (int round = 0; round < 200000; ++round) {
    std::string s;
    if (next() % 2 == 0) {
      s = seeds[next() % 4];
      for (int edits = 1 + static_cast<int>(next() % 3); edits > 0; --edits)
        s[next() % s.size()] = alphabet[next() % alphabet.size()];
    } else {
      s = (next() % 8 != 0) ? "sip:" : "";
      const std::size_t len = 10 + next() % 60;
      for (std::size_t k = 0; k < len; ++k) s += alphabet[next() % alphabet.size()];
    }
    detail::quick_sip_parts a, b;
    const std::size_t x = detail::quick_sip_uri_params(s, &a);
    const std::size_t y = detail::quick_sip_uri_params_bytewise(s, &b);
    INFO(s);
    REQUIRE(x == y);
    if (x == std::string_view::npos) continue;
    ++accepted;
    REQUIRE(parse_uri(s));
    CHECK(a.user == b.user);
    CHECK(a.host == b.host);
    CHECK(a.host_type == b.host_type);
    CHECK(std::equal(a.ipv4, a.ipv4 + 4, b.ipv4));
    CHECK(a.has_port == b.has_port);
    CHECK(a.port == b.port);
    CHECK(a.scheme == b.scheme);
    CHECK(a.ampersand == b.ampersand);
  }
  CHECK(accepted > 1000);
}

TEST_CASE("uri: quick validity check never accepts what parse_uri rejects (differential)") {
  // Deterministic pseudo-random strings over the bytes that matter to the URI grammar.
  const std::string_view alphabet = "sip:@.-;=aZ19%[]?&+_ >\"";
  test::lcg next{12345};
  std::size_t accepted = 0;
  for (int round = 0; round < 200000; ++round) {
    std::string s = (next() % 8 != 0) ? "sip:" : "";
    const std::size_t len = next() % 24;
    for (std::size_t k = 0; k < len; ++k) s += alphabet[next() % alphabet.size()];
    if (detail::quick_valid_sip_uri(s)) {
      ++accepted;
      INFO(s);
      REQUIRE(parse_uri(s));
    }
  }
  CHECK(accepted > 100);
}
