// SPDX-License-Identifier: MIT
/// @file multipart.hpp
/// Multipart bodies (RFC 2046 §5.1; RFC 5621 §4 for SIP): a non-allocating parser that frames
/// body parts by their boundary only (parts may hold any byte, NUL included), lazy iteration,
/// lookup by Content-ID (RFC 2392, RFC 8262), and a composer that picks a boundary no part
/// contains. Part headers use the same header-row scanner as whole messages (message.hpp).
#ifndef SIPREF_MULTIPART_HPP
#define SIPREF_MULTIPART_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "content_id.hpp"
#include "content_type.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "header_names.hpp"
#include "message.hpp"

SIPREF_BEGIN_NAMESPACE

/// Longest boundary RFC 2046 §5.1.1 allows.
inline constexpr std::size_t max_boundary_size = 70;

namespace detail {
/// `bcharsnospace := DIGIT / ALPHA / "'" / "(" / ")" / "+" / "_" / "," / "-" / "." / "/" / ":" / "=" / "?"`
constexpr bool is_bchar_nospace(char c) noexcept {
  if (grammar::is(c, grammar::alphanum)) return true;
  switch (c) {
    case '\'':
    case '(':
    case ')':
    case '+':
    case '_':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
      return true;
    default:
      return false;
  }
}
}  // namespace detail

/// Checks a multipart boundary (the parameter value, without quotes).
///
/// @par ABNF (RFC 2046 §5.1.1)
/// @code
/// boundary := 0*69<bchars> bcharsnospace
/// bchars := bcharsnospace / " "
/// bcharsnospace := DIGIT / ALPHA / "'" / "(" / ")" / "+" / "_" / "," / "-" / "." / "/" / ":" / "=" / "?"
/// @endcode
///
/// Returns `{bad_boundary, i}` with `i` the offset inside @p boundary of the first bad byte
/// (0 when empty, 70 when longer than 70, the last byte when it is a space), else `{ok, 0}`.
[[nodiscard]] constexpr error check_boundary(std::string_view boundary) noexcept {
  if (boundary.empty()) return {errc::bad_boundary, 0};
  for (std::size_t i = 0; i < boundary.size(); ++i) {
    if (i == max_boundary_size) return {errc::bad_boundary, i};
    if (!detail::is_bchar_nospace(boundary[i]) && boundary[i] != ' ') return {errc::bad_boundary, i};
  }
  if (boundary.back() == ' ') return {errc::bad_boundary, boundary.size() - 1};
  return {};
}

/// The `boundary` parameter of a multipart Content-Type value (e.g. a body part's).
///
/// @par Example
/// @code
/// auto b = sipref::boundary_of("multipart/mixed;boundary=\"b 1\"");   // *b == "b 1"
/// @endcode
///
/// Errors (offsets into @p content_type_value): those of `parse_content_type`;
/// `bad_media_type` at 0 when the type is not `multipart`; `bad_boundary` at 0 when the
/// parameter is missing or needs unquoting (a boundary has no `\` or folds), or inside the
/// value where `check_boundary` fails. The result aliases @p content_type_value.
[[nodiscard]] constexpr result<std::string_view> boundary_of(
    std::string_view content_type_value SIPREF_LIFETIMEBOUND) noexcept {
  auto ct = parse_content_type(content_type_value);
  if (!ct) return ct.error();
  if (!grammar::iequals(ct->type, "multipart")) return error{errc::bad_media_type, 0};
  const auto b = ct->param_plain("boundary");
  if (!b) return error{errc::bad_boundary, 0};
  if (const error e = check_boundary(*b))
    return error{errc::bad_boundary, static_cast<std::size_t>(b->data() - content_type_value.data()) + e.offset};
  return *b;
}

/// One body part of a multipart body. Views alias the parsed body and are valid while it is;
/// offsets are relative to the start of the multipart body given to `parse_multipart`.
struct part_view {
  header_fields_view headers;   ///< the part's MIME header rows (Content-Type, Content-ID, ...)
  std::string_view body{};        ///< the part's content: any bytes, framed by the boundary only
  std::string_view text{};        ///< headers, empty line and body as written
  std::size_t offset = 0;       ///< offset of `text`
  std::size_t body_offset = 0;  ///< offset of `body`
};

/// Limits of `parse_multipart`.
struct multipart_options {
  std::size_t max_parts = 256;       ///< `limit_exceeded` beyond
  std::size_t max_header_rows = 64;  ///< per part; `header_too_many` beyond
};

