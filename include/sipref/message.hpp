// SPDX-License-Identifier: MIT
/// @file message.hpp
/// Whole SIP messages (RFC 3261 §7, §18.3, §20.14, §25.1): a one-pass, non-allocating framing
/// parser for requests and responses over stream and datagram transports, lazy views of the
/// header rows, and a composer that always writes CRLF line ends and an exact Content-Length.
///
/// The start-line and header-row scanners here are the one mechanism sipref uses for every
/// header block: multipart body parts (multipart.hpp) and message/sipfrag bodies (sipfrag.hpp)
/// call the same `detail` functions.
#ifndef SIPREF_MESSAGE_HPP
#define SIPREF_MESSAGE_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "header_names.hpp"
#include "scalar_headers.hpp"

SIPREF_BEGIN_NAMESPACE

// ==========================================================================================
// Header rows
// ==========================================================================================

/// One header row of a parsed header block, as views of the input.
///
/// `value` is the raw text after `HCOLON` up to the end of the row: leading LWS and trailing
/// LWS are removed, line folds inside it are kept (`CRLF 1*WSP`, which RFC 3261 §7.3.1 says
/// means one SP); the typed header parsers accept such values as they are. Offsets are
/// relative to the start of the input given to the parser that produced the block.
///
/// The views alias the parsed input and are valid while that buffer is.
struct header_field_view {
  std::string_view name{};              ///< the field name as written (`"r"`, `"REFER-TO"`, ...)
  header_id id = header_id::unknown;  ///< `lookup_header(name)`
  std::string_view value{};             ///< raw value, may contain folds, trailing LWS trimmed
  std::size_t name_offset = 0;        ///< offset of the first byte of the name
  std::size_t value_offset = 0;       ///< offset of the first byte of the value (or of the row end when empty)

  /// True when this row is the header @p h (any case, long or compact form).
  [[nodiscard]] constexpr bool is(header_id h) const noexcept { return id == h; }
};

/// A second (or later) row of a single-valued header (RFC 3261 §7.3.1; RFC 4475 §3.3.8).
struct duplicate_header {
  header_id id = header_id::unknown;  ///< the header that repeats
  std::size_t offset = 0;             ///< offset of the repeated row's name
};

namespace detail {

/// A set of `header_id`s as a fixed bitmask: duplicate detection in one pass, no allocation.
struct header_id_set {
  std::uint64_t words[(header_id_count + 63) / 64] = {};
  [[nodiscard]] constexpr bool contains(header_id id) const noexcept {
    const auto i = static_cast<std::size_t>(id);
    return (words[i / 64] >> (i % 64) & 1u) != 0;
  }
  constexpr void insert(header_id id) noexcept {
    const auto i = static_cast<std::size_t>(id);
    words[i / 64] |= std::uint64_t{1} << (i % 64);
  }
};

constexpr bool is_wsp(char c) noexcept { return c == ' ' || c == '\t'; }

/// How a header-block scan treats the end of the input.
struct row_rules {
  bool lf_ok = false;       ///< a bare LF ends a line (lenient); otherwise only CRLF does
  bool eof_is_end = false;  ///< the input is complete (datagram, body part, sipfrag); otherwise
                            ///< reaching the end means `need_more_data` (stream)
};

/// Length of the line terminator at @p i (2 for CRLF, 1 for a permitted bare LF), 0 when
/// there is none, or an error: `need_more_data` when a CR is the last byte of an incomplete
/// input, `missing_crlf` for a bare LF in strict mode (or a CR ending a complete input),
/// `control_char` for a CR not followed by LF.
constexpr error line_end_at(std::string_view t, std::size_t i, const row_rules& r, std::size_t& len) noexcept {
  len = 0;
  if (i >= t.size()) return {};
  if (t[i] == '\r') {
    if (i + 1 >= t.size())
      return {r.eof_is_end ? errc::missing_crlf : errc::need_more_data, r.eof_is_end ? i : t.size()};
    if (t[i + 1] != '\n') return {errc::control_char, i};
    len = 2;
  } else if (t[i] == '\n') {
    if (!r.lf_ok) return {errc::missing_crlf, i};
    len = 1;
  }
  return {};
}

/// Bytes of a header value that `scan_row` must look at: CR, LF, `"`, `\\`, the C0 controls
/// (HTAB included, which is then accepted) and DEL.
struct value_special_table {
  bool v[256] = {};
  constexpr value_special_table() noexcept {
    for (int c = 0; c < 0x20; ++c) v[c] = true;
    v[static_cast<unsigned char>('"')] = v[static_cast<unsigned char>('\\')] = v[0x7f] = true;
  }
  constexpr bool operator[](unsigned char c) const noexcept { return v[c]; }
};
inline constexpr value_special_table value_special{};

// The 8-bytes-at-a-time skip below uses memcpy, which constant evaluation cannot run; it is
// taken only when the compiler can tell it is not evaluating a constant expression.
#if defined(__has_builtin)
#if __has_builtin(__builtin_is_constant_evaluated)
#define SIPREF_MESSAGE_HAS_SWAR 1
#endif
#endif
#ifndef SIPREF_MESSAGE_HAS_SWAR
#define SIPREF_MESSAGE_HAS_SWAR 0
#endif

/// The first position at or after @p k of @p t holding a `value_special` byte (or the end).
/// Runtime: 8 bytes at a time (SWAR): a byte < 0x20, `"`, `\\` or DEL sets its top bit in the
/// mask; the lowest set bit is exact (the borrow tricks only add false positives above a true
/// one). UTF-8 bytes (>= 0x80) are not special here. XOR with 0x02 keeps the controls below
/// 0x20 and turns `"` into 0x20, so one "less than 0x21" test covers both. Where SSE2 is
/// available (every x86-64), 16 bytes at a time first: the same four tests as byte compares.
constexpr std::size_t skip_plain_value(std::string_view t, std::size_t k) noexcept {
  const std::size_t n = t.size();
#if SIPREF_MESSAGE_HAS_SWAR && !(defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
  if (!__builtin_is_constant_evaluated()) {
#if SIPREF_GRAMMAR_HAS_SSE2
    namespace simd = grammar::simd;
    for (; k < n && n - k >= 16; k += 16) {
      const __m128i x = simd::load16(t.data() + k);
      // x < 0x20 (unsigned) exactly when min(x, 0x1f) == x.
      const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
      const unsigned special = simd::bits(_mm_or_si128(_mm_or_si128(control, simd::equals(x, '"')),
                                                       _mm_or_si128(simd::equals(x, '\\'), simd::equals(x, 0x7f))));
      if (special != 0) return k + static_cast<std::size_t>(__builtin_ctz(special));
    }
#endif
    constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (; k < n && n - k >= 8; k += 8) {
      std::uint64_t x = 0;
      std::memcpy(&x, t.data() + k, 8);
      const std::uint64_t ctl_or_quote = x ^ (ones * 0x02), backslash = x ^ (ones * 0x5c), del = x ^ (ones * 0x7f);
      const std::uint64_t special = (((ctl_or_quote - ones * 0x21) & ~ctl_or_quote) | ((backslash - ones) & ~backslash) |
                                     ((del - ones) & ~del)) &
                                    highs;
      if (special != 0) return k + static_cast<std::size_t>(__builtin_ctzll(special) >> 3);
    }
  }
#endif
  while (k < n && !value_special[static_cast<unsigned char>(t[k])]) ++k;
  return k;
}

/// One scanned header row: the field plus where the row ended.
struct scanned_row {
  header_field_view field;
  std::size_t next = 0;    ///< position after the row's line terminator
  bool terminated = true;  ///< false: the row ran to the end of a complete input
  bool used_lf = false;    ///< a bare LF ended the row or one of its folds
};

/// Sets @p f's value to the bytes of @p t from @p value_start to @p value_end without the
/// trailing LWS (a trailing fold included), which is not part of the value.
constexpr void set_row_value(std::string_view t, std::size_t value_start, std::size_t value_end,
                             header_field_view& f) noexcept {
  while (value_end > value_start) {
    const char c = t[value_end - 1];
    if (!is_wsp(c) && c != '\r' && c != '\n') break;
    --value_end;
  }
  f.value = std::string_view(t.data() + value_start, value_end - value_start);
  f.value_offset = value_start;
}

/// Scans one header row starting at @p pos (which is not at an empty line) of @p t.
///
/// @par ABNF (RFC 3261 §25.1)
/// `extension-header = header-name HCOLON header-value`, `header-name = token`,
/// `HCOLON = *( SP / HTAB ) ":" SWS`, `header-value = *(TEXT-UTF8char / UTF8-CONT / LWS)`
///
/// Errors: `bad_folding` for a row that starts with SP/HTAB (a continuation with nothing to
/// continue) or a fold before the colon; `bad_header_name` where the name is empty or a
/// non-token byte is glued to it (`Refer-To\x01:`, PEERS.md (c) 21); `missing_colon` where
/// the colon should be; `control_char` at a control byte in the value (HTAB is allowed, and
/// so is any byte but CR/LF escaped by a quoted-pair inside a quoted-string, RFC 3261 §25.1,
/// RFC 4475 §3.1.1.2; a NUL after a fold is rejected, PEERS.md (c) 20); `missing_crlf` /
/// `need_more_data` from `line_end_at`, and `need_more_data` at the end of an incomplete
/// input.
constexpr error scan_row(std::string_view t, std::size_t pos, const row_rules& r, scanned_row& out) noexcept {
  const std::size_t n = t.size();
  const std::size_t start = pos;
  std::size_t i = grammar::skip_alnum_and(t, pos, '-', '-');  // a prefix of token bytes
  while (i < n && grammar::is(t[i], grammar::token_char)) ++i;
  if (i == start) return {is_wsp(t[start]) ? errc::bad_folding : errc::bad_header_name, start};
  out = scanned_row{};
  out.field.name = std::string_view(t.data() + start, i - start);
  out.field.id = lookup_header(out.field.name);
  out.field.name_offset = start;
  std::size_t j = i;
  while (j < n && is_wsp(t[j])) ++j;
  if (j >= n) return {r.eof_is_end ? errc::missing_colon : errc::need_more_data, n};
  if (t[j] != ':') {
    if (t[j] == '\r' || t[j] == '\n') {
      std::size_t len = 0;
      if (const error e = line_end_at(t, j, r, len)) return e;
      if (j + len >= n && !r.eof_is_end) return {errc::need_more_data, n};
      if (j + len < n && is_wsp(t[j + len])) return {errc::bad_folding, j};  // no fold before ':'
      return {errc::missing_colon, j};
    }
    return {j > i ? errc::missing_colon : errc::bad_header_name, j};
  }
  // After the colon: SWS, then the value up to a line end that is not followed by WSP.
  std::size_t k = j + 1;
  while (k < n && is_wsp(t[k])) ++k;  // the usual SP; folds are handled in the loop
  std::size_t value_start = std::string_view::npos;
  if (k < n && t[k] != '\r' && t[k] != '\n') value_start = k;
  bool in_quote = false;  // inside a quoted-string, where quoted-pairs may escape controls
  while (true) {
    // Fast path: once the value has started, skip the bytes that need no attention (all but
    // CR, LF, '"', '\\', controls and DEL) in bulk.
    if (value_start != std::string_view::npos) k = skip_plain_value(t, k);
    if (k >= n) {
      if (!r.eof_is_end) return {errc::need_more_data, n};
      out.terminated = false;
      out.next = n;
      break;
    }
    const char c = t[k];
    if (c == '\r' || c == '\n') {
      std::size_t len = 2;  // CRLF, the usual case, needs no further checks
      if (c != '\r' || n - k < 2 || t[k + 1] != '\n')
        if (const error e = line_end_at(t, k, r, len)) return e;
      if (len == 1) out.used_lf = true;
      const std::size_t after = k + len;
      if (after >= n && !r.eof_is_end) return {errc::need_more_data, n};
      if (after < n && is_wsp(t[after])) {  // a fold: the value continues
        k = after;
        continue;
      }
      out.next = after;
      break;
    }
    if (value_start == std::string_view::npos && !is_wsp(c)) value_start = k;
    if (c == '"') {
      in_quote = !in_quote;
    } else if (in_quote && c == '\\' && k + 1 < n && t[k + 1] != '\r' && t[k + 1] != '\n') {
      k += 2;  // quoted-pair: may escape any byte but CR and LF, NUL included (RFC 4475 intmeth)
      continue;
    } else {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7f) return {errc::control_char, k};
    }
    ++k;
  }
  if (value_start == std::string_view::npos) value_start = k;
  set_row_value(t, value_start, k, out.field);
  return {};
}

