// SPDX-License-Identifier: MIT
/// @file test_alloc_resource_lists.cpp
/// Proves that the resource-lists reader (and the XML reader under it) allocates nothing, on
/// success and on every kind of error, and that composing into a reserved string or a caller
/// buffer allocates nothing either.
#include <sipref/resource_lists.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <sipref/compose.hpp>

#include "alloc/alloc_counter.hpp"
#include "support/test_support.hpp"

using namespace sipref;

namespace {

// A body with every feature the reader handles: prefixes, cp attributes, references, CDATA,
// comments, PIs, nested list, entry-ref, external, foreign elements, display names.
constexpr std::string_view kDoc =
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<!-- lead --><?pi data?>\r\n"
    "<rl:resource-lists xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\" xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\""
    " xmlns:f=\"urn:example:foreign\">\r\n"
    " <rl:list name=\"n&amp;m\" f:x=\"1\">\r\n"
    "  <rl:display-name>List</rl:display-name>\r\n"
    "  <rl:entry uri=\"sip:a@example.com?x=1&amp;y=2\" cp:copyControl=\"to\" cp:anonymize=\" true \" cp:count=\"+7\">\r\n"
    "   <rl:display-name xml:lang=\"en\">A &amp; <![CDATA[<B>]]><!-- c -->&#x20AC;</rl:display-name>\r\n"
    "   <f:meta><rl:entry uri=\"sip:hidden@x\"/>text</f:meta>\r\n"
    "  </rl:entry>\r\n"
    "  <rl:entry uri='sip:b@example.com' cp:copyControl='cc'/>\r\n"
    "  <rl:entry-ref ref=\"a/b\"/>\r\n"
    "  <rl:external anchor=\"http://x/\"/>\r\n"
    "  <rl:list><rl:entry uri=\"sip:c@&#101;xample.com\"\r\n   /></rl:list>\r\n"
    " </rl:list>\r\n"
    "</rl:resource-lists>\r\n";

struct counting_sink {
  std::size_t bytes = 0;
  void put(char) noexcept { ++bytes; }
  void put(std::string_view s) noexcept { bytes += s.size(); }
};

}  // namespace

TEST_CASE("alloc: parse_resource_lists and for_each_resource_list_item allocate nothing") {
  const test::exact_buffer doc(kDoc);
  std::array<resource_list_item, 8> storage{};
  sipref_test::allocation_scope scope;
  const auto r = parse_resource_lists(doc.view(), storage.data(), storage.size());
  std::size_t items = 0, decoded = 0;
  const auto s = for_each_resource_list_item(doc.view(), [&](const resource_list_item& it) noexcept {
    ++items;
    counting_sink w;
    it.uri.decode(w);
    it.display_name.decode(w);
    decoded += w.bytes + it.uri.decoded_size();
  });
  const auto v = validate_resource_lists(doc.view());
  const std::size_t n = scope.count();

  REQUIRE(r.has_value());
  REQUIRE(s.has_value());
  REQUIRE(v.has_value());
  CHECK(r->size == 3);
  CHECK(items == 7);
  CHECK(decoded > 0);
  CHECK(s->nested_lists == 1);
  CHECK(n == 0);
}

TEST_CASE("alloc: reader errors allocate nothing") {
  const std::string rl = "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"";
  const std::vector<std::string> bad = {
      "",
      "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>",
      rl + "><list><entry uri=sip:a@b/></list></resource-lists>",
      rl + "><list><entry uri='&foo;'/></list></resource-lists>",
      rl + "><list><entry uri='&#0;'/></list></resource-lists>",
      rl + "><list><entry/></list></resource-lists>",
      rl + "><list><entry uri='a' cp:copyControl='to'/></list></resource-lists>",
      rl + " xmlns:cp='urn:ietf:params:xml:ns:copycontrol'><list><entry uri='a' cp:copyControl='BCC'/></list></resource-lists>",
      rl + "><list><entry uri='a' uri='b'/></list></resource-lists>",
      rl + "><list></entry></resource-lists>",
      rl + "><list><entry uri='\xC3('/></list></resource-lists>",
      "<resource-lists/>",
      "<?xml version='1.0' encoding='latin1'?><a/>",
  };
  std::vector<test::exact_buffer> bufs;
  bufs.reserve(bad.size());
  for (const std::string& b : bad) bufs.emplace_back(b);
  std::array<resource_list_item, 4> storage{};
  std::size_t failures = 0;
  sipref_test::allocation_scope scope;
  for (const test::exact_buffer& b : bufs) {
    if (!parse_resource_lists(b.view(), storage.data(), storage.size())) ++failures;
    if (xml::check_well_formed(b.view()).code != errc::ok) ++failures;
  }
  const std::size_t n = scope.count();
  CHECK(failures >= bad.size());
  CHECK(n == 0);
}

TEST_CASE("alloc: composing into reserved storage allocates nothing") {
  std::vector<std::string> uris(100);
  std::vector<resource_list_entry> e(100);
  for (std::size_t i = 0; i < e.size(); ++i) {
    uris[i] = "sip:user" + std::to_string(i) + "@example.com?x=1&y=2";
    e[i].uri = uris[i];
    e[i].display_name = "Name & \"Co\" <x> \xE2\x82\xAC";
    e[i].lang = "en";
    e[i].copy = copy_control::to;
    e[i].anonymize = i % 2 == 0;
    e[i].count = i;
    if (i % 3 == 0) e[i].method = "BYE";
  }
  const resource_lists_body body(e, "list & co");
  std::string out;
  out.reserve(64 * 1024);
  std::vector<char> buf(64 * 1024);
  sipref_test::allocation_scope scope;
  const auto size = composed_size(body);
  const error appended = append_to(out, body);
  const compose_result written = compose_to(buf.data(), buf.data() + buf.size(), body);
  const auto invalid = body.validate();
  const std::size_t n = scope.count();

  REQUIRE(size.has_value());
  CHECK(appended.code == errc::ok);
  CHECK(written.ec.code == errc::ok);
  CHECK(invalid.err.code == errc::ok);
  CHECK(out.size() == *size);
  CHECK(static_cast<std::size_t>(written.ptr - buf.data()) == *size);
  CHECK(n == 0);
}
