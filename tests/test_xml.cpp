// SPDX-License-Identifier: MIT
/// @file test_xml.cpp
/// Unit tests of sipref's own XML 1.0 reader (detail/xml.hpp): well-formedness, UTF-8 and
/// Char checks, references, namespaces, limits, and the `text_view` decoding rules. Every
/// negative case asserts the error code and the byte offset.
#include <sipref/detail/xml.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "support/test_support.hpp"

using namespace sipref;
using sipref::xml::text_view;

namespace {

result<int> wf(std::string_view doc) {
  if (const error e = xml::check_well_formed(doc)) return e;
  return 0;
}

struct sink {
  std::string out;
  void put(char c) { out.push_back(c); }
  void put(std::string_view v) { out.append(v.data(), v.size()); }
};

std::string decoded(const text_view& t) {
  sink s;
  t.decode(s);
  return s.out;
}

// Records what the reader reports, for structural assertions.
struct recorder {
  struct start {
    std::string qname, local;
    std::uint8_t ns;
    std::size_t offset, depth, attributes;
    bool empty;
  };
  std::vector<start> starts;
  std::vector<xml::element_end> ends;
  std::vector<std::size_t> text;
  std::vector<xml::attribute> attrs;  // of the last start tag
  error start_element(const xml::element& e) {
    starts.push_back({std::string(e.qname), std::string(e.local), e.ns, e.offset, e.depth, e.attribute_count, e.empty});
    attrs.assign(e.attributes, e.attributes + e.attribute_count);
    return {};
  }
  error end_element(const xml::element_end& e) {
    ends.push_back(e);
    return {};
  }
  error character_data(std::size_t at) {
    text.push_back(at);
    return {};
  }
};

constexpr std::string_view kKnown[] = {"urn:example:a", "urn:example:b"};

xml::limits known_limits() {
  xml::limits lim;
  lim.known_namespaces = kKnown;
  lim.known_namespace_count = 2;
  return lim;
}

}  // namespace

// constexpr proofs: the reader runs at compile time.
static_assert(xml::check_well_formed("<a x='1' y=\"2\">t&amp;&#x41;<b/><![CDATA[<]]><!--c--><?p q?></a>").code == errc::ok);
static_assert(xml::check_well_formed("<a>").code == errc::unexpected_end);
static_assert(xml::check_well_formed("<!DOCTYPE a><a/>").code == errc::xml_doctype);
static_assert(text_view{"a&amp;b", text_view::has_refs}.equals("a&b"));

TEST_CASE("xml: well-formed documents are accepted") {
  const char* ok[] = {
      "<a/>",
      "<a></a>",
      "<a ></a >",
      "\xEF\xBB\xBF<a/>",  // UTF-8 BOM
      "<?xml version=\"1.0\"?><a/>",
      "\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8' standalone='yes'?>\r\n<a/>\r\n",
      "<?xml version=\"1.1\"?><a/>",  // read as XML 1.0 (XML 1.0 5th ed. §2.8)
      "<?xml  version = \"1.0\"  encoding = \"UTF-8\" ?><a/>",
      "<!-- c --><?pi data?><a/><!-- after --><?pi?>\n",
      "<?xml-stylesheet href='x'?><a/>",  // reserved-looking but legal target
      "<a><!----></a>",
      "<a><![CDATA[]]></a>",
      "<a><![CDATA[ <x> & ]] ]> ]]></a>",
      "<a>]]&gt; ] ]] &#93;]></a>",
      "<a x=\"'\" y='\"'/>",
      "<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x41;&#x10FFFF;&#9;&#xA;&#13;</a>",
      "<\xC3\xA9l\xC3\xA9ment attr\xCC\x80=\"v\"/>",  // non-ASCII names (NameStartChar é, NameChar U+0300)
      "<a>caf\xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBD</a>",  // UTF-8 text incl. U+1F600, U+FFFD
      "<p:a xmlns:p=\"urn:x\" p:b=\"1\" b=\"2\"/>",
      "<a xml:lang=\"en\" xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"/>",
      "<a xmlns=\"urn:x\"><b xmlns=\"\"/></a>",  // undeclaring the default namespace is allowed
      "<a\t\r\nx\r\n=\r\n'1'\r\n/>",
      "<a b=\"1\" p:b=\"2\" xmlns:p=\"urn:x\"/>",  // different expanded names
      "<a p:b=\"1\" q:b=\"2\" xmlns:p=\"urn:x\" xmlns:q=\"urn:y\"/>",
      "<_a.b-c:d xmlns:_a.b-c=\"u\"/>",
  };
  for (const char* doc : ok) {
    INFO(doc);
    const test::exact_buffer b(doc);
    const error e = xml::check_well_formed(b.view());
    CHECK(to_string(e.code) == "ok");
  }
}

