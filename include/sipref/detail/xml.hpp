// SPDX-License-Identifier: MIT
/// @file xml.hpp
/// sipref's own small, non-validating XML 1.0 (Fifth Edition) + Namespaces in XML 1.0 reader:
/// one pass over a `(pointer, length)` view, no allocation, no DTD, no entities beyond the
/// five predefined ones; the engine under `resource_lists.hpp`.
///
/// What it checks (every item is a fatal error, reported as code + byte offset):
/// - the whole document is well-formed UTF-8 (RFC 3629) and every character is an XML `Char`
///   (XML 1.0 §2.2): C0 controls other than TAB/LF/CR, U+FFFE and U+FFFF are rejected;
/// - well-formedness (XML 1.0 §2.1, §3): one root element, properly nested and matching
///   tags, attributes quoted with `'` or `"`, whitespace between attributes, no `<` in
///   attribute values, no `]]>` in character data, comments without `--`, PI targets other
///   than `xml` (any case), an XML declaration only at the very start (after an optional
///   UTF-8 BOM) with `version="1.x"`, an `encoding` that must be UTF-8 (RFC 4826 §3.1) and
///   `standalone` yes/no; names per the XML 1.0 Fifth Edition `NameStartChar`/`NameChar`
///   productions (non-ASCII ranges included, checked exactly);
/// - references: `&lt; &gt; &amp; &apos; &quot;` and decimal/hex character references to
///   valid `Char`s only; any other entity reference is `xml_bad_entity` (no DTD means none
///   can be declared); a `<!DOCTYPE` is `xml_doctype` — so there is no XXE and no entity
///   expansion, hence no entity bomb;
/// - Namespaces in XML 1.0: QNames (at most one colon, non-empty prefix and local part),
///   prefixes bound in scope (`xml_unbound_prefix`), the reserved `xml`/`xmlns` prefixes and
///   namespace names, no `xmlns:p=""` undeclaring, attributes unique by qualified *and*
///   expanded name (`xml_duplicate_attribute`), no colon in PI targets.
///
/// What it does not do: DTDs of any kind, external entities, encodings other than UTF-8,
/// XML 1.1 rules (a `version="1.1"` document is read as XML 1.0, which XML 1.0 Fifth Edition
/// §2.8 allows), validation against a schema, and RFC 3986 syntax checks of namespace names:
/// they are compared as exact strings (Namespaces in XML 1.0 §2.3), so a malformed name is
/// simply a namespace nobody knows (libxml2 reports it as a namespace error; the differential
/// test in tests/xml counts that difference explicitly).
///
/// Error codes: `bad_utf8` (malformed UTF-8), `control_char` (a C0 control that is not a
/// `Char`), `unexpected_end` (input ends inside a construct, at the input size),
/// `xml_malformed` (every other well-formedness or namespace constraint, including U+FFFE /
/// U+FFFF and text outside the root), and the specific `xml_*` codes listed at `parse`.
///
/// Fixed capacities (documented limits, each reported as `limit_exceeded`): at most
/// `max_depth_cap` open elements (the caller's `max_depth` is clamped to it), at most
/// `max_attributes` attributes (namespace declarations included) in one start tag, at most
/// `max_bindings` namespace declarations in scope at once. They make the reader's state a
/// fixed-size object (about 7 KiB) so nothing is allocated, and keep the duplicate-attribute
/// and prefix-lookup scans bounded, so the run time is linear in the input size.
///
/// Decoded values are never materialised by the reader: an attribute value or an element's
/// content is a `text_view` (the raw bytes plus flags); when `needs_decoding()` is false the
/// raw bytes are the value (the common case: zero-copy), otherwise `decode(writer)`,
/// `decoded_size()` and `equals()` apply the XML rules on the fly.
#ifndef SIPREF_DETAIL_XML_HPP
#define SIPREF_DETAIL_XML_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>

#include "../config.hpp"
#include "../error.hpp"
#include "../grammar.hpp"

// x86-64 always has SSE2: the run scans below then take 16 bytes at a time, with the portable
// 8-byte SWAR scan as the fallback elsewhere (define SIPREF_XML_NO_SSE2 to test that one).
#if defined(__SSE2__) && !defined(SIPREF_XML_NO_SSE2)
#include <emmintrin.h>
#define SIPREF_XML_HAS_SSE2 1
#else
#define SIPREF_XML_HAS_SSE2 0
#endif

SIPREF_BEGIN_NAMESPACE
namespace xml {

/// The namespace name `xml:` is bound to (Namespaces in XML 1.0 §3).
inline constexpr std::string_view xml_namespace = "http://www.w3.org/XML/1998/namespace";
/// The namespace name of `xmlns` itself; never bindable (Namespaces in XML 1.0 §3).
inline constexpr std::string_view xmlns_namespace = "http://www.w3.org/2000/xmlns/";

/// Most elements open at once, whatever `limits::max_depth` says.
inline constexpr std::size_t max_depth_cap = 64;
/// Most attributes (namespace declarations included) in one start tag.
inline constexpr std::size_t max_attributes = 32;
/// Most namespace declarations in scope at once (the implicit `xml` binding not counted).
inline constexpr std::size_t max_bindings = 64;

/// Namespace identity of a resolved name. Values from `first_known` on are indexes into the
/// caller's `limits::known_namespaces` (`first_known + i`).
enum ns_id : std::uint8_t {
  ns_none = 0,      ///< no namespace (unprefixed attribute, or element with no default namespace)
  ns_xml = 1,       ///< `http://www.w3.org/XML/1998/namespace`
  ns_other = 2,     ///< some namespace the caller did not list
  ns_first_known = 3,
};

namespace detail {

// Character classes of the bytes that the hot loops look at.
enum : std::uint8_t {
  c_name_start = 1,   // ASCII NameStartChar (letters, '_', ':')
  c_space = 2,        // SP / TAB / LF: whitespace that needs no attention in text (CR is flagged)
  c_text = 4,         // ASCII char data that needs no attention: %x21-7F except < & ]
  c_ws = 8,           // S = SP / TAB / LF / CR
  c_attr = 16,        // ASCII attribute value byte that needs no attention: %x20-7F except < & " '
  c_ctl = 32,         // C0 control that is not an XML Char (all but TAB, LF, CR)
  c_text_ws = 64,     // c_text plus SP, TAB, LF (CR is excluded: it must be flagged)
  c_ncname = 128,     // ASCII NameChar other than ':'
};

struct class_table {
  std::uint8_t bits[256];
};

constexpr class_table make_class_table() noexcept {
  class_table t{};
  for (int i = 0; i < 256; ++i) {
    std::uint8_t b = 0;
    const bool letter = (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z');
    const bool name_char = letter || i == '_' || i == ':' || (i >= '0' && i <= '9') || i == '-' || i == '.';
    if (letter || i == '_' || i == ':') b |= c_name_start;
    if (i >= 0x21 && i <= 0x7f && i != '<' && i != '&' && i != ']') b |= c_text;
    if (i == ' ' || i == '\t' || i == '\n' || i == '\r') b |= c_ws;
    if (i == ' ' || i == '\t' || i == '\n') b |= c_space;
    if (i >= 0x20 && i <= 0x7f && i != '<' && i != '&' && i != '"' && i != '\'') b |= c_attr;
    if (i < 0x20 && i != '\t' && i != '\n' && i != '\r') b |= c_ctl;
    if ((b & c_text) || i == ' ' || i == '\t' || i == '\n') b |= c_text_ws;
    if (name_char && i != ':') b |= c_ncname;
    t.bits[i] = b;
  }
  return t;
}

inline constexpr class_table classes = make_class_table();

constexpr std::uint8_t cls(char c) noexcept { return classes.bits[static_cast<unsigned char>(c)]; }
constexpr bool is_ws(char c) noexcept { return (cls(c) & c_ws) != 0; }
/// ASCII NameChar (XML 1.0 §2.3), the colon included.
constexpr bool is_name_char(char c) noexcept { return (cls(c) & c_ncname) != 0 || c == ':'; }

// The block-at-a-time scans below use memcpy or SSE2 loads, which constant evaluation cannot
// run; they are taken only when the compiler can tell it is not evaluating a constant expression.
#if defined(__has_builtin)
#if __has_builtin(__builtin_is_constant_evaluated)
#define SIPREF_XML_HAS_SWAR 1
#endif
#endif
#ifndef SIPREF_XML_HAS_SWAR
#define SIPREF_XML_HAS_SWAR 0
#endif

/// The 8 bytes at @p p as a little-endian number (memory order = significance order, so
/// borrows in the SWAR tests below run from earlier bytes to later ones on every host).
inline std::uint64_t load_le64(const char* p) noexcept {
  std::uint64_t x = 0;
  std::memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#endif
  return x;
}

/// Number of leading bytes of @p p[0, n) that are printable ASCII other than `a`, `b` and
/// `c` (bytes 0x20..0x7F; `a`, `b`, `c` must be ASCII), 16 bytes at a time with SSE2, else 8
/// at a time (SWAR). Exact up to the last full block; the caller's byte loop handles the
/// tail. Runtime only.
///
/// SSE2: a byte is special when it is `a`, `b` or `c`, or below 0x20 as a signed byte (the
/// controls, and every byte >= 0x80). SWAR: the high bit of byte k of `special` is set when
/// byte k is special, using subtractions without the usual `& ~v` masks: below the first
/// special byte no borrow is in flight, and there `v - 0x01` (v = byte ^ a) has its high bit
/// set only for v == 0 or v >= 0x81, i.e. byte == a or byte >= 0x80 (a < 0x80); `byte - 0x20`
/// only for byte < 0x20 or byte >= 0xA0. Every flag is thus a special byte up to the first
/// one; flags above it (borrows, which start only at a special byte) do not matter: the
/// lowest one is taken.
#if defined(__GNUC__)
[[gnu::always_inline]]  // two callers, both per-attribute / per-text hot paths
#endif
inline std::size_t plain_prefix(const char* p, std::size_t n, char a, char b, char c) noexcept {
  std::size_t i = 0;
#if SIPREF_XML_HAS_SSE2
  // The last 15 bytes of the input are left to the caller's byte loop: no constants for a
  // second loop are kept live on the hot path.
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c), space = _mm_set1_epi8(0x20);
  for (; n - i >= 16; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                                         _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmplt_epi8(x, space)));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(special));
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#else
  constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  const std::uint64_t ma = ones * static_cast<unsigned char>(a), mb = ones * static_cast<unsigned char>(b),
                      mc = ones * static_cast<unsigned char>(c);
  for (; n - i >= 8; i += 8) {
    const std::uint64_t x = load_le64(p + i);
    const std::uint64_t special = (x | (x - ones * 0x20) | ((x ^ ma) - ones) | ((x ^ mb) - ones) | ((x ^ mc) - ones)) & highs;
    if (special != 0) return i + static_cast<std::size_t>(__builtin_ctzll(special) >> 3);
  }
#endif
  return i;
}

