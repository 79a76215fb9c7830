// SPDX-License-Identifier: MIT
/// @file refer_notify.hpp
/// The `refer` event package seen from both ends (RFC 3515 §2.4.4–§2.4.7, RFC 6665,
/// PROCEDURE.md C10): parse a NOTIFY into the progress of a REFER and match it to the REFER;
/// compose the NOTIFYs a REFER-Recipient sends and its answers to the REFER.
#ifndef SIPREF_REFER_NOTIFY_HPP
#define SIPREF_REFER_NOTIFY_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include "address_headers.hpp"
#include "compose.hpp"
#include "config.hpp"
#include "content_type.hpp"
#include "error.hpp"
#include "event.hpp"
#include "grammar.hpp"
#include "header_names.hpp"
#include "message.hpp"
#include "name_addr.hpp"
#include "option_tags.hpp"
#include "refer_sub.hpp"
#include "response.hpp"
#include "scalar_headers.hpp"
#include "sipfrag.hpp"
#include "via.hpp"

SIPREF_BEGIN_NAMESPACE

/// What the sipfrag status line says about the referenced request.
enum class refer_outcome : std::uint8_t {
  trying,     ///< 1xx: still in progress
  succeeded,  ///< 2xx
  failed,     ///< 3xx–6xx
};

/// The progress a NOTIFY reports (C10). Views alias the parsed NOTIFY.
struct refer_progress {
  std::string_view event_id{};          ///< the `id` of `Event: refer;id=N`; empty when absent
  bool has_event_id = false;
  substate state = substate::extension;  ///< Subscription-State value
  std::string_view state_text{};
  std::string_view reason_text{};       ///< `reason=`; empty when absent
  event_reason reason = event_reason::absent;
  std::optional<std::uint32_t> expires{};
  std::optional<std::uint32_t> retry_after{};
  std::uint16_t code = 0;             ///< sipfrag status code
  std::string_view reason_phrase{};     ///< sipfrag Reason-Phrase
  refer_outcome outcome = refer_outcome::trying;
  bool final = false;                 ///< the subscription ended (`terminated`)
  // Dialog identifiers, for matching.
  std::string_view call_id{};
  std::string_view from_tag{};          ///< the notifier's tag
  std::string_view to_tag{};            ///< the REFER sender's tag
  std::uint32_t cseq = 0;             ///< the NOTIFY's own CSeq number
};

/// Options of `parse_refer_notify`.
struct refer_notify_options {
  message_options message{};  ///< framing of the NOTIFY
  sipfrag_options sipfrag{};  ///< leniency for the body (missing final CRLF ...)
};

/// Parses a NOTIFY for event `refer` into its progress.
///
/// Requires: a NOTIFY request; `Event` whose type is `refer` (case-insensitive token,
/// RFC 6665 §8.2.1 compares package names that way); `Subscription-State`; a body of type
/// `message/sipfrag` that starts with a Status-Line (RFC 3515 §2.4.5). A NOTIFY that arrives
/// before the REFER's 2xx is just as valid (RFC 3515 §2.4.4).
///
/// Errors (offset in @p input): those of `parse_message`; `bad_method` (not a NOTIFY);
/// `missing_header` (no Event, Subscription-State, Call-ID, From, To or CSeq; offset = end of
/// the header block); `bad_event` (another package); errors of `parse_event`,
/// `parse_subscription_state`, `parse_cseq` and `parse_from_to` at their offsets;
/// `bad_media_type` (body is not message/sipfrag); `bad_sipfrag` (no Status-Line) and the
/// errors of `parse_sipfrag` at their offsets. The result aliases @p input.
[[nodiscard]] constexpr result<refer_progress> parse_refer_notify(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                  const refer_notify_options& opt = {}) noexcept {
  auto m = parse_message(input, opt.message);
  if (!m) return m.error();
  if (!m->is_request() || m->method() != "NOTIFY") return error{errc::bad_method, m->start_offset()};
  const std::size_t end_of_headers = m->headers().offset() + m->headers().text().size();
  auto need = [&](header_id id) -> result<header_field_view> {
    auto h = m->find(id);
    if (!h) return error{errc::missing_header, end_of_headers};
    return *h;
  };
  auto at = [](const header_field_view& h, error e) { return error{e.code, h.value_offset + e.offset}; };
  refer_progress p;

  auto ev_row = need(header_id::event);
  if (!ev_row) return ev_row.error();
  auto ev = parse_event(ev_row->value);
  if (!ev) return at(*ev_row, ev.error());
  if (!grammar::iequals(ev->type, refer_event_package)) return error{errc::bad_event, ev_row->value_offset};
  p.has_event_id = ev->has_id;
  p.event_id = ev->id;

  auto ss_row = need(header_id::subscription_state);
  if (!ss_row) return ss_row.error();
  auto ss = parse_subscription_state(ss_row->value);
  if (!ss) return at(*ss_row, ss.error());
  p.state = ss->state;
  p.state_text = ss->state_raw;
  p.reason = ss->reason;
  p.reason_text = ss->reason_raw;
  p.expires = ss->expires;
  p.retry_after = ss->retry_after;
  p.final = ss->state == substate::terminated;

  auto cid = need(header_id::call_id);
  if (!cid) return cid.error();
  p.call_id = cid->value;
  auto from = need(header_id::from);
  if (!from) return from.error();
  auto f = parse_from_to(from->value);
  if (!f) return at(*from, f.error());
  p.from_tag = f->params.get("tag");
  auto to = need(header_id::to);
  if (!to) return to.error();
  auto t = parse_from_to(to->value);
  if (!t) return at(*to, t.error());
  p.to_tag = t->params.get("tag");
  auto cs = need(header_id::cseq);
  if (!cs) return cs.error();
  auto c = parse_cseq(cs->value);
  if (!c) return at(*cs, c.error());
  p.cseq = c->number;

  auto ct_row = need(header_id::content_type);
  if (!ct_row) return ct_row.error();
  auto ct = parse_content_type(ct_row->value);
  if (!ct) return at(*ct_row, ct.error());
  if (!ct->is("message", "sipfrag")) return error{errc::bad_media_type, ct_row->value_offset};
  auto frag = parse_sipfrag(m->body(), opt.sipfrag);
  if (!frag) return error{frag.error().code, m->body_offset() + frag.error().offset};
  if (!frag->is_response()) return error{errc::bad_sipfrag, m->body_offset()};
  p.code = frag->status_code();
  p.reason_phrase = frag->reason();
  p.outcome = p.code < 200 ? refer_outcome::trying : p.code < 300 ? refer_outcome::succeeded : refer_outcome::failed;
  return p;
}

