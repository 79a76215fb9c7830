// SPDX-License-Identifier: MIT
/// @file uri.hpp
/// URIs as they appear in REFER traffic: SIP and SIPS URIs (RFC 3261 §19.1, §25.1, with the
/// RFC 5954 IPv6 grammar), `tel:` URIs (RFC 3966), `cid:` URIs (RFC 2392) and any other
/// absolute URI (RFC 3261 §25.1 `absoluteURI`). Parse to a view, compose SIP URIs from
/// decoded parts, and compare SIP URIs per RFC 3261 §19.1.4.
#ifndef SIPREF_URI_HPP
#define SIPREF_URI_HPP

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

/// The URI schemes sipref gives a structure to.
enum class uri_scheme : std::uint8_t {
  sip,    ///< `sip:` (RFC 3261 §19.1)
  sips,   ///< `sips:` (RFC 3261 §19.1)
  tel,    ///< `tel:` (RFC 3966)
  cid,    ///< `cid:` (RFC 2392)
  other,  ///< any other absolute URI, kept as an opaque, validated text
};

/// What a host component is.
enum class host_kind : std::uint8_t {
  none,      ///< no host (non-SIP URI)
  hostname,  ///< `hostname` (RFC 3261 §25.1)
  ipv4,      ///< `IPv4address` (RFC 5954 §4.1 / RFC 3986 dec-octet form)
  ipv6,      ///< `IPv6reference`, brackets included in the text
};

/// Leniencies for URI parsing; all off by default (strict RFC grammar).
struct uri_options {
  /// Accept raw `;`, `=`, `@`, `,`, `<`-free bytes inside URI header values, as sent by some
  /// transfer implementations (`?Replaces=c;to-tag=1;from-tag=2`, PEERS.md (c) 8). Only used
  /// where the URI's end is known (inside `<>`), where nothing else can follow the headers.
  bool allow_unescaped_header_chars = false;
};

namespace detail {
inline constexpr std::uint32_t user_chars = grammar::unreserved | grammar::user_unreserved;
inline constexpr std::uint32_t password_chars = grammar::unreserved | grammar::password_extra;
inline constexpr std::uint32_t param_chars = grammar::unreserved | grammar::param_unreserved;
inline constexpr std::uint32_t hnv_chars = grammar::unreserved | grammar::hnv_unreserved;
inline constexpr std::uint32_t uric_chars = grammar::unreserved | grammar::reserved;
/// `phonedigit-hex` and visual separators plus the param characters of RFC 3966 §3.
inline constexpr std::uint32_t tel_param_chars = grammar::unreserved | grammar::param_unreserved;
}  // namespace detail

// ------------------------------------------------------------------------------------------
// Host parsing
// ------------------------------------------------------------------------------------------

/// Parses the RFC 3986 `IPv6address` (no brackets) into 16 bytes.
///
/// @par ABNF (RFC 5954 §4.1, replacing RFC 3261's `hexpart`)
/// `IPv6address = 6( h16 ":" ) ls32 / "::" 5( h16 ":" ) ls32 / ... / [ *6( h16 ":" ) h16 ] "::"`
/// `ls32 = ( h16 ":" h16 ) / IPv4address`, `h16 = 1*4HEXDIG`
///
/// Returns false for anything else (including the three-colon form RFC 5954 fixed).
[[nodiscard]] constexpr bool parse_ipv6(std::string_view s, std::uint8_t (&out)[16]) noexcept;

/// Parses `IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet` (RFC 3986 §3.2.2,
/// adopted by RFC 5954 §4.1: no leading zeros, each octet ≤ 255) into 4 bytes.
[[nodiscard]] constexpr bool parse_ipv4(std::string_view s, std::uint8_t (&out)[4]) noexcept {
  // 7 to 15 bytes ("0.0.0.0" to "255.255.255.255"), copied into a zero-padded buffer so that
  // each octet's (at most three) digits and the byte after them are read without an end
  // check: a 0 byte is neither a digit nor a dot. A fourth digit, a leading zero and a value
  // above 255 end it.
  const std::size_t n = s.size();
  if (n < 7 || n > 15) return false;
  char b[20] = {};
  // Two overlapping pieces of fixed size (each a single move once compiled).
  const std::size_t piece = n >= 8 ? 8 : 4;
  if (piece == 8) {
    for (std::size_t k = 0; k < 8; ++k) b[k] = s[k];
    for (std::size_t k = n - 8; k < n; ++k) b[k] = s[k];
  } else {
    for (std::size_t k = 0; k < 4; ++k) b[k] = s[k];
    for (std::size_t k = n - 4; k < n; ++k) b[k] = s[k];
  }
  const auto digit = [&b](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(b[k])) - '0'; };
  std::size_t k = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (b[k] != '.') return false;
      ++k;
    }
    unsigned v = digit(k);
    if (v > 9) return false;
    if (const unsigned d = digit(k + 1); d <= 9) {
      if (v == 0) return false;  // a leading zero
      v = v * 10 + d;
      if (const unsigned d3 = digit(k + 2); d3 <= 9) {
        v = v * 10 + d3;
        if (v > 255 || digit(k + 3) <= 9) return false;
        ++k;
      }
      ++k;
    }
    ++k;
    out[part] = static_cast<std::uint8_t>(v);
  }
  return k == n;
}

constexpr bool parse_ipv6(std::string_view s, std::uint8_t (&out)[16]) noexcept {
  std::uint16_t groups[8] = {};
  int n = 0;          // groups written
  int gap = -1;       // index where "::" stands
  std::size_t i = 0;
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
    gap = 0;
    i = 2;
  } else if (!s.empty() && s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    // Trailing IPv4 (ls32): only if a '.' follows within this component.
    std::size_t j = i;
    while (j < s.size() && s[j] != ':') ++j;
    const std::string_view comp = s.substr(i, j - i);
    if (comp.find('.') != std::string_view::npos) {
      std::uint8_t v4[4] = {};
      if (j != s.size() || n > 6 || !parse_ipv4(comp, v4)) return false;
      groups[n++] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
      groups[n++] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
      i = j;
      break;
    }
    if (comp.empty() || comp.size() > 4 || n >= 8) return false;
    unsigned v = 0;
    for (char c : comp) {
      const int h = grammar::hex_value(c);
      if (h < 0) return false;
      v = v * 16 + static_cast<unsigned>(h);
    }
    groups[n++] = static_cast<std::uint16_t>(v);
    i = j;
    if (i == s.size()) break;
    // At a ':'. "::" marks the gap (only once); a single ':' must be followed by a group.
    if (s.size() - i >= 2 && s[i + 1] == ':') {
      if (gap >= 0) return false;
      gap = n;
      i += 2;
      if (i < s.size() && s[i] == ':') return false;  // ":::"
    } else {
      ++i;
      if (i == s.size()) return false;  // trailing single ':'
    }
  }
  if (gap < 0 ? n != 8 : n > 7) return false;
  int k = 0;
  for (int g = 0; g < 8; ++g) {
    std::uint16_t v = 0;
    if (gap < 0 || g < gap) {
      v = groups[k++];
    } else if (g >= gap + (8 - n)) {
      v = groups[k++];
    }
    out[2 * g] = static_cast<std::uint8_t>(v >> 8);
    out[2 * g + 1] = static_cast<std::uint8_t>(v & 0xff);
  }
  return true;
}

/// True when @p s is an RFC 3261 `hostname`:
/// `hostname = *( domainlabel "." ) toplabel [ "." ]`,
/// `domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum`,
/// `toplabel = ALPHA / ALPHA *( alphanum / "-" ) alphanum`.
[[nodiscard]] constexpr bool is_hostname(std::string_view s) noexcept {
  // One pass: every label starts and ends with an alphanum, '-' only inside, the last label
  // (the toplabel) starts with a letter; one trailing '.' is allowed.
  std::size_t n = s.size();
  if (n != 0 && s[n - 1] == '.') --n;
  if (n == 0) return false;
  std::size_t label = 0;  // start of the current label
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[i];
    if (c == '.') {
      if (i == label || s[i - 1] == '-') return false;
      label = i + 1;
    } else if (c == '-') {
      if (i == label) return false;
    } else if (!grammar::is(c, grammar::alphanum)) {
      return false;
    }
  }
  return label < n && s[n - 1] != '-' && grammar::is(s[label], grammar::alpha);
}

/// Classifies a host text: `[v6]`, IPv4, or hostname; `host_kind::none` when it is none.
[[nodiscard]] constexpr host_kind classify_host(std::string_view s) noexcept {
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') {
    std::uint8_t v6[16] = {};
    return parse_ipv6(s.substr(1, s.size() - 2), v6) ? host_kind::ipv6 : host_kind::none;
  }
  std::uint8_t v4[4] = {};
  if (parse_ipv4(s, v4)) return host_kind::ipv4;
  return is_hostname(s) ? host_kind::hostname : host_kind::none;
}

