// SPDX-License-Identifier: MIT
/// @file test_osip2.cpp
/// GNU oSIP2 interop: libosip2's parser reads every message sipref composes (the REFER matrix,
/// NOTIFYs, answers) and must agree with sipref's parser and with what sipref was asked to
/// write; and the reverse: a REFER built with oSIP2's own API is serialised by
/// `osip_message_to_str`, parsed by sipref and checked with `check_refer`.
// oSIP2 first: osip_const.h defines a macro REQUIRE ("require") that would replace doctest's.
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>
#undef REQUIRE

#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "interop_messages.hpp"
#include "support/test_support.hpp"

namespace {

struct osip_deleter {
  void operator()(osip_message_t* m) const noexcept { osip_message_free(m); }
};
using osip_ptr = std::unique_ptr<osip_message_t, osip_deleter>;

/// A string oSIP2 allocated, freed with osip_free.
std::string take(char* s) {
  if (s == nullptr) return {};
  std::string out(s);
  osip_free(s);
  return out;
}

void init_parser() {
  static const int once = parser_init();
  (void)once;
}

osip_ptr osip_parse(const std::string& text) {
  init_parser();
  osip_message_t* m = nullptr;
  REQUIRE(osip_message_init(&m) == 0);
  osip_ptr owner(m);
  const int rc = osip_message_parse(m, text.data(), text.size());
  INFO("osip_message_parse returned ", rc);
  REQUIRE(rc == 0);
  return owner;
}

std::string generic_param(osip_list_t* params, const char* name) {
  osip_generic_param_t* p = nullptr;
  if (osip_generic_param_get_byname(params, const_cast<char*>(name), &p) != 0 || p == nullptr) return {};
  return p->gvalue != nullptr ? p->gvalue : "";
}

/// The value of the first extension header @p name oSIP2 kept (lower-case lookup).
std::string other_header(const osip_message_t* m, const char* name) {
  osip_header_t* h = nullptr;
  if (osip_message_header_get_byname(m, name, 0, &h) < 0 || h == nullptr || h->hvalue == nullptr) return {};
  return h->hvalue;
}

std::string angle_content(const std::string& v) {
  const std::size_t l = v.find('<'), r = v.rfind('>');
  return l == std::string::npos || r == std::string::npos ? v : v.substr(l + 1, r - l - 1);
}

}  // namespace

TEST_CASE("osip2 parses every message sipref composes and agrees on the fields") {
  for (const auto& w : interop::all_messages()) {
    CAPTURE(w.name);
    const osip_ptr m = osip_parse(w.text);
    auto s = sipref::parse_message(w.text);
    REQUIRE(s);
    if (w.status == 0) {
      REQUIRE(MSG_IS_REQUEST(m.get()));
      CHECK(std::string(m->sip_method) == w.method);
      CHECK(s->method() == w.method);
      char* uri = nullptr;
      REQUIRE(osip_uri_to_str(m->req_uri, &uri) == 0);
      CHECK(take(uri) == w.request_uri);
      CHECK(s->request_uri() == w.request_uri);
    } else {
      REQUIRE(MSG_IS_RESPONSE(m.get()));
      CHECK(m->status_code == w.status);
      CHECK(s->status_code() == w.status);
    }
    char* call_id = nullptr;
    REQUIRE(osip_call_id_to_str(m->call_id, &call_id) == 0);
    CHECK(take(call_id) == w.call_id);
    CHECK(std::string(m->cseq->number) == std::to_string(w.cseq));
    CHECK(std::string(m->cseq->method) == w.cseq_method);
    CHECK(generic_param(&m->from->gen_params, "tag") == w.from_tag);
    CHECK(generic_param(&m->to->gen_params, "tag") == w.to_tag);

    if (w.kind == interop::wire_kind::refer) {
      // oSIP2 has no typed Refer-To: it keeps it as an extension header (PEERS.md oSIP2 notes).
      const std::string refer_to = other_header(m.get(), "refer-to");
      CHECK(angle_content(refer_to) == w.refer_to_uri);
      auto rt = sipref::parse_refer_to(s->find(sipref::header_id::refer_to)->value);
      REQUIRE(rt);
      CHECK(rt->target().text == w.refer_to_uri);
    }

    // Body: Content-Length and, for non-multipart bodies, the body oSIP2 extracted.
    REQUIRE(m->content_length != nullptr);
    CHECK(std::string(m->content_length->value) == std::to_string(w.body_size));
    CHECK(s->body().size() == w.body_size);
    if (w.content_type.empty()) {
      CHECK(m->content_type == nullptr);
      CHECK(osip_list_size(&m->bodies) == 0);
    } else {
      REQUIRE(m->content_type != nullptr);
      const std::string type = std::string(m->content_type->type) + "/" + m->content_type->subtype;
      CHECK(w.content_type.rfind(type, 0) == 0);
      osip_body_t* body = nullptr;
      REQUIRE(osip_message_get_body(m.get(), 0, &body) >= 0);
      if (type == "multipart/mixed") {
        // oSIP2 splits a multipart body into its parts: one part, the list, with its MIME rows.
        CHECK(generic_param(&m->content_type->gen_params, "boundary") == interop::matrix_boundary);
        CHECK(osip_list_size(&m->bodies) == 1);
        REQUIRE(body->content_type != nullptr);
        CHECK(std::string(body->content_type->type) == "application");
        CHECK(std::string(body->content_type->subtype) == "resource-lists+xml");
        auto ct = s->find(sipref::header_id::content_type);
        auto mp = sipref::parse_multipart(s->body(), *sipref::boundary_of(ct->value));
        REQUIRE(mp);
        auto part = mp->find_by_content_id(w.refer->content_id);
        REQUIRE(part);
        CHECK(std::string(body->body, body->length) == std::string(part->body));
      } else {
        CHECK(osip_list_size(&m->bodies) == 1);
        CHECK(std::string(body->body, body->length) == std::string(s->body()));
      }
    }
  }
}

