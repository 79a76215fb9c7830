// SPDX-License-Identifier: MIT
/// @file fuzz_compose_headers.cpp
/// Composer fuzz target for the small composers, driven by FuzzedDataProvider: name_addr,
/// sip_uri (with embedded headers), refer_sub_value, option tags, privacy_value, event_value,
/// subscription_state_value, content_type, content_disposition, content_id, via_parm,
/// message, multipart_body, sipfrag_status, resource_lists_body, sip_response, refer_answer,
/// refer_notify and accept_contact(_value). For each: either a typed
/// error, or `composed_size` = written size, `compose_to` into an exact heap buffer works and
/// one byte less reports `buffer_too_small` without writing past it, no CR/LF/NUL in a header
/// value, and parsing the text gives back what was composed (for the message-like composers:
/// exactly the intended header rows, names and values, in order).
#include <sipref/sipref.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
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

// A header row as the composer should write it: its name, then its value.
struct row {
  std::string name;
  std::string value;
};

// True when @p got holds exactly the rows @p want, names and values byte for byte, in order
// (an injected line would show up as an extra or a changed row).
bool same_rows(const std::vector<row>& want, const sipref::header_fields_view& got) {
  std::size_t i = 0;
  for (const sipref::header_field_view& h : got) {
    if (i >= want.size() || h.name != want[i].name || h.value != want[i].value) {
      std::fprintf(stderr, "row %zu: got [%.*s: %.*s]\n", i, static_cast<int>(h.name.size()), h.name.data(),
                   static_cast<int>(h.value.size()), h.value.data());
      return false;
    }
    ++i;
  }
  if (i != want.size()) std::fprintf(stderr, "%zu rows, %zu wanted\n", i, want.size());
  return i == want.size();
}

// The rows `message`/`sipfrag_status`/`multipart_body` write for caller pairs: the
// registered long name for a known header, the value as given.
row given_row(const sipref::header_pair& h) { return {std::string(sipref::canonical_name(h.name)), std::string(h.value)}; }

// A parsed value on one row: each line fold (CR/LF and the whitespace after it) becomes one
// SP, as RFC 3261 §7.3.1 allows, so copying a folded request row keeps its meaning.
std::string unfolded(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\r' && v[i] != '\n') {
      out += v[i];
      continue;
    }
    while (i + 1 < v.size() && (v[i + 1] == '\r' || v[i + 1] == '\n' || v[i + 1] == ' ' || v[i + 1] == '\t')) ++i;
    out += ' ';
  }
  return out;
}

// True when @p got has exactly the row names @p want, in order.
bool same_names(std::initializer_list<std::string_view> want, const sipref::header_fields_view& got) {
  auto it = want.begin();
  for (const sipref::header_field_view& h : got) {
    if (it == want.end() || h.name != *it) return false;
    ++it;
  }
  return it == want.end();
}

// An IPv6 host may be given without brackets; composed text always carries them.
bool same_host(std::string_view got, std::string_view given) {
  return got == given || (given.find(':') != std::string_view::npos && got == "[" + std::string(given) + "]");
}

