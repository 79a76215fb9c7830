// SPDX-License-Identifier: MIT
/// @file resource_lists.hpp
/// `application/resource-lists+xml` bodies (RFC 4826) with the RFC 5364 copy-control
/// attributes: a composer for the flat list a multiple-REFER carries (RFC 5368 §6–7,
/// PROCEDURE.md C5/C13) and a one-pass, allocation-free reader built on `detail/xml.hpp`.
///
/// Wire decisions (PROCEDURE.md §4):
/// - The composer writes UTF-8, CRLF line ends (every line, the last one included: the body
///   travels in SIP, whose text is CRLF framed; XML itself normalises line ends), an XML
///   declaration, `<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">` and one
///   flat `<list>`. `xmlns:cp="urn:ietf:params:xml:ns:copycontrol"` is declared only when an
///   entry carries a copy-control attribute, which is always written prefixed (RFC 5364 §4:
///   they are global attributes of a foreign namespace). An unset copyControl is not written
///   (absent means `bcc`, RFC 5364 §4).
/// - Escaping (XML 1.0 §2.4, §3.3.3): attribute values escape `&` `<` `>` `"` and write TAB as
///   `&#9;` (a raw TAB would be normalised to SP by the reader); text content escapes `&` `<`
///   `>`. CR, LF and every other control character are rejected, never escaped: no
///   caller-supplied value may contain a line end (PROCEDURE.md §4).
/// - A per-entry `method` is written as the RFC 3261 URI parameter `;method=BYE` (§19.1.1,
///   `method-param`), inserted before any `?headers`; `?method=` is never emitted (DIGEST §0
///   item 4, PROCEDURE.md C13).
///
/// The reader accepts only well-formed, namespace-well-formed XML 1.0 in UTF-8 (see
/// `detail/xml.hpp` for the exact list), resolves namespace prefixes (any prefix bound to the
/// RFC 4826 namespace works, the default namespace too; namespace names compare exactly, so
/// a wrong-case name is a foreign namespace), and interprets the RFC 4826 structure:
/// `<resource-lists>` root, `<list>` (nested or not), `<entry>`, `<entry-ref>`, `<external>`,
/// `<display-name>`, the RFC 5364 attributes. Elements of other namespaces are skipped with
/// their subtree (RFC 4826 §6 extension points). `entry-ref`, `external` and nested lists are
/// reported, not rejected — RFC 5368 §7 only says SHOULD NOT, so a checker decides
/// (PROCEDURE.md S5).
#ifndef SIPREF_RESOURCE_LISTS_HPP
#define SIPREF_RESOURCE_LISTS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "compose.hpp"
#include "config.hpp"
#include "detail/xml.hpp"
#include "error.hpp"
#include "grammar.hpp"
#include "uri.hpp"

SIPREF_BEGIN_NAMESPACE

/// The RFC 4826 namespace name (§3.1).
inline constexpr std::string_view resource_lists_namespace = "urn:ietf:params:xml:ns:resource-lists";
/// The RFC 5364 namespace name (§9.2), all lower case.
inline constexpr std::string_view copycontrol_namespace = "urn:ietf:params:xml:ns:copycontrol";
/// The media type of a resource-lists body (RFC 4826 §3.4.2).
inline constexpr std::string_view resource_lists_media_type = "application/resource-lists+xml";

/// The RFC 5364 §4 `copyControl` attribute. An entry without one is `bcc`.
enum class copy_control : std::uint8_t {
  bcc = 0,  ///< blind copy: routed to, not shown in the history list (the default)
  to = 1,   ///< primary recipient
  cc = 2,   ///< carbon copy
};

/// The attribute value of @p c: `"to"`, `"cc"` or `"bcc"`.
[[nodiscard]] constexpr std::string_view to_string(copy_control c) noexcept {
  switch (c) {
    case copy_control::to:
      return "to";
    case copy_control::cc:
      return "cc";
    case copy_control::bcc:
      return "bcc";
  }
  return "bcc";
}

// ==========================================================================================
// Composing
// ==========================================================================================

/// One `<entry>` to compose (RFC 4826 §3.1, RFC 5364 §4). Plain views: the caller keeps the
/// strings alive while composing.
struct resource_list_entry {
  /// The target URI, already percent-escaped (RFC 3261 §19.1.2); the composer adds only XML
  /// escaping. Checked conservatively: `scheme ":" 1*uric` where uric is an RFC 3986
  /// unreserved/reserved character or a `%HH` escape (no SP, no control, no non-ASCII).
  std::string_view uri{};
  /// Human-readable name (UTF-8); empty means no `<display-name>`.
  std::string_view display_name{};
  /// `xml:lang` of the display name (`xs:language`, e.g. `en`, `de-CH`); empty means none.
  std::string_view lang{};
  /// `cp:copyControl`; not written when unset (which means `bcc`).
  std::optional<copy_control> copy{};
  /// `cp:anonymize`; not written when unset (which means `false`).
  std::optional<bool> anonymize{};
  /// `cp:count` (RFC 5364 §4, mostly for recipient-list-history bodies); not written when unset.
  std::optional<std::uint64_t> count{};
  /// Method the REFER-Recipient is to use for this target (e.g. `BYE`, PROCEDURE.md C13);
  /// written as the URI parameter `;method=BYE`. Empty means none (INVITE is the default,
  /// RFC 3261 §19.1.1 Table 1). Needs a `sip`/`sips` URI.
  std::string_view method{};
};

