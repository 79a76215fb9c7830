// SPDX-License-Identifier: MIT
// Client rules C1–C9, C11–C13 of PROCEDURE.md §2, one TEST_CASE per rule, plus the matrix.
#include <sipref/refer_request.hpp>

#include <string>
#include <vector>

#include <sipref/accept_contact.hpp>
#include <sipref/refer_checker.hpp>
#include <sipref/resource_lists.hpp>

#include "support/refer_matrix.hpp"
#include "support/test_support.hpp"

using namespace sipref;

namespace {

/// A valid new-dialog request with @p who as invitees; tests change one thing at a time.
refer_request base(list_ref<invitee> who) {
  refer_request r;
  r.session_uri = "sip:conf-123@im.example.com";
  r.invitees = who;
  r.from_uri = "sip:alice@example.com";
  r.contact_uri = "sip:alice@192.0.2.1:5060";
  r.call_id = "a84b4c76e66710";
  r.from_tag = "1928301774";
  r.via = {"UDP", "192.0.2.1", 5060, "z9hG4bK776asdhds"};
  r.content_id = "list-1@example.com";
  return r;
}

std::string compose(const refer_request& r) {
  auto t = to_string(r);
  INFO("compose error: ", to_string(t.error().code), " at ", t.error().offset);
  REQUIRE(t);
  return *t;
}

/// The parsed message and the values of its rows named @p name.
std::vector<std::string> rows(const std::string& text, header_id id) {
  auto m = parse_message(text);
  REQUIRE(m);
  std::vector<std::string> out;
  for (const header_field_view& h : m->rows(id)) out.emplace_back(h.value);
  return out;
}

const invitee one_invitee[] = {{"sip:bob@example.com"}};
const invitee two_invitees[] = {{"sip:bob@example.com", "Bob"}, {"sip:carol@example.com"}};

}  // namespace

TEST_CASE("C1: new-dialog REFER is a complete initial request (RFC 3261 §8.1.1)") {
  const std::string text = compose(base(one_invitee));
  auto m = parse_message(text);
  REQUIRE(m);
  CHECK(m->method() == "REFER");
  for (header_id id : {header_id::via, header_id::max_forwards, header_id::from, header_id::to, header_id::call_id,
                       header_id::cseq, header_id::contact, header_id::content_length})
    CHECK(m->count(id) == 1);
  auto from = parse_from_to(m->find(header_id::from)->value);
  REQUIRE(from);
  CHECK(from->params.get("tag") == "1928301774");
  auto to = parse_from_to(m->find(header_id::to)->value);
  REQUIRE(to);
  CHECK_FALSE(to->params.contains("tag"));  // §8.1.1.2: no To tag outside a dialog
  CHECK(m->find(header_id::cseq)->value == "1 REFER");
  CHECK(m->find(header_id::via)->value == "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds");
  CHECK(m->find(header_id::max_forwards)->value == "70");
  CHECK_FALSE(check_cseq(*m));
}