// ------------------------------------------------------------------------------------------
// Parameter and header lists inside URIs
// ------------------------------------------------------------------------------------------

/// One `uri-parameter` (`pname [ "=" pvalue ]`) or URI `header` (`hname "=" hvalue`), as raw
/// escaped views of the URI text. Decode with `grammar::pct_decode`.
struct uri_param_view {
  std::string_view name{};
  std::string_view value{};
  bool has_value = false;
};

/// A validated list of `uri-parameters` (starting at the first `;`) or of URI `headers`
/// (starting after the `?`), iterated lazily. Views alias the URI text.
class uri_param_list {
 public:
  constexpr uri_param_list() = default;
  constexpr uri_param_list(std::string_view text, char separator) noexcept : text_(text), sep_(separator) {}

  class iterator {
   public:
    constexpr iterator() = default;
    constexpr iterator(std::string_view rest, char sep) noexcept : rest_(rest), sep_(sep), done_(false) { load(); }
    constexpr const uri_param_view& operator*() const noexcept { return cur_; }
    constexpr const uri_param_view* operator->() const noexcept { return &cur_; }
    constexpr iterator& operator++() noexcept {
      load();
      return *this;
    }
    constexpr bool operator==(const iterator& o) const noexcept {
      return done_ == o.done_ && (done_ || rest_.data() == o.rest_.data());
    }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    constexpr void load() noexcept {
      if (rest_.empty()) {
        done_ = true;
        return;
      }
      if (rest_.front() == sep_) rest_.remove_prefix(1);
      std::size_t end = rest_.find(sep_);
      if (end == std::string_view::npos) end = rest_.size();
      const std::string_view item = rest_.substr(0, end);
      const std::size_t eq = item.find('=');
      cur_.name = item.substr(0, eq);
      cur_.has_value = eq != std::string_view::npos;
      cur_.value = cur_.has_value ? item.substr(eq + 1) : std::string_view{};
      rest_.remove_prefix(end);
      done_ = false;
    }
    std::string_view rest_{};
    char sep_ = ';';
    uri_param_view cur_{};
    bool done_ = true;
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return text_.empty() ? iterator() : iterator(text_, sep_); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  [[nodiscard]] constexpr bool empty() const noexcept { return text_.empty(); }
  /// The raw list text.
  [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }
  /// The first entry whose name equals @p name after decoding, ASCII case-insensitively
  /// (parameter and header names are case-insensitive, RFC 3261 §19.1.4, §7.3.1).
  [[nodiscard]] constexpr bool find(std::string_view name, uri_param_view& out) const noexcept {
    for (const uri_param_view& p : *this) {
      if (grammar::pct_equal(p.name, name, true)) {
        out = p;
        return true;
      }
    }
    return false;
  }
  [[nodiscard]] constexpr bool contains(std::string_view name) const noexcept {
    uri_param_view tmp;
    return find(name, tmp);
  }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }

 private:
  std::string_view text_{};
  char sep_ = ';';
};

// ------------------------------------------------------------------------------------------
// The URI view
// ------------------------------------------------------------------------------------------

/// A parsed URI: views of its escaped components. Aliases the parsed text; valid while it is.
///
/// For `sip`/`sips`: `user`, `password`, `host`, `port`, `params`, `headers`. For `tel`:
/// `user` holds the telephone-subscriber number and `params` its parameters. For `cid`:
/// `opaque` holds the escaped content-id (`cid_content_id()` decodes it). For `other`:
/// `opaque` holds everything after `scheme:`.
struct uri_view {
  uri_scheme scheme = uri_scheme::other;
  std::string_view text{};         ///< the whole URI
  std::string_view scheme_text{};  ///< the scheme as written (case preserved)
  std::string_view user{};         ///< escaped user, or the tel number
  std::string_view password{};     ///< escaped password
  bool has_userinfo = false;     ///< an `@` separated userinfo was present
  bool has_password = false;
  std::string_view host{};         ///< host text (IPv6 with brackets)
  host_kind host_type = host_kind::none;
  std::string_view port_text{};    ///< port digits, empty when absent
  std::uint16_t port = 0;        ///< valid when `has_port()`
  uri_param_list params;         ///< `;`-separated uri-parameters (sip, sips, tel)
  uri_param_list headers{std::string_view{}, '&'};  ///< `&`-separated headers after `?`
  std::string_view opaque{};       ///< cid content-id or other scheme's body

  [[nodiscard]] constexpr bool is_sip() const noexcept { return scheme == uri_scheme::sip || scheme == uri_scheme::sips; }
  [[nodiscard]] constexpr bool has_port() const noexcept { return !port_text.empty(); }
  /// The raw value of uri-parameter @p name (empty when absent or without value).
  [[nodiscard]] constexpr std::string_view param(std::string_view name) const noexcept {
    uri_param_view p;
    return params.find(name, p) ? p.value : std::string_view{};
  }
  /// The method a request formed from this URI uses (RFC 3261 §19.1.1 `method-param`):
  /// the `method` uri-parameter; with @p accept_header_form also the `?method=` spelling of
  /// RFC 5368 §9 (PROCEDURE.md C13). Empty when absent (meaning INVITE).
  [[nodiscard]] constexpr std::string_view method(bool accept_header_form = false) const noexcept {
    uri_param_view p;
    if (params.find("method", p)) return p.value;
    if (accept_header_form && headers.find("method", p)) return p.value;
    return {};
  }
};