TEST_CASE("xml: structure errors with code and offset") {
  using E = errc;
  struct row {
    std::string_view doc;
    errc code;
    std::size_t offset;
  };
  const row rows[] = {
      {"", E::xml_malformed, 0},                          // no root element
      {"   ", E::xml_malformed, 3},
      {"<!-- c -->", E::xml_malformed, 10},
      {"x<a/>", E::xml_malformed, 0},                     // text before the root
      {"<a/>x", E::xml_malformed, 4},                     // text after the root
      {"<a/><b/>", E::xml_malformed, 4},                  // second root
      {"<a/></a>", E::xml_malformed, 4},
      {"</a>", E::xml_malformed, 0},
      {"<a>", E::unexpected_end, 3},
      {"<a", E::unexpected_end, 2},
      {"<", E::unexpected_end, 1},
      {"<a><b></a>", E::xml_mismatched_tag, 6},
      {"<a></A>", E::xml_mismatched_tag, 3},
      {"<a></a", E::unexpected_end, 6},
      {"<a></ a>", E::xml_malformed, 5},
      {"< a/>", E::xml_malformed, 1},
      {"<a/ >", E::xml_malformed, 3},
      {"<a></a x>", E::xml_malformed, 7},
      {"<1a/>", E::xml_malformed, 1},
      {"<a x=1/>", E::xml_malformed, 5},                  // unquoted attribute (PEERS (c)24)
      {"<entry uri=sip:a@b/>", E::xml_malformed, 11},
      {"<a x/>", E::xml_malformed, 4},
      {"<a x=\"1\"y=\"2\"/>", E::xml_malformed, 8},       // no whitespace between attributes
      {"<a x=\"<\"/>", E::xml_malformed, 6},
      {"<a x=\"1/>", E::unexpected_end, 9},
      {"<a x=\"1\" x='2'/>", E::xml_duplicate_attribute, 9},
      {"<a>]]></a>", E::xml_malformed, 3},
      {"<a>x ]]> y</a>", E::xml_malformed, 5},
      {"<a><!-- a -- b --></a>", E::xml_malformed, 10},
      {"<a><!-- a ---></a>", E::xml_malformed, 10},
      {"<a><!-- a </a>", E::unexpected_end, 14},
      {"<a><!- x --></a>", E::xml_malformed, 3},
      {"<a><![CDATA[ x </a>", E::unexpected_end, 19},
      {"<![CDATA[x]]><a/>", E::xml_malformed, 0},         // CDATA outside the root
      {"<a><?xml version='1.0'?></a>", E::xml_malformed, 3},
      {"<a/><?xml version='1.0'?>", E::xml_malformed, 4},
      {" <?xml version='1.0'?><a/>", E::xml_malformed, 1},  // the declaration must come first
      {"<a><?XmL x?></a>", E::xml_malformed, 3},
      {"<a><?p:q x?></a>", E::xml_malformed, 5},          // colon in a PI target
      {"<a><?p?x?></a>", E::xml_malformed, 6},
      {"<a><? p?></a>", E::xml_malformed, 5},
      {"<a><?p x</a>", E::unexpected_end, 12},
  };
  for (const row& r : rows) test::check_error(wf, r.doc, r.code, r.offset);
}

