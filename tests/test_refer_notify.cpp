// SPDX-License-Identifier: MIT
// C10 (NOTIFY progress, matching, 200 OK) and the REFER-Recipient's NOTIFYs and answers.
#include <sipref/refer_notify.hpp>

#include <string>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
result<refer_progress> progress(std::string_view in) { return parse_refer_notify(in); }

/// RFC 3515 F3/F9 print "expires=(depends on Refer-To URI)"; substitute a number.
std::string fixed(std::string text) {
  const std::string placeholder = "(depends on Refer-To URI)";
  const std::size_t at = text.find(placeholder);
  if (at != std::string::npos) text.replace(at, placeholder.size(), "60");
  return text;
}
}  // namespace

TEST_CASE("C10: RFC 3515 §4 NOTIFYs parse into progress values") {
  auto f5 = test::parse_exact(progress, test::read_data("rfc3515/rfc3515-4.1-F5-NOTIFY-200-OK-terminated.sip"));
  REQUIRE(f5);
  CHECK_FALSE(f5->has_event_id);
  CHECK(f5->state == substate::terminated);
  CHECK(f5->reason == event_reason::noresource);
  CHECK(f5->code == 200);
  CHECK(f5->reason_phrase == "OK");
  CHECK(f5->outcome == refer_outcome::succeeded);
  CHECK(f5->final);

  auto f3 = test::parse_exact(progress, fixed(test::read_data("rfc3515/rfc3515-4.1-F3-NOTIFY-100-Trying.sip")));
  REQUIRE(f3);
  CHECK(f3->state == substate::active);
  CHECK(f3->expires == 60u);
  CHECK(f3->code == 100);
  CHECK(f3->outcome == refer_outcome::trying);
  CHECK_FALSE(f3->final);

  auto f11 = test::parse_exact(progress, test::read_data("rfc3515/rfc3515-4.2-F11-NOTIFY-id-terminated.sip"));
  REQUIRE(f11);
  CHECK(f11->has_event_id);
  CHECK(f11->event_id == "93809824");
  CHECK(f11->final);

  // As printed, F3 has a placeholder where expires belongs: an error at that offset.
  const std::string raw = test::read_data("rfc3515/rfc3515-4.1-F3-NOTIFY-100-Trying.sip");
  test::check_error(progress, raw, errc::bad_param, raw.find("(depends"));
}

TEST_CASE("C10: constructed OMA NOTIFYs (100 Trying, 200 OK, 486)") {
  auto trying = test::parse_exact(progress, test::read_data("oma-examples/constructed/01c-notify-refer-100-trying.sip"));
  REQUIRE(trying);
  CHECK(trying->event_id == "3");
  CHECK(trying->outcome == refer_outcome::trying);
  auto ok = test::parse_exact(progress, test::read_data("oma-examples/constructed/01d-notify-refer-200-ok-terminated.sip"));
  REQUIRE(ok);
  CHECK(ok->outcome == refer_outcome::succeeded);
  CHECK(ok->final);
  auto busy = test::parse_exact(progress, test::read_data("oma-examples/constructed/01e-notify-refer-486-terminated.sip"));
  REQUIRE(busy);
  CHECK(busy->code == 486);
  CHECK(busy->outcome == refer_outcome::failed);
  CHECK(busy->final);
}

TEST_CASE("C10: matching a NOTIFY to its REFER (Event id vs CSeq, RFC 3515 §2.4.6)") {
  auto f11 = test::parse_exact(progress, test::read_data("rfc3515/rfc3515-4.2-F11-NOTIFY-id-terminated.sip"));
  REQUIRE(f11);
  sent_refer r{f11->call_id, f11->to_tag, 93809824, false};
  CHECK(notify_matches_refer(*f11, r));
  r.cseq = 93809825;
  CHECK_FALSE(notify_matches_refer(*f11, r));
  auto f5 = test::parse_exact(progress, test::read_data("rfc3515/rfc3515-4.1-F5-NOTIFY-200-OK-terminated.sip"));
  REQUIRE(f5);
  sent_refer first{f5->call_id, f5->to_tag, 1, true};
  CHECK(notify_matches_refer(*f5, first));  // no id: only the first REFER of the dialog
  first.first_in_dialog = false;
  CHECK_FALSE(notify_matches_refer(*f5, first));
  sent_refer other_dialog{"x", f5->to_tag, 1, true};
  CHECK_FALSE(notify_matches_refer(*f5, other_dialog));
  // RFC 6665 §8.2.1 compares ids byte-wise: `id=05` names no CSeq (CSeq 5 is written `5`).
  refer_progress leading_zero = *f5;
  leading_zero.has_event_id = true;
  leading_zero.event_id = "05";
  CHECK_FALSE(notify_matches_refer(leading_zero, sent_refer{f5->call_id, f5->to_tag, 5, false}));
  leading_zero.event_id = "5";
  CHECK(notify_matches_refer(leading_zero, sent_refer{f5->call_id, f5->to_tag, 5, false}));
}

