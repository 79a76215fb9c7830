// SPDX-License-Identifier: MIT
/// @file refer_checker.hpp
/// The checks a server-side harness runs on a received add/remove-participants REFER
/// (PROCEDURE.md §3, rules S1–S12): every finding with its rule, severity, byte offset, the
/// response a server would send and a message, plus the invitees the REFER names,
/// deduplicated with SIP URI equality (S6).
///
/// Unlike the parsers, the checker is a harness tool: it returns its report in `std::vector`s
/// and `std::string`s (it allocates), and it never throws on any input other than
/// `std::bad_alloc`.
#ifndef SIPREF_REFER_CHECKER_HPP
#define SIPREF_REFER_CHECKER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compose.hpp"
#include "config.hpp"
#include "content_disposition.hpp"
#include "content_id.hpp"
#include "content_type.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "header_names.hpp"
#include "message.hpp"
#include "multipart.hpp"
#include "option_tags.hpp"
#include "privacy.hpp"
#include "refer_sub.hpp"
#include "refer_to.hpp"
#include "resource_lists.hpp"
#include "uri.hpp"

SIPREF_BEGIN_NAMESPACE

/// How bad a finding is: `error` breaks a MUST/SHALL (the REFER is rejected), `warning`
/// breaks a SHOULD.
enum class severity : std::uint8_t { warning, error };

[[nodiscard]] constexpr std::string_view to_string(severity s) noexcept { return s == severity::error ? "error" : "warning"; }

/// One finding of the checker.
struct finding {
  std::string_view rule{};     ///< "S1" ... "S12"
  severity level = severity::error;
  std::size_t offset = 0;    ///< byte offset in the checked message
  std::uint16_t response = 0;  ///< the response a server would send for it (0: none)
  std::string message;       ///< what is wrong, for people
};

/// An invitee the REFER names (after S6 deduplication).
struct checked_invitee {
  std::string uri;           ///< the URI (XML-decoded for list entries)
  std::string display_name;  ///< decoded display name; empty when none
  std::string method;        ///< the method asked for (`INVITE` by default, `BYE` to remove)
  copy_control copy = copy_control::bcc;  ///< RFC 5364 copyControl (list entries)
  std::size_t offset = 0;    ///< where it is in the message
};

/// What the harness expects (PROCEDURE.md §3).
struct refer_expectations {
  std::string_view session_uri{};            ///< S10; empty: not checked
  /// S2: the option tags the harness supports in Require.
  std::vector<std::string_view> supported = {"multiple-refer", "norefersub", "replaces"};
  std::uint32_t max_adhoc_group_size = 0;  ///< S8; 0: not checked
  framing mode = framing::datagram;        ///< how the bytes arrived
  resource_lists_options lists{};          ///< limits for the list body
};

/// The checker's verdict.
struct refer_report {
  std::vector<finding> findings;
  std::vector<checked_invitee> invitees;  ///< deduplicated (S6)
  bool is_list = false;                   ///< Refer-To pointed at a URI list

  /// True when no finding has `error` severity.
  [[nodiscard]] bool ok() const noexcept {
    for (const finding& f : findings)
      if (f.level == severity::error) return false;
    return true;
  }
  /// The response a server sends: that of the first error in RFC 3261 §8.2 order (framing,
  /// Request-URI, extensions, then content), or 200 (RFC 7647 §5) when there is none.
  [[nodiscard]] std::uint16_t response() const noexcept {
    constexpr std::string_view order[] = {"S11", "S10", "S2", "S1", "S12", "S3", "S4", "S5", "S7", "S9", "S8"};
    for (std::string_view rule : order)
      for (const finding& f : findings)
        if (f.level == severity::error && f.rule == rule) return f.response;
    return 200;
  }
};

namespace detail {

class refer_checker {
 public:
  refer_checker(std::string_view input, const refer_expectations& exp) : input_(input), exp_(exp) {}

  refer_report run() {
    message_options mo;
    mo.mode = exp_.mode;
    auto m = parse_message(input_, mo);
    if (!m) {
      // Keep checking a message whose only faults are framing ones a lenient reader gets past
      // (the RFC 5368 §9 example's double SP, a wrong Content-Length); check_framing reports
      // them from the leniency flags.
      message_options lenient = mo;
      lenient.allow_extra_sp_in_start_line = true;
      lenient.allow_content_length_mismatch = true;
      auto second = parse_message(input_, lenient);
      strict_error_ = m.error();
      if (!second) {
        add("S11", severity::error, m.error().offset, 400, "malformed message: " + std::string(to_string(m.code())));
        if (second.code() != m.code())
          add("S11", severity::error, second.error().offset, 400, "malformed message: " + std::string(to_string(second.code())));
        return std::move(report_);
      }
      m = second;
    }
    msg_ = *m;
    check_framing();
    if (!msg_.is_request() || msg_.method() != "REFER") {
      add("S11", severity::error, msg_.start_offset(), 400, "not a REFER request");
      return std::move(report_);
    }
    check_request_uri();
    check_require();
    check_privacy();
    check_refer_sub();
    check_refer_to();
    return std::move(report_);
  }