namespace detail {

/// Scans `scheme ":"`; returns the scheme or an empty view (nothing consumed).
constexpr std::string_view scan_scheme(grammar::scanner& s) noexcept {
  const std::size_t start = s.pos();
  if (!s.next_in(grammar::alpha)) return {};
  s.consume_while(grammar::scheme_char);
  if (!s.next_is(':')) {
    s.set_pos(start);
    return {};
  }
  const std::string_view scheme = s.slice(start);
  s.advance();
  return scheme;
}

/// Consumes `1*( allowed / escaped )`; an incomplete escape is `bad_escape` at its `%`.
constexpr error scan_escaped_run(grammar::scanner& s, std::uint32_t allowed) noexcept {
  while (true) {
    s.consume_while(allowed);  // the plain run, '%' is never in `allowed`
    if (s.next_is('%')) {
      if (grammar::hex_value(static_cast<char>(s.peek(1))) < 0 || grammar::hex_value(static_cast<char>(s.peek(2))) < 0)
        return s.fail(errc::bad_escape);
      s.advance(3);
    } else if (s.next_in(allowed)) {
      s.advance();
    } else {
      return {};
    }
  }
}

/// `*( ";" uri-parameter )` with paramchar names/values; duplicate names rejected
/// (RFC 3261 §19.1.1: "the same parameter name MUST NOT appear more than once").
/// When @p method is given, the `method` parameter (its name compared after decoding, ASCII
/// case-insensitively) is stored there; it is left untouched (empty name) when absent.
constexpr result<uri_param_list> scan_uri_params(grammar::scanner& s, std::uint32_t chars,
                                                 uri_param_view* method = nullptr) noexcept {
  const std::size_t start = s.pos();
  std::size_t count = 0;
  // The names of the first few parameters are kept for the duplicate check; a longer list
  // re-reads the parameters before each later one.
  constexpr std::size_t kept = 4;
  std::string_view names[kept] = {};
  while (s.next_is(';')) {
    s.advance();
    const std::size_t name_at = s.pos();
    if (++count > grammar::max_params) return s.fail_at(errc::limit_exceeded, name_at);
    if (const error e = scan_escaped_run(s, chars)) return e;
    // pname stops at '=', which is not a paramchar.
    const std::string_view name = s.slice(name_at);
    if (name.empty()) return s.fail(errc::bad_param);
    std::string_view value{};
    const bool has_value = s.consume('=');
    if (has_value) {
      const std::size_t value_at = s.pos();
      if (const error e = scan_escaped_run(s, chars)) return e;
      if (s.pos() == value_at) return s.fail(errc::bad_param);
      value = s.slice(value_at);
    }
    if (count <= kept) {
      for (std::size_t i = 0; i + 1 < count; ++i)
        if (grammar::pct_equal(names[i], name, true)) return s.fail_at(errc::duplicate_param, name_at);
      names[count - 1] = name;
    } else {
      for (const uri_param_view& q : uri_param_list(s.input().substr(start, name_at - 1 - start), ';'))
        if (grammar::pct_equal(q.name, name, true)) return s.fail_at(errc::duplicate_param, name_at);
    }
    // An escaped spelling is longer, so a name shorter than "method" cannot decode to it.
    if (method != nullptr && name.size() >= 6 && grammar::pct_equal(name, "method", true))
      *method = uri_param_view{name, value, has_value};
  }
  return uri_param_list(s.slice(start), ';');
}

/// `"?" header *( "&" header )`, `header = hname "=" hvalue`.
constexpr result<uri_param_list> scan_uri_headers(grammar::scanner& s, const uri_options& opt) noexcept {
  if (!s.consume('?')) return uri_param_list(std::string_view{}, '&');
  const std::size_t start = s.pos();
  std::size_t count = 0;
  do {
    const std::size_t name_at = s.pos();
    if (++count > grammar::max_params) return s.fail_at(errc::limit_exceeded, name_at);
    if (const error e = scan_escaped_run(s, hnv_chars)) return e;
    if (s.pos() == name_at) return s.fail(errc::bad_uri_header);
    if (!s.consume('=')) return s.fail(errc::bad_uri_header);
    // Lenient mode: inside <> a raw ';' '=' '@' ',' or '"' in a header value cannot be
    // confused with anything else, so it is accepted (PEERS.md (c) 8).
    while (true) {
      if (const error e = scan_escaped_run(s, hnv_chars)) return e;
      const int c = s.peek();
      if (!opt.allow_unescaped_header_chars || !(c == ';' || c == '=' || c == '@' || c == ',' || c == '"')) break;
      s.advance();
    }
  } while (s.consume('&'));
  return uri_param_list(s.input().substr(start, s.pos() - start), '&');
}

/// Byte classes of a `hostname` / `IPv4address` (0: not a host byte).
enum : unsigned { hc_alpha = 1, hc_digit = 2, hc_dash = 4, hc_dot = 8 };
struct host_class_table {
  unsigned char v[256] = {};
  constexpr host_class_table() noexcept {
    for (int c = 'a'; c <= 'z'; ++c) v[c] = v[c - 'a' + 'A'] = hc_alpha;
    for (int c = '0'; c <= '9'; ++c) v[c] = hc_digit;
    v[static_cast<unsigned char>('-')] = hc_dash;
    v[static_cast<unsigned char>('.')] = hc_dot;
  }
  constexpr unsigned operator[](unsigned char c) const noexcept { return v[c]; }
};
inline constexpr host_class_table host_class{};

/// Scans `hostport`; records the host and port in @p u.
constexpr error scan_hostport(grammar::scanner& s, uri_view& u) noexcept {
  const std::size_t start = s.pos();
  if (s.consume('[')) {
    while (!s.at_end() && !s.next_is(']')) {
      if (!s.next_in(grammar::hexdig) && !s.next_is(':') && !s.next_is('.')) return s.fail_at(errc::bad_ipv6, start);
      s.advance();
    }
    if (!s.consume(']')) return s.fail_at(errc::bad_ipv6, start);
    u.host = s.slice(start);
    std::uint8_t v6[16] = {};
    if (!parse_ipv6(u.host.substr(1, u.host.size() - 2), v6)) return s.fail_at(errc::bad_ipv6, start);
    u.host_type = host_kind::ipv6;
  } else {
    // One pass over `hostname / IPv4address`: classify each byte once, check the label rules
    // on the way (RFC 3261 §25.1), and parse as IPv4 only a run of digits and dots.
    const std::string_view in = s.input();
    const std::size_t n = in.size();
    std::size_t i = start, label = start, prev_label = start;
    unsigned seen = 0;
    bool labels_ok = true;
    for (; i < n; ++i) {
      const unsigned k = host_class[static_cast<unsigned char>(in[i])];
      if (k == 0) break;
      seen |= k;
      if (k == hc_dot) {
        if (i == label || in[i - 1] == '-') labels_ok = false;
        prev_label = label;
        label = i + 1;
      } else if (k == hc_dash && i == label) {
        labels_ok = false;
      }
    }
    s.set_pos(i);
    u.host = std::string_view(in.data() + start, i - start);
    if ((seen & (hc_alpha | hc_dash)) == 0) {
      std::uint8_t v4[4] = {};
      if (!parse_ipv4(u.host, v4)) return s.fail_at(errc::bad_host, start);
      u.host_type = host_kind::ipv4;
    } else {
      // One trailing dot is allowed: the toplabel is then the label before it.
      std::size_t top = label, end = i;
      if (label == i && i > start) {
        top = prev_label;
        end = i - 1;
      }
      if (!labels_ok || top >= end || in[end - 1] == '-' || host_class[static_cast<unsigned char>(in[top])] != hc_alpha)
        return s.fail_at(errc::bad_host, start);
      u.host_type = host_kind::hostname;
    }
  }
  if (s.consume(':')) {
    const std::size_t port_at = s.pos();
    u.port_text = s.consume_while(grammar::digit);
    if (u.port_text.empty()) return s.fail(errc::bad_port);
    unsigned v = 0;
    for (char c : u.port_text) {
      v = v * 10 + static_cast<unsigned>(c - '0');
      if (v > 65535) return s.fail_at(errc::bad_port, port_at);
    }
    u.port = static_cast<std::uint16_t>(v);
  }
  return {};
}

/// SIP/SIPS after `scheme:`. With @p addr_spec_only the URI ends after hostport: parameters
/// after an unbracketed URI belong to the header (RFC 3261 §20.10).
constexpr error scan_sip_rest(grammar::scanner& s, uri_view& u, bool addr_spec_only, const uri_options& opt) noexcept {
  // userinfo: the longest run of user/password characters, if an '@' ends it.
  const std::size_t start = s.pos();
  const std::string_view in = s.input();
  std::size_t i = start;
  bool plain_user = true;  // only user characters so far: no '%', ':' or password-only byte
  while (true) {
    i = grammar::skip_alnum_and(in, i, '-', '.');  // user characters, in bulk
    if (i >= in.size()) break;
    const char c = in[i];
    if (grammar::is(c, user_chars)) {
      ++i;
    } else if (grammar::is(c, password_chars) || c == ':' || c == '%') {
      plain_user = false;
      ++i;
    } else {
      break;
    }
  }
  s.set_pos(i);
  if (s.next_is('@')) {
    const std::string_view userinfo = s.slice(start);
    const std::size_t colon = plain_user ? std::string_view::npos : userinfo.find(':');
    u.user = userinfo.substr(0, colon);
    u.has_userinfo = true;
    if (u.user.empty()) return s.fail_at(errc::bad_user, start);
    if (const error e = plain_user ? error{} : grammar::validate_escaped(u.user, user_chars))
      return s.fail_at(e.code == errc::bad_escape ? errc::bad_escape : errc::bad_user, start + e.offset);
    if (colon != std::string_view::npos) {
      u.has_password = true;
      u.password = userinfo.substr(colon + 1);
      if (const error e = grammar::validate_escaped(u.password, password_chars))
        return s.fail_at(e.code == errc::bad_escape ? errc::bad_escape : errc::bad_password, start + colon + 1 + e.offset);
    }
    s.advance();
  } else {
    s.set_pos(start);
  }
  if (const error e = scan_hostport(s, u)) return e;
  if (addr_spec_only) return {};
  uri_param_view m;  // names are unique, so this is the only `method` parameter
  auto params = scan_uri_params(s, param_chars, &m);
  if (!params) return params.error();
  u.params = *params;
  // method-param = "method=" Method: the value must be a token (RFC 3261 §25.1).
  if (!m.name.empty() && (!m.has_value || !grammar::is_token(m.value)))
    return s.fail_at(errc::bad_param, static_cast<std::size_t>(m.name.data() - s.input().data()));
  auto headers = scan_uri_headers(s, opt);
  if (!headers) return headers.error();
  u.headers = *headers;
  return {};
}

/// `tel:` after the scheme: `telephone-subscriber = global-number / local-number`
/// (RFC 3966 §3). Global numbers start with `+` and at least one digit; local numbers need a
/// `phone-context` parameter.
constexpr error scan_tel_rest(grammar::scanner& s, uri_view& u, bool addr_spec_only) noexcept {
  const std::size_t start = s.pos();
  const bool global = s.consume('+');
  bool any_digit = false;
  while (true) {
    const int c = s.peek();
    if (c >= '0' && c <= '9') {
      any_digit = true;
    } else if (c == '-' || c == '.' || c == '(' || c == ')') {
    } else if (!global && (grammar::is(static_cast<char>(c), grammar::hexdig) || c == '*' || c == '#')) {
      any_digit = true;
    } else {
      break;
    }
    s.advance();
  }
  u.user = s.slice(start);
  if (!any_digit) return s.fail_at(errc::bad_tel, start);
  if (addr_spec_only) {
    // Unbracketed, a ';' starts header parameters, so a local number cannot be expressed.
    return global ? error{} : s.fail_at(errc::bad_tel, start);
  }
  auto params = scan_uri_params(s, tel_param_chars);
  if (!params) return params.error();
  u.params = *params;
  if (!global && !u.params.contains("phone-context")) return s.fail_at(errc::bad_tel, start);
  return {};
}

/// Byte classes of the quick scanner below (one table lookup a byte).
enum : unsigned char { qc_user = 1, qc_alnum = 2, qc_param = 4, qc_alpha = 8, qc_amp = 16 };
struct quick_class_table {
  unsigned char v[256] = {};
  constexpr quick_class_table() noexcept {
    for (int c = 0; c < 256; ++c) {
      const char ch = static_cast<char>(c);
      v[c] = static_cast<unsigned char>(
          (grammar::is(ch, user_chars) ? qc_user : 0) | (grammar::is(ch, grammar::alphanum) ? qc_alnum : 0) |
          (grammar::is(ch, param_chars) ? qc_param : 0) | (grammar::is(ch, grammar::alpha) ? qc_alpha : 0) |
          (ch == '&' ? qc_amp : 0));
    }
  }
};
inline constexpr quick_class_table quick_class{};

/// The offset of the first byte at or after @p i of @p t without class @p bit (`t.size()`
/// when there is none). Unrolled four bytes a step, so the run costs one load, one table test
/// and one branch a byte, without a bounds check per byte.
[[gnu::always_inline]] [[nodiscard]] constexpr std::size_t skip_class(std::string_view t, std::size_t i,
                                                                      unsigned bit) noexcept {
  const std::size_t n = t.size();
  const auto in = [&t, bit](std::size_t k) { return (quick_class.v[static_cast<unsigned char>(t[k])] & bit) != 0; };
  for (; n - i >= 4; i += 4) {
    if (!in(i)) return i;
    if (!in(i + 1)) return i + 1;
    if (!in(i + 2)) return i + 2;
    if (!in(i + 3)) return i + 3;
  }
  while (i < n && in(i)) ++i;
  return i;
}

/// The end of the parameter name that starts at @p at in uri-parameters already checked by
/// `quick_sip_uri_params` (its `=`, its `;` or the end).
constexpr std::size_t quick_param_name_end(std::string_view t, std::size_t at) noexcept {
  while (at < t.size() && t[at] != '=' && t[at] != ';') ++at;
  return at;
}

/// The `;` after the parameter whose name ends at @p at (or the end), in checked parameters.
constexpr std::size_t quick_param_end(std::string_view t, std::size_t at) noexcept {
  while (at < t.size() && t[at] != ';') ++at;
  return at;
}

/// What `quick_sip_uri_params` finds on its way, as `parse_uri` would report it (the user
/// holds no escapes in that shape, so it is also the decoded user).
struct quick_sip_parts {
  uri_scheme scheme = uri_scheme::sip;
  std::string_view user{};  ///< empty: no userinfo
  std::string_view host{};
  host_kind host_type = host_kind::none;
  std::uint8_t ipv4[4] = {};  ///< the address of an IPv4 host
  bool has_port = false;
  std::uint16_t port = 0;
  /// The text holds a `&` (in the user or a parameter): the one byte XML escapes that a URI
  /// of this shape can hold.
  bool ampersand = false;
};

/// The byte runs of `quick_sip_uri_params`, one table test a byte: the portable scanner, and
/// the one for texts outside the 16-63 bytes `quick_mask_scan` takes.
struct quick_byte_scan {
  std::string_view t;