TEST_CASE("a REFER built with osip2's API parses with sipref and passes check_refer") {
  init_parser();
  const std::string list =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
      "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"\r\n"
      "    xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\r\n"
      "  <list>\r\n"
      "    <entry uri=\"sip:bill@example.com\" cp:copyControl=\"to\"/>\r\n"
      "    <entry uri=\"sip:randy@example.net\" cp:copyControl=\"to\">\r\n"
      "      <display-name>Randy &amp; Co</display-name>\r\n"
      "    </entry>\r\n"
      "    <entry uri=\"sip:joe@example.org\" cp:copyControl=\"cc\"/>\r\n"
      "  </list>\r\n"
      "</resource-lists>\r\n";
  osip_message_t* raw = nullptr;
  REQUIRE(osip_message_init(&raw) == 0);
  const osip_ptr m(raw);
  osip_message_set_method(raw, osip_strdup("REFER"));
  osip_message_set_version(raw, osip_strdup("SIP/2.0"));
  osip_uri_t* uri = nullptr;
  REQUIRE(osip_uri_init(&uri) == 0);
  REQUIRE(osip_uri_parse(uri, "sip:conf-42@im.example.com") == 0);
  osip_message_set_uri(raw, uri);
  REQUIRE(osip_message_set_via(raw, "SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-osip-1") == 0);
  REQUIRE(osip_message_set_from(raw, "\"Alice\" <sip:alice@example.com>;tag=osip-tag-1") == 0);
  REQUIRE(osip_message_set_to(raw, "<sip:conf-42@im.example.com>") == 0);
  REQUIRE(osip_message_set_call_id(raw, "osip-call-1@192.0.2.20") == 0);
  REQUIRE(osip_message_set_cseq(raw, "1 REFER") == 0);
  REQUIRE(osip_message_set_contact(raw, "<sip:alice@192.0.2.20:5060>;+g.oma.sip-im") == 0);
  REQUIRE(osip_message_set_header(raw, "Max-Forwards", "70") == 0);
  REQUIRE(osip_message_set_header(raw, "Refer-To", "<cid:list-7@example.com>") == 0);
  REQUIRE(osip_message_set_header(raw, "Refer-Sub", "false") == 0);
  REQUIRE(osip_message_set_header(raw, "Require", "multiple-refer, norefersub") == 0);
  REQUIRE(osip_message_set_header(raw, "Content-Disposition", "recipient-list") == 0);
  REQUIRE(osip_message_set_header(raw, "Content-ID", "<list-7@example.com>") == 0);
  REQUIRE(osip_message_set_content_type(raw, "application/resource-lists+xml") == 0);
  REQUIRE(osip_message_set_body(raw, list.data(), list.size()) == 0);
  char* out = nullptr;
  std::size_t len = 0;
  REQUIRE(osip_message_to_str(raw, &out, &len) == 0);
  const std::string text(out, len);
  osip_free(out);
  MESSAGE("osip_message_to_str:\n", text);

  auto msg = sipref::parse_message(text);
  REQUIRE(msg);
  CHECK(msg->method() == "REFER");
  CHECK(msg->request_uri() == "sip:conf-42@im.example.com");
  CHECK(msg->body() == list);
  auto rt = sipref::parse_refer_to(msg->find(sipref::header_id::refer_to)->value);
  REQUIRE(rt);
  CHECK(rt->is_list_reference());
  CHECK(rt->target().text == "cid:list-7@example.com");
  auto rs = sipref::parse_refer_sub(msg->find(sipref::header_id::refer_sub)->value);
  REQUIRE(rs);
  CHECK_FALSE(rs->value);
  auto req = sipref::parse_require(msg->find(sipref::header_id::require)->value);
  REQUIRE(req);
  CHECK(req->contains("multiple-refer"));
  CHECK(req->contains("norefersub"));
  std::vector<std::string> uris;
  auto summary = sipref::for_each_resource_list_item(msg->body(), [&](const sipref::resource_list_item& item) {
    if (item.kind != sipref::list_item_kind::entry) return;
    std::string u;
    sipref::string_writer uw(u);
    item.uri.decode(uw);
    uris.push_back(u);
  });
  REQUIRE(summary);
  CHECK(uris == std::vector<std::string>{"sip:bill@example.com", "sip:randy@example.net", "sip:joe@example.org"});

  sipref::refer_expectations exp;
  exp.session_uri = "sip:conf-42@im.example.com";
  exp.max_adhoc_group_size = 5;
  const sipref::refer_report report = sipref::check_refer(text, exp);
  for (const auto& f : report.findings) MESSAGE(f.rule, " ", sipref::to_string(f.level), " ", f.offset, " ", f.message);
  // Every S-rule holds: no finding at all, 200, the three invitees with their copyControl.
  CHECK(report.findings.empty());
  CHECK(report.ok());
  CHECK(report.response() == 200);
  CHECK(report.is_list);
  REQUIRE(report.invitees.size() == 3);
  CHECK(report.invitees[1].display_name == "Randy & Co");
  CHECK(report.invitees[2].copy == sipref::copy_control::cc);
}

