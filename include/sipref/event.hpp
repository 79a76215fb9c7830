// SPDX-License-Identifier: MIT
/// @file event.hpp
/// The SIP event headers a REFER subscription uses (RFC 6665 §8.4; RFC 3515 §3): Event
/// (with the `id` parameter that tells REFERs in one dialog apart), Subscription-State and
/// Allow-Events. Parsing, matching and composing. Compact forms (`o`, `u`) are the message
/// framing's business; these functions take header values.
#ifndef SIPREF_EVENT_HPP
#define SIPREF_EVENT_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

/// The event package REFER subscriptions use (RFC 3515 §3.1).
inline constexpr std::string_view refer_event_package = "refer";

namespace detail {

/// Checks that @p type (found at offset @p at) is an `event-type`: dot-separated, non-empty
/// `token-nodot` parts, i.e. a dot-atom over `token_nodot`. Returns @p code at the place
/// where an empty part starts (`.refer` at the dot, `refer..x` at the second dot, `refer.` at
/// the end) or at a byte outside `token-nodot`.
constexpr error check_event_type(std::string_view type, std::size_t at, errc code) noexcept {
  const error e = grammar::validate_dot_atom(type, grammar::token_nodot, code);
  return e ? error{e.code, at + e.offset} : e;
}

/// List-item check for Allow-Events.
struct event_type_item {
  constexpr error operator()(std::string_view item, std::size_t at) const noexcept {
    return check_event_type(item, at, errc::bad_event);
  }
};

/// List-item check for composing Allow-Events (caller error).
struct event_type_argument {
  constexpr error operator()(std::string_view item, std::size_t at) const noexcept {
    return check_event_type(item, at, errc::invalid_argument);
  }
};

}  // namespace detail

// ------------------------------------------------------------------------------------------
// Event
// ------------------------------------------------------------------------------------------

/// A parsed Event value. Views alias the parsed input (valid while its buffer is).
struct event_view {
  /// The whole `event-type`, e.g. `refer` or `presence.winfo`.
  std::string_view type{};
  /// The raw `id` token; meaningful only when `has_id`.
  std::string_view id{};
  /// Whether an `id` parameter is present.
  bool has_id = false;
  /// All parameters (including `id`), validated.
  grammar::params_view params{};

  /// The `event-package` (the part of `type` before the first dot).
  [[nodiscard]] constexpr std::string_view package() const noexcept { return type.substr(0, type.find('.')); }
  /// The `event-template` parts after the package (`winfo` in `presence.winfo`), or empty.
  [[nodiscard]] constexpr std::string_view templates() const noexcept {
    const std::size_t dot = type.find('.');
    return dot == std::string_view::npos ? std::string_view{} : type.substr(dot + 1);
  }
};

/// Parses an Event header value.
///
/// @par ABNF (RFC 6665 §8.4)
/// @code
/// Event             =  ( "Event" / "o" ) HCOLON event-type
///                      *( SEMI event-param )
/// event-type        =  event-package *( "." event-template )
/// event-package     =  token-nodot
/// event-template    =  token-nodot
/// token-nodot       =  1*( alphanum / "-"  / "!" / "%" / "*"
///                          / "_" / "+" / "`" / "'" / "~" )
/// event-param       =  generic-param / ( "id" EQUAL token )
/// @endcode
/// `id` is deprecated in general but RFC 3515 §2.4.6 still requires it for the second and
/// later REFER in a dialog. Its value must be a `token`: a quoted or host-shaped `id` would
/// match `generic-param` too, but it could not be matched byte-wise as RFC 6665 §8.2.1
/// requires, so it is rejected.
///
/// @p input is the header value (text after HCOLON; leading and trailing LWS allowed) and
/// must be consumed entirely. Exactly one event type per header (RFC 6665 §8.2.1).
///
/// @par Example
/// @code
/// auto e = sipref::parse_event("refer;id=93809824");
/// // e->type == "refer", e->has_id, e->id == "93809824"
/// @endcode
///
/// Errors: `bad_event` at an empty or malformed event-type part, or at an `id` without a
/// token value (at its value, or just after its name when it has none); `bad_param` /
/// `duplicate_param` / `limit_exceeded` from the parameters; `multiple_values` at a COMMA
/// after the value; `trailing_garbage` at any other unconsumed byte.
///
/// Lifetime: the view aliases @p input.
[[nodiscard]] constexpr result<event_view> parse_event(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  grammar::skip_sws(s);
  const std::size_t at = s.pos();
  event_view v;
  v.type = grammar::scan_token(s);
  if (const error e = detail::check_event_type(v.type, at, errc::bad_event)) return e;
  // The id parameter is checked as the list is scanned; the list's own errors come first.
  const auto check = [&](const grammar::param_view& p) -> error {
    if (!grammar::iequals(p.name, "id")) return {};
    if (const error e = grammar::check_token_param(input, p, errc::bad_event)) return e;
    v.id = p.value;
    v.has_id = true;
    return {};
  };
  auto params = grammar::scan_params<&grammar::scan_generic_param>(s, check);
  if (!params) return params.error();
  v.params = *params;
  if (const error e = grammar::finish_single_value(s)) return e;
  return v;
}

