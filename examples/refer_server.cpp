// SPDX-License-Identifier: MIT
/// @file refer_server.cpp
/// A small REFER-Recipient harness built on sipref's checker: it listens on 127.0.0.1 over UDP
/// and TCP (same port), answers each REFER with the response `refer_report::response()` gives
/// (200, or 202 with --answer-202; 400, 403, 404, 420 with Unsupported), and for an accepted
/// REFER that keeps the implicit subscription (no `Refer-Sub: false`) sends
/// NOTIFY 100 Trying (active) then NOTIFY 200 OK (terminated;reason=noresource) with
/// `refer_notify`. The second NOTIFY goes out once the first one's final response arrived (or
/// after 1 s without one): one NOTIFY transaction at a time per subscription, which also suits
/// peers like SIPp that cannot take two requests from one TCP read before answering the first.
/// OPTIONS and BYE get 200, ACK nothing, other requests 501. It runs for the number of seconds
/// given and then exits by itself (also on SIGTERM/SIGINT).
///
/// Usage:
///   refer_server --port N --seconds S [--port-file PATH] [--session URI] [--answer-202]
///                [--max-adhoc N] [--supported TAG,TAG...] [--quiet]
/// `--port 0` picks a free port (UDP and TCP the same); the port is written to --port-file
/// (and to standard output) once both sockets listen. Each handled request is logged to
/// standard error as one line, written before the answer is sent:
/// `REFER udp <Call-ID> -> 202 invitees=2 [S7 warning ...]`.
///
/// This is a test harness, not a SIP stack: no retransmissions, no transaction state; the
/// NOTIFYs go to where the REFER came from (the UDP source address, or the TCP connection).
#include <sipref/sipref.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

volatile sig_atomic_t stop_requested = 0;
extern "C" void on_signal(int) { stop_requested = 1; }

struct options {
  int port = 0;
  int seconds = 0;
  std::string port_file;
  std::string session;
  bool answer_202 = false;
  std::uint32_t max_adhoc = 0;
  std::vector<std::string> supported = {"multiple-refer", "norefersub", "replaces"};
  bool quiet = false;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "refer_server: %s\nusage: refer_server --port N --seconds S [--port-file PATH] [--session URI]\n"
               "                    [--answer-202] [--max-adhoc N] [--supported TAG,TAG...] [--quiet]\n",
               why);
  std::exit(2);
}

int to_int(const char* s, int lo, int hi) {
  char* end = nullptr;
  const long v = std::strtol(s, &end, 10);
  if (end == s || *end != '\0' || v < lo || v > hi) usage("bad number");
  return static_cast<int>(v);
}

options parse_args(int argc, char** argv) {
  options o;
  bool have_port = false, have_seconds = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) usage(("missing value for " + a).c_str());
      return argv[++i];
    };
    if (a == "--port") {
      o.port = to_int(next(), 0, 65535);
      have_port = true;
    } else if (a == "--seconds") {
      o.seconds = to_int(next(), 1, 3600);
      have_seconds = true;
    } else if (a == "--port-file") {
      o.port_file = next();
    } else if (a == "--session") {
      o.session = next();
    } else if (a == "--answer-202") {
      o.answer_202 = true;
    } else if (a == "--max-adhoc") {
      o.max_adhoc = static_cast<std::uint32_t>(to_int(next(), 0, 1000000));
    } else if (a == "--supported") {
      o.supported.clear();
      std::stringstream ss(next());
      for (std::string t; std::getline(ss, t, ',');)
        if (!t.empty()) o.supported.push_back(t);
    } else if (a == "--quiet") {
      o.quiet = true;
    } else {
      usage(("unknown argument " + a).c_str());
    }
  }
  if (!have_port || !have_seconds) usage("--port and --seconds are required");
  return o;
}

/// Where a reply goes: a UDP peer address or a TCP connection.
struct peer {
  bool tcp = false;
  int fd = -1;
  sockaddr_in addr{};
};

