// SPDX-License-Identifier: MIT
/// @file test_via.cpp
/// Via values: sent-protocol, sent-by with IPv6, typed parameters, lists, composition.
#include <sipref/via.hpp>

#include <string>
#include <vector>

#include <sipref/message.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
const auto via = [](std::string_view in) { return parse_via(in); };
std::string sv(std::string_view v) { return std::string(v); }
}  // namespace

static_assert(noexcept(parse_via(std::string_view{})));
static_assert(parse_via("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds").has_value());
static_assert(parse_via("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds")->front().branch == "z9hG4bK776asdhds");
static_assert(parse_via("SIP/2.0/UDP [::1]:5060, SIP/2.0/TCP h")->size() == 2);

TEST_CASE("via: one via-parm with every typed parameter") {
  auto v =
      test::parse_exact(via,
                        "SIP/2.0/TLS client.example.com:5061;branch=z9hG4bKhjhs8ass83;received=192.0.2.4;rport=5062;"
                        "maddr=224.2.0.1;ttl=16;x-ext=\"q;v\";flag");
  REQUIRE(v);
  CHECK(v->size() == 1);
  const via_parm_view p = v->front();
  CHECK(p.protocol_name == "SIP");
  CHECK(p.protocol_version == "2.0");
  CHECK(p.transport == "TLS");
  CHECK(p.host == "client.example.com");
  CHECK(p.host_type == host_kind::hostname);
  CHECK(p.has_port);
  CHECK(p.port == 5061);
  CHECK(p.branch == "z9hG4bKhjhs8ass83");
  CHECK(p.has_rfc3261_branch());
  CHECK(p.is_sip_2_0());
  CHECK(p.received == "192.0.2.4");
  CHECK(p.has_rport);
  CHECK(p.rport_has_value);
  CHECK(p.rport == 5062);
  CHECK(p.maddr == "224.2.0.1");
  CHECK(p.has_ttl);
  CHECK(p.ttl == 16);
  CHECK(p.params.size() == 7);
  CHECK(p.params.get("X-EXT") == "\"q;v\"");
  CHECK(p.params.contains("flag"));
  CHECK_FALSE(p.params.contains("nope"));
  CHECK(p.offset == 0);
}

TEST_CASE("via: LWS around separators, folds, lists (RFC 4475 wsinv, transports)") {
  auto v = test::parse_exact(
      via, "SIP / 2.0 / UDP\r\n  192.0.2.2 : 5060 ; branch = z9hG4bK1 ;rport ,\r\n SIP/2.0/SCTP h2 , SIP/2.0/FOO h3");
  REQUIRE(v);
  CHECK(v->size() == 3);
  std::vector<std::string> transports, hosts;
  for (const via_parm_view& p : *v) {
    transports.push_back(sv(p.transport));
    hosts.push_back(sv(p.host));
  }
  CHECK(transports == std::vector<std::string>{"UDP", "SCTP", "FOO"});
  CHECK(hosts == std::vector<std::string>{"192.0.2.2", "h2", "h3"});
  const via_parm_view first = v->front();
  CHECK(first.port == 5060);
  CHECK(first.branch == "z9hG4bK1");
  CHECK(first.has_rport);
  CHECK_FALSE(first.rport_has_value);
  CHECK(first.host_type == host_kind::ipv4);
  auto it = v->begin();
  ++it;
  CHECK(it->offset ==
        std::string_view("SIP / 2.0 / UDP\r\n  192.0.2.2 : 5060 ; branch = z9hG4bK1 ;rport ,\r\n ").size());
  CHECK(it->text == "SIP/2.0/SCTP h2");
  CHECK_FALSE(it->has_port);
}