TEST_CASE("xml: the XML declaration") {
  using E = errc;
  test::check_error(wf, "<?xml?><a/>", E::xml_malformed, 0);
  test::check_error(wf, "<?xml encoding='UTF-8'?><a/>", E::xml_malformed, 5);
  test::check_error(wf, "<?xml version='2.0'?><a/>", E::xml_malformed, 15);
  test::check_error(wf, "<?xml version='1.'?><a/>", E::xml_malformed, 15);
  test::check_error(wf, "<?xml version=1.0?><a/>", E::xml_malformed, 14);
  test::check_error(wf, "<?xml version='1.0'encoding='UTF-8'?><a/>", E::xml_malformed, 19);
  test::check_error(wf, "<?xml version='1.0' standalone='maybe'?><a/>", E::xml_malformed, 32);
  test::check_error(wf, "<?xml version='1.0' standalone='yes' encoding='UTF-8'?><a/>", E::xml_malformed, 37);
  test::check_error(wf, "<?xml version='1.0'", E::unexpected_end, 19);
  test::check_error(wf, "<?xml version='1.0' encoding='1UTF'?><a/>", E::xml_malformed, 30);
  // RFC 4826 §3.1: UTF-8 only.
  test::check_error(wf, "<?xml version='1.0' encoding='ISO-8859-1'?><a/>", E::xml_bad_encoding, 30);
  test::check_error(wf, "<?xml version='1.0' encoding='UTF-16'?><a/>", E::xml_bad_encoding, 30);
  test::check_error(wf, "<?xml version='1.0' encoding='UTF8'?><a/>", E::xml_bad_encoding, 30);
}

TEST_CASE("xml: DOCTYPE is refused, so no entity bomb or XXE can run") {
  const std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<lolz>&lol2;</lolz>";
  test::check_error(wf, bomb, errc::xml_doctype, 22);
  test::check_error(wf, "<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a>&xxe;</a>", errc::xml_doctype, 0);
  test::check_error(wf, "<a><!DOCTYPE a></a>", errc::xml_doctype, 3);
  test::check_error(wf, "<!DOCTYP", errc::unexpected_end, 8);
  test::check_error(wf, "<a><!ENTITY x 'y'></a>", errc::xml_malformed, 3);
}

TEST_CASE("xml: references") {
  using E = errc;
  test::check_error(wf, "<a>&foo;</a>", E::xml_bad_entity, 3);   // undeclared (no DTD)
  test::check_error(wf, "<a x='&nbsp;'/>", E::xml_bad_entity, 6);
  test::check_error(wf, "<a>&amp</a>", E::xml_malformed, 3);      // no ';'
  test::check_error(wf, "<a>& b</a>", E::xml_malformed, 3);
  test::check_error(wf, "<a>&;</a>", E::xml_malformed, 3);
  test::check_error(wf, "<a>&#;</a>", E::xml_malformed, 3);
  test::check_error(wf, "<a>&#x;</a>", E::xml_malformed, 3);
  test::check_error(wf, "<a>&#X41;</a>", E::xml_malformed, 3);   // the x is lower case only
  test::check_error(wf, "<a>&#65</a>", E::xml_malformed, 3);
  test::check_error(wf, "<a>&#0;</a>", E::xml_bad_char_ref, 3);
  test::check_error(wf, "<a>&#x1F;</a>", E::xml_bad_char_ref, 3);
  test::check_error(wf, "<a>&#xD800;</a>", E::xml_bad_char_ref, 3);
  test::check_error(wf, "<a>&#xFFFE;</a>", E::xml_bad_char_ref, 3);
  test::check_error(wf, "<a>&#x110000;</a>", E::xml_bad_char_ref, 3);
  test::check_error(wf, "<a x='&#99999999999999999999;'/>", E::xml_bad_char_ref, 6);
  test::check_error(wf, "<a>&#x", E::xml_malformed, 3);
}

TEST_CASE("xml: UTF-8 and the Char production over the whole document") {
  using E = errc;
  test::check_error(wf, "<a>\xC3</a>", E::bad_utf8, 3);
  test::check_error(wf, "<a>\xC1\x81</a>", E::bad_utf8, 3);          // overlong 'A'
  test::check_error(wf, "<a>\xE0\x80\x81</a>", E::bad_utf8, 3);      // overlong
  test::check_error(wf, "<a>\xED\xA0\x80</a>", E::bad_utf8, 3);      // surrogate
  test::check_error(wf, "<a>\xF4\x90\x80\x80</a>", E::bad_utf8, 3);  // > U+10FFFF
  test::check_error(wf, "<a>\xFF</a>", E::bad_utf8, 3);
  test::check_error(wf, "<a>\xEF\xBF\xBE</a>", E::xml_malformed, 3);  // U+FFFE is no Char
  test::check_error(wf, "<a>\xEF\xBF\xBF</a>", E::xml_malformed, 3);
  test::check_error(wf, std::string_view("<a>\0</a>", 8), E::control_char, 3);
  test::check_error(wf, "<a>\x01</a>", E::control_char, 3);
  test::check_error(wf, "<a x='\x0B'/>", E::control_char, 6);
  test::check_error(wf, "<a x='\xC3('/>", E::bad_utf8, 6);
  test::check_error(wf, "<a><!-- \x0C --></a>", E::control_char, 8);
  test::check_error(wf, "<a><!-- \xF5\x80\x80\x80 --></a>", E::bad_utf8, 8);
  test::check_error(wf, "<a><?p \x1F?></a>", E::control_char, 7);
  test::check_error(wf, "<a><![CDATA[\x02]]></a>", E::control_char, 12);
  test::check_error(wf, "<a\xC3\x97/>", E::xml_malformed, 2);    // U+00D7 is not a NameChar
  test::check_error(wf, "<\xCC\x80/>", E::xml_malformed, 1);      // U+0300 is not a NameStartChar
  test::check_error(wf, "<a\xC3/>", E::bad_utf8, 2);
  test::check_error(wf, "\x80<a/>", E::xml_malformed, 0);         // outside the root
}