TEST_CASE("C1: in-dialog REFER uses the dialog's identifiers, CSeq+1 and route set (RFC 3261 §12.2.1.1)") {
  const std::string_view routes[] = {"sip:p1.example.com;lr", "sip:p2.example.com;lr"};
  dialog_state d;
  d.call_id = "dlg-42@192.0.2.1";
  d.local_tag = "ltag";
  d.remote_tag = "rtag";
  d.local_uri = "sip:alice@example.com";
  d.remote_uri = "sip:conf-123@im.example.com";
  d.remote_target = "sip:conf-123@focus.example.com;gr=urn:uuid:1";
  d.route_set = routes;
  d.local_cseq = 41;
  refer_request r = base(one_invitee);
  r.dialog = &d;
  const std::string text = compose(r);
  auto m = parse_message(text);
  REQUIRE(m);
  CHECK(m->request_uri() == "sip:conf-123@focus.example.com;gr=urn:uuid:1");
  CHECK(m->find(header_id::call_id)->value == "dlg-42@192.0.2.1");
  CHECK(m->find(header_id::cseq)->value == "42 REFER");
  CHECK(m->find(header_id::from)->value == "<sip:alice@example.com>;tag=ltag");
  CHECK(m->find(header_id::to)->value == "<sip:conf-123@im.example.com>;tag=rtag");
  CHECK(m->find(header_id::route)->value == "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>");

  SUBCASE("a strict router becomes the Request-URI and the remote target goes last") {
    const std::string_view strict[] = {"sip:p1.example.com", "sip:p2.example.com;lr"};
    d.route_set = strict;
    const std::string text2 = compose(r);
    auto s = parse_message(text2);
    REQUIRE(s);
    CHECK(s->request_uri() == "sip:p1.example.com");
    CHECK(s->find(header_id::route)->value ==
          "<sip:p2.example.com;lr>, <sip:conf-123@focus.example.com;gr=urn:uuid:1>");
  }
  SUBCASE("no route set: no Route header") {
    d.route_set = {};
    CHECK(rows(compose(r), header_id::route).empty());
  }
  SUBCASE("CSeq may not pass 2^31-1 (RFC 3261 §8.1.1.5)") {
    d.local_cseq = 0x7fffffffu;
    CHECK(composed_size(r).error().code == errc::number_overflow);
  }
}

TEST_CASE("C2: the Request-URI is the IM Session Identity") {
  const std::string text = compose(base(one_invitee));
  auto m = parse_message(text);
  REQUIRE(m);
  CHECK(m->request_uri() == "sip:conf-123@im.example.com");
  CHECK(m->find(header_id::to)->value == "<sip:conf-123@im.example.com>");
  refer_request r = base(one_invitee);
  r.session_uri = "sip:conf 123@x";
  CHECK(composed_size(r).error().code == errc::trailing_garbage);
  r.session_uri = "";
  CHECK(composed_size(r).error() == error{errc::missing_field, static_cast<std::size_t>(refer_field::session_uri)});
}

TEST_CASE("C3: one invitee is Refer-To: <URI>, always bracketed") {
  const invitee tricky[] = {{"sip:bob@example.com;transport=tcp?Subject=hi%20there", "Bob, Jr."}};
  const std::string text = compose(base(tricky));
  CHECK(rows(text, header_id::refer_to) == std::vector<std::string>{"<sip:bob@example.com;transport=tcp?Subject=hi%20there>"});
  refer_request r = base(tricky);
  r.display_name_in_refer_to = true;
  CHECK(rows(compose(r), header_id::refer_to) ==
        std::vector<std::string>{"\"Bob, Jr.\" <sip:bob@example.com;transport=tcp?Subject=hi%20there>"});
  CHECK(rows(text, header_id::content_type).empty());
  CHECK(rows(text, header_id::content_length) == std::vector<std::string>{"0"});
}

TEST_CASE("C4: one invitee keeps the implicit subscription by default; overrides") {
  refer_request r = base(one_invitee);
  CHECK(rows(compose(r), header_id::refer_sub).empty());  // oma: no "Norefer-Sub", no Refer-Sub
  CHECK(compose(r).find("Norefer") == std::string::npos);
  r.subscription = subscription_mode::refer_sub_true;
  CHECK(rows(compose(r), header_id::refer_sub) == std::vector<std::string>{"true"});
  r.subscription = subscription_mode::suppressed;
  const std::string suppressed = compose(r);
  CHECK(rows(suppressed, header_id::refer_sub) == std::vector<std::string>{"false"});
  CHECK(rows(suppressed, header_id::supported) == std::vector<std::string>{"norefersub"});
  CHECK(rows(suppressed, header_id::require).empty());  // RFC 4488 §4: not towards unknown peers
  r.norefersub_in_require = true;
  CHECK(rows(compose(r), header_id::require) == std::vector<std::string>{"norefersub"});
  refer_request rcs = base(one_invitee);
  rcs.profile = refer_profile::rcs;
  CHECK(rows(compose(rcs), header_id::refer_sub) == std::vector<std::string>{"false"});
}

