// SPDX-License-Identifier: MIT
/// @file via.hpp
/// The Via header value (RFC 3261 §20.42, §25.1; RFC 3581 `rport`; RFC 5118 §4.5 bracketed
/// `received`): a validating, non-allocating parser with lazy iteration over the via-parms,
/// and a composer for one via-parm with a checked RFC 3261 branch.
#ifndef SIPREF_VIA_HPP
#define SIPREF_VIA_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "uri.hpp"

SIPREF_BEGIN_NAMESPACE

/// The RFC 3261 branch magic cookie (§8.1.1.7): every branch sipref composes starts with it.
inline constexpr std::string_view branch_magic_cookie = "z9hG4bK";

namespace detail {

constexpr bool is_ip_char(int c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

/// True when @p v is `IPv4address / IPv6address`, the IPv6 form with or without brackets
/// (RFC 3261 §25.1 `via-received`; RFC 5118 §4.5: accept both, send without).
constexpr bool is_ip_address(std::string_view v) noexcept {
  std::uint8_t a4[4] = {};
  std::uint8_t a6[16] = {};
  if (v.size() >= 2 && v.front() == '[' && v.back() == ']') return parse_ipv6(v.substr(1, v.size() - 2), a6);
  return parse_ipv4(v, a4) || parse_ipv6(v, a6);
}

/// Scans one `via-params` item (the scanner is after the SEMI). `received` takes an IP
/// address value, which may be an unbracketed IPv6 address full of `:`; every other
/// parameter is a `generic-param` (`gen-value = token / host / quoted-string`).
constexpr result<grammar::param_view> scan_via_param(grammar::scanner& s) noexcept {
  const std::string_view name = grammar::scan_token(s);
  if (name.empty()) return s.fail(errc::bad_param);
  if (name.size() != 8 || !grammar::iequals(name, "received")) return grammar::scan_generic_param_rest(s, name);
  grammar::param_view p;
  p.name = name;
  if (!grammar::separator(s, '=')) return p;
  p.has_value = true;
  const std::size_t vstart = s.pos();
  if (s.next_is('[')) {
    if (!grammar::scan_bracketed_host(s)) return s.fail(errc::bad_param);
  } else {
    while (is_ip_char(s.peek())) s.advance();
  }
  p.value = s.slice(vstart);
  if (p.value.empty()) return s.fail(errc::bad_param);
  return p;
}

}  // namespace detail

/// The `*( SEMI via-params )` of one via-parm, iterated lazily without allocation: the shared
/// parameter list with Via's own parameter scanner. Views alias the parsed input.
using via_params_view = grammar::basic_params_view<&detail::scan_via_param>;

/// One parsed `via-parm`. Views alias the parsed input and are valid while that buffer is.
struct via_parm_view {
  std::string_view text{};              ///< the whole via-parm as written
  std::size_t offset = 0;             ///< offset of `text` in the parsed value
  std::string_view protocol_name{};     ///< `SIP` (or another token)
  std::string_view protocol_version{};  ///< `2.0`
  std::string_view transport{};         ///< `UDP`, `TCP`, `TLS`, `SCTP` or an extension token
  std::string_view host{};              ///< sent-by host as written (IPv6 with brackets)
  host_kind host_type = host_kind::none;
  std::uint16_t port = 0;  ///< sent-by port, valid when `has_port`
  bool has_port = false;
  via_params_view params;     ///< every via-params item
  std::string_view branch{};    ///< `branch` value; empty when absent
  std::string_view received{};  ///< `received` value as written (brackets kept if sent)
  std::string_view maddr{};     ///< `maddr` value
  bool has_ttl = false;
  std::uint8_t ttl = 0;    ///< `ttl`, 0..255, valid when `has_ttl`
  bool has_rport = false;  ///< `rport` present (RFC 3581)
  bool rport_has_value = false;
  std::uint16_t rport = 0;  ///< `rport=` value, valid when `rport_has_value`

