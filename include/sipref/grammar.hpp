// SPDX-License-Identifier: MIT
/// @file grammar.hpp
/// The RFC 3261 §25.1 core rules every other sipref header is built from: constexpr
/// character classes, a bounds-checked scanner over a `(pointer, length)` view, LWS/SWS with
/// line folding, separators, header value framing, token, word, quoted-string, numbers,
/// UTF-8 validation, percent-encoding, RFC 5322 / RFC 3892 dot-atoms and no-fold-literals,
/// generic-param lists (parsing, validating and writing), and token lists such as option tags
/// (lazy views, merged rows, composition).
///
/// Nothing here allocates, throws, writes to its input or needs a NUL terminator; every
/// look-ahead is checked against the end of the view. The `validate_*` functions check
/// caller-supplied text for composers and return `sipref::error`s whose offsets lie inside
/// that text.
#ifndef SIPREF_GRAMMAR_HPP
#define SIPREF_GRAMMAR_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"

// The bulk byte scans (`skip_alnum_and` below, the header-value skip in message.hpp) compare
// 16 bytes at a time where SSE2 is available (every x86-64) and the compiler can tell it is
// not evaluating a constant expression (intrinsics cannot be constant-evaluated); elsewhere
// they fall back to portable byte loops.
#if defined(__SSE2__) && defined(__has_builtin)
#if __has_builtin(__builtin_is_constant_evaluated)
#define SIPREF_GRAMMAR_HAS_SSE2 1
#endif
#endif
#ifndef SIPREF_GRAMMAR_HAS_SSE2
#define SIPREF_GRAMMAR_HAS_SSE2 0
#endif

SIPREF_BEGIN_NAMESPACE
namespace grammar {

// ------------------------------------------------------------------------------------------
// Character classes
// ------------------------------------------------------------------------------------------

/// Bit flags naming the character sets of RFC 3261 §25.1 (and a few neighbours).
/// Combine with `|` and test with `is(c, set)`.
enum charset : std::uint32_t {
  alpha = 1u << 0,               ///< `ALPHA`
  digit = 1u << 1,               ///< `DIGIT`
  hexdig = 1u << 2,              ///< `HEXDIG` (either case, RFC 5234 §2.3)
  token_char = 1u << 3,          ///< `token` = alphanum / "-.!%*_+`'~"
  word_char = 1u << 4,           ///< `word` = token chars / "()<>:\"/[]?{}"
  unreserved = 1u << 5,          ///< `unreserved` = alphanum / mark
  user_unreserved = 1u << 6,     ///< `user-unreserved` = "&=+$,;?/"
  password_extra = 1u << 7,      ///< the extra chars of `password` = "&=+$,"
  param_unreserved = 1u << 8,    ///< `param-unreserved` = "[]/:&+$"
  hnv_unreserved = 1u << 9,      ///< `hnv-unreserved` = "[]/?:+$"
  reserved = 1u << 10,           ///< `reserved` = ";/?:@&=+$,"
  wsp = 1u << 11,                ///< SP / HTAB
  token_nodot = 1u << 12,        ///< `token-nodot` (RFC 6665 §8.4)
  scheme_char = 1u << 13,        ///< ALPHA / DIGIT / "+" / "-" / "." (RFC 3261 `scheme`)
  atext = 1u << 14,              ///< RFC 5322 §3.2.3 `atext`
  visible = 1u << 15,            ///< %x21-7E
  ctl = 1u << 16,                ///< %x00-1F / %x7F
  dtext = 1u << 17,              ///< RFC 5322 §3.4.1 `dtext` = %d33-90 / %d94-126 (no obs-dtext)
  alphanum = alpha | digit,
};

namespace detail {
struct char_table {
  std::uint32_t bits[256];
};

constexpr bool in(char c, const char* set) noexcept {
  for (; *set; ++set)
    if (*set == c) return true;
  return false;
}

constexpr char_table make_char_table() noexcept {
  char_table t{};
  for (int i = 0; i < 256; ++i) {
    const char c = static_cast<char>(i);
    std::uint32_t b = 0;
    const bool is_alpha = (i >= 'A' && i <= 'Z') || (i >= 'a' && i <= 'z');
    const bool is_digit = i >= '0' && i <= '9';
    if (is_alpha) b |= alpha;
    if (is_digit) b |= digit;
    if (is_digit || (i >= 'a' && i <= 'f') || (i >= 'A' && i <= 'F')) b |= hexdig;
    if (is_alpha || is_digit) {
      b |= token_char | word_char | unreserved | token_nodot | scheme_char | atext;
    }
    if (in(c, "-.!%*_+`'~")) b |= token_char | word_char;
    if (in(c, "-!%*_+`'~")) b |= token_nodot;
    if (in(c, "()<>:\\\"/[]?{}")) b |= word_char;
    if (in(c, "-_.!~*'()")) b |= unreserved;
    if (in(c, "&=+$,;?/")) b |= user_unreserved;
    if (in(c, "&=+$,")) b |= password_extra;
    if (in(c, "[]/:&+$")) b |= param_unreserved;
    if (in(c, "[]/?:+$")) b |= hnv_unreserved;
    if (in(c, ";/?:@&=+$,")) b |= reserved;
    if (i == ' ' || i == '\t') b |= wsp;
    if (in(c, "+-.")) b |= scheme_char;
    if (in(c, "!#$%&'*+-/=?^_`{|}~")) b |= atext;
    if (i >= 0x21 && i <= 0x7e) b |= visible;
    if (i < 0x20 || i == 0x7f) b |= ctl;
    if ((i >= 33 && i <= 90) || (i >= 94 && i <= 126)) b |= dtext;
    t.bits[i] = b;
  }
  return t;
}

inline constexpr char_table char_classes = make_char_table();
}  // namespace detail

/// True when byte @p c belongs to any of the sets in @p set.
[[nodiscard]] constexpr bool is(char c, std::uint32_t set) noexcept {
  return (detail::char_classes.bits[static_cast<unsigned char>(c)] & set) != 0;
}

/// True when every byte of @p s is in @p set (and @p s is not empty).
[[nodiscard]] constexpr bool all_of(std::string_view s, std::uint32_t set) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (!is(c, set)) return false;
  return true;
}

/// Offset of the first byte of @p s not in @p set (`s.size()` when all are; 0 when empty).
[[nodiscard]] constexpr std::size_t first_not_in(std::string_view s, std::uint32_t set) noexcept {
  std::size_t i = 0;
  while (i < s.size() && is(s[i], set)) ++i;
  return i;
}

/// ASCII lower-casing; other bytes unchanged.
[[nodiscard]] constexpr char to_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

/// Case-insensitive ASCII comparison, as RFC 5234 §2.3 prescribes for quoted ABNF literals,
/// header names, tokens and option tags (RFC 3261 §7.3.1).
[[nodiscard]] constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

/// Value of a HEXDIG byte, or -1.
[[nodiscard]] constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// ------------------------------------------------------------------------------------------
// UTF-8
// ------------------------------------------------------------------------------------------

/// Length of the well-formed UTF-8 sequence (RFC 3629 §4: no overlongs, no surrogates, at most
/// U+10FFFF) starting at @p s[i], or 0 when it is not one. ASCII bytes give 1.
[[nodiscard]] constexpr std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() - i < n) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return n;
}

/// Offset of the first byte of @p s that does not start a well-formed UTF-8 sequence, or
/// `std::string_view::npos` when all of @p s is well-formed.
[[nodiscard]] constexpr std::size_t find_invalid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

// ------------------------------------------------------------------------------------------
// Bulk skipping
// ------------------------------------------------------------------------------------------

