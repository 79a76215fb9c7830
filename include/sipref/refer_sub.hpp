// SPDX-License-Identifier: MIT
/// @file refer_sub.hpp
/// The Refer-Sub header (RFC 4488 §4): parsing and composing `true` / `false` plus extension
/// parameters. `Refer-Sub: false` asks the REFER recipient not to create the implicit
/// subscription; the matching option tag is `option_tag::norefersub` (option_tags.hpp).
#ifndef SIPREF_REFER_SUB_HPP
#define SIPREF_REFER_SUB_HPP

#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

/// A parsed Refer-Sub value. Views alias the parsed input (valid while its buffer is).
struct refer_sub_view {
  /// `true` for `true` (any case), `false` for `false` (any case).
  bool value = true;
  /// The value token exactly as written (`TRUE`, `false` ...).
  std::string_view raw{};
  /// The `exten` parameters (`;x=1`), validated; empty when there are none.
  grammar::params_view params{};
};

/// Parses a Refer-Sub header value.
///
/// @par ABNF (RFC 4488 §4)
/// @code
/// Refer-Sub       = "Refer-Sub" HCOLON refer-sub-value *(SEMI exten)
/// refer-sub-value = "true" / "false"
/// exten           = generic-param
/// @endcode
/// The literals are case-insensitive (RFC 5234 §2.3), so `TRUE` is `true`. Anything else is
/// malformed and reported as such, never read as "suppress" or "subscribe" by default
/// (PEERS.md (c) 14: prefix comparisons made `truex` true and `yes` false elsewhere).
///
/// @p input is the header value (text after HCOLON, may contain line folds and leading or
/// trailing LWS) and must be consumed entirely.
///
/// @par Example
/// @code
/// auto r = sipref::parse_refer_sub("false;x=1");
/// // r->value == false, r->params.get("x") == "1"
/// @endcode
///
/// Errors: `bad_refer_sub` at the value when it is not exactly `true`/`false` (`truex`,
/// `yes`, empty, quoted); `bad_param` / `duplicate_param` / `limit_exceeded` from the
/// parameters (see `grammar::scan_params`); `multiple_values` at a COMMA after the value;
/// `trailing_garbage` at any other unconsumed byte.
///
/// Lifetime: the view aliases @p input.
[[nodiscard]] constexpr result<refer_sub_view> parse_refer_sub(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  grammar::skip_sws(s);
  const std::size_t at = s.pos();
  refer_sub_view v;
  v.raw = grammar::scan_token(s);
  if (grammar::iequals(v.raw, "true")) {
    v.value = true;
  } else if (grammar::iequals(v.raw, "false")) {
    v.value = false;
  } else {
    return s.fail_at(errc::bad_refer_sub, at);
  }
  auto params = grammar::scan_params(s);
  if (!params) return params.error();
  v.params = *params;
  if (const error e = grammar::finish_single_value(s)) return e;
  return v;
}

/// A composable Refer-Sub value: `true` or `false`, then optional extension parameters.
///
/// @par ABNF (RFC 4488 §4)
/// `Refer-Sub = "Refer-Sub" HCOLON refer-sub-value *(SEMI exten)`
///
/// `params` are extension parameters (`grammar::param`: name plus plain-text value, written
/// as a token when it is one and as a quoted-string otherwise). Errors from
/// `grammar::validate_params`, offsets inside the offending name or value: `bad_param` (name
/// not a token), `duplicate_param`, `control_char` / `bad_utf8` (value).
///
/// Refer-Sub has no compact form (RFC 4488 §7).
///
/// @par Example
/// @code
/// std::string msg;
/// auto e = sipref::append_to(msg, sipref::header_row(sipref::refer_sub_value{false}));
/// // msg == "Refer-Sub: false\r\n"
/// @endcode
struct refer_sub_value {
  /// Registered spelling of the header name.
  static constexpr std::string_view header_name = "Refer-Sub";
  /// `false` asks for no implicit subscription (RFC 4488 §4); `true` is RFC 3515 behaviour.
  bool value = true;
  /// Extension parameters (`exten`), in order; aliases the caller's storage.
  list_ref<grammar::param> params{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const error e = grammar::validate_params(params)) return e;
    w.put(value ? std::string_view("true", 4) : std::string_view("false", 5));
    grammar::write_params(w, params);
    return {};
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_REFER_SUB_HPP