/// `s == lit` for a string literal, without a library call (names are short).
template <std::size_t N>
constexpr bool name_is(std::string_view s, const char (&lit)[N]) noexcept {
  if (s.size() != N - 1) return false;
#if SIPREF_XML_HAS_SWAR
  // A constant-length memcmp compiled to a few inline loads and compares.
  if (!__builtin_is_constant_evaluated()) return __builtin_memcmp(s.data(), lit, N - 1) == 0;
#endif
  for (std::size_t i = 0; i + 1 < N; ++i)
    if (s[i] != lit[i]) return false;
  return true;
}

/// Decodes the well-formed UTF-8 sequence of length @p n at @p s[i].
constexpr std::uint32_t code_point(std::string_view s, std::size_t i, std::size_t n) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (n == 1) return b0;
  std::uint32_t cp = (n == 2) ? (b0 & 0x1Fu) : (n == 3) ? (b0 & 0x0Fu) : (b0 & 0x07u);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  return cp;
}

/// XML 1.0 §2.2 `Char`.
constexpr bool is_xml_char(std::uint32_t cp) noexcept {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

/// XML 1.0 Fifth Edition §2.3 `NameStartChar` for non-ASCII code points.
constexpr bool is_name_start_nonascii(std::uint32_t cp) noexcept {
  return (cp >= 0xC0 && cp <= 0xD6) || (cp >= 0xD8 && cp <= 0xF6) || (cp >= 0xF8 && cp <= 0x2FF) ||
         (cp >= 0x370 && cp <= 0x37D) || (cp >= 0x37F && cp <= 0x1FFF) || (cp >= 0x200C && cp <= 0x200D) ||
         (cp >= 0x2070 && cp <= 0x218F) || (cp >= 0x2C00 && cp <= 0x2FEF) || (cp >= 0x3001 && cp <= 0xD7FF) ||
         (cp >= 0xF900 && cp <= 0xFDCF) || (cp >= 0xFDF0 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0xEFFFF);
}

/// XML 1.0 Fifth Edition §2.3 `NameChar` for non-ASCII code points.
constexpr bool is_name_char_nonascii(std::uint32_t cp) noexcept {
  return is_name_start_nonascii(cp) || cp == 0xB7 || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x203F && cp <= 0x2040);
}

/// Appends the UTF-8 encoding of @p cp (a valid scalar value) to @p buf; returns the length.
constexpr std::size_t encode_utf8(std::uint32_t cp, char* buf) noexcept {
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  buf[0] = static_cast<char>(0xF0 | (cp >> 18));
  buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

/// Result of reading one reference `&...;` (already known to be well-formed or not).
struct reference {
  std::size_t length = 0;   ///< bytes of the reference including `&` and `;`; 0 when malformed
  std::uint32_t cp = 0;     ///< the character it stands for
  errc code = errc::ok;     ///< set when it is not acceptable
};

/// Reads the reference at @p s[i] (which is `&`): `&#NNN;`, `&#xHHH;` or `&name;`.
/// Errors: `xml_malformed` (no name/digits or no `;`), `xml_bad_char_ref` (not a `Char`),
/// `xml_bad_entity` (a well-formed name other than the five predefined entities).
constexpr reference read_reference(std::string_view s, std::size_t i) noexcept {
  reference r;
  const std::size_t n = s.size();
  std::size_t k = i + 1;
  if (k < n && s[k] == '#') {
    ++k;
    const bool hex = k < n && s[k] == 'x';
    if (hex) ++k;
    const std::size_t digits_at = k;
    std::uint32_t v = 0;
    bool too_big = false;
    while (k < n) {
      const int d = hex ? grammar::hex_value(s[k]) : ((s[k] >= '0' && s[k] <= '9') ? s[k] - '0' : -1);
      if (d < 0) break;
      if (v > 0x10FFFF) {
        too_big = true;
      } else {
        v = v * (hex ? 16u : 10u) + static_cast<std::uint32_t>(d);
      }
      ++k;
    }
    if (k == digits_at || k >= n || s[k] != ';') {
      // `&#65` without `;` is reported by libxml2 as an invalid char ref too; a missing
      // digit or terminator is a syntax error either way.
      r.code = errc::xml_malformed;
      return r;
    }
    r.length = k + 1 - i;
    r.cp = v;
    if (too_big || !is_xml_char(v)) r.code = errc::xml_bad_char_ref;
    return r;
  }
  // EntityRef: '&' Name ';' — only the predefined ones are declared.
  const std::size_t name_at = k;
  while (k < n && is_name_char(s[k])) ++k;
  if (k == name_at || (cls(s[name_at]) & c_name_start) == 0) {
    // Non-ASCII names can never be predefined entities; a non-ASCII name start is still a
    // reference to an undeclared entity, but telling the two apart here buys nothing.
    r.code = (name_at < n && static_cast<unsigned char>(s[name_at]) >= 0x80) ? errc::xml_bad_entity : errc::xml_malformed;
    return r;
  }
  if (k >= n || s[k] != ';') {
    r.code = (k < n && static_cast<unsigned char>(s[k]) >= 0x80) ? errc::xml_bad_entity : errc::xml_malformed;
    return r;
  }
  const std::string_view name = s.substr(name_at, k - name_at);
  r.length = k + 1 - i;
  if (name == "lt") {
    r.cp = '<';
  } else if (name == "gt") {
    r.cp = '>';
  } else if (name == "amp") {
    r.cp = '&';
  } else if (name == "apos") {
    r.cp = '\'';
  } else if (name == "quot") {
    r.cp = '"';
  } else {
    r.code = errc::xml_bad_entity;
  }
  return r;
}

}  // namespace detail

/// A value as it appears in the document (attribute value or element content) plus what it
/// takes to decode it. Views alias the parsed input.
///
/// `raw` is the bytes between the quotes of an attribute, or between the start and end tag
/// of an element. When `needs_decoding()` is false, `raw` *is* the value. Otherwise
/// decoding applies XML 1.0 rules: references are replaced (§4.1, §4.6); line ends are
/// normalised (§2.11: CR LF and lone CR become LF); in attribute values each TAB, LF and
/// normalised line end becomes one SP (§3.3.3, CDATA-type normalisation — there is no DTD),
/// while a character reference to them stays literal; in element content, comments and
/// processing instructions are dropped, CDATA sections contribute their text, and child
/// elements contribute their own text (the XPath string-value).
///
/// Only text that the reader has checked should be given to the decoding functions; on
/// other input they stay within `raw` but the result is unspecified.
struct text_view {
  enum : std::uint8_t {
    has_refs = 1,        ///< contains a reference (`&...;`)
    has_line_ends = 2,   ///< text: contains CR; attribute: contains TAB, CR or LF
    has_markup = 4,      ///< content: contains a comment, PI, CDATA section or element
    is_attribute = 8,    ///< attribute-value normalisation applies
  };
  std::string_view raw{};
  std::uint8_t flags = 0;

  /// True when the decoded value differs from `raw` (references, line ends, markup).
  [[nodiscard]] constexpr bool needs_decoding() const noexcept { return (flags & (has_refs | has_line_ends | has_markup)) != 0; }
  /// True when the value contains at least one entity or character reference.
  [[nodiscard]] constexpr bool has_references() const noexcept { return (flags & has_refs) != 0; }

