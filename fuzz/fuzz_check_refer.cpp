// SPDX-License-Identifier: MIT
/// @file fuzz_check_refer.cpp
/// Fuzz target for the REFER checker `check_refer` (refer_checker.hpp): it must never crash
/// or hang on any bytes. Config byte: bit 0 stream framing, bit 1 expect the message's own
/// Request-URI as session URI, bit 2 MAX-ADHOC-GROUP-SIZE 3, bit 3 no supported tags, bit 4
/// a tiny list size limit. Invariants: every finding has a rule, a message and an offset
/// within the input; errors carry a 4xx response; `ok()`/`response()` agree with the
/// findings; invitee offsets lie in the input; a REFER without errors frames strictly, is a
/// REFER with one Refer-To that parses and names an invitee; a second run gives the same
/// report, finding for finding.
#include <sipref/refer_checker.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  std::string_view in = input.view();
  const std::uint8_t cfg = sipref_fuzz::take_config_byte(in);
  sipref::refer_expectations exp;
  exp.mode = (cfg & 1) ? sipref::framing::stream : sipref::framing::datagram;
  if (cfg & 2) {
    const std::size_t sp = in.find(' ');
    const std::size_t sp2 = sp == std::string_view::npos ? sp : in.find(' ', sp + 1);
    if (sp2 != std::string_view::npos) exp.session_uri = in.substr(sp + 1, sp2 - sp - 1);
  }
  if (cfg & 4) exp.max_adhoc_group_size = 3;
  if (cfg & 8) exp.supported.clear();
  if (cfg & 16) exp.lists.max_size = 64;
  const sipref::refer_report rep = sipref::check_refer(in, exp);
  bool any_error = false;
  for (const sipref::finding& f : rep.findings) {
    SIPREF_FUZZ_CHECK(f.offset <= in.size() && f.rule.size() >= 2 && f.rule[0] == 'S' && !f.message.empty());
    if (f.level == sipref::severity::error) {
      any_error = true;
      SIPREF_FUZZ_CHECK(f.response >= 400 && f.response <= 499);
    }
  }
  SIPREF_FUZZ_CHECK(rep.ok() == !any_error && (rep.response() == 200) == !any_error);
  for (const sipref::checked_invitee& i : rep.invitees)
    SIPREF_FUZZ_CHECK(i.offset <= in.size() && !i.uri.empty() && !i.method.empty());
  // A REFER the checker passes is one the parsers accept: strict framing, method REFER,
  // exactly one Refer-To that parses, at least one invitee.
  if (rep.ok()) {
    sipref::message_options mo;
    mo.mode = exp.mode;
    const auto m = sipref::parse_message(in, mo);
    SIPREF_FUZZ_CHECK(m && m->is_request() && m->method() == "REFER" && m->headers().duplicates().empty());
    const auto refer_to = m->find(sipref::header_id::refer_to);
    SIPREF_FUZZ_CHECK(refer_to && sipref::parse_refer_to(refer_to->value) && !rep.invitees.empty());
  }
  // Deterministic: a second run gives the very same report.
  const sipref::refer_report again = sipref::check_refer(in, exp);
  SIPREF_FUZZ_CHECK(again.findings.size() == rep.findings.size() && again.invitees.size() == rep.invitees.size());
  for (std::size_t k = 0; k < rep.findings.size(); ++k) {
    const sipref::finding &a = rep.findings[k], &b = again.findings[k];
    SIPREF_FUZZ_CHECK(a.rule == b.rule && a.level == b.level && a.offset == b.offset && a.response == b.response &&
                      a.message == b.message);
  }
  for (std::size_t k = 0; k < rep.invitees.size(); ++k) {
    const sipref::checked_invitee &a = rep.invitees[k], &b = again.invitees[k];
    SIPREF_FUZZ_CHECK(a.uri == b.uri && a.display_name == b.display_name && a.method == b.method && a.copy == b.copy &&
                      a.offset == b.offset);
  }
  return 0;
}
