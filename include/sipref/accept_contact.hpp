// SPDX-License-Identifier: MIT
/// @file accept_contact.hpp
/// The Accept-Contact header value (RFC 3841 §10) and the feature-tag grammar it shares with
/// Contact (RFC 3840 §9), e.g. `Accept-Contact: *;+g.oma.sip-im` (PROCEDURE.md C11).
#ifndef SIPREF_ACCEPT_CONTACT_HPP
#define SIPREF_ACCEPT_CONTACT_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

namespace detail {
namespace accept_contact_impl {

/// The RFC 3840 §9 `base-tags` (the `sip.` tree, written without the prefix).
inline constexpr std::string_view base_tags[] = {"audio",   "automata", "class",       "duplex", "data",
                                                 "control", "mobility", "description", "events", "priority",
                                                 "methods", "schemes",  "application", "video",  "language",
                                                 "type",    "isfocus",  "actor",       "text",   "extensions"};

/// `ftag-name` characters after the leading ALPHA: ALPHA / DIGIT / "!" / "'" / "." / "-" / "%".
constexpr bool is_ftag_char(char c) noexcept {
  return grammar::is(c, grammar::alphanum) || c == '!' || c == '\'' || c == '.' || c == '-' || c == '%';
}

/// `number = [ "+" / "-" ] 1*DIGIT ["." 0*DIGIT]` at @p i; advances @p i, false if absent.
constexpr bool scan_number(std::string_view s, std::size_t& i) noexcept {
  std::size_t k = i;
  if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
  const std::size_t digits = k;
  k += grammar::first_not_in(s.substr(k), grammar::digit);
  if (k == digits) return false;
  if (k < s.size() && s[k] == '.') {
    ++k;
    k += grammar::first_not_in(s.substr(k), grammar::digit);
  }
  i = k;
  return true;
}

/// Offset of the first byte where @p s stops being a `tag-value-list`, or npos.
constexpr std::size_t check_tag_value_list(std::string_view s) noexcept {
  std::size_t i = 0;
  while (true) {
    if (i < s.size() && s[i] == '!') ++i;  // negation
    if (i < s.size() && s[i] == '#') {
      // numeric = "#" numeric-relation number
      ++i;
      if (s.size() - i >= 2 && (s[i] == '>' || s[i] == '<') && s[i + 1] == '=') {
        i += 2;
      } else if (i < s.size() && s[i] == '=') {
        ++i;
      } else {
        if (!scan_number(s, i)) return i;  // range form: number ":" number
        if (i >= s.size() || s[i] != ':') return i;
        ++i;
      }
      if (!scan_number(s, i)) return i;
    } else {
      // token-nobang (boolean "TRUE" / "FALSE" is a token-nobang too)
      const std::size_t start = i;
      while (i < s.size() && s[i] != '!' && grammar::is(s[i], grammar::token_char)) ++i;
      if (i == start) return i;
    }
    if (i == s.size()) return std::string_view::npos;
    if (s[i] != ',') return i;
    ++i;
  }
}

/// Offset of the first byte where @p s stops being a `string-value`, or npos. Line folds are
/// accepted only when @p allow_folds (parsing); composed text never contains CR or LF.
constexpr std::size_t check_string_value(std::string_view s, bool allow_folds) noexcept {
  if (s.empty() || s[0] != '<') return 0;
  std::size_t i = 1;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '>') return i + 1 == s.size() ? std::string_view::npos : i + 1;
    if (c == '\\') {
      // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
      if (i + 1 >= s.size()) return i;
      const auto n = static_cast<unsigned char>(s[i + 1]);
      if (n == '\r' || n == '\n' || n > 0x7f) return i;
      i += 2;
      continue;
    }
    if (c == '\r') {
      // LWS = [*WSP CRLF] 1*WSP
      if (!allow_folds || i + 2 >= s.size() || s[i + 1] != '\n' || (s[i + 2] != ' ' && s[i + 2] != '\t')) return i;
      i += 3;
      continue;
    }
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    // qdtext-no-abkt = LWS / %x21 / %x23-3B / %x3D / %x3F-5B / %x5D-7E / UTF8-NONASCII
    if (c < 0x21 || c == 0x7f || c == '"' || c == '<') return i;
    if (c >= 0x80) {
      const std::size_t n = grammar::utf8_sequence_length(s, i);
      if (n == 0) return i;
      i += n;
      continue;
    }
    ++i;
  }
  return i;  // no closing ">"
}