namespace detail {

/// A delimiter line found after a part.
struct delimiter_line {
  std::size_t at = 0;    ///< position of the CRLF that starts `delimiter := CRLF dash-boundary`
  std::size_t next = 0;  ///< position after the line (next part, or after `--` + padding when closing)
  bool close = false;    ///< `close-delimiter := delimiter "--"`
};

/// Reads what follows a dash-boundary that ends at @p d: `"--"` (close) or
/// `transport-padding CRLF`. RFC 2046 §5.1.1 makes any line that begins with the dash-boundary
/// a delimiter, so other bytes there are an error, not part content.
constexpr error finish_delimiter(std::string_view body, std::size_t d, delimiter_line& out) noexcept {
  const std::size_t n = body.size();
  if (n - d >= 2 && body[d] == '-' && body[d + 1] == '-') {
    out.close = true;
    d += 2;
    while (d < n && (body[d] == ' ' || body[d] == '\t')) ++d;
    out.next = d;
    return {};
  }
  while (d < n && (body[d] == ' ' || body[d] == '\t')) ++d;
  if (d >= n) return {errc::missing_close_delimiter, n};  // `--B` then end of body
  if (n - d < 2 || body[d] != '\r' || body[d + 1] != '\n') return {errc::missing_crlf, d};
  out.next = d + 2;
  return {};
}

/// Finds the delimiter that ends the part starting at @p from and scans that part.
/// Errors: `missing_close_delimiter` at the end of the body when no delimiter follows;
/// errors of the part's header rows (`scan_block` with the part as a complete input;
/// `missing_crlf` when the part's last header row has no CRLF of its own); errors of
/// `finish_delimiter`.
constexpr error next_part(std::string_view body, std::string_view boundary, std::size_t from, std::size_t max_rows,
                          part_view& part, delimiter_line& delim) {
  // delimiter := CRLF "--" boundary, searched from the part start (a zero-length part's
  // delimiter CRLF starts right there).
  std::size_t c = from;
  while (true) {
    c = body.find("\r\n--", c);
    if (c == std::string_view::npos) return {errc::missing_close_delimiter, body.size()};
    if (body.substr(c + 4, boundary.size()) == boundary) break;
    c += 2;
  }
  delim = delimiter_line{};
  delim.at = c;
  if (const error e = finish_delimiter(body, c + 4 + boundary.size(), delim)) return e;

  const std::string_view region = body.substr(0, c);
  block_scan b;
  const row_rules rules{false, true};
  if (const error e = scan_block(region, from, rules, max_rows, b, [](const header_field_view&) { return error{}; }))
    return e;
  if (b.how == block_end::eof_in_row) return {errc::missing_crlf, c};
  part = part_view{};
  part.headers = header_fields_view::from_scan(region, b, false);
  part.offset = from;
  part.text = body.substr(from, c - from);
  part.body_offset = b.next;
  part.body = body.substr(b.next, c - b.next);
  return {};
}

/// Finds the first dash-boundary: at the very start, or after the preamble and its CRLF.
/// Returns its position or npos.
constexpr std::size_t first_dash_boundary(std::string_view body, std::string_view boundary) noexcept {
  if (body.size() >= 2 + boundary.size() && body.substr(0, 2) == "--" && body.substr(2, boundary.size()) == boundary)
    return 0;
  std::size_t c = 0;
  while (true) {
    c = body.find("\r\n--", c);
    if (c == std::string_view::npos) return c;
    if (body.substr(c + 4, boundary.size()) == boundary) return c + 2;
    c += 2;
  }
}

}  // namespace detail

/// A validated multipart body, iterated lazily without allocation. Views alias the parsed
/// body and are valid while it is.
class multipart_view {
 public:
  constexpr multipart_view() = default;

