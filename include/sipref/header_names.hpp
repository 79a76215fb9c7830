// SPDX-License-Identifier: MIT
/// @file header_names.hpp
/// Header field names: the `header_id` of every header sipref knows, name lookup in any case
/// including compact forms (RFC 3261 §7.3.1, §7.3.3), the registered long spelling, and
/// whether a header is single-valued or a comma-list header (RFC 3261 §7.3.1).
#ifndef SIPREF_HEADER_NAMES_HPP
#define SIPREF_HEADER_NAMES_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "config.hpp"

SIPREF_BEGIN_NAMESPACE

/// The header fields sipref knows by name. Values are stable (append-only), so they may be
/// stored or logged; `unknown` is every other (extension) header.
///
/// Compact forms are only the registered ones: RFC 3261 §7.3.3 (`c e f i k l m s t v`),
/// RFC 3515 (`r`), RFC 3892 (`b`), RFC 6665 (`o u`), RFC 3841 (`a j d`), RFC 4028 (`x`),
/// RFC 8224 (`y`). Refer-Sub, Require, Content-ID, Privacy and Content-Disposition have none
/// (DIGEST §14 pitfall 6).
enum class header_id : std::uint8_t {
  unknown = 0,                 ///< not a header sipref knows (an extension header)
  via = 1,                     ///< `Via`, compact `v`: RFC 3261 §20.42
  max_forwards = 2,            ///< `Max-Forwards`: RFC 3261 §20.22
  route = 3,                   ///< `Route`: RFC 3261 §20.34
  record_route = 4,            ///< `Record-Route`: RFC 3261 §20.30
  to = 5,                      ///< `To`, compact `t`: RFC 3261 §20.39
  from = 6,                    ///< `From`, compact `f`: RFC 3261 §20.20
  call_id = 7,                 ///< `Call-ID`, compact `i`: RFC 3261 §20.8
  cseq = 8,                    ///< `CSeq`: RFC 3261 §20.16
  contact = 9,                 ///< `Contact`, compact `m`: RFC 3261 §20.10 (a lone `*` is the whole value)
  refer_to = 10,               ///< `Refer-To`, compact `r`: RFC 3515 §2.1 (exactly one value, §2.4.1)
  refer_sub = 11,              ///< `Refer-Sub`: RFC 4488 §4
  referred_by = 12,            ///< `Referred-By`, compact `b`: RFC 3892 §3
  replaces = 13,               ///< `Replaces`: RFC 3891 §6.1
  require = 14,                ///< `Require`: RFC 3261 §20.32
  proxy_require = 15,          ///< `Proxy-Require`: RFC 3261 §20.29
  supported = 16,              ///< `Supported`, compact `k`: RFC 3261 §20.37
  unsupported = 17,            ///< `Unsupported`: RFC 3261 §20.40
  allow = 18,                  ///< `Allow`: RFC 3261 §20.5
  allow_events = 19,           ///< `Allow-Events`, compact `u`: RFC 6665 §8.2.2
  event = 20,                  ///< `Event`, compact `o`: RFC 6665 §8.2.1 (one event type per header)
  subscription_state = 21,     ///< `Subscription-State`: RFC 6665 §8.2.3
  privacy = 22,                ///< `Privacy`: RFC 3323 §4.2 (values joined by `;`; RFC 3325 §9.3: all in one header)
  p_asserted_identity = 23,    ///< `P-Asserted-Identity`: RFC 3325 §9.1
  p_preferred_identity = 24,   ///< `P-Preferred-Identity`: RFC 3325 §9.2
  accept = 25,                 ///< `Accept`: RFC 3261 §20.1
  accept_contact = 26,         ///< `Accept-Contact`, compact `a`: RFC 3841 §10
  reject_contact = 27,         ///< `Reject-Contact`, compact `j`: RFC 3841 §10
  request_disposition = 28,    ///< `Request-Disposition`, compact `d`: RFC 3841 §10
  accept_encoding = 29,        ///< `Accept-Encoding`: RFC 3261 §20.2
  accept_language = 30,        ///< `Accept-Language`: RFC 3261 §20.3
  alert_info = 31,             ///< `Alert-Info`: RFC 3261 §20.4
  authentication_info = 32,    ///< `Authentication-Info`: RFC 3261 §20.6
  authorization = 33,          ///< `Authorization`: RFC 3261 §20.7 (rows may repeat, never comma-joined, §7.3.1)
  call_info = 34,              ///< `Call-Info`: RFC 3261 §20.9
  content_type = 35,           ///< `Content-Type`, compact `c`: RFC 3261 §20.15
  content_length = 36,         ///< `Content-Length`, compact `l`: RFC 3261 §20.14
  content_disposition = 37,    ///< `Content-Disposition`: RFC 3261 §20.11 (one disp-type)
  content_id = 38,             ///< `Content-ID`: RFC 8262 §2
  content_encoding = 39,       ///< `Content-Encoding`, compact `e`: RFC 3261 §20.12
  content_language = 40,       ///< `Content-Language`: RFC 3261 §20.13
  mime_version = 41,           ///< `MIME-Version`: RFC 3261 §20.24
  date = 42,                   ///< `Date`: RFC 3261 §20.17
  error_info = 43,             ///< `Error-Info`: RFC 3261 §20.18
  expires = 44,                ///< `Expires`: RFC 3261 §20.19
  in_reply_to = 45,            ///< `In-Reply-To`: RFC 3261 §20.21
  min_expires = 46,            ///< `Min-Expires`: RFC 3261 §20.23
  organization = 47,           ///< `Organization`: RFC 3261 §20.25
  priority = 48,               ///< `Priority`: RFC 3261 §20.26
  proxy_authenticate = 49,     ///< `Proxy-Authenticate`: RFC 3261 §20.27
  proxy_authorization = 50,    ///< `Proxy-Authorization`: RFC 3261 §20.28
  reply_to = 51,               ///< `Reply-To`: RFC 3261 §20.31
  retry_after = 52,            ///< `Retry-After`: RFC 3261 §20.33
  server = 53,                 ///< `Server`: RFC 3261 §20.35
  subject = 54,                ///< `Subject`, compact `s`: RFC 3261 §20.36
  timestamp = 55,              ///< `Timestamp`: RFC 3261 §20.38
  user_agent = 56,             ///< `User-Agent`: RFC 3261 §20.41
  warning = 57,                ///< `Warning`: RFC 3261 §20.43
  www_authenticate = 58,       ///< `WWW-Authenticate`: RFC 3261 §20.44
  target_dialog = 59,          ///< `Target-Dialog`: RFC 4538 §7
  reason = 60,                 ///< `Reason`: RFC 3326 §2
  session_expires = 61,        ///< `Session-Expires`, compact `x`: RFC 4028 §4
  min_se = 62,                 ///< `Min-SE`: RFC 4028 §5
  identity = 63,               ///< `Identity`, compact `y`: RFC 8224 §4
  refer_events_at = 64,        ///< `Refer-Events-At`: RFC 7614 §4.8
  rseq = 65,                   ///< `RSeq`: RFC 3262 §7.1
  rack = 66,                   ///< `RAck`: RFC 3262 §7.2
  path = 67,                   ///< `Path`: RFC 3327 §4
  service_route = 68,          ///< `Service-Route`: RFC 3608 §5
  p_access_network_info = 69,  ///< `P-Access-Network-Info`: RFC 7315 §5.4
  contribution_id = 70,        ///< `Contribution-ID`: GSMA RCS (RCC.07), one id per message
  conversation_id = 71,        ///< `Conversation-ID`: GSMA RCS (RCC.07), one id per message
};