/// Re-reads one row of a block that `scan_block` already validated (so no checks): the name,
/// its id, the value without surrounding LWS, and where the row ends. Finds line ends with
/// `find` (memchr), so iterating a validated block costs little more than the id lookups.
constexpr void rescan_validated_row(std::string_view t, std::size_t pos, scanned_row& out) noexcept {
  const std::size_t n = t.size();
  // A validated row is `token *WSP ":"`, and ':' is not a token byte: the first ':' ends it.
  std::size_t i = t.find(':', pos);
  if (i == std::string_view::npos) i = n;
  std::size_t name_end = i;
  while (name_end > pos && is_wsp(t[name_end - 1])) --name_end;
  out.field.name = std::string_view(t.data() + pos, name_end - pos);
  out.field.id = lookup_header(out.field.name);
  out.field.name_offset = pos;
  out.terminated = true;
  out.used_lf = false;
  std::size_t k = i + 1;
  // SWS before the value, folds included.
  while (k < n) {
    if (is_wsp(t[k])) {
      ++k;
    } else if (t[k] == '\r' && k + 2 < n && t[k + 1] == '\n' && is_wsp(t[k + 2])) {
      k += 3;
    } else if (t[k] == '\n' && k + 1 < n && is_wsp(t[k + 1])) {
      k += 2;
    } else {
      break;
    }
  }
  const std::size_t value_start = k;
  // The row ends at the first line end not followed by SP/HTAB.
  std::size_t end = n, next = n;
  for (std::size_t p = k; p < n;) {
    const std::size_t lf = t.find('\n', p);
    if (lf == std::string_view::npos) {
      out.terminated = false;
      break;
    }
    if (lf + 1 < n && is_wsp(t[lf + 1])) {
      p = lf + 1;
      continue;
    }
    end = (lf > 0 && t[lf - 1] == '\r') ? lf - 1 : lf;
    out.used_lf = end == lf;
    next = lf + 1;
    break;
  }
  set_row_value(t, value_start, end < value_start ? value_start : end, out.field);
  out.next = next;
}

/// Where the rows of a validated header block are, recorded once by `scan_block` so that
/// iterating the block and `find` neither re-read the rows nor look their names up again.
///
/// Fixed capacity, no allocation: the first `capacity` rows whose bytes lie within the first
/// 64 KiB of the block (offsets are 16 bits, relative to the block start) and whose names are
/// at most 255 bytes are recorded; the rows after the first one that is not are re-read from
/// the text by the iterator, as a block without an index is (`count == 0`).
struct row_index {
  static constexpr std::size_t capacity = 32;
  struct row {
    std::uint16_t start = 0;        ///< name offset, relative to the block start
    std::uint16_t value_start = 0;  ///< value offset, relative to the block start
    std::uint16_t value_size = 0;   ///< value length
    std::uint8_t name_size = 0;     ///< name length
    header_id id = header_id::unknown;
  };
  row rows[capacity] = {};
  std::uint8_t count = 0;     ///< rows recorded
  bool closed = false;        ///< a row could not be recorded: no later row is
  std::uint16_t end = 0;      ///< position after the last recorded row, relative to the block start

  /// Records @p r (scanned from the block starting at @p begin) if it fits.
  constexpr void add(std::size_t begin, const scanned_row& r) noexcept {
    const std::size_t limit = std::numeric_limits<std::uint16_t>::max();
    if (closed || count == capacity || r.next - begin > limit || r.field.name.size() > 0xff) {
      closed = true;
      return;
    }
    row& x = rows[count++];
    x.start = static_cast<std::uint16_t>(r.field.name_offset - begin);
    x.value_start = static_cast<std::uint16_t>(r.field.value_offset - begin);
    x.value_size = static_cast<std::uint16_t>(r.field.value.size());
    x.name_size = static_cast<std::uint8_t>(r.field.name.size());
    x.id = r.field.id;
    end = static_cast<std::uint16_t>(r.next - begin);
  }
};

