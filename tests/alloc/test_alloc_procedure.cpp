// SPDX-License-Identifier: MIT
/// @file test_alloc_procedure.cpp
/// Proves the allocation claims of the add-participants procedure (issue 6, benchmarks):
/// composing the REFER (one and 100 invitees, plain and multipart layouts) and the NOTIFY into
/// a reserved std::string or a caller buffer allocates nothing, and so does the full typed
/// parse of those REFERs — `parse_message`, every typed header parser, the Refer-To URI, the
/// multipart body and the resource-lists reader — and `parse_refer_notify`. The global
/// operator new is replaced by a counting one (alloc_main.cpp).
#include <sipref/refer_request.hpp>

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <sipref/accept_contact.hpp>
#include <sipref/address_headers.hpp>
#include <sipref/content_disposition.hpp>
#include <sipref/content_id.hpp>
#include <sipref/content_type.hpp>
#include <sipref/message.hpp>
#include <sipref/multipart.hpp>
#include <sipref/option_tags.hpp>
#include <sipref/privacy.hpp>
#include <sipref/refer_notify.hpp>
#include <sipref/refer_sub.hpp>
#include <sipref/refer_to.hpp>
#include <sipref/resource_lists.hpp>
#include <sipref/scalar_headers.hpp>
#include <sipref/via.hpp>

#include "alloc/alloc_counter.hpp"
#include "support/test_support.hpp"

using namespace sipref;

namespace {

/// An in-dialog IMS REFER to the focus (the benchmarks' message) with @p n invitees, and
/// everything it points at.
struct procedure_fixture {
  std::vector<std::string> uris;
  std::vector<invitee> invitees;
  std::string_view routes[1] = {"sip:pcscf.example.com;lr"};
  extra_header extras[1] = {{"Accept", "message/sipfrag"}};
  dialog_state dialog{};
  refer_request request{};

  procedure_fixture(std::size_t n, body_layout layout) {
    for (std::size_t i = 0; i < n; ++i) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "sip:+1555%07zu@example.com", i + 2);
      uris.emplace_back(buf);
    }
    for (std::size_t i = 0; i < n; ++i) {
      invitee who{uris[i]};
      if (i % 3 == 0) who.display_name = "Ann & <Bob>";  // escaped in the body
      if (n > 1) who.copy = copy_control::to;
      invitees.push_back(who);
    }
    dialog.call_id = "5f1e9c2a-group-session@192.0.2.10";
    dialog.local_tag = "a1b2c3d4";
    dialog.remote_tag = "focus-77";
    dialog.local_uri = "sip:+15551230001@example.com";
    dialog.remote_uri = "sip:conf-7f3a9c@im.example.com";
    dialog.remote_target = "sip:conf-7f3a9c@focus.im.example.com";
    dialog.route_set = routes;
    dialog.local_cseq = 2;
    request.dialog = &dialog;
    request.profile = refer_profile::ims;
    request.invitees = invitees;
    request.contact_uri = "sip:+15551230001@192.0.2.10:5060;transport=tcp";
    request.user_agent = "IM-client/OMA1.0 ExampleVendor/1.0";
    request.extra_headers = extras;
    request.via = {"TCP", "192.0.2.10", 5060, "z9hG4bK-a-refer-3", true};
    request.content_id = "list-9a7c@example.com";
    request.layout = layout;
  }
};

refer_notify make_notify() {
  refer_notify n;
  n.dialog = {"5f1e9c2a-group-session@192.0.2.10", "sip:conf-7f3a9c@im.example.com", "focus-77",
              "sip:+15551230001@example.com", "a1b2c3d4", "sip:+15551230001@192.0.2.10:5060;transport=tcp"};
  n.via = via_parm{"TCP", "192.0.2.5", 5060, "z9hG4bK-focus-notify-2", false};
  n.cseq = 2;
  n.contact_uri = "sip:conf-7f3a9c@focus.im.example.com;transport=tcp";
  n.event_id = "3";
  n.state = substate::terminated;
  n.code = 200;
  n.reason = "OK";
  return n;
}

