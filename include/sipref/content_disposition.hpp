// SPDX-License-Identifier: MIT
/// @file content_disposition.hpp
/// The Content-Disposition header value (RFC 3261 §20.11) with its `handling` parameter and
/// the disposition types of URI-list services (RFC 5363 §4.1 `recipient-list`, RFC 5364 §7
/// `recipient-list-history`) and body references (RFC 5621 §9.4 `by-reference`).
#ifndef SIPREF_CONTENT_DISPOSITION_HPP
#define SIPREF_CONTENT_DISPOSITION_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

/// Disposition types (`disp-type`; compare case-insensitively, RFC 3261 §7.3.1).
namespace disposition_types {
/// Body to be rendered to the user; default for non-SDP bodies (RFC 3261 §20.11).
inline constexpr std::string_view render = "render";
/// Session description; default for `application/sdp` (RFC 3261 §20.11).
inline constexpr std::string_view session = "session";
/// An icon image (RFC 3261 §20.11).
inline constexpr std::string_view icon = "icon";
/// An alerting sound (RFC 3261 §20.11).
inline constexpr std::string_view alert = "alert";
/// The list of final recipients sent to a URI-list service (RFC 5363 §4.1; RFC 5368 §7).
inline constexpr std::string_view recipient_list = "recipient-list";
/// The list a URI-list service forwards to recipients (RFC 5364 §7; RFC 5368 §8), which
/// SHOULD carry `handling=optional`.
inline constexpr std::string_view recipient_list_history = "recipient-list-history";
/// A body part that may only be processed through a reference to it (RFC 5621 §9.4).
inline constexpr std::string_view by_reference = "by-reference";
}  // namespace disposition_types

/// The `handling` parameter values of RFC 3261 §20.11.
namespace disposition_handling_values {
inline constexpr std::string_view optional = "optional";  ///< body may be ignored if not understood
inline constexpr std::string_view required = "required";  ///< request fails if the body is not understood
}  // namespace disposition_handling_values

/// What the `handling` parameter says, with RFC 3261 §20.11's default applied.
enum class disposition_handling : std::uint8_t {
  required,  ///< `handling=required`, or no `handling` parameter (§20.11: "SHOULD" default)
  optional,  ///< `handling=optional`
  other,     ///< an `other-handling` token; see `content_disposition_view::handling_token`
};

namespace detail {
namespace content_disposition_impl {

constexpr std::size_t offset_in(std::string_view whole, std::string_view part) noexcept {
  return static_cast<std::size_t>(part.data() - whole.data());
}

/// `{invalid_argument, i}` at the first non-token byte of @p s (offset 0 when empty).
constexpr error check_token(std::string_view s) noexcept {
  if (s.empty()) return {errc::invalid_argument, 0};
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!grammar::is(s[i], grammar::token_char)) return {errc::invalid_argument, i};
  return {};
}

}  // namespace content_disposition_impl
}  // namespace detail

/// One `generic-param` for composing a disposition: name, unquoted value, and whether an
/// `=value` is written at all.
struct disposition_param {
  std::string_view name = {};   ///< a token
  std::string_view value = {};  ///< unquoted value text; written as a token or a quoted-string
  bool has_value = true;        ///< false writes the bare name (`;name`)
};

/// A composable Content-Disposition value.
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// Content-Disposition   =  "Content-Disposition" HCOLON
///                          disp-type *( SEMI disp-param )
/// disp-type             =  "render" / "session" / "icon" / "alert"
///                          / disp-extension-token
/// disp-param            =  handling-param / generic-param
/// handling-param        =  "handling" EQUAL
///                          ( "optional" / "required"
///                          / other-handling )
/// other-handling        =  token
/// disp-extension-token  =  token
/// @endcode
///
/// @par Example
/// @code
/// sipref::content_disposition d{sipref::disposition_types::recipient_list_history,
///                               sipref::disposition_handling_values::optional};
/// // to_string(d) == "recipient-list-history;handling=optional"
/// @endcode
///
/// `compose` writes `type`, then `;handling=<handling>` when `handling` is not empty, then
/// the extra parameters. It fails with `invalid_argument` (offset inside the field) when the
/// type, the handling value or a parameter name is not a token, or when an extra parameter
/// named `handling` has no token value; `duplicate_param` (offset 0) for a repeated name or
/// an extra `handling` parameter next to a non-empty `handling` field; `control_char` /
/// `bad_utf8` (offset inside the value) for a parameter value that cannot be quoted.
struct content_disposition {
  static constexpr std::string_view header_name = "Content-Disposition";

  std::string_view type = {};                 ///< `disp-type`, e.g. `recipient-list`
  std::string_view handling = {};             ///< `optional` / `required` / token; empty = omit
  const disposition_param* params = nullptr;  ///< further `generic-param`s in wire order
  std::size_t param_count = 0;