namespace detail {

/// Display names and list names: UTF-8 text without any control character other than TAB
/// (C0, DEL, C1) and without the non-characters U+FFFE/U+FFFF, which are not XML `Char`s.
constexpr error check_xml_text(std::string_view s) noexcept {
  if (const error e = grammar::validate_quotable(s)) return e;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xC2 && b1 >= 0x80 && b1 <= 0x9F) return {errc::control_char, i};  // C1 controls
    if (b0 == 0xEF && b1 == 0xBF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 2]) >= 0xBE)
      return {errc::invalid_argument, i};
  }
  return {};
}

/// `xs:language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*` (BCP 47 shape).
constexpr error check_language(std::string_view s) noexcept {
  std::size_t i = 0, run = 0;
  bool first = true;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '-') {
      if (run == 0) return {errc::invalid_argument, i};
      run = 0;
      first = false;
      continue;
    }
    if (!(grammar::is(c, grammar::alpha) || (!first && grammar::is(c, grammar::digit))) || ++run > 8)
      return {errc::invalid_argument, i};
  }
  if (run == 0) return {errc::invalid_argument, i};
  return {};
}

/// Bytes `write_xml_escaped` may have to replace: `&`, `<`, `>`, `"` and HTAB.
struct xml_escape_table {
  bool v[256] = {};
  constexpr xml_escape_table() noexcept {
    v[static_cast<unsigned char>('&')] = v[static_cast<unsigned char>('<')] = v[static_cast<unsigned char>('>')] = true;
    v[static_cast<unsigned char>('"')] = v[static_cast<unsigned char>('\t')] = true;
  }
  constexpr bool operator[](unsigned char c) const noexcept { return v[c]; }
};
inline constexpr xml_escape_table xml_escape_candidate{};

/// Writes @p s with XML escaping; @p attr selects the attribute-value rules.
template <class Writer>
constexpr void write_xml_escaped(Writer& w, std::string_view s, bool attr) {
  // Fast path: most values (every plain SIP URI) need no escaping at all.
  std::size_t first = 0;
  while (first < s.size() && !xml_escape_candidate[static_cast<unsigned char>(s[first])]) ++first;
  if (first == s.size()) {
    w.put(s);
    return;
  }
  std::size_t run = 0;
  for (std::size_t i = first; i < s.size(); ++i) {
    std::string_view rep{};
    switch (s[i]) {
      case '&':
        rep = "&amp;";
        break;
      case '<':
        rep = "&lt;";
        break;
      case '>':
        rep = "&gt;";
        break;
      case '"':
        if (attr) rep = "&quot;";
        break;
      case '\t':
        if (attr) rep = "&#9;";
        break;
      default:
        break;
    }
    if (rep.empty()) continue;
    w.put(s.substr(run, i - run));
    w.put(rep);
    run = i + 1;
  }
  w.put(s.substr(run));
}

/// A writer adapter that XML-escapes, for attribute values, everything put through it, so a
/// composer written for SIP text (e.g. `uri_ref`) can write straight into an attribute.
template <class Writer>
struct xml_attribute_writer {
  Writer& out;
  constexpr void put(char c) { write_xml_escaped(out, std::string_view(&c, 1), true); }
  constexpr void put(std::string_view s) { write_xml_escaped(out, s, true); }
};

struct resource_lists_writer;
}  // namespace detail

/// A complete `application/resource-lists+xml` body holding one flat list (RFC 4826 §3,
/// RFC 5364, RFC 5368 §6–7): what a multiple-REFER carries (PROCEDURE.md C5, C13).
/// Composable with `composed_size`, `compose_to`, `append_to`, `to_string` (compose.hpp);
/// appending into a string with enough capacity does not allocate.
///
/// @par Schema (RFC 4826 §3.2, RFC 5364 §5)
/// `resource-lists` = sequence of `list`; `entry` has a required `uri` (`xs:anyURI`) and an
/// optional `display-name` with optional `xml:lang`; copycontrol adds the global attributes
/// `copyControl` (to | cc | bcc), `anonymize` (`xs:boolean`), `count` (`xs:nonNegativeInteger`).
///
/// @par Example
/// @code
/// const sipref::resource_list_entry e[] = {{"sip:bill@example.com"}, {"sip:joe@example.org"}};
/// std::string body;
/// auto err = sipref::append_to(body, sipref::resource_lists_body(e));
/// @endcode
/// gives (CRLF line ends)
/// @code
/// <?xml version="1.0" encoding="UTF-8"?>
/// <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
///   <list>
///     <entry uri="sip:bill@example.com"/>
///     <entry uri="sip:joe@example.org"/>
///   </list>
/// </resource-lists>
/// @endcode
///
/// Errors (offset inside the offending field; `validate()` also says which entry):
/// `empty_value` and every `parse_uri` error (uri), `duplicate_param` (method given but the
/// uri already has a `method` parameter or header), `bad_method` (method not a token, or
/// contains `%` or `` ` ``), `bad_scheme` at 0 (method on a non-SIP URI), `control_char` / `bad_utf8` / `invalid_argument` (display name, list name),
/// `invalid_argument` (lang not an `xs:language`, or lang without display name, or a
/// copy_control value outside the enum, or `entries == nullptr` with a non-zero count).
/// The composer does not check that URIs are unique (RFC 4826 §3.1 compares them as
/// strings; the caller de-duplicates with SIP URI equality, PROCEDURE.md S6).
struct resource_lists_body {
  /// The Content-Type this body needs.
  static constexpr std::string_view media_type = resource_lists_media_type;

  const resource_list_entry* entries = nullptr;  ///< the entries, in order
  std::size_t entry_count = 0;
  std::string_view list_name{};  ///< optional `name` attribute of the `<list>`; empty: none
  /// Method for entries whose own `method` is empty (e.g. `BYE` for a remove REFER,
  /// PROCEDURE.md C13). Not applied to an entry whose URI already has a `method` parameter
  /// or header: that one is the caller's choice. Empty: none.
  std::string_view default_method{};
  /// copyControl for entries whose own `copy` is unset (e.g. `to` in the rcs profile).
  std::optional<copy_control> default_copy{};