TEST_CASE("osip2 on PEERS.md (c) shapes: it keeps REFER headers as untyped text") {
  // oSIP2 has no Refer-To or Refer-Sub parser (RFC 3261 headers only): every shape parses and
  // the value is kept verbatim, valid or not; validation is left to the application. sipref's
  // checker reports the invalid ones.
  init_parser();
  const std::pair<const char*, const char*> shapes[] = {
      {"Refer-To", "sip:b@example.com?Replaces=x;method=INVITE"},
      {"Refer-To", "<sip:a@example.com>, <sip:c@example.com>"},
      {"Refer-To", "<sip:b@example.com?Replaces=abc%4>"},
      {"Refer-Sub", "yes"},
  };
  for (const auto& [name, value] : shapes) {
    const std::string text = interop::refer_with(name, value);
    CAPTURE(text);
    const osip_ptr m = osip_parse(text);
    const std::string lower = std::string(name) == "Refer-To" ? "refer-to" : "refer-sub";
    CHECK(other_header(m.get(), lower.c_str()) == value);
  }
  CHECK_FALSE(sipref::check_refer(interop::refer_with("Refer-To", "sip:b@example.com?Replaces=x;method=INVITE")).ok());
  CHECK_FALSE(sipref::check_refer(interop::refer_with("Refer-To", "<sip:a@example.com>, <sip:c@example.com>")).ok());
  CHECK_FALSE(sipref::check_refer(interop::refer_with("Refer-To", "<sip:b@example.com?Replaces=abc%4>")).ok());
}