  /// True when `branch` starts with the RFC 3261 magic cookie (§8.1.1.7). A branch equal to
  /// the cookie alone (RFC 4475 §3.2.1 badbranch) is not RFC 3261-compliant either.
  [[nodiscard]] constexpr bool has_rfc3261_branch() const noexcept {
    return branch.size() > branch_magic_cookie.size() &&
           branch.substr(0, branch_magic_cookie.size()) == branch_magic_cookie;
  }
  /// True when the protocol is `SIP/2.0` (name and version compared case-insensitively).
  [[nodiscard]] constexpr bool is_sip_2_0() const noexcept {
    return grammar::iequals(protocol_name, "SIP") && protocol_version == "2.0";
  }
};

namespace detail {

constexpr std::size_t offset_of(std::string_view whole, std::string_view part) noexcept {
  return static_cast<std::size_t>(part.data() - whole.data());
}

/// Scans and validates one `via-parm` at the scanner's position (SWS already skipped).
constexpr error scan_via_parm(grammar::scanner& s, via_parm_view& v) noexcept {
  v = via_parm_view{};
  const std::size_t start = s.pos();
  const std::string_view in = s.input();
  // sent-protocol = protocol-name SLASH protocol-version SLASH transport
  v.protocol_name = grammar::scan_token(s);
  if (v.protocol_name.empty()) return s.fail(errc::bad_token);
  if (!grammar::separator(s, '/')) return s.fail(errc::unexpected_char);
  v.protocol_version = grammar::scan_token(s);
  if (v.protocol_version.empty()) return s.fail(errc::bad_token);
  if (!grammar::separator(s, '/')) return s.fail(errc::unexpected_char);
  v.transport = grammar::scan_token(s);
  if (v.transport.empty()) return s.fail(errc::bad_token);
  // LWS sent-by
  if (!grammar::skip_lws(s)) return s.fail(errc::unexpected_char);
  grammar::skip_sws(s);
  const std::size_t host_at = s.pos();
  if (s.next_is('[')) {
    s.advance();
    while (is_ip_char(s.peek())) s.advance();
    if (!s.consume(']')) return s.fail_at(errc::bad_ipv6, host_at);
  } else {
    while (s.next_in(grammar::alphanum) || s.next_is('-') || s.next_is('.')) s.advance();
  }
  v.host = s.slice(host_at);
  if (v.host.empty()) return s.fail(errc::bad_host);
  v.host_type = classify_host(v.host);
  if (v.host_type == host_kind::none)
    return s.fail_at(v.host.front() == '[' ? errc::bad_ipv6 : errc::bad_host, host_at);
  if (grammar::separator(s, ':')) {  // COLON = SWS ":" SWS
    const std::size_t port_at = s.pos();
    auto port = grammar::scan_uint(s, 65535);
    if (!port) return s.fail_at(errc::bad_port, port_at);
    v.port = static_cast<std::uint16_t>(*port);
    v.has_port = true;
  }
  // *( SEMI via-params ), names unique (RFC 3261 §7.3.1), and each known one's own rule,
  // checked as the list is scanned (its first failure is reported after the list's own).
  const auto check = [&](const grammar::param_view& p) -> error {
    const std::size_t name_at = offset_of(in, p.name);
    const std::size_t value_at = p.has_value ? offset_of(in, p.value) : name_at;
    const auto bad = [&](errc c) { return s.fail_at(c, value_at); };
    // Dispatch on the name's length: one case-insensitive compare per parameter.
    const std::string_view name = p.name;
    if (name.size() == 6 && grammar::iequals(name, "branch")) {
      // via-branch = "branch" EQUAL token
      if (!p.has_value || !grammar::is_token(p.value)) return bad(errc::bad_param);
      v.branch = p.value;
    } else if (name.size() == 8 && grammar::iequals(name, "received")) {
      if (!p.has_value || !is_ip_address(p.value)) return bad(errc::bad_param);
      v.received = p.value;
    } else if (name.size() == 5 && grammar::iequals(name, "maddr")) {
      if (!p.has_value || classify_host(p.value) == host_kind::none) return bad(errc::bad_param);
      v.maddr = p.value;
    } else if (name.size() == 3 && grammar::iequals(name, "ttl")) {
      // ttl = 1*3DIGIT ; 0 to 255
      if (!p.has_value || p.value.size() > 3 || !grammar::all_of(p.value, grammar::digit)) return bad(errc::bad_param);
      unsigned t = 0;
      for (char c : p.value) t = t * 10 + static_cast<unsigned>(c - '0');
      if (t > 255) return bad(errc::bad_param);
      v.has_ttl = true;
      v.ttl = static_cast<std::uint8_t>(t);
    } else if (name.size() == 5 && grammar::iequals(name, "rport")) {
      // RFC 3581 §3: response-port = "rport" [EQUAL 1*DIGIT]
      v.has_rport = true;
      if (p.has_value) {
        grammar::scanner ps(p.value);
        auto r = grammar::scan_uint(ps, 65535);
        if (!r || !ps.at_end()) return bad(errc::bad_param);
        v.rport_has_value = true;
        v.rport = static_cast<std::uint16_t>(*r);
      }
    }
    return {};
  };
  auto params = grammar::scan_params<&scan_via_param>(s, check);
  if (!params) return params.error();
  v.params = *params;
  v.text = in.substr(start, s.pos() - start);
  v.offset = s.base() + start;
  return {};
}

}  // namespace detail

/// A validated Via header value (`via-parm *(COMMA via-parm)`), iterated lazily without
/// allocation; the topmost via-parm first. Views alias the parsed input.
class via_view {
 public:
  constexpr via_view() = default;