  constexpr resource_lists_body() = default;
  constexpr resource_lists_body(list_ref<resource_list_entry> list, std::string_view name = {}) noexcept  // NOLINT
      : entries(list.begin()), entry_count(list.size()), list_name(name) {}
  constexpr resource_lists_body(const resource_list_entry* first SIPREF_LIFETIMEBOUND, std::size_t n,
                                std::string_view name = {}) noexcept
      : entries(first), entry_count(n), list_name(name) {}
  template <std::size_t N>
  constexpr resource_lists_body(const resource_list_entry (&a)[N] SIPREF_LIFETIMEBOUND,  // NOLINT
                                std::string_view name = {}) noexcept
      : entries(a), entry_count(N), list_name(name) {}
  /// From any contiguous container of entries (`std::vector`, `std::array`, ...).
  template <class C, class = decltype(std::declval<const C&>().data() + std::declval<const C&>().size())>
  constexpr explicit resource_lists_body(const C& c SIPREF_LIFETIMEBOUND, std::string_view name = {}) noexcept
      : entries(c.data()), entry_count(c.size()), list_name(name) {}

  /// Which field failed validation: `index` is the entry, or `npos` for `list_name`.
  struct invalid_field {
    error err{};
    std::size_t index = 0;
  };

  /// Checks every field; `{{ok,0},0}` when the body can be composed.
  [[nodiscard]] constexpr invalid_field validate() const noexcept {
    if (const invalid_field f = validate_list(); f.err) return f;
    for (std::size_t i = 0; i < entry_count; ++i)
      if (const error e = check_entry(entries[i], method_of(entries[i]), uris_checked_)) return {e, i};
    return {};
  }