  /// Calls @p f with consecutive pieces of the decoded value (each a non-empty view that is
  /// only valid during the call); stops early when @p f returns false. Returns false if it
  /// stopped early.
  template <class F>
  constexpr bool for_each_piece(F&& f) const noexcept;

  /// Writes the decoded value to @p w (a writer as in compose.hpp). Never allocates by itself.
  template <class Writer>
  constexpr void decode(Writer& w) const;

  /// Size in bytes of the decoded value.
  [[nodiscard]] constexpr std::size_t decoded_size() const noexcept;

  /// True when the decoded value equals @p s byte for byte (no allocation).
  [[nodiscard]] constexpr bool equals(std::string_view s) const noexcept;
};

namespace detail {

/// Skips a start or end tag starting at `<` at @p i (quotes honoured); returns the index after `>`.
constexpr std::size_t skip_tag(std::string_view s, std::size_t i) noexcept {
  char quote = 0;
  for (++i; i < s.size(); ++i) {
    const char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return s.size();
}

}  // namespace detail

/// A resumable decoder over a `text_view`: `next()` yields the decoded value piece by piece.
class piece_cursor {
 public:
  constexpr explicit piece_cursor(const text_view& t) noexcept : s_(t.raw), attr_((t.flags & text_view::is_attribute) != 0) {}

  /// The next non-empty piece, or an empty view at the end. A piece that is not a slice of
  /// the raw text lives in the cursor and stays valid until the next call.
  constexpr std::string_view next() noexcept {
    const std::size_t n = s_.size();
    constexpr std::size_t npos = std::string_view::npos;
    while (i_ < n) {
      if (cdata_end_ != npos && i_ >= cdata_end_) {
        i_ = cdata_end_ + 3;
        cdata_end_ = npos;
        continue;
      }
      const char c = s_[i_];
      const bool in_cdata = cdata_end_ != npos;
      if (c == '&' && !in_cdata) {
        const detail::reference r = detail::read_reference(s_, i_);
        if (r.length == 0) {  // unchecked input: stop quietly
          i_ = n;
          break;
        }
        i_ += r.length;
        return std::string_view(buf_, detail::encode_utf8(r.cp, buf_));
      }
      if (c == '\r') {
        i_ += (i_ + 1 < n && s_[i_ + 1] == '\n') ? 2u : 1u;
        return attr_ ? std::string_view(" ") : std::string_view("\n");
      }
      if (attr_ && (c == '\n' || c == '\t')) {
        ++i_;
        return std::string_view(" ");
      }
      if (c == '<' && !attr_ && !in_cdata) {
        if (s_.substr(i_, 4) == "<!--") {
          const std::size_t e = s_.find("-->", i_ + 4);
          i_ = e == npos ? n : e + 3;
        } else if (s_.substr(i_, 2) == "<?") {
          const std::size_t e = s_.find("?>", i_ + 2);
          i_ = e == npos ? n : e + 2;
        } else if (s_.substr(i_, 9) == "<![CDATA[") {
          cdata_end_ = s_.find("]]>", i_ + 9);
          if (cdata_end_ == npos) cdata_end_ = n;
          i_ += 9;
        } else {
          i_ = detail::skip_tag(s_, i_);
        }
        continue;
      }
      // A run of bytes that decode to themselves.
      const std::size_t start = i_;
      const std::size_t stop = in_cdata ? cdata_end_ : n;
      while (i_ < stop) {
        const char d = s_[i_];
        if (d == '\r' || (!in_cdata && (d == '&' || (!attr_ && d == '<'))) || (attr_ && (d == '\n' || d == '\t'))) break;
        ++i_;
      }
      if (i_ > start) return s_.substr(start, i_ - start);
    }
    return {};
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t cdata_end_ = std::string_view::npos;  // index of "]]>" while inside a CDATA section
  bool attr_ = false;
  char buf_[4] = {};
};

template <class Writer>
constexpr void text_view::decode(Writer& w) const {
  if (!needs_decoding()) {
    w.put(raw);
    return;
  }
  piece_cursor c(*this);
  for (std::string_view p = c.next(); !p.empty(); p = c.next()) w.put(p);
}

template <class F>
constexpr bool text_view::for_each_piece(F&& f) const noexcept {
  piece_cursor c(*this);
  for (std::string_view p = c.next(); !p.empty(); p = c.next())
    if (!f(p)) return false;
  return true;
}

constexpr std::size_t text_view::decoded_size() const noexcept {
  if (!needs_decoding()) return raw.size();
  std::size_t n = 0;
  piece_cursor c(*this);
  for (std::string_view p = c.next(); !p.empty(); p = c.next()) n += p.size();
  return n;
}

constexpr bool text_view::equals(std::string_view s) const noexcept {
  if (!needs_decoding()) return raw == s;
  std::size_t at = 0;
  piece_cursor c(*this);
  for (std::string_view p = c.next(); !p.empty(); p = c.next()) {
    if (s.size() - at < p.size() || s.substr(at, p.size()) != p) return false;
    at += p.size();
  }
  return at == s.size();
}

/// True when the decoded values of @p a and @p b are equal (no allocation, linear time).
[[nodiscard]] constexpr bool decoded_equal(const text_view& a, const text_view& b) noexcept {
  if (!a.needs_decoding() && !b.needs_decoding()) return a.raw == b.raw;
  piece_cursor ca(a), cb(b);
  std::string_view pa = ca.next(), pb = cb.next();
  while (!pa.empty() && !pb.empty()) {
    const std::size_t k = pa.size() < pb.size() ? pa.size() : pb.size();
    if (pa.substr(0, k) != pb.substr(0, k)) return false;
    pa.remove_prefix(k);
    pb.remove_prefix(k);
    if (pa.empty()) pa = ca.next();
    if (pb.empty()) pb = cb.next();
  }
  return pa.empty() && pb.empty();
}

/// A namespace declaration in scope.
struct binding {
  std::string_view prefix{};  ///< empty for the default namespace
  text_view uri{};            ///< the declared namespace name (empty: default undeclared)
  std::uint8_t ns = ns_none;  ///< its identity
};

/// One attribute of a start tag (namespace declarations included, see `is_namespace_decl`).
struct attribute {
  std::string_view qname{};   ///< as written, e.g. `cp:copyControl`
  std::string_view prefix{};  ///< empty when unprefixed
  std::string_view local{};   ///< part after the colon (whole name when unprefixed)
  std::uint8_t ns = ns_none;  ///< namespace of the attribute (`ns_none` when unprefixed)
  std::uint16_t binding = 0;  ///< index of the binding that resolved the prefix (internal)
  bool is_namespace_decl = false;  ///< `xmlns` or `xmlns:p`
  text_view value{};          ///< value (attribute normalisation applies when decoding)
  std::size_t offset = 0;     ///< byte offset of the attribute name
  std::size_t value_offset = 0;  ///< byte offset of the first byte after the opening quote
};

/// A start tag, as handed to `Handler::start_element`.
struct element {
  std::string_view qname{};
  std::string_view prefix{};
  std::string_view local{};
  std::uint8_t ns = ns_none;       ///< namespace of the element
  std::size_t offset = 0;          ///< byte offset of `<`
  std::size_t depth = 0;           ///< 1 for the root element
  const attribute* attributes = nullptr;  ///< all attributes, declarations included
  std::size_t attribute_count = 0;
  bool empty = false;              ///< written as `<x ... />`

  /// The first non-declaration attribute with namespace @p ns and local name @p local.
  [[nodiscard]] constexpr const attribute* find(std::uint8_t ns_, std::string_view local_) const noexcept {
    for (std::size_t i = 0; i < attribute_count; ++i) {
      const attribute& a = attributes[i];
      if (!a.is_namespace_decl && a.ns == ns_ && a.local == local_) return &a;
    }
    return nullptr;
  }
};

/// The end of an element, as handed to `Handler::end_element`.
struct element_end {
  std::size_t depth = 0;         ///< same as the matching start
  std::size_t start_offset = 0;  ///< byte offset of the start tag's `<`
  std::size_t offset = 0;        ///< byte offset of the end tag's `<` (of `<x/>` itself when empty)
  text_view content{};           ///< everything between the tags (empty for `<x/>`)
};

/// Per-call limits of `parse`.
struct limits {
  /// Largest accepted input in bytes (`limit_exceeded` at offset `max_size` beyond it).
  std::size_t max_size = std::size_t{1} << 20;
  /// Deepest element nesting (root = 1); clamped to `max_depth_cap`.
  std::size_t max_depth = 16;
  /// Namespace names the caller wants identified: a name equal to `known_namespaces[i]`
  /// resolves to `ns_first_known + i` (at most 200 entries).
  const std::string_view* known_namespaces = nullptr;
  std::size_t known_namespace_count = 0;
};

/// A handler that accepts everything: `parse(doc, null_handler)` only checks well-formedness.
struct null_handler {
  constexpr error start_element(const element&) noexcept { return {}; }
  constexpr error end_element(const element_end&) noexcept { return {}; }
  constexpr error character_data(std::size_t) noexcept { return {}; }
};

namespace detail {

/// An element whose end tag is still to come.
struct open_element {
  std::string_view qname{};
  std::size_t start_offset = 0;
  std::size_t content_begin = 0;
  std::uint16_t binding_base = 0;
  std::uint8_t content_flags = 0;
  std::uint8_t outer_default_ns = 0;  // the default namespace outside this element
};

/// The reader's fixed-size working arrays (about 8.7 KiB): the open elements, the namespace
/// bindings in scope (the implicit `xml` binding first) and the attributes of the current
/// start tag. The reader writes every slot before it reads it.
struct reader_arrays {
  open_element stack[max_depth_cap];
  binding bindings[max_bindings + 1];
  attribute attrs[max_attributes];
};

/// Storage for a `reader_arrays` that is left uninitialised, for run time only: zeroing the
/// arrays, which constant evaluation in C++17 needs, costs about 1,100 instructions per
/// document and buys nothing, since no slot is read before it is written. `reader_arrays` is
/// an aggregate, hence an implicit-lifetime type, which the byte array creates implicitly
/// (P0593R6, C++20, a defect report for the earlier standards).
struct uninitialized_reader_arrays {
  alignas(reader_arrays) unsigned char bytes[sizeof(reader_arrays)];
  reader_arrays& get() noexcept { return *std::launder(reinterpret_cast<reader_arrays*>(bytes)); }
};

template <class Handler>
class parser {
 public:
  constexpr parser(std::string_view in, Handler& h, const limits& lim, reader_arrays& arrays) noexcept
      : in_(in), h_(h), lim_(lim), stack_(arrays.stack), bindings_(arrays.bindings), attrs_(arrays.attrs) {
    max_depth_ = lim.max_depth < max_depth_cap ? lim.max_depth : max_depth_cap;
    bindings_[0] = binding{"xml", text_view{xml_namespace, 0}, ns_xml};
    binding_count_ = 1;
  }

