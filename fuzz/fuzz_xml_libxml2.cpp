// SPDX-License-Identifier: MIT
/// @file fuzz_xml_libxml2.cpp
/// Differential fuzz target: sipref's XML reader (detail/xml.hpp, resource_lists.hpp)
/// against libxml2 (test-only dependency). Both must agree on well-formedness (with
/// namespaces) and, when both accept a resource-lists document, on the entry URIs and
/// display names, in order. The agreement rules and the documented principled differences
/// (`encoding`, `limit`, `ns-uri-syntax`, `version-num`, `trailing-nul`, `xmldecl-space`;
/// DOCTYPE rejected by design) are those of tests/xml/diff_libxml2.cpp, shared through
/// tests/xml/libxml2_agreement.hpp; any other disagreement aborts with both verdicts printed.
#include <sipref/detail/xml.hpp>
#include <sipref/resource_lists.hpp>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_common.hpp"

#include "../tests/xml/libxml2_agreement.hpp"

namespace {
using namespace libxml2_agreement;
}  // namespace

// -----------------------------------------------------------------------------------------

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();
  xmlSetStructuredErrorFunc(nullptr, collect_diagnostic);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 1 << 16) return 0;
  const std::string doc(reinterpret_cast<const char*>(data), size);
  const sr_result ours = sipref_read(doc);
  if (ours.wf.code == errc::xml_doctype) return 0;  // rejected by design (no DTD, no entities)
  SIPREF_FUZZ_CHECK(ours.wf.offset <= doc.size() && (!ours.rl || ours.rl.offset <= doc.size()));
  const lx_result theirs = libxml2_read(doc);
  const bool ours_ok = !ours.wf;
  const char* why = ours_ok != theirs.well_formed ? principled(doc, ours, theirs) : "";
  if (why == nullptr) {
    std::fprintf(stderr, "DISAGREE: sipref %s at %zu, libxml2 %s (code %d: %s)\n",
                 std::string(sipref::to_string(ours.wf.code)).c_str(), ours.wf.offset,
                 theirs.well_formed ? "accepts" : "rejects", theirs.code, theirs.message.c_str());
  }
  SIPREF_FUZZ_CHECK(why != nullptr);
  if (ours_ok != theirs.well_formed || !ours_ok) return 0;
  SIPREF_FUZZ_CHECK(ours.root_is_rl == theirs.is_resource_lists);
  if (ours.rl) return 0;  // well-formed, but not a resource-lists document sipref accepts
  if (!(ours.entries == theirs.entries)) {
    std::fprintf(stderr, "DISAGREE: entries differ (sipref %zu, libxml2 %zu)\n", ours.entries.size(), theirs.entries.size());
    for (std::size_t i = 0; i < ours.entries.size() && i < theirs.entries.size(); ++i)
      if (!(ours.entries[i] == theirs.entries[i]))
        std::fprintf(stderr, "  [%zu] sipref uri=%s dn=%s | libxml2 uri=%s dn=%s\n", i, ours.entries[i].uri.c_str(),
                     ours.entries[i].display_name.c_str(), theirs.entries[i].uri.c_str(), theirs.entries[i].display_name.c_str());
  }
  SIPREF_FUZZ_CHECK(theirs.is_resource_lists && ours.entries == theirs.entries);
  return 0;
}