#if SIPREF_GRAMMAR_HAS_SSE2
namespace simd {
/// 16 bytes from @p p (unaligned).
inline __m128i load16(const char* p) noexcept { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
/// 0xff in each byte of @p x that is an ASCII letter: (x | 0x20) - 'a' <= 25, unsigned,
/// tested as min(y, 25) == y.
inline __m128i letters(__m128i x) noexcept {
  const __m128i y = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  return _mm_cmpeq_epi8(_mm_min_epu8(y, _mm_set1_epi8(25)), y);
}
/// 0xff in each byte of @p x that is an ASCII digit.
inline __m128i digits(__m128i x) noexcept {
  const __m128i y = _mm_sub_epi8(x, _mm_set1_epi8('0'));
  return _mm_cmpeq_epi8(_mm_min_epu8(y, _mm_set1_epi8(9)), y);
}
/// 0xff in each byte of @p x equal to @p c.
inline __m128i equals(__m128i x, char c) noexcept { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); }
/// One bit per byte (bit i for byte i) of a byte mask.
inline unsigned bits(__m128i m) noexcept { return static_cast<unsigned>(_mm_movemask_epi8(m)); }
/// One bit for each byte of @p x that is not a `word` character: not visible ASCII
/// (%x21-7E), or one of the nine visible bytes `word` leaves out, `#$&,;=@^|`.
inline unsigned non_word(__m128i x) noexcept {
  const __m128i y = _mm_sub_epi8(x, _mm_set1_epi8(0x21));
  const __m128i visible = _mm_cmpeq_epi8(_mm_min_epu8(y, _mm_set1_epi8(0x7e - 0x21)), y);
  const __m128i out = _mm_or_si128(
      _mm_or_si128(_mm_or_si128(equals(x, '#'), equals(x, '$')), _mm_or_si128(equals(x, '&'), equals(x, ','))),
      _mm_or_si128(_mm_or_si128(equals(x, ';'), equals(x, '=')),
                   _mm_or_si128(_mm_or_si128(equals(x, '@'), equals(x, '^')), equals(x, '|'))));
  return bits(_mm_or_si128(_mm_andnot_si128(visible, _mm_set1_epi8(-1)), out));
}
/// True when all 16 bytes of @p x are printable ASCII (%x20-7E): as signed bytes above
/// 0x1F and below 0x7F (bytes from 0x80 are negative).
inline bool all_printable_ascii(__m128i x) noexcept {
  const __m128i in = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x1f)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x7f)));
  return bits(in) == 0xffffu;
}

}  // namespace simd
#endif

/// A position at or after @p k in @p t such that every byte in between is an ASCII letter, an
/// ASCII digit, @p extra1 or @p extra2: with SSE2, the first byte that is none of them (or a
/// position near the end, where fewer than 16 bytes remain); without, @p k itself. A fast
/// prefix for byte loops over header names, users and hosts, which then go on from there
/// with their own checks (so the result is the same either way, only cheaper).
[[nodiscard]] constexpr std::size_t skip_alnum_and(std::string_view t, std::size_t k, char extra1, char extra2) noexcept {
#if SIPREF_GRAMMAR_HAS_SSE2
  if (!__builtin_is_constant_evaluated()) {
    const std::size_t n = t.size();
    for (; k < n && n - k >= 16; k += 16) {
      const __m128i x = simd::load16(t.data() + k);
      const __m128i ok = _mm_or_si128(_mm_or_si128(simd::letters(x), simd::digits(x)),
                                      _mm_or_si128(simd::equals(x, extra1), simd::equals(x, extra2)));
      const unsigned other = ~simd::bits(ok) & 0xffffu;
      if (other != 0) return k + static_cast<std::size_t>(__builtin_ctz(other));
    }
  }
#else
  (void)t;
  (void)extra1;
  (void)extra2;
#endif
  return k;
}

/// Like `skip_alnum_and`, for `word` characters (RFC 3261 §25.1): with SSE2 and at least 16
/// bytes in @p t, the first byte at or after @p k that is not one (or the size), the last
/// bytes tested as one block overlapping bytes already seen; otherwise @p k itself.
[[nodiscard]] constexpr std::size_t skip_word_chars(std::string_view t, std::size_t k) noexcept {
#if SIPREF_GRAMMAR_HAS_SSE2
  const std::size_t n = t.size();
  if (!__builtin_is_constant_evaluated() && n >= 16) {
    for (; n - k >= 16; k += 16) {
      const unsigned other = simd::non_word(simd::load16(t.data() + k));
      if (other != 0) return k + static_cast<unsigned>(__builtin_ctz(other));
    }
    if (k == n) return n;
    const unsigned other = simd::non_word(simd::load16(t.data() + n - 16)) >> (k - (n - 16));
    return other == 0 ? n : k + static_cast<unsigned>(__builtin_ctz(other));
  }
#else
  (void)t;
#endif
  return k;
}

// ------------------------------------------------------------------------------------------
// Scanner
// ------------------------------------------------------------------------------------------

/// A read-only cursor over a `(pointer, length)` view.
///
/// `peek()` returns -1 at the end, so no caller ever dereferences past the view. Offsets are
/// relative to the start of the view given to the constructor plus `base`, which lets a
/// header parser report offsets relative to a whole message.
class scanner {
 public:
  constexpr explicit scanner(std::string_view input SIPREF_LIFETIMEBOUND, std::size_t base = 0) noexcept
      : input_(input), base_(base) {}

  [[nodiscard]] constexpr bool at_end() const noexcept { return pos_ >= input_.size(); }
  /// The current byte as 0..255, or -1 at the end.
  [[nodiscard]] constexpr int peek() const noexcept {
    return pos_ < input_.size() ? static_cast<unsigned char>(input_[pos_]) : -1;
  }
  /// The byte @p k positions ahead, or -1 beyond the end.
  [[nodiscard]] constexpr int peek(std::size_t k) const noexcept {
    return input_.size() - pos_ > k ? static_cast<unsigned char>(input_[pos_ + k]) : -1;
  }
  [[nodiscard]] constexpr bool next_is(char c) const noexcept { return peek() == static_cast<unsigned char>(c); }
  [[nodiscard]] constexpr bool next_in(std::uint32_t set) const noexcept {
    return !at_end() && is(input_[pos_], set);
  }
  /// Consumes @p c if it is next.
  constexpr bool consume(char c) noexcept {
    if (!next_is(c)) return false;
    ++pos_;
    return true;
  }
  /// Consumes @p lit if it is next, comparing ASCII case-insensitively.
  constexpr bool consume_icase(std::string_view lit) noexcept {
    if (input_.size() - pos_ < lit.size() || !iequals(input_.substr(pos_, lit.size()), lit)) return false;
    pos_ += lit.size();
    return true;
  }
  /// Consumes the longest run of bytes in @p set; returns it.
  constexpr std::string_view consume_while(std::uint32_t set) noexcept {
    // Locals, not members, in the loop: the compiler cannot keep pos_ in a register across the
    // byte loads otherwise (they may alias it).
    const std::size_t start = pos_, n = input_.size();
    const char* const d = input_.data();
    std::size_t p = start;
    while (p < n && is(d[p], set)) ++p;
    pos_ = p;
    return std::string_view(d + start, p - start);
  }
  constexpr void advance(std::size_t n = 1) noexcept { pos_ = (input_.size() - pos_ < n) ? input_.size() : pos_ + n; }

  /// Position relative to the start of the view.
  [[nodiscard]] constexpr std::size_t pos() const noexcept { return pos_; }
  constexpr void set_pos(std::size_t p) noexcept { pos_ = p < input_.size() ? p : input_.size(); }
  /// Position as reported in errors: `base + pos()`.
  [[nodiscard]] constexpr std::size_t offset() const noexcept { return base_ + pos_; }
  [[nodiscard]] constexpr std::size_t base() const noexcept { return base_; }
  [[nodiscard]] constexpr std::string_view input() const noexcept { return input_; }
  [[nodiscard]] constexpr std::string_view rest() const noexcept { return input_.substr(pos_); }
  /// The bytes from view position @p from (an earlier `pos()`) up to the current position;
  /// empty if @p from lies ahead.
  [[nodiscard]] constexpr std::string_view slice(std::size_t from) const noexcept {
    // Built directly: substr's bounds check and exception path kept it from being inlined.
    return from <= pos_ ? std::string_view(input_.data() + from, pos_ - from) : std::string_view(input_.data() + pos_, 0);
  }
  /// An error at the current position.
  [[nodiscard]] constexpr error fail(errc code) const noexcept { return error{code, offset()}; }
  /// An error at view position @p at.
  [[nodiscard]] constexpr error fail_at(errc code, std::size_t at) const noexcept { return error{code, base_ + at}; }

 private:
  std::string_view input_{};
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
};

// ------------------------------------------------------------------------------------------
// Whitespace and separators (RFC 3261 §25.1)
// ------------------------------------------------------------------------------------------

/// `LWS = [*WSP CRLF] 1*WSP`: consumes one LWS if present (a line fold counts as one LWS).
/// Returns whether anything was consumed. A CRLF not followed by WSP is left in place: it
/// ends the header row.
constexpr bool skip_lws(scanner& s) noexcept {
  const std::size_t start = s.pos();
  s.consume_while(wsp);
  if (s.peek() == '\r' && s.peek(1) == '\n' && (s.peek(2) == ' ' || s.peek(2) == '\t')) {
    s.advance(2);
    s.consume_while(wsp);
  }
  return s.pos() != start;
}

/// `SWS = [LWS]`; also swallows repeated folds, which unfolding would turn into one SP.
constexpr void skip_sws(scanner& s) noexcept {
  while (skip_lws(s)) {
  }
}