/// Composes @p value into a reserved string and into a buffer, counting allocations of the
/// composition calls only; both results must equal @p want.
template <class T>
void check_compose_allocates_nothing(const T& value, const std::string& want) {
  std::string reused;
  reused.reserve(want.size());
  std::vector<char> buf(want.size());
  std::size_t size = 0;
  sipref_test::allocation_scope scope;
  const error appended = append_to(reused, value);
  const compose_result r = compose_to(buf.data(), buf.data() + buf.size(), value);
  const auto counted = composed_size(value);
  // A second message into the same string, as a sender reusing its buffer does.
  reused.clear();
  const error again = append_to(reused, value);
  if (counted) size = *counted;
  const std::size_t n = scope.count();

  CHECK_FALSE(appended);
  CHECK_FALSE(again);
  CHECK(reused == want);
  REQUIRE_FALSE(r.ec);
  CHECK(std::string_view(buf.data(), static_cast<std::size_t>(r.ptr - buf.data())) == want);
  CHECK(size == want.size());
  CHECK(n == 0);
}

/// What the typed parse found, to check after the counted region.
struct typed_result {
  bool ok = false;
  std::size_t typed_headers = 0;
  std::size_t entries = 0;
  std::string_view first_entry{};
  bool is_list = false;
  error failure{};
};

/// The full typed parse of a REFER: framing, every header with its parser, the Refer-To URI
/// and its embedded headers, and the list entries (through the multipart part when there is
/// one). Allocates nothing; @p items is the caller's storage.
typed_result parse_refer_typed(std::string_view text, resource_list_item* items, std::size_t cap) noexcept {
  typed_result out;
  auto fail = [&out](error e) {
    out.failure = e;
    return out;
  };
  auto m = parse_message(text);
  if (!m) return fail(m.error());
  refer_to_view refer_to{};
  std::string_view content_type{};
  for (const header_field_view& h : m->headers()) {
    error e{};
    switch (h.id) {
      case header_id::via:
        e = parse_via(h.value).error();
        break;
      case header_id::from:
      case header_id::to:
        e = parse_from_to(h.value).error();
        break;
      case header_id::call_id:
        e = parse_call_id(h.value).error();
        break;
      case header_id::cseq:
        e = parse_cseq(h.value).error();
        break;
      case header_id::max_forwards:
        e = parse_max_forwards(h.value).error();
        break;
      case header_id::contact:
        e = parse_contact(h.value).error();
        break;
      case header_id::route:
        e = parse_route(h.value).error();
        break;
      case header_id::p_preferred_identity:
        e = parse_identity(h.value).error();
        break;
      case header_id::refer_to: {
        auto r = parse_refer_to(h.value);
        if (!r) return fail(r.error());
        refer_to = *r;
        e = r->check_embedded_headers(h.value);
        break;
      }
      case header_id::refer_sub:
        e = parse_refer_sub(h.value).error();
        break;
      case header_id::require:
        e = parse_require(h.value).error();
        break;
      case header_id::supported:
        e = parse_supported(h.value).error();
        break;
      case header_id::privacy:
        e = parse_privacy(h.value).error();
        break;
      case header_id::accept_contact:
        e = parse_accept_contact(h.value).error();
        break;
      case header_id::content_type:
        content_type = h.value;
        e = parse_content_type(h.value).error();
        break;
      case header_id::content_disposition:
        e = parse_content_disposition(h.value).error();
        break;
      case header_id::content_id:
        e = parse_content_id(h.value).error();
        break;
      case header_id::content_length:
        e = parse_content_length(h.value).error();
        break;
      default:
        continue;  // User-Agent, Accept: free text
    }
    if (e) return fail(e);
    ++out.typed_headers;
  }
  if (const error e = check_cseq(*m)) return fail(e);
  out.is_list = refer_to.is_list_reference();
  if (out.is_list) {
    std::string_view list_body = m->body();
    auto ct = parse_content_type(content_type);
    if (!ct) return fail(ct.error());
    if (ct->is("multipart", "mixed")) {
      auto boundary = boundary_of(content_type);
      if (!boundary) return fail(boundary.error());
      auto parts = parse_multipart(m->body(), *boundary);
      if (!parts) return fail(parts.error());
      // The cid: URL names the part; its decoded form is the Content-ID.
      auto part = parts->find_by_content_id(refer_to.target().opaque);
      if (!part) return fail(part.error());
      list_body = part->body;
    }
    auto list = parse_resource_lists(list_body, items, cap);
    if (!list) return fail(list.error());
    out.entries = list->size;
    if (list->size != 0) out.first_entry = list->entries[0].uri.raw;
  }
  out.ok = true;
  return out;
}

}  // namespace

