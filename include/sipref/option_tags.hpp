// SPDX-License-Identifier: MIT
/// @file option_tags.hpp
/// Option-tag lists (RFC 3261 §19.2): parsing and composing the values of Require (§20.32),
/// Supported (§20.37), Unsupported (§20.40) and Proxy-Require (§20.29), merging repeated rows
/// (§7.3.1) without allocation, and the option tags the REFER extensions register.
///
/// The list machinery itself (`grammar::token_list_view`, `grammar::parse_token_list`,
/// `grammar::write_token_list`) lives in grammar.hpp.
#ifndef SIPREF_OPTION_TAGS_HPP
#define SIPREF_OPTION_TAGS_HPP

#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

// ------------------------------------------------------------------------------------------
// Option tag constants
// ------------------------------------------------------------------------------------------

/// Registered spellings of the option tags used around REFER. Option tags are tokens and
/// compare case-insensitively (RFC 3261 §7.3.1, §19.2); emit these spellings.
namespace option_tag {
/// REFER whose Refer-To points at a URI list (RFC 5368 §4, §11).
inline constexpr std::string_view multiple_refer = "multiple-refer";
/// REFER without the implicit subscription (RFC 4488 §4, §7).
inline constexpr std::string_view norefersub = "norefersub";
/// The Replaces header (RFC 3891 §6.2).
inline constexpr std::string_view replaces = "replaces";
/// REFER with an explicit subscription (RFC 7614 §4.1).
inline constexpr std::string_view explicitsub = "explicitsub";
/// REFER with no subscription at all (RFC 7614 §5.1).
inline constexpr std::string_view nosub = "nosub";
/// INVITE carrying a recipient list (RFC 5366 §3, §8).
inline constexpr std::string_view recipient_list_invite = "recipient-list-invite";
/// MESSAGE carrying a recipient list (RFC 5365 §5, §11).
inline constexpr std::string_view recipient_list_message = "recipient-list-message";
/// Proxy-Require tag for requests sent straight to a privacy service (RFC 3323 §4.3, §7).
inline constexpr std::string_view privacy = "privacy";
/// Reliable provisional responses (RFC 3262 §10). C++ names cannot start with a digit.
inline constexpr std::string_view rel100 = "100rel";
/// Session timers (RFC 4028 §3).
inline constexpr std::string_view timer = "timer";
/// Globally routable UA URIs (RFC 5627 §4).
inline constexpr std::string_view gruu = "gruu";
}  // namespace option_tag

// ------------------------------------------------------------------------------------------
// Views
// ------------------------------------------------------------------------------------------

/// Per-call leniency for the comma-list headers (option tags, Allow-Events); see
/// `grammar::list_options`.
using list_options = grammar::list_options;

/// A validated option-tag list (one row of Require, Supported, Unsupported or Proxy-Require):
/// a `grammar::token_list_view`, iterated lazily as `std::string_view`s that alias the input.
using option_tags_view = grammar::token_list_view;
/// Several option-tag rows of one header merged into one list (RFC 3261 §7.3.1).
///
/// @par Example
/// @code
/// auto a = sipref::parse_require("multiple-refer");  // first Require row
/// auto b = sipref::parse_require("norefersub");      // second Require row
/// const sipref::option_tags_view rows[] = {*a, *b};
/// sipref::option_tag_rows require(rows);
/// bool ok = require.contains("NoReferSub");  // true
/// @endcode
using option_tag_rows = grammar::token_list_rows;

// ------------------------------------------------------------------------------------------
// Parsers
// ------------------------------------------------------------------------------------------

/// The option-tag list headers: registered name and whether the list may be empty.
/// `option_tags_value<H>` and `parse_option_tags<H>` are the one mechanism for all four.
struct require_header {
  static constexpr std::string_view name = "Require";
  static constexpr bool may_be_empty = false;
};
/// Supported (compact form `k`, RFC 3261 §20.37); the only one that may be empty.
struct supported_header {
  static constexpr std::string_view name = "Supported";
  static constexpr bool may_be_empty = true;
};
struct unsupported_header {
  static constexpr std::string_view name = "Unsupported";
  static constexpr bool may_be_empty = false;
};
struct proxy_require_header {
  static constexpr std::string_view name = "Proxy-Require";
  static constexpr bool may_be_empty = false;
};

