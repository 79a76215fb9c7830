// SPDX-License-Identifier: MIT
/// @file fuzz_resource_lists.cpp
/// Fuzz target for the resource-lists reader (resource_lists.hpp): `for_each_resource_list_item`,
/// `validate_resource_lists` and `parse_resource_lists`. Config byte: bit 0
/// `allow_unqualified_copy_control`, bit 1 max_depth 3, bit 2 max_entries 4, bit 3 storage of
/// 2 items. Invariants: the three entry points agree; laxer options accept what stricter ones
/// accept; item offsets and views inside the document; the summary counts what the callback
/// saw; and entries → `resource_lists_body` → compose → parse gives the same URIs, display
/// names and copyControl values.
#include <sipref/resource_lists.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "fuzz_sipref.hpp"

namespace {

std::string decoded(const sipref::xml::text_view& t) {
  std::string out;
  sipref::string_writer w(out);
  t.decode(w);
  SIPREF_FUZZ_CHECK(out.size() == t.decoded_size() && t.equals(out));
  return out;
}

struct entry {
  std::string uri, name;
  sipref::copy_control copy;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const sipref_fuzz::input input(data, size);
  std::string_view doc = input.view();
  const std::uint8_t cfg = sipref_fuzz::take_config_byte(doc);
  sipref::resource_lists_options opt;
  opt.allow_unqualified_copy_control = (cfg & 1) != 0;
  if (cfg & 2) opt.max_depth = 3;
  if (cfg & 4) opt.max_entries = 4;
  sipref::resource_lists_options lax;
  lax.allow_unqualified_copy_control = true;

  std::vector<entry> entries;
  sipref::resource_lists_summary seen{};
  const auto r = sipref::for_each_resource_list_item(doc, [&](const sipref::resource_list_item& it) {
    using sipref_fuzz::inside;
    SIPREF_FUZZ_CHECK(it.offset < doc.size() && doc[it.offset] == '<' && it.uri_offset <= doc.size());
    SIPREF_FUZZ_CHECK(inside(it.uri.raw, doc) && inside(it.name.raw, doc) && inside(it.display_name.raw, doc) &&
                      inside(it.lang.raw, doc) && it.list_depth <= opt.max_depth);
    if (it.has_uri) SIPREF_FUZZ_CHECK(it.uri.raw.empty() || doc.substr(it.uri_offset, it.uri.raw.size()) == it.uri.raw);
    switch (it.kind) {
      case sipref::list_item_kind::entry:
        ++seen.entries;
        SIPREF_FUZZ_CHECK(it.has_uri && it.list_depth >= 1);
        entries.push_back({decoded(it.uri), it.has_display_name ? decoded(it.display_name) : std::string(), it.copy});
        break;
      case sipref::list_item_kind::entry_ref: ++seen.entry_refs; break;
      case sipref::list_item_kind::external: ++seen.externals; break;
      case sipref::list_item_kind::list: ++seen.lists; break;
    }
  }, opt);
  const auto v = sipref::validate_resource_lists(doc, opt);
  SIPREF_FUZZ_CHECK(r.has_value() == v.has_value() && (r || r.error() == v.error()));
  SIPREF_FUZZ_CHECK(!r || sipref::validate_resource_lists(doc, lax));
  sipref::resource_list_item storage[8];
  const std::size_t cap = (cfg & 8) ? 2 : 8;
  const auto p = sipref::parse_resource_lists(doc, storage, cap, opt);
  if (!sipref_fuzz::ok_or_checked(r, doc)) {
    SIPREF_FUZZ_CHECK(!p);
    return 0;
  }
  SIPREF_FUZZ_CHECK(r->entries == seen.entries && r->entry_refs == seen.entry_refs && r->externals == seen.externals &&
                    r->lists == seen.lists && r->entries <= opt.max_entries && r->nested_lists <= r->lists);
  SIPREF_FUZZ_CHECK(r->first_entry_ref == sipref::resource_lists_summary::npos || r->first_entry_ref < doc.size());
  if (r->entries > cap) {
    SIPREF_FUZZ_CHECK(!p && p.code() == sipref::errc::limit_exceeded);
  } else {
    SIPREF_FUZZ_CHECK(p && p->size == r->entries);
    for (std::size_t i = 0; i < p->size; ++i) SIPREF_FUZZ_CHECK(decoded((*p)[i].uri) == entries[i].uri);
  }
  // Round trip through the composer.
  std::vector<sipref::resource_list_entry> out;
  for (const entry& e : entries) {
    sipref::resource_list_entry x;
    x.uri = e.uri;
    x.display_name = e.name;
    x.copy = e.copy;
    out.push_back(x);
  }
  if (out.empty()) return 0;
  const sipref::resource_lists_body body(out.data(), out.size());
  std::string text;
  if (!sipref_fuzz::compose_checked(body, text)) return 0;
  std::vector<entry> back;
  const auto again = sipref::for_each_resource_list_item(text, [&](const sipref::resource_list_item& it) {
    if (it.kind == sipref::list_item_kind::entry)
      back.push_back({decoded(it.uri), it.has_display_name ? decoded(it.display_name) : std::string(), it.copy});
  });
  SIPREF_FUZZ_CHECK(again && back.size() == entries.size());
  for (std::size_t i = 0; i < back.size(); ++i)
    SIPREF_FUZZ_CHECK(back[i].uri == entries[i].uri && back[i].name == entries[i].name && back[i].copy == entries[i].copy);
  return 0;
}