 private:
  void add(std::string_view rule, severity level, std::size_t offset, std::uint16_t response, std::string message) {
    report_.findings.push_back(finding{rule, level, offset, response, std::move(message)});
  }

  // S11: Content-Length and duplicate single-valued headers.
  void check_framing() {
    if (msg_.has_flag(flag_extra_sp_in_start_line))
      add("S11", severity::error, strict_error_.code == errc::bad_start_line ? strict_error_.offset : msg_.start_offset(), 400, "malformed start line: exactly one SP between elements (RFC 3261 §7.1)");
    if (msg_.has_flag(flag_content_length_mismatch))
      add("S11", severity::error, msg_.body_offset(), 400, "Content-Length larger than the body (RFC 3261 §18.3)");
    if (msg_.has_flag(flag_no_content_length))
      add("S11", severity::error, msg_.body_offset(), 400, "Content-Length missing (RFC 3261 §18.3)");
    if (msg_.has_flag(flag_trailing_bytes_discarded))
      add("S11", severity::error, msg_.body_offset() + msg_.body().size(), 400,
          "bytes after the body: Content-Length smaller than the datagram (RFC 3261 §18.3)");
    for (const header_field_view& d : msg_.headers().duplicates())
      add("S11", severity::error, d.name_offset, 400, "duplicate " + std::string(long_name(d.id)) + " header");
  }

  // S10: Request-URI = the expected IM Session Identity (compared with SIP URI equality).
  void check_request_uri() {
    if (exp_.session_uri.empty()) return;
    auto got = parse_uri(msg_.request_uri());
    auto want = parse_uri(exp_.session_uri);
    if (!got || !want || !uri_equal(*got, *want))
      add("S10", severity::error, msg_.start_offset() + 6, 404, "Request-URI is not the IM Session Identity " + std::string(exp_.session_uri));
  }

  // S2: every Require tag must be supported (RFC 3261 §8.2.2.3: 420 + Unsupported).
  void check_require() {
    for (const header_field_view& row : msg_.rows(header_id::require)) {
      auto tags = parse_require(row.value);
      if (!tags) {
        add("S2", severity::error, row.value_offset + tags.error().offset, 400,
            "malformed Require: " + std::string(to_string(tags.code())));
        continue;
      }
      for (std::string_view tag : *tags) {
        has_multiple_refer_ |= grammar::iequals(tag, option_tag::multiple_refer);
        has_norefersub_ |= grammar::iequals(tag, option_tag::norefersub);
        bool known = false;
        for (std::string_view s : exp_.supported) known |= grammar::iequals(tag, s);
        if (!known)
          add("S2", severity::error, row.value_offset + static_cast<std::size_t>(tag.data() - row.value.data()), 420,
              "unsupported option tag in Require (answer 420 with Unsupported: " + std::string(tag) + ")");
      }
    }
  }

  // S9: Privacy well-formed, `none` alone.
  void check_privacy() {
    for (const header_field_view& row : msg_.rows(header_id::privacy)) {
      auto p = parse_privacy(row.value);
      if (!p)
        add("S9", severity::error, row.value_offset + p.error().offset, 400,
            "malformed Privacy (RFC 3323 §4.2): " + std::string(to_string(p.code())));
    }
  }

  // A Refer-Sub other than true/false (RFC 4488 §4) cannot be honoured either way: it is
  // reported under S7, the rule about the subscription, as an error (400).
  void check_refer_sub() {
    for (const header_field_view& row : msg_.rows(header_id::refer_sub)) {
      auto v = parse_refer_sub(row.value);
      if (!v)
        add("S7", severity::error, row.value_offset + v.error().offset, 400,
            "malformed Refer-Sub (RFC 4488 §4): " + std::string(to_string(v.code())));
    }
  }

