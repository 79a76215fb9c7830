// SPDX-License-Identifier: MIT
/// @file name_addr.hpp
/// `name-addr` / `addr-spec` with display names and header parameters (RFC 3261 §20.10,
/// §25.1): the shape shared by From, To, Contact, Route, Refer-To, Referred-By and the
/// P-*-Identity headers. Parse single values and comma lists; compose a bracketed name-addr.
#ifndef SIPREF_NAME_ADDR_HPP
#define SIPREF_NAME_ADDR_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "uri.hpp"

SIPREF_BEGIN_NAMESPACE

/// A display name as it appeared on the wire.
///
/// @par ABNF (RFC 3261 §25.1)
/// `display-name = *(token LWS)/ quoted-string`
struct display_name_view {
  std::string_view raw{};  ///< the text as written: quotes included when quoted; empty when absent
  bool quoted = false;   ///< quoted-string form

  [[nodiscard]] constexpr bool empty() const noexcept { return raw.empty(); }
  /// Writes the display name as text: a quoted form with its quoted-pairs decoded, a token
  /// form with each run of LWS collapsed to one SP (RFC 3261 §7.3.1).
  template <class Writer>
  constexpr void decode(Writer& w) const {
    if (quoted) {
      grammar::unquote(w, raw.substr(1, raw.size() - 2));
      return;
    }
    grammar::scanner s(raw);
    bool first = true;
    while (!s.at_end()) {
      if (!first) w.put(' ');
      w.put(grammar::scan_token(s));
      grammar::skip_sws(s);
      first = false;
    }
  }
};

/// A `name-addr` or an `addr-spec`. Aliases the parsed text.
struct name_addr_view {
  display_name_view display_name;  ///< empty for an addr-spec or a name-addr without one
  uri_view uri;                    ///< the URI (inside the brackets for a name-addr)
  bool bracketed = false;          ///< `name-addr` form (`<...>`), as opposed to `addr-spec`
};

/// A header value `( name-addr / addr-spec ) *( SEMI generic-param )`. Aliases the parsed text.
struct addr_value_view {
  name_addr_view addr;
  grammar::params_view params;  ///< header parameters (after the URI, outside the brackets)
};

/// Leniencies for name-addr parsing; strict by default.
struct name_addr_options {
  uri_options uri{};              ///< applied to the URI inside `<>` (see `uri_options`)
  bool require_brackets = false;  ///< accept only the `name-addr` form (Route, Record-Route)
};

namespace detail {

/// `scan_name_addr` into @p v (a default `name_addr_view`): the URI is scanned in place.
constexpr error scan_name_addr_to(grammar::scanner& s, name_addr_view& v, const name_addr_options& opt) noexcept {
  const std::size_t start = s.pos();
  if (s.next_is('"')) {
    auto q = grammar::scan_quoted_string(s);
    if (!q) return q.error();
    v.display_name = {s.slice(start), true};
    grammar::skip_sws(s);
    if (!s.next_is('<')) return s.fail(errc::missing_laquot);
  } else if (!s.next_is('<')) {
    // `*(token LWS)` followed by '<' is a display name; anything else is an addr-spec.
    std::size_t tokens_end = start;
    while (!grammar::scan_token(s).empty()) {
      tokens_end = s.pos();
      if (!grammar::skip_lws(s)) break;
    }
    if (tokens_end != start && s.next_is('<')) {
      v.display_name = {s.input().substr(start, tokens_end - start), false};
    } else {
      if (opt.require_brackets) return s.fail_at(errc::missing_laquot, start);
      const std::size_t after_tokens = tokens_end;
      s.set_pos(start);
      if (const error e = scan_uri_to(s, v.uri, true, opt.uri)) {
        // "Bell, Alexander <...>": a token run that is not followed by ':' was meant as a
        // display name.
        if (e.code == errc::bad_scheme && after_tokens != start) return s.fail_at(errc::bad_display_name, after_tokens);
        return e;
      }
      // A URI with '?' headers must be bracketed (RFC 3261 §20.10; RFC 4475 regbadct).
      if (s.next_is('?')) return s.fail(errc::unbracketed_uri);
      return {};
    }
  }
  s.advance();  // '<'
  if (const error e = scan_uri_to(s, v.uri, false, opt.uri)) return e;
  if (!s.consume('>')) return s.fail(s.at_end() ? errc::missing_raquot : errc::trailing_garbage);
  v.bracketed = true;
  return {};
}

/// `scan_addr_value` into @p v (a default `addr_value_view`); each header parameter is also
/// handed to @p on_param as it is scanned (see `grammar::scan_params`).
template <class OnParam>
constexpr error scan_addr_value_to(grammar::scanner& s, addr_value_view& v, const name_addr_options& opt,
                                   OnParam&& on_param) noexcept {
  if (const error e = scan_name_addr_to(s, v.addr, opt)) return e;
  auto p = grammar::scan_params<&grammar::scan_generic_param>(s, on_param);
  if (!p) return p.error();
  v.params = *p;
  grammar::skip_sws(s);
  return {};
}

/// A per-parameter check that checks nothing.
struct no_param_check {
  constexpr error operator()(const grammar::param_view&) const noexcept { return {}; }
};

/// `parse_addr_value` into @p v, with @p on_param as in `scan_addr_value_to`.
template <class OnParam>
constexpr error parse_addr_value_to(std::string_view input, addr_value_view& v, const name_addr_options& opt,
                                    OnParam&& on_param) noexcept {
  grammar::scanner s(input);
  grammar::skip_sws(s);
  if (s.at_end()) return s.fail(errc::empty_value);
  if (const error e = scan_addr_value_to(s, v, opt, on_param)) return e;
  if (s.next_is(',')) return s.fail(errc::multiple_values);
  if (!s.at_end()) return s.fail(errc::trailing_garbage);
  return {};
}

}  // namespace detail

