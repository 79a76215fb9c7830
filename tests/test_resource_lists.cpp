// SPDX-License-Identifier: MIT
/// @file test_resource_lists.cpp
/// Unit tests of resource_lists.hpp: the RFC 4826/5364 composer, the reader on every RFC
/// example body, every reader error (code + offset), round trips, limits and linear time.
#include <sipref/resource_lists.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <sipref/compose.hpp>

#include "support/test_support.hpp"

using namespace sipref;

namespace {

struct sink {
  std::string out;
  void put(char c) { out.push_back(c); }
  void put(std::string_view v) { out.append(v.data(), v.size()); }
};

std::string decoded(const xml::text_view& t) {
  sink s;
  t.decode(s);
  return s.out;
}

// Everything the reader reports, decoded, for comparisons.
struct item {
  list_item_kind kind;
  std::size_t offset, depth;
  std::string uri, display_name, lang;
  bool has_display_name;
  copy_control copy;
  bool has_copy;
  bool anonymize;
  std::uint64_t count;
};

result<std::vector<item>> read_all(std::string_view doc, const resource_lists_options& opt = {}) {
  std::vector<item> items;
  auto r = for_each_resource_list_item(
      doc,
      [&](const resource_list_item& it) {
        items.push_back({it.kind, it.offset, it.list_depth, decoded(it.uri), decoded(it.display_name), decoded(it.lang),
                         it.has_display_name, it.copy, it.has_copy_control, it.anonymize, it.count});
      },
      opt);
  if (!r) return r.error();
  return items;
}

result<resource_lists_summary> check(std::string_view doc) { return validate_resource_lists(doc); }

std::vector<item> entries_of(const std::vector<item>& all) {
  std::vector<item> out;
  for (const item& i : all)
    if (i.kind == list_item_kind::entry) out.push_back(i);
  return out;
}

std::string composed(const resource_lists_body& body) {
  std::string out;
  const error e = append_to(out, body);
  REQUIRE(to_string(e.code) == "ok");
  return out;
}

void check_compose_error(const resource_lists_body& body, errc code, std::size_t offset, std::size_t index) {
  std::string out = "keep";
  const error e = append_to(out, body);
  CHECK(to_string(e.code) == to_string(code));
  CHECK(e.offset == offset);
  CHECK(out == "keep");  // append_to leaves the string as it was
  const auto f = body.validate();
  CHECK(f.err == e);
  CHECK(f.index == index);
  CHECK(composed_size(body).error() == e);
}

constexpr std::string_view kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">\r\n";
constexpr std::string_view kHeadCp =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" "
    "xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\r\n";

constexpr std::string_view kRl = "xmlns=\"urn:ietf:params:xml:ns:resource-lists\"";
constexpr std::string_view kCp = "xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\"";

std::string doc_with(std::string_view list_content, std::string_view extra_ns = {}) {
  std::string d = "<resource-lists ";
  d += kRl;
  if (!extra_ns.empty()) {
    d += ' ';
    d += extra_ns;
  }
  d += "><list>";
  d += list_content;
  d += "</list></resource-lists>";
  return d;
}

// The XML body of a SIP message file: from "<?xml" to the end of "</resource-lists>".
std::string xml_body_of(const std::string& msg) {
  const std::size_t b = msg.find("<?xml");
  const std::size_t e = msg.find("</resource-lists>");
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  return msg.substr(b, e + 17 - b);
}

// constexpr proofs.
constexpr resource_list_entry kConstEntries[] = {{"sip:a@example.com"}, {"sip:b@example.com", {}, {}, copy_control::to}};
static_assert(composed_size(resource_lists_body(kConstEntries)).value() ==
              kHeadCp.size() + 10 + 38 + 58 + 11 + 19);
static_assert(validate_resource_lists(
                  "<resource-lists xmlns='urn:ietf:params:xml:ns:resource-lists'><list>"
                  "<entry uri='sip:a@b'/><entry uri='sip:c@d'/></list></resource-lists>")
                  .value()
                  .entries == 2);
static_assert(validate_resource_lists("<resource-lists/>").code() == errc::xml_not_resource_lists);

}  // namespace

// =========================================================================================
// Composer
// =========================================================================================

TEST_CASE("resource-lists compose: a plain flat list (RFC 4826 §3, RFC 5368 §6)") {
  const resource_list_entry e[] = {{"sip:bill@example.com"}, {"sip:joe@example.org"}};
  const std::string expected = std::string(kHead) +
                               "  <list>\r\n"
                               "    <entry uri=\"sip:bill@example.com\"/>\r\n"
                               "    <entry uri=\"sip:joe@example.org\"/>\r\n"
                               "  </list>\r\n"
                               "</resource-lists>\r\n";
  CHECK(composed(resource_lists_body(e)) == expected);
  CHECK(resource_lists_body::media_type == "application/resource-lists+xml");
  // The three forms agree.
  CHECK(composed_size(resource_lists_body(e)).value() == expected.size());
  std::vector<char> buf(expected.size());
  const compose_result cr = compose_to(buf.data(), buf.data() + buf.size(), resource_lists_body(e));
  CHECK(cr.ec.code == errc::ok);
  CHECK(std::string(buf.data(), static_cast<std::size_t>(cr.ptr - buf.data())) == expected);
  const compose_result small = compose_to(buf.data(), buf.data() + 10, resource_lists_body(e));
  CHECK(small.ec.code == errc::buffer_too_small);
  // From a container, with a list name.
  const std::vector<resource_list_entry> v(std::begin(e), std::end(e));
  const std::string named = composed(resource_lists_body(v, "a&b\t\"c\""));
  CHECK(named.find("  <list name=\"a&amp;b&#9;&quot;c&quot;\">\r\n") != std::string::npos);
  // An empty list is a valid document.
  CHECK(composed(resource_lists_body()) == std::string(kHead) + "  <list>\r\n  </list>\r\n</resource-lists>\r\n");
}

