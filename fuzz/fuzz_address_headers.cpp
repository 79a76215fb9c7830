// SPDX-License-Identifier: MIT
/// @file fuzz_address_headers.cpp
/// Fuzz target for the address headers of address_headers.hpp: `parse_from_to`,
/// `parse_contact`, `parse_route`, `parse_referred_by`, `parse_identity`, picked by the
/// config byte (value % 5). Invariants: views inside the input; for From/To, Referred-By,
/// Route and P-*-Identity, parse → the header's composer → parse gives the same values.
#include <sipref/address_headers.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  std::string_view in = input.view();
  const std::uint8_t cfg = sipref_fuzz::take_config_byte(in);
  using sipref::header_id;
  constexpr header_id ids[] = {header_id::from, header_id::contact, header_id::route, header_id::referred_by,
                               header_id::p_asserted_identity};
  sipref_fuzz::check_header(ids[cfg % 5], in, cfg);
  return 0;
}