  /// Writes the document (see the type's documentation). Checks what `validate()` checks, in
  /// the same order, each entry just before it is written.
  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const invalid_field f = validate_list(); f.err) return f.err;
    write_head(w);
    for (std::size_t i = 0; i < entry_count; ++i) {
      const resource_list_entry& e = entries[i];
      const std::string_view method = method_of(e);
      bool plain = false;
      if (const error err = check_entry(e, method, uris_checked_, &plain)) return err;
      write_entry(w, e, method, e.copy ? e.copy : default_copy, plain);
    }
    w.put(std::string_view("  </list>\r\n</resource-lists>\r\n"));
    return {};
  }

 private:
  friend struct detail::resource_lists_writer;

  /// The checks of `validate()` before the entries'.
  [[nodiscard]] constexpr invalid_field validate_list() const noexcept {
    if (entries == nullptr && entry_count != 0) return {{errc::invalid_argument, 0}, std::string_view::npos};
    if (!list_name.empty()) {
      if (const error e = detail::check_xml_text(list_name)) return {e, std::string_view::npos};
    }
    if (default_copy && !is_copy_control(*default_copy)) return {{errc::invalid_argument, 0}, std::string_view::npos};
    return {};
  }

  /// Writes the document of a body that `validate()` accepted.
  template <class Writer>
  constexpr void write_document(Writer& w) const {
    write_head(w);
    for (std::size_t i = 0; i < entry_count; ++i) write_entry(w, entries[i], method_of(entries[i]), entries[i].copy ? entries[i].copy : default_copy);
    w.put(std::string_view("  </list>\r\n</resource-lists>\r\n"));
  }

  /// Writes what comes before the entries (the declaration, the root and `<list>`).
  template <class Writer>
  constexpr void write_head(Writer& w) const {
    bool cp = default_copy.has_value() && entry_count != 0;
    for (std::size_t i = 0; i < entry_count && !cp; ++i)
      cp = entries[i].copy.has_value() || entries[i].anonymize.has_value() || entries[i].count.has_value();
    w.put(std::string_view("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                           "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\""));
    if (cp) w.put(std::string_view(" xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\""));
    w.put(std::string_view(">\r\n  <list"));
    if (!list_name.empty()) {
      w.put(std::string_view(" name=\""));
      detail::write_xml_escaped(w, list_name, true);
      w.put('"');
    }
    w.put(std::string_view(">\r\n"));
  }

  bool uris_checked_ = false;  ///< set by `detail::resource_lists_writer::with_checked_uris`

  static constexpr bool is_copy_control(copy_control c) noexcept {
    return c == copy_control::to || c == copy_control::cc || c == copy_control::bcc;
  }

  /// The method written for @p e: its own, else `default_method` unless its URI has one.
  [[nodiscard]] constexpr std::string_view method_of(const resource_list_entry& e) const noexcept {
    if (!e.method.empty()) return e.method;
    if (default_method.empty()) return {};
    // That shape has neither a `method` parameter nor headers.
    if (sipref::detail::quick_valid_sip_uri(e.uri)) return default_method;
    auto u = parse_uri(e.uri);
    return u && !u->method(true).empty() ? std::string_view{} : default_method;
  }

  /// The entry's URI with the method to write (validated by `uri_ref`'s composer).
  static constexpr uri_ref target_of(const resource_list_entry& e, std::string_view method) noexcept {
    return method.empty() ? uri_ref(e.uri) : uri_ref(e.uri).with_method(method);
  }

  /// Checks @p e; @p plain (when not null) is set when its URI is known to be written as it
  /// is (a plain SIP URI without `&`).
  [[gnu::always_inline]] static constexpr error check_entry(const resource_list_entry& e, std::string_view method,
                                                            bool uri_checked, bool* plain = nullptr) noexcept {
    if (e.uri.empty()) return {errc::empty_value, 0};
    size_counter probe;
    // The common case first: a plain SIP URI written as is (what uri_ref's composer checks).
    bool uri_ok = method.empty() && uri_checked;
    if (method.empty() && !uri_checked) {
      sipref::detail::quick_sip_parts parts;
      uri_ok = sipref::detail::quick_sip_uri_params(e.uri, &parts) != std::string_view::npos;
      if (plain != nullptr) *plain = uri_ok && !parts.ampersand;
    }
    if (!uri_ok)
      if (const error u = target_of(e, method).compose(probe)) return u;
    if (!e.display_name.empty()) {
      if (const error d = detail::check_xml_text(e.display_name)) return d;
    }
    if (!e.lang.empty()) {
      if (e.display_name.empty()) return {errc::invalid_argument, 0};
      if (const error l = detail::check_language(e.lang)) return l;
    }
    if (e.copy && !is_copy_control(*e.copy)) return {errc::invalid_argument, 0};
    return {};
  }

  /// Writes @p e, checked by `check_entry` (@p plain as it set it, or false).
  template <class Writer>
  [[gnu::always_inline]] static constexpr void write_entry(Writer& w, const resource_list_entry& e,
                                                           std::string_view method, std::optional<copy_control> copy,
                                                           bool plain = false) {
    w.put(std::string_view("    <entry uri=\""));
    if (plain) {
      w.put(e.uri);
    } else if (method.empty()) {
      // Validated by check_entry with the default `uri_options`: of the bytes XML escapes, a
      // valid URI can then hold only '&' (in user, parameters or headers), so most are
      // written as they are.
      if (e.uri.find('&') == std::string_view::npos)
        w.put(e.uri);
      else
        detail::write_xml_escaped(w, e.uri, true);
    } else {
      detail::xml_attribute_writer<Writer> attr{w};
      (void)target_of(e, method).compose(attr);  // validated by check_entry
    }
    // The closing quote and the whole attribute in one piece (validated by validate()), with
    // the end of the entry too when nothing else follows. Spelled out per value rather than
    // looked up in a table: a literal's size is known at compile time, so its copy folds to
    // fixed moves (a table costs ~20 instructions more per entry).
    const bool last = !e.anonymize && !e.count && e.display_name.empty();
    if (copy) {
      switch (*copy) {
        case copy_control::to:
          if (last) {
            w.put(std::string_view("\" cp:copyControl=\"to\"/>\r\n"));
            return;
          }
          w.put(std::string_view("\" cp:copyControl=\"to\""));
          break;
        case copy_control::cc:
          if (last) {
            w.put(std::string_view("\" cp:copyControl=\"cc\"/>\r\n"));
            return;
          }
          w.put(std::string_view("\" cp:copyControl=\"cc\""));
          break;
        case copy_control::bcc:
          if (last) {
            w.put(std::string_view("\" cp:copyControl=\"bcc\"/>\r\n"));
            return;
          }
          w.put(std::string_view("\" cp:copyControl=\"bcc\""));
          break;
      }
    } else {
      w.put('"');
    }
    if (e.anonymize) w.put(*e.anonymize ? std::string_view(" cp:anonymize=\"true\"") : std::string_view(" cp:anonymize=\"false\""));
    if (e.count) {
      w.put(std::string_view(" cp:count=\""));
      grammar::write_decimal(w, *e.count);
      w.put('"');
    }
    if (e.display_name.empty()) {
      w.put(std::string_view("/>\r\n"));
      return;
    }
    w.put(std::string_view(">\r\n      <display-name"));
    if (!e.lang.empty()) {
      w.put(std::string_view(" xml:lang=\""));
      w.put(e.lang);  // xs:language: letters, digits, '-' only
      w.put('"');
    }
    w.put('>');
    detail::write_xml_escaped(w, e.display_name, false);
    w.put(std::string_view("</display-name>\r\n    </entry>\r\n"));
  }
};

namespace detail {
/// Writes a `resource_lists_body` whose `validate()` already succeeded, for composers that
/// count a body's size and then write it (validating once, not twice).
struct resource_lists_writer {
  /// @p b for a composer that has validated every entry's URI itself (the REFER's duplicate
  /// check): `validate()` then checks everything else, and the URIs again only where a
  /// method is added to them.
  static constexpr resource_lists_body with_checked_uris(resource_lists_body b) noexcept {
    b.uris_checked_ = true;
    return b;
  }
  template <class Writer>
  static constexpr void write(Writer& w, const resource_lists_body& b) {
    b.write_document(w);
  }
};
}  // namespace detail

// ==========================================================================================
// Reading
// ==========================================================================================

/// What a `resource_list_item` describes.
enum class list_item_kind : std::uint8_t {
  entry = 0,      ///< `<entry uri=...>`
  entry_ref = 1,  ///< `<entry-ref ref=...>` (RFC 4826 §3.1; SHOULD NOT in RFC 5368 §7)
  external = 2,   ///< `<external anchor=...>` (RFC 4826 §3.1; SHOULD NOT in RFC 5368 §7)
  list = 3,       ///< a `<list>` (nested when `list_depth > 1`)
};