class server {
 public:
  explicit server(options o) : opt_(std::move(o)), rng_(std::random_device{}()) {
    for (const auto& t : opt_.supported) supported_views_.push_back(t);
    exp_.session_uri = opt_.session;
    exp_.supported = supported_views_;
    exp_.max_adhoc_group_size = opt_.max_adhoc;
  }

  bool open_sockets() {
    for (int attempt = 0; attempt < 50; ++attempt) {
      udp_ = socket(AF_INET, SOCK_DGRAM, 0);
      tcp_ = socket(AF_INET, SOCK_STREAM, 0);
      if (udp_ < 0 || tcp_ < 0) return false;
      const int one = 1;
      setsockopt(tcp_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      a.sin_port = htons(static_cast<std::uint16_t>(opt_.port));
      if (bind(udp_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
        socklen_t len = sizeof a;
        getsockname(udp_, reinterpret_cast<sockaddr*>(&a), &len);
        if (bind(tcp_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && listen(tcp_, 16) == 0) {
          port_ = ntohs(a.sin_port);
          return true;
        }
      }
      close(udp_);
      close(tcp_);
      if (opt_.port != 0) return false;  // a fixed port that is taken: no retry
    }
    return false;
  }

  int port() const { return port_; }

  int run() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opt_.seconds);
    while (stop_requested == 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      std::vector<pollfd> fds = {{udp_, POLLIN, 0}, {tcp_, POLLIN, 0}};
      for (const auto& c : conns_) fds.push_back({c.first, POLLIN, 0});
      const int n = poll(fds.data(), fds.size(), static_cast<int>(left.count() < 100 ? left.count() : 100));
      if (n < 0 && errno != EINTR) return 1;
      send_due_notifies(false, {});
      if (n <= 0) continue;
      if ((fds[0].revents & POLLIN) != 0) read_udp();
      if ((fds[1].revents & POLLIN) != 0) {
        const int c = accept(tcp_, nullptr, nullptr);
        if (c >= 0) conns_[c] = std::string();
      }
      for (std::size_t i = 2; i < fds.size(); ++i)
        if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0) read_tcp(fds[i].fd);
    }
    std::fprintf(stderr, "refer_server: done: %d REFERs (%d accepted), %d NOTIFYs sent, %d NOTIFY answers received\n",
                 refers_, accepted_, notifies_, notify_answers_);
    return 0;
  }

