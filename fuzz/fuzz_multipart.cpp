// SPDX-License-Identifier: MIT
/// @file fuzz_multipart.cpp
/// Fuzz target for `boundary_of` and `parse_multipart` (+ `find_by_content_id`,
/// multipart.hpp). Input: config byte, then a Content-Type value and the body separated by
/// `"\n~~\n"` (no separator: the whole input is the body, boundary `B`). Config byte bit 0
/// limits the parts to 4, bit 1 the rows per part to 2. Invariants: parts, preamble and
/// epilogue lie inside the body at their offsets; a stricter limit never accepts what the
/// default rejects; `find_by_content_id` finds the first part with that Content-ID; every
/// part header runs its typed parser; parts → `multipart_body` → compose → parse is the same.
#include <sipref/multipart.hpp>

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
  std::string_view boundary = "B", body = in;
  const std::size_t sep = in.find("\n~~\n");
  if (sep != std::string_view::npos) {
    const std::string_view ctype = in.substr(0, sep);
    body = in.substr(sep + 4);
    const auto b = sipref::boundary_of(ctype);
    if (!sipref_fuzz::ok_or_checked(b, ctype)) return 0;
    SIPREF_FUZZ_CHECK(!sipref::check_boundary(*b));
    boundary = *b;
  }
  sipref::multipart_options opt;
  if (cfg & 1) opt.max_parts = 4;
  if (cfg & 2) opt.max_header_rows = 2;
  const auto r = sipref::parse_multipart(body, boundary, opt);
  SIPREF_FUZZ_CHECK(!r || sipref::parse_multipart(body, boundary));
  if (!sipref_fuzz::ok_or_checked(r, body)) return 0;
  using sipref_fuzz::inside;
  SIPREF_FUZZ_CHECK(inside(r->preamble(), body) && inside(r->epilogue(), body) && r->boundary() == boundary);
  SIPREF_FUZZ_CHECK(r->size() >= 1 && r->size() <= opt.max_parts);
  std::size_t n = 0;
  std::vector<sipref::body_part> parts;
  std::vector<std::vector<sipref::header_pair>> rows(r->size());
  for (const sipref::part_view& p : *r) {
    SIPREF_FUZZ_CHECK(inside(p.text, body) && inside(p.body, p.text) && body.substr(p.offset, p.text.size()) == p.text);
    SIPREF_FUZZ_CHECK(body.substr(p.body_offset, p.body.size()) == p.body && p.headers.size() <= opt.max_header_rows);
    sipref_fuzz::check_fields(p.headers, body, cfg, n < 8);
    for (const sipref::header_field_view& f : p.headers) rows[n].push_back({f.name, f.value});
    parts.push_back({{rows[n].data(), rows[n].size()}, p.body});
    if (const auto cid = p.headers.find(sipref::header_id::content_id)) {
      const auto id = sipref::parse_content_id(cid->value);
      if (id && id->id().find('%') == std::string_view::npos) {
        const auto found = r->find_by_content_id(id->id());
        SIPREF_FUZZ_CHECK(found && found->offset <= p.offset);
      }
    }
    ++n;
  }
  SIPREF_FUZZ_CHECK(n == r->size());
  const auto none = r->find_by_content_id("\x01");
  SIPREF_FUZZ_CHECK(!none && none.code() == sipref::errc::part_not_found);
  const sipref::multipart_body mb{{parts.data(), parts.size()}, boundary};
  std::string text;
  if (!sipref_fuzz::compose_checked(mb, text)) return 0;
  const sipref_fuzz::input copy(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const auto again = sipref::parse_multipart(copy.view(), boundary);
  SIPREF_FUZZ_CHECK(again && again->size() == parts.size());
  std::size_t i = 0;
  for (const sipref::part_view& p : *again) {
    SIPREF_FUZZ_CHECK(p.body == parts[i].body && p.headers.size() == parts[i].headers.size());
    std::size_t k = 0;
    for (const sipref::header_field_view& f : p.headers) SIPREF_FUZZ_CHECK(f.value == parts[i].headers[k++].value);
    ++i;
  }
  return 0;
}
