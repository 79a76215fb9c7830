// SPDX-License-Identifier: MIT
/// @file sipp_scenario.hpp
/// `sipref sipp-scenario`: turns the REFER `sipref refer` composes into a SIPp UAC scenario
/// (SIPp 3.x XML) that sends it with SIPp's own addressing and expects it to be accepted.
///
/// What the scenario's REFER keeps from the composed one: the Request-URI (or, with
/// `--request-uri keywords`, `sip:[service]@[remote_ip]:[remote_port]`), every header row and
/// the body byte for byte. What SIPp provides: the Via (`SIP/2.0/[transport]
/// [local_ip]:[local_port];branch=[branch]`), the Call-ID (`[call_id]`, so SIPp can match the
/// answers to its call), the From tag of a new dialog (`[pid]SIPpTag00[call_number]`), the
/// Contact URI (`sip:USER@[local_ip]:[local_port];transport=[transport]`, its parameters such as
/// `+g.oma.sip-im` kept, so the NOTIFYs reach SIPp) and Content-Length (`[len]`).
///
/// The scenario expects 200 or 202 (after an optional 100); when the REFER keeps the implicit
/// subscription (no `Refer-Sub: false`), it then receives NOTIFYs and answers each 200 until
/// one says `terminated`. Any other message fails the call (SIPp's "unexpected message").
///
/// Escaping: SIPp reads `<send>` text from a CDATA section, strips leading and trailing
/// whitespace of every line and of the whole message, turns LF into CRLF, expands `[keyword]`
/// and decodes `\xHH`. So every literal byte that SIPp would change is written as `\xHH`:
/// `[`, `]`, `\`, line-edge SP/HTAB, controls, a bare CR or LF, and the body's final line end;
/// CRLF is written as a newline. `]` never appears raw, so neither does `]]>`. Attribute and
/// comment text is XML-escaped.
#ifndef SIPREF_TOOLS_SIPP_SCENARIO_HPP
#define SIPREF_TOOLS_SIPP_SCENARIO_HPP

#include <sipref/sipref.hpp>

#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

namespace sipref_tool {

/// Builds the text of one SIPp `<send>`: literal bytes escaped, keywords verbatim.
class sipp_text {
 public:
  /// Appends SIP bytes as SIPp must reproduce them.
  void literal(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      const auto u = static_cast<unsigned char>(c);
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
        trim_line_end();
        out_.push_back('\n');  // SIPp writes CRLF for it
        ++i;
        at_line_start_ = true;
        continue;
      }
      const bool edge_space = (c == ' ' || c == '\t') && at_line_start_;
      if (c == '[' || c == ']' || c == '\\' || u < 0x20 || u == 0x7f || edge_space || (escape_8bit_ && u >= 0x80)) {
        hex(u);
      } else {
        out_.push_back(c);
        if (c == ' ' || c == '\t') {
          pending_space_ = true;
          continue;
        }
      }
      at_line_start_ = false;
      pending_space_ = false;
    }
  }
  /// Appends a SIPp keyword such as `call_id` (written `[call_id]`).
  void keyword(std::string_view name) {
    out_.push_back('[');
    out_.append(name.data(), name.size());
    out_.push_back(']');
    at_line_start_ = false;
    pending_space_ = false;
  }
  /// Appends the final bytes of a message with a body, which SIPp would otherwise strip.
  void literal_all_escaped(std::string_view s) {
    for (char c : s) hex(static_cast<unsigned char>(c));
  }
  /// Write bytes >= 0x80 as `\xHH` too (for input that is not UTF-8).
  void escape_8bit(bool on) { escape_8bit_ = on; }
  [[nodiscard]] const std::string& str() const { return out_; }

 private:
  void hex(unsigned u) {
    char b[8];
    std::snprintf(b, sizeof b, "\\x%02X", u & 0xffu);
    out_ += b;
    at_line_start_ = false;
    pending_space_ = false;
  }
  /// SP/HTAB right before a line end would be stripped: rewrite them as `\x20`/`\x09`.
  void trim_line_end() {
    if (!pending_space_) return;
    std::size_t n = 0;
    while (n < out_.size() && (out_[out_.size() - 1 - n] == ' ' || out_[out_.size() - 1 - n] == '\t')) ++n;
    const std::string spaces = out_.substr(out_.size() - n);
    out_.resize(out_.size() - n);
    for (char c : spaces) hex(static_cast<unsigned char>(c));
  }

  std::string out_;
  bool at_line_start_ = true;
  bool pending_space_ = false;
  bool escape_8bit_ = false;
};

/// XML-escapes @p s for attribute values and element text.
inline std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          out += '?';  // not allowed in XML 1.0
        } else {
          out += c;
        }
    }
  }
  return out;
}

