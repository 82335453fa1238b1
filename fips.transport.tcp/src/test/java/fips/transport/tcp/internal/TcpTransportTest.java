package fips.transport.tcp.internal;

import static fips.transport.tcp.internal.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.ConnectionState;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportStats;
import fips.transport.tcp.internal.Loopback.Datagram;
import fips.transport.tcp.internal.Loopback.QueueSink;
import fips.transport.tcp.internal.TcpCounters.C;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TCP transport against real sockets on 127.0.0.1 (design/fips-transport-layer.md
 * "TCP/IP: Transport for UDP-Filtered Networks"; INTEROP.md 12, TCP row). Every
 * test closes what it opens.
 */
@Timeout(60)
class TcpTransportTest {

    /** Reads until EOF or reset; true if the peer closed within the wait. */
    private static boolean closedByPeer(Socket s) throws IOException {
        s.setSoTimeout((int) Loopback.WAIT_MS);
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static Socket rawClient(TcpTransport to) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(),
                TcpAddrs.toInet(to.parseAddress(to.localAddress())).getPort());
    }

    @Test
    @DisplayName("Connection Lifecycle: connect -> CONNECTED; packets both ways; the reply goes back on the inbound stream")
    void bothWays() throws Exception {
        try (TcpTransport a = Loopback.open("127.0.0.1:0"); TcpTransport b = Loopback.open("127.0.0.1:0")) {
            QueueSink sa = new QueueSink();
            QueueSink sb = new QueueSink();
            a.start(sa);
            b.start(sb);
            TransportAddr bAddr = a.parseAddress(b.localAddress());
            assertEquals(ConnectionState.NONE, a.connectionState(bAddr));
            a.connect(bAddr);
            assertTrue(a.connectionState(bAddr) != ConnectionState.NONE, "CONNECTING (or already CONNECTED) at once");
            await(() -> a.connectionState(bAddr) == ConnectionState.CONNECTED, () -> "state " + a.connectionState(bAddr));
            a.connect(bAddr); // already connected: nothing happens
            await(() -> b.details().get("pool_inbound") == 1L, () -> "b accepted: " + b.details());

            byte[] m1 = Loopback.msg1(1);
            assertTrue(a.send(bAddr, m1, 0, m1.length));
            Datagram d = sb.take();
            assertArrayEquals(m1, d.data());
            assertSame(b, d.transport());
            assertTrue(d.source().toString().startsWith("127.0.0.1:"), d.source().toString());
            assertEquals(ConnectionState.CONNECTED, b.connectionState(d.source()), "inbound keyed by remote address");

            byte[] m2 = Loopback.msg2(2);
            byte[] full = Loopback.established(b.mtu() - 32, 3);
            assertEquals(1400, full.length);
            assertTrue(b.send(d.source(), m2, 0, m2.length), "reply to the source as received");
            assertTrue(b.send(d.source(), full, 0, full.length));
            Datagram r = sa.take();
            assertArrayEquals(m2, r.data());
            assertEquals(bAddr, r.source());
            assertArrayEquals(full, sa.take().data());

            assertEquals(1, a.details().get("pool_outbound"));
            assertEquals(1, a.counters().get(C.CONNECTIONS_ESTABLISHED));
            assertEquals(1, b.counters().get(C.CONNECTIONS_ACCEPTED));
            TransportStats as = a.stats();
            assertEquals(1, as.packetsSent());
            assertEquals(114, as.bytesSent());
            assertEquals(2, as.packetsReceived());
            assertEquals(69 + 1400, as.bytesReceived());
            assertEquals(0, as.sendErrors());
            assertEquals(0, as.receiveErrors());
        }
    }

    @Test
    @DisplayName("FMP header framing (INTEROP.md 12): a 65535-byte packet (over a loopback segment) and 3000 back to back arrive whole, in order")
    void framingUnderLoad() throws Exception {
        int mtu = 65535;
        try (TcpTransport a = Loopback.open(Loopback.config("127.0.0.1:0", mtu, 5000, 30_000));
                TcpTransport b = Loopback.open(Loopback.config("127.0.0.1:0", mtu, 5000, 30_000))) {
            QueueSink sb = new QueueSink();
            a.start(new QueueSink());
            b.start(sb);
            TransportAddr bAddr = Loopback.connect(a, b);

            byte[] huge = Loopback.established(mtu - 32, 9);
            assertTrue(a.send(bAddr, huge, 0, huge.length));
            assertArrayEquals(huge, sb.take().data());

            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                byte[] p = switch (i % 5) {
                    case 0 -> Loopback.msg1(i);
                    case 1 -> Loopback.msg2(i);
                    case 2 -> Loopback.established(0, i); // heartbeat-sized: prefix, header and tag only
                    case 3 -> Loopback.established(1 + (i * 37) % 1500, i);
                    default -> Loopback.established(3000 + i, i);
                };
                // The write queue (4 * mtu here) backs the kernel buffer; wait rather than drop.
                while (!a.send(bAddr, p, 0, p.length)) {
                    assertEquals(0, a.counters().get(C.WRITE_ERRORS));
                    Thread.sleep(1);
                }
                sent.add(p);
            }
            for (int i = 0; i < sent.size(); i++) {
                byte[] got = sb.take().data();
                assertArrayEquals(sent.get(i), got, "packet " + i);
            }
            assertNull(sb.queue.poll(50, TimeUnit.MILLISECONDS));
            assertEquals(0, b.stats().receiveErrors());
            assertEquals(3001, b.stats().packetsReceived());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "unknown version (an HTTP request), 47455420",
        "unknown phase 3,                   03000000",
        "msg1 with payload_len 109,         01006d00",
        "msg2 with payload_len 66,          02004200",
        "payload_len above mtu - 32,        00005905",
    })
    @DisplayName("INTEROP.md 12: a framing error closes that stream and is counted; another stream keeps working")
    void garbageClosesOnlyThatStream(String what, String prefixHex) throws Exception {
        try (TcpTransport a = Loopback.open("127.0.0.1:0"); TcpTransport b = Loopback.open("127.0.0.1:0")) {
            QueueSink sa = new QueueSink();
            QueueSink sb = new QueueSink();
            a.start(sa);
            b.start(sb);
            TransportAddr bAddr = Loopback.connect(a, b);
            try (Socket raw = rawClient(b)) {
                byte[] good = Loopback.established(10, 1);
                raw.getOutputStream().write(good); // a whole good packet first: delivered
                assertArrayEquals(good, sb.take().data());
                byte[] garbage = Loopback.filler(200, 2);
                byte[] prefix = java.util.HexFormat.of().parseHex(prefixHex);
                System.arraycopy(prefix, 0, garbage, 0, 4);
                raw.getOutputStream().write(garbage);
                assertTrue(closedByPeer(raw), what + ": stream not closed");
            }
            await(() -> b.counters().get(C.FRAMING_ERRORS) == 1, () -> "framing errors " + b.details());
            assertEquals(1, b.stats().receiveErrors());
            assertEquals(1, b.stats().packetsReceived(), "nothing after the bad prefix was delivered");

            byte[] p = Loopback.established(100, 3);
            assertTrue(a.send(bAddr, p, 0, p.length));
            Datagram d = sb.take();
            assertArrayEquals(p, d.data());
            assertTrue(b.send(d.source(), p, 0, p.length));
            assertArrayEquals(p, sa.take().data());
            assertEquals(1L, b.details().get("pool_inbound"), "only a's stream is left");
        }
    }

    @Test
    @DisplayName("a stream that ends mid-packet is counted as truncated; the partial packet is not delivered")
    void truncatedStream() throws Exception {
        try (TcpTransport b = Loopback.open("127.0.0.1:0")) {
            QueueSink sb = new QueueSink();
            b.start(sb);
            try (Socket raw = rawClient(b)) {
                byte[] p = Loopback.msg1(4);
                raw.getOutputStream().write(p, 0, 60);
            }
            await(() -> b.stats().receiveTruncated() == 1, () -> "truncated " + b.details());
            assertNull(sb.queue.poll(50, TimeUnit.MILLISECONDS));
            await(() -> b.details().get("pool_inbound") == 0L, () -> "pool " + b.details());
        }
    }

    @Test
    @DisplayName("connect to a closed port: FAILED with a reason and counted as refused, no exception; connect again retries")
    void connectRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (TcpTransport a = Loopback.open((String) null)) {
            a.start(new QueueSink());
            TransportAddr to = a.parseAddress("127.0.0.1:" + port);
            a.connect(to);
            await(() -> a.connectionState(to) == ConnectionState.FAILED, () -> "state " + a.connectionState(to));
            assertNotNull(a.failure(to));
            assertTrue(a.failure(to).startsWith("connect failed: java.net.ConnectException"), a.failure(to));
            assertEquals(1, a.counters().get(C.CONNECT_REFUSED));
            assertEquals(0L, a.details().get("pool_outbound"));
            byte[] p = Loopback.msg1(1);
            assertFalse(a.send(to, p, 0, p.length));
            assertEquals(1, a.stats().sendErrors());
            a.connect(to);
            await(() -> a.counters().get(C.CONNECT_REFUSED) == 2, () -> "second attempt " + a.details());
            assertEquals(ConnectionState.FAILED, a.connectionState(to));
            assertTrue(a.ioThread().isAlive(), "I/O thread survived");
        }
    }

    @Test
    @DisplayName("connect_timeout_ms: a connect that gets no answer (listen queue full) is FAILED and counted as a timeout")
    void connectTimeout() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Never accepted: fill the listen queue until a connect hangs (Linux then drops SYNs).
            List<Socket> fillers = new ArrayList<>();
            try {
                boolean hung = false;
                for (int i = 0; i < 16 && !hung; i++) {
                    Socket s = new Socket();
                    fillers.add(s);
                    try {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 300);
                    } catch (SocketTimeoutException e) {
                        hung = true;
                    }
                }
                assertTrue(hung, "listen queue never filled");
                try (TcpTransport a = Loopback.open(Loopback.config(null, 1400, 300, 30_000))) {
                    a.start(new QueueSink());
                    TransportAddr to = a.parseAddress("127.0.0.1:" + full.getLocalPort());
                    long t0 = System.nanoTime();
                    a.connect(to);
                    assertEquals(ConnectionState.CONNECTING, a.connectionState(to));
                    await(() -> a.connectionState(to) == ConnectionState.FAILED, () -> "state " + a.connectionState(to));
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    assertTrue(ms >= 290 && ms < 2000, "failed after " + ms + " ms");
                    assertEquals(1, a.counters().get(C.CONNECT_TIMEOUTS));
                    assertEquals("connect timed out after 300 ms", a.failure(to));
                }
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    @DisplayName("send to an address with no stream, or over the MTU: false and counted, never thrown")
    void sendWithoutConnection() throws Exception {
        try (TcpTransport a = Loopback.open("127.0.0.1:0")) {
            a.start(new QueueSink());
            TransportAddr nowhere = a.parseAddress("127.0.0.1:9");
            byte[] p = Loopback.established(10, 1);
            assertFalse(a.send(nowhere, p, 0, p.length));
            assertEquals(1, a.counters().get(C.SEND_NO_CONNECTION));
            byte[] big = new byte[1401];
            assertFalse(a.send(nowhere, big, 0, big.length));
            TransportStats s = a.stats();
            assertEquals(1, s.sendErrors());
            assertEquals(1, s.sendTooBig());
            assertEquals(0, s.packetsSent());
            assertThrows(IllegalArgumentException.class, () -> a.connect(TransportAddr.of(new byte[3], "bogus")));
        }
    }

    @Test
    @DisplayName("send never blocks: a peer that stops reading fills the bounded write queue; the rest is dropped and counted")
    void writeQueueBounded() throws Exception {
        try (ServerSocket sink = new ServerSocket()) {
            sink.setReceiveBufferSize(4096); // before bind, so the accepted socket's window stays small
            sink.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            TcpConfig small = new TcpConfig(null, 1400, 5000, true, 30, 4096, 4096, 16, 30_000,
                    TcpConfig.defaultWriteQueueBytes(1400), 16);
            try (TcpTransport a = Loopback.open(small)) {
                a.start(new QueueSink());
                TransportAddr to = a.parseAddress("127.0.0.1:" + sink.getLocalPort());
                a.connect(to);
                await(() -> a.connectionState(to) == ConnectionState.CONNECTED, () -> "state " + a.connectionState(to));
                try (Socket accepted = sink.accept()) {
                    byte[] p = Loopback.established(1400 - 32, 1);
                    int ok = 0;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 2000; i++) {
                        if (a.send(to, p, 0, p.length)) {
                            ok++;
                        }
                    }
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    assertTrue(ms < 2000, "2000 sends took " + ms + " ms");
                    long full = a.counters().get(C.SEND_QUEUE_FULL);
                    assertTrue(full > 0, "nothing dropped: " + a.details());
                    assertEquals(2000, ok + full);
                    assertEquals(ok, a.stats().packetsSent());
                    assertTrue((long) ok * 1400 < 1024 * 1024, "far more accepted than kernel buffers + queue hold: " + ok);
                    assertEquals(ConnectionState.CONNECTED, a.connectionState(to), "a full queue does not close");
                }
            }
        }
    }

    @Test
    @DisplayName("INTEROP.md 12: an inbound stream with no whole packet within the first-frame deadline is closed")
    void firstFrameDeadline() throws Exception {
        try (TcpTransport b = Loopback.open(Loopback.config("127.0.0.1:0", 1400, 5000, 300))) {
            QueueSink sb = new QueueSink();
            b.start(sb);
            try (Socket silent = rawClient(b); Socket talker = rawClient(b)) {
                byte[] p = Loopback.msg1(1);
                talker.getOutputStream().write(p);
                assertArrayEquals(p, sb.take().data());
                long t0 = System.nanoTime();
                assertTrue(closedByPeer(silent), "silent stream left open");
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(ms < 2000, "closed after " + ms + " ms");
                assertEquals(1, b.counters().get(C.FIRST_FRAME_TIMEOUTS));
                Thread.sleep(400); // past the deadline again: the talker's stream stays
                talker.getOutputStream().write(p);
                assertArrayEquals(p, sb.take().data());
                assertEquals(1L, b.details().get("pool_inbound"));
            }
        }
    }

    @Test
    @DisplayName("max_inbound_connections: a stream over the limit is closed at accept and counted as rejected")
    void inboundLimit() throws Exception {
        TcpConfig d = Loopback.config("127.0.0.1:0", 1400, 5000, 30_000);
        TcpConfig one = new TcpConfig(d.bindAddr(), 1400, 5000, true, 30, 1 << 16, 1 << 16, 1, 30_000,
                d.writeQueueBytes(), 16);
        try (TcpTransport b = Loopback.open(one)) {
            QueueSink sb = new QueueSink();
            b.start(sb);
            try (Socket first = rawClient(b)) {
                await(() -> b.details().get("pool_inbound") == 1L, () -> "pool " + b.details());
                try (Socket second = rawClient(b)) {
                    assertTrue(closedByPeer(second), "second stream accepted");
                }
                assertEquals(1, b.counters().get(C.CONNECTIONS_REJECTED));
                byte[] p = Loopback.msg2(1);
                first.getOutputStream().write(p);
                assertArrayEquals(p, sb.take().data());
            }
        }
    }

    @Test
    @DisplayName("Session Independence: when the peer closes, the address reads NONE and connect dials again")
    void peerCloseThenRedial() throws Exception {
        try (TcpTransport a = Loopback.open((String) null)) {
            QueueSink sa = new QueueSink();
            a.start(sa);
            TransportAddr to;
            String where;
            try (TcpTransport b = Loopback.open("127.0.0.1:0")) {
                b.start(new QueueSink());
                to = Loopback.connect(a, b);
                where = b.localAddress();
            }
            await(() -> a.connectionState(to) == ConnectionState.NONE, () -> "state " + a.connectionState(to));
            assertEquals(0L, a.details().get("pool_outbound"));
            byte[] p = Loopback.msg1(1);
            assertFalse(a.send(to, p, 0, p.length));
            try (TcpTransport b2 = Loopback.open(where)) {
                QueueSink s2 = new QueueSink();
                b2.start(s2);
                assertEquals(to, Loopback.connect(a, b2));
                assertTrue(a.send(to, p, 0, p.length));
                assertArrayEquals(p, s2.take().data());
                assertEquals(2, a.counters().get(C.CONNECTIONS_ESTABLISHED));
            }
        }
    }

    @Test
    @DisplayName("a sink that throws is counted; the stream keeps delivering")
    void sinkThrows() throws Exception {
        try (TcpTransport a = Loopback.open((String) null); TcpTransport b = Loopback.open("127.0.0.1:0")) {
            QueueSink good = new QueueSink();
            b.start((t, src, buf, off, len) -> {
                if (buf[off] == 0x01) {
                    throw new IllegalStateException("test: sink refuses msg1");
                }
                good.onDatagram(t, src, buf, off, len);
            });
            a.start(new QueueSink());
            TransportAddr to = Loopback.connect(a, b);
            byte[] bad = Loopback.msg1(1);
            byte[] ok = Loopback.msg2(2);
            assertTrue(a.send(to, bad, 0, bad.length));
            assertTrue(a.send(to, ok, 0, ok.length));
            assertArrayEquals(ok, good.take().data());
            assertEquals(1, b.counters().get(C.SINK_ERRORS));
            assertEquals(1, b.stats().receiveErrors());
        }
    }

    @Test
    @DisplayName("close() is prompt and idempotent: the I/O thread stops, streams close, later calls fail counted")
    void closePromptAndIdempotent() throws Exception {
        TcpTransport b = Loopback.open("127.0.0.1:0");
        try (TcpTransport a = Loopback.open((String) null)) {
            a.start(new QueueSink());
            b.start(new QueueSink());
            TransportAddr to = Loopback.connect(a, b);
            Thread io = b.ioThread();
            Thread.sleep(50); // let it block in select
            long t0 = System.nanoTime();
            b.close();
            io.join(1000);
            assertFalse(io.isAlive(), "I/O thread still running");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "close took over a second");
            b.close();
            await(() -> a.connectionState(to) == ConnectionState.NONE, () -> "a still sees " + a.connectionState(to));
            assertEquals(0L, b.details().get("pool_inbound"));
            byte[] p = Loopback.msg1(1);
            assertFalse(b.send(to, p, 0, p.length));
            b.connect(to); // ignored after close
            assertEquals(ConnectionState.NONE, b.connectionState(to));
            assertThrows(IllegalStateException.class, () -> b.start(new QueueSink()));
            assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(),
                    TcpAddrs.toInet(a.parseAddress(b.localAddress())).getPort()).close(), "listener still open");
        }
        TcpTransport never = Loopback.open("127.0.0.1:0");
        never.close(); // never started: released on the closing thread
        never.close();
    }

    @Test
    @DisplayName("close() from inside the sink returns at once and the transport still releases everything")
    void closeFromSink() throws Exception {
        try (TcpTransport a = Loopback.open((String) null)) {
            TcpTransport b = Loopback.open("127.0.0.1:0");
            AtomicReference<Thread> closedOn = new AtomicReference<>();
            b.start((t, src, buf, off, len) -> {
                closedOn.set(Thread.currentThread());
                t.close();
            });
            a.start(new QueueSink());
            TransportAddr to = Loopback.connect(a, b);
            byte[] p = Loopback.msg1(1);
            assertTrue(a.send(to, p, 0, p.length));
            await(() -> closedOn.get() != null, () -> "sink not called");
            b.ioThread().join(1000);
            assertFalse(b.ioThread().isAlive());
            assertSame(b.ioThread(), closedOn.get());
            await(() -> a.connectionState(to) == ConnectionState.NONE, () -> "a still sees " + a.connectionState(to));
        }
    }

    @Test
    @DisplayName("listen address in use: IOException naming the key path and address")
    void portInUse() throws Exception {
        try (TcpTransport a = Loopback.open("127.0.0.1:0")) {
            String addr = a.localAddress();
            IOException e = assertThrows(IOException.class, () -> Loopback.open(addr));
            assertTrue(e.getMessage().startsWith("transports.tcp: cannot listen on TCP " + addr + ": "), e.getMessage());
        }
    }

    @Test
    @DisplayName("stats details carry the reference/transports.md TCP counter names")
    void detailNames() throws Exception {
        try (TcpTransport a = Loopback.open((String) null)) {
            Map<String, Long> m = a.details();
            for (String k : List.of("packets_sent", "bytes_sent", "packets_recv", "bytes_recv", "mtu_exceeded",
                    "connections_established", "connections_accepted", "connections_rejected", "connect_timeouts",
                    "connect_refused", "pool_inbound", "pool_outbound")) {
                assertEquals(0L, m.get(k), k);
            }
        }
    }
}