  /// The end of a run of user characters from @p i: the userinfo's end when it is an `@`.
  [[nodiscard]] constexpr std::size_t user_end(std::size_t i) const noexcept { return skip_class(t, i, qc_user); }

  /// The end of the `hostname` / `IPv4address` shape at @p i (labels of alphanums with inner
  /// '-', separated by '.', one trailing '.' allowed; RFC 3261 §25.1), with @p top set to the
  /// start of the last label; `npos` when the bytes at @p i are not that shape.
  [[nodiscard]] constexpr std::size_t host_end(std::size_t i, std::size_t& top) const noexcept {
    constexpr std::size_t no = std::string_view::npos;
    const std::size_t n = t.size();
    const auto alnum = [this](std::size_t k) { return (quick_class.v[static_cast<unsigned char>(t[k])] & qc_alnum) != 0; };
    while (true) {
      if (i >= n || !alnum(i)) return no;
      top = i;
      while (true) {
        ++i;
        while (i < n && alnum(i)) ++i;  // labels are short: a plain loop
        if (i >= n || t[i] != '-') break;
        while (i < n && t[i] == '-') ++i;
        if (i >= n || !alnum(i)) return no;
      }
      if (i >= n || t[i] != '.') return i;
      ++i;
      if (i >= n || !alnum(i)) {  // a trailing dot ends the host
        if (i < n && host_class[static_cast<unsigned char>(t[i])] != 0) return no;
        return i;
      }
    }
  }

  /// The first byte at or after @p i that is not a parameter character.
  [[nodiscard]] constexpr std::size_t skip_param(std::size_t i) const noexcept { return skip_class(t, i, qc_param); }

  /// The first byte at or after @p i that is not an alphanum (a port's digits end there).
  [[nodiscard]] constexpr std::size_t alnum_end(std::size_t i) const noexcept { return skip_class(t, i, qc_alnum); }

  /// True when the text holds a `&`.
  [[nodiscard]] constexpr bool ampersand() const noexcept { return t.find('&') != std::string_view::npos; }
};

#if SIPREF_GRAMMAR_HAS_SSE2
/// The byte runs of `quick_sip_uri_params` for a text of 16 to 63 bytes: a bit mask of its
/// alphanums (bit k for byte k), built 16 bytes at a time, lets every run skip them without
/// looking; only the other bytes (a typical URI has a handful) are tested one by one.
class quick_mask_scan {
 public:
  [[gnu::always_inline]] explicit quick_mask_scan(std::string_view t) noexcept : t_(t) {
    const std::size_t n = t.size();
    std::size_t at = 0;
    for (; n - at >= 16; at += 16) alnum_ |= alnums16(t.data() + at) << at;
    if (at != n) alnum_ |= alnums16(t.data() + n - 16) << (n - 16);  // overlapping bytes already seen
    // The end counts as a non-alphanum, so that the search for the next one always stops.
    other_ = ~alnum_ & ((std::uint64_t{2} << n) - 1);
  }

  /// See `quick_byte_scan::user_end`.
  [[gnu::always_inline]] [[nodiscard]] std::size_t user_end(std::size_t i) noexcept { return skip(i, qc_user); }

  /// See `quick_byte_scan::host_end`: the same checks, made at the bytes between labels.
  [[gnu::always_inline]] [[nodiscard]] std::size_t host_end(std::size_t i, std::size_t& top) const noexcept {
    constexpr std::size_t no = std::string_view::npos;
    const std::size_t n = t_.size();
    if (!alnum(i)) return no;
    top = i;
    for (std::size_t k = next_other(i); k < n; k = next_other(k)) {
      if (t_[k] == '-') {  // followed by an alphanum, or by more '-' and then an alphanum
        ++k;
        if (!alnum(k) && (k == n || t_[k] != '-')) return no;
      } else if (t_[k] == '.') {
        ++k;
        if (!alnum(k)) {  // a trailing dot ends the host
          if (k < n && host_class[static_cast<unsigned char>(t_[k])] != 0) return no;
          return k;
        }
        top = k;
      } else {
        return k;
      }
    }
    return n;
  }

  /// See `quick_byte_scan::skip_param`.
  [[gnu::always_inline]] [[nodiscard]] std::size_t skip_param(std::size_t i) noexcept { return skip(i, qc_param); }

  /// See `quick_byte_scan::alnum_end`.
  [[gnu::always_inline]] [[nodiscard]] std::size_t alnum_end(std::size_t i) const noexcept { return next_other(i); }

  /// See `quick_byte_scan::ampersand`; valid once the text is accepted: every `&` of an
  /// accepted text lies in its user or a parameter, whose other bytes the runs have seen.
  [[gnu::always_inline]] [[nodiscard]] bool ampersand() const noexcept { return (seen_ & qc_amp) != 0; }

 private:
  /// One bit for each alphanum of the 16 bytes at @p p: letters (folded to lower case) and
  /// digits are each moved to the bottom of the signed byte range, where one signed compare
  /// tells them from every other byte.
  [[gnu::always_inline]] static std::uint64_t alnums16(const char* p) noexcept {
    const __m128i x = grammar::simd::load16(p);
    const __m128i letter = _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x80 - 'a'));
    const __m128i digit = _mm_add_epi8(x, _mm_set1_epi8(0x80 - '0'));
    return grammar::simd::bits(_mm_or_si128(_mm_cmplt_epi8(letter, _mm_set1_epi8(-128 + 26)),
                                            _mm_cmplt_epi8(digit, _mm_set1_epi8(-128 + 10))));
  }
  [[gnu::always_inline]] [[nodiscard]] bool alnum(std::size_t k) const noexcept { return (alnum_ >> k & 1u) != 0; }
  /// The first byte at or after @p k (at most the size) that is not an alphanum, or the end.
  [[gnu::always_inline]] [[nodiscard]] std::size_t next_other(std::size_t k) const noexcept {
    return k + static_cast<unsigned>(__builtin_ctzll(other_ >> k));
  }
  /// The first byte at or after @p k without class @p bit, or the end.
  [[gnu::always_inline]] [[nodiscard]] std::size_t skip(std::size_t k, unsigned bit) noexcept {
    k = next_other(k);
    for (; k < t_.size(); k = next_other(k + 1)) {
      const unsigned c = quick_class.v[static_cast<unsigned char>(t_[k])];
      seen_ |= c;
      if ((c & bit) == 0) break;
    }
    return k;
  }

  std::string_view t_;
  std::uint64_t alnum_ = 0;
  std::uint64_t other_ = 0;  ///< the other bytes, and the bit just past the end
  unsigned seen_ = 0;        ///< the classes of the other bytes the runs have looked at
};
#endif

