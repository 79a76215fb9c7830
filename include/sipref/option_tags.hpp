// SPDX-License-Identifier: MIT
/// @file option_tags.hpp
/// Option-tag lists (RFC 3261 §19.2): parsing and composing the values of Require (§20.32),
/// Supported (§20.37), Unsupported (§20.40) and Proxy-Require (§20.29), merging repeated rows
/// (§7.3.1) without allocation, and the option tags the REFER extensions register.
///
/// This header also holds the comma-list building blocks that privacy.hpp and event.hpp reuse
/// (`token_list_view`, `token_list_rows`, `detail::parse_token_list`,
/// `detail::write_token_list`).
#ifndef SIPREF_OPTION_TAGS_HPP
#define SIPREF_OPTION_TAGS_HPP

#include <cstddef>
#include <iterator>
#include <string_view>

#include "compose.hpp"
#include "config.hpp"
#include "error.hpp"
#include "grammar.hpp"

SIPREF_BEGIN_NAMESPACE

// ------------------------------------------------------------------------------------------
// Option tag constants
// ------------------------------------------------------------------------------------------

/// Registered spellings of the option tags used around REFER. Option tags are tokens and
/// compare case-insensitively (RFC 3261 §7.3.1, §19.2); emit these spellings.
namespace option_tag {
/// REFER whose Refer-To points at a URI list (RFC 5368 §4, §11).
inline constexpr std::string_view multiple_refer = "multiple-refer";
/// REFER without the implicit subscription (RFC 4488 §4, §7).
inline constexpr std::string_view norefersub = "norefersub";
/// The Replaces header (RFC 3891 §6.2).
inline constexpr std::string_view replaces = "replaces";
/// REFER with an explicit subscription (RFC 7614 §4.1).
inline constexpr std::string_view explicitsub = "explicitsub";
/// REFER with no subscription at all (RFC 7614 §5.1).
inline constexpr std::string_view nosub = "nosub";
/// INVITE carrying a recipient list (RFC 5366 §3, §8).
inline constexpr std::string_view recipient_list_invite = "recipient-list-invite";
/// MESSAGE carrying a recipient list (RFC 5365 §5, §11).
inline constexpr std::string_view recipient_list_message = "recipient-list-message";
/// Proxy-Require tag for requests sent straight to a privacy service (RFC 3323 §4.3, §7).
inline constexpr std::string_view privacy = "privacy";
/// Reliable provisional responses (RFC 3262 §10). C++ names cannot start with a digit.
inline constexpr std::string_view rel100 = "100rel";
/// Session timers (RFC 4028 §3).
inline constexpr std::string_view timer = "timer";
/// Globally routable UA URIs (RFC 5627 §4).
inline constexpr std::string_view gruu = "gruu";
}  // namespace option_tag

// ------------------------------------------------------------------------------------------
// Comma-separated token lists
// ------------------------------------------------------------------------------------------

/// Per-call leniency for comma-separated list headers (option tags, Allow-Events).
struct list_options {
  /// Skip empty items (`, timer`, `timer,,100rel`, `timer,`) instead of failing with
  /// `errc::empty_list_item`. RFC 3261 §25.1 has no empty list elements, but some stacks
  /// send them (PEERS.md (c) 15).
  bool allow_empty_items = false;
};

/// A validated comma-separated list of tokens, iterated lazily without allocation.
///
/// Handed out only by the parsers below after the whole value was validated, so iteration
/// never truncates silently. Each item is a view of the input (valid while the input buffer
/// is). Empty items accepted in lenient mode are skipped by the iteration.
class token_list_view {
 public:
  constexpr token_list_view() = default;
  /// @p text must have been validated by one of the list parsers.
  constexpr explicit token_list_view(std::string_view text) noexcept : text_(text) {}

  /// Forward iterator over the items, yielding `std::string_view`.
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::string_view*;
    using reference = const std::string_view&;
    constexpr iterator() = default;
    constexpr explicit iterator(std::string_view text) noexcept : s_(text) { load(); }
    constexpr const std::string_view& operator*() const noexcept { return cur_; }
    constexpr const std::string_view* operator->() const noexcept { return &cur_; }
    constexpr iterator& operator++() noexcept {
      load();
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      load();
      return old;
    }
    constexpr bool operator==(const iterator& o) const noexcept {
      return done_ == o.done_ && (done_ || s_.pos() == o.s_.pos());
    }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    constexpr void load() noexcept {
      while (true) {
        grammar::skip_sws(s_);
        if (s_.at_end()) break;
        if (s_.consume(',')) continue;  // separator, or an empty item accepted leniently
        cur_ = grammar::scan_token(s_);
        if (cur_.empty()) break;  // unreachable for validated text; guarantees progress
        done_ = false;
        return;
      }
      done_ = true;
      cur_ = {};
    }
    grammar::scanner s_{std::string_view{}};
    std::string_view cur_{};
    bool done_ = true;
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(text_); }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  /// True when the list has no item (only possible for Supported, or leniently `, ,`).
  [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }
  /// Number of items (counts by iterating; there is no cap).
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }
  /// True when an item equals @p item ASCII case-insensitively (tokens and option tags
  /// compare that way, RFC 3261 §7.3.1).
  [[nodiscard]] constexpr bool contains(std::string_view item) const noexcept {
    for (std::string_view t : *this)
      if (grammar::iequals(t, item)) return true;
    return false;
  }
  /// True when an item equals @p item byte for byte (event types, RFC 6665 §8.2.1).
  [[nodiscard]] constexpr bool contains_exact(std::string_view item) const noexcept {
    for (std::string_view t : *this)
      if (t == item) return true;
    return false;
  }
  /// The validated list text as it appeared (from the first to the last non-LWS byte).
  [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }

 private:
  std::string_view text_;
};