std::string decoded(const sipref::xml::text_view& t) {
  std::string out;
  sipref::string_writer w(out);
  t.decode(w);
  return out;
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
  // Cases 0..14 keep the mapping of the original `ConsumeIntegralInRange<int>(0, 14)` (the
  // same byte, modulo 15) for selector bytes below 240, so the committed corpus still drives
  // them; the top 16 byte values select the later cases.
  const std::uint8_t selector = fdp.ConsumeIntegral<std::uint8_t>();
  const int which = selector < 240 ? selector % 15 : 15 + (selector - 240) % 4;
  switch (which) {
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
        ok &= v.scheme_text == (u.secure ? "sips" : "sip");
        ok &= same_host(v.host, u.host);
        std::size_t i = 0;
        for (const sipref::uri_param_view& q : v.params) {
          const sipref::uri_field& want = ps[i++];
          ok &= sipref_fuzz::pct_decoded(q.name) == want.name;
          if (!want.has_value) ok &= !q.has_value;
          if (want.has_value && !want.value.empty()) ok &= q.has_value && sipref_fuzz::pct_decoded(q.value) == want.value;
        }
        i = 0;
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
                  if (v.handling.empty()) return r.type == v.type && same_params(ps, r.params);
                  // The composer writes `handling` itself: exactly one, the rest as given.
                  std::size_t handling = 0;
                  for (const g::param_view& q : r.params) handling += g::iequals(q.name, "handling") ? 1u : 0u;
                  return r.type == v.type && r.handling_token() == v.handling && handling == 1 && same_params(ps, r.params, {"handling"});
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
        return r.size() == 1 && w.transport == v.transport && same_host(w.host, v.host) && w.port == v.port && w.branch == v.branch && w.has_rport == v.rport;
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
          std::vector<row> want;
          for (const sipref::header_pair& h : rows) want.push_back(given_row(h));
          return r.status_code() == code && r.reason() == reason && same_rows(want, r.headers());
        }, false);
      } else {
        const bool request = fdp.ConsumeBool();
        const std::string_view body = gn.pick({"", "hello", "\r\n\r\n"});
        const sipref::message v{request ? gn.pick({"REFER", "A B"}) : std::string_view{}, gn.pick({"sip:a@b", "<x>"}),
                                request ? std::uint16_t{0} : code, reason, {rows.data(), rows.size()},
                                gn.pick({"", "text/plain"}), body};
        roundtrip(v, [](std::string_view s) { return sipref::parse_message(s); }, [&](const sipref::message_view& r) {
          // `message` orders rows by rank (routing first, body headers last), keeping the
          // caller's order within a rank, with its own Content-Type first in that rank and
          // Content-Length last.
          std::vector<row> want;
          for (int rank = 0; rank < sipref::detail::compose_rank_count; ++rank) {
            if (rank == sipref::detail::compose_rank(sipref::header_id::content_type) && !v.content_type.empty())
              want.push_back({"Content-Type", std::string(v.content_type)});
            for (const sipref::header_pair& h : rows)
              if (sipref::detail::compose_rank(sipref::lookup_header(h.name)) == rank) want.push_back(given_row(h));
          }
          want.push_back({"Content-Length", std::to_string(body.size())});
          bool ok = r.body() == body && r.is_request() == request && r.content_length() == body.size() && same_rows(want, r.headers());
          if (request) ok &= r.method() == v.method && r.request_uri() == v.request_uri;
          if (!request) ok &= r.status_code() == code && r.reason() == reason;
          return ok;
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
        for (const sipref::part_view& p : r) {
          if (i >= parts.size()) return false;
          std::vector<row> want;
          for (const sipref::header_pair& h : parts[i].headers) want.push_back(given_row(h));
          ok &= p.body == parts[i].body && same_rows(want, p.headers);
          ++i;
        }
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
      {
        // validate() promises the checks of compose, in the same order: same verdict, same error.
        const auto f = v.validate();
        const auto n = sipref::composed_size(v);
        SIPREF_FUZZ_CHECK(static_cast<bool>(f.err) == !n.has_value());
        SIPREF_FUZZ_CHECK(!f.err || (f.err == n.error() && (f.index == std::string_view::npos || f.index < es.size())));
      }
      std::vector<sipref::resource_list_item> items(es.size() + 1);
      std::string_view text_of_last;  // the composed document, for the list walker
      roundtrip(v, [&](std::string_view s) {
                  text_of_last = s;
                  return sipref::parse_resource_lists(s, items.data(), items.size());
                },
                [&](const sipref::resource_lists_view& r) {
                  bool ok = r.size == es.size();
                  for (std::size_t i = 0; ok && i < r.size; ++i) {
                    ok &= r[i].display_name.equals(es[i].display_name) && r[i].copy == es[i].copy.value_or(sipref::copy_control::bcc);
                    ok &= r[i].anonymize == es[i].anonymize.value_or(false) && r[i].count == es[i].count.value_or(1);
                    ok &= r[i].has_lang == !es[i].lang.empty() && r[i].lang.equals(es[i].lang);
                    if (v.default_method.empty()) {
                      ok &= r[i].uri.equals(es[i].uri);
                    } else {
                      // The default method goes into the URI unless it names its own.
                      const std::string got_text = decoded(r[i].uri);
                      const auto got = sipref::parse_uri(got_text);
                      const auto want = sipref::parse_uri(es[i].uri);
                      ok &= got.has_value() && want.has_value();
                      if (!ok) break;
                      const bool own = !want->method(true).empty();
                      ok &= got->method(true) == (own ? want->method(true) : v.default_method);
                      ok &= got->scheme == want->scheme && got->user == want->user && got->host == want->host;
                      if (own) ok &= got_text == es[i].uri;
                    }
                  }
                  // The list itself: its name attribute, read by the item walker.
                  std::size_t lists = 0;
                  bool name_ok = true;
                  const auto walk = sipref::for_each_resource_list_item(text_of_last, [&](const sipref::resource_list_item& it) {
                    if (it.kind != sipref::list_item_kind::list) return;
                    ++lists;
                    name_ok &= it.has_name == !v.list_name.empty() && decoded(it.name) == v.list_name;
                  });
                  return ok && walk.has_value() && lists == 1 && name_ok;
                }, false);
      break;
    }

    case 15:
    case 16: {
      // sip_response / refer_answer to a parsed request whose copied rows are each present
      // or not, well-formed or arbitrary (folded values included).
      std::string req = "NOTIFY sip:b@h SIP/2.0\r\n";
      auto add = [&](std::string_view name, std::initializer_list<std::string_view> good) {
        if (fdp.ConsumeIntegralInRange<int>(0, 7) == 0) return;
        req.append(name).append(": ").append(gn.pick(good)).append("\r\n");
      };
      add("Via", {"SIP/2.0/UDP h;branch=z9hG4bK1", "SIP/2.0/TCP [::1]:5060\r\n ;rport"});
      add("v", {"SIP/2.0/TLS h2;branch=z9hG4bK2"});
      add("From", {"<sip:a@h>;tag=1", "sip:a@h;tag=2", "A\r\n\t<sip:a@h>;tag=3"});
      add("To", {"<sip:b@h>", "<sip:b@h>;tag=9", "B <sip:b@h>", "sip:b@h;x"});
      add("Call-ID", {"c@h", "x"});
      add("CSeq", {"1 NOTIFY", "2  REFER"});
      req += "Content-Length: 0\r\n\r\n";
      const sipref_fuzz::input rcopy(reinterpret_cast<const std::uint8_t*>(req.data()), req.size());
      const auto rq = sipref::parse_message(rcopy.view());
      if (!rq) break;
      const std::uint16_t code = fdp.ConsumeIntegralInRange<std::uint16_t>(0, 800);
      const std::string_view reason = gn.pick({"OK", "Accepted", "", "a\tb", "100%"});
      const std::string_view to_tag = gn.pick({"", "x1", "a b"});
      // The rows the response copies: Via rows in order, then From, To, Call-ID, CSeq,
      // unfolded; To gains the tag when it has none.
      std::vector<row> want;
      for (const sipref::header_field_view& h : rq->rows(sipref::header_id::via)) want.push_back({"Via", unfolded(h.value)});
      for (const sipref::header_id id : {sipref::header_id::from, sipref::header_id::to, sipref::header_id::call_id, sipref::header_id::cseq}) {
        const auto h = rq->find(id);
        if (!h) break;  // compose must then fail with missing_header
        row r{std::string(sipref::long_name(id)), unfolded(h->value)};
        if (id == sipref::header_id::to && !to_tag.empty()) {
          const auto t = sipref::parse_addr_value(h->value);
          if (t && !t->params.contains("tag")) r.value += ";tag=" + std::string(to_tag);
        }
        want.push_back(std::move(r));
      }
      // A typed error names a copied header the request lacks, or lies inside an input.
      auto error_ok = [&](const sipref::error& e, std::size_t longest) {
        if (e.code == sipref::errc::missing_header) return !rq->find(static_cast<sipref::header_id>(e.offset));
        return e.offset <= longest;
      };
      std::string text;
      std::uint16_t sent_code = code;
      if (which == 15) {
        std::vector<sipref::header_pair> rows(fdp.ConsumeIntegralInRange<std::size_t>(0, 2));
        std::size_t longest = std::max(reason.size(), to_tag.size());
        for (auto& h : rows) {
          // Content-Length, Content-Type and Call-ID clash with rows the composer writes itself.
          h = {gn.pick({"Contact", "Refer-Sub", "X-A", "Unsupported", "a b", "Content-Length", "Content-Type", "Call-ID"}),
               gn.pick({"<sip:a@b>", "false", "x", " x", "0", "text/plain"})};
          longest = std::max({longest, h.name.size(), h.value.size()});
        }
        const std::string_view body = gn.pick({"", "SIP/2.0 200 OK\r\n"});
        const sipref::sip_response v{*rq, code, reason, to_tag, {rows.data(), rows.size()}, gn.pick({"", "message/sipfrag"}), body};
        longest = std::max(longest, v.content_type.size());  // checked as a header value too
        if (!compose_checked(v, text)) {
          const auto e = sipref::composed_size(v);
          SIPREF_FUZZ_CHECK(error_ok(e.error(), longest));
          break;
        }
        for (const sipref::header_pair& h : rows) want.push_back(given_row(h));
        if (!body.empty()) want.push_back({"Content-Type", std::string(v.content_type)});
        want.push_back({"Content-Length", std::to_string(body.size())});
      } else {
        const std::string_view contact = gn.pick({"", "sip:b@192.0.2.2", "sips:b@[::1]:5061;transport=tls", "<x>"});
        std::vector<std::string_view> tags(fdp.ConsumeIntegralInRange<std::size_t>(0, 2));
        for (auto& t : tags) t = gn.pick({"norefersub", "multiple-refer", "a b"});
        const bool pick_420 = fdp.ConsumeBool();
        const sipref::refer_answer v{*rq, pick_420 ? std::uint16_t{420} : code, reason, to_tag, contact, fdp.ConsumeBool(),
                                     {tags.data(), tags.size()}};
        std::size_t longest = std::max({reason.size(), to_tag.size(), contact.size()});
        // Unsupported errors point into the joined `tag, tag` value (option_tags.hpp).
        std::size_t joined = 0;
        for (std::size_t i = 0; i < tags.size(); ++i) joined += tags[i].size() + (i != 0 ? 2u : 0u);
        longest = std::max(longest, joined);
        if (!compose_checked(v, text)) {
          const auto e = sipref::composed_size(v);
          SIPREF_FUZZ_CHECK(error_ok(e.error(), longest));
          SIPREF_FUZZ_CHECK(!(v.code == 420 && tags.empty()) || e.error() == (sipref::error{sipref::errc::missing_field, 0}));
          break;
        }
        sent_code = v.code;
        const bool ok2xx = v.code >= 200 && v.code < 300;
        if (ok2xx && !contact.empty()) {
          // The Contact value is the name-addr of the URI (checked separately below).
          const auto c = sipref::to_string(sipref::contact_value{{}, contact});
          SIPREF_FUZZ_CHECK(c.has_value());
          const auto pc = sipref::parse_contact(*c);
          SIPREF_FUZZ_CHECK(pc && !pc->star && pc->list.size() == 1 && pc->list.front().addr.uri.text == contact);
          want.push_back({"Contact", *c});
        }
        if (ok2xx && v.grant_no_subscription) want.push_back({"Refer-Sub", "false"});
        if (v.code == 420) {
          const auto u = sipref::to_string(sipref::unsupported_value{{tags.data(), tags.size()}});
          SIPREF_FUZZ_CHECK(u.has_value());
          const auto pu = sipref::parse_unsupported(*u);
          SIPREF_FUZZ_CHECK(pu.has_value());
          std::size_t i = 0;
          for (std::string_view t : *pu) SIPREF_FUZZ_CHECK(i < tags.size() && t == tags[i++]);
          SIPREF_FUZZ_CHECK(i == tags.size());
          want.push_back({"Unsupported", *u});
        }
        want.push_back({"Content-Length", "0"});
      }
      const sipref_fuzz::input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
      const auto r = sipref::parse_message(copy.view());
      if (!r) std::fprintf(stderr, "request [%s]\nresponse [%s] does not parse: %s at %zu\n", req.c_str(), text.c_str(),
                           std::string(sipref::to_string(r.code())).c_str(), r.error().offset);
      SIPREF_FUZZ_CHECK(r && r->size() == copy.view().size() && r->is_response());
      // A single-valued header twice (RFC 3261 §7.3.1) is no valid response either.
      if (r->first_duplicate()) std::fprintf(stderr, "response [%s] repeats a single-valued header\n", text.c_str());
      SIPREF_FUZZ_CHECK(!r->first_duplicate());
      SIPREF_FUZZ_CHECK(r->status_code() == sent_code && r->reason() == reason);
      const bool rows_ok = same_rows(want, r->headers());
      if (!rows_ok) std::fprintf(stderr, "request [%s]\nresponse [%s]\n", req.c_str(), text.c_str());
      SIPREF_FUZZ_CHECK(rows_ok);
      break;
    }
    case 17: {
      // refer_notify: the NOTIFY a REFER-Recipient sends, read back by parse_refer_notify.
      sipref::refer_notify v;
      v.dialog.call_id = gn.pick({"c@h", "x", "a b"});
      v.dialog.local_uri = gn.pick({"sip:b@h", "sips:b@[::1]:5061", "tel:+1"});
      v.dialog.local_tag = gn.pick({"t1", "", "a;b"});
      v.dialog.remote_uri = gn.pick({"sip:a@h", "sip:a@h;transport=tcp"});
      v.dialog.remote_tag = gn.pick({"t2", "9"});
      v.dialog.remote_target = gn.pick({"sip:a@192.0.2.1", "sips:a@[::1]:5061;transport=tls", "sip:a@h?X=y"});
      v.via = {gn.pick({"UDP", "TLS", "x y"}), gn.pick({"pc33.example.com", "::1", "1.2.3.4"}), fdp.ConsumeIntegral<std::uint16_t>(),
               gn.pick({"z9hG4bK776", "z9hG4bK a", ""}), fdp.ConsumeBool()};
      v.cseq = fdp.ConsumeIntegral<std::uint32_t>();
      v.contact_uri = gn.pick({"sip:b@192.0.2.2", "sip:b@h;gr", "<x>"});
      v.event_id = gn.pick({"", "3", "a b", "05"});
      v.state = static_cast<sipref::substate>(fdp.ConsumeIntegralInRange<int>(0, 3));
      v.expires = fdp.ConsumeIntegral<std::uint32_t>();
      v.code = fdp.ConsumeIntegralInRange<std::uint16_t>(0, 800);
      v.reason = gn.pick({"Trying", "OK", "", "a\tb", "Busy Here"});
      v.terminated_reason = static_cast<sipref::event_reason>(fdp.ConsumeIntegralInRange<int>(0, 8));
      std::string text;
      if (!compose_checked(v, text)) break;
      const sipref_fuzz::input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
      const auto p = sipref::parse_refer_notify(copy.view());
      if (!p) std::fprintf(stderr, "NOTIFY [%s] does not parse: %s at %zu\n", text.c_str(), std::string(sipref::to_string(p.code())).c_str(),
                           p.error().offset);
      SIPREF_FUZZ_CHECK(p.has_value());
      const bool terminated = v.state == sipref::substate::terminated;
      bool ok = p->call_id == v.dialog.call_id && p->from_tag == v.dialog.local_tag && p->to_tag == v.dialog.remote_tag &&
                p->cseq == v.cseq && p->has_event_id == !v.event_id.empty() && p->event_id == v.event_id && p->state == v.state &&
                p->final == terminated && p->code == v.code && p->reason_phrase == v.reason;
      ok &= terminated ? !p->expires && p->reason == v.terminated_reason : p->expires == v.expires && p->reason == sipref::event_reason::absent;
      ok &= !p->retry_after;
      const auto m = sipref::parse_message(copy.view());
      SIPREF_FUZZ_CHECK(m && m->size() == copy.view().size());
      ok &= m->method() == "NOTIFY" && m->request_uri() == v.dialog.remote_target;
      ok &= same_names({"Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "Contact", "Event", "Subscription-State", "Content-Type",
                        "Content-Length"},
                       m->headers());
      const auto via = sipref::parse_via(m->find(sipref::header_id::via)->value);
      ok &= via && via->size() == 1;
      if (ok) {
        const sipref::via_parm_view w = via->front();
        ok &= w.transport == v.via.transport && same_host(w.host, v.via.host) && w.port == v.via.port && w.branch == v.via.branch &&
              w.has_rport == v.via.rport;
      }
      const auto from = sipref::parse_from_to(m->find(sipref::header_id::from)->value);
      const auto to = sipref::parse_from_to(m->find(sipref::header_id::to)->value);
      const auto contact = sipref::parse_contact(m->find(sipref::header_id::contact)->value);
      ok &= from && from->addr.uri.text == v.dialog.local_uri && to && to->addr.uri.text == v.dialog.remote_uri;
      ok &= contact && !contact->star && contact->list.size() == 1 && contact->list.front().addr.uri.text == v.contact_uri;
      ok &= m->find(sipref::header_id::max_forwards)->value == "70" && m->find(sipref::header_id::content_type)->value == "message/sipfrag";
      ok &= m->content_length() == m->body().size();
      // The body is the sipfrag status line alone.
      ok &= m->body() == "SIP/2.0 " + std::to_string(v.code) + " " + std::string(v.reason) + "\r\n";
      if (!ok) std::fprintf(stderr, "NOTIFY [%s] reads back otherwise\n", text.c_str());
      SIPREF_FUZZ_CHECK(ok);
      break;
    }
    case 18: {
      // accept_contact_value / accept_contact: feature tags, require, explicit, in order.
      std::vector<std::vector<sipref::feature_tag>> fs(fdp.ConsumeIntegralInRange<std::size_t>(0, 3));
      std::vector<sipref::accept_contact_value> vals;
      for (auto& f : fs) {
        f.resize(fdp.ConsumeIntegralInRange<std::size_t>(0, 3));
        for (auto& t : f)
          t = {gn.pick({"+g.oma.sip-im", "audio", "+sip.instance", "methods", "require", "+a b", "+G.OMA.SIP-IM"}),
               gn.pick({"", "INVITE,BYE", "<urn:uuid:1>", "a\"b", "!x", "#1:2"})};
        vals.push_back({{f.data(), f.size()}, fdp.ConsumeBool(), fdp.ConsumeBool()});
      }
      // The params one ac-value must read back as: features as given, then the flags.
      auto same_value = [](const sipref::accept_contact_value& want, const sipref::ac_value_view& got) {
        std::size_t i = 0;
        const std::size_t n = want.features.size() + (want.require ? 1u : 0u) + (want.explicit_match ? 1u : 0u);
        for (const g::param_view& q : got.params) {
          if (i >= n) return false;
          if (i < want.features.size()) {
            const sipref::feature_tag& f = want.features[i];
            if (q.name != f.name || q.has_value != !f.value.empty() || (q.has_value && q.unquoted_raw() != f.value)) return false;
          } else {
            const bool req = want.require && i == want.features.size();
            if (q.name != (req ? "require" : "explicit") || q.has_value) return false;
          }
          ++i;
        }
        return i == n && got.require() == want.require && got.is_explicit() == want.explicit_match;
      };
      if (!vals.empty() && fdp.ConsumeBool()) {
        const sipref::accept_contact_value& one = vals.front();
        roundtrip(one, [](std::string_view s) { return sipref::parse_accept_contact(s); }, [&](const sipref::accept_contact_view& r) {
          return r.size() == 1 && same_value(one, *r.begin());
        });
      } else {
        const sipref::accept_contact v{{vals.data(), vals.size()}};
        if (vals.empty()) {
          const auto e = sipref::composed_size(v);
          SIPREF_FUZZ_CHECK(!e && e.error() == (sipref::error{sipref::errc::empty_value, 0}));
        }
        roundtrip(v, [](std::string_view s) { return sipref::parse_accept_contact(s); }, [&](const sipref::accept_contact_view& r) {
          std::size_t i = 0;
          for (const sipref::ac_value_view& a : r)
            if (i >= vals.size() || !same_value(vals[i++], a)) return false;
          return i == vals.size();
        });
      }
      break;
    }
  }
  return 0;
}