/// The end of a lower-case `sip:` or `sips:` at the start of @p t, or 0.
[[gnu::always_inline]] constexpr std::size_t quick_sip_scheme_end(std::string_view t) noexcept {
  if (t.size() < 5) return 0;
  // The first four bytes as one word (one load where the byte order is native).
  const auto byte = [&t](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(t[k])) << (8 * k); };
  const std::uint32_t head = byte(0) | byte(1) | byte(2) | byte(3);
  constexpr std::uint32_t sip_colon = 's' | 'i' << 8 | 'p' << 16 | std::uint32_t{':'} << 24;
  constexpr std::uint32_t sips = 's' | 'i' << 8 | 'p' << 16 | std::uint32_t{'s'} << 24;
  if (head == sip_colon) return 4;
  if (head == sips && t[4] == ':') return 5;
  return 0;
}

/// `quick_sip_uri_params` after the scheme (which ends at @p i), with @p scan finding the runs.
template <class Scan>
[[gnu::always_inline]] constexpr std::size_t quick_sip_rest(std::string_view t, std::size_t i, Scan&& scan,
                                                            quick_sip_parts* parts) noexcept {
  constexpr std::size_t no = std::string_view::npos;
  const std::size_t n = t.size();
  // userinfo: only when a run of user characters ends at '@' (the full parser's userinfo run
  // is a superset of these bytes and ends at the same '@').
  const std::size_t j = scan.user_end(i);
  if (j < n && t[j] == '@') {
    if (j == i) return no;
    if (parts != nullptr) parts->user = std::string_view(t.data() + i, j - i);
    i = j + 1;
  }
  // hostname / IPv4address: a toplabel starting with a letter makes it a hostname; otherwise
  // it must be an IPv4address.
  const std::size_t host_at = i;
  std::size_t top = i;
  i = scan.host_end(i, top);
  if (i == no) return no;
  const std::string_view host(t.data() + host_at, i - host_at);
  const bool ipv4 = (quick_class.v[static_cast<unsigned char>(t[top])] & qc_alpha) == 0;
  if (ipv4) {
    std::uint8_t v4[4] = {};
    if (!parse_ipv4(host, v4)) return no;
    if (parts != nullptr) {
      for (int k = 0; k < 4; ++k) parts->ipv4[k] = v4[k];
    }
  }
  if (parts != nullptr) {
    parts->scheme = t[3] == 's' ? uri_scheme::sips : uri_scheme::sip;
    parts->host = host;
    parts->host_type = ipv4 ? host_kind::ipv4 : host_kind::hostname;
  }
  if (i < n && t[i] == ':') {
    // 1 to 5 digits up to the next non-alphanum (a letter among them is no port: the full
    // parser refuses it too).
    const std::size_t port_at = ++i;
    const std::size_t port_end = scan.alnum_end(i);
    if (port_end == port_at || port_end - port_at > 5) return no;
    unsigned v = 0;
    for (; i < port_end; ++i) {
      const unsigned d = static_cast<unsigned>(static_cast<unsigned char>(t[i])) - '0';
      if (d > 9) return no;
      v = v * 10 + d;
    }
    if (v > 65535) return no;
    if (parts != nullptr) {
      parts->has_port = true;
      parts->port = static_cast<std::uint16_t>(v);
    }
  }
  // uri-parameters without escapes; duplicates and `method` are left to the full parser.
  const std::size_t params_at = i;
  for (std::size_t count = 1; i < n; ++count) {
    if (t[i] != ';' || count > 8) return no;
    const std::size_t name_at = ++i;
    i = scan.skip_param(i);
    if (i == name_at) return no;
    const std::string_view name = t.substr(name_at, i - name_at);
    if (name.size() == 6 && grammar::iequals(name, "method")) return no;
    // Earlier names, found again by walking the (already checked) parameters before this one.
    for (std::size_t q = params_at; q + 1 < name_at; q = quick_param_end(t, q + 1)) {
      const std::size_t other_end = quick_param_name_end(t, q + 1);
      if (grammar::iequals(t.substr(q + 1, other_end - q - 1), name)) return no;
    }
    if (i < n && t[i] == '=') {
      const std::size_t value_at = ++i;
      i = scan.skip_param(i);
      if (i == value_at) return no;
    }
  }
  if (parts != nullptr) parts->ampersand = scan.ampersand();
  return params_at;
}

/// A cheap validity check for the common shape of a SIP URI, for composers that only need to
/// know that a caller's URI text is valid (no `uri_view` is built): lower-case
/// `sip:`/`sips:`, an optional user of plain user characters (no escapes, no password), a
/// hostname or IPv4 address, an optional port, up to 8 unescaped parameters other than
/// `method`, no headers. Returns the offset of the uri-parameters (their first `;`, or
/// `t.size()` when there are none) for text `parse_uri` accepts, and fills @p parts (when not
/// null); `npos` means "not this shape", and the caller falls back to `parse_uri` for the
/// verdict and its error. Texts of 16 to 63 bytes are scanned through a bit mask where SSE2
/// is available (`quick_mask_scan`), others byte by byte (`quick_byte_scan`): the verdict
/// and the parts are the same either way.
[[gnu::always_inline]] [[nodiscard]] constexpr std::size_t quick_sip_uri_params(std::string_view t,
                                                                                quick_sip_parts* parts) noexcept {
  const std::size_t i = quick_sip_scheme_end(t);
  if (i == 0) return std::string_view::npos;
#if SIPREF_GRAMMAR_HAS_SSE2
  const std::size_t n = t.size();
  if (!__builtin_is_constant_evaluated() && n >= 16 && n < 64) return quick_sip_rest(t, i, quick_mask_scan(t), parts);
#endif
  return quick_sip_rest(t, i, quick_byte_scan{t}, parts);
}

/// `quick_sip_uri_params` scanning byte by byte whatever the length (for tests comparing the
/// two scanners).
[[nodiscard]] constexpr std::size_t quick_sip_uri_params_bytewise(std::string_view t, quick_sip_parts* parts) noexcept {
  const std::size_t i = quick_sip_scheme_end(t);
  return i == 0 ? std::string_view::npos : quick_sip_rest(t, i, quick_byte_scan{t}, parts);
}

/// `quick_sip_uri_params` without the parts.
[[nodiscard]] constexpr std::size_t quick_sip_uri_params(std::string_view t) noexcept {
  return quick_sip_uri_params(t, nullptr);
}

/// True when @p t has the shape `quick_sip_uri_params` accepts (and so is a valid URI).
[[nodiscard]] constexpr bool quick_valid_sip_uri(std::string_view t) noexcept {
  return quick_sip_uri_params(t) != std::string_view::npos;
}

/// True when the uri-parameters at @p params_at of a URI `quick_sip_uri_params` accepted name
/// @p name (case-insensitively, as `uri_param_list::contains` compares unescaped names).
[[nodiscard]] constexpr bool quick_has_param(std::string_view t, std::size_t params_at,
                                             std::string_view name) noexcept {
  for (std::size_t q = params_at; q < t.size(); q = quick_param_end(t, q + 1)) {
    const std::size_t name_end = quick_param_name_end(t, q + 1);
    if (grammar::iequals(t.substr(q + 1, name_end - q - 1), name)) return true;
  }
  return false;
}

}  // namespace detail

