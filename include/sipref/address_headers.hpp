// SPDX-License-Identifier: MIT
/// @file address_headers.hpp
/// The headers whose values are name-addr / addr-spec: From and To (RFC 3261 §20.20, §20.39),
/// Contact (§20.10), Route and Record-Route (§20.34, §20.30), Referred-By (RFC 3892 §3),
/// P-Asserted-Identity and P-Preferred-Identity (RFC 3325 §9.1, §9.2). All of them are
/// parsed with the one `name_addr.hpp` mechanism; this header adds each one's own rules.
#ifndef SIPREF_ADDRESS_HEADERS_HPP
#define SIPREF_ADDRESS_HEADERS_HPP

#include <cstddef>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "name_addr.hpp"
#include "uri.hpp"

SIPREF_BEGIN_NAMESPACE

// ------------------------------------------------------------------------------------------
// From / To
// ------------------------------------------------------------------------------------------

/// Parses a From or To value and checks its `tag` parameter.
///
/// @par ABNF (RFC 3261 §25.1)
/// `From = ( "From" / "f" ) HCOLON from-spec`, `from-spec = ( name-addr / addr-spec ) *( SEMI from-param )`
/// `from-param = tag-param / generic-param`, `tag-param = "tag" EQUAL token`
/// (`To` is the same with `to-param`).
///
/// Errors: those of `parse_addr_value`; `bad_param` (offset of the parameter name) for a `tag`
/// without a token value. Read the tag with `v->params.get("tag")`. The result aliases
/// @p input.
[[nodiscard]] constexpr result<addr_value_view> parse_from_to(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  // The tag parameter is picked up while the value is scanned (names are unique, so there
  // is at most one) and checked once the whole value is valid.
  grammar::param_view tag;
  bool has_tag = false;
  const auto find_tag = [&](const grammar::param_view& p) noexcept {
    if (p.name.size() == 3 && grammar::iequals(p.name, "tag")) {
      tag = p;
      has_tag = true;
    }
    return error{};
  };
  addr_value_view v;
  if (const error e = detail::parse_addr_value_to(input, v, {}, find_tag)) return e;
  if (has_tag && (!tag.has_value || !grammar::is_token(tag.value)))
    return error{errc::bad_param, grammar::offset_in(input, tag.name)};
  return v;
}

// ------------------------------------------------------------------------------------------
// Contact
// ------------------------------------------------------------------------------------------

/// A parsed Contact value: `*` or a list of contact-params. Aliases the parsed text.
struct contact_view {
  bool star = false;    ///< `Contact: *` (REGISTER only)
  addr_list_view list;  ///< the values when not `*`
};

/// Parses a Contact value.
///
/// @par ABNF (RFC 3261 §25.1)
/// `Contact = ("Contact" / "m" ) HCOLON ( STAR / (contact-param *(COMMA contact-param)))`
/// `contact-param = (name-addr / addr-spec) *(SEMI contact-params)`
///
/// Feature tags such as `+g.oma.sip-im` are `contact-extension` parameters (RFC 3840 §9):
/// `v->list.front().params.contains("+g.oma.sip-im")`. Errors: those of `parse_addr_list`.
[[nodiscard]] constexpr result<contact_view> parse_contact(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  grammar::scanner s(input);
  grammar::skip_sws(s);
  if (s.consume('*')) {
    if (const error e = grammar::finish_value(s)) return e;
    return contact_view{true, {}};
  }
  auto l = parse_addr_list(input);
  if (!l) return l.error();
  return contact_view{false, *l};
}

// ------------------------------------------------------------------------------------------
// Route / Record-Route
// ------------------------------------------------------------------------------------------

/// Parses a Route or Record-Route value: a comma list of bracketed name-addrs.
///
/// @par ABNF (RFC 3261 §25.1)
/// `Route = "Route" HCOLON route-param *(COMMA route-param)`, `route-param = name-addr *( SEMI rr-param )`
///
/// Errors: those of `parse_addr_list`; `missing_laquot` for an addr-spec.
[[nodiscard]] constexpr result<addr_list_view> parse_route(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  name_addr_options opt;
  opt.require_brackets = true;
  return parse_addr_list(input, opt);
}

// ------------------------------------------------------------------------------------------
// Referred-By
// ------------------------------------------------------------------------------------------

/// Parses a Referred-By value and checks its `cid` parameter.
///
/// @par ABNF (RFC 3892 §3)
/// `Referred-By = ("Referred-By" / "b") HCOLON referrer-uri *( SEMI (referredby-id-param / generic-param) )`
/// `referredby-id-param = "cid" EQUAL sip-clean-msg-id`
/// `sip-clean-msg-id = LDQUOT dot-atom "@" (dot-atom / host) RDQUOT`
/// `dot-atom = atom *( "." atom )`, `atom = 1*( alphanum / "-" / "!" / "%" / "*" / "_" / "+" / "'" / "`" / "~" )`
/// (RFC 3892's `atom` is the `token_nodot` set, not RFC 5322 `atext`.)
///
/// Errors: those of `parse_addr_value`; `bad_msg_id` (offset of the parameter) for a malformed
/// `cid`. The result aliases @p input.
[[nodiscard]] constexpr result<addr_value_view> parse_referred_by(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  auto v = parse_addr_value(input);
  if (!v) return v;
  grammar::param_view cid;
  if (v->params.find("cid", cid)) {
    const std::string_view id = cid.unquoted_raw();
    const std::size_t at = id.find('@');
    const bool ok = cid.is_quoted() && at != std::string_view::npos &&
                    grammar::is_dot_atom(id.substr(0, at), grammar::token_nodot) &&
                    (grammar::is_dot_atom(id.substr(at + 1), grammar::token_nodot) ||
                     classify_host(id.substr(at + 1)) != host_kind::none);
    if (!ok) return error{errc::bad_msg_id, grammar::offset_in(input, cid.name)};
  }
  return v;
}