  constexpr error run() noexcept {
    if (in_.size() > lim_.max_size) return {errc::limit_exceeded, lim_.max_size};
    // The last stop byte of the unchecked scan loops (see `skip_class`): found once, from the
    // end (a well-formed document ends with `>` and perhaps whitespace).
    std::size_t k = in_.size();
    while (k > 0 && is_ws(in_[k - 1])) --k;
    ws_safe_ = k;
    k = in_.size();
    while (k > 0 && (cls(in_[k - 1]) & c_ncname) != 0) --k;
    name_safe_ = k;
    // Optional UTF-8 byte order mark (XML 1.0 §4.3.3, Appendix F).
    if (in_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    if (starts("<?xml") && pos_ + 5 < in_.size() && is_ws(in_[pos_ + 5])) {
      if (error e = xml_decl()) return e;
    }
    // Prolog: Misc* ; then the root element; then Misc*.
    bool seen_root = false;
    while (true) {
      skip_ws();
      if (pos_ >= in_.size()) {
        if (!seen_root) return fail(errc::xml_malformed);  // no root element
        return {};
      }
      if (in_[pos_] != '<') return fail(errc::xml_malformed);  // text outside the root
      const int c = peek(1);
      if (c == '?') {
        if (error e = pi()) return e;
      } else if (c == '!') {
        if (starts("<!--")) {
          if (error e = comment()) return e;
        } else if (starts("<!DOCTYPE")) {
          return fail(errc::xml_doctype);
        } else if (truncated("<!--") || truncated("<!DOCTYPE")) {
          return unexpected_end();
        } else {
          return fail(errc::xml_malformed);
        }
      } else if (c < 0) {
        return unexpected_end();
      } else if (seen_root) {
        return fail(errc::xml_malformed);  // second root element, or stray end tag
      } else if (c == '/') {
        return fail(errc::xml_malformed);
      } else {
        if (error e = root()) return e;
        seen_root = true;
      }
    }
  }

 private:
  [[nodiscard]] constexpr error fail(errc code) const noexcept { return {code, pos_}; }
  [[nodiscard]] static constexpr error fail_at(errc code, std::size_t at) noexcept { return {code, at}; }
  [[nodiscard]] constexpr int peek(std::size_t k) const noexcept {
    return pos_ + k < in_.size() ? static_cast<unsigned char>(in_[pos_ + k]) : -1;
  }
  [[nodiscard]] constexpr bool starts(std::string_view lit) const noexcept { return in_.substr(pos_, lit.size()) == lit; }
  constexpr bool skip_ws() noexcept {
    // Hot loops work on locals: a char read may alias `pos_`, which would force a store per byte.
    const char* const d = in_.data();
    const std::size_t n = in_.size();
    const std::size_t start = pos_;
    std::size_t p = start;
    while (p < n && is_ws(d[p])) ++p;
    pos_ = p;
    return p != start;
  }
  [[nodiscard]] constexpr error unexpected_end() const noexcept { return {errc::unexpected_end, in_.size()}; }

  /// Checks the non-ASCII character at pos_ (well-formed UTF-8 and an XML Char) and skips it.
  constexpr error nonascii() noexcept {
    const std::size_t n = grammar::utf8_sequence_length(in_, pos_);
    if (n == 0) return fail(errc::bad_utf8);
    // The only non-ASCII scalar values that are not Chars: U+FFFE and U+FFFF (EF BF BE/BF).
    if (n == 3 && in_[pos_] == '\xEF' && in_[pos_ + 1] == '\xBF' && static_cast<unsigned char>(in_[pos_ + 2]) >= 0xBE)
      return fail(errc::xml_malformed);
    pos_ += n;
    return {};
  }

  /// Checks one character of "anything" text (comment, PI, CDATA) at pos_ and skips it.
  constexpr error any_char() noexcept {
    const char c = in_[pos_];
    if (static_cast<unsigned char>(c) >= 0x80) return nonascii();
    if (cls(c) & c_ctl) return fail(errc::control_char);
    ++pos_;
    return {};
  }

  /// A Name as scanned, with where its colons are.
  struct scanned_name {
    std::string_view text{};
    std::size_t colon = std::string_view::npos;  ///< first ':' (relative to the name)
    std::size_t colons = 0;
  };

  /// Scans a Name at pos_ (XML 1.0 Fifth Edition §2.3). `found` is false (pos_ unchanged)
  /// when no NameStartChar is next; an invalid UTF-8 sequence inside the name is an error.
  constexpr error name(scanned_name& out, bool& found) noexcept {
    const char* const d = in_.data();
    const std::size_t n = in_.size();
    const std::size_t start = pos_;
    std::size_t p = start;
    // Fast path: an ASCII NCName (no colon) ended by an ASCII byte, the common case.
    if (p < n && (cls(d[p]) & c_name_start) != 0 && d[p] != ':') {
      ++p;
      while (p < n && (cls(d[p]) & c_ncname) != 0) ++p;
      if (p < n && d[p] != ':' && static_cast<unsigned char>(d[p]) < 0x80) {
        pos_ = p;
        out.text = in_.substr(start, p - start);
        out.colon = std::string_view::npos;
        out.colons = 0;
        found = true;
        return {};
      }
    }
    return name_slow(out, found);
  }

  constexpr error name_slow(scanned_name& out, bool& found) noexcept {
    const char* const d = in_.data();
    const std::size_t n = in_.size();
    const std::size_t start = pos_;
    std::size_t p = start;
    out.colon = std::string_view::npos;
    out.colons = 0;
    found = false;
    if (p < n && static_cast<unsigned char>(d[p]) < 0x80 && (cls(d[p]) & c_name_start) == 0) return {};
    while (p < n) {
      while (p < n && (cls(d[p]) & c_ncname) != 0) ++p;
      if (p >= n) break;
      const char c = d[p];
      if (c == ':') {
        if (out.colons++ == 0) out.colon = p - start;
        ++p;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x80) break;
      const std::size_t len = grammar::utf8_sequence_length(in_, p);
      if (len == 0) {
        pos_ = p;
        return fail(errc::bad_utf8);
      }
      const std::uint32_t cp = code_point(in_, p, len);
      if (!(p == start ? is_name_start_nonascii(cp) : is_name_char_nonascii(cp))) break;
      p += len;
    }
    pos_ = p;
    out.text = in_.substr(start, p - start);
    found = p != start;
    return {};
  }

  /// `in_[a, b)` without substr's range check (the callers' indexes are in range).
  [[nodiscard]] constexpr std::string_view view(std::size_t a, std::size_t b) const noexcept {
    return std::string_view(in_.data() + a, b - a);
  }

  /// Index of the first byte at or after @p p whose class lacks @p mask, or @p n. Below
  /// @p safe (`ws_safe_`, `name_safe_`: the byte before it lacks @p mask) such a byte is
  /// known to come before the end, so that loop needs no bounds check per byte.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  [[nodiscard]] static constexpr std::size_t skip_class(const char* d, std::size_t p, std::size_t n, std::size_t safe,
                                                        std::uint8_t mask) noexcept {
    if (p < safe) {
      while (true) {  // two bytes per iteration: d[p + 1] is read only when d[p] is no stop byte
        if ((cls(d[p]) & mask) == 0) return p;
        if ((cls(d[p + 1]) & mask) == 0) return p + 1;
        p += 2;
      }
    }
    while (p < n && (cls(d[p]) & mask) != 0) ++p;
    return p;
  }

