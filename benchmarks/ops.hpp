// SPDX-License-Identifier: MIT
/// @file ops.hpp
/// The catalogue of measured operations, shared by the Google Benchmark suite
/// (bench_refer.cpp) and the instruction-count driver (icount.cpp) so both measure exactly
/// the same code on the same bytes.
///
/// Every operation is named `<group>/<shape>/<impl>`:
/// - group: `copy` (memcpy of the message, the floor), `compose`, `parse`, `check`;
/// - shape: `refer_<N>` (REFER with N invitees; N = 1 is the single REFER),
///   `refer_<N>_multipart`, `list_<N>` (a resource-lists body with N entries), `notify`;
/// - impl: `sipref_buffer` (compose_to into a reused buffer), `sipref_string_reused`
///   (append_to into a cleared string), `sipref_string_fresh` (to_string), `naive_reused` /
///   `naive_fresh` (hand-written std::string appends of the same bytes), `snprintf`,
///   `sipref_typed` (full typed parse), `sipref_message` (framing only), `sipref` (the
///   shape's own reader / checker), and the baselines `osip2`, `sofia`, `pugixml`, `expat`,
///   `libxml2`.
#ifndef SIPREF_BENCH_OPS_HPP
#define SIPREF_BENCH_OPS_HPP

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baselines.hpp"
#include "fixtures.hpp"

namespace bench {

/// One measured operation: `run()` does it once and returns a value that depends on the
/// work (so the compiler cannot drop it).
class op {
 public:
  virtual ~op() = default;
  virtual std::size_t run() = 0;
  std::size_t bytes = 0;  ///< size of the message composed / parsed / copied
  std::size_t items = 0;  ///< list entries it handles (0: not a list operation)
};

/// A named operation and how to build it (building may be slow: fixtures are made there).
struct op_spec {
  std::string name;
  std::function<std::unique_ptr<op>()> make;
};

namespace detail {

template <class F>
class fn_op final : public op {
 public:
  explicit fn_op(F f) : f_(std::move(f)) {}
  std::size_t run() override { return f_(); }