/// One item of a resource-lists document, as the reader reports it. Views alias the input.
///
/// Values are `xml::text_view`s: when `needs_decoding()` is false, `.raw` is the value
/// (zero-copy); otherwise decode with `.decode(writer)` / `.decoded_size()` / `.equals()`
/// (e.g. `uri="sip:a@b?x=1&amp;y=2"` needs decoding).
struct resource_list_item {
  list_item_kind kind = list_item_kind::entry;
  std::size_t offset = 0;      ///< byte offset of the element's `<`
  /// Lists: 1 for a list directly under `<resource-lists>`, 2 for a list inside it, ...
  /// Other items: the level of the list that contains them.
  std::size_t list_depth = 0;
  xml::text_view uri{};        ///< entry: `uri`; entry-ref: `ref`; external: `anchor`
  std::size_t uri_offset = 0;  ///< byte offset of the attribute value (after the quote)
  bool has_uri = false;        ///< always true for entries; optional for `external` (schema)
  xml::text_view name{};       ///< lists: the `name` attribute
  bool has_name = false;
  xml::text_view display_name{};  ///< content of `<display-name>` (not reported for lists)
  std::size_t display_name_offset = 0;  ///< byte offset of the `<display-name` tag
  bool has_display_name = false;
  xml::text_view lang{};       ///< its `xml:lang`, as written
  bool has_lang = false;
  copy_control copy = copy_control::bcc;  ///< `cp:copyControl`; `bcc` when absent (RFC 5364 §4)
  bool has_copy_control = false;
  bool anonymize = false;      ///< `cp:anonymize`; false when absent
  bool has_anonymize = false;
  std::uint64_t count = 1;     ///< `cp:count`; 1 when absent
  bool has_count = false;
};

/// Totals over a whole document, for checks such as PROCEDURE.md S5 (flat list only).
struct resource_lists_summary {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t lists = 0;         ///< all `<list>` elements
  std::size_t nested_lists = 0;  ///< `<list>` elements inside a `<list>`
  std::size_t entries = 0;       ///< `<entry>` elements
  std::size_t entry_refs = 0;    ///< `<entry-ref>` elements
  std::size_t externals = 0;     ///< `<external>` elements
  std::size_t foreign_elements = 0;  ///< skipped elements of other namespaces (subtree roots)
  std::size_t first_nested_list = npos;  ///< offset of the first nested `<list>`
  std::size_t first_entry_ref = npos;    ///< offset of the first `<entry-ref>`
  std::size_t first_external = npos;     ///< offset of the first `<external>`
  bool uses_copy_control = false;        ///< some item has an RFC 5364 attribute

  /// True for the shape RFC 5368 §7 asks for: no nested list, entry-ref or external.
  [[nodiscard]] constexpr bool is_flat() const noexcept { return nested_lists == 0 && entry_refs == 0 && externals == 0; }
};

/// Per-call limits and leniency of the reader.
struct resource_lists_options {
  /// Largest accepted document in bytes (`limit_exceeded`).
  std::size_t max_size = std::size_t{1} << 20;
  /// Deepest element nesting, root = 1 (`xml_depth_exceeded`); at most `xml::max_depth_cap`.
  std::size_t max_depth = 16;
  /// Most `<entry>` + `<entry-ref>` + `<external>` elements (`limit_exceeded` at the first
  /// one beyond).
  std::size_t max_entries = 10000;
  /// Accept `copyControl`, `anonymize`, `count` without the copycontrol namespace (as some
  /// clients send them). Strict by default: such an attribute is `xml_bad_copy_control`,
  /// because silently reading it as absent would turn every recipient into `bcc`.
  bool allow_unqualified_copy_control = false;
};

namespace detail {

enum class rl_node : std::uint8_t { root, list, entry, entry_ref, external, display_name };

inline constexpr std::string_view rl_known_namespaces[] = {resource_lists_namespace, copycontrol_namespace};
inline constexpr std::uint8_t ns_rl = xml::ns_first_known + 0;
inline constexpr std::uint8_t ns_cp = xml::ns_first_known + 1;

constexpr bool is_xml_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// `xs:boolean` after whitespace collapsing: true, false, 1, 0.
constexpr bool parse_xs_boolean(const xml::text_view& v, bool& out) noexcept {
  char buf[8] = {};
  std::size_t len = 0;
  bool ok = true, trailing = false;
  v.for_each_piece([&](std::string_view p) {
    for (char c : p) {
      if (is_xml_ws(c)) {
        if (len != 0) trailing = true;
        continue;
      }
      if (trailing || len == sizeof buf) {
        ok = false;
        return false;
      }
      buf[len++] = c;
    }
    return true;
  });
  if (!ok) return false;
  const std::string_view s(buf, len);
  if (s == "true" || s == "1") {
    out = true;
    return true;
  }
  if (s == "false" || s == "0") {
    out = false;
    return true;
  }
  return false;
}

/// `xs:nonNegativeInteger` after whitespace collapsing ("+5", "007", "-0" are valid).
constexpr errc parse_xs_count(const xml::text_view& v, std::uint64_t& out) noexcept {
  enum class st { lead, sign, digits, trail };
  st state = st::lead;
  bool negative = false, overflow = false;
  std::uint64_t val = 0;
  const bool ok = v.for_each_piece([&](std::string_view p) {
    for (char c : p) {
      if (is_xml_ws(c)) {
        if (state == st::sign) return false;
        if (state == st::digits) state = st::trail;
        continue;
      }
      if (state == st::lead && (c == '+' || c == '-')) {
        negative = c == '-';
        state = st::sign;
        continue;
      }
      if (c < '0' || c > '9' || state == st::trail) return false;
      state = st::digits;
      const auto d = static_cast<std::uint64_t>(c - '0');
      if (val > (~std::uint64_t{0} - d) / 10) overflow = true;
      if (!overflow) val = val * 10 + d;
    }
    return true;
  });
  if (!ok || (state != st::digits && state != st::trail) || (negative && (val != 0 || overflow)))
    return errc::xml_bad_copy_control;
  if (overflow) return errc::number_overflow;
  out = val;
  return errc::ok;
}

/// A sink that can build items in place: `resource_list_item* item_slot(list_item_kind)`
/// returns where the next item of that kind is to be read into (delivered later by
/// reference, so the sink can tell it needs no copy). Plain callbacks get a handler-owned item.
template <class F, class = void>
struct has_item_slot : std::false_type {};
template <class F>
struct has_item_slot<F, std::void_t<decltype(std::declval<F&>().item_slot(list_item_kind::entry))>> : std::true_type {};

template <class F>
class rl_handler {
 public:
  constexpr rl_handler(F& f, const resource_lists_options& opt) noexcept : f_(f), opt_(opt) {}
  rl_handler(const rl_handler&) = delete;  // `cur_` may point into the handler itself
  rl_handler& operator=(const rl_handler&) = delete;