/// Scans `name-addr / addr-spec` at the scanner's position.
///
/// @par ABNF (RFC 3261 §25.1)
/// `name-addr = [ display-name ] LAQUOT addr-spec RAQUOT`
/// `addr-spec = SIP-URI / SIPS-URI / absoluteURI`
///
/// The choice between the two forms follows the grammar, not a search for `<`, so a `<` inside
/// a quoted parameter after an unbracketed URI is not mistaken for a name-addr (PEERS.md (c)
/// 11). A token display name directly followed by `<` is accepted (RFC 4475 §3.1.1.6 lwsdisp).
/// An unbracketed URI ends after its hostport: parameters after it belong to the header
/// (RFC 3261 §20.10).
///
/// Errors: those of `scan_uri`, plus `bad_display_name` (e.g. an unquoted `,` in a display name,
/// RFC 4475 baddn), `unterminated_quote`/`bad_quoted_pair`/`control_char`/`bad_utf8` in a
/// quoted display name, `missing_laquot` after a display name, `missing_raquot`,
/// `missing_laquot` when @p opt requires brackets, `unbracketed_uri` for an unbracketed URI
/// followed by `?` headers (RFC 4475 regbadct).
constexpr result<name_addr_view> scan_name_addr(grammar::scanner& s, const name_addr_options& opt = {}) noexcept {
  name_addr_view v;
  if (const error e = detail::scan_name_addr_to(s, v, opt)) return e;
  return v;
}

/// Scans one `( name-addr / addr-spec ) *( SEMI generic-param )` at the scanner's position and
/// the LWS after it.
constexpr result<addr_value_view> scan_addr_value(grammar::scanner& s, const name_addr_options& opt = {}) noexcept {
  addr_value_view v;
  if (const error e = detail::scan_addr_value_to(s, v, opt, detail::no_param_check{})) return e;
  return v;
}

/// Parses a header value that holds exactly one `( name-addr / addr-spec ) *( SEMI generic-param )`
/// (From, To, Refer-To, Referred-By ...). The value may be folded and may carry LWS around it.
///
/// Errors: those of `scan_name_addr` and `grammar::scan_params`; `empty_value`;
/// `multiple_values` at a `,` that starts a second value (RFC 3515 §2.4.1 for Refer-To,
/// RFC 4475 multi01 for From/To); `trailing_garbage`. Offsets are relative to @p input.
/// The result aliases @p input.
[[nodiscard]] constexpr result<addr_value_view> parse_addr_value(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                 const name_addr_options& opt = {}) noexcept {
  addr_value_view v;
  if (const error e = detail::parse_addr_value_to(input, v, opt, detail::no_param_check{})) return e;
  return v;
}

