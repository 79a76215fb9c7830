// SPDX-License-Identifier: MIT
/// @file content_type.hpp
/// The Content-Type header value (RFC 3261 §20.15, §25.1 `media-type`): a validating,
/// non-allocating parser, a composable value, and the media types REFER conferencing uses.
#ifndef SIPREF_CONTENT_TYPE_HPP
#define SIPREF_CONTENT_TYPE_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

/// A composable Content-Type value: `type/subtype` followed by parameters.
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// Content-Type     =  ( "Content-Type" / "c" ) HCOLON media-type
/// media-type       =  m-type SLASH m-subtype *(SEMI m-parameter)
/// m-parameter      =  m-attribute EQUAL m-value
/// m-attribute      =  token
/// m-value          =  token / quoted-string
/// @endcode
///
/// @par Example
/// @code
/// const sipref::grammar::param ps[] = {{"boundary", "boundary1"}};
/// auto s = sipref::to_string(sipref::media_types::multipart_mixed.with_params(ps));
/// // *s == "multipart/mixed;boundary=boundary1"
/// @endcode
///
/// Each parameter is a `grammar::param`: the attribute name and the *unquoted* value text.
/// The value is written as a token when it is one and as a quoted-string otherwise (RFC 2045
/// §5.1: both spellings mean the same), so a caller never quotes by hand; a bracketed host
/// is quoted too, since `m-value` has no host form.
///
/// `compose` fails with `invalid_argument` (offset inside the offending type, subtype or
/// parameter name) when one is not a token, `duplicate_param` (offset 0) when a parameter
/// name repeats (RFC 3261 §7.3.1), `control_char` / `bad_utf8` (offset inside the value)
/// when a parameter value cannot be written as a quoted-string, `bad_param` (offset 0) for
/// a parameter without a value (`has_value == false`: `m-parameter` requires one), and
/// `invalid_argument` (offset 0) for a `{nullptr, n}` list (see
/// `grammar::validate_params`). `params` aliases the caller's storage, which must outlive
/// the composition.
struct content_type {
  static constexpr std::string_view header_name = "Content-Type";

  std::string_view type = {};            ///< `m-type`, e.g. `application`
  std::string_view subtype = {};         ///< `m-subtype`, e.g. `resource-lists+xml`
  list_ref<grammar::param> params = {};  ///< parameters in wire order

  /// The same type with the parameters @p ps (which must outlive the returned value).
  template <std::size_t N>
  [[nodiscard]] constexpr content_type with_params(const grammar::param (&ps)[N] SIPREF_LIFETIMEBOUND) const noexcept {
    return content_type{type, subtype, ps};
  }

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const error e = grammar::validate_token(type)) return e;
    if (const error e = grammar::validate_token(subtype)) return e;
    if (const error e = grammar::validate_params(params, errc::invalid_argument)) return e;
    for (const grammar::param& p : params)
      if (!p.has_value) return {errc::bad_param, 0};
    w.put(type);
    w.put('/');
    w.put(subtype);
    grammar::write_params(w, params, grammar::value_style::token_or_quoted);
    return {};
  }
};

/// Media types used by REFER-based conference management.
namespace media_types {
/// `application/resource-lists+xml`: the URI list of a multiple-REFER (RFC 4826 §3.4.2,
/// RFC 5368 §6).
inline constexpr content_type resource_lists_xml{"application", "resource-lists+xml"};
/// `message/sipfrag`: the NOTIFY body of the `refer` event package (RFC 3420 §5,
/// RFC 3515 §2.4.5). Its optional `version` parameter defaults to `2.0`.
inline constexpr content_type sipfrag{"message", "sipfrag"};
/// `multipart/mixed` (RFC 2046 §5.1.3, RFC 5621 §4.2); needs a `boundary` parameter.
inline constexpr content_type multipart_mixed{"multipart", "mixed"};
/// `application/sdp` (RFC 3261 §20.15 example; RFC 4566).
inline constexpr content_type sdp{"application", "sdp"};
}  // namespace media_types

/// A parsed, validated Content-Type value. All views alias the parsed input and are valid
/// while that buffer is.
struct content_type_view {
  std::string_view type{};        ///< `m-type` as written (compare case-insensitively)
  std::string_view subtype{};     ///< `m-subtype` as written (compare case-insensitively)
  grammar::params_view params;  ///< every `m-parameter`; each has a value

  /// True when the media type is @p t / @p st, compared ASCII case-insensitively
  /// (RFC 2045 §5.1: type, subtype and parameter names are case-insensitive).
  [[nodiscard]] constexpr bool is(std::string_view t, std::string_view st) const noexcept {
    return grammar::iequals(type, t) && grammar::iequals(subtype, st);
  }
  /// True when the media type equals that of @p ct (its parameters are ignored).
  [[nodiscard]] constexpr bool is(const content_type& ct) const noexcept { return is(ct.type, ct.subtype); }

