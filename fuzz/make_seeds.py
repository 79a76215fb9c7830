#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# @file fuzz/make_seeds.py
# Writes the seed inputs of every fuzz target into fuzz/corpus/<target>/seed-*: the RFC
# vectors and torture messages of tests/data/**, the header values, URIs, sipfrag, multipart
# and resource-lists bodies found in them, and the PEERS.md table (c) shapes. Each seed
# starts with the config byte its target expects. The seeds stay in the corpus under their
# `seed-*` names (merges keep them, as they keep `crash-*`); the output is committed.
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data")
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
SEP = b"\n~~\n"

seeds = {}


def add(target, data, label=""):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if len(data) > 65536:
        return
    seeds.setdefault(target, {})[hashlib.sha1(data).hexdigest()[:12]] = (label, data)


def files(*exts):
    for d, _, names in os.walk(DATA):
        for n in sorted(names):
            if n.endswith(exts):
                yield os.path.join(d, n)


def read(p):
    with open(p, "rb") as f:
        return f.read()


def split_message(m):
    """(start line, [(name, value)], body) of a CRLF or LF message, folds kept."""
    for sep in (b"\r\n\r\n", b"\n\n"):
        at = m.find(sep)
        if at >= 0:
            head, body = m[:at], m[at + len(sep):]
            break
    else:
        head, body = m, b""
    lines = re.split(rb"\r?\n", head)
    rows = []
    for line in lines[1:]:
        if line[:1] in (b" ", b"\t") and rows:
            rows[-1] = (rows[-1][0], rows[-1][1] + b"\r\n" + line)
        elif b":" in line:
            n, v = line.split(b":", 1)
            rows.append((n.strip(), v.strip()))
    return (lines[0] if lines else b""), rows, body


HEADERS_INDEX = {  # fuzz_headers.cpp: config byte % 16
    "refer-sub": 0, "require": 1, "supported": 2, "k": 2, "unsupported": 3, "proxy-require": 4,
    "privacy": 5, "event": 6, "o": 6, "subscription-state": 7, "allow-events": 8, "u": 8,
    "content-type": 9, "c": 9, "content-disposition": 10, "content-id": 11, "accept-contact": 12,
    "a": 12, "cseq": 13, "call-id": 13, "i": 13, "max-forwards": 13, "content-length": 13, "l": 13,
    "expires": 13, "via": 14, "v": 14, "refer-to": 15, "r": 15,
}
ADDRESS_INDEX = {  # fuzz_address_headers.cpp: config byte % 5
    "from": 0, "f": 0, "to": 0, "t": 0, "contact": 1, "m": 1, "route": 2, "record-route": 2,
    "referred-by": 3, "b": 3, "p-asserted-identity": 4, "p-preferred-identity": 4,
}


def header_value(name, value):
    n = name.decode("latin-1").lower()
    if n in HEADERS_INDEX:
        add("headers", bytes([HEADERS_INDEX[n]]) + value)
        add("headers", bytes([HEADERS_INDEX[n] | 0x30]) + value)  # leniency bits
    if n in ADDRESS_INDEX:
        add("address_headers", bytes([ADDRESS_INDEX[n]]) + value)
        add("name_addr", b"\x01" + value)
        add("name_addr", b"\x00" + value)
    if n in ("refer-to", "r"):
        add("refer_to", b"\x00" + value)
        add("refer_to", b"\x02" + value)
    for uri in re.findall(rb"<([^<>]+)>", value):
        add("uri", b"\x00" + uri)


def message(m, path):
    dat = path.endswith(".dat")
    add("message", (b"\x01" if dat else b"\x00") + m, path)
    add("message", b"\x7f" + m, path)
    start, rows, body = split_message(m)
    parts = start.split(b" ")
    if len(parts) == 3 and not start.startswith(b"SIP/"):
        add("uri", b"\x00" + parts[1])
    for n, v in rows:
        header_value(n, v)
    ctype = b""
    for n, v in rows:
        if n.lower() in (b"content-type", b"c"):
            ctype = v
    if start.startswith(b"REFER"):
        add("check_refer", b"\x00" + m, path)
        add("check_refer", b"\x03" + m, path)
    if start.startswith(b"NOTIFY"):
        add("refer_notify", b"\x00" + m, path)
        add("refer_notify", b"\x01" + m, path)
    if ctype.lower().startswith(b"message/sipfrag"):
        add("sipfrag", b"\x00" + body)
        add("sipfrag", b"\x3f" + body)
    if ctype.lower().startswith(b"multipart/"):
        add("multipart", b"\x00" + ctype + SEP + body)
    if b"resource-lists" in ctype.lower() or body.lstrip().startswith(b"<?xml"):
        add("resource_lists", b"\x00" + body)
        add("xml_libxml2", body)
    if b"<?xml" in body:
        at = body.find(b"<?xml")
        end = body.find(b"</resource-lists>")
        if end > at:
            doc = body[at:end + len(b"</resource-lists>")]
            add("resource_lists", b"\x00" + doc)
            add("xml_libxml2", doc)