/// Offset of the first byte of a feature value (the text between the DQUOTEs) outside
/// `tag-value-list / string-value`, or npos.
constexpr std::size_t check_feature_value(std::string_view s, bool allow_folds) noexcept {
  if (!s.empty() && s[0] == '<') return check_string_value(s, allow_folds);
  return check_tag_value_list(s);
}

/// Where @p name (known not to be an `enc-feature-tag`) goes wrong: the first byte after
/// `+` that is outside `ftag-name`, else 0 (empty, or not a base tag).
constexpr std::size_t feature_tag_error_at(std::string_view name) noexcept {
  if (name.size() < 2 || name[0] != '+') return name.size() == 1 && name[0] == '+' ? 1 : 0;
  if (!grammar::is(name[1], grammar::alpha)) return 1;
  for (std::size_t i = 2; i < name.size(); ++i) {
    if (!is_ftag_char(name[i])) return i;
  }
  return 0;
}

}  // namespace accept_contact_impl
}  // namespace detail

/// True when @p name is an `enc-feature-tag`: one of the RFC 3840 §9 base tags (matched
/// ASCII case-insensitively) or `"+" ftag-name`.
///
/// Use it to validate a feature tag before putting it into a Contact header parameter
/// (`<sip:alice@host>;+g.oma.sip-im`, RFC 3840 §9) or an Accept-Contact value.
///
/// @par ABNF (RFC 3840 §9)
/// @code
/// enc-feature-tag  =  base-tags / other-tags
/// base-tags        =  "audio" / "automata" /
///                     "class" / "duplex" / "data" /
///                     "control" / "mobility" / "description" /
///                     "events" / "priority" / "methods" /
///                     "schemes" / "application" / "video" /
///                     "language" / "type" / "isfocus" /
///                     "actor" / "text" / "extensions"
/// other-tags      =  "+" ftag-name
/// ftag-name       =  ALPHA *( ALPHA / DIGIT / "!" / "'" /
///                    "." / "-" / "%" )
/// @endcode
///
/// @par Example
/// `is_feature_tag("+g.oma.sip-im")` and `is_feature_tag("isfocus")` are true;
/// `is_feature_tag("+g.3gpp.app_ref")` is false (`_` is not an ftag-name character, so on
/// the wire such a parameter is a plain `generic-param`).
[[nodiscard]] constexpr bool is_feature_tag(std::string_view name) noexcept {
  if (name.size() >= 2 && name[0] == '+') {
    if (!grammar::is(name[1], grammar::alpha)) return false;
    for (std::size_t i = 2; i < name.size(); ++i)
      if (!detail::accept_contact_impl::is_ftag_char(name[i])) return false;
    return true;
  }
  for (std::string_view t : detail::accept_contact_impl::base_tags)
    if (grammar::iequals(name, t)) return true;
  return false;
}

/// True when @p content (the text between the DQUOTEs of a feature parameter value, with
/// no CR/LF) is a `tag-value-list` or a `string-value`.
///
/// @par ABNF (RFC 3840 §9)
/// @code
/// feature-param    =  enc-feature-tag [EQUAL LDQUOT (tag-value-list
///                     / string-value ) RDQUOT]
/// tag-value-list  =  tag-value *("," tag-value)
/// tag-value       =  ["!"] (token-nobang / boolean / numeric)
/// token-nobang    =  1*(alphanum / "-" / "." / "%" / "*"
///                    / "_" / "+" / "`" / "'" / "~" )
/// boolean         =  "TRUE" / "FALSE"
/// numeric         =  "#" numeric-relation number
/// numeric-relation  =  ">=" / "<=" / "=" / (number ":")
/// number          =  [ "+" / "-" ] 1*DIGIT ["." 0*DIGIT]
/// string-value    =  "<" *(qdtext-no-abkt / quoted-pair ) ">"
/// qdtext-no-abkt  =  LWS / %x21 / %x23-3B / %x3D
///                    / %x3F-5B / %x5D-7E / UTF8-NONASCII
/// @endcode
///
/// @par Example
/// `is_feature_value("INVITE,BYE")`, `is_feature_value("#>=2")`,
/// `is_feature_value("<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>")` are true.
[[nodiscard]] constexpr bool is_feature_value(std::string_view content) noexcept {
  return detail::accept_contact_impl::check_feature_value(content, false) == std::string_view::npos;
}