namespace detail {

/// `scan_uri` into @p u (a default `uri_view`), so that callers that embed the view in their
/// own (name-addr, header values) fill it in place instead of copying a returned one.
constexpr error scan_uri_to(grammar::scanner& s, uri_view& u, bool addr_spec_only, const uri_options& opt) noexcept {
  const std::size_t start = s.pos();
  u.scheme_text = detail::scan_scheme(s);
  if (u.scheme_text.empty()) return s.fail(errc::bad_scheme);
  using grammar::iequals;
  const std::string_view st = u.scheme_text;
  // sip / sips first, without a general case-insensitive compare (the common case).
  const bool sip_prefix = st.size() >= 3 && (st[0] | 0x20) == 's' && (st[1] | 0x20) == 'i' && (st[2] | 0x20) == 'p';
  if (sip_prefix && (st.size() == 3 || (st.size() == 4 && (st[3] | 0x20) == 's'))) {
    u.scheme = st.size() == 3 ? uri_scheme::sip : uri_scheme::sips;
    if (const error e = detail::scan_sip_rest(s, u, addr_spec_only, opt)) return e;
  } else if (iequals(u.scheme_text, "tel")) {
    u.scheme = uri_scheme::tel;
    if (const error e = detail::scan_tel_rest(s, u, addr_spec_only)) return e;
  } else {
    // absoluteURI = scheme ":" ( hier-part / opaque-part ); every byte is a uric or escaped.
    u.scheme = iequals(u.scheme_text, "cid") ? uri_scheme::cid : uri_scheme::other;
    const std::size_t body = s.pos();
    if (addr_spec_only) {
      // Unbracketed: ';' starts header parameters, ',' the next value, '?' is not allowed.
      while (!s.next_is(';') && !s.next_is(',') && !s.next_is('?')) {
        if (s.next_is('%')) {
          if (grammar::hex_value(static_cast<char>(s.peek(1))) < 0 || grammar::hex_value(static_cast<char>(s.peek(2))) < 0)
            return s.fail(errc::bad_escape);
          s.advance(3);
        } else if (s.next_in(detail::uric_chars)) {
          s.advance();
        } else {
          break;
        }
      }
    } else if (const error e = detail::scan_escaped_run(s, detail::uric_chars)) {
      return e;
    }
    u.opaque = s.input().substr(body, s.pos() - body);
    if (u.opaque.empty()) return s.fail(errc::bad_uri);
    if (u.scheme == uri_scheme::cid) {
      // RFC 2392: content-id = url-addr-spec, i.e. "local@domain" URL-encoded.
      const std::size_t at = u.opaque.find('@');
      if (at == 0 || at == std::string_view::npos || at + 1 == u.opaque.size()) return s.fail_at(errc::bad_cid, body);
    }
  }
  u.text = s.slice(start);
  return {};
}

}  // namespace detail

/// Parses a URI from the scanner's position, stopping where the URI grammar ends, and
/// validates it. Used by header parsers that embed URIs.
///
/// With @p addr_spec_only a SIP/SIPS URI ends after its hostport and any other URI at the
/// first `;`, `,`, `?`, `>`, SP or HTAB: this is the unbracketed `addr-spec` case, in which
/// parameters belong to the header (RFC 3261 §20.10; RFC 4475 §3.3.12 cparam01).
constexpr result<uri_view> scan_uri(grammar::scanner& s, bool addr_spec_only = false, const uri_options& opt = {}) noexcept {
  uri_view u;
  if (const error e = detail::scan_uri_to(s, u, addr_spec_only, opt)) return e;
  return u;
}

/// Parses @p input as exactly one URI.
///
/// @par ABNF (RFC 3261 §25.1)
/// `SIP-URI = "sip:" [ userinfo ] hostport uri-parameters [ headers ]`
/// `SIPS-URI = "sips:" [ userinfo ] hostport uri-parameters [ headers ]`
/// `absoluteURI = scheme ":" ( hier-part / opaque-part )`
/// plus `telephone-uri = "tel:" telephone-subscriber` (RFC 3966 §3) and
/// `cid-url = "cid" ":" content-id` (RFC 2392 §2).
///
/// @par Example
/// @code
/// auto u = sipref::parse_uri("sip:carol@chicago.example.com;method=BYE");
/// // u->user == "carol", u->host == "chicago.example.com", u->method() == "BYE"
/// @endcode
///
/// Errors (code, offset in @p input): `bad_scheme`, `bad_user`, `bad_password`, `bad_host`,
/// `bad_ipv6`, `bad_port`, `bad_param`, `duplicate_param`, `bad_uri_header`, `bad_escape`,
/// `bad_tel`, `bad_cid`, `bad_uri`, `trailing_garbage` (e.g. a space or `>`), `limit_exceeded`.
/// The result aliases @p input.
[[nodiscard]] constexpr result<uri_view> parse_uri(std::string_view input SIPREF_LIFETIMEBOUND,
                                                   const uri_options& opt = {}) noexcept {
  grammar::scanner s(input);
  auto u = scan_uri(s, false, opt);
  if (!u) return u;
  if (!s.at_end()) return s.fail(errc::trailing_garbage);
  return u;
}

/// True when @p input is exactly one valid URI (same as `parse_uri(input).has_value()`).
[[nodiscard]] constexpr bool is_valid_uri(std::string_view input) noexcept { return parse_uri(input).has_value(); }

// ------------------------------------------------------------------------------------------
// cid: and Content-ID
// ------------------------------------------------------------------------------------------

/// Writes the Content-ID value (without `<>`) that a `cid:` URI names: the content-id with its
/// `%HH` escapes decoded once (RFC 2392 §2). @p u must be a parsed `cid` URI.
template <class Writer>
constexpr void write_cid_content_id(Writer& w, const uri_view& u) noexcept {
  grammar::pct_decode(w, u.opaque);
}

/// True when the `cid:` URI @p u names the body labelled `Content-ID: <content_id>`
/// (@p content_id is the text between the angle brackets). Compares after decoding the URI's
/// escapes, byte for byte (RFC 2392 §2; Content-IDs are case-sensitive).
[[nodiscard]] constexpr bool cid_matches(const uri_view& u, std::string_view content_id) noexcept {
  return u.scheme == uri_scheme::cid && grammar::decodes_to(u.opaque, content_id);
}

// ------------------------------------------------------------------------------------------
// Comparison (RFC 3261 §19.1.4, RFC 5954 §4.2)
// ------------------------------------------------------------------------------------------

namespace detail {
constexpr bool host_equal(const uri_view& a, const uri_view& b) noexcept {
  if (a.host_type != b.host_type) return false;
  if (a.host_type == host_kind::ipv6) {
    std::uint8_t x[16] = {}, y[16] = {};
    (void)parse_ipv6(a.host.substr(1, a.host.size() - 2), x);
    (void)parse_ipv6(b.host.substr(1, b.host.size() - 2), y);
    for (int i = 0; i < 16; ++i)
      if (x[i] != y[i]) return false;
    return true;
  }
  if (a.host_type == host_kind::ipv4) {
    std::uint8_t x[4] = {}, y[4] = {};
    (void)parse_ipv4(a.host, x);
    (void)parse_ipv4(b.host, y);
    return x[0] == y[0] && x[1] == y[1] && x[2] == y[2] && x[3] == y[3];
  }
  // Escapes are not allowed in host names, so no decoding (RFC 3261 §19.1.2). A trailing dot
  // is the same name.
  std::string_view ha = a.host, hb = b.host;
  if (!ha.empty() && ha.back() == '.') ha.remove_suffix(1);
  if (!hb.empty() && hb.back() == '.') hb.remove_suffix(1);
  return grammar::iequals(ha, hb);
}

/// Every entry of @p a that also appears in @p b must match; entries in only one list are
/// ignored unless they are `user`, `ttl`, `method`, `maddr` (RFC 3261 §19.1.4 rules) or
/// `transport`: the rules' text would ignore a one-sided `transport`, but the section's own
/// worked example calls `sip:bob@biloxi.com` and `sip:bob@biloxi.com;transport=udp` "not
/// equivalent (can resolve to different transports)"; we follow the example, the
/// conservative reading for a parameter that changes how the URI resolves.
constexpr bool params_equal(const uri_param_list& a, const uri_param_list& b) noexcept {
  constexpr std::string_view must_both[] = {"user", "ttl", "method", "maddr", "transport"};
  for (const uri_param_view& p : a) {
    uri_param_view q;
    if (b.find(p.name, q)) {
      if (p.has_value != q.has_value || !grammar::pct_equal(p.value, q.value, true)) return false;
    } else {
      for (std::string_view m : must_both)
        if (grammar::pct_equal(p.name, m, true)) return false;
    }
  }
  for (const uri_param_view& q : b) {
    uri_param_view p;
    if (!a.find(q.name, p))
      for (std::string_view m : must_both)
        if (grammar::pct_equal(q.name, m, true)) return false;
  }
  return true;
}

/// URI headers are never ignored: both lists hold the same headers, compared as multisets
/// (a name may repeat, e.g. two Route values; order is not significant), names
/// case-insensitively and values exactly, after decoding.
constexpr bool headers_equal(const uri_param_list& a, const uri_param_list& b) noexcept {
  if (a.size() != b.size()) return false;
  auto same = [](const uri_param_view& x, const uri_param_view& y) {
    return grammar::pct_equal(x.name, y.name, true) && grammar::pct_equal(x.value, y.value, false);
  };
  for (const uri_param_view& p : a) {
    std::size_t in_a = 0, in_b = 0;
    for (const uri_param_view& q : a) in_a += same(p, q) ? 1u : 0u;
    for (const uri_param_view& q : b) in_b += same(p, q) ? 1u : 0u;
    if (in_a != in_b) return false;
  }
  return true;
}
}  // namespace detail