/// Parses the value of option-tag list header @p Header (see `parse_require` and friends).
///
/// @par ABNF (RFC 3261 §25.1, §20.32, §20.37, §20.40, §20.29)
/// @code
/// Require        =  "Require" HCOLON option-tag *(COMMA option-tag)
/// Supported      =  ( "Supported" / "k" ) HCOLON
///                   [option-tag *(COMMA option-tag)]
/// Unsupported    =  "Unsupported" HCOLON option-tag *(COMMA option-tag)
/// Proxy-Require  =  "Proxy-Require" HCOLON option-tag
///                   *(COMMA option-tag)
/// option-tag     =  token
/// @endcode
///
/// @p input is the header value (the text after HCOLON); it may contain line folds and
/// leading or trailing LWS, and must be consumed entirely. There is no cap on the number of
/// tags. Duplicated tags are accepted (repeated rows can legitimately produce them).
///
/// Errors: `empty_value` (no tag; Supported accepts that), `empty_list_item` at the empty
/// item (strict mode; see `list_options::allow_empty_items`), `bad_token` at an item that is
/// not a token, `trailing_garbage` at a byte after a tag that is neither COMMA nor LWS.
///
/// Lifetime: the view aliases @p input.
template <class Header>
[[nodiscard]] constexpr result<option_tags_view> parse_option_tags(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                   list_options opt = {}) noexcept {
  return grammar::parse_token_list(input, Header::may_be_empty, opt);
}

/// Parses a Require value (at least one option tag, RFC 3261 §20.32).
///
/// @par Example
/// @code
/// auto r = sipref::parse_require("multiple-refer, norefersub");
/// // r->contains(sipref::option_tag::norefersub) == true, r->size() == 2
/// @endcode
/// See `parse_option_tags` for grammar, errors and lifetime.
[[nodiscard]] constexpr result<option_tags_view> parse_require(std::string_view input SIPREF_LIFETIMEBOUND,
                                                               list_options opt = {}) noexcept {
  return parse_option_tags<require_header>(input, opt);
}
/// Parses a Supported value (possibly empty = "no extensions", RFC 3261 §20.37).
[[nodiscard]] constexpr result<option_tags_view> parse_supported(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                 list_options opt = {}) noexcept {
  return parse_option_tags<supported_header>(input, opt);
}
/// Parses an Unsupported value (at least one option tag, RFC 3261 §20.40).
[[nodiscard]] constexpr result<option_tags_view> parse_unsupported(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                   list_options opt = {}) noexcept {
  return parse_option_tags<unsupported_header>(input, opt);
}
/// Parses a Proxy-Require value (at least one option tag, RFC 3261 §20.29).
[[nodiscard]] constexpr result<option_tags_view> parse_proxy_require(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                     list_options opt = {}) noexcept {
  return parse_option_tags<proxy_require_header>(input, opt);
}

// ------------------------------------------------------------------------------------------
// Composer
// ------------------------------------------------------------------------------------------

/// A composable option-tag list value for header @p Header (`require_value`,
/// `supported_value`, `unsupported_value`, `proxy_require_value`).
///
/// Composes `tag, tag, ...` (joined with ", "). Each tag must be a non-empty `token`.
/// Errors (offsets are positions in the composed value, i.e. where a parser of the output
/// would point): `invalid_argument` at the first bad byte of a tag, at the start of an empty
/// tag, or at the start of a tag that repeats an earlier one case-insensitively (the composer
/// never silently drops duplicates); `empty_value` (offset 0) for an empty list except for
/// Supported, which then composes to the empty value.
///
/// @par Example
/// @code
/// const std::string_view tags[] = {sipref::option_tag::multiple_refer,
///                                  sipref::option_tag::norefersub};
/// std::string msg;
/// auto e = sipref::append_to(msg, sipref::header_row(sipref::require_value{tags}));
/// // msg == "Require: multiple-refer, norefersub\r\n"
/// @endcode
template <class Header>
struct option_tags_value {
  /// Registered long spelling of the header.
  static constexpr std::string_view header_name = Header::name;
  /// The tags, in order; aliases the caller's storage (see `list_ref`).
  list_ref<std::string_view> tags{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    return grammar::write_token_list(w, tags, Header::may_be_empty, true);
  }
};

using require_value = option_tags_value<require_header>;
using supported_value = option_tags_value<supported_header>;
using unsupported_value = option_tags_value<unsupported_header>;
using proxy_require_value = option_tags_value<proxy_require_header>;

SIPREF_END_NAMESPACE

#endif  // SIPREF_OPTION_TAGS_HPP
