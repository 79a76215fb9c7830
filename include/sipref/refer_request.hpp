// SPDX-License-Identifier: MIT
/// @file refer_request.hpp
/// The add/remove-participants REFER of PROCEDURE.md §2 (rules C1–C9, C11–C13): one request
/// value, composed either into a complete SIP message or into the parts (REFER header rows,
/// body, Content-Type) a caller's own stack puts into its message.
#ifndef SIPREF_REFER_REQUEST_HPP
#define SIPREF_REFER_REQUEST_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "address_headers.hpp"
#include "compose.hpp"
#include "config.hpp"
#include "content_disposition.hpp"
#include "content_id.hpp"
#include "content_type.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "header_names.hpp"
#include "multipart.hpp"
#include "name_addr.hpp"
#include "option_tags.hpp"
#include "privacy.hpp"
#include "refer_sub.hpp"
#include "refer_to.hpp"
#include "resource_lists.hpp"
#include "scalar_headers.hpp"
#include "uri.hpp"
#include "via.hpp"

SIPREF_BEGIN_NAMESPACE

/// Which deployment's defaults apply (PROCEDURE.md §2, profile table). Every default can be
/// overridden per request.
enum class refer_profile : std::uint8_t {
  oma,  ///< OMA SIMPLE IM (default): implicit subscription for one invitee
  rcs,  ///< GSMA RCS: `Refer-Sub: false` also for one invitee, entries `cp:copyControl="to"`
  ims,  ///< 3GPP IMS: as `oma`, plus P-Preferred-Identity (C12)
};

/// Add users to the session, or remove them (`method=BYE`, C13).
enum class refer_action : std::uint8_t { add, remove };

/// The kind of IM session; C8's group-size check applies to ad-hoc and 1-1 sessions only.
enum class session_kind : std::uint8_t { ad_hoc, one_to_one, pre_defined };

/// How the REFER treats the implicit subscription (RFC 3515 §2.4.4, RFC 4488).
enum class subscription_mode : std::uint8_t {
  profile_default,  ///< C4/C6: implicit for one invitee (oma, ims), suppressed otherwise
  implicit,         ///< no Refer-Sub header: NOTIFYs expected
  refer_sub_true,   ///< `Refer-Sub: true`
  suppressed,       ///< `Refer-Sub: false` plus `norefersub` in Supported or Require
};

/// Where the list of several invitees goes (C5).
enum class body_layout : std::uint8_t {
  plain,      ///< the list is the whole body, labelled by a SIP `Content-ID` (RFC 8262 §4)
  multipart,  ///< multipart/mixed with one part carrying the MIME Content-ID (RFC 8262 §1.4.2)
};

/// One user to add or remove: the list entry of RFC 4826/5364 (URI, optional display name,
/// optional copyControl). The REFER sets `method` itself when removing.
using invitee = resource_list_entry;

/// An extra header row the caller passes through (Subject, Contribution-ID,
/// P-Access-Network-Info ...): a token name and a value without CR, LF or other controls.
struct extra_header {
  std::string_view name{};
  std::string_view value{};
};

/// The state of the dialog a REFER is sent in (RFC 3261 §12.2.1.1; C1).
struct dialog_state {
  std::string_view call_id{};
  std::string_view local_tag{};
  std::string_view remote_tag{};
  std::string_view local_uri{};      ///< From URI
  std::string_view remote_uri{};     ///< To URI
  std::string_view remote_target{};  ///< the peer's Contact (the session's focus)
  list_ref<std::string_view> route_set{};  ///< URIs, in order
  std::uint32_t local_cseq = 0;    ///< the last local CSeq; the REFER uses the next one
};

/// The Via of the request (RFC 3261 §8.1.1.7): a fresh branch for every request.
struct via_info {
  std::string_view transport = "UDP";
  std::string_view host{};
  std::uint16_t port = 0;
  std::string_view branch{};  ///< starts with `z9hG4bK`; see `write_branch` in scalar_headers.hpp
  bool rport = false;
};

