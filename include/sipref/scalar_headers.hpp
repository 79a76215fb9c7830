// SPDX-License-Identifier: MIT
/// @file scalar_headers.hpp
/// The single-valued scalar headers of every SIP request (RFC 3261 §20.8 Call-ID, §20.16
/// CSeq, §20.22 Max-Forwards, §20.14 Content-Length, §20.19 Expires), plus deterministic
/// generators for Call-IDs, tags and branches driven by a caller-supplied random engine.
#ifndef SIPREF_SCALAR_HEADERS_HPP
#define SIPREF_SCALAR_HEADERS_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

namespace detail {
namespace scalar_impl {

/// Offset of the first byte of @p v outside `callid = word [ "@" word ]`, or npos.
constexpr std::size_t check_callid(std::string_view v) noexcept {
  if (v.empty()) return 0;
#if SIPREF_GRAMMAR_HAS_SSE2
  // 16 to 64 bytes (the usual Call-ID): one bit for each non-word byte of the whole value,
  // built 16 bytes at a time (the last block overlapping bytes already seen). A valid value
  // has none, or exactly one: an '@' that is neither first nor last.
  const std::size_t n = v.size();
  if (!__builtin_is_constant_evaluated() && n >= 16 && n <= 64) {
    const auto non_word_at = [v](std::size_t k) {
      return std::uint64_t{grammar::simd::non_word(grammar::simd::load16(v.data() + k))} << k;
    };
    std::uint64_t other = 0;
    std::size_t k = 0;
    for (; n - k >= 16; k += 16) other |= non_word_at(k);
    if (k != n) other |= non_word_at(n - 16);
    if (other == 0) return std::string_view::npos;
    const auto at = static_cast<std::size_t>(__builtin_ctzll(other));
    if (v[at] != '@' || at == 0) return at;  // not a word character, or an empty first word
    other &= other - 1;
    if (other != 0) return static_cast<std::size_t>(__builtin_ctzll(other));  // a second "@" or a non-word byte
    if (at == n - 1) return n;                                                // empty word after "@"
    return std::string_view::npos;
  }
#endif
  // '@' is not a word character: the first word's run stops at it. Each run goes 16 bytes at a
  // time where it can (`skip_word_chars`), then byte by byte.
  const auto run_end = [v](std::size_t k) {
    k = grammar::skip_word_chars(v, k);
    return k + grammar::detail::span_in(v.substr(k), grammar::word_char);
  };
  const std::size_t at = run_end(0);
  if (at == v.size()) return std::string_view::npos;
  if (v[at] != '@' || at == 0) return at;  // not a word character, or an empty first word
  const std::size_t end = run_end(at + 1);
  if (end != v.size()) return end;          // not a word character, or a second "@"
  if (at == v.size() - 1) return v.size();  // empty word after "@"
  return std::string_view::npos;
}

inline constexpr char alnum62[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// The RFC 3261 §8.1.1.7 magic cookie. The public name is `branch_magic_cookie` in via.hpp;
/// it is repeated here so that this header does not depend on the Via parser.
inline constexpr std::string_view magic_cookie = "z9hG4bK";

/// A uniformly distributed integer in `[0, n)` from @p g by rejection sampling. Written out
/// (instead of `std::uniform_int_distribution`, whose algorithm is unspecified) so that a
/// seeded engine gives the same text with every standard library.
template <class URBG>
constexpr std::uint64_t uniform_below(URBG& g, std::uint64_t n) {
  constexpr std::uint64_t lo = static_cast<std::uint64_t>(URBG::min());
  constexpr std::uint64_t r = static_cast<std::uint64_t>(URBG::max()) - lo;  // range - 1
  static_assert(r >= 61, "the random engine must produce at least 62 distinct values");
  // Accept v in [0, r - rem] where rem = (r + 1) mod n, so every residue is equally likely.
  const std::uint64_t rem = (r % n + 1) % n;
  while (true) {
    const std::uint64_t v = static_cast<std::uint64_t>(g()) - lo;
    if (v <= r - rem) return v % n;
  }
}

}  // namespace scalar_impl
}  // namespace detail

// ==========================================================================================
// Call-ID (RFC 3261 §20.8)
// ==========================================================================================

/// A parsed Call-ID value. Compare Call-IDs byte-wise (RFC 3261 §8.1.1.4, §20.8: they are
/// case-sensitive); `%` and quotes in it carry no meaning (RFC 4475 §3.1.1.2). Views alias
/// the parsed input and are valid while that buffer is.
struct call_id_view {
  std::string_view value{};  ///< the whole `callid`

