// SPDX-License-Identifier: MIT
#include <sipref/compose.hpp>

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using namespace sipref;

namespace {
/// A composable value that writes `text` and fails on '!' (to test error paths).
struct sample {
  static constexpr std::string_view header_name = "X-Sample";
  std::string_view text;
  template <class Writer>
  constexpr error compose(Writer& w) const {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '!') return {errc::invalid_argument, i};
    w.put(text.substr(0, text.size() / 2));  // two puts, so partial writes happen
    w.put(text.substr(text.size() / 2));
    return {};
  }
};
}  // namespace

static_assert(composed_size(sample{"abc"}).value() == 3);

TEST_CASE("compose: the three forms agree") {
  const sample v{"hello world"};
  CHECK(composed_size(v).value() == 11);
  char buf[16];
  const compose_result r = compose_to(buf, buf + sizeof buf, v);
  REQUIRE_FALSE(r.ec);
  CHECK(std::string(buf, r.ptr) == "hello world");
  std::string s = "> ";
  CHECK_FALSE(append_to(s, v));
  CHECK(s == "> hello world");
  CHECK(*to_string(v) == "hello world");
  CHECK(*to_string(header_row(v)) == "X-Sample: hello world\r\n");
}

TEST_CASE("compose: copy_bytes copies every length exactly, and nothing around it") {
  // Each size class (0-3, 4-7, 8-16, 17-32, 33-64, above) copies by overlapping pieces.
  std::string src;
  for (int k = 0; k < 100; ++k) src += static_cast<char>('A' + k % 53);
  for (std::size_t n = 0; n <= 90; ++n) {
    for (std::size_t from = 0; from < 3; ++from) {
      char dst[96];
      std::memset(dst, '#', sizeof dst);
      detail::copy_bytes(dst + 2, src.data() + from, n);
      INFO(n);
      CHECK(std::string_view(dst + 2, n) == std::string_view(src.data() + from, n));
      CHECK(dst[0] == '#');
      CHECK(dst[1] == '#');
      for (std::size_t k = 2 + n; k < sizeof dst; ++k) REQUIRE(dst[k] == '#');
    }
  }
}

TEST_CASE("compose: a too small buffer is reported, never overrun") {
  std::vector<char> exact(11);
  CHECK_FALSE(compose_to(exact.data(), exact.data() + exact.size(), sample{"hello world"}).ec);
  std::vector<char> small(10);
  const compose_result r = compose_to(small.data(), small.data() + small.size(), sample{"hello world"});
  CHECK(r.ec == error{errc::buffer_too_small, 0});
  CHECK(compose_to(nullptr, nullptr, sample{""}).ec == error{});
}

TEST_CASE("compose: validation errors carry the offset; append_to leaves the string as it was") {
  CHECK(composed_size(sample{"ab!c"}).error() == error{errc::invalid_argument, 2});
  std::string s = "kept";
  CHECK(append_to(s, sample{"ab!c"}) == error{errc::invalid_argument, 2});
  CHECK(s == "kept");
  char buf[8];
  CHECK(compose_to(buf, buf + sizeof buf, sample{"!"}).ec.code == errc::invalid_argument);
}

TEST_CASE("compose: list_ref views arrays, containers and braced lists") {
  const int a[] = {1, 2, 3};
  const list_ref<int> from_array(a);
  CHECK(from_array.size() == 3);
  const std::vector<int> v = {4, 5};
  const list_ref<int> from_vector(v);
  CHECK(from_vector[1] == 5);
  const std::array<int, 1> arr = {{6}};
  CHECK(list_ref<int>(arr).size() == 1);
  auto sum = [](list_ref<int> l) {
    int t = 0;
    for (int x : l) t += x;
    return t;
  };
  CHECK(sum({7, 8, 9}) == 24);
  CHECK(list_ref<int>().empty());
}