TEST_CASE("resource-lists compose: copy-control attributes (RFC 5364 §4) declare the cp namespace") {
  resource_list_entry e[4] = {};
  e[0].uri = "sip:bill@example.com";
  e[0].copy = copy_control::to;
  e[1].uri = "sip:randy@example.net";
  e[1].copy = copy_control::cc;
  e[1].anonymize = true;
  e[2].uri = "sip:anonymous@anonymous.invalid";
  e[2].copy = copy_control::bcc;
  e[2].anonymize = false;
  e[2].count = 18446744073709551615u;
  e[3].uri = "sip:ted@example.net";  // unset: nothing written, which means bcc
  const std::string expected = std::string(kHeadCp) +
                               "  <list>\r\n"
                               "    <entry uri=\"sip:bill@example.com\" cp:copyControl=\"to\"/>\r\n"
                               "    <entry uri=\"sip:randy@example.net\" cp:copyControl=\"cc\" cp:anonymize=\"true\"/>\r\n"
                               "    <entry uri=\"sip:anonymous@anonymous.invalid\" cp:copyControl=\"bcc\" "
                               "cp:anonymize=\"false\" cp:count=\"18446744073709551615\"/>\r\n"
                               "    <entry uri=\"sip:ted@example.net\"/>\r\n"
                               "  </list>\r\n"
                               "</resource-lists>\r\n";
  CHECK(composed(resource_lists_body(e)) == expected);
  resource_list_entry only_count[1] = {};
  only_count[0].uri = "sip:a@b";
  only_count[0].count = 0;
  CHECK(composed(resource_lists_body(only_count)).find(std::string(kCp)) != std::string::npos);
  CHECK(composed(resource_lists_body(only_count)).find("cp:count=\"0\"") != std::string::npos);
}

TEST_CASE("resource-lists compose: display names, escaping and xml:lang") {
  resource_list_entry e[2] = {};
  e[0].uri = "sip:joe@example.org?Subject=a%20b&Priority=urgent";
  e[0].display_name = "Jo & \"Co\" <x> 'y' \xE2\x82\xAC\tz";
  e[0].lang = "en-GB";
  e[1].uri = "tel:+1-201-555-0123";
  e[1].display_name = "\xC3\x89milie";
  const std::string out = composed(resource_lists_body(e));
  CHECK(out.find("    <entry uri=\"sip:joe@example.org?Subject=a%20b&amp;Priority=urgent\">\r\n"
                 "      <display-name xml:lang=\"en-GB\">Jo &amp; \"Co\" &lt;x&gt; 'y' \xE2\x82\xAC\tz</display-name>\r\n"
                 "    </entry>\r\n") != std::string::npos);
  CHECK(out.find("    <entry uri=\"tel:+1-201-555-0123\">\r\n      <display-name>\xC3\x89milie</display-name>\r\n") !=
        std::string::npos);
}

TEST_CASE("resource-lists compose: method is a ;method= URI parameter, never ?method= (PROCEDURE C13)") {
  auto with_method = [](std::string_view uri, std::string_view method) {
    resource_list_entry e[1] = {};
    e[0].uri = uri;
    e[0].method = method;
    const std::string out = composed(resource_lists_body(e));
    const std::size_t b = out.find("uri=\"") + 5;
    return out.substr(b, out.find('"', b) - b);
  };
  CHECK(with_method("sip:bill@example.com", "BYE") == "sip:bill@example.com;method=BYE");
  CHECK(with_method("sips:bill@example.com;transport=tls", "BYE") == "sips:bill@example.com;transport=tls;method=BYE");
  CHECK(with_method("sip:bill@example.com?Subject=x&Priority=y", "BYE") ==
        "sip:bill@example.com;method=BYE?Subject=x&amp;Priority=y");
  // '?' is legal in the user part: the parameter still goes before the headers.
  CHECK(with_method("sip:a?b@example.com?h=1", "BYE") == "sip:a?b@example.com;method=BYE?h=1");
  CHECK(with_method("SIP:bill@example.com", "X-Ext.1") == "SIP:bill@example.com;method=X-Ext.1");
}

TEST_CASE("resource-lists compose: default_method and default_copy fill what entries leave unset") {
  resource_list_entry e[4] = {};
  e[0].uri = "sip:a@example.com";
  e[1].uri = "sip:b@example.com";
  e[1].method = "INVITE";         // its own method wins
  e[1].copy = copy_control::cc;   // its own copyControl wins
  e[2].uri = "sip:c@example.com;method=CANCEL";  // the URI's own method: default not applied
  e[3].uri = "sip:d@example.com?method=BYE";     // RFC 5368 §9 spelling: default not applied either
  resource_lists_body body{list_ref<resource_list_entry>(e)};
  body.default_method = "BYE";
  body.default_copy = copy_control::to;
  const std::string out = composed(body);
  CHECK(out.find(std::string(kCp)) != std::string::npos);
  CHECK(out.find("<entry uri=\"sip:a@example.com;method=BYE\" cp:copyControl=\"to\"/>") != std::string::npos);
  CHECK(out.find("<entry uri=\"sip:b@example.com;method=INVITE\" cp:copyControl=\"cc\"/>") != std::string::npos);
  CHECK(out.find("<entry uri=\"sip:c@example.com;method=CANCEL\" cp:copyControl=\"to\"/>") != std::string::npos);
  CHECK(out.find("<entry uri=\"sip:d@example.com?method=BYE\" cp:copyControl=\"to\"/>") != std::string::npos);
  // An invalid default method is reported on the first entry it applies to.
  body.default_method = "B Y E";
  check_compose_error(body, errc::bad_method, 1, 0);
  body.default_method = {};
  body.default_copy = static_cast<copy_control>(9);
  check_compose_error(body, errc::invalid_argument, 0, std::string_view::npos);
  // A list without storage.
  check_compose_error(resource_lists_body(static_cast<const resource_list_entry*>(nullptr), 2), errc::invalid_argument, 0,
                      std::string_view::npos);
  // An initializer list (lives for the full-expression).
  CHECK(composed(resource_lists_body({resource_list_entry{"sip:x@y"}})).find("<entry uri=\"sip:x@y\"/>") != std::string::npos);
}