/// A separator `SWS c SWS` (SEMI, COMMA, EQUAL, SLASH, COLON ...). Consumes nothing and returns
/// false when @p c is not next after optional whitespace.
constexpr bool separator(scanner& s, char c) noexcept {
  // The usual spelling has no whitespace around the separator: when neither the next byte
  // nor the one after the separator can start LWS (SP, HTAB, CR), no SWS needs skipping.
  const auto starts_lws = [](int b) { return b == ' ' || b == '\t' || b == '\r'; };
  const int first = s.peek();
  if (!starts_lws(first)) {
    if (first != static_cast<unsigned char>(c)) return false;
    s.advance();
    if (starts_lws(s.peek())) skip_sws(s);
    return true;
  }
  const std::size_t start = s.pos();
  skip_sws(s);
  if (!s.consume(c)) {
    s.set_pos(start);
    return false;
  }
  skip_sws(s);
  return true;
}

/// `HCOLON = *( SP / HTAB ) ":" SWS` (no fold before the colon, RFC 3261 §25.1).
constexpr bool hcolon(scanner& s) noexcept {
  const std::size_t start = s.pos();
  s.consume_while(wsp);
  if (!s.consume(':')) {
    s.set_pos(start);
    return false;
  }
  skip_sws(s);
  return true;
}

/// True when only LWS remains in the scanner's view.
[[nodiscard]] constexpr bool only_lws_left(scanner s) noexcept {
  skip_sws(s);
  return s.at_end();
}

// ------------------------------------------------------------------------------------------
// Header values
// ------------------------------------------------------------------------------------------

/// Offset of @p part inside @p whole, for error offsets of views a parser handed out.
/// @p part must be a view into @p whole (e.g. a `param_view` field of a parsed value).
[[nodiscard]] constexpr std::size_t offset_in(std::string_view whole, std::string_view part) noexcept {
  return static_cast<std::size_t>(part.data() - whole.data());
}

/// Starts a header value (the text after HCOLON): skips leading LWS and returns
/// `empty_value` at the end of the input when nothing else is there, else `{ok, 0}`. For
/// headers whose value may not be empty (most; Supported is an exception).
constexpr error start_value(scanner& s) noexcept {
  skip_sws(s);
  if (s.at_end()) return s.fail(errc::empty_value);
  return {};
}

/// Ends a header value: a header value parser must consume its input entirely, and only
/// trailing LWS may follow the value (RFC 3261 §7.3.1). Skips it; returns `trailing_garbage`
/// at the first other byte, or `{ok, 0}`.
constexpr error finish_value(scanner& s) noexcept {
  skip_sws(s);
  if (s.at_end()) return {};
  return s.fail(errc::trailing_garbage);
}

/// Ends the value of a single-valued header: like `finish_value`, but a COMMA after the value
/// starts a second value, which such a header may not have (e.g. RFC 3515 §2.4.1 for
/// Refer-To, RFC 6665 §8.2.1 for Event): `multiple_values` at the COMMA.
constexpr error finish_single_value(scanner& s) noexcept {
  skip_sws(s);
  if (s.at_end()) return {};
  return s.fail(s.next_is(',') ? errc::multiple_values : errc::trailing_garbage);
}

// ------------------------------------------------------------------------------------------
// Tokens, words, quoted strings
// ------------------------------------------------------------------------------------------

/// `token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")`.
/// Returns the token, or an empty view (consuming nothing) when none is next. `%` is a literal
/// character here, never an escape (RFC 4475 §3.1.1.5).
constexpr std::string_view scan_token(scanner& s) noexcept { return s.consume_while(token_char); }

/// `word` (RFC 3261 §25.1), as used by Call-ID.
constexpr std::string_view scan_word(scanner& s) noexcept { return s.consume_while(word_char); }

/// True when @p s is a non-empty `token`.
[[nodiscard]] constexpr bool is_token(std::string_view s) noexcept { return all_of(s, token_char); }

namespace detail {
/// `first_not_in` for the fields composers check (tags, branches, tokens, Call-IDs): four
/// bytes a step, one table test and one branch each, without a bounds check per byte.
[[gnu::always_inline]] [[nodiscard]] constexpr std::size_t span_in(std::string_view s, std::uint32_t set) noexcept {
  const std::size_t n = s.size();
  std::size_t i = 0;
  for (; n - i >= 4; i += 4) {
    if (!is(s[i], set)) return i;
    if (!is(s[i + 1], set)) return i + 1;
    if (!is(s[i + 2], set)) return i + 2;
    if (!is(s[i + 3], set)) return i + 3;
  }
  while (i < n && is(s[i], set)) ++i;
  return i;
}
}  // namespace detail

/// Checks caller-supplied text that must be a non-empty run of bytes in @p set (a composer's
/// token, word or similar field). Returns @p code at the first byte outside @p set, @p code
/// at offset 0 when @p s is empty, or `{ok, 0}`. Inline: the fields are short, and a call
/// costs as much as checking them.
[[gnu::always_inline]] [[nodiscard]] constexpr error validate_chars(std::string_view s, std::uint32_t set,
                                                                    errc code = errc::invalid_argument) noexcept {
  if (s.empty()) return {code, 0};
  const std::size_t bad = detail::span_in(s, set);
  if (bad != s.size()) return {code, bad};
  return {};
}

/// Checks that caller-supplied @p s is a `token` (RFC 3261 §25.1): @p code at the first
/// non-token byte (a CR, LF, SP, quote ...), or at offset 0 when @p s is empty.
///
/// @par Example
/// `validate_token("pl ain") == error{errc::invalid_argument, 2}`
[[gnu::always_inline]] [[nodiscard]] constexpr error validate_token(std::string_view s,
                                                                    errc code = errc::invalid_argument) noexcept {
  return validate_chars(s, token_char, code);
}

/// Scans `DQUOTE *(qdtext / quoted-pair) DQUOTE` and returns the text between the quotes,
/// still escaped (decode with `unquote`). The scanner must be at the opening DQUOTE.
///
/// @par ABNF (RFC 3261 §25.1)
/// `quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE`
/// `qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII`
/// `quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)`
///
/// Errors: `unterminated_quote` at the opening quote when the input ends first;
/// `bad_quoted_pair` at a backslash with nothing (or CR/LF, or a non-ASCII byte) after it;
/// `control_char` at a CR/LF that is not a fold or another control byte;
/// `bad_utf8` at a malformed UTF-8 sequence.
constexpr result<std::string_view> scan_quoted_string(scanner& s) noexcept {
  const std::size_t open = s.pos();
  if (!s.consume('"')) return s.fail(errc::bad_quoted_string);
  const std::size_t start = s.pos();
  const std::string_view in = s.input();
  while (true) {
    const int c = s.peek();
    if (c < 0) return s.fail_at(errc::unterminated_quote, open);
    if (c == '"') {
      const std::string_view content = in.substr(start, s.pos() - start);
      s.advance();
      return content;
    }
    if (c == '\\') {
      const int n = s.peek(1);
      if (n < 0 || n == '\r' || n == '\n' || n > 0x7f) return s.fail(errc::bad_quoted_pair);
      s.advance(2);
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      if (!skip_lws(s)) return s.fail(errc::control_char);
      continue;
    }
    if (c < 0x20 || c == 0x7f) return s.fail(errc::control_char);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence_length(in, s.pos());
      if (n == 0) return s.fail(errc::bad_utf8);
      s.advance(n);
      continue;
    }
    s.advance();
  }
}

/// `SWS quoted-string` or `token`: a `gen-value`'s textual forms.
/// Returns the raw text including the quotes when quoted.
constexpr result<std::string_view> scan_token_or_quoted(scanner& s) noexcept {
  if (s.next_is('"')) {
    const std::size_t start = s.pos();
    auto q = scan_quoted_string(s);
    if (!q) return q.error();
    return s.slice(start);
  }
  const std::string_view t = scan_token(s);
  if (t.empty()) return s.fail(errc::bad_token);
  return t;
}

// ------------------------------------------------------------------------------------------
// Numbers
// ------------------------------------------------------------------------------------------

/// `1*DIGIT` parsed into a 64-bit value; `number_overflow` (at the first digit) when it
/// exceeds @p max, `bad_number` when no digit is next. Leading zeros are accepted
/// (RFC 4475 §3.1.1.1 wsinv).
constexpr result<std::uint64_t> scan_uint(scanner& s, std::uint64_t max) noexcept {
  const std::size_t start = s.pos();
  const std::string_view in = s.input();
  const auto is_digit = [&](std::size_t i) { return i < in.size() && in[i] >= '0' && in[i] <= '9'; };
  if (!is_digit(start)) return s.fail(errc::bad_number);
  // v * 10 + d <= max  exactly when  v < max / 10, or v == max / 10 and d <= max % 10.
  const std::uint64_t max_tens = max / 10, max_units = max % 10;
  std::uint64_t v = 0;
  std::size_t i = start;
  for (; is_digit(i); ++i) {
    const auto d = static_cast<std::uint64_t>(in[i] - '0');
    if (v > max_tens || (v == max_tens && d > max_units)) {
      s.set_pos(i);
      s.consume_while(digit);
      return s.fail_at(errc::number_overflow, start);
    }
    v = v * 10 + d;
  }
  s.set_pos(i);
  return v;
}

