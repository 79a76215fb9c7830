// SPDX-License-Identifier: MIT
/// @file fuzz_message.cpp
/// Fuzz target for `parse_message` (message.hpp), both framing modes. Config byte: bit 0
/// datagram, bits 1-6 the leniency flags (LF line ends, extra SP, missing reason, any reason,
/// missing empty line, Content-Length mismatch), bit 7 `reject_duplicate_headers`.
/// Invariants: every lenient flag set accepts what the chosen flags accept, with the same
/// framing; views and offsets inside the input; stream framing reports `need_more_data` for
/// any prefix of an accepted message; every header row runs the typed parser of its
/// `header_id` (fuzz_sipref.hpp); `check_cseq` offsets inside the input; and parse →
/// `sipref::message` → compose → parse gives the same start line, rows and body.
#include <sipref/message.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

namespace {

void roundtrip(const sipref::message_view& m) {
  std::vector<sipref::header_pair> rows;
  for (const sipref::header_field_view& f : m.headers())
    if (f.id != sipref::header_id::content_length) rows.push_back({f.name, f.value});
  const sipref::message msg{m.method(), m.request_uri(), m.status_code(), m.reason(), {rows.data(), rows.size()}, {}, m.body()};
  std::string text;
  if (!sipref_fuzz::compose_checked(msg, text)) return;
  const sipref_fuzz::input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_message(copy.view());
  SIPREF_FUZZ_CHECK(again && again->size() == text.size() && again->body() == m.body());
  SIPREF_FUZZ_CHECK(again->method() == m.method() && again->request_uri() == m.request_uri() &&
                    again->status_code() == m.status_code() && again->reason() == m.reason());
  SIPREF_FUZZ_CHECK(again->headers().size() == rows.size() + 1);  // + the computed Content-Length
  for (const sipref::header_field_view& f : m.headers()) {
    if (f.id == sipref::header_id::unknown || f.id == sipref::header_id::content_length) continue;
    std::vector<std::string_view> before, after;  // the composer may reorder ids, never rows of one id
    for (const sipref::header_field_view& g : m.headers().rows(f.id)) before.push_back(g.value);
    for (const sipref::header_field_view& g : again->headers().rows(f.id)) after.push_back(g.value);
    SIPREF_FUZZ_CHECK(before == after);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  std::string_view in = input.view();
  const std::uint8_t cfg = sipref_fuzz::take_config_byte(in);
  sipref::message_options opt;
  opt.mode = (cfg & 1) ? sipref::framing::datagram : sipref::framing::stream;
  opt.allow_lf_line_ends = (cfg & 2) != 0;
  opt.allow_extra_sp_in_start_line = (cfg & 4) != 0;
  opt.allow_missing_reason_phrase = (cfg & 8) != 0;
  opt.allow_any_reason_phrase = (cfg & 16) != 0;
  opt.allow_missing_empty_line = (cfg & 32) != 0;
  opt.allow_content_length_mismatch = (cfg & 64) != 0;
  opt.reject_duplicate_headers = (cfg & 128) != 0;
  sipref::message_options all = opt;
  all.allow_lf_line_ends = all.allow_extra_sp_in_start_line = all.allow_missing_reason_phrase = true;
  all.allow_any_reason_phrase = all.allow_missing_empty_line = all.allow_content_length_mismatch = true;
  all.reject_duplicate_headers = false;

  const auto r = sipref::parse_message(in, opt);
  const auto l = sipref::parse_message(in, all);
  SIPREF_FUZZ_CHECK(!r || (l && l->size() == r->size() && l->body() == r->body()));
  if (!sipref_fuzz::ok_or_checked(r, in)) return 0;
  const sipref::message_view& m = *r;
  using sipref_fuzz::inside;
  SIPREF_FUZZ_CHECK(m.size() <= in.size() && m.text() == in.substr(0, m.size()) && m.start_offset() < m.size());
  SIPREF_FUZZ_CHECK(inside(m.start_line(), in) && inside(m.method(), in) && inside(m.request_uri(), in) &&
                    inside(m.version(), in) && inside(m.reason(), in) && inside(m.body(), in));
  SIPREF_FUZZ_CHECK(m.body_offset() + m.body().size() == m.size() && m.is_request() != m.is_response());
  if (m.is_response()) SIPREF_FUZZ_CHECK(m.status_code() >= 100 && m.status_code() <= 699 && m.method().empty());
  if (m.is_request()) SIPREF_FUZZ_CHECK(m.status_code() == 0 && sipref::grammar::is_token(m.method()));
  if (m.has_content_length() && !m.has_flag(sipref::flag_content_length_mismatch))
    SIPREF_FUZZ_CHECK(m.body().size() == m.content_length());
  if (opt.mode == sipref::framing::datagram) {
    SIPREF_FUZZ_CHECK(m.size() + m.discarded() == in.size());
  } else {
    SIPREF_FUZZ_CHECK(m.discarded() == 0);
    // Any shorter prefix of the message is incomplete, never a different message.
    const auto part = sipref::parse_message(in.substr(0, m.size() - 1), opt);
    SIPREF_FUZZ_CHECK(!part && part.code() == sipref::errc::need_more_data);
  }
  if (opt.reject_duplicate_headers) SIPREF_FUZZ_CHECK(!m.first_duplicate());
  sipref_fuzz::check_fields(m.headers(), in, cfg, true);
  if (const sipref::error e = sipref::check_cseq(m)) SIPREF_FUZZ_CHECK(e.offset <= in.size());
  // Every Require row read as one list (option_tag_rows).
  std::vector<sipref::option_tags_view> req;
  std::size_t tags = 0;
  for (const sipref::header_field_view& f : m.rows(sipref::header_id::require)) {
    const auto t = sipref::parse_require(f.value);
    if (!t) return 0;
    req.push_back(*t);
    for (std::string_view s : *t)
      if (!s.empty()) ++tags;
  }
  std::size_t n = 0;
  for (std::string_view s : sipref::option_tag_rows(req.data(), req.size()))
    if (inside(s, in)) ++n;
  SIPREF_FUZZ_CHECK(n == tags);
  if (!m.has_flag(sipref::flag_lf_line_ends)) roundtrip(m);
  return 0;
}
