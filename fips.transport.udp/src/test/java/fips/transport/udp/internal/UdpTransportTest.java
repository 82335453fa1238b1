package fips.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.TransportAddr;
import fips.link.spi.TransportStats;
import fips.transport.udp.internal.Loopback.Datagram;
import fips.transport.udp.internal.Loopback.QueueSink;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both implementations against real sockets on 127.0.0.1 / ::1
 * (design/fips-transport-layer.md "Services Provided to FMP"; INTEROP.md 12,
 * UDP row). Every test closes what it opens.
 */
class UdpTransportTest {

    private static void exchange(UdpTransportBase a, UdpTransportBase b) throws Exception {
        QueueSink sa = new QueueSink();
        QueueSink sb = new QueueSink();
        a.start(sa);
        b.start(sb);
        TransportAddr bAtA = a.parseAddress(b.localAddress());
        TransportAddr aAtB = b.parseAddress(a.localAddress());

        byte[] ping = Loopback.payload(200, 1);
        assertTrue(a.send(bAtA, ping, 0, ping.length));
        Datagram d = sb.take();
        assertArrayEquals(ping, d.data());
        assertEquals(aAtB, d.source(), "source is the sender's bound address");
        assertEquals(a.localAddress(), d.source().toString());
        assertSame(b, d.transport());

        byte[] pong = Loopback.payload(b.mtu(), 2);
        assertTrue(b.send(d.source(), pong, 0, pong.length), "reply to the source as received");
        Datagram r = sa.take();
        assertArrayEquals(pong, r.data());
        assertEquals(bAtA, r.source());
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("two transports on 127.0.0.1 exchange datagrams both ways")
    void ipv4BothWays(UdpImpl impl) throws Exception {
        try (UdpTransportBase a = Loopback.open(impl, "127.0.0.1:0");
                UdpTransportBase b = Loopback.open(impl, "127.0.0.1:0")) {
            assertTrue(a.localAddress().startsWith("127.0.0.1:"), a.localAddress());
            exchange(a, b);
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("two transports on ::1 exchange datagrams both ways")
    void ipv6BothWays(UdpImpl impl) throws Exception {
        try (UdpTransportBase a = Loopback.open(impl, "[::1]:0");
                UdpTransportBase b = Loopback.open(impl, "[::1]:0")) {
            assertTrue(a.localAddress().startsWith("[::1]:"), a.localAddress());
            exchange(a, b);
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("a socket bound to [::] is dual-stack: an IPv4 peer appears as its plain IPv4 address")
    void dualStack(UdpImpl impl) throws Exception {
        try (UdpTransportBase dual = Loopback.open(impl, "[::]:0");
                UdpTransportBase v4 = Loopback.open(impl, "127.0.0.1:0")) {
            assertTrue(dual.localAddress().startsWith("[::]:"), dual.localAddress());
            QueueSink dualSink = new QueueSink();
            QueueSink v4Sink = new QueueSink();
            dual.start(dualSink);
            v4.start(v4Sink);
            String local = dual.localAddress();
            int dualPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1));
            byte[] hello = Loopback.payload(50, 3);
            assertTrue(v4.send(v4.parseAddress("127.0.0.1:" + dualPort), hello, 0, hello.length));
            Datagram d = dualSink.take();
            assertEquals(v4.localAddress(), d.source().toString(), "v4-mapped source folded to IPv4");
            assertTrue(UdpAddrs.isIpv4(d.source()));
            assertEquals(dual.parseAddress(v4.localAddress()), d.source(), "one peer, one address");
            assertTrue(dual.send(d.source(), hello, 0, hello.length), "IPv4 destination on a dual-stack socket");
            assertArrayEquals(hello, v4Sink.take().data());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("MTU: a send of mtu + 1 bytes fails locally and is counted as sendTooBig")
    void mtuEnforced(UdpImpl impl) throws Exception {
        try (UdpTransportBase a = Loopback.open(impl, "127.0.0.1:0", 576);
                UdpTransportBase b = Loopback.open(impl, "127.0.0.1:0")) {
            QueueSink sink = new QueueSink();
            b.start(sink);
            TransportAddr to = a.parseAddress(b.localAddress());
            byte[] big = new byte[577];
            assertFalse(a.send(to, big, 0, 577));
            assertTrue(a.send(to, big, 0, 576));
            assertEquals(576, sink.take().data().length);
            TransportStats s = a.stats();
            assertEquals(1, s.sendTooBig());
            assertEquals(1, s.packetsSent());
            assertEquals(576, s.bytesSent());
            assertEquals(0, s.sendErrors());
            assertEquals(576, a.mtu());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("inbound datagram longer than mtu + 100 is counted as truncated and not delivered")
    void oversizeInbound(UdpImpl impl) throws Exception {
        try (UdpTransportBase rx = Loopback.open(impl, "127.0.0.1:0", 576);
                UdpTransportBase tx = Loopback.open(impl, "127.0.0.1:0", 2000)) {
            QueueSink sink = new QueueSink();
            rx.start(sink);
            TransportAddr to = tx.parseAddress(rx.localAddress());
            byte[] buf = Loopback.payload(2000, 4);
            assertTrue(tx.send(to, buf, 0, 677), "one byte over mtu + 100");
            assertTrue(tx.send(to, buf, 0, 2000));
            assertTrue(tx.send(to, buf, 0, 676), "exactly mtu + 100 is delivered");
            Datagram d = sink.take();
            assertEquals(676, d.data().length);
            assertNull(sink.queue.poll(100, TimeUnit.MILLISECONDS));
            TransportStats s = rx.stats();
            assertEquals(2, s.receiveTruncated());
            assertEquals(1, s.packetsReceived());
            assertEquals(676, s.bytesReceived());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("port in use: IOException naming key path and address")
    void portInUse(UdpImpl impl) throws Exception {
        try (UdpTransportBase a = Loopback.open(impl, "127.0.0.1:0")) {
            String addr = a.localAddress();
            IOException e = assertThrows(IOException.class, () -> Loopback.open(impl, addr));
            assertTrue(e.getMessage().startsWith("transports.udp: cannot bind UDP socket to " + addr + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("outbound_only binds an ephemeral port on 0.0.0.0 and refuses inbound handshakes")
    void outboundOnly(UdpImpl impl) throws Exception {
        UdpConfig cfg = UdpConfig.parse("transports.udp", Map.of("outbound_only", true, "bind_addr", "127.0.0.1:2121"));
        try (UdpTransportBase t = UdpTransportProvider.open("udp", "transports.udp", cfg, impl);
                UdpTransportBase peer = Loopback.open(impl, "127.0.0.1:0")) {
            assertTrue(t.localAddress().startsWith("0.0.0.0:"), t.localAddress());
            int port = Integer.parseInt(t.localAddress().substring("0.0.0.0:".length()));
            assertTrue(port > 0 && port != 2121, "ephemeral port, not bind_addr: " + port);
            assertFalse(t.acceptsInbound());
            QueueSink sink = new QueueSink();
            peer.start(sink);
            byte[] p = Loopback.payload(10, 5);
            assertTrue(t.send(t.parseAddress(peer.localAddress()), p, 0, p.length), "outbound works");
            assertEquals("127.0.0.1:" + port, sink.take().source().toString());
        }
        UdpConfig noAccept = UdpConfig.parse("transports.udp", Map.of("accept_connections", false, "bind_addr", "127.0.0.1:0"));
        try (UdpTransportBase t = UdpTransportProvider.open("udp", "transports.udp", noAccept, impl)) {
            assertFalse(t.acceptsInbound());
        }
        try (UdpTransportBase t = Loopback.open(impl, "127.0.0.1:0")) {
            assertTrue(t.acceptsInbound());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("close() stops the receive thread within a second, is idempotent, and later sends fail counted")
    void closeStopsReceiver(UdpImpl impl) throws Exception {
        UdpTransportBase t = Loopback.open(impl, "127.0.0.1:0");
        UdpTransportBase peer = Loopback.open(impl, "127.0.0.1:0");
        try {
            t.start(new QueueSink());
            Thread rx = t.receiverThread();
            Thread.sleep(50); // let it block in poll/select
            assertTrue(rx.isAlive());
            long t0 = System.nanoTime();
            t.close();
            rx.join(1000);
            assertFalse(rx.isAlive(), "receive thread still running");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "close took over a second");
            t.close();
            byte[] p = new byte[10];
            assertFalse(t.send(t.parseAddress(peer.localAddress()), p, 0, 10));
            assertEquals(1, t.stats().sendErrors());
            assertThrows(IllegalStateException.class, () -> t.start(new QueueSink()));
        } finally {
            t.close();
            peer.close();
        }
        // Its port is free again.
        try (UdpTransportBase again = Loopback.open(impl, t.localAddress())) {
            assertEquals(t.localAddress(), again.localAddress());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("close() from inside the sink stops the receive thread and frees the port")
    void closeFromSink(UdpImpl impl) throws Exception {
        UdpTransportBase t = Loopback.open(impl, "127.0.0.1:0");
        try (UdpTransportBase peer = Loopback.open(impl, "127.0.0.1:0")) {
            CountDownLatch called = new CountDownLatch(1);
            t.start((transport, source, buf, off, len) -> {
                transport.close();
                called.countDown();
            });
            assertTrue(peer.send(peer.parseAddress(t.localAddress()), new byte[5], 0, 5));
            assertTrue(called.await(5, TimeUnit.SECONDS));
            Thread rx = t.receiverThread();
            rx.join(1000);
            assertFalse(rx.isAlive());
        } finally {
            t.close();
        }
        try (UdpTransportBase again = Loopback.open(impl, t.localAddress())) {
            assertEquals(t.localAddress(), again.localAddress());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("stats add up on both ends; a throwing sink is counted and receiving goes on")
    void statsAddUp(UdpImpl impl) throws Exception {
        try (UdpTransportBase a = Loopback.open(impl, "127.0.0.1:0");
                UdpTransportBase b = Loopback.open(impl, "127.0.0.1:0")) {
            AtomicInteger seen = new AtomicInteger();
            CountDownLatch all = new CountDownLatch(40);
            Map<Integer, Integer> sizes = new HashMap<>();
            b.start((transport, source, buf, off, len) -> {
                int n = seen.incrementAndGet();
                synchronized (sizes) {
                    sizes.merge(len, 1, Integer::sum);
                }
                all.countDown();
                if (n % 10 == 0) {
                    throw new IllegalStateException("sink bug, on purpose");
                }
            });
            TransportAddr to = a.parseAddress(b.localAddress());
            long bytes = 0;
            for (int i = 0; i < 40; i++) {
                int len = 1 + i * 30;
                byte[] p = Loopback.payload(len, i);
                assertTrue(a.send(to, p, 0, len));
                bytes += len;
                if (i % 8 == 7) {
                    Thread.sleep(5); // stay far below the socket buffer
                }
            }
            assertTrue(all.await(5, TimeUnit.SECONDS), "received " + seen.get() + " of 40");
            TransportStats sa = a.stats();
            TransportStats sb = b.stats();
            assertEquals(new TransportStats(40, bytes, 0, 0, 0, 0, 0, 0), sa);
            assertEquals(new TransportStats(0, 0, 40, bytes, 0, 0, 4, 0), sb);
            assertEquals(40, sizes.size());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("an IPv4-only socket refuses IPv6 destinations: parseAddress names the text, send counts an error")
    void familyMismatch(UdpImpl impl) throws Exception {
        try (UdpTransportBase v4 = Loopback.open(impl, "127.0.0.1:0");
                UdpTransportBase v6 = Loopback.open(impl, "[::1]:0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v4.parseAddress("[::1]:2121"));
            assertTrue(e.getMessage().contains("\"[::1]:2121\""), e.getMessage());
            TransportAddr six = v6.parseAddress("[::1]:2121");
            assertFalse(v4.send(six, new byte[4], 0, 4));
            assertEquals(1, v4.stats().sendErrors());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("socket buffers: the kernel's effective SO_RCVBUF/SO_SNDBUF are kept (Linux doubles them)")
    void socketBuffers(UdpImpl impl) throws Exception {
        UdpConfig cfg = UdpConfig.parse("transports.udp",
                Map.of("bind_addr", "127.0.0.1:0", "recv_buf_size", 65536, "send_buf_size", 32768));
        try (UdpTransportBase t = UdpTransportProvider.open("udp", "transports.udp", cfg, impl)) {
            assertEquals(131072, t.recvBufEffective());
            assertEquals(65536, t.sendBufEffective());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("misuse: starting twice, a null sink, a foreign address")
    void misuse(UdpImpl impl) throws Exception {
        try (UdpTransportBase t = Loopback.open(impl, "127.0.0.1:0")) {
            assertThrows(IllegalArgumentException.class, () -> t.start(null));
            t.start(new QueueSink());
            assertThrows(IllegalStateException.class, () -> t.start(new QueueSink()));
            TransportAddr foreign = TransportAddr.of(new byte[] {1, 2, 3}, "ether 01:02:03");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.send(foreign, new byte[1], 0, 1));
            assertTrue(e.getMessage().contains("ether 01:02:03"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> t.send(t.parseAddress("127.0.0.1:9"), new byte[4], 2, 4));
            assertEquals("udp", t.type());
            assertEquals("udp", t.name());
        }
    }

    @ParameterizedTest
    @EnumSource(UdpImpl.class)
    @DisplayName("steady-state receive reuses one address per source")
    void sourceAddressCached(UdpImpl impl) throws Exception {
        try (UdpTransportBase a = Loopback.open(impl, "127.0.0.1:0");
                UdpTransportBase b = Loopback.open(impl, "127.0.0.1:0")) {
            QueueSink sink = new QueueSink();
            b.start(sink);
            TransportAddr to = a.parseAddress(b.localAddress());
            for (int i = 0; i < 20; i++) {
                assertTrue(a.send(to, new byte[8], 0, 8));
            }
            TransportAddr first = sink.take().source();
            for (int i = 1; i < 20; i++) {
                assertSame(first, sink.take().source());
            }
            if (b instanceof FfmUdpTransport f) {
                assertEquals(1, f.addrCacheMisses());
            }
        }
    }
}