/// True when two Event values name the same subscription (RFC 6665 §8.2.1): the event-types
/// are equal byte for byte, and either neither has an `id` or both have one and the `id`
/// tokens are equal byte for byte. Other parameters are ignored. So `refer;id=5` does not
/// match `refer` (DIGEST §14 pitfall 26), and `Refer` does not match `refer`.
[[nodiscard]] constexpr bool event_matches(const event_view& a, const event_view& b) noexcept {
  return a.type == b.type && a.has_id == b.has_id && (!a.has_id || a.id == b.id);
}

/// A composable Event value.
///
/// `type` must be an `event-type`; `id`, when not empty, must be a `token` and is written as
/// `;id=<id>`; `params` are further parameters (`grammar::param`) and must not contain `id`
/// (use the field).
///
/// Errors (offsets inside the offending field): `invalid_argument` for a malformed `type`
/// (at the bad byte or empty part), a non-token `id`, or an `id` among `params` (offset 0);
/// `bad_param` / `duplicate_param` / `control_char` / `bad_utf8` from
/// `grammar::validate_params`.
///
/// @par Example
/// @code
/// std::string msg;
/// auto e = sipref::append_to(msg, sipref::header_row(sipref::event_value{"refer", "93809824"}));
/// // msg == "Event: refer;id=93809824\r\n"
/// @endcode
struct event_value {
  /// Registered long spelling (compact form `o`, RFC 6665 §8.4).
  static constexpr std::string_view header_name = "Event";
  /// The event-type, e.g. `refer`.
  std::string_view type = refer_event_package;
  /// The `id` parameter value (the REFER's CSeq number, RFC 3515 §2.4.6); empty for none.
  std::string_view id{};
  /// Other parameters, in order; aliases the caller's storage. Must not contain `id`.
  list_ref<grammar::param> params{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const error e = detail::check_event_type(type, 0, errc::invalid_argument)) return e;
    if (!id.empty())
      if (const error e = grammar::validate_token(id)) return e;
    if (const error e = grammar::validate_params(params)) return e;
    if (const error e = grammar::check_reserved_params(params, {"id"})) return e;
    w.put(type);
    if (!id.empty()) {
      w.put(std::string_view(";id=", 4));
      w.put(id);
    }
    grammar::write_params(w, params);
    return {};
  }
};

// ------------------------------------------------------------------------------------------
// Subscription-State
// ------------------------------------------------------------------------------------------

/// The `substate-value` (RFC 6665 §8.4).
enum class substate : std::uint8_t {
  extension = 0,  ///< an `extension-substate` token (see the raw text)
  active,         ///< `active`
  pending,        ///< `pending`
  terminated,     ///< `terminated`
};

/// The `event-reason-value` of Subscription-State (RFC 6665 §4.1.3, §8.4).
enum class event_reason : std::uint8_t {
  absent = 0,   ///< no `reason` parameter
  extension,    ///< an `event-reason-extension` token (see the raw text)
  deactivated,  ///< retry immediately
  probation,    ///< retry later (after `retry-after` if given)
  rejected,     ///< do not retry
  timeout,      ///< not refreshed in time; may retry
  giveup,       ///< authorisation timed out; retry (after `retry-after` if given)
  noresource,   ///< the watched state is gone (final NOTIFY of a REFER, RFC 3515 §2.4.7)
  invariant,    ///< the state will never change; do not retry
};

