#!/usr/bin/env python3
"""jfr-costs.py: where a fips daemon's Java threads spend their samples.

Reads jdk.ExecutionSample events from JFR recordings (run.sh with JFR=1
writes logs/<case>.fips-java-<node>.jfr) and sorts every sample into one
cost category by the stack it was taken in, per thread.

    source bin/_jdk.sh
    benchmarks/throughput/jfr-costs.py results/<stamp>/logs/fips-java.2node.fips-java-A.jfr ...
    benchmarks/throughput/jfr-costs.py --frames 15 FILE.jfr   # also the top first-fips-frame stacks

How to read it: the system calls and OpenSSL are FFM downcalls, and the
critical ones (sendto, TUN write, AEAD) keep the thread in the Java state, so
a sample taken inside the kernel or libcrypto is charged to the Java frame
that made the call. "UDP send" therefore includes the kernel's whole
veth/UDP path and the softirq work done at syscall exit, and "TUN write" the
kernel's delivery of the packet up to the receiving TCP socket. Blocking
waits (poll, recvmmsg) are not Java-state and do not appear here.
"""
import collections
import json
import os
import subprocess
import sys

CATEGORIES = [  # (substring of the joined stack, category), first match wins
    ("FfmUdpTransport.sendDatagram", "UDP send (sendto + kernel UDP/veth path)"),
    ("JdkUdpTransport.send", "UDP send (sendto + kernel UDP/veth path)"),
    ("LinkCore.sendOn:281", "UDP send (sendto + kernel UDP/veth path)"),  # inlined transmit call
    ("TunDevice.writeFrom", "TUN write (write + kernel delivery to TCP)"),
    ("TunDevice.readInto", "TUN read (read)"),
    ("FfmUdpTransport.runReceiver", "UDP receive (recvmmsg + copy)"),
    ("DatagramRing.offer", "ring copy (receive threads)"),
    ("OpenSslAead", "AEAD seal/open (OpenSSL via FFM)"),
    ("AeadEngines", "AEAD seal/open (OpenSSL via FFM)"),
    ("bouncycastle", "handshakes (BouncyCastle EC)"),
    ("fips.ipv6", "IPv6 adapter (checks, MSS clamp, ICMP)"),
    ("fips.fsp", "FSP session logic"),
    ("fips.fmp", "FMP link/mesh logic"),
    ("fips.launcher", "protocol loop, rings"),
]


def frames(event):
    st = event["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames") or []:
        m = f["method"]
        out.append("%s.%s:%s" % (m["type"]["name"].replace("/", "."), m["name"], f.get("lineNumber")))
    return out


def category(stack):
    joined = " ".join(stack)
    for needle, cat in CATEGORIES:
        if needle in joined:
            return cat
    return "other (JDK, JIT, start-up)"


def first_fips(stack):
    for i, fr in enumerate(stack):
        if fr.startswith("fips."):
            return ("[native/FFM] " if i > 0 else "") + " < ".join(stack[i:i + 2])
    return stack[0] if stack else "?"


def main(argv):
    top = 0
    if len(argv) > 2 and argv[1] == "--frames":
        top = int(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) < 2:
        print(__doc__)
        return 2
    jfr = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr") if os.environ.get("JAVA_HOME") else "jfr"
    for path in argv[1:]:
        raw = subprocess.run([jfr, "print", "--json", "--stack-depth", "16", "--events", "jdk.ExecutionSample", path],
                             check=True, capture_output=True, text=True).stdout
        events = json.loads(raw)["recording"]["events"]
        cats, tops, threads = collections.Counter(), collections.Counter(), collections.Counter()
        for e in events:
            t = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
            st = frames(e)
            threads[t] += 1
            cats[(t, category(st))] += 1
            tops[(t, first_fips(st))] += 1
        n = max(1, len(events))
        print("== %s: %d samples; by thread: %s" % (os.path.basename(path), len(events),
              ", ".join("%s %.0f%%" % (t, 100.0 * c / n) for t, c in threads.most_common())))
        print("| thread | cost | samples | share |")
        print("|---|---|---:|---:|")
        for (t, c), k in cats.most_common():
            if 100.0 * k / n >= 0.5:
                print("| %s | %s | %d | %.1f %% |" % (t, c, k, 100.0 * k / n))
        if top:
            print("top first-fips frames:")
            for (t, f), k in tops.most_common(top):
                print("  %5.1f %%  [%s] %s" % (100.0 * k / n, t, f))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