TEST_CASE("via: IPv6 sent-by and received with or without brackets (RFC 5118 §4.5, §4.7, §4.9)") {
  auto a = test::parse_exact(via, "SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111");
  REQUIRE(a);
  CHECK(a->front().host == "[2001:db8::9:1]");
  CHECK(a->front().host_type == host_kind::ipv6);
  CHECK(a->front().received == "[2001:db8::9:255]");
  CHECK(a->front().branch == "z9hG4bKas3-111");
  auto b = test::parse_exact(via, "SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3");
  REQUIRE(b);
  CHECK(b->front().received == "2001:db8::9:255");
  CHECK(b->front().branch == "z9hG4bKas3");
  CHECK(b->front().params.size() == 2);
  CHECK(b->front().params.get("received") == "2001:db8::9:255");
  auto c = test::parse_exact(via, "SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19");
  REQUIRE(c);
  CHECK(c->front().port == 19823);
  auto d = test::parse_exact(via, "SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2.200");
  REQUIRE(d);
  CHECK(d->front().received == "192.0.2.200");
}

TEST_CASE("via: errors assert code and offset (RFC 4475 badinv01; RFC 3261 §25.1)") {
  // RFC 4475 §3.1.2.1: "SIP/2.0/UDP 192.0.2.15;;,;,,"
  test::check_error(via, "SIP/2.0/UDP 192.0.2.15;;,;,,", errc::bad_param, 23);
  test::check_error(via, "SIP/2.0/UDP h,,SIP/2.0/UDP g", errc::empty_list_item, 14);
  test::check_error(via, ",SIP/2.0/UDP h", errc::empty_list_item, 0);
  test::check_error(via, "SIP/2.0/UDP h,", errc::empty_list_item, 14);
  test::check_error(via, "SIP/2.0/UDP h , ", errc::empty_list_item, 16);
  test::check_error(via, "", errc::empty_value, 0);
  test::check_error(via, "  ", errc::empty_value, 2);
  // RFC 3420 §3.2 INVALID-05: sent-by missing.
  test::check_error(via, "SIP/2.0/UDP ;branch=z9hG4bK29342a", errc::bad_host, 12);
  test::check_error(via, "SIP/2.0 h", errc::unexpected_char, 7);
  test::check_error(via, "SIP/2.0/UDPh", errc::unexpected_char, 12);
  test::check_error(via, "SIP//UDP h", errc::bad_token, 4);
  test::check_error(via, "SIP/2.0/UDP h;branch=z9hG4bK1 x", errc::trailing_garbage, 30);
  test::check_error(via, "SIP/2.0/UDP -bad-.com", errc::bad_host, 12);
  test::check_error(via, "SIP/2.0/UDP 2001:db8::1", errc::bad_host, 12);  // bare IPv6 sent-by
  test::check_error(via, "SIP/2.0/UDP [2001:db8:::1]", errc::bad_ipv6, 12);
  test::check_error(via, "SIP/2.0/UDP [2001:db8::1", errc::bad_ipv6, 12);
  test::check_error(via, "SIP/2.0/UDP h:65536", errc::bad_port, 14);
  test::check_error(via, "SIP/2.0/UDP h:", errc::bad_port, 14);
  test::check_error(via, "SIP/2.0/UDP h;ttl=256", errc::bad_param, 18);
  test::check_error(via, "SIP/2.0/UDP h;ttl=0001", errc::bad_param, 18);
  test::check_error(via, "SIP/2.0/UDP h;received=host.example.com", errc::bad_param, 23);
  test::check_error(via, "SIP/2.0/UDP h;received=[::1", errc::bad_param, 23);
  test::check_error(via, "SIP/2.0/UDP h;received", errc::bad_param, 14);
  test::check_error(via, "SIP/2.0/UDP h;maddr=-x", errc::bad_param, 20);
  test::check_error(via, "SIP/2.0/UDP h;branch", errc::bad_param, 14);
  test::check_error(via, "SIP/2.0/UDP h;branch=\"z9hG4bK1\"", errc::bad_param, 21);
  test::check_error(via, "SIP/2.0/UDP h;rport=x", errc::bad_param, 20);
  test::check_error(via, "SIP/2.0/UDP h;rport=70000", errc::bad_param, 20);
  test::check_error(via, "SIP/2.0/UDP h;branch=z9hG4bK1;BRANCH=z9hG4bK2", errc::duplicate_param, 30);
  test::check_error(via, "SIP/2.0/UDP h;received=1.2.3.4;received=1.2.3.5", errc::duplicate_param, 31);
  std::string many = "SIP/2.0/UDP h";
  for (std::size_t i = 0; i <= grammar::max_params; ++i) many += ";p" + std::to_string(i);
  test::check_error(via, many, errc::limit_exceeded, many.rfind(";p") + 1);
}

