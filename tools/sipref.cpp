// SPDX-License-Identifier: MIT
/// @file sipref.cpp
/// The `sipref` command line tool: compose the add/remove-participants REFER, check a received
/// one (S1–S12), and parse NOTIFYs, resource lists and any SIP message. Harness scripts drive
/// it; its options, output lines and exit codes are a fixed contract (see README.md).
#include <sipref/sipref.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sipp_scenario.hpp"

namespace {

using namespace std::string_view_literals;

constexpr int exit_ok = 0;
constexpr int exit_findings = 1;  // check: error findings; notify/parse: malformed input
constexpr int exit_usage = 2;     // invalid option or value
constexpr int exit_group_size = 3;

[[noreturn]] void fail_usage(const std::string& message) {
  std::cerr << "sipref: " << message << "\n";
  std::exit(exit_usage);
}

/// Reads FILE, or standard input for "-".
std::string read_input(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(path, std::ios::binary);
  if (!in) fail_usage("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Prints the input line holding @p offset with a caret under it, like a compiler.
void print_caret(std::ostream& os, std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  std::size_t start = offset;
  while (start > 0 && text[start - 1] != '\n') --start;
  std::size_t end = offset;
  while (end < text.size() && text[end] != '\n') ++end;
  std::string shown;
  for (char c : text.substr(start, end - start)) shown += (static_cast<unsigned char>(c) < 0x20 && c != '\t') ? '?' : c;
  if (!shown.empty() && shown.back() == '?' && end > start && text[end - 1] == '\r') shown.pop_back();
  std::size_t line_no = 1;
  for (std::size_t i = 0; i < start; ++i) line_no += text[i] == '\n';
  const std::string number = std::to_string(line_no);
  os << "  " << number << " | " << shown << "\n";
  os << "  " << std::string(number.size(), ' ') << " | " << std::string(offset - start, ' ') << "^\n";
}

void report_error(std::string_view what, std::string_view text, sipref::error e) {
  std::cerr << "sipref: " << what << ": " << sipref::to_string(e.code) << " at offset " << e.offset << "\n";
  print_caret(std::cerr, text, e.offset);
}

std::string json_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}
std::string q(std::string_view s) { return "\"" + json_escape(s) + "\""; }

/// Simple option scanner: `--name value`, `--flag`, and positional arguments.
class args {
 public:
  args(int argc, char** argv, int first) {
    for (int i = first; i < argc; ++i) items_.emplace_back(argv[i]);
  }
  bool flag(std::string_view name) {
    for (auto it = items_.begin(); it != items_.end(); ++it)
      if (*it == name) {
        items_.erase(it);
        return true;
      }
    return false;
  }
  std::optional<std::string> value(std::string_view name) {
    auto all = values(name);
    if (all.size() > 1) fail_usage(std::string(name) + " given more than once");
    if (all.empty()) return std::nullopt;
    return all[0];
  }
  std::vector<std::string> values(std::string_view name) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < items_.size();) {
      if (items_[i] == name) {
        if (i + 1 >= items_.size()) fail_usage(std::string(name) + " needs a value");
        out.push_back(items_[i + 1]);
        items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i), items_.begin() + static_cast<std::ptrdiff_t>(i) + 2);
      } else {
        ++i;
      }
    }
    return out;
  }
  /// The single remaining positional argument (FILE or "-").
  std::string input() {
    if (items_.size() != 1 || (items_[0].size() > 1 && items_[0].rfind("--", 0) == 0))
      fail_usage(items_.empty() ? "missing FILE (or - for standard input)" : "unexpected argument " + items_[0]);
    return items_[0];
  }
  void done() {
    if (!items_.empty()) fail_usage("unexpected argument " + items_[0]);
  }

 private:
  std::vector<std::string> items_;
};

std::uint32_t parse_count(const std::string& option, const std::string& text) {
  sipref::grammar::scanner s(text);
  auto v = sipref::grammar::scan_uint(s, 0xffffffffu);
  if (!v || !s.at_end()) fail_usage("bad value for " + option + ": " + text);
  return static_cast<std::uint32_t>(*v);
}

// ------------------------------------------------------------------------------------------
// sipref refer
// ------------------------------------------------------------------------------------------