  /// The `word` before `@` (all of `value` when there is no `@`).
  [[nodiscard]] constexpr std::string_view local_part() const noexcept { return value.substr(0, value.find('@')); }
  /// The `word` after `@`, or an empty view when there is none.
  [[nodiscard]] constexpr std::string_view host_part() const noexcept {
    const std::size_t at = value.find('@');
    return at == std::string_view::npos ? std::string_view{} : value.substr(at + 1);
  }
  /// Byte-wise equality (RFC 3261 §20.8).
  friend constexpr bool operator==(const call_id_view& a, const call_id_view& b) noexcept { return a.value == b.value; }
  friend constexpr bool operator!=(const call_id_view& a, const call_id_view& b) noexcept { return !(a == b); }
};

/// Parses a Call-ID header value (text after `HCOLON`; leading/trailing LWS allowed).
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// Call-ID  =  ( "Call-ID" / "i" ) HCOLON callid
/// callid   =  word [ "@" word ]
/// @endcode
///
/// @par Example
/// @code
/// auto c = sipref::parse_call_id("898234234@agenta.atlanta.example.com");
/// // c->host_part() == "agenta.atlanta.example.com"
/// @endcode
///
/// Errors (offsets into @p input): `empty_value`; `unexpected_char` where a `word` must
/// start but does not (first byte, or right after `@`), also at the end of input after `@`;
/// `trailing_garbage` at anything after the Call-ID (a second `@`, a space inside, ...:
/// RFC 3420 §3.2 `Call-ID: this is invalid`).
///
/// The result's views alias @p input.
[[nodiscard]] constexpr result<call_id_view> parse_call_id(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  if (const error e = grammar::start_value(s)) return e;
  const std::size_t start = s.pos();
  if (grammar::scan_word(s).empty()) return s.fail(errc::unexpected_char);
  if (s.consume('@') && grammar::scan_word(s).empty()) return s.fail(errc::unexpected_char);
  call_id_view v{s.slice(start)};
  if (const error e = grammar::finish_value(s)) return e;
  return v;
}

/// A composable Call-ID value. Use `make_call_id` to generate one.
///
/// @par ABNF (RFC 3261 §25.1)
/// `callid   =  word [ "@" word ]`
///
/// `compose` fails with `invalid_argument` at the first byte of `value` outside the grammar
/// (offset 0 when empty; `value.size()` when it ends with `@`).
struct call_id {
  static constexpr std::string_view header_name = "Call-ID";

  std::string_view value = {};  ///< e.g. `a84b4c76e66710@pc33.atlanta.com`