/// The registered spelling of @p s; empty for `substate::extension`.
[[nodiscard]] constexpr std::string_view to_string(substate s) noexcept {
  switch (s) {
    case substate::active:
      return "active";
    case substate::pending:
      return "pending";
    case substate::terminated:
      return "terminated";
    case substate::extension:
      break;
  }
  return {};
}

/// The registered spelling of @p r; empty for `absent` and `extension`.
[[nodiscard]] constexpr std::string_view to_string(event_reason r) noexcept {
  switch (r) {
    case event_reason::deactivated:
      return "deactivated";
    case event_reason::probation:
      return "probation";
    case event_reason::rejected:
      return "rejected";
    case event_reason::timeout:
      return "timeout";
    case event_reason::giveup:
      return "giveup";
    case event_reason::noresource:
      return "noresource";
    case event_reason::invariant:
      return "invariant";
    case event_reason::absent:
    case event_reason::extension:
      break;
  }
  return {};
}

/// The substate a token names (ASCII case-insensitive), or `substate::extension`.
[[nodiscard]] constexpr substate classify_substate(std::string_view token) noexcept {
  for (substate s : {substate::active, substate::pending, substate::terminated})
    if (grammar::iequals(token, to_string(s))) return s;
  return substate::extension;
}

/// The reason a token names (ASCII case-insensitive), or `event_reason::extension`.
[[nodiscard]] constexpr event_reason classify_event_reason(std::string_view token) noexcept {
  for (event_reason r :
       {event_reason::deactivated, event_reason::probation, event_reason::rejected, event_reason::timeout,
        event_reason::giveup, event_reason::noresource, event_reason::invariant})
    if (grammar::iequals(token, to_string(r))) return r;
  return event_reason::extension;
}

/// A parsed Subscription-State value. Views alias the parsed input (valid while its buffer is).
struct subscription_state_view {
  /// The state; `substate::extension` for an unknown token.
  substate state = substate::extension;
  /// The state token as written.
  std::string_view state_raw{};
  /// The reason; `event_reason::absent` without a `reason` parameter.
  event_reason reason = event_reason::absent;
  /// The reason token as written; empty when absent.
  std::string_view reason_raw{};
  /// `expires` in seconds, when present.
  std::optional<std::uint32_t> expires{};
  /// `retry-after` in seconds, when present.
  std::optional<std::uint32_t> retry_after{};
  /// All parameters (including reason, expires, retry-after), validated.
  grammar::params_view params{};
};

namespace detail {
/// Parses the `delta-seconds` value of parameter @p p (a view into @p input) into 32 bits.
constexpr result<std::uint32_t> param_delta_seconds(std::string_view input, const grammar::param_view& p) noexcept {
  if (!p.has_value) return error{errc::bad_number, grammar::offset_in(input, p.name) + p.name.size()};
  grammar::scanner v(p.value, grammar::offset_in(input, p.value));
  auto n = grammar::scan_uint(v, 0xffffffffu);
  if (!n) return n.error();
  if (!v.at_end()) return v.fail(errc::bad_number);
  return static_cast<std::uint32_t>(*n);
}
}  // namespace detail

