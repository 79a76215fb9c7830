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

#include "compose.hpp"
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
/// the extra parameters (`grammar::param`: name, unquoted value written as a token or a
/// quoted-string, or no value when `has_value` is false). It fails with `invalid_argument`
/// (offset inside the field) when the type, the handling value or a parameter name is not a
/// token, or when an extra parameter named `handling` has no token value; `duplicate_param`
/// (offset 0) for a repeated name or an extra `handling` parameter next to a non-empty
/// `handling` field; `control_char` / `bad_utf8` (offset inside the value) for a parameter
/// value that cannot be quoted; `invalid_argument` (offset 0) for a `{nullptr, n}` list.
struct content_disposition {
  static constexpr std::string_view header_name = "Content-Disposition";

  std::string_view type = {};            ///< `disp-type`, e.g. `recipient-list`
  std::string_view handling = {};        ///< `optional` / `required` / token; empty = omit
  list_ref<grammar::param> params = {};  ///< further `generic-param`s in wire order

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const error e = grammar::validate_token(type)) return e;
    if (!handling.empty()) {
      if (const error e = grammar::validate_token(handling)) return e;
    }
    if (const error e = grammar::validate_list_storage(params)) return e;
    if (!handling.empty()) {
      if (const error e = grammar::check_reserved_params(params, {"handling"}, errc::duplicate_param)) return e;
    }
    for (const grammar::param& p : params) {
      // handling-param needs a token value; a quoted or missing one is not one. Checked
      // before the generic checks so that a CR in it is reported like any non-token byte.
      if (!grammar::iequals(p.name, "handling")) continue;
      if (!p.has_value) return {errc::invalid_argument, 0};
      if (const error e = grammar::validate_token(p.value)) return e;
    }
    if (const error e = grammar::validate_params(params, errc::invalid_argument)) return e;
    w.put(type);
    if (!handling.empty()) {
      w.put(std::string_view(";handling=", 10));
      w.put(handling);
    }
    grammar::write_params(w, params, grammar::value_style::token_or_quoted);
    return {};
  }
};

/// A parsed, validated Content-Disposition value. Views alias the parsed input and are
/// valid while that buffer is.
struct content_disposition_view {
  std::string_view type{};        ///< `disp-type` as written (compare case-insensitively)
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
  if (const error e = grammar::start_value(s)) return e;
  content_disposition_view v;
  v.type = grammar::scan_token(s);
  if (v.type.empty()) return s.fail(errc::bad_token);
  auto ps = grammar::scan_params(s);
  if (!ps) return ps.error();
  for (const grammar::param_view& p : *ps) {
    if (!grammar::iequals(p.name, "handling")) continue;
    // handling-param = "handling" EQUAL token: a generic-param spelling of it (no value,
    // quoted value, bracketed host) would make the handling undecidable.
    if (const error e = grammar::check_token_param(input, p, errc::bad_param)) return e;
  }
  v.params = *ps;
  if (const error e = grammar::finish_value(s)) return e;
  return v;
}

SIPREF_END_NAMESPACE

#endif  // SIPREF_CONTENT_DISPOSITION_HPP
