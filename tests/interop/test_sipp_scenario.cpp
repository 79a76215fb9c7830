// SPDX-License-Identifier: MIT
/// @file test_sipp_scenario.cpp
/// `sipref sipp-scenario` (tools/sipp_scenario.hpp): the scenario's REFER, run through a model
/// of what SIPp 3.6 does to `<send>` text (scenario.cpp `clean_cdata`, then message.cpp
/// `SendingMessage`: `\xHH`, LF -> CRLF, `[keyword]`, `[len]`), must give back the composed
/// REFER byte for byte, apart from the fields SIPp supplies. Checked for every REFER of the
/// matrix (UTF-8, `\`, IPv6 brackets, URI headers, multipart) and for a body made of every
/// shape SIPp would otherwise alter. The real SIPp runs are in sipp/run_sipp.sh.
#include "sipp_scenario.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <map>
#include <string>

#include "interop_messages.hpp"

namespace {

/// SIPp's clean_cdata (src/scenario.cpp): trims the message, strips SP/HTAB at line edges,
/// and appends an empty line when there is none.
std::string sipp_clean_cdata(std::string msg) {
  std::size_t b = 0;
  while (b < msg.size() && (msg[b] == ' ' || msg[b] == '\t' || msg[b] == '\n')) ++b;
  msg.erase(0, b);
  while (!msg.empty() && (msg.back() == ' ' || msg.back() == '\t' || msg.back() == '\n')) msg.pop_back();
  if (msg.find("\n\n") == std::string::npos) msg += "\n\n";
  for (const char* pat : {"\n ", "\n\t"}) {
    for (std::size_t p; (p = msg.find(pat)) != std::string::npos;) msg.erase(p + 1, 1);
  }
  for (const char* pat : {" \n", "\t\n"}) {
    for (std::size_t p; (p = msg.find(pat)) != std::string::npos;) msg.erase(p, 1);
  }
  return msg;
}

int hexval(char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10; }

/// SIPp's SendingMessage + send time: `\xHH`, LF -> CRLF, keywords, then `[len]`.
std::string sipp_expand(const std::string& src, const std::map<std::string, std::string>& kw) {
  std::string out;
  for (std::size_t i = 0; i < src.size();) {
    if (src[i] == '\\' && i + 1 < src.size() && src[i + 1] == 'x') {
      i += 2;
      int v = 0;
      if (i < src.size() && std::isxdigit(static_cast<unsigned char>(src[i]))) {
        v = hexval(src[i++]);
        if (i < src.size() && std::isxdigit(static_cast<unsigned char>(src[i]))) v = v * 16 + hexval(src[i++]);
      }
      out.push_back(static_cast<char>(v));
    } else if (src[i] == '\n') {
      out += "\r\n";
      ++i;
    } else if (src[i] == '[') {
      const std::size_t close = src.find(']', i);
      REQUIRE(close != std::string::npos);
      const std::string name = src.substr(i + 1, close - i - 1);
      if (name == "len") {
        out += "\x01LEN\x01";
      } else {
        auto it = kw.find(name);
        INFO("keyword ", name);
        REQUIRE(it != kw.end());
        out += it->second;
      }
      i = close + 1;
    } else {
      out.push_back(src[i++]);
    }
  }
  const std::size_t body = out.find("\r\n\r\n");
  const std::size_t len_at = out.find("\x01LEN\x01");
  if (len_at != std::string::npos) {
    // The placeholder sits in the headers, before the body: its own size does not count.
    const std::size_t n = body == std::string::npos ? 0 : out.size() - (body + 4);
    out.replace(len_at, 5, std::to_string(n));
  }
  return out;
}

/// The REFER SIPp would send for @p xml (the first <send>'s CDATA).
std::string sipp_sends(const std::string& xml, const std::map<std::string, std::string>& kw) {
  const std::size_t a = xml.find("<![CDATA[");
  const std::size_t b = xml.find("]]>", a);
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  return sipp_expand(sipp_clean_cdata(xml.substr(a + 9, b - a - 9)), kw);
}

const std::map<std::string, std::string> keywords = {
    {"transport", "UDP"},       {"local_ip", "127.0.0.1"},     {"local_port", "5061"},
    {"branch", "z9hG4bK-1-1-0"}, {"call_id", "1-4242@127.0.0.1"}, {"pid", "4242"},
    {"call_number", "1"},       {"service", "conf-x"},         {"remote_ip", "127.0.0.2"},
    {"remote_port", "5070"}};

/// Replaces the line that starts with @p prefix (up to its CRLF) with @p line.
std::string replace_line(std::string text, const std::string& prefix, const std::string& line) {
  const std::size_t a = text.find("\r\n" + prefix);
  REQUIRE(a != std::string::npos);
  const std::size_t e = text.find("\r\n", a + 2);
  text.replace(a + 2, e - a - 2, line);
  return text;
}

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  const std::size_t p = s.find(from);
  REQUIRE(p != std::string::npos);
  return s.replace(p, from.size(), to);
}

}  // namespace

