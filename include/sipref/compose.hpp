// SPDX-License-Identifier: MIT
/// @file compose.hpp
/// The one composition mechanism every sipref value shares, offered in three forms: the size
/// needed, writing into a caller buffer (`std::to_chars`-like), and appending to a reused
/// `std::string`.
///
/// A composable value is any type with a member
/// @code
/// template <class Writer> constexpr sipref::error compose(Writer& w) const;
/// @endcode
/// that validates every caller-supplied field and writes through `w.put(char)` and
/// `w.put(std::string_view)`. It returns `{errc::ok, 0}` or the first invalid field's error
/// (the offset is inside that field). It may have written a prefix before it fails; the entry
/// points below discard it (an error result, or the string restored to its old size). They run
/// that one function with different writers, so the three forms can never disagree.
#ifndef SIPREF_COMPOSE_HPP
#define SIPREF_COMPOSE_HPP

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <initializer_list>
#include <type_traits>
#include <utility>

#include "config.hpp"
#include "error.hpp"

SIPREF_BEGIN_NAMESPACE

/// A read-only view of a caller's contiguous sequence of `T` (the C++17 stand-in for
/// `std::span<const T>`): composers take lists of items through it without allocating.
/// Constructible from a C array, a pointer and a count, an `std::initializer_list` (valid for
/// the full-expression, or for the lifetime of an aggregate it initialises), or any container
/// with `data()` and `size()`. Aliases the caller's storage.
template <class T>
class list_ref {
 public:
  constexpr list_ref() noexcept = default;
  constexpr list_ref(const T* data, std::size_t size) noexcept : data_(data), size_(size) {}
  template <std::size_t N>
  constexpr list_ref(const T (&array)[N]) noexcept : data_(array), size_(N) {}  // NOLINT
#if defined(__GNUC__) && !defined(__clang__)
// The braced list lives until the end of the full-expression (or as long as an aggregate it
// initialises): exactly the lifetime a composer call needs, which GCC cannot see.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
#endif
  constexpr list_ref(std::initializer_list<T> list) noexcept  // NOLINT
      : data_(list.begin()), size_(list.size()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  template <class C, class = decltype(std::declval<const C&>().data()),
            class = std::enable_if_t<std::is_convertible<decltype(std::declval<const C&>().data()), const T*>::value>>
  constexpr list_ref(const C& c) noexcept : data_(c.data()), size_(c.size()) {}  // NOLINT

  [[nodiscard]] constexpr const T* begin() const noexcept { return data_; }
  [[nodiscard]] constexpr const T* end() const noexcept { return data_ + size_; }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] constexpr const T& operator[](std::size_t i) const noexcept { return data_[i]; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

/// Writer that only counts bytes: the "size needed" form.
class size_counter {
 public:
  constexpr void put(char) noexcept { ++size_; }
  constexpr void put(std::string_view s) noexcept { size_ += s.size(); }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }

 private:
  std::size_t size_ = 0;
};

namespace detail {
/// Copies @p n bytes from @p src to the non-overlapping @p dst. Composers copy many short
/// pieces (header names, tags, URIs): up to 64 bytes take a few fixed-size moves (two
/// overlapping ones cover any length in a range) instead of a library call; a size known at
/// compile time folds to its one case.
// GCC 11+ at -O1/-Og follows each size branch into callers whose source is a small local
// array (the digits of `write_decimal`) and warns about the larger branches, which cannot
// run for it (-Warray-bounds, -Wstringop-overread); -O2 and above prove that and stay quiet.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif
[[gnu::always_inline]] inline void copy_bytes(char* dst, const char* src, std::size_t n) noexcept {
  if (n >= 8) {
    if (n > 32) {
      if (n > 64) {
        std::memcpy(dst, src, n);
        return;
      }
      // Four 16-byte pieces, all loaded first (the last two may overlap the first two).
      char a[16], b[16], c[16], d[16];
      std::memcpy(a, src, 16);
      std::memcpy(b, src + 16, 16);
      std::memcpy(c, src + n - 32, 16);
      std::memcpy(d, src + n - 16, 16);
      std::memcpy(dst, a, 16);
      std::memcpy(dst + 16, b, 16);
      std::memcpy(dst + n - 32, c, 16);
      std::memcpy(dst + n - 16, d, 16);
      return;
    }
    if (n > 16) {
      char a[16], b[16];  // loaded first: the two halves may overlap
      std::memcpy(a, src, 16);
      std::memcpy(b, src + n - 16, 16);
      std::memcpy(dst, a, 16);
      std::memcpy(dst + n - 16, b, 16);
      return;
    }
    char a[8], b[8];
    std::memcpy(a, src, 8);
    std::memcpy(b, src + n - 8, 8);
    std::memcpy(dst, a, 8);
    std::memcpy(dst + n - 8, b, 8);
    return;
  }
  if (n >= 4) {
    char a[4], b[4];
    std::memcpy(a, src, 4);
    std::memcpy(b, src + n - 4, 4);
    std::memcpy(dst, a, 4);
    std::memcpy(dst + n - 4, b, 4);
  } else if (n != 0) {
    const char a = src[0], b = src[n / 2], c = src[n - 1];
    dst[0] = a;
    dst[n / 2] = b;
    dst[n - 1] = c;
  }
}
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#pragma GCC diagnostic pop
#endif
}  // namespace detail

/// Writer into a caller buffer `[first, last)`. Writes what fits and remembers overflow, so a
/// too-small buffer is reported, never overrun.
class buffer_writer {
 public:
  constexpr buffer_writer(char* first, char* last) noexcept : pos_(first), last_(last) {}
  void put(char c) noexcept {
    if (pos_ != last_) {
      *pos_++ = c;
    } else {
      overflow_ = true;
    }
  }
  // Inline: composers call it for every piece, most of them a few bytes long.
  [[gnu::always_inline]] void put(std::string_view s) noexcept {
    if (s.size() <= static_cast<std::size_t>(last_ - pos_)) {
      detail::copy_bytes(pos_, s.data(), s.size());
      pos_ += s.size();
    } else {
      put_partial(s);
    }
  }
  [[nodiscard]] char* pos() const noexcept { return pos_; }
  [[nodiscard]] bool overflowed() const noexcept { return overflow_; }

