// SPDX-License-Identifier: MIT
/// @file privacy.hpp
/// The Privacy header (RFC 3323 §4.2, plus `id` from RFC 3325 §9.3): parsing into a bitmask of
/// the known values plus iterable extension tokens, and composing in canonical order.
#ifndef SIPREF_PRIVACY_HPP
#define SIPREF_PRIVACY_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

/// The priv-values RFC 3323 §4.2 and RFC 3325 §9.3 define, as bit flags. Combine with `|`,
/// test with `has()`. The empty set is `privacy_flag{}`.
enum class privacy_flag : std::uint8_t {
  user = 1u << 0,      ///< `user`: user-level privacy (normally set by intermediaries)
  header = 1u << 1,    ///< `header`: obscure headers the UA cannot clean itself
  session = 1u << 2,   ///< `session`: anonymise the media
  id = 1u << 3,        ///< `id`: remove P-Asserted-Identity (RFC 3325 §9.3)
  none = 1u << 4,      ///< `none`: apply no privacy; must stand alone
  critical = 1u << 5,  ///< `critical`: fail if any requested privacy cannot be given
};

/// Set union.
[[nodiscard]] constexpr privacy_flag operator|(privacy_flag a, privacy_flag b) noexcept {
  return static_cast<privacy_flag>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
/// Set intersection.
[[nodiscard]] constexpr privacy_flag operator&(privacy_flag a, privacy_flag b) noexcept {
  return static_cast<privacy_flag>(static_cast<unsigned>(a) & static_cast<unsigned>(b));
}
constexpr privacy_flag& operator|=(privacy_flag& a, privacy_flag b) noexcept { return a = a | b; }
/// True when every flag of @p f is in @p set (and @p f is not empty).
[[nodiscard]] constexpr bool has(privacy_flag set, privacy_flag f) noexcept {
  return static_cast<unsigned>(f) != 0 && (set & f) == f;
}

/// Registered spellings of the known priv-values.
namespace privacy_value_name {
inline constexpr std::string_view user = "user";
inline constexpr std::string_view header = "header";
inline constexpr std::string_view session = "session";
inline constexpr std::string_view id = "id";
inline constexpr std::string_view none = "none";
inline constexpr std::string_view critical = "critical";
}  // namespace privacy_value_name

/// The flag a priv-value token names (ASCII case-insensitive, RFC 5234 §2.3), or
/// `privacy_flag{}` for an extension token such as `history`.
[[nodiscard]] constexpr privacy_flag classify_priv_value(std::string_view token) noexcept {
  if (grammar::iequals(token, privacy_value_name::user)) return privacy_flag::user;
  if (grammar::iequals(token, privacy_value_name::header)) return privacy_flag::header;
  if (grammar::iequals(token, privacy_value_name::session)) return privacy_flag::session;
  if (grammar::iequals(token, privacy_value_name::id)) return privacy_flag::id;
  if (grammar::iequals(token, privacy_value_name::none)) return privacy_flag::none;
  if (grammar::iequals(token, privacy_value_name::critical)) return privacy_flag::critical;
  return privacy_flag{};
}

namespace detail {
/// True when @p token names one of the known priv-values (`privacy_view::extensions` skips them).
constexpr bool is_known_priv_value(std::string_view token) noexcept {
  return classify_priv_value(token) != privacy_flag{};
}
}  // namespace detail

/// Per-call options of `parse_privacy`.
struct privacy_options {
  /// Accept LWS around the `;` separators (`id ; user`). The RFC 3323 §4.2 ABNF uses a bare
  /// `";"`, not SEMI, so strict mode rejects it (DIGEST §14 pitfall 38 says to tolerate it).
  bool allow_lws_around_semicolon = false;
  /// Skip the RFC 3323 §4.2 semantic checks (`none` combined with another value, a value
  /// repeated) and only check the syntax, leaving the semantics to the caller
  /// (PEERS.md (c) 16).
  bool allow_conflicting_values = false;
  /// Most priv-values accepted (`limit_exceeded` beyond). Bounds the duplicate check, which
  /// rescans earlier extension tokens.
  std::size_t max_values = 64;
};

/// A validated Privacy value. Views alias the parsed input (valid while its buffer is).
class privacy_view {
 public:
  constexpr privacy_view() = default;
  /// @p text must have been validated by `parse_privacy`.
  constexpr privacy_view(std::string_view text, privacy_flag flags) noexcept : text_(text), flags_(flags) {}

  /// A lazily iterated range of priv-value tokens, as written: a `grammar::token_list_view`
  /// over the `;`-separated value (`contains` compares ASCII case-insensitively).
  using range = grammar::token_list_view;
  /// Forward iterator over priv-value tokens (`std::string_view`s aliasing the input).
  using iterator = range::iterator;

  /// The known values present, as a bitmask.
  [[nodiscard]] constexpr privacy_flag flags() const noexcept { return flags_; }
  /// True when every flag of @p f is present.
  [[nodiscard]] constexpr bool has(privacy_flag f) const noexcept { return sipref::has(flags_, f); }
  /// Every priv-value in order, as written (known and extension tokens).
  [[nodiscard]] constexpr range values() const noexcept { return range(text_, ';'); }
  /// Only the extension tokens (e.g. `history`), in order, as written.
  [[nodiscard]] constexpr range extensions() const noexcept { return range(text_, ';', detail::is_known_priv_value); }
  /// The validated value text (without leading and trailing LWS).
  [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }

 private:
  std::string_view text_{};
  privacy_flag flags_{};
};

/// Parses a Privacy header value.
///
/// @par ABNF (RFC 3323 §4.2; RFC 3325 §9.3)
/// @code
/// Privacy-hdr  =  "Privacy" HCOLON priv-value *(";" priv-value)
/// priv-value   =   "header" / "session" / "user" / "none" / "critical"
///                  / token
/// priv-value = "id"
/// @endcode
/// The separator is a bare `;` (not SEMI): strict mode allows no LWS around it
/// (`privacy_options::allow_lws_around_semicolon`). A comma is not a separator: values must
/// all be in one Privacy header (RFC 3325 §9.3), so `id, user` is an error.
///
/// Semantic checks (skipped with `privacy_options::allow_conflicting_values`): `none` combined
/// with any other value (UAs MUST NOT, RFC 3323 §4.2) and a value given twice (DIGEST §12.1:
/// each value at most once; extension tokens compared case-insensitively) are `bad_privacy`
/// at the value that completes the conflict, i.e. the later of the two (`id;none` points at
/// `none`, `none;id` at `id`). `critical` placed before other values is accepted: RFC 3323
/// only describes it as coming last, with no MUST; `privacy_value` always writes it last.
///
/// @p input is the header value (text after HCOLON; leading and trailing LWS allowed) and
/// must be consumed entirely.
///
/// @par Example
/// @code
/// auto r = sipref::parse_privacy("id;history");
/// // r->has(sipref::privacy_flag::id), r->extensions().contains("history")
/// @endcode
///
/// Errors: `empty_value` (no value at all); `bad_privacy` at a missing value (`;;`, `id;`),
/// at a byte after a value that is neither `;` nor trailing LWS (`id, user` at the comma,
/// `id user` at `user`, strict `id ;user` at the space), or at a semantic conflict;
/// `limit_exceeded` at the value beyond `max_values`.
///
/// Lifetime: the view aliases @p input.
[[nodiscard]] constexpr result<privacy_view> parse_privacy(std::string_view input SIPREF_LIFETIMEBOUND,
                                                           privacy_options opt = {}) noexcept {
  grammar::scanner s(input);
  if (const error e = grammar::start_value(s)) return e;
  const std::size_t first = s.pos();
  privacy_flag flags{};
  std::size_t count = 0;
  std::size_t last = first;
  while (true) {
    const std::size_t at = s.pos();
    const std::string_view tok = grammar::scan_token(s);
    if (tok.empty()) return s.fail(errc::bad_privacy);
    if (++count > opt.max_values) return s.fail_at(errc::limit_exceeded, at);
    const privacy_flag f = classify_priv_value(tok);
    if (!opt.allow_conflicting_values) {
      const bool none_conflict =
          (f == privacy_flag::none && count > 1) || (f != privacy_flag::none && has(flags, privacy_flag::none));
      bool repeated = f != privacy_flag{} && has(flags, f);
      if (f == privacy_flag{}) {
        for (std::string_view earlier : privacy_view(input.substr(first, last - first), flags).extensions())
          if (grammar::iequals(earlier, tok)) repeated = true;
      }
      if (none_conflict || repeated) return s.fail_at(errc::bad_privacy, at);
    }
    flags |= f;
    last = s.pos();
    if (s.consume(';')) {
      if (opt.allow_lws_around_semicolon) grammar::skip_sws(s);
      continue;
    }
    // Not a bare ';': LWS then ';' (lenient only), trailing LWS, or an error.
    const std::size_t after = s.pos();
    grammar::skip_sws(s);
    if (s.next_is(';')) {
      if (!opt.allow_lws_around_semicolon) return s.fail_at(errc::bad_privacy, after);
      s.advance();
      grammar::skip_sws(s);
      continue;
    }
    if (s.at_end()) break;
    return s.fail(errc::bad_privacy);
  }
  return privacy_view(input.substr(first, last - first), flags);
}

/// A composable Privacy value: a set of known values plus optional extension tokens.
///
/// Written in canonical order `user;header;session;id;<extensions...>;critical`, or `none`
/// alone. Errors: `empty_value` (offset 0) when nothing is set; `bad_privacy` (offset 0) when
/// `none` is combined with anything (RFC 3323 §4.2); `invalid_argument` (offset 0) for bits
/// outside `privacy_flag`; for extension tokens, `invalid_argument` at the offending position
/// in the composed value: a non-token byte, an empty token, a token that names a known value
/// (set the flag instead) or repeats an earlier extension (case-insensitively).
///
/// @par Example
/// @code
/// std::string out;
/// auto e = sipref::append_to(out, sipref::privacy_value{sipref::privacy_flag::critical |
///                                                       sipref::privacy_flag::id});
/// // out == "id;critical"
/// const std::string_view ext[] = {"history"};
/// e = sipref::append_to(out, sipref::privacy_value{sipref::privacy_flag::user, ext});
/// // appends "user;history"
/// @endcode
struct privacy_value {
  /// Registered spelling of the header name (no compact form, RFC 3323 §7).
  static constexpr std::string_view header_name = "Privacy";
  /// The known values to request.
  privacy_flag values{};
  /// Extension tokens, written after the known values and before `critical`; aliases the
  /// caller's storage (see `list_ref`).
  list_ref<std::string_view> extensions{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    constexpr unsigned all = 0x3fu;
    const auto bits = static_cast<unsigned>(values);
    if ((bits & ~all) != 0) return {errc::invalid_argument, 0};
    if (bits == 0 && extensions.empty()) return {errc::empty_value, 0};
    if (has(values, privacy_flag::none)) {
      if (values != privacy_flag::none || !extensions.empty()) return {errc::bad_privacy, 0};
      w.put(privacy_value_name::none);
      return {};
    }
    constexpr privacy_flag order[] = {privacy_flag::user, privacy_flag::header, privacy_flag::session,
                                      privacy_flag::id};
    constexpr std::string_view names[] = {privacy_value_name::user, privacy_value_name::header,
                                          privacy_value_name::session, privacy_value_name::id};
    // Offsets of extension errors are positions in the composed value: count what precedes.
    std::size_t pos = 0;
    for (std::size_t i = 0; i < 4; ++i)
      if (has(values, order[i])) pos += names[i].size() + 1;
    // An extension spelling a known value must be given as the flag instead.
    auto not_known = [](std::string_view ext, std::size_t) {
      return classify_priv_value(ext) != privacy_flag{} ? error{errc::invalid_argument, 0} : error{};
    };
    if (const error e = grammar::validate_token_list(extensions, true, not_known, ";", pos)) return e;
    bool first = true;
    auto put = [&w, &first](std::string_view v) {
      if (!first) w.put(';');
      w.put(v);
      first = false;
    };
    for (std::size_t i = 0; i < 4; ++i)
      if (has(values, order[i])) put(names[i]);
    for (std::string_view ext : extensions) put(ext);
    if (has(values, privacy_flag::critical)) put(privacy_value_name::critical);
    return {};
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_PRIVACY_HPP