/// Parses a Subscription-State header value.
///
/// @par ABNF (RFC 6665 §8.4)
/// @code
/// Subscription-State   = "Subscription-State" HCOLON substate-value
///                        *( SEMI subexp-params )
/// substate-value       = "active" / "pending" / "terminated"
///                        / extension-substate
/// extension-substate   = token
/// subexp-params        =   ("reason" EQUAL event-reason-value)
///                        / ("expires" EQUAL delta-seconds)
///                        / ("retry-after" EQUAL delta-seconds)
///                        / generic-param
/// event-reason-value   =   "deactivated"
///                        / "probation"
///                        / "rejected"
///                        / "timeout"
///                        / "giveup"
///                        / "noresource"
///                        / "invariant"
///                        / event-reason-extension
/// event-reason-extension = token
/// delta-seconds        =  1*DIGIT   ; RFC 3261 §25.1
/// @endcode
/// `reason` must carry a token, `expires` and `retry-after` digits that fit 32 bits (the
/// quoted or other forms `generic-param` would also match have no defined meaning there).
/// Whether `expires` is present for active/pending (a notifier MUST send it, RFC 6665
/// §4.2.2) is left to the caller.
///
/// @p input is the header value (text after HCOLON; leading and trailing LWS allowed) and
/// must be consumed entirely.
///
/// @par Example
/// @code
/// auto s = sipref::parse_subscription_state("terminated;reason=noresource");
/// // s->state == sipref::substate::terminated, s->reason == sipref::event_reason::noresource
/// @endcode
///
/// Errors: `bad_substate` at a missing state token, or at a `reason` without a token value
/// (at its value, or just after its name when it has none); `bad_number` at the first
/// non-digit of `expires` / `retry-after` (just after the name when there is no value);
/// `number_overflow` at the first digit of a value above 4294967295; `bad_param` /
/// `duplicate_param` / `limit_exceeded` from the parameters (`expires=(depends...)`, as
/// printed in RFC 3515 §4, is `bad_param` at the parenthesis); `multiple_values` at a
/// COMMA after the value; `trailing_garbage` at any other unconsumed byte.
///
/// Lifetime: the view aliases @p input.
[[nodiscard]] constexpr result<subscription_state_view> parse_subscription_state(
    std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  grammar::skip_sws(s);
  subscription_state_view v;
  v.state_raw = grammar::scan_token(s);
  if (v.state_raw.empty()) return s.fail(errc::bad_substate);
  v.state = classify_substate(v.state_raw);
  // Each known parameter is checked as the list is scanned; the list's own errors come first.
  const auto check = [&](const grammar::param_view& p) -> error {
    if (grammar::iequals(p.name, "reason")) {
      if (const error e = grammar::check_token_param(input, p, errc::bad_substate)) return e;
      v.reason_raw = p.value;
      v.reason = classify_event_reason(p.value);
    } else if (grammar::iequals(p.name, "expires")) {
      auto n = detail::param_delta_seconds(input, p);
      if (!n) return n.error();
      v.expires = *n;
    } else if (grammar::iequals(p.name, "retry-after")) {
      auto n = detail::param_delta_seconds(input, p);
      if (!n) return n.error();
      v.retry_after = *n;
    }
    return {};
  };
  auto params = grammar::scan_params<&grammar::scan_generic_param>(s, check);
  if (!params) return params.error();
  v.params = *params;
  if (const error e = grammar::finish_single_value(s)) return e;
  return v;
}