  template <class Writer>
  constexpr error compose(Writer& w) const {
    const std::size_t bad = detail::scalar_impl::check_callid(value);
    if (bad != std::string_view::npos) return {errc::invalid_argument, bad};
    w.put(value);
    return {};
  }
};

// ==========================================================================================
// CSeq (RFC 3261 §20.16)
// ==========================================================================================

/// A parsed CSeq value. `method` aliases the parsed input; compare it case-sensitively
/// (RFC 3261 §20.16).
struct cseq_view {
  std::uint32_t number = 0;  ///< sequence number, at most 2^32-1 (RFC 3261 §8.1.1.5)
  std::string_view method{};   ///< the method token, e.g. `REFER`
};

/// Parses a CSeq header value (text after `HCOLON`; leading/trailing LWS allowed, and the
/// LWS between number and method may be a line fold, RFC 4475 §3.1.1.1).
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// CSeq  =  "CSeq" HCOLON 1*DIGIT LWS Method
/// Method            =  INVITEm / ACKm / OPTIONSm / BYEm
///                      / CANCELm / REGISTERm
///                      / extension-method
/// extension-method  =  token
/// @endcode
///
/// @par Example
/// @code
/// auto c = sipref::parse_cseq("93809823 REFER");  // c->number == 93809823
/// @endcode
///
/// Errors (offsets into @p input): `empty_value`; `bad_number` where the digits should be;
/// `number_overflow` at the first digit of a number above 2^32-1 (RFC 3261 §8.1.1.5,
/// RFC 4475 §3.1.2.4 scalar02); `unexpected_char` right after the digits when no LWS
/// follows, `unexpected_end` when the value ends there; `bad_method` where the method
/// token should start; `trailing_garbage`.
///
/// The result's views alias @p input.
[[nodiscard]] constexpr result<cseq_view> parse_cseq(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  if (const error e = grammar::start_value(s)) return e;
  auto n = grammar::scan_uint(s, 0xffffffffu);
  if (!n) return n.error();
  if (!grammar::skip_lws(s)) return s.fail(s.at_end() ? errc::unexpected_end : errc::unexpected_char);
  grammar::skip_sws(s);
  cseq_view v;
  v.number = static_cast<std::uint32_t>(*n);
  v.method = grammar::scan_token(s);
  if (v.method.empty()) return s.fail(errc::bad_method);
  if (const error e = grammar::finish_value(s)) return e;
  return v;
}

/// A composable CSeq value for a request this side generates.
///
/// @par ABNF (RFC 3261 §25.1)
/// `CSeq  =  "CSeq" HCOLON 1*DIGIT LWS Method`
///
/// `compose` fails with `invalid_argument` (offset 0) when `number` is 2^31 or more
/// (RFC 3261 §8.1.1.5: a generated sequence number MUST be below 2^31, so that it can grow
/// within 32 bits) and with `invalid_argument` at the first non-token byte of `method`
/// (offset 0 when empty). Methods are case-sensitive and written as given.
struct cseq {
  static constexpr std::string_view header_name = "CSeq";
  /// The largest number a generated request may carry (RFC 3261 §8.1.1.5).
  static constexpr std::uint32_t max_number = 0x7fffffffu;

  std::uint32_t number = 0;
  std::string_view method = {};  ///< e.g. `REFER`

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (number > max_number) return {errc::invalid_argument, 0};
    if (const error e = grammar::validate_token(method)) return e;
    grammar::write_decimal(w, number);
    w.put(' ');
    w.put(method);
    return {};
  }
};

// ==========================================================================================
// Max-Forwards (RFC 3261 §20.22)
// ==========================================================================================

/// The Max-Forwards value a UAC SHOULD start with (RFC 3261 §8.1.1.6).
inline constexpr std::uint32_t default_max_forwards = 70;

/// A Max-Forwards value, as parsed and as composed.
///
/// @par ABNF (RFC 3261 §25.1)
/// `Max-Forwards  =  "Max-Forwards" HCOLON 1*DIGIT`
///
/// RFC 3261 §20.22 says the value is an integer in the range 0-255, and RFC 4475 §3.1.2.4
/// (scalar02, `Max-Forwards: 300`) calls a larger value overlarge, so sipref is strict:
/// values above 255 are rejected when parsing and composing.
///
/// `compose` fails with `invalid_argument` (offset 0) when `value` > 255.
struct max_forwards {
  static constexpr std::string_view header_name = "Max-Forwards";
  static constexpr std::uint32_t max_value = 255;

  std::uint32_t value = default_max_forwards;

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (value > max_value) return {errc::invalid_argument, 0};
    grammar::write_decimal(w, value);
    return {};
  }
};

