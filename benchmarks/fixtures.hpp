// SPDX-License-Identifier: MIT
/// @file fixtures.hpp
/// The messages every benchmark measures, built once and shared by the Google Benchmark suite
/// (bench_refer.cpp), the instruction-count driver (icount.cpp) and the baselines: the
/// single-invitee REFER, REFERs with N invitees, their resource-lists bodies, a NOTIFY, and
/// the hand-written std::string append and snprintf that produce the very same bytes.
#ifndef SIPREF_BENCH_FIXTURES_HPP
#define SIPREF_BENCH_FIXTURES_HPP

#include <sipref/sipref.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

// ------------------------------------------------------------------------------------------
// The fields of the REFER: an in-dialog REFER from an IMS IM client to the conference focus
// (PROCEDURE.md C1, C11, C12), through one outbound proxy, with one pass-through header (627 bytes).
// ------------------------------------------------------------------------------------------
inline constexpr std::string_view kCallId = "5f1e9c2a-group-session@192.0.2.10";
inline constexpr std::string_view kLocalTag = "a1b2c3d4";
inline constexpr std::string_view kRemoteTag = "focus-77";
inline constexpr std::string_view kLocalUri = "sip:+15551230001@example.com";
inline constexpr std::string_view kRemoteUri = "sip:conf-7f3a9c@im.example.com";
inline constexpr std::string_view kRemoteTarget = "sip:conf-7f3a9c@focus.im.example.com";
inline constexpr std::string_view kRoute = "sip:pcscf.example.com;lr";
inline constexpr std::uint32_t kLocalCseq = 2;  // the REFER goes out with CSeq 3
inline constexpr std::string_view kViaTransport = "TCP";
inline constexpr std::string_view kViaHost = "192.0.2.10";
inline constexpr std::uint16_t kViaPort = 5060;
inline constexpr std::string_view kBranch = "z9hG4bK-a-refer-3";
inline constexpr std::string_view kContact = "sip:+15551230001@192.0.2.10:5060;transport=tcp";
inline constexpr std::string_view kUserAgent = "IM-client/OMA1.0 ExampleVendor/1.0";
inline constexpr std::string_view kAcceptValue = "message/sipfrag";
inline constexpr std::string_view kContentId = "list-9a7c@example.com";
inline constexpr std::string_view kInvitee = "sip:+15551230002@example.com";

/// The URI of invitee @p i of a list REFER (distinct for every i below 10^7).
inline std::string invitee_uri(std::size_t i) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "sip:+1555%07zu@example.com", i);
  return buf;
}

/// A REFER request with everything it points at kept alive (the request holds views).
struct refer_fixture {
  std::vector<std::string> uris;
  std::vector<sipref::invitee> invitees;
  std::string_view routes[1] = {kRoute};
  sipref::extra_header extras[1] = {{"Accept", kAcceptValue}};
  sipref::dialog_state dialog{};
  sipref::refer_request request{};

  /// @p n invitees; one invitee gives the single REFER (Refer-To: <URI>), several the list
  /// REFER (Refer-To: <cid:...> and a resource-lists body, entries `cp:copyControl="to"`).
  explicit refer_fixture(std::size_t n, sipref::body_layout layout = sipref::body_layout::plain) {
    uris.reserve(n);
    invitees.reserve(n);
    for (std::size_t i = 0; i < n; ++i) uris.push_back(n == 1 ? std::string(kInvitee) : invitee_uri(i + 2));
    for (std::size_t i = 0; i < n; ++i) {
      sipref::invitee who{uris[i]};
      if (n > 1) who.copy = sipref::copy_control::to;
      invitees.push_back(who);
    }
    dialog.call_id = kCallId;
    dialog.local_tag = kLocalTag;
    dialog.remote_tag = kRemoteTag;
    dialog.local_uri = kLocalUri;
    dialog.remote_uri = kRemoteUri;
    dialog.remote_target = kRemoteTarget;
    dialog.route_set = routes;
    dialog.local_cseq = kLocalCseq;
    request.dialog = &dialog;
    request.profile = sipref::refer_profile::ims;
    request.invitees = invitees;
    request.contact_uri = kContact;
    request.user_agent = kUserAgent;
    request.extra_headers = extras;
    request.via = {kViaTransport, kViaHost, kViaPort, kBranch, true};
    request.content_id = kContentId;
    request.layout = layout;
    request.max_adhoc_group_size = 0;
  }
  refer_fixture(const refer_fixture&) = delete;
  refer_fixture& operator=(const refer_fixture&) = delete;