/// The default `User-Agent`, which begins with the OMA IM client product token (C11).
inline constexpr std::string_view default_user_agent = "IM-client/OMA1.0 sipref/0.1";
/// The feature tag of OMA SIMPLE IM (C11).
inline constexpr std::string_view oma_im_feature_tag = "+g.oma.sip-im";

/// A request to add or remove conference participants: everything C1–C13 need.
///
/// Compose it as a whole message with the `compose.hpp` entry points (`to_string(req)`,
/// `append_to(out, req)`, `compose_to(first, last, req)`), or in parts with
/// `refer_header_rows`, `refer_body` and `refer_content_type` when another stack builds the
/// message.
///
/// @par Example
/// @code
/// const sipref::invitee who[] = {{"sip:bob@example.com"}, {"sip:carol@example.com"}};
/// sipref::refer_request req;
/// req.session_uri = "sip:conf-123@im.example.com";
/// req.invitees = who;
/// req.from_uri = "sip:alice@example.com"; req.contact_uri = "sip:alice@192.0.2.1";
/// req.call_id = "a84b4c76e66710"; req.from_tag = "1928301774";
/// req.via = {"UDP", "192.0.2.1", 5060, "z9hG4bK776asdhds"};
/// req.content_id = "list-1@example.com";
/// auto text = sipref::to_string(req);  // REFER with Refer-To: <cid:list-1@example.com> ...
/// @endcode
///
/// Errors (composition fails, nothing usable is written): `group_size_exceeded` (C8; offset =
/// the number of invitees that would still fit), `no_invitees`, `duplicate_invitee` (offset =
/// index of the second one; checked up to `max_checked_duplicates` invitees), `missing_field` (offset identifies the field, see
/// `refer_field`), `reserved_header` (offset = index of the extra header), `duplicate_header`
/// (a single-valued extra header given twice; offset = index of the second), an invitee's
/// `parse_uri` error, `bad_scheme` (at 0) for a `cid:` invitee, or `unsafe_uri_header` /
/// `forbidden_uri_header` for an embedded header the recipient would refuse (S12; offset
/// inside that URI), `invalid_argument` at a SP/HTAB that starts or ends the User-Agent or an
/// extra header's value (a parser would drop it), a dialog tag that is not a token
/// (`bad_param`, as `from_value`/`to_value`), and every validation error of the headers and
/// the body (offset inside the offending value).
struct refer_request {
  // ---- what (C2, C3, C5, C13) ----
  std::string_view session_uri{};           ///< the IM Session Identity (Request-URI, To)
  list_ref<invitee> invitees{};           ///< one or more users
  refer_action action = refer_action::add;

  // ---- group size (C8) ----
  session_kind session = session_kind::ad_hoc;
  std::uint32_t max_adhoc_group_size = 0;            ///< 0: not provisioned, no check
  std::optional<std::uint32_t> current_participants{}; ///< for the stricter check

  // ---- anonymity (C9) ----
  bool anonymous = false;                  ///< `Privacy: id`
  privacy_flag privacy{};                  ///< further RFC 3323 values, combined with `id`

  // ---- profile and per-request overrides (C4, C6) ----
  refer_profile profile = refer_profile::oma;
  subscription_mode subscription = subscription_mode::profile_default;
  /// With suppression: `norefersub` in Require (true) or Supported (false). Unset: Require
  /// for several invitees (RFC 5368 §5), Supported for one (RFC 4488 §4 advice).
  std::optional<bool> norefersub_in_require{};
  body_layout layout = body_layout::plain;
  /// Put a single invitee's display name into Refer-To (off: some servers reject it,
  /// PEERS.md (d) 4).
  bool display_name_in_refer_to = false;

