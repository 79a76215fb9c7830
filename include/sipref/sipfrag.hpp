// SPDX-License-Identifier: MIT
/// @file sipfrag.hpp
/// `message/sipfrag` bodies (RFC 3420): the NOTIFY body of the REFER event package (RFC 3515
/// §2.4.5). A non-allocating parser built on message.hpp's start-line and header-row
/// scanners, and a composer for the status-line fragments a REFER recipient reports.
#ifndef SIPREF_SIPFRAG_HPP
#define SIPREF_SIPFRAG_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "header_names.hpp"
#include "message.hpp"
#include "scalar_headers.hpp"

SIPREF_BEGIN_NAMESPACE

/// Options of `parse_sipfrag`; every leniency is off by default. The flags the parse used
/// are reported by `sipfrag_view::flags()` (`message_flag` values).
struct sipfrag_options {
  /// Accept bare LF line ends (PEERS.md (c) 17: `SIP/2.0 100 Trying\n`). Strict: `missing_crlf`.
  bool allow_lf_line_ends = false;
  /// Accept a last line with no line end at all (`SIP/2.0 100 Trying`, JsSIP #493).
  bool allow_missing_final_crlf = false;
  /// As `message_options::allow_extra_sp_in_start_line`.
  bool allow_extra_sp_in_start_line = false;
  /// Accept `SIP/2.0 200` with no SP and no Reason-Phrase (PEERS.md (c) 17).
  bool allow_missing_reason_phrase = false;
  /// Accept any non-control text as Reason-Phrase.
  bool allow_any_reason_phrase = false;
  /// Accept a body whose size differs from its Content-Length (the body is then everything
  /// after the empty line). RFC 3420 §3.1's SDP example declares 247 octets for 246.
  bool allow_content_length_mismatch = false;
  /// Most header rows accepted (`header_too_many` beyond).
  std::size_t max_header_rows = 64;
};

class sipfrag_view;
namespace detail {
struct sipfrag_parser;
}

/// A parsed message/sipfrag. Views alias the parsed input and are valid while it is; offsets
/// are relative to its start.
class sipfrag_view {
 public:
  constexpr sipfrag_view() = default;

  /// True when the fragment starts with a Request-Line or Status-Line.
  [[nodiscard]] constexpr bool has_start_line() const noexcept { return has_start_; }
  [[nodiscard]] constexpr bool is_response() const noexcept { return has_start_ && start_.is_response; }
  [[nodiscard]] constexpr bool is_request() const noexcept { return has_start_ && !start_.is_response; }
  /// The Status-Code (0 without a Status-Line).
  [[nodiscard]] constexpr std::uint16_t status_code() const noexcept { return start_.code; }
  /// The Reason-Phrase as written.
  [[nodiscard]] constexpr std::string_view reason() const noexcept { return start_.reason; }
  /// True for a final status (200..699): the referenced request has completed.
  [[nodiscard]] constexpr bool is_final() const noexcept { return start_.code >= 200; }
  /// Request fragments: the method and the Request-URI as written.
  [[nodiscard]] constexpr std::string_view method() const noexcept { return start_.method; }
  [[nodiscard]] constexpr std::string_view request_uri() const noexcept { return start_.uri; }
  /// The start line without its line end (empty without one).
  [[nodiscard]] constexpr std::string_view start_line() const noexcept { return start_.line; }
  /// The header rows (possibly none).
  [[nodiscard]] constexpr const header_fields_view& headers() const noexcept { return headers_; }
  /// True when the empty line that separates a body was present.
  [[nodiscard]] constexpr bool has_empty_line() const noexcept { return has_empty_line_; }
  /// The body (after the empty line), possibly empty.
  [[nodiscard]] constexpr std::string_view body() const noexcept { return body_; }
  [[nodiscard]] constexpr std::size_t body_offset() const noexcept { return body_offset_; }
  /// The `message_flag`s for leniencies that were used.
  [[nodiscard]] constexpr std::uint16_t flags() const noexcept { return flags_; }
  [[nodiscard]] constexpr bool has_flag(message_flag f) const noexcept { return (flags_ & f) != 0; }