  // S1, S12, then the single-target or list checks.
  void check_refer_to() {
    const std::size_t rows = msg_.count(header_id::refer_to);
    if (rows == 0) {
      add("S1", severity::error, msg_.start_offset(), 400, "no Refer-To header (RFC 3515 §2.4.2)");
      return;
    }
    const header_field_view row = *msg_.find(header_id::refer_to);
    if (rows > 1) {
      std::size_t second = row.name_offset;
      for (const header_field_view& h : msg_.rows(header_id::refer_to)) second = h.name_offset;
      add("S1", severity::error, second, 400, "more than one Refer-To header (RFC 3515 §2.4.1)");
      return;
    }
    name_addr_options opt;
    opt.uri.allow_unescaped_header_chars = false;
    auto r = parse_refer_to(row.value, opt);
    if (!r) {
      if (r.code() == errc::multiple_values) {
        add("S1", severity::error, row.value_offset + r.error().offset, 400, "more than one Refer-To value (RFC 3515 §2.4.1)");
      } else {
        add("S1", severity::error, row.value_offset + r.error().offset, 400,
            "malformed Refer-To: " + std::string(to_string(r.code())));
      }
      return;
    }
    if (const error e = r->check_embedded_headers(row.value))
      add("S12", severity::error, row.value_offset + e.offset, 400,
          e.code == errc::unsafe_uri_header ? "embedded URI header decodes to CR, LF or NUL"
                                            : "embedded URI header that RFC 3261 §19.1.5 forbids");
    if (r->is_list_reference()) {
      report_.is_list = true;
      check_list(row, *r);
    } else {
      const auto at = row.value_offset + static_cast<std::size_t>(r->target().text.data() - row.value.data());
      std::string name;
      string_writer w(name);
      r->display_name().decode(w);
      report_.invitees.push_back({std::string(r->target().text), name, std::string(r->method(true)), copy_control::bcc, at});
      check_group_size(1, at);
    }
  }

  // S3–S8 for a REFER whose Refer-To is `<cid:...>` (RFC 5368).
  void check_list(const header_field_view& refer_to_row, const refer_to_view& r) {
    const std::size_t cid_at = refer_to_row.value_offset + static_cast<std::size_t>(r.target().text.data() - refer_to_row.value.data());
    if (!has_multiple_refer_)
      add("S3", severity::error, cid_at, 400, "Refer-To is a cid: URI but Require lacks multiple-refer (RFC 5368 §4)");
    // S7: the SHOULDs of RFC 5368 §5 (a malformed Refer-Sub is reported by check_refer_sub).
    bool refer_sub_false = false;
    if (auto rs = msg_.find(header_id::refer_sub)) {
      auto v = parse_refer_sub(rs->value);
      refer_sub_false = v && !v->value;
    }
    if (!refer_sub_false)
      add("S7", severity::warning, cid_at, 0, "list REFER without Refer-Sub: false (RFC 5368 §5 SHOULD)");
    if (!has_norefersub_)
      add("S7", severity::warning, cid_at, 0, "list REFER without norefersub in Require (RFC 5368 §5 SHOULD)");

    // Find the body part the cid names: the whole body (SIP Content-ID) or a multipart part.
    std::string cid;
    string_writer w(cid);
    write_cid_content_id(w, r.target());
    const auto ct_row = msg_.find(header_id::content_type);
    if (!ct_row || msg_.body().empty()) {
      add("S5", severity::error, msg_.body_offset(), 400, "list REFER without a body");
      return;
    }
    auto ct = parse_content_type(ct_row->value);
    if (!ct) {
      add("S5", severity::error, ct_row->value_offset + ct.error().offset, 400, "malformed Content-Type");
      return;
    }
    header_fields_view part_headers = msg_.headers();
    std::string_view list_body = msg_.body();
    std::size_t list_offset = msg_.body_offset();
    std::size_t ct_offset = ct_row->value_offset;
    content_type_view list_type = *ct;
    if (ct->is("multipart", "mixed") || grammar::iequals(ct->type, "multipart")) {
      auto boundary = boundary_of(ct_row->value);
      auto mp = boundary ? parse_multipart(msg_.body(), *boundary) : result<multipart_view>(boundary.error());
      if (!mp) {
        add("S5", severity::error, msg_.body_offset() + (boundary ? mp.error().offset : 0), 400, "malformed multipart body");
        return;
      }
      auto part = mp->find_by_content_id(cid);
      if (!part) {
        add("S4", severity::error, cid_at, 400, "no body part has Content-ID <" + cid + ">");
        return;
      }
      part_headers = part->headers;
      list_body = part->body;
      list_offset = msg_.body_offset() + part->body_offset;
      const auto pct = part->headers.find(header_id::content_type);
      auto pt = pct ? parse_content_type(pct->value) : result<content_type_view>(error{errc::missing_header, 0});
      if (!pt) {
        add("S5", severity::error, msg_.body_offset() + part->offset, 400, "list part without a valid Content-Type");
        return;
      }
      list_type = *pt;
      ct_offset = msg_.body_offset() + pct->value_offset;
    } else {
      const auto id_row = msg_.find(header_id::content_id);
      auto id = id_row ? parse_content_id(id_row->value) : result<content_id_view>(error{errc::missing_header, 0});
      if (!id || !content_id_equals(*id, cid))
        add("S4", severity::error, cid_at, 400, "cid:" + cid + " does not match the Content-ID of the body");
    }
    if (!list_type.is("application", "resource-lists+xml"))
      add("S5", severity::error, ct_offset, 400, "list body is not application/resource-lists+xml");
    const auto disp = part_headers.find(header_id::content_disposition);
    auto d = disp ? parse_content_disposition(disp->value) : result<content_disposition_view>(error{errc::missing_header, 0});
    if (!d || !d->is(disposition_types::recipient_list))
      add("S5", severity::error, disp ? disp->value_offset : list_offset, 400, "list body without Content-Disposition: recipient-list (RFC 5363 §4.1)");

    // The document itself.
    std::size_t entries = 0;
    auto summary = for_each_resource_list_item(
        list_body,
        [&](const resource_list_item& item) {
          if (item.kind != list_item_kind::entry) return;
          ++entries;
          add_list_invitee(item, list_offset);
        },
        exp_.lists);
    if (!summary) {
      report_.invitees.clear();
      add("S5", severity::error, list_offset + summary.error().offset, 400,
          "list body is not a valid resource-lists document: " + std::string(to_string(summary.code())));
      return;
    }
    if (summary->entry_refs != 0)
      add("S5", severity::error, list_offset + summary->first_entry_ref, 400, "entry-ref in a multiple-REFER list (RFC 5368 §7)");
    if (summary->externals != 0)
      add("S5", severity::error, list_offset + summary->first_external, 400, "external in a multiple-REFER list (RFC 5368 §7)");
    if (summary->nested_lists != 0)
      add("S5", severity::error, list_offset + summary->first_nested_list, 400, "nested list in a multiple-REFER list (RFC 5368 §7)");
    if (entries == 0) add("S5", severity::error, list_offset, 400, "the list has no entry");
    check_group_size(report_.invitees.size(), list_offset);
  }

