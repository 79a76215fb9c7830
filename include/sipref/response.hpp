// SPDX-License-Identifier: MIT
/// @file response.hpp
/// Responses to a parsed request (RFC 3261 §8.2.6): the status line, the Via, From, To,
/// Call-ID and CSeq rows copied from the request (with a To tag added when the request had
/// none), extra rows, an optional body and the exact Content-Length.
#ifndef SIPREF_RESPONSE_HPP
#define SIPREF_RESPONSE_HPP

#include <cstdint>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "header_names.hpp"
#include "message.hpp"
#include "name_addr.hpp"

SIPREF_BEGIN_NAMESPACE

namespace detail {
/// Writes a parsed header value on one row: each line fold becomes one SP (RFC 3261 §7.3.1).
template <class Writer>
constexpr void write_unfolded(Writer& w, std::string_view value) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' || value[i] == '\n') {
      w.put(value.substr(run, i - run));
      while (i + 1 < value.size() && (value[i + 1] == '\r' || value[i + 1] == '\n' || value[i + 1] == ' ' || value[i + 1] == '\t')) ++i;
      w.put(' ');
      run = i + 1;
    }
  }
  w.put(value.substr(run));
}
}  // namespace detail

/// A response to @p request (a parsed request): `SIP/2.0 code reason`, every Via row in order,
/// From, To (with `;tag=to_tag` added when the request's To has no tag and `to_tag` is set,
/// RFC 3261 §8.2.6.2), Call-ID, CSeq, then `headers`, an optional body with its Content-Type,
/// and the exact Content-Length.
///
/// @par Example
/// @code
/// auto req = sipref::parse_message(notify_bytes);
/// auto ok = sipref::to_string(sipref::sip_response{*req, 200, "OK"});  // the 200 to a NOTIFY (C10)
/// @endcode
///
/// Errors: `invalid_argument` for a code outside 100..699 (offset 0) or a reason outside
/// `Reason-Phrase`; `missing_header` when the request lacks Via, From, To, Call-ID or CSeq
/// (offset = the header id); `bad_param` for a `to_tag` that is not a token; errors of the
/// extra rows as for `message`: `invalid_argument` (offset 0) for a Content-Length row (it is
/// computed), `duplicate_header` (offset 0) for a row that repeats From, To, Call-ID, CSeq or,
/// with a body, Content-Type, or a single-valued header given twice; `invalid_argument` inside
/// `content_type` for a byte that cannot stand in a header value.
struct sip_response {
  const message_view& request;
  std::uint16_t code = 200;
  std::string_view reason = "OK";
  std::string_view to_tag{};                   ///< added to To when the request's To has none
  list_ref<header_pair> headers{};           ///< further rows (Contact, Refer-Sub, Unsupported ...)
  std::string_view content_type{};             ///< with a non-empty body
  std::string_view body{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const error e = compose_head(w)) return e;
    for (const header_pair& h : headers) detail::write_header_row(w, canonical_name(h.name), h.value);
    return compose_tail(w);
  }

  /// The status line and the rows copied from the request (validating everything first).
  /// Callers that add typed rows write them between `compose_head` and `compose_tail`.
  template <class Writer>
  constexpr error compose_head(Writer& w) const {
    if (code < 100 || code > 699) return {errc::invalid_argument, 0};
    const std::size_t bad = detail::check_reason_phrase(reason, false);
    if (bad != std::string_view::npos) return {errc::invalid_argument, bad};
    if (!to_tag.empty() && !grammar::is_token(to_tag)) return {errc::bad_param, grammar::first_not_in(to_tag, grammar::token_char)};
    if (!request.find(header_id::via)) return {errc::missing_header, static_cast<std::size_t>(header_id::via)};
    for (header_id id : copied)
      if (!request.find(id)) return {errc::missing_header, static_cast<std::size_t>(id)};
    // The extra rows may not repeat a single-valued row written here (From, To, Call-ID,
    // CSeq, Content-Type with a body) nor give Content-Length, as for `message`.
    detail::header_id_set own;
    for (header_id id : copied) own.insert(id);
    if (!body.empty()) own.insert(header_id::content_type);
    if (const error e = detail::validate_extra_rows(headers, own)) return e;
    if (!body.empty() && content_type.empty()) return {errc::missing_field, 0};
    if (!content_type.empty())
      if (const error e = detail::validate_header_value(content_type)) return e;

    w.put(std::string_view("SIP/2.0 ", 8));
    grammar::write_decimal(w, code);
    w.put(' ');
    w.put(reason);
    w.put(std::string_view("\r\n", 2));
    for (const header_field_view& via : request.rows(header_id::via)) {
      w.put(std::string_view("Via: ", 5));
      detail::write_unfolded(w, via.value);
      w.put(std::string_view("\r\n", 2));
    }
    for (header_id id : copied) {
      const auto h = request.find(id);
      w.put(long_name(id));
      w.put(std::string_view(": ", 2));
      detail::write_unfolded(w, h->value);
      if (id == header_id::to && !to_tag.empty()) {
        auto to = parse_addr_value(h->value);
        if (to && !to->params.contains("tag")) {
          w.put(std::string_view(";tag=", 5));
          w.put(to_tag);
        }
      }
      w.put(std::string_view("\r\n", 2));
    }
    return {};
  }

  /// Content-Type (with a body), Content-Length, the empty line and the body.
  template <class Writer>
  constexpr error compose_tail(Writer& w) const {
    if (!body.empty()) detail::write_header_row(w, long_name(header_id::content_type), content_type);
    w.put(std::string_view("Content-Length: ", 16));
    grammar::write_decimal(w, body.size());
    w.put(std::string_view("\r\n\r\n", 4));
    w.put(body);
    return {};
  }

 private:
  static constexpr header_id copied[] = {header_id::from, header_id::to, header_id::call_id, header_id::cseq};
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_RESPONSE_HPP