  /// Forward iterator over the parts, in order.
  class iterator {
   public:
    constexpr iterator() = default;
    constexpr const part_view& operator*() const noexcept { return cur_; }
    constexpr const part_view* operator->() const noexcept { return &cur_; }
    constexpr iterator& operator++() noexcept {
      if (delim_.close) {
        done_ = true;
      } else {
        pos_ = delim_.next;
        load();
      }
      return *this;
    }
    constexpr bool operator==(const iterator& o) const noexcept {
      return done_ == o.done_ && (done_ || pos_ == o.pos_);
    }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    friend class multipart_view;
    constexpr iterator(std::string_view body, std::string_view boundary, std::size_t pos) noexcept
        : body_(body), boundary_(boundary), pos_(pos) {
      load();
    }
    constexpr void load() noexcept {
      // Validated by parse_multipart, so this never fails; the row limit was checked there.
      done_ = static_cast<bool>(detail::next_part(body_, boundary_, pos_, static_cast<std::size_t>(-1), cur_, delim_));
    }
    std::string_view body_{}, boundary_{};
    std::size_t pos_ = 0;
    part_view cur_{};
    detail::delimiter_line delim_{};
    bool done_ = true;
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(body_, boundary_, first_part_); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  /// Number of parts (at least one).
  [[nodiscard]] constexpr std::size_t size() const noexcept { return count_; }
  /// The boundary the body was parsed with.
  [[nodiscard]] constexpr std::string_view boundary() const noexcept { return boundary_; }
  /// Text before the first delimiter line (without the CRLF that ends it); ignored content.
  [[nodiscard]] constexpr std::string_view preamble() const noexcept { return preamble_; }
  /// Text after the CRLF that follows the close delimiter; ignored content.
  [[nodiscard]] constexpr std::string_view epilogue() const noexcept { return epilogue_; }

  /// The first part whose `Content-ID: <id>` names @p id, compared byte-exactly with the text
  /// between the angle brackets (RFC 2392 §2: pass a `cid:` URL with `cid:` stripped and
  /// percent-decoded once; `content_id_equals`). A part whose Content-ID is malformed (e.g.
  /// `<` alone, PEERS.md (c) 18) matches nothing. Error: `part_not_found` (offset 0).
  [[nodiscard]] constexpr result<part_view> find_by_content_id(std::string_view id) const noexcept {
    for (const part_view& p : *this) {
      const auto h = p.headers.find(header_id::content_id);
      if (!h) continue;
      const auto cid = parse_content_id(h->value);
      if (cid && content_id_equals(*cid, id)) return p;
    }
    return error{errc::part_not_found, 0};
  }

  /// For `parse_multipart`.
  [[nodiscard]] static constexpr multipart_view from_validated(std::string_view body, std::string_view boundary,
                                                               std::size_t first_part, std::size_t count,
                                                               std::string_view preamble,
                                                               std::string_view epilogue) noexcept {
    multipart_view v;
    v.body_ = body;
    v.boundary_ = boundary;
    v.first_part_ = first_part;
    v.count_ = count;
    v.preamble_ = preamble;
    v.epilogue_ = epilogue;
    return v;
  }

