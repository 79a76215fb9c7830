// SPDX-License-Identifier: MIT
/// @file content_id.hpp
/// The Content-ID header value (RFC 8262 §2; the same `msg-id` labels MIME body parts,
/// RFC 2045 §7): the label a `cid:` URL in Refer-To points at (RFC 5368 §7, RFC 2392 §2).
#ifndef SIPREF_CONTENT_ID_HPP
#define SIPREF_CONTENT_ID_HPP

#include <cstddef>
#include <string_view>

#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

namespace detail {
namespace content_id_impl {

/// Scans `id-right = dot-atom-text / no-fold-literal` (RFC 5322 §3.6.4, obsolete form
/// excluded).
constexpr result<std::string_view> scan_id_right(grammar::scanner& s) noexcept {
  if (s.next_is('[')) return grammar::scan_no_fold_literal(s);
  return grammar::scan_dot_atom(s, grammar::atext);
}

/// `{invalid_argument, i}` at the first byte of @p right where it stops being an `id-right`,
/// or `{ok, 0}`.
constexpr error validate_id_right(std::string_view right) noexcept {
  grammar::scanner s(right);
  auto r = scan_id_right(s);
  if (!r) return {errc::invalid_argument, r.error().offset};
  if (!s.at_end()) return {errc::invalid_argument, s.pos()};
  return {};
}

}  // namespace content_id_impl
}  // namespace detail

/// A composable Content-ID value `<id-left@id-right>`.
///
/// @par ABNF (RFC 8262 §2; RFC 5322 §3.6.4, §3.2.3, §3.4.1)
/// @code
/// Content-ID = "Content-ID" HCOLON msg-id
/// msg-id     = "<" id-left "@" id-right ">"
/// id-left         =   dot-atom-text / obs-id-left
/// id-right        =   dot-atom-text / no-fold-literal / obs-id-right
/// no-fold-literal =   "[" *dtext "]"
/// dot-atom-text   =   1*atext *("." 1*atext)
/// @endcode
/// The obsolete `obs-id-left` / `obs-id-right` forms are never generated (RFC 5322 §3.6.4
/// forbids it) nor accepted.
///
/// @par Example
/// @code
/// sipref::content_id id{"cn35t8jf02", "example.com"};
/// // to_string(header_row(id)) == "Content-ID: <cn35t8jf02@example.com>\r\n"
/// @endcode
///
/// To keep the `cid:` URL and the Content-ID text identical (no percent-encoding needed,
/// DIGEST §14 pitfall 29), pick ids from `[A-Za-z0-9.-]` (e.g. from `write_random_alnum`
/// in scalar_headers.hpp) plus one `@host`.
///
/// `compose` fails with `invalid_argument` at the offending offset inside `id_left` or
/// `id_right` (offset 0 for an empty one).
struct content_id {
  static constexpr std::string_view header_name = "Content-ID";

  std::string_view id_left = {};   ///< `dot-atom-text`, e.g. `cn35t8jf02`
  std::string_view id_right = {};  ///< `dot-atom-text` or `[dtext]`, e.g. `example.com`

  /// Splits an id written without angle brackets (`left@right`, as a decoded `cid:` URL
  /// gives it) at its first `@`; `id_left` cannot contain one. Without an `@` the whole text
  /// becomes `id_left` and `compose` then reports the empty `id_right`.
  [[nodiscard]] static constexpr content_id from_id(std::string_view id SIPREF_LIFETIMEBOUND) noexcept {
    const std::size_t at = id.find('@');
    if (at == std::string_view::npos) return content_id{id, {}};
    return content_id{id.substr(0, at), id.substr(at + 1)};
  }

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const error e = grammar::validate_dot_atom(id_left, grammar::atext)) return e;
    if (const error e = detail::content_id_impl::validate_id_right(id_right)) return e;
    w.put('<');
    w.put(id_left);
    w.put('@');
    w.put(id_right);
    w.put('>');
    return {};
  }
};

/// A parsed, validated Content-ID value. Views alias the parsed input and are valid while
/// that buffer is.
struct content_id_view {
  std::string_view id_left{};   ///< text between `<` and `@`
  std::string_view id_right{};  ///< text between `@` and `>`

  /// The id without angle brackets: `id-left "@" id-right` (what a decoded `cid:` URL
  /// names, RFC 2392 §2).
  /// Empty for a default-constructed view.
  [[nodiscard]] constexpr std::string_view id() const noexcept {
    if (id_left.data() == nullptr) return {};
    return std::string_view(id_left.data(), id_left.size() + 1 + id_right.size());
  }
  /// The whole `msg-id` including `<` and `>`. Empty for a default-constructed view.
  [[nodiscard]] constexpr std::string_view msg_id() const noexcept {
    if (id_left.data() == nullptr) return {};
    return std::string_view(id_left.data() - 1, id_left.size() + 3 + id_right.size());
  }
};

/// Parses a Content-ID header value (text after `HCOLON`; leading/trailing LWS allowed, no
/// comments) or the value of a MIME body part's Content-ID header.
///
/// @par ABNF (RFC 8262 §2)
/// @code
/// msg-id     = "<" id-left "@" id-right ">"
/// @endcode
/// with `id-left = dot-atom-text` and `id-right = dot-atom-text / no-fold-literal`
/// (RFC 5322 §3.6.4; obsolete forms rejected, no CFWS inside or around, RFC 8262 §2).
///
/// @par Example
/// @code
/// auto c = sipref::parse_content_id("<cn35t8jf02@example.com>");
/// // c->id() == "cn35t8jf02@example.com", c->id_right == "example.com"
/// @endcode
///
/// Errors (offsets into @p input): `empty_value` for an empty value; `missing_laquot` when
/// the value does not start with `<`; `bad_msg_id` at the first byte (or the end of input)
/// where `id-left`, `@` or `id-right` went wrong (PEERS.md (c) 18: `<` alone);
/// `missing_raquot` where `>` should be; `trailing_garbage` after the `>`.
///
/// The result's views alias @p input.
[[nodiscard]] constexpr result<content_id_view> parse_content_id(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  if (const error e = grammar::start_value(s)) return e;
  if (!s.consume('<')) return s.fail(errc::missing_laquot);
  content_id_view v;
  auto left = grammar::scan_dot_atom(s, grammar::atext);
  if (!left) return error{errc::bad_msg_id, left.error().offset};
  v.id_left = *left;
  if (!s.consume('@')) return s.fail(errc::bad_msg_id);
  auto right = detail::content_id_impl::scan_id_right(s);
  if (!right) return error{errc::bad_msg_id, right.error().offset};
  v.id_right = *right;
  if (!s.consume('>')) return s.fail(errc::missing_raquot);
  if (const error e = grammar::finish_value(s)) return e;
  return v;
}

/// True when @p cid names the body labelled by @p decoded_id: a byte-exact comparison with
/// the id text between the angle brackets.
///
/// @p decoded_id is a `cid:` URL with `cid:` stripped and percent-decoding applied once
/// (RFC 2392 §2; the URI side lives with the cid: URI parser). No case folding: RFC 2392
/// defines no case-insensitive part, and RFC 8262 §3.2 only asks for uniqueness.
[[nodiscard]] constexpr bool content_id_equals(const content_id_view& cid, std::string_view decoded_id) noexcept {
  return cid.id() == decoded_id;
}

SIPREF_END_NAMESPACE

#endif  // SIPREF_CONTENT_ID_HPP
