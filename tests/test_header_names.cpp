// SPDX-License-Identifier: MIT
/// @file test_header_names.cpp
/// Header name lookup: long and compact forms in any case, kinds, canonical spellings.
#include <sipref/header_names.hpp>

#include <string>

#include "support/test_support.hpp"

using namespace sipref;

// Lookup runs at compile time.
static_assert(lookup_header("r") == header_id::refer_to);
static_assert(lookup_header("REFER-TO") == header_id::refer_to);
static_assert(lookup_header("Norefer-Sub") == header_id::unknown);
static_assert(long_name(header_id::refer_sub) == "Refer-Sub");
static_assert(compact_form(header_id::refer_sub) == '\0');
static_assert(is_single_valued(header_id::refer_to) && is_list_header(header_id::require));
static_assert(canonical_name("k") == "Supported");

TEST_CASE("header_names: every known header round-trips through its long and compact names") {
  for (std::size_t i = 1; i < detail::header_id_count; ++i) {
    const auto id = static_cast<header_id>(i);
    const std::string name(long_name(id));
    INFO("header ", name);
    REQUIRE_FALSE(name.empty());
    CHECK(lookup_header(name) == id);
    std::string upper = name, lower = name;
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    CHECK(lookup_header(upper) == id);
    CHECK(lookup_header(lower) == id);
    CHECK(kind_of(id) != header_kind::unknown);
    if (compact_form(id) != '\0') {
      const char c = compact_form(id);
      CHECK(lookup_header(std::string(1, c)) == id);
      CHECK(lookup_header(std::string(1, static_cast<char>(c - 32))) == id);  // upper-case compact
      CHECK(canonical_name(std::string_view(&c, 1)) == long_name(id));
    }
    // A name one character too long or short never matches.
    CHECK(lookup_header(name + "x") != id);
    if (name.size() > 2) CHECK(lookup_header(name.substr(0, name.size() - 1)) != id);  // "T" is To's compact form
  }
}

TEST_CASE("header_names: only the registered compact forms exist (RFC 3261 §7.3.3, DIGEST §14 pitfall 6)") {
  const std::string compact = "abcdefijklmorstuvxy";
  for (char c = 'a'; c <= 'z'; ++c) {
    const header_id id = lookup_header(std::string(1, c));
    INFO("compact ", c);
    CHECK((id != header_id::unknown) == (compact.find(c) != std::string::npos));
  }
  CHECK(lookup_header("r") == header_id::refer_to);
  CHECK(lookup_header("k") == header_id::supported);
  CHECK(lookup_header("c") == header_id::content_type);
  CHECK(lookup_header("l") == header_id::content_length);
  CHECK(lookup_header("o") == header_id::event);
  CHECK(lookup_header("f") == header_id::from);
  CHECK(lookup_header("t") == header_id::to);
  CHECK(lookup_header("i") == header_id::call_id);
  CHECK(lookup_header("v") == header_id::via);
  CHECK(lookup_header("m") == header_id::contact);
  CHECK(lookup_header("b") == header_id::referred_by);
  CHECK(lookup_header("s") == header_id::subject);
  CHECK(lookup_header("e") == header_id::content_encoding);
  CHECK(lookup_header("u") == header_id::allow_events);
  CHECK(lookup_header("a") == header_id::accept_contact);
  CHECK(lookup_header("x") == header_id::session_expires);
  CHECK(lookup_header("j") == header_id::reject_contact);
  for (header_id none : {header_id::refer_sub, header_id::require, header_id::content_id, header_id::privacy,
                         header_id::content_disposition, header_id::subscription_state})
    CHECK(compact_form(none) == '\0');
}

TEST_CASE("header_names: single-valued and list headers (RFC 3261 §7.3.1, DIGEST §14 pitfall 16)") {
  for (header_id id : {header_id::refer_to, header_id::refer_sub, header_id::event, header_id::subscription_state,
                       header_id::content_length, header_id::content_type, header_id::call_id, header_id::cseq,
                       header_id::from, header_id::to, header_id::max_forwards, header_id::content_id,
                       header_id::content_disposition, header_id::privacy, header_id::contribution_id})
    CHECK(is_single_valued(id));
  for (header_id id :
       {header_id::via, header_id::route, header_id::record_route, header_id::require, header_id::proxy_require,
        header_id::supported, header_id::unsupported, header_id::allow, header_id::contact, header_id::allow_events,
        header_id::p_asserted_identity, header_id::accept_contact, header_id::p_access_network_info})
    CHECK(is_list_header(id));
  CHECK(kind_of(header_id::www_authenticate) == header_kind::multi_row);
  CHECK(kind_of(header_id::unknown) == header_kind::unknown);
  CHECK_FALSE(is_single_valued(header_id::unknown));
  CHECK(info(static_cast<header_id>(250)).name.empty());
}

TEST_CASE("header_names: unknown and malformed names") {
  CHECK(lookup_header("") == header_id::unknown);
  CHECK(lookup_header("X-Foo") == header_id::unknown);
  CHECK(lookup_header("C%6Fntact") == header_id::unknown);  // RFC 4475 esc02: % is literal
  CHECK(lookup_header("Refer-To\x01") == header_id::unknown);
  CHECK(lookup_header("Refer_To") == header_id::unknown);
  CHECK(canonical_name("X-Foo") == "X-Foo");
  CHECK(canonical_name("cOnTaCt") == "Contact");
  CHECK(names("MaX-fOrWaRdS", header_id::max_forwards));
  // Exact-size buffers: the lookup never reads past the name.
  for (const char* n : {"R", "Via", "Refer-Sub", "P-Access-Network-Info", "WWW-Authenticate"}) {
    const test::exact_buffer b(n);
    CHECK(lookup_header(b.view()) != header_id::unknown);
  }
}

TEST_CASE("header_names: lookup folds the case of letters only, at run time as at compile time") {
  // The run-time path compares 8 bytes at a time; these pin it to the byte-wise rules.
  const char* const same[] = {"REFER-TO", "refer-to", "rEfEr-tO", "P-PREFERRED-IDENTITY", "p-preferred-identity",
                              "content-length", "CONTENT-DISPOSITION", "max-FORWARDS", "cseq", "VIA"};
  for (const char* n : same) {
    INFO(n);
    CHECK(lookup_header(std::string(n)) != header_id::unknown);
  }
  const char* const other[] = {"Refer_To", "Refer\rTo", "Refer\x0dTo", "Refer-T\x0f", "Refer-To ", "Refer-T",
                               "Content-Lengtj", "P-Preferred-Identitx", "P-Preferred-Identit\x19", "Max-Forward\x13"};
  for (const char* n : other) {
    INFO(n);
    CHECK(lookup_header(std::string(n)) == header_id::unknown);
  }
  CHECK(lookup_header(std::string("Max-Forwards")) == header_id::max_forwards);
  CHECK(lookup_header(std::string("P-Preferred-Identity")) == header_id::p_preferred_identity);
  static_assert(lookup_header("rEfEr-tO") == header_id::refer_to);
  static_assert(lookup_header("Refer_To") == header_id::unknown);
}