  // ---- the user (C11, C12) ----
  std::string_view from_uri{};               ///< new dialog: the user's public identity
  std::string_view from_display_name{};
  std::string_view preferred_identity{};     ///< P-Preferred-Identity URI (ims: From URI if empty)
  std::string_view contact_uri{};            ///< gets `;+g.oma.sip-im`
  std::string_view user_agent = default_user_agent;
  list_ref<extra_header> extra_headers{};  ///< Subject, Contribution-ID, P-Access-Network-Info ...

  // ---- the dialog (C1) ----
  const dialog_state* dialog = nullptr;    ///< non-null: the REFER goes inside this dialog
  std::string_view call_id{};                ///< new dialog
  std::string_view from_tag{};               ///< new dialog
  std::uint32_t cseq = 1;                  ///< new dialog
  via_info via{};
  std::uint32_t max_forwards = 70;

  // ---- the list body (C5) ----
  std::string_view content_id{};             ///< `id@host` labelling the list (several invitees)
  std::string_view boundary = "sipref-boundary";  ///< multipart layout

  /// Up to this many invitees, duplicates are refused (`duplicate_invitee`).
  static constexpr std::size_t max_checked_duplicates = 256;

  template <class Writer>
  constexpr error compose(Writer& w) const;
};

/// Identifies a missing field in a `missing_field` error's offset.
enum class refer_field : std::uint8_t {
  session_uri = 0,
  from_uri = 1,
  from_tag = 2,
  call_id = 3,
  contact_uri = 4,
  via_host = 5,
  via_branch = 6,
  content_id = 7,
};

/// What a request resolves to once the profile defaults and overrides are applied.
struct refer_plan {
  bool list = false;                 ///< several invitees: cid Refer-To + list body
  bool refer_sub = false;            ///< a Refer-Sub header is written
  bool refer_sub_value = true;       ///< ... with this value
  bool require_multiple_refer = false;
  bool require_norefersub = false;
  bool supported_norefersub = false;
  std::optional<copy_control> default_copy{};  ///< rcs: `to`
};

namespace detail {
constexpr error missing(refer_field f) noexcept { return {errc::missing_field, static_cast<std::size_t>(f)}; }

/// The header rows the REFER composer writes itself (an extra header may not repeat them), as
/// a table indexed by `header_id`.
struct reserved_refer_headers {
  bool v[256] = {};  // indexed by header_id: one load per extra header
  constexpr reserved_refer_headers() noexcept {
    constexpr header_id reserved[] = {
        header_id::via,          header_id::max_forwards, header_id::route,         header_id::from,
        header_id::to,           header_id::call_id,      header_id::cseq,          header_id::contact,
        header_id::refer_to,     header_id::refer_sub,    header_id::require,       header_id::supported,
        header_id::privacy,      header_id::p_preferred_identity, header_id::accept_contact,
        header_id::user_agent,   header_id::content_type, header_id::content_length,
        header_id::content_disposition, header_id::content_id};
    for (header_id r : reserved) v[static_cast<unsigned char>(r)] = true;
  }
};
inline constexpr reserved_refer_headers reserved_refer_header_table{};

/// True when @p id names a header row the REFER composer writes itself.
constexpr bool is_reserved_refer_header(header_id id) noexcept {
  return reserved_refer_header_table.v[static_cast<unsigned char>(id)];
}
}  // namespace detail

