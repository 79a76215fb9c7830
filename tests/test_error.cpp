// SPDX-License-Identifier: MIT
#include <sipref/error.hpp>

#include <set>
#include <string>

#include "support/test_support.hpp"

using namespace sipref;

static_assert(result<int>(3).has_value());
static_assert(!result<int>(error{errc::bad_token, 1}).has_value());
static_assert(to_string(errc::bad_escape) == "bad_escape");
static_assert(noexcept(to_string(errc::ok)));
static_assert(noexcept(std::declval<result<int>&>().has_value()));

TEST_CASE("error: every code has its own stable name") {
  std::set<std::string> names;
  int known = 0;
  for (int v = 0; v < 400; ++v) {
    const std::string_view name = to_string(static_cast<errc>(v));
    if (name == "unknown") continue;
    ++known;
    CHECK(names.insert(std::string(name)).second);
  }
  CHECK(known == static_cast<int>(names.size()));
  CHECK(known >= 80);
  CHECK(to_string(errc::ok) == "ok");
  CHECK(to_string(errc::group_size_exceeded) == "group_size_exceeded");
}

TEST_CASE("error: values compare by code and offset; ok is false") {
  CHECK_FALSE(error{});
  CHECK(error{errc::bad_host, 3});
  CHECK(error{errc::bad_host, 3} == error{errc::bad_host, 3});
  CHECK(error{errc::bad_host, 3} != error{errc::bad_host, 4});
}

TEST_CASE("result: value, error, value_or, void") {
  result<std::string> s = std::string("x");
  REQUIRE(s);
  CHECK(*s == "x");
  CHECK(s->size() == 1);
  result<std::string> e = error{errc::empty_value, 2};
  CHECK(e.code() == errc::empty_value);
  CHECK(e.value_or("y") == "y");
  CHECK_THROWS_AS((void)e.value(), bad_result_access);
  try {
    (void)e.value();
  } catch (const bad_result_access& x) {
    CHECK(x.get() == error{errc::empty_value, 2});
  }
  result<void> ok;
  CHECK(ok.has_value());
  result<void> bad = error{errc::bad_token, 0};
  CHECK_FALSE(bad);
  CHECK_THROWS_AS(bad.value(), bad_result_access);
}