TEST_CASE("sipp-scenario: SIPp's processing gives back every matrix REFER") {
  for (const auto& w : interop::all_messages()) {
    if (w.kind != interop::wire_kind::refer) continue;
    CAPTURE(w.name);
    auto s = sipref_tool::sipp_scenario(w.text);
    REQUIRE(s);
    CHECK(s->implicit_subscription == (!w.refer->several && w.refer->profile != sipref::refer_profile::rcs));
    const bool has_notify_step = s->xml.find("<recv request=\"NOTIFY\">") != std::string::npos;
    CHECK(has_notify_step == s->implicit_subscription);
    std::string want = replace_line(w.text, "Via: ", "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-1-0");
    want = replace_once(want, std::string("Call-ID: ") + interop::matrix_call_id, "Call-ID: 1-4242@127.0.0.1");
    if (!w.refer->in_dialog) want = replace_once(want, ";tag=a1b2c3\r\n", ";tag=4242SIPpTag001\r\n");
    want = replace_once(want, interop::matrix_contact_uri, "sip:+15551230001@127.0.0.1:5061;transport=UDP");
    CHECK(sipp_sends(s->xml, keywords) == want);
  }
}

TEST_CASE("sipp-scenario: bytes SIPp would alter are escaped") {
  const std::string body =
      "  leading spaces\r\n\tleading tab\r\ntrailing space \r\ntrailing tab\t\r\n"
      "brackets [call_id] and ]]> and a literal \\x41\r\nbare\rCR and bare\nLF\r\n\r\n"
      "caf\xc3\xa9 \x7f end  \r\n\r\n";
  const std::string refer =
      "REFER sip:conf@[2001:db8::5] SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK-x\r\n"
      "From: \"A \\\"q\\\" [x]\" <sip:a@example.com>;tag=abc\r\nTo: <sip:conf@[2001:db8::5]>\r\n"
      "Call-ID: cid-1\r\nCSeq: 1 REFER\r\nContact: <sips:[2001:db8::1]:5061>\r\n"
      "Refer-To: <sip:b@example.com>\r\nRefer-Sub: false\r\nContent-Type: text/plain\r\n"
      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  auto s = sipref_tool::sipp_scenario(refer);
  REQUIRE(s);
  CHECK_FALSE(s->implicit_subscription);
  // No raw `]]>` can end the CDATA early, and the XML has exactly the CDATA sections we wrote.
  const std::size_t first = s->xml.find("<![CDATA[");
  CHECK(s->xml.find("]]>", first) == s->xml.rfind("]]>"));
  std::string want = replace_line(refer, "Via: ", "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-1-0");
  want = replace_once(want, "Call-ID: cid-1", "Call-ID: 1-4242@127.0.0.1");
  want = replace_once(want, ";tag=abc\r\n", ";tag=4242SIPpTag001\r\n");
  // A Contact without a user part gets `sipp`.
  want = replace_once(want, "sips:[2001:db8::1]:5061", "sip:sipp@127.0.0.1:5061;transport=UDP");
  CHECK(sipp_sends(s->xml, keywords) == want);

  // --request-uri keywords: SIPp's own target.
  sipref_tool::sipp_options opt;
  opt.request_uri_keywords = true;
  auto k = sipref_tool::sipp_scenario(refer, opt);
  REQUIRE(k);
  CHECK(sipp_sends(k->xml, keywords).rfind("REFER sip:conf-x@127.0.0.2:5070 SIP/2.0\r\n", 0) == 0);
}

TEST_CASE("sipp-scenario: XML escaping of names and comments") {
  CHECK(sipref_tool::xml_escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  CHECK(sipref_tool::comment_safe("a--b-") == "a- -b- ");
  CHECK(sipref_tool::comment_safe("x---y").find("--") == std::string::npos);
  CHECK_FALSE(sipref_tool::sipp_scenario("INVITE sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n"));
  CHECK_FALSE(sipref_tool::sipp_scenario("not SIP"));
}