TEST_CASE("alloc: composing the single REFER into reserved storage allocates nothing") {
  const procedure_fixture f(1, body_layout::plain);
  const std::string want = to_string(f.request).value();
  CHECK(want.find("Refer-To: <sip:+15550000002@example.com>\r\n") != std::string::npos);
  check_compose_allocates_nothing(f.request, want);
}

TEST_CASE("alloc: composing a 100-invitee REFER, plain and multipart, allocates nothing") {
  for (const body_layout layout : {body_layout::plain, body_layout::multipart}) {
    CAPTURE(static_cast<int>(layout));
    const procedure_fixture f(100, layout);
    const std::string want = to_string(f.request).value();
    CHECK(want.find("Refer-To: <cid:list-9a7c@example.com>\r\n") != std::string::npos);
    CHECK(want.find("Ann &amp; &lt;Bob&gt;") != std::string::npos);
    check_compose_allocates_nothing(f.request, want);
    // The parts a stack puts into its own message.
    check_compose_allocates_nothing(refer_header_rows{f.request}, to_string(refer_header_rows{f.request}).value());
    check_compose_allocates_nothing(refer_body{f.request}, to_string(refer_body{f.request}).value());
  }
}

TEST_CASE("alloc: composing the resource-lists body and the NOTIFY allocates nothing") {
  const procedure_fixture f(100, body_layout::plain);
  const resource_lists_body body(f.invitees);
  check_compose_allocates_nothing(body, to_string(body).value());
  const refer_notify n = make_notify();
  const std::string want = to_string(n).value();
  CHECK(want.find("\r\n\r\nSIP/2.0 200 OK\r\n") != std::string::npos);
  check_compose_allocates_nothing(n, want);
}

TEST_CASE("alloc: the full typed parse of the REFERs allocates nothing") {
  struct shape {
    std::size_t n;
    body_layout layout;
    std::size_t typed_headers;  // rows with a typed parser (User-Agent and Accept have none)
  };
  for (const shape s : {shape{1, body_layout::plain, 12}, shape{100, body_layout::plain, 17},
                        shape{100, body_layout::multipart, 15}}) {
    CAPTURE(s.n);
    CAPTURE(static_cast<int>(s.layout));
    const procedure_fixture f(s.n, s.layout);
    const test::exact_buffer text(to_string(f.request).value());
    std::vector<resource_list_item> items(128);
    sipref_test::allocation_scope scope;
    const typed_result r = parse_refer_typed(text.view(), items.data(), items.size());
    const std::size_t n = scope.count();
    INFO("error ", to_string(r.failure.code), " at ", r.failure.offset);
    REQUIRE(r.ok);
    CHECK(r.is_list == (s.n > 1));
    CHECK(r.entries == (s.n > 1 ? s.n : 0));
    if (s.n > 1) CHECK(r.first_entry == "sip:+15550000002@example.com");
    CHECK(r.typed_headers == s.typed_headers);
    CHECK(n == 0);
  }
}

TEST_CASE("alloc: the resource-lists reader, for_each and parse_refer_notify allocate nothing") {
  const procedure_fixture f(100, body_layout::plain);
  const test::exact_buffer body(to_string(resource_lists_body(f.invitees)).value());
  const test::exact_buffer notify(to_string(make_notify()).value());
  std::size_t entries = 0, named = 0;
  sipref_test::allocation_scope scope;
  const auto summary = for_each_resource_list_item(body.view(), [&](const resource_list_item& it) {
    if (it.kind != list_item_kind::entry) return;
    ++entries;
    if (it.has_display_name) ++named;
  });
  const auto progress = parse_refer_notify(notify.view());
  const std::size_t n = scope.count();
  REQUIRE(summary);
  CHECK(entries == 100);
  CHECK(named == 34);
  REQUIRE(progress);
  CHECK(progress->code == 200);
  CHECK(progress->final);
  CHECK(progress->event_id == "3");
  CHECK(n == 0);
}