TEST_CASE("C5: several invitees are a cid: Refer-To and a resource-lists body") {
  const std::string text = compose(base(two_invitees));
  CHECK(rows(text, header_id::refer_to) == std::vector<std::string>{"<cid:list-1@example.com>"});
  CHECK(rows(text, header_id::content_type) == std::vector<std::string>{"application/resource-lists+xml"});
  CHECK(rows(text, header_id::content_disposition) == std::vector<std::string>{"recipient-list"});
  CHECK(rows(text, header_id::content_id) == std::vector<std::string>{"<list-1@example.com>"});
  auto m = parse_message(text);
  REQUIRE(m);
  CHECK(m->content_length() == m->body().size());
  resource_list_item items[4];
  auto list = parse_resource_lists(m->body(), items);
  REQUIRE(list);
  REQUIRE(list->size == 2);
  CHECK(list->summary.is_flat());
  CHECK(items[0].uri.raw == "sip:bob@example.com");
  CHECK(items[0].display_name.raw == "Bob");
  CHECK(items[1].uri.raw == "sip:carol@example.com");

  SUBCASE("the multipart/mixed layout puts the labels on the part (RFC 8262 §1.4.2)") {
    refer_request r = base(two_invitees);
    r.layout = body_layout::multipart;
    const std::string mp = compose(r);
    CHECK(rows(mp, header_id::content_type) == std::vector<std::string>{"multipart/mixed;boundary=sipref-boundary"});
    CHECK(rows(mp, header_id::content_id).empty());
    auto mm = parse_message(mp);
    REQUIRE(mm);
    auto parts = parse_multipart(mm->body(), "sipref-boundary");
    REQUIRE(parts);
    auto part = parts->find_by_content_id("list-1@example.com");
    REQUIRE(part);
    CHECK(part->headers.find(header_id::content_disposition)->value == "recipient-list");
    CHECK(validate_resource_lists(part->body));
  }
  SUBCASE("the list label must be a msg-id, and is required") {
    refer_request r = base(two_invitees);
    r.content_id = "no-at-sign";
    CHECK(composed_size(r).error().code == errc::invalid_argument);
    r.content_id = "";
    CHECK(composed_size(r).error() == error{errc::missing_field, static_cast<std::size_t>(refer_field::content_id)});
  }
  SUBCASE("each invitee is listed once (RFC 5368 §7), compared with SIP URI equality") {
    const invitee dup[] = {{"sip:bob@example.com"}, {"sip:carol@example.com"}, {"sip:BOB@example.com"}, {"sip:bob@EXAMPLE.com"}};
    CHECK(composed_size(base(dup)).error() == error{errc::duplicate_invitee, 3});
    // Large lists stay linear: above max_checked_duplicates the pair scan is skipped.
    std::vector<std::string> uris;
    for (std::size_t i = 0; i <= refer_request::max_checked_duplicates; ++i) uris.push_back("sip:u" + std::to_string(i) + "@example.com");
    uris.back() = uris.front();
    std::vector<invitee> many(uris.size());
    for (std::size_t i = 0; i < uris.size(); ++i) many[i].uri = uris[i];
    CHECK(composed_size(base(many)).has_value());
    many.pop_back();
    many.back().uri = uris.front();
    CHECK(composed_size(base(many)).error() == error{errc::duplicate_invitee, refer_request::max_checked_duplicates - 1});
  }
}