TEST_CASE("xml: namespaces") {
  using E = errc;
  test::check_error(wf, "<p:a/>", E::xml_unbound_prefix, 1);
  test::check_error(wf, "<a p:x='1'/>", E::xml_unbound_prefix, 3);
  test::check_error(wf, "<a><p:b xmlns:p='u'/><p:c/></a>", E::xml_unbound_prefix, 22);  // scope ended
  test::check_error(wf, "<a:b:c xmlns:a='u'/>", E::xml_malformed, 1);
  test::check_error(wf, "<:a/>", E::xml_malformed, 1);
  test::check_error(wf, "<a:/>", E::xml_malformed, 1);
  test::check_error(wf, "<a:1b xmlns:a='u'/>", E::xml_malformed, 3);
  test::check_error(wf, "<a x:='1'/>", E::xml_malformed, 3);
  test::check_error(wf, "<a xmlns:p=''/>", E::xml_malformed, 12);       // no undeclaring in NS 1.0
  test::check_error(wf, "<a xmlns:xml='urn:x'/>", E::xml_malformed, 3);
  test::check_error(wf, "<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>", E::xml_malformed, 12);
  test::check_error(wf, "<a xmlns='http://www.w3.org/XML/1998/namespace'/>", E::xml_malformed, 10);
  test::check_error(wf, "<a xmlns:xmlns='urn:x'/>", E::xml_malformed, 3);
  test::check_error(wf, "<a xmlns:p='http://www.w3.org/2000/xmlns/'/>", E::xml_malformed, 12);
  test::check_error(wf, "<a xmlns:p='u' xmlns:p='v'/>", E::xml_duplicate_attribute, 15);
  // Same expanded name through two prefixes (Namespaces in XML 1.0 §6.3), also when the two
  // namespace names are spelled differently but decode to the same string.
  test::check_error(wf, "<a p:b='1' q:b='2' xmlns:p='u' xmlns:q='u'/>", E::xml_duplicate_attribute, 11);
  test::check_error(wf, "<a p:b='1' q:b='2' xmlns:p='urn:x' xmlns:q='urn&#58;x'/>", E::xml_duplicate_attribute, 11);
  test::check_error(wf, "<a xml:lang='en' xml:lang='de'/>", E::xml_duplicate_attribute, 17);
}

TEST_CASE("xml: namespace resolution, scoping and known namespaces") {
  const std::string doc =
      "<r:root xmlns:r=\"urn:example:a\" xmlns=\"urn:example:b\">"
      "<child r:att=\"1\" att=\"2\"/>"
      "<r:x xmlns:r=\"urn:other\"><r:y/></r:x>"
      "<z xmlns=\"\"/>"
      "<q:w xmlns:q=\"urn:example&#58;a\"/>"
      "<q:W xmlns:q=\"URN:EXAMPLE:A\"/>"
      "</r:root>";
  const test::exact_buffer b(doc);
  recorder rec;
  const xml::limits lim = known_limits();
  REQUIRE(xml::parse(b.view(), rec, lim).code == errc::ok);
  REQUIRE(rec.starts.size() == 7);
  CHECK(rec.starts[0].ns == xml::ns_first_known + 0);
  CHECK(rec.starts[0].local == "root");
  CHECK(rec.starts[1].ns == xml::ns_first_known + 1);  // default namespace
  CHECK(rec.starts[2].ns == xml::ns_other);            // r rebound
  CHECK(rec.starts[3].ns == xml::ns_other);
  CHECK(rec.starts[4].ns == xml::ns_none);             // default undeclared
  CHECK(rec.starts[5].ns == xml::ns_first_known + 0);  // namespace name written with a char ref
  CHECK(rec.starts[6].ns == xml::ns_other);            // namespace names are case-sensitive
  CHECK(rec.starts[3].depth == 3);
}