/// How an `ac-params` entry reads (RFC 3841 §10).
enum class ac_param_kind : std::uint8_t {
  feature,         ///< `feature-param`: its name is an `enc-feature-tag`
  require,         ///< `req-param = "require"`
  explicit_match,  ///< `explicit-param = "explicit"`
  generic,         ///< any other `generic-param`
};

/// The kind of the `ac-params` entry @p p.
[[nodiscard]] constexpr ac_param_kind classify_ac_param(const grammar::param_view& p) noexcept {
  if (grammar::iequals(p.name, "require")) return ac_param_kind::require;
  if (grammar::iequals(p.name, "explicit")) return ac_param_kind::explicit_match;
  if (is_feature_tag(p.name)) return ac_param_kind::feature;
  return ac_param_kind::generic;
}

/// One validated `ac-value` (`"*" *(SEMI ac-params)`). Views alias the parsed input.
struct ac_value_view {
  grammar::params_view params;  ///< every `ac-params` entry in wire order

  /// True when the `require` flag is present (RFC 3841 §9.2: discard non-matching
  /// contacts).
  [[nodiscard]] constexpr bool require() const noexcept { return params.contains("require"); }
  /// True when the `explicit` flag is present (RFC 3841 §9.2: only contacts that
  /// explicitly advertise the features match).
  [[nodiscard]] constexpr bool is_explicit() const noexcept { return params.contains("explicit"); }
  /// True when the feature tag @p name (encoded form, e.g. `+g.oma.sip-im` or `audio`;
  /// case-insensitive) is present.
  [[nodiscard]] constexpr bool has_feature(std::string_view name) const noexcept {
    if (grammar::iequals(name, "require") || grammar::iequals(name, "explicit")) return false;
    return params.contains(name);
  }
  /// The text between the DQUOTEs of feature @p name's value (e.g. `INVITE,BYE`), or an
  /// empty view when the feature is absent or has no value. A `string-value` may still
  /// contain quoted-pairs; decode it with `grammar::unquote`.
  [[nodiscard]] constexpr std::string_view feature_value(std::string_view name) const noexcept {
    grammar::param_view tmp;
    const grammar::param_view* p = params.find(name, tmp);
    return p ? p->unquoted_raw() : std::string_view{};
  }
};

/// A validated Accept-Contact value: a lazy, non-allocating list of `ac-value`s. Views
/// alias the parsed input and are valid while that buffer is. As with
/// `grammar::params_view`, `*it` refers into the iterator: copy the (small) `ac_value_view`
/// to keep it beyond the iterator's life.
class accept_contact_view {
 public:
  constexpr accept_contact_view() = default;
  /// @p text must have been validated by `parse_accept_contact`.
  constexpr explicit accept_contact_view(std::string_view text) noexcept : text_(text) {}

  class iterator {
   public:
    constexpr iterator() = default;
    constexpr explicit iterator(std::string_view text) noexcept : s_(text) { load(true); }
    constexpr const ac_value_view& operator*() const noexcept { return cur_; }
    constexpr const ac_value_view* operator->() const noexcept { return &cur_; }
    constexpr iterator& operator++() noexcept {
      load(false);
      return *this;
    }
    constexpr bool operator==(const iterator& o) const noexcept {
      return done_ == o.done_ && (done_ || s_.pos() == o.s_.pos());
    }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    constexpr void load(bool first) noexcept {
      if ((!first && !grammar::separator(s_, ',')) || !s_.consume('*')) {
        done_ = true;
        return;
      }
      auto p = grammar::scan_params(s_);
      if (!p) {
        done_ = true;  // unreachable for validated text
        return;
      }
      cur_ = ac_value_view{*p};
      done_ = false;
    }
    grammar::scanner s_{std::string_view{}};
    ac_value_view cur_{};
    bool done_ = true;
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(text_); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  [[nodiscard]] constexpr bool empty() const noexcept { return text_.empty(); }
  /// Number of `ac-value`s.
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }
  /// True when any `ac-value` carries feature tag @p name (see `ac_value_view::has_feature`).
  [[nodiscard]] constexpr bool has_feature(std::string_view name) const noexcept {
    for (const ac_value_view& v : *this)
      if (v.has_feature(name)) return true;
    return false;
  }
  /// The validated text, from the first `*` to the end of the last `ac-value`.
  [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }

