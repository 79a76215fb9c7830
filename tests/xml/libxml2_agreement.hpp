// SPDX-License-Identifier: MIT
/// @file libxml2_agreement.hpp
/// The rules by which sipref's XML reader and libxml2 must agree, shared by the differential
/// test (tests/xml/diff_libxml2.cpp) and the differential fuzz target
/// (fuzz/fuzz_xml_libxml2.cpp): how each side reads a document, and `principled()`, which
/// names the documented differences (see diff_libxml2.cpp) or returns nullptr.
#ifndef SIPREF_TEST_LIBXML2_AGREEMENT_HPP
#define SIPREF_TEST_LIBXML2_AGREEMENT_HPP

#include <sipref/detail/xml.hpp>
#include <sipref/resource_lists.hpp>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Internal linkage: each test program or fuzz target that includes this is one translation unit.
namespace libxml2_agreement {
namespace {

using sipref::errc;

// ---- libxml2 side ----------------------------------------------------------------------

// Every diagnostic libxml2 reports for the current document (code, level).
std::vector<std::pair<int, int>> g_diagnostics;
#if LIBXML_VERSION >= 21200
using error_ptr = const xmlError*;  // libxml2 2.12 made the structured handler's error const
#else
using error_ptr = xmlErrorPtr;
#endif
void collect_diagnostic(void*, error_ptr e) {
  if (e) g_diagnostics.emplace_back(e->code, static_cast<int>(e->level));
}

struct lx_entry {
  std::string uri;
  std::string display_name;
  bool has_display_name = false;
  bool operator==(const lx_entry& o) const {
    return uri == o.uri && display_name == o.display_name && has_display_name == o.has_display_name;
  }
};

struct lx_result {
  bool well_formed = false;
  int code = 0;
  std::string message;
  bool is_resource_lists = false;
  std::vector<lx_entry> entries;
  std::vector<std::pair<int, int>> diagnostics;  // (code, level) of everything reported