  void add_list_invitee(const resource_list_item& item, std::size_t base) {
    checked_invitee inv;
    inv.offset = base + item.uri_offset;
    string_writer uw(inv.uri), nw(inv.display_name);
    item.uri.decode(uw);
    if (item.has_display_name) item.display_name.decode(nw);
    inv.copy = item.copy;
    auto u = parse_uri(inv.uri);
    if (!u) {
      add("S5", severity::error, inv.offset, 400, "entry uri is not a URI: " + std::string(to_string(u.code())));
      return;
    }
    if (const error e = check_uri_headers(*u))
      add("S12", severity::error, inv.offset, 400, "embedded URI header in a list entry decodes to CR/LF/NUL or is forbidden");
    const std::string_view m = u->method(true);
    inv.method = m.empty() ? "INVITE" : std::string(m);
    // S6: collapse duplicates by SIP URI equality; equal URIs share `uri_equality_hash`.
    auto range = seen_.equal_range(uri_equality_hash(*u));
    for (auto it = range.first; it != range.second; ++it) {
      auto other = parse_uri(report_.invitees[it->second].uri);
      if (other && uri_equal(*u, *other)) {
        add("S6", severity::warning, inv.offset, 0, "duplicate URI " + inv.uri + " collapsed (RFC 5368 §7, RFC 5363 §4.1)");
        return;
      }
    }
    seen_.emplace(uri_equality_hash(*u), report_.invitees.size());
    report_.invitees.push_back(std::move(inv));
  }

  // S8: MAX-ADHOC-GROUP-SIZE.
  void check_group_size(std::size_t n, std::size_t at) {
    if (exp_.max_adhoc_group_size != 0 && n > exp_.max_adhoc_group_size)
      add("S8", severity::error, at, 403,
          std::to_string(n) + " invitees exceed MAX-ADHOC-GROUP-SIZE " + std::to_string(exp_.max_adhoc_group_size));
  }

  std::string_view input_{};
  const refer_expectations& exp_;
  message_view msg_{};
  error strict_error_{};  // why the strict parse failed, when a lenient one was needed
  refer_report report_{};
  bool has_multiple_refer_ = false;
  bool has_norefersub_ = false;
  std::unordered_multimap<std::uint64_t, std::size_t> seen_;  // uri_equality_hash → invitee
};

}  // namespace detail

/// Checks the REFER in @p input against @p expected and returns every finding of S1–S12 and
/// the invitees it names.
///
/// @par Example
/// @code
/// sipref::refer_expectations exp;
/// exp.session_uri = "sip:conf-123@example.com";
/// auto report = sipref::check_refer(bytes, exp);
/// for (const auto& f : report.findings) std::cout << f.rule << ' ' << to_string(f.level) << '\n';
/// @endcode
[[nodiscard]] inline refer_report check_refer(std::string_view input, const refer_expectations& expected = {}) {
  return detail::refer_checker(input, expected).run();
}

SIPREF_END_NAMESPACE

#endif  // SIPREF_REFER_CHECKER_HPP