/// SIP URI equality per RFC 3261 §19.1.4 (with RFC 5954 §4.2 binary comparison of IP
/// literals): `sip` never equals `sips`; userinfo is compared case-sensitively after decoding;
/// host case-insensitively; ports must both be absent or equal; `user`, `ttl`, `method`,
/// `maddr` and `transport` must match or be absent on both sides, other one-sided parameters
/// are ignored;
/// header components must all match. Non-SIP URIs compare equal when their schemes match
/// case-insensitively and their texts after the scheme match after decoding.
///
/// @par Example
/// @code
/// uri_equal(*parse_uri("sip:%61lice@atlanta.com;transport=TCP"),
///           *parse_uri("sip:alice@AtLanTa.CoM;Transport=tcp"));  // true
/// @endcode
[[nodiscard]] constexpr bool uri_equal(const uri_view& a, const uri_view& b) noexcept {
  if (a.scheme != b.scheme) return false;
  if (!a.is_sip()) {
    if (!grammar::iequals(a.scheme_text, b.scheme_text)) return false;
    return grammar::pct_equal(a.text.substr(a.scheme_text.size()), b.text.substr(b.scheme_text.size()), false);
  }
  if (a.has_userinfo != b.has_userinfo || a.has_password != b.has_password) return false;
  if (!grammar::pct_equal(a.user, b.user, false) || !grammar::pct_equal(a.password, b.password, false)) return false;
  if (!detail::host_equal(a, b)) return false;
  if (a.has_port() != b.has_port() || a.port != b.port) return false;
  return detail::params_equal(a.params, b.params) && detail::headers_equal(a.headers, b.headers);
}

namespace detail {
/// FNV-1a over the bytes `uri_equality_hash` mixes.
struct equality_hasher {
  std::uint64_t h = 1469598103934665603ull;
  constexpr void mix(unsigned char c) noexcept {
    h ^= c;
    h *= 1099511628211ull;
  }
  constexpr void mix_decoded(std::string_view escaped) noexcept {
    (void)grammar::for_each_decoded(escaped, [this](char c) {
      mix(static_cast<unsigned char>(c));
      return true;
    });
  }
  /// Text without escapes: its bytes are its decoded bytes.
  constexpr void mix_plain(std::string_view plain) noexcept {
    for (char c : plain) mix(static_cast<unsigned char>(c));
  }
};

/// `uri_equality_hash` of a SIP/SIPS URI from its parts (user and password escaped, or
/// @p plain_user when the user holds no escape; for an IPv4 host its four bytes), shared by
/// the hash of a parsed URI and by composers that validated a URI with `quick_sip_uri_params`
/// and hash it without a full parse.
// Inline: with `quick_equality_hash`'s constant arguments most of it folds away.
[[gnu::always_inline]] constexpr std::uint64_t sip_equality_hash(uri_scheme scheme, std::string_view user,
                                                                 bool plain_user, bool has_password,
                                                                 std::string_view password, host_kind host_type,
                                                                 std::string_view host, const std::uint8_t (&ipv4)[4],
                                                                 bool has_port, std::uint16_t port) noexcept {
  equality_hasher e;
  e.mix(static_cast<unsigned char>(scheme));
  if (plain_user) {
    e.mix_plain(user);
  } else {
    e.mix_decoded(user);
  }
  e.mix(has_password ? 1 : 0);
  e.mix_decoded(password);
  e.mix(static_cast<unsigned char>(host_type));
  if (host_type == host_kind::ipv6) {
    std::uint8_t a[16] = {};
    (void)parse_ipv6(host.substr(1, host.size() - 2), a);
    for (std::uint8_t b : a) e.mix(b);
  } else if (host_type == host_kind::ipv4) {
    for (std::uint8_t b : ipv4) e.mix(b);
  } else {
    if (!host.empty() && host.back() == '.') host.remove_suffix(1);
    // Hostnames hold only letters, digits, '-' and '.': setting bit 5 lower-cases the letters
    // (as `grammar::to_lower`) and leaves the others as they are.
    for (char c : host) e.mix(static_cast<unsigned char>(c) | 0x20u);
  }
  e.mix(has_port ? 1 : 0);
  e.mix(static_cast<unsigned char>(port >> 8));
  e.mix(static_cast<unsigned char>(port & 0xff));
  return e.h;
}

/// `uri_equality_hash(*parse_uri(t))` of a URI `quick_sip_uri_params` accepted with @p p.
[[gnu::always_inline]] constexpr std::uint64_t quick_equality_hash(const quick_sip_parts& p) noexcept {
  return sip_equality_hash(p.scheme, p.user, true, false, {}, p.host_type, p.host, p.ipv4, p.has_port, p.port);
}
}  // namespace detail

/// A hash that URIs equal under `uri_equal` always share (a necessary condition, so equal
/// hashes still need `uri_equal`): the scheme, the decoded userinfo, the host (lower-cased
/// name, or the binary IP address), the port. Lets callers find duplicates in one pass.
[[nodiscard]] constexpr std::uint64_t uri_equality_hash(const uri_view& u) noexcept {
  if (!u.is_sip()) {
    detail::equality_hasher e;
    e.mix(static_cast<unsigned char>(u.scheme));
    for (char c : u.scheme_text) e.mix(static_cast<unsigned char>(grammar::to_lower(c)));
    e.mix_decoded(u.text.substr(u.scheme_text.size()));
    return e.h;
  }
  std::uint8_t v4[4] = {};
  if (u.host_type == host_kind::ipv4) (void)parse_ipv4(u.host, v4);
  return detail::sip_equality_hash(u.scheme, u.user, false, u.has_password, u.password, u.host_type, u.host, v4,
                                   u.has_port(), u.port);
}

// ------------------------------------------------------------------------------------------
// Embedded URI headers (RFC 3261 §19.1.5)
// ------------------------------------------------------------------------------------------

/// True when @p hname names a header a UA forming a request from a URI SHOULD NOT honour
/// (RFC 3261 §19.1.5): From, Call-ID, CSeq, Via, Record-Route, Route, and those that would
/// misstate its capabilities (Accept, Accept-Encoding, Accept-Language, Allow, Contact,
/// Organization, Supported, User-Agent). Compact forms included. @p hname is decoded text.
[[nodiscard]] constexpr bool is_forbidden_uri_header(std::string_view hname) noexcept {
  constexpr std::string_view names[] = {"From", "f", "Call-ID", "i", "CSeq", "Via", "v", "Record-Route", "Route",
                                        "Accept", "Accept-Encoding", "Accept-Language", "Allow", "Contact", "m",
                                        "Organization", "Supported", "k", "User-Agent"};
  for (std::string_view n : names)
    if (grammar::iequals(hname, n)) return true;
  return false;
}

/// Checks every `?hname=hvalue` of @p u before it is turned into real header fields: each
/// value, decoded once, must not contain CR, LF or NUL (`unsafe_uri_header`: it would inject
/// a header line, PEERS.md (c) 3), and each name must not be one RFC 3261 §19.1.5 says not to
/// honour (`forbidden_uri_header`). The offset is that of the offending entry inside
/// `u.text`.
[[nodiscard]] constexpr error check_uri_headers(const uri_view& u) noexcept {
  for (const uri_param_view& h : u.headers) {
    const auto at = static_cast<std::size_t>(h.name.data() - u.text.data());
    const bool safe = grammar::for_each_decoded(h.value, [](char c) { return c != '\r' && c != '\n' && c != '\0'; }) &&
                      grammar::for_each_decoded(h.name, [](char c) { return grammar::is(c, grammar::token_char); });
    if (!safe) return {errc::unsafe_uri_header, at};
    // Compare the decoded name against the list without a buffer: names are short tokens.
    char name[32] = {};
    std::size_t n = 0;
    const bool fits = grammar::for_each_decoded(h.name, [&](char c) {
      if (n == sizeof name) return false;
      name[n++] = c;
      return true;
    });
    if (fits && is_forbidden_uri_header(std::string_view(name, n))) return {errc::forbidden_uri_header, at};
  }
  return {};
}

// ------------------------------------------------------------------------------------------
// Composing SIP URIs from decoded parts
// ------------------------------------------------------------------------------------------

/// A name/value pair given decoded by the caller (a uri-parameter or an embedded header).
struct uri_field {
  std::string_view name{};
  std::string_view value{};
  bool has_value = true;  ///< false for a valueless parameter such as `lr`
};