TEST_CASE("resource-lists compose: invalid fields are errors with the field offset") {
  auto one = [](resource_list_entry e) { return std::vector<resource_list_entry>{e}; };
  resource_list_entry e;
  // uri
  e = {};
  check_compose_error(resource_lists_body(one(e)), errc::empty_value, 0, 0);
  e.uri = "bill@example.com";
  check_compose_error(resource_lists_body(one(e)), errc::bad_scheme, 0, 0);  // "bill" is no scheme
  e.uri = "1sip:a@b";
  check_compose_error(resource_lists_body(one(e)), errc::bad_scheme, 0, 0);
  e.uri = "sip:";
  check_compose_error(resource_lists_body(one(e)), errc::bad_host, 4, 0);
  e.uri = "sip:a@b\r\nX: y";
  check_compose_error(resource_lists_body(one(e)), errc::trailing_garbage, 7, 0);
  e.uri = "sip:a b@c";
  check_compose_error(resource_lists_body(one(e)), errc::trailing_garbage, 5, 0);
  e.uri = std::string_view("sip:a\0@b", 8);
  check_compose_error(resource_lists_body(one(e)), errc::trailing_garbage, 5, 0);
  e.uri = "sip:a@b\"><entry uri=\"sip:evil@x";
  check_compose_error(resource_lists_body(one(e)), errc::trailing_garbage, 7, 0);
  e.uri = "sip:a%4@b";
  check_compose_error(resource_lists_body(one(e)), errc::bad_escape, 5, 0);
  e.uri = "sip:a@b%";
  check_compose_error(resource_lists_body(one(e)), errc::trailing_garbage, 7, 0);  // no escapes in a host
  e.uri = "sip:j\xC3\xB6rg@b";
  check_compose_error(resource_lists_body(one(e)), errc::trailing_garbage, 5, 0);
  // method
  e = {};
  e.uri = "sip:a@b";
  e.method = "B YE";
  check_compose_error(resource_lists_body(one(e)), errc::bad_method, 1, 0);
  e.method = "BY%45";
  check_compose_error(resource_lists_body(one(e)), errc::bad_method, 2, 0);
  e.method = "BYE\r\n";
  check_compose_error(resource_lists_body(one(e)), errc::bad_method, 3, 0);
  // A token, but '`' is no paramchar: written raw it made an invalid URI (fuzz_compose_headers,
  // compose_headers/crash-default-method-backquote). Also through default_method.
  e.method = "s`-Rut";
  check_compose_error(resource_lists_body(one(e)), errc::bad_method, 1, 0);
  e.method = {};
  const auto plain = one(e);
  resource_lists_body with_default(plain);
  with_default.default_method = "s`-Rut";
  check_compose_error(with_default, errc::bad_method, 1, 0);
  e.uri = "tel:+12015550123";
  e.method = "BYE";
  check_compose_error(resource_lists_body(one(e)), errc::bad_scheme, 0, 0);
  e.uri = "sip:a@b;method=INVITE";
  check_compose_error(resource_lists_body(one(e)), errc::duplicate_param, 8, 0);
  e.uri = "sip:a@b;lr;METHOD";
  check_compose_error(resource_lists_body(one(e)), errc::bad_param, 11, 0);  // method-param needs "=" Method
  e.uri = "sip:a@b?method=BYE";  // the RFC 5368 §9 spelling
  check_compose_error(resource_lists_body(one(e)), errc::duplicate_param, 8, 0);
  e.uri = "sip:a@b?x=1&method=BYE";
  check_compose_error(resource_lists_body(one(e)), errc::duplicate_param, 12, 0);
  e.uri = "sip:a@b;methods=x";  // another parameter: fine
  CHECK(composed(resource_lists_body(one(e))).find("sip:a@b;methods=x;method=BYE") != std::string::npos);
  // display name
  e = {};
  e.uri = "sip:a@b";
  e.display_name = "Bob\r\nX";
  check_compose_error(resource_lists_body(one(e)), errc::control_char, 3, 0);
  e.display_name = "Bob\n";
  check_compose_error(resource_lists_body(one(e)), errc::control_char, 3, 0);
  e.display_name = "B\xC3(b";
  check_compose_error(resource_lists_body(one(e)), errc::bad_utf8, 1, 0);
  e.display_name = "Bo\xC2\x85";  // NEL, a C1 control
  check_compose_error(resource_lists_body(one(e)), errc::control_char, 2, 0);
  e.display_name = "Bob\x7F";
  check_compose_error(resource_lists_body(one(e)), errc::control_char, 3, 0);
  e.display_name = "Bob \xEF\xBF\xBF";  // U+FFFF is not an XML Char
  check_compose_error(resource_lists_body(one(e)), errc::invalid_argument, 4, 0);
  // lang
  e.display_name = "Bob";
  e.lang = "en_GB";
  check_compose_error(resource_lists_body(one(e)), errc::invalid_argument, 2, 0);
  e.lang = "abcdefghi";
  check_compose_error(resource_lists_body(one(e)), errc::invalid_argument, 8, 0);
  e.lang = "en-";
  check_compose_error(resource_lists_body(one(e)), errc::invalid_argument, 3, 0);
  e.lang = "1en";
  check_compose_error(resource_lists_body(one(e)), errc::invalid_argument, 0, 0);
  e.lang = "en\"";
  check_compose_error(resource_lists_body(one(e)), errc::invalid_argument, 2, 0);
  e.display_name = {};
  e.lang = "en";
  check_compose_error(resource_lists_body(one(e)), errc::invalid_argument, 0, 0);
  // copy_control out of range
  e = {};
  e.uri = "sip:a@b";
  e.copy = static_cast<copy_control>(7);
  check_compose_error(resource_lists_body(one(e)), errc::invalid_argument, 0, 0);
  // The index of the failing entry; the list name reports npos.
  std::vector<resource_list_entry> many(5);
  for (auto& m : many) m.uri = "sip:ok@example.com";
  many[3].uri = "sip:bad@exa mple.com";
  check_compose_error(resource_lists_body(many), errc::trailing_garbage, 11, 3);
  many[3].uri = "sip:ok@example.com";
  check_compose_error(resource_lists_body(many, "x\ny"), errc::control_char, 1, std::string_view::npos);
}

