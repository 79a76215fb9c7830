// SPDX-License-Identifier: MIT
/// @file rl_xsd_cases.cpp
/// Writes resource-lists documents composed by sipref (ok-*.xml) and hand-made invalid
/// controls (bad-*.xml) into a directory, for validate_xsd.sh to check with
/// `xmllint --schema` against the RFC 4826 / RFC 5364 schemas. Each composed document is
/// also read back with sipref's own reader, so the file on disk is known to round-trip.
#include <sipref/resource_lists.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <sipref/compose.hpp>

namespace {

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return out.good();
}

int failures = 0;

void emit(const std::string& dir, const std::string& name, const sipref::resource_lists_body& body) {
  std::string doc;
  if (const sipref::error e = sipref::append_to(doc, body)) {
    std::fprintf(stderr, "%s: compose failed: %s at %zu\n", name.c_str(), std::string(sipref::to_string(e.code)).c_str(),
                 e.offset);
    ++failures;
    return;
  }
  sipref::resource_lists_options opt;
  opt.max_entries = body.entry_count;
  const auto r = sipref::validate_resource_lists(doc, opt);
  if (!r || r->entries != body.entry_count) {
    std::fprintf(stderr, "%s: sipref cannot read its own output\n", name.c_str());
    ++failures;
  }
  if (!write_file(dir + "/ok-" + name + ".xml", doc)) ++failures;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  using sipref::copy_control;
  using sipref::resource_list_entry;
  using sipref::resource_lists_body;

  {
    const resource_list_entry e[] = {{"sip:bill@example.com"}, {"sip:joe@example.org"}, {"tel:+1-201-555-0123"}};
    emit(dir, "plain", resource_lists_body(e));
  }
  {
    resource_list_entry e[3] = {};
    e[0].uri = "sip:alice@example.com";
    e[0].display_name = "Alice & Bob <\"the\" 'pair'> \xE2\x82\xAC caf\xC3\xA9 \xF0\x9F\x98\x80\tend";
    e[0].lang = "en-GB";
    e[1].uri = "sip:b@example.com";
    e[1].display_name = "\xE5\xBC\xA0\xE4\xBC\x9F";
    e[1].lang = "zh-Hans-CN";
    e[2].uri = "sip:c@example.com";
    e[2].display_name = ">>> &amp; ]]> <!-- not a comment -->";
    emit(dir, "utf8-names", resource_lists_body(e, "friends & \"family\"\t2"));
  }
  {
    resource_list_entry e[5] = {};
    e[0].uri = "sip:bill@example.com";
    e[0].copy = copy_control::to;
    e[1].uri = "sip:randy@example.net";
    e[1].copy = copy_control::to;
    e[1].anonymize = true;
    e[2].uri = "sip:joe@example.org";
    e[2].copy = copy_control::cc;
    e[3].uri = "sip:ted@example.net";
    e[3].copy = copy_control::bcc;
    e[3].anonymize = false;
    e[4].uri = "sip:anonymous@anonymous.invalid";
    e[4].copy = copy_control::cc;
    e[4].count = 18446744073709551615u;
    emit(dir, "copy-control", resource_lists_body(e));
  }
  {
    resource_list_entry e[3] = {};
    e[0].uri = "sip:bill@example.com";
    e[0].method = "BYE";
    e[1].uri = "sip:joe@example.org;transport=tcp?Subject=bye%20now&Priority=urgent";
    e[1].method = "BYE";
    e[1].copy = copy_control::to;
    e[2].uri = "sips:ted@example.net";
    e[2].method = "BYE";
    e[2].display_name = "Ted";
    emit(dir, "method-bye", resource_lists_body(e));
  }
  {
    std::vector<std::string> uris(1000), names(1000);
    std::vector<resource_list_entry> e(1000);
    for (std::size_t i = 0; i < e.size(); ++i) {
      uris[i] = "sip:user" + std::to_string(i) + "@example.com;transport=tls?X=" + std::to_string(i) + "&Y=%2F";
      names[i] = "User #" + std::to_string(i) + " & co \xC3\xA9";
      e[i].uri = uris[i];
      if (i % 2) e[i].display_name = names[i];
      if (i % 3) e[i].copy = static_cast<copy_control>(i % 3);
      if (i % 5 == 0) e[i].anonymize = (i % 10) == 0;
      if (i % 7 == 0) e[i].count = i;
      if (i % 11 == 0) e[i].method = "BYE";
    }
    emit(dir, "1000-entries", resource_lists_body(e));
  }
  emit(dir, "empty-list", resource_lists_body());

  // Controls that must FAIL validation: they prove xmllint really checks the cp attributes
  // and the required uri (a vacuous setup would accept everything).
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" "
      "xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\r\n  <list>\r\n";
  const std::string tail = "  </list>\r\n</resource-lists>\r\n";
  bool ok = true;
  ok = ok && write_file(dir + "/bad-copycontrol-upper.xml", head + "    <entry uri=\"sip:a@b\" cp:copyControl=\"TO\"/>\r\n" + tail);
  ok = ok && write_file(dir + "/bad-copycontrol-unqualified.xml", head + "    <entry uri=\"sip:a@b\" copyControl=\"to\"/>\r\n" + tail);
  ok = ok && write_file(dir + "/bad-missing-uri.xml", head + "    <entry/>\r\n" + tail);
  ok = ok && write_file(dir + "/bad-count-negative.xml", head + "    <entry uri=\"sip:a@b\" cp:count=\"-1\"/>\r\n" + tail);
  ok = ok && write_file(dir + "/bad-lang.xml", head + "    <entry uri=\"sip:a@b\"><display-name xml:lang=\"en_GB\">x</display-name></entry>\r\n" + tail);
  if (!ok) ++failures;
  return failures == 0 ? 0 : 1;
}
