package fips.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real TUN devices and rtnetlink, each test in a private network namespace:
 * the body runs on a dedicated platform thread that first calls
 * {@code unshare(CLONE_NEWNET)}, so the devices, addresses, routes and rules
 * it makes exist only there and vanish with the thread. The host's own
 * network configuration is only read (before and after, to show nothing
 * leaked). Needs root (CI runs the tests as root).
 */
class TunNetnsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** A FIPS-style address (fd00::/8, INTEROP.md 9.2: the TUN carries the node's address as /128). */
    private static final byte[] OWN = HEX.parseHex("fd123456789a00000000000000000001");
    private static final byte[] PEER = HEX.parseHex("fd340000000000000000000000000002");
    private static final byte[] FD00 = HEX.parseHex("fd000000000000000000000000000000");
    /** INTEROP.md 9.2: the policy rule's priority. */
    private static final int RULE_PRIORITY = 5265;
    private static final String TEMPLATE = "fipst%d";

    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} on a fresh platform thread inside a new, private network namespace. */
    static void inNewNetns(Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netns-test").start(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment cs = Native.allocateCallState(a);
                if (Syscalls.unshare(cs, Syscalls.CLONE_NEWNET) != 0) {
                    throw new NativeException("unshare", "CLONE_NEWNET", Native.errno(cs));
                }
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(t.isAlive(), "namespace test thread still running after 60 s");
        Throwable e = failure.get();
        if (e instanceof Exception ex) {
            throw ex;
        } else if (e instanceof Error err) {
            throw err;
        }
    }

    @BeforeAll
    static void probe() {
        assertTrue(TunDevice.available(), () -> "TUN unavailable: " + TunDevice.unavailableReason());
        assertTrue(Rtnetlink.available(), () -> "rtnetlink unavailable: " + Rtnetlink.unavailableReason());
    }

    /** What the host (this thread's namespace) has that our tests could have made. */
    private static String hostSnapshot() throws NativeException {
        try (Rtnetlink nl = Rtnetlink.open()) {
            StringBuilder sb = new StringBuilder();
            for (Rtnetlink.Link l : nl.links()) {
                if (l.name().startsWith("fipst")) {
                    sb.append("link ").append(l.name()).append('\n');
                }
            }
            for (Rtnetlink.Rule6 r : nl.rules6()) {
                if (r.priority() == RULE_PRIORITY || r.priority() == 5266) {
                    sb.append("rule ").append(r).append('\n');
                }
            }
            for (Rtnetlink.Route6 r : nl.routes6(Rtnetlink.RT_TABLE_MAIN)) {
                if (r.dstLen() == 8 && r.dst()[0] == (byte) 0xfd) {
                    sb.append("route ").append(r).append('\n');
                }
            }
            return sb.toString();
        }
    }

    @Test
    @DisplayName("INTEROP.md 9.2 TUN setup in a private netns: open, MTU, up, address /128, fd00::/8 route, rule 5265, read back, close removes the device, host untouched")
    void configureAndReadBack() throws Exception {
        String hostBefore = hostSnapshot();
        inNewNetns(() -> {
            try (Rtnetlink nl = Rtnetlink.open()) {
                List<Rtnetlink.Link> initial = nl.links();
                assertEquals(List.of("lo"), initial.stream().map(Rtnetlink.Link::name).toList(), "fresh namespace");

                TunDevice tun = TunDevice.open(TEMPLATE);
                String name = tun.name();
                assertEquals("fipst0", name, "the kernel fills in the template's %d");
                int idx = nl.linkIndex(name);
                assertTrue(idx > 0);
                assertEquals(name, nl.link(idx).name());
                assertEquals(1500, nl.mtu(idx), "a new TUN's MTU");
                assertFalse(nl.isUp(idx));

                nl.setMtu(idx, 1280);
                assertEquals(1280, nl.mtu(idx));
                nl.setUp(idx, true);
                assertTrue(nl.isUp(idx));
                // The carrier (IFF_RUNNING) follows through the kernel's link-watch: wait for it, bounded.
                long until = System.nanoTime() + 3_000_000_000L;
                while (!nl.link(idx).running() && System.nanoTime() < until) Thread.sleep(10);
                assertTrue(nl.link(idx).running(), "an up TUN whose descriptor is open has its carrier on");

                nl.addAddress6(idx, OWN, 128);
                assertTrue(nl.addresses6(idx).contains(new Rtnetlink.Address6(idx, OWN, 128)), nl.addresses6(idx)::toString);
                assertTrue(nl.awaitLocalAddress6(idx, OWN, 5_000), () -> "local table: " + routes(nl, Rtnetlink.RT_TABLE_LOCAL));
                NativeException dup = assertThrows(NativeException.class, () -> nl.addAddress6(idx, OWN, 128));
                assertTrue(dup.alreadyExists(), dup.getMessage());
                assertEquals("RTM_NEWADDR", dup.call());
                assertTrue(dup.getMessage().contains("fd12:3456:789a::1/128"), dup.getMessage());

                nl.addRoute6(idx, FD00, 8);
                Rtnetlink.Route6 route = new Rtnetlink.Route6(FD00, 8, idx, Rtnetlink.RT_TABLE_MAIN);
                assertTrue(nl.routes6(Rtnetlink.RT_TABLE_MAIN).contains(route), nl.routes6(Rtnetlink.RT_TABLE_MAIN)::toString);
                assertTrue(assertThrows(NativeException.class, () -> nl.addRoute6(idx, FD00, 8)).alreadyExists());

                nl.addRule6(FD00, 8, RULE_PRIORITY, Rtnetlink.RT_TABLE_MAIN);
                Rtnetlink.Rule6 rule = new Rtnetlink.Rule6(FD00, 8, RULE_PRIORITY, Rtnetlink.RT_TABLE_MAIN);
                List<Rtnetlink.Rule6> rules = nl.rules6();
                assertTrue(rules.contains(rule), rules::toString);
                assertTrue(rules.indexOf(rule) < rules.size() - 1, "before the main-table catch-all: " + rules);
                NativeException dupRule = assertThrows(NativeException.class,
                        () -> nl.addRule6(FD00, 8, RULE_PRIORITY, Rtnetlink.RT_TABLE_MAIN));
                assertTrue(dupRule.alreadyExists(), dupRule.getMessage());
                assertTrue(dupRule.getMessage().contains("priority 5265: to fd00::/8 lookup 254"), dupRule.getMessage());

                // delete and re-add each, and deleting what is absent names the kernel's errno
                nl.deleteRoute6(idx, FD00, 8);
                assertFalse(nl.routes6(Rtnetlink.RT_TABLE_MAIN).contains(route));
                assertEquals(Errno.ESRCH, assertThrows(NativeException.class, () -> nl.deleteRoute6(idx, FD00, 8)).errno());
                nl.addRoute6(idx, FD00, 8);
                nl.deleteRule6(FD00, 8, RULE_PRIORITY, Rtnetlink.RT_TABLE_MAIN);
                assertFalse(nl.rules6().contains(rule));
                assertEquals(Errno.ENOENT, assertThrows(NativeException.class,
                        () -> nl.deleteRule6(FD00, 8, RULE_PRIORITY, Rtnetlink.RT_TABLE_MAIN)).errno());
                nl.addRule6(FD00, 8, RULE_PRIORITY, Rtnetlink.RT_TABLE_MAIN);
                byte[] other = HEX.parseHex("fd990000000000000000000000000001");
                nl.addAddress6(idx, other, 128);
                nl.deleteAddress6(idx, other, 128);
                assertFalse(nl.addresses6(idx).contains(new Rtnetlink.Address6(idx, other, 128)));

                // a second open of the same, attached device is refused
                NativeException busy = assertThrows(NativeException.class, () -> TunDevice.open(name));
                assertEquals(Errno.EBUSY, busy.errno());
                assertTrue(busy.getMessage().contains("TUNSETIFF"), busy.getMessage());
                // a name taken by a device that is not a TUN
                assertEquals(Errno.EINVAL, assertThrows(NativeException.class, () -> TunDevice.open("lo")).errno());

                tun.close();
                assertTrue(tun.isClosed());
                NativeException gone = assertThrows(NativeException.class, () -> nl.linkIndex(name));
                assertEquals(Errno.ENODEV, gone.errno(), gone.getMessage());
                assertTrue(gone.getMessage().startsWith("RTM_GETLINK(name=fipst0)"), gone.getMessage());
                assertFalse(nl.routes6(Rtnetlink.RT_TABLE_MAIN).contains(route), "the route went with the device");
                assertEquals(initial, nl.links());
            }
        });
        assertEquals(hostBefore, hostSnapshot(), "the host namespace is unchanged");
    }

    private static String routes(Rtnetlink nl, int table) {
        try {
            return nl.routes6(table).toString();
        } catch (NativeException e) {
            return e.toString();
        }
    }

    // ---- data path ----

    /** Configures an open TUN as the node would (INTEROP.md 9.2); returns its index. */
    private static int configure(Rtnetlink nl, TunDevice tun) throws NativeException {
        int idx = nl.linkIndex(tun.name());
        nl.setMtu(idx, 1280);
        nl.setUp(idx, true);
        nl.addAddress6(idx, OWN, 128);
        nl.addRoute6(idx, FD00, 8);
        assertTrue(nl.awaitLocalAddress6(idx, OWN, 5_000), "local route for the TUN address");
        return idx;
    }

    private static int udpSocketOnOwnAddress() throws Exception {
        int fd = Sockets.open(Syscalls.AF_INET6, Syscalls.SOCK_DGRAM | Syscalls.SOCK_NONBLOCK | Syscalls.SOCK_CLOEXEC, 0);
        Sockets.bind(fd, new InetSocketAddress(Inet6Address.getByAddress(null, OWN, 0), 0));
        return fd;
    }

    /** Reads from the TUN until a UDP packet to {@code dst} arrives, skipping the kernel's own ICMPv6 (MLD, RS). */
    private static int readUdpTo(TunDevice tun, MemorySegment buf, byte[] dst) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            int n = tun.read(buf, 500);
            if (n >= 40 && buf.get(ValueLayout.JAVA_BYTE, 6) == 17
                    && buf.asSlice(24, 16).mismatch(MemorySegment.ofArray(dst)) == -1) {
                return n;
            }
            assertTrue(n >= 0, "read returned " + n);
        }
        throw new AssertionError("no UDP packet to " + Sockaddr.formatIpv6(dst, 0) + " came out of the TUN");
    }

    /** The IPv6/UDP counters of this thread's namespace that are not zero, for failure messages. */
    private static String snmp6() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/thread-self/net/snmp6")).stream()
                    .filter(l -> !l.trim().endsWith(" 0")).toList().toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** An IPv6/UDP packet with a valid checksum (RFC 8200 section 8.1 pseudo-header). */
    static byte[] udp6(byte[] src, int srcPort, byte[] dst, int dstPort, byte[] payload) {
        int udpLen = 8 + payload.length;
        byte[] p = new byte[40 + udpLen];
        p[0] = 0x60;
        p[4] = (byte) (udpLen >> 8);
        p[5] = (byte) udpLen;
        p[6] = 17;
        p[7] = 64;
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        p[40] = (byte) (srcPort >> 8);
        p[41] = (byte) srcPort;
        p[42] = (byte) (dstPort >> 8);
        p[43] = (byte) dstPort;
        p[44] = (byte) (udpLen >> 8);
        p[45] = (byte) udpLen;
        System.arraycopy(payload, 0, p, 48, payload.length);
        long sum = 0;
        for (int i = 8; i < 40; i += 2) {
            sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        }
        sum += udpLen + 17;
        for (int i = 40; i < p.length; i += 2) {
            sum += ((p[i] & 0xff) << 8) | (i + 1 < p.length ? p[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int c = (int) (~sum & 0xffff);
        if (c == 0) {
            c = 0xffff;
        }
        p[46] = (byte) (c >> 8);
        p[47] = (byte) c;
        return p;
    }

    @Test
    @DisplayName("INTEROP.md 9.2 data path: a datagram to an fd00::/8 peer comes out of the TUN as IPv6/UDP; a packet written in reaches a local socket")
    void packetsBothWays() throws Exception {
        String hostBefore = hostSnapshot();
        inNewNetns(() -> {
            try (Rtnetlink nl = Rtnetlink.open(); TunDevice tun = TunDevice.open(TEMPLATE); Arena arena = Arena.ofConfined()) {
                configure(nl, tun);
                int sock = udpSocketOnOwnAddress();
                try {
                    int port = Sockets.localAddress(sock).getPort();
                    MemorySegment cs = Native.allocateCallState(arena);
                    MemorySegment sa = arena.allocate(Sockaddr.SOCKADDR_MAX_BYTES, 8);

                    // outbound: socket -> kernel routes fd00::/8 into the TUN -> TunDevice.read (native segment)
                    byte[] hello = "hello fips".getBytes(StandardCharsets.US_ASCII);
                    int saLen = Sockaddr.writeIn6(sa, PEER, 0, 9999, 0);
                    assertEquals(hello.length, Syscalls.sendto(cs, sock, MemorySegment.ofArray(hello), hello.length, 0, sa, saLen));
                    MemorySegment pkt = arena.allocate(2048, 8);
                    int n = readUdpTo(tun, pkt, PEER);
                    assertEquals(40 + 8 + hello.length, n);
                    assertEquals(6, (pkt.get(ValueLayout.JAVA_BYTE, 0) & 0xf0) >> 4, "IPv6, no packet-information prefix");
                    assertArrayEquals(OWN, pkt.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE), "source is the TUN's /128");
                    assertEquals(port, pkt.get(Syscalls.NET_SHORT, 40) & 0xffff);
                    assertEquals(9999, pkt.get(Syscalls.NET_SHORT, 42) & 0xffff);
                    assertArrayEquals(hello, pkt.asSlice(48, hello.length).toArray(ValueLayout.JAVA_BYTE));

                    // outbound again, into a byte[] through the staging buffer, and cut short: length tells
                    byte[] big = new byte[200];
                    assertEquals(200, Syscalls.sendto(cs, sock, MemorySegment.ofArray(big), 200, 0, sa, saLen));
                    byte[] small = new byte[64 + 4];
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    int m;
                    do {
                        m = tun.read(small, 4, 64, 500);
                    } while ((m < 40 || small[4 + 6] != 17) && System.nanoTime() < deadline);
                    assertEquals(248, m, "the packet's full length, larger than the 64-byte buffer");
                    assertArrayEquals(PEER, java.util.Arrays.copyOfRange(small, 4 + 24, 4 + 40));
                    assertEquals(0, small[0], "nothing written before the offset");

                    // inbound: TunDevice.write (byte[]) -> kernel delivers to the socket bound on our address
                    byte[] reply = "reply from the mesh".getBytes(StandardCharsets.US_ASCII);
                    byte[] in = udp6(PEER, 7777, OWN, port, reply);
                    assertEquals(in.length, tun.write(in, 0, in.length));
                    MemorySegment rx = arena.allocate(256, 8);
                    MemorySegment from = arena.allocate(Sockaddr.SOCKADDR_MAX_BYTES, 8);
                    MemorySegment fromLen = arena.allocate(ValueLayout.JAVA_INT);
                    long got = -1;
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (got < 0 && System.nanoTime() < deadline) {
                        fromLen.set(ValueLayout.JAVA_INT, 0, Sockaddr.SOCKADDR_MAX_BYTES);
                        got = Syscalls.recvfrom(cs, sock, rx, 256, 0, from, fromLen);
                        if (got < 0) {
                            assertEquals(Errno.EAGAIN, Native.errno(cs));
                            Thread.sleep(10);
                        }
                    }
                    assertEquals(reply.length, got, () -> "the written packet reached the socket; kernel counters: "
                            + snmp6());
                    assertArrayEquals(reply, rx.asSlice(0, reply.length).toArray(ValueLayout.JAVA_BYTE));
                    assertEquals("[fd34::2]:7777", Sockaddr.format(Sockaddr.read(from)));

                    // and once more from a native segment
                    MemorySegment native_ = arena.allocate(in.length, 8);
                    MemorySegment.copy(in, 0, native_, ValueLayout.JAVA_BYTE, 0, in.length);
                    assertEquals(in.length, tun.write(native_));

                    // a packet the kernel refuses is a negative errno, not an exception
                    // (IP version 5: with IFF_NO_PI the kernel takes the protocol from the version nibble)
                    byte[] notIp = new byte[48];
                    notIp[0] = 0x50;
                    assertEquals(-Errno.EINVAL, tun.write(notIp, 0, notIp.length));
                } finally {
                    Sockets.close(sock);
                }
            }
        });
        assertEquals(hostBefore, hostSnapshot(), "the host namespace is unchanged");
    }

    @Test
    @DisplayName("steady state allocates nothing: read and write, native segment and byte[] paths, measured per thread")
    void allocationFree() throws Exception {
        inNewNetns(() -> {
            try (Rtnetlink nl = Rtnetlink.open(); TunDevice tun = TunDevice.open(TEMPLATE); Arena arena = Arena.ofConfined()) {
                configure(nl, tun);
                int sock = udpSocketOnOwnAddress();
                try {
                    int port = Sockets.localAddress(sock).getPort();
                    MemorySegment cs = Native.allocateCallState(arena);
                    MemorySegment sa = arena.allocate(Sockaddr.SOCKADDR_MAX_BYTES, 8);
                    int saLen = Sockaddr.writeIn6(sa, PEER, 0, 9999, 0);
                    MemorySegment payload = arena.allocate(100, 8);
                    int outLen = 40 + 8 + 100;
                    MemorySegment seg = arena.allocate(2048, 8);
                    byte[] arr = new byte[2048];
                    byte[] in = udp6(PEER, 7777, OWN, port, new byte[100]);
                    MemorySegment inSeg = arena.allocate(in.length, 8);
                    MemorySegment.copy(in, 0, inSeg, ValueLayout.JAVA_BYTE, 0, in.length);
                    MemorySegment rx = arena.allocate(256, 8);
                    long[] failures = new long[1];
                    Runnable rounds = () -> {
                        for (int i = 0; i < 5_000; i++) {
                            // out: socket -> TUN, read into a native segment, then into a byte[]
                            for (int k = 0; k < 2; k++) {
                                Syscalls.sendto(cs, sock, payload, 100, 0, sa, saLen);
                                int n;
                                int tries = 0;
                                do {
                                    n = k == 0 ? tun.read(seg, 1000) : tun.read(arr, 0, arr.length, 1000);
                                } while (n != outLen && n >= 0 && ++tries < 10);
                                if (n != outLen) {
                                    failures[0]++;
                                }
                            }
                            // in: TUN write from a byte[] and from a native segment -> socket
                            for (int k = 0; k < 2; k++) {
                                int w = k == 0 ? tun.write(in, 0, in.length) : tun.write(inSeg);
                                if (w != in.length) {
                                    failures[0]++;
                                }
                                long got;
                                int spins = 0;
                                do {
                                    got = Syscalls.recvfrom(cs, sock, rx, 256, 0, MemorySegment.NULL, MemorySegment.NULL);
                                } while (got < 0 && ++spins < 1_000_000);
                                if (got != 100) {
                                    failures[0]++;
                                }
                            }
                        }
                    };
                    for (int warm = 0; warm < 4; warm++) {
                        Allocation.measure(rounds);
                    }
                    assertEquals(0, failures[0], "warm-up packets lost or mangled");
                    long bytes = Allocation.measure(rounds);
                    long overhead = Allocation.measure(() -> { });
                    assertEquals(0, failures[0], "packets lost or mangled");
                    // 20,000 reads and 20,000 writes: one allocation per call would be >= 16 bytes each
                    assertTrue(bytes - overhead < 1_024,
                            "allocated " + bytes + " bytes (measurement alone: " + overhead + ") in 40,000 TUN calls");
                } finally {
                    Sockets.close(sock);
                }
            }
        });
    }

    @Test
    @DisplayName("the reader thread stops promptly: wakeup() ends a blocked read with 0, close() with CLOSED; reads and writes after close return CLOSED")
    void wakeupAndClose() throws Exception {
        inNewNetns(() -> {
            TunDevice tun = TunDevice.open(TEMPLATE);
            try (Rtnetlink nl = Rtnetlink.open()) {
                configure(nl, tun);
                String name = tun.name();
                while (tun.read(new byte[2048], 0, 2048, 0) > 0) {
                    // drain what the kernel sent when the link came up (MLD reports, router solicitations)
                }
                assertEquals(0, tun.read(new byte[2048], 0, 2048, 0), "nothing queued, no wait");
                long t0 = System.nanoTime();
                int idle = tun.read(new byte[2048], 0, 2048, 50);
                assertTrue(idle == 0 || idle > 0, "timeout or a kernel packet: " + idle);
                assertTrue(idle > 0 || System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(40), "waited");

                // wakeup: a read blocked without timeout returns 0 at once
                AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
                MemorySegment buf = Arena.global().allocate(2048, 8);
                Thread reader = Thread.ofPlatform().start(() -> {
                    int r;
                    do {
                        r = tun.read(buf, -1);
                    } while (r > 0); // skip the kernel's own ICMPv6 packets
                    result.set(r);
                });
                Thread.sleep(200);
                assertTrue(reader.isAlive(), "reader should be blocked");
                tun.wakeup();
                reader.join(2000);
                assertFalse(reader.isAlive(), "wakeup did not end the read");
                assertEquals(0, result.get());

                // close: a blocked read returns CLOSED and close() returns once the device is gone
                result.set(Integer.MIN_VALUE);
                reader = Thread.ofPlatform().start(() -> {
                    int r;
                    do {
                        r = tun.read(buf, -1);
                    } while (r >= 0);
                    result.set(r);
                });
                Thread.sleep(200);
                assertTrue(reader.isAlive(), "reader should be blocked");
                long c0 = System.nanoTime();
                tun.close();
                reader.join(2000);
                assertFalse(reader.isAlive(), "close did not end the read");
                assertTrue(System.nanoTime() - c0 < TimeUnit.SECONDS.toNanos(1), "close was not prompt");
                assertEquals(TunDevice.CLOSED, result.get());
                assertEquals(Errno.ENODEV, assertThrows(NativeException.class, () -> nl.linkIndex(name)).errno());

                assertEquals(TunDevice.CLOSED, tun.read(new byte[64], 0, 64, 1000));
                assertEquals(TunDevice.CLOSED, tun.read(buf, -1));
                assertEquals(TunDevice.CLOSED, tun.write(new byte[48], 0, 48));
                assertEquals(TunDevice.CLOSED, tun.write(buf));
                tun.wakeup(); // no-op
                tun.close(); // idempotent
            } finally {
                tun.close();
            }
        });
    }

    @Test
    @DisplayName("bad arguments are IllegalArgumentException naming the value; a missing link is ENODEV naming it")
    void misuse() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> TunDevice.open(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TunDevice.open("sixteen-chars-xx"));
        assertTrue(e.getMessage().contains("sixteen-chars-xx"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TunDevice.open("a/b"));
        assertThrows(IllegalArgumentException.class, () -> TunDevice.open("a b"));
        try (Rtnetlink nl = Rtnetlink.open()) {
            assertThrows(IllegalArgumentException.class, () -> nl.setMtu(0, 1280));
            assertThrows(IllegalArgumentException.class, () -> nl.addAddress6(1, new byte[4], 32));
            assertThrows(IllegalArgumentException.class, () -> nl.addRoute6(1, FD00, 129));
            assertThrows(IllegalArgumentException.class, () -> nl.addRule6(FD00, 8, RULE_PRIORITY, 0));
            NativeException missing = assertThrows(NativeException.class, () -> nl.linkIndex("nosuchdev9"));
            assertEquals(Errno.ENODEV, missing.errno());
            assertTrue(missing.getMessage().contains("name=nosuchdev9"), missing.getMessage());
            assertTrue(nl.links().stream().anyMatch(l -> l.name().equals("lo")), "read-only dump of the host's links");
            assertEquals(0, nl.malformedReplies());
        }
        assertThrows(IllegalStateException.class, () -> {
            Rtnetlink nl = Rtnetlink.open();
            nl.close();
            nl.links();
        });
    }
}
