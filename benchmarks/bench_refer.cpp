// SPDX-License-Identifier: MIT
/// @file bench_refer.cpp
/// The REFER benchmark suite: sipref composing and parsing the REFERs of the
/// add-participants procedure, their resource-lists bodies and the NOTIFY, side by side with
/// memcpy, hand-written std::string appends, snprintf, oSIP2, sofia-sip, pugixml, expat and
/// libxml2 on the same bytes (catalogue in ops.hpp).
///
/// Every benchmark reports bytes/s (of the message it composes or parses), items/s for
/// lists, and two ratios of its CPU time per operation: `x_memcpy` (to memcpy of the same
/// message) and `x_naive` (to the naive reused-string append of the same message).
///
/// Extra flag (before Google Benchmark's own): `--max_n=N` skips shapes above N entries.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ops.hpp"

namespace {

/// Adds `x_memcpy` and `x_naive` to every run once its references have run (they are
/// registered first), then reports through the wrapped reporter.
template <class Base>
class ratio_reporter final : public Base {
 public:
  using Base::Base;
  void ReportRuns(const std::vector<benchmark::BenchmarkReporter::Run>& runs) override {
    std::vector<benchmark::BenchmarkReporter::Run> out = runs;
    for (auto& r : out) {
      if (r.error_occurred) continue;
      const std::string name = r.run_name.function_name;  // group/shape/impl
      const std::string key = name + "|" + r.aggregate_name;
      const double t = r.GetAdjustedCPUTime();
      times_[key] = t;
      const auto first = name.find('/');
      const auto second = name.find('/', first + 1);
      if (first == std::string::npos || second == std::string::npos) continue;
      const std::string shape = name.substr(first + 1, second - first - 1);
      const auto copy = times_.find("copy/" + shape + "/memcpy|" + r.aggregate_name);
      const auto naive = times_.find("compose/" + shape + "/naive_reused|" + r.aggregate_name);
      if (copy != times_.end() && copy->second > 0) r.counters["x_memcpy"] = benchmark::Counter(t / copy->second);
      if (naive != times_.end() && naive->second > 0) r.counters["x_naive"] = benchmark::Counter(t / naive->second);
    }
    Base::ReportRuns(out);
  }

 private:
  std::map<std::string, double> times_;  // CPU time per iteration, in the run's time unit
};

void run_op(benchmark::State& state, const std::shared_ptr<bench::op>& o) {
  std::size_t sink = 0;
  for (auto _ : state) {
    sink += o->run();
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(sink);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(o->bytes));
  if (o->items != 0) state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(o->items));
  state.counters["bytes"] = benchmark::Counter(static_cast<double>(o->bytes));
}

}  // namespace

int main(int argc, char** argv) {
  // Our own flags first; the rest belongs to Google Benchmark.
  std::size_t max_n = 10000;
  bool json = false;
  bool file_out = false;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--max_n=", 8) == 0) {
      max_n = static_cast<std::size_t>(std::strtoull(argv[i] + 8, nullptr, 10));
      continue;
    }
    if (std::strcmp(argv[i], "--benchmark_format=json") == 0) json = true;
    if (std::strncmp(argv[i], "--benchmark_out=", 16) == 0) file_out = true;
    args.push_back(argv[i]);
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;

  bench::check_baselines();  // the naive appends write exactly sipref's bytes
  // Ops are built lazily, when their benchmark first runs, so a filtered run builds only
  // what it measures.
  for (const bench::op_spec& spec : bench::catalogue(max_n)) {
    auto holder = std::make_shared<std::shared_ptr<bench::op>>();
    auto make = spec.make;
    benchmark::RegisterBenchmark(spec.name.c_str(), [holder, make](benchmark::State& state) {
      if (!*holder) *holder = make();
      run_op(state, *holder);
    });
  }

  ratio_reporter<benchmark::ConsoleReporter> console(benchmark::ConsoleReporter::OO_Tabular);
  ratio_reporter<benchmark::JSONReporter> json_display;
  ratio_reporter<benchmark::JSONReporter> json_file;
  benchmark::BenchmarkReporter* display = json ? static_cast<benchmark::BenchmarkReporter*>(&json_display) : &console;
  if (file_out) {
    benchmark::RunSpecifiedBenchmarks(display, &json_file);
  } else {
    benchmark::RunSpecifiedBenchmarks(display);
  }
  benchmark::Shutdown();
  return 0;
}