/// The REFER a NOTIFY may belong to, as its sender remembers it.
struct sent_refer {
  std::string_view call_id{};
  std::string_view local_tag{};            ///< the REFER's From tag
  std::uint32_t cseq = 0;                ///< the REFER's CSeq number
  bool first_in_dialog = true;           ///< no earlier REFER in this dialog
};

/// True when @p p reports on @p r: same Call-ID, the NOTIFY's To tag is the REFER's From tag,
/// and the Event id matches (RFC 3515 §2.4.6: NOTIFYs for the second and later REFERs in a
/// dialog carry `id=<REFER CSeq>`; the first REFER's may omit it; RFC 6665 §8.2.1 compares the
/// id byte-wise, so `id=05` is not `id=5`).
[[nodiscard]] constexpr bool notify_matches_refer(const refer_progress& p, const sent_refer& r) noexcept {
  if (p.call_id != r.call_id || p.to_tag != r.local_tag) return false;
  if (!p.has_event_id) return r.first_in_dialog;
  char digits[10] = {};
  std::size_t n = 0;
  std::uint32_t v = r.cseq;
  do {
    digits[9 - n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return p.event_id == std::string_view(digits + 10 - n, n);
}

// ------------------------------------------------------------------------------------------
// The REFER-Recipient's side (for harnesses)
// ------------------------------------------------------------------------------------------

/// The dialog of an implicit `refer` subscription as its notifier sees it (RFC 3515 §2.4.4:
/// the NOTIFY's To/From/Call-ID are those of the REFER's dialog, tags swapped).
struct notifier_dialog {
  std::string_view call_id{};
  std::string_view local_uri{};      ///< the REFER's To URI
  std::string_view local_tag{};      ///< the tag this side put in its 2xx to the REFER (a token)
  std::string_view remote_uri{};     ///< the REFER's From URI
  std::string_view remote_tag{};     ///< the REFER's From tag (a token); empty: the To has none
  std::string_view remote_target{};  ///< the REFER's Contact URI (the NOTIFY's Request-URI)
};

/// A NOTIFY for event `refer` (RFC 3515 §2.4.4–§2.4.7): `Event: refer[;id=N]`,
/// `Subscription-State` (`active;expires=N` while the referenced request runs,
/// `terminated;reason=noresource` for the last one), and a `message/sipfrag` body holding the
/// status line of the referenced request.
///
/// @par Example
/// @code
/// sipref::refer_notify n{dialog, via, 1, "sip:focus@192.0.2.5", "3", sipref::substate::active, 60,
///                        100, "Trying"};
/// auto text = sipref::to_string(n);
/// @endcode
///
/// Errors: those of the parts (via, name-addrs, Call-ID, CSeq, Event id, sipfrag status); a
/// tag that is not a token is `bad_param` (From/To `tag-param`, RFC 3261 §25.1). An empty tag
/// is left out.
struct refer_notify {
  notifier_dialog dialog{};
  via_parm via{};
  std::uint32_t cseq = 1;
  std::string_view contact_uri{};
  std::string_view event_id{};        ///< REFER CSeq number; empty: no id parameter
  substate state = substate::active;
  std::uint32_t expires = 60;       ///< for active/pending (RFC 6665 §4.2.2 MUST)
  std::uint16_t code = 100;         ///< sipfrag status code
  std::string_view reason = "Trying";
  event_reason terminated_reason = event_reason::noresource;  ///< for `terminated`

  template <class Writer>
  constexpr error compose(Writer& w) const {
    const sipfrag_status frag{code, reason};
    auto frag_size = composed_size(frag);
    if (!frag_size) return frag_size.error();
    if (!sipref::detail::quick_valid_sip_uri(dialog.remote_target))  // the common shape, checked cheaply
      if (auto u = parse_uri(dialog.remote_target); !u) return u.error();
    w.put(std::string_view("NOTIFY ", 7));
    w.put(dialog.remote_target);
    w.put(std::string_view(" SIP/2.0\r\n", 10));
    if (const error e = compose_row(w, via)) return e;
    if (const error e = compose_row(w, sipref::max_forwards{})) return e;
    // An empty tag is left out, as `refer_request` does (a REFER from an RFC 2543 peer may
    // have had no From tag); `tag=""` would not be a token.
    const grammar::param local_tag[] = {{"tag", dialog.local_tag}};
    const grammar::param remote_tag[] = {{"tag", dialog.remote_tag}};
    const list_ref<grammar::param> lt = dialog.local_tag.empty() ? list_ref<grammar::param>{} : local_tag;
    const list_ref<grammar::param> rt = dialog.remote_tag.empty() ? list_ref<grammar::param>{} : remote_tag;
    if (const error e = compose_row(w, from_value{{}, dialog.local_uri, lt})) return e;
    if (const error e = compose_row(w, to_value{{}, dialog.remote_uri, rt})) return e;
    if (const error e = compose_row(w, sipref::call_id{dialog.call_id})) return e;
    if (const error e = compose_row(w, sipref::cseq{cseq, "NOTIFY"})) return e;
    if (const error e = compose_row(w, contact_value{{}, contact_uri})) return e;
    if (const error e = compose_row(w, event_value{refer_event_package, event_id})) return e;
    subscription_state_value ss;
    ss.state = state;
    if (state == substate::terminated) {
      ss.reason = terminated_reason;
    } else {
      ss.expires = expires;
    }
    if (const error e = compose_row(w, ss)) return e;
    w.put(std::string_view("Content-Type: message/sipfrag\r\nContent-Length: "));
    grammar::write_decimal(w, *frag_size);
    w.put(std::string_view("\r\n\r\n", 4));
    return frag.compose(w);
  }

 private:
  template <class Writer, class T>
  static constexpr error compose_row(Writer& w, const T& value) {
    return header_row(value).compose(w);
  }
};

/// How a REFER-Recipient answers a REFER (for harnesses; PROCEDURE.md §3).
///
/// `accept` with `grant_no_subscription` echoes `Refer-Sub: false` (RFC 4488 §4); 200 and 202
/// both mean accepted (RFC 7647 §5 says send 200; harnesses may need 202 for old peers).
/// Rejections: 400, 403, 404, 420 with `Unsupported: <tags>` (RFC 3261 §8.2.2.3).
struct refer_answer {
  const message_view& refer;
  std::uint16_t code = 200;
  std::string_view reason = "OK";
  std::string_view to_tag{};                    ///< the dialog's local tag
  std::string_view contact_uri{};               ///< for 2xx (a REFER creates a dialog)
  bool grant_no_subscription = false;         ///< 2xx: `Refer-Sub: false`
  list_ref<std::string_view> unsupported{};   ///< 420: the tags not supported

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (code == 420 && unsupported.empty()) return {errc::missing_field, 0};
    const sip_response head{refer, code, reason, to_tag};
    if (const error e = head.compose_head(w)) return e;
    if (code >= 200 && code < 300) {
      if (!contact_uri.empty())
        if (const error e = header_row(contact_value{{}, contact_uri}).compose(w)) return e;
      if (grant_no_subscription) (void)header_row(refer_sub_value{false}).compose(w);
    }
    if (code == 420)
      if (const error e = header_row(unsupported_value{unsupported}).compose(w)) return e;
    return head.compose_tail(w);
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_REFER_NOTIFY_HPP