// =========================================================================================
// Reader: RFC example bodies
// =========================================================================================

TEST_CASE("resource-lists read: RFC 4826 §3.3 example (joined)") {
  const std::string doc = test::read_data("rfc4826/rfc4826-3.3-example.joined.xml");
  const auto r = read_all(doc);
  REQUIRE(r);
  const std::vector<item>& it = *r;
  REQUIRE(it.size() == 7);
  CHECK(it[0].kind == list_item_kind::list);
  CHECK(it[0].depth == 1);
  CHECK(it[1].kind == list_item_kind::entry);
  CHECK(it[1].uri == "sip:bill@example.com");
  CHECK(it[1].display_name == "Bill Doe");
  CHECK(it[1].copy == copy_control::bcc);  // absent means bcc (RFC 5364 §4)
  CHECK_FALSE(it[1].has_copy);
  CHECK(it[1].offset == doc.find("<entry uri=\"sip:bill"));
  CHECK(it[2].kind == list_item_kind::entry_ref);
  CHECK(it[2].uri ==
        "resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list%5b@name=%22list1%22%5d/entry%5b@uri=%22sip:petri@example.com%22%5d");
  CHECK(it[3].kind == list_item_kind::list);
  CHECK(it[3].depth == 2);
  CHECK(it[4].uri == "sip:joe@example.com");
  CHECK(it[4].display_name == "Joe Smith");
  CHECK(it[4].depth == 2);
  CHECK(it[5].uri == "sip:nancy@example.com");
  CHECK(it[6].kind == list_item_kind::external);
  CHECK(it[6].display_name == "Marketing");
  CHECK(it[6].uri == "http://xcap.example.org/resource-lists/users/sip:a@example.org/index/~~/resource-lists/list%5b@name=%22mkting%22%5d");

  const auto s = check(doc);
  REQUIRE(s);
  CHECK(s->lists == 2);
  CHECK(s->nested_lists == 1);
  CHECK(s->entries == 3);
  CHECK(s->entry_refs == 1);
  CHECK(s->externals == 1);
  CHECK_FALSE(s->is_flat());  // PROCEDURE S5 material: reported, not rejected
  CHECK(s->first_nested_list == doc.find("<list name=\"close-friends\""));
  CHECK(s->first_entry_ref == doc.find("<entry-ref"));
  CHECK(s->first_external == doc.find("<external"));
  CHECK_FALSE(s->uses_copy_control);

  // The list names.
  std::vector<std::string> names;
  REQUIRE(for_each_resource_list_item(doc, [&](const resource_list_item& i) {
    if (i.kind == list_item_kind::list && i.has_name) names.push_back(decoded(i.name));
  }));
  CHECK(names == std::vector<std::string>{"friends", "close-friends"});
}

TEST_CASE("resource-lists read: RFC 4826 §3.3 as printed: line ends in attribute values are normalised") {
  const std::string doc = test::read_data("rfc4826/rfc4826-3.3-example.as-printed.xml");
  resource_list_item storage[8];
  const auto r = parse_resource_lists(doc, storage);
  REQUIRE(r);
  CHECK(r->size == 3);
  std::vector<std::string> refs;
  REQUIRE(for_each_resource_list_item(doc, [&](const resource_list_item& i) {
    if (i.kind == list_item_kind::entry_ref || i.kind == list_item_kind::external) {
      CHECK(i.uri.needs_decoding());
      CHECK_FALSE(i.uri.has_references());
      CHECK(i.uri.raw.find("\r\n") != std::string_view::npos);
      refs.push_back(decoded(i.uri));
    }
  }));
  REQUIRE(refs.size() == 2);
  // XML 1.0 §2.11 + §3.3.3: CR LF -> LF -> one SP; the indentation spaces stay.
  CHECK(refs[0] ==
        "resource-lists/users/sip:bill@example.com/index/~~/    resource-lists/list%5b@name=%22list1%22%5d/"
        "entry%5b@uri=%22sip:pet    ri@example.com%22%5d");
  CHECK(refs[1] ==
        "http://xcap.example.org/resource-lists/users/     sip:a@example.org/index/~~/resource-lists/"
        "list%5b@name=%22mkti     ng%22%5d");
}

TEST_CASE("resource-lists read: RFC 5364 §6 figures 3 and 4") {
  {
    const std::string doc = test::read_data("rfc5364/rfc5364-6-fig3-recipient-list.xml");
    const auto r = read_all(doc);
    REQUIRE(r);
    const std::vector<item> e = entries_of(*r);
    REQUIRE(e.size() == 7);
    const char* uris[] = {"sip:bill@example.com", "sip:randy@example.net", "sip:eddy@example.com", "sip:joe@example.org",
                          "sip:carol@example.net", "sip:ted@example.net", "sip:andy@example.com"};
    const copy_control cc[] = {copy_control::to, copy_control::to, copy_control::to, copy_control::cc,
                               copy_control::cc, copy_control::bcc, copy_control::bcc};
    const bool anon[] = {false, true, true, false, true, false, false};
    for (std::size_t i = 0; i < 7; ++i) {
      CHECK(e[i].uri == uris[i]);
      CHECK(e[i].copy == cc[i]);
      CHECK(e[i].has_copy);
      CHECK(e[i].anonymize == anon[i]);
      CHECK(e[i].count == 1);
    }
    CHECK(check(doc)->uses_copy_control);
    CHECK(check(doc)->is_flat());
  }
  {
    const std::string doc = test::read_data("rfc5364/rfc5364-6-fig4-recipient-list-history.xml");
    const auto r = read_all(doc);
    REQUIRE(r);
    const std::vector<item> e = entries_of(*r);
    REQUIRE(e.size() == 4);
    CHECK(e[1].uri == "sip:anonymous@anonymous.invalid");
    CHECK(e[1].count == 2);
    CHECK(e[1].copy == copy_control::to);
    CHECK(e[3].count == 1);
    CHECK(e[3].copy == copy_control::cc);
  }
}