  /// True when every error-level diagnostic has code @p c (and there is at least one).
  [[nodiscard]] bool only_error(int c) const {
    bool any = false;
    for (const auto& d : diagnostics) {
      if (d.second < XML_ERR_ERROR) continue;
      if (d.first != c) return false;
      any = true;
    }
    return any;
  }
  [[nodiscard]] bool reported(int c) const {
    for (const auto& d : diagnostics)
      if (d.first == c) return true;
    return false;
  }
};

bool is_rl(const xmlNode* n, const char* local) {
  return n->type == XML_ELEMENT_NODE && n->ns != nullptr && n->ns->href != nullptr &&
         std::string_view(reinterpret_cast<const char*>(n->ns->href)) == sipref::resource_lists_namespace &&
         std::string_view(reinterpret_cast<const char*>(n->name)) == local;
}

std::string content_of(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return s;
}

void collect(const xmlNode* list, std::vector<lx_entry>& out) {
  for (const xmlNode* c = list->children; c != nullptr; c = c->next) {
    if (is_rl(c, "list")) {
      collect(c, out);
    } else if (is_rl(c, "entry")) {
      lx_entry e;
      xmlChar* uri = xmlGetNoNsProp(c, reinterpret_cast<const xmlChar*>("uri"));
      if (uri) e.uri = reinterpret_cast<const char*>(uri);
      xmlFree(uri);
      for (const xmlNode* d = c->children; d != nullptr; d = d->next) {
        if (is_rl(d, "display-name")) {
          e.display_name = content_of(d);
          e.has_display_name = true;
          break;
        }
      }
      out.push_back(e);
    }
  }
}

lx_result libxml2_read(const std::string& doc) {
  lx_result r;
  g_diagnostics.clear();
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  // NONET, no entity substitution (no XML_PARSE_NOENT), no DTD loading.
  xmlDocPtr d = xmlCtxtReadMemory(ctxt, doc.data(), static_cast<int>(doc.size()), "doc.xml", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  r.well_formed = d != nullptr && ctxt->wellFormed != 0 && ctxt->nsWellFormed != 0;
  if (const xmlError* e = xmlCtxtGetLastError(ctxt)) {
    r.code = e->code;
    if (e->message) r.message = e->message;
  }
  if (r.well_formed) {
    const xmlNode* root = xmlDocGetRootElement(d);
    if (root && is_rl(root, "resource-lists")) {
      r.is_resource_lists = true;
      for (const xmlNode* c = root->children; c != nullptr; c = c->next)
        if (is_rl(c, "list")) collect(c, r.entries);
    }
  }
  if (d) xmlFreeDoc(d);
  xmlFreeParserCtxt(ctxt);
  r.diagnostics = g_diagnostics;
  return r;
}

// ---- sipref side -----------------------------------------------------------------------

struct sink {
  std::string out;
  void put(char c) { out.push_back(c); }
  void put(std::string_view v) { out.append(v.data(), v.size()); }
};

struct sr_result {
  sipref::error wf;        // XML well-formedness verdict
  sipref::error rl;        // resource-lists verdict (when wf is ok)
  bool root_is_rl = false;  // the root element is {RFC 4826}resource-lists
  std::vector<lx_entry> entries;
};

// Records the root element's expanded name.
struct root_probe : sipref::xml::null_handler {
  bool is_rl = false;
  sipref::error start_element(const sipref::xml::element& e) {
    if (e.depth == 1) is_rl = e.ns == sipref::xml::ns_first_known && e.local == "resource-lists";
    return {};
  }
};

sr_result sipref_read(const std::string& doc) {
  sr_result r;
  sipref::xml::limits lim;
  lim.max_size = doc.size();
  lim.max_depth = sipref::xml::max_depth_cap;
  r.wf = sipref::xml::check_well_formed(doc, lim);
  if (r.wf) return r;
  const std::string_view ns[] = {sipref::resource_lists_namespace};
  lim.known_namespaces = ns;
  lim.known_namespace_count = 1;
  root_probe probe;
  (void)sipref::xml::parse(doc, probe, lim);
  r.root_is_rl = probe.is_rl;
  sipref::resource_lists_options opt;
  opt.max_size = doc.size();
  opt.max_depth = sipref::xml::max_depth_cap;
  opt.max_entries = doc.size();
  const auto s = sipref::for_each_resource_list_item(doc, [&](const sipref::resource_list_item& it) {
    if (it.kind != sipref::list_item_kind::entry) return;
    lx_entry e;
    sink u, n;
    it.uri.decode(u);
    it.display_name.decode(n);
    e.uri = u.out;
    e.display_name = n.out;
    e.has_display_name = it.has_display_name;
    r.entries.push_back(e);
  }, opt);
  if (!s) r.rl = s.error();
  return r;
}

// ---- classification --------------------------------------------------------------------

/// Name of the documented principled difference that explains a disagreement, or nullptr.
const char* principled(const std::string& doc, const sr_result& ours, const lx_result& theirs) {
  const bool ours_ok = !ours.wf;
  if (!ours_ok && theirs.well_formed) {
    switch (ours.wf.code) {
      case errc::xml_bad_encoding:  // RFC 4826 §3.1: UTF-8 only; libxml2 transcodes
        return "encoding";
      case errc::limit_exceeded:  // sipref's documented fixed caps
      case errc::xml_depth_exceeded:
        return "limit";
      default:
        break;
    }
    // XML 1.0 VersionNum ::= '1.' [0-9]+; libxml2 also takes "1." (warning 97,
    // XML_WAR_UNKNOWN_VERSION). Only when sipref's error lies inside the XML declaration.
    const std::size_t decl_end = doc.find("?>");
    const std::size_t decl_at = doc.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // after a BOM
    if (theirs.reported(XML_WAR_UNKNOWN_VERSION) && doc.compare(decl_at, 5, "<?xml") == 0 &&
        decl_end != std::string::npos && ours.wf.offset < decl_end)
      return "version-num";
    // libxml2 reads its input as NUL-terminated text: a NUL byte after the root element ends
    // its input silently, whatever follows. To sipref a NUL is no XML Char anywhere. Only when
    // the document up to that NUL is one sipref accepts.
    if (ours.wf.offset < doc.size() && doc[ours.wf.offset] == '\0' &&
        !sipref::xml::check_well_formed(std::string_view(doc).substr(0, ours.wf.offset),
                                        sipref::xml::limits{doc.size(), sipref::xml::max_depth_cap, nullptr, 0}))
      return "trailing-nul";
    // XML 1.0 SDDecl ::= S 'standalone' Eq ...; libxml2 2.9 does not insist on the S right
    // after a UTF-8 encoding declaration. Only when sipref stops exactly at that 's'.
    if (ours.wf.code == errc::xml_malformed && decl_end != std::string::npos && ours.wf.offset < decl_end &&
        doc.compare(ours.wf.offset, 10, "standalone") == 0 && ours.wf.offset > 0 &&
        (doc[ours.wf.offset - 1] == '"' || doc[ours.wf.offset - 1] == '\''))
      return "xmldecl-space";
  }
  // Namespaces in XML 1.0 §2.2 says a namespace name is a URI reference; libxml2 checks its
  // RFC 3986 syntax and reports XML_WAR_NS_URI as a namespace error. sipref compares namespace
  // names as strings and does not validate their URI syntax (a malformed name can never
  // equal the RFC 4826/5364 names, so it is just a foreign namespace).
  if (ours_ok && !theirs.well_formed && theirs.only_error(XML_WAR_NS_URI)) return "ns-uri-syntax";
  return nullptr;
}

}  // namespace
}  // namespace libxml2_agreement

#endif  // SIPREF_TEST_LIBXML2_AGREEMENT_HPP