/// Several rows of the same list header treated as one comma list (RFC 3261 §7.3.1: repeated
/// rows are equivalent to one row joining the values with commas, in order), without
/// allocation.
///
/// It views a caller-supplied array of already validated row views; the array and the
/// buffers those views alias must outlive it.
///
/// @par Example
/// @code
/// auto a = sipref::parse_require("multiple-refer");  // first Require row
/// auto b = sipref::parse_require("norefersub");      // second Require row
/// const sipref::token_list_view rows[] = {*a, *b};
/// sipref::option_tag_rows require(rows);
/// bool ok = require.contains("NoReferSub");  // true
/// @endcode
class token_list_rows {
 public:
  constexpr token_list_rows() = default;
  constexpr token_list_rows(const token_list_view* rows SIPREF_LIFETIMEBOUND, std::size_t count) noexcept
      : rows_(rows), count_(count) {}
  template <std::size_t N>
  constexpr token_list_rows(const token_list_view (&rows)[N] SIPREF_LIFETIMEBOUND) noexcept  // NOLINT
      : rows_(rows), count_(N) {}

  /// Forward iterator over the items of every row, row after row.
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::string_view*;
    using reference = const std::string_view&;
    constexpr iterator() = default;
    constexpr iterator(const token_list_view* rows, std::size_t count) noexcept : rows_(rows), count_(count) {
      if (count_ != 0) inner_ = rows_[0].begin();
      skip_exhausted();
    }
    constexpr const std::string_view& operator*() const noexcept { return *inner_; }
    constexpr const std::string_view* operator->() const noexcept { return &*inner_; }
    constexpr iterator& operator++() noexcept {
      ++inner_;
      skip_exhausted();
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }
    constexpr bool operator==(const iterator& o) const noexcept {
      return row_ == o.row_ && (row_ >= count_ || inner_ == o.inner_);
    }
    constexpr bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

   private:
    friend class token_list_rows;
    constexpr void skip_exhausted() noexcept {
      while (row_ < count_ && inner_ == token_list_view::iterator()) {
        if (++row_ < count_) inner_ = rows_[row_].begin();
      }
    }
    const token_list_view* rows_ = nullptr;
    std::size_t count_ = 0;
    std::size_t row_ = 0;
    token_list_view::iterator inner_{};
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(rows_, count_); }
  [[nodiscard]] constexpr iterator end() const noexcept {
    iterator it;
    it.rows_ = rows_;
    it.count_ = count_;
    it.row_ = count_;
    return it;
  }
  [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < count_; ++i) n += rows_[i].size();
    return n;
  }
  /// True when any row holds @p item (ASCII case-insensitive, RFC 3261 §7.3.1).
  [[nodiscard]] constexpr bool contains(std::string_view item) const noexcept {
    for (std::size_t i = 0; i < count_; ++i)
      if (rows_[i].contains(item)) return true;
    return false;
  }
  /// True when any row holds @p item byte for byte.
  [[nodiscard]] constexpr bool contains_exact(std::string_view item) const noexcept {
    for (std::size_t i = 0; i < count_; ++i)
      if (rows_[i].contains_exact(item)) return true;
    return false;
  }
  [[nodiscard]] constexpr std::size_t row_count() const noexcept { return count_; }

 private:
  const token_list_view* rows_ = nullptr;
  std::size_t count_ = 0;
};

/// A validated option-tag list (one row of Require, Supported, Unsupported or Proxy-Require).
using option_tags_view = token_list_view;
/// Several option-tag rows of one header merged into one list.
using option_tag_rows = token_list_rows;