  /// The composed text (aborts on a composition error: a broken fixture measures nothing).
  [[nodiscard]] std::string text() const {
    auto t = sipref::to_string(request);
    if (!t) {
      std::fprintf(stderr, "fixture: REFER does not compose: %s at %zu\n",
                   std::string(sipref::to_string(t.error().code)).c_str(), t.error().offset);
      std::abort();
    }
    return *t;
  }
};

/// The resource-lists body of the list REFER with @p n entries, alone.
struct list_fixture {
  std::vector<std::string> uris;
  std::vector<sipref::resource_list_entry> entries;
  explicit list_fixture(std::size_t n) {
    uris.reserve(n);
    entries.reserve(n);
    for (std::size_t i = 0; i < n; ++i) uris.push_back(invitee_uri(i + 2));
    for (std::size_t i = 0; i < n; ++i) {
      sipref::resource_list_entry e{uris[i]};
      e.copy = sipref::copy_control::to;
      entries.push_back(e);
    }
  }
  [[nodiscard]] sipref::resource_lists_body body() const { return sipref::resource_lists_body(entries); }
  [[nodiscard]] std::string text() const {
    auto t = sipref::to_string(body());
    if (!t) std::abort();
    return *t;
  }
};

// ------------------------------------------------------------------------------------------
// The NOTIFY the focus sends back (RFC 3515 §2.4.5): 200 OK, subscription terminated.
// ------------------------------------------------------------------------------------------
struct notify_fixture {
  sipref::refer_notify notify{};
  notify_fixture() {
    notify.dialog = {kCallId, kRemoteUri, kRemoteTag, kLocalUri, kLocalTag, kContact};
    notify.via = sipref::via_parm{"TCP", "192.0.2.5", 5060, "z9hG4bK-focus-notify-2", false};
    notify.cseq = 2;
    notify.contact_uri = "sip:conf-7f3a9c@focus.im.example.com;transport=tcp";
    notify.event_id = "3";
    notify.state = sipref::substate::terminated;
    notify.code = 200;
    notify.reason = "OK";
  }
  [[nodiscard]] std::string text() const {
    auto t = sipref::to_string(notify);
    if (!t) std::abort();
    return *t;
  }
};

// ------------------------------------------------------------------------------------------
// Baselines that write the single REFER's bytes with no validation at all.
// ------------------------------------------------------------------------------------------

/// What a hand-written list composer does: append the resource-lists body with an entry
/// per URI, escaping nothing and checking nothing.
template <class Uris>
void naive_list_body(std::string& out, const Uris& uris) {
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
         "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" "
         "xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\r\n  <list>\r\n";
  for (const auto& uri : uris) {
    out += "    <entry uri=\"";
    out += uri;
    out += "\" cp:copyControl=\"to\"/>\r\n";
  }
  out += "  </list>\r\n</resource-lists>\r\n";
}

