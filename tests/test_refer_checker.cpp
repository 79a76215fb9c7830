// SPDX-License-Identifier: MIT
// Server checks S1–S12 of PROCEDURE.md §3, one TEST_CASE per rule, plus the RFC and OMA
// example REFERs with their expected findings written down.
#include <sipref/refer_checker.hpp>

#include <string>
#include <vector>

#include <sipref/refer_request.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {

/// A valid list REFER (RFC 5368 shape, plain layout) the rule tests mutate.
std::string good_list_refer() {
  const invitee who[] = {{"sip:bob@example.com", "Bob"}, {"sip:carol@example.com"}};
  refer_request r;
  r.session_uri = "sip:conf-123@example.com";
  r.invitees = who;
  r.from_uri = "sip:alice@example.com";
  r.contact_uri = "sip:alice@192.0.2.1";
  r.call_id = "c1";
  r.from_tag = "t1";
  r.via = {"UDP", "192.0.2.1", 0, "z9hG4bKx1"};
  r.content_id = "list-1@example.com";
  return *to_string(r);
}

std::string good_single_refer() {
  const invitee who[] = {{"sip:bob@example.com"}};
  refer_request r;
  r.session_uri = "sip:conf-123@example.com";
  r.invitees = who;
  r.from_uri = "sip:alice@example.com";
  r.contact_uri = "sip:alice@192.0.2.1";
  r.call_id = "c1";
  r.from_tag = "t1";
  r.via = {"UDP", "192.0.2.1", 0, "z9hG4bKx1"};
  return *to_string(r);
}

/// Replaces the first occurrence of @p from with @p to, fixing Content-Length.
std::string edit(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "not found: ", from);
  text.replace(at, from.size(), to);
  const std::size_t body = text.find("\r\n\r\n") + 4;
  const std::size_t cl = text.find("Content-Length: ");
  const std::size_t eol = text.find("\r\n", cl);
  text.replace(cl, eol - cl, "Content-Length: " + std::to_string(text.size() - body));
  return text;
}

/// The findings of @p rule, as "severity offset response".
std::vector<finding> of(const refer_report& r, std::string_view rule) {
  std::vector<finding> out;
  for (const finding& f : r.findings)
    if (f.rule == rule) out.push_back(f);
  return out;
}

refer_report check(const std::string& text, refer_expectations exp = {}) {
  test::exact_buffer b(text);
  return check_refer(b.view(), exp);
}

}  // namespace

TEST_CASE("checker: well-formed REFERs have no finding") {
  refer_expectations exp;
  exp.session_uri = "sip:conf-123@example.com";
  for (const std::string& text : {good_list_refer(), good_single_refer()}) {
    const auto r = check(text, exp);
    CHECK(r.findings.empty());
    CHECK(r.ok());
    CHECK(r.response() == 200);
  }
}

TEST_CASE("S1: no Refer-To, or more than one") {
  const std::string single = good_single_refer();
  const auto none = check(edit(single, "Refer-To: <sip:bob@example.com>\r\n", ""));
  REQUIRE(of(none, "S1").size() == 1);
  CHECK(of(none, "S1")[0].response == 400);
  CHECK(none.response() == 400);
  const std::string two_values = edit(single, "Refer-To: <sip:bob@example.com>", "Refer-To: <sip:bob@example.com>, <sip:eve@example.com>");
  const auto tv = check(two_values);
  REQUIRE(of(tv, "S1").size() == 1);
  CHECK(of(tv, "S1")[0].offset == two_values.find(", <sip:eve"));
  const std::string two_rows = edit(single, "Refer-To: <sip:bob@example.com>\r\n", "Refer-To: <sip:bob@example.com>\r\nr: <sip:eve@example.com>\r\n");
  const auto tr = check(two_rows);
  REQUIRE(of(tr, "S1").size() == 1);
  CHECK(of(tr, "S1")[0].offset == two_rows.find("r: <sip:eve"));
  CHECK(of(tr, "S11").size() == 1);  // also a duplicate single-valued header
}