namespace detail {

/// Accepts any token as a list item.
struct any_token {
  constexpr error operator()(std::string_view, std::size_t) const noexcept { return {}; }
};

/// Scans `[item *(COMMA item)]` (or `item *(COMMA item)` when @p may_be_empty is false) where
/// each item is a `token` further checked by @p check(token, offset). The whole input must be
/// consumed (leading and trailing LWS allowed).
///
/// Errors: `empty_value` (no item where one is required, offset where the item was
/// expected), `empty_list_item` (strict mode: offset where the missing item should start),
/// `bad_token` (an item that does not start with a token character), `trailing_garbage` (a
/// byte after an item that is neither COMMA nor trailing LWS), or @p check's error.
template <class Check>
constexpr result<token_list_view> parse_token_list(std::string_view input, bool may_be_empty, list_options opt,
                                                   Check check) noexcept {
  grammar::scanner s(input);
  grammar::skip_sws(s);
  const std::size_t first = s.pos();
  std::size_t last = first;  // one past the last item seen
  std::size_t count = 0;
  while (true) {
    if (s.at_end()) {
      // Either the value is empty, or the input ended right after a COMMA: a trailing
      // empty item (`timer,`).
      if (s.pos() != first && !opt.allow_empty_items) return s.fail(errc::empty_list_item);
      break;
    }
    if (s.next_is(',')) {  // an empty item before a COMMA (`, timer`, `timer,,100rel`)
      if (!opt.allow_empty_items) return s.fail(errc::empty_list_item);
      s.advance();
      grammar::skip_sws(s);
      continue;
    }
    const std::size_t at = s.pos();
    const std::string_view item = grammar::scan_token(s);
    if (item.empty()) return s.fail(errc::bad_token);
    if (const error e = check(item, at)) return e;
    ++count;
    last = s.pos();
    if (grammar::separator(s, ',')) continue;
    grammar::skip_sws(s);
    if (!s.at_end()) return s.fail(errc::trailing_garbage);
    break;
  }
  if (count == 0 && !may_be_empty) return s.fail(errc::empty_value);
  return token_list_view(input.substr(first, last - first));
}

/// Writes @p items joined by ", " after validating each as a `token` plus @p check.
///
/// Error offsets are positions in the value this call would write (`a, b, c`): the bad byte
/// inside an item, the start of an empty or duplicate item. Duplicates (compared
/// case-insensitively when @p icase, else byte-wise) are `invalid_argument`: the composer
/// does not silently drop them. An empty list is `empty_value` unless @p may_be_empty.
template <class Writer, class Check>
constexpr error write_token_list(Writer& w, list_ref<std::string_view> items, bool may_be_empty, bool icase,
                                 Check check) {
  if (items.empty() && !may_be_empty) return {errc::empty_value, 0};
  std::size_t pos = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string_view item = items[i];
    if (item.empty()) return {errc::invalid_argument, pos};
    for (std::size_t k = 0; k < item.size(); ++k)
      if (!grammar::is(item[k], grammar::token_char)) return {errc::invalid_argument, pos + k};
    if (const error e = check(item, std::size_t{0})) return {e.code, pos + e.offset};
    for (std::size_t j = 0; j < i; ++j)
      if (icase ? grammar::iequals(items[j], item) : items[j] == item) return {errc::invalid_argument, pos};
    pos += item.size() + 2;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) w.put(std::string_view(", ", 2));
    w.put(items[i]);
  }
  return {};
}

/// True when @p params holds a parameter whose name @p reserved(name) claims for a typed
/// field of the composer (e.g. Event's `id`); such a parameter is `invalid_argument`, never
/// silently written twice.
template <class Reserved>
constexpr error check_reserved_params(list_ref<grammar::param> params, Reserved reserved) noexcept {
  for (const grammar::param& p : params)
    if (reserved(p.name)) return {errc::invalid_argument, 0};
  return {};
}

/// Ends a single-valued header value: only LWS may remain. A COMMA means a second value
/// (`multiple_values`), anything else is `trailing_garbage`.
constexpr error finish_single_value(grammar::scanner& s) noexcept {
  grammar::skip_sws(s);
  if (s.at_end()) return {};
  return s.fail(s.next_is(',') ? errc::multiple_values : errc::trailing_garbage);
}

}  // namespace detail

// ------------------------------------------------------------------------------------------
// Parsers
// ------------------------------------------------------------------------------------------

/// The option-tag list headers: registered name and whether the list may be empty.
/// `option_tags_value<H>` and `parse_option_tags<H>` are the one mechanism for all four.
struct require_header {
  static constexpr std::string_view name = "Require";
  static constexpr bool may_be_empty = false;
};
/// Supported (compact form `k`, RFC 3261 §20.37); the only one that may be empty.
struct supported_header {
  static constexpr std::string_view name = "Supported";
  static constexpr bool may_be_empty = true;
};
struct unsupported_header {
  static constexpr std::string_view name = "Unsupported";
  static constexpr bool may_be_empty = false;
};
struct proxy_require_header {
  static constexpr std::string_view name = "Proxy-Require";
  static constexpr bool may_be_empty = false;
};

