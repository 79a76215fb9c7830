// SPDX-License-Identifier: MIT
// The README's API tour, compiled and checked, so the README stays true.
#include <sipref/sipref.hpp>

#include <string>

#include "support/test_support.hpp"

TEST_CASE("readme: compose the add-participants REFER") {
  // --- README: compose ---
  const sipref::invitee who[] = {{"sip:bob@example.com", "Bob"}, {"sip:carol@example.com"}};
  sipref::refer_request req;
  req.session_uri = "sip:conf-123@im.example.com";  // the IM Session Identity (C2)
  req.invitees = who;                               // several: cid Refer-To + resource list (C5)
  req.from_uri = "sip:alice@example.com";
  req.from_tag = "1928301774";
  req.call_id = "a84b4c76e66710";
  req.contact_uri = "sip:alice@192.0.2.1";
  req.via = {"UDP", "192.0.2.1", 5060, "z9hG4bK776asdhds"};
  req.content_id = "list-1@example.com";
  req.max_adhoc_group_size = 10;                    // C8

  std::string out;
  out.reserve(2048);
  if (sipref::error e = sipref::append_to(out, req)) {
    // e.code == sipref::errc::group_size_exceeded, ..., e.offset says where
  }
  // --- end ---
  CHECK(out.rfind("REFER sip:conf-123@im.example.com SIP/2.0\r\n", 0) == 0);
  CHECK(out.find("Refer-To: <cid:list-1@example.com>\r\n") != std::string::npos);
  CHECK(sipref::check_refer(out).ok());
}

TEST_CASE("readme: parse a Refer-To and decode its embedded Replaces once") {
  // --- README: parse ---
  std::string_view value = "<sip:dave@denver.example.org?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>";
  auto r = sipref::parse_refer_to(value);  // never allocates, never throws
  if (!r) {
    // r.error().code, r.error().offset
  } else if (!r->check_embedded_headers(value)) {  // S12: no CR/LF/NUL, no forbidden names
    std::string replaces;
    sipref::string_writer w(replaces);
    r->decode_embedded_header("Replaces", w);  // "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994"
  }
  // --- end ---
  REQUIRE(r);
  std::string replaces;
  sipref::string_writer w(replaces);
  CHECK(r->decode_embedded_header("Replaces", w));
  CHECK(replaces == "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994");
  auto bad = sipref::parse_refer_to("<sip:a@b>, <sip:c@d>");
  CHECK(bad.error() == sipref::error{sipref::errc::multiple_values, 9});
}

TEST_CASE("readme: a NOTIFY's progress and the checker") {
  const std::string notify = test::read_data("rfc3515/rfc3515-4.1-F5-NOTIFY-200-OK-terminated.sip");
  // --- README: notify ---
  auto p = sipref::parse_refer_notify(notify);
  if (p && p->final && p->outcome == sipref::refer_outcome::succeeded) {
    // the referenced INVITE succeeded; the subscription is over
  }
  // --- end ---
  REQUIRE(p);
  CHECK(p->final);
  CHECK(p->code == 200);
  const std::string bytes = test::read_data("rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip");
  // --- README: check ---
  sipref::refer_expectations exp;
  exp.session_uri = "sip:conf-123@example.com";
  exp.max_adhoc_group_size = 10;
  const sipref::refer_report report = sipref::check_refer(bytes, exp);
  // report.findings: {"S11", error, 56, 400, "malformed start line: ..."}
  // report.invitees: bill, joe, ted (method BYE); report.response() == 400
  // --- end ---
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].rule == "S11");
  CHECK(report.findings[0].offset == 56);
  CHECK(report.invitees.size() == 3);
  CHECK(report.response() == 400);
}