  /// An ASCII QName `NCName [':' NCName]` at @p d[start]: false when there is none, else true
  /// with @p end at the first byte after the NCName run(s) (perhaps @p n, ':' or a non-ASCII
  /// byte: the caller checks what may follow) and @p colon at the colon or npos.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  [[nodiscard]] constexpr bool ascii_qname_run(const char* d, std::size_t n, std::size_t start, std::size_t& end,
                                               std::size_t& colon) const noexcept {
    constexpr std::uint8_t nc_start = c_name_start | c_ncname;  // NameStartChar other than ':'
    const std::size_t safe = name_safe_;
    std::size_t p = start;
    if (p >= n || (cls(d[p]) & nc_start) != nc_start) return false;
    p = skip_class(d, p + 1, n, safe, c_ncname);
    colon = std::string_view::npos;
    if (p < n && d[p] == ':') {
      colon = p++;
      if (p >= n || (cls(d[p]) & nc_start) != nc_start) return false;
      p = skip_class(d, p + 1, n, safe, c_ncname);
    }
    end = p;
    return true;
  }

  /// Fast path for the common ASCII QName `NCName [':' NCName]` at @p d[start] ended by an
  /// ASCII byte that cannot continue it. Returns false (nothing consumed) otherwise; `qname`
  /// then runs the general scan. Works on the caller's locals: offsets stay in registers.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  [[nodiscard]] constexpr bool ascii_qname(const char* d, std::size_t n, std::size_t start, std::size_t& end,
                                           std::size_t& colon) const noexcept {
    if (!ascii_qname_run(d, n, start, end, colon)) return false;
    return end < n && d[end] != ':' && static_cast<unsigned char>(d[end]) < 0x80;
  }

  /// Scans a QName at @p p into @p q / @p prefix / @p local and moves @p p past it; `found`
  /// false when no name is next. Called twice in `start_tag` (element, attribute), which
  /// keeps the position and the views in registers: kept inline there.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  constexpr error qname(std::size_t& p, std::string_view& q, std::string_view& prefix, std::string_view& local,
                        bool& found) noexcept {
    const char* const d = in_.data();
    const std::size_t start = p;
    std::size_t end = 0, colon = 0;
    if (ascii_qname(d, in_.size(), start, end, colon)) {
      p = end;
      found = true;
      q = std::string_view(d + start, end - start);
      if (colon == std::string_view::npos) {
        prefix = std::string_view();
        local = q;
      } else {
        prefix = std::string_view(d + start, colon - start);
        local = std::string_view(d + colon + 1, end - colon - 1);
      }
      return {};
    }
    return qname_slow(p, q, prefix, local, found);
  }

  /// `qname` beyond the ASCII fast path (non-ASCII names, malformed QNames, end of input).
  constexpr error qname_slow(std::size_t& p, std::string_view& q, std::string_view& prefix, std::string_view& local,
                             bool& found) noexcept {
    const std::size_t start = p;
    pos_ = start;
    scanned_name qn;
    if (error e = name_slow(qn, found)) return e;
    p = pos_;
    if (!found) return {};
    q = qn.text;
    return split_qname(qn, start, prefix, local);
  }

  /// Splits a QName (Namespaces in XML 1.0 §4); `xml_malformed` at @p at for more than one
  /// colon or an empty part, at the local part when it does not start with a NameStartChar.
  static constexpr error split_qname(const scanned_name& q, std::size_t at, std::string_view& prefix,
                                     std::string_view& local) noexcept {
    if (q.colons == 0) {
      prefix = {};
      local = q.text;
      return {};
    }
    const std::size_t colon = q.colon;
    if (q.colons > 1 || colon == 0 || colon + 1 == q.text.size()) return fail_at(errc::xml_malformed, at);
    prefix = q.text.substr(0, colon);
    local = q.text.substr(colon + 1);
    // The local part must start with a NameStartChar (an NCName): `a:-b` is not a QName.
    const bool start_ok = static_cast<unsigned char>(local[0]) < 0x80
                              ? (cls(local[0]) & c_name_start) != 0
                              : is_name_start_nonascii(code_point(local, 0, grammar::utf8_sequence_length(local, 0)));
    if (!start_ok) return fail_at(errc::xml_malformed, at + colon + 1);
    return {};
  }

  /// `Eq ::= S? '=' S?` then a quoted attribute value at @p p; fills @p v and @p value_at and
  /// moves @p p past the closing quote. One caller (`start_tag`), on the per-attribute hot
  /// path: kept inline there (GCC's heuristics otherwise flip with unrelated code in the same
  /// translation unit).
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  constexpr error attribute_value(std::size_t& pos, text_view& v, std::size_t& value_at) noexcept {
    const char* const d = in_.data();
    const std::size_t n = in_.size();
    std::size_t p = pos;
    char quote = 0;
    if (n - p >= 2 && d[p] == '=' && (d[p + 1] == '"' || d[p + 1] == '\'')) {
      quote = d[p + 1];  // the usual `="`, without whitespace around `=`
      p += 2;
    } else {
      while (p < n && is_ws(d[p])) ++p;
      if (p >= n) return unexpected_end();
      if (d[p] != '=') return fail_at(errc::xml_malformed, p);
      ++p;
      while (p < n && is_ws(d[p])) ++p;
      if (p >= n) return unexpected_end();
      quote = d[p];
      if (quote != '"' && quote != '\'') return fail_at(errc::xml_malformed, p);  // unquoted (PEERS (c)24)
      ++p;
    }
    const std::size_t start = p;
    std::uint8_t flags = text_view::is_attribute;
    while (true) {
#if SIPREF_XML_HAS_SWAR
      if (!__builtin_is_constant_evaluated()) p += plain_prefix(d + p, n - p, quote, '<', '&');
#endif
      while (p < n && (cls(d[p]) & c_attr) != 0) ++p;
      if (p >= n) return unexpected_end();
      const char c = d[p];
      if (c == quote) break;
      if (c == '"' || c == '\'') {
        ++p;
      } else if (c == '&') {
        const reference r = read_reference(in_, p);
        if (r.code != errc::ok) return fail_at(r.code, p);
        flags |= text_view::has_refs;
        p += r.length;
      } else if (c == '<') {
        return fail_at(errc::xml_malformed, p);
      } else if (c == '\t' || c == '\n' || c == '\r') {
        flags |= text_view::has_line_ends;
        ++p;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        pos_ = p;
        if (error e = nonascii()) return e;
        p = pos_;
      } else {
        return fail_at(errc::control_char, p);
      }
    }
    value_at = start;
    v = text_view{std::string_view(d + start, p - start), flags};
    pos = p + 1;  // after the closing quote
    return {};
  }

  [[nodiscard]] constexpr std::uint8_t identify(const text_view& uri) const noexcept {
    if (uri.raw.empty()) return ns_none;
    for (std::size_t i = 0; i < lim_.known_namespace_count && i < 200; ++i)
      if (uri.equals(lim_.known_namespaces[i])) return static_cast<std::uint8_t>(ns_first_known + i);
    if (uri.equals(xml_namespace)) return ns_xml;
    return ns_other;
  }

