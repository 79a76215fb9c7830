// SPDX-License-Identifier: MIT
/// @file fuzz_sipref.hpp
/// Typed invariant checks shared by several fuzz targets: one `check_<header>` per header
/// value parser (error offsets and views inside the input, lenient accepts what strict
/// accepts, parse → compose → parse gives the same value where a composer exists), and
/// `check_header(id, value, cfg)` that runs the check matching a `header_id`, so the message,
/// sipfrag and multipart targets run every typed parser on every header row they see.
#ifndef SIPREF_FUZZ_SIPREF_HPP
#define SIPREF_FUZZ_SIPREF_HPP

#include <sipref/sipref.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

namespace sipref_fuzz {

namespace g = sipref::grammar;
using sipref::errc;

/// Checks a failed result's error (a real code, offset inside the input); returns has_value().
template <class R>
bool ok_or_checked(const R& r, std::string_view in) {
  if (r) return true;
  SIPREF_FUZZ_CHECK(r.code() != errc::ok && r.error().offset <= in.size());
  return false;
}

/// Decoded text of a param value (quoted-string unquoted, token as is).
inline std::string param_text(const g::param_view& p) {
  std::string out;
  sipref::string_writer w(out);
  if (p.is_quoted()) {
    g::unquote(w, p.unquoted_raw());
  } else {
    out.assign(p.value.data(), p.value.size());
  }
  return out;
}

/// Owning copy of a params_view as composer input (`grammar::param`), optionally leaving out
/// parameters the composer writes from dedicated fields.
struct owned_params {
  std::deque<std::string> store;  // deque: stable addresses on push_back
  std::vector<g::param> list;
  owned_params() = default;
  template <class View>
  explicit owned_params(const View& pv, std::initializer_list<std::string_view> skip = {}) {
    for (const g::param_view& p : pv) {
      bool skipped = false;
      for (std::string_view s : skip) skipped |= g::iequals(p.name, s);
      if (skipped) continue;
      store.push_back(param_text(p));
      list.push_back(g::param{p.name, store.back(), p.has_value});
    }
  }
  [[nodiscard]] sipref::list_ref<g::param> ref() const { return {list.data(), list.size()}; }
  /// True when @p pv holds the same parameters (names exact, decoded values), in order.
  template <class View>
  [[nodiscard]] bool same_as(const View& pv, std::initializer_list<std::string_view> skip = {}) const {
    std::size_t i = 0;
    for (const g::param_view& p : pv) {
      bool skipped = false;
      for (std::string_view s : skip) skipped |= g::iequals(p.name, s);
      if (skipped) continue;
      if (i >= list.size()) return false;
      const g::param& q = list[i++];
      if (q.name != p.name || q.has_value != p.has_value || (q.has_value && q.value != param_text(p))) return false;
    }
    return i == list.size();
  }
};

/// Every param view lies inside @p in and is a token name.
template <class View>
void check_params_inside(const View& pv, std::string_view in) {
  for (const g::param_view& p : pv) {
    SIPREF_FUZZ_CHECK(inside(p.name, in) && inside(p.value, in) && !p.name.empty());
    SIPREF_FUZZ_CHECK(p.has_value || p.value.empty());
  }
}

/// Composes @p v and checks the three forms agree: `composed_size` = `to_string().size()`,
/// `compose_to` into an exact heap buffer succeeds, into one byte less reports
/// `buffer_too_small` (ASan sees any write past it). Returns the text, or nothing on error.
template <class T>
bool compose_checked(const T& v, std::string& out) {
  const auto n = sipref::composed_size(v);
  auto s = sipref::to_string(v);
  SIPREF_FUZZ_CHECK(n.has_value() == s.has_value());
  if (!n) {
    SIPREF_FUZZ_CHECK(n.error() == s.error() && n.code() != errc::buffer_too_small);
    return false;
  }
  SIPREF_FUZZ_CHECK(*n == s->size());
  std::unique_ptr<char[]> exact(new char[*n != 0 ? *n : 1]);  // exact size: ASan sees overruns
  const auto r = sipref::compose_to(exact.get(), exact.get() + *n, v);
  SIPREF_FUZZ_CHECK(!r.ec && r.ptr == exact.get() + *n && std::string_view(exact.get(), *n) == *s);
  if (*n != 0) {
    std::unique_ptr<char[]> small(new char[*n - 1 != 0 ? *n - 1 : 1]);
    const auto r2 = sipref::compose_to(small.get(), small.get() + (*n - 1), v);
    SIPREF_FUZZ_CHECK(r2.ec.code == errc::buffer_too_small);
  }
  // Appending keeps the prefix; a header row is `Name: value CRLF`.
  std::string appended = "x";
  SIPREF_FUZZ_CHECK(!sipref::append_to(appended, v) && appended.substr(1) == *s);
  out = std::move(*s);
  return true;
}

/// No composed header value may hold CR, LF or NUL (no header injection).
inline void check_single_line(std::string_view s) {
  SIPREF_FUZZ_CHECK(s.find('\r') == std::string_view::npos && s.find('\n') == std::string_view::npos &&
                    s.find('\0') == std::string_view::npos);
}

// ---------------------------------------------------------------------------------------
// URIs
// ---------------------------------------------------------------------------------------

inline std::string pct_decoded(std::string_view s) {
  std::string out;
  sipref::string_writer w(out);
  g::pct_decode(w, s);
  return out;
}

inline void check_uri_view_inside(const sipref::uri_view& u, std::string_view in) {
  SIPREF_FUZZ_CHECK(inside(u.text, in) && inside(u.scheme_text, u.text) && inside(u.user, u.text) &&
                    inside(u.password, u.text) && inside(u.host, u.text) && inside(u.port_text, u.text) &&
                    inside(u.opaque, u.text) && inside(u.params.text(), u.text) && inside(u.headers.text(), u.text));
  for (const sipref::uri_param_view& p : u.params)
    SIPREF_FUZZ_CHECK(inside(p.name, u.text) && inside(p.value, u.text) && !p.name.empty());
  for (const sipref::uri_param_view& h : u.headers) SIPREF_FUZZ_CHECK(inside(h.name, u.text) && inside(h.value, u.text));
  SIPREF_FUZZ_CHECK(sipref::uri_equal(u, u));
  if (const sipref::error e = sipref::check_uri_headers(u)) SIPREF_FUZZ_CHECK(e.offset <= u.text.size());
  // The public host checks agree with the kind the parser gave the host.
  if (u.host_type != sipref::host_kind::none) SIPREF_FUZZ_CHECK(sipref::classify_host(u.host) == u.host_type);
  std::uint8_t v4[4] = {};
  std::uint8_t v6[16] = {};
  switch (u.host_type) {
    case sipref::host_kind::hostname: SIPREF_FUZZ_CHECK(sipref::is_hostname(u.host)); break;
    case sipref::host_kind::ipv4: SIPREF_FUZZ_CHECK(sipref::parse_ipv4(u.host, v4)); break;
    case sipref::host_kind::ipv6:
      SIPREF_FUZZ_CHECK(u.host.size() >= 2 && sipref::parse_ipv6(u.host.substr(1, u.host.size() - 2), v6));
      break;
    default: break;
  }
}

/// The composers' quick SIP URI check (`detail::quick_sip_uri_params`, both scanners) accepts
/// only what `parse_uri` accepts, and reports the same parts.
inline void check_quick_sip_uri(std::string_view in, const sipref::result<sipref::uri_view>& strict) {
  sipref::detail::quick_sip_parts parts, bytewise_parts;
  const std::size_t at = sipref::detail::quick_sip_uri_params(in, &parts);
  const std::size_t bytewise = sipref::detail::quick_sip_uri_params_bytewise(in, &bytewise_parts);
  SIPREF_FUZZ_CHECK(at == bytewise);
  if (at == std::string_view::npos) return;
  SIPREF_FUZZ_CHECK(strict.has_value());
  const sipref::uri_view& u = *strict;
  SIPREF_FUZZ_CHECK(parts.scheme == u.scheme && parts.user == u.user && parts.host == u.host &&
                    parts.host_type == u.host_type && parts.has_port == u.has_port() &&
                    (!parts.has_port || parts.port == u.port) && at <= in.size());
  SIPREF_FUZZ_CHECK(bytewise_parts.user == parts.user && bytewise_parts.host == parts.host &&
                    bytewise_parts.port == parts.port && bytewise_parts.ampersand == parts.ampersand);
  SIPREF_FUZZ_CHECK(parts.ampersand == (in.find('&') != std::string_view::npos));
  // Its parameters start where the parser's do.
  SIPREF_FUZZ_CHECK(u.params.text().empty() ? at == in.size() : u.params.text().data() == in.data() + at);
}

/// SIP URI → decoded parts (`sip_uri`) → compose → parse: equal by RFC 3261 §19.1.4.
inline void check_sip_uri_roundtrip(const sipref::uri_view& u) {
  if (!u.is_sip()) return;
  // Spellings the decoded-parts model cannot express: `user:@`, port 0.
  if (u.has_password && u.password.empty()) return;
  if (u.has_port() && u.port == 0) return;
  if (u.has_userinfo && u.user.empty()) return;
  std::deque<std::string> store;
  std::vector<sipref::uri_field> params, headers;
  for (const sipref::uri_param_view& p : u.params) {
    store.push_back(pct_decoded(p.name));
    const std::string_view name = store.back();
    store.push_back(pct_decoded(p.value));
    params.push_back({name, store.back(), p.has_value});
  }
  for (const sipref::uri_param_view& h : u.headers) {
    store.push_back(pct_decoded(h.name));
    const std::string_view name = store.back();
    store.push_back(pct_decoded(h.value));
    headers.push_back({name, store.back(), true});
  }
  const std::string user = pct_decoded(u.user), password = pct_decoded(u.password);
  sipref::sip_uri parts;
  parts.secure = u.scheme == sipref::uri_scheme::sips;
  parts.user = user;
  parts.password = password;
  parts.host = u.host;
  parts.port = u.port;
  parts.params = {params.data(), params.size()};
  parts.headers = {headers.data(), headers.size()};
  std::string text;
  if (!compose_checked(parts, text)) return;
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_uri(copy.view());
  SIPREF_FUZZ_CHECK(again.has_value());
  SIPREF_FUZZ_CHECK(sipref::uri_equal(u, *again) && sipref::uri_equal(*again, u));
  check_single_line(text);
}

inline void check_uri(std::string_view in, std::uint8_t cfg) {
  sipref::uri_options lenient;
  lenient.allow_unescaped_header_chars = true;
  const auto strict = sipref::parse_uri(in);
  const auto len = sipref::parse_uri(in, lenient);
  SIPREF_FUZZ_CHECK(sipref::is_valid_uri(in) == strict.has_value());
  SIPREF_FUZZ_CHECK(!strict || len);
  check_quick_sip_uri(in, strict);
  if (ok_or_checked(strict, in)) {
    check_uri_view_inside(*strict, in);
    SIPREF_FUZZ_CHECK(strict->text == in);
    if (cfg & 1) check_sip_uri_roundtrip(*strict);
  }
  if (ok_or_checked(len, in)) check_uri_view_inside(*len, in);
}

// ---------------------------------------------------------------------------------------
// name-addr and address headers
// ---------------------------------------------------------------------------------------

inline std::string display_text(const sipref::display_name_view& d) {
  std::string out;
  sipref::string_writer w(out);
  d.decode(w);
  return out;
}

inline void check_addr_inside(const sipref::addr_value_view& v, std::string_view in) {
  SIPREF_FUZZ_CHECK(inside(v.addr.display_name.raw, in) && inside(v.params.text(), in));
  check_uri_view_inside(v.addr.uri, in);
  check_params_inside(v.params, in);
  if (!v.addr.bracketed) SIPREF_FUZZ_CHECK(v.addr.display_name.empty());
}

/// addr value → `name_addr` (decoded display name, URI text, decoded params) → compose →
/// parse: same display name, URI text, params.
template <class Parse>
void check_addr_roundtrip(const sipref::addr_value_view& v, Parse&& parse) {
  const std::string dn = display_text(v.addr.display_name);
  const owned_params params(v.params);
  const sipref::name_addr na{dn, sipref::uri_ref(v.addr.uri.text), params.ref()};
  std::string text;
  if (!compose_checked(na, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = parse(copy.view());
  SIPREF_FUZZ_CHECK(again.has_value());
  const sipref::addr_value_view& w = *again;
  SIPREF_FUZZ_CHECK(w.addr.uri.text == v.addr.uri.text);
  SIPREF_FUZZ_CHECK(display_text(w.addr.display_name) == dn);
  SIPREF_FUZZ_CHECK(params.same_as(w.params));
}

inline sipref::name_addr_options addr_options(std::uint8_t cfg) {
  sipref::name_addr_options o;
  o.uri.allow_unescaped_header_chars = (cfg & 2) != 0;
  o.require_brackets = (cfg & 4) != 0;
  return o;
}

inline void check_addr_value(std::string_view in, std::uint8_t cfg) {
  const auto opt = addr_options(cfg);
  const auto r = sipref::parse_addr_value(in, opt);
  // Leniency: a parse with brackets required, or with strict URI headers, is never accepted
  // where the default and the lenient URI options reject it.
  sipref::name_addr_options loose;
  loose.uri.allow_unescaped_header_chars = true;
  const auto lr = sipref::parse_addr_value(in, loose);
  SIPREF_FUZZ_CHECK(!r || lr);
  if (!ok_or_checked(r, in)) return;
  check_addr_inside(*r, in);
  if (!opt.uri.allow_unescaped_header_chars)
    check_addr_roundtrip(*r, [](std::string_view s) { return sipref::parse_addr_value(s); });
  // A single value is also a one-element list.
  const auto l = sipref::parse_addr_list(in, opt);
  SIPREF_FUZZ_CHECK(l && l->size() == 1);
}

inline void check_addr_list(std::string_view in, std::uint8_t cfg) {
  const auto opt = addr_options(cfg);
  const auto r = sipref::parse_addr_list(in, opt);
  sipref::name_addr_options loose;
  loose.uri.allow_unescaped_header_chars = true;
  SIPREF_FUZZ_CHECK(!r || sipref::parse_addr_list(in, loose));
  if (!ok_or_checked(r, in)) return;
  std::size_t n = 0;
  for (const sipref::addr_value_view& v : *r) {
    ++n;
    check_addr_inside(v, in);
    if (opt.require_brackets) SIPREF_FUZZ_CHECK(v.addr.bracketed);
    if (!opt.uri.allow_unescaped_header_chars && n <= 4)
      check_addr_roundtrip(v, [](std::string_view s) { return sipref::parse_addr_value(s); });
  }
  SIPREF_FUZZ_CHECK(n == r->size() && n >= 1);
  // One element, and only then, parses as a single value too.
  SIPREF_FUZZ_CHECK(sipref::parse_addr_value(in, opt).has_value() == (n == 1));
}

inline void check_refer_to(std::string_view in, std::uint8_t cfg) {
  const auto opt = addr_options(cfg);
  const auto r = sipref::parse_refer_to(in, opt);
  const auto plain = sipref::parse_addr_value(in, opt);
  SIPREF_FUZZ_CHECK(r.has_value() == plain.has_value());
  if (!ok_or_checked(r, in)) {
    SIPREF_FUZZ_CHECK(r.error() == plain.error());
    return;
  }
  check_addr_inside(r->value, in);
  SIPREF_FUZZ_CHECK(r->is_list_reference() == (r->target().scheme == sipref::uri_scheme::cid));
  if (const sipref::error e = r->check_embedded_headers(in)) SIPREF_FUZZ_CHECK(e.offset <= in.size());
  const std::string_view m = r->method(true);  // the method uri-parameter, or "INVITE"
  SIPREF_FUZZ_CHECK(inside(m, in) || m == "INVITE");
  std::string decoded;
  sipref::string_writer w(decoded);
  (void)r->decode_embedded_header("Replaces", w);
  if (opt.uri.allow_unescaped_header_chars) return;
  // parse → refer_to_value → compose → parse.
  const std::string dn = display_text(r->display_name());
  const owned_params params(r->params());
  const sipref::refer_to_value v{dn, sipref::uri_ref(r->target().text), params.ref()};
  std::string text;
  if (!compose_checked(v, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_refer_to(copy.view());
  SIPREF_FUZZ_CHECK(again.has_value() && again->target().text == r->target().text);
  SIPREF_FUZZ_CHECK(display_text(again->display_name()) == dn && params.same_as(again->params()));
  SIPREF_FUZZ_CHECK(sipref::uri_equal(again->target(), r->target()));
}

template <class Name>
void check_single_address(std::string_view in, sipref::result<sipref::addr_value_view> (*parse)(std::string_view)) {
  const auto r = parse(in);
  if (!ok_or_checked(r, in)) return;
  check_addr_inside(*r, in);
  const std::string dn = display_text(r->addr.display_name);
  const owned_params params(r->params);
  const sipref::basic_address<Name> v{dn, sipref::uri_ref(r->addr.uri.text), params.ref()};
  std::string text;
  if (!compose_checked(v, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = parse(copy.view());
  SIPREF_FUZZ_CHECK(again && again->addr.uri.text == r->addr.uri.text && display_text(again->addr.display_name) == dn &&
                    params.same_as(again->params));
}

inline void check_contact(std::string_view in) {
  const auto r = sipref::parse_contact(in);
  if (!ok_or_checked(r, in)) return;
  if (r->star) {
    SIPREF_FUZZ_CHECK(r->list.empty());
    return;
  }
  std::deque<std::string> names;
  std::deque<owned_params> params;
  std::string text;
  for (const sipref::addr_value_view& v : r->list) {
    check_addr_inside(v, in);
    // Each value through `contact_value`, joined as the list was.
    names.push_back(display_text(v.addr.display_name));
    params.emplace_back(v.params);
    std::string one;
    if (!compose_checked(sipref::contact_value{names.back(), sipref::uri_ref(v.addr.uri.text), params.back().ref()}, one))
      return;
    check_single_line(one);
    text += text.empty() ? "" : ", ";
    text += one;
  }
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_contact(copy.view());
  SIPREF_FUZZ_CHECK(again && !again->star);
  std::size_t i = 0;
  for (const sipref::addr_value_view& v : again->list) {
    SIPREF_FUZZ_CHECK(i < names.size() && display_text(v.addr.display_name) == names[i] && params[i].same_as(v.params));
    ++i;
  }
  SIPREF_FUZZ_CHECK(i == names.size());
}

template <class Name, bool Params>
void check_address_list(std::string_view in, sipref::result<sipref::addr_list_view> (*parse)(std::string_view)) {
  const auto r = parse(in);
  if (!ok_or_checked(r, in)) return;
  std::vector<sipref::name_addr> values;
  std::vector<owned_params> params;
  std::deque<std::string> names;
  std::vector<std::string_view> uris;
  params.reserve(r->size());
  for (const sipref::addr_value_view& v : *r) {
    check_addr_inside(v, in);
    names.push_back(display_text(v.addr.display_name));
    params.emplace_back(v.params);
    uris.push_back(v.addr.uri.text);
    values.push_back({names.back(), sipref::uri_ref(v.addr.uri.text), params.back().ref()});
  }
  const sipref::address_list<Name, Params> list{{values.data(), values.size()}};
  std::string text;
  if (!compose_checked(list, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = parse(copy.view());
  SIPREF_FUZZ_CHECK(again && again->size() == values.size());
  std::size_t i = 0;
  for (const sipref::addr_value_view& v : *again) {
    SIPREF_FUZZ_CHECK(v.addr.uri.text == uris[i] && display_text(v.addr.display_name) == names[i] && params[i].same_as(v.params));
    ++i;
  }
}

// ---------------------------------------------------------------------------------------
// Small header values
// ---------------------------------------------------------------------------------------

/// Items of a token list, as owned strings (they alias nothing after the input is gone).
template <class List>
std::vector<std::string_view> items_of(const List& l, std::string_view in) {
  std::vector<std::string_view> out;
  for (std::string_view t : l) {
    SIPREF_FUZZ_CHECK(inside(t, in) && !t.empty());
    out.push_back(t);
  }
  return out;
}

/// parse_require & co.: lenient (empty items allowed) accepts what strict accepts, same items
/// apart from the skipped empty ones; compose(items) → parse gives the same items.
template <class Header>
void check_option_tags(std::string_view in) {
  sipref::list_options lenient;
  lenient.allow_empty_items = true;
  const auto strict = sipref::parse_option_tags<Header>(in);
  const auto len = sipref::parse_option_tags<Header>(in, lenient);
  SIPREF_FUZZ_CHECK(!strict || len);
  if (ok_or_checked(len, in)) items_of(*len, in);
  if (!ok_or_checked(strict, in)) return;
  const auto tags = items_of(*strict, in);
  SIPREF_FUZZ_CHECK(tags == items_of(*len, in));
  for (std::string_view t : tags) SIPREF_FUZZ_CHECK(g::is_token(t));
  // Several rows of the same header read as one list (option_tag_rows).
  const sipref::option_tags_view rows[] = {*strict, *len, *strict};
  std::size_t n = 0;
  for (std::string_view t : sipref::option_tag_rows(rows)) {
    SIPREF_FUZZ_CHECK(t == tags[n % (tags.empty() ? 1 : tags.size())]);
    ++n;
  }
  SIPREF_FUZZ_CHECK(n == 3 * tags.size());
  const sipref::option_tags_value<Header> v{{tags.data(), tags.size()}};
  std::string text;
  if (!compose_checked(v, text)) {
    // Every parsed tag list composes, unless empty or with a repeated tag (the composer
    // rejects duplicates, compared case-insensitively; the parser accepts them).
    bool dup = false;
    for (std::size_t i = 0; i < tags.size(); ++i)
      for (std::size_t j = 0; j < i; ++j) dup |= g::iequals(tags[i], tags[j]);
    SIPREF_FUZZ_CHECK(tags.empty() || dup);
    return;
  }
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_option_tags<Header>(copy.view());
  SIPREF_FUZZ_CHECK(again && items_of(*again, copy.view()) == tags);
}

inline void check_privacy(std::string_view in, std::uint8_t cfg) {
  sipref::privacy_options opt;
  opt.allow_lws_around_semicolon = (cfg & 1) != 0;
  opt.allow_conflicting_values = (cfg & 2) != 0;
  opt.max_values = (cfg & 4) != 0 ? 3 : 64;
  sipref::privacy_options all;
  all.allow_lws_around_semicolon = all.allow_conflicting_values = true;
  all.max_values = 64;
  const auto r = sipref::parse_privacy(in, opt);
  const auto l = sipref::parse_privacy(in, all);
  SIPREF_FUZZ_CHECK(!r || l);
  if (!ok_or_checked(l, in)) return;
  if (!ok_or_checked(r, in)) return;
  SIPREF_FUZZ_CHECK(inside(r->text(), in) && r->flags() == l->flags());
  const auto values = items_of(r->values(), in);
  const auto ext = items_of(r->extensions(), in);
  SIPREF_FUZZ_CHECK(values.size() <= opt.max_values && ext.size() <= values.size());
  sipref::privacy_flag flags{};
  for (std::string_view v : values) flags = flags | sipref::classify_priv_value(v);
  SIPREF_FUZZ_CHECK(flags == r->flags());
  if (opt.allow_conflicting_values) return;
  // compose(flags, extensions) → parse: same flags and extensions (order of known values is
  // the composer's own, duplicates collapse).
  std::vector<std::string_view> uniq;
  for (std::string_view e : ext) {
    bool dup = false;
    for (std::string_view u : uniq) dup |= u == e;
    if (!dup) uniq.push_back(e);
  }
  const sipref::privacy_value v{r->flags(), {uniq.data(), uniq.size()}};
  std::string text;
  if (!compose_checked(v, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_privacy(copy.view());
  SIPREF_FUZZ_CHECK(again && again->flags() == r->flags() && items_of(again->extensions(), copy.view()) == uniq);
}

inline void check_refer_sub(std::string_view in) {
  const auto r = sipref::parse_refer_sub(in);
  if (!ok_or_checked(r, in)) return;
  SIPREF_FUZZ_CHECK(inside(r->raw, in) && (g::iequals(r->raw, "true") == r->value) &&
                    (r->value || g::iequals(r->raw, "false")));
  check_params_inside(r->params, in);
  const owned_params params(r->params);
  const sipref::refer_sub_value v{r->value, params.ref()};
  std::string text;
  if (!compose_checked(v, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_refer_sub(copy.view());
  SIPREF_FUZZ_CHECK(again && again->value == r->value && params.same_as(again->params));
}

inline void check_event(std::string_view in) {
  const auto r = sipref::parse_event(in);
  if (!ok_or_checked(r, in)) return;
  SIPREF_FUZZ_CHECK(inside(r->type, in) && inside(r->id, in) && !r->type.empty() && (r->has_id || r->id.empty()));
  check_params_inside(r->params, in);
  SIPREF_FUZZ_CHECK(sipref::event_matches(*r, *r));
  const owned_params params(r->params, {"id"});
  const sipref::event_value v{r->type, r->id, params.ref()};
  std::string text;
  if (!compose_checked(v, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_event(copy.view());
  SIPREF_FUZZ_CHECK(again && again->type == r->type && again->id == r->id && params.same_as(again->params, {"id"}));
  SIPREF_FUZZ_CHECK(sipref::event_matches(*again, *r) == sipref::event_matches(*r, *again));
}

inline void check_subscription_state(std::string_view in) {
  const auto r = sipref::parse_subscription_state(in);
  if (!ok_or_checked(r, in)) return;
  SIPREF_FUZZ_CHECK(inside(r->state_raw, in) && inside(r->reason_raw, in));
  check_params_inside(r->params, in);
  const owned_params params(r->params, {"reason", "expires", "retry-after"});
  sipref::subscription_state_value v;
  v.state = r->state;
  if (r->state == sipref::substate::extension) v.extension_state = r->state_raw;
  v.reason = r->reason;
  if (r->reason == sipref::event_reason::extension) v.extension_reason = r->reason_raw;
  v.expires = r->expires;
  v.retry_after = r->retry_after;
  v.params = params.ref();
  std::string text;
  if (!compose_checked(v, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_subscription_state(copy.view());
  SIPREF_FUZZ_CHECK(again && again->state == r->state && again->reason == r->reason && again->expires == r->expires &&
                    again->retry_after == r->retry_after &&
                    params.same_as(again->params, {"reason", "expires", "retry-after"}));
  SIPREF_FUZZ_CHECK(g::iequals(again->state_raw, r->state_raw) && g::iequals(again->reason_raw, r->reason_raw));
}

inline void check_allow_events(std::string_view in) {
  g::list_options lenient;
  lenient.allow_empty_items = true;
  const auto r = sipref::parse_allow_events(in);
  const auto l = sipref::parse_allow_events(in, lenient);
  SIPREF_FUZZ_CHECK(!r || l);
  if (ok_or_checked(l, in)) items_of(*l, in);
  if (!ok_or_checked(r, in)) return;
  const auto types = items_of(*r, in);
  const sipref::allow_events_value v{{types.data(), types.size()}};
  std::string text;
  if (!compose_checked(v, text)) return;
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_allow_events(copy.view());
  SIPREF_FUZZ_CHECK(again && items_of(*again, copy.view()) == types);
}

inline void check_content_type(std::string_view in) {
  const auto r = sipref::parse_content_type(in);
  if (!ok_or_checked(r, in)) return;
  SIPREF_FUZZ_CHECK(inside(r->type, in) && inside(r->subtype, in) && g::is_token(r->type) && g::is_token(r->subtype));
  check_params_inside(r->params, in);
  for (const g::param_view& p : r->params) SIPREF_FUZZ_CHECK(p.has_value);
  const owned_params params(r->params);
  const sipref::content_type v{r->type, r->subtype, params.ref()};
  std::string text;
  if (!compose_checked(v, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_content_type(copy.view());
  SIPREF_FUZZ_CHECK(again && again->type == r->type && again->subtype == r->subtype && params.same_as(again->params));
  // The multipart boundary reader agrees with the parameter.
  const auto b = sipref::boundary_of(in);
  if (b) {
    SIPREF_FUZZ_CHECK(inside(*b, in) && g::iequals(r->type, "multipart") && !sipref::check_boundary(*b));
    g::param_view storage;
    const g::param_view* boundary = r->params.find("boundary", storage);
    SIPREF_FUZZ_CHECK(boundary != nullptr && param_text(*boundary) == *b);
  } else {
    SIPREF_FUZZ_CHECK(b.error().offset <= in.size());
  }
}

inline void check_content_disposition(std::string_view in) {
  const auto r = sipref::parse_content_disposition(in);
  if (!ok_or_checked(r, in)) return;
  SIPREF_FUZZ_CHECK(inside(r->type, in) && g::is_token(r->type));
  check_params_inside(r->params, in);
  const owned_params params(r->params);
  const sipref::content_disposition v{r->type, {}, params.ref()};
  std::string text;
  if (!compose_checked(v, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_content_disposition(copy.view());
  SIPREF_FUZZ_CHECK(again && again->type == r->type && params.same_as(again->params));
  SIPREF_FUZZ_CHECK(again->handling() == r->handling());
}

inline void check_content_id(std::string_view in) {
  const auto r = sipref::parse_content_id(in);
  if (!ok_or_checked(r, in)) return;
  SIPREF_FUZZ_CHECK(inside(r->id_left, in) && inside(r->id_right, in) && inside(r->id(), in) && inside(r->msg_id(), in));
  SIPREF_FUZZ_CHECK(sipref::content_id_equals(*r, r->id()) || r->id().find('%') != std::string_view::npos);
  const sipref::content_id v{r->id_left, r->id_right};
  std::string text;
  SIPREF_FUZZ_CHECK(compose_checked(v, text));  // a parsed msg-id always composes
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_content_id(copy.view());
  SIPREF_FUZZ_CHECK(again && again->id() == r->id());
}

inline void check_accept_contact(std::string_view in) {
  sipref::accept_contact_options lenient;
  lenient.allow_nonconforming_feature_values = true;
  const auto r = sipref::parse_accept_contact(in);
  const auto l = sipref::parse_accept_contact(in, lenient);
  SIPREF_FUZZ_CHECK(!r || l);
  if (ok_or_checked(l, in)) {
    SIPREF_FUZZ_CHECK(inside(l->text(), in));
    std::size_t n = 0;
    for (const sipref::ac_value_view& v : *l) {
      check_params_inside(v.params, in);
      ++n;
    }
    SIPREF_FUZZ_CHECK(n == l->size() && n >= 1);
  }
  if (!ok_or_checked(r, in)) return;
  // Round trip through `accept_contact` when every parameter is a feature tag (valueless or
  // with a non-empty quoted value) or a valueless `require`/`explicit`: generic parameters
  // have no composer field.
  std::deque<std::vector<sipref::feature_tag>> features;
  std::vector<sipref::accept_contact_value> values;
  for (const sipref::ac_value_view& v : *r) {
    std::vector<sipref::feature_tag>& f = features.emplace_back();
    sipref::accept_contact_value out;
    for (const g::param_view& p : v.params) {
      const bool flag = g::iequals(p.name, "require") || g::iequals(p.name, "explicit");
      if (flag && !p.has_value) {
        (g::iequals(p.name, "require") ? out.require : out.explicit_match) = true;
      } else if (!flag && sipref::is_feature_tag(p.name) && (!p.has_value || (p.is_quoted() && !p.unquoted_raw().empty()))) {
        f.push_back({p.name, p.has_value ? p.unquoted_raw() : std::string_view{}});
      } else {
        return;
      }
    }
    out.features = {f.data(), f.size()};
    values.push_back(out);
  }
  std::string text;
  if (!compose_checked(sipref::accept_contact{{values.data(), values.size()}}, text)) return;
  check_single_line(text);
  const input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_accept_contact(copy.view());
  SIPREF_FUZZ_CHECK(again && again->size() == values.size());
  std::size_t i = 0;
  for (const sipref::ac_value_view& v : *again) {
    SIPREF_FUZZ_CHECK(v.require() == values[i].require && v.is_explicit() == values[i].explicit_match);
    for (const sipref::feature_tag& t : features[i])
      SIPREF_FUZZ_CHECK(v.has_feature(t.name) && v.feature_value(t.name) == t.value);
    ++i;
  }
}

inline void check_scalars(std::string_view in) {
  if (const auto r = sipref::parse_call_id(in); ok_or_checked(r, in)) {
    SIPREF_FUZZ_CHECK(inside(r->value, in) && !r->value.empty() && inside(r->local_part(), in) && inside(r->host_part(), in));
    std::string text;
    if (compose_checked(sipref::call_id{r->value}, text)) SIPREF_FUZZ_CHECK(text == r->value);
  }
  if (const auto r = sipref::parse_cseq(in); ok_or_checked(r, in)) {
    SIPREF_FUZZ_CHECK(inside(r->method, in) && g::is_token(r->method));
    std::string text;
    if (compose_checked(sipref::cseq{r->number, r->method}, text)) {
      const auto again = sipref::parse_cseq(text);
      SIPREF_FUZZ_CHECK(again && again->number == r->number && again->method == r->method);
    } else {
      SIPREF_FUZZ_CHECK(r->number > sipref::cseq::max_number);  // only a too-large number fails
    }
  }
  if (const auto r = sipref::parse_max_forwards(in); ok_or_checked(r, in)) {
    std::string text;
    SIPREF_FUZZ_CHECK(r->value <= 255 && compose_checked(*r, text) && sipref::parse_max_forwards(text)->value == r->value);
  }
  const auto cl = sipref::parse_content_length(in);
  if (ok_or_checked(cl, in)) {
    std::string text;
    SIPREF_FUZZ_CHECK(compose_checked(*cl, text) && sipref::parse_content_length(text)->value == cl->value);
  } else {
    SIPREF_FUZZ_CHECK(cl.code() == errc::bad_content_length || cl.code() == errc::number_overflow ||
                      cl.code() == errc::empty_value || cl.code() == errc::trailing_garbage);
  }
  if (const auto r = sipref::parse_expires(in); ok_or_checked(r, in)) {
    std::string text;
    SIPREF_FUZZ_CHECK(compose_checked(*r, text) && sipref::parse_expires(text)->seconds == r->seconds);
  }
}

inline void check_via(std::string_view in) {
  const auto r = sipref::parse_via(in);
  if (!ok_or_checked(r, in)) return;
  std::size_t n = 0;
  for (const sipref::via_parm_view& v : *r) {
    ++n;
    SIPREF_FUZZ_CHECK(inside(v.text, in) && v.offset <= in.size() && in.substr(v.offset, v.text.size()) == v.text);
    SIPREF_FUZZ_CHECK(inside(v.protocol_name, in) && inside(v.protocol_version, in) && inside(v.transport, in) &&
                      inside(v.host, in) && inside(v.branch, in) && inside(v.received, in) && inside(v.maddr, in));
    for (const g::param_view& p : v.params) SIPREF_FUZZ_CHECK(inside(p.name, in) && inside(p.value, in));
    // A via-parm the composer can express (SIP/2.0, only branch and a valueless rport)
    // composes back to the same fields.
    bool simple = v.protocol_name == "SIP" && v.protocol_version == "2.0" && (!v.has_port || v.port != 0) &&
                  !v.rport_has_value;
    for (const g::param_view& p : v.params) simple &= p.name == "branch" || p.name == "rport";
    if (!simple) continue;
    const sipref::via_parm c{v.transport, v.host, v.has_port ? v.port : std::uint16_t{0}, v.branch, v.has_rport};
    std::string text;
    if (!compose_checked(c, text)) continue;
    check_single_line(text);
    const auto again = sipref::parse_via(text);
    SIPREF_FUZZ_CHECK(again && again->size() == 1);
    const sipref::via_parm_view w = again->front();
    SIPREF_FUZZ_CHECK(w.transport == v.transport && w.host == v.host && w.port == v.port && w.branch == v.branch &&
                      w.has_rport == v.has_rport);
  }
  SIPREF_FUZZ_CHECK(n == r->size() && n >= 1);
}

// ---------------------------------------------------------------------------------------
// Dispatch by header id
// ---------------------------------------------------------------------------------------

/// Runs the typed check for header @p id on @p value (no-op for headers without a parser).
inline void check_header(sipref::header_id id, std::string_view value, std::uint8_t cfg) {
  using sipref::header_id;
  namespace hn = sipref::header_names;
  switch (id) {
    case header_id::via: return check_via(value);
    case header_id::max_forwards:
    case header_id::call_id:
    case header_id::cseq:
    case header_id::content_length:
    case header_id::expires: return check_scalars(value);
    case header_id::route: return check_address_list<hn::route, true>(value, &sipref::parse_route);
    case header_id::record_route: return check_address_list<hn::record_route, true>(value, &sipref::parse_route);
    case header_id::to: return check_single_address<hn::to>(value, &sipref::parse_from_to);
    case header_id::from: return check_single_address<hn::from>(value, &sipref::parse_from_to);
    case header_id::contact: return check_contact(value);
    case header_id::refer_to: return check_refer_to(value, cfg);
    case header_id::refer_sub: return check_refer_sub(value);
    case header_id::referred_by: return check_single_address<hn::referred_by>(value, &sipref::parse_referred_by);
    case header_id::require: return check_option_tags<sipref::require_header>(value);
    case header_id::proxy_require: return check_option_tags<sipref::proxy_require_header>(value);
    case header_id::supported: return check_option_tags<sipref::supported_header>(value);
    case header_id::unsupported: return check_option_tags<sipref::unsupported_header>(value);
    case header_id::allow_events: return check_allow_events(value);
    case header_id::event: return check_event(value);
    case header_id::subscription_state: return check_subscription_state(value);
    case header_id::privacy: return check_privacy(value, cfg);
    case header_id::p_asserted_identity:
      return check_address_list<hn::p_asserted_identity, false>(value, &sipref::parse_identity);
    case header_id::p_preferred_identity:
      return check_address_list<hn::p_preferred_identity, false>(value, &sipref::parse_identity);
    case header_id::accept_contact: return check_accept_contact(value);
    case header_id::content_type: return check_content_type(value);
    case header_id::content_disposition: return check_content_disposition(value);
    case header_id::content_id: return check_content_id(value);
    default: return;
  }
}

/// Checks a parsed header block: rows inside the input at their offsets, counts agree, and
/// every row's value passes its typed check.
inline void check_fields(const sipref::header_fields_view& h, std::string_view in, std::uint8_t cfg, bool typed) {
  SIPREF_FUZZ_CHECK(h.offset() <= in.size() && inside(h.text(), in));
  std::size_t n = 0;
  for (const sipref::header_field_view& f : h) {
    ++n;
    SIPREF_FUZZ_CHECK(inside(f.name, in) && inside(f.value, in) && !f.name.empty());
    SIPREF_FUZZ_CHECK(f.name_offset < in.size() && in.substr(f.name_offset, f.name.size()) == f.name);
    SIPREF_FUZZ_CHECK(f.value_offset <= in.size() && (f.value.empty() || in.substr(f.value_offset, f.value.size()) == f.value));
    SIPREF_FUZZ_CHECK(f.id == sipref::lookup_header(f.name) && g::is_token(f.name));
    SIPREF_FUZZ_CHECK(f.id == sipref::header_id::unknown || h.count(f.id) >= 1);
    SIPREF_FUZZ_CHECK(h.find(f.name).has_value() && h.count(f.name) >= 1);
    if (typed && n <= 64) check_header(f.id, f.value, cfg);
  }
  SIPREF_FUZZ_CHECK(n == h.size());
  for (const sipref::header_field_view& d : h.duplicates()) SIPREF_FUZZ_CHECK(sipref::is_single_valued(d.id));
}

}  // namespace sipref_fuzz

#endif  // SIPREF_FUZZ_SIPREF_HPP
