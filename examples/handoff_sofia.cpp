// SPDX-License-Identifier: MIT
/// @file handoff_sofia.cpp
/// Handing sipref's REFER parts to sofia-sip (no nua): the stack builds a `msg_t`/`sip_t`
/// with its tag API (`sip_add_tl`) for Via, From, To, Call-ID, CSeq and Contact, and takes
/// from sipref only the REFER-specific rows (`refer_header_rows`, added with
/// `SIPTAG_HEADER_STR`, which sofia parses into typed headers), the body (`refer_body`, as
/// the payload) and its type (`refer_content_type`). `sip_complete_message` adds
/// Content-Length, `msg_as_string` serialises, and the result is parsed back with sipref and
/// checked with `check_refer`: exit 0 when every REFER passes with the invitees it was given.
#include <sofia-sip/msg.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_extra.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_tag.h>
#include <sofia-sip/su_alloc.h>

#include <sipref/sipref.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view session = "sip:conf-6c8f@im.example.com";

/// One REFER built by sofia-sip around sipref's parts; returns the serialised text.
std::string build(su_home_t* home, const sipref::refer_request& req, const std::string& call_id) {
  std::string rows, body, type;
  if (sipref::append_to(rows, sipref::refer_header_rows{req}) || sipref::append_to(body, sipref::refer_body{req}) ||
      sipref::append_to(type, sipref::refer_content_type{req})) {
    std::puts("handoff_sofia: sipref could not compose the parts");
    return {};
  }
  // Refer-Sub is one of sofia's "extra" headers: use the extended message class so it is typed.
  // sip_extend_mclass allocates a new class on each call: make one for the program.
  static msg_mclass_t const* const extended = sip_extend_mclass(nullptr);
  msg_t* msg = msg_create(extended, 0);
  if (msg == nullptr) return {};
  sip_t* sip = sip_object(msg);
  const std::string request = "REFER " + std::string(session) + " SIP/2.0";
  const std::string to = "<" + std::string(session) + ">";
  rows.resize(rows.size() - 2);  // SIPTAG_HEADER_STR takes the rows without the last CRLF
  int rc = sip_add_tl(msg, sip, SIPTAG_REQUEST_STR(request.c_str()),
                      SIPTAG_VIA_STR("SIP/2.0/UDP 192.0.2.50:5060;branch=z9hG4bK-handoff-sofia"),
                      SIPTAG_MAX_FORWARDS_STR("70"), SIPTAG_FROM_STR("<sip:alice@example.com>;tag=sofia-handoff"),
                      SIPTAG_TO_STR(to.c_str()), SIPTAG_CALL_ID_STR(call_id.c_str()), SIPTAG_CSEQ_STR("1 REFER"),
                      SIPTAG_CONTACT_STR("<sip:alice@192.0.2.50:5060>;+g.oma.sip-im"),
                      SIPTAG_HEADER_STR(rows.c_str()), TAG_END());
  if (rc >= 0 && !body.empty())
    rc = sip_add_tl(msg, sip, SIPTAG_CONTENT_TYPE_STR(type.c_str()), SIPTAG_PAYLOAD_STR(body.c_str()), TAG_END());
  std::string text;
  if (rc >= 0 && sip_complete_message(msg) == 0 && msg_serialize(msg, reinterpret_cast<msg_pub_t*>(sip)) == 0) {
    std::size_t len = 0;
    char* out = msg_as_string(home, msg, nullptr, 0, &len);
    if (out != nullptr) text.assign(out, len);
  } else {
    std::printf("handoff_sofia: sofia could not build the message (rc %d)\n", rc);
  }
  msg_destroy(msg);
  return text;
}

bool verify(const std::string& text, const std::vector<std::string>& invitees) {
  auto m = sipref::parse_message(text);
  if (!m) {
    std::printf("handoff_sofia: sipref cannot parse sofia's output: %s at %zu\n",
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
  su_home_t* home = static_cast<su_home_t*>(su_home_new(sizeof(su_home_t)));
  if (home == nullptr) return 1;
  bool all_ok = true;
  const sipref::invitee several[] = {{"sip:bob@example.com", "Bob"},
                                     {"sip:zoe@example.org;transport=tcp", "Zo\xc3\xab \"Z\""},
                                     {"sip:carol@[2001:db8::10]:5070"}};
  const sipref::invitee one[] = {{"sip:erin@example.org?Subject=hi%20there"}};
  struct {
    const char* name;
    sipref::list_ref<sipref::invitee> who;
    sipref::refer_profile profile;
    const char* call_id;
  } cases[] = {{"several invitees (rcs)", several, sipref::refer_profile::rcs, "handoff-sofia-1@192.0.2.50"},
               {"one invitee (ims, anonymous)", one, sipref::refer_profile::ims, "handoff-sofia-2@192.0.2.50"}};
  for (const auto& c : cases) {
    sipref::refer_request req;
    req.session_uri = session;
    req.invitees = c.who;
    req.profile = c.profile;
    req.anonymous = c.profile == sipref::refer_profile::ims;
    req.from_uri = "sip:alice@example.com";
    req.from_tag = "sofia-handoff";
    req.call_id = c.call_id;
    req.contact_uri = "sip:alice@192.0.2.50:5060";
    req.via = {"UDP", "192.0.2.50", 5060, "z9hG4bK-handoff-sofia"};
    req.content_id = "list-handoff@example.com";
    const std::string text = build(home, req, c.call_id);
    std::printf("handoff_sofia: %s: msg_as_string gave %zu bytes\n%s\n", c.name, text.size(), text.c_str());
    std::vector<std::string> want;
    for (const auto& i : c.who) want.emplace_back(i.uri);
    all_ok = !text.empty() && verify(text, want) && all_ok;
  }
  su_home_unref(home);
  std::puts(all_ok ? "handoff_sofia: ok" : "handoff_sofia: FAILED");
  return all_ok ? 0 : 1;
}