/// A composable Subscription-State value.
///
/// Written as `state[;reason=r][;expires=n][;retry-after=n][;params...]`. Use
/// `extension_state` / `extension_reason` (tokens) with `substate::extension` /
/// `event_reason::extension`. `params` are further parameters (`grammar::param`) and must not
/// contain `reason`, `expires` or `retry-after` (use the fields).
///
/// Errors (offsets inside the offending field, 0 for enum misuse): `invalid_argument` for an
/// extension state/reason that is empty or not a token (or given with a non-extension enum
/// value), one that spells a registered state/reason (offset 0: it would read back as that
/// one), an out-of-range enum, or a reserved name among `params`; `bad_param` /
/// `duplicate_param` / `control_char` / `bad_utf8` from `grammar::validate_params`.
///
/// @par Example
/// @code
/// std::string msg;
/// auto e = sipref::append_to(msg, sipref::subscription_state_value{
///     sipref::substate::terminated, sipref::event_reason::noresource});
/// // msg == "terminated;reason=noresource"
/// @endcode
struct subscription_state_value {
  /// Registered spelling of the header name (no compact form).
  static constexpr std::string_view header_name = "Subscription-State";
  substate state = substate::active;
  event_reason reason = event_reason::absent;
  /// Remaining subscription time; MUST be given for active/pending (RFC 6665 §4.2.2).
  std::optional<std::uint32_t> expires{};
  std::optional<std::uint32_t> retry_after{};
  /// The state token when `state == substate::extension`: not a registered state name
  /// (in any case), which would read back as that state.
  std::string_view extension_state{};
  /// The reason token when `reason == event_reason::extension`: not a registered reason name
  /// (in any case).
  std::string_view extension_reason{};
  /// Other parameters, in order; aliases the caller's storage. Must not contain `reason`,
  /// `expires` or `retry-after`.
  list_ref<grammar::param> params{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    std::string_view state_text = to_string(state);
    if (state == substate::extension) {
      if (const error e = grammar::validate_token(extension_state)) return e;
      // A registered name would be read back as that state, not as an extension.
      if (classify_substate(extension_state) != substate::extension) return {errc::invalid_argument, 0};
      state_text = extension_state;
    } else if (state_text.empty() || !extension_state.empty()) {
      return {errc::invalid_argument, 0};
    }
    std::string_view reason_text = to_string(reason);
    if (reason == event_reason::extension) {
      if (const error e = grammar::validate_token(extension_reason)) return e;
      if (classify_event_reason(extension_reason) != event_reason::extension) return {errc::invalid_argument, 0};
      reason_text = extension_reason;
    } else if ((reason != event_reason::absent && reason_text.empty()) || !extension_reason.empty()) {
      return {errc::invalid_argument, 0};
    }
    if (const error e = grammar::validate_params(params)) return e;
    if (const error e = grammar::check_reserved_params(params, {"reason", "expires", "retry-after"})) return e;
    w.put(state_text);
    if (!reason_text.empty()) {
      w.put(std::string_view(";reason=", 8));
      w.put(reason_text);
    }
    if (expires) {
      w.put(std::string_view(";expires=", 9));
      grammar::write_decimal(w, *expires);
    }
    if (retry_after) {
      w.put(std::string_view(";retry-after=", 13));
      grammar::write_decimal(w, *retry_after);
    }
    grammar::write_params(w, params);
    return {};
  }
};

// ------------------------------------------------------------------------------------------
// Allow-Events
// ------------------------------------------------------------------------------------------

/// A validated Allow-Events list; iterate it for the event types (`std::string_view`).
/// Compare with `contains_exact` (event types match byte for byte, RFC 6665 §8.2.1).
using allow_events_view = grammar::token_list_view;

/// Parses an Allow-Events header value.
///
/// @par ABNF (RFC 6665 §8.4)
/// @code
/// Allow-Events      =  ( "Allow-Events" / "u" ) HCOLON event-type
///                      *(COMMA event-type)
/// @endcode
/// At least one event type. Repeated rows merge like option tags (`grammar::token_list_rows`).
///
/// @par Example
/// @code
/// auto a = sipref::parse_allow_events("dialog, conference");
/// // a->size() == 2, a->contains_exact("conference")
/// @endcode
///
/// Errors: `empty_value` (no event type), `empty_list_item` (strict mode, at the empty item;
/// see `grammar::list_options`), `bad_token` at an item that does not start with a token character,
/// `bad_event` at a malformed event-type part (`a..b`), `trailing_garbage` at a byte after
/// an item that is neither COMMA nor trailing LWS.
///
/// Lifetime: the view aliases @p input.
[[nodiscard]] constexpr result<allow_events_view> parse_allow_events(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                     grammar::list_options opt = {}) noexcept {
  return grammar::parse_token_list(input, false, opt, detail::event_type_item{});
}

/// A composable Allow-Events value: event types joined with ", ".
///
/// Errors (offsets are positions in the composed value): `empty_value` (offset 0) for an
/// empty list; `invalid_argument` at a malformed event-type byte or empty part, at an empty
/// item, or at an item repeating an earlier one byte for byte.
///
/// @par Example
/// @code
/// const std::string_view types[] = {"refer", "dialog"};
/// std::string out;
/// auto e = sipref::append_to(out, sipref::allow_events_value{types});
/// // out == "refer, dialog"
/// @endcode
struct allow_events_value {
  /// Registered long spelling (compact form `u`, RFC 6665 §8.4).
  static constexpr std::string_view header_name = "Allow-Events";
  /// The event types, in order; aliases the caller's storage (see `list_ref`).
  list_ref<std::string_view> types{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    return grammar::write_token_list(w, types, false, false, detail::event_type_argument{});
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_EVENT_HPP