TEST_CASE("S2: unsupported Require tag → 420") {
  const std::string text = edit(good_single_refer(), "Refer-To:", "Require: foo, replaces\r\nRefer-To:");
  const auto r = check(text);
  REQUIRE(of(r, "S2").size() == 1);
  CHECK(of(r, "S2")[0].response == 420);
  CHECK(of(r, "S2")[0].offset == text.find("foo"));
  CHECK(r.response() == 420);
  refer_expectations exp;
  exp.supported = {"foo", "replaces"};
  CHECK(check(text, exp).ok());
}

TEST_CASE("S3: cid Refer-To without multiple-refer → 400") {
  const std::string text = edit(good_list_refer(), "Require: multiple-refer, norefersub", "Require: norefersub");
  const auto r = check(text);
  REQUIRE(of(r, "S3").size() == 1);
  CHECK(of(r, "S3")[0].offset == text.find("cid:"));
  CHECK(r.response() == 400);
}

TEST_CASE("S4: cid must match the Content-ID") {
  const std::string text = edit(good_list_refer(), "Content-ID: <list-1@example.com>", "Content-ID: <other@example.com>");
  const auto r = check(text);
  REQUIRE(of(r, "S4").size() == 1);
  CHECK(of(r, "S4")[0].response == 400);
  const auto missing = check(edit(good_list_refer(), "Content-ID: <list-1@example.com>\r\n", ""));
  CHECK(of(missing, "S4").size() == 1);
}

TEST_CASE("S5: list body type, disposition, XML, shape") {
  const std::string base = good_list_refer();
  CHECK(of(check(edit(base, "Content-Type: application/resource-lists+xml", "Content-Type: application/xml")), "S5").size() == 1);
  CHECK(of(check(edit(base, "Content-Disposition: recipient-list\r\n", "")), "S5").size() == 1);
  CHECK(of(check(edit(base, "Content-Disposition: recipient-list", "Content-Disposition: render")), "S5").size() == 1);
  const std::string broken = edit(base, "</list>", "</lst>");
  const auto b = check(broken);
  REQUIRE(of(b, "S5").size() == 1);
  CHECK(of(b, "S5")[0].offset == broken.find("</lst>"));
  CHECK(b.invitees.empty());
  const auto ref = check(edit(base, "<list>", "<list><entry-ref ref=\"a/b\"/>"));
  CHECK(of(ref, "S5").size() == 1);
  const auto ext = check(edit(base, "<list>", "<list><external anchor=\"http://x/y\"/>"));
  CHECK(of(ext, "S5").size() == 1);
  const auto nested = check(edit(base, "<list>", "<list><list><entry uri=\"sip:z@example.com\"/></list>"));
  CHECK(of(nested, "S5").size() == 1);
  const auto doctype = check(edit(base, "<resource-lists", "<!DOCTYPE x [<!ENTITY a \"b\">]><resource-lists"));
  REQUIRE(of(doctype, "S5").size() == 1);
  CHECK(of(doctype, "S5")[0].message.find("xml_doctype") != std::string::npos);
  const auto not_rl = check(edit(base, "urn:ietf:params:xml:ns:resource-lists", "urn:ietf:params:xml:ns:Resource-Lists"));
  CHECK(of(not_rl, "S5").size() == 1);
}

TEST_CASE("S6: duplicate URIs are a warning and are collapsed with SIP URI equality") {
  const std::string text = edit(good_list_refer(), "<entry uri=\"sip:carol@example.com\"/>",
                                "<entry uri=\"sip:carol@example.com\"/>\r\n    <entry uri=\"sip:carol@EXAMPLE.COM;newparam=1\"/>"
                                "\r\n    <entry uri=\"sip:%62ob@example.com\"/>");
  const auto r = check(text);
  REQUIRE(of(r, "S6").size() == 2);
  CHECK(of(r, "S6")[0].level == severity::warning);
  CHECK(r.ok());
  REQUIRE(r.invitees.size() == 2);
  CHECK(r.invitees[0].uri == "sip:bob@example.com");
  CHECK(r.invitees[1].uri == "sip:carol@example.com");
  // Different ports or transports are different URIs (RFC 3261 §19.1.4).
  const auto distinct = check(edit(good_list_refer(), "<entry uri=\"sip:carol@example.com\"/>",
                                   "<entry uri=\"sip:carol@example.com\"/><entry uri=\"sip:carol@example.com:5070\"/>"));
  CHECK(of(distinct, "S6").empty());
  CHECK(distinct.invitees.size() == 3);
}