TEST_CASE("xml: attributes: namespaces, offsets and normalisation (XML 1.0 §3.3.3)") {
  const std::string doc = "<a xmlns:p=\"urn:example:a\" p:k=\"v\" t=\"x\ty\r\nz\nw\" r=\"&#10;&#9;&lt;\" xml:lang='en'/>";
  const test::exact_buffer b(doc);
  recorder rec;
  const xml::limits lim = known_limits();
  REQUIRE(xml::parse(b.view(), rec, lim).code == errc::ok);
  REQUIRE(rec.attrs.size() == 5);
  CHECK(rec.attrs[0].is_namespace_decl);
  CHECK(rec.attrs[1].ns == xml::ns_first_known);
  CHECK(rec.attrs[1].local == "k");
  CHECK(rec.attrs[1].prefix == "p");
  CHECK(rec.attrs[1].offset == 27);
  CHECK(rec.attrs[1].value_offset == 32);
  CHECK_FALSE(rec.attrs[1].value.needs_decoding());
  CHECK(rec.attrs[1].value.raw == "v");
  CHECK(rec.attrs[2].ns == xml::ns_none);
  CHECK(rec.attrs[2].value.needs_decoding());
  CHECK_FALSE(rec.attrs[2].value.has_references());
  CHECK(decoded(rec.attrs[2].value) == "x y z w");   // TAB, CRLF, LF each become one SP
  CHECK(rec.attrs[3].value.has_references());
  CHECK(decoded(rec.attrs[3].value) == "\n\t<");      // character references stay literal
  CHECK(rec.attrs[3].value.decoded_size() == 3);
  CHECK(rec.attrs[4].ns == xml::ns_xml);
}

TEST_CASE("xml: element content as text_view (string-value, line ends, CDATA)") {
  const std::string doc = "<a>x &amp; y\r\nz\rw<!-- no --><?p no?><![CDATA[<c>\r\n]]><b k='>'>in</b>&#x20AC;</a>";
  const test::exact_buffer b(doc);
  recorder rec;
  REQUIRE(xml::parse(b.view(), rec).code == errc::ok);
  REQUIRE(rec.ends.size() == 2);
  const text_view& content = rec.ends[1].content;
  CHECK(content.raw == std::string_view(doc).substr(3, doc.size() - 3 - 4));
  CHECK(content.needs_decoding());
  CHECK(decoded(content) == "x & y\nz\nw<c>\nin\xE2\x82\xAC");
  CHECK(content.equals("x & y\nz\nw<c>\nin\xE2\x82\xAC"));
  CHECK_FALSE(content.equals("x & y\nz\nw<c>\nin"));
  CHECK(rec.ends[1].start_offset == 0);
  CHECK(rec.ends[1].offset == doc.size() - 4);
  CHECK(rec.ends[0].content.raw == "in");
  CHECK_FALSE(rec.ends[0].content.needs_decoding());
  // Character data reports: first non-whitespace of each run, references to whitespace excluded.
  recorder r2;
  const test::exact_buffer b2("<a> \r\n <b/> &#32;&#10; <c/>  x y <![CDATA[ ]]><![CDATA[z]]></a>");
  REQUIRE(xml::parse(b2.view(), r2).code == errc::ok);
  REQUIRE(r2.text.size() == 2);
  CHECK(r2.text[0] == 29);
  CHECK(r2.text[1] == 55);
}