  class iterator {
   public:
    constexpr iterator() = default;
    constexpr const via_parm_view& operator*() const noexcept { return cur_; }
    constexpr const via_parm_view* operator->() const noexcept { return &cur_; }
    constexpr iterator& operator++() noexcept {
      if (!grammar::separator(s_, ',')) {
        done_ = true;
        return *this;
      }
      load();
      return *this;
    }
    constexpr bool operator==(const iterator& o) const noexcept {
      return done_ == o.done_ && (done_ || s_.pos() == o.s_.pos());
    }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    friend class via_view;
    constexpr iterator(std::string_view text, std::size_t base) noexcept : s_(text, base) {
      grammar::skip_sws(s_);
      load();
    }
    constexpr void load() noexcept { done_ = s_.at_end() || static_cast<bool>(detail::scan_via_parm(s_, cur_)); }
    grammar::scanner s_{std::string_view{}};
    via_parm_view cur_{};
    bool done_ = true;
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(text_, 0); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  /// Number of via-parms (at least one).
  [[nodiscard]] constexpr std::size_t size() const noexcept { return count_; }
  /// The first (topmost) via-parm.
  [[nodiscard]] constexpr via_parm_view front() const noexcept { return *begin(); }
  /// The value text as parsed.
  [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }

  /// For `parse_via`: a view of validated @p text holding @p count via-parms.
  [[nodiscard]] static constexpr via_view from_validated(std::string_view text, std::size_t count) noexcept {
    via_view v;
    v.text_ = text;
    v.count_ = count;
    return v;
  }

