// SPDX-License-Identifier: MIT
/// @file main.cpp
/// The program every consumer project (find_package, add_subdirectory, pkg-config) builds:
/// it parses a parameter list and composes a header row, prints both and checks the results.
#include <sipref/compose.hpp>
#include <sipref/grammar.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace {
// A consumer-defined composable header value: sipref's composition works for user types too.
struct consumer_header {
  static constexpr std::string_view header_name = "X-Consumer";
  std::string_view token;
  template <class Writer>
  constexpr sipref::error compose(Writer& w) const {
    if (!sipref::grammar::is_token(token)) return {sipref::errc::invalid_argument, 0};
    w.put(token);
    return {};
  }
};
}  // namespace

int main() {
  constexpr std::string_view params = ";transport=tcp;lr;method=REFER";
  sipref::grammar::scanner s(params);
  const auto r = sipref::grammar::scan_params(s);
  if (!r || !s.at_end() || r->size() != 3 || r->get("method") != "REFER") {
    std::printf("consumer: scan_params failed\n");
    return 1;
  }
  std::string row;
  const consumer_header h{"norefersub"};
  const sipref::error e = sipref::append_to(row, sipref::header_row(h));
  if (e || row != "X-Consumer: norefersub\r\n") {
    std::printf("consumer: append_to failed\n");
    return 1;
  }
  const consumer_header bad{"no space"};
  std::string ignored;
  if (sipref::append_to(ignored, sipref::header_row(bad)).code != sipref::errc::invalid_argument) {
    std::printf("consumer: invalid token accepted\n");
    return 1;
  }
  row.resize(row.size() - 2);  // drop the CRLF for printing
  std::printf("sipref %d.%d.%d consumer ok: %zu params, method=%.*s, row \"%s\"\n", SIPREF_VERSION_MAJOR,
              SIPREF_VERSION_MINOR, SIPREF_VERSION_PATCH, r->size(), static_cast<int>(r->get("method").size()),
              r->get("method").data(), row.c_str());
  return 0;
}
