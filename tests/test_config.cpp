// SPDX-License-Identifier: MIT
#include <sipref/config.hpp>

#include <string>

#include "support/test_support.hpp"

TEST_CASE("config: the header's version is the CMake project's version") {
  const std::string header = std::to_string(SIPREF_VERSION_MAJOR) + "." + std::to_string(SIPREF_VERSION_MINOR) + "." +
                             std::to_string(SIPREF_VERSION_PATCH);
#ifdef SIPREF_TEST_PROJECT_VERSION
  CHECK(header == SIPREF_TEST_PROJECT_VERSION);
#endif
  CHECK(SIPREF_VERSION == SIPREF_VERSION_MAJOR * 10000 + SIPREF_VERSION_MINOR * 100 + SIPREF_VERSION_PATCH);
}
