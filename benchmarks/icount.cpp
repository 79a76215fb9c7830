// SPDX-License-Identifier: MIT
/// @file icount.cpp
/// Instruction-count driver: runs one operation of the catalogue (ops.hpp) a fixed number of
/// times inside `icount_measured_loop`, so that
/// @code
/// valgrind --tool=callgrind --toggle-collect='*icount_measured_loop*' ./sipref_icount OP REPS
/// @endcode
/// counts only the operation: set-up, the first (warm-up) call that binds lazy symbols, and
/// tear-down are outside the collected function. Instructions per operation = collected
/// instructions / REPS (the loop itself adds about 10 per iteration). See icount_table.py.
///
/// Usage: `sipref_icount --list` | `sipref_icount OP [REPS]` (REPS defaults to 100).
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "ops.hpp"

/// The collected region: exactly @p reps calls of the operation.
extern "C" __attribute__((noinline)) std::size_t icount_measured_loop(bench::op& o, std::size_t reps) {
  std::size_t sink = 0;
  for (std::size_t i = 0; i < reps; ++i) sink += o.run();
  return sink;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s --list | OP [REPS]\n", argv[0]);
    return 2;
  }
  if (std::strcmp(argv[1], "--list") == 0) {
    for (const bench::op_spec& spec : bench::catalogue()) std::printf("%s\n", spec.name.c_str());
    return 0;
  }
  const std::size_t reps = argc > 2 ? static_cast<std::size_t>(std::strtoull(argv[2], nullptr, 10)) : 100;
  bench::check_baselines();
  for (const bench::op_spec& spec : bench::catalogue()) {
    if (spec.name != argv[1]) continue;
    auto o = spec.make();
    const std::size_t warm = o->run();  // binds lazy symbols, fills caches
    const std::size_t sink = icount_measured_loop(*o, reps);
    std::printf("%s bytes=%zu items=%zu reps=%zu check=%zu\n", spec.name.c_str(), o->bytes, o->items, reps, sink + warm);
    return 0;
  }
  std::fprintf(stderr, "unknown operation %s (see --list)\n", argv[1]);
  return 2;
}
