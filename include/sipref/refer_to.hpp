// SPDX-License-Identifier: MIT
/// @file refer_to.hpp
/// The Refer-To header (RFC 3515 §2.1): exactly one name-addr or addr-spec naming the
/// resource to reference, with the embedded URI headers (Replaces ...) a transfer carries and
/// the `cid:` form RFC 5368 uses to point at a URI list.
#ifndef SIPREF_REFER_TO_HPP
#define SIPREF_REFER_TO_HPP

#include <cstddef>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "name_addr.hpp"
#include "uri.hpp"

SIPREF_BEGIN_NAMESPACE

/// A parsed Refer-To value. Aliases the parsed text.
struct refer_to_view {
  addr_value_view value;

  /// The referenced URI.
  [[nodiscard]] constexpr const uri_view& target() const noexcept { return value.addr.uri; }
  [[nodiscard]] constexpr const display_name_view& display_name() const noexcept { return value.addr.display_name; }
  /// Header parameters after the URI (`generic-param`; RFC 3515 defines none).
  [[nodiscard]] constexpr const grammar::params_view& params() const noexcept { return value.params; }
  /// True for `<cid:...>`: the target is a URI list in the body (RFC 5368 §7).
  [[nodiscard]] constexpr bool is_list_reference() const noexcept { return target().scheme == uri_scheme::cid; }
  /// The method the REFER-Recipient is asked to use: the URI's `method` parameter, "INVITE"
  /// when absent (RFC 3261 §19.1.1 Table 1). With @p accept_header_form the `?method=`
  /// spelling of RFC 5368 §9 is read too (PROCEDURE.md C13).
  [[nodiscard]] constexpr std::string_view method(bool accept_header_form = false) const noexcept {
    const std::string_view m = target().method(accept_header_form);
    return m.empty() ? std::string_view("INVITE") : m;
  }
  /// Checks the embedded URI headers before they become real header fields: none may decode
  /// to CR, LF or NUL (`unsafe_uri_header`) or name a header RFC 3261 §19.1.5 forbids
  /// (`forbidden_uri_header`). The offset is relative to the parsed Refer-To value
  /// (PROCEDURE.md S12).
  [[nodiscard]] constexpr error check_embedded_headers(std::string_view parsed_value) const noexcept {
    error e = check_uri_headers(target());
    if (e) e.offset += static_cast<std::size_t>(target().text.data() - parsed_value.data());
    return e;
  }
  /// Decodes, exactly once, the value of the embedded header @p name (case-insensitive;
  /// e.g. "Replaces") into @p w. Returns false when the URI has no such header.
  template <class Writer>
  constexpr bool decode_embedded_header(std::string_view name, Writer& w) const {
    uri_param_view h;
    if (!target().headers.find(name, h)) return false;
    grammar::pct_decode(w, h.value);
    return true;
  }
};

/// Parses a Refer-To header value.
///
/// @par ABNF (RFC 3515 §2.1)
/// `Refer-To = ("Refer-To" / "r") HCOLON ( name-addr / addr-spec ) *(SEMI generic-param)`
///
/// A REFER carries exactly one Refer-To value (RFC 3515 §2.4.1): a second comma-separated
/// value is `multiple_values` (the recipient answers 400, PROCEDURE.md S1). Absolute URIs
/// such as `cid:` and `http:` are legal targets (PEERS.md (c) 6). Parameters after an
/// unbracketed URI are header parameters (RFC 3261 §20.10); an unbracketed URI with `?`
/// headers is `unbracketed_uri`.
///
/// @par Example
/// @code
/// auto r = sipref::parse_refer_to("<sip:carol@cleveland.example.org;method=SUBSCRIBE>");
/// // r->method() == "SUBSCRIBE", r->target().host == "cleveland.example.org"
/// @endcode
///
/// Errors: those of `parse_addr_value`. Offsets are relative to @p input; the result aliases it.
[[nodiscard]] constexpr result<refer_to_view> parse_refer_to(std::string_view input SIPREF_LIFETIMEBOUND,
                                                             const name_addr_options& opt = {}) noexcept {
  auto v = parse_addr_value(input, opt);
  if (!v) return v.error();
  return refer_to_view{*v};
}

/// A Refer-To value to compose: always `<URI>` in angle brackets (PROCEDURE.md C3), an
/// optional display name, optional header parameters.
///
/// Give the URI as text, or as a `sip_uri` whose embedded headers (e.g. Replaces) are then
/// escaped exactly once.
///
/// @par Example
/// @code
/// sipref::uri_field replaces[] = {{"Replaces", "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994"}};
/// sipref::sip_uri target;
/// target.user = "dave"; target.host = "denver.example.org"; target.headers = replaces;
/// auto row = sipref::to_string(sipref::header_row(sipref::refer_to_value{{}, target}));
/// // "Refer-To: <sip:dave@denver.example.org?Replaces=12345%40192.168.118.3%3Bto-tag..."
/// @endcode
struct refer_to_name {
  static constexpr std::string_view value = "Refer-To";
};
using refer_to_value = basic_address<refer_to_name>;

SIPREF_END_NAMESPACE

#endif  // SIPREF_REFER_TO_HPP
