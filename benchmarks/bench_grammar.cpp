// SPDX-License-Identifier: MIT
/// @file bench_grammar.cpp
/// Throughput of the grammar.hpp primitives on realistic inputs: scanning a Refer-To style
/// parameter list, and percent-encoding a Replaces value for a Refer-To URI header.
#include <sipref/grammar.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <sipref/compose.hpp>

namespace g = sipref::grammar;

namespace {

// Parameters as they trail a Contact or Refer-To value in an attended transfer.
constexpr std::string_view kParams =
    ";method=INVITE;transport=tcp;lr;maddr=[2001:db8::1];tag=a6c85cf;received=192.0.2.4"
    ";+sip.instance=\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\";expires=3600";

// RFC 3891 §6.1: the Replaces value to embed, escaped, as `?Replaces=` of a Refer-To URI.
constexpr std::string_view kReplaces = "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994";
constexpr std::uint32_t kHvalueAllowed = g::unreserved | g::hnv_unreserved;

void scan_params(benchmark::State& state) {
  const std::string input(kParams);  // not constexpr data: the scan cannot be folded away
  std::size_t params = 0;
  for (auto _ : state) {
    g::scanner s(input);
    auto r = g::scan_params(s);
    if (!r) state.SkipWithError("scan_params failed");
    benchmark::DoNotOptimize(r);
    params += r->size();
  }
  benchmark::DoNotOptimize(params);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(input.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(scan_params);

void pct_encode_replaces_buffer(benchmark::State& state) {
  const std::string input(kReplaces);
  std::array<char, 256> out{};
  for (auto _ : state) {
    sipref::buffer_writer w(out.data(), out.data() + out.size());
    g::pct_encode(w, input, kHvalueAllowed);
    benchmark::DoNotOptimize(w.pos());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(input.size()));
}
BENCHMARK(pct_encode_replaces_buffer);

void pct_encode_replaces_string(benchmark::State& state) {
  const std::string input(kReplaces);
  std::string out;
  out.reserve(256);
  for (auto _ : state) {
    out.clear();  // capacity kept: the reused-string shape callers use
    sipref::string_writer w(out);
    g::pct_encode(w, input, kHvalueAllowed);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(input.size()));
}
BENCHMARK(pct_encode_replaces_string);

}  // namespace