/// Parses a whole header value that is one `1*DIGIT` number not above @p max, with optional
/// LWS around it (Max-Forwards, Content-Length, Expires `delta-seconds`, RFC 3261 §25.1).
/// Leading zeros are accepted (RFC 4475 §3.1.1.1).
///
/// @par ABNF (RFC 3261 §25.1)
/// `Max-Forwards  =  "Max-Forwards" HCOLON 1*DIGIT`
///
/// Errors (offsets into @p input): `empty_value` for an empty or all-LWS value; @p not_a_number
/// where the first digit should be; `number_overflow` at the first digit of a value above
/// @p max; `trailing_garbage` at the first byte after the number and its trailing LWS.
constexpr result<std::uint64_t> parse_uint_value(std::string_view input, std::uint64_t max,
                                                 errc not_a_number = errc::bad_number) noexcept {
  scanner s(input);
  if (const error e = start_value(s)) return e;
  if (!s.next_in(digit)) return s.fail(not_a_number);
  auto v = scan_uint(s, max);
  if (!v) return v.error();
  if (const error e = finish_value(s)) return e;
  return *v;
}

namespace detail {
/// `write_decimal` for any value, by a division loop (out of line: rarely taken).
template <class Writer>
constexpr void write_decimal_loop(Writer& w, std::uint64_t v) {
  char buf[20] = {};  // 2^64-1 has 20 digits
  std::size_t n = 0;
  do {
    buf[sizeof buf - 1 - n] = static_cast<char>('0' + v % 10);
    v /= 10;
    ++n;
  } while (v != 0);
  w.put(std::string_view(buf + sizeof buf - n, n));
}
}  // namespace detail

/// Writes @p v in decimal without leading zeros (`1*DIGIT`, `0` for zero).
template <class Writer>
[[gnu::always_inline]] constexpr void write_decimal(Writer& w, std::uint64_t v) {
  // Inline, with the usual sizes, counts, sequence numbers and ports written without a
  // division loop, each by a put of a size known at compile time (a fixed copy): fewer
  // instructions than a call.
  if (v < 10) {
    w.put(static_cast<char>('0' + v));
    return;
  }
  if (v < 100) {
    const char two[2] = {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
    w.put(std::string_view(two, 2));
    return;
  }
  if (v < 10000) {
    const auto hi = static_cast<unsigned>(v / 100), lo = static_cast<unsigned>(v % 100);
    const char four[4] = {static_cast<char>('0' + hi / 10), static_cast<char>('0' + hi % 10),
                          static_cast<char>('0' + lo / 10), static_cast<char>('0' + lo % 10)};
    if (v < 1000) {
      w.put(std::string_view(four + 1, 3));
    } else {
      w.put(std::string_view(four, 4));
    }
    return;
  }
  detail::write_decimal_loop(w, v);
}

// ------------------------------------------------------------------------------------------
// Percent-encoding (RFC 3261 §19.1.2, §25.1 `escaped`)
// ------------------------------------------------------------------------------------------

/// Checks that every byte of @p s is in @p allowed or part of a complete `%HH` escape.
/// Returns the offset of the first offending byte (with `bad_escape` for a broken escape and
/// `unexpected_char` otherwise), or `{ok, 0}`.
[[nodiscard]] constexpr error validate_escaped(std::string_view s, std::uint32_t allowed) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (s.size() - i < 3 || hex_value(s[i + 1]) < 0 || hex_value(s[i + 2]) < 0) return {errc::bad_escape, i};
      i += 2;
    } else if (!is(s[i], allowed)) {
      return {errc::unexpected_char, i};
    }
  }
  return {};
}

/// Size of @p s after one level of `%HH` decoding. @p s must already be validated.
[[nodiscard]] constexpr std::size_t pct_decoded_size(std::string_view s) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i, ++n)
    if (s[i] == '%' && s.size() - i >= 3) i += 2;
  return n;
}

/// Decodes one level of `%HH` escapes of the validated @p s into @p out (a writer, see
/// compose.hpp). Decoding happens exactly once: `%2541` becomes `%41`, never `A`
/// (RFC 4475 §3.1.1.3). The output may contain any byte, NUL included.
template <class Writer>
constexpr void pct_decode(Writer& out, std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && s.size() - i >= 3 && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.put(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.put(s[i]);
    }
  }
}

/// Calls @p f with each decoded byte of the validated @p s; stops early and returns false
/// when @p f returns false. Lets checks such as "decodes to CR/LF/NUL" run without a buffer.
template <class F>
constexpr bool for_each_decoded(std::string_view s, F&& f) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && s.size() - i >= 3 && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      c = static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    }
    if (!f(c)) return false;
  }
  return true;
}

/// Compares two escaped strings after decoding each once (RFC 3261 §19.1.4: `%HH` equals the
/// character it encodes). @p icase compares ASCII letters case-insensitively.
[[nodiscard]] constexpr bool pct_equal(std::string_view a, std::string_view b, bool icase) noexcept {
  std::size_t i = 0, j = 0;
  auto next = [](std::string_view s, std::size_t& k) -> int {
    if (k >= s.size()) return -1;
    if (s[k] == '%' && s.size() - k >= 3 && hex_value(s[k + 1]) >= 0 && hex_value(s[k + 2]) >= 0) {
      const int v = hex_value(s[k + 1]) * 16 + hex_value(s[k + 2]);
      k += 3;
      return v;
    }
    return static_cast<unsigned char>(s[k++]);
  };
  while (true) {
    int x = next(a, i), y = next(b, j);
    if (icase) {
      x = (x >= 'A' && x <= 'Z') ? x + 32 : x;
      y = (y >= 'A' && y <= 'Z') ? y + 32 : y;
    }
    if (x != y) return false;
    if (x < 0) return true;
  }
}

/// True when the escaped text @p escaped, decoded once, equals the raw bytes @p raw
/// (e.g. a `cid:` URI against a Content-ID, RFC 2392 §2).
[[nodiscard]] constexpr bool decodes_to(std::string_view escaped, std::string_view raw) noexcept {
  std::size_t j = 0;
  const bool same = for_each_decoded(escaped, [&](char c) { return j < raw.size() && raw[j++] == c; });
  return same && j == raw.size();
}

/// Writes @p s to @p out, escaping as `%HH` (upper-case hex) every byte not in @p allowed.
/// `%` itself is escaped unless @p allowed says otherwise, so encoding happens exactly once.
template <class Writer>
constexpr void pct_encode(Writer& out, std::string_view s, std::uint32_t allowed) noexcept {
  constexpr char hex[] = "0123456789ABCDEF";
  for (char c : s) {
    if (c != '%' && is(c, allowed)) {
      out.put(c);
    } else {
      const auto u = static_cast<unsigned char>(c);
      const char esc[3] = {'%', hex[u >> 4], hex[u & 15]};
      out.put(std::string_view(esc, 3));
    }
  }
}

/// Size of `pct_encode(s, allowed)`.
[[nodiscard]] constexpr std::size_t pct_encoded_size(std::string_view s, std::uint32_t allowed) noexcept {
  std::size_t n = 0;
  for (char c : s) n += (c != '%' && is(c, allowed)) ? 1u : 3u;
  return n;
}

// ------------------------------------------------------------------------------------------
// Quoted-string content
// ------------------------------------------------------------------------------------------

/// Writes the content of a quoted-string (as returned by `scan_quoted_string`) with
/// quoted-pairs decoded and each line fold replaced by a single SP (RFC 3261 §7.3.1).
template <class Writer>
constexpr void unquote(Writer& out, std::string_view content) noexcept {
  for (std::size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (c == '\\' && i + 1 < content.size()) {
      out.put(content[++i]);
    } else if (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n') {
      // A fold: the CRLF and the WSP after it count as one SP, and any WSP before it is kept.
      ++i;
      while (i + 1 < content.size() && (content[i + 1] == ' ' || content[i + 1] == '\t')) ++i;
      out.put(' ');
    } else {
      out.put(c);
    }
  }
}