/// A SIP or SIPS URI built from decoded parts; composes to its escaped text.
///
/// Every component is escaped exactly once for its position (RFC 3261 §19.1.2): the user with
/// `user` characters, parameters with `paramchar`, embedded headers with `hname`/`hvalue`
/// characters, so `Replaces: 12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994` becomes
/// `?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994`. The host is not
/// escaped (escapes are not allowed there) but validated; an IPv6 host may be given with or
/// without brackets. Embedded header values containing CR, LF or NUL are rejected
/// (`unsafe_uri_header`), as are names RFC 3261 §19.1.5 says not to honour
/// (`forbidden_uri_header`) and parameters named twice (`duplicate_param`). Error offsets are
/// inside the offending field.
///
/// @par Example
/// @code
/// sipref::uri_field hdr[] = {{"Replaces", "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994"}};
/// sipref::sip_uri u{false, "dave", {}, "denver.example.org", 0, {}, hdr};
/// auto text = sipref::to_string(u);
/// @endcode
struct sip_uri {
  bool secure = false;                  ///< `sips:` instead of `sip:`
  std::string_view user{};                ///< decoded user (empty: no userinfo)
  std::string_view password{};            ///< decoded password (empty: none)
  std::string_view host{};                ///< hostname, IPv4, or IPv6 with or without brackets
  std::uint16_t port = 0;               ///< 0: no port
  list_ref<uri_field> params{};   ///< uri-parameters, in order
  list_ref<uri_field> headers{};  ///< embedded headers, in order

  template <class Writer>
  constexpr error compose(Writer& w) const {
    // Validate everything before writing anything.
    host_kind kind = classify_host(host);
    if (kind == host_kind::none && host.find(':') != std::string_view::npos) {
      std::uint8_t v6[16] = {};
      if (parse_ipv6(host, v6)) kind = host_kind::ipv6;
    }
    if (kind == host_kind::none) return {errc::bad_host, 0};
    for (const uri_field* p = params.begin(); p != params.end(); ++p) {
      if (p->name.empty()) return {errc::bad_param, 0};
      if (p->has_value && p->value.empty()) return {errc::bad_param, 0};
      // method-param = "method=" Method: a value is required, a token without '%'.
      if (grammar::iequals(p->name, "method") &&
          (!p->has_value || !grammar::is_token(p->value) || p->value.find('%') != std::string_view::npos))
        return {errc::bad_param, 0};
      for (const uri_field* q = params.begin(); q != p; ++q)
        if (grammar::iequals(q->name, p->name)) return {errc::duplicate_param, 0};
    }
    for (const uri_field* h = headers.begin(); h != headers.end(); ++h) {
      if (!grammar::is_token(h->name)) return {errc::bad_uri_header, 0};
      for (std::size_t i = 0; i < h->value.size(); ++i)
        if (h->value[i] == '\r' || h->value[i] == '\n' || h->value[i] == '\0') return {errc::unsafe_uri_header, i};
      if (is_forbidden_uri_header(h->name)) return {errc::forbidden_uri_header, 0};
    }
    w.put(secure ? std::string_view("sips:", 5) : std::string_view("sip:", 4));
    if (!user.empty()) {
      grammar::pct_encode(w, user, detail::user_chars);
      if (!password.empty()) {
        w.put(':');
        grammar::pct_encode(w, password, detail::password_chars);
      }
      w.put('@');
    }
    const bool bracket = kind == host_kind::ipv6 && host.front() != '[';
    if (bracket) w.put('[');
    w.put(host);
    if (bracket) w.put(']');
    if (port != 0) {
      char digits[5] = {};
      int n = 0;
      for (unsigned v = port; v != 0; v /= 10) digits[n++] = static_cast<char>('0' + v % 10);
      w.put(':');
      while (n > 0) w.put(digits[--n]);
    }
    for (const uri_field& p : params) {
      w.put(';');
      grammar::pct_encode(w, p.name, detail::param_chars);
      if (p.has_value) {
        w.put('=');
        grammar::pct_encode(w, p.value, detail::param_chars);
      }
    }
    char sep = '?';
    for (const uri_field& h : headers) {
      w.put(sep);
      sep = '&';
      grammar::pct_encode(w, h.name, detail::hnv_chars);
      w.put('=');
      grammar::pct_encode(w, h.value, detail::hnv_chars);
    }
    return {};
  }
};

class uri_ref;
namespace detail {
/// A `uri_ref` of text that the composer holding it has already validated (with
/// `quick_valid_sip_uri`, or `parse_uri` and `check_uri_headers`), so it is written without a
/// second check.
constexpr uri_ref validated_uri_ref(std::string_view text) noexcept;
}  // namespace detail

/// A URI to compose, given either as text (validated with `parse_uri`, its embedded headers
/// with `check_uri_headers`, written as is) or as a `sip_uri` built from decoded parts (escaped
/// once when written). Composers of name-addr
/// values take this, so a Refer-To can carry an embedded Replaces in one step.
///
/// Aliases what it was built from: a `uri_ref` made from a temporary `sip_uri` is valid only
/// until the end of the full-expression.
class uri_ref {
 public:
  constexpr uri_ref() noexcept = default;
  constexpr uri_ref(std::string_view text) noexcept : text_(text) {}       // NOLINT
  constexpr uri_ref(const char* text) noexcept : text_(text) {}            // NOLINT
  constexpr uri_ref(const sip_uri& parts SIPREF_LIFETIMEBOUND) noexcept : parts_(&parts) {}  // NOLINT

  /// The same URI with a `;method=` uri-parameter added after its other parameters and before
  /// any `?headers` (RFC 3261 §19.1.1 method-param; PROCEDURE.md C13 never emits `?method=`).
  /// Composing fails with `bad_scheme` for a non-SIP URI, `duplicate_param` when the URI
  /// already names a method, `bad_method` when @p method is not a token or contains `%` or
  /// `` ` `` (token characters that a uri-parameter cannot hold unescaped).
  [[nodiscard]] constexpr uri_ref with_method(std::string_view method) const noexcept {
    uri_ref r = *this;
    r.method_ = method;
    r.validated_ = false;  // the method still has to be checked against the URI
    return r;
  }

  template <class Writer>
  [[gnu::always_inline]] constexpr error compose(Writer& w) const {
    // The common case, inline and without the full parser's frame: text validated by the
    // composer that built this, or of the shape the quick check accepts.
    if (parts_ == nullptr && method_.empty() && (validated_ || detail::quick_valid_sip_uri(text_))) {
      w.put(text_);
      return {};
    }
    return compose_checked(w);
  }
  /// True when no URI was given.
  [[nodiscard]] constexpr bool empty() const noexcept { return parts_ == nullptr && text_.empty(); }

 private:
  friend constexpr uri_ref detail::validated_uri_ref(std::string_view text) noexcept;

  // Everything else: parts, a method to add, text that needs the full parser.
  template <class Writer>
  [[gnu::noinline]] constexpr error compose_checked(Writer& w) const {
    // A method goes into a uri-parameter raw, so it must be a token (RFC 3261 §25.1 Method)
    // made of paramchar bytes: '%' would start an escape (RFC 3261 §19.1.2; legal in a
    // method, RFC 4475 esc02) and '`' is no paramchar; both tokens are refused here.
    if (!method_.empty()) {
      const std::size_t bad = std::min(grammar::first_not_in(method_, grammar::token_char), method_.find_first_of("%`"));
      if (bad < method_.size()) return {errc::bad_method, bad};
    }
    if (parts_ != nullptr) {
      if (!method_.empty()) return {errc::invalid_argument, 0};  // give it in sip_uri::params
      return parts_->compose(w);
    }
    auto u = parse_uri(text_);
    if (!u) return u.error();
    // Embedded headers become header fields where the URI is used (RFC 3261 §19.1.5): the
    // same checks as for a `sip_uri` given in parts, so text cannot smuggle a CR LF in.
    if (const error e = check_uri_headers(*u)) return e;
    if (method_.empty()) {
      w.put(text_);
      return {};
    }
    if (!u->is_sip()) return {errc::bad_scheme, 0};
    uri_param_view existing;
    if (u->params.find("method", existing) || u->headers.find("method", existing))
      return {errc::duplicate_param, static_cast<std::size_t>(existing.name.data() - text_.data())};
    const std::size_t split = u->headers.empty() ? text_.size() : static_cast<std::size_t>(u->headers.text().data() - text_.data()) - 1;
    w.put(text_.substr(0, split));
    w.put(std::string_view(";method=", 8));
    w.put(method_);
    w.put(text_.substr(split));
    return {};
  }

  std::string_view text_{};
  const sip_uri* parts_ = nullptr;
  std::string_view method_{};
  bool validated_ = false;  ///< text_ already validated by the composer that built this
};

namespace detail {
constexpr uri_ref validated_uri_ref(std::string_view text) noexcept {
  uri_ref r(text);
  r.validated_ = true;
  return r;
}
}  // namespace detail

SIPREF_END_NAMESPACE

#endif  // SIPREF_URI_HPP
