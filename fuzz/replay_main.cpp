// SPDX-License-Identifier: MIT
/// @file replay_main.cpp
/// A `main` for fuzz targets built without a fuzzing engine (SIPREF_FUZZ_LINKMAIN, and every
/// test build): feeds each file argument, and every file under each directory argument, to
/// `LLVMFuzzerTestOneInput` once. Arguments starting with `-` (libFuzzer flags) are ignored.
/// Fails when a path does not exist or a directory holds no input, so a missing corpus is
/// noticed.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
// Optional, as in libFuzzer: called once before the first input when a target defines it.
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace fs = std::filesystem;

namespace {

bool run_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
    return false;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // An exactly sized heap copy, so ASan reports any read past the end of the input.
  const std::unique_ptr<std::uint8_t[]> data(new std::uint8_t[bytes.size() != 0 ? bytes.size() : 1]);
  std::copy(bytes.begin(), bytes.end(), data.get());
  std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), bytes.size());
  LLVMFuzzerTestOneInput(data.get(), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  std::size_t paths = 0;
  std::size_t inputs = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.size() > 1 && arg.front() == '-') continue;
    ++paths;
    const fs::path path(arg);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) files.push_back(it->path());
      }
      if (ec) {
        std::fprintf(stderr, "replay: cannot list %s: %s\n", path.c_str(), ec.message().c_str());
        ok = false;
      }
      if (files.empty()) {
        std::fprintf(stderr, "replay: %s holds no input\n", path.c_str());
        ok = false;
      }
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) {
        ok = run_file(f) && ok;
        ++inputs;
      }
    } else if (fs::is_regular_file(path, ec)) {
      ok = run_file(path) && ok;
      ++inputs;
    } else {
      std::fprintf(stderr, "replay: %s does not exist\n", path.c_str());
      ok = false;
    }
  }
  if (paths == 0) {
    std::fprintf(stderr, "usage: %s <file or directory>...\n", argc > 0 ? argv[0] : "replay");
    return 2;
  }
  std::printf("replay: %zu inputs from %zu paths: %s\n", inputs, paths, ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