namespace detail {
/// The eight bytes of @p s at @p i as one word, byte `i + k` in bits `8k..8k+7` whatever the
/// machine's byte order (compilers turn this into one load where that order is native).
[[nodiscard]] constexpr std::uint64_t load_word(std::string_view s, std::size_t i) noexcept {
  const char* p = s.data() + i;
  const auto b = [p](unsigned k) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k); };
  return b(0) | b(1) | b(2) | b(3) | b(4) | b(5) | b(6) | b(7);
}

inline constexpr std::uint64_t word_ones = 0x0101010101010101ull;   ///< 0x01 in every byte
inline constexpr std::uint64_t word_highs = 0x8080808080808080ull;  ///< 0x80 in every byte

/// True when every byte of @p w is printable ASCII (%x20-7E). First no byte may be 0x7F or
/// above (its own high bit, or the one `+ 1` carries into, is set; with every byte below
/// 0x80 the sums cannot carry across bytes); then each byte + 0x60 reaches 0x80 exactly when
/// the byte is at least 0x20.
[[nodiscard]] constexpr bool all_printable_ascii(std::uint64_t w) noexcept {
  return ((w | (w + word_ones)) & word_highs) == 0 && ((w + 0x60 * word_ones) & word_highs) == word_highs;
}
}  // namespace detail

/// Checks that @p text (plain UTF-8, e.g. a display name or reason a caller supplies) can be
/// written as a quoted-string: well-formed UTF-8, no control byte other than HTAB. Returns
/// `control_char` or `bad_utf8` with the offending offset, or `{ok, 0}`.
[[nodiscard]] constexpr error validate_quotable(std::string_view text) noexcept {
  const std::size_t n = text.size();
  std::size_t i = 0;
#if SIPREF_GRAMMAR_HAS_SSE2
  // Longer texts (a User-Agent, a reason): 16 bytes a step, the last 16 as one overlapping
  // step. Where a step fails, the loop below goes on from its start: every byte before it is
  // printable ASCII, so it finds the same first error.
  if (!__builtin_is_constant_evaluated() && n >= 16) {
    for (; n - i >= 16 && simd::all_printable_ascii(simd::load16(text.data() + i)); i += 16) {
    }
    if (i == n || (n - i < 16 && simd::all_printable_ascii(simd::load16(text.data() + n - 16)))) return {};
  }
#endif
  while (i < n) {
    // Printable ASCII, the common case: eight bytes a step, and the last (up to) eight bytes
    // as one overlapping step.
    if (n - i >= 8) {
      if (detail::all_printable_ascii(detail::load_word(text, i))) {
        i += 8;
        continue;
      }
    } else if (n >= 8 && detail::all_printable_ascii(detail::load_word(text, n - 8))) {
      return {};
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {  // printable ASCII, the common case: one compare
      ++i;
      continue;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7f) return {errc::control_char, i};
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) return {errc::bad_utf8, i};
    i += len;
  }
  return {};
}

/// Writes @p text as a quoted-string: DQUOTE, the text with `"` and `\` escaped, DQUOTE.
/// @p text must have passed `validate_quotable`.
template <class Writer>
constexpr void write_quoted(Writer& out, std::string_view text) noexcept {
  out.put('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"' || text[i] == '\\') {
      out.put(text.substr(run, i - run));
      out.put('\\');
      run = i;
    }
  }
  out.put(text.substr(run));
  out.put('"');
}

// ------------------------------------------------------------------------------------------
// Hosts inside gen-value
// ------------------------------------------------------------------------------------------

/// Scans a bracketed IPv6 reference `"[" ... "]"` loosely (hex digits, `:` and `.`) so that a
/// `gen-value` such as `received=[2001:db8::1]` is delimited correctly. The URI parser
/// validates IPv6 literals strictly; here only the extent matters.
constexpr bool scan_bracketed_host(scanner& s) noexcept {
  const std::size_t start = s.pos();
  if (!s.consume('[')) return false;
  while (s.next_in(hexdig) || s.next_is(':') || s.next_is('.')) s.advance();
  if (!s.consume(']') || s.pos() - start < 4) {
    s.set_pos(start);
    return false;
  }
  return true;
}

// ------------------------------------------------------------------------------------------
// Message identifiers: dot-atom and no-fold-literal (RFC 5322, RFC 3892)
// ------------------------------------------------------------------------------------------

/// Scans a dot-separated run of atoms, `1*a *("." 1*a)`, where each `a` is a byte in
/// @p atom_chars, and returns it. Stops (successfully) at the first byte that continues
/// neither an atom nor the run; a dot must be followed by an atom.
///
/// Pass `atext` for RFC 5322 `dot-atom-text` (Content-ID, MIME msg-id), and `token_nodot`
/// for RFC 3892 `dot-atom` (Referred-By `cid`), whose `atom` is a different set, and for
/// RFC 6665 `event-type`, which has the same shape.
///
/// @par ABNF (RFC 5322 §3.2.3)
/// `dot-atom-text   =   1*atext *("." 1*atext)`
///
/// @par ABNF (RFC 3892 §3)
/// @code
/// dot-atom = atom *( "." atom )
///
/// atom     = 1*( alphanum / "-" / "!" / "%" / "*" /
///                     "_" / "+" / "'" / "`" / "~"   )
/// @endcode
///
/// @par ABNF (RFC 6665 §8.4)
/// `event-type        =  event-package *( "." event-template )` (both `token-nodot`)
///
/// Errors: `unexpected_char` (or `unexpected_end` when the input ended) where an atom is
/// required but absent: at the start, or right after a dot (`a.`, `a..b`, `.a`).
constexpr result<std::string_view> scan_dot_atom(scanner& s, std::uint32_t atom_chars) noexcept {
  const std::size_t start = s.pos();
  while (true) {
    if (s.consume_while(atom_chars).empty()) return s.fail(s.at_end() ? errc::unexpected_end : errc::unexpected_char);
    if (!s.consume('.')) return s.slice(start);
  }
}

/// True when all of @p s is a dot-atom over @p atom_chars (see `scan_dot_atom`).
[[nodiscard]] constexpr bool is_dot_atom(std::string_view s, std::uint32_t atom_chars) noexcept {
  scanner sc(s);
  return scan_dot_atom(sc, atom_chars).has_value() && sc.at_end();
}

/// Checks that caller-supplied @p s is wholly a dot-atom over @p atom_chars (see
/// `scan_dot_atom`). Returns @p code at the first byte where @p s stops being one: where an
/// atom is missing (offset 0 for an empty @p s, the end for a trailing dot) or at a byte
/// that is neither an atom byte nor a dot; `{ok, 0}` otherwise.
///
/// @par Example
/// `validate_dot_atom("presence..winfo", token_nodot) == error{errc::invalid_argument, 9}`
[[nodiscard]] constexpr error validate_dot_atom(std::string_view s, std::uint32_t atom_chars,
                                                errc code = errc::invalid_argument) noexcept {
  scanner sc(s);
  auto r = scan_dot_atom(sc, atom_chars);
  if (!r) return {code, r.error().offset};
  if (!sc.at_end()) return {code, sc.pos()};
  return {};
}

/// Scans a `no-fold-literal` (the bracketed `id-right` of a msg-id) and returns it including
/// the brackets. The scanner must be at the `[`.
///
/// @par ABNF (RFC 5322 §3.6.4, §3.4.1)
/// @code
/// no-fold-literal =   "[" *dtext "]"
/// dtext           =   %d33-90 /          ; Printable US-ASCII
///                     %d94-126 /         ;  characters not including
///                     obs-dtext          ;  "[", "]", or "\"
/// @endcode
/// `obs-dtext` is not accepted (RFC 5322 §3.6.4 forbids generating it; RFC 8262 §2 uses
/// the non-obsolete form).
///
/// Errors: `unexpected_char` at the first byte when it is not `[`, and at the first byte
/// after the `dtext` run when it is not `]`; `unexpected_end` when the input ends first.
constexpr result<std::string_view> scan_no_fold_literal(scanner& s) noexcept {
  const std::size_t start = s.pos();
  if (!s.consume('[')) return s.fail(s.at_end() ? errc::unexpected_end : errc::unexpected_char);
  s.consume_while(dtext);
  if (!s.consume(']')) return s.fail(s.at_end() ? errc::unexpected_end : errc::unexpected_char);
  return s.slice(start);
}

// ------------------------------------------------------------------------------------------
// generic-param lists
// ------------------------------------------------------------------------------------------

/// One `generic-param = token [ EQUAL gen-value ]` (RFC 3261 §25.1), as views of the input.
/// `value` is raw wire text: a quoted value keeps its quotes (see `is_quoted`), a token value
/// keeps `%` as a literal character.
struct param_view {
  std::string_view name{};   ///< the parameter name (a token; compare case-insensitively)
  std::string_view value{};  ///< raw value text; empty when there is no `=`
  bool has_value = false;  ///< whether `=` was present