TEST_CASE("resource-lists read: RFC 5368 §6 figure 1 and the §9 figure 3 body (?method=BYE, unused xsi)") {
  {
    const std::string doc = test::read_data("rfc5368/rfc5368-6-fig1-uri-list.xml");
    resource_list_item storage[3];
    const auto r = parse_resource_lists(doc, storage);
    REQUIRE(r);
    REQUIRE(r->size == 3);
    CHECK((*r)[0].uri.raw == "sip:bill@example.com");
    CHECK((*r)[0].copy == copy_control::to);
    CHECK((*r)[1].copy == copy_control::cc);
    CHECK((*r)[2].copy == copy_control::bcc);
    CHECK((*r)[2].has_copy_control);
    CHECK((*r)[2].uri_offset == doc.find("sip:ted"));
  }
  {
    const std::string doc = xml_body_of(test::read_data("rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip"));
    CHECK(doc.size() == 362);  // the message's Content-Length
    resource_list_item storage[3];
    const auto r = parse_resource_lists(doc, storage);
    REQUIRE(r);
    REQUIRE(r->size == 3);
    CHECK((*r)[0].uri.raw == "sip:bill@example.com?method=BYE");
    CHECK((*r)[1].uri.raw == "sip:joe@example.org?method=BYE");
    CHECK((*r)[2].uri.raw == "sip:ted@example.net?method=BYE");
    CHECK_FALSE((*r)[2].uri.needs_decoding());
  }
}

TEST_CASE("resource-lists read: RFC 5366 figure 3 misspells the copycontrol namespace (DIGEST §15)") {
  const std::string doc = xml_body_of(test::read_data("rfc5366/rfc5366-6-fig3-F1-INVITE-recipient-list.sip"));
  REQUIRE(doc.find("urn:ietf:params:xml:ns:copyControl") != std::string::npos);
  const auto r = read_all(doc);
  REQUIRE(r);
  const std::vector<item> e = entries_of(*r);
  REQUIRE_FALSE(e.empty());
  // cp: is bound to a foreign namespace, so its attributes are not RFC 5364's: all bcc.
  for (const item& i : e) {
    CHECK_FALSE(i.has_copy);
    CHECK(i.copy == copy_control::bcc);
  }
  CHECK_FALSE(check(doc)->uses_copy_control);
}

// =========================================================================================
// Reader: namespaces, decoding, structure
// =========================================================================================

TEST_CASE("resource-lists read: any prefix bound to the RFC 4826 namespace works") {
  const std::string doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
      "<rl:resource-lists xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\" xmlns:c=\"urn:ietf:params:xml:ns:copycontrol\">"
      "<rl:list><rl:entry uri=\"sip:a@example.com\" c:copyControl=\"cc\"><rl:display-name xml:lang=\"fr\">A</rl:display-name></rl:entry>"
      "<x:entry xmlns:x=\"urn:ietf:params:xml:ns:resource-lists\" uri=\"sip:b@example.com\"/>"
      "<entry xmlns=\"urn:ietf:params:xml:ns:resource-lists\" uri=\"sip:c@example.com\"/>"
      "</rl:list></rl:resource-lists>";
  const auto r = read_all(doc);
  REQUIRE(r);
  const std::vector<item> e = entries_of(*r);
  REQUIRE(e.size() == 3);
  CHECK(e[0].copy == copy_control::cc);
  CHECK(e[0].display_name == "A");
  CHECK(e[0].lang == "fr");
  CHECK(e[1].uri == "sip:b@example.com");
  CHECK(e[2].uri == "sip:c@example.com");
}

TEST_CASE("resource-lists read: references, CDATA, comments and PIs are decoded") {
  const std::string doc = doc_with(
      "<entry uri=\"sip:a@example.com?x=1&amp;y=2\"><display-name>A &amp; B<!-- c --> <![CDATA[<C>]]>&#x20AC;<?p q?></display-name></entry>"
      "<entry uri='sip:&#98;@example.com'/>");
  resource_list_item storage[2];
  const auto r = parse_resource_lists(doc, storage);
  REQUIRE(r);
  REQUIRE(r->size == 2);
  const resource_list_item& a = (*r)[0];
  CHECK(a.uri.has_references());
  CHECK(a.uri.raw == "sip:a@example.com?x=1&amp;y=2");
  CHECK(decoded(a.uri) == "sip:a@example.com?x=1&y=2");
  CHECK(a.uri.decoded_size() == 25);
  CHECK(a.uri.equals("sip:a@example.com?x=1&y=2"));
  CHECK(decoded(a.display_name) == "A & B <C>\xE2\x82\xAC");
  CHECK(a.display_name_offset == doc.find("<display-name>"));
  CHECK(decoded((*r)[1].uri) == "sip:b@example.com");
}

TEST_CASE("resource-lists read: duplicate URIs are all reported (collapsing is PROCEDURE S6's job)") {
  // RFC 4826 §3.1 uniqueness is a case-sensitive string rule; RFC 5368 §7 / RFC 5363 §4
  // want SIP URI equality. The reader reports every entry; the checker decides.
  const std::string doc = doc_with(
      "<entry uri='sip:bob@example.com'/><entry uri='sip:bob@example.com'/><entry uri='sip:BOB@EXAMPLE.COM'/>"
      "<entry uri='sip:bob@example.com;transport=udp'/>");
  resource_list_item s[4];
  const auto r = parse_resource_lists(doc, s);
  REQUIRE(r);
  CHECK(r->size == 4);
  CHECK(s[0].uri.raw == s[1].uri.raw);
  CHECK(s[1].offset < s[2].offset);
}

