// SPDX-License-Identifier: MIT
/// @file fuzz_compose_refer.cpp
/// Composer fuzz target for `refer_request` (refer_request.hpp), driven by FuzzedDataProvider:
/// arbitrary or well-formed strings for every field, 1..20 invitees, in or out of a dialog
/// (with route sets), every profile, layout, action and subscription mode. Composition
/// either fails with a typed error or produces a message that:
///  - `composed_size`/`compose_to`/`to_string` agree on (one byte short: `buffer_too_small`);
///  - `parse_message` accepts, exactly, with the body Content-Length announces;
///  - has exactly the header rows the request asks for, by name and in order (no caller
///    string injected a line), with the dialog-forming values (Via, Max-Forwards, Route,
///    From/To/tags, Call-ID, CSeq, Contact) and the extra headers read back as given;
///  - plan_refer refuses exactly as compose does when it refuses;
///  - carries Refer-To/Require/Refer-Sub/Privacy values that the typed parsers read back as
///    asked (invitee URIs come back from the list body through the reader, in order);
///  - `check_refer` accepts without an error finding.
#include <sipref/refer_request.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <sipref/refer_checker.hpp>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

namespace {

struct gen {
  FuzzedDataProvider& p;
  std::deque<std::string> store;
  // A well-formed choice from @p good most of the time, else arbitrary bytes.
  std::string_view pick(std::initializer_list<std::string_view> good, std::size_t max = 40) {
    if (p.ConsumeIntegralInRange<int>(0, 7) != 0) {
      const auto i = p.ConsumeIntegralInRange<std::size_t>(0, good.size() - 1);
      store.emplace_back(good.begin()[i]);
      if (p.ConsumeBool()) store.back() += std::to_string(p.ConsumeIntegral<std::uint8_t>());
    } else {
      store.push_back(p.ConsumeRandomLengthString(max));
    }
    return store.back();
  }
};

using sipref::header_id;

// The subscription handling the request asks for, resolved from its documented defaults
// (C4/C6: several invitees or the rcs profile suppress the subscription; `norefersub` goes
// into Require for a list unless told otherwise), without the library's `refer_plan`.
struct asked {
  bool list = false;
  bool refer_sub = false;
  bool refer_sub_value = true;
  bool require = false;
  bool require_norefersub = false;
  bool supported_norefersub = false;
  std::string_view ppi{};
};

asked what_is_asked(const sipref::refer_request& r) {
  asked a;
  a.list = r.invitees.size() > 1;
  sipref::subscription_mode mode = r.subscription;
  if (mode == sipref::subscription_mode::profile_default)
    mode = a.list || r.profile == sipref::refer_profile::rcs ? sipref::subscription_mode::suppressed : sipref::subscription_mode::implicit;
  const bool suppressed = mode == sipref::subscription_mode::suppressed;
  a.refer_sub = suppressed || mode == sipref::subscription_mode::refer_sub_true;
  a.refer_sub_value = !suppressed;
  const bool in_require = r.norefersub_in_require.value_or(a.list);
  a.require_norefersub = suppressed && in_require;
  a.supported_norefersub = suppressed && !in_require;
  a.require = a.list || a.require_norefersub;  // multiple-refer for a list (C7)
  a.ppi = r.preferred_identity;
  if (a.ppi.empty() && r.profile == sipref::refer_profile::ims) a.ppi = r.dialog ? r.dialog->local_uri : r.from_uri;
  return a;
}

// The header row names, in order, that the request asks for (RFC 3261 §8.1.1 order, then
// the REFER rows of refer_request.hpp's `write_refer_rows`, then the body rows).
std::vector<std::string_view> asked_rows(const sipref::refer_request& r, const asked& a) {
  std::vector<std::string_view> n = {"Via", "Max-Forwards"};
  if (r.dialog && !r.dialog->route_set.empty()) n.push_back("Route");
  n.insert(n.end(), {"From", "To", "Call-ID", "CSeq", "Contact", "Refer-To"});
  if (a.refer_sub) n.push_back("Refer-Sub");
  if (a.require) n.push_back("Require");
  if (a.supported_norefersub) n.push_back("Supported");
  if (r.anonymous || r.privacy != sipref::privacy_flag{}) n.push_back("Privacy");
  if (!a.ppi.empty()) n.push_back("P-Preferred-Identity");
  n.insert(n.end(), {"Accept-Contact", "User-Agent"});
  for (const sipref::extra_header& h : r.extra_headers) n.push_back(sipref::canonical_name(h.name));
  if (a.list && r.layout == sipref::body_layout::plain) n.insert(n.end(), {"Content-Disposition", "Content-ID"});
  if (a.list) n.push_back("Content-Type");
  n.push_back("Content-Length");
  return n;
}

// A header value as a parser reads it back: SP/HTAB around it belong to the row's LWS
// (RFC 3261 §7.3.1). refer_request writes User-Agent and extra values as given (they need
// only be quotable), so a value with such edges reads back without them.
std::string_view trim_wsp(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

// The URI text of a single-address header value (From, To).
std::string_view uri_of(const sipref::result<sipref::addr_value_view>& v) { return v ? v->addr.uri.text : std::string_view{"<none>"}; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  gen g{fdp, {}};
  const auto n = fdp.ConsumeIntegralInRange<std::size_t>(1, 20);
  std::vector<sipref::invitee> inv(n);
  for (std::size_t i = 0; i < n; ++i) {
    inv[i].uri = g.pick({"sip:bob@example.com", "sips:carol@[2001:db8::1]:5061", "tel:+15551234", "sip:d%40x@h;user=phone",
                         "sip:e@h?Subject=hi%20there", "sip:f@h;method=BYE", "sip:g@h?method=BYE"});
    if (fdp.ConsumeBool()) inv[i].display_name = g.pick({"Bob", "B\"o<b>&'", "Zoë"});
    if (fdp.ConsumeBool()) inv[i].copy = static_cast<sipref::copy_control>(fdp.ConsumeIntegralInRange<int>(0, 2));
  }
  sipref::refer_request r;
  r.invitees = {inv.data(), inv.size()};
  r.action = fdp.ConsumeBool() ? sipref::refer_action::remove : sipref::refer_action::add;
  r.session = static_cast<sipref::session_kind>(fdp.ConsumeIntegralInRange<int>(0, 2));
  r.max_adhoc_group_size = fdp.ConsumeBool() ? fdp.ConsumeIntegralInRange<std::uint32_t>(1, 25) : 0;
  if (fdp.ConsumeBool()) r.current_participants = fdp.ConsumeIntegralInRange<std::uint32_t>(0, 25);
  r.anonymous = fdp.ConsumeBool();
  r.privacy = static_cast<sipref::privacy_flag>(fdp.ConsumeIntegral<std::uint8_t>() & 0x2f);
  r.profile = static_cast<sipref::refer_profile>(fdp.ConsumeIntegralInRange<int>(0, 2));
  r.subscription = static_cast<sipref::subscription_mode>(fdp.ConsumeIntegralInRange<int>(0, 3));
  if (fdp.ConsumeBool()) r.norefersub_in_require = fdp.ConsumeBool();
  r.layout = fdp.ConsumeBool() ? sipref::body_layout::multipart : sipref::body_layout::plain;
  r.display_name_in_refer_to = fdp.ConsumeBool();
  r.session_uri = g.pick({"sip:conf-1@focus.example.com", "sips:c@[::1]:5061;transport=tls"});
  r.from_uri = g.pick({"sip:alice@example.com", "tel:+1555"});
  if (fdp.ConsumeBool()) r.from_display_name = g.pick({"Alice", "A \"q\""});
  if (fdp.ConsumeBool()) r.preferred_identity = g.pick({"sip:alice@example.com"});
  r.contact_uri = g.pick({"sip:alice@192.0.2.1:5060", "sip:alice@pc;gr=urn:uuid:1"});
  if (fdp.ConsumeBool()) r.user_agent = g.pick({"IM-client/OMA1.0 x/1", "ims-ua"});
  std::vector<sipref::extra_header> extra(fdp.ConsumeIntegralInRange<std::size_t>(0, 3));
  for (auto& h : extra) h = {g.pick({"Subject", "Contribution-ID", "P-Access-Network-Info", "X-Foo", "s"}, 12), g.pick({"hello", "a\tb"})};
  r.extra_headers = {extra.data(), extra.size()};
  std::vector<std::string_view> routes;
  sipref::dialog_state dlg;
  if (fdp.ConsumeBool()) {
    dlg.call_id = g.pick({"abc@h", "x"});
    dlg.local_tag = g.pick({"t1"});
    dlg.remote_tag = g.pick({"t2"});
    dlg.local_uri = g.pick({"sip:alice@example.com"});
    dlg.remote_uri = g.pick({"sip:conf-1@focus.example.com"});
    dlg.remote_target = g.pick({"sip:focus@192.0.2.9;transport=tcp"});
    for (std::size_t i = fdp.ConsumeIntegralInRange<std::size_t>(0, 3); i > 0; --i)
      routes.push_back(g.pick({"sip:p1.example.com;lr", "sip:strict.example.com"}));
    dlg.route_set = {routes.data(), routes.size()};
    dlg.local_cseq = fdp.ConsumeIntegral<std::uint32_t>();
    r.dialog = &dlg;
  }
  r.call_id = g.pick({"a84b4c76e66710@pc33"});
  r.from_tag = g.pick({"1928301774"});
  r.cseq = fdp.ConsumeIntegral<std::uint32_t>();
  r.via = {g.pick({"UDP", "TCP"}, 8), g.pick({"pc33.example.com", "[::1]"}), fdp.ConsumeIntegral<std::uint16_t>(),
           g.pick({"z9hG4bK776asdhds"}), fdp.ConsumeBool()};
  r.max_forwards = fdp.ConsumeIntegralInRange<std::uint32_t>(0, 300);
  r.content_id = g.pick({"list1@example.com", "x"});
  r.boundary = g.pick({"sipref-boundary", "a b'(c)"});

  std::string text;
  const auto planned = sipref::plan_refer(r);
  if (!planned) {
    // compose starts with plan_refer: a request the plan refuses fails the same way.
    const auto e = sipref::composed_size(r);
    SIPREF_FUZZ_CHECK(!e && e.error() == planned.error());
  }
  // (plan_refer promises no more than its own checks: a planned request may still fail to
  // compose on a header or body value, so success is not asserted the other way round.)
  if (!sipref_fuzz::compose_checked(r, text)) {
    const auto e = sipref::composed_size(r);
    SIPREF_FUZZ_CHECK(!e && e.code() != sipref::errc::ok);
    return 0;
  }
  SIPREF_FUZZ_CHECK(planned.has_value());
  const sipref::refer_plan& p = *planned;
  const sipref_fuzz::input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const std::string_view in = copy.view();
  const auto m = sipref::parse_message(in);
  if (!m || m->size() != in.size() || m->first_duplicate())
    std::fprintf(stderr, "composed REFER:\n%s\nparse: %s at %zu, dup %d\n", text.c_str(),
                 std::string(sipref::to_string(m.code())).c_str(), m.error().offset, m && m->first_duplicate() ? 1 : 0);
  SIPREF_FUZZ_CHECK(m && m->size() == in.size() && m->method() == "REFER" && !m->first_duplicate());
  const asked a = what_is_asked(r);
  SIPREF_FUZZ_CHECK(a.list == p.list && a.refer_sub == p.refer_sub && (!a.refer_sub || a.refer_sub_value == p.refer_sub_value) &&
                    a.require_norefersub == p.require_norefersub && a.supported_norefersub == p.supported_norefersub);
  // Exactly the rows asked for, by name and in order (no caller string injected a line).
  {
    const std::vector<std::string_view> names = asked_rows(r, a);
    std::size_t i = 0;
    bool ok = true;
    for (const sipref::header_field_view& h : m->headers()) {
      ok &= i < names.size() && h.name == names[i];
      ++i;
    }
    if (!ok || i != names.size()) std::fprintf(stderr, "composed REFER:\n%s\nhas other rows than asked\n", text.c_str());
    SIPREF_FUZZ_CHECK(ok && i == names.size());
  }
  // Every extra header with its value, in order, right after User-Agent.
  {
    std::size_t i = 0;
    bool after_ua = false;
    for (const sipref::header_field_view& h : m->headers()) {
      if (after_ua && i < extra.size()) {
        SIPREF_FUZZ_CHECK(h.name == sipref::canonical_name(extra[i].name) && h.value == trim_wsp(extra[i].value));
        ++i;
      }
      after_ua |= h.id == header_id::user_agent;
    }
    SIPREF_FUZZ_CHECK(i == extra.size());
  }
  // The dialog-forming rows: from the dialog when there is one, else from the request.
  const sipref::dialog_state* d = r.dialog;
  {
    const auto via = sipref::parse_via(m->find(header_id::via)->value);
    SIPREF_FUZZ_CHECK(via && via->size() == 1);
    const sipref::via_parm_view w = via->front();
    // An IPv6 host may be given without brackets; the Via always carries them.
    const bool host = w.host == r.via.host || (r.via.host.find(':') != std::string_view::npos && w.host == "[" + std::string(r.via.host) + "]");
    SIPREF_FUZZ_CHECK(w.transport == r.via.transport && host && w.port == r.via.port && w.branch == r.via.branch && w.has_rport == r.via.rport);
    SIPREF_FUZZ_CHECK(m->find(header_id::max_forwards)->value == std::to_string(r.max_forwards));
    const auto from = sipref::parse_from_to(m->find(header_id::from)->value);
    const auto to = sipref::parse_from_to(m->find(header_id::to)->value);
    SIPREF_FUZZ_CHECK(from && to);
    SIPREF_FUZZ_CHECK(uri_of(from) == (d ? d->local_uri : r.from_uri) && sipref_fuzz::display_text(from->addr.display_name) == r.from_display_name);
    SIPREF_FUZZ_CHECK(uri_of(to) == (d ? d->remote_uri : r.session_uri) && sipref_fuzz::display_text(to->addr.display_name).empty());
    const std::string_view from_tag = d ? d->local_tag : r.from_tag;
    const std::string_view to_tag = d ? d->remote_tag : std::string_view{};
    SIPREF_FUZZ_CHECK(from->params.contains("tag") == !from_tag.empty() && from->params.get("tag") == from_tag);
    SIPREF_FUZZ_CHECK(to->params.contains("tag") == !to_tag.empty() && to->params.get("tag") == to_tag);
    SIPREF_FUZZ_CHECK(m->find(header_id::call_id)->value == (d ? d->call_id : r.call_id));
    const auto cs = sipref::parse_cseq(m->find(header_id::cseq)->value);
    SIPREF_FUZZ_CHECK(cs && cs->number == (d ? d->local_cseq + 1 : r.cseq) && cs->method == "REFER");
    const auto contact = sipref::parse_contact(m->find(header_id::contact)->value);
    SIPREF_FUZZ_CHECK(contact && !contact->star && contact->list.size() == 1);
    const sipref::addr_value_view c = contact->list.front();
    SIPREF_FUZZ_CHECK(c.addr.uri.text == r.contact_uri && c.params.contains("+g.oma.sip-im"));
    // Request-URI and Route: a loose first route keeps the remote target as Request-URI; a
    // strict one becomes the Request-URI and the remote target goes last (RFC 3261 §12.2.1.1).
    std::vector<std::string_view> want_routes;
    std::string_view ruri = r.session_uri;
    if (d) {
      ruri = d->remote_target;
      want_routes.assign(d->route_set.begin(), d->route_set.end());
      if (!want_routes.empty()) {
        const auto first = sipref::parse_uri(want_routes.front());
        SIPREF_FUZZ_CHECK(first.has_value());  // it was written, so it must be a URI
        if (!first->params.contains("lr")) {
          ruri = want_routes.front();
          want_routes.erase(want_routes.begin());
          want_routes.push_back(d->remote_target);
        }
      }
    }
    SIPREF_FUZZ_CHECK(m->request_uri() == ruri);
    std::size_t i = 0;
    if (const auto route = m->find(header_id::route)) {
      const auto rl = sipref::parse_route(route->value);
      SIPREF_FUZZ_CHECK(rl.has_value());
      for (const sipref::addr_value_view& x : *rl) SIPREF_FUZZ_CHECK(i < want_routes.size() && x.addr.uri.text == want_routes[i++]);
    }
    SIPREF_FUZZ_CHECK(i == want_routes.size());
    // Supported, the list labels, P-Preferred-Identity, Accept-Contact, User-Agent.
    if (a.supported_norefersub) SIPREF_FUZZ_CHECK(m->find(header_id::supported)->value == "norefersub");
    if (a.list && r.layout == sipref::body_layout::plain) {
      SIPREF_FUZZ_CHECK(m->find(header_id::content_disposition)->value == "recipient-list");
      SIPREF_FUZZ_CHECK(m->find(header_id::content_id)->value == "<" + std::string(r.content_id) + ">");
    }
    if (!a.ppi.empty()) {
      const auto id = sipref::parse_identity(m->find(header_id::p_preferred_identity)->value);
      SIPREF_FUZZ_CHECK(id && id->size() == 1 && id->front().addr.uri.text == a.ppi);
    }
    SIPREF_FUZZ_CHECK(m->find(header_id::accept_contact)->value == "*;+g.oma.sip-im");
    SIPREF_FUZZ_CHECK(m->find(header_id::user_agent)->value == trim_wsp(r.user_agent));
  }
  // Refer-To
  const auto rt = sipref::parse_refer_to(m->find(header_id::refer_to)->value);
  SIPREF_FUZZ_CHECK(rt && rt->is_list_reference() == p.list);
  if (p.list) {
    SIPREF_FUZZ_CHECK(sipref::cid_matches(rt->target(), r.content_id));
  } else {
    const auto want = sipref::parse_uri(inv[0].uri);
    SIPREF_FUZZ_CHECK(want && rt->target().host == want->host && rt->target().user == want->user);
    if (r.action == sipref::refer_action::add) SIPREF_FUZZ_CHECK(rt->target().text == inv[0].uri);
    if (r.action == sipref::refer_action::remove) SIPREF_FUZZ_CHECK(rt->method(true) == "BYE" || !want->method(true).empty());
    const std::string dn = sipref_fuzz::display_text(rt->display_name());
    SIPREF_FUZZ_CHECK(dn == (r.display_name_in_refer_to ? inv[0].display_name : std::string_view{}));
  }
  // Require, Supported, Refer-Sub, Privacy
  bool mr = false, nrs = false;
  for (const auto& row : m->rows(header_id::require)) {
    const auto tags = sipref::parse_require(row.value);
    SIPREF_FUZZ_CHECK(tags.has_value());
    for (std::string_view t : *tags) {
      mr |= t == "multiple-refer";
      nrs |= t == "norefersub";
    }
  }
  SIPREF_FUZZ_CHECK(mr == p.require_multiple_refer && nrs == p.require_norefersub);
  const auto rs = m->find(header_id::refer_sub);
  SIPREF_FUZZ_CHECK(rs.has_value() == p.refer_sub && (!rs || sipref::parse_refer_sub(rs->value)->value == p.refer_sub_value));
  const auto pv = m->find(header_id::privacy);
  const sipref::privacy_flag want_priv = r.anonymous ? (r.privacy | sipref::privacy_flag::id) : r.privacy;
  SIPREF_FUZZ_CHECK(pv.has_value() == (want_priv != sipref::privacy_flag{}) &&
                    (!pv || sipref::parse_privacy(pv->value)->flags() == want_priv));
  // The checker's verdict on our own REFER.
  sipref::refer_expectations exp;
  exp.mode = sipref::framing::stream;
  if (!r.dialog) exp.session_uri = r.session_uri;
  const sipref::refer_report rep = sipref::check_refer(in, exp);
  for (const sipref::finding& f : rep.findings)
    if (f.level == sipref::severity::error) std::fprintf(stderr, "finding %.*s: %s\n", static_cast<int>(f.rule.size()), f.rule.data(), f.message.c_str());
  SIPREF_FUZZ_CHECK(rep.ok() && rep.is_list == p.list);
  if (!p.list) return 0;
  // The list body, read back through the checker's reader: invitee URIs in order.
  SIPREF_FUZZ_CHECK(rep.invitees.size() == n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto got = sipref::parse_uri(rep.invitees[i].uri);
    const auto want = sipref::parse_uri(inv[i].uri);
    SIPREF_FUZZ_CHECK(got && want && got->host == want->host && got->user == want->user && got->scheme == want->scheme);
    if (r.action == sipref::refer_action::add) SIPREF_FUZZ_CHECK(rep.invitees[i].uri == inv[i].uri);
    if (r.action == sipref::refer_action::remove) SIPREF_FUZZ_CHECK(rep.invitees[i].method == "BYE" || !want->method(true).empty());
    SIPREF_FUZZ_CHECK(rep.invitees[i].display_name == inv[i].display_name);
  }
  return 0;
}
