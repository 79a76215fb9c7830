// SPDX-License-Identifier: MIT
/// @file error.hpp
/// The error model: an append-only error code enum, an error value (code + byte offset) and
/// `result<T>`, a small subset of `std::expected` of our own.
#ifndef SIPREF_ERROR_HPP
#define SIPREF_ERROR_HPP

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <type_traits>
#include <utility>

#include "config.hpp"

#if SIPREF_HAS_EXCEPTIONS
#include <exception>
#endif

SIPREF_BEGIN_NAMESPACE

/// Every way a sipref parser or composer can fail.
///
/// The numeric values are part of the ABI and are never reused: new codes are appended at the
/// end. `to_string(errc)` gives the stable snake_case name of each value.
enum class errc : std::uint16_t {
  ok = 0,  ///< no error

  // ---- generic scanning (RFC 3261 §25.1 core rules) ----
  unexpected_end = 1,       ///< input ended where more was required
  unexpected_char = 2,      ///< a byte the grammar does not allow at this position
  trailing_garbage = 3,     ///< a complete value was followed by bytes that belong to nothing
  empty_value = 4,          ///< a value that must have at least one character is empty
  bad_token = 5,            ///< `token` expected (RFC 3261 §25.1)
  bad_quoted_string = 6,    ///< malformed `quoted-string`
  unterminated_quote = 7,   ///< a `quoted-string` with no closing DQUOTE (RFC 4475 quotbal)
  bad_quoted_pair = 8,      ///< backslash at end of input, or followed by CR/LF
  bad_escape = 9,           ///< `%` not followed by two HEXDIG (RFC 3261 §25.1 `escaped`)
  bad_utf8 = 10,            ///< bytes that are not well-formed UTF-8
  control_char = 11,        ///< CR, LF, NUL or another control byte where none may appear
  bad_number = 12,          ///< digits expected
  number_overflow = 13,     ///< a number larger than its field allows
  limit_exceeded = 14,      ///< a caller-supplied limit (items, depth, size) was exceeded
  empty_list_item = 15,     ///< `a,,b` or a leading/trailing comma in a list header
  duplicate_param = 16,     ///< a parameter name appears twice (RFC 3261 §7.3.1, §19.1.1)
  bad_param = 17,           ///< malformed `generic-param` or `uri-parameter`

  // ---- URIs (RFC 3261 §19.1, §25.1; RFC 3966; RFC 2392; RFC 5954) ----
  bad_scheme = 30,          ///< missing or malformed URI scheme
  bad_user = 31,            ///< malformed userinfo (empty user before `@`, bad character)
  bad_password = 32,        ///< malformed password
  bad_host = 33,            ///< malformed hostname or IPv4 address
  bad_ipv6 = 34,            ///< malformed bracketed IPv6 reference (RFC 5954 §4.1)
  bad_port = 35,            ///< malformed or out-of-range port
  bad_uri_header = 36,      ///< malformed `?hname=hvalue` URI header
  bad_uri = 37,             ///< a URI that matches none of the supported forms
  bad_tel = 38,             ///< malformed `tel:` URI (RFC 3966)
  bad_cid = 39,             ///< malformed `cid:` URI (RFC 2392)
  forbidden_uri_header = 40,  ///< an embedded URI header RFC 3261 §19.1.5 says not to honour
  unsafe_uri_header = 41,   ///< an embedded header value decodes to CR, LF or NUL
  unbracketed_uri = 42,     ///< a URI that needs `<>` (has `;`, `?` or `,`) appears without them

  // ---- name-addr and header values ----
  bad_display_name = 50,    ///< display name is neither `*(token LWS)` nor a quoted-string
  missing_laquot = 51,      ///< `<` expected
  missing_raquot = 52,      ///< `>` expected
  multiple_values = 53,     ///< more than one value in a single-valued header (RFC 3515 §2.4.1)
  bad_refer_sub = 54,       ///< Refer-Sub value other than `true`/`false` (RFC 4488 §4)
  bad_privacy = 55,         ///< malformed Privacy value, or `none` combined (RFC 3323 §4.2)
  bad_media_type = 56,      ///< malformed `media-type` (RFC 3261 §20.15)
  bad_msg_id = 57,          ///< malformed `msg-id` (RFC 8262 §2, RFC 5322 §3.6.4)
  bad_event = 58,           ///< malformed Event header (RFC 6665 §8.4)
  bad_substate = 59,        ///< malformed Subscription-State (RFC 6665 §8.4)
  bad_header_name = 60,     ///< header name is not a token, or not the expected header
  bad_header_value = 61,    ///< extension header value outside `header-value` (RFC 3261 §25.1)
  bad_feature_param = 62,   ///< malformed Accept-Contact feature parameter (RFC 3841 §10)