 private:
  std::string_view text_{};
};

/// Leniency switches for `parse_accept_contact`; all off by default.
struct accept_contact_options {
  /// Accept a parameter named like a feature tag whose value is not RFC 3840 syntax
  /// (e.g. `audio=yes`, `+x="a b"`) as a plain `generic-param`, as the bare ABNF
  /// alternative `ac-params = ... / generic-param` would. Off: `bad_feature_param`.
  bool allow_nonconforming_feature_values = false;
};

/// Parses an Accept-Contact header value (text after `HCOLON`; leading/trailing LWS and
/// folds allowed). Several header rows are joined with commas by the message parser
/// (RFC 3261 §7.3.1) before they come here.
///
/// @par ABNF (RFC 3841 §10)
/// @code
/// Accept-Contact  =  ("Accept-Contact" / "a") HCOLON ac-value
///                    *(COMMA ac-value)
/// ac-value        =  "*" *(SEMI ac-params)
/// ac-params       =  feature-param / req-param
///                     / explicit-param / generic-param
///                     ;;feature param from RFC 3840
///                     ;;generic-param from RFC 3261
/// req-param       =  "require"
/// explicit-param  =  "explicit"
/// @endcode
/// RFC 3841 §10 adds that, despite the ABNF, an `ac-value` carries `require` and `explicit`
/// at most once and each feature tag at most once: every repeated parameter name is
/// rejected (also RFC 3261 §7.3.1).
///
/// @par Example
/// @code
/// auto ac = sipref::parse_accept_contact("*;+g.oma.sip-im");
/// // ac->has_feature("+g.oma.sip-im") && ac->size() == 1
/// @endcode
///
/// Errors (offsets into @p input): `empty_value`; `unexpected_char` where an `ac-value`
/// does not start with `*`; `empty_list_item` at the comma that opens an empty item
/// (`*,,*`, `*,`); `bad_feature_param` at the name of a `require` / `explicit` that carries
/// a value, at an unquoted feature value, or at the first byte of a quoted feature value
/// outside `tag-value-list / string-value`; `bad_param`, `duplicate_param`,
/// `limit_exceeded` from `generic-param` scanning; `trailing_garbage`.
///
/// The result's views alias @p input.
[[nodiscard]] constexpr result<accept_contact_view> parse_accept_contact(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                         accept_contact_options opts = {}) noexcept {
  namespace impl = detail::accept_contact_impl;
  grammar::scanner s(input);
  if (const error e = grammar::start_value(s)) return e;
  const std::size_t start = s.pos();
  std::size_t end = start;
  while (true) {
    if (!s.consume('*')) return s.fail(errc::unexpected_char);
    // Each parameter is checked as the list is scanned; the list's own errors come first.
    const auto check = [&](const grammar::param_view& p) -> error {
      const ac_param_kind kind = classify_ac_param(p);
      if (kind == ac_param_kind::require || kind == ac_param_kind::explicit_match) {
        if (p.has_value) return s.fail_at(errc::bad_feature_param, grammar::offset_in(input, p.name));
      } else if (kind == ac_param_kind::feature && p.has_value && !opts.allow_nonconforming_feature_values) {
        const std::size_t at = grammar::offset_in(input, p.value);
        if (!p.is_quoted()) return s.fail_at(errc::bad_feature_param, at);
        const std::size_t bad = impl::check_feature_value(p.unquoted_raw(), true);
        if (bad != std::string_view::npos) return s.fail_at(errc::bad_feature_param, at + 1 + bad);
      }
      return {};
    };
    auto ps = grammar::scan_params<&grammar::scan_generic_param>(s, check);
    if (!ps) return ps.error();
    end = s.pos();
    grammar::scanner probe = s;
    grammar::skip_sws(probe);
    const std::size_t comma_at = probe.pos();
    if (!grammar::separator(s, ',')) break;
    if (s.at_end() || s.next_is(',')) return s.fail_at(errc::empty_list_item, comma_at);
  }
  if (const error e = grammar::finish_value(s)) return e;
  return accept_contact_view(input.substr(start, end - start));
}