  constexpr error start_element(const xml::element& e) {
    const std::size_t depth = e.depth;
    depth_ = depth;
    if (skip_until_ != 0) return {};
    const std::string_view n = e.local;
    const error not_rl{errc::xml_not_resource_lists, e.offset};
    if (depth == 1) {
      if (e.ns != ns_rl || !xml::detail::name_is(n, "resource-lists")) return not_rl;
      kinds_[1] = rl_node::root;
      return {};
    }
    const rl_node parent = kinds_[depth - 1];
    if (parent == rl_node::display_name) return not_rl;  // simpleContent
    if (e.ns != ns_rl) {
      ++sum_.foreign_elements;
      skip_until_ = depth;
      return {};
    }
    const rl_node kind = classify(n);
    switch (kind) {
      case rl_node::entry:
      case rl_node::entry_ref:
      case rl_node::external:
        if (parent == rl_node::list) return start_item(e, kind);
        break;
      case rl_node::list:
        if (parent == rl_node::root || parent == rl_node::list) return start_list(e);
        break;
      case rl_node::display_name:
        if (parent != rl_node::root) {
          if (parent != rl_node::list) {
            resource_list_item& item = *cur_;
            if (item.has_display_name) return not_rl;  // maxOccurs 1
            item.has_display_name = true;
            item.display_name_offset = e.offset;
            for (std::size_t i = 0; i < e.attribute_count; ++i) {
              const xml::attribute& a = e.attributes[i];
              if (a.ns == xml::ns_xml && xml::detail::name_is(a.local, "lang")) {
                item.lang = a.value;
                item.has_lang = true;
              }
            }
          }
          kinds_[depth] = rl_node::display_name;
          return {};
        }
        break;
      case rl_node::root:  // not an element of the RFC 4826 content model
        break;
    }
    // An RFC 4826 element where the schema has no place for it.
    return not_rl;
  }

  /// Per entry (its end, or its `/>`): kept inline in the reader.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  constexpr error end_element(const xml::element_end& e) {
    depth_ = e.depth - 1;
    if (skip_until_ != 0) {
      if (e.depth == skip_until_) skip_until_ = 0;
      return {};
    }
    switch (kinds_[e.depth]) {
      case rl_node::display_name:
        if (kinds_[e.depth - 1] != rl_node::list) cur_->display_name = e.content;
        return {};
      case rl_node::entry:
      case rl_node::entry_ref:
      case rl_node::external:
        return deliver(*cur_);
      case rl_node::list:
        --list_depth_;
        return {};
      case rl_node::root:
        return {};
    }
    return {};
  }

  constexpr error character_data(std::size_t offset) noexcept {
    if (skip_until_ != 0 || kinds_[depth_] == rl_node::display_name) return {};
    return {errc::xml_not_resource_lists, offset};  // element-only content (RFC 4826 §3.2)
  }

  [[nodiscard]] constexpr const resource_lists_summary& summary() const noexcept { return sum_; }

 private:
  /// The RFC 4826 element named @p n (local name, in the RFC 4826 namespace); `root` stands
  /// for any other name. One length switch, then one fixed-size compare.
  static constexpr rl_node classify(std::string_view n) noexcept {
    using xml::detail::name_is;
    switch (n.size()) {
      case 4:
        return name_is(n, "list") ? rl_node::list : rl_node::root;
      case 5:
        return name_is(n, "entry") ? rl_node::entry : rl_node::root;
      case 8:
        return name_is(n, "external") ? rl_node::external : rl_node::root;
      case 9:
        return name_is(n, "entry-ref") ? rl_node::entry_ref : rl_node::root;
      case 12:
        return name_is(n, "display-name") ? rl_node::display_name : rl_node::root;
      default:
        return rl_node::root;
    }
  }

  /// A `<list>` inside `<resource-lists>` or a list: reported at once.
  constexpr error start_list(const xml::element& e) {
    kinds_[e.depth] = rl_node::list;
    ++list_depth_;
    ++sum_.lists;
    resource_list_item item;
    item.kind = list_item_kind::list;
    item.offset = e.offset;
    item.list_depth = list_depth_;
    if (list_depth_ > 1) {
      ++sum_.nested_lists;
      if (sum_.first_nested_list == resource_lists_summary::npos) sum_.first_nested_list = e.offset;
    }
    if (error er = copy_attributes(e, item)) return er;
    return deliver(item);
  }