TEST_CASE("C6: several invitees suppress the subscription; never a Norefer-Sub header") {
  const std::string text = compose(base(two_invitees));
  CHECK(rows(text, header_id::refer_sub) == std::vector<std::string>{"false"});
  CHECK(rows(text, header_id::require) == std::vector<std::string>{"multiple-refer, norefersub"});
  CHECK(text.find("Norefer-Sub") == std::string::npos);
  refer_request r = base(two_invitees);
  r.norefersub_in_require = false;
  const std::string supported = compose(r);
  CHECK(rows(supported, header_id::require) == std::vector<std::string>{"multiple-refer"});
  CHECK(rows(supported, header_id::supported) == std::vector<std::string>{"norefersub"});
  r.subscription = subscription_mode::implicit;
  const std::string implicit = compose(r);
  CHECK(rows(implicit, header_id::refer_sub).empty());
  CHECK(rows(implicit, header_id::supported).empty());
}

TEST_CASE("C7: several invitees carry Require: multiple-refer (RFC 5368 §4)") {
  for (subscription_mode mode : {subscription_mode::profile_default, subscription_mode::implicit,
                                 subscription_mode::refer_sub_true, subscription_mode::suppressed}) {
    refer_request r = base(two_invitees);
    r.subscription = mode;
    const auto require = rows(compose(r), header_id::require);
    REQUIRE(require.size() == 1);
    auto tags = parse_require(require[0]);
    REQUIRE(tags);
    CHECK(tags->contains(option_tag::multiple_refer));
  }
  CHECK(rows(compose(base(one_invitee)), header_id::require).empty());
}

TEST_CASE("C8: MAX-ADHOC-GROUP-SIZE is a distinct error and nothing is composed") {
  const invitee three[] = {{"sip:a@example.com"}, {"sip:b@example.com"}, {"sip:c@example.com"}};
  refer_request r = base(three);
  r.max_adhoc_group_size = 3;
  CHECK(composed_size(r).has_value());
  r.max_adhoc_group_size = 2;
  CHECK(composed_size(r).error() == error{errc::group_size_exceeded, 2});
  std::string out = "keep";
  CHECK(append_to(out, r).code == errc::group_size_exceeded);
  CHECK(out == "keep");
  r.max_adhoc_group_size = 5;
  r.current_participants = 3;  // the stricter check
  CHECK(composed_size(r).error() == error{errc::group_size_exceeded, 2});
  r.current_participants = 2;
  CHECK(composed_size(r).has_value());
  r.session = session_kind::one_to_one;
  r.current_participants = 4;
  CHECK(composed_size(r).error().code == errc::group_size_exceeded);
  r.session = session_kind::pre_defined;  // not checked by the client
  CHECK(composed_size(r).has_value());
  r.session = session_kind::ad_hoc;
  r.action = refer_action::remove;  // removing never grows the group
  CHECK(composed_size(r).has_value());
}

TEST_CASE("C9: anonymity is Privacy: id (RFC 3325 §9.3)") {
  refer_request r = base(one_invitee);
  CHECK(rows(compose(r), header_id::privacy).empty());
  r.anonymous = true;
  CHECK(rows(compose(r), header_id::privacy) == std::vector<std::string>{"id"});
  r.privacy = privacy_flag::header | privacy_flag::critical;
  CHECK(rows(compose(r), header_id::privacy) == std::vector<std::string>{"header;id;critical"});
  r.anonymous = false;
  r.privacy = privacy_flag::none | privacy_flag::user;
  CHECK(composed_size(r).error().code == errc::bad_privacy);
}