  /// True when the value is a quoted-string (its first byte is DQUOTE).
  [[nodiscard]] constexpr bool is_quoted() const noexcept { return !value.empty() && value.front() == '"'; }
  /// The value without its surrounding quotes (quoted-pairs still escaped).
  [[nodiscard]] constexpr std::string_view unquoted_raw() const noexcept {
    return is_quoted() && value.size() >= 2 ? value.substr(1, value.size() - 2) : value;
  }
};

/// Scans the rest of a `generic-param` whose name @p name (a non-empty token) was just
/// scanned: `[ EQUAL gen-value ]`, `gen-value = token / host / quoted-string`.
constexpr result<param_view> scan_generic_param_rest(scanner& s, std::string_view name) noexcept {
  param_view p;
  p.name = name;
  if (separator(s, '=')) {
    p.has_value = true;
    const std::size_t start = s.pos();
    if (s.next_is('[')) {
      if (!scan_bracketed_host(s)) return s.fail(errc::bad_param);
      p.value = s.slice(start);
    } else {
      auto v = scan_token_or_quoted(s);
      if (!v) return error{errc::bad_param, v.error().offset};
      p.value = *v;
    }
  }
  return p;
}

/// Scans one `generic-param` (the scanner is after the SEMI). `gen-value = token / host /
/// quoted-string`.
constexpr result<param_view> scan_generic_param(scanner& s) noexcept {
  const std::string_view name = scan_token(s);
  if (name.empty()) return s.fail(errc::bad_param);
  return scan_generic_param_rest(s, name);
}

/// Scans one parameter after its SEMI: `scan_generic_param`, or a header's own variant (Via's
/// `received` takes an unbracketed IPv6 address, RFC 3261 §25.1 `via-received`).
using param_scanner = result<param_view> (*)(scanner&) noexcept;

/// A validated `*( SEMI param )` text, iterated lazily without allocation; @p Scan reads one
/// parameter (`generic-param` by default).
///
/// Only handed out by parsers after the whole list was validated, so iteration never
/// truncates silently. Views alias the parsed input.
template <param_scanner Scan>
class basic_params_view {
 public:
  constexpr basic_params_view() = default;
  /// @p text starts at the first SEMI (or is empty). Must have been validated by
  /// `scan_params`.
  constexpr explicit basic_params_view(std::string_view text) noexcept : text_(text) {}

  class iterator {
   public:
    constexpr iterator() = default;
    constexpr explicit iterator(std::string_view text) noexcept : s_(text) { load(); }
    constexpr const param_view& operator*() const noexcept { return cur_; }
    constexpr const param_view* operator->() const noexcept { return &cur_; }
    constexpr iterator& operator++() noexcept {
      load();
      return *this;
    }
    constexpr bool operator==(const iterator& o) const noexcept { return done_ == o.done_ && (done_ || s_.pos() == o.s_.pos()); }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    constexpr void load() noexcept {
      if (!separator(s_, ';')) {
        done_ = true;
        return;
      }
      auto p = Scan(s_);
      if (!p) {
        done_ = true;  // unreachable for validated text
        return;
      }
      cur_ = *p;
      done_ = false;
    }
    scanner s_{std::string_view{}};
    param_view cur_{};
    bool done_ = true;
    friend class basic_params_view;
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(text_); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  [[nodiscard]] constexpr bool empty() const noexcept { return text_.empty(); }
  /// The whole parameter text as it appeared, starting with the first `;`.
  [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }
  /// The first parameter named @p name (case-insensitive), if any.
  [[nodiscard]] constexpr const param_view* find(std::string_view name, param_view& storage) const noexcept {
    for (const param_view& p : *this) {
      if (iequals(p.name, name)) {
        storage = p;
        return &storage;
      }
    }
    return nullptr;
  }
  /// True when a parameter named @p name is present.
  [[nodiscard]] constexpr bool contains(std::string_view name) const noexcept {
    param_view tmp;
    return find(name, tmp) != nullptr;
  }
  /// The raw value of parameter @p name, or an empty view.
  [[nodiscard]] constexpr std::string_view get(std::string_view name) const noexcept {
    param_view tmp;
    const param_view* p = find(name, tmp);
    return p ? p->value : std::string_view{};
  }

 private:
  std::string_view text_{};
};

/// The `*( SEMI generic-param )` list of most headers.
using params_view = basic_params_view<&scan_generic_param>;

/// Most parameters one header value or URI may carry. The duplicate-name check rescans the
/// parameters seen so far, so this cap keeps the work linear in the input size.
inline constexpr std::size_t max_params = 256;

/// Scans `*( SEMI generic-param )` and returns it as a validated `params_view`. Rejects a
/// parameter name that appears twice (RFC 3261 §7.3.1) with `duplicate_param` at the second,
/// and more than `max_params` parameters with `limit_exceeded`. Stops (successfully) at the
/// first byte that is not a SEMI after optional LWS.
///
/// Each parameter is also handed, as it is scanned, to @p on_param (`error(const
/// param_view&)`), so that a header can check its own parameters without iterating the list
/// again. The first error it returns is reported only once the whole list has scanned cleanly,
/// so the list's own errors come first, as when the list is checked before it is iterated.
template <param_scanner Scan, class OnParam>
constexpr result<basic_params_view<Scan>> scan_params(scanner& s, OnParam&& on_param) noexcept {
  const std::size_t start = s.pos();
  std::size_t end = start;
  std::size_t count = 0;
  // The names of the first few parameters are kept for the duplicate check; a longer list
  // re-reads the parameters before each later one.
  constexpr std::size_t kept = 4;
  std::string_view names[kept] = {};
  error first_error{};
  while (separator(s, ';')) {
    const std::size_t name_at = s.pos();
    if (++count > max_params) return s.fail_at(errc::limit_exceeded, name_at);
    auto p = Scan(s);
    if (!p) return p.error();
    if (count <= kept) {
      for (std::size_t i = 0; i + 1 < count; ++i)
        if (iequals(names[i], p->name)) return s.fail_at(errc::duplicate_param, name_at);
      names[count - 1] = p->name;
    } else {
      for (const param_view& q : basic_params_view<Scan>(s.input().substr(start, name_at - start)))
        if (iequals(q.name, p->name)) return s.fail_at(errc::duplicate_param, name_at);
    }
    if (!first_error) first_error = on_param(*p);
    end = s.pos();
  }
  if (first_error) return first_error;
  s.set_pos(end);
  return basic_params_view<Scan>(s.slice(start));
}

/// `scan_params` without a per-parameter check.
template <param_scanner Scan = &scan_generic_param>
constexpr result<basic_params_view<Scan>> scan_params(scanner& s) noexcept {
  return scan_params<Scan>(s, [](const param_view&) noexcept { return error{}; });
}

/// Checks that the parsed parameter @p p has a `token` value, as the `name EQUAL token`
/// parameters that specialise `generic-param` require; the quoted, host and value-less
/// spellings `generic-param` also matches are rejected, since they would make the value
/// ambiguous or uncomparable.
///
/// @par ABNF (RFC 6665 §8.4)
/// `event-param       =  generic-param / ( "id" EQUAL token )`
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// handling-param        =  "handling" EQUAL
///                          ( "optional" / "required"
///                          / other-handling )
/// other-handling        =  token
/// @endcode
///
/// @p p must be a view into @p input (as handed out by a `params_view` over it). Returns
/// @p code just after the name when there is no value, @p code at the value when it is not a
/// token, or `{ok, 0}`.
[[nodiscard]] constexpr error check_token_param(std::string_view input, const param_view& p, errc code) noexcept {
  if (!p.has_value) return {code, offset_in(input, p.name) + p.name.size()};
  if (!is_token(p.value)) return {code, offset_in(input, p.value)};
  return {};
}

// ------------------------------------------------------------------------------------------
// Composing generic-param lists
// ------------------------------------------------------------------------------------------

/// A header parameter a caller supplies for composition: `name [= value]`. The value is plain
/// text: it is written as a token when it is one (or a bracketed IPv6 host), otherwise as a
/// quoted-string with `"` and `\` escaped.
struct param {
  std::string_view name{};
  std::string_view value{};
  bool has_value = true;  ///< false for a flag parameter such as `lr` or `+g.oma.sip-im`
};

/// Checks that the caller's list @p items has storage: `{invalid_argument, 0}` for a null
/// data pointer with a non-zero size (a `list_ref` built as `{nullptr, n}`), else `{ok, 0}`.
/// Composers taking lists call it before touching an element.
template <class T>
[[nodiscard]] constexpr error validate_list_storage(list_ref<T> items) noexcept {
  if (items.begin() == nullptr && !items.empty()) return {errc::invalid_argument, 0};
  return {};
}

/// Validates @p params: the list has storage (`validate_list_storage`), names are tokens and
/// unique (case-insensitively, RFC 3261 §7.3.1), values are quotable text (no CR, LF, NUL or
/// other controls; valid UTF-8).
///
/// @par ABNF (RFC 3261 §25.1)
/// `generic-param  =  token [ EQUAL gen-value ]`
///
/// Errors, checked parameter by parameter in order: @p bad_name (default `bad_param`) at the
/// first non-token byte of a name (offset 0 when empty); `duplicate_param` (offset 0) for a
/// name that repeats an earlier one; `control_char` / `bad_utf8` at the offending byte of a
/// value; `invalid_argument` (offset 0) for `{nullptr, n}`. Offsets are inside the offending
/// name or value.
///
/// This form also sets bit i of @p token_values (for i < 64) when parameter i has a value
/// that is a token, so that `write_params` writes it as it is without testing it again.
[[nodiscard]] constexpr error validate_params(list_ref<param> params, errc bad_name,
                                              std::uint64_t& token_values) noexcept {
  token_values = 0;
  if (const error e = validate_list_storage(params)) return e;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const param& p = params[i];
    if (const error e = validate_token(p.name, bad_name)) return e;
    for (std::size_t j = 0; j < i; ++j)
      if (iequals(params[j].name, p.name)) return {errc::duplicate_param, 0};
    if (!p.has_value) continue;
    // A token is quotable text (printable ASCII): only other values need the full check.
    if (!p.value.empty() && detail::span_in(p.value, token_char) == p.value.size()) {
      if (i < 64) token_values |= std::uint64_t{1} << i;
    } else if (const error e = validate_quotable(p.value)) {
      return e;
    }
  }
  return {};
}