/// Parses the value of option-tag list header @p Header (see `parse_require` and friends).
///
/// @par ABNF (RFC 3261 §25.1, §20.32, §20.37, §20.40, §20.29)
/// @code
/// Require        =  "Require" HCOLON option-tag *(COMMA option-tag)
/// Supported      =  ( "Supported" / "k" ) HCOLON
///                   [option-tag *(COMMA option-tag)]
/// Unsupported    =  "Unsupported" HCOLON option-tag *(COMMA option-tag)
/// Proxy-Require  =  "Proxy-Require" HCOLON option-tag
///                   *(COMMA option-tag)
/// option-tag     =  token
/// @endcode
///
/// @p input is the header value (the text after HCOLON); it may contain line folds and
/// leading or trailing LWS, and must be consumed entirely. There is no cap on the number of
/// tags. Duplicated tags are accepted (repeated rows can legitimately produce them).
///
/// Errors: `empty_value` (no tag; Supported accepts that), `empty_list_item` at the empty
/// item (strict mode; see `list_options::allow_empty_items`), `bad_token` at an item that is
/// not a token, `trailing_garbage` at a byte after a tag that is neither COMMA nor LWS.
///
/// Lifetime: the view aliases @p input.
template <class Header>
[[nodiscard]] constexpr result<option_tags_view> parse_option_tags(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                   list_options opt = {}) noexcept {
  return detail::parse_token_list(input, Header::may_be_empty, opt, detail::any_token{});
}

/// Parses a Require value (at least one option tag, RFC 3261 §20.32).
///
/// @par Example
/// @code
/// auto r = sipref::parse_require("multiple-refer, norefersub");
/// // r->contains(sipref::option_tag::norefersub) == true, r->size() == 2
/// @endcode
/// See `parse_option_tags` for grammar, errors and lifetime.
[[nodiscard]] constexpr result<option_tags_view> parse_require(std::string_view input SIPREF_LIFETIMEBOUND,
                                                               list_options opt = {}) noexcept {
  return parse_option_tags<require_header>(input, opt);
}
/// Parses a Supported value (possibly empty = "no extensions", RFC 3261 §20.37).
[[nodiscard]] constexpr result<option_tags_view> parse_supported(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                 list_options opt = {}) noexcept {
  return parse_option_tags<supported_header>(input, opt);
}
/// Parses an Unsupported value (at least one option tag, RFC 3261 §20.40).
[[nodiscard]] constexpr result<option_tags_view> parse_unsupported(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                   list_options opt = {}) noexcept {
  return parse_option_tags<unsupported_header>(input, opt);
}
/// Parses a Proxy-Require value (at least one option tag, RFC 3261 §20.29).
[[nodiscard]] constexpr result<option_tags_view> parse_proxy_require(std::string_view input SIPREF_LIFETIMEBOUND,
                                                                     list_options opt = {}) noexcept {
  return parse_option_tags<proxy_require_header>(input, opt);
}

// ------------------------------------------------------------------------------------------
// Composer
// ------------------------------------------------------------------------------------------

/// A composable option-tag list value for header @p Header (`require_value`,
/// `supported_value`, `unsupported_value`, `proxy_require_value`).
///
/// Composes `tag, tag, ...` (joined with ", "). Each tag must be a non-empty `token`.
/// Errors (offsets are positions in the composed value, i.e. where a parser of the output
/// would point): `invalid_argument` at the first bad byte of a tag, at the start of an empty
/// tag, or at the start of a tag that repeats an earlier one case-insensitively (the composer
/// never silently drops duplicates); `empty_value` (offset 0) for an empty list except for
/// Supported, which then composes to the empty value.
///
/// @par Example
/// @code
/// const std::string_view tags[] = {sipref::option_tag::multiple_refer,
///                                  sipref::option_tag::norefersub};
/// std::string msg;
/// auto e = sipref::append_to(msg, sipref::header_row(sipref::require_value{tags}));
/// // msg == "Require: multiple-refer, norefersub\r\n"
/// @endcode
template <class Header>
struct option_tags_value {
  /// Registered long spelling of the header.
  static constexpr std::string_view header_name = Header::name;
  /// The tags, in order; aliases the caller's storage (see `list_ref`).
  list_ref<std::string_view> tags{};

  template <class Writer>
  constexpr error compose(Writer& w) const {
    return detail::write_token_list(w, tags, Header::may_be_empty, true, detail::any_token{});
  }
};

using require_value = option_tags_value<require_header>;
using supported_value = option_tags_value<supported_header>;
using unsupported_value = option_tags_value<unsupported_header>;
using proxy_require_value = option_tags_value<proxy_require_header>;

SIPREF_END_NAMESPACE

#endif  // SIPREF_OPTION_TAGS_HPP