TEST_CASE("resource-lists read: foreign elements are skipped with their subtree") {
  const std::string doc =
      "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" xmlns:f=\"urn:example:foreign\">"
      "<list f:attr=\"x\"><f:meta><entry uri=\"sip:hidden@example.com\"/>text<f:deep/></f:meta>"
      "<entry uri=\"sip:a@example.com\"><f:note>hi<entry/></f:note></entry>"
      "<other xmlns=\"urn:example:foreign2\"><list/></other>"
      "</list><f:x/></resource-lists>";
  const auto r = read_all(doc);
  REQUIRE(r);
  const std::vector<item> e = entries_of(*r);
  REQUIRE(e.size() == 1);
  CHECK(e[0].uri == "sip:a@example.com");
  CHECK(check(doc)->foreign_elements == 4);
}

TEST_CASE("resource-lists read: parse_resource_lists storage, callback errors, options") {
  const std::string doc = doc_with("<entry uri='sip:1@x'/><entry uri='sip:2@x'/><entry uri='sip:3@x'/>");
  resource_list_item two[2];
  const auto r = parse_resource_lists(doc, two);
  CHECK(r.error() == error{errc::limit_exceeded, doc.find("<entry uri='sip:3")});
  resource_list_item three[3];
  const auto ok = parse_resource_lists(doc, three);
  REQUIRE(ok);
  std::vector<std::string> uris;
  for (const resource_list_item& i : *ok) uris.push_back(std::string(i.uri.raw));
  CHECK(uris == std::vector<std::string>{"sip:1@x", "sip:2@x", "sip:3@x"});
  // A callback error stops the parse and is returned.
  const auto stopped = for_each_resource_list_item(doc, [](const resource_list_item& i) -> error {
    if (i.kind == list_item_kind::entry && i.uri.raw == "sip:2@x") return {errc::invalid_argument, i.offset};
    return {};
  });
  CHECK(stopped.error() == error{errc::invalid_argument, doc.find("<entry uri='sip:2")});
  // max_entries counts entry, entry-ref and external.
  resource_lists_options opt;
  opt.max_entries = 2;
  test::check_error([&](std::string_view d) { return validate_resource_lists(d, opt); }, doc, errc::limit_exceeded,
                    doc.find("<entry uri='sip:3"));
  const std::string mixed = doc_with("<entry uri='sip:1@x'/><external/><entry-ref ref='a'/>");
  test::check_error([&](std::string_view d) { return validate_resource_lists(d, opt); }, mixed, errc::limit_exceeded,
                    mixed.find("<entry-ref"));
  opt.max_entries = 3;
  CHECK(validate_resource_lists(mixed, opt));
  // allow_unqualified_copy_control
  const std::string unq = doc_with("<entry uri='sip:1@x' copyControl='to' anonymize='1' count='3'/>");
  opt.allow_unqualified_copy_control = true;
  resource_list_item one[1];
  const auto lenient = parse_resource_lists(unq, one, 1, opt);
  REQUIRE(lenient);
  CHECK(one[0].copy == copy_control::to);
  CHECK(one[0].anonymize);
  CHECK(one[0].count == 3);
}

TEST_CASE("resource-lists read: xs:boolean and xs:nonNegativeInteger lexical forms (RFC 5364 §5)") {
  const std::string doc = doc_with(
      "<entry uri='sip:1@x' cp:anonymize=' true ' cp:count=' +007 '/>"
      "<entry uri='sip:2@x' cp:anonymize='0' cp:count='-0'/>"
      "<entry uri='sip:3@x' cp:anonymize='&#49;' cp:count='18446744073709551615'/>",
      kCp);
  resource_list_item s[3];
  const auto r = parse_resource_lists(doc, s);
  REQUIRE(r);
  CHECK(s[0].anonymize);
  CHECK(s[0].has_anonymize);
  CHECK(s[0].count == 7);
  CHECK_FALSE(s[1].anonymize);
  CHECK(s[1].count == 0);
  CHECK(s[2].anonymize);
  CHECK(s[2].count == 18446744073709551615u);
}

// =========================================================================================
// Reader: errors (code + offset)
// =========================================================================================