 private:
  // The rare overflow: write what still fits, then remember.
  void put_partial(std::string_view s) noexcept {
    const auto room = static_cast<std::size_t>(last_ - pos_);
    if (room != 0) std::memcpy(pos_, s.data(), room);
    pos_ = last_;
    overflow_ = true;
  }

  char* pos_;
  char* last_;
  bool overflow_ = false;
};

/// Writer that appends to a `std::string`. With enough capacity reserved it never allocates.
class string_writer {
 public:
  explicit string_writer(std::string& out) noexcept : out_(out) {}
  void put(char c) { out_.push_back(c); }
  void put(std::string_view s) { out_.append(s.data(), s.size()); }

 private:
  std::string& out_;
};

namespace detail {
/// The writer of `append_to`: it writes into the string's spare capacity as `buffer_writer`
/// writes into a buffer (a bounds check and a copy a piece, no library call), making room a
/// chunk at a time; the room not yet written holds filler until `finish` trims it. Within
/// the capacity a caller reserved it never allocates; beyond it the string grows
/// geometrically, as appending does.
class string_fill_writer {
 public:
  explicit string_fill_writer(std::string& out) : out_(out), size_(out.size()) { make_room(0); }
  void put(char c) {
    if (size_ == out_.size()) make_room(1);
    out_[size_++] = c;
  }
  [[gnu::always_inline]] void put(std::string_view s) {
    if (s.size() > out_.size() - size_) make_room(s.size());
    copy_bytes(&out_[0] + size_, s.data(), s.size());
    size_ += s.size();
  }
  /// Drops the filler: the string then holds exactly what was written.
  void finish() { out_.resize(size_); }