  /// Index of the innermost binding of @p prefix, or -1. Prefixes are short: an inline
  /// comparison beats a library memcmp call here. Per start tag and prefixed attribute:
  /// kept inline.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  [[nodiscard]] constexpr int lookup(std::string_view prefix) const noexcept {
    const std::size_t len = prefix.size();
    for (std::size_t i = binding_count_; i-- > 0;) {
      const std::string_view b = bindings_[i].prefix;
      if (b.size() != len) continue;
      std::size_t k = 0;
      while (k < len && b[k] == prefix[k]) ++k;
      if (k == len) return static_cast<int>(i);
    }
    return -1;
  }

  /// Records a namespace declaration attribute (Namespaces in XML 1.0 §3 constraints).
  constexpr error declare(const attribute& a) noexcept {
    const bool is_default = a.prefix.empty();
    const std::string_view prefix = is_default ? std::string_view{} : a.local;
    const std::uint8_t id = identify(a.value);
    const bool is_xmlns_uri = a.value.equals(xmlns_namespace);
    if (!is_default) {
      if (name_is(prefix, "xmlns")) return fail_at(errc::xml_malformed, a.offset);       // reserved prefix
      if (name_is(prefix, "xml")) {
        if (id != ns_xml) return fail_at(errc::xml_malformed, a.offset);                   // xml bound elsewhere
        return {};                                                                         // redundant, allowed
      }
      if (a.value.raw.empty()) return fail_at(errc::xml_malformed, a.value_offset);        // no undeclaring in 1.0
    }
    if (id == ns_xml || is_xmlns_uri) return fail_at(errc::xml_malformed, a.value_offset);  // reserved names
    if (binding_count_ >= max_bindings + 1) return fail_at(errc::limit_exceeded, a.offset);
    bindings_[binding_count_++] = binding{prefix, a.value, id};
    if (is_default) default_ns_ = id;
    return {};
  }

  /// A start tag as `tag_fast` / `tag_general` read it (its attributes are in `attrs_`).
  struct tag_scan {
    std::string_view qname{};
    std::string_view prefix{};
    std::string_view local{};
    std::uint8_t ns = ns_none;  ///< namespace of the element
    std::size_t count = 0;      ///< attributes
    bool empty = false;         ///< `<x ... />`
  };

  /// `STag` / `EmptyElemTag` at pos_ (`<`). On return pos_ is after `>`. The common tag (ASCII
  /// names, plain values) is read by `tag_fast`; anything else, errors included, by
  /// `tag_general` from the start, so that every error and its offset come from one place.
  /// One hot caller (`root`): kept inline there.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  constexpr error start_tag(bool& empty) noexcept {
    const std::size_t lt = pos_;
    if (depth_ + 1 > max_depth_) return fail_at(errc::xml_depth_exceeded, lt);
    const auto binding_base = static_cast<std::uint16_t>(binding_count_);
    const std::uint8_t outer_default_ns = default_ns_;
    tag_scan r;  // kept in registers on the fast path: `tag_general` gets its own
    if (!tag_fast(lt, r)) {
      binding_count_ = binding_base;  // the declarations `tag_fast` recorded, if any
      default_ns_ = outer_default_ns;
      tag_scan g;
      if (error e = tag_general(lt, g)) return e;
      r = g;
    }
    const element t{r.qname, r.prefix, r.local, r.ns, lt, depth_ + 1, attrs_, r.count, r.empty};
    empty = t.empty;
    const std::size_t p = pos_;
    if (error e = h_.start_element(t)) return e;
    if (t.empty) {
      const element_end end{depth_ + 1, lt, lt, text_view{std::string_view(in_.data() + p, 0), 0}};
      if (error e = h_.end_element(end)) return e;
      binding_count_ = binding_base;
      default_ns_ = outer_default_ns;
      return {};
    }
    open_element& o = stack_[depth_++];
    o.qname = t.qname;
    o.start_offset = lt;
    o.content_begin = p;
    o.binding_base = binding_base;
    o.outer_default_ns = outer_default_ns;
    o.content_flags = 0;
    return {};
  }

  /// For `tag_fast`: the index of the quote that ends the attribute value starting at @p v,
  /// or npos when the value holds a byte that only the general scan handles (`<`, `&`, TAB,
  /// LF, CR, other controls, non-ASCII) or the input ends. The quote is a template argument
  /// so that the block scan's comparison constants are fixed.
  template <char Quote>
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  static constexpr std::size_t plain_value_end(const char* d, std::size_t v, std::size_t n) noexcept {
    while (true) {
#if SIPREF_XML_HAS_SWAR
      if (!__builtin_is_constant_evaluated()) v += plain_prefix(d + v, n - v, Quote, '<', '&');
#endif
      while (v < n && (cls(d[v]) & c_attr) != 0) ++v;
      if (v >= n) return std::string_view::npos;
      if (d[v] == Quote) return v;
      if (d[v] != '"' && d[v] != '\'') return std::string_view::npos;
      ++v;  // the other quote character
    }
  }

  /// A 6-bit hash of a non-empty name (its length and last byte), for `tag_fast`'s filter.
  static constexpr unsigned name_hash(std::string_view s) noexcept {
    return static_cast<unsigned>(s.size() * 7 + static_cast<unsigned char>(s.back())) & 63u;
  }

  /// Reads the start tag at @p lt into @p t and `attrs_` and sets pos_ after its `>` when it
  /// is the common case: ASCII QNames, `="` or `='` right after each name, values of
  /// printable ASCII without references, prefixes bound in scope (declarations before any
  /// prefixed attribute), no repeated name, no error. Returns false otherwise, pos_ untouched
  /// (the caller drops the declarations it may have recorded): `tag_general` then reads the
  /// tag from the start, so every error comes from there. Works on locals, so the per-byte
  /// loops keep everything in registers; kept inline in `start_tag`.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  constexpr bool tag_fast(std::size_t lt, tag_scan& t) noexcept {
    const char* const d = in_.data();
    const std::size_t n = in_.size();
    const std::size_t ws_safe = ws_safe_;
    attribute* const attrs = attrs_;
    std::size_t p = lt + 1, end = 0, colon = 0;
    if (!ascii_qname_run(d, n, p, end, colon)) return false;
    t.qname = std::string_view(d + p, end - p);
    if (colon != std::string_view::npos) {
      t.prefix = std::string_view(d + p, colon - p);
      t.local = std::string_view(d + colon + 1, end - colon - 1);
    } else {
      t.local = t.qname;
    }
    p = end;
    std::size_t count = 0;
    std::uint64_t seen = 0;  // name hashes of the attributes so far (see below)
    bool prefixed = false;   // some attribute so far has a prefix (declarations aside)
    while (true) {
      const std::size_t ws_at = p;
      p = skip_class(d, p, n, ws_safe, c_ws);
      if (p + 1 >= n) return false;
      if (d[p] == '>') {
        ++p;
        break;
      }
      if (d[p] == '/') {
        if (d[p + 1] != '>') return false;
        p += 2;
        t.empty = true;
        break;
      }
      if (p == ws_at || count == max_attributes || !ascii_qname_run(d, n, p, end, colon)) return false;
      // Eq without whitespace, then the value up to its closing quote.
      if (n - end < 3 || d[end] != '=' || (d[end + 1] != '"' && d[end + 1] != '\'')) return false;
      const std::size_t value_at = end + 2;
      const std::size_t v = d[end + 1] == '"' ? plain_value_end<'"'>(d, value_at, n) : plain_value_end<'\''>(d, value_at, n);
      if (v == std::string_view::npos) return false;
      const std::string_view q(d + p, end - p);
      std::string_view prefix, local = q;
      if (colon != std::string_view::npos) {
        prefix = std::string_view(d + p, colon - p);
        local = std::string_view(d + colon + 1, end - colon - 1);
      }
      const bool is_decl = name_is(q, "xmlns") || name_is(prefix, "xmlns");
      std::uint8_t ns = ns_none;
      std::uint16_t bound = 0;
      if (is_decl) {
        if (prefixed) return false;  // it may rebind a prefix resolved before it
      } else if (!prefix.empty()) {
        const int b = lookup(prefix);
        if (b < 0) return false;  // unbound, or bound by a later declaration
        ns = bindings_[b].ns;
        bound = static_cast<std::uint16_t>(b);
        prefixed = true;
      }
      // A repeated qualified name, or two prefixed names that may share an expanded name. A
      // bit per name hash (qualified names, and local names of prefixed attributes) skips
      // the comparisons unless some earlier attribute has the same hash.
      std::uint64_t bits = std::uint64_t{1} << name_hash(q);
      if (!prefix.empty()) bits |= std::uint64_t{1} << name_hash(local);
      if ((seen & bits) != 0) {
        for (std::size_t i = 0; i < count; ++i) {
          const attribute& o = attrs[i];
          if (o.qname == q || (!prefix.empty() && !o.prefix.empty() && o.ns == ns && o.local == local)) return false;
        }
      }
      seen |= bits;
      attribute& a = attrs[count++];
      a = attribute{q, prefix, local, ns, bound, is_decl, text_view{std::string_view(d + value_at, v - value_at), text_view::is_attribute}, p, value_at};
      if (is_decl && declare(a)) return false;
      p = v + 1;
    }
    // The element's namespace: the default one, or its prefix's.
    if (t.prefix.empty()) {
      t.ns = default_ns_;
    } else {
      const int b = lookup(t.prefix);
      if (b < 0) return false;
      t.ns = bindings_[b].ns;
    }
    t.count = count;
    pos_ = p;
    return true;
  }

  /// Reads any start tag at @p lt (see `tag_fast`) into @p t and `attrs_`, recording its
  /// namespace declarations; pos_ ends after `>`. The cold path: not inlined. The scan keeps
  /// its position and the names it found in locals (`p`, views): a char read may alias
  /// `pos_` and any store may alias the members, which would force reloads per byte; `pos_`
  /// is written back before the slow paths that use it and at the end, and each attribute
  /// is stored once, complete.
#if defined(__GNUC__)
  [[gnu::noinline]]