 private:
  std::string_view body_{}, boundary_{};
  std::size_t first_part_ = 0;
  std::size_t count_ = 0;
  std::string_view preamble_{}, epilogue_{};
};

/// Parses a multipart body (the message body, or a part's body for nested multiparts) with
/// the boundary from its Content-Type (`boundary_of`).
///
/// @par ABNF (RFC 2046 §5.1.1)
/// @code
/// multipart-body := [preamble CRLF]
///                   dash-boundary transport-padding CRLF
///                   body-part *encapsulation
///                   close-delimiter transport-padding
///                   [CRLF epilogue]
/// dash-boundary := "--" boundary
/// encapsulation := delimiter transport-padding CRLF body-part
/// delimiter := CRLF dash-boundary
/// close-delimiter := delimiter "--"
/// body-part := MIME-part-headers [CRLF *OCTET]
/// transport-padding := *LWSP-char
/// @endcode
/// Any line that begins with the dash-boundary is a delimiter (RFC 2046 §5.1.1 note). Part
/// headers use the SIP header-row grammar (`detail::scan_row`), CRLF only. Part bodies are
/// never scanned byte by byte: they may contain NULs (RFC 4475 §3.1.1.11).
///
/// @par Example
/// @code
/// auto mp = sipref::parse_multipart(msg->body(), *sipref::boundary_of(ct_value));
/// auto list = mp->find_by_content_id("cn35t8jf02@example.com");
/// @endcode
///
/// Errors (offsets into @p body): `bad_boundary` (offset inside @p boundary) from
/// `check_boundary`; `missing_boundary` at the end when no dash-boundary line exists;
/// `empty_multipart` at the first delimiter when it is already the close delimiter;
/// `missing_close_delimiter` at the end when the body ends before `--boundary--` (also a
/// dash-boundary followed by the end of the body); `missing_crlf` where a delimiter line has
/// other bytes than padding before its CRLF, or a part's last header row lacks its CRLF;
/// header-row errors of a part (`bad_header_name`, `missing_colon`, `control_char`, ...);
/// `limit_exceeded` at the part start beyond `max_parts`; `header_too_many`;
/// `trailing_garbage` after the close delimiter's padding when no CRLF follows.
///
/// The result's views alias @p body and @p boundary.
[[nodiscard]] constexpr result<multipart_view> parse_multipart(std::string_view body SIPREF_LIFETIMEBOUND,
                                                               std::string_view boundary SIPREF_LIFETIMEBOUND,
                                                               const multipart_options& options = {}) noexcept {
  if (const error e = check_boundary(boundary)) return e;
  const std::size_t d = detail::first_dash_boundary(body, boundary);
  if (d == std::string_view::npos) return error{errc::missing_boundary, body.size()};
  const std::string_view preamble = body.substr(0, d >= 2 ? d - 2 : 0);
  detail::delimiter_line first;
  if (const error e = detail::finish_delimiter(body, d + 2 + boundary.size(), first)) return e;
  if (first.close) return error{errc::empty_multipart, d};
  std::size_t pos = first.next;
  std::size_t count = 0;
  detail::delimiter_line delim;
  while (true) {
    if (count == options.max_parts) return error{errc::limit_exceeded, pos};
    part_view part;
    if (const error e = detail::next_part(body, boundary, pos, options.max_header_rows, part, delim)) return e;
    ++count;
    if (delim.close) break;
    pos = delim.next;
  }
  // close-delimiter transport-padding [CRLF epilogue]
  std::string_view epilogue{};
  if (delim.next < body.size()) {
    if (body.size() - delim.next < 2 || body[delim.next] != '\r' || body[delim.next + 1] != '\n')
      return error{errc::trailing_garbage, delim.next};
    epilogue = body.substr(delim.next + 2);
  }
  return multipart_view::from_validated(body, boundary, first.next, count, preamble, epilogue);
}

// ------------------------------------------------------------------------------------------
// Composition
// ------------------------------------------------------------------------------------------

/// One body part to compose: MIME header rows (validated like message headers, known names
/// written in their long spelling) and the content, any bytes.
struct body_part {
  list_ref<header_pair> headers{};
  std::string_view body{};
};

/// A boundary chosen by `choose_boundary`, held by value (no allocation).
struct boundary_text {
  char data[max_boundary_size] = {};
  std::size_t size = 0;
  /// The boundary; aliases this object.
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {data, size}; }
};

namespace detail {
/// Calls @p visit on every text a composed part puts on the wire: each header name and
/// value, then the content. A line may start in any of them (a header name starts one), so
/// the boundary checks below look at all of them, not only the content.
template <class Visit>
constexpr void for_each_part_text(list_ref<body_part> parts, Visit&& visit) {
  for (const body_part& p : parts) {
    for (const header_pair& h : p.headers) {
      visit(h.name);
      visit(h.value);
    }
    visit(p.body);
  }
}

/// True when `"--" + boundary` occurs anywhere in a part's header names, header values or
/// content. Stricter than RFC 2046 needs (only a line start matters) and simple to check.
constexpr bool boundary_occurs(list_ref<body_part> parts, std::string_view boundary) noexcept {
  bool found = false;
  for_each_part_text(parts, [&](std::string_view text) {
    for (std::size_t at = text.find("--"); !found && at != std::string_view::npos; at = text.find("--", at + 1))
      found = text.substr(at + 2, boundary.size()) == boundary;
  });
  return found;
}
inline constexpr std::size_t boundary_candidates = 4096;
}  // namespace detail

