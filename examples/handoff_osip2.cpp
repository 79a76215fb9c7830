// SPDX-License-Identifier: MIT
/// @file handoff_osip2.cpp
/// Handing sipref's REFER parts to GNU oSIP2: an application whose SIP stack builds its own
/// messages asks sipref only for the REFER-specific rows (`refer_header_rows`), the body
/// (`refer_body`) and its type (`refer_content_type`), and puts them into an
/// `osip_message_t` with `osip_message_set_header`, `osip_message_set_content_type` and
/// `osip_message_set_body`; oSIP2 writes Via, From, To, Call-ID, CSeq, Contact and
/// Content-Length. The program then serialises with `osip_message_to_str`, parses the result
/// back with sipref and runs `check_refer` on it: exit 0 when every REFER passes with the
/// invitees it was given, 1 otherwise.
// oSIP2 first: osip_const.h defines macros with common names (REQUIRE ...).
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

#include <sipref/sipref.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view session = "sip:conf-5b7e@im.example.com";

/// One REFER built by oSIP2 around sipref's parts; returns the serialised text ("" on error).
std::string build(const sipref::refer_request& req, const char* call_id) {
  std::string rows, body, type;
  if (sipref::append_to(rows, sipref::refer_header_rows{req}) || sipref::append_to(body, sipref::refer_body{req}) ||
      sipref::append_to(type, sipref::refer_content_type{req})) {
    std::puts("handoff_osip2: sipref could not compose the parts");
    return {};
  }
  osip_message_t* m = nullptr;
  if (osip_message_init(&m) != 0) return {};
  osip_message_set_method(m, osip_strdup("REFER"));
  osip_message_set_version(m, osip_strdup("SIP/2.0"));
  osip_uri_t* uri = nullptr;
  osip_uri_init(&uri);
  osip_uri_parse(uri, std::string(session).c_str());
  osip_message_set_uri(m, uri);
  bool ok = osip_message_set_via(m, "SIP/2.0/UDP 192.0.2.40:5060;branch=z9hG4bK-handoff-osip2") == 0 &&
            osip_message_set_from(m, "<sip:alice@example.com>;tag=osip2-handoff") == 0 &&
            osip_message_set_to(m, std::string("<" + std::string(session) + ">").c_str()) == 0 &&
            osip_message_set_call_id(m, call_id) == 0 && osip_message_set_cseq(m, "1 REFER") == 0 &&
            osip_message_set_contact(m, "<sip:alice@192.0.2.40:5060>;+g.oma.sip-im") == 0 &&
            osip_message_set_header(m, "Max-Forwards", "70") == 0;
  // sipref's rows: one `Name: value` per line, no folds.
  for (std::size_t at = 0; ok && at < rows.size();) {
    const std::size_t end = rows.find("\r\n", at);
    const std::string row = rows.substr(at, end - at);
    const std::size_t colon = row.find(':');
    ok = colon != std::string::npos &&
         osip_message_set_header(m, row.substr(0, colon).c_str(), row.substr(colon + 2).c_str()) == 0;
    at = end + 2;
  }
  if (ok && !body.empty())
    ok = osip_message_set_content_type(m, type.c_str()) == 0 && osip_message_set_body(m, body.data(), body.size()) == 0;
  std::string text;
  char* out = nullptr;
  std::size_t len = 0;
  if (ok && osip_message_to_str(m, &out, &len) == 0) {
    text.assign(out, len);
    osip_free(out);
  }
  osip_message_free(m);
  return text;
}

/// Parses @p text with sipref and checks it; true when it is the REFER that was asked for.
bool verify(const std::string& text, const std::vector<std::string>& invitees) {
  auto m = sipref::parse_message(text);
  if (!m) {
    std::printf("handoff_osip2: sipref cannot parse oSIP2's output: %s at %zu\n",
                std::string(sipref::to_string(m.code())).c_str(), m.error().offset);
    return false;
  }
  sipref::refer_expectations exp;
  exp.session_uri = session;
  const sipref::refer_report r = sipref::check_refer(text, exp);
  for (const auto& f : r.findings)
    std::printf("  finding %s %s %zu %s\n", std::string(f.rule).c_str(), std::string(sipref::to_string(f.level)).c_str(),
                f.offset, f.message.c_str());
  std::vector<std::string> got;
  for (const auto& i : r.invitees) got.push_back(i.uri);
  const bool ok = r.findings.empty() && r.response() == 200 && got == invitees;
  std::printf("  check_refer: %zu findings, response %u, %zu invitees -> %s\n", r.findings.size(), r.response(),
              got.size(), ok ? "ok" : "MISMATCH");
  return ok;
}

}  // namespace

int main() {
  parser_init();
  bool all_ok = true;
  const sipref::invitee several[] = {{"sip:bob@example.com", "Bob"},
                                     {"sip:carol@[2001:db8::10]:5070"},
                                     {"sip:dave@example.net", "Dave & <Sons>"}};
  const sipref::invitee one[] = {{"sip:erin@example.org;transport=tcp"}};
  struct {
    const char* name;
    sipref::list_ref<sipref::invitee> who;
    const char* call_id;
  } cases[] = {{"several invitees", several, "handoff-osip2-1@192.0.2.40"},
               {"one invitee", one, "handoff-osip2-2@192.0.2.40"}};
  for (const auto& c : cases) {
    sipref::refer_request req;
    req.session_uri = session;
    req.invitees = c.who;
    // The stack writes these rows itself, but plan_refer needs them to validate the request.
    req.from_uri = "sip:alice@example.com";
    req.from_tag = "osip2-handoff";
    req.call_id = c.call_id;
    req.contact_uri = "sip:alice@192.0.2.40:5060";
    req.via = {"UDP", "192.0.2.40", 5060, "z9hG4bK-handoff-osip2"};
    req.content_id = "list-handoff@example.com";
    const std::string text = build(req, c.call_id);
    std::printf("handoff_osip2: %s: osip_message_to_str gave %zu bytes\n%s\n", c.name, text.size(), text.c_str());
    std::vector<std::string> want;
    for (const auto& i : c.who) want.emplace_back(i.uri);
    all_ok = !text.empty() && verify(text, want) && all_ok;
  }
  std::puts(all_ok ? "handoff_osip2: ok" : "handoff_osip2: FAILED");
  return all_ok ? 0 : 1;
}