  /// An `<entry>`, `<entry-ref>` or `<external>` (@p kind) inside a list: collected in `*cur_`
  /// (the sink's slot when it offers one, see `has_item_slot`) and reported at its end tag.
  /// The per-entry path: kept inline in `start_element`.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  constexpr error start_item(const xml::element& e, rl_node kind) {
    if (++items_ > opt_.max_entries) return {errc::limit_exceeded, e.offset};
    kinds_[e.depth] = kind;
    const list_item_kind k = kind == rl_node::entry       ? list_item_kind::entry
                             : kind == rl_node::entry_ref ? list_item_kind::entry_ref
                                                          : list_item_kind::external;
    if constexpr (has_item_slot<F>::value) cur_ = f_.item_slot(k);
    resource_list_item& item = *cur_;
    item = resource_list_item{k, e.offset, list_depth_};
    if (k == list_item_kind::entry) {
      ++sum_.entries;
    } else if (k == list_item_kind::entry_ref) {
      ++sum_.entry_refs;
      if (sum_.first_entry_ref == resource_lists_summary::npos) sum_.first_entry_ref = e.offset;
    } else {
      ++sum_.externals;
      if (sum_.first_external == resource_lists_summary::npos) sum_.first_external = e.offset;
    }
    if (error er = copy_attributes(e, item)) return er;
    if (!item.has_uri && k != list_item_kind::external) {
      // RFC 4826 §3.2: `uri` (entry) and `ref` (entry-ref) are required.
      return {k == list_item_kind::entry ? errc::xml_missing_uri : errc::xml_not_resource_lists, e.offset};
    }
    return {};
  }

  /// Hands @p item to the sink; per entry: kept inline.
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  constexpr error deliver(const resource_list_item& item) {
    using R = decltype(f_(item));
    if constexpr (std::is_void_v<R>) {
      f_(item);
      return {};
    } else {
      return f_(item);
    }
  }

  /// Reads the attributes of @p e into @p item: the unqualified `uri` / `ref` / `anchor` /
  /// `name` (by item kind) and the RFC 5364 attributes. One pass, no library calls. Kept
  /// inline in its two callers (per entry, per list).
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  constexpr error copy_attributes(const xml::element& e, resource_list_item& item) noexcept {
    using xml::detail::name_is;
    for (std::size_t i = 0; i < e.attribute_count; ++i) {
      const xml::attribute& a = e.attributes[i];
      if (a.is_namespace_decl) continue;
      const std::string_view l = a.local;
      if (a.ns == xml::ns_none) {
        bool target = false;
        switch (item.kind) {
          case list_item_kind::entry:
            target = name_is(l, "uri");
            break;
          case list_item_kind::entry_ref:
            target = name_is(l, "ref");
            break;
          case list_item_kind::external:
            target = name_is(l, "anchor");
            break;
          case list_item_kind::list:
            if (name_is(l, "name")) {
              item.name = a.value;
              item.has_name = true;
            }
            break;
        }
        if (target) {
          item.uri = a.value;
          item.uri_offset = a.value_offset;
          item.has_uri = true;
          continue;
        }
      } else if (a.ns != ns_cp) {
        continue;  // another namespace's attribute (RFC 4826 §6 extension point)
      }
      const int which = name_is(l, "copyControl") ? 0 : name_is(l, "anonymize") ? 1 : name_is(l, "count") ? 2 : -1;
      if (which < 0) continue;
      // The RFC 5364 attributes are global: unqualified ones are not them (pitfall 35).
      if (a.ns == xml::ns_none && !opt_.allow_unqualified_copy_control) return {errc::xml_bad_copy_control, a.offset};
      sum_.uses_copy_control = true;
      if (which == 0) {
        const std::string_view v = a.value.raw;
        if (!a.value.needs_decoding() && name_is(v, "to")) {
          item.copy = copy_control::to;
        } else if (!a.value.needs_decoding() && name_is(v, "cc")) {
          item.copy = copy_control::cc;
        } else if (!a.value.needs_decoding() && name_is(v, "bcc")) {
          item.copy = copy_control::bcc;
        } else if (a.value.needs_decoding() && a.value.equals("to")) {
          item.copy = copy_control::to;
        } else if (a.value.needs_decoding() && a.value.equals("cc")) {
          item.copy = copy_control::cc;
        } else if (a.value.needs_decoding() && a.value.equals("bcc")) {
          item.copy = copy_control::bcc;
        } else {
          return {errc::xml_bad_copy_control, a.value_offset};  // case-sensitive: "BCC" is wrong
        }
        item.has_copy_control = true;
      } else if (which == 1) {
        if (!parse_xs_boolean(a.value, item.anonymize)) return {errc::xml_bad_copy_control, a.value_offset};
        item.has_anonymize = true;
      } else {
        const errc c = parse_xs_count(a.value, item.count);
        if (c != errc::ok) return {c, a.value_offset};
        item.has_count = true;
      }
    }
    return {};
  }

  F& f_;
  const resource_lists_options& opt_;
  resource_lists_summary sum_{};
  resource_list_item own_{};            // the item being read, unless the sink offers a slot
  resource_list_item* cur_ = &own_;    // where the current entry / entry-ref / external is built
  std::size_t depth_ = 0;
  std::size_t skip_until_ = 0;  // depth of the foreign element being skipped; 0 = none
  std::size_t list_depth_ = 0;
  std::size_t items_ = 0;
  rl_node kinds_[xml::max_depth_cap + 1] = {};
};

/// The sink of `parse_resource_lists`: keeps `<entry>` items, in document order, in the caller's
/// storage, built there in place (`item_slot`); everything else is read into `spare`.
struct rl_storage_sink {
  resource_list_item* storage = nullptr;
  std::size_t capacity = 0;
  std::size_t size = 0;
  resource_list_item spare{};

