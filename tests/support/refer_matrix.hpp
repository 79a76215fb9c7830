// SPDX-License-Identifier: MIT
/// @file refer_matrix.hpp
/// The matrix of REFERs the procedure tests and the interop tests compose: every profile ×
/// {one, several invitees} × {add, remove} × {new dialog, in dialog} × {plain, multipart},
/// with names and URIs that exercise quoting, UTF-8, IPv6 and escaped embedded headers.
#ifndef SIPREF_TEST_REFER_MATRIX_HPP
#define SIPREF_TEST_REFER_MATRIX_HPP

#include <string>
#include <vector>

#include <sipref/refer_request.hpp>

namespace test {

/// One composed REFER and what it was asked to contain.
struct refer_case {
  std::string name;  ///< e.g. "oma/several/add/new-dialog/plain"
  sipref::refer_profile profile = sipref::refer_profile::oma;
  bool several = false;
  bool remove = false;
  bool in_dialog = false;
  bool multipart = false;
  std::string session_uri;
  std::vector<std::string> invitee_uris;   ///< as given
  std::vector<std::string> invitee_names;  ///< as given (UTF-8)
  std::string content_id;
  std::string text;                        ///< the composed message
};

/// The invitees used by the matrix: a plain URI, a quoted display name with `"`, `\`, `,` and
/// UTF-8, an IPv6 host, and a URI with an escaped embedded header.
inline const std::vector<std::pair<std::string, std::string>>& matrix_invitees() {
  static const std::vector<std::pair<std::string, std::string>> people = {
      {"Bob", "sip:bob@example.com"},
      {"Zo\xc3\xab \"Z\" O'Neil, \\ PhD", "sip:zoe@example.org;transport=tcp"},
      {"", "sip:carol@[2001:db8::10]:5070"},
      {"Dave & <Sons>", "sip:dave@example.net?Subject=hi%20there&Priority=urgent"},
  };
  return people;
}

/// Composes the whole matrix. Every case is expected to compose successfully.
inline std::vector<refer_case> refer_matrix() {
  std::vector<refer_case> out;
  const sipref::refer_profile profiles[] = {sipref::refer_profile::oma, sipref::refer_profile::rcs,
                                            sipref::refer_profile::ims};
  const char* profile_names[] = {"oma", "rcs", "ims"};
  static const std::string_view routes[] = {"sip:p1.example.com;lr", "sip:p2.example.com;lr"};
  for (int pi = 0; pi < 3; ++pi)
    for (int several = 0; several < 2; ++several)
      for (int remove = 0; remove < 2; ++remove)
        for (int dialog = 0; dialog < 2; ++dialog)
          for (int multipart = 0; multipart < 2; ++multipart) {
            if (!several && multipart) continue;  // one invitee: no body, no layout
            refer_case c;
            c.profile = profiles[pi];
            c.several = several != 0;
            c.remove = remove != 0;
            c.in_dialog = dialog != 0;
            c.multipart = multipart != 0;
            c.name = std::string(profile_names[pi]) + (several ? "/several" : "/one") + (remove ? "/remove" : "/add") +
                     (dialog ? "/in-dialog" : "/new-dialog") + (several ? (multipart ? "/multipart" : "/plain") : "");
            c.session_uri = "sip:conf-7f3a9c@im.example.com";
            c.content_id = "rl-0a1b2c@example.com";
            std::vector<sipref::invitee> who;
            const auto& people = matrix_invitees();
            const std::size_t n = several ? people.size() : 1;
            // For one invitee, rotate through the people so each shape gets a single REFER too.
            const std::size_t first = several ? 0 : static_cast<std::size_t>(pi + remove * 3 + dialog) % people.size();
            for (std::size_t i = 0; i < n; ++i) {
              const auto& person = people[(first + i) % people.size()];
              c.invitee_names.push_back(person.first);
              c.invitee_uris.push_back(person.second);
            }
            for (std::size_t i = 0; i < n; ++i) {
              sipref::invitee e;
              e.uri = c.invitee_uris[i];
              e.display_name = c.invitee_names[i];
              who.push_back(e);
            }
            sipref::refer_request r;
            r.profile = c.profile;
            r.session_uri = c.session_uri;
            r.invitees = who;
            r.action = c.remove ? sipref::refer_action::remove : sipref::refer_action::add;
            r.layout = c.multipart ? sipref::body_layout::multipart : sipref::body_layout::plain;
            r.from_uri = "sip:+15551230001@example.com";
            r.from_display_name = "Al\xc3\xaf" "ce";
            r.contact_uri = "sip:+15551230001@[2001:db8::1]:5060;transport=tcp";
            r.call_id = "5f1e9c2a-group-session@192.0.2.10";
            r.from_tag = "a1b2c3";
            r.via = {"TCP", "192.0.2.10", 5060, "z9hG4bK-matrix-1", true};
            r.content_id = c.content_id;
            const sipref::extra_header extra[] = {{"Subject", "Weekend plans"},
                                                  {"Contribution-ID", "8a2f4c1e0b6d4e2f9a7c3b5d1e0f2a4c"}};
            if (c.profile == sipref::refer_profile::rcs) r.extra_headers = extra;
            sipref::dialog_state d;
            d.call_id = "5f1e9c2a-group-session@192.0.2.10";
            d.local_tag = "a1b2c3";
            d.remote_tag = "focus-77";
            d.local_uri = "sip:+15551230001@example.com";
            d.remote_uri = c.session_uri;
            d.remote_target = "sip:conf-7f3a9c@im.example.com;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
            d.route_set = routes;
            d.local_cseq = 4;
            if (c.in_dialog) r.dialog = &d;
            auto text = sipref::to_string(r);
            if (!text) {
              c.text = "COMPOSE ERROR " + std::string(sipref::to_string(text.error().code)) + " at " +
                       std::to_string(text.error().offset);
            } else {
              c.text = *text;
            }
            out.push_back(std::move(c));
          }
  return out;
}

}  // namespace test

#endif  // SIPREF_TEST_REFER_MATRIX_HPP