/// Parses a Max-Forwards header value: `1*DIGIT` in 0..255, leading zeros allowed
/// (`0068`, RFC 4475 §3.1.1.1), surrounding LWS allowed.
///
/// @par ABNF (RFC 3261 §25.1)
/// `Max-Forwards  =  "Max-Forwards" HCOLON 1*DIGIT`
///
/// @par Example
/// `parse_max_forwards("70")->value == 70`
///
/// Errors (offsets into @p input): `empty_value`; `bad_number` where a digit should be;
/// `number_overflow` at the first digit of a value above 255 (RFC 4475 §3.1.2.4);
/// `trailing_garbage`.
[[nodiscard]] constexpr result<max_forwards> parse_max_forwards(std::string_view input) noexcept {
  auto v = grammar::parse_uint_value(input, max_forwards::max_value);
  if (!v) return v.error();
  return max_forwards{static_cast<std::uint32_t>(*v)};
}

// ==========================================================================================
// Content-Length (RFC 3261 §20.14)
// ==========================================================================================

/// A Content-Length value, as parsed and as composed: the body size in octets.
///
/// @par ABNF (RFC 3261 §25.1)
/// `Content-Length  =  ( "Content-Length" / "l" ) HCOLON 1*DIGIT`
///
/// Comparing it with the bytes actually present is the message parser's job (RFC 3261
/// §18.3). `compose` never fails.
struct content_length {
  static constexpr std::string_view header_name = "Content-Length";

  std::uint64_t value = 0;

  template <class Writer>
  constexpr error compose(Writer& w) const {
    grammar::write_decimal(w, value);
    return {};
  }
};

/// Parses a Content-Length header value into a 64-bit count with an overflow check
/// (PEERS.md (c) 19: `4294967328` is 4294967328, never truncated to 32; leading zeros are
/// accepted).
///
/// @par ABNF (RFC 3261 §25.1)
/// `Content-Length  =  ( "Content-Length" / "l" ) HCOLON 1*DIGIT`
///
/// @par Example
/// `parse_content_length("362")->value == 362`
///
/// Errors (offsets into @p input): `empty_value`; `bad_content_length` where a digit should
/// be (`-1`, `+5`, `...`, RFC 4475 §3.1.2.3 ncl); `number_overflow` at the first digit of a
/// value above 2^64-1 (`99999999999999999999`); `trailing_garbage` (`12abc`, `1 2`).
[[nodiscard]] constexpr result<content_length> parse_content_length(std::string_view input) noexcept {
  auto v = grammar::parse_uint_value(input, ~std::uint64_t{0}, errc::bad_content_length);
  if (!v) return v.error();
  return content_length{*v};
}

// ==========================================================================================
// Expires (RFC 3261 §20.19)
// ==========================================================================================

/// An Expires value, as parsed and as composed: seconds from now.
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// Expires     =  "Expires" HCOLON delta-seconds
/// delta-seconds      =  1*DIGIT
/// @endcode
/// RFC 3261 §20.19 limits the value to 2^32-1; RFC 4475 §3.1.2.4 (scalar02) treats a larger
/// one as overlarge. `compose` never fails.
struct expires {
  static constexpr std::string_view header_name = "Expires";

  std::uint32_t seconds = 0;

  template <class Writer>
  constexpr error compose(Writer& w) const {
    grammar::write_decimal(w, seconds);
    return {};
  }
};

/// Parses an Expires header value (`delta-seconds`, at most 2^32-1, surrounding LWS
/// allowed).
///
/// @par ABNF (RFC 3261 §25.1)
/// `Expires     =  "Expires" HCOLON delta-seconds`
///
/// @par Example
/// `parse_expires("3600")->seconds == 3600`
///
/// Errors (offsets into @p input): `empty_value`; `bad_number` where a digit should be;
/// `number_overflow` at the first digit of a value above 2^32-1; `trailing_garbage`
/// (including an RFC 1123 date, which RFC 3261 no longer allows).
[[nodiscard]] constexpr result<expires> parse_expires(std::string_view input) noexcept {
  auto v = grammar::parse_uint_value(input, 0xffffffffu);
  if (!v) return v.error();
  return expires{static_cast<std::uint32_t>(*v)};
}

