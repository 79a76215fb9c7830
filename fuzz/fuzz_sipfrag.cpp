// SPDX-License-Identifier: MIT
/// @file fuzz_sipfrag.cpp
/// Fuzz target for `parse_sipfrag` (sipfrag.hpp). Config byte bits 0-5 set the leniency
/// flags (LF line ends, missing final CRLF, extra SP, missing reason, any reason, Content-Length
/// mismatch). Invariants: all flags accept what the chosen flags accept; views inside the
/// input; status codes in 100..699; every header row runs its typed parser; a status-line
/// fragment → `sipfrag_status` → compose → parse gives the same code, reason and rows.
#include <sipref/sipfrag.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  std::string_view in = input.view();
  const std::uint8_t cfg = sipref_fuzz::take_config_byte(in);
  sipref::sipfrag_options opt;
  opt.allow_lf_line_ends = (cfg & 1) != 0;
  opt.allow_missing_final_crlf = (cfg & 2) != 0;
  opt.allow_extra_sp_in_start_line = (cfg & 4) != 0;
  opt.allow_missing_reason_phrase = (cfg & 8) != 0;
  opt.allow_any_reason_phrase = (cfg & 16) != 0;
  opt.allow_content_length_mismatch = (cfg & 32) != 0;
  sipref::sipfrag_options all = opt;
  all.allow_lf_line_ends = all.allow_missing_final_crlf = all.allow_extra_sp_in_start_line = true;
  all.allow_missing_reason_phrase = all.allow_any_reason_phrase = all.allow_content_length_mismatch = true;
  const auto r = sipref::parse_sipfrag(in, opt);
  const auto l = sipref::parse_sipfrag(in, all);
  SIPREF_FUZZ_CHECK(!r || l);
  if (!sipref_fuzz::ok_or_checked(r, in)) return 0;
  using sipref_fuzz::inside;
  SIPREF_FUZZ_CHECK(inside(r->start_line(), in) && inside(r->reason(), in) && inside(r->method(), in) &&
                    inside(r->request_uri(), in) && inside(r->body(), in) && r->body_offset() <= in.size());
  SIPREF_FUZZ_CHECK(in.substr(r->body_offset(), r->body().size()) == r->body());
  SIPREF_FUZZ_CHECK(!(r->is_request() && r->is_response()) && (r->has_start_line() || (!r->is_request() && !r->is_response())));
  if (r->is_response()) SIPREF_FUZZ_CHECK(r->status_code() >= 100 && r->status_code() <= 699);
  if (r->is_response()) SIPREF_FUZZ_CHECK(r->is_final() == (r->status_code() >= 200));
  sipref_fuzz::check_fields(r->headers(), in, cfg, true);
  if (!r->is_response() || !r->body().empty() || r->has_flag(sipref::flag_lf_line_ends)) return 0;
  std::vector<sipref::header_pair> rows;
  for (const sipref::header_field_view& f : r->headers()) rows.push_back({f.name, f.value});
  const sipref::sipfrag_status st{r->status_code(), r->reason(), {rows.data(), rows.size()}};
  std::string text;
  if (!sipref_fuzz::compose_checked(st, text)) return 0;
  const sipref_fuzz::input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_sipfrag(copy.view());
  SIPREF_FUZZ_CHECK(again && again->status_code() == r->status_code() && again->reason() == r->reason());
  SIPREF_FUZZ_CHECK(again->headers().size() == rows.size() && again->body().empty());
  std::size_t k = 0;
  for (const sipref::header_field_view& f : again->headers()) SIPREF_FUZZ_CHECK(f.value == rows[k++].value);
  return 0;
}