  // ---- message framing (RFC 3261 §7, §18.3, §20.14) ----
  bad_start_line = 80,      ///< malformed Request-Line or Status-Line
  bad_method = 81,          ///< method is not a token
  bad_version = 82,         ///< SIP-Version is not `SIP/2.0`
  bad_status_code = 83,     ///< status code is not 3 digits in 100..699
  bad_reason_phrase = 84,   ///< Reason-Phrase has a byte outside its grammar
  missing_colon = 85,       ///< header row without `:` after the name
  bad_folding = 86,         ///< continuation line where none may be (first row, before colon)
  missing_crlf = 87,        ///< line end missing; LF-only line end in strict mode
  missing_header = 88,      ///< a mandatory header is absent
  duplicate_header = 89,    ///< a single-valued header appears more than once
  bad_content_length = 90,  ///< Content-Length not a non-negative integer, or conflicting
  need_more_data = 91,      ///< stream mode: the message is not complete yet
  body_too_short = 92,      ///< fewer body bytes than Content-Length (datagram mode)
  header_too_many = 93,     ///< more header rows than the caller's limit
  cseq_mismatch = 94,       ///< CSeq method differs from the request method

  // ---- bodies: multipart (RFC 2046, RFC 5621), sipfrag (RFC 3420) ----
  bad_boundary = 110,       ///< missing or malformed multipart boundary parameter
  missing_boundary = 111,   ///< no delimiter line found
  missing_close_delimiter = 112,  ///< multipart body without `--boundary--`
  empty_multipart = 113,    ///< multipart body with no part
  part_not_found = 114,     ///< no body part with the requested Content-ID
  bad_sipfrag = 115,        ///< sipfrag that is not a valid fragment (RFC 3420 §2)

  // ---- XML (XML 1.0; RFC 4826, RFC 5364) ----
  xml_malformed = 130,      ///< not well-formed XML 1.0
  xml_doctype = 131,        ///< DOCTYPE present (forbidden: no DTDs, no entity expansion)
  xml_bad_entity = 132,     ///< an entity other than the five predefined ones
  xml_bad_char_ref = 133,   ///< character reference to a non-XML character
  xml_mismatched_tag = 134, ///< end tag does not match its start tag
  xml_unbound_prefix = 135, ///< namespace prefix with no binding in scope
  xml_duplicate_attribute = 136,  ///< the same (expanded) attribute name twice
  xml_depth_exceeded = 137, ///< nesting deeper than the caller's limit
  xml_not_resource_lists = 138,   ///< root is not `resource-lists` in the RFC 4826 namespace
  xml_missing_uri = 139,    ///< `<entry>` without a `uri` attribute (RFC 4826 §3.2)
  xml_bad_copy_control = 140,     ///< copyControl/anonymize value outside RFC 5364 §5
  xml_bad_encoding = 141,   ///< declared encoding other than UTF-8 (RFC 4826 §3.1)

  // ---- composition ----
  buffer_too_small = 160,   ///< the caller's output buffer cannot hold the result
  invalid_argument = 161,   ///< a caller-supplied value violates its grammar
  group_size_exceeded = 162,  ///< more invitees than MAX-ADHOC-GROUP-SIZE (PROCEDURE.md C8)
  no_invitees = 163,        ///< an add/remove request with no invitee
  missing_field = 164,      ///< a field the request needs was not given
  duplicate_invitee = 165,  ///< the same invitee twice (SIP URI equality; RFC 5368 §7)
  reserved_header = 166,    ///< an extra header the composer writes itself (e.g. Content-Length)
};