/// How a header block ended.
enum class block_end : std::uint8_t {
  empty_line,        ///< the empty line (CRLF) after the last row: the normal case
  eof_at_row_start,  ///< a complete input ended right after a row's line terminator
  eof_in_row,        ///< a complete input ended inside the last row (no line terminator)
};

/// Result of scanning a header block.
struct block_scan {
  std::size_t rows_begin = 0;  ///< position of the first row
  std::size_t rows_end = 0;    ///< position of the empty line (or of the end of the input)
  std::size_t next = 0;        ///< position after the empty line
  std::size_t rows = 0;        ///< number of rows
  block_end how = block_end::empty_line;
  bool used_lf = false;                ///< some line of the block ended in a bare LF
  duplicate_header first_duplicate{};  ///< id unknown when no single-valued header repeats
  row_index index{};                   ///< where the rows are (see `row_index`)
};

/// Scans and validates the header rows of @p t from @p pos up to and including the empty line
/// that ends the block, calling `on_row(const header_field_view&) -> error` for each row (an
/// error it returns stops the scan). At most @p max_rows rows (`header_too_many` at the first
/// row beyond). Single-valued headers seen twice are recorded in `first_duplicate`, not
/// rejected: the caller decides.
template <class OnRow>
constexpr error scan_block(std::string_view t, std::size_t pos, const row_rules& r, std::size_t max_rows,
                           block_scan& out, OnRow&& on_row) {
  out = block_scan{};
  out.rows_begin = pos;
  header_id_set seen;
  const std::size_t n = t.size();
  while (true) {
    if (pos >= n) {
      if (!r.eof_is_end) return {errc::need_more_data, n};
      out.how = block_end::eof_at_row_start;
      out.rows_end = out.next = n;
      return {};
    }
    if (t[pos] == '\r' || t[pos] == '\n') {
      std::size_t len = 0;
      if (const error e = line_end_at(t, pos, r, len)) return e;
      if (len == 1) out.used_lf = true;
      out.rows_end = pos;
      out.next = pos + len;
      out.how = block_end::empty_line;
      return {};
    }
    if (out.rows == max_rows) return {errc::header_too_many, pos};
    scanned_row row;
    if (const error e = scan_row(t, pos, r, row)) return e;
    ++out.rows;
    out.used_lf = out.used_lf || row.used_lf;
    const header_id id = row.field.id;
    if (is_single_valued(id)) {
      if (seen.contains(id)) {
        if (out.first_duplicate.id == header_id::unknown) out.first_duplicate = {id, row.field.name_offset};
      } else {
        seen.insert(id);
      }
    }
    if (const error e = on_row(row.field)) return e;
    out.index.add(out.rows_begin, row);
    if (!row.terminated) {
      out.how = block_end::eof_in_row;
      out.rows_end = out.next = n;
      return {};
    }
    pos = row.next;
  }
}

}  // namespace detail

class header_rows_view;
class header_duplicates_view;

/// A validated block of header rows (of a message, a multipart body part or a sipfrag),
/// iterated lazily without allocation.
///
/// Handed out only by parsers that validated every row, so iteration never stops early.
/// Offsets of the rows are relative to the input of the parser that produced the block.
/// The views alias that input and are valid while it is.
///
/// @par Example
/// @code
/// for (const sipref::header_field_view& h : msg->headers())
///   if (h.is(sipref::header_id::require)) use(h.value);   // every Require row, in order
/// auto refer_to = msg->headers().find(sipref::header_id::refer_to);   // "r" rows too
/// @endcode
class header_fields_view {
 public:
  /// Forward iterator over the rows, in message order. It refers to the view it came from,
  /// which must outlive it (as a container's iterators do).
  class iterator {
   public:
    constexpr iterator() = default;
    constexpr const header_field_view& operator*() const noexcept { return cur_.field; }
    constexpr const header_field_view* operator->() const noexcept { return &cur_.field; }
    constexpr iterator& operator++() noexcept {
      pos_ = cur_.next;
      ++row_;
      load();
      return *this;
    }
    constexpr bool operator==(const iterator& o) const noexcept {
      return done_ == o.done_ && (done_ || pos_ == o.pos_);
    }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    friend class header_fields_view;
    constexpr explicit iterator(const header_fields_view& v) noexcept : view_(&v), pos_(v.begin_) { load(); }
    constexpr void load() noexcept {
      const header_fields_view& v = *view_;
      if (row_ < v.index_.count) {  // recorded by scan_block: no re-reading
        v.load_indexed(row_, cur_);
        done_ = false;
        return;
      }
      // Past the index: re-read the validated rows (every row scans cleanly, the input is
      // complete here).
      const std::string_view input = v.input_.substr(0, v.end_);
      if (pos_ >= input.size() || (input[pos_] == '\r' || input[pos_] == '\n')) {
        done_ = true;
        return;
      }
      detail::rescan_validated_row(input, pos_, cur_);
      done_ = false;
    }
    const header_fields_view* view_ = nullptr;
    std::size_t pos_ = 0;
    std::size_t row_ = 0;
    bool done_ = true;
    detail::scanned_row cur_{};
  };

  constexpr header_fields_view() = default;

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(*this); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  /// Number of rows (a folded row counts once).
  [[nodiscard]] constexpr std::size_t size() const noexcept { return rows_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return rows_ == 0; }
  /// The rows as they appear in the input, from the first row's name up to and including the
  /// last row's line terminator (the empty line that ends the block is not included).
  [[nodiscard]] constexpr std::string_view text() const noexcept { return input_.substr(begin_, end_ - begin_); }
  /// Offset of the first row in the parser's input.
  [[nodiscard]] constexpr std::size_t offset() const noexcept { return begin_; }

  /// The first row of header @p id (long or compact name, any case), if any.
  [[nodiscard]] constexpr std::optional<header_field_view> find(header_id id) const noexcept {
    if (id == header_id::unknown) return std::nullopt;
    // The recorded rows by their ids alone; the rest (if any) by iterating.
    for (std::size_t i = 0; i < index_.count; ++i) {
      if (index_.rows[i].id == id) {
        detail::scanned_row r;
        load_indexed(i, r);
        return r.field;
      }
    }
    if (!index_.closed) return std::nullopt;
    for (auto it = begin(); it != end(); ++it)
      if (it.row_ >= index_.count && it->id == id) return *it;
    return std::nullopt;
  }
  /// The first row named @p name: known names match every spelling of their header
  /// (`find("Refer-To")` finds `r:` rows); unknown names compare ASCII case-insensitively.
  [[nodiscard]] constexpr std::optional<header_field_view> find(std::string_view name) const noexcept;
  /// All rows of header @p id, in order.
  [[nodiscard]] constexpr header_rows_view rows(header_id id) const noexcept;
  /// All rows named @p name (see `find(std::string_view)`), in order.
  [[nodiscard]] constexpr header_rows_view rows(std::string_view name) const noexcept;
  /// Number of rows of header @p id.
  [[nodiscard]] constexpr std::size_t count(header_id id) const noexcept;
  /// Number of rows named @p name.
  [[nodiscard]] constexpr std::size_t count(std::string_view name) const noexcept;
  /// The first row that repeats a single-valued header, found during parsing; `nullopt` when
  /// none repeats. Non-fatal by design: the message still parses (RFC 4475 §3.3.8 says
  /// "parse, then 400"), so a checker can report it and keep going.
  [[nodiscard]] constexpr std::optional<duplicate_header> first_duplicate() const noexcept {
    if (first_dup_.id == header_id::unknown) return std::nullopt;
    return first_dup_;
  }
  /// Every row that repeats a single-valued header.
  [[nodiscard]] constexpr header_duplicates_view duplicates() const noexcept;

