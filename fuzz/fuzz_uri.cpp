// SPDX-License-Identifier: MIT
/// @file fuzz_uri.cpp
/// Fuzz target for `parse_uri` (uri.hpp): `is_valid_uri` agrees with it, the lenient URI
/// options accept what strict accepts, every view lies inside the input, `check_uri_headers`
/// offsets lie inside the URI, SIP URIs survive decoded parts → `sip_uri` → compose → parse
/// (RFC 3261 §19.1.4 equality), and `uri_equal` is reflexive and symmetric on the first two
/// `"\n~~\n"`-separated parts.
#include <sipref/uri.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  std::string_view in = input.view();
  const std::uint8_t cfg = sipref_fuzz::take_config_byte(in);
  std::vector<std::string_view> parts;
  sipref_fuzz::for_each_part(in, [&](std::string_view p) {
    if (parts.size() < 4) parts.push_back(p);
  });
  for (std::string_view p : parts) sipref_fuzz::check_uri(p, static_cast<std::uint8_t>(cfg | 1));
  if (parts.size() >= 2) {
    sipref::uri_options opt;
    opt.allow_unescaped_header_chars = (cfg & 2) != 0;
    const auto a = sipref::parse_uri(parts[0], opt);
    const auto b = sipref::parse_uri(parts[1], opt);
    if (a && b) {
      const bool ab = sipref::uri_equal(*a, *b);
      // Symmetric. Not transitive, by design: RFC 3261 §19.1.4 ignores a parameter present
      // in only one URI, so `;x=1` and `;x=2` may both equal a URI without `x`.
      SIPREF_FUZZ_CHECK(ab == sipref::uri_equal(*b, *a));
    }
  }
  return 0;
}
