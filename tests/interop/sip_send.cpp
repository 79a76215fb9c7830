// SPDX-License-Identifier: MIT
/// @file sip_send.cpp
/// A tiny SIP client for the SIPp tests: sends the bytes of a file (e.g. `sipref refer`
/// output) to 127.0.0.1 over UDP or TCP and waits, bounded, for the final response; NOTIFYs
/// that arrive meanwhile are answered 200 (sipref's `sip_response`).
///
///   interop_sip_send free-port
///       prints a port that is free for both UDP and TCP on 127.0.0.1
///   interop_sip_send send [--tcp] PORT FILE [--expect CODE[,CODE...]] [--timeout-ms N]
///       over UDP the request is retransmitted (RFC 3261 §17.1.2.2 Timer E: 500 ms, doubling)
///       until a response arrives, so a peer that binds late still gets it; exit 0: the final response's code is expected (default 200,202) and it answers the
///       request (same Call-ID and CSeq); 1: another code or a mismatch; 3: no answer in time
#include <sipref/sipref.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  return a;
}

int free_port() {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const int u = socket(AF_INET, SOCK_DGRAM, 0);
    const int t = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    int port = -1;
    if (bind(u, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        getsockname(u, reinterpret_cast<sockaddr*>(&a), &len) == 0 &&
        bind(t, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0)
      port = ntohs(a.sin_port);
    close(u);
    close(t);
    if (port > 0) return port;
  }
  return -1;
}

std::string header(const sipref::message_view& m, sipref::header_id id) {
  auto h = m.find(id);
  return h ? std::string(h->value) : std::string();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "free-port") {
    const int p = free_port();
    if (p < 0) return 2;
    std::printf("%d\n", p);
    return 0;
  }
  if (argc < 4 || std::string(argv[1]) != "send") {
    std::fprintf(stderr, "usage: interop_sip_send free-port | send [--tcp] PORT FILE [--expect CODES] [--timeout-ms N]\n");
    return 2;
  }
  bool tcp = false;
  int i = 2;
  if (std::string(argv[i]) == "--tcp") {
    tcp = true;
    ++i;
  }
  if (i + 1 >= argc) return 2;
  const int port = std::atoi(argv[i]);
  std::ifstream in(argv[i + 1], std::ios::binary);
  const std::string request((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::set<int> expect = {200, 202};
  int timeout_ms = 5000;
  for (i += 2; i + 1 < argc; i += 2) {
    const std::string opt = argv[i];
    if (opt == "--expect") {
      expect.clear();
      std::stringstream ss(argv[i + 1]);
      for (std::string c; std::getline(ss, c, ',');) expect.insert(std::atoi(c.c_str()));
    } else if (opt == "--timeout-ms") {
      timeout_ms = std::atoi(argv[i + 1]);
    } else {
      return 2;
    }
  }
  auto req = sipref::parse_message(request);
  if (!req) {
    std::printf("sip_send: the request does not parse: %s\n", std::string(sipref::to_string(req.code())).c_str());
    return 2;
  }
  const std::string call_id = header(*req, sipref::header_id::call_id);
  const std::string cseq = header(*req, sipref::header_id::cseq);

  const int fd = socket(AF_INET, tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
  sockaddr_in to = loopback(port);
  if (tcp) {
    if (connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) return 2;
    if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) return 2;
  } else {
    sockaddr_in local = loopback(0);
    bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
    if (sendto(fd, request.data(), request.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0) return 2;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  auto interval = std::chrono::milliseconds(500);
  auto retransmit_at = std::chrono::steady_clock::now() + interval;
  bool answered = false;
  std::string stream;
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    if (left.count() <= 0) break;
    if (!tcp && !answered && now >= retransmit_at) {
      sendto(fd, request.data(), request.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
      interval = interval * 2 < std::chrono::milliseconds(4000) ? interval * 2 : std::chrono::milliseconds(4000);
      retransmit_at = now + interval;
    }
    const auto wait = !tcp && !answered ? std::chrono::duration_cast<std::chrono::milliseconds>(retransmit_at - now) : left;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::max<long long>(1, std::min(wait.count(), left.count())))) <= 0) continue;
    char buf[65536];
    sockaddr_in from{};
    socklen_t len = sizeof from;
    const ssize_t n = recvfrom(fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n <= 0) break;
    stream.append(buf, static_cast<std::size_t>(n));
    for (;;) {
      sipref::message_options mo;
      mo.mode = tcp ? sipref::framing::stream : sipref::framing::datagram;
      auto m = sipref::parse_message(stream, mo);
      if (!m && m.code() == sipref::errc::need_more_data) break;
      if (!m) {
        std::printf("sip_send: unparsable answer: %s\n", std::string(sipref::to_string(m.code())).c_str());
        return 1;
      }
      const std::size_t used = tcp ? m->size() : stream.size();
      if (m->is_response()) answered = true;
      if (m->is_request()) {
        // A NOTIFY (or anything else) from the peer: answer 200 so it does not retransmit.
        auto ok = sipref::to_string(sipref::sip_response{*m, 200, "OK"});
        if (ok) {
          if (tcp) {
            send(fd, ok->data(), ok->size(), MSG_NOSIGNAL);
          } else {
            sendto(fd, ok->data(), ok->size(), 0, reinterpret_cast<sockaddr*>(&from), len);
          }
        }
        std::printf("request %s answered 200\n", std::string(m->method()).c_str());
      } else if (m->status_code() >= 200) {
        const int code = m->status_code();
        const bool same = header(*m, sipref::header_id::call_id) == call_id && header(*m, sipref::header_id::cseq) == cseq;
        std::printf("response %d %s%s\n", code, std::string(m->reason()).c_str(), same ? "" : " (does not match the request)");
        return same && expect.count(code) != 0 ? 0 : 1;
      } else {
        std::printf("response %d %s\n", m->status_code(), std::string(m->reason()).c_str());
      }
      stream.erase(0, used);
      if (stream.empty()) break;
    }
  }
  std::printf("sip_send: no final response within %d ms\n", timeout_ms);
  return 3;
}