  /// Builds the view of a block validated by `detail::scan_block` over @p input (for the
  /// parsers in this library; the block must have been validated with the same @p lf_ok).
  [[nodiscard]] static constexpr header_fields_view from_scan(std::string_view input, const detail::block_scan& b,
                                                              bool lf_ok) noexcept {
    header_fields_view v;
    v.input_ = input;
    v.begin_ = b.rows_begin;
    v.end_ = b.rows_end;
    v.rows_ = b.rows;
    v.lf_ok_ = lf_ok;
    v.first_dup_ = b.first_duplicate;
    v.index_ = b.index;
    return v;
  }

 private:
  /// Row @p i of the index as a field (and where the next row starts).
  constexpr void load_indexed(std::size_t i, detail::scanned_row& out) const noexcept {
    const detail::row_index::row& x = index_.rows[i];
    const char* const base = input_.data() + begin_;
    out.field.name = std::string_view(base + x.start, x.name_size);
    out.field.id = x.id;
    out.field.value = std::string_view(base + x.value_start, x.value_size);
    out.field.name_offset = begin_ + x.start;
    out.field.value_offset = begin_ + x.value_start;
    out.next = begin_ + (i + 1 < index_.count ? index_.rows[i + 1].start : index_.end);
  }

  std::string_view input_{};
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t rows_ = 0;
  bool lf_ok_ = false;
  duplicate_header first_dup_{};
  detail::row_index index_{};
};

/// The rows of one header (matched by id, or by name for unknown headers), in order: a
/// list header split over several rows reads as one list (RFC 3261 §7.3.1).
class header_rows_view {
 public:
  class iterator {
   public:
    constexpr iterator() = default;
    constexpr const header_field_view& operator*() const noexcept { return *it_; }
    constexpr const header_field_view* operator->() const noexcept { return &*it_; }
    constexpr iterator& operator++() noexcept {
      ++it_;
      skip();
      return *this;
    }
    constexpr bool operator==(const iterator& o) const noexcept { return it_ == o.it_; }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    friend class header_rows_view;
    constexpr iterator(header_fields_view::iterator it, header_fields_view::iterator end, header_id id,
                       std::string_view name) noexcept
        : it_(it), end_(end), id_(id), name_(name) {
      skip();
    }
    constexpr void skip() noexcept {
      while (it_ != end_ && !matches(*it_)) ++it_;
    }
    [[nodiscard]] constexpr bool matches(const header_field_view& h) const noexcept {
      return id_ != header_id::unknown ? h.id == id_ : (h.id == header_id::unknown && grammar::iequals(h.name, name_));
    }
    header_fields_view::iterator it_{}, end_{};
    header_id id_ = header_id::unknown;
    std::string_view name_{};
  };
  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(block_.begin(), block_.end(), id_, name_); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(block_.end(), block_.end(), id_, name_); }
  [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t k = 0;
    for (auto it = begin(); it != end(); ++it) ++k;
    return k;
  }

 private:
  friend class header_fields_view;
  constexpr header_rows_view(header_fields_view block, header_id id, std::string_view name) noexcept
      : block_(block), id_(id), name_(name) {}
  header_fields_view block_;
  header_id id_;
  std::string_view name_{};
};

/// Every row that repeats a single-valued header already seen above it (RFC 3261 §7.3.1;
/// RFC 4475 §3.3.8 multi01), in order: what a server check reports as S11 duplicates.
class header_duplicates_view {
 public:
  class iterator {
   public:
    constexpr iterator() = default;
    constexpr const header_field_view& operator*() const noexcept { return *it_; }
    constexpr const header_field_view* operator->() const noexcept { return &*it_; }
    constexpr iterator& operator++() noexcept {
      ++it_;
      skip();
      return *this;
    }
    constexpr bool operator==(const iterator& o) const noexcept { return it_ == o.it_; }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    friend class header_duplicates_view;
    constexpr iterator(header_fields_view::iterator it, header_fields_view::iterator end) noexcept
        : it_(it), end_(end) {
      skip();
    }
    constexpr void skip() noexcept {
      for (; it_ != end_; ++it_) {
        const header_id id = it_->id;
        if (!is_single_valued(id)) continue;
        if (seen_.contains(id)) return;
        seen_.insert(id);
      }
    }
    header_fields_view::iterator it_{}, end_{};
    detail::header_id_set seen_{};
  };
  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(block_.begin(), block_.end()); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(block_.end(), block_.end()); }
  [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }

 private:
  friend class header_fields_view;
  constexpr explicit header_duplicates_view(header_fields_view block) noexcept : block_(block) {}
  header_fields_view block_;
};

constexpr std::optional<header_field_view> header_fields_view::find(std::string_view name) const noexcept {
  for (const header_field_view& h : rows(name)) return h;
  return std::nullopt;
}
constexpr header_rows_view header_fields_view::rows(header_id id) const noexcept {
  return header_rows_view(*this, id, {});
}
constexpr header_rows_view header_fields_view::rows(std::string_view name) const noexcept {
  return header_rows_view(*this, lookup_header(name), name);
}
constexpr std::size_t header_fields_view::count(header_id id) const noexcept { return rows(id).size(); }
constexpr std::size_t header_fields_view::count(std::string_view name) const noexcept { return rows(name).size(); }
constexpr header_duplicates_view header_fields_view::duplicates() const noexcept {
  return header_duplicates_view(*this);
}

// ==========================================================================================
// Start lines
// ==========================================================================================