/// Text that may go into an XML comment: no `--`, no control characters.
inline std::string comment_safe(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '-' && !out.empty() && out.back() == '-') out += ' ';
    out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  }
  if (!out.empty() && out.back() == '-') out += ' ';
  return out;
}

/// How the scenario addresses the REFER.
struct sipp_options {
  bool request_uri_keywords = false;  ///< `sip:[service]@[remote_ip]:[remote_port]`
};

/// What `sipp_scenario` found in the composed REFER.
struct sipp_scenario_result {
  std::string xml;
  bool implicit_subscription = false;
};

namespace detail {

/// Replaces `[at, at + len)` of @p row (a composed header row) with a keyword.
inline void splice_keyword(sipp_text& t, std::string_view row, std::size_t at, std::size_t len, std::string_view kw) {
  t.literal(row.substr(0, at));
  t.keyword(kw);
  t.literal(row.substr(at + len));
}

}  // namespace detail

/// Turns the composed REFER @p refer into a SIPp UAC scenario. Errors: a REFER that does not
/// parse, or lacks Via, From, Call-ID or Contact (the composer always writes them).
inline sipref::result<sipp_scenario_result> sipp_scenario(std::string_view refer, const sipp_options& opt = {}) {
  using sipref::header_id;
  auto m = sipref::parse_message(refer);
  if (!m) return m.error();
  if (!m->is_request() || m->method() != "REFER") return sipref::error{sipref::errc::bad_method, 0};
  sipp_scenario_result res;
  res.implicit_subscription = true;
  if (auto rs = m->find(header_id::refer_sub)) {
    auto v = sipref::parse_refer_sub(rs->value);
    if (!v) return sipref::error{v.code(), rs->value_offset + v.error().offset};
    res.implicit_subscription = v->value;
  }
  bool in_dialog = false;
  if (auto to = m->find(header_id::to)) {
    auto t = sipref::parse_from_to(to->value);
    in_dialog = t && t->params.contains("tag");
  }

  sipp_text t;
  t.escape_8bit(sipref::grammar::find_invalid_utf8(refer) != std::string_view::npos);
  t.literal("REFER ");
  if (opt.request_uri_keywords) {
    t.literal("sip:");
    t.keyword("service");
    t.literal("@");
    t.keyword("remote_ip");
    t.literal(":");
    t.keyword("remote_port");
  } else {
    t.literal(m->request_uri());
  }
  t.literal(" SIP/2.0\r\n");
  bool via_done = false;
  for (const sipref::header_field_view& h : m->headers()) {
    // The row as composed: `Name: value` (the composer writes one row per header, no folds).
    const std::string row = std::string(h.name) + ": " + std::string(h.value);
    const std::size_t value_at = h.name.size() + 2;
    switch (h.id) {
      case header_id::via:
        if (via_done) continue;  // one Via: SIPp's
        {
          t.literal("Via: SIP/2.0/");
          t.keyword("transport");
          t.literal(" ");
          t.keyword("local_ip");
          t.literal(":");
          t.keyword("local_port");
          t.literal(";branch=");
          t.keyword("branch");
          via_done = true;
        }
        break;
      case header_id::call_id:
        t.literal("Call-ID: ");
        t.keyword("call_id");
        break;
      case header_id::content_length:
        t.literal("Content-Length: ");
        t.keyword("len");
        break;
      case header_id::from: {
        auto f = sipref::parse_from_to(h.value);
        const std::string_view tag = f ? f->params.get("tag") : std::string_view{};
        if (in_dialog || tag.empty()) {
          t.literal(row);
        } else {
          // A new dialog: SIPp's usual From tag, unique per call and per SIPp process.
          const std::size_t at = value_at + static_cast<std::size_t>(tag.data() - h.value.data());
          t.literal(std::string_view(row).substr(0, at));
          t.keyword("pid");
          t.literal("SIPpTag00");
          t.keyword("call_number");
          t.literal(std::string_view(row).substr(at + tag.size()));
        }
        break;
      }
      case header_id::contact: {
        auto c = sipref::parse_contact(h.value);
        if (!c || c->star || c->list.empty()) return sipref::error{sipref::errc::bad_uri, h.value_offset};
        const sipref::uri_view& u = c->list.front().addr.uri;
        const std::size_t at = value_at + static_cast<std::size_t>(u.text.data() - h.value.data());
        std::string user = u.is_sip() && !u.user.empty() ? std::string(u.user) : std::string("sipp");
        t.literal(std::string_view(row).substr(0, at));
        t.literal("sip:" + user + "@");
        t.keyword("local_ip");
        t.literal(":");
        t.keyword("local_port");
        t.literal(";transport=");
        t.keyword("transport");
        t.literal(std::string_view(row).substr(at + u.text.size()));
        break;
      }
      default:
        t.literal(row);
    }
    t.literal("\r\n");
  }
  if (!via_done) return sipref::error{sipref::errc::missing_header, 0};
  t.literal("\r\n");
  // The body, whose trailing line ends and spaces SIPp would strip: write them escaped.
  const std::string_view body = m->body();
  std::size_t keep = body.size();
  while (keep > 0 && (body[keep - 1] == '\r' || body[keep - 1] == '\n' || body[keep - 1] == ' ' || body[keep - 1] == '\t'))
    --keep;
  t.literal(body.substr(0, keep));
  t.literal_all_escaped(body.substr(keep));

  std::string rt_text;
  if (auto rt = m->find(header_id::refer_to)) rt_text = std::string(rt->value);
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<!-- Generated by `sipref sipp-scenario`: sends the REFER sipref composed (Refer-To: "
    << comment_safe(rt_text) << ") and expects 200 or 202"
    << (res.implicit_subscription ? ", then the NOTIFYs of the implicit subscription (RFC 3515 2.4.4), each answered 200"
                                  : " (Refer-Sub: false: no NOTIFY, RFC 4488)")
    << ".\n     Run: sipp HOST:PORT -sf FILE -m 1 [-t u1|t1]. SIPp supplies Via, Call-ID ([call_id]),"
    << (in_dialog ? "" : " the From tag,") << " Contact and Content-Length.";
  if (in_dialog) {
    auto cid = m->find(header_id::call_id);
    x << "\n     In-dialog REFER: to send the dialog's Call-ID "
      << comment_safe(cid ? cid->value : std::string_view{}) << ", run SIPp with -cid_str set to it.";
  }
  x << " -->\n"
    << "<scenario name=\"" << xml_escape("sipref REFER " + rt_text) << "\">\n"
    << "  <send retrans=\"500\">\n    <![CDATA[\n"
    << t.str() << "\n]]>\n  </send>\n"
    << "  <recv response=\"100\" optional=\"true\"/>\n"
    << "  <recv response=\"200\" optional=\"true\" next=\"accepted\"/>\n"
    << "  <recv response=\"202\"/>\n"
    << "  <label id=\"accepted\"/>\n";
  if (res.implicit_subscription) {
    // One element per step, no <nop> between them: SIPp only runs a nop when the call is next
    // scheduled, and a NOTIFY arriving meanwhile would be "unexpected". The `more` variable is
    // reset on every NOTIFY (assign 0), then set by the regexp when the state is not final.
    x << "  <recv request=\"NOTIFY\">\n"
      << "    <action>\n"
      << "      <assign assign_to=\"more\" value=\"0\"/>\n"
      << "      <ereg regexp=\"active|pending\" search_in=\"hdr\" header=\"Subscription-State:\" check_it=\"false\""
         " assign_to=\"more\"/>\n"
      << "    </action>\n"
      << "  </recv>\n"
      << "  <send test=\"more\" next=\"accepted\">\n    <![CDATA[\n"
      << "SIP/2.0 200 OK\n[last_Via:]\n[last_From:]\n[last_To:]\n[last_Call-ID:]\n[last_CSeq:]\nContent-Length: 0\n"
      << "\n]]>\n  </send>\n";
  } else {
    x << "  <!-- Refer-Sub: false: the REFER is complete once accepted. -->\n";
  }
  x << "</scenario>\n";
  res.xml = x.str();
  return res;
}

/// `sipref sipp-scenario [refer options] [--request-uri session|keywords]`: runs the `refer`
/// command (@p refer, called with the remaining arguments) into a buffer and prints the
/// scenario. Exit codes are those of `refer`, or 1 when its output cannot be converted.
template <class Args, class ReferCommand>
int cmd_sipp_scenario(Args& a, ReferCommand refer) {
  sipp_options opt;
  if (auto r = a.value("--request-uri")) {
    if (*r == "keywords") {
      opt.request_uri_keywords = true;
    } else if (*r != "session") {
      std::cerr << "sipref: bad --request-uri value: " << *r << " (session or keywords)\n";
      return 2;
    }
  }
  std::ostringstream composed;
  std::streambuf* const old = std::cout.rdbuf(composed.rdbuf());
  const int rc = refer(a);
  std::cout.rdbuf(old);
  if (rc != 0) return rc;
  auto s = sipp_scenario(composed.str(), opt);
  if (!s) {
    std::cerr << "sipref: cannot turn the REFER into a SIPp scenario: " << sipref::to_string(s.error().code) << " at offset "
              << s.error().offset << "\n";
    return 1;
  }
  std::cout << s->xml;
  return 0;
}

}  // namespace sipref_tool

#endif  // SIPREF_TOOLS_SIPP_SCENARIO_HPP