/// How many rows and values one header may have in one message (RFC 3261 §7.3.1).
enum class header_kind : std::uint8_t {
  unknown,    ///< an extension header: nothing is known about its value
  single,     ///< at most one row with one value; a second row is a duplicate (RFC 4475 §3.3.8)
  list,       ///< `x *(COMMA x)`: rows may repeat and are equivalent to one comma-joined row
  multi_row,  ///< rows may repeat but never merge (the authentication headers, RFC 3261 §7.3.1)
};

/// What sipref knows about one header: its registered long spelling, its compact form
/// (`'\0'` when it has none) and its `header_kind`.
struct header_info {
  std::string_view name{};
  char compact;
  header_kind kind;
};

namespace detail {
// Indexed by header_id; the long spellings are the IANA "Header Fields" registry spellings.
inline constexpr header_info header_table[] = {
    {"", '\0', header_kind::unknown},
    {"Via", 'v', header_kind::list},                        // via
    {"Max-Forwards", '\0', header_kind::single},            // max_forwards
    {"Route", '\0', header_kind::list},                     // route
    {"Record-Route", '\0', header_kind::list},              // record_route
    {"To", 't', header_kind::single},                       // to
    {"From", 'f', header_kind::single},                     // from
    {"Call-ID", 'i', header_kind::single},                  // call_id
    {"CSeq", '\0', header_kind::single},                    // cseq
    {"Contact", 'm', header_kind::list},                    // contact
    {"Refer-To", 'r', header_kind::single},                 // refer_to
    {"Refer-Sub", '\0', header_kind::single},               // refer_sub
    {"Referred-By", 'b', header_kind::single},              // referred_by
    {"Replaces", '\0', header_kind::single},                // replaces
    {"Require", '\0', header_kind::list},                   // require
    {"Proxy-Require", '\0', header_kind::list},             // proxy_require
    {"Supported", 'k', header_kind::list},                  // supported
    {"Unsupported", '\0', header_kind::list},               // unsupported
    {"Allow", '\0', header_kind::list},                     // allow
    {"Allow-Events", 'u', header_kind::list},               // allow_events
    {"Event", 'o', header_kind::single},                    // event
    {"Subscription-State", '\0', header_kind::single},      // subscription_state
    {"Privacy", '\0', header_kind::single},                 // privacy
    {"P-Asserted-Identity", '\0', header_kind::list},       // p_asserted_identity
    {"P-Preferred-Identity", '\0', header_kind::list},      // p_preferred_identity
    {"Accept", '\0', header_kind::list},                    // accept
    {"Accept-Contact", 'a', header_kind::list},             // accept_contact
    {"Reject-Contact", 'j', header_kind::list},             // reject_contact
    {"Request-Disposition", 'd', header_kind::list},        // request_disposition
    {"Accept-Encoding", '\0', header_kind::list},           // accept_encoding
    {"Accept-Language", '\0', header_kind::list},           // accept_language
    {"Alert-Info", '\0', header_kind::list},                // alert_info
    {"Authentication-Info", '\0', header_kind::single},     // authentication_info
    {"Authorization", '\0', header_kind::multi_row},        // authorization
    {"Call-Info", '\0', header_kind::list},                 // call_info
    {"Content-Type", 'c', header_kind::single},             // content_type
    {"Content-Length", 'l', header_kind::single},           // content_length
    {"Content-Disposition", '\0', header_kind::single},     // content_disposition
    {"Content-ID", '\0', header_kind::single},              // content_id
    {"Content-Encoding", 'e', header_kind::list},           // content_encoding
    {"Content-Language", '\0', header_kind::list},          // content_language
    {"MIME-Version", '\0', header_kind::single},            // mime_version
    {"Date", '\0', header_kind::single},                    // date
    {"Error-Info", '\0', header_kind::list},                // error_info
    {"Expires", '\0', header_kind::single},                 // expires
    {"In-Reply-To", '\0', header_kind::list},               // in_reply_to
    {"Min-Expires", '\0', header_kind::single},             // min_expires
    {"Organization", '\0', header_kind::single},            // organization
    {"Priority", '\0', header_kind::single},                // priority
    {"Proxy-Authenticate", '\0', header_kind::multi_row},   // proxy_authenticate
    {"Proxy-Authorization", '\0', header_kind::multi_row},  // proxy_authorization
    {"Reply-To", '\0', header_kind::single},                // reply_to
    {"Retry-After", '\0', header_kind::single},             // retry_after
    {"Server", '\0', header_kind::single},                  // server
    {"Subject", 's', header_kind::single},                  // subject
    {"Timestamp", '\0', header_kind::single},               // timestamp
    {"User-Agent", '\0', header_kind::single},              // user_agent
    {"Warning", '\0', header_kind::list},                   // warning
    {"WWW-Authenticate", '\0', header_kind::multi_row},     // www_authenticate
    {"Target-Dialog", '\0', header_kind::single},           // target_dialog
    {"Reason", '\0', header_kind::list},                    // reason
    {"Session-Expires", 'x', header_kind::single},          // session_expires
    {"Min-SE", '\0', header_kind::single},                  // min_se
    {"Identity", 'y', header_kind::single},                 // identity
    {"Refer-Events-At", '\0', header_kind::single},         // refer_events_at
    {"RSeq", '\0', header_kind::single},                    // rseq
    {"RAck", '\0', header_kind::single},                    // rack
    {"Path", '\0', header_kind::list},                      // path
    {"Service-Route", '\0', header_kind::list},             // service_route
    {"P-Access-Network-Info", '\0', header_kind::list},     // p_access_network_info
    {"Contribution-ID", '\0', header_kind::single},         // contribution_id
    {"Conversation-ID", '\0', header_kind::single},         // conversation_id
};

/// Number of `header_id` values including `unknown`.
inline constexpr std::size_t header_id_count = sizeof(header_table) / sizeof(header_table[0]);
static_assert(header_id_count == static_cast<std::size_t>(header_id::conversation_id) + 1,
              "header_table must have one row per header_id");

constexpr char to_lower_ascii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Case-insensitive comparison of a candidate name with a known spelling of the same length.
// Known spellings hold only letters and '-'.
constexpr bool eq_bytes(std::string_view name, std::string_view known) noexcept {
  // Names usually arrive in the registered spelling: compare bytes first, fold case only on
  // a mismatch.
  for (std::size_t i = 0; i < known.size(); ++i)
    if (name[i] != known[i] && to_lower_ascii(name[i]) != to_lower_ascii(known[i])) return false;
  return true;
}

#if defined(__has_builtin)
#if __has_builtin(__builtin_is_constant_evaluated)
#define SIPREF_HEADER_NAMES_HAS_SWAR 1
#endif
#endif
#ifndef SIPREF_HEADER_NAMES_HAS_SWAR
#define SIPREF_HEADER_NAMES_HAS_SWAR 0
#endif

#if SIPREF_HEADER_NAMES_HAS_SWAR
/// `(x | m) == (y | m)` on up-to-8-byte chunks, where `m` has 0x20 in the bytes where the
/// known spelling @p y has a letter (bit 6 set: letters, never '-'): ASCII case folding of
/// exactly the letter positions, 8 bytes per compare. Runtime only (memcpy).
template <std::size_t Len>
inline bool eq_chunk(const char* a, const char* k) noexcept {
  std::uint64_t x = 0, y = 0;
  std::memcpy(&x, a, Len);  // constant size: one or two loads
  std::memcpy(&y, k, Len);
  const std::uint64_t m = (y & 0x4040404040404040u) >> 1;
  return (x | m) == (y | m);
}
#endif

template <std::size_t N>
constexpr bool eq(std::string_view name, const char (&known)[N]) noexcept {
#if SIPREF_HEADER_NAMES_HAS_SWAR
  if (!__builtin_is_constant_evaluated()) {
    // N - 1 == name.size() (the caller dispatched on the length): constant-size chunks.
    constexpr std::size_t len = N - 1;
    if constexpr (len <= 8) {
      return eq_chunk<len>(name.data(), known);
    } else if constexpr (len <= 16) {
      return eq_chunk<8>(name.data(), known) && eq_chunk<len - 8>(name.data() + 8, known + 8);
    } else {
      return eq_chunk<8>(name.data(), known) && eq_chunk<8>(name.data() + 8, known + 8) &&
             eq_chunk<(len - 16 <= 8 ? len - 16 : 8)>(name.data() + 16, known + 16) &&
             (len <= 24 || eq_bytes(name.substr(24), std::string_view(known + 24, len - 24)));
    }
  }
#endif
  return eq_bytes(name, std::string_view(known, N - 1));
}
}  // namespace detail