// ------------------------------------------------------------------------------------------
// P-Asserted-Identity / P-Preferred-Identity
// ------------------------------------------------------------------------------------------

/// Parses a P-Asserted-Identity or P-Preferred-Identity value.
///
/// @par ABNF (RFC 3325 §9.1, §9.2)
/// `PAssertedID = "P-Asserted-Identity" HCOLON PAssertedID-value *(COMMA PAssertedID-value)`
/// `PAssertedID-value = name-addr / addr-spec` (likewise `PPreferredID`)
///
/// Values carry no parameters (`bad_param` at the first one). RFC 3325 allows one or two
/// values, at most one sip/sips and at most one tel URI; a value breaking that is
/// `multiple_values` at its offset. Other schemes are accepted here and left for the caller
/// to ignore (RFC 5876 §4.5).
[[nodiscard]] constexpr result<addr_list_view> parse_identity(std::string_view input SIPREF_LIFETIMEBOUND) noexcept {
  // Each value is checked as the list is scanned; the list's own errors come first.
  int sip = 0, tel = 0;
  return detail::parse_addr_list_with(input, {}, [&](const addr_value_view& v) noexcept -> error {
    const std::size_t at = grammar::offset_in(input, v.addr.uri.text);
    if (!v.params.empty()) return {errc::bad_param, grammar::offset_in(input, v.params.text())};
    if (v.addr.uri.is_sip() && ++sip > 1) return {errc::multiple_values, at};
    if (v.addr.uri.scheme == uri_scheme::tel && ++tel > 1) return {errc::multiple_values, at};
    return {};
  });
}

// ------------------------------------------------------------------------------------------
// Composition
// ------------------------------------------------------------------------------------------

/// Header names for `basic_address` / `address_list`.
namespace header_names {
struct from {
  static constexpr std::string_view value = "From";
  static constexpr bool tag_is_token = true;  ///< `tag-param = "tag" EQUAL token`
};
struct to {
  static constexpr std::string_view value = "To";
  static constexpr bool tag_is_token = true;  ///< `tag-param = "tag" EQUAL token`
};
struct contact {
  static constexpr std::string_view value = "Contact";
};
struct route {
  static constexpr std::string_view value = "Route";
};
struct record_route {
  static constexpr std::string_view value = "Record-Route";
};
struct referred_by {
  static constexpr std::string_view value = "Referred-By";
};
struct p_asserted_identity {
  static constexpr std::string_view value = "P-Asserted-Identity";
};
struct p_preferred_identity {
  static constexpr std::string_view value = "P-Preferred-Identity";
};
}  // namespace header_names

/// `From: [name] <uri>;tag=...` (give the tag as a parameter).
using from_value = basic_address<header_names::from>;
/// `To: [name] <uri>[;tag=...]`.
using to_value = basic_address<header_names::to>;
/// One Contact value, e.g. with the `+g.oma.sip-im` feature tag as a flag parameter (C11).
using contact_value = basic_address<header_names::contact>;
/// `Referred-By: [name] <uri>` (RFC 3892 §3).
using referred_by_value = basic_address<header_names::referred_by>;

/// A comma list of name-addr values to compose (Route, Record-Route, P-Asserted-Identity,
/// P-Preferred-Identity), named by @p Name. At least one value (`missing_field` otherwise);
/// each value is validated as `name_addr` does.
template <class Name, bool AllowParams = true>
struct address_list {
  static constexpr std::string_view header_name = Name::value;
  list_ref<name_addr> values{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (values.empty()) return {errc::missing_field, 0};
    bool first = true;
    for (const name_addr& v : values) {
      if (!AllowParams && !v.params.empty()) return {errc::bad_param, 0};
      if (!first) w.put(std::string_view(", ", 2));
      if (const error e = v.compose(w)) return e;
      first = false;
    }
    return {};
  }
};

using route_value = address_list<header_names::route>;
using record_route_value = address_list<header_names::record_route>;
/// RFC 3325 §9.1: values without parameters.
using p_asserted_identity_value = address_list<header_names::p_asserted_identity, false>;
/// RFC 3325 §9.2: values without parameters.
using p_preferred_identity_value = address_list<header_names::p_preferred_identity, false>;

SIPREF_END_NAMESPACE

#endif  // SIPREF_ADDRESS_HEADERS_HPP