/// What a hand-written composer does: append every row of the REFER of @p f to @p out
/// (numbers through std::to_string), checking nothing; for several invitees the body is
/// built first in @p body (its size goes into Content-Length). Produces exactly the bytes
/// sipref composes for the same fixture (checked at start-up by `check_baselines`).
inline void naive_refer(std::string& out, const refer_fixture& f, std::string& body) {
  const bool list = f.uris.size() > 1;
  if (list) {
    body.clear();
    naive_list_body(body, f.uris);
  }
  out += "REFER ";
  out += kRemoteTarget;
  out += " SIP/2.0\r\n";
  out += "Via: SIP/2.0/";
  out += kViaTransport;
  out += ' ';
  out += kViaHost;
  out += ':';
  out += std::to_string(kViaPort);
  out += ";branch=";
  out += kBranch;
  out += ";rport\r\n";
  out += "Max-Forwards: ";
  out += std::to_string(70);
  out += "\r\n";
  out += "Route: <";
  out += kRoute;
  out += ">\r\n";
  out += "From: <";
  out += kLocalUri;
  out += ">;tag=";
  out += kLocalTag;
  out += "\r\n";
  out += "To: <";
  out += kRemoteUri;
  out += ">;tag=";
  out += kRemoteTag;
  out += "\r\n";
  out += "Call-ID: ";
  out += kCallId;
  out += "\r\n";
  out += "CSeq: ";
  out += std::to_string(kLocalCseq + 1);
  out += " REFER\r\n";
  out += "Contact: <";
  out += kContact;
  out += ">;+g.oma.sip-im\r\n";
  if (list) {
    out += "Refer-To: <cid:";
    out += kContentId;
    out += ">\r\nRefer-Sub: false\r\nRequire: multiple-refer, norefersub\r\n";
  } else {
    out += "Refer-To: <";
    out += f.uris[0];
    out += ">\r\n";
  }
  out += "P-Preferred-Identity: <";
  out += kLocalUri;
  out += ">\r\n";
  out += "Accept-Contact: *;+g.oma.sip-im\r\n";
  out += "User-Agent: ";
  out += kUserAgent;
  out += "\r\n";
  out += "Accept: ";
  out += kAcceptValue;
  out += "\r\n";
  if (list) {
    out += "Content-Disposition: recipient-list\r\nContent-ID: <";
    out += kContentId;
    out += ">\r\nContent-Type: application/resource-lists+xml\r\n";
  }
  out += "Content-Length: ";
  out += std::to_string(list ? body.size() : 0);
  out += "\r\n\r\n";
  if (list) out += body;
}

/// The single REFER's naive append (the "naive std::string append" anchor).
inline void naive_append(std::string& out) {
  static const refer_fixture single(1);
  static std::string unused;
  naive_refer(out, single, unused);
}

/// The NOTIFY of `notify_fixture`, appended by hand.
inline void naive_notify(std::string& out) {
  out += "NOTIFY ";
  out += kContact;
  out += " SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.5:";
  out += std::to_string(5060);
  out += ";branch=z9hG4bK-focus-notify-2\r\nMax-Forwards: ";
  out += std::to_string(70);
  out += "\r\nFrom: <";
  out += kRemoteUri;
  out += ">;tag=";
  out += kRemoteTag;
  out += "\r\nTo: <";
  out += kLocalUri;
  out += ">;tag=";
  out += kLocalTag;
  out += "\r\nCall-ID: ";
  out += kCallId;
  out += "\r\nCSeq: ";
  out += std::to_string(2);
  out += " NOTIFY\r\nContact: <sip:conf-7f3a9c@focus.im.example.com;transport=tcp>\r\n"
         "Event: refer;id=3\r\nSubscription-State: terminated;reason=noresource\r\n"
         "Content-Type: message/sipfrag\r\nContent-Length: ";
  out += std::to_string(16);
  out += "\r\n\r\nSIP/2.0 ";
  out += std::to_string(200);
  out += " OK\r\n";
}