/// Everything sipref knows about @p id; `{"", '\0', header_kind::unknown}` for `unknown` or a
/// value this version does not know.
[[nodiscard]] constexpr header_info info(header_id id) noexcept {
  const auto i = static_cast<std::size_t>(id);
  return i < detail::header_id_count ? detail::header_table[i] : detail::header_table[0];
}

/// The registered long spelling of @p id (e.g. `"Refer-To"`), the spelling sipref emits
/// (PROCEDURE.md §4); empty for `unknown`.
[[nodiscard]] constexpr std::string_view long_name(header_id id) noexcept { return info(id).name; }

/// The compact form of @p id (e.g. `'r'` for Refer-To), or `'\0'` when it has none.
[[nodiscard]] constexpr char compact_form(header_id id) noexcept { return info(id).compact; }

/// The `header_kind` of @p id.
[[nodiscard]] constexpr header_kind kind_of(header_id id) noexcept { return info(id).kind; }

/// True when at most one row of @p id may appear in a message (RFC 3261 §7.3.1; DIGEST §14
/// pitfall 16: Refer-To, Refer-Sub, Event, Subscription-State, Content-Length, Content-Type,
/// Call-ID, CSeq, From, To, Max-Forwards, Content-ID, Content-Disposition, ...).
[[nodiscard]] constexpr bool is_single_valued(header_id id) noexcept { return kind_of(id) == header_kind::single; }