 private:
  friend struct detail::sipfrag_parser;
  bool has_start_ = false;
  detail::start_line_fields start_{};
  header_fields_view headers_{};
  bool has_empty_line_ = false;
  std::string_view body_{};
  std::size_t body_offset_ = 0;
  std::uint16_t flags_ = 0;
};

namespace detail {

/// True when the first line of @p in is a header row (`token *WSP ":"`) rather than a start
/// line; a Status-Line starts with `SIP/`, a Request-Line with `Method SP`.
constexpr bool starts_with_header(std::string_view in) noexcept {
  std::size_t i = 0;
  while (i < in.size() && grammar::is(in[i], grammar::token_char)) ++i;
  if (i == 0) return true;  // CRLF, WSP, ...: no start line (the block scanner reports errors)
  while (i < in.size() && is_wsp(in[i])) ++i;
  return i < in.size() && in[i] == ':';
}

struct sipfrag_parser {
  static constexpr result<sipfrag_view> parse(std::string_view in, const sipfrag_options& opt) noexcept {
    sipfrag_view f;
    const row_rules rows{opt.allow_lf_line_ends, true};  // a body is always complete
    std::size_t pos = 0;
    if (in.empty()) return f;  // every part of `sipfrag` is optional
    const bool status = in.size() >= 4 && grammar::iequals(in.substr(0, 4), "SIP/");
    if (status || !starts_with_header(in)) {
      const start_line_rules sr{rows, opt.allow_extra_sp_in_start_line, opt.allow_missing_reason_phrase,
                                opt.allow_any_reason_phrase};
      if (const error e = scan_start_line(in, 0, sr, f.start_)) return e;
      f.has_start_ = true;
      if (f.start_.used_lf) f.flags_ |= flag_lf_line_ends;
      if (f.start_.used_extra_sp) f.flags_ |= flag_extra_sp_in_start_line;
      if (f.start_.used_missing_reason) f.flags_ |= flag_missing_reason_phrase;
      if (f.start_.used_any_reason) f.flags_ |= flag_nonstandard_reason_phrase;
      if (!f.start_.terminated) {
        if (!opt.allow_missing_final_crlf) return error{errc::missing_crlf, in.size()};
        f.flags_ |= flag_missing_final_crlf;
      }
      pos = f.start_.next;
    }
    block_scan b;
    content_length_tracker cl;
    if (const error e = scan_block(in, pos, rows, opt.max_header_rows, b, cl)) return e;
    if (b.used_lf) f.flags_ |= flag_lf_line_ends;
    if (b.how == block_end::eof_in_row) {
      if (!opt.allow_missing_final_crlf) return error{errc::missing_crlf, in.size()};
      f.flags_ |= flag_missing_final_crlf;
    }
    f.headers_ = header_fields_view::from_scan(in, b, opt.allow_lf_line_ends);
    f.has_empty_line_ = b.how == block_end::empty_line;
    f.body_offset_ = b.next;
    f.body_ = in.substr(b.next);
    // RFC 3420 §2: a body needs its describing headers (Content-Length) and the empty line.
    // An empty line with no body after it is allowed (`[ CRLF [ message-body ] ]`): the body
    // was deleted from the fragment, so its Content-Length then describes nothing here.
    if (!f.body_.empty() && !cl.present) return error{errc::bad_sipfrag, b.next};
    if (cl.present && !f.body_.empty() && cl.value != f.body_.size()) {
      if (!opt.allow_content_length_mismatch)
        return error{cl.value > f.body_.size() ? errc::body_too_short : errc::bad_content_length, cl.value_offset};
      f.flags_ |= flag_content_length_mismatch;
    }
    return f;
  }
};

}  // namespace detail