namespace detail {
/// What an invitee's parsed URI must also satisfy (the quick SIP shape always does): not a
/// `cid:` URI, which names a body part (RFC 2392) and in a Refer-To means "the list in the
/// body" (RFC 5368 §7; `bad_scheme` at 0), and embedded headers the recipient may turn into
/// header fields of its INVITE (S12; `check_uri_headers`).
constexpr error check_invitee_uri(const uri_view& u) noexcept {
  if (u.scheme == uri_scheme::cid) return {errc::bad_scheme, 0};
  return check_uri_headers(u);
}

/// Validates every invitee's URI and refuses duplicates (RFC 5368 §7: SHOULD NOT list a URI
/// twice; compared with SIP URI equality, S6). Every URI is checked once, the common shape by
/// `quick_sip_uri_params` (hashed from its parts), any other by `parse_uri`. Earlier URIs with
/// the same `uri_equality_hash` are found through a small open-addressing table (linear
/// probing, so all of them lie on the probe path before its first free slot), and only
/// those are parsed for `uri_equal`: the first invitee equal to an earlier one is reported.
/// Beyond `max_checked_duplicates` invitees (far above any provisioned group size) duplicates
/// are not looked for, which keeps composition linear; the receiving server collapses them
/// anyway (RFC 5363 §4.1).
constexpr error check_invitee_uris(list_ref<invitee> invitees) noexcept {
  constexpr std::size_t slots = 2 * refer_request::max_checked_duplicates;  // at most half full
  const std::size_t n = invitees.size();
  std::uint64_t hashes[refer_request::max_checked_duplicates] = {};
  std::uint16_t table[slots] = {};  // 1 + index of an invitee, 0 for a free slot
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view uri = invitees[i].uri;
    quick_sip_parts parts;
    std::uint64_t hash = 0;
    if (quick_sip_uri_params(uri, &parts) != std::string_view::npos) {
      hash = quick_equality_hash(parts);  // the same value as uri_equality_hash(*parse_uri(uri))
    } else {
      auto a = parse_uri(uri);
      if (!a) return a.error();
      if (const error e = check_invitee_uri(*a)) return e;
      hash = uri_equality_hash(*a);
    }
    if (n > refer_request::max_checked_duplicates) continue;
    hashes[i] = hash;
    std::size_t slot = static_cast<std::size_t>(hash ^ (hash >> 32)) % slots;
    for (; table[slot] != 0; slot = (slot + 1) % slots) {
      const std::size_t j = table[slot] - 1u;
      if (hashes[j] != hash) continue;
      auto a = parse_uri(uri);
      auto b = parse_uri(invitees[j].uri);
      if (a && b && uri_equal(*a, *b)) return error{errc::duplicate_invitee, i};
    }
    table[slot] = static_cast<std::uint16_t>(i + 1);
  }
  return {};
}
}  // namespace detail

/// Resolves the profile defaults and validates what does not depend on the output: invitee
/// count, group size (C8), duplicates, mandatory fields.
[[nodiscard]] constexpr result<refer_plan> plan_refer(const refer_request& r) noexcept {
  refer_plan p;
  const std::size_t n = r.invitees.size();
  if (n == 0) return error{errc::no_invitees, 0};
  p.list = n > 1;
  // C8: ad-hoc and 1-1 sessions hosted by the home IM server; adding only.
  if (r.action == refer_action::add && r.session != session_kind::pre_defined && r.max_adhoc_group_size != 0) {
    const std::uint64_t present = r.current_participants.value_or(0);
    if (present + n > r.max_adhoc_group_size) {
      const std::uint64_t room = present >= r.max_adhoc_group_size ? 0 : r.max_adhoc_group_size - present;
      return error{errc::group_size_exceeded, static_cast<std::size_t>(room)};
    }
  }
  if (n == 1) {
    // One invitee has nothing to be a duplicate of: validity is all that matters here.
    if (!sipref::detail::quick_valid_sip_uri(r.invitees[0].uri)) {
      auto a = parse_uri(r.invitees[0].uri);
      if (!a) return a.error();
      if (const error e = detail::check_invitee_uri(*a)) return e;
    }
  } else if (const error e = detail::check_invitee_uris(r.invitees)) {
    return e;
  }
  if (r.dialog == nullptr) {
    if (r.session_uri.empty()) return detail::missing(refer_field::session_uri);
    if (r.from_uri.empty()) return detail::missing(refer_field::from_uri);
    if (r.from_tag.empty()) return detail::missing(refer_field::from_tag);
    if (r.call_id.empty()) return detail::missing(refer_field::call_id);
  }
  if (r.contact_uri.empty()) return detail::missing(refer_field::contact_uri);
  if (r.via.host.empty()) return detail::missing(refer_field::via_host);
  if (r.via.branch.empty()) return detail::missing(refer_field::via_branch);
  if (p.list && r.content_id.empty()) return detail::missing(refer_field::content_id);

  subscription_mode mode = r.subscription;
  if (mode == subscription_mode::profile_default)
    mode = (p.list || r.profile == refer_profile::rcs) ? subscription_mode::suppressed : subscription_mode::implicit;
  p.refer_sub = mode == subscription_mode::suppressed || mode == subscription_mode::refer_sub_true;
  p.refer_sub_value = mode != subscription_mode::suppressed;
  const bool in_require = r.norefersub_in_require.value_or(p.list);
  p.require_norefersub = mode == subscription_mode::suppressed && in_require;
  p.supported_norefersub = mode == subscription_mode::suppressed && !in_require;
  p.require_multiple_refer = p.list;  // C7 (RFC 5368 §4 MUST)
  // copyControl makes no sense for a BYE (RFC 5368 §6), so only additions get rcs's `to`.
  if (r.profile == refer_profile::rcs && r.action == refer_action::add) p.default_copy = copy_control::to;
  return p;
}

