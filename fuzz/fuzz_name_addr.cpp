// SPDX-License-Identifier: MIT
/// @file fuzz_name_addr.cpp
/// Fuzz target for `parse_addr_value` and `parse_addr_list` (name_addr.hpp). Config byte:
/// bit 0 list instead of single value, bit 1 `uri.allow_unescaped_header_chars`, bit 2
/// `require_brackets`. Invariants: views inside the input, the lenient URI option accepts
/// what strict accepts, `require_brackets` accepts only bracketed values, a list of one is
/// also a single value, and parse → `name_addr` → compose → parse is the same value.
#include <sipref/name_addr.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  std::string_view in = input.view();
  const std::uint8_t cfg = sipref_fuzz::take_config_byte(in);
  if (cfg & 1) {
    sipref_fuzz::check_addr_list(in, cfg);
  } else {
    sipref_fuzz::check_addr_value(in, cfg);
  }
  return 0;
}