#endif
  constexpr error tag_general(std::size_t lt, tag_scan& t) noexcept {
    const char* const d = in_.data();
    const std::size_t n = in_.size();
    std::size_t p = lt + 1;
    bool found = false;
    const std::size_t name_at = p;
    std::string_view el_qname, el_prefix, el_local;
    if (error e = qname(p, el_qname, el_prefix, el_local, found)) return e;
    if (!found) return p >= n ? unexpected_end() : fail_at(errc::xml_malformed, p);
    std::size_t count = 0;
    std::size_t prefixed = 0;  // attributes with a prefix (declarations aside)
    bool recheck = false;      // the prefixed attributes need the full resolution pass
    const std::size_t ws_safe = ws_safe_;
    while (true) {
      const std::size_t ws_at = p;
      p = skip_class(d, p, n, ws_safe, c_ws);
      if (p >= n) return unexpected_end();
      const char c = d[p];
      if (c == '>') {
        ++p;
        t.empty = false;
        break;
      }
      if (c == '/') {
        if (p + 1 >= n) return unexpected_end();
        if (d[p + 1] != '>') return fail_at(errc::xml_malformed, p + 1);
        p += 2;
        t.empty = true;
        break;
      }
      if (p == ws_at) return fail_at(errc::xml_malformed, p);  // attributes need whitespace before them
      const std::size_t at = p;
      if (count >= max_attributes) {
        // Report the cap at the name, but a malformed name first.
        pos_ = p;
        scanned_name qn;
        if (error e = name(qn, found)) return e;
        return found ? fail_at(errc::limit_exceeded, at) : fail(errc::xml_malformed);
      }
      std::string_view q, prefix, local;
      if (error e = qname(p, q, prefix, local, found)) return e;
      if (!found) return fail_at(errc::xml_malformed, p);
      text_view value;
      std::size_t value_at = 0;
      if (error e = attribute_value(p, value, value_at)) return e;
      // Unique Att Spec (XML 1.0 §3.1): the same qualified name twice.
      for (std::size_t i = 0; i < count; ++i)
        if (attrs_[i].qname == q) return fail_at(errc::xml_duplicate_attribute, at);
      const bool is_decl = name_is(q, "xmlns") || name_is(prefix, "xmlns");
      attribute& a = attrs_[count++];
      a = attribute{q, prefix, local, ns_none, 0, is_decl, value, at, value_at};
      if (is_decl) {
        if (error e = declare(a)) return e;
        recheck |= prefixed != 0;  // may rebind a prefix resolved below
      } else if (!prefix.empty()) {
        // Resolved at once against the declarations so far; any doubt (unbound yet, a later
        // declaration, a second prefixed name to compare with) is settled after `>` below.
        const int b = lookup(prefix);
        if (b >= 0) {
          a.ns = bindings_[b].ns;
          a.binding = static_cast<std::uint16_t>(b);
        }
        recheck |= b < 0 || prefixed != 0;
        ++prefixed;
      }
    }
    pos_ = p;
    // Resolve the element and attribute prefixes now that all declarations are known.
    t.ns = ns_none;
    {
      const int b = lookup(el_prefix);
      if (b < 0) {
        if (!el_prefix.empty()) return fail_at(errc::xml_unbound_prefix, name_at);
      } else {
        t.ns = bindings_[b].ns;
      }
    }
    for (std::size_t i = 0; recheck && i < count; ++i) {
      attribute& a = attrs_[i];
      if (a.is_namespace_decl || a.prefix.empty()) continue;
      const int b = lookup(a.prefix);
      if (b < 0) return fail_at(errc::xml_unbound_prefix, a.offset);
      a.ns = bindings_[b].ns;
      a.binding = static_cast<std::uint16_t>(b);
      // Namespaces in XML 1.0 §6.3: no two attributes with the same expanded name.
      for (std::size_t j = 0; j < i; ++j) {
        const attribute& o = attrs_[j];
        if (o.is_namespace_decl || o.prefix.empty() || o.ns != a.ns || o.local != a.local) continue;
        if (a.ns != ns_other || o.binding == a.binding || decoded_equal(bindings_[o.binding].uri, bindings_[a.binding].uri))
          return fail_at(errc::xml_duplicate_attribute, a.offset);
      }
    }
    t.qname = el_qname;
    t.prefix = el_prefix;
    t.local = el_local;
    t.count = count;
    return {};
  }

  /// `ETag ::= '</' Name S? '>'` at pos_.
  constexpr error end_tag() noexcept {
    const std::size_t lt = pos_;
    if (depth_ == 0) return fail(errc::xml_malformed);
    open_element& o = stack_[depth_ - 1];
    pos_ += 2;
    // Fast path: the expected name, followed by a byte that cannot continue a name.
    const std::size_t qlen = o.qname.size();
    const std::size_t after = pos_ + qlen;
    if (after < in_.size() && static_cast<unsigned char>(in_[after]) < 0x80 && !is_name_char(in_[after]) &&
        in_.compare(pos_, qlen, o.qname) == 0) {
      pos_ = after;
    } else {
      scanned_name qn;
      bool found = false;
      if (error e = name(qn, found)) return e;
      if (!found) return pos_ >= in_.size() ? unexpected_end() : fail(errc::xml_malformed);
      if (qn.text != o.qname) return fail_at(errc::xml_mismatched_tag, lt);
    }
    skip_ws();
    if (pos_ >= in_.size()) return unexpected_end();
    if (in_[pos_] != '>') return fail(errc::xml_malformed);
    ++pos_;
    element_end end;
    end.depth = depth_;
    end.start_offset = o.start_offset;
    end.offset = lt;
    end.content = text_view{in_.substr(o.content_begin, lt - o.content_begin), o.content_flags};
    binding_count_ = o.binding_base;
    default_ns_ = o.outer_default_ns;
    --depth_;
    if (depth_ > 0) stack_[depth_ - 1].content_flags |= text_view::has_markup;  // a child element
    return h_.end_element(end);
  }

  /// `Comment ::= '<!--' ((Char - '-') | ('-' (Char - '-')))* '-->'` at pos_.
  constexpr error comment() noexcept {
    pos_ += 4;
    const std::size_t n = in_.size();
    while (true) {
      while (pos_ < n && in_[pos_] != '-' && static_cast<unsigned char>(in_[pos_]) >= 0x20 &&
             static_cast<unsigned char>(in_[pos_]) < 0x80)
        ++pos_;
      if (pos_ >= n) return unexpected_end();
      if (in_[pos_] == '-') {
        if (peek(1) == '-') {
          if (peek(2) == '>') {
            pos_ += 3;
            return {};
          }
          return peek(2) < 0 ? unexpected_end() : fail(errc::xml_malformed);  // "--" inside a comment
        }
        ++pos_;
        continue;
      }
      if (error e = any_char()) return e;
    }
  }

  /// `PI ::= '<?' PITarget (S (Char* - (Char* '?>' Char*)))? '?>'` at pos_.
  constexpr error pi() noexcept {
    const std::size_t lt = pos_;
    pos_ += 2;
    scanned_name target;
    bool found = false;
    if (error e = name(target, found)) return e;
    if (!found) return pos_ >= in_.size() ? unexpected_end() : fail(errc::xml_malformed);
    // PITarget excludes [Xx][Mm][Ll]; the declaration itself is only valid at the start.
    if (grammar::iequals(target.text, "xml")) return fail_at(errc::xml_malformed, lt);
    if (target.colons != 0) return fail_at(errc::xml_malformed, lt + 2);
    if (starts("?>")) {
      pos_ += 2;
      return {};
    }
    if (pos_ >= in_.size()) return unexpected_end();
    if (!is_ws(in_[pos_])) return fail(errc::xml_malformed);
    const std::size_t n = in_.size();
    while (true) {
      while (pos_ < n && in_[pos_] != '?' && static_cast<unsigned char>(in_[pos_]) >= 0x20 &&
             static_cast<unsigned char>(in_[pos_]) < 0x80)
        ++pos_;
      if (pos_ >= n) return unexpected_end();
      if (in_[pos_] == '?' && peek(1) == '>') {
        pos_ += 2;
        return {};
      }
      if (in_[pos_] == '?') {
        ++pos_;
        continue;
      }
      if (error e = any_char()) return e;
    }
  }

  /// `CDSect ::= '<![CDATA[' (Char* - (Char* ']]>' Char*)) ']]>'` at pos_.
  constexpr error cdata() noexcept {
    pos_ += 9;
    const std::size_t n = in_.size();
    bool non_ws = false;
    std::size_t first_non_ws = 0;
    while (true) {
      if (pos_ >= n) return unexpected_end();
      const char c = in_[pos_];
      if (c == ']' && peek(1) == ']' && peek(2) == '>') {
        pos_ += 3;
        break;
      }
      if (!non_ws && !is_ws(c)) {
        non_ws = true;
        first_non_ws = pos_;
      }
      if (error e = any_char()) return e;
    }
    if (non_ws) return h_.character_data(first_non_ws);
    return {};
  }

  /// Character data at pos_ up to the next `<` (or the end). Reports the first
  /// non-whitespace character to the handler; records CR and references in @p flags_out.
  constexpr error char_data(std::uint8_t& flags_out) noexcept {
    const char* const d = in_.data();
    const std::size_t n = in_.size();
    const std::size_t ws_safe = ws_safe_;
    std::size_t p = pos_;
    std::uint8_t flags = 0;
    bool reported = false;
    while (p < n) {
      const char c = d[p];
      if (c == '<') break;
      const std::uint8_t k = cls(c);
      if (k & c_space) {  // indentation: a run of SP / TAB / LF
        p = skip_class(d, p + 1, n, ws_safe, c_space);
        continue;
      }
      if (c == '\r') {
        flags |= text_view::has_line_ends;
        ++p;
        continue;
      }
      const std::size_t at = p;
      bool non_ws = true;
      if (k & c_text) {
        ++p;
#if SIPREF_XML_HAS_SWAR
        if (!__builtin_is_constant_evaluated()) p += plain_prefix(d + p, n - p, '<', '&', ']');
#endif
        // One table test per byte: stops at CR, '<', '&', ']', controls and non-ASCII.
        while (p < n && (cls(d[p]) & c_text_ws) != 0) ++p;
      } else if (c == ']') {
        if (p + 2 < n && d[p + 1] == ']' && d[p + 2] == '>') return fail_at(errc::xml_malformed, p);
        ++p;
      } else if (c == '&') {
        const reference r = read_reference(in_, p);
        if (r.code != errc::ok) return fail_at(r.code, p);
        flags |= text_view::has_refs;
        non_ws = !(r.cp == ' ' || r.cp == '\t' || r.cp == '\n' || r.cp == '\r');
        p += r.length;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        pos_ = p;
        if (error e = nonascii()) return e;
        p = pos_;
      } else {
        return fail_at(errc::control_char, p);
      }
      if (non_ws && !reported) {
        reported = true;
        if (error e = h_.character_data(at)) return e;
      }
    }
    pos_ = p;
    flags_out |= flags;
    return {};
  }

  /// Skips the usual whitespace between tags (an optional CR, then SP / TAB / LF) when `<`
  /// follows it, recording the CR in the open element's flags; false (nothing consumed)
  /// otherwise, for `char_data` to read the text from the start.
  constexpr bool indentation() noexcept {
    const char* const d = in_.data();
    const std::size_t n = in_.size();
    std::size_t p = pos_;
    const bool cr = d[p] == '\r';
    p = skip_class(d, p + (cr ? 1 : 0), n, ws_safe_, c_space);
    if (p >= n || d[p] != '<') return false;
    pos_ = p;
    if (cr) stack_[depth_ - 1].content_flags |= text_view::has_line_ends;
    return true;
  }

  /// True when the rest of the input is a proper prefix of @p lit (the input ended inside it).
  [[nodiscard]] constexpr bool truncated(std::string_view lit) const noexcept {
    const std::size_t left = in_.size() - pos_;
    return left < lit.size() && in_.substr(pos_) == lit.substr(0, left);
  }

  /// The root element and all its content.
  constexpr error root() noexcept {
    bool empty = false;
    if (error e = start_tag(empty)) return e;
    if (empty) return {};
    const std::size_t n = in_.size();
    while (depth_ > 0) {
      if (pos_ >= n) return unexpected_end();
      if (in_[pos_] != '<') {
        if (!indentation()) {
          if (error e = char_data(stack_[depth_ - 1].content_flags)) return e;
        }
        continue;
      }
      const int c = peek(1);
      if (c == '/') {
        if (error e = end_tag()) return e;
      } else if (c == '!') {
        if (starts("<!--")) {
          if (error e = comment()) return e;
          stack_[depth_ - 1].content_flags |= text_view::has_markup;
        } else if (starts("<![CDATA[")) {
          stack_[depth_ - 1].content_flags |= text_view::has_markup;
          if (error e = cdata()) return e;
        } else if (starts("<!DOCTYPE")) {
          return fail(errc::xml_doctype);
        } else if (truncated("<!--") || truncated("<![CDATA[") || truncated("<!DOCTYPE")) {
          return unexpected_end();
        } else {
          return fail(errc::xml_malformed);
        }
      } else if (c == '?') {
        if (error e = pi()) return e;
        stack_[depth_ - 1].content_flags |= text_view::has_markup;
      } else if (c < 0) {
        return unexpected_end();
      } else {
        if (error e = start_tag(empty)) return e;
        if (empty) stack_[depth_ - 1].content_flags |= text_view::has_markup;
      }
    }
    return {};
  }

  /// `XMLDecl ::= '<?xml' VersionInfo EncodingDecl? SDDecl? S? '?>'` at pos_.
  constexpr error xml_decl() noexcept {
    // The declaration every resource-lists composer writes, which the general path below
    // accepts as a whole: matched at once (about 700 instructions less per document).
    constexpr std::string_view usual = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    if (starts(usual)) {
      pos_ += usual.size();
      return {};
    }
    pos_ += 5;
    auto pseudo_attr = [this](std::string_view nm, std::string_view& value, bool& present) -> error {
      const std::size_t save = pos_;
      present = false;
      const bool ws = skip_ws();
      if (!ws || !starts(nm)) {
        pos_ = save;
        return {};
      }
      pos_ += nm.size();
      skip_ws();
      if (pos_ >= in_.size()) return unexpected_end();
      if (in_[pos_] != '=') return fail(errc::xml_malformed);
      ++pos_;
      skip_ws();
      if (pos_ >= in_.size()) return unexpected_end();
      const char q = in_[pos_];
      if (q != '"' && q != '\'') return fail(errc::xml_malformed);
      const std::size_t start = ++pos_;
      while (pos_ < in_.size() && in_[pos_] != q) {
        if (static_cast<unsigned char>(in_[pos_]) >= 0x80 || (cls(in_[pos_]) & c_ctl)) return fail(errc::xml_malformed);
        ++pos_;
      }
      if (pos_ >= in_.size()) return unexpected_end();
      value = in_.substr(start, pos_ - start);
      ++pos_;
      present = true;
      return {};
    };
    std::string_view v;
    bool present = false;
    if (error e = pseudo_attr("version", v, present)) return e;
    if (!present) return fail(errc::xml_malformed);
    // VersionNum ::= '1.' [0-9]+
    if (v.size() < 3 || v[0] != '1' || v[1] != '.' || !grammar::all_of(v.substr(2), grammar::digit))
      return fail_at(errc::xml_malformed, pos_ - 1 - v.size());
    if (error e = pseudo_attr("encoding", v, present)) return e;
    if (present) {
      const std::size_t at = pos_ - 1 - v.size();
      // EncName ::= [A-Za-z] ([A-Za-z0-9._] | '-')*
      bool ok = !v.empty() && grammar::is(v[0], grammar::alpha);
      for (char c : v) ok = ok && (grammar::is(c, grammar::alphanum) || c == '.' || c == '_' || c == '-');
      if (!ok) return fail_at(errc::xml_malformed, at);
      if (!grammar::iequals(v, "UTF-8")) return fail_at(errc::xml_bad_encoding, at);  // RFC 4826 §3.1
    }
    if (error e = pseudo_attr("standalone", v, present)) return e;
    if (present && v != "yes" && v != "no") return fail_at(errc::xml_malformed, pos_ - 1 - v.size());
    skip_ws();
    if (!starts("?>")) return pos_ >= in_.size() ? unexpected_end() : fail(errc::xml_malformed);
    pos_ += 2;
    return {};
  }

  std::string_view in_;
  Handler& h_;
  const limits& lim_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  std::size_t max_depth_ = 0;
  std::size_t binding_count_ = 0;
  std::uint8_t default_ns_ = ns_none;  // namespace of the innermost default declaration (`lookup("")`)
  std::size_t ws_safe_ = 0;    // below it, some byte up to the end is not whitespace
  std::size_t name_safe_ = 0;  // below it, some byte up to the end is not an NCName byte
  open_element* const stack_;  // [max_depth_cap]
  binding* const bindings_;    // [max_bindings + 1]
  attribute* const attrs_;     // [max_attributes]
};