/// A validated comma list of address values (Contact, Route, Record-Route,
/// P-Asserted-Identity, P-Preferred-Identity), iterated lazily. Aliases the parsed text.
class addr_list_view {
 public:
  constexpr addr_list_view() = default;
  constexpr addr_list_view(std::string_view text, name_addr_options opt) noexcept : text_(text), opt_(opt) {}

  class iterator {
   public:
    constexpr iterator() = default;
    constexpr iterator(std::string_view text, name_addr_options opt) noexcept : s_(text), opt_(opt), done_(false) {
      grammar::skip_sws(s_);
      load();
    }
    constexpr const addr_value_view& operator*() const noexcept { return cur_; }
    constexpr const addr_value_view* operator->() const noexcept { return &cur_; }
    constexpr iterator& operator++() noexcept {
      if (!s_.consume(',')) {
        done_ = true;
        return *this;
      }
      grammar::skip_sws(s_);
      load();
      return *this;
    }
    constexpr bool operator==(const iterator& o) const noexcept { return done_ == o.done_ && (done_ || s_.pos() == o.s_.pos()); }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    constexpr void load() noexcept {
      cur_ = addr_value_view{};
      if (detail::scan_addr_value_to(s_, cur_, opt_, detail::no_param_check{})) done_ = true;  // unreachable for validated text
    }
    grammar::scanner s_{std::string_view{}};
    name_addr_options opt_{};
    addr_value_view cur_{};
    bool done_ = true;
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return text_.empty() ? iterator() : iterator(text_, opt_); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  [[nodiscard]] constexpr bool empty() const noexcept { return text_.empty(); }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }
  /// The first value (the list is never empty once parsed).
  [[nodiscard]] constexpr addr_value_view front() const noexcept { return *begin(); }

 private:
  std::string_view text_{};
  name_addr_options opt_{};
};

namespace detail {

/// `parse_addr_list`, handing each value to @p on_value (`error(const addr_value_view&)`) as
/// it is scanned, so that a header can check its values without iterating the list again. The
/// first error it returns is reported only once the whole list has scanned cleanly.
template <class OnValue>
constexpr result<addr_list_view> parse_addr_list_with(std::string_view input, const name_addr_options& opt,
                                                      OnValue&& on_value) noexcept {
  grammar::scanner s(input);
  grammar::skip_sws(s);
  if (s.at_end()) return s.fail(errc::empty_value);
  const std::size_t start = s.pos();
  error first_error{};
  addr_value_view v;
  while (true) {
    if (s.next_is(',') || s.at_end()) return s.fail(errc::empty_list_item);
    v = addr_value_view{};
    if (const error e = scan_addr_value_to(s, v, opt, no_param_check{})) return e;
    if (!first_error) first_error = on_value(static_cast<const addr_value_view&>(v));
    if (s.at_end()) break;
    if (!s.consume(',')) return s.fail(errc::trailing_garbage);
    grammar::skip_sws(s);
  }
  if (first_error) return first_error;
  return addr_list_view(input.substr(start), opt);
}

}  // namespace detail

/// Parses `value *(COMMA value)` where each value is `( name-addr / addr-spec ) *(SEMI generic-param)`.
///
/// @par ABNF (RFC 3261 §25.1, e.g.)
/// `Route = "Route" HCOLON route-param *(COMMA route-param)`
/// `Contact = ("Contact" / "m" ) HCOLON ( STAR / (contact-param *(COMMA contact-param)))`
///
/// An empty item (`a,,b`, a trailing comma) is `empty_list_item` at the comma's successor. The
/// result aliases @p input.
[[nodiscard]] constexpr result<addr_list_view> parse_addr_list(std::string_view input SIPREF_LIFETIMEBOUND,
                                                               const name_addr_options& opt = {}) noexcept {
  return detail::parse_addr_list_with(input, opt, [](const addr_value_view&) noexcept { return error{}; });
}

// ------------------------------------------------------------------------------------------
// Composition
// ------------------------------------------------------------------------------------------

namespace detail {
/// True when @p text can be sent as `*(token LWS)`: tokens separated by single SPs.
constexpr bool is_token_sequence(std::string_view text) noexcept {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') {
      if (text[i - 1] == ' ') return false;
    } else if (!grammar::is(text[i], grammar::token_char)) {
      return false;
    }
  }
  return true;
}
}  // namespace detail