TEST_CASE("via: the branch cookie is reported, not required, when parsing (RFC 4475 §3.2.1 badbranch)") {
  auto v = test::parse_exact(via, "SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK");
  REQUIRE(v);
  CHECK_FALSE(v->front().has_rfc3261_branch());
  auto w = test::parse_exact(via, "SIP/7.0/UDP c.example.com;branch=1234");  // RFC 2543 style
  REQUIRE(w);
  CHECK_FALSE(w->front().is_sip_2_0());
  CHECK_FALSE(w->front().has_rfc3261_branch());
}

TEST_CASE("via: every Via row of a message, split and joined (RFC 3261 §7.3.1)") {
  const std::string m =
      "BYE sip:user@host.example.net SIP/2.0\r\n"
      "Via: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111\r\n"
      "v: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKjhja8781hjuaij65144, SIP/2.0/TCP "
      "[2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2.200\r\n"
      "l: 0\r\n\r\n";
  auto msg = parse_message(m);
  REQUIRE(msg);
  std::vector<std::string> hosts;
  for (const header_field_view& row : msg->rows(header_id::via)) {
    auto v = parse_via(row.value);
    REQUIRE(v);
    for (const via_parm_view& p : *v) hosts.push_back(sv(p.host));
  }
  CHECK(hosts == std::vector<std::string>{"[2001:db8::9:1]", "192.0.2.1", "[2001:db8::9:255]"});
}

TEST_CASE("via: composing a via-parm") {
  via_parm v{"TCP", "client.chicago.example.com", 0, "z9hG4bKhjhs8ass83", false};
  auto row = to_string(header_row(v));
  REQUIRE(row);
  CHECK(*row == "Via: SIP/2.0/TCP client.chicago.example.com;branch=z9hG4bKhjhs8ass83\r\n");
  via_parm w{"UDP", "[2001:db8::9:1]", 5060, "z9hG4bK-1.2", true};
  auto text = to_string(w);
  REQUIRE(text);
  CHECK(*text == "SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bK-1.2;rport");
  // compose → parse round trip.
  auto p = test::parse_exact(via, *text);
  REQUIRE(p);
  CHECK(p->front().transport == "UDP");
  CHECK(p->front().host == "[2001:db8::9:1]");
  CHECK(p->front().port == 5060);
  CHECK(p->front().branch == "z9hG4bK-1.2");
  CHECK(p->front().has_rport);
  via_parm x{"UDP", "192.0.2.1", 65535, "z9hG4bKx", false};
  CHECK(*to_string(x) == "SIP/2.0/UDP 192.0.2.1:65535;branch=z9hG4bKx");

  auto err = [](const via_parm& vp) { return to_string(vp).error(); };
  CHECK(err({"", "h", 0, "z9hG4bK1", false}) == error{errc::invalid_argument, 0});
  CHECK(err({"U DP", "h", 0, "z9hG4bK1", false}) == error{errc::invalid_argument, 1});
  CHECK(err({"UDP", "2001:db8::1", 0, "z9hG4bK1", false}) == error{errc::invalid_argument, 0});
  CHECK(err({"UDP", "h\r\nX: y", 0, "z9hG4bK1", false}) == error{errc::invalid_argument, 0});
  CHECK(err({"UDP", "", 0, "z9hG4bK1", false}) == error{errc::invalid_argument, 0});
  CHECK(err({"UDP", "h", 0, "z9hG4bK", false}) == error{errc::invalid_argument, 0});
  CHECK(err({"UDP", "h", 0, "abc", false}) == error{errc::invalid_argument, 0});
  CHECK(err({"UDP", "h", 0, "z9hg4bk1", false}) == error{errc::invalid_argument, 0});
  CHECK(err({"UDP", "h", 0, "z9hG4bK1;x=y", false}) == error{errc::invalid_argument, 8});
}