  /// Where the next item of kind @p k is read: the next free storage place for an entry.
  constexpr resource_list_item* item_slot(list_item_kind k) noexcept {
    return k == list_item_kind::entry && size < capacity ? storage + size : &spare;
  }
  /// Keeps an entry (copied only when it was not read in place); `limit_exceeded` when full.
  constexpr error operator()(const resource_list_item& it) noexcept {
    if (it.kind != list_item_kind::entry) return {};
    if (size >= capacity) return {errc::limit_exceeded, it.offset};
    if (&it != storage + size) storage[size] = it;
    ++size;
    return {};
  }
};

constexpr xml::limits rl_limits(const resource_lists_options& opt) noexcept {
  xml::limits lim;
  lim.max_size = opt.max_size;
  lim.max_depth = opt.max_depth;
  lim.known_namespaces = rl_known_namespaces;
  lim.known_namespace_count = 2;
  return lim;
}

}  // namespace detail

/// Reads the resource-lists document @p doc in one pass and calls @p f for every item in
/// document order: each `<list>` when its start tag is read, each `<entry>`, `<entry-ref>`
/// and `<external>` when it ends (so its display name is known). @p f takes
/// `const resource_list_item&` and returns `void` or `sipref::error` (a non-ok error stops
/// the parse and is returned). @p f must not throw.
///
/// Items are delivered while the rest of the document is still unread: when the result is
/// an error, discard what @p f received. Use `parse_resource_lists` to receive entries only
/// after the whole document validated.
///
/// @par Schema (RFC 4826 §3.2)
/// `<resource-lists>` ← `<list>`*; `<list name?>` ← `<display-name>`? (`<list>` | `<entry>` |
/// `<entry-ref>` | `<external>`)* any##other*; `<entry uri>` ← `<display-name xml:lang?>`?
/// any##other*.
///
/// Errors: everything `xml::parse` reports (well-formedness, UTF-8, DOCTYPE, entities,
/// namespaces, limits); `xml_not_resource_lists` (root not `resource-lists` in the RFC 4826
/// namespace, an RFC 4826 element where the schema has no place for it, a second
/// display-name, an element inside display-name, non-whitespace text in element-only
/// content, `<entry-ref>` without `ref`); `xml_missing_uri` (`<entry>` without `uri`, at its
/// `<`); `xml_bad_copy_control` (copyControl outside to/cc/bcc, anonymize not an
/// `xs:boolean`, count not an `xs:nonNegativeInteger`, or an unqualified copyControl /
/// anonymize / count attribute, at the value or attribute); `number_overflow` (count beyond
/// 2^64-1); `limit_exceeded` (`max_entries`, `max_size`).
template <class F>
[[nodiscard]] constexpr result<resource_lists_summary> for_each_resource_list_item(
    std::string_view doc SIPREF_LIFETIMEBOUND, F&& f, const resource_lists_options& opt = {}) {
  detail::rl_handler<std::remove_reference_t<F>> h(f, opt);
  const xml::limits lim = detail::rl_limits(opt);
  if (const error e = xml::parse(doc, h, lim)) return e;
  return h.summary();
}

/// Checks that @p doc is a resource-lists document the reader accepts; returns its totals.
/// Same errors as `for_each_resource_list_item`.
[[nodiscard]] constexpr result<resource_lists_summary> validate_resource_lists(
    std::string_view doc, const resource_lists_options& opt = {}) noexcept {
  return for_each_resource_list_item(doc, [](const resource_list_item&) noexcept {}, opt);
}

/// The entries of a validated resource-lists document, stored in caller storage.
/// Views alias both the parsed input and that storage.
struct resource_lists_view {
  const resource_list_item* entries = nullptr;  ///< `<entry>` items only, in document order
  std::size_t size = 0;
  resource_lists_summary summary{};

  [[nodiscard]] constexpr const resource_list_item* begin() const noexcept { return entries; }
  [[nodiscard]] constexpr const resource_list_item* end() const noexcept { return entries + size; }
  [[nodiscard]] constexpr const resource_list_item& operator[](std::size_t i) const noexcept { return entries[i]; }
  [[nodiscard]] constexpr bool empty() const noexcept { return size == 0; }
};

/// Reads @p doc and stores its `<entry>` items (at any list depth, in document order) into
/// `storage[0, capacity)`; the view is returned only once the whole document validated.
/// `entry-ref`, `external` and nested lists are counted in `summary` (with the offset of the
/// first of each), not stored.
///
/// @par Example
/// @code
/// sipref::resource_list_item items[32];
/// auto r = sipref::parse_resource_lists(body, items);
/// if (r) for (const auto& e : *r) use(e.uri.raw);   // when !e.uri.needs_decoding()
/// @endcode
///
/// Errors: those of `for_each_resource_list_item`, and `limit_exceeded` at the `<` of the
/// first entry that does not fit into @p capacity.
[[nodiscard]] constexpr result<resource_lists_view> parse_resource_lists(
    std::string_view doc SIPREF_LIFETIMEBOUND, resource_list_item* storage SIPREF_LIFETIMEBOUND, std::size_t capacity,
    const resource_lists_options& opt = {}) noexcept {
  detail::rl_storage_sink sink{storage, capacity};
  auto r = for_each_resource_list_item(doc, sink, opt);
  if (!r) return r.error();
  return resource_lists_view{storage, sink.size, *r};
}

/// `parse_resource_lists` into an array.
template <std::size_t N>
[[nodiscard]] constexpr result<resource_lists_view> parse_resource_lists(
    std::string_view doc SIPREF_LIFETIMEBOUND, resource_list_item (&storage)[N] SIPREF_LIFETIMEBOUND,
    const resource_lists_options& opt = {}) noexcept {
  return parse_resource_lists(doc, storage, N, opt);
}

SIPREF_END_NAMESPACE

#endif  // SIPREF_RESOURCE_LISTS_HPP