 private:
  // At least @p n bytes of room: the reserved capacity first, a bounded chunk at a time (so
  // a huge reserve costs no huge fill), then as much as is needed (std::string doubles).
  void make_room(std::size_t n) {
    constexpr std::size_t chunk = 1024;
    const std::size_t want = size_ + (n > chunk ? n : chunk);
    const std::size_t cap = out_.capacity();
    out_.resize(cap >= size_ + n ? (want < cap ? want : cap) : size_ + n);
  }

  std::string& out_;
  std::size_t size_;  ///< bytes written; out_.size() - size_ is the room
};
}  // namespace detail

/// Result of `compose_to`, shaped like `std::to_chars_result`: `ptr` is one past the last byte
/// written; `ec` is `errc::ok`, `errc::buffer_too_small` (nothing useful was written), or the
/// validation error of the value.
struct compose_result {
  char* ptr = nullptr;
  error ec{};
};

/// Validates @p value and returns the number of bytes it composes to.
///
/// @par Example
/// @code
/// auto n = sipref::composed_size(sipref::refer_sub_value{false});  // 5
/// @endcode
template <class T>
[[nodiscard]] constexpr result<std::size_t> composed_size(const T& value) noexcept {
  size_counter w;
  if (const error e = value.compose(w)) return e;
  return w.size();
}

/// Validates @p value and writes it into `[first, last)` without a NUL terminator.
template <class T>
[[nodiscard]] compose_result compose_to(char* first, char* last, const T& value) noexcept {
  buffer_writer w(first, last);
  if (const error e = value.compose(w)) return {first, e};
  if (w.overflowed()) return {last, error{errc::buffer_too_small, 0}};
  return {w.pos(), error{}};
}

/// Validates @p value and appends it to @p out. On failure @p out is left as it was.
/// Appending into a string whose capacity is already large enough does not allocate.
template <class T>
[[nodiscard]] error append_to(std::string& out, const T& value) {
  const std::size_t old_size = out.size();
  detail::string_fill_writer w(out);
  const error e = value.compose(w);
  if (e) {
    out.resize(old_size);
  } else {
    w.finish();
  }
  return e;
}

/// Validates @p value and returns it as a new string.
template <class T>
[[nodiscard]] result<std::string> to_string(const T& value) {
  std::string out;
  if (const error e = append_to(out, value)) return e;
  return out;
}

namespace detail {
/// `Name: ` for the header value type @p T (its `header_name` and the colon and space), built
/// at compile time: a row starts with one piece of a known size instead of two.
template <class T>
struct row_prefix {
  static constexpr std::size_t size = T::header_name.size() + 2;
  struct text_type {
    char v[size];
  };
  static constexpr text_type make() noexcept {
    text_type t{};
    for (std::size_t i = 0; i < T::header_name.size(); ++i) t.v[i] = T::header_name[i];
    t.v[size - 2] = ':';
    t.v[size - 1] = ' ';
    return t;
  }
  static constexpr text_type text = make();
  [[nodiscard]] static constexpr std::string_view view() noexcept { return std::string_view(text.v, size); }
};
}  // namespace detail

/// A whole header row `Name: value CRLF` for any header value type `T` that names itself with
/// `static constexpr std::string_view header_name` (its registered long spelling, PROCEDURE.md
/// §4). Composable like the value itself.
///
/// @par Example
/// @code
/// std::string msg;
/// auto e = sipref::append_to(msg, sipref::header_row(sipref::refer_sub_value{false}));
/// // msg == "Refer-Sub: false\r\n"
/// @endcode
template <class T>
struct header_row_of {
  const T& value;
  template <class Writer>
  constexpr error compose(Writer& w) const {
    w.put(detail::row_prefix<T>::view());
    if (const error e = value.compose(w)) return e;
    w.put(std::string_view("\r\n", 2));
    return {};
  }
};

/// Wraps a header value so that it composes as a full header row.
template <class T>
[[nodiscard]] constexpr header_row_of<T> header_row(const T& value SIPREF_LIFETIMEBOUND) noexcept {
  return header_row_of<T>{value};
}

SIPREF_END_NAMESPACE

#endif  // SIPREF_COMPOSE_HPP