TEST_CASE("C10: a NOTIFY may arrive before the REFER's 2xx; malformed NOTIFYs are positioned errors") {
  const std::string ok =
      "NOTIFY sip:alice@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.5;branch=z9hG4bKn1\r\nMax-Forwards: 70\r\n"
      "From: <sip:conf@example.com>;tag=f1\r\nTo: <sip:alice@example.com>;tag=t1\r\nCall-ID: c1\r\nCSeq: 1 NOTIFY\r\n"
      "Event: refer\r\nSubscription-State: active;expires=60\r\nContent-Type: message/sipfrag\r\nContent-Length: 20\r\n\r\n"
      "SIP/2.0 100 Trying\r\n";
  CHECK(test::parse_exact(progress, ok));
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string t = ok;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  const std::string not_notify = replace("NOTIFY sip:", "INFO sip:");
  test::check_error(progress, not_notify, errc::bad_method, 0);
  const std::string other_event = replace("Event: refer", "Event: dialog");
  test::check_error(progress, other_event, errc::bad_event, other_event.find("dialog"));
  const std::string no_state = replace("Subscription-State: active;expires=60\r\n", "");
  test::check_error(progress, no_state, errc::missing_header, no_state.find("\r\n\r\n") + 2);
  const std::string wrong_type = replace("message/sipfrag", "text/plain");
  test::check_error(progress, wrong_type, errc::bad_media_type, wrong_type.find("text/plain"));
  // PEERS.md (c) 17: a sipfrag without its final CRLF is flagged; accepted only leniently.
  const std::string no_crlf = replace("Content-Length: 20\r\n\r\nSIP/2.0 100 Trying\r\n", "Content-Length: 18\r\n\r\nSIP/2.0 100 Trying");
  test::check_error(progress, no_crlf, errc::missing_crlf, no_crlf.size());
  refer_notify_options lenient;
  lenient.sipfrag.allow_missing_final_crlf = true;
  CHECK(parse_refer_notify(no_crlf, lenient));
}

TEST_CASE("C10: the 200 OK to a NOTIFY copies the dialog and transaction rows") {
  const std::string notify = test::read_data("rfc3515/rfc3515-4.1-F5-NOTIFY-200-OK-terminated.sip");
  auto m = parse_message(notify);
  REQUIRE(m);
  const auto ok = to_string(sip_response{*m, 200, "OK"});
  REQUIRE(ok);
  auto r = parse_message(*ok);
  REQUIRE(r);
  CHECK(r->status_code() == 200);
  for (header_id id : {header_id::via, header_id::from, header_id::to, header_id::call_id, header_id::cseq})
    CHECK(r->find(id)->value == m->find(id)->value);
  CHECK(r->content_length() == 0);
  // RFC 3515 §4.1 F6 is that very response.
  const std::string f6 = test::read_data("rfc3515/rfc3515-4.1-F6-200-to-NOTIFY.sip");
  auto expected = parse_message(f6);
  REQUIRE(expected);
  CHECK(r->find(header_id::cseq)->value == expected->find(header_id::cseq)->value);
}

TEST_CASE("refer_notify: NOTIFYs a REFER-Recipient sends (RFC 3515 §2.4.4–§2.4.7)") {
  notifier_dialog d{"c1", "sip:conf@example.com", "f1", "sip:alice@example.com", "t1", "sip:alice@192.0.2.1"};
  refer_notify trying{d, via_parm{"UDP", "192.0.2.5", 0, "z9hG4bKn1"}, 1, "sip:conf@192.0.2.5", "7"};
  const auto t = to_string(trying);
  REQUIRE(t);
  auto p = parse_refer_notify(*t);
  REQUIRE(p);
  CHECK(p->event_id == "7");
  CHECK(p->state == substate::active);
  CHECK(p->expires == 60u);
  CHECK(p->code == 100);
  CHECK(notify_matches_refer(*p, sent_refer{"c1", "t1", 7, false}));
  refer_notify done = trying;
  done.cseq = 2;
  done.state = substate::terminated;
  done.code = 200;
  done.reason = "OK";
  const auto f = to_string(done);
  REQUIRE(f);
  CHECK(f->find("Subscription-State: terminated;reason=noresource\r\n") != std::string::npos);
  auto q = parse_refer_notify(*f);
  REQUIRE(q);
  CHECK(q->final);
  CHECK(q->outcome == refer_outcome::succeeded);
  // PEERS.md (c) 17: a long reason phrase has no fixed buffer to overflow.
  done.reason = std::string_view("Temporarily Unavailable because the conference focus is busy elsewhere, "
                                 "please try again much later when things have calmed down a lot more");
  done.code = 480;
  const auto long_reason = to_string(done);
  REQUIRE(long_reason);
  CHECK(parse_refer_notify(*long_reason)->reason_phrase.size() > 128);
  done.reason = "bad\r\nreason";
  CHECK(composed_size(done).error().code == errc::invalid_argument);
}

