#!/usr/bin/env python3
"""Writes python_ipaddress_toolkit.tsv: what Python's ipaddress module answers
for the prefix algebra (issue 14), so the tests compare ipwire against it
without running Python. Run once by hand; the output names the Python version.

    python3 tests/data/python_ipaddress_generate.py > tests/data/python_ipaddress_toolkit.tsv

Each line: operation TAB input TAB Python's answer (prefix lists space-separated).
"""
import ipaddress
import random
import sys

rng = random.Random(14)  # fixed: the file only changes when this script does


def v4_prefix(min_len=0, max_len=32):
    length = rng.randint(min_len, max_len)
    return ipaddress.IPv4Network((rng.getrandbits(32), length), strict=False)


def v6_prefix(min_len=0, max_len=128):
    length = rng.randint(min_len, max_len)
    # Some structure, so that prefixes meet: a few fixed top bits.
    top = rng.choice([0x20010DB8, 0xFE800000, 0x00000000, rng.getrandbits(32)])
    value = top << 96 | rng.getrandbits(96)
    return ipaddress.IPv6Network((value, length), strict=False)


def near(base, bits, count, min_len, max_len, family):
    """count prefixes inside `base`, so that they overlap and touch."""
    out = []
    for _ in range(count):
        length = rng.randint(max(min_len, base.prefixlen), max_len)
        offset = rng.getrandbits(bits - base.prefixlen) if bits > base.prefixlen else 0
        out.append(family((int(base.network_address) + offset, length), strict=False))
    return out


def plist(items):
    return " ".join(str(p) for p in items) if items else "-"


lines = []
for _ in range(60):
    p = v4_prefix(16, 32)
    hosts = list(p.hosts())
    lines.append(("hosts", str(p), f"{len(hosts)} {hosts[0]} {hosts[-1]}"))
for _ in range(30):
    p = v6_prefix(112, 128)
    hosts = list(p.hosts())
    lines.append(("hosts", str(p), f"{len(hosts)} {hosts[0]} {hosts[-1]}"))
for p in ["192.0.2.0/31", "192.0.2.0/32", "192.0.2.0/30", "2001:db8::/127", "2001:db8::/128"]:
    n = ipaddress.ip_network(p)
    hosts = list(n.hosts())
    lines.append(("hosts", p, f"{len(hosts)} {hosts[0]} {hosts[-1]}"))

for _ in range(40):
    p = v4_prefix()
    lines.append(("size", str(p), str(p.num_addresses)))
for _ in range(40):
    p = v6_prefix()
    lines.append(("size", str(p), str(p.num_addresses)))

for _ in range(60):
    p = v4_prefix(0, 32) if rng.random() < 0.5 else v6_prefix(0, 128)
    new = min(p.max_prefixlen, p.prefixlen + rng.randint(0, 4))
    lines.append(("subnets", f"{p} {new}", plist(p.subnets(new_prefix=new))))
for _ in range(60):
    p = v4_prefix(0, 32) if rng.random() < 0.5 else v6_prefix(0, 128)
    new = rng.randint(0, p.prefixlen)
    lines.append(("supernet", f"{p} {new}", str(p.supernet(new_prefix=new))))

for _ in range(80):
    if rng.random() < 0.5:
        p = v4_prefix(0, 30)
        q = near(p, 32, 1, p.prefixlen, 32, ipaddress.IPv4Network)[0]
    else:
        p = v6_prefix(0, 120)
        q = near(p, 128, 1, p.prefixlen, 128, ipaddress.IPv6Network)[0]
    lines.append(("exclude", f"{p} {q}", plist(sorted(p.address_exclude(q)))))

for _ in range(80):
    if rng.random() < 0.5:
        base = v4_prefix(8, 24)
        items = near(base, 32, rng.randint(1, 40), base.prefixlen, 32, ipaddress.IPv4Network)
    else:
        base = v6_prefix(32, 112)
        items = near(base, 128, rng.randint(1, 40), base.prefixlen, 128, ipaddress.IPv6Network)
    lines.append(("collapse", plist(items), plist(ipaddress.collapse_addresses(items))))

for _ in range(60):
    if rng.random() < 0.5:
        a, b = sorted([rng.getrandbits(32), rng.getrandbits(32) >> rng.randint(0, 31)])
        a, b = ipaddress.IPv4Address(a), ipaddress.IPv4Address(b)
    else:
        base = rng.getrandbits(128)
        a, b = sorted([base, base + rng.getrandbits(rng.randint(1, 127))])
        b = min(b, 2**128 - 1)
        a, b = ipaddress.IPv6Address(a), ipaddress.IPv6Address(b)
    lines.append(("summarize", f"{a}-{b}", plist(ipaddress.summarize_address_range(a, b))))
for a, b in [("0.0.0.0", "255.255.255.255"), ("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
             ("0.0.0.1", "255.255.255.254"), ("::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"),
             ("10.0.0.1", "10.0.0.9")]:
    a, b = ipaddress.ip_address(a), ipaddress.ip_address(b)
    lines.append(("summarize", f"{a}-{b}", plist(ipaddress.summarize_address_range(a, b))))

v = sys.version_info
print(f"# Python {v.major}.{v.minor}.{v.micro} ipaddress results, written by python_ipaddress_generate.py (seed 14)")
for op, arg, answer in lines:
    print(f"{op}\t{arg}\t{answer}")