/// Parses a `message/sipfrag` body.
///
/// @par ABNF (RFC 3420 §2, with RFC 3261 §25.1 `start-line`, `message-header`)
/// @code
/// sipfrag = [ start-line ]
///           *message-header
///           [ CRLF [ message-body ] ]
/// @endcode
/// Every element present must be valid (RFC 3420 §2): a start line is complete (`SIP/2.0`
/// or `404 Not Found` alone are invalid), header rows are well-formed (their values are
/// checked for controls only; validate typed values with their parsers), and a body needs a
/// Content-Length that matches it and the empty line. The start line and the rows use the
/// same scanners as `parse_message`; the fragment is always complete, so there is no
/// `need_more_data`.
///
/// @par Example
/// @code
/// auto f = sipref::parse_sipfrag("SIP/2.0 200 OK\r\n");
/// // f->status_code() == 200, f->is_final(), f->reason() == "OK"
/// @endcode
///
/// Errors (offsets into @p input): start-line errors (`bad_start_line`, `bad_method`,
/// `bad_version`, `bad_status_code`, `bad_reason_phrase`) as for `parse_message`;
/// `missing_crlf` at a bare LF (strict) or at the end when the last line has no line end;
/// header-row errors (`bad_header_name`, `missing_colon`, `bad_folding`, `control_char`,
/// `header_too_many`); `bad_content_length` at a malformed or conflicting Content-Length, or
/// at one smaller than the body; `body_too_short` at a Content-Length larger than the body;
/// `bad_sipfrag` at the body when there is a body but no Content-Length.
///
/// The result's views alias @p input.
[[nodiscard]] constexpr result<sipfrag_view> parse_sipfrag(std::string_view input SIPREF_LIFETIMEBOUND,
                                                           const sipfrag_options& options = {}) noexcept {
  return detail::sipfrag_parser::parse(input, options);
}

/// A status-line sipfrag to compose (the NOTIFY body of RFC 3515 §2.4.5): `SIP/2.0 <code>
/// <reason> CRLF`, then optional header rows (`Name: value CRLF`, known names in their long
/// spelling). Always CRLF; any reason length (PEERS.md (c) 17: no fixed buffer).
///
/// @par ABNF (RFC 3420 §2; RFC 3261 §25.1)
/// `Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF`
///
/// @par Example
/// @code
/// auto body = sipref::to_string(sipref::sipfrag_status{200, "OK"});   // "SIP/2.0 200 OK\r\n"
/// @endcode
///
/// `compose` errors: `invalid_argument` for a code outside 100..699 (offset 0), a reason byte
/// outside `Reason-Phrase` (offset inside the reason; `%` must start a `%HH` escape), and header
/// rows as for `message` (`invalid_argument`, `duplicate_header`).
struct sipfrag_status {
  std::uint16_t code = 0;
  std::string_view reason{};
  list_ref<header_pair> headers{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (code < 100 || code > 699) return {errc::invalid_argument, 0};
    const std::size_t bad = detail::check_reason_phrase(reason, false);
    if (bad != std::string_view::npos) return {errc::invalid_argument, bad};
    if (const error e = detail::validate_header_pairs(headers)) return e;
    // The fragment carries no body, so a Content-Length row can only say 0 (RFC 3420 §2).
    for (const header_pair& h : headers)
      if (lookup_header(h.name) == header_id::content_length) {
        const auto n = parse_content_length(h.value);
        if (!n || n->value != 0) return {errc::bad_content_length, 0};
      }
    w.put(std::string_view("SIP/2.0 ", 8));
    grammar::write_decimal(w, code);
    w.put(' ');
    w.put(reason);
    w.put(std::string_view("\r\n", 2));
    for (const header_pair& h : headers) detail::write_header_row(w, canonical_name(h.name), h.value);
    return {};
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_SIPFRAG_HPP