/// One feature tag for composing: the encoded tag name and, optionally, the text that goes
/// between the DQUOTEs of its value.
struct feature_tag {
  std::string_view name = {};   ///< `enc-feature-tag`, e.g. `+g.oma.sip-im`, `audio`
  std::string_view value = {};  ///< `tag-value-list` or `string-value` without the DQUOTEs; empty = no value
};

/// A composable single `ac-value`: `*`, the feature parameters, then `require` and
/// `explicit` when set. Also composes a whole Accept-Contact header (one value), which is
/// what PROCEDURE.md C11 needs.
///
/// @par ABNF (RFC 3841 §10)
/// @code
/// ac-value        =  "*" *(SEMI ac-params)
/// @endcode
///
/// @par Example
/// @code
/// const sipref::feature_tag im[] = {{"+g.oma.sip-im", {}}};
/// sipref::accept_contact_value v{im};
/// // to_string(header_row(v)) == "Accept-Contact: *;+g.oma.sip-im\r\n"
/// @endcode
///
/// `compose` fails with `invalid_argument` (offset inside the name) when a name is not an
/// `enc-feature-tag`, `bad_feature_param` (offset inside the value) when a value is not
/// `tag-value-list / string-value` or contains CR/LF, `duplicate_param` (offset 0) when
/// a feature tag repeats (RFC 3841 §10), and `invalid_argument` (offset 0) for a
/// `{nullptr, n}` list.
struct accept_contact_value {
  static constexpr std::string_view header_name = "Accept-Contact";

  /// Feature parameters in wire order; aliases the caller's storage (see `list_ref`). They
  /// are not `grammar::param`s: a feature value is always written between DQUOTEs as given.
  list_ref<feature_tag> features = {};
  bool require = false;         ///< add `;require`
  bool explicit_match = false;  ///< add `;explicit`

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (const error e = grammar::validate_list_storage(features)) return e;
    for (std::size_t i = 0; i < features.size(); ++i) {
      const feature_tag& f = features[i];
      if (!is_feature_tag(f.name))
        return {errc::invalid_argument, detail::accept_contact_impl::feature_tag_error_at(f.name)};
      if (!f.value.empty()) {
        const std::size_t bad = detail::accept_contact_impl::check_feature_value(f.value, false);
        if (bad != std::string_view::npos) return {errc::bad_feature_param, bad};
      }
      for (std::size_t j = 0; j < i; ++j)
        if (grammar::iequals(features[j].name, f.name)) return {errc::duplicate_param, 0};
    }
    w.put('*');
    for (const feature_tag& f : features) {
      w.put(';');
      w.put(f.name);
      if (!f.value.empty()) {
        w.put(std::string_view("=\"", 2));
        w.put(f.value);
        w.put('"');
      }
    }
    if (require) w.put(std::string_view(";require", 8));
    if (explicit_match) w.put(std::string_view(";explicit", 9));
    return {};
  }
};

/// A composable Accept-Contact value with several `ac-value`s, joined by `, `.
///
/// `compose` fails like `accept_contact_value::compose` for each element, and with
/// `empty_value` (offset 0) when there is none, a `{nullptr, n}` list included (the ABNF
/// needs at least one).
struct accept_contact {
  static constexpr std::string_view header_name = "Accept-Contact";

  /// The `ac-value`s in wire order; aliases the caller's storage (see `list_ref`).
  list_ref<accept_contact_value> values = {};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    if (values.begin() == nullptr || values.empty()) return {errc::empty_value, 0};
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i != 0) w.put(std::string_view(", ", 2));
      if (const error e = values[i].compose(w)) return e;
    }
    return {};
  }
};

SIPREF_END_NAMESPACE

#endif  // SIPREF_ACCEPT_CONTACT_HPP