TEST_CASE("S7: list REFER without Refer-Sub: false / norefersub is a warning") {
  const auto no_sub = check(edit(good_list_refer(), "Refer-Sub: false\r\n", ""));
  REQUIRE(of(no_sub, "S7").size() == 1);
  CHECK(of(no_sub, "S7")[0].level == severity::warning);
  CHECK(no_sub.ok());
  const auto no_tag = check(edit(good_list_refer(), "Require: multiple-refer, norefersub", "Require: multiple-refer"));
  CHECK(of(no_tag, "S7").size() == 1);
  // A Refer-Sub that is neither true nor false is an error (PEERS.md (c) 14).
  const std::string yes = edit(good_single_refer(), "Refer-To:", "Refer-Sub: yes\r\nRefer-To:");
  const auto y = check(yes);
  REQUIRE(of(y, "S7").size() == 1);
  CHECK(of(y, "S7")[0].level == severity::error);
  CHECK(of(y, "S7")[0].offset == yes.find("yes"));
  CHECK(y.response() == 400);
}

TEST_CASE("S8: more invitees than MAX-ADHOC-GROUP-SIZE → 403") {
  refer_expectations exp;
  exp.max_adhoc_group_size = 1;
  const auto r = check(good_list_refer(), exp);
  REQUIRE(of(r, "S8").size() == 1);
  CHECK(of(r, "S8")[0].response == 403);
  CHECK(r.response() == 403);
  exp.max_adhoc_group_size = 2;
  CHECK(check(good_list_refer(), exp).ok());
  exp.max_adhoc_group_size = 1;
  CHECK(check(good_single_refer(), exp).ok());
}

TEST_CASE("S9: Privacy malformed or none combined → 400") {
  const std::string base = good_single_refer();
  CHECK(check(edit(base, "Refer-To:", "Privacy: id;header\r\nRefer-To:")).ok());
  const std::string none = edit(base, "Refer-To:", "Privacy: none;id\r\nRefer-To:");
  const auto r = check(none);
  REQUIRE(of(r, "S9").size() == 1);
  CHECK(of(r, "S9")[0].offset == none.find("id\r\nRefer-To"));
  CHECK(of(check(edit(base, "Refer-To:", "Privacy: id, user\r\nRefer-To:")), "S9").size() == 1);
}

TEST_CASE("S10: Request-URI must be the IM Session Identity → 404") {
  refer_expectations exp;
  exp.session_uri = "sip:conf-999@example.com";
  const auto r = check(good_single_refer(), exp);
  REQUIRE(of(r, "S10").size() == 1);
  CHECK(of(r, "S10")[0].offset == 6);
  CHECK(r.response() == 404);
  exp.session_uri = "sip:CONF-123@EXAMPLE.COM";  // userinfo is case-sensitive
  CHECK(of(check(good_single_refer(), exp), "S10").size() == 1);
  exp.session_uri = "sip:conf-123@EXAMPLE.COM";  // the host is not
  CHECK(check(good_single_refer(), exp).ok());
}

TEST_CASE("S11: framing — Content-Length, start line, duplicate single-valued headers") {
  const std::string base = good_single_refer();
  std::string no_cl = base;
  no_cl.replace(no_cl.find("Content-Length: 0\r\n"), 19, "");
  CHECK(of(check(no_cl), "S11").size() == 1);
  std::string wrong_cl = base;
  wrong_cl.replace(wrong_cl.find("Content-Length: 0"), 17, "Content-Length: 9");
  CHECK(of(check(wrong_cl), "S11").size() == 1);
  const auto extra = check(base + "garbage");
  CHECK(of(extra, "S11").size() == 1);
  std::string dbl = base;
  dbl.replace(dbl.find("REFER sip:"), 10, "REFER  sip:");
  const auto d = check(dbl);
  REQUIRE(of(d, "S11").size() == 1);
  CHECK(of(d, "S11")[0].offset == 6);
  const auto dup = check(edit(base, "Call-ID: c1\r\n", "Call-ID: c1\r\ni: c2\r\n"));
  CHECK(of(dup, "S11").size() == 1);
  const auto garbage = check("not a sip message");
  REQUIRE(garbage.findings.size() == 1);
  CHECK(garbage.findings[0].rule == "S11");
  const auto invite = check("INVITE sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n");
  CHECK(of(invite, "S11").size() == 1);
}

