// SPDX-License-Identifier: MIT
/// @file fuzz_refer_notify.cpp
/// Fuzz target for `parse_refer_notify` and `notify_matches_refer` (refer_notify.hpp).
/// Config byte: bit 0 datagram framing, bit 1 LF line ends (message and sipfrag), bit 2
/// sipfrag missing final CRLF, bit 3 sipfrag any reason phrase. Invariants: the lenient
/// options accept what the chosen ones accept, with the same result; every view lies inside
/// the input; the outcome follows the sipfrag code, `final` follows the subscription state;
/// the NOTIFY matches the REFER it names (its Call-ID, tag and Event id); the progress
/// composed again by `refer_notify` reads back the same.
#include <sipref/refer_notify.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  std::string_view in = input.view();
  const std::uint8_t cfg = sipref_fuzz::take_config_byte(in);
  sipref::refer_notify_options opt;
  opt.message.mode = (cfg & 1) ? sipref::framing::datagram : sipref::framing::stream;
  opt.message.allow_lf_line_ends = opt.sipfrag.allow_lf_line_ends = (cfg & 2) != 0;
  opt.sipfrag.allow_missing_final_crlf = (cfg & 4) != 0;
  opt.sipfrag.allow_any_reason_phrase = (cfg & 8) != 0;
  sipref::refer_notify_options all = opt;
  all.message.allow_lf_line_ends = all.sipfrag.allow_lf_line_ends = true;
  all.sipfrag.allow_missing_final_crlf = all.sipfrag.allow_any_reason_phrase = true;
  all.sipfrag.allow_extra_sp_in_start_line = all.sipfrag.allow_missing_reason_phrase = true;
  const auto r = sipref::parse_refer_notify(in, opt);
  const auto l = sipref::parse_refer_notify(in, all);
  SIPREF_FUZZ_CHECK(!r || (l && l->code == r->code && l->call_id == r->call_id && l->event_id == r->event_id));
  if (!sipref_fuzz::ok_or_checked(r, in)) return 0;
  const sipref::refer_progress& p = *r;
  using sipref_fuzz::inside;
  SIPREF_FUZZ_CHECK(inside(p.event_id, in) && inside(p.state_text, in) && inside(p.reason_text, in) &&
                    inside(p.reason_phrase, in) && inside(p.call_id, in) && inside(p.from_tag, in) && inside(p.to_tag, in));
  SIPREF_FUZZ_CHECK(p.has_event_id || p.event_id.empty());
  SIPREF_FUZZ_CHECK(p.code >= 100 && p.code <= 699);
  SIPREF_FUZZ_CHECK(p.outcome == (p.code < 200   ? sipref::refer_outcome::trying
                                  : p.code < 300 ? sipref::refer_outcome::succeeded
                                                 : sipref::refer_outcome::failed));
  SIPREF_FUZZ_CHECK(p.final == (p.state == sipref::substate::terminated));
  SIPREF_FUZZ_CHECK(sipref::classify_substate(p.state_text) == p.state);
  // The NOTIFY answers the REFER with its Call-ID, our tag (its To tag) and CSeq = Event id.
  std::uint32_t id = 0;
  // (ids are compared as text: `007` names no CSeq, which is written `7`)
  bool numeric = !p.event_id.empty() && p.event_id.size() <= 9 && (p.event_id.size() == 1 || p.event_id[0] != '0');
  for (char c : p.event_id) {
    numeric &= c >= '0' && c <= '9';
    if (numeric) id = id * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (numeric) {
    const sipref::sent_refer sent{p.call_id, p.to_tag, id, false};
    SIPREF_FUZZ_CHECK(sipref::notify_matches_refer(p, sent));
    const sipref::sent_refer other{p.call_id, p.to_tag, id + 1, false};
    SIPREF_FUZZ_CHECK(!sipref::notify_matches_refer(p, other));
  }
  // Round trip through the notifier's composer (`refer_notify`): what it reads back is what
  // was parsed. States and reasons it cannot write (extensions) are left out.
  const bool registered_state = p.state == sipref::substate::active || p.state == sipref::substate::pending ||
                                p.state == sipref::substate::terminated;
  if (!registered_state || p.reason == sipref::event_reason::extension) return 0;
  sipref::refer_notify n;
  n.dialog = {p.call_id, "sip:focus@example.com", p.from_tag, "sip:alice@example.com", p.to_tag, "sip:alice@192.0.2.1"};
  n.via = sipref::via_parm{"UDP", "192.0.2.5", 5060, "z9hG4bK-fuzz", false};
  n.cseq = p.cseq;
  n.contact_uri = "sip:focus@192.0.2.5";
  n.event_id = p.has_event_id ? p.event_id : std::string_view{};
  n.state = p.state;
  n.expires = p.expires.value_or(60);
  n.code = p.code;
  n.reason = p.reason_phrase;
  n.terminated_reason = p.reason;
  std::string text;
  if (!sipref_fuzz::compose_checked(n, text)) return 0;
  const sipref_fuzz::input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_refer_notify(copy.view(), all);
  SIPREF_FUZZ_CHECK(again && again->code == p.code && again->reason_phrase == p.reason_phrase &&
                    again->state == p.state && again->event_id == n.event_id && again->call_id == p.call_id &&
                    again->from_tag == p.from_tag && again->to_tag == p.to_tag && again->cseq == p.cseq);
  if (p.state == sipref::substate::terminated) {
    SIPREF_FUZZ_CHECK(again->reason == p.reason);
  } else {
    SIPREF_FUZZ_CHECK(again->expires == n.expires);
  }
  return 0;
}