/// Picks a boundary that occurs in no part: @p prefix followed by 8 lower-case hex digits of
/// the smallest counter value in 0..4095 whose candidate `--<prefix><counter>` appears in no
/// part's header names, header values or content. One pass over the parts marks the counters
/// that text blocks (no retry loop, linear time). Pass a random @p prefix when the content
/// may be adversarial.
///
/// @par Example
/// @code
/// const sipref::body_part parts[] = {{hs, xml}};
/// auto b = sipref::choose_boundary(parts);          // "sipref-00000000" unless xml contains it
/// sipref::multipart_body mb{parts, b->view()};
/// @endcode
///
/// Errors: `invalid_argument` at the offending offset of @p prefix when it is not 1..62
/// `bcharsnospace` characters; `limit_exceeded` (offset 0) when the parts contain all 4096
/// candidates.
[[nodiscard]] constexpr result<boundary_text> choose_boundary(list_ref<body_part> parts,
                                                              std::string_view prefix = "sipref-") noexcept {
  constexpr std::size_t digits = 8;
  if (prefix.empty() || prefix.size() > max_boundary_size - digits) return error{errc::invalid_argument, 0};
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (!detail::is_bchar_nospace(prefix[i])) return error{errc::invalid_argument, i};
  std::uint64_t blocked[detail::boundary_candidates / 64] = {};
  detail::for_each_part_text(parts, [&](std::string_view b) {
    for (std::size_t at = b.find("--"); at != std::string_view::npos; at = b.find("--", at + 1)) {
      if (b.substr(at + 2, prefix.size()) != prefix || b.size() - at - 2 - prefix.size() < digits) continue;
      const std::string_view hex = b.substr(at + 2 + prefix.size(), digits);
      std::uint64_t v = 0;
      bool ok = true;
      for (char c : hex) {
        const int h = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
        if (h < 0) ok = false;
        v = v * 16 + static_cast<std::uint64_t>(h < 0 ? 0 : h);
      }
      if (ok && v < detail::boundary_candidates) blocked[v / 64] |= std::uint64_t{1} << (v % 64);
    }
  });
  for (std::size_t v = 0; v < detail::boundary_candidates; ++v) {
    if (blocked[v / 64] >> (v % 64) & 1u) continue;
    boundary_text t;
    for (char c : prefix) t.data[t.size++] = c;
    constexpr char hexd[] = "0123456789abcdef";
    for (std::size_t k = digits; k-- > 0;) t.data[t.size++] = hexd[(v >> (4 * k)) & 15u];
    return t;
  }
  return error{errc::limit_exceeded, 0};
}

/// A multipart body to compose: `--B CRLF headers CRLF body CRLF` per part, then `--B--
/// CRLF`. Put the boundary into the Content-Type with `multipart_content_type`.
///
/// @par ABNF
/// RFC 2046 §5.1.1 `multipart-body` (no preamble, no epilogue).
///
/// `compose` errors: `bad_boundary` (offset inside the boundary) for an invalid boundary,
/// `bad_boundary` (offset 0) when `--boundary` occurs in a part's header names, header values
/// or content (a header row starting with it would read as a delimiter); `empty_multipart`
/// (offset 0) without parts; part header errors as for `message` (`invalid_argument`,
/// `duplicate_header`).
struct multipart_body {
  list_ref<body_part> parts{};  ///< the parts, in order; must outlive compose
  std::string_view boundary{};  ///< e.g. `choose_boundary(parts)->view()`

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const error e = check_boundary(boundary)) return e;
    if (parts.empty()) return {errc::empty_multipart, 0};
    for (const body_part& p : parts)
      if (const error e = detail::validate_header_pairs(p.headers)) return e;
    if (detail::boundary_occurs(parts, boundary)) return {errc::bad_boundary, 0};
    for (const body_part& p : parts) {
      w.put(std::string_view("--", 2));
      w.put(boundary);
      w.put(std::string_view("\r\n", 2));
      for (const header_pair& h : p.headers) detail::write_header_row(w, canonical_name(h.name), h.value);
      w.put(std::string_view("\r\n", 2));
      w.put(p.body);
      w.put(std::string_view("\r\n", 2));
    }
    w.put(std::string_view("--", 2));
    w.put(boundary);
    w.put(std::string_view("--\r\n", 4));
    return {};
  }
};

/// The Content-Type value of a multipart body: `multipart/<subtype>;boundary=<b>` (the
/// boundary quoted when it is not a token, RFC 2046 §5.1.1).
///
/// @par Example
/// @code
/// sipref::multipart_content_type ct{"mixed", "sipref-00000000"};
/// // to_string(header_row(ct)) == "Content-Type: multipart/mixed;boundary=sipref-00000000\r\n"
/// @endcode
///
/// `compose` errors: `invalid_argument` (offset in the subtype) for a subtype that is not a
/// token; `bad_boundary` from `check_boundary`.
struct multipart_content_type {
  static constexpr std::string_view header_name = "Content-Type";
  std::string_view subtype = "mixed";
  std::string_view boundary{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (subtype.empty()) return {errc::invalid_argument, 0};
    const std::size_t bs = grammar::first_not_in(subtype, grammar::token_char);
    if (bs != subtype.size()) return {errc::invalid_argument, bs};
    if (const error e = check_boundary(boundary)) return e;
    w.put(std::string_view("multipart/", 10));
    w.put(subtype);
    w.put(std::string_view(";boundary=", 10));
    if (grammar::is_token(boundary)) {
      w.put(boundary);
    } else {
      w.put('"');  // bchars contain neither DQUOTE nor backslash: nothing to escape
      w.put(boundary);
      w.put('"');
    }
    return {};
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_MULTIPART_HPP