/// `parse` at run time: the same reader on uninitialised arrays.
template <class Handler>
error parse_at_run_time(std::string_view doc, Handler& h, const limits& lim) noexcept {
  uninitialized_reader_arrays storage;
  parser<Handler> p(doc, h, lim, storage.get());
  return p.run();
}

}  // namespace detail

/// Reads the XML 1.0 document @p doc in one pass, calling @p h for each start tag, end tag
/// and non-whitespace character data, and returns the first error (code + byte offset in
/// @p doc) or `{ok, 0}`.
///
/// @p h provides `error start_element(const element&)`, `error end_element(const element_end&)`
/// and `error character_data(std::size_t offset)` (called with the offset of the first
/// non-whitespace character of each run of character data, CDATA sections and references
/// included, inside the innermost open element); a handler error stops the parse and is
/// returned as is. Views handed to @p h alias @p doc; `element::attributes` is only valid
/// during the call.
///
/// Errors (besides the handler's): `limit_exceeded` (size, attribute or binding caps),
/// `xml_depth_exceeded`, `unexpected_end`, `bad_utf8`, `control_char`, `xml_malformed`,
/// `xml_doctype`, `xml_bad_entity`, `xml_bad_char_ref`, `xml_mismatched_tag`,
/// `xml_unbound_prefix`, `xml_duplicate_attribute`, `xml_bad_encoding`.
template <class Handler>
[[nodiscard]] constexpr error parse(std::string_view doc SIPREF_LIFETIMEBOUND, Handler& h, const limits& lim = {}) noexcept {
#if SIPREF_XML_HAS_SWAR
  if (!__builtin_is_constant_evaluated()) return detail::parse_at_run_time(doc, h, lim);
#endif
  detail::reader_arrays arrays{};
  detail::parser<Handler> p(doc, h, lim, arrays);
  return p.run();
}

/// True when @p doc is a well-formed, namespace-well-formed XML 1.0 document in UTF-8 within
/// @p lim; the error otherwise.
[[nodiscard]] constexpr error check_well_formed(std::string_view doc, const limits& lim = {}) noexcept {
  null_handler h;
  return parse(doc, h, lim);
}

}  // namespace xml
SIPREF_END_NAMESPACE

#undef SIPREF_XML_HAS_SWAR
#undef SIPREF_XML_HAS_SSE2

#endif  // SIPREF_DETAIL_XML_HPP