  template <class Writer>
  constexpr error compose(Writer& w) const {
    namespace impl = detail::content_disposition_impl;
    if (const error e = impl::check_token(type)) return e;
    if (!handling.empty()) {
      if (const error e = impl::check_token(handling)) return e;
    }
    if (params == nullptr && param_count != 0) return {errc::invalid_argument, 0};
    for (std::size_t i = 0; i < param_count; ++i) {
      if (const error e = impl::check_token(params[i].name)) return e;
      if (!handling.empty() && grammar::iequals(params[i].name, "handling")) return {errc::duplicate_param, 0};
      // handling-param needs a token value; a quoted or missing one is not one.
      if (grammar::iequals(params[i].name, "handling")) {
        if (!params[i].has_value) return {errc::invalid_argument, 0};
        if (const error e = impl::check_token(params[i].value)) return e;
      }
      for (std::size_t j = 0; j < i; ++j)
        if (grammar::iequals(params[j].name, params[i].name)) return {errc::duplicate_param, 0};
    }
    w.put(type);
    if (!handling.empty()) {
      w.put(std::string_view(";handling=", 10));
      w.put(handling);
    }
    for (std::size_t i = 0; i < param_count; ++i) {
      w.put(';');
      w.put(params[i].name);
      if (!params[i].has_value) continue;
      w.put('=');
      if (grammar::is_token(params[i].value)) {
        w.put(params[i].value);
      } else {
        if (const error e = grammar::validate_quotable(params[i].value)) return e;
        grammar::write_quoted(w, params[i].value);
      }
    }
    return {};
  }
};

/// A parsed, validated Content-Disposition value. Views alias the parsed input and are
/// valid while that buffer is.
struct content_disposition_view {
  std::string_view type;        ///< `disp-type` as written (compare case-insensitively)
  grammar::params_view params;  ///< every `disp-param`, `handling` included

  /// True when the disposition type is @p t (ASCII case-insensitive).
  [[nodiscard]] constexpr bool is(std::string_view t) const noexcept { return grammar::iequals(type, t); }

  /// The `handling` value as written, or an empty view when there is none.
  [[nodiscard]] constexpr std::string_view handling_token() const noexcept { return params.get("handling"); }

  /// True when a `handling` parameter is present.
  [[nodiscard]] constexpr bool has_handling() const noexcept { return params.contains("handling"); }

  /// The handling with RFC 3261 §20.11's default: no `handling` parameter means `required`.
  [[nodiscard]] constexpr disposition_handling handling() const noexcept {
    const std::string_view h = handling_token();
    if (h.empty() || grammar::iequals(h, disposition_handling_values::required)) return disposition_handling::required;
    if (grammar::iequals(h, disposition_handling_values::optional)) return disposition_handling::optional;
    return disposition_handling::other;
  }
};

/// Parses a Content-Disposition header value (text after `HCOLON`; leading/trailing LWS and
/// folds allowed). Also parses the MIME body-part header of the same name as far as SIP
/// uses it (RFC 5621 §8.2): a token disposition type plus `generic-param`s.
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// Content-Disposition   =  "Content-Disposition" HCOLON
///                          disp-type *( SEMI disp-param )
/// disp-param            =  handling-param / generic-param
/// handling-param        =  "handling" EQUAL
///                          ( "optional" / "required"
///                          / other-handling )
/// other-handling        =  token
/// @endcode
///
/// @par Example
/// @code
/// auto d = sipref::parse_content_disposition("recipient-list-history; handling=optional");
/// // d->is("recipient-list-history") && d->handling() == disposition_handling::optional
/// @endcode
///
/// Errors (offsets into @p input): `empty_value` for an empty value; `bad_token` where the
/// disposition type should start; `bad_param` at a `handling` parameter without a value
/// (offset after its name) or with a value that is not a token (offset of the value), and
/// wherever `generic-param` scanning fails; `duplicate_param` at a repeated parameter name;
/// `limit_exceeded` beyond `grammar::max_params`; `trailing_garbage`.
///
/// The result's views alias @p input.
[[nodiscard]] constexpr result<content_disposition_view> parse_content_disposition(
    std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  grammar::skip_sws(s);
  if (s.at_end()) return s.fail(errc::empty_value);
  content_disposition_view v;
  v.type = grammar::scan_token(s);
  if (v.type.empty()) return s.fail(errc::bad_token);
  auto ps = grammar::scan_params(s);
  if (!ps) return ps.error();
  for (const grammar::param_view& p : *ps) {
    if (!grammar::iequals(p.name, "handling")) continue;
    // handling-param = "handling" EQUAL token: a generic-param spelling of it (no value,
    // quoted value, bracketed host) would make the handling undecidable.
    if (!p.has_value)
      return s.fail_at(errc::bad_param, detail::content_disposition_impl::offset_in(input, p.name) + p.name.size());
    if (!grammar::is_token(p.value))
      return s.fail_at(errc::bad_param, detail::content_disposition_impl::offset_in(input, p.value));
  }
  v.params = *ps;
  grammar::skip_sws(s);
  if (!s.at_end()) return s.fail(errc::trailing_garbage);
  return v;
}

SIPREF_END_NAMESPACE

#endif  // SIPREF_CONTENT_DISPOSITION_HPP
