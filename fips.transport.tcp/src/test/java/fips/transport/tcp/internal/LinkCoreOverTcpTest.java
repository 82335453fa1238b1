package fips.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkConfig;
import fips.fmp.link.LinkCore;
import fips.fmp.link.LinkEvent;
import fips.fmp.link.LinkSink;
import fips.fmp.link.PeerLink;
import fips.fmp.link.PeerSpec;
import fips.identity.Identity;
import fips.identity.SecretKey;
import fips.link.spi.ConnectionState;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.noise.AeadEngine;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two fips.fmp LinkCores, each driven by its own TCP transport, complete the
 * Noise IK link handshake (INTEROP.md 2.3, 3.1) over a real connection and
 * exchange an encrypted link message (INTEROP.md 3.2): LinkCore asks for the
 * connection (design/fips-transport-layer.md "Connection Lifecycle") and
 * sends msg1 once the transport reports it connected; the responder answers
 * on the inbound stream, addressed by the source the transport reported.
 */
@Timeout(60)
class LinkCoreOverTcpTest {
    private static final long WAIT_MS = 15_000;
    private static final int MSG_TYPE = 0x10; // any type LinkCore hands up rather than consuming

    /** One node: a core, its transport and a lock that makes the core single-writer. */
    static final class Node implements LinkSink {
        final Identity id;
        final TcpTransport transport;
        final LinkCore core;
        final LinkedBlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<byte[]> delivered = new LinkedBlockingQueue<>();
        final long t0 = System.nanoTime();

        Node(long seed, TcpTransport transport) {
            this.id = Identity.of(SecretKey.generate(new Random(seed)));
            this.transport = transport;
            this.core = new LinkCore(id, LinkConfig.defaults(), new Random(seed * 31 + 7), this, AeadEngine.JDK, nowMs());
            transport.start((t, from, buf, off, len) -> {
                synchronized (core) {
                    core.onDatagram(t, from, buf, off, len, nowMs());
                }
            });
        }

        long nowMs() {
            return 1_000_000 + (System.nanoTime() - t0) / 1_000_000;
        }

        void poll() {
            synchronized (core) {
                core.poll(nowMs());
            }
        }

        @Override
        public void transmit(Transport t, TransportAddr to, byte[] buf, int off, int len) {
            t.send(to, buf, off, len);
        }

        @Override
        public void deliver(PeerLink peer, int msgType, byte[] buf, int off, int len, long nowMs) {
            if (msgType == MSG_TYPE) {
                delivered.add(Arrays.copyOfRange(buf, off, off + len));
            }
        }

        @Override
        public void event(LinkEvent e) {
            events.add(e);
        }

        LinkEvent.Up awaitUp(Node... others) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (System.nanoTime() < deadline) {
                for (Node n : others) {
                    n.poll();
                }
                poll();
                LinkEvent e = events.poll(10, TimeUnit.MILLISECONDS);
                if (e instanceof LinkEvent.Up up) {
                    return up;
                }
            }
            return null;
        }
    }

    @Test
    @DisplayName("INTEROP.md 2.3 and 3.1-3.2 over TCP: LinkCore connects, handshakes and exchanges a frame both ways")
    void handshakeOverTcp() throws Exception {
        try (TcpTransport ta = Loopback.open((String) null); TcpTransport tb = Loopback.open("127.0.0.1:0")) {
            Node a = new Node(1, ta);
            Node b = new Node(2, tb);
            TransportAddr bAddr = ta.parseAddress(tb.localAddress());
            PeerSpec bSpec = new PeerSpec(b.id.publicKey().withEvenParity(), "b",
                    List.of(new PeerSpec.Address(ta, bAddr)), true, true);
            synchronized (a.core) {
                a.core.addPeer(bSpec, a.nowMs());
            }
            assertFalse(ta.connectionState(bAddr) == ConnectionState.NONE, "LinkCore asked for the connection");

            LinkEvent.Up upA = a.awaitUp(b);
            assertNotNull(upA, "a's link did not come up");
            assertTrue(upA.initiator());
            assertEquals(b.id.nodeAddr(), upA.peer());
            LinkEvent.Up upB = b.awaitUp(a);
            assertNotNull(upB, "b's link did not come up");
            assertFalse(upB.initiator());

            byte[] hello = "over tcp".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            synchronized (a.core) {
                assertTrue(a.core.send(b.id.nodeAddr(), MSG_TYPE, hello, 0, hello.length, a.nowMs()) > 0);
            }
            assertArrayEquals(hello, b.delivered.poll(WAIT_MS, TimeUnit.MILLISECONDS));
            synchronized (b.core) {
                assertTrue(b.core.send(a.id.nodeAddr(), MSG_TYPE, hello, 0, hello.length, b.nowMs()) > 0);
            }
            assertArrayEquals(hello, a.delivered.poll(WAIT_MS, TimeUnit.MILLISECONDS));

            assertEquals(0, ta.stats().sendErrors() + ta.stats().receiveErrors());
            assertEquals(0, tb.stats().sendErrors() + tb.stats().receiveErrors());
            assertEquals(1L, tb.details().get("pool_inbound"));
        }
    }
}
