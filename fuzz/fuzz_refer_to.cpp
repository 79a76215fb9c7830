// SPDX-License-Identifier: MIT
/// @file fuzz_refer_to.cpp
/// Fuzz target for `parse_refer_to` (refer_to.hpp). Config byte: bit 1
/// `uri.allow_unescaped_header_chars`, bit 2 `require_brackets`. Invariants: it agrees with
/// `parse_addr_value` (same verdict, same error), views and `check_embedded_headers` offsets
/// lie inside the input, `is_list_reference` iff the target is `cid:`, and parse →
/// `refer_to_value` → compose → parse gives the same display name, target and params.
#include <sipref/refer_to.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  std::string_view in = input.view();
  const std::uint8_t cfg = sipref_fuzz::take_config_byte(in);
  sipref_fuzz::check_refer_to(in, cfg);
  return 0;
}