/// Splits `Name <URI>` / `"Name" <URI>` / `URI` into display name and URI.
std::pair<std::string, std::string> split_invitee(const std::string& text) {
  auto v = sipref::parse_addr_value(text);
  if (!v || !v->params.empty()) fail_usage("bad --invite value: " + text);
  std::string name;
  sipref::string_writer w(name);
  v->addr.display_name.decode(w);
  return {name, std::string(v->addr.uri.text)};
}

std::string random_alnum(std::mt19937_64& g, std::size_t n) {
  std::string out;
  sipref::string_writer w(out);
  sipref::write_random_alnum(w, g, n);
  return out;
}

int cmd_refer(args& a) {
  sipref::refer_request req;
  const auto session = a.value("--session");
  if (!session) fail_usage("refer needs --session URI");
  req.session_uri = *session;
  std::vector<std::pair<std::string, std::string>> invitees;
  for (const std::string& i : a.values("--invite")) invitees.push_back(split_invitee(i));
  if (invitees.empty()) fail_usage("refer needs at least one --invite URI");
  const std::string from = a.value("--from").value_or("sip:im-user@example.invalid");
  req.from_uri = from;
  if (auto p = a.value("--profile")) {
    if (*p == "oma") req.profile = sipref::refer_profile::oma;
    else if (*p == "rcs") req.profile = sipref::refer_profile::rcs;
    else if (*p == "ims") req.profile = sipref::refer_profile::ims;
    else fail_usage("bad --profile value: " + *p + " (oma, rcs or ims)");
  }
  req.anonymous = a.flag("--anonymous");
  if (a.flag("--remove")) req.action = sipref::refer_action::remove;
  if (auto k = a.value("--session-kind")) {
    if (*k == "adhoc") req.session = sipref::session_kind::ad_hoc;
    else if (*k == "one-to-one") req.session = sipref::session_kind::one_to_one;
    else if (*k == "predefined") req.session = sipref::session_kind::pre_defined;
    else fail_usage("bad --session-kind value: " + *k + " (adhoc, one-to-one or predefined)");
  }
  if (auto m = a.value("--max-adhoc")) req.max_adhoc_group_size = parse_count("--max-adhoc", *m);
  if (auto c = a.value("--participants")) req.current_participants = parse_count("--participants", *c);
  if (auto s = a.value("--subscription")) {
    if (*s == "implicit") req.subscription = sipref::subscription_mode::implicit;
    else if (*s == "true") req.subscription = sipref::subscription_mode::refer_sub_true;
    else if (*s == "suppressed") req.subscription = sipref::subscription_mode::suppressed;
    else fail_usage("bad --subscription value: " + *s + " (implicit, true or suppressed)");
  }
  if (auto l = a.value("--layout")) {
    if (*l == "plain") req.layout = sipref::body_layout::plain;
    else if (*l == "multipart") req.layout = sipref::body_layout::multipart;
    else fail_usage("bad --layout value: " + *l + " (plain or multipart)");
  }
  const std::string contact = a.value("--contact").value_or(from);
  req.contact_uri = contact;
  const std::string via_host = a.value("--via-host").value_or("127.0.0.1");
  const std::string transport = a.value("--transport").value_or("UDP");
  const auto dialog_text = a.value("--dialog");
  a.done();

  std::random_device rd;
  std::mt19937_64 g((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  const std::string call_id = random_alnum(g, sipref::call_id_random_chars);
  const std::string tag = random_alnum(g, sipref::tag_random_chars);
  std::string branch;
  sipref::string_writer bw(branch);
  sipref::write_branch(bw, g);
  auto from_uri = sipref::parse_uri(from);
  if (!from_uri) fail_usage("bad --from value: " + from);
  const std::string content_id = "rl-" + random_alnum(g, 12) + "@" +
                                 std::string(from_uri->host.empty() ? "sipref.invalid" : from_uri->host);
  req.call_id = call_id;
  req.from_tag = tag;
  req.via = {transport, via_host, 0, branch};
  req.content_id = content_id;

  std::vector<sipref::invitee> list;
  for (const auto& [name, uri] : invitees) {
    sipref::invitee e;
    e.uri = uri;
    e.display_name = name;
    list.push_back(e);
  }
  req.invitees = list;

  sipref::dialog_state dialog;
  std::vector<std::string> parts;
  if (dialog_text) {
    std::stringstream ss(*dialog_text);
    for (std::string piece; std::getline(ss, piece, ',');) parts.push_back(piece);
    if (parts.size() != 4) fail_usage("bad --dialog value: " + *dialog_text + " (CALLID,LOCALTAG,REMOTETAG,CSEQ)");
    dialog.call_id = parts[0];
    dialog.local_tag = parts[1];
    dialog.remote_tag = parts[2];
    dialog.local_cseq = parse_count("--dialog CSEQ", parts[3]);
    dialog.local_uri = from;
    dialog.remote_uri = req.session_uri;
    dialog.remote_target = req.session_uri;
    req.dialog = &dialog;
  }

  auto text = sipref::to_string(req);
  if (!text) {
    const sipref::error e = text.error();
    if (e.code == sipref::errc::group_size_exceeded) {
      std::cerr << "sipref: " << invitees.size() << " invitees exceed MAX-ADHOC-GROUP-SIZE " << req.max_adhoc_group_size
                << (req.current_participants ? " with " + std::to_string(*req.current_participants) + " participants" : "")
                << ": nothing was sent (PROCEDURE.md C8)\n";
      return exit_group_size;
    }
    std::cerr << "sipref: invalid value: " << sipref::to_string(e.code) << " at offset " << e.offset;
    if (e.code == sipref::errc::missing_field) std::cerr << " (missing field)";
    if (e.code == sipref::errc::duplicate_invitee && e.offset < invitees.size())
      std::cerr << " (duplicate invitee " << invitees[e.offset].second << ")";
    std::cerr << "; check --session, --invite, --from, --contact and --dialog\n";
    return exit_usage;
  }
  std::cout << *text;
  return exit_ok;
}

// ------------------------------------------------------------------------------------------
// sipref check
// ------------------------------------------------------------------------------------------

int cmd_check(args& a) {
  sipref::refer_expectations exp;
  const auto session = a.value("--session");
  if (session) exp.session_uri = *session;
  const auto supported = a.value("--supported");
  std::vector<std::string> tags;
  if (supported) {
    std::stringstream ss(*supported);
    for (std::string t; std::getline(ss, t, ',');) {
      while (!t.empty() && t.front() == ' ') t.erase(t.begin());
      while (!t.empty() && t.back() == ' ') t.pop_back();
      if (!t.empty()) tags.push_back(t);
    }
    exp.supported.assign(tags.begin(), tags.end());
  }
  if (auto m = a.value("--max-adhoc")) exp.max_adhoc_group_size = parse_count("--max-adhoc", *m);
  if (a.flag("--stream")) exp.mode = sipref::framing::stream;
  const bool json = a.flag("--json");
  const std::string text = read_input(a.input());
  const sipref::refer_report r = sipref::check_refer(text, exp);
  if (json) {
    std::cout << "{\"ok\":" << (r.ok() ? "true" : "false") << ",\"response\":" << r.response() << ",\"findings\":[";
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
      const auto& f = r.findings[i];
      std::cout << (i ? "," : "") << "{\"rule\":" << q(f.rule) << ",\"severity\":" << q(sipref::to_string(f.level))
                << ",\"offset\":" << f.offset << ",\"response\":" << f.response << ",\"message\":" << q(f.message) << "}";
    }
    std::cout << "],\"invitees\":[";
    for (std::size_t i = 0; i < r.invitees.size(); ++i) {
      const auto& v = r.invitees[i];
      std::cout << (i ? "," : "") << "{\"uri\":" << q(v.uri) << ",\"display_name\":" << q(v.display_name)
                << ",\"method\":" << q(v.method) << ",\"copy_control\":" << q(sipref::to_string(v.copy))
                << ",\"offset\":" << v.offset << "}";
    }
    std::cout << "]}\n";
  } else {
    for (const auto& f : r.findings)
      std::cout << f.rule << ' ' << sipref::to_string(f.level) << ' ' << f.offset << ' ' << f.response << ' ' << f.message << "\n";
    for (const auto& v : r.invitees)
      std::cout << "invitee " << v.uri << " method=" << v.method << (v.display_name.empty() ? "" : " name=\"" + v.display_name + "\"")
                << "\n";
    std::cout << "response " << r.response() << "\n";
  }
  return r.ok() ? exit_ok : exit_findings;
}

// ------------------------------------------------------------------------------------------
// sipref notify
// ------------------------------------------------------------------------------------------

int cmd_notify(args& a) {
  const bool json = a.flag("--json");
  sipref::refer_notify_options opt;
  opt.sipfrag.allow_missing_final_crlf = a.flag("--lenient");
  const std::string text = read_input(a.input());
  auto p = sipref::parse_refer_notify(text, opt);
  if (!p) {
    report_error("malformed NOTIFY", text, p.error());
    return exit_findings;
  }
  const std::string_view state = sipref::to_string(p->state) == "extension" ? p->state_text : sipref::to_string(p->state);
  if (json) {
    std::cout << "{\"event-id\":" << (p->has_event_id ? q(p->event_id) : "null") << ",\"state\":" << q(state)
              << ",\"reason\":" << (p->reason_text.empty() ? "null" : q(p->reason_text)) << ",\"expires\":"
              << (p->expires ? std::to_string(*p->expires) : "null") << ",\"code\":" << p->code
              << ",\"reason-phrase\":" << q(p->reason_phrase) << ",\"final\":" << (p->final ? "true" : "false") << "}\n";
  } else {
    std::cout << "event-id " << (p->has_event_id ? std::string(p->event_id) : "-") << "\n"
              << "state " << state << "\n"
              << "reason " << (p->reason_text.empty() ? "-" : std::string(p->reason_text)) << "\n"
              << "code " << p->code << " " << p->reason_phrase << "\n"
              << "final " << (p->final ? "yes" : "no") << "\n";
  }
  return exit_ok;
}

// ------------------------------------------------------------------------------------------
// sipref lists
// ------------------------------------------------------------------------------------------

int cmd_lists(args& a) {
  const bool json = a.flag("--json");
  const std::string text = read_input(a.input());
  std::vector<sipref::resource_list_item> items;
  auto r = sipref::for_each_resource_list_item(text, [&](const sipref::resource_list_item& i) { items.push_back(i); });
  if (!r) {
    report_error("malformed resource-lists document", text, r.error());
    return exit_findings;
  }
  auto decoded = [](const sipref::xml::text_view& v) {
    std::string out;
    sipref::string_writer w(out);
    v.decode(w);
    return out;
  };
  auto kind = [](sipref::list_item_kind k) {
    switch (k) {
      case sipref::list_item_kind::entry: return "entry"sv;
      case sipref::list_item_kind::entry_ref: return "entry-ref"sv;
      case sipref::list_item_kind::external: return "external"sv;
      case sipref::list_item_kind::list: return "list"sv;
    }
    return "?"sv;
  };
  if (json) std::cout << "[";
  bool first = true;
  for (const auto& i : items) {
    if (i.kind == sipref::list_item_kind::list) continue;
    if (json) {
      std::cout << (first ? "" : ",") << "{\"kind\":" << q(kind(i.kind)) << ",\"uri\":" << q(decoded(i.uri))
                << ",\"display_name\":" << (i.has_display_name ? q(decoded(i.display_name)) : "null")
                << ",\"copy_control\":" << q(sipref::to_string(i.copy)) << ",\"offset\":" << i.offset << "}";
    } else {
      std::cout << kind(i.kind) << ' ' << decoded(i.uri) << " copyControl=" << sipref::to_string(i.copy)
                << (i.has_display_name ? " name=\"" + decoded(i.display_name) + "\"" : "") << "\n";
    }
    first = false;
  }
  if (json) std::cout << "]\n";
  return exit_ok;
}

// ------------------------------------------------------------------------------------------
// sipref parse
// ------------------------------------------------------------------------------------------

/// How sipref understands one header value: a short typed description, or the error.
std::string describe(sipref::header_id id, std::string_view v) {
  using sipref::header_id;
  auto err = [](sipref::error e) { return "INVALID " + std::string(sipref::to_string(e.code)) + " at +" + std::to_string(e.offset); };
  auto addr = [](const sipref::addr_value_view& a) {
    std::string s = "uri=" + std::string(a.addr.uri.text);
    if (!a.addr.display_name.empty()) {
      std::string name;
      sipref::string_writer w(name);
      a.addr.display_name.decode(w);
      s += " name=\"" + name + "\"";
    }
    for (const auto& p : a.params) s += " ;" + std::string(p.name) + (p.has_value ? "=" + std::string(p.value) : "");
    return s;
  };
  auto tags = [&](auto r) {
    if (!r) return err(r.error());
    std::string s = "tags=[";
    bool first = true;
    for (std::string_view t : *r) {
      s += (first ? "" : ",") + std::string(t);
      first = false;
    }
    return s + "]";
  };
  switch (id) {
    case header_id::refer_to: {
      auto r = sipref::parse_refer_to(v);
      if (!r) return err(r.error());
      std::string s = addr(r->value) + " method=" + std::string(r->method(true));
      if (r->is_list_reference()) s += " list=yes";
      if (const sipref::error e = r->check_embedded_headers(v)) s += " UNSAFE " + std::string(sipref::to_string(e.code));
      return s;
    }
    case header_id::from:
    case header_id::to: {
      auto r = sipref::parse_from_to(v);
      return r ? addr(*r) : err(r.error());
    }
    case header_id::referred_by: {
      auto r = sipref::parse_referred_by(v);
      return r ? addr(*r) : err(r.error());
    }
    case header_id::contact: {
      auto r = sipref::parse_contact(v);
      if (!r) return err(r.error());
      if (r->star) return "*";
      std::string s;
      for (const auto& c : r->list) s += (s.empty() ? "" : " | ") + addr(c);
      return s;
    }
    case header_id::route:
    case header_id::record_route: {
      auto r = sipref::parse_route(v);
      if (!r) return err(r.error());
      return std::to_string(r->size()) + " route(s)";
    }
    case header_id::p_asserted_identity:
    case header_id::p_preferred_identity: {
      auto r = sipref::parse_identity(v);
      if (!r) return err(r.error());
      std::string s;
      for (const auto& c : *r) s += (s.empty() ? "" : " | ") + addr(c);
      return s;
    }
    case header_id::refer_sub: {
      auto r = sipref::parse_refer_sub(v);
      return r ? std::string(r->value ? "true" : "false") : err(r.error());
    }
    case header_id::require: return tags(sipref::parse_require(v));
    case header_id::supported: return tags(sipref::parse_supported(v));
    case header_id::unsupported: return tags(sipref::parse_unsupported(v));
    case header_id::proxy_require: return tags(sipref::parse_proxy_require(v));
    case header_id::privacy: {
      auto r = sipref::parse_privacy(v);
      return r ? "values=" + std::string(r->text()) : err(r.error());
    }
    case header_id::event: {
      auto r = sipref::parse_event(v);
      if (!r) return err(r.error());
      return "type=" + std::string(r->type) + (r->has_id ? " id=" + std::string(r->id) : "");
    }
    case header_id::subscription_state: {
      auto r = sipref::parse_subscription_state(v);
      if (!r) return err(r.error());
      std::string s = "state=" + std::string(r->state_raw);
      if (!r->reason_raw.empty()) s += " reason=" + std::string(r->reason_raw);
      if (r->expires) s += " expires=" + std::to_string(*r->expires);
      return s;
    }
    case header_id::content_type: {
      auto r = sipref::parse_content_type(v);
      return r ? "type=" + std::string(r->type) + "/" + std::string(r->subtype) : err(r.error());
    }
    case header_id::content_disposition: {
      auto r = sipref::parse_content_disposition(v);
      return r ? "type=" + std::string(r->type) : err(r.error());
    }
    case header_id::content_id: {
      auto r = sipref::parse_content_id(v);
      return r ? "id=" + std::string(r->id()) : err(r.error());
    }
    case header_id::call_id: {
      auto r = sipref::parse_call_id(v);
      return r ? std::string(v) : err(r.error());
    }
    case header_id::cseq: {
      auto r = sipref::parse_cseq(v);
      return r ? "number=" + std::to_string(r->number) + " method=" + std::string(r->method) : err(r.error());
    }
    case header_id::max_forwards: {
      auto r = sipref::parse_max_forwards(v);
      return r ? std::to_string(r->value) : err(r.error());
    }
    case header_id::content_length: {
      auto r = sipref::parse_content_length(v);
      return r ? std::to_string(r->value) : err(r.error());
    }
    case header_id::via: {
      auto r = sipref::parse_via(v);
      if (!r) return err(r.error());
      std::string s;
      for (const auto& p : *r) s += (s.empty() ? "" : " | ") + std::string(p.transport) + " " + std::string(p.host) + " branch=" + std::string(p.branch);
      return s;
    }
    case header_id::accept_contact: {
      auto r = sipref::parse_accept_contact(v);
      return r ? std::string(r->has_feature(sipref::oma_im_feature_tag) ? "+g.oma.sip-im" : "ok") : err(r.error());
    }
    default: return "raw";
  }
}

int cmd_parse(args& a) {
  const bool json = a.flag("--json");
  const bool stream = a.flag("--stream");
  const std::string text = read_input(a.input());
  sipref::message_options opt;
  opt.mode = stream ? sipref::framing::stream : sipref::framing::datagram;
  auto m = sipref::parse_message(text, opt);
  if (!m) {
    report_error("malformed SIP message", text, m.error());
    return exit_findings;
  }
  const auto ct = m->find(sipref::header_id::content_type);
  if (json) {
    std::cout << "{\"start_line\":" << q(m->start_line()) << ",\"headers\":[";
    bool first = true;
    for (const auto& h : m->headers()) {
      std::cout << (first ? "" : ",") << "{\"name\":" << q(h.name) << ",\"canonical\":"
                << q(h.id == sipref::header_id::unknown ? h.name : sipref::long_name(h.id)) << ",\"value\":" << q(h.value)
                << ",\"offset\":" << h.value_offset << ",\"understood\":" << q(describe(h.id, h.value)) << "}";
      first = false;
    }
    std::cout << "],\"body_length\":" << m->body().size() << ",\"body_type\":" << (ct ? q(ct->value) : "null") << "}\n";
  } else {
    std::cout << "start-line " << m->start_line() << "\n";
    for (const auto& h : m->headers())
      std::cout << (h.id == sipref::header_id::unknown ? h.name : sipref::long_name(h.id)) << ": " << describe(h.id, h.value) << "\n";
    std::cout << "body " << m->body().size() << " bytes" << (ct ? " " + std::string(ct->value) : "") << "\n";
  }
  if (auto d = m->first_duplicate()) {
    std::cerr << "sipref: duplicate " << sipref::long_name(d->id) << " header at offset " << d->offset << "\n";
    return exit_findings;
  }
  return exit_ok;
}

void usage(std::ostream& os) {
  os << "usage: sipref refer --session URI --invite URI [--invite URI ...] [--from URI] [--profile oma|rcs|ims]\n"
        "                    [--anonymous] [--remove] [--session-kind adhoc|one-to-one|predefined] [--max-adhoc N]\n"
        "                    [--participants N] [--subscription implicit|true|suppressed] [--layout plain|multipart]\n"
        "                    [--dialog CALLID,LOCALTAG,REMOTETAG,CSEQ] [--contact URI] [--via-host HOST] [--transport T]\n"
        "       sipref check [--session URI] [--supported TAGS] [--max-adhoc N] [--stream] [--json] FILE|-\n"
        "       sipref notify [--json] [--lenient] FILE|-\n"
        "       sipref lists [--json] FILE|-\n"
        "       sipref parse [--json] [--stream] FILE|-\n"
        "       sipref sipp-scenario [refer options] [--request-uri session|keywords]\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(std::cerr);
    return exit_usage;
  }
  const std::string_view verb = argv[1];
  args a(argc, argv, 2);
  if (verb == "refer") return cmd_refer(a);
  if (verb == "check") return cmd_check(a);
  if (verb == "notify") return cmd_notify(a);
  if (verb == "lists") return cmd_lists(a);
  if (verb == "parse") return cmd_parse(a);
  if (verb == "sipp-scenario") return sipref_tool::cmd_sipp_scenario(a, cmd_refer);
  if (verb == "--help" || verb == "-h" || verb == "help") {
    usage(std::cout);
    return exit_ok;
  }
  usage(std::cerr);
  return exit_usage;
}