namespace detail {

template <class Writer>
[[gnu::always_inline]] constexpr void put_row_start(Writer& w, std::string_view name) {
  w.put(name);
  w.put(std::string_view(": ", 2));
}

/// `Name: value CRLF` for a composable value named by its `header_name`.
template <class Writer, class T>
constexpr error put_row(Writer& w, const T& value) {
  return header_row_of<T>{value}.compose(w);
}

/// The list body: the invitees as RFC 4826 entries, with the REFER's method and the
/// profile's copyControl filled in where the caller left them unset.
struct invitee_list {
  const refer_request& req;
  const refer_plan& plan;
  bool validated = false;  ///< an earlier pass over the same request validated the list

  template <class Writer>
  constexpr error compose(Writer& w) const {
    // plan_refer validated every invitee's URI.
    resource_lists_body body =
        resource_lists_writer::with_checked_uris(resource_lists_body(req.invitees.begin(), req.invitees.size()));
    body.default_method = req.action == refer_action::remove ? std::string_view("BYE") : std::string_view{};
    body.default_copy = plan.default_copy;
    if (!validated) return body.compose(w);
    resource_lists_writer::write(w, body);
    return {};
  }
};

/// `cid:` URL of a Content-ID (RFC 2392 §2): characters outside `unreserved` and `@` are
/// percent-encoded so the URL decodes back to exactly the Content-ID.
struct cid_url {
  std::string_view id{};
  template <class Writer>
  constexpr error compose(Writer& w) const {
    w.put(std::string_view("cid:", 4));
    for (char c : id) {
      if (c == '@') {
        w.put(c);
      } else {
        grammar::pct_encode(w, std::string_view(&c, 1), grammar::unreserved);
      }
    }
    return {};
  }
};

/// The REFER-specific header rows (what a stack that builds its own message needs).
///
/// @p checked_from is the From URI when the caller has already composed (and so validated) it.
template <class Writer>
constexpr error write_refer_rows(Writer& w, const refer_request& r, const refer_plan& p,
                                 std::string_view checked_from = {}) {
  // Refer-To (C3 / C5 / C13): always bracketed.
  if (p.list) {
    const content_id cid = content_id::from_id(r.content_id);
    if (const error e = composed_size(cid).error()) return e;  // the label must be a msg-id
    w.put(row_prefix<refer_to_value>::view());
    w.put('<');
    (void)cid_url{r.content_id}.compose(w);
    w.put(std::string_view(">\r\n", 3));
  } else {
    const invitee& who = r.invitees[0];
    uri_ref target = detail::validated_uri_ref(who.uri);  // plan_refer validated it
    if (r.action == refer_action::remove) target = target.with_method("BYE");
    const std::string_view name = r.display_name_in_refer_to ? who.display_name : std::string_view{};
    if (const error e = put_row(w, refer_to_value{name, target})) return e;
  }
  // Refer-Sub (C4, C6) and the option tags (C6, C7).
  if (p.refer_sub) (void)put_row(w, refer_sub_value{p.refer_sub_value});
  if (p.require_multiple_refer || p.require_norefersub) {
    put_row_start(w, require_header::name);
    if (p.require_multiple_refer) w.put(option_tag::multiple_refer);
    if (p.require_multiple_refer && p.require_norefersub) w.put(std::string_view(", ", 2));
    if (p.require_norefersub) w.put(option_tag::norefersub);
    w.put(std::string_view("\r\n", 2));
  }
  if (p.supported_norefersub) {
    put_row_start(w, supported_header::name);
    w.put(option_tag::norefersub);
    w.put(std::string_view("\r\n", 2));
  }
  // Privacy (C9).
  const privacy_flag priv = r.anonymous ? (r.privacy | privacy_flag::id) : r.privacy;
  if (priv != privacy_flag{})
    if (const error e = put_row(w, privacy_value{priv})) return e;
  // P-Preferred-Identity (C11, C12).
  std::string_view ppi = r.preferred_identity;
  if (ppi.empty() && r.profile == refer_profile::ims) ppi = r.dialog ? r.dialog->local_uri : r.from_uri;
  if (!ppi.empty()) {
    // Usually the From URI itself, validated moments ago: then it is not checked twice.
    const bool checked = ppi.data() == checked_from.data() && ppi.size() == checked_from.size();
    const name_addr id[] = {{{}, checked ? detail::validated_uri_ref(ppi) : uri_ref(ppi)}};
    if (const error e = put_row(w, p_preferred_identity_value{id})) return e;
  }
  // Accept-Contact and User-Agent (C11).
  w.put(std::string_view("Accept-Contact: *;+g.oma.sip-im\r\n"));
  if (const error e = grammar::validate_quotable(r.user_agent)) return e;
  if (const error e = detail::validate_value_edges(r.user_agent)) return e;
  if (r.profile != refer_profile::ims && r.user_agent.substr(0, 16) != "IM-client/OMA1.0") return {errc::invalid_argument, 0};
  w.put(std::string_view("User-Agent: "));
  w.put(r.user_agent);
  w.put(std::string_view("\r\n", 2));
  // Extra headers (C12 pass-through).
  for (std::size_t i = 0; i < r.extra_headers.size(); ++i) {
    const extra_header& h = r.extra_headers[i];
    if (!grammar::is_token(h.name)) return {errc::bad_header_name, grammar::first_not_in(h.name, grammar::token_char)};
    const header_id id = lookup_header(h.name);
    if (detail::is_reserved_refer_header(id)) return {errc::reserved_header, i};
    // A single-valued header (Subject, ...) may be given once (RFC 3261 §7.3.1).
    if (id != header_id::unknown && is_single_valued(id))
      for (std::size_t j = 0; j < i; ++j)
        if (lookup_header(r.extra_headers[j].name) == id) return {errc::duplicate_header, i};
    if (const error e = grammar::validate_quotable(h.value)) return e;
    if (const error e = detail::validate_value_edges(h.value)) return e;
    put_row_start(w, id == header_id::unknown ? h.name : long_name(id));  // canonical_name
    w.put(h.value);
    w.put(std::string_view("\r\n", 2));
  }
  // Body labels (C5): plain layout only; multipart puts them on the part.
  if (p.list && r.layout == body_layout::plain) {
    w.put(std::string_view("Content-Disposition: recipient-list\r\n"));
    (void)put_row(w, content_id::from_id(r.content_id));
  }
  return {};
}

/// The body (empty unless several invitees).
template <class Writer>
constexpr error write_refer_body(Writer& w, const refer_request& r, const refer_plan& p, bool validated = false) {
  if (!p.list) return {};
  const invitee_list list{r, p, validated};
  if (r.layout == body_layout::plain) return list.compose(w);
  // multipart/mixed with one part (RFC 8262 §1.4.2). The list composer writes CRLF only
  // before '<' or spaces, so "CRLF--boundary" cannot occur inside the part; the document's
  // final CRLF is the one that begins the close delimiter (RFC 2046 §5.1.1).
  if (const error e = check_boundary(r.boundary)) return e;
  w.put(std::string_view("--", 2));
  w.put(r.boundary);
  w.put(std::string_view("\r\nContent-Type: application/resource-lists+xml\r\n"
                         "Content-Disposition: recipient-list\r\n"));
  (void)put_row(w, content_id::from_id(r.content_id));
  w.put(std::string_view("\r\n", 2));
  if (const error e = list.compose(w)) return e;
  w.put(std::string_view("--", 2));
  w.put(r.boundary);
  w.put(std::string_view("--\r\n", 4));
  return {};
}

}  // namespace detail