TEST_CASE("resource-lists read: errors (PEERS (c)24 shapes and RFC 4826 structure)") {
  using E = errc;
  struct row {
    std::string doc;
    errc code;
    std::string marker;  // the error offset is where this first occurs (empty: offset 0)
    std::size_t delta;   // ... plus this
  };
  const std::string rl = std::string(kRl);
  const std::vector<row> rows = {
      // Not a resource-lists document.
      {"<resource-list " + rl + "/>", E::xml_not_resource_lists, "", 0},
      {"<resource-lists/>", E::xml_not_resource_lists, "", 0},
      {"<resource-lists xmlns=\"urn:ietf:params:xml:ns:Resource-Lists\"/>", E::xml_not_resource_lists, "", 0},
      {"<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists \"/>", E::xml_not_resource_lists, "", 0},
      {"<?xml version='1.0'?><x:resource-lists xmlns:x='urn:other'/>", E::xml_not_resource_lists, "<x:", 0},
      {"<resource-lists " + rl + "><entry uri='sip:a@b'/></resource-lists>", E::xml_not_resource_lists, "<entry", 0},
      {"<resource-lists " + rl + "><display-name/></resource-lists>", E::xml_not_resource_lists, "<display-name", 0},
      {doc_with("<bogus/>"), E::xml_not_resource_lists, "<bogus", 0},
      {doc_with("<entry uri='sip:a@b'><entry uri='sip:c@d'/></entry>"), E::xml_not_resource_lists, "<entry uri='sip:c", 0},
      {doc_with("<entry uri='sip:a@b'><list/></entry>"), E::xml_not_resource_lists, "<list/>", 0},
      {doc_with("<entry uri='sip:a@b'><display-name>x</display-name><display-name>y</display-name></entry>"),
       E::xml_not_resource_lists, "<display-name>y", 0},
      {doc_with("<entry uri='sip:a@b'><display-name>x<b/></display-name></entry>"), E::xml_not_resource_lists, "<b/>", 0},
      {doc_with("<entry uri='sip:a@b'><display-name>x<f:b xmlns:f='u'/></display-name></entry>"), E::xml_not_resource_lists,
       "<f:b", 0},
      {doc_with("  text <entry uri='sip:a@b'/>"), E::xml_not_resource_lists, "text", 0},
      {doc_with("<entry uri='sip:a@b'> &amp; </entry>"), E::xml_not_resource_lists, "&amp;", 0},
      {doc_with("<entry uri='sip:a@b'><![CDATA[x]]></entry>"), E::xml_not_resource_lists, "x]]>", 0},
      {"<resource-lists " + rl + ">x</resource-lists>", E::xml_not_resource_lists, ">x", 1},
      {doc_with("<entry-ref/>"), E::xml_not_resource_lists, "<entry-ref", 0},
      // <entry> without uri; a qualified or misspelt uri is not the uri attribute.
      {doc_with("<entry/>"), E::xml_missing_uri, "<entry", 0},
      {doc_with("<entry URI='sip:a@b'/>"), E::xml_missing_uri, "<entry", 0},
      {doc_with("<x:entry xmlns:x='urn:ietf:params:xml:ns:resource-lists' x:uri='sip:a@b'/>"), E::xml_missing_uri, "<x:entry", 0},
      // Copy control (RFC 5364 §4-5, pitfall 35).
      {doc_with("<entry uri='sip:a@b' cp:copyControl='BCC'/>", kCp), E::xml_bad_copy_control, "BCC", 0},
      {doc_with("<entry uri='sip:a@b' cp:copyControl='to '/>", kCp), E::xml_bad_copy_control, "to '", 0},
      {doc_with("<entry uri='sip:a@b' cp:copyControl=''/>", kCp), E::xml_bad_copy_control, "''", 1},
      {doc_with("<entry uri='sip:a@b' copyControl='to'/>"), E::xml_bad_copy_control, "copyControl", 0},
      {doc_with("<entry uri='sip:a@b' anonymize='true'/>"), E::xml_bad_copy_control, "anonymize", 0},
      {doc_with("<entry uri='sip:a@b' cp:copyControl='to'/>"), E::xml_unbound_prefix, "cp:", 0},  // missing cp namespace
      {doc_with("<entry uri='sip:a@b' cp:anonymize='yes'/>", kCp), E::xml_bad_copy_control, "yes", 0},
      {doc_with("<entry uri='sip:a@b' cp:anonymize='t rue'/>", kCp), E::xml_bad_copy_control, "t rue", 0},
      {doc_with("<entry uri='sip:a@b' cp:count='-1'/>", kCp), E::xml_bad_copy_control, "-1", 0},
      {doc_with("<entry uri='sip:a@b' cp:count='1 2'/>", kCp), E::xml_bad_copy_control, "1 2", 0},
      {doc_with("<entry uri='sip:a@b' cp:count='+'/>", kCp), E::xml_bad_copy_control, "+'", 0},
      {doc_with("<entry uri='sip:a@b' cp:count='0x1'/>", kCp), E::xml_bad_copy_control, "0x1", 0},
      {doc_with("<entry uri='sip:a@b' cp:count='18446744073709551616'/>", kCp), E::number_overflow, "18446", 0},
      {doc_with("<external anchor='http://x' cp:copyControl='x'/>", kCp), E::xml_bad_copy_control, "'x'", 1},
      // Well-formedness shapes that broke other stacks.
      {doc_with("<entry uri=sip:a@b/>"), E::xml_malformed, "sip:a@b/>", 0},
      {doc_with("<entry uri='sip:a@b?x=1&y=2'/>"), E::xml_malformed, "&y", 0},
      {doc_with("<entry uri='sip:a@b?x=1&y;=2'/>"), E::xml_bad_entity, "&y", 0},
      {doc_with("<entry uri='sip:a@b' uri='sip:c@d'/>"), E::xml_duplicate_attribute, "uri='sip:c", 0},
      {doc_with("<entry uri='sip:a@b'></entry></list>"), E::xml_mismatched_tag, "</list></resource-lists>", 0},
      {doc_with("<entry uri='sip:a@\xC3\x28'/>"), E::bad_utf8, "\xC3", 0},
      {"<?xml version='1.0' encoding='ISO-8859-1'?>" + doc_with(""), E::xml_bad_encoding, "ISO", 0},
      {"<!DOCTYPE resource-lists [<!ENTITY a 'b'>]>" + doc_with(""), E::xml_doctype, "", 0},
  };
  for (const row& r : rows) {
    const std::size_t at = r.marker.empty() ? 0 : r.doc.find(r.marker);
    REQUIRE(at != std::string::npos);
    test::check_error(check, r.doc, r.code, at + r.delta);
  }
}

TEST_CASE("resource-lists read: size and depth limits") {
  const std::string doc = doc_with("<entry uri='sip:a@b'/>");
  resource_lists_options opt;
  opt.max_size = doc.size() - 1;
  test::check_error([&](std::string_view d) { return validate_resource_lists(d, opt); }, doc, errc::limit_exceeded,
                    doc.size() - 1);
  opt.max_size = doc.size();
  CHECK(validate_resource_lists(doc, opt));
  // resource-lists(1) list(2) list(3) list(4) entry(5)
  const std::string deep = doc_with("<list><list><entry uri='sip:a@b'/></list></list>");
  opt = resource_lists_options{};
  opt.max_depth = 5;
  CHECK(validate_resource_lists(deep, opt).code() == errc::ok);
  opt.max_depth = 4;
  test::check_error([&](std::string_view d) { return validate_resource_lists(d, opt); }, deep, errc::xml_depth_exceeded,
                    deep.find("<entry"));
}

