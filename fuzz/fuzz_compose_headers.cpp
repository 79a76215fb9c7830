// SPDX-License-Identifier: MIT
/// @file fuzz_compose_headers.cpp
/// Composer fuzz target for the small composers, driven by FuzzedDataProvider: name_addr,
/// sip_uri (with embedded headers), refer_sub_value, option tags, privacy_value, event_value,
/// subscription_state_value, content_type, content_disposition, content_id, via_parm,
/// message, multipart_body, sipfrag_status and resource_lists_body. For each: either a typed
/// error, or `composed_size` = written size, `compose_to` into an exact heap buffer works and
/// one byte less reports `buffer_too_small` without writing past it, no CR/LF/NUL in a header
/// value, and parsing the text gives back what was composed.
#include <sipref/sipref.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

namespace {

namespace g = sipref::grammar;
using sipref_fuzz::compose_checked;

struct gen {
  FuzzedDataProvider& p;
  std::deque<std::string> store;
  std::string_view pick(std::initializer_list<std::string_view> good, std::size_t max = 24) {
    if (p.ConsumeIntegralInRange<int>(0, 5) != 0) {
      store.emplace_back(good.begin()[p.ConsumeIntegralInRange<std::size_t>(0, good.size() - 1)]);
    } else {
      store.push_back(p.ConsumeRandomLengthString(max));
    }
    return store.back();
  }
  std::vector<g::param> params(std::initializer_list<std::string_view> names = {"tag", "lr", "x", "handling", "id", "q"}) {
    std::vector<g::param> out(p.ConsumeIntegralInRange<std::size_t>(0, 3));
    for (auto& x : out) x = {pick(names), pick({"abc", "a b", "q\"\\", "[::1]", "", "é"}), p.ConsumeBool()};
    return out;
  }
};

template <class View>
bool same_params(const std::vector<g::param>& want, const View& got, std::initializer_list<std::string_view> skip = {}) {
  std::size_t i = 0;
  for (const g::param_view& q : got) {
    bool skipped = false;
    for (std::string_view k : skip) skipped |= g::iequals(q.name, k);
    if (skipped) continue;
    if (i >= want.size() || want[i].name != q.name || want[i].has_value != q.has_value) return false;
    if (want[i].has_value && sipref_fuzz::param_text(q) != want[i].value) return false;
    ++i;
  }
  return i == want.size();
}

// Composes @p v; on success parses the text with @p parse and runs @p same on the result.
template <class T, class Parse, class Same>
void roundtrip(const T& v, Parse&& parse, Same&& same, bool single_line = true) {
  std::string text;
  if (!compose_checked(v, text)) return;
  if (single_line) sipref_fuzz::check_single_line(text);
  const sipref_fuzz::input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto r = parse(copy.view());
  if (!r) std::fprintf(stderr, "composed [%s] does not parse: %s at %zu\n", text.c_str(),
                       std::string(sipref::to_string(r.code())).c_str(), r.error().offset);
  SIPREF_FUZZ_CHECK(r.has_value());
  const bool same_value = same(*r);
  if (!same_value) std::fprintf(stderr, "composed [%s] parses to something else\n", text.c_str());
  SIPREF_FUZZ_CHECK(same_value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  gen gn{fdp, {}};
  switch (fdp.ConsumeIntegralInRange<int>(0, 14)) {
    case 0: {
      const auto ps = gn.params();
      const std::string_view dn = gn.pick({"", "Bob", "B \"o\" \\b", "Zoë", "a,b"});
      const std::string_view uri = gn.pick({"sip:b@h", "sip:b@h;lr?X=y", "tel:+1", "cid:a@b", "http://x/y"});
      const sipref::name_addr v{dn, uri, {ps.data(), ps.size()}};
      roundtrip(v, [](std::string_view s) { return sipref::parse_addr_value(s); }, [&](const sipref::addr_value_view& a) {
        return a.addr.uri.text == uri && sipref_fuzz::display_text(a.addr.display_name) == dn && same_params(ps, a.params);
      });
      break;
    }
    case 1: {
      std::vector<sipref::uri_field> ps(fdp.ConsumeIntegralInRange<std::size_t>(0, 2)), hs(fdp.ConsumeIntegralInRange<std::size_t>(0, 3));
      for (auto& x : ps) x = {gn.pick({"lr", "transport", "x;y", "method"}), gn.pick({"tcp", "a=b", "é", "INVITE"}), fdp.ConsumeBool()};
      for (auto& x : hs) x = {gn.pick({"Replaces", "Subject", "Call-ID", "X"}), gn.pick({"c@h;to-tag=1;from-tag=2", "a&b=c", "\r\n"})};
      sipref::sip_uri u;
      u.secure = fdp.ConsumeBool();
      u.user = gn.pick({"", "bob", "a@b:c", "%"});
      u.password = gn.pick({"", "pw", ":@"});
      u.host = gn.pick({"h.example.com", "192.0.2.1", "::1", "[2001:db8::1]", "bad host"});
      u.port = fdp.ConsumeIntegral<std::uint16_t>();
      u.params = {ps.data(), ps.size()};
      u.headers = {hs.data(), hs.size()};
      roundtrip(u, [](std::string_view s) { return sipref::parse_uri(s); }, [&](const sipref::uri_view& v) {
        bool ok = sipref_fuzz::pct_decoded(v.user) == u.user && v.port == u.port && v.params.size() == ps.size() &&
                  v.headers.size() == hs.size() && !sipref::check_uri_headers(v);
        std::size_t i = 0;
        for (const sipref::uri_param_view& h : v.headers) ok &= sipref_fuzz::pct_decoded(h.value) == hs[i++].value;
        if (!u.user.empty()) ok &= sipref_fuzz::pct_decoded(v.password) == u.password;
        return ok;
      });
      break;
    }
    case 2: {
      const auto ps = gn.params();
      const sipref::refer_sub_value v{fdp.ConsumeBool(), {ps.data(), ps.size()}};
      roundtrip(v, [](std::string_view s) { return sipref::parse_refer_sub(s); },
                [&](const sipref::refer_sub_view& r) { return r.value == v.value && same_params(ps, r.params); });
      break;
    }
    case 3: {
      std::vector<std::string_view> tags(fdp.ConsumeIntegralInRange<std::size_t>(0, 4));
      for (auto& t : tags) t = gn.pick({"norefersub", "multiple-refer", "100rel", "a b", ""});
      const sipref::require_value v{{tags.data(), tags.size()}};
      roundtrip(v, [](std::string_view s) { return sipref::parse_require(s); }, [&](const sipref::option_tags_view& r) {
        std::size_t i = 0;
        bool ok = true;
        for (std::string_view t : r) ok &= i < tags.size() && t == tags[i++];
        return ok && i == tags.size();
      });
      break;
    }
    case 4: {
      std::vector<std::string_view> ext(fdp.ConsumeIntegralInRange<std::size_t>(0, 2));
      for (auto& t : ext) t = gn.pick({"history", "x-y", "id", "a;b"});
      const sipref::privacy_value v{static_cast<sipref::privacy_flag>(fdp.ConsumeIntegral<std::uint8_t>() & 0x7f), {ext.data(), ext.size()}};
      roundtrip(v, [](std::string_view s) { return sipref::parse_privacy(s); }, [&](const sipref::privacy_view& r) {
        std::size_t i = 0;
        bool ok = r.flags() == v.values;
        for (std::string_view t : r.extensions()) ok &= i < ext.size() && t == ext[i++];
        return ok && i == ext.size();
      });
      break;
    }
    case 5: {
      const auto ps = gn.params({"x", "id", "y"});
      const sipref::event_value v{gn.pick({"refer", "presence.winfo", "a b"}), gn.pick({"", "93809824", "x y"}), {ps.data(), ps.size()}};
      roundtrip(v, [](std::string_view s) { return sipref::parse_event(s); }, [&](const sipref::event_view& r) {
        return r.type == v.type && r.id == v.id && r.has_id == !v.id.empty() && same_params(ps, r.params, {"id"});
      });
      break;
    }
    case 6: {
      const auto ps = gn.params({"x", "reason", "q"});
      sipref::subscription_state_value v;
      v.state = static_cast<sipref::substate>(fdp.ConsumeIntegralInRange<int>(0, 3));
      v.reason = static_cast<sipref::event_reason>(fdp.ConsumeIntegralInRange<int>(0, 8));
      if (fdp.ConsumeBool()) v.expires = fdp.ConsumeIntegral<std::uint32_t>();
      if (fdp.ConsumeBool()) v.retry_after = fdp.ConsumeIntegral<std::uint32_t>();
      if (fdp.ConsumeBool()) v.extension_state = gn.pick({"waiting", "a b"});
      if (fdp.ConsumeBool()) v.extension_reason = gn.pick({"gone", ""});
      v.params = {ps.data(), ps.size()};
      roundtrip(v, [](std::string_view s) { return sipref::parse_subscription_state(s); },
                [&](const sipref::subscription_state_view& r) {
                  return r.state == v.state && r.reason == v.reason && r.expires == v.expires && r.retry_after == v.retry_after &&
                         (v.extension_state.empty() || r.state_raw == v.extension_state) &&
                         same_params(ps, r.params, {"reason", "expires", "retry-after"});
                });
      break;
    }
    case 7: {
      const auto ps = gn.params({"boundary", "charset", "x"});
      const sipref::content_type v{gn.pick({"application", "multipart", "a/b"}), gn.pick({"resource-lists+xml", "mixed", ""}),
                                   {ps.data(), ps.size()}};
      roundtrip(v, [](std::string_view s) { return sipref::parse_content_type(s); }, [&](const sipref::content_type_view& r) {
        return r.type == v.type && r.subtype == v.subtype && same_params(ps, r.params);
      });
      break;
    }
    case 8: {
      const auto ps = gn.params({"handling", "x"});
      const sipref::content_disposition v{gn.pick({"recipient-list", "render", "a b"}), gn.pick({"", "optional", "required"}),
                                          {ps.data(), ps.size()}};
      roundtrip(v, [](std::string_view s) { return sipref::parse_content_disposition(s); },
                [&](const sipref::content_disposition_view& r) {
                  return r.type == v.type && (v.handling.empty() || r.handling_token() == v.handling);
                });
      break;
    }
    case 9: {
      const sipref::content_id v{gn.pick({"cn35t8jf02", "a.b", "a..b", ""}), gn.pick({"example.com", "[1.2.3.4]", "a@b"})};
      roundtrip(v, [](std::string_view s) { return sipref::parse_content_id(s); },
                [&](const sipref::content_id_view& r) { return r.id_left == v.id_left && r.id_right == v.id_right; });
      break;
    }
    case 10: {
      const sipref::via_parm v{gn.pick({"UDP", "TLS", "x y"}), gn.pick({"pc33.example.com", "[::1]", "::1", "1.2.3.4"}),
                               fdp.ConsumeIntegral<std::uint16_t>(), gn.pick({"z9hG4bK776", "z9hG4bK a", ""}), fdp.ConsumeBool()};
      roundtrip(v, [](std::string_view s) { return sipref::parse_via(s); }, [&](const sipref::via_view& r) {
        const sipref::via_parm_view w = r.front();
        return r.size() == 1 && w.transport == v.transport && w.port == v.port && w.branch == v.branch && w.has_rport == v.rport;
      });
      break;
    }
    case 11:
    case 13: {
      std::vector<sipref::header_pair> rows(fdp.ConsumeIntegralInRange<std::size_t>(0, 4));
      for (auto& h : rows) h = {gn.pick({"Refer-To", "r", "Call-ID", "X-A", "Content-Type", "a b"}), gn.pick({"<sip:a@b>", "x", " x", "a\r\n b"})};
      const std::uint16_t code = fdp.ConsumeIntegralInRange<std::uint16_t>(0, 800);
      const std::string_view reason = gn.pick({"OK", "Trying", "", "a\tb"});
      if (fdp.ConsumeBool()) {
        const sipref::sipfrag_status v{code, reason, {rows.data(), rows.size()}};
        roundtrip(v, [](std::string_view s) { return sipref::parse_sipfrag(s); }, [&](const sipref::sipfrag_view& r) {
          return r.status_code() == code && r.reason() == reason && r.headers().size() == rows.size();
        }, false);
      } else {
        const bool request = fdp.ConsumeBool();
        const std::string_view body = gn.pick({"", "hello", "\r\n\r\n"});
        const sipref::message v{request ? gn.pick({"REFER", "A B"}) : std::string_view{}, gn.pick({"sip:a@b", "<x>"}),
                                request ? std::uint16_t{0} : code, reason, {rows.data(), rows.size()},
                                gn.pick({"", "text/plain"}), body};
        roundtrip(v, [](std::string_view s) { return sipref::parse_message(s); }, [&](const sipref::message_view& r) {
          return r.body() == body && r.is_request() == request && r.content_length() == body.size();
        }, false);
      }
      break;
    }
    case 12: {
      std::vector<std::vector<sipref::header_pair>> hdrs(fdp.ConsumeIntegralInRange<std::size_t>(0, 3));
      std::vector<sipref::body_part> parts;
      for (auto& h : hdrs) {
        h.resize(fdp.ConsumeIntegralInRange<std::size_t>(0, 2));
        for (auto& x : h) x = {gn.pick({"Content-Type", "Content-ID"}), gn.pick({"text/plain", "<a@b>"})};
        parts.push_back({{h.data(), h.size()}, gn.pick({"", "body", "--B", "\r\n--B--\r\n"})});
      }
      const std::string_view boundary = gn.pick({"B", "sipref-boundary", "a b", ""});
      const sipref::multipart_body v{{parts.data(), parts.size()}, boundary};
      roundtrip(v, [&](std::string_view s) { return sipref::parse_multipart(s, boundary); }, [&](const sipref::multipart_view& r) {
        bool ok = r.size() == parts.size();
        std::size_t i = 0;
        for (const sipref::part_view& p : r) ok &= i < parts.size() && p.body == parts[i++].body;
        return ok;
      }, false);
      break;
    }
    case 14: {
      std::vector<sipref::resource_list_entry> es(fdp.ConsumeIntegralInRange<std::size_t>(0, 4));
      for (auto& e : es) {
        e.uri = gn.pick({"sip:a@b", "sip:c@d?Subject=a%20b&x=y", "tel:+1", "http://x/&<>"});
        e.display_name = gn.pick({"", "Bob & <Co>", "\"'", "é"});
        if (fdp.ConsumeBool()) e.copy = static_cast<sipref::copy_control>(fdp.ConsumeIntegralInRange<int>(0, 2));
        if (fdp.ConsumeBool()) e.anonymize = fdp.ConsumeBool();
        if (fdp.ConsumeBool()) e.count = fdp.ConsumeIntegral<std::uint64_t>();
        if (fdp.ConsumeBool()) e.lang = gn.pick({"en", "de-CH", "x y"});
      }
      sipref::resource_lists_body v(es.data(), es.size(), gn.pick({"", "friends", "a<b"}));
      if (fdp.ConsumeBool()) v.default_method = gn.pick({"BYE", "a b"});
      std::vector<sipref::resource_list_item> items(es.size() + 1);
      roundtrip(v, [&](std::string_view s) { return sipref::parse_resource_lists(s, items.data(), items.size()); },
                [&](const sipref::resource_lists_view& r) {
                  bool ok = r.size == es.size();
                  for (std::size_t i = 0; ok && i < r.size; ++i) {
                    ok &= r[i].display_name.equals(es[i].display_name) && r[i].copy == es[i].copy.value_or(sipref::copy_control::bcc);
                    ok &= r[i].anonymize == es[i].anonymize.value_or(false) && r[i].count == es[i].count.value_or(1);
                    if (v.default_method.empty()) ok &= r[i].uri.equals(es[i].uri);
                  }
                  return ok;
                }, false);
      break;
    }
  }
  return 0;
}
