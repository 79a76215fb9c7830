// SPDX-License-Identifier: MIT
/// @file baselines.hpp
/// Other implementations measured on the same bytes as sipref: the SIP stacks oSIP2 and
/// sofia-sip (compose and parse whole messages through their public APIs) and the XML
/// parsers pugixml, expat and libxml2 (extract the entry URIs of a resource-lists body).
/// Each one is compiled in only when CMake found its Debian dev package
/// (`SIPREF_BENCH_HAVE_<NAME>`); otherwise its factory returns nullptr and its benchmarks are
/// not registered.
#ifndef SIPREF_BENCH_BASELINES_HPP
#define SIPREF_BENCH_BASELINES_HPP

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bench {

/// A request as its parts, NUL-terminated for C APIs: what a stack is given to build the
/// message sipref composes (taken from sipref's own output, so both build the same message).
struct message_spec {
  std::string method;
  std::string uri;
  std::vector<std::pair<std::string, std::string>> headers;  ///< name, value; in order
  std::string body;
};

/// A SIP stack: builds + serialises a message, and parses one.
class sip_stack {
 public:
  virtual ~sip_stack() = default;
  /// Builds @p m with the stack's API and serialises it; returns the serialised size (0 on
  /// failure).
  virtual std::size_t compose(const message_spec& m) = 0;
  /// Parses @p text into the stack's message structure; returns the number of header fields
  /// it holds, or 0 on failure.
  virtual std::size_t parse(std::string_view text) = 0;
};

/// An XML parser extracting the `uri` attribute of every `<entry>` of a resource-lists body.
class xml_reader {
 public:
  virtual ~xml_reader() = default;
  /// Returns the number of entry URIs found (0 on failure); the URIs are kept in the reader
  /// until the next call.
  virtual std::size_t extract(std::string_view doc) = 0;
  /// The URI of entry @p i of the last call (for the start-up cross-check).
  virtual std::string uri(std::size_t i) const = 0;
  /// True when the reader resolves namespaces (matches `entry` in the RFC 4826 namespace).
  virtual bool namespace_aware() const = 0;
};

std::unique_ptr<sip_stack> make_osip2();
std::unique_ptr<sip_stack> make_sofia();
std::unique_ptr<xml_reader> make_pugixml();
std::unique_ptr<xml_reader> make_expat();
std::unique_ptr<xml_reader> make_libxml2();

}  // namespace bench

#endif  // SIPREF_BENCH_BASELINES_HPP