 private:
  std::string_view text_{};
  std::size_t count_ = 0;
};

/// Parses a Via header value (the text after `HCOLON`; folds and surrounding LWS allowed).
/// Rows of several Via headers are parsed one by one (iterate `rows(header_id::via)`).
///
/// @par ABNF (RFC 3261 §25.1; RFC 3581 §3)
/// @code
/// Via               =  ( "Via" / "v" ) HCOLON via-parm *(COMMA via-parm)
/// via-parm          =  sent-protocol LWS sent-by *( SEMI via-params )
/// via-params        =  via-ttl / via-maddr / via-received / via-branch / via-extension
/// via-ttl           =  "ttl" EQUAL ttl
/// via-maddr         =  "maddr" EQUAL host
/// via-received      =  "received" EQUAL (IPv4address / IPv6address)
/// via-branch        =  "branch" EQUAL token
/// via-extension     =  generic-param
/// sent-protocol     =  protocol-name SLASH protocol-version SLASH transport
/// sent-by           =  host [ COLON port ]
/// ttl               =  1*3DIGIT ; 0 to 255
/// response-port     =  "rport" [EQUAL 1*DIGIT]
/// @endcode
/// `received` is accepted with or without brackets around an IPv6 address (RFC 5118 §4.5).
/// Hosts follow uri.hpp (RFC 5954 IPv6 grammar).
///
/// @par Example
/// @code
/// auto v = sipref::parse_via("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3");
/// // v->front().host == "[2001:db8::9:1]", v->front().received == "2001:db8::9:255"
/// @endcode
///
/// Errors (offsets into @p input): `empty_value` for an all-LWS value; `empty_list_item` at
/// an empty item (`a,,b`, a leading or trailing comma; RFC 4475 §3.1.2.1 badinv01);
/// `bad_token` / `unexpected_char` inside sent-protocol or where LWS must separate it from
/// sent-by; `bad_host` / `bad_ipv6` at a malformed host; `bad_port` at a port above 65535;
/// `bad_param` at an empty parameter (`;;`), a malformed generic-param, or a branch,
/// received, maddr, ttl or rport value outside its grammar; `duplicate_param` at a repeated
/// parameter name; `limit_exceeded` beyond `grammar::max_params` parameters;
/// `trailing_garbage` where a via-parm is followed by something other than a comma.
///
/// The result's views alias @p input.
[[nodiscard]] constexpr result<via_view> parse_via(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  grammar::skip_sws(s);
  if (s.at_end()) return s.fail(errc::empty_value);
  std::size_t count = 0;
  while (true) {
    if (s.next_is(',')) return s.fail(errc::empty_list_item);
    via_parm_view v;
    if (const error e = detail::scan_via_parm(s, v)) return e;
    ++count;
    if (!grammar::separator(s, ',')) break;
    if (s.at_end()) return s.fail(errc::empty_list_item);
  }
  grammar::skip_sws(s);
  if (!s.at_end()) return s.fail(errc::trailing_garbage);
  return via_view::from_validated(input, count);
}

/// One via-parm to compose: `SIP/2.0/<transport> <host>[:<port>];branch=<branch>[;rport]`.
///
/// @par ABNF (RFC 3261 §25.1)
/// `via-parm = sent-protocol LWS sent-by *( SEMI via-params )`
///
/// The branch must be a token that starts with the magic cookie `z9hG4bK` and has something
/// after it (RFC 3261 §8.1.1.7; a bare cookie is RFC 4475 badbranch). The host is an RFC 3261
/// hostname, an IPv4 address or a bracketed IPv6 reference (a bare IPv6 address is an error,
/// never silently bracketed). `port` 0 writes no port.
///
/// @par Example
/// @code
/// sipref::via_parm v{"TCP", "client.chicago.example.com", 0, "z9hG4bKhjhs8ass83"};
/// auto row = sipref::to_string(sipref::header_row(v));
/// // "Via: SIP/2.0/TCP client.chicago.example.com;branch=z9hG4bKhjhs8ass83\r\n"
/// @endcode
///
/// `compose` errors: `invalid_argument` with the offset inside the offending field (transport
/// not a token, host not a host, branch not a token or without the cookie; offset 0 for an
/// empty field).
struct via_parm {
  static constexpr std::string_view header_name = "Via";

  std::string_view transport{};  ///< `UDP`, `TCP`, `TLS`, `SCTP` or an extension token
  std::string_view host{};       ///< sent-by host
  std::uint16_t port = 0;      ///< sent-by port; 0 = none
  std::string_view branch{};     ///< transaction branch, starting with `z9hG4bK`
  bool rport = false;          ///< add `;rport` (RFC 3581 §3)

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (transport.empty()) return {errc::invalid_argument, 0};
    const std::size_t bt = grammar::detail::span_in(transport, grammar::token_char);
    if (bt != transport.size()) return {errc::invalid_argument, bt};
    if (classify_host(host) == host_kind::none) return {errc::invalid_argument, 0};
    // The cookie and something after it: at least 8 bytes, so the cookie's 7 bytes are
    // compared as one word (the eighth masked off), in `load_word`'s byte order.
    static_assert(branch_magic_cookie.size() == 7);
    constexpr std::uint64_t cookie = [] {
      std::uint64_t c = 0;
      for (std::size_t k = 0; k < 7; ++k) c |= std::uint64_t{static_cast<unsigned char>(branch_magic_cookie[k])} << (8 * k);
      return c;
    }();
    if (branch.size() <= branch_magic_cookie.size() ||
        (grammar::detail::load_word(branch, 0) & 0x00ffffffffffffffu) != cookie)
      return {errc::invalid_argument, 0};
    const std::size_t bb = grammar::detail::span_in(branch, grammar::token_char);
    if (bb != branch.size()) return {errc::invalid_argument, bb};
    w.put(std::string_view("SIP/2.0/", 8));
    w.put(transport);
    w.put(' ');
    w.put(host);
    if (port != 0) {
      w.put(':');
      grammar::write_decimal(w, port);
    }
    w.put(std::string_view(";branch=", 8));
    w.put(branch);
    if (rport) w.put(std::string_view(";rport", 6));
    return {};
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_VIA_HPP
