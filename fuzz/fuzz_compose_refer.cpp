// SPDX-License-Identifier: MIT
/// @file fuzz_compose_refer.cpp
/// Composer fuzz target for `refer_request` (refer_request.hpp), driven by FuzzedDataProvider:
/// arbitrary or well-formed strings for every field, 1..20 invitees, in or out of a dialog
/// (with route sets), every profile, layout, action and subscription mode. Composition
/// either fails with a typed error or produces a message that:
///  - `composed_size`/`compose_to`/`to_string` agree on (one byte short: `buffer_too_small`);
///  - `parse_message` accepts, exactly, with the body Content-Length announces;
///  - has exactly the planned header rows (no caller string injected a line);
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

std::size_t planned_rows(const sipref::refer_request& r, const sipref::refer_plan& p) {
  std::size_t n = 9;  // Via Max-Forwards From To Call-ID CSeq Contact Refer-To Accept-Contact
  n += 2;             // User-Agent Content-Length
  if (r.dialog && !r.dialog->route_set.empty()) ++n;  // Route
  n += static_cast<std::size_t>(p.refer_sub) + static_cast<std::size_t>(p.require_multiple_refer || p.require_norefersub) +
       static_cast<std::size_t>(p.supported_norefersub);
  if (r.anonymous || r.privacy != sipref::privacy_flag{}) ++n;
  if (!r.preferred_identity.empty() || r.profile == sipref::refer_profile::ims) ++n;
  if (p.list) n += r.layout == sipref::body_layout::plain ? 3 : 1;  // Content-Type (+ Disposition, ID)
  return n + r.extra_headers.size();
}

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
  SIPREF_FUZZ_CHECK(m->headers().size() == planned_rows(r, p));
  for (const auto& h : extra) SIPREF_FUZZ_CHECK(m->headers().count(h.name) >= 1);
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