/// `validate_params` without the token marks.
[[nodiscard]] constexpr error validate_params(list_ref<param> params, errc bad_name = errc::bad_param) noexcept {
  std::uint64_t token_values = 0;
  return validate_params(params, bad_name, token_values);
}

/// Rejects a parameter in @p params whose name (compared case-insensitively) is one of
/// @p reserved: the names a composer writes from a typed field of its own (Event's `id`,
/// Subscription-State's `reason`, Content-Disposition's `handling` ...), which must never be
/// written twice. Returns @p code (default `invalid_argument`) at offset 0, or `{ok, 0}`.
///
/// @par Example
/// `check_reserved_params(params, {"reason", "expires", "retry-after"})`
[[nodiscard]] constexpr error check_reserved_params(list_ref<param> params, list_ref<std::string_view> reserved,
                                                    errc code = errc::invalid_argument) noexcept {
  for (const param& p : params)
    for (std::string_view name : reserved)
      if (iequals(p.name, name)) return {code, 0};
  return {};
}

/// Writes @p value as a `token` when it is one, otherwise as a `quoted-string` with `"` and
/// `\` escaped (RFC 3261 §25.1; RFC 2045 §5.1: both spellings mean the same value).
/// @p value must have passed `validate_quotable`.
///
/// @par ABNF (RFC 3261 §25.1)
/// `m-value  =  token / quoted-string`
template <class Writer>
constexpr void write_token_or_quoted(Writer& w, std::string_view value) {
  if (!value.empty() && detail::span_in(value, token_char) == value.size()) {  // is_token
    w.put(value);
  } else {
    write_quoted(w, value);
  }
}

/// How `write_params` spells a parameter value that is not a token.
enum class value_style : std::uint8_t {
  /// `gen-value = token / host / quoted-string` (RFC 3261 §25.1): a bracketed IPv6 host such
  /// as `[2001:db8::1]` is written bare, anything else quoted.
  gen_value,
  /// `m-value = token / quoted-string` (RFC 3261 §25.1) and other grammars without a host
  /// form: everything that is not a token is quoted.
  token_or_quoted,
};

/// Writes `*( SEMI generic-param )` for params already checked by `validate_params`: each
/// value as a token when it is one, else as @p style says. @p token_values are the marks
/// `validate_params` set (values known to be tokens); 0 has every value tested here.
template <class Writer>
constexpr void write_params(Writer& w, list_ref<param> params, value_style style = value_style::gen_value,
                            std::uint64_t token_values = 0) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    const param& p = params[i];
    w.put(';');
    w.put(p.name);
    if (!p.has_value) continue;
    w.put('=');
    if (i < 64 && (token_values >> i & 1u) != 0) {
      w.put(p.value);
      continue;
    }
    scanner s(p.value);
    // Only a value opening with '[' can be a bracketed host.
    if (style == value_style::gen_value && !p.value.empty() && p.value.front() == '[' && scan_bracketed_host(s) &&
        s.at_end()) {
      w.put(p.value);
    } else {
      write_token_or_quoted(w, p.value);
    }
  }
}

// ------------------------------------------------------------------------------------------
// Token lists (comma lists of RFC 3261 §7.3.1, and other separators)
// ------------------------------------------------------------------------------------------

namespace detail {
/// The `std::iterator_traits` member types of a read-only forward iterator over `T`s.
template <class T>
struct forward_iterator_types {
  using iterator_category = std::forward_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using pointer = const T*;
  using reference = const T&;
};
}  // namespace detail

/// Per-call leniency for token list headers (option tags, Allow-Events ...).
struct list_options {
  /// Skip empty items (`, timer`, `timer,,100rel`, `timer,`) instead of failing with
  /// `errc::empty_list_item`. RFC 3261 §25.1 has no empty list elements, but some stacks
  /// send them (PEERS.md (c) 15).
  bool allow_empty_items = false;
};

/// A validated list of tokens separated by one character (COMMA by default) with optional
/// LWS around it, iterated lazily without allocation.
///
/// Handed out only by parsers after the whole value was validated (`parse_token_list`, or a
/// header parser with its own separator rules such as Privacy's `;`), so iteration never
/// truncates silently. Each item is a view of the input (valid while the input buffer is).
/// Empty items accepted in lenient mode are skipped by the iteration, and so are the items
/// an optional `skip` predicate selects (e.g. Privacy's extension tokens are the priv-values
/// minus the known ones).
class token_list_view {
 public:
  /// A predicate naming items the iteration leaves out.
  using skip_fn = bool (*)(std::string_view item);

  constexpr token_list_view() = default;
  /// @p text must have been validated as tokens separated by @p separator (and LWS). Items
  /// for which @p skip returns true are left out (none when @p skip is null).
  constexpr explicit token_list_view(std::string_view text, char separator = ',', skip_fn skip = nullptr) noexcept
      : text_(text), separator_(separator), skip_(skip) {}

  /// Forward iterator over the items, yielding `std::string_view`.
  class iterator : public detail::forward_iterator_types<std::string_view> {
   public:
    constexpr iterator() = default;
    constexpr iterator(std::string_view text, char separator, skip_fn skip) noexcept
        : s_(text), separator_(separator), skip_(skip) {
      load();
    }
    constexpr const std::string_view& operator*() const noexcept { return cur_; }
    constexpr const std::string_view* operator->() const noexcept { return &cur_; }
    constexpr iterator& operator++() noexcept {
      load();
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      load();
      return old;
    }
    constexpr bool operator==(const iterator& o) const noexcept {
      return done_ == o.done_ && (done_ || s_.pos() == o.s_.pos());
    }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    constexpr void load() noexcept {
      while (true) {
        skip_sws(s_);
        if (s_.at_end()) break;
        if (s_.consume(separator_)) continue;  // separator, or an empty item accepted leniently
        cur_ = scan_token(s_);
        if (cur_.empty()) break;  // unreachable for validated text; guarantees progress
        if (skip_ != nullptr && skip_(cur_)) continue;
        done_ = false;
        return;
      }
      done_ = true;
      cur_ = {};
    }
    scanner s_{std::string_view{}};
    std::string_view cur_{};
    char separator_ = ',';
    skip_fn skip_ = nullptr;
    bool done_ = true;
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(text_, separator_, skip_); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  /// True when the list has no item (e.g. an empty Supported, or leniently `, ,`).
  [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }
  /// Number of items (counts by iterating; there is no cap).
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }
  /// True when an item equals @p item ASCII case-insensitively (tokens and option tags
  /// compare that way, RFC 3261 §7.3.1).
  [[nodiscard]] constexpr bool contains(std::string_view item) const noexcept {
    for (std::string_view t : *this)
      if (iequals(t, item)) return true;
    return false;
  }
  /// True when an item equals @p item byte for byte (event types, RFC 6665 §8.2.1).
  [[nodiscard]] constexpr bool contains_exact(std::string_view item) const noexcept {
    for (std::string_view t : *this)
      if (t == item) return true;
    return false;
  }
  /// The validated list text as it appeared (from the first to the last non-LWS byte).
  [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }
  /// The separator between items.
  [[nodiscard]] constexpr char separator() const noexcept { return separator_; }

