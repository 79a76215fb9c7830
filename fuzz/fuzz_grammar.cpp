// SPDX-License-Identifier: MIT
/// @file fuzz_grammar.cpp
/// Fuzz target for the grammar.hpp scanners: scan_params, scan_quoted_string (+ unquote and
/// write_quoted) and validate_escaped (+ pct_decode and pct_encode), with invariants.
#include <sipref/grammar.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <sipref/compose.hpp>

#include "fuzz_common.hpp"

namespace g = sipref::grammar;
using sipref_fuzz::inside;

namespace {

void check_params(std::string_view in) {
  g::scanner s(in);
  const auto r = g::scan_params(s);
  if (!r) {
    SIPREF_FUZZ_CHECK(r.code() != sipref::errc::ok && r.error().offset <= in.size());
    return;
  }
  SIPREF_FUZZ_CHECK(s.pos() <= in.size() && r->text() == in.substr(0, s.pos()) && inside(r->text(), in));
  std::size_t first = 0;
  for (const g::param_view& p : *r) {
    ++first;
    SIPREF_FUZZ_CHECK(inside(p.name, in) && inside(p.value, in) && g::is_token(p.name));
    SIPREF_FUZZ_CHECK(p.has_value || p.value.empty());
    SIPREF_FUZZ_CHECK(r->contains(p.name));
  }
  std::size_t second = 0;
  for (auto it = r->begin(); it != r->end(); ++it) ++second;
  SIPREF_FUZZ_CHECK(first == second && first == r->size() && first <= g::max_params);
  // The validated text scans again, completely, to the same list.
  g::scanner again(r->text());
  const auto r2 = g::scan_params(again);
  SIPREF_FUZZ_CHECK(r2 && again.at_end() && r2->size() == first);
}

void check_quoted(std::string_view in) {
  g::scanner s(in);
  const auto r = g::scan_quoted_string(s);
  if (!r) {
    SIPREF_FUZZ_CHECK(r.error().offset <= in.size());
    return;
  }
  SIPREF_FUZZ_CHECK(inside(*r, in) && s.pos() <= in.size() && r->size() + 2 == s.pos());
  SIPREF_FUZZ_CHECK(in.front() == '"' && in[s.pos() - 1] == '"');
  std::string text;
  sipref::string_writer tw(text);
  g::unquote(tw, *r);
  SIPREF_FUZZ_CHECK(text.size() <= r->size());
  // Round trip: quotable text -> write_quoted -> scan -> unquote gives the same text.
  if (g::validate_quotable(text)) return;
  std::string quoted;
  sipref::string_writer qw(quoted);
  g::write_quoted(qw, text);
  g::scanner s2(quoted);
  const auto r2 = g::scan_quoted_string(s2);
  SIPREF_FUZZ_CHECK(r2 && s2.at_end());
  std::string text2;
  sipref::string_writer tw2(text2);
  g::unquote(tw2, *r2);
  SIPREF_FUZZ_CHECK(text2 == text);
}

void check_escaped(std::string_view in) {
  constexpr std::uint32_t allowed = g::unreserved | g::hnv_unreserved;
  if (const sipref::error e = g::validate_escaped(in, allowed)) {
    SIPREF_FUZZ_CHECK(e.offset < in.size());
    return;
  }
  std::string decoded;
  sipref::string_writer dw(decoded);
  g::pct_decode(dw, in);
  SIPREF_FUZZ_CHECK(decoded.size() == g::pct_decoded_size(in));
  std::string encoded;
  sipref::string_writer ew(encoded);
  g::pct_encode(ew, decoded, allowed);
  SIPREF_FUZZ_CHECK(encoded.size() == g::pct_encoded_size(decoded, allowed));
  SIPREF_FUZZ_CHECK(!g::validate_escaped(encoded, allowed) && g::pct_equal(encoded, in, false));
  std::string decoded2;
  sipref::string_writer dw2(decoded2);
  g::pct_decode(dw2, encoded);
  SIPREF_FUZZ_CHECK(decoded2 == decoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  check_params(input.view());
  check_quoted(input.view());
  check_escaped(input.view());
  return 0;
}
