// SPDX-License-Identifier: MIT
/// @file wireshark_check.cpp
/// Wireshark interop: every REFER of the matrix, the NOTIFYs and the answers are wrapped into
/// one pcap over UDP and one over TCP with `text2pcap`, dissected by `tshark` (one run per
/// pcap), and checked: no malformed packet, no expert info other than the benign notes listed
/// below, and every field Wireshark extracts equals what sipref was asked to write.
///
/// Usage: interop_wireshark OUT_DIR. Exit 0 when everything agrees, 1 on a disagreement, 2
/// when a tool is missing or fails (tshark and text2pcap come from the Debian package tshark;
/// tests/run_all.sh installs it, so a missing tool fails the test).
#include "interop_messages.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

/// Expert infos that may appear: `PI_NOTE` (0x00400000) "Undecoded" items for SIP headers
/// tshark 4.0's SIP dissector has no entry for. Both are registered SIP headers (Content-ID:
/// RFC 8262; Contribution-ID: OMA/3GPP TS 24.229 extension) that Wireshark simply does not know.
/// Anything else (another note, any chat, warning or error) fails the test.
const std::set<std::string> benign_notes = {
    "Unrecognised SIP header (content-id)",
    "Unrecognised SIP header (contribution-id)",
};
constexpr long pi_note = 0x00400000;

bool have_tool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

int run(const std::string& cmd) {
  const int rc = std::system(cmd.c_str());
  return rc == -1 ? -1 : WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

/// text2pcap's input: an od-style hex dump per packet, offsets restarting at 0.
void write_hexdump(const std::string& path, const std::vector<interop::wire_message>& msgs) {
  std::ofstream out(path, std::ios::binary);
  char buf[24];
  for (const auto& m : msgs) {
    for (std::size_t i = 0; i < m.text.size(); i += 16) {
      std::snprintf(buf, sizeof buf, "%06zx", i);
      out << buf;
      for (std::size_t j = i; j < i + 16 && j < m.text.size(); ++j) {
        std::snprintf(buf, sizeof buf, " %02x", static_cast<unsigned>(static_cast<unsigned char>(m.text[j])));
        out << buf;
      }
      out << '\n';
    }
    out << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: interop_wireshark OUT_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  for (const char* tool : {"text2pcap", "tshark"})
    if (!have_tool(tool)) {
      std::printf("FAIL: %s not found (Debian package tshark; tests/run_all.sh installs it)\n", tool);
      return 2;
    }
  if (run("mkdir -p '" + dir + "'") != 0) return 2;

  const auto& msgs = interop::all_messages();
  std::vector<std::string> names = {"frame.number", "frame.protocols", "_ws.malformed", "_ws.expert.severity",
                                    "_ws.expert.message"};
  for (const auto& m : msgs)
    for (const auto& f : m.fields) {
      bool known = false;
      for (const auto& n : names) known |= n == f.first;
      if (!known) names.push_back(f.first);
      if (f.second.find_first_of("\t|\r\n") != std::string::npos) {
        std::printf("FAIL: %s: expected %s contains a separator\n", m.name.c_str(), f.first.c_str());
        return 2;
      }
    }

  const std::string hex = dir + "/messages.hex";
  write_hexdump(hex, msgs);
  int failures = 0;
  std::size_t compared = 0, notes = 0;
  std::map<std::string, std::size_t> note_counts;
  for (const char* transport : {"udp", "tcp"}) {
    const std::string pcap = dir + "/messages-" + transport + ".pcap";
    const std::string flag = std::string(transport) == "udp" ? "-u" : "-T";
    if (run("text2pcap -q " + flag + " 5060,5060 -4 192.0.2.10,198.51.100.7 '" + hex + "' '" + pcap + "' >'" + dir + "/text2pcap.log' 2>&1") != 0) {
      std::printf("FAIL: text2pcap failed for %s\n", transport);
      return 2;
    }
    std::string cmd = "tshark -n -r '" + pcap + "' -T fields -E separator=/t -E occurrence=a -E 'aggregator=|'";
    for (const auto& n : names) cmd += " -e " + n;
    cmd += " 2>'" + dir + "/tshark-" + transport + ".err'";
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr) return 2;
    std::string output;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) output.append(buf, n);
    const int rc = pclose(p);
    if (rc != 0) {
      std::printf("FAIL: tshark exited with %d for %s (see %s/tshark-%s.err)\n", rc, transport, dir.c_str(), transport);
      return 2;
    }
    std::vector<std::string> lines = split(output, '\n');
    if (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (lines.size() != msgs.size()) {
      std::printf("FAIL: %s: tshark shows %zu packets, %zu were written\n", transport, lines.size(), msgs.size());
      ++failures;
      continue;
    }
    for (std::size_t i = 0; i < msgs.size(); ++i) {
      const auto& m = msgs[i];
      const std::vector<std::string> cols = split(lines[i], '\t');
      if (cols.size() != names.size()) {
        std::printf("FAIL: %s/%s: %zu columns, expected %zu\n", transport, m.name.c_str(), cols.size(), names.size());
        ++failures;
        continue;
      }
      std::map<std::string, std::string> got;
      for (std::size_t c = 0; c < names.size(); ++c) got[names[c]] = cols[c];
      auto fail = [&](const std::string& what) {
        std::printf("FAIL: %s/%s: %s\n", transport, m.name.c_str(), what.c_str());
        ++failures;
      };
      // The dissection itself.
      const std::vector<std::string> protocols = split(got["frame.protocols"], ':');
      auto has_protocol = [&](const std::string& name) {
        for (const auto& x : protocols)
          if (x == name) return true;
        return false;
      };
      if (!has_protocol("sip")) fail("not dissected as SIP (" + got["frame.protocols"] + ")");
      for (const auto& want : m.protocols)
        if (!has_protocol(want)) fail("no " + want + " in the dissection (" + got["frame.protocols"] + ")");
      if (!got["_ws.malformed"].empty()) fail("malformed packet: " + got["_ws.malformed"]);
      const auto severities = split(got["_ws.expert.severity"], '|');
      const auto messages = split(got["_ws.expert.message"], '|');
      if (!got["_ws.expert.severity"].empty()) {
        for (std::size_t e = 0; e < severities.size(); ++e) {
          const long sev = std::strtol(severities[e].c_str(), nullptr, 10);
          const std::string text = e < messages.size() ? messages[e] : std::string("?");
          if (sev == pi_note && benign_notes.count(text) != 0) {
            ++notes;
            ++note_counts[text];
          } else {
            fail("expert info (severity 0x" + [&] {
              char b[16];
              std::snprintf(b, sizeof b, "%lx", static_cast<unsigned long>(sev));
              return std::string(b);
            }() + "): " + text);
          }
        }
      }
      // The fields.
      for (const auto& [field, want] : m.fields) {
        ++compared;
        if (got[field] != want) fail(field + " is '" + got[field] + "', sipref was asked for '" + want + "'");
      }
    }
  }
  for (const auto& [text, n] : note_counts) std::printf("benign note x%zu: %s\n", n, text.c_str());
  std::printf("wireshark: %zu messages x 2 transports, %zu field comparisons, %zu benign notes\n", msgs.size(), compared,
              notes);
  return failures == 0 ? 0 : 1;
}
