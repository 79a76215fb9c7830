// SPDX-License-Identifier: MIT
/// @file baselines_sip.cpp
/// The SIP stack baselines: oSIP2 (libosip2-dev) and sofia-sip (libsofia-sip-ua-dev), each
/// building, serialising and parsing whole messages through its public API.
#include "baselines.hpp"

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#if SIPREF_BENCH_HAVE_OSIP2
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>
#endif

#if SIPREF_BENCH_HAVE_SOFIA
#include <sofia-sip/msg.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/su_alloc.h>
#endif

namespace bench {

#if SIPREF_BENCH_HAVE_OSIP2
namespace {

class osip2_stack final : public sip_stack {
 public:
  osip2_stack() { parser_init(); }  // idempotent; oSIP2 has no matching clean-up call

  std::size_t compose(const message_spec& m) override {
    osip_message_t* msg = nullptr;
    if (osip_message_init(&msg) != 0) return 0;
    osip_message_set_method(msg, osip_strdup(m.method.c_str()));
    osip_message_set_version(msg, osip_strdup("SIP/2.0"));
    osip_uri_t* uri = nullptr;
    osip_uri_init(&uri);
    if (osip_uri_parse(uri, m.uri.c_str()) != 0) {
      osip_uri_free(uri);
      osip_message_free(msg);
      return 0;
    }
    osip_message_set_uri(msg, uri);
    for (const auto& h : m.headers) {
      // The typed setters parse the value into oSIP's structures; the rest are kept as
      // "unknown" headers (oSIP has no type for Refer-To, P-Preferred-Identity ...).
      const char* n = h.first.c_str();
      const char* v = h.second.c_str();
      int rc = 0;
      if (std::strcmp(n, "Via") == 0) {
        rc = osip_message_set_via(msg, v);
      } else if (std::strcmp(n, "From") == 0) {
        rc = osip_message_set_from(msg, v);
      } else if (std::strcmp(n, "To") == 0) {
        rc = osip_message_set_to(msg, v);
      } else if (std::strcmp(n, "Call-ID") == 0) {
        rc = osip_message_set_call_id(msg, v);
      } else if (std::strcmp(n, "CSeq") == 0) {
        rc = osip_message_set_cseq(msg, v);
      } else if (std::strcmp(n, "Contact") == 0) {
        rc = osip_message_set_contact(msg, v);
      } else if (std::strcmp(n, "Route") == 0) {
        rc = osip_message_set_route(msg, v);
      } else if (std::strcmp(n, "Content-Type") == 0) {
        rc = osip_message_set_content_type(msg, v);
      } else if (std::strcmp(n, "Content-Length") == 0) {
        continue;  // oSIP writes Content-Length itself from the body
      } else {
        rc = osip_message_set_header(msg, n, v);
      }
      if (rc != 0) {
        osip_message_free(msg);
        return 0;
      }
    }
    if (!m.body.empty()) osip_message_set_body(msg, m.body.data(), m.body.size());
    char* out = nullptr;
    std::size_t len = 0;
    const int rc = osip_message_to_str(msg, &out, &len);
    osip_message_free(msg);
    if (rc != 0) return 0;
    osip_free(out);
    return len;
  }

  std::size_t parse(std::string_view text) override {
    osip_message_t* msg = nullptr;
    if (osip_message_init(&msg) != 0) return 0;
    std::size_t fields = 0;
    if (osip_message_parse(msg, text.data(), text.size()) == 0) {
      fields = static_cast<std::size_t>(osip_list_size(&msg->vias) + osip_list_size(&msg->contacts) +
                                        osip_list_size(&msg->routes) + osip_list_size(&msg->headers)) +
               (msg->from != nullptr) + (msg->to != nullptr) + (msg->call_id != nullptr) + (msg->cseq != nullptr);
    }
    osip_message_free(msg);
    return fields;
  }
};

}  // namespace

std::unique_ptr<sip_stack> make_osip2() { return std::make_unique<osip2_stack>(); }
#else
std::unique_ptr<sip_stack> make_osip2() { return nullptr; }
#endif

#if SIPREF_BENCH_HAVE_SOFIA
namespace {

class sofia_stack final : public sip_stack {
 public:
  std::size_t compose(const message_spec& m) override {
    msg_t* msg = msg_create(sip_default_mclass(), 0);
    if (msg == nullptr) return 0;
    sip_t* sip = sip_object(msg);
    std::string line;
    line.reserve(256);
    line.append(m.method).append(" ").append(m.uri).append(" SIP/2.0");
    bool ok = sip_add_make(msg, sip, sip_request_class, line.c_str()) == 0;
    // Each header goes through sofia-sip's header parser into its typed structure.
    for (const auto& h : m.headers) {
      if (!ok) break;
      line.assign(h.first).append(": ").append(h.second);
      ok = msg_header_add_str(msg, reinterpret_cast<msg_pub_t*>(sip), line.c_str()) == 0;
    }
    if (ok && !m.body.empty()) ok = sip_add_make(msg, sip, sip_payload_class, m.body.c_str()) == 0;
    std::size_t len = 0;
    if (ok && msg_serialize(msg, reinterpret_cast<msg_pub_t*>(sip)) == 0) {
      char* s = msg_as_string(msg_home(msg), msg, nullptr, 0, &len);
      if (s == nullptr) len = 0;
    }
    msg_destroy(msg);
    return len;
  }

  std::size_t parse(std::string_view text) override {
    msg_t* msg = msg_make(sip_default_mclass(), 0, text.data(), static_cast<ssize_t>(text.size()));
    if (msg == nullptr) return 0;
    std::size_t fields = 0;
    const sip_t* sip = sip_object(msg);
    if (sip != nullptr && !msg_has_error(msg) && sip->sip_request != nullptr) {
      fields = (sip->sip_via != nullptr) + (sip->sip_from != nullptr) + (sip->sip_to != nullptr) +
               (sip->sip_call_id != nullptr) + (sip->sip_cseq != nullptr) + (sip->sip_contact != nullptr) +
               (sip->sip_refer_to != nullptr) + (sip->sip_event != nullptr);
      for (const sip_unknown_t* u = sip->sip_unknown; u != nullptr; u = u->un_next) ++fields;
    }
    msg_destroy(msg);
    return fields;
  }
};

}  // namespace

std::unique_ptr<sip_stack> make_sofia() { return std::make_unique<sofia_stack>(); }
#else
std::unique_ptr<sip_stack> make_sofia() { return nullptr; }
#endif

}  // namespace bench
