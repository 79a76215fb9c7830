// SPDX-License-Identifier: MIT
/// @file fuzz_headers.cpp
/// Fuzz target for the small header value parsers, picked by the config byte (value % 16):
/// Refer-Sub, Require, Supported, Unsupported, Proxy-Require (+ `option_tag_rows`),
/// Privacy, Event, Subscription-State, Allow-Events, Content-Type, Content-Disposition,
/// Content-ID, Accept-Contact, the scalars (Call-ID, CSeq, Max-Forwards, Content-Length,
/// Expires) and Via. The high bits of the config byte set leniency flags (Privacy). Each
/// check (fuzz_sipref.hpp) asserts views inside the input, lenient ⊇ strict, and parse →
/// compose → parse equality where a composer exists, with `composed_size`/`compose_to`
/// agreeing and a one-byte-short buffer reported as `buffer_too_small`.
#include <sipref/sipref.hpp>

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
  constexpr header_id ids[] = {
      header_id::refer_sub,   header_id::require,      header_id::supported,          header_id::unsupported,
      header_id::proxy_require, header_id::privacy,    header_id::event,              header_id::subscription_state,
      header_id::allow_events, header_id::content_type, header_id::content_disposition, header_id::content_id,
      header_id::accept_contact, header_id::cseq,       header_id::via,                header_id::refer_to};
  sipref_fuzz::check_header(ids[cfg % 16], in, static_cast<std::uint8_t>(cfg >> 4));
  return 0;
}
