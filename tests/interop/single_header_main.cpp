// SPDX-License-Identifier: MIT
/// @file single_header_main.cpp
/// Consumer of the amalgamated header: compiled with only the directory of
/// `sipref_single.hpp` on the include path (no include/sipref), it composes a REFER, checks
/// it, parses a NOTIFY and a resource list, and exits 0 when all agree.
#include "sipref_single.hpp"

#include <cstdio>
#include <string>

#ifdef SIPREF_SIPREF_HPP
#define SINGLE_HAS_UMBRELLA 1
#else
#define SINGLE_HAS_UMBRELLA 0
#endif
static_assert(SINGLE_HAS_UMBRELLA, "the single header contains the umbrella header");

int main() {
  const sipref::invitee who[] = {{"sip:bob@example.com", "Bob"}, {"sip:carol@[2001:db8::10]:5070"}};
  sipref::refer_request req;
  req.session_uri = "sip:conf-1@im.example.com";
  req.invitees = who;
  req.from_uri = "sip:alice@example.com";
  req.contact_uri = "sip:alice@192.0.2.1";
  req.call_id = "single-header-1";
  req.from_tag = "t1";
  req.via = {"UDP", "192.0.2.1", 5060, "z9hG4bK-single"};
  req.content_id = "list-1@example.com";
  auto text = sipref::to_string(req);
  if (!text) {
    std::printf("single header: compose failed: %s\n", std::string(sipref::to_string(text.error().code)).c_str());
    return 1;
  }
  sipref::refer_expectations exp;
  exp.session_uri = req.session_uri;
  const auto report = sipref::check_refer(*text, exp);
  constexpr std::string_view notify =
      "NOTIFY sip:alice@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.5;branch=z9hG4bK-n1\r\nMax-Forwards: 70\r\n"
      "From: <sip:conf-1@im.example.com>;tag=f1\r\nTo: <sip:alice@example.com>;tag=t1\r\nCall-ID: single-header-1\r\n"
      "CSeq: 1 NOTIFY\r\nEvent: refer\r\nSubscription-State: terminated;reason=noresource\r\n"
      "Content-Type: message/sipfrag\r\nContent-Length: 16\r\n\r\nSIP/2.0 200 OK\r\n";
  const auto progress = sipref::parse_refer_notify(notify);
  const bool ok = report.ok() && report.findings.empty() && report.invitees.size() == 2 && progress &&
                  progress->final && progress->code == 200;
  std::printf("single header (sipref %d.%d.%d): %zu-byte REFER, %zu findings, %zu invitees, NOTIFY %s -> %s\n",
              SIPREF_VERSION_MAJOR, SIPREF_VERSION_MINOR, SIPREF_VERSION_PATCH, text->size(), report.findings.size(),
              report.invitees.size(), progress ? "ok" : "bad", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