for p in files(".sip", ".dat"):
    message(read(p), p)
for d, _, names in os.walk(os.path.join(DATA, "torture")):
    for n in names:
        if "." not in n:
            message(read(os.path.join(d, n)), os.path.join(d, n))
for p in files(".sipfrag"):
    add("sipfrag", b"\x00" + read(p), p)
    add("sipfrag", b"\x3f" + read(p), p)
for p in files(".xml"):
    add("resource_lists", b"\x00" + read(p), p)
    add("resource_lists", b"\x01" + read(p), p)
    add("xml_libxml2", read(p), p)
for p in files(".txt"):
    for line in read(p).splitlines():
        line = line.strip()
        if line.lower().startswith(b"refer-to:"):
            header_value(b"refer-to", line.split(b":", 1)[1].strip())
        elif re.match(rb"^(sips?|tel|cid|http):", line):
            add("uri", b"\x00" + line)
uris = [s for _, s in seeds.get("uri", {}).values()]
for a, b in zip(uris, uris[1:]):
    add("uri", a + SEP + b[1:])

# PEERS.md table (c): shapes that broke other stacks, one seed each.
PEERS = {
    "refer_to": [
        "<sip:b@h?Replaces=abc%4>", "<sip:b@h?Replaces=abc%>", "<sip:b@h?Replaces=abc%", "%",
        "<sip:b@h?Replaces=c%3Bto-tag%3D1%3Bfrom-tag%3D2%0D%0AX-Evil%3A%201>", '"Bob\\', '"Bob\\"',
        '<sip:a@b>;x="ab\\', "</", ":", ":@", "<>", "", ";foo=bar", "<cid:abc@example.com>", "cid:abc",
        "http://www.ietf.org", "sip:b@h?Replaces=x;method=INVITE", "<sip:b@h?Replaces=c;to-tag=1;from-tag=2>",
        "<sip:b@h?Replaces=c%3Bto-tag%3D123+456+789%3Bfrom-tag%3D2>", "<sip:b@h?Replaces=a%40b%3bto-tag%3d1>",
        'sip:a@b;+sip.instance="<urn:x>"', "Name Two <sip:a@b>", "Name<sip:a@b>", "<sip:a@b>, <sip:c@d>",
        "<sip:a@b>\r\n   ", "<sip:a@b>;x=a%41", "<sip:a@b>\r\n \x00",
    ],
    "headers": [
        "\x00TRUE", "\x00false;x=1", "\x00truex", "\x00yes", "\x00", "\x01multiple-refer, norefersub",
        "\x02, timer", "\x12timer,,100rel", "\x02timer,", "\x01" + ",".join("t%d" % i for i in range(70)),
        "\x01ti", "\x05id;user", "\x05id, user", "\x05id user", "\x05history;foo", "\x05;;", "\x15id ; user",
        "\x05none;id", "\x25none;id", "\x0bContent-ID: <", "\x0b<", "\x0b<a@b", "\x0b<a@[b]>", "\x0b<a.b@c.d>",
        "\x0d4294967328", "\x0d-1", "\x0d99999999999999999999", "\x0d0005", "\x0d+5",
        "\x06refer;id=93809824", "\x06refer;id=", "\x07terminated;reason=noresource",
        "\x07active;expires=4294967296", "\x09multipart/mixed;boundary=\"a b\"", "\x0arecipient-list;handling=optional",
        "\x0c*;+g.oma.sip-im;require;explicit", "\x0e SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1;rport",
        "\x0eSIP/2.0/TCP h;received=[::1]", "\x08refer, presence.winfo",
    ],
    "sipfrag": [
        "\x00SIP/2.0 100 Trying", "\x00SIP/2.0 100 Trying\n", "\x00SIP/2.0 420 Bad Extension\r\nReason: SIP;cause=183\r\n",
        "\x00", "\x00SIP/2.0 200", "\x00SIP/2.0 200 " + "x" * 220 + "\r\n", "\x02SIP/2.0 100 Trying",
        "\x00REFE", "\x00REFER", "\x00REFER sip:a@b SIP/2.0\r\n\r\n",
    ],
    "multipart": [
        "\x00multipart/mixed;boundary=B\n~~\n--B--", "\x00multipart/mixed;boundary=B\n~~\n--B",
        "\x00multipart/mixed;boundary=B\n~~\n--B\r\n\r\n\r\n--B--", "\x00multipart/mixed;boundary=B\n~~\n--B\r\n\r\n--B--\r\n",
        "\x00multipart/mixed;boundary=B\n~~\n--B\r\nContent-ID: <\r\n\r\nx\r\n--B--",
        "\x00multipart/mixed;boundary=B\n~~\n", "\x00multipart/mixed;boundary=\"\"\n~~\n--\r\n",
    ],
    "message": [
        "\x01REFER sip:a@b SIP/2.0\r\nRefer-To: <sip:a@b>\r\n   \x00\r\n\r\n", "\x00REFE", "\x00REFER",
        "\x01REFER sip:a@b SIP/2.0\r\nRefer-To\x01: <sip:a@b>\r\n\r\n", "\x01REFER sip:a@b SIP/2.0\r\nRefer-To : x\r\n\r\n",
        "\x01REFER sip:a@b SIP/2.0\r\nRefer-To\t:x\r\n\r\n", "\x00REFER sip:a@b SIP/2.0\r\nContent-Length: 4294967328\r\n\r\n",
        "\x00REFER sip:a@b SIP/2.0\r\nl: -1\r\n\r\n", "\x00REFER sip:a@b SIP/2.0\r\nl: +5\r\n\r\nhello",
        "\x00REFER sip:a@b SIP/2.0\r\nl: 0005\r\n\r\nhello", "\x03REFER sip:a@b SIP/2.0\nl: 0\n\n",
    ],
    "resource_lists": [
        "\x00<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list><entry uri=sip:a@b/></list></resource-lists>",
        "\x00<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list><entry uri=\"sip:a&amp;b\"/></list></resource-lists>",
        "\x00<!DOCTYPE x [<!ENTITY a \"&a;&a;\">]><resource-lists/>",
        "\x00<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\"><list>"
        "<entry uri=\"sip:a@b\" cp:copyControl=\"BCC\"/><entry uri=\"sip:a@b\"/><entry-ref ref=\"x\"/><external anchor=\"y\"/>"
        "<list><entry uri=\"sip:c@d\" copyControl=\"to\"/></list></list></resource-lists>",
        "\x00<?xml version=\"1.0\" encoding=\"UTF-8\"?><resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>"
        + "".join("<entry uri=\"sip:u%d@h\"/>" % i for i in range(40)) + "</list></resource-lists>",
    ],
}
for target, items in PEERS.items():
    for s in items:
        if target == "refer_to":
            s = "\x00" + s
        add(target, s.encode("latin-1"))