TEST_CASE("C11: feature tag in Contact, Accept-Contact, User-Agent, P-Preferred-Identity") {
  refer_request r = base(one_invitee);
  const std::string text = compose(r);
  CHECK(rows(text, header_id::contact) == std::vector<std::string>{"<sip:alice@192.0.2.1:5060>;+g.oma.sip-im"});
  CHECK(rows(text, header_id::accept_contact) == std::vector<std::string>{"*;+g.oma.sip-im"});
  const std::string accept_contact = rows(text, header_id::accept_contact)[0];  // outlives the view
  auto ac = parse_accept_contact(accept_contact);
  REQUIRE(ac);
  CHECK(ac->has_feature("+g.oma.sip-im"));
  CHECK(rows(text, header_id::user_agent)[0].rfind("IM-client/OMA1.0", 0) == 0);
  CHECK(rows(text, header_id::p_preferred_identity).empty());
  r.preferred_identity = "sip:alice@example.com";
  CHECK(rows(compose(r), header_id::p_preferred_identity) == std::vector<std::string>{"<sip:alice@example.com>"});
  r.user_agent = "MyPhone/1.0";
  CHECK(composed_size(r).error() == error{errc::invalid_argument, 0});
  r.user_agent = "IM-client/OMA1.0 X\r\nEvil: 1";
  CHECK(composed_size(r).error() == error{errc::control_char, 18});
  r.user_agent = "IM-client/OMA1.0 ExampleVendor/Phone-1.0";
  CHECK(rows(compose(r), header_id::user_agent)[0] == "IM-client/OMA1.0 ExampleVendor/Phone-1.0");
  r.contact_uri = "";
  CHECK(composed_size(r).error() == error{errc::missing_field, static_cast<std::size_t>(refer_field::contact_uri)});
}

TEST_CASE("C12: the IMS profile adds P-Preferred-Identity and passes extra headers through") {
  refer_request r = base(one_invitee);
  r.profile = refer_profile::ims;
  const extra_header extra[] = {{"P-Access-Network-Info", "3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=2344121212"}};
  r.extra_headers = extra;
  const std::string text = compose(r);
  CHECK(rows(text, header_id::p_preferred_identity) == std::vector<std::string>{"<sip:alice@example.com>"});
  CHECK(rows(text, header_id::p_access_network_info) ==
        std::vector<std::string>{"3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=2344121212"});
  CHECK(rows(text, header_id::contact)[0].find("+g.oma.sip-im") != std::string::npos);
  SUBCASE("extra headers are validated name/value pairs") {
    const extra_header crlf[] = {{"Subject", "hi\r\nX-Evil: 1"}};
    r.extra_headers = crlf;
    CHECK(composed_size(r).error() == error{errc::control_char, 2});
    const extra_header bad_name[] = {{"Sub ject", "x"}};
    r.extra_headers = bad_name;
    CHECK(composed_size(r).error() == error{errc::bad_header_name, 3});
    const extra_header reserved[] = {{"Subject", "ok"}, {"l", "5"}};  // compact Content-Length
    r.extra_headers = reserved;
    CHECK(composed_size(r).error() == error{errc::reserved_header, 1});
  }
}

TEST_CASE("C13: removing users: ;method=BYE on the target or on every entry") {
  refer_request r = base(one_invitee);
  r.action = refer_action::remove;
  CHECK(rows(compose(r), header_id::refer_to) == std::vector<std::string>{"<sip:bob@example.com;method=BYE>"});
  const invitee with_headers[] = {{"sip:bob@example.com?Subject=bye"}};
  r.invitees = with_headers;
  CHECK(rows(compose(r), header_id::refer_to) == std::vector<std::string>{"<sip:bob@example.com;method=BYE?Subject=bye>"});
  const invitee already[] = {{"sip:bob@example.com;method=INVITE"}};
  r.invitees = already;
  CHECK(composed_size(r).error() == error{errc::duplicate_param, 20});
  refer_request several = base(two_invitees);
  several.action = refer_action::remove;
  const std::string text = compose(several);
  CHECK(text.find("?method=") == std::string::npos);  // never the RFC 5368 §9 spelling
  auto m = parse_message(text);
  REQUIRE(m);
  resource_list_item items[4];
  auto list = parse_resource_lists(m->body(), items);
  REQUIRE(list);
  CHECK(items[0].uri.raw == "sip:bob@example.com;method=BYE");
  CHECK(items[1].uri.raw == "sip:carol@example.com;method=BYE");
  const auto report = check_refer(text);
  REQUIRE(report.invitees.size() == 2);
  CHECK(report.invitees[0].method == "BYE");
}