 private:
  std::string_view text_{};
  char separator_ = ',';
  skip_fn skip_ = nullptr;
};

/// Several rows of the same list header treated as one list (RFC 3261 §7.3.1: repeated rows
/// are equivalent to one row joining the values with commas, in order), without allocation.
///
/// It views a caller-supplied array of already validated row views; the array and the
/// buffers those views alias must outlive it.
///
/// @par Example
/// @code
/// namespace g = sipref::grammar;
/// auto a = g::parse_token_list("multiple-refer", false);  // first Require row
/// auto b = g::parse_token_list("norefersub", false);      // second Require row
/// const g::token_list_view rows[] = {*a, *b};
/// g::token_list_rows require(rows);
/// bool ok = require.contains("NoReferSub");  // true
/// @endcode
class token_list_rows {
 public:
  constexpr token_list_rows() = default;
  constexpr token_list_rows(const token_list_view* rows SIPREF_LIFETIMEBOUND, std::size_t count) noexcept
      : rows_(rows), count_(count) {}
  template <std::size_t N>
  constexpr token_list_rows(const token_list_view (&rows)[N] SIPREF_LIFETIMEBOUND) noexcept  // NOLINT
      : rows_(rows), count_(N) {}

  /// Forward iterator over the items of every row, row after row.
  class iterator : public detail::forward_iterator_types<std::string_view> {
   public:
    constexpr iterator() = default;
    constexpr iterator(const token_list_view* rows, std::size_t count) noexcept : rows_(rows), count_(count) {
      if (count_ != 0) inner_ = rows_[0].begin();
      skip_exhausted();
    }
    constexpr const std::string_view& operator*() const noexcept { return *inner_; }
    constexpr const std::string_view* operator->() const noexcept { return &*inner_; }
    constexpr iterator& operator++() noexcept {
      ++inner_;
      skip_exhausted();
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }
    constexpr bool operator==(const iterator& o) const noexcept {
      return row_ == o.row_ && (row_ >= count_ || inner_ == o.inner_);
    }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    friend class token_list_rows;
    constexpr void skip_exhausted() noexcept {
      while (row_ < count_ && inner_ == token_list_view::iterator()) {
        if (++row_ < count_) inner_ = rows_[row_].begin();
      }
    }
    const token_list_view* rows_ = nullptr;
    std::size_t count_ = 0;
    std::size_t row_ = 0;
    token_list_view::iterator inner_{};
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(rows_, count_); }
  [[nodiscard]] constexpr iterator end() const noexcept {
    iterator it;
    it.rows_ = rows_;
    it.count_ = count_;
    it.row_ = count_;
    return it;
  }
  [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < count_; ++i) n += rows_[i].size();
    return n;
  }
  /// True when any row holds @p item (ASCII case-insensitive, RFC 3261 §7.3.1).
  [[nodiscard]] constexpr bool contains(std::string_view item) const noexcept {
    for (std::size_t i = 0; i < count_; ++i)
      if (rows_[i].contains(item)) return true;
    return false;
  }
  /// True when any row holds @p item byte for byte.
  [[nodiscard]] constexpr bool contains_exact(std::string_view item) const noexcept {
    for (std::size_t i = 0; i < count_; ++i)
      if (rows_[i].contains_exact(item)) return true;
    return false;
  }
  [[nodiscard]] constexpr std::size_t row_count() const noexcept { return count_; }

 private:
  const token_list_view* rows_ = nullptr;
  std::size_t count_ = 0;
};

/// The item check of a list whose items are any `token` (option tags). A check is called as
/// `check(item, offset)` and returns `{ok, 0}` or an error; see `parse_token_list` and
/// `validate_token_list` for what @p offset means.
struct any_token {
  constexpr error operator()(std::string_view, std::size_t) const noexcept { return {}; }
};

/// Parses a whole header value that is a comma list of tokens, each further checked by
/// @p check(token, offset of the token in @p input). The whole input must be consumed
/// (leading and trailing LWS allowed). There is no cap on the number of items; duplicates
/// are accepted (repeated rows can legitimately produce them).
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// Require       =  "Require" HCOLON option-tag *(COMMA option-tag)
/// Supported  =  ( "Supported" / "k" ) HCOLON
///               [option-tag *(COMMA option-tag)]
/// option-tag     =  token
///       COMMA   =  SWS "," SWS ; comma
/// @endcode
/// The value after HCOLON has the first shape when @p may_be_empty is false and the second
/// when it is true, with `token` items (each also passed to @p check).
///
/// Errors (offsets into @p input): `empty_value` (no item where one is required, offset
/// where the item was expected), `empty_list_item` (strict mode: offset where the missing
/// item should start; see `list_options::allow_empty_items`), `bad_token` (an item that does
/// not start with a token character), `trailing_garbage` (a byte after an item that is
/// neither COMMA nor trailing LWS), or @p check's error.
///
/// Lifetime: the view aliases @p input.
template <class Check = any_token>
[[nodiscard]] constexpr result<token_list_view> parse_token_list(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                 bool may_be_empty, list_options opt = {},
                                                                 Check check = {}) noexcept {
  scanner s(input);
  skip_sws(s);
  const std::size_t first = s.pos();
  std::size_t last = first;  // one past the last item seen
  std::size_t count = 0;
  while (true) {
    if (s.at_end()) {
      // Either the value is empty, or the input ended right after a COMMA: a trailing
      // empty item (`timer,`).
      if (s.pos() != first && !opt.allow_empty_items) return s.fail(errc::empty_list_item);
      break;
    }
    if (s.next_is(',')) {  // an empty item before a COMMA (`, timer`, `timer,,100rel`)
      if (!opt.allow_empty_items) return s.fail(errc::empty_list_item);
      s.advance();
      skip_sws(s);
      continue;
    }
    const std::size_t at = s.pos();
    const std::string_view item = scan_token(s);
    if (item.empty()) return s.fail(errc::bad_token);
    if (const error e = check(item, at)) return e;
    ++count;
    last = s.pos();
    if (separator(s, ',')) continue;
    if (const error e = finish_value(s)) return e;
    break;
  }
  if (count == 0 && !may_be_empty) return s.fail(errc::empty_value);
  return token_list_view(input.substr(first, last - first));
}

/// Validates caller-supplied list items before they are written joined by @p joiner:
/// each must be a non-empty `token` passing @p check(item, 0), and none may repeat an earlier
/// one (compared case-insensitively when @p icase, else byte-wise). The composer never
/// silently drops a duplicate.
///
/// Error offsets are positions in the composed text, i.e. where a parser of the output would
/// point: @p at is where the first item will be written, and each later item starts after
/// the previous one and @p joiner. Errors: `invalid_argument` at the first non-token byte
/// of an item, at the start of an empty item, or at the start of a duplicate; @p check's
/// error code at the item's start plus its offset; `invalid_argument` (offset 0) for
/// `{nullptr, n}`.
template <class Check = any_token>
[[nodiscard]] constexpr error validate_token_list(list_ref<std::string_view> items, bool icase, Check check = {},
                                                  std::string_view joiner = ", ", std::size_t at = 0) noexcept {
  if (const error e = validate_list_storage(items)) return e;
  std::size_t pos = at;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string_view item = items[i];
    if (const error e = validate_token(item)) return {e.code, pos + e.offset};
    if (const error e = check(item, std::size_t{0})) return {e.code, pos + e.offset};
    for (std::size_t j = 0; j < i; ++j)
      if (icase ? iequals(items[j], item) : items[j] == item) return {errc::invalid_argument, pos};
    pos += item.size() + joiner.size();
  }
  return {};
}

/// Validates @p items with `validate_token_list` and writes them joined by ", " (the COMMA
/// lists of RFC 3261 §7.3.1, e.g. `Require: multiple-refer, norefersub`). An empty list is
/// `empty_value` (offset 0) unless @p may_be_empty, when it writes nothing.
template <class Writer, class Check = any_token>
constexpr error write_token_list(Writer& w, list_ref<std::string_view> items, bool may_be_empty, bool icase,
                                 Check check = {}) {
  if (items.empty() && !may_be_empty) return {errc::empty_value, 0};
  if (const error e = validate_token_list(items, icase, check)) return e;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) w.put(std::string_view(", ", 2));
    w.put(items[i]);
  }
  return {};
}

}  // namespace grammar
SIPREF_END_NAMESPACE

#endif  // SIPREF_GRAMMAR_HPP