/// True when @p id is a comma-list header whose rows may be split or merged (RFC 3261
/// §7.3.1: Via, Route, Require, Supported, Allow, Contact — a Contact `*` stands alone).
[[nodiscard]] constexpr bool is_list_header(header_id id) noexcept { return kind_of(id) == header_kind::list; }

/// Looks a header name up, ASCII case-insensitively, in its long spelling or its compact form
/// (RFC 3261 §7.3.1 "field names are always case-insensitive", §7.3.3).
///
/// Dispatches on the length and the first letter and then compares at most a few
/// candidates: no hashing, no tables that need initialising, usable in constant expressions.
///
/// @par Example
/// @code
/// static_assert(sipref::lookup_header("r") == sipref::header_id::refer_to);
/// static_assert(sipref::lookup_header("REFER-TO") == sipref::header_id::refer_to);
/// static_assert(sipref::lookup_header("Norefer-Sub") == sipref::header_id::unknown);
/// @endcode
[[nodiscard]] constexpr header_id lookup_header(std::string_view name) noexcept {
  using detail::eq;
  using detail::to_lower_ascii;
  switch (name.size()) {
    case 1:
      switch (to_lower_ascii(name[0])) {
        case 'a':
          return header_id::accept_contact;
        case 'b':
          return header_id::referred_by;
        case 'c':
          return header_id::content_type;
        case 'd':
          return header_id::request_disposition;
        case 'e':
          return header_id::content_encoding;
        case 'f':
          return header_id::from;
        case 'i':
          return header_id::call_id;
        case 'j':
          return header_id::reject_contact;
        case 'k':
          return header_id::supported;
        case 'l':
          return header_id::content_length;
        case 'm':
          return header_id::contact;
        case 'o':
          return header_id::event;
        case 'r':
          return header_id::refer_to;
        case 's':
          return header_id::subject;
        case 't':
          return header_id::to;
        case 'u':
          return header_id::allow_events;
        case 'v':
          return header_id::via;
        case 'x':
          return header_id::session_expires;
        case 'y':
          return header_id::identity;
        default:
          return header_id::unknown;
      }
    case 2:
      switch (to_lower_ascii(name[0])) {
        case 't':
          if (eq(name, "To")) return header_id::to;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 3:
      switch (to_lower_ascii(name[0])) {
        case 'v':
          if (eq(name, "Via")) return header_id::via;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 4:
      switch (to_lower_ascii(name[0])) {
        case 'c':
          if (eq(name, "CSeq")) return header_id::cseq;
          return header_id::unknown;
        case 'd':
          if (eq(name, "Date")) return header_id::date;
          return header_id::unknown;
        case 'f':
          if (eq(name, "From")) return header_id::from;
          return header_id::unknown;
        case 'p':
          if (eq(name, "Path")) return header_id::path;
          return header_id::unknown;
        case 'r':
          if (eq(name, "RSeq")) return header_id::rseq;
          if (eq(name, "RAck")) return header_id::rack;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 5:
      switch (to_lower_ascii(name[0])) {
        case 'a':
          if (eq(name, "Allow")) return header_id::allow;
          return header_id::unknown;
        case 'e':
          if (eq(name, "Event")) return header_id::event;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Route")) return header_id::route;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 6:
      switch (to_lower_ascii(name[0])) {
        case 'a':
          if (eq(name, "Accept")) return header_id::accept;
          return header_id::unknown;
        case 'm':
          if (eq(name, "Min-SE")) return header_id::min_se;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Reason")) return header_id::reason;
          return header_id::unknown;
        case 's':
          if (eq(name, "Server")) return header_id::server;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 7:
      switch (to_lower_ascii(name[0])) {
        case 'c':
          if (eq(name, "Call-ID")) return header_id::call_id;
          if (eq(name, "Contact")) return header_id::contact;
          return header_id::unknown;
        case 'e':
          if (eq(name, "Expires")) return header_id::expires;
          return header_id::unknown;
        case 'p':
          if (eq(name, "Privacy")) return header_id::privacy;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Require")) return header_id::require;
          return header_id::unknown;
        case 's':
          if (eq(name, "Subject")) return header_id::subject;
          return header_id::unknown;
        case 'w':
          if (eq(name, "Warning")) return header_id::warning;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 8:
      switch (to_lower_ascii(name[0])) {
        case 'i':
          if (eq(name, "Identity")) return header_id::identity;
          return header_id::unknown;
        case 'p':
          if (eq(name, "Priority")) return header_id::priority;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Refer-To")) return header_id::refer_to;
          if (eq(name, "Replaces")) return header_id::replaces;
          if (eq(name, "Reply-To")) return header_id::reply_to;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 9:
      switch (to_lower_ascii(name[0])) {
        case 'c':
          if (eq(name, "Call-Info")) return header_id::call_info;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Refer-Sub")) return header_id::refer_sub;
          return header_id::unknown;
        case 's':
          if (eq(name, "Supported")) return header_id::supported;
          return header_id::unknown;
        case 't':
          if (eq(name, "Timestamp")) return header_id::timestamp;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 10:
      switch (to_lower_ascii(name[0])) {
        case 'a':
          if (eq(name, "Alert-Info")) return header_id::alert_info;
          return header_id::unknown;
        case 'c':
          if (eq(name, "Content-ID")) return header_id::content_id;
          return header_id::unknown;
        case 'e':
          if (eq(name, "Error-Info")) return header_id::error_info;
          return header_id::unknown;
        case 'u':
          if (eq(name, "User-Agent")) return header_id::user_agent;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 11:
      switch (to_lower_ascii(name[0])) {
        case 'i':
          if (eq(name, "In-Reply-To")) return header_id::in_reply_to;
          return header_id::unknown;
        case 'm':
          if (eq(name, "Min-Expires")) return header_id::min_expires;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Referred-By")) return header_id::referred_by;
          if (eq(name, "Retry-After")) return header_id::retry_after;
          return header_id::unknown;
        case 'u':
          if (eq(name, "Unsupported")) return header_id::unsupported;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 12:
      switch (to_lower_ascii(name[0])) {
        case 'a':
          if (eq(name, "Allow-Events")) return header_id::allow_events;
          return header_id::unknown;
        case 'c':
          if (eq(name, "Content-Type")) return header_id::content_type;
          return header_id::unknown;
        case 'm':
          if (eq(name, "Max-Forwards")) return header_id::max_forwards;
          if (eq(name, "MIME-Version")) return header_id::mime_version;
          return header_id::unknown;
        case 'o':
          if (eq(name, "Organization")) return header_id::organization;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Record-Route")) return header_id::record_route;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 13:
      switch (to_lower_ascii(name[0])) {
        case 'a':
          if (eq(name, "Authorization")) return header_id::authorization;
          return header_id::unknown;
        case 'p':
          if (eq(name, "Proxy-Require")) return header_id::proxy_require;
          return header_id::unknown;
        case 's':
          if (eq(name, "Service-Route")) return header_id::service_route;
          return header_id::unknown;
        case 't':
          if (eq(name, "Target-Dialog")) return header_id::target_dialog;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 14:
      switch (to_lower_ascii(name[0])) {
        case 'a':
          if (eq(name, "Accept-Contact")) return header_id::accept_contact;
          return header_id::unknown;
        case 'c':
          if (eq(name, "Content-Length")) return header_id::content_length;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Reject-Contact")) return header_id::reject_contact;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 15:
      switch (to_lower_ascii(name[0])) {
        case 'a':
          if (eq(name, "Accept-Encoding")) return header_id::accept_encoding;
          if (eq(name, "Accept-Language")) return header_id::accept_language;
          return header_id::unknown;
        case 'c':
          if (eq(name, "Contribution-ID")) return header_id::contribution_id;
          if (eq(name, "Conversation-ID")) return header_id::conversation_id;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Refer-Events-At")) return header_id::refer_events_at;
          return header_id::unknown;
        case 's':
          if (eq(name, "Session-Expires")) return header_id::session_expires;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 16:
      switch (to_lower_ascii(name[0])) {
        case 'c':
          if (eq(name, "Content-Encoding")) return header_id::content_encoding;
          if (eq(name, "Content-Language")) return header_id::content_language;
          return header_id::unknown;
        case 'w':
          if (eq(name, "WWW-Authenticate")) return header_id::www_authenticate;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 18:
      switch (to_lower_ascii(name[0])) {
        case 'p':
          if (eq(name, "Proxy-Authenticate")) return header_id::proxy_authenticate;
          return header_id::unknown;
        case 's':
          if (eq(name, "Subscription-State")) return header_id::subscription_state;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 19:
      switch (to_lower_ascii(name[0])) {
        case 'a':
          if (eq(name, "Authentication-Info")) return header_id::authentication_info;
          return header_id::unknown;
        case 'c':
          if (eq(name, "Content-Disposition")) return header_id::content_disposition;
          return header_id::unknown;
        case 'p':
          if (eq(name, "P-Asserted-Identity")) return header_id::p_asserted_identity;
          if (eq(name, "Proxy-Authorization")) return header_id::proxy_authorization;
          return header_id::unknown;
        case 'r':
          if (eq(name, "Request-Disposition")) return header_id::request_disposition;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 20:
      switch (to_lower_ascii(name[0])) {
        case 'p':
          if (eq(name, "P-Preferred-Identity")) return header_id::p_preferred_identity;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    case 21:
      switch (to_lower_ascii(name[0])) {
        case 'p':
          if (eq(name, "P-Access-Network-Info")) return header_id::p_access_network_info;
          return header_id::unknown;
        default:
          return header_id::unknown;
      }
    default:
      return header_id::unknown;
  }
}

/// The spelling sipref writes for a caller-supplied header name: the registered long form
/// when the name is known (so `"r"` and `"refer-to"` both give `"Refer-To"`), else @p name
/// itself. The result aliases @p name or a string literal.
[[nodiscard]] constexpr std::string_view canonical_name(std::string_view name SIPREF_LIFETIMEBOUND) noexcept {
  const header_id id = lookup_header(name);
  return id == header_id::unknown ? name : long_name(id);
}

/// True when the header name @p name denotes @p id (any case, long or compact form).
[[nodiscard]] constexpr bool names(std::string_view name, header_id id) noexcept { return lookup_header(name) == id; }

SIPREF_END_NAMESPACE

#endif  // SIPREF_HEADER_NAMES_HPP
