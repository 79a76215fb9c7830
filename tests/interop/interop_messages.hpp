// SPDX-License-Identifier: MIT
/// @file interop_messages.hpp
/// Every message the interop tests hand to other SIP implementations: the REFERs of
/// `test::refer_matrix()`, the NOTIFYs of `refer_notify` and the answers of `refer_answer` and
/// `sip_response`, each with the header values sipref was *asked* to write, derived from the
/// inputs (not read back from the output), so a peer's reading can be compared with them.
#ifndef SIPREF_TEST_INTEROP_MESSAGES_HPP
#define SIPREF_TEST_INTEROP_MESSAGES_HPP

#include <sipref/sipref.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "support/refer_matrix.hpp"

namespace interop {

/// What kind of message a `wire_message` is.
enum class wire_kind { refer, notify, response };

/// One message and the header values it must carry. `fields` names Wireshark's SIP fields
/// (`sip.Method`, `sip.Refer-To` ...); an empty expected value means "header absent".
struct wire_message {
  std::string name;
  wire_kind kind = wire_kind::refer;
  std::string text;
  std::vector<std::pair<std::string, std::string>> fields;
  /// Protocols the dissection must contain (`xml`, `sipfrag`, `mime_multipart`).
  std::vector<std::string> protocols;
  // What a SIP parser must agree on (method or status code, URIs, tags ...).
  std::string method;        ///< request method; empty for responses
  int status = 0;            ///< response status code
  std::string request_uri;   ///< requests
  std::string call_id;
  std::string cseq_method;
  unsigned cseq = 0;
  std::string from_tag, to_tag;
  std::string refer_to_uri;  ///< the URI inside Refer-To's angle brackets; REFERs only
  std::string content_type;  ///< empty: no body
  std::size_t body_size = 0;
  const test::refer_case* refer = nullptr;  ///< REFERs: the matrix case
};

/// Constants the matrix uses (tests/support/refer_matrix.hpp); repeated here because they are
/// what the composer was asked to write.
inline constexpr const char* matrix_call_id = "5f1e9c2a-group-session@192.0.2.10";
inline constexpr const char* matrix_from_tag = "a1b2c3";
inline constexpr const char* matrix_remote_tag = "focus-77";
inline constexpr const char* matrix_from_uri = "sip:+15551230001@example.com";
inline constexpr const char* matrix_contact_uri = "sip:+15551230001@[2001:db8::1]:5060;transport=tcp";
inline constexpr const char* matrix_remote_target =
    "sip:conf-7f3a9c@im.example.com;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
inline constexpr const char* matrix_boundary = "sipref-boundary";

/// Aborts the test program with a message: the catalogue itself must build.
[[noreturn]] inline void die(const std::string& what) {
  std::fprintf(stderr, "interop_messages: %s\n", what.c_str());
  std::exit(2);
}

/// `uri` with `;method=BYE` put before its URI headers (RFC 5368 §9, PROCEDURE.md C13).
inline std::string with_bye(const std::string& uri) {
  const std::size_t q = uri.find('?');
  if (q == std::string::npos) return uri + ";method=BYE";
  return uri.substr(0, q) + ";method=BYE" + uri.substr(q);
}

/// The body of a SIP message text (after the first empty line), found without sipref.
inline std::string body_of(const std::string& text) {
  const std::size_t p = text.find("\r\n\r\n");
  return p == std::string::npos ? std::string() : text.substr(p + 4);
}

/// The catalogue; the matrix it points into lives as long as the program (static storage).
inline const std::vector<wire_message>& all_messages() {
  static const std::vector<test::refer_case> matrix = test::refer_matrix();
  static const std::vector<wire_message> messages = [] {
    std::vector<wire_message> out;
    for (const test::refer_case& c : matrix) {
      if (c.text.rfind("COMPOSE ERROR", 0) == 0) die(c.name + ": " + c.text);
      wire_message m;
      m.name = "refer:" + c.name;
      m.kind = wire_kind::refer;
      m.text = c.text;
      m.refer = &c;
      const bool rcs = c.profile == sipref::refer_profile::rcs;
      const bool ims = c.profile == sipref::refer_profile::ims;
      m.method = "REFER";
      m.request_uri = c.in_dialog ? matrix_remote_target : c.session_uri;
      m.call_id = matrix_call_id;
      m.cseq = c.in_dialog ? 5 : 1;
      m.cseq_method = "REFER";
      m.from_tag = matrix_from_tag;
      m.to_tag = c.in_dialog ? matrix_remote_tag : "";
      m.refer_to_uri = c.several ? "cid:" + c.content_id : (c.remove ? with_bye(c.invitee_uris[0]) : c.invitee_uris[0]);
      if (c.several)
        m.content_type = c.multipart ? std::string("multipart/mixed;boundary=") + matrix_boundary
                                     : std::string("application/resource-lists+xml");
      m.body_size = body_of(c.text).size();
      m.fields = {
          {"sip.Method", "REFER"},
          {"sip.r-uri", m.request_uri},
          {"sip.Refer-To", "<" + m.refer_to_uri + ">"},
          {"sip.Refer-Sub", c.several || rcs ? "false" : ""},
          {"sip.Require", c.several ? "multiple-refer, norefersub" : ""},
          {"sip.Supported", !c.several && rcs ? "norefersub" : ""},
          {"sip.Content-Type", m.content_type},
          {"sip.Content-Length", std::to_string(m.body_size)},
          {"sip.CSeq", std::to_string(m.cseq) + " REFER"},
          {"sip.Call-ID", m.call_id},
          {"sip.from.tag", m.from_tag},
          {"sip.to.tag", m.to_tag},
          {"sip.Accept-Contact", "*;+g.oma.sip-im"},
          {"sip.P-Preferred-Identity", ims ? std::string("<") + matrix_from_uri + ">" : ""},
          {"sip.Subject", rcs ? "Weekend plans" : ""},
          {"sip.Content-Disposition", c.several && !c.multipart ? "recipient-list" : ""},
          {"mime_multipart.header.content-id", c.multipart ? "<" + c.content_id + ">" : ""},
          {"mime_multipart.header.content-disposition", c.multipart ? "recipient-list" : ""},
      };
      if (c.several) m.protocols = {"xml"};
      if (c.multipart) m.protocols.push_back("mime_multipart");
      out.push_back(std::move(m));
    }

    // The REFER the NOTIFYs and answers refer to: the first one-invitee OMA REFER (implicit
    // subscription), new dialog.
    const test::refer_case* base = nullptr;
    for (const test::refer_case& c : matrix)
      if (c.name == "oma/one/add/new-dialog") base = &c;
    if (base == nullptr) die("matrix has no oma/one/add/new-dialog");
    static std::string refer_text;  // message_views below alias it
    refer_text = base->text;
    auto refer = sipref::parse_message(refer_text);
    if (!refer) die("cannot parse the base REFER");

    // ---- NOTIFYs (RFC 3515 §2.4.4-§2.4.7) ----
    const sipref::notifier_dialog dialog{matrix_call_id, base->session_uri, "srv-5c1d", matrix_from_uri,
                                         matrix_from_tag, matrix_contact_uri};
    struct notify_case {
      const char* name;
      const char* event_id;
      sipref::substate state;
      std::uint16_t code;
      const char* reason;
      std::uint32_t cseq;
    };
    const notify_case notifies[] = {
        {"notify:100-active", "", sipref::substate::active, 100, "Trying", 1},
        {"notify:100-active-id", "1", sipref::substate::active, 100, "Trying", 2},
        {"notify:200-terminated", "", sipref::substate::terminated, 200, "OK", 3},
        {"notify:200-terminated-id", "1", sipref::substate::terminated, 200, "OK", 4},
    };
    static std::string final_notify_text;  // the 200 below answers the last NOTIFY
    for (const notify_case& n : notifies) {
      sipref::refer_notify notify;
      notify.dialog = dialog;
      notify.via = sipref::via_parm{"TCP", "198.51.100.7", 5060, "z9hG4bK-notify-1"};
      notify.cseq = n.cseq;
      notify.contact_uri = "sip:conf-7f3a9c@198.51.100.7";
      notify.event_id = n.event_id;
      notify.state = n.state;
      notify.expires = 60;
      notify.code = n.code;
      notify.reason = n.reason;
      auto text = sipref::to_string(notify);
      if (!text) die(std::string(n.name) + ": " + std::string(sipref::to_string(text.error().code)));
      wire_message m;
      m.name = n.name;
      m.kind = wire_kind::notify;
      m.text = *text;
      m.method = "NOTIFY";
      m.request_uri = matrix_contact_uri;
      m.call_id = matrix_call_id;
      m.cseq = n.cseq;
      m.cseq_method = "NOTIFY";
      m.from_tag = "srv-5c1d";
      m.to_tag = matrix_from_tag;
      m.content_type = "message/sipfrag";
      const std::string frag = "SIP/2.0 " + std::to_string(n.code) + " " + n.reason;
      m.body_size = frag.size() + 2;
      const std::string event = *n.event_id ? std::string("refer;id=") + n.event_id : std::string("refer");
      const std::string state = n.state == sipref::substate::active ? "active;expires=60" : "terminated;reason=noresource";
      m.fields = {
          {"sip.Method", "NOTIFY"},
          {"sip.r-uri", matrix_contact_uri},
          {"sip.Event", event},
          {"sip.Subscription-State", state},
          {"sip.Content-Type", "message/sipfrag"},
          {"sip.Content-Length", std::to_string(m.body_size)},
          {"sip.CSeq", std::to_string(n.cseq) + " NOTIFY"},
          {"sip.Call-ID", matrix_call_id},
          {"sip.from.tag", "srv-5c1d"},
          {"sip.to.tag", matrix_from_tag},
          {"sipfrag.line", frag},
      };
      m.protocols = {"sipfrag"};
      final_notify_text = m.text;
      out.push_back(std::move(m));
    }

    // ---- answers to the REFER (PROCEDURE.md §3) and the 200 to a NOTIFY (C10) ----
    struct answer_case {
      const char* name;
      std::uint16_t code;
      const char* reason;
      bool refer_sub_false;
      bool unsupported;
    };
    const answer_case answers[] = {
        {"answer:200-refer-sub-false", 200, "OK", true, false},
        {"answer:202", 202, "Accepted", false, false},
        {"answer:420", 420, "Bad Extension", false, true},
        {"answer:403", 403, "Forbidden", false, false},
        {"answer:404", 404, "Not Found", false, false},
    };
    static const std::string_view unsupported[] = {"x-unknown-ext", "foo"};
    for (const answer_case& a : answers) {
      sipref::refer_answer answer{*refer, a.code, a.reason, "srv-5c1d"};
      if (a.code < 300) answer.contact_uri = "sip:conf-7f3a9c@198.51.100.7";
      answer.grant_no_subscription = a.refer_sub_false;
      if (a.unsupported) answer.unsupported = unsupported;
      auto text = sipref::to_string(answer);
      if (!text) die(std::string(a.name) + ": " + std::string(sipref::to_string(text.error().code)));
      wire_message m;
      m.name = a.name;
      m.kind = wire_kind::response;
      m.text = *text;
      m.status = a.code;
      m.call_id = matrix_call_id;
      m.cseq = 1;
      m.cseq_method = "REFER";
      m.from_tag = matrix_from_tag;
      m.to_tag = "srv-5c1d";
      m.fields = {
          {"sip.Status-Code", std::to_string(a.code)},
          {"sip.Status-Line", "SIP/2.0 " + std::to_string(a.code) + " " + a.reason},
          {"sip.CSeq", "1 REFER"},
          {"sip.Call-ID", matrix_call_id},
          {"sip.from.tag", matrix_from_tag},
          {"sip.to.tag", "srv-5c1d"},
          {"sip.Refer-Sub", a.refer_sub_false ? "false" : ""},
          {"sip.Unsupported", a.unsupported ? "x-unknown-ext, foo" : ""},
          {"sip.Content-Length", "0"},
          {"sip.Via.branch", "z9hG4bK-matrix-1"},
      };
      out.push_back(std::move(m));
    }
    {
      // The 200 the REFER sender returns to a NOTIFY (C10).
      auto notify = sipref::parse_message(final_notify_text);
      if (!notify) die("cannot parse the NOTIFY");
      auto text = sipref::to_string(sipref::sip_response{*notify, 200, "OK"});
      if (!text) die("sip_response: " + std::string(sipref::to_string(text.error().code)));
      wire_message m;
      m.name = "answer:200-to-notify";
      m.kind = wire_kind::response;
      m.text = *text;
      m.status = 200;
      m.call_id = matrix_call_id;
      m.cseq = 4;
      m.cseq_method = "NOTIFY";
      m.from_tag = "srv-5c1d";
      m.to_tag = matrix_from_tag;
      m.fields = {
          {"sip.Status-Code", "200"},
          {"sip.Status-Line", "SIP/2.0 200 OK"},
          {"sip.CSeq", "4 NOTIFY"},
          {"sip.Call-ID", matrix_call_id},
          {"sip.from.tag", "srv-5c1d"},
          {"sip.to.tag", matrix_from_tag},
          {"sip.Content-Length", "0"},
          {"sip.Via.branch", "z9hG4bK-notify-1"},
      };
      out.push_back(std::move(m));
    }
    return out;
  }();
  return messages;
}

/// A minimal REFER carrying one extra header row `name: value` (with a plain Refer-To added
/// when @p name is not a Refer-To spelling), for the PEERS.md (c) input shapes.
inline std::string refer_with(const std::string& name, const std::string& value) {
  std::string msg =
      "REFER sip:conf@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-shape\r\n"
      "Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:conf@example.com>\r\n"
      "Call-ID: shape-1\r\nCSeq: 1 REFER\r\nContact: <sip:a@192.0.2.1>\r\n";
  if (name != "Refer-To" && name != "r") msg += "Refer-To: <sip:b@example.com>\r\n";
  return msg + name + ": " + value + "\r\nContent-Length: 0\r\n\r\n";
}

}  // namespace interop

#endif  // SIPREF_TEST_INTEROP_MESSAGES_HPP