TEST_CASE("procedure: user values that try to inject are rejected or escaped") {
  SUBCASE("CRLF in a display name") {
    const invitee who[] = {{"sip:bob@example.com", "Bob\r\nX-Evil: 1"}, {"sip:c@example.com"}};
    CHECK(composed_size(base(who)).error().code == errc::control_char);
    refer_request r = base(one_invitee);
    r.from_display_name = "Alice\r\nX-Evil: 1";
    CHECK(composed_size(r).error() == error{errc::control_char, 5});
  }
  SUBCASE("\"> in a URI") {
    const invitee who[] = {{"sip:bob@example.com\">"}};
    CHECK(composed_size(base(who)).error() == error{errc::trailing_garbage, 19});
    refer_request r = base(one_invitee);
    r.contact_uri = "sip:a@b>\r\nX: 1";
    CHECK(composed_size(r).error() == error{errc::trailing_garbage, 7});
  }
  SUBCASE("& and < in XML are escaped") {
    const invitee who[] = {{"sip:dave@example.net?Subject=a&Priority=urgent", "Dave & <Sons>"}, {"sip:c@example.com"}};
    const std::string text = compose(base(who));
    CHECK(text.find("Subject=a&amp;Priority=urgent") != std::string::npos);
    CHECK(text.find("Dave &amp; &lt;Sons&gt;") != std::string::npos);
    const auto report = check_refer(text);
    CHECK(report.ok());
    REQUIRE(report.invitees.size() == 2);
    CHECK(report.invitees[0].uri == "sip:dave@example.net?Subject=a&Priority=urgent");
    CHECK(report.invitees[0].display_name == "Dave & <Sons>");
  }
  SUBCASE("%0D%0A in an embedded header") {
    // Hand-written escapes are valid URI text, but the header would decode to CR LF in the
    // INVITE the recipient sends (S12): refused, at the header's name, for one invitee
    // (Refer-To) and for a list entry alike, and when a Refer-To is composed on its own.
    const invitee who[] = {{"sip:bob@example.com?Subject=a%0D%0AX-Evil:%201"}};
    CHECK(composed_size(base(who)).error() == error{errc::unsafe_uri_header, 20});
    const invitee several[] = {{"sip:carol@example.com"}, {"sip:bob@example.com?Subject=a%0D%0AX-Evil:%201"}};
    CHECK(composed_size(base(several)).error() == error{errc::unsafe_uri_header, 20});
    CHECK(composed_size(refer_to_value{{}, "sip:bob@example.com?Subject=a%0D%0AX-Evil:%201"}).error() ==
          error{errc::unsafe_uri_header, 20});
    // A header name that is not a token cannot become a header field either.
    const invitee odd_name[] = {{"sips:u?Repla]es="}};
    CHECK(composed_size(base(odd_name)).error() == error{errc::unsafe_uri_header, 7});
    // Built from decoded parts, the same value never gets that far.
    const uri_field evil[] = {{"Subject", "a\r\nX-Evil: 1"}};
    sip_uri u;
    u.user = "bob";
    u.host = "example.com";
    u.headers = evil;
    CHECK(composed_size(refer_to_value{{}, u}).error().code == errc::unsafe_uri_header);
  }
  SUBCASE("a From tag or Call-ID outside its grammar") {
    refer_request r = base(one_invitee);
    r.from_tag = "a b";
    CHECK(composed_size(r).error() == error{errc::bad_param, 1});
    // The dialog's tags too (fuzz_compose_refer: compose_refer/crash-dialog-tag-*): written
    // quoted or bare, they composed From/To rows that parse_from_to refuses.
    dialog_state d;
    d.call_id = "c1";
    d.local_uri = "sip:alice@example.com";
    d.remote_uri = "sip:conf@example.com";
    d.remote_target = "sip:conf@focus.example.com";
    d.local_tag = "a;b";
    r = base(one_invitee);
    r.dialog = &d;
    CHECK(composed_size(r).error() == error{errc::bad_param, 1});
    d.local_tag = "ltag";
    d.remote_tag = "[::1]";
    CHECK(composed_size(r).error() == error{errc::bad_param, 0});
    d.remote_tag = {};
    CHECK(composed_size(r));
    r = base(one_invitee);
    r.call_id = "abc def";
    CHECK(composed_size(r).error().code == errc::invalid_argument);
  }
  SUBCASE("spaces around a User-Agent or extra header value would not read back") {
    refer_request r = base(one_invitee);
    r.user_agent = "IM-client/OMA1.0 x ";
    CHECK(composed_size(r).error() == error{errc::invalid_argument, 18});
    r = base(one_invitee);
    const extra_header subject[] = {{"Subject", "\thello"}};
    r.extra_headers = subject;
    CHECK(composed_size(r).error() == error{errc::invalid_argument, 0});
  }
}

