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
  void put(std::string_view s) noexcept {
    const auto room = static_cast<std::size_t>(last_ - pos_);
    const std::size_t n = s.size() < room ? s.size() : room;
    if (n != 0) std::memcpy(pos_, s.data(), n);
    pos_ += n;
    if (n != s.size()) overflow_ = true;
  }
  [[nodiscard]] char* pos() const noexcept { return pos_; }
  [[nodiscard]] bool overflowed() const noexcept { return overflow_; }

 private:
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
  string_writer w(out);
  const error e = value.compose(w);
  if (e) out.resize(old_size);
  return e;
}

/// Validates @p value and returns it as a new string.
template <class T>
[[nodiscard]] result<std::string> to_string(const T& value) {
  std::string out;
  if (const error e = append_to(out, value)) return e;
  return out;
}

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
    w.put(T::header_name);
    w.put(std::string_view(": ", 2));
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