/// The stable snake_case name of @p e, e.g. `"bad_escape"`; `"unknown"` for values this
/// version does not know.
[[nodiscard]] constexpr std::string_view to_string(errc e) noexcept {
  switch (e) {
#define SIPREF_ERRC_NAME(x) \
  case errc::x:             \
    return #x;
    SIPREF_ERRC_NAME(ok)
    SIPREF_ERRC_NAME(unexpected_end)
    SIPREF_ERRC_NAME(unexpected_char)
    SIPREF_ERRC_NAME(trailing_garbage)
    SIPREF_ERRC_NAME(empty_value)
    SIPREF_ERRC_NAME(bad_token)
    SIPREF_ERRC_NAME(bad_quoted_string)
    SIPREF_ERRC_NAME(unterminated_quote)
    SIPREF_ERRC_NAME(bad_quoted_pair)
    SIPREF_ERRC_NAME(bad_escape)
    SIPREF_ERRC_NAME(bad_utf8)
    SIPREF_ERRC_NAME(control_char)
    SIPREF_ERRC_NAME(bad_number)
    SIPREF_ERRC_NAME(number_overflow)
    SIPREF_ERRC_NAME(limit_exceeded)
    SIPREF_ERRC_NAME(empty_list_item)
    SIPREF_ERRC_NAME(duplicate_param)
    SIPREF_ERRC_NAME(bad_param)
    SIPREF_ERRC_NAME(bad_scheme)
    SIPREF_ERRC_NAME(bad_user)
    SIPREF_ERRC_NAME(bad_password)
    SIPREF_ERRC_NAME(bad_host)
    SIPREF_ERRC_NAME(bad_ipv6)
    SIPREF_ERRC_NAME(bad_port)
    SIPREF_ERRC_NAME(bad_uri_header)
    SIPREF_ERRC_NAME(bad_uri)
    SIPREF_ERRC_NAME(bad_tel)
    SIPREF_ERRC_NAME(bad_cid)
    SIPREF_ERRC_NAME(forbidden_uri_header)
    SIPREF_ERRC_NAME(unsafe_uri_header)
    SIPREF_ERRC_NAME(unbracketed_uri)
    SIPREF_ERRC_NAME(bad_display_name)
    SIPREF_ERRC_NAME(missing_laquot)
    SIPREF_ERRC_NAME(missing_raquot)
    SIPREF_ERRC_NAME(multiple_values)
    SIPREF_ERRC_NAME(bad_refer_sub)
    SIPREF_ERRC_NAME(bad_privacy)
    SIPREF_ERRC_NAME(bad_media_type)
    SIPREF_ERRC_NAME(bad_msg_id)
    SIPREF_ERRC_NAME(bad_event)
    SIPREF_ERRC_NAME(bad_substate)
    SIPREF_ERRC_NAME(bad_header_name)
    SIPREF_ERRC_NAME(bad_header_value)
    SIPREF_ERRC_NAME(bad_feature_param)
    SIPREF_ERRC_NAME(bad_start_line)
    SIPREF_ERRC_NAME(bad_method)
    SIPREF_ERRC_NAME(bad_version)
    SIPREF_ERRC_NAME(bad_status_code)
    SIPREF_ERRC_NAME(bad_reason_phrase)
    SIPREF_ERRC_NAME(missing_colon)
    SIPREF_ERRC_NAME(bad_folding)
    SIPREF_ERRC_NAME(missing_crlf)
    SIPREF_ERRC_NAME(missing_header)
    SIPREF_ERRC_NAME(duplicate_header)
    SIPREF_ERRC_NAME(bad_content_length)
    SIPREF_ERRC_NAME(need_more_data)
    SIPREF_ERRC_NAME(body_too_short)
    SIPREF_ERRC_NAME(header_too_many)
    SIPREF_ERRC_NAME(cseq_mismatch)
    SIPREF_ERRC_NAME(bad_boundary)
    SIPREF_ERRC_NAME(missing_boundary)
    SIPREF_ERRC_NAME(missing_close_delimiter)
    SIPREF_ERRC_NAME(empty_multipart)
    SIPREF_ERRC_NAME(part_not_found)
    SIPREF_ERRC_NAME(bad_sipfrag)
    SIPREF_ERRC_NAME(xml_malformed)
    SIPREF_ERRC_NAME(xml_doctype)
    SIPREF_ERRC_NAME(xml_bad_entity)
    SIPREF_ERRC_NAME(xml_bad_char_ref)
    SIPREF_ERRC_NAME(xml_mismatched_tag)
    SIPREF_ERRC_NAME(xml_unbound_prefix)
    SIPREF_ERRC_NAME(xml_duplicate_attribute)
    SIPREF_ERRC_NAME(xml_depth_exceeded)
    SIPREF_ERRC_NAME(xml_not_resource_lists)
    SIPREF_ERRC_NAME(xml_missing_uri)
    SIPREF_ERRC_NAME(xml_bad_copy_control)
    SIPREF_ERRC_NAME(xml_bad_encoding)
    SIPREF_ERRC_NAME(buffer_too_small)
    SIPREF_ERRC_NAME(invalid_argument)
    SIPREF_ERRC_NAME(group_size_exceeded)
    SIPREF_ERRC_NAME(no_invitees)
    SIPREF_ERRC_NAME(missing_field)
    SIPREF_ERRC_NAME(duplicate_invitee)
    SIPREF_ERRC_NAME(reserved_header)
#undef SIPREF_ERRC_NAME
  }
  return "unknown";
}