TEST_CASE("xml: text_view decoding primitives") {
  CHECK(decoded(text_view{"plain", 0}) == "plain");
  CHECK(decoded(text_view{"a&lt;b&gt;c&quot;&apos;", text_view::has_refs}) == "a<b>c\"'");
  CHECK(decoded(text_view{"&#128512;&#x1F600;", text_view::has_refs}) == "\xF0\x9F\x98\x80\xF0\x9F\x98\x80");
  CHECK(decoded(text_view{"a\r\n\r\nb", text_view::has_line_ends}) == "a\n\nb");
  CHECK(decoded(text_view{"a\r\n\r\nb", text_view::has_line_ends | text_view::is_attribute}) == "a  b");
  CHECK(xml::decoded_equal(text_view{"ab", 0}, text_view{"&#97;b", text_view::has_refs}));
  CHECK_FALSE(xml::decoded_equal(text_view{"ab", 0}, text_view{"&#97;bc", text_view::has_refs}));
  CHECK(xml::decoded_equal(text_view{"&#97;&#98;", text_view::has_refs}, text_view{"a&#98;", text_view::has_refs}));
  // Unchecked input never reads outside `raw`.
  CHECK(decoded(text_view{"x&", text_view::has_refs}) == "x");
  CHECK(decoded(text_view{"x<!--", text_view::has_markup}) == "x");
  CHECK(decoded(text_view{"x<![CDATA[y", text_view::has_markup}) == "xy");
  CHECK(decoded(text_view{"x<b 'y", text_view::has_markup}) == "x");
}

TEST_CASE("xml: limits") {
  xml::limits lim;
  lim.max_size = 10;
  test::exact_buffer big("<a>12345678</a>");
  CHECK(xml::check_well_formed(big.view(), lim) == error{errc::limit_exceeded, 10});
  lim.max_size = 15;
  CHECK(xml::check_well_formed(big.view(), lim).code == errc::ok);

  lim = xml::limits{};
  lim.max_depth = 3;
  CHECK(xml::check_well_formed("<a><b><c/></b></a>", lim).code == errc::ok);
  CHECK(xml::check_well_formed("<a><b><c><d/></c></b></a>", lim) == error{errc::xml_depth_exceeded, 9});
  // The caller's depth is clamped to the fixed cap.
  lim.max_depth = 1000;
  std::string deep;
  for (std::size_t i = 0; i < xml::max_depth_cap; ++i) deep += "<a>";
  for (std::size_t i = 0; i < xml::max_depth_cap; ++i) deep += "</a>";
  CHECK(xml::check_well_formed(deep, lim).code == errc::ok);
  std::string deeper = "<a>" + deep + "</a>";
  CHECK(xml::check_well_formed(deeper, lim) == error{errc::xml_depth_exceeded, 3 * xml::max_depth_cap});

  // Attribute cap per start tag.
  std::string attrs = "<a";
  for (std::size_t i = 0; i < xml::max_attributes; ++i) attrs += " a" + std::to_string(i) + "='1'";
  CHECK(xml::check_well_formed(attrs + "/>").code == errc::ok);
  const std::size_t extra_at = attrs.size() + 1;
  CHECK(xml::check_well_formed(attrs + " z='1'/>") == error{errc::limit_exceeded, extra_at});

  // Namespace declarations in scope: two per element, the 65th is one too many.
  std::string ns;
  std::size_t at = 0;
  const std::size_t elements = xml::max_bindings / 2 + 1;
  for (std::size_t i = 0; i < elements; ++i) {
    if (2 * i == xml::max_bindings) at = ns.size() + 3;  // p64: the 65th declaration
    ns += "<a xmlns:p" + std::to_string(2 * i) + "='u' xmlns:p" + std::to_string(2 * i + 1) + "='u'>";
  }
  for (std::size_t i = 0; i < elements; ++i) ns += "</a>";
  lim.max_depth = xml::max_depth_cap;
  CHECK(xml::check_well_formed(ns, lim) == error{errc::limit_exceeded, at});
}

TEST_CASE("xml: a handler error stops the parse and is returned unchanged") {
  struct stopper : xml::null_handler {
    error start_element(const xml::element& e) {
      if (e.local == "stop") return {errc::invalid_argument, e.offset};
      return {};
    }
  };
  stopper h;
  CHECK(xml::parse("<a><b/><stop/><c</a>", h) == error{errc::invalid_argument, 7});
}

TEST_CASE("xml: long documents are read in one linear pass") {
  std::string doc = "<a>";
  for (int i = 0; i < 20000; ++i) doc += "<b x='1' y=\"&amp;\">t&lt;</b><!-- c --><![CDATA[d]]>\r\n";
  doc += "</a>";
  const test::exact_buffer b(doc);
  CHECK(xml::check_well_formed(b.view(), xml::limits{doc.size(), 16, nullptr, 0}).code == errc::ok);
}