/// The same message through one snprintf into a caller buffer; returns its length.
inline int snprintf_refer(char* buf, std::size_t size) {
  return std::snprintf(buf, size,
                       "REFER %.*s SIP/2.0\r\n"
                       "Via: SIP/2.0/%.*s %.*s:%u;branch=%.*s;rport\r\n"
                       "Max-Forwards: %u\r\n"
                       "Route: <%.*s>\r\n"
                       "From: <%.*s>;tag=%.*s\r\n"
                       "To: <%.*s>;tag=%.*s\r\n"
                       "Call-ID: %.*s\r\n"
                       "CSeq: %u REFER\r\n"
                       "Contact: <%.*s>;+g.oma.sip-im\r\n"
                       "Refer-To: <%.*s>\r\n"
                       "P-Preferred-Identity: <%.*s>\r\n"
                       "Accept-Contact: *;+g.oma.sip-im\r\n"
                       "User-Agent: %.*s\r\n"
                       "Accept: %.*s\r\n"
                       "Content-Length: %u\r\n\r\n",
                       static_cast<int>(kRemoteTarget.size()), kRemoteTarget.data(),
                       static_cast<int>(kViaTransport.size()), kViaTransport.data(),
                       static_cast<int>(kViaHost.size()), kViaHost.data(), static_cast<unsigned>(kViaPort),
                       static_cast<int>(kBranch.size()), kBranch.data(), 70u,
                       static_cast<int>(kRoute.size()), kRoute.data(),
                       static_cast<int>(kLocalUri.size()), kLocalUri.data(),
                       static_cast<int>(kLocalTag.size()), kLocalTag.data(),
                       static_cast<int>(kRemoteUri.size()), kRemoteUri.data(),
                       static_cast<int>(kRemoteTag.size()), kRemoteTag.data(),
                       static_cast<int>(kCallId.size()), kCallId.data(), static_cast<unsigned>(kLocalCseq + 1),
                       static_cast<int>(kContact.size()), kContact.data(),
                       static_cast<int>(kInvitee.size()), kInvitee.data(),
                       static_cast<int>(kLocalUri.size()), kLocalUri.data(),
                       static_cast<int>(kUserAgent.size()), kUserAgent.data(),
                       static_cast<int>(kAcceptValue.size()), kAcceptValue.data(), 0u);
}

/// Aborts unless the naive appends and snprintf produce exactly the bytes sipref composes.
inline void check_baselines() {
  auto fail = [](const char* what, const std::string& want, const std::string& got) {
    std::fprintf(stderr, "fixture: %s differs from sipref's output\n--- sipref\n%s--- baseline\n%s", what, want.c_str(),
                 got.c_str());
    std::abort();
  };
  for (std::size_t n : {1u, 2u, 10u, 100u}) {
    const refer_fixture f(n);
    const std::string want = f.text();
    std::string naive, body;
    naive_refer(naive, f, body);
    if (naive != want) fail("naive REFER", want, naive);
  }
  {
    const refer_fixture f(1);
    const std::string want = f.text();
    std::string naive;
    naive_append(naive);
    if (naive != want) fail("naive_append", want, naive);
    char buf[2048];
    const int n = snprintf_refer(buf, sizeof buf);
    const std::string got = n < 0 ? std::string() : std::string(buf, static_cast<std::size_t>(n));
    if (got != want) fail("snprintf", want, got);
  }
  {
    const list_fixture l(10);
    const std::string want = l.text();
    std::string naive;
    naive_list_body(naive, l.uris);
    if (naive != want) fail("naive list body", want, naive);
  }
  {
    const notify_fixture nf;
    const std::string want = nf.text();
    std::string naive;
    naive_notify(naive);
    if (naive != want) fail("naive NOTIFY", want, naive);
  }
}

// ------------------------------------------------------------------------------------------
// The full typed parse of a REFER: what a receiving stack extracts before acting on it.
// ------------------------------------------------------------------------------------------

/// Everything typed that a REFER carries: the framing, every header the checker and the
/// dialog layer use, the Refer-To target and the list entries.
struct parsed_refer {
  sipref::message_view msg{};
  sipref::via_view via{};
  sipref::addr_value_view from{}, to{};
  sipref::call_id_view call_id{};
  sipref::cseq_view cseq{};
  std::uint32_t max_forwards = 0;
  sipref::contact_view contact{};
  sipref::addr_list_view route{}, ppi{};
  sipref::refer_to_view refer_to{};
  sipref::option_tags_view require{}, supported{};
  bool refer_sub = true;
  bool has_refer_sub = false;
  sipref::privacy_view privacy{};
  sipref::accept_contact_view accept_contact{};
  sipref::content_type_view content_type{};
  sipref::content_disposition_view disposition{};
  sipref::content_id_view content_id{};
  std::size_t entries = 0;
};