TEST_CASE("refer_notify: an empty tag is left out, a tag that is not a token refused") {
  // Found by fuzz_refer_notify (corpus refer_notify/crash-notify-empty-to-tag): a To without
  // a tag read back as to_tag "", which composed `To: <...>;tag=""` that the parser refuses.
  notifier_dialog d{"c1", "sip:conf@example.com", "f1", "sip:alice@example.com", {}, "sip:alice@192.0.2.1"};
  refer_notify n{d, via_parm{"UDP", "192.0.2.5", 0, "z9hG4bKn1"}, 1, "sip:conf@192.0.2.5", "7"};
  const auto t = to_string(n);
  REQUIRE(t);
  CHECK(t->find("\r\nTo: <sip:alice@example.com>\r\n") != std::string::npos);
  CHECK(t->find("\r\nFrom: <sip:conf@example.com>;tag=f1\r\n") != std::string::npos);
  const auto p = parse_refer_notify(*t);
  REQUIRE(p);
  CHECK(p->to_tag.empty());
  CHECK(p->from_tag == "f1");
  n.dialog.local_tag = {};
  REQUIRE(to_string(n));
  CHECK(to_string(n)->find("\r\nFrom: <sip:conf@example.com>\r\n") != std::string::npos);
  n.dialog.remote_tag = "t 1";
  CHECK(composed_size(n).error() == error{errc::bad_param, 1});
}

TEST_CASE("refer_answer: 200/202 with Refer-Sub echo; 400/403/404/420 with Unsupported") {
  const std::string refer =
      "REFER sip:conf@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKr1\r\nVia: SIP/2.0/UDP 10.0.0.1\r\n"
      " ;branch=z9hG4bKr0\r\nMax-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=t1\r\nTo: <sip:conf@example.com>\r\n"
      "Call-ID: c1\r\nCSeq: 5 REFER\r\nContact: <sip:alice@192.0.2.1>\r\nRefer-To: <sip:bob@example.com>\r\n"
      "Refer-Sub: false\r\nRequire: norefersub, foo\r\nContent-Length: 0\r\n\r\n";
  auto m = parse_message(refer);
  REQUIRE(m);
  const auto ok = to_string(refer_answer{*m, 200, "OK", "srv1", "sip:conf@192.0.2.5", true});
  REQUIRE(ok);
  auto r = parse_message(*ok);
  REQUIRE(r);
  CHECK(r->find(header_id::to)->value == "<sip:conf@example.com>;tag=srv1");
  CHECK(r->find(header_id::refer_sub)->value == "false");
  CHECK(r->find(header_id::contact)->value == "<sip:conf@192.0.2.5>");
  CHECK(r->count(header_id::via) == 2);
  CHECK(r->find(header_id::cseq)->value == "5 REFER");
  const auto accepted = to_string(refer_answer{*m, 202, "Accepted", "srv1"});
  REQUIRE(accepted);
  CHECK(accepted->rfind("SIP/2.0 202 Accepted\r\n", 0) == 0);
  const std::string_view tags[] = {"foo"};
  const auto bad_ext = to_string(refer_answer{*m, 420, "Bad Extension", "srv1", {}, false, tags});
  REQUIRE(bad_ext);
  auto b = parse_message(*bad_ext);
  REQUIRE(b);
  CHECK(b->find(header_id::unsupported)->value == "foo");
  CHECK(b->count(header_id::refer_sub) == 0);
  CHECK(composed_size(refer_answer{*m, 420, "Bad Extension"}).error().code == errc::missing_field);
  for (std::uint16_t code : {std::uint16_t{400}, std::uint16_t{403}, std::uint16_t{404}}) {
    const auto rej = to_string(refer_answer{*m, code, "Rejected"});
    REQUIRE(rej);
    auto x = parse_message(*rej);
    REQUIRE(x);
    CHECK(x->status_code() == code);
    CHECK(x->count(header_id::contact) == 0);
  }
}