 private:
  void read_udp() {
    char buf[65536];
    peer p;
    socklen_t len = sizeof p.addr;
    const ssize_t n = recvfrom(udp_, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&p.addr), &len);
    if (n <= 0) return;
    p.fd = udp_;
    handle(std::string_view(buf, static_cast<std::size_t>(n)), p, sipref::framing::datagram);
  }

  void read_tcp(int fd) {
    char buf[65536];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      close(fd);
      conns_.erase(fd);
      return;
    }
    std::string& in = conns_[fd];
    in.append(buf, static_cast<std::size_t>(n));
    peer p;
    p.tcp = true;
    p.fd = fd;
    for (;;) {
      sipref::message_options mo;
      mo.mode = sipref::framing::stream;
      auto m = sipref::parse_message(in, mo);
      if (!m && m.code() == sipref::errc::need_more_data) {
        if (in.size() > 65536) break;  // nobody sends that much to this harness
        return;
      }
      if (!m) {
        log("tcp: unparsable bytes (" + std::string(sipref::to_string(m.code())) + "), closing");
        break;
      }
      const std::string one = in.substr(0, m->size());
      in.erase(0, m->size());
      handle(one, p, sipref::framing::stream);
      if (in.find_first_not_of("\r\n") == std::string::npos) return;
    }
    close(fd);
    conns_.erase(fd);
  }

  void send_to(const peer& p, const std::string& text) {
    if (p.tcp) {
      std::size_t done = 0;
      while (done < text.size()) {
        const ssize_t n = send(p.fd, text.data() + done, text.size() - done, MSG_NOSIGNAL);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
      }
    } else {
      sendto(p.fd, text.data(), text.size(), 0, reinterpret_cast<const sockaddr*>(&p.addr), sizeof p.addr);
    }
  }

  static std::string header_text(const sipref::message_view& m, sipref::header_id id) {
    auto h = m.find(id);
    return h ? std::string(h->value) : std::string();
  }

  void log(const std::string& line) const {
    if (!opt_.quiet) std::fprintf(stderr, "refer_server: %s\n", line.c_str());
  }

  std::string random_token(std::size_t n) {
    std::string out;
    sipref::string_writer w(out);
    sipref::write_random_alnum(w, rng_, n);
    return out;
  }
  std::string branch() {
    std::string out;
    sipref::string_writer w(out);
    sipref::write_branch(w, rng_);
    return out;
  }

  void handle(std::string_view text, const peer& p, sipref::framing mode) {
    const char* transport = p.tcp ? "tcp" : "udp";
    sipref::message_options mo;
    mo.mode = mode;
    auto m = sipref::parse_message(text, mo);
    if (!m) {
      log(std::string(transport) + ": unparsable message dropped: " + std::string(sipref::to_string(m.code())));
      return;
    }
    const auto cid = m->find(sipref::header_id::call_id);
    const std::string call_id = cid ? std::string(cid->value) : std::string("?");
    if (m->is_response()) {
      const auto cs = m->find(sipref::header_id::cseq);
      auto c = cs ? sipref::parse_cseq(cs->value) : sipref::result<sipref::cseq_view>(sipref::error{});
      log(std::string("response ") + transport + " " + call_id + " " + std::to_string(m->status_code()) +
          (c ? " to " + std::string(c->method) : std::string()));
      if (c && c->method == "NOTIFY" && m->status_code() >= 200) {
        ++notify_answers_;
        send_due_notifies(true, call_id);  // that transaction is over: the next NOTIFY may go
      }
      return;
    }
    const std::string method(m->method());
    if (method == "REFER") return handle_refer(text, *m, p, mode, call_id);
    if (method == "ACK") return;
    const std::uint16_t code = method == "OPTIONS" || method == "BYE" ? 200 : 501;
    const sipref::header_pair allow[] = {{"Allow", "REFER, NOTIFY, OPTIONS, BYE, ACK"}};
    const std::string tag = "srv-" + random_token(8);  // the response's view points at it
    sipref::sip_response r{*m, code, code == 200 ? "OK" : "Not Implemented", tag};
    if (method == "OPTIONS") r.headers = allow;
    auto out = sipref::to_string(r);
    if (out) send_to(p, *out);
    log(method + " " + transport + " " + call_id + " -> " + std::to_string(code));
  }

  void handle_refer(std::string_view text, const sipref::message_view& m, const peer& p, sipref::framing mode,
                    const std::string& call_id) {
    // A retransmission (same Call-ID, CSeq and Via branch, RFC 3261 §17.2.3) gets the same
    // answer again and starts nothing new.
    std::string key = call_id + "|" + header_text(m, sipref::header_id::cseq) + "|";
    if (auto v = m.find(sipref::header_id::via)) {
      auto via = sipref::parse_via(v->value);
      if (via && via->size() != 0) key += std::string(via->front().branch);
    }
    if (auto done = answered_.find(key); done != answered_.end()) {
      send_to(p, done->second);
      log(std::string("REFER ") + (p.tcp ? "tcp " : "udp ") + call_id + " retransmission: answer repeated");
      return;
    }
    ++refers_;
    sipref::refer_expectations exp = exp_;
    exp.mode = mode;
    const sipref::refer_report report = sipref::check_refer(text, exp);
    std::uint16_t code = report.response();
    if (code == 200 && opt_.answer_202) code = 202;
    const char* reason = code == 200   ? "OK"
                         : code == 202 ? "Accepted"
                         : code == 403 ? "Forbidden"
                         : code == 404 ? "Not Found"
                         : code == 420 ? "Bad Extension"
                                       : "Bad Request";
    const bool accepted = code < 300;

    // 420: name every Require tag this server does not support (RFC 3261 §8.2.2.3).
    std::vector<std::string> unsupported;
    for (const auto& row : m.rows(sipref::header_id::require)) {
      auto tags = sipref::parse_require(row.value);
      if (!tags) continue;
      for (std::string_view t : *tags) {
        bool known = false;
        for (const auto& s : opt_.supported) known |= sipref::grammar::iequals(t, s);
        if (!known) unsupported.emplace_back(t);
      }
    }
    std::vector<std::string_view> unsupported_views(unsupported.begin(), unsupported.end());
    bool refer_sub_false = false;
    if (auto rs = m.find(sipref::header_id::refer_sub)) {
      auto v = sipref::parse_refer_sub(rs->value);
      refer_sub_false = v && !v->value;
    }

    // Dialog identifiers: the REFER's To tag if it had one (in-dialog), else a new one.
    const auto from_row = m.find(sipref::header_id::from);
    const auto to_row = m.find(sipref::header_id::to);
    auto from = from_row ? sipref::parse_from_to(from_row->value) : sipref::result<sipref::addr_value_view>(sipref::error{});
    auto to = to_row ? sipref::parse_from_to(to_row->value) : sipref::result<sipref::addr_value_view>(sipref::error{});
    const bool in_dialog = to && to->params.contains("tag");
    const std::string local_tag = in_dialog ? std::string(to->params.get("tag")) : "srv-" + random_token(10);
    const std::string contact = std::string("sip:refer-server@127.0.0.1:") + std::to_string(port_) +
                                (p.tcp ? ";transport=tcp" : "");

    sipref::refer_answer answer{m, code, reason, in_dialog ? std::string_view{} : std::string_view(local_tag)};
    if (accepted) answer.contact_uri = contact;
    answer.grant_no_subscription = accepted && refer_sub_false;
    answer.unsupported = unsupported_views;
    auto out = sipref::to_string(answer);
    if (!out) {
      log("cannot compose the answer: " + std::string(sipref::to_string(out.error().code)));
      return;
    }
    std::string findings;
    for (const auto& f : report.findings)
      findings += " [" + std::string(f.rule) + " " + std::string(sipref::to_string(f.level)) + "]";
    // Logged before the answer goes out: whoever got the answer finds the line in the log.
    log(std::string("REFER ") + (p.tcp ? "tcp " : "udp ") + call_id + " -> " + std::to_string(code) +
        " invitees=" + std::to_string(report.invitees.size()) + findings);
    send_to(p, *out);
    answered_[key] = *out;
    if (!accepted) return;
    ++accepted_;
    if (refer_sub_false) return;  // RFC 4488: no implicit subscription, no NOTIFY

    // The implicit subscription (RFC 3515 §2.4.4): NOTIFY 100 Trying, then the final one.
    const auto contact_row = m.find(sipref::header_id::contact);
    auto c = contact_row ? sipref::parse_contact(contact_row->value) : sipref::result<sipref::contact_view>(sipref::error{});
    const auto cseq_row = m.find(sipref::header_id::cseq);
    auto cs = cseq_row ? sipref::parse_cseq(cseq_row->value) : sipref::result<sipref::cseq_view>(sipref::error{});
    if (!from || !to || !c || c->star || c->list.empty() || !cs) {
      log("accepted REFER without usable From/To/Contact/CSeq: no NOTIFY");
      return;
    }
    const std::string target(c->list.front().addr.uri.text);
    const std::string event_id = in_dialog ? std::to_string(cs->number) : std::string();  // RFC 3515 §2.4.6
    const std::string via_host = "127.0.0.1";
    const struct {
      sipref::substate state;
      std::uint16_t code;
      const char* reason;
    } steps[] = {{sipref::substate::active, 100, "Trying"}, {sipref::substate::terminated, 200, "OK"}};
    std::uint32_t notify_cseq = 1;
    pending_notifies queued;
    queued.to = p;
    for (const auto& step : steps) {
      const std::string br = branch();
      sipref::refer_notify n;
      n.dialog = sipref::notifier_dialog{call_id, to->addr.uri.text, local_tag, from->addr.uri.text,
                                         from->params.get("tag"), target};
      n.via = sipref::via_parm{p.tcp ? "TCP" : "UDP", via_host, static_cast<std::uint16_t>(port_), br};
      n.cseq = notify_cseq++;
      n.contact_uri = contact;
      n.event_id = event_id;
      n.state = step.state;
      n.expires = 60;
      n.code = step.code;
      n.reason = step.reason;
      auto notify = sipref::to_string(n);
      if (!notify) {
        log("cannot compose the NOTIFY: " + std::string(sipref::to_string(notify.error().code)));
        return;
      }
      queued.texts.push_back(std::move(*notify));
      queued.codes.push_back(step.code);
    }
    notifying_[call_id] = std::move(queued);
    send_due_notifies(true, call_id);
  }

  /// The NOTIFYs of one implicit subscription still to send, one transaction at a time.
  struct pending_notifies {
    peer to;
    std::vector<std::string> texts;
    std::vector<std::uint16_t> codes;
    std::size_t next = 0;
    std::chrono::steady_clock::time_point due{};
  };

  /// Sends the next NOTIFY of @p call_id now (@p now_for_call), and of every subscription
  /// whose previous NOTIFY got no final response within a second.
  void send_due_notifies(bool now_for_call, const std::string& call_id) {
    const auto now = std::chrono::steady_clock::now();
    for (auto it = notifying_.begin(); it != notifying_.end();) {
      pending_notifies& q = it->second;
      const bool go = (now_for_call && it->first == call_id) || (q.next != 0 && now >= q.due);
      if (go && q.next < q.texts.size()) {
        send_to(q.to, q.texts[q.next]);
        ++notifies_;
        log("NOTIFY " + std::string(q.to.tcp ? "tcp " : "udp ") + it->first + " sipfrag " +
            std::to_string(q.codes[q.next]));
        ++q.next;
        q.due = now + std::chrono::seconds(1);
      } else if (go) {
        it = notifying_.erase(it);
        continue;
      }
      ++it;
    }
  }

  options opt_;
  std::mt19937_64 rng_;
  std::vector<std::string_view> supported_views_;
  sipref::refer_expectations exp_;
  int udp_ = -1, tcp_ = -1, port_ = 0;
  std::map<int, std::string> conns_;
  std::map<std::string, pending_notifies> notifying_;  // by Call-ID
  std::map<std::string, std::string> answered_;         // REFER transaction -> answer
  int refers_ = 0, accepted_ = 0, notifies_ = 0, notify_answers_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const options opt = parse_args(argc, argv);
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  signal(SIGPIPE, SIG_IGN);
  server s(opt);
  if (!s.open_sockets()) {
    std::fprintf(stderr, "refer_server: cannot listen on 127.0.0.1:%d: %s\n", opt.port, std::strerror(errno));
    return 1;
  }
  std::printf("%d\n", s.port());
  std::fflush(stdout);
  if (!opt.port_file.empty()) {
    // Write then rename, so a reader never sees a half-written file.
    const std::string tmp = opt.port_file + ".tmp";
    std::ofstream(tmp) << s.port() << "\n";
    if (std::rename(tmp.c_str(), opt.port_file.c_str()) != 0) return 1;
  }
  return s.run();
}