// ==========================================================================================
// Identifier generation (RFC 3261 §8.1.1.4, §8.1.1.7, §19.3)
// ==========================================================================================

/// Random characters in a generated Call-ID: 22 × log2(62) ≈ 131 bits (RFC 3261 §8.1.1.4
/// wants global uniqueness; §19.3 sets 32 bits as the floor).
inline constexpr std::size_t call_id_random_chars = 22;
/// Random characters in a generated tag: 10 × log2(62) ≈ 59 bits (RFC 3261 §19.3: ≥ 32).
inline constexpr std::size_t tag_random_chars = 10;
/// Random characters after the `z9hG4bK` magic cookie in a generated branch: ≈ 95 bits.
inline constexpr std::size_t branch_random_chars = 16;

/// Writes @p count characters drawn uniformly from `[A-Za-z0-9]` using @p g (any
/// UniformRandomBitGenerator with at least 62 distinct outputs, e.g. `std::mt19937`; use a
/// cryptographically strong one in production, RFC 3261 §8.1.1.4). The result is a `token`
/// and a `word`. Deterministic for a given engine state, on every standard library.
///
/// @par Example
/// @code
/// std::mt19937 g(42);
/// char buf[10];
/// sipref::buffer_writer w(buf, buf + sizeof buf);
/// sipref::write_random_alnum(w, g, sizeof buf);
/// @endcode
template <class Writer, class URBG>
constexpr void write_random_alnum(Writer& w, URBG& g, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    w.put(detail::scalar_impl::alnum62[detail::scalar_impl::uniform_below(g, 62)]);
}

/// Writes a fresh tag (`From`/`To` `tag` parameter value, RFC 3261 §19.3):
/// `tag_random_chars` random alphanumerics.
template <class Writer, class URBG>
constexpr void write_tag(Writer& w, URBG& g) {
  write_random_alnum(w, g, tag_random_chars);
}

/// Writes a fresh Via branch: `z9hG4bK` followed by `branch_random_chars` random
/// alphanumerics (RFC 3261 §8.1.1.7).
template <class Writer, class URBG>
constexpr void write_branch(Writer& w, URBG& g) {
  w.put(detail::scalar_impl::magic_cookie);
  write_random_alnum(w, g, branch_random_chars);
}

/// Writes a fresh Call-ID without a host part: `call_id_random_chars` random alphanumerics.
template <class Writer, class URBG>
constexpr void write_call_id(Writer& w, URBG& g) {
  write_random_alnum(w, g, call_id_random_chars);
}

/// A fresh tag as a string (see `write_tag`).
template <class URBG>
[[nodiscard]] std::string make_tag(URBG& g) {
  std::string out;
  out.reserve(tag_random_chars);
  string_writer w(out);
  write_tag(w, g);
  return out;
}

/// A fresh branch as a string (see `write_branch`).
template <class URBG>
[[nodiscard]] std::string make_branch(URBG& g) {
  std::string out;
  out.reserve(detail::scalar_impl::magic_cookie.size() + branch_random_chars);
  string_writer w(out);
  write_branch(w, g);
  return out;
}

/// A fresh Call-ID as a string (see `write_call_id`).
template <class URBG>
[[nodiscard]] std::string make_call_id(URBG& g) {
  std::string out;
  out.reserve(call_id_random_chars);
  string_writer w(out);
  write_call_id(w, g);
  return out;
}

/// A fresh Call-ID `random@host`. Fails with `invalid_argument` at the first byte of
/// @p host that is not a `word` character (offset 0 when empty). RFC 3323 §4.1 advises
/// against a real host name when privacy matters.
template <class URBG>
[[nodiscard]] result<std::string> make_call_id(URBG& g, std::string_view host) {
  if (const error e = grammar::validate_chars(host, grammar::word_char)) return e;
  std::string out;
  out.reserve(call_id_random_chars + 1 + host.size());
  string_writer w(out);
  write_call_id(w, g);
  w.put('@');
  w.put(host);
  return out;
}

SIPREF_END_NAMESPACE

#endif  // SIPREF_SCALAR_HEADERS_HPP