// =========================================================================================
// Round trips, size and speed
// =========================================================================================

TEST_CASE("resource-lists round trip: compose -> read gives the same entries") {
  std::vector<resource_list_entry> in(6);
  in[0].uri = "sip:bill@example.com";
  in[1].uri = "sip:joe@example.org?Subject=a%20b&Priority=urgent";
  in[1].display_name = "Jo & \"Co\" <x> 'y' \xE2\x82\xAC\tz";
  in[1].lang = "en";
  in[1].copy = copy_control::cc;
  in[2].uri = "sips:ted@example.net;transport=tls";
  in[2].method = "BYE";
  in[2].copy = copy_control::to;
  in[2].anonymize = true;
  in[3].uri = "sip:anonymous@anonymous.invalid";
  in[3].count = 12;
  in[3].anonymize = false;
  in[4].uri = "tel:+1-201-555-0123";
  in[4].display_name = "  spaced  ";
  in[5].uri = "sip:x@[2001:db8::1]:5061;lr";
  in[5].copy = copy_control::bcc;
  const std::string body = composed(resource_lists_body(in));
  std::vector<resource_list_item> out(in.size());
  const auto r = parse_resource_lists(body, out.data(), out.size());
  REQUIRE(r);
  REQUIRE(r->size == in.size());
  CHECK(r->summary.is_flat());
  CHECK(r->summary.uses_copy_control);
  for (std::size_t i = 0; i < in.size(); ++i) {
    const resource_list_item& o = out[i];
    std::string expected_uri(in[i].uri);
    if (!in[i].method.empty()) expected_uri += ";method=" + std::string(in[i].method);
    CHECK(decoded(o.uri) == expected_uri);
    CHECK(o.has_display_name == !in[i].display_name.empty());
    CHECK(decoded(o.display_name) == in[i].display_name);
    CHECK(decoded(o.lang) == in[i].lang);
    CHECK(o.has_copy_control == in[i].copy.has_value());
    CHECK(o.copy == in[i].copy.value_or(copy_control::bcc));
    CHECK(o.has_anonymize == in[i].anonymize.has_value());
    CHECK(o.anonymize == in[i].anonymize.value_or(false));
    CHECK(o.has_count == in[i].count.has_value());
    CHECK(o.count == in[i].count.value_or(1));
  }
  // read -> compose is a fixed point on our own output.
  std::vector<std::string> keep;
  keep.reserve(in.size() * 3);
  std::vector<resource_list_entry> again(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    keep.push_back(decoded(out[i].uri));
    again[i].uri = keep.back();
    if (out[i].has_display_name) {
      keep.push_back(decoded(out[i].display_name));
      again[i].display_name = keep.back();
    }
    if (out[i].has_lang) {
      keep.push_back(decoded(out[i].lang));
      again[i].lang = keep.back();
    }
    if (out[i].has_copy_control) again[i].copy = out[i].copy;
    if (out[i].has_anonymize) again[i].anonymize = out[i].anonymize;
    if (out[i].has_count) again[i].count = out[i].count;
  }
  CHECK(composed(resource_lists_body(again)) == body);
}

namespace {
std::string big_list(std::size_t n) {
  std::vector<std::string> uris(n);
  std::vector<resource_list_entry> e(n);
  for (std::size_t i = 0; i < n; ++i) {
    uris[i] = "sip:user" + std::to_string(i) + "@example.com";
    e[i].uri = uris[i];
    e[i].copy = copy_control::to;
  }
  return composed(resource_lists_body(e));
}

double seconds_to_validate(const std::string& doc, const resource_lists_options& opt) {
  double best = 1e9;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = validate_resource_lists(doc, opt);
    const auto t1 = std::chrono::steady_clock::now();
    REQUIRE(r);
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  return best;
}
}  // namespace

TEST_CASE("resource-lists read: 10,000 entries and a 1 MB document, in linear time") {
  const std::string ten_k = big_list(10000);
  std::vector<resource_list_item> storage(10000);
  const auto r = parse_resource_lists(ten_k, storage.data(), storage.size());
  REQUIRE(r);
  CHECK(r->size == 10000);
  CHECK(storage[9999].uri.raw == "sip:user9999@example.com");
  // The default limit is exactly 10,000 entries.
  const std::string more = big_list(10001);
  CHECK(validate_resource_lists(more).code() == errc::limit_exceeded);

  // A 1 MB document: entries with display names and comments.
  std::string mb = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<resource-lists " + std::string(kRl) + "><list>\r\n";
  std::size_t n = 0;
  while (mb.size() < (std::size_t{1} << 20) - 200) {
    mb += "<entry uri=\"sip:u" + std::to_string(n++) + "@example.com\"><display-name>Name &amp; caf\xC3\xA9</display-name>"
          "<!-- note --></entry>\r\n";
  }
  mb += "</list></resource-lists>\r\n";
  REQUIRE(mb.size() <= (std::size_t{1} << 20));
  const test::exact_buffer mbuf(mb);
  resource_lists_options opt;
  opt.max_entries = n;
  const auto s = validate_resource_lists(mbuf.view(), opt);
  REQUIRE(s);
  CHECK(s->entries == n);

  // Linear time: 10x the entries may not cost 30x the time (quadratic would be ~100x).
  const std::string hundred_k = big_list(100000);
  opt.max_entries = 100000;
  opt.max_size = hundred_k.size();
  const double t10 = seconds_to_validate(ten_k, opt);
  const double t100 = seconds_to_validate(hundred_k, opt);
  INFO("10k: ", t10, " s, 100k: ", t100, " s");
  CHECK(t100 < 30 * t10 + 0.01);
}