 private:
  F f_;
};

template <class F>
std::unique_ptr<op> make_op(std::size_t bytes, std::size_t items, F f) {
  auto o = std::make_unique<fn_op<F>>(std::move(f));
  o->bytes = bytes;
  o->items = items;
  return o;
}

/// A message split into its request line, header rows and body, for the SIP stacks.
inline message_spec spec_of(const std::string& text) {
  auto m = sipref::parse_message(text);
  if (!m) std::abort();
  message_spec s;
  s.method = std::string(m->method());
  s.uri = std::string(m->request_uri());
  for (const sipref::header_field_view& h : m->headers()) s.headers.emplace_back(std::string(h.name), std::string(h.value));
  s.body = std::string(m->body());
  return s;
}

inline std::string shape_refer(std::size_t n) { return "refer_" + std::to_string(n); }
inline std::string shape_list(std::size_t n) { return "list_" + std::to_string(n); }

/// Composition into a reused buffer, a reused string and a fresh string, for any composable
/// value a fixture holds.
template <class Fixture, class Get>
void add_sipref_compose(std::vector<op_spec>& out, const std::string& shape, std::function<std::shared_ptr<Fixture>()> make,
                        Get get, std::size_t items) {
  out.push_back({"compose/" + shape + "/sipref_buffer", [make, get, items] {
                   auto f = make();
                   const std::size_t size = sipref::composed_size(get(*f)).value();
                   auto buf = std::make_shared<std::vector<char>>(size + 64);
                   return make_op(size, items, [f, get, buf] {
                     auto r = sipref::compose_to(buf->data(), buf->data() + buf->size(), get(*f));
                     return static_cast<std::size_t>(r.ptr - buf->data()) + static_cast<std::size_t>(r.ec.code);
                   });
                 }});
  out.push_back({"compose/" + shape + "/sipref_string_reused", [make, get, items] {
                   auto f = make();
                   const std::size_t size = sipref::composed_size(get(*f)).value();
                   auto s = std::make_shared<std::string>();
                   s->reserve(size + 64);
                   return make_op(size, items, [f, get, s] {
                     s->clear();
                     const sipref::error e = sipref::append_to(*s, get(*f));
                     return s->size() + static_cast<std::size_t>(e.code);
                   });
                 }});
  out.push_back({"compose/" + shape + "/sipref_string_fresh", [make, get, items] {
                   auto f = make();
                   const std::size_t size = sipref::composed_size(get(*f)).value();
                   return make_op(size, items, [f, get] {
                     auto s = sipref::to_string(get(*f));
                     return s ? s->size() : 0;
                   });
                 }});
}

inline void add_copy(std::vector<op_spec>& out, const std::string& shape, std::function<std::string()> text) {
  out.push_back({"copy/" + shape + "/memcpy", [text] {
                   auto src = std::make_shared<std::string>(text());
                   auto dst = std::make_shared<std::vector<char>>(src->size() + 64);
                   return make_op(src->size(), 0, [src, dst] {
                     std::memcpy(dst->data(), src->data(), src->size());
                     return static_cast<std::size_t>(static_cast<unsigned char>((*dst)[src->size() / 2]));
                   });
                 }});
}

/// Naive appends: @p append(out, scratch) writes the message into `out`.
inline void add_naive(std::vector<op_spec>& out, const std::string& shape, std::size_t items,
                      std::function<std::function<void(std::string&, std::string&)>()> make_append) {
  out.push_back({"compose/" + shape + "/naive_reused", [make_append, items] {
                   auto append = make_append();
                   auto s = std::make_shared<std::string>();
                   auto scratch = std::make_shared<std::string>();
                   append(*s, *scratch);
                   const std::size_t size = s->size();
                   s->reserve(size + 64);
                   scratch->reserve(size + 64);
                   return make_op(size, items, [append, s, scratch] {
                     s->clear();
                     append(*s, *scratch);
                     return s->size();
                   });
                 }});
  out.push_back({"compose/" + shape + "/naive_fresh", [make_append, items] {
                   auto append = make_append();
                   std::string probe, probe_scratch;
                   append(probe, probe_scratch);
                   return make_op(probe.size(), items, [append] {
                     std::string s, scratch;
                     append(s, scratch);
                     return s.size();
                   });
                 }});
}

}  // namespace detail

/// Every operation, references (`copy/*/memcpy`, `compose/*/naive_reused`) first.
/// @p max_n bounds the largest N (REFERs and lists) so quick runs can skip 10 000.
inline std::vector<op_spec> catalogue(std::size_t max_n = 10000) {
  using detail::shape_list;
  using detail::shape_refer;
  std::vector<op_spec> out;
  std::vector<std::size_t> refer_ns, list_ns;
  for (std::size_t n : {1u, 2u, 10u, 100u, 1000u, 10000u})
    if (n <= max_n) refer_ns.push_back(n);
  for (std::size_t n : {10u, 100u, 1000u, 10000u})
    if (n <= max_n) list_ns.push_back(n);
  auto refer_maker = [](std::size_t n) {
    return std::function<std::shared_ptr<refer_fixture>()>([n] { return std::make_shared<refer_fixture>(n); });
  };
  auto list_maker = [](std::size_t n) {
    return std::function<std::shared_ptr<list_fixture>()>([n] { return std::make_shared<list_fixture>(n); });
  };
  auto items_of = [](std::size_t n) { return n > 1 ? n : std::size_t{0}; };

  // ---- references: memcpy and the naive appends ----
  for (std::size_t n : refer_ns) detail::add_copy(out, shape_refer(n), [n] { return refer_fixture(n).text(); });
  detail::add_copy(out, "refer_100_multipart", [] { return refer_fixture(100, sipref::body_layout::multipart).text(); });
  for (std::size_t n : list_ns) detail::add_copy(out, shape_list(n), [n] { return list_fixture(n).text(); });
  detail::add_copy(out, "notify", [] { return notify_fixture().text(); });
  for (std::size_t n : refer_ns)
    detail::add_naive(out, shape_refer(n), items_of(n), [n] {
      auto f = std::make_shared<refer_fixture>(n);
      return std::function<void(std::string&, std::string&)>([f](std::string& s, std::string& body) { naive_refer(s, *f, body); });
    });
  for (std::size_t n : list_ns)
    detail::add_naive(out, shape_list(n), n, [n] {
      auto f = std::make_shared<list_fixture>(n);
      return std::function<void(std::string&, std::string&)>([f](std::string& s, std::string&) { naive_list_body(s, f->uris); });
    });
  detail::add_naive(out, "notify", 0, [] {
    return std::function<void(std::string&, std::string&)>([](std::string& s, std::string&) { naive_notify(s); });
  });

  // ---- compose ----
  for (std::size_t n : refer_ns)
    detail::add_sipref_compose<refer_fixture>(out, shape_refer(n), refer_maker(n),
                                              [](const refer_fixture& f) -> const sipref::refer_request& { return f.request; },
                                              items_of(n));
  detail::add_sipref_compose<refer_fixture>(
      out, "refer_100_multipart",
      [] { return std::make_shared<refer_fixture>(100, sipref::body_layout::multipart); },
      [](const refer_fixture& f) -> const sipref::refer_request& { return f.request; }, 100);
  out.push_back({"compose/refer_1/snprintf", [] {
                   auto buf = std::make_shared<std::vector<char>>(2048);
                   const int n = snprintf_refer(buf->data(), buf->size());
                   return detail::make_op(static_cast<std::size_t>(n), 0, [buf] {
                     return static_cast<std::size_t>(snprintf_refer(buf->data(), buf->size()));
                   });
                 }});
  for (std::size_t n : list_ns)
    detail::add_sipref_compose<list_fixture>(out, shape_list(n), list_maker(n),
                                             [](const list_fixture& f) { return f.body(); }, n);
  detail::add_sipref_compose<notify_fixture>(
      out, "notify", [] { return std::make_shared<notify_fixture>(); },
      [](const notify_fixture& f) -> const sipref::refer_notify& { return f.notify; }, 0);

  // The SIP stacks build the same messages from their parts (the list body as given text).
  struct stack_entry {
    const char* name;
    std::unique_ptr<sip_stack> (*make)();
  };
  const stack_entry stacks[] = {{"osip2", &make_osip2}, {"sofia", &make_sofia}};
  for (const stack_entry& st : stacks) {
    if (!st.make()) continue;  // not built
    auto compose_with = [&out, st](const std::string& shape, std::function<std::string()> text, std::size_t items) {
      out.push_back({"compose/" + shape + "/" + st.name, [st, text, items] {
                       std::shared_ptr<sip_stack> stack = st.make();
                       auto spec = std::make_shared<message_spec>(detail::spec_of(text()));
                       const std::size_t size = stack->compose(*spec);
                       if (size == 0) {
                         std::fprintf(stderr, "%s cannot compose the message\n", st.name);
                         std::abort();
                       }
                       return detail::make_op(size, items, [stack, spec] { return stack->compose(*spec); });
                     }});
    };
    auto parse_with = [&out, st](const std::string& shape, std::function<std::string()> text, std::size_t items) {
      out.push_back({"parse/" + shape + "/" + st.name, [st, text, items] {
                       std::shared_ptr<sip_stack> stack = st.make();
                       auto t = std::make_shared<std::string>(text());
                       if (stack->parse(*t) == 0) {
                         std::fprintf(stderr, "%s cannot parse the message\n", st.name);
                         std::abort();
                       }
                       return detail::make_op(t->size(), items, [stack, t] { return stack->parse(*t); });
                     }});
    };
    for (std::size_t n : refer_ns) {
      compose_with(shape_refer(n), [n] { return refer_fixture(n).text(); }, items_of(n));
      parse_with(shape_refer(n), [n] { return refer_fixture(n).text(); }, items_of(n));
    }
    compose_with("notify", [] { return notify_fixture().text(); }, 0);
    parse_with("notify", [] { return notify_fixture().text(); }, 0);
  }

  // ---- parse ----
  for (std::size_t n : refer_ns) {
    out.push_back({"parse/" + shape_refer(n) + "/sipref_typed", [n, items_of] {
                     auto t = std::make_shared<std::string>(refer_fixture(n).text());
                     auto items = std::make_shared<std::vector<sipref::resource_list_item>>(n + 1);
                     auto parsed = std::make_shared<parsed_refer>();
                     if (!parse_refer_typed(*t, *parsed, items->data(), items->size()) || parsed->entries != (n > 1 ? n : 0)) {
                       std::fprintf(stderr, "sipref cannot parse refer_%zu\n", n);
                       std::abort();
                     }
                     return detail::make_op(t->size(), items_of(n), [t, items, parsed] {
                       return static_cast<std::size_t>(parse_refer_typed(*t, *parsed, items->data(), items->size())) +
                              parsed->entries;
                     });
                   }});
    out.push_back({"parse/" + shape_refer(n) + "/sipref_message", [n, items_of] {
                     auto t = std::make_shared<std::string>(refer_fixture(n).text());
                     return detail::make_op(t->size(), items_of(n), [t] {
                       auto m = sipref::parse_message(*t);
                       return m ? m->size() : 0;
                     });
                   }});
  }
  out.push_back({"parse/notify/sipref", [] {
                   auto t = std::make_shared<std::string>(notify_fixture().text());
                   if (!sipref::parse_refer_notify(*t)) std::abort();
                   return detail::make_op(t->size(), 0, [t] {
                     auto p = sipref::parse_refer_notify(*t);
                     return p ? static_cast<std::size_t>(p->code) : 0;
                   });
                 }});
  out.push_back({"parse/notify/sipref_message", [] {
                   auto t = std::make_shared<std::string>(notify_fixture().text());
                   return detail::make_op(t->size(), 0, [t] {
                     auto m = sipref::parse_message(*t);
                     return m ? m->size() : 0;
                   });
                 }});
  for (std::size_t n : list_ns) {
    out.push_back({"parse/" + shape_list(n) + "/sipref", [n] {
                     auto t = std::make_shared<std::string>(list_fixture(n).text());
                     auto items = std::make_shared<std::vector<sipref::resource_list_item>>(n);
                     auto r = sipref::parse_resource_lists(*t, items->data(), items->size());
                     if (!r || r->size != n) std::abort();
                     return detail::make_op(t->size(), n, [t, items] {
                       auto v = sipref::parse_resource_lists(*t, items->data(), items->size());
                       return v ? v->size : 0;
                     });
                   }});
    struct xml_entry {
      const char* name;
      std::unique_ptr<xml_reader> (*make)();
    };
    const xml_entry readers[] = {{"pugixml", &make_pugixml}, {"expat", &make_expat}, {"libxml2", &make_libxml2}};
    for (const xml_entry& x : readers) {
      if (!x.make()) continue;
      out.push_back({"parse/" + shape_list(n) + "/" + x.name, [n, x] {
                       std::shared_ptr<xml_reader> reader = x.make();
                       const list_fixture l(n);
                       auto t = std::make_shared<std::string>(l.text());
                       // Cross-check: the same URIs as sipref's composer wrote.
                       if (reader->extract(*t) != n || reader->uri(0) != l.uris[0] || reader->uri(n - 1) != l.uris[n - 1]) {
                         std::fprintf(stderr, "%s does not read list_%zu\n", x.name, n);
                         std::abort();
                       }
                       return detail::make_op(t->size(), n, [reader, t] { return reader->extract(*t); });
                     }});
    }
  }

  // ---- the checker ----
  for (std::size_t n : refer_ns) {
    if (n > 1000) continue;
    out.push_back({"check/" + shape_refer(n) + "/sipref", [n, items_of] {
                     auto t = std::make_shared<std::string>(refer_fixture(n).text());
                     const sipref::refer_report r = sipref::check_refer(*t);
                     if (!r.ok() || r.invitees.size() != n) {
                       std::fprintf(stderr, "check_refer rejects refer_%zu\n", n);
                       std::abort();
                     }
                     return detail::make_op(t->size(), items_of(n), [t] {
                       const sipref::refer_report rep = sipref::check_refer(*t);
                       return rep.invitees.size() + rep.findings.size();
                     });
                   }});
  }
  return out;
}

}  // namespace bench

#endif  // SIPREF_BENCH_OPS_HPP