/// Parses @p text completely into @p out, list entries into @p items (capacity @p cap).
/// Returns false on any error. Allocates nothing.
inline bool parse_refer_typed(std::string_view text, parsed_refer& out, sipref::resource_list_item* items,
                              std::size_t cap) noexcept {
  using sipref::header_id;
  auto m = sipref::parse_message(text);
  if (!m) return false;
  out.msg = *m;
  for (const sipref::header_field_view& h : m->headers()) {
    switch (h.id) {
      case header_id::via: {
        auto v = sipref::parse_via(h.value);
        if (!v) return false;
        out.via = *v;
        break;
      }
      case header_id::from: {
        auto v = sipref::parse_from_to(h.value);
        if (!v) return false;
        out.from = *v;
        break;
      }
      case header_id::to: {
        auto v = sipref::parse_from_to(h.value);
        if (!v) return false;
        out.to = *v;
        break;
      }
      case header_id::call_id: {
        auto v = sipref::parse_call_id(h.value);
        if (!v) return false;
        out.call_id = *v;
        break;
      }
      case header_id::cseq: {
        auto v = sipref::parse_cseq(h.value);
        if (!v) return false;
        out.cseq = *v;
        break;
      }
      case header_id::max_forwards: {
        auto v = sipref::parse_max_forwards(h.value);
        if (!v) return false;
        out.max_forwards = v->value;
        break;
      }
      case header_id::contact: {
        auto v = sipref::parse_contact(h.value);
        if (!v) return false;
        out.contact = *v;
        break;
      }
      case header_id::route: {
        auto v = sipref::parse_route(h.value);
        if (!v) return false;
        out.route = *v;
        break;
      }
      case header_id::p_preferred_identity: {
        auto v = sipref::parse_identity(h.value);
        if (!v) return false;
        out.ppi = *v;
        break;
      }
      case header_id::refer_to: {
        auto v = sipref::parse_refer_to(h.value);
        if (!v) return false;
        if (v->check_embedded_headers(h.value)) return false;
        out.refer_to = *v;
        break;
      }
      case header_id::refer_sub: {
        auto v = sipref::parse_refer_sub(h.value);
        if (!v) return false;
        out.refer_sub = v->value;
        out.has_refer_sub = true;
        break;
      }
      case header_id::require: {
        auto v = sipref::parse_require(h.value);
        if (!v) return false;
        out.require = *v;
        break;
      }
      case header_id::supported: {
        auto v = sipref::parse_supported(h.value);
        if (!v) return false;
        out.supported = *v;
        break;
      }
      case header_id::privacy: {
        auto v = sipref::parse_privacy(h.value);
        if (!v) return false;
        out.privacy = *v;
        break;
      }
      case header_id::accept_contact: {
        auto v = sipref::parse_accept_contact(h.value);
        if (!v) return false;
        out.accept_contact = *v;
        break;
      }
      case header_id::content_type: {
        auto v = sipref::parse_content_type(h.value);
        if (!v) return false;
        out.content_type = *v;
        break;
      }
      case header_id::content_disposition: {
        auto v = sipref::parse_content_disposition(h.value);
        if (!v) return false;
        out.disposition = *v;
        break;
      }
      case header_id::content_id: {
        auto v = sipref::parse_content_id(h.value);
        if (!v) return false;
        out.content_id = *v;
        break;
      }
      default:
        break;  // User-Agent, Accept, Allow, Content-Length (framing) : no typed value needed
    }
  }
  if (sipref::check_cseq(*m)) return false;
  out.entries = 0;
  if (out.refer_to.is_list_reference()) {
    auto list = sipref::parse_resource_lists(m->body(), items, cap);
    if (!list) return false;
    out.entries = list->size;
  }
  return true;
}

}  // namespace bench

#endif  // SIPREF_BENCH_FIXTURES_HPP