namespace detail {

/// Leniencies of the start-line scanner (all off = RFC 3261 §7.1/§7.2 strict).
struct start_line_rules {
  row_rules rows{};
  bool extra_sp = false;        ///< several SP between elements, trailing SP
  bool missing_reason = false;  ///< `SIP/2.0 200` with no SP after the code
  bool any_reason = false;      ///< Reason-Phrase: any non-control text
};

/// The fields of a scanned start line.
struct start_line_fields {
  bool is_response = false;
  std::string_view line{};     ///< the line without its terminator
  std::string_view method{};   ///< requests
  std::string_view uri{};      ///< requests: Request-URI as written
  std::string_view version{};  ///< as written (`SIP/2.0`, any case)
  std::uint16_t code = 0;    ///< responses
  std::string_view reason{};   ///< responses (may be empty)
  std::size_t next = 0;      ///< position after the line terminator
  bool terminated = true;    ///< false: the line ran to the end of a complete input
  bool used_lf = false;
  bool used_extra_sp = false;
  bool used_missing_reason = false;
  bool used_any_reason = false;
};

/// Checks `SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT` (RFC 3261 §25.1; "SIP" compares
/// case-insensitively on receipt, §7.1) and that the version is 2.0.
[[nodiscard]] constexpr bool is_sip_2_0(std::string_view v) noexcept {
  return v.size() == 7 && grammar::iequals(v.substr(0, 4), "SIP/") && v.substr(4) == "2.0";
}

/// Offset of the first byte of @p uri that cannot be part of a Request-URI, or npos.
///
/// Framing-level check (RFC 3261 §7.1, §25.1 `Request-URI = SIP-URI / SIPS-URI /
/// absoluteURI`): a `scheme ":"` prefix, then only URI characters (`reserved`,
/// `unreserved`, `[`, `]` for IPv6 references) and well-formed `%HH` escapes; no SP, no
/// controls, no `<>` (RFC 4475 §3.1.2.7, §3.1.2.8). The structure of the URI is uri.hpp's job.
[[nodiscard]] constexpr std::size_t check_request_uri(std::string_view uri) noexcept {
  if (uri.empty() || !grammar::is(uri[0], grammar::alpha)) return 0;
  std::size_t i = 1;
  while (i < uri.size() && grammar::is(uri[i], grammar::scheme_char)) ++i;
  if (i >= uri.size() || uri[i] != ':') return i;
  ++i;
  if (i >= uri.size()) return i;
  const error e =
      grammar::validate_escaped(uri.substr(i), grammar::reserved | grammar::unreserved | grammar::param_unreserved);
  return e ? i + e.offset : std::string_view::npos;
}

/// Offset of the first byte of @p r outside `Reason-Phrase`, or npos.
///
/// @par ABNF (RFC 3261 §25.1)
/// `Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB)`
/// With @p any, every byte but the controls (HTAB excepted) is accepted.
[[nodiscard]] constexpr std::size_t check_reason_phrase(std::string_view r, bool any) noexcept {
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto c = static_cast<unsigned char>(r[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return i;
    if (any) continue;
    if (c == '%') {
      if (r.size() - i < 3 || grammar::hex_value(r[i + 1]) < 0 || grammar::hex_value(r[i + 2]) < 0) return i;
      i += 2;
    } else if (c < 0x80) {
      if (!grammar::is(r[i], grammar::reserved | grammar::unreserved | grammar::wsp)) return i;
    } else if (c >= 0xC0) {
      // UTF8-NONASCII: a lead byte followed by its continuation bytes (the RFC 3261 grammar
      // also allows a lone UTF8-CONT, %x80-BF, which needs no check).
      const std::size_t k = c <= 0xDF ? 1 : c <= 0xEF ? 2 : c <= 0xF7 ? 3 : c <= 0xFB ? 4 : c <= 0xFD ? 5 : 0;
      if (k == 0 || r.size() - i - 1 < k) return i;
      for (std::size_t m = 1; m <= k; ++m) {
        const auto cc = static_cast<unsigned char>(r[i + m]);
        if (cc < 0x80 || cc > 0xBF) return i;
      }
      i += k;
    }
  }
  return std::string_view::npos;
}

/// Scans a Request-Line or Status-Line at @p pos of @p t.
///
/// @par ABNF (RFC 3261 §25.1)
/// `Request-Line = Method SP Request-URI SP SIP-Version CRLF`
/// `Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF`
///
/// A complete input (`rows.eof_is_end`) that ends inside the line sets `terminated = false`
/// and leaves the verdict to the caller (a message requires the CRLF, a sipfrag may accept
/// its absence).
///
/// Errors (offsets in @p t): `need_more_data` when an incomplete input ends inside the line;
/// `missing_crlf` at a bare LF (strict), or at a CR that ends a complete input;
/// `bad_method` at a non-token byte of the method; `bad_start_line` at an extra, missing or
/// trailing SP, at a bad Request-URI byte (`<`, SP, ...) or at the end of a line that lacks
/// an element; `bad_version` at a SIP-Version that is not `SIP/2.0`; `bad_status_code` at a
/// code that is not 3 digits in 100..699; `bad_reason_phrase` at a byte outside its grammar.
constexpr error scan_start_line(std::string_view t, std::size_t pos, const start_line_rules& r,
                                start_line_fields& out) noexcept {
  out = start_line_fields{};
  const std::size_t n = t.size();
  // The line end: the first LF (preceded by CR, or bare when allowed).
  std::size_t eol = t.find('\n', pos);
  if (eol == std::string_view::npos) eol = n;
  if (eol >= n) {
    if (!r.rows.eof_is_end) return {errc::need_more_data, n};
    out.terminated = false;
    out.next = n;
    if (eol > pos && t[eol - 1] == '\r') return {errc::missing_crlf, eol - 1};
  } else if (eol > pos && t[eol - 1] == '\r') {
    out.next = eol + 1;
    --eol;
  } else {
    if (!r.rows.lf_ok) return {errc::missing_crlf, eol};
    out.used_lf = true;
    out.next = eol + 1;
  }
  const std::string_view line = t.substr(pos, eol - pos);
  out.line = line;
  if (line.empty()) return {errc::bad_start_line, pos};

  if (line.size() >= 4 && grammar::iequals(line.substr(0, 4), "SIP/")) {
    out.is_response = true;
    std::size_t i = line.find(' ');
    out.version = line.substr(0, i == std::string_view::npos ? line.size() : i);
    if (!is_sip_2_0(out.version)) return {errc::bad_version, pos};
    if (i == std::string_view::npos) return {errc::bad_start_line, pos + line.size()};
    ++i;
    if (i < line.size() && line[i] == ' ') {
      if (!r.extra_sp) return {errc::bad_start_line, pos + i};
      out.used_extra_sp = true;
      while (i < line.size() && line[i] == ' ') ++i;
    }
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    const std::string_view code = line.substr(i, j - i);
    if (code.size() != 3 || !grammar::all_of(code, grammar::digit) || code[0] < '1' || code[0] > '6')
      return {errc::bad_status_code, pos + i};
    out.code = static_cast<std::uint16_t>((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
    if (j == line.size()) {
      if (!r.missing_reason) return {errc::bad_start_line, pos + j};
      out.used_missing_reason = true;
      out.reason = line.substr(j, 0);
      return {};
    }
    out.reason = line.substr(j + 1);
    const std::size_t bad = check_reason_phrase(out.reason, false);
    if (bad != std::string_view::npos) {
      const std::size_t bad_any = check_reason_phrase(out.reason, true);
      if (!r.any_reason || bad_any != std::string_view::npos)
        return {errc::bad_reason_phrase, pos + j + 1 + (r.any_reason ? bad_any : bad)};
      out.used_any_reason = true;
    }
    return {};
  }

  // Request-Line.
  std::size_t i = 0;
  while (i < line.size() && grammar::is(line[i], grammar::token_char)) ++i;
  if (i == 0) return {line[0] == ' ' ? errc::bad_start_line : errc::bad_method, pos};
  out.method = line.substr(0, i);
  if (i == line.size()) return {errc::bad_start_line, pos + i};
  if (line[i] != ' ') return {errc::bad_method, pos + i};
  ++i;
  if (i < line.size() && line[i] == ' ') {
    if (!r.extra_sp) return {errc::bad_start_line, pos + i};
    out.used_extra_sp = true;
    while (i < line.size() && line[i] == ' ') ++i;
  }
  std::size_t e = line.size();
  if (line[e - 1] == ' ') {
    std::size_t f = e;
    while (f > i && line[f - 1] == ' ') --f;
    if (!r.extra_sp) return {errc::bad_start_line, pos + f};
    out.used_extra_sp = true;
    e = f;
  }
  const std::size_t last = line.substr(0, e).rfind(' ');
  if (last == std::string_view::npos || last < i) return {errc::bad_start_line, pos + e};
  out.version = line.substr(last + 1, e - last - 1);
  std::size_t uri_end = last;
  if (uri_end > i && line[uri_end - 1] == ' ') {
    std::size_t f = uri_end;
    while (f > i && line[f - 1] == ' ') --f;
    if (!r.extra_sp) return {errc::bad_start_line, pos + f + 1};  // the SP after the separator
    out.used_extra_sp = true;
    uri_end = f;
  }
  out.uri = line.substr(i, uri_end - i);
  const std::size_t bad = check_request_uri(out.uri);
  if (bad != std::string_view::npos) return {errc::bad_start_line, pos + i + bad};
  if (!is_sip_2_0(out.version)) return {errc::bad_version, pos + last + 1};
  return {};
}

}  // namespace detail

// ==========================================================================================
// Messages
// ==========================================================================================

/// How the input was delivered, which decides how a message ends (RFC 3261 §18.3).
enum class framing : std::uint8_t {
  /// TCP/TLS/SCTP: the input is a prefix of a byte stream. Leading CRLFs are skipped (§7.5),
  /// Content-Length is mandatory and frames the body, an incomplete message gives
  /// `need_more_data`, and bytes after the message belong to the next one.
  stream,
  /// UDP: the input is one whole datagram. Octets after Content-Length are discarded; a short
  /// body is an error; without Content-Length the body is the rest of the datagram.
  datagram,
};

/// Options of `parse_message`; every leniency is off by default.
struct message_options {
  framing mode = framing::stream;
  /// Accept a bare LF as a line end (RFC 5118's archive files use LF). Strict: `missing_crlf`.
  bool allow_lf_line_ends = false;
  /// Accept several SP between start-line elements and trailing SP (RFC 4475 §3.1.2.9 and
  /// §3.1.2.10 let lenient elements ignore them; RFC 5368 §9's example has two SP).
  bool allow_extra_sp_in_start_line = false;
  /// Accept `SIP/2.0 100` with no SP before the empty Reason-Phrase (RFC 4475 §3.1.1.13).
  bool allow_missing_reason_phrase = false;
  /// Accept any non-control text as Reason-Phrase (its grammar excludes `"<>[]{}` etc.).
  bool allow_any_reason_phrase = false;
  /// Datagram: accept a header section that the end of the datagram terminates right after a
  /// complete row, with no empty line (RFC 4475 baddn.dat, RFC 5118 §4.10 files).
  bool allow_missing_empty_line = false;
  /// Datagram: accept a body shorter than Content-Length (the body is then the rest).
  bool allow_content_length_mismatch = false;
  /// Make a repeated single-valued header fatal (`duplicate_header` at the second row).
  /// Off by default: duplicates are reported through `first_duplicate()` and
  /// `duplicates()` and the message still parses (RFC 4475 §3.3.8 "parse, then 400").
  bool reject_duplicate_headers = false;
  /// Most header rows accepted (`header_too_many` beyond).
  std::size_t max_header_rows = 256;
  /// Largest Content-Length accepted (`limit_exceeded` beyond), so a stream caller is not
  /// told to wait for an absurd body.
  std::uint64_t max_body_size = std::numeric_limits<std::uint64_t>::max();
};

/// Leniencies a parse actually used, and framing facts a checker may report (S11).
enum message_flag : std::uint16_t {
  flag_leading_crlf = 1u << 0,               ///< stream: CRLFs before the start line were skipped
  flag_lf_line_ends = 1u << 1,               ///< some line ended in a bare LF
  flag_extra_sp_in_start_line = 1u << 2,     ///< extra or trailing SP in the start line
  flag_missing_reason_phrase = 1u << 3,      ///< no SP after the status code
  flag_nonstandard_reason_phrase = 1u << 4,  ///< Reason-Phrase outside its grammar
  flag_missing_empty_line = 1u << 5,         ///< datagram ended the header section
  flag_no_content_length = 1u << 6,          ///< datagram without Content-Length
  flag_trailing_bytes_discarded = 1u << 7,   ///< datagram longer than Content-Length (§18.3)
  flag_content_length_mismatch = 1u << 8,    ///< body shorter than Content-Length, accepted
  flag_missing_final_crlf = 1u << 9,         ///< sipfrag: last line without line end, accepted
};

class message_view;
namespace detail {
struct message_parser;
}

/// A parsed SIP request or response: start-line fields, the validated header block, the
/// body, and the framing facts.
///
/// All views alias the parsed input and are valid while that buffer is. Offsets are relative
/// to the start of that input (leading CRLFs skipped in stream mode included).
class message_view {
 public:
  constexpr message_view() = default;

  [[nodiscard]] constexpr bool is_request() const noexcept { return !start_.is_response; }
  [[nodiscard]] constexpr bool is_response() const noexcept { return start_.is_response; }
  /// The method of a request (case-sensitive token, RFC 3261 §7.1); empty for a response.
  [[nodiscard]] constexpr std::string_view method() const noexcept { return start_.method; }
  /// The Request-URI as written (framing-checked only; parse it with uri.hpp).
  [[nodiscard]] constexpr std::string_view request_uri() const noexcept { return start_.uri; }
  /// The SIP-Version as written (`SIP/2.0` in any case).
  [[nodiscard]] constexpr std::string_view version() const noexcept { return start_.version; }
  /// The Status-Code of a response (100..699); 0 for a request.
  [[nodiscard]] constexpr std::uint16_t status_code() const noexcept { return start_.code; }
  /// The Reason-Phrase of a response as written (escapes not decoded); may be empty.
  [[nodiscard]] constexpr std::string_view reason() const noexcept { return start_.reason; }
  /// The whole start line without its line terminator.
  [[nodiscard]] constexpr std::string_view start_line() const noexcept { return start_.line; }
  /// Offset of the start line (after skipped leading CRLFs).
  [[nodiscard]] constexpr std::size_t start_offset() const noexcept { return start_offset_; }

  /// The header rows.
  [[nodiscard]] constexpr const header_fields_view& headers() const noexcept { return headers_; }
  /// The first row of @p id, if any (see `header_fields_view::find`).
  [[nodiscard]] constexpr std::optional<header_field_view> find(header_id id) const noexcept {
    return headers_.find(id);
  }
  /// The first row named @p name, if any (compact forms and any case match).
  [[nodiscard]] constexpr std::optional<header_field_view> find(std::string_view name) const noexcept {
    return headers_.find(name);
  }
  /// All rows of @p id, in order (a list header split over rows reads as one list).
  [[nodiscard]] constexpr header_rows_view rows(header_id id) const noexcept { return headers_.rows(id); }
  /// Number of rows of @p id.
  [[nodiscard]] constexpr std::size_t count(header_id id) const noexcept { return headers_.count(id); }
  /// The first repeated single-valued header (non-fatal unless `reject_duplicate_headers`).
  [[nodiscard]] constexpr std::optional<duplicate_header> first_duplicate() const noexcept {
    return headers_.first_duplicate();
  }

  /// The body: Content-Length octets (datagram without Content-Length: the rest of the
  /// datagram). May contain any byte, NUL included (RFC 4475 §3.1.1.11).
  [[nodiscard]] constexpr std::string_view body() const noexcept { return body_; }
  /// Offset of the body (just after the empty line).
  [[nodiscard]] constexpr std::size_t body_offset() const noexcept { return body_offset_; }
  /// True when a Content-Length header was present.
  [[nodiscard]] constexpr bool has_content_length() const noexcept { return has_content_length_; }
  /// The Content-Length value (0 when absent).
  [[nodiscard]] constexpr std::uint64_t content_length() const noexcept { return content_length_; }
  /// Length of this message in the input, leading CRLFs included. In stream mode the next
  /// message starts here; in datagram mode `size() + discarded() == input.size()`.
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  /// Datagram: octets after Content-Length that were discarded (RFC 3261 §18.3).
  [[nodiscard]] constexpr std::size_t discarded() const noexcept { return discarded_; }
  /// The message text `[0, size())` of the input.
  [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }
  /// The `message_flag`s that apply.
  [[nodiscard]] constexpr std::uint16_t flags() const noexcept { return flags_; }
  [[nodiscard]] constexpr bool has_flag(message_flag f) const noexcept { return (flags_ & f) != 0; }

 private:
  friend struct detail::message_parser;
  detail::start_line_fields start_{};
  std::size_t start_offset_ = 0;
  header_fields_view headers_{};
  std::string_view body_{};
  std::size_t body_offset_ = 0;
  bool has_content_length_ = false;
  std::uint64_t content_length_ = 0;
  std::size_t size_ = 0;
  std::size_t discarded_ = 0;
  std::string_view text_{};
  std::uint16_t flags_ = 0;
};

namespace detail {

/// Scans the Content-Length rows of a header block: the value of the first, and
/// `bad_content_length` at the value of a later row that disagrees (RFC 4475 §3.3.9 mcl01).
/// A malformed value (`-999`, `+5`, `12a`, above 2^64-1) is `bad_content_length` at the
/// offending byte (the value start for a missing digit or an overflow).
struct content_length_tracker {
  bool present = false;
  std::uint64_t value = 0;
  std::size_t value_offset = 0;
  constexpr error operator()(const header_field_view& h) noexcept {
    if (h.id != header_id::content_length) return {};
    // scalar_headers.hpp parses the value (uint64 with overflow check, PEERS.md (c) 19);
    // for framing every failure is `bad_content_length`, at the offending byte.
    const auto parsed = sipref::parse_content_length(h.value);
    if (!parsed) return {errc::bad_content_length, h.value_offset + parsed.error().offset};
    const std::uint64_t v = parsed->value;
    if (present && v != value) return {errc::bad_content_length, h.value_offset};
    if (!present) {
      present = true;
      value = v;
      value_offset = h.value_offset;
    }
    return {};
  }
};

struct message_parser {
  static constexpr result<message_view> parse(std::string_view in, const message_options& opt) noexcept {
    message_view m;
    const bool dgram = opt.mode == framing::datagram;
    const row_rules rows{opt.allow_lf_line_ends, dgram};
    std::size_t pos = 0;
    if (!dgram) {
      // RFC 3261 §7.5: stream receivers ignore CRLFs before the start line (keep-alives).
      while (true) {
        if (in.size() - pos >= 2 && in[pos] == '\r' && in[pos + 1] == '\n') {
          pos += 2;
        } else if (pos < in.size() && in[pos] == '\n' && opt.allow_lf_line_ends) {
          pos += 1;
        } else {
          break;
        }
      }
      if (pos > 0) m.flags_ |= flag_leading_crlf;
      if (pos >= in.size() || (in.size() - pos == 1 && in[pos] == '\r')) return error{errc::need_more_data, in.size()};
    }
    m.start_offset_ = pos;
    const start_line_rules sr{rows, opt.allow_extra_sp_in_start_line, opt.allow_missing_reason_phrase,
                              opt.allow_any_reason_phrase};
    if (const error e = scan_start_line(in, pos, sr, m.start_)) return e;
    if (!m.start_.terminated) return error{errc::missing_crlf, in.size()};
    if (m.start_.used_lf) m.flags_ |= flag_lf_line_ends;
    if (m.start_.used_extra_sp) m.flags_ |= flag_extra_sp_in_start_line;
    if (m.start_.used_missing_reason) m.flags_ |= flag_missing_reason_phrase;
    if (m.start_.used_any_reason) m.flags_ |= flag_nonstandard_reason_phrase;

    block_scan b;
    content_length_tracker cl;
    if (const error e = scan_block(in, m.start_.next, rows, opt.max_header_rows, b, cl)) return e;
    if (b.used_lf) m.flags_ |= flag_lf_line_ends;
    if (b.how != block_end::empty_line) {
      // Only a complete datagram can end here (a stream gives need_more_data instead).
      if (b.how == block_end::eof_in_row || !opt.allow_missing_empty_line) return error{errc::missing_crlf, in.size()};
      m.flags_ |= flag_missing_empty_line;
    }
    if (opt.reject_duplicate_headers && b.first_duplicate.id != header_id::unknown)
      return error{errc::duplicate_header, b.first_duplicate.offset};
    m.headers_ = header_fields_view::from_scan(in, b, opt.allow_lf_line_ends);

    const std::size_t body_start = b.next;
    const std::size_t avail = in.size() - body_start;
    m.body_offset_ = body_start;
    m.has_content_length_ = cl.present;
    m.content_length_ = cl.value;
    if (cl.present) {
      if (cl.value > opt.max_body_size) return error{errc::limit_exceeded, cl.value_offset};
      if (cl.value > avail) {
        if (!dgram) return error{errc::need_more_data, in.size()};
        if (!opt.allow_content_length_mismatch) return error{errc::body_too_short, cl.value_offset};
        m.flags_ |= flag_content_length_mismatch;
        m.body_ = in.substr(body_start);
      } else {
        m.body_ = in.substr(body_start, static_cast<std::size_t>(cl.value));
      }
    } else {
      // RFC 3261 §18.3: stream transports MUST use Content-Length; over UDP the body is the
      // rest of the datagram.
      if (!dgram) return error{errc::missing_header, b.rows_end};
      m.flags_ |= flag_no_content_length;
      m.body_ = in.substr(body_start);
    }
    m.size_ = body_start + m.body_.size();
    m.text_ = in.substr(0, m.size_);
    if (dgram && m.size_ < in.size()) {
      m.discarded_ = in.size() - m.size_;
      m.flags_ |= flag_trailing_bytes_discarded;
    }
    return m;
  }
};

}  // namespace detail

/// Parses one SIP request or response from @p input, framed per @p options.mode.
///
/// @par ABNF (RFC 3261 §25.1)
/// @code
/// SIP-message  =  Request / Response
/// Request      =  Request-Line *( message-header ) CRLF [ message-body ]
/// Response     =  Status-Line *( message-header ) CRLF [ message-body ]
/// Request-Line =  Method SP Request-URI SP SIP-Version CRLF
/// Status-Line  =  SIP-Version SP Status-Code SP Reason-Phrase CRLF
/// @endcode
///
/// One pass over the start line and the header rows (the body is only sliced), no
/// allocation. Header values are checked only for control bytes; typed parsers validate them.
///
/// @par Example
/// @code
/// auto m = sipref::parse_message(bytes);                 // stream framing by default
/// if (m.code() == sipref::errc::need_more_data) { /* read more, try again */ }
/// else if (m) { consume(m->size()); auto rt = m->find(sipref::header_id::refer_to); }
/// @endcode
///
/// Errors (offsets into @p input):
/// - `need_more_data` (stream) at `input.size()` when the start line, the header section or
///   the body is incomplete (RFC 4475 clerr over TCP);
/// - start line: `bad_start_line`, `bad_method`, `bad_version` (RFC 4475 badvers, a SIP-Version
///   other than 2.0), `bad_status_code` (bigcode), `bad_reason_phrase`, see
///   `detail::scan_start_line`;
/// - header rows: `bad_folding`, `bad_header_name`, `missing_colon`, `control_char`,
///   `missing_crlf` (a bare LF in strict mode; a datagram whose header section does not end
///   with an empty line, at `input.size()`), `header_too_many`, see `detail::scan_row`;
/// - `duplicate_header` at the repeated row when `reject_duplicate_headers` is set;
/// - `bad_content_length` at a Content-Length value that is not `1*DIGIT` or overflows 64
///   bits (RFC 4475 ncl, PEERS.md (c) 19), or at the second of two that disagree (mcl01);
///   `limit_exceeded` at a value above `max_body_size`;
/// - `body_too_short` (datagram) at the Content-Length value when fewer octets follow
///   (RFC 4475 clerr over UDP);
/// - `missing_header` (stream) at the empty line when there is no Content-Length (§18.3).
///
/// The result's views alias @p input.
[[nodiscard]] constexpr result<message_view> parse_message(std::string_view input SIPREF_LIFETIMEBOUND,
                                                           const message_options& options = {}) noexcept {
  return detail::message_parser::parse(input, options);
}

// ==========================================================================================
// CSeq / method consistency
// ==========================================================================================

/// Checks the CSeq header of @p m with `parse_cseq` (scalar_headers.hpp): present,
/// `1*DIGIT LWS Method` with a number below 2^32, and for a request the same method as the
/// Request-Line (RFC 3261 §8.1.1.5, §20.16; method names compare case-sensitively).
///
/// Errors (offsets into the parsed input): `missing_header` at the end of the header rows
/// when there is no CSeq; the errors of `parse_cseq` inside the first CSeq value
/// (`number_overflow` for RFC 4475 scalar02, `bad_number`, `unexpected_char`,
/// `unexpected_end`, `bad_method`, `trailing_garbage`); `cseq_mismatch` at the CSeq method
/// when it differs from the request method (RFC 4475 mismatch01, mismatch02).
[[nodiscard]] constexpr error check_cseq(const message_view& m) noexcept {
  const auto h = m.find(header_id::cseq);
  if (!h) return {errc::missing_header, m.headers().offset() + m.headers().text().size()};
  const auto c = parse_cseq(h->value);
  if (!c) return {c.error().code, h->value_offset + c.error().offset};
  if (m.is_request() && c->method != m.method())
    return {errc::cseq_mismatch, h->value_offset + static_cast<std::size_t>(c->method.data() - h->value.data())};
  return {};
}

// ==========================================================================================
// Composing messages
// ==========================================================================================

/// One header row for composition: a name (a token; compact forms are written in their long
/// spelling) and its value text, written as given.
struct header_pair {
  std::string_view name{};
  std::string_view value{};
};

namespace detail {

/// `{invalid_argument, i}` at the first byte of @p name that is not a token character
/// (`:`, SP, CR, ... ), or at 0 when it is empty.
constexpr error validate_header_name(std::string_view name) noexcept {
  if (name.empty()) return {errc::invalid_argument, 0};
  const std::size_t i = grammar::first_not_in(name, grammar::token_char);
  if (i != name.size()) return {errc::invalid_argument, i};
  return {};
}

/// `{invalid_argument, i}` at a SP or HTAB that starts or ends @p value: a parser drops them
/// (RFC 3261 §7.3.1), so the value would not read back as given.
constexpr error validate_value_edges(std::string_view value) noexcept {
  if (!value.empty() && is_wsp(value.front())) return {errc::invalid_argument, 0};
  if (!value.empty() && is_wsp(value.back())) return {errc::invalid_argument, value.size() - 1};
  return {};
}

/// `{invalid_argument, i}` at the first byte of @p value that cannot be written on one
/// header row: a control byte (CR, LF, NUL, ...; HTAB is allowed inside), malformed UTF-8,
/// or SP/HTAB at the start or the end (a parser would drop them, so the value would not
/// round-trip). The composer never writes line folds.
constexpr error validate_header_value(std::string_view value) noexcept {
  if (const error e = validate_value_edges(value)) return e;
  for (std::size_t i = 0; i < value.size();) {
    const auto c = static_cast<unsigned char>(value[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return {errc::invalid_argument, i};
    const std::size_t k = grammar::utf8_sequence_length(value, i);
    if (k == 0) return {errc::invalid_argument, i};
    i += k;
  }
  return {};
}

/// Validates a list of header pairs: names, values, and no single-valued header twice
/// (`duplicate_header`, offset 0).
constexpr error validate_header_pairs(list_ref<header_pair> headers) noexcept {
  header_id_set seen;
  for (const header_pair& h : headers) {
    if (const error e = validate_header_name(h.name)) return e;
    if (const error e = validate_header_value(h.value)) return e;
    const header_id id = lookup_header(h.name);
    if (is_single_valued(id)) {
      if (seen.contains(id)) return {errc::duplicate_header, 0};
      seen.insert(id);
    }
  }
  return {};
}

/// Validates the caller's extra rows for a composer that writes the headers in @p own itself
/// and computes Content-Length: `invalid_argument` (offset 0) for a Content-Length row,
/// `duplicate_header` (offset 0) for a single-valued header in @p own or given twice
/// (RFC 3261 §7.3.1), then names and values as `validate_header_pairs`.
constexpr error validate_extra_rows(list_ref<header_pair> headers, const header_id_set& own) noexcept {
  for (const header_pair& h : headers) {
    const header_id id = lookup_header(h.name);
    if (id == header_id::content_length) return {errc::invalid_argument, 0};
    if (own.contains(id) && is_single_valued(id)) return {errc::duplicate_header, 0};
  }
  return validate_header_pairs(headers);
}

/// Writes `Name: value CRLF` (`Name:` CRLF for an empty value).
template <class Writer>
constexpr void write_header_row(Writer& w, std::string_view name, std::string_view value) {
  w.put(name);
  w.put(':');
  if (!value.empty()) {
    w.put(' ');
    w.put(value);
  }
  w.put(std::string_view("\r\n", 2));
}

/// Position of a header in composed messages: routing and dialog headers first in RFC 3261
/// §8.1.1 order, body-describing headers last, Content-Length at the very end.
constexpr int compose_rank(header_id id) noexcept {
  switch (id) {
    case header_id::via:
      return 0;
    case header_id::max_forwards:
      return 1;
    case header_id::route:
      return 2;
    case header_id::record_route:
      return 3;
    case header_id::to:
      return 4;
    case header_id::from:
      return 5;
    case header_id::call_id:
      return 6;
    case header_id::cseq:
      return 7;
    case header_id::contact:
      return 8;
    case header_id::content_type:
      return 10;
    case header_id::content_disposition:
      return 11;
    case header_id::content_id:
      return 12;
    default:
      return 9;
  }
}
inline constexpr int compose_rank_count = 13;

}  // namespace detail

/// A whole SIP request or response to compose: the start line, header rows, and an optional
/// body whose exact Content-Length is always written.
///
/// Set `method` and `request_uri` for a request, or `status_code` and `reason` for a
/// response. Headers are written with CRLF line ends, never folded, known names in their
/// registered long spelling (`"r"` → `Refer-To`), in this order: Via, Max-Forwards, Route,
/// Record-Route, To, From, Call-ID, CSeq, Contact, the others in the given order,
/// Content-Type, Content-Disposition, Content-ID, and finally the computed Content-Length
/// (0 without a body, RFC 3261 §20.14). Typed header values (refer_to.hpp etc.) can be
/// turned into text with `to_string` and passed here.
///
/// @par Example
/// @code
/// const sipref::header_pair hs[] = {{"Via", "SIP/2.0/TCP client.example.com;branch=z9hG4bK1"},
///     {"Max-Forwards", "70"}, {"To", "<sip:conf@example.com>"}, {"From", "<sip:a@example.com>;tag=1"},
///     {"Call-ID", "a84b4c76e66710"}, {"CSeq", "1 REFER"}, {"Refer-To", "<sip:b@example.com>"}};
/// sipref::message m{"REFER", "sip:conf@example.com", 0, {}, hs};
/// auto text = sipref::to_string(m);   // "REFER sip:conf@example.com SIP/2.0\r\nVia: ..."
/// @endcode
///
/// `compose` errors (offset inside the offending field): `missing_field` when neither a
/// method nor a status code is set, or a non-empty body has no Content-Type;
/// `invalid_argument` for both set, a method that is not a token, a Request-URI with SP,
/// controls, `<>` or no scheme, a status code outside 100..699, a reason outside
/// `Reason-Phrase`, a header name that is not a token (`:` or SP in it), a header value with a
/// control byte, bad UTF-8 or surrounding whitespace, and any caller-supplied Content-Length
/// row (the composer computes it); `duplicate_header` (offset 0) for a single-valued header
/// given twice (Content-Type both as a row and in `content_type` included).
struct message {
  std::string_view method{};        ///< request method (a token, case-sensitive)
  std::string_view request_uri{};   ///< Request-URI text
  std::uint16_t status_code = 0;  ///< response code, 100..699
  std::string_view reason{};        ///< response Reason-Phrase (may be empty)
  list_ref<header_pair> headers{};  ///< header rows, any order; the array must outlive compose
  std::string_view content_type{};  ///< Content-Type value written when non-empty
  std::string_view body{};          ///< message body (any bytes)

  template <class Writer>
  constexpr error compose(Writer& w) const {
    const bool request = !method.empty();
    if (request && status_code != 0) return {errc::invalid_argument, 0};
    if (!request && status_code == 0) return {errc::missing_field, 0};
    if (request) {
      if (const error e = detail::validate_header_name(method)) return e;  // token check
      const std::size_t bad = detail::check_request_uri(request_uri);
      if (bad != std::string_view::npos) return {errc::invalid_argument, bad};
    } else {
      if (status_code < 100 || status_code > 699) return {errc::invalid_argument, 0};
      const std::size_t bad = detail::check_reason_phrase(reason, false);
      if (bad != std::string_view::npos) return {errc::invalid_argument, bad};
    }
    detail::header_id_set own;  // Content-Length is computed here, Content-Type may be given
    if (!content_type.empty()) own.insert(header_id::content_type);
    if (const error e = detail::validate_extra_rows(headers, own)) return e;
    if (!content_type.empty())
      if (const error e = detail::validate_header_value(content_type)) return e;
    bool has_type = !content_type.empty();
    for (const header_pair& h : headers) has_type |= lookup_header(h.name) == header_id::content_type;
    if (!body.empty() && !has_type) return {errc::missing_field, 0};

    if (request) {
      w.put(method);
      w.put(' ');
      w.put(request_uri);
      w.put(std::string_view(" SIP/2.0\r\n", 10));
    } else {
      w.put(std::string_view("SIP/2.0 ", 8));
      grammar::write_decimal(w, status_code);
      w.put(' ');
      w.put(reason);
      w.put(std::string_view("\r\n", 2));
    }
    for (int rank = 0; rank < detail::compose_rank_count; ++rank) {
      if (rank == detail::compose_rank(header_id::content_type) && !content_type.empty())
        detail::write_header_row(w, long_name(header_id::content_type), content_type);
      for (const header_pair& h : headers)
        if (detail::compose_rank(lookup_header(h.name)) == rank)
          detail::write_header_row(w, canonical_name(h.name), h.value);
    }
    w.put(std::string_view("Content-Length: ", 16));
    grammar::write_decimal(w, body.size());
    w.put(std::string_view("\r\n\r\n", 4));
    w.put(body);
    return {};
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_MESSAGE_HPP