/// A name-addr header value to compose: `[display-name] "<" URI ">" *(SEMI generic-param)`.
///
/// The URI is always bracketed (PROCEDURE.md §4; RFC 3261 §20.10 requires it whenever the URI
/// has `;`, `?` or `,`). The display name is plain UTF-8 text; it is written as a token
/// sequence when it is one and as a quoted-string otherwise (pitfall 12). The URI is a
/// `uri_ref`: text validated with `parse_uri`, or a `sip_uri` escaped once from decoded parts.
/// Parameters go through `grammar::validate_params`.
///
/// Errors: `control_char`/`bad_utf8` in the display name (offset inside it); any `parse_uri`
/// error (offset inside the URI); parameter errors (offset inside the parameter).
///
/// @par Example
/// @code
/// sipref::name_addr to{"Conference 123", "sip:conf-123@example.com"};
/// auto text = sipref::to_string(to);  // "\"Conference 123\" <sip:conf-123@example.com>"
/// @endcode
struct name_addr {
  std::string_view display_name{};        ///< plain text; empty for none
  uri_ref uri{};                          ///< URI text or parts
  list_ref<grammar::param> params{};    ///< header parameters

  /// With `std::true_type` as second argument, a `tag` parameter must also have a token
  /// value (From/To `tag-param`; see `basic_address`).
  template <class Writer, bool TokenTag = false>
  constexpr error compose(Writer& w, std::bool_constant<TokenTag> = {}) const {
    // Most name-addrs have no display name and few parameters: those checks are skipped
    // when there is nothing to check.
    if (!display_name.empty())
      if (const error e = grammar::validate_quotable(display_name)) return e;
    if (uri.empty()) return {errc::missing_field, 0};
    std::uint64_t token_values = 0;  // the parameter values validate_params found to be tokens
    if (!params.empty())
      if (const error e = grammar::validate_params(params, errc::bad_param, token_values)) return e;
    if constexpr (TokenTag)
      for (std::size_t i = 0; i < params.size(); ++i) {
        const grammar::param& p = params[i];
        // The names are tokens by now: only `t`/`T`, `a`/`A`, `g`/`G` fold to these.
        const bool tag = p.name.size() == 3 && (p.name[0] | 0x20) == 't' && (p.name[1] | 0x20) == 'a' &&
                         (p.name[2] | 0x20) == 'g';
        if (!tag) continue;
        const bool token = p.has_value && (i < 64 ? (token_values >> i & 1u) != 0 : grammar::is_token(p.value));
        if (!token) return {errc::bad_param, p.has_value ? grammar::first_not_in(p.value, grammar::token_char) : 0};
      }
    if (!display_name.empty()) {
      if (detail::is_token_sequence(display_name)) {
        w.put(display_name);
      } else {
        grammar::write_quoted(w, display_name);
      }
      w.put(' ');
    }
    w.put('<');
    if (const error e = uri.compose(w)) return e;
    w.put('>');
    if (!params.empty()) grammar::write_params(w, params, grammar::value_style::gen_value, token_values);
    return {};
  }
};

namespace detail {
/// True when header name @p Name declares `tag_is_token = true` (From and To).
template <class Name, class = void>
inline constexpr bool tag_is_token = false;
template <class Name>
inline constexpr bool tag_is_token<Name, std::void_t<decltype(Name::tag_is_token)>> = Name::tag_is_token;
}  // namespace detail

/// A name-addr valued header to compose, named by @p Name (a type with a
/// `static constexpr std::string_view value`, the header's registered spelling). It composes
/// exactly like `name_addr`; the name makes it usable with `header_row`.
///
/// For From and To (names with `tag_is_token`), a `tag` parameter must also be a token
/// (RFC 3261 §25.1 `tag-param = "tag" EQUAL token`), as `parse_from_to` requires: otherwise
/// `bad_param` at the first byte of its value that is not a token character (0 when it has
/// no value or an empty one).
template <class Name>
struct basic_address {
  static constexpr std::string_view header_name = Name::value;
  std::string_view display_name{};      ///< plain text; empty for none
  uri_ref uri{};                        ///< URI text or parts
  list_ref<grammar::param> params{};  ///< header parameters

  template <class Writer>
  constexpr error compose(Writer& w) const {
    return name_addr{display_name, uri, params}.compose(w, std::bool_constant<detail::tag_is_token<Name>>{});
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_NAME_ADDR_HPP