TEST_CASE("S12: embedded URI headers decoding to CR/LF/NUL or forbidden by RFC 3261 §19.1.5") {
  const std::string base = good_single_refer();
  const std::string crlf = edit(base, "<sip:bob@example.com>", "<sip:bob@example.com?Subject=a%0D%0AX-Evil:%201>");
  const auto r = check(crlf);
  REQUIRE(of(r, "S12").size() == 1);
  CHECK(of(r, "S12")[0].offset == crlf.find("Subject=a%0D"));
  CHECK(r.response() == 400);
  CHECK(of(check(edit(base, "<sip:bob@example.com>", "<sip:bob@example.com?Route=%3Csip:evil%3E>")), "S12").size() == 1);
  CHECK(check(edit(base, "<sip:bob@example.com>", "<sip:bob@example.com?Replaces=a%40b%3Bto-tag%3D1%3Bfrom-tag%3D2>")).ok());
}

TEST_CASE("checker: RFC and OMA example REFERs, expected findings written down") {
  struct expectation {
    const char* file;
    std::vector<std::string> rules;  // in order
    std::size_t invitees;
  };
  const expectation cases[] = {
      // RFC 5368 §9 Fig. 3: the double SP before SIP/2.0 (DIGEST §15) is its only fault.
      {"rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip", {"S11"}, 3},
      {"rfc8262/rfc8262-3.4.3-REFER-sip-content-id.sip", {"S11"}, 3},
      {"derived/rfc8262-1.4.2-REFER-multipart.content-length-computed.sip", {"S11"}, 3},
      // RFC 8262 §1.4.2 as printed: the double SP and "Content-Length: ...".
      {"rfc8262/rfc8262-1.4.2-REFER-multipart-single-part.sip", {"S11", "S11"}, 0},
      {"oma-examples/wire/rfc5368-fig3-refer-multiple-targets.sip", {}, 3},
      {"rfc4579/rfc4579-5.5-F1-REFER-add-participant.sip", {}, 1},
      {"rfc4579/rfc4579-5.11-F1-REFER-method-BYE.sip", {}, 1},
      {"rfc4579/rfc4579-5.7-F1-REFER-with-nested-REFER.sip", {}, 1},
      {"rfc4488/rfc4488-6-REFER-Refer-Sub-false.sip", {}, 1},
      // RFC 3515 §4 prints "(whatever URI)" as the Refer-To.
      {"rfc3515/rfc3515-4.1-F1-REFER.sip", {"S1"}, 0},
      {"rfc3515/rfc3515-4.2-F7-REFER-second-in-dialog.sip", {"S1"}, 0},
      {"oma-examples/constructed/01-refer-add-single-implicit-subscription.sip", {}, 1},
      {"oma-examples/constructed/02-refer-add-single-refer-sub-false-rcs-style.sip", {}, 1},
      {"oma-examples/constructed/03-refer-add-multiple-rfc5368-rcs-style.sip", {}, 3},
      {"oma-examples/constructed/07-refer-remove-single-method-bye.sip", {}, 1},
  };
  for (const expectation& e : cases) {
    INFO(e.file);
    const auto r = check(test::read_data(e.file));
    std::vector<std::string> rules;
    for (const finding& f : r.findings) rules.emplace_back(f.rule);
    CHECK(rules == e.rules);
    CHECK(r.invitees.size() == e.invitees);
  }
  // The RFC 5368 example's entries use the ?method=BYE spelling, read leniently (C13).
  const auto fig3 = check(test::read_data("rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip"));
  REQUIRE(fig3.invitees.size() == 3);
  CHECK(fig3.invitees[0].method == "BYE");
  const auto bye = check(test::read_data("rfc4579/rfc4579-5.11-F1-REFER-method-BYE.sip"));
  CHECK(bye.invitees.at(0).method == "BYE");
}

TEST_CASE("checker: hostile inputs never crash and every offset lies inside the input") {
  const std::string base = good_list_refer();
  for (std::size_t cut = 0; cut < base.size(); cut += 7) {
    const std::string text = base.substr(0, cut);
    const auto r = check(text);
    for (const finding& f : r.findings) CHECK(f.offset <= text.size());
  }
}