/// The REFER-specific header rows of @p r (Refer-To, Refer-Sub, Require, Supported, Privacy,
/// P-Preferred-Identity, Accept-Contact, User-Agent, extra headers, and for the plain list
/// layout Content-Disposition and Content-ID), for a stack that writes Via, From, To,
/// Call-ID, CSeq, Contact, Content-Type and Content-Length itself.
struct refer_header_rows {
  const refer_request& request;
  template <class Writer>
  constexpr error compose(Writer& w) const {
    auto p = plan_refer(request);
    if (!p) return p.error();
    return detail::write_refer_rows(w, request, *p);
  }
};

/// The body of @p r: empty for one invitee, the resource-lists document or the multipart
/// body for several.
struct refer_body {
  const refer_request& request;
  template <class Writer>
  constexpr error compose(Writer& w) const {
    auto p = plan_refer(request);
    if (!p) return p.error();
    return detail::write_refer_body(w, request, *p);
  }
};

/// The Content-Type value of @p r's body (nothing for one invitee).
struct refer_content_type {
  static constexpr std::string_view header_name = "Content-Type";
  const refer_request& request;
  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (request.invitees.size() < 2) return {};
    if (request.layout == body_layout::plain) {
      w.put(resource_lists_media_type);
      return {};
    }
    return multipart_content_type{"mixed", request.boundary}.compose(w);
  }
};