TEST_CASE("procedure: the three composition forms agree and exact Content-Length") {
  const refer_request r = base(two_invitees);
  const std::string text = compose(r);
  CHECK(composed_size(r).value() == text.size());
  std::vector<char> buf(text.size());
  const auto res = compose_to(buf.data(), buf.data() + buf.size(), r);
  REQUIRE_FALSE(res.ec);
  CHECK(std::string(buf.data(), res.ptr) == text);
  std::vector<char> small(text.size() - 1);
  CHECK(compose_to(small.data(), small.data() + small.size(), r).ec.code == errc::buffer_too_small);
}

TEST_CASE("procedure: parts for a caller whose own stack builds the message") {
  const refer_request r = base(two_invitees);
  const auto rows_text = to_string(refer_header_rows{r});
  REQUIRE(rows_text);
  CHECK(rows_text->rfind("Refer-To: <cid:list-1@example.com>\r\n", 0) == 0);
  CHECK(rows_text->find("Via:") == std::string::npos);
  CHECK(rows_text->find("Content-Length") == std::string::npos);
  const auto body = to_string(refer_body{r});
  REQUIRE(body);
  CHECK(validate_resource_lists(*body));
  CHECK(*to_string(refer_content_type{r}) == "application/resource-lists+xml");
  // The whole message carries exactly these rows and this body.
  const std::string text = compose(r);
  CHECK(text.find(*rows_text) != std::string::npos);
  CHECK(text.substr(text.size() - body->size()) == *body);
  CHECK(to_string(refer_body{base(one_invitee)})->empty());
}

TEST_CASE("procedure: composed matrix parses back and checks clean") {
  const auto matrix = test::refer_matrix();
  CHECK(matrix.size() == 36);
  for (const test::refer_case& c : matrix) {
    INFO(c.name);
    REQUIRE(c.text.rfind("REFER ", 0) == 0);
    auto m = parse_message(c.text);
    REQUIRE(m);
    CHECK_FALSE(m->first_duplicate());
    refer_expectations exp;
    exp.session_uri = c.in_dialog ? std::string_view("sip:conf-7f3a9c@im.example.com;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
                                  : std::string_view(c.session_uri);
    const auto report = check_refer(c.text, exp);
    for (const auto& f : report.findings) INFO(f.rule, " ", f.message);
    CHECK(report.findings.empty());
    REQUIRE(report.invitees.size() == c.invitee_uris.size());
    for (std::size_t i = 0; i < c.invitee_uris.size(); ++i) {
      CHECK(report.invitees[i].display_name == (c.several ? c.invitee_names[i] : std::string()));
      CHECK(report.invitees[i].method == (c.remove ? "BYE" : "INVITE"));
      auto want = parse_uri(c.invitee_uris[i]);
      auto got = parse_uri(report.invitees[i].uri);
      REQUIRE(want);
      REQUIRE(got);
      CHECK(got->host == want->host);
      CHECK(got->user == want->user);
    }
    CHECK(report.is_list == c.several);
  }
}