/// A failure: what went wrong and where.
///
/// For parsers `offset` is the byte offset into the input view where parsing stopped. For
/// composers it is the byte offset inside the offending caller-supplied value.
struct error {
  errc code = errc::ok;
  std::size_t offset = 0;

  /// True when this is a real failure (`code != errc::ok`).
  constexpr explicit operator bool() const noexcept { return code != errc::ok; }
  friend constexpr bool operator==(const error& a, const error& b) noexcept {
    return a.code == b.code && a.offset == b.offset;
  }
  friend constexpr bool operator!=(const error& a, const error& b) noexcept { return !(a == b); }
};

#if SIPREF_HAS_EXCEPTIONS
/// Thrown by `result<T>::value()` on a result that holds an error (exception builds only).
class bad_result_access : public std::exception {
 public:
  explicit bad_result_access(error e) noexcept : error_(e) {}
  [[nodiscard]] const char* what() const noexcept override { return "sipref::bad_result_access"; }
  [[nodiscard]] error get() const noexcept { return error_; }

 private:
  error error_{};
};
#endif

namespace detail {
[[noreturn]] inline void throw_bad_result_access(error e) {
#if SIPREF_HAS_EXCEPTIONS
  throw bad_result_access(e);
#else
  (void)e;
  std::abort();
#endif
}
}  // namespace detail

/// Either a `T` or an `error`: the return type of every parser.
///
/// A deliberately small subset of `std::expected<T, error>`; it is never an alias of it, so
/// translation units built at different `-std` levels see the same type. `T` must be default
/// constructible (every sipref view is). Observers are `noexcept`; `value()` throws
/// `bad_result_access` (or aborts without exceptions) when called on an error.
template <class T>
class [[nodiscard]] result {
 public:
  using value_type = T;

  constexpr result() = default;
  constexpr result(const T& v) noexcept(std::is_nothrow_copy_constructible<T>::value)  // NOLINT
      : value_(v) {}
  constexpr result(T&& v) noexcept(std::is_nothrow_move_constructible<T>::value)  // NOLINT
      : value_(std::move(v)) {}
  constexpr result(sipref::error e) noexcept : error_(e) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] constexpr bool has_value() const noexcept { return error_.code == errc::ok; }
  constexpr explicit operator bool() const noexcept { return has_value(); }

  /// The error; `{errc::ok, 0}` when the result holds a value.
  [[nodiscard]] constexpr sipref::error error() const noexcept { return error_; }
  [[nodiscard]] constexpr errc code() const noexcept { return error_.code; }

  [[nodiscard]] constexpr T& value() & {
    if (!has_value()) detail::throw_bad_result_access(error_);
    return value_;
  }
  [[nodiscard]] constexpr const T& value() const& {
    if (!has_value()) detail::throw_bad_result_access(error_);
    return value_;
  }
  [[nodiscard]] constexpr T&& value() && {
    if (!has_value()) detail::throw_bad_result_access(error_);
    return std::move(value_);
  }
  /// Unchecked access: the caller has tested `has_value()`.
  constexpr T& operator*() & noexcept { return value_; }
  constexpr const T& operator*() const& noexcept { return value_; }
  constexpr T* operator->() noexcept { return &value_; }
  constexpr const T* operator->() const noexcept { return &value_; }
  template <class U>
  [[nodiscard]] constexpr T value_or(U&& fallback) const& {
    return has_value() ? value_ : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  T value_{};
  sipref::error error_{};
};

/// `result<void>`: success or an error, nothing else.
template <>
class [[nodiscard]] result<void> {
 public:
  using value_type = void;
  constexpr result() = default;
  constexpr result(sipref::error e) noexcept : error_(e) {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] constexpr bool has_value() const noexcept { return error_.code == errc::ok; }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  [[nodiscard]] constexpr sipref::error error() const noexcept { return error_; }
  [[nodiscard]] constexpr errc code() const noexcept { return error_.code; }
  constexpr void value() const {
    if (!has_value()) detail::throw_bad_result_access(error_);
  }

 private:
  sipref::error error_{};
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_ERROR_HPP