  /// True when a parameter named @p name (case-insensitive) is present.
  [[nodiscard]] constexpr bool has_param(std::string_view name) const noexcept { return params.contains(name); }

  /// The raw wire value of parameter @p name (quotes kept when quoted), or an empty view.
  [[nodiscard]] constexpr std::string_view param(std::string_view name) const noexcept { return params.get(name); }

  /// The value of parameter @p name as a view, when it needs no decoding: a token, or a
  /// quoted-string without quoted-pairs or line folds (returned without its quotes).
  /// `std::nullopt` when the parameter is absent or its value needs `param_value`.
  ///
  /// @par Example
  /// `multipart/mixed;boundary="boundary1"` → `param_plain("boundary") == "boundary1"`.
  [[nodiscard]] constexpr std::optional<std::string_view> param_plain(std::string_view name) const noexcept {
    grammar::param_view tmp;
    const grammar::param_view* p = params.find(name, tmp);
    if (p == nullptr) return std::nullopt;
    if (!p->is_quoted()) return p->value;
    const std::string_view content = p->unquoted_raw();
    for (char c : content)
      if (c == '\\' || c == '\r') return std::nullopt;
    return content;
  }

  /// Writes the decoded value of parameter @p name (quoted-pairs resolved, folds replaced by
  /// one SP, RFC 3261 §7.3.1) to @p out. Returns false, writing nothing, when it is absent.
  template <class Writer>
  constexpr bool param_value(std::string_view name, Writer& out) const {
    grammar::param_view tmp;
    const grammar::param_view* p = params.find(name, tmp);
    if (p == nullptr) return false;
    if (p->is_quoted()) {
      grammar::unquote(out, p->unquoted_raw());
    } else {
      out.put(p->value);
    }
    return true;
  }
};

/// Parses a Content-Type header value (the text after `HCOLON`; leading and trailing LWS
/// and line folds are allowed).
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// media-type       =  m-type SLASH m-subtype *(SEMI m-parameter)
/// m-type           =  discrete-type / composite-type
/// discrete-type    =  "text" / "image" / "audio" / "video"
///                     / "application" / extension-token
/// composite-type   =  "message" / "multipart" / extension-token
/// extension-token  =  ietf-token / x-token
/// m-subtype        =  extension-token / iana-token
/// m-parameter      =  m-attribute EQUAL m-value
/// m-attribute      =  token
/// m-value          =  token / quoted-string
/// @endcode
///
/// @par Example
/// @code
/// auto ct = sipref::parse_content_type("message/sipfrag;version=2.0");
/// // ct->is(sipref::media_types::sipfrag) && ct->param("version") == "2.0"
/// @endcode
///
/// Errors (offsets into @p input): `empty_value` for an empty or all-LWS value;
/// `bad_media_type` where the type, the `/` or the subtype is missing; `bad_param` at the
/// end of a parameter name with no `=` (`m-parameter` requires a value), at a bracketed
/// host value, or wherever `generic-param` scanning fails; `duplicate_param` at a repeated
/// parameter name (RFC 3261 §7.3.1); `limit_exceeded` beyond `grammar::max_params`;
/// `trailing_garbage` at the first byte after a complete value.
///
/// The result's views alias @p input.
[[nodiscard]] constexpr result<content_type_view> parse_content_type(
    std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  if (const error e = grammar::start_value(s)) return e;
  content_type_view v;
  v.type = grammar::scan_token(s);
  if (v.type.empty()) return s.fail(errc::bad_media_type);
  grammar::skip_sws(s);  // SLASH = SWS "/" SWS
  if (!s.consume('/')) return s.fail(errc::bad_media_type);
  grammar::skip_sws(s);
  v.subtype = grammar::scan_token(s);
  if (v.subtype.empty()) return s.fail(errc::bad_media_type);
  auto ps = grammar::scan_params(s);
  if (!ps) return ps.error();
  for (const grammar::param_view& p : *ps) {
    // generic-param allows a missing value and a bracketed host; m-parameter allows neither.
    if (!p.has_value) return s.fail_at(errc::bad_param, grammar::offset_in(input, p.name) + p.name.size());
    if (p.value.front() == '[') return s.fail_at(errc::bad_param, grammar::offset_in(input, p.value));
  }
  v.params = *ps;
  if (const error e = grammar::finish_value(s)) return e;
  return v;
}

SIPREF_END_NAMESPACE

#endif  // SIPREF_CONTENT_TYPE_HPP
