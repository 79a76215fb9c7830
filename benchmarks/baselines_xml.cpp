// SPDX-License-Identifier: MIT
/// @file baselines_xml.cpp
/// The XML baselines: pugixml (libpugixml-dev; DOM, not namespace-aware), expat
/// (libexpat1-dev; SAX with namespace processing) and libxml2 (libxml2-dev; DOM with
/// namespaces), each extracting the `uri` of every RFC 4826 `<entry>` of a resource-lists
/// body. Every reader is reused across calls, as a server would.
#include "baselines.hpp"

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#if SIPREF_BENCH_HAVE_PUGIXML
#include <pugixml.hpp>
#endif
#if SIPREF_BENCH_HAVE_EXPAT
#include <expat.h>
#endif
#if SIPREF_BENCH_HAVE_LIBXML2
#include <libxml/parser.h>
#include <libxml/tree.h>
#endif

namespace bench {

namespace {
[[maybe_unused]] constexpr const char* kRlNamespace = "urn:ietf:params:xml:ns:resource-lists";

/// URIs copied out of a parser's transient storage into one reused arena.
struct uri_arena {
  std::string bytes;
  std::vector<std::size_t> ends;
  void clear() {
    bytes.clear();
    ends.clear();
  }
  void add(const char* s, std::size_t n) {
    bytes.append(s, n);
    ends.push_back(bytes.size());
  }
  [[nodiscard]] std::string get(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends[i - 1];
    return bytes.substr(begin, ends[i] - begin);
  }
};
}  // namespace

#if SIPREF_BENCH_HAVE_PUGIXML
namespace {
class pugixml_reader final : public xml_reader {
 public:
  std::size_t extract(std::string_view doc) override {
    uris_.clear();
    // load_buffer copies the input (the parse is in place); names are matched without
    // namespaces, which pugixml does not resolve.
    if (!doc_.load_buffer(doc.data(), doc.size())) return 0;
    const pugi::xml_node root = doc_.child("resource-lists");
    for (pugi::xml_node list = root.child("list"); list; list = list.next_sibling("list"))
      for (pugi::xml_node e = list.child("entry"); e; e = e.next_sibling("entry")) uris_.push_back(e.attribute("uri").value());
    return uris_.size();
  }
  std::string uri(std::size_t i) const override { return uris_.at(i); }
  bool namespace_aware() const override { return false; }

 private:
  pugi::xml_document doc_;
  std::vector<const char*> uris_;
};
}  // namespace
std::unique_ptr<xml_reader> make_pugixml() { return std::make_unique<pugixml_reader>(); }
#else
std::unique_ptr<xml_reader> make_pugixml() { return nullptr; }
#endif

#if SIPREF_BENCH_HAVE_EXPAT
namespace {
class expat_reader final : public xml_reader {
 public:
  expat_reader() : parser_(XML_ParserCreateNS(nullptr, '|')) {}
  ~expat_reader() override { XML_ParserFree(parser_); }
  expat_reader(const expat_reader&) = delete;
  expat_reader& operator=(const expat_reader&) = delete;

  std::size_t extract(std::string_view doc) override {
    arena_.clear();
    XML_ParserReset(parser_, nullptr);
    XML_SetUserData(parser_, this);
    XML_SetStartElementHandler(parser_, &expat_reader::on_start);
    if (XML_Parse(parser_, doc.data(), static_cast<int>(doc.size()), 1) != XML_STATUS_OK) return 0;
    return arena_.ends.size();
  }
  std::string uri(std::size_t i) const override { return arena_.get(i); }
  bool namespace_aware() const override { return true; }

 private:
  static void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char** atts) {
    // With namespace processing the name is "<namespace>|<local>".
    static const std::string entry = std::string(kRlNamespace) + "|entry";
    if (std::strcmp(name, entry.c_str()) != 0) return;
    for (const XML_Char** a = atts; *a != nullptr; a += 2)
      if (std::strcmp(a[0], "uri") == 0) static_cast<expat_reader*>(self)->arena_.add(a[1], std::strlen(a[1]));
  }
  XML_Parser parser_;
  uri_arena arena_;
};
}  // namespace
std::unique_ptr<xml_reader> make_expat() { return std::make_unique<expat_reader>(); }
#else
std::unique_ptr<xml_reader> make_expat() { return nullptr; }
#endif

#if SIPREF_BENCH_HAVE_LIBXML2
namespace {
class libxml2_reader final : public xml_reader {
 public:
  libxml2_reader() { xmlInitParser(); }
  std::size_t extract(std::string_view doc) override {
    arena_.clear();
    xmlDocPtr d = xmlReadMemory(doc.data(), static_cast<int>(doc.size()), nullptr, nullptr, XML_PARSE_NONET);
    if (d == nullptr) return 0;
    const xmlNode* root = xmlDocGetRootElement(d);
    if (root != nullptr && is_rl(root, "resource-lists")) {
      for (const xmlNode* list = root->children; list != nullptr; list = list->next) {
        if (!is_rl(list, "list")) continue;
        for (const xmlNode* e = list->children; e != nullptr; e = e->next) {
          if (!is_rl(e, "entry")) continue;
          xmlChar* u = xmlGetNoNsProp(e, reinterpret_cast<const xmlChar*>("uri"));
          if (u == nullptr) continue;
          arena_.add(reinterpret_cast<const char*>(u), std::strlen(reinterpret_cast<const char*>(u)));
          xmlFree(u);
        }
      }
    }
    xmlFreeDoc(d);
    return arena_.ends.size();
  }
  std::string uri(std::size_t i) const override { return arena_.get(i); }
  bool namespace_aware() const override { return true; }

 private:
  static bool is_rl(const xmlNode* n, const char* local) {
    return n->type == XML_ELEMENT_NODE && n->ns != nullptr &&
           std::strcmp(reinterpret_cast<const char*>(n->ns->href), kRlNamespace) == 0 &&
           std::strcmp(reinterpret_cast<const char*>(n->name), local) == 0;
  }
  uri_arena arena_;
};
}  // namespace
std::unique_ptr<xml_reader> make_libxml2() { return std::make_unique<libxml2_reader>(); }
#else
std::unique_ptr<xml_reader> make_libxml2() { return nullptr; }
#endif

}  // namespace bench