for s in PEERS["refer_to"]:
    add("name_addr", ("\x00" + s).encode("latin-1"))
    add("uri", ("\x00" + s.strip("<>")).encode("latin-1"))
for s in PEERS["resource_lists"]:
    add("xml_libxml2", s[1:].encode("latin-1"))
for s in PEERS["message"]:
    add("check_refer", s.encode("latin-1"))
for s in PEERS["sipfrag"]:
    add("refer_notify", ("\x00NOTIFY sip:a@b SIP/2.0\r\nEvent: refer\r\nSubscription-State: active;expires=60\r\n"
                         "Call-ID: x\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCSeq: 1 NOTIFY\r\n"
                         "Content-Type: message/sipfrag\r\nContent-Length: %d\r\n\r\n%s" % (len(s) - 1, s[1:])).encode("latin-1"))
# FuzzedDataProvider targets: a few deterministic byte strings (their meaning is the
# provider's; the fuzzer finds the structure from here).
for target in ("compose_refer", "compose_headers"):
    for i in range(8):
        add(target, hashlib.sha512(b"%s-%d" % (target.encode(), i)).digest() * (1 + i))

total = 0
for target, items in sorted(seeds.items()):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    for h, (_, data) in sorted(items.items()):
        with open(os.path.join(d, "seed-" + h), "wb") as f:
            f.write(data)
    total += len(items)
    print("%-16s %4d seeds" % (target, len(items)))
print("total", total)