template <class Writer>
constexpr error refer_request::compose(Writer& w) const {
  auto planned = plan_refer(*this);
  if (!planned) return planned.error();
  const refer_plan& p = *planned;

  // Request line and routing (C1, C2; RFC 3261 §12.2.1.1).
  std::string_view request_uri = session_uri;
  std::size_t first_route = 0;
  bool strict_route = false;
  bool route_checked = false;  // route_set[0] fully validated by the loose-routing test below
  if (dialog != nullptr) {
    request_uri = dialog->remote_target;
    if (!dialog->route_set.empty()) {
      const std::string_view route = dialog->route_set[0];
      const std::size_t params_at = sipref::detail::quick_sip_uri_params(route);
      bool loose = false;
      if (params_at != std::string_view::npos) {  // the common shape, checked cheaply
        loose = sipref::detail::quick_has_param(route, params_at, "lr");
        route_checked = true;
      } else {  // anything else is checked in full (headers too) when its row is written
        auto first = parse_uri(route);
        if (!first) return first.error();
        loose = first->params.contains("lr");
      }
      if (!loose) {
        // Strict router: it becomes the Request-URI, the remote target goes last in Route.
        strict_route = true;
        request_uri = dialog->route_set[0];
        first_route = 1;
      }
    }
    if (dialog->local_cseq >= sipref::cseq::max_number) return {errc::number_overflow, 0};
  }
  if (!sipref::detail::quick_valid_sip_uri(request_uri)) {
    auto ru = parse_uri(request_uri);
    if (!ru) return ru.error();
  }
  w.put(std::string_view("REFER ", 6));
  w.put(request_uri);
  w.put(std::string_view(" SIP/2.0\r\n", 10));

  if (const error e = detail::put_row(w, via_parm{via.transport, via.host, via.port, via.branch, via.rport}))
    return e;
  if (const error e = detail::put_row(w, sipref::max_forwards{max_forwards})) return e;
  if (dialog != nullptr && (dialog->route_set.size() > first_route || strict_route)) {
    w.put(detail::row_prefix<route_value>::view());
    bool first = true;
    for (std::size_t i = first_route; i < dialog->route_set.size(); ++i) {
      if (!first) w.put(std::string_view(", ", 2));
      const std::string_view route = dialog->route_set[i];
      const uri_ref target = i == 0 && route_checked ? detail::validated_uri_ref(route) : uri_ref(route);
      if (const error e = name_addr{{}, target}.compose(w)) return e;
      first = false;
    }
    if (strict_route) {
      if (!first) w.put(std::string_view(", ", 2));
      if (const error e = name_addr{{}, dialog->remote_target}.compose(w)) return e;
    }
    w.put(std::string_view("\r\n", 2));
  }
  if (dialog != nullptr) {
    const grammar::param local_tag[] = {{"tag", dialog->local_tag}};
    const grammar::param remote_tag[] = {{"tag", dialog->remote_tag}};
    const list_ref<grammar::param> lt = dialog->local_tag.empty() ? list_ref<grammar::param>{} : local_tag;
    const list_ref<grammar::param> rt = dialog->remote_tag.empty() ? list_ref<grammar::param>{} : remote_tag;
    if (const error e = detail::put_row(w, from_value{from_display_name, dialog->local_uri, lt})) return e;
    if (const error e = detail::put_row(w, to_value{{}, dialog->remote_uri, rt})) return e;
    if (const error e = detail::put_row(w, sipref::call_id{dialog->call_id})) return e;
    if (const error e = detail::put_row(w, sipref::cseq{dialog->local_cseq + 1, "REFER"})) return e;
  } else {
    const grammar::param tag[] = {{"tag", from_tag}};
    if (!grammar::is_token(from_tag)) return {errc::bad_param, grammar::first_not_in(from_tag, grammar::token_char)};
    if (const error e = detail::put_row(w, from_value{from_display_name, from_uri, tag})) return e;
    if (const error e = detail::put_row(w, to_value{{}, session_uri})) return e;
    if (const error e = detail::put_row(w, sipref::call_id{call_id})) return e;
    if (const error e = detail::put_row(w, sipref::cseq{cseq, "REFER"})) return e;
  }
  const grammar::param im[] = {{oma_im_feature_tag, {}, false}};
  if (const error e = detail::put_row(w, contact_value{{}, contact_uri, im})) return e;

  if (const error e = detail::write_refer_rows(w, *this, p, dialog != nullptr ? dialog->local_uri : from_uri)) return e;

  // Content-Type and the exact Content-Length (PROCEDURE.md §4), then the body.
  if (p.list) (void)detail::put_row(w, refer_content_type{*this});
  size_counter body_size;
  if (const error e = detail::write_refer_body(body_size, *this, p)) return e;
  w.put(std::string_view("Content-Length: "));
  grammar::write_decimal(w, body_size.size());
  w.put(std::string_view("\r\n\r\n", 4));
  return detail::write_refer_body(w, *this, p, true);  // validated by the counting pass
}

SIPREF_END_NAMESPACE

#endif  // SIPREF_REFER_REQUEST_HPP
