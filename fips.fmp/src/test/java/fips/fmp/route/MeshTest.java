package fips.fmp.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import fips.fmp.bloom.BloomFilter;
import fips.fmp.link.LinkConfig;
import fips.fmp.link.LinkCore;
import fips.fmp.link.LinkEvent;
import fips.fmp.link.LinkSink;
import fips.fmp.link.PeerLink;
import fips.fmp.link.PeerSpec;
import fips.fmp.route.RouteFixtures.Delivered;
import fips.fmp.route.RouteFixtures.FakeCache;
import fips.fmp.route.RouteFixtures.FakeTree;
import fips.fmp.route.RouteFixtures.RecordingLocal;
import fips.fmp.tree.Coords;
import fips.fmp.wire.CoordsRequired;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.ErrorSignal;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.MtuExceeded;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.SecretKey;
import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportStats;
import fips.noise.AeadEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three nodes A — B — C with real LinkCores (Noise IK links, sealed frames)
 * and a Router each, wired by hand the way the mesh glue will wire them:
 * LinkSink.deliver(0x00) → Router.onDatagram; LinkOutput → LinkCore.send;
 * LinkEvent.Up/Down → PeerTable. Every transmit is captured and delivered in
 * order. Tree coordinates, filters and cache entries are set by hand (B is
 * the root, A and C its children).
 */
class MeshTest {
    static final class FakeTransport implements Transport {
        final String name;
        final Map<TransportAddr, Integer> mtuTo = new HashMap<>();

        FakeTransport(String name) {
            this.name = name;
        }

        @Override public String type() { return "fake"; }
        @Override public String name() { return name; }
        @Override public int mtu() { return 1280; }
        @Override public int linkMtu(TransportAddr addr) { return mtuTo.getOrDefault(addr, mtu()); }
        @Override public TransportAddr parseAddress(String text) { return addr(text); }
        @Override public void start(DatagramSink sink) { }
        @Override public boolean send(TransportAddr to, byte[] buf, int off, int len) { throw new AssertionError("cores never send"); }
        @Override public String localAddress() { return name; }
        @Override public TransportStats stats() { return new TransportStats(0, 0, 0, 0, 0, 0, 0, 0); }
        @Override public void close() { }
    }

    static TransportAddr addr(String text) {
        return TransportAddr.of(text.getBytes(StandardCharsets.UTF_8), text);
    }

    record Packet(Node from, TransportAddr to, byte[] bytes) {}

    final class Node implements LinkSink {
        final String name;
        final Identity id;
        final NodeAddr self;
        final FakeTransport transport;
        final TransportAddr address;
        final LinkCore link;
        final PeerTable peers = new PeerTable();
        final FakeCache cache = new FakeCache();
        final FakeTree tree = new FakeTree(null);
        final RecordingLocal local = new RecordingLocal();
        final Router router;

        Node(String name, long seed) {
            this.name = name;
            this.id = Identity.of(SecretKey.generate(new Random(seed)));
            this.self = id.nodeAddr();
            this.transport = new FakeTransport(name);
            this.address = addr(name);
            this.link = new LinkCore(id, LinkConfig.defaults(), new Random(seed * 31 + 1), this, AeadEngine.JDK, now);
            LinkOutput out = (peer, body, off, len, nowMs) ->
                    link.send(peer, LinkMsgType.SESSION_DATAGRAM, body, off, len, nowMs);
            this.router = new Router(self, tree, peers, cache, out, local);
        }

        @Override
        public void transmit(Transport t, TransportAddr to, byte[] buf, int off, int len) {
            wire.add(new Packet(this, to, Arrays.copyOfRange(buf, off, off + len)));
        }

        @Override
        public void deliver(PeerLink peer, int msgType, byte[] buf, int off, int len, long nowMs) {
            if (msgType == LinkMsgType.SESSION_DATAGRAM) {
                outcomes.add(name + ":" + RouteOutcome.name(router.onDatagram(peer.nodeAddr(), buf, off, len, nowMs)));
            }
        }

        @Override
        public void event(LinkEvent e) {
            switch (e) {
                case LinkEvent.Up up -> peers.add(up.peer(), link.peer(up.peer()).linkMtu());
                case LinkEvent.Down down -> peers.remove(down.peer());
                default -> { }
            }
        }

        void dial(Node other) {
            link.addPeer(new PeerSpec(other.id.publicKey().withEvenParity(), other.name,
                    List.of(new PeerSpec.Address(transport, other.address)), true, true), now);
        }
    }

    long now = 1_000_000;
    final Deque<Packet> wire = new ArrayDeque<>();
    final List<Node> nodes = new ArrayList<>();
    final List<String> outcomes = new ArrayList<>();
    Node a;
    Node b;
    Node c;

    Node byAddress(TransportAddr t) {
        for (Node n : nodes) if (n.address.equals(t)) return n;
        throw new AssertionError("no node at " + t);
    }

    void flush() {
        int guard = 0;
        while (!wire.isEmpty()) {
            Packet p = wire.poll();
            Node to = byAddress(p.to());
            to.link.onDatagram(to.transport, p.from().address, p.bytes(), 0, p.bytes().length, now);
            if (++guard > 10_000) throw new AssertionError("packet storm");
        }
    }

    @BeforeEach
    void mesh() {
        a = new Node("a", 11);
        b = new Node("b", 22);
        c = new Node("c", 33);
        nodes.addAll(List.of(a, b, c));
        a.transport.mtuTo.put(b.address, 1400);
        b.transport.mtuTo.put(a.address, 1400);
        b.transport.mtuTo.put(c.address, 1280);
        c.transport.mtuTo.put(b.address, 1280);
        a.dial(b);
        c.dial(b);
        flush();
        assertEquals(List.of(b.self), a.peers.peers());
        assertEquals(2, b.peers.size());
        assertEquals(1280, b.peers.linkMtu(c.self));
        assertEquals(1400, b.peers.linkMtu(a.self));
        // B is the root, A and C its children (coordinates as TreeCore would compute them).
        Coords bc = Coords.root(b.self);
        Coords ac = Coords.of(a.self, b.self);
        Coords cc = Coords.of(c.self, b.self);
        a.tree.coords = ac;
        b.tree.coords = bc;
        c.tree.coords = cc;
        a.peers.setCoords(b.self, bc);
        c.peers.setCoords(b.self, bc);
        b.peers.setCoords(a.self, ac);
        b.peers.setCoords(c.self, cc);
        // B's filter toward A holds C (and B); A learnt C's coordinates (a lookup, in the real node).
        BloomFilter fromB = new BloomFilter();
        fromB.insert(b.self);
        fromB.insert(c.self);
        a.peers.setFilter(b.self, fromB);
        a.cache.entries.put(c.self, cc);
        c.cache.entries.put(a.self, ac);
    }

    @Test
    @DisplayName("INTEROP.md 5.5, 8.1: A's datagram to C transits B: bloom hop at A, direct hop at B, delivered at C with ttl 63 and path_mtu 1280")
    void transitThroughB() throws DecodeException {
        byte[] payload = "an FSP message".getBytes(StandardCharsets.UTF_8);
        assertEquals(b.self, a.router.nextHop(c.self, now));
        assertEquals(RouteOutcome.FORWARDED, a.router.originate(c.self, payload, 0, payload.length, now));
        flush();
        assertEquals(List.of("b:forwarded", "c:delivered"), outcomes);
        assertEquals(1, c.local.delivered.size());
        Delivered d = c.local.delivered.getFirst();
        assertEquals(b.self, d.fromPeer());
        assertEquals(a.self, d.src());
        assertArrayEquals(payload, d.payload());
        assertEquals(1280, d.pathMtu()); // min(0xFFFF, A→B 1400, B→C 1280)
        assertEquals(1, b.router.transitCount(RouteOutcome.FORWARDED));
        assertEquals(0, b.router.transitCount(RouteOutcome.TTL_EXPIRED));
        assertEquals(1, a.router.originateCount(RouteOutcome.FORWARDED));

        // And back: C to A by greedy routing at C (no filters there), direct at B.
        assertEquals(RouteOutcome.FORWARDED, c.router.originate(a.self, payload, 0, payload.length, now));
        flush();
        assertEquals(List.of("b:forwarded", "c:delivered", "b:forwarded", "a:delivered"), outcomes);
        assertEquals(1280, a.local.delivered.getFirst().pathMtu());
    }

    @Test
    @DisplayName("INTEROP.md 8.5: B has no coordinates for A's unknown destination → a CoordsRequired from B reaches A's session layer")
    void coordsRequiredReachesSource() throws DecodeException {
        NodeAddr d = new NodeAddr(0x7777_0000_0000_0000L, 42);
        a.cache.entries.put(d, Coords.of(d, b.self)); // A thinks D hangs below B; B does not know D
        byte[] payload = {1, 2, 3};
        assertEquals(RouteOutcome.FORWARDED, a.router.originate(d, payload, 0, payload.length, now));
        flush();
        assertEquals(List.of("b:no_route", "a:delivered"), outcomes);
        Delivered got = a.local.delivered.getFirst();
        assertEquals(b.self, got.src());
        assertEquals(0xFFFF, got.pathMtu());
        ErrorSignal s = ErrorSignal.decode(got.payload(), 0, got.payload().length);
        assertEquals(new CoordsRequired(d, b.self), s);
        assertEquals(1, b.router.signalCount(RouteSignal.COORDS_REQUIRED_SENT));
    }

    @Test
    @DisplayName("INTEROP.md 8.5: a frame too big for B→C (1280) is answered with MtuExceeded(C, B, 1280) to A")
    void mtuExceededReachesSource() throws DecodeException {
        byte[] payload = new byte[1300 - Router.ENVELOPE_BYTES - Router.FRAME_OVERHEAD_BYTES];
        assertEquals(RouteOutcome.FORWARDED, a.router.originate(c.self, payload, 0, payload.length, now));
        flush();
        assertEquals(List.of("b:mtu_exceeded", "a:delivered"), outcomes);
        Delivered got = a.local.delivered.getFirst();
        MtuExceeded m = assertInstanceOf(MtuExceeded.class, ErrorSignal.decode(got.payload(), 0, got.payload().length));
        assertEquals(new MtuExceeded(c.self, b.self, 1280), m);
        assertNotNull(b.link.peer(c.self));
    }

    @Test
    @DisplayName("INTEROP.md 8.1: the ttl runs out in transit: ttl 2 from A reaches C, ttl 1 dies at B")
    void ttlAcrossTheMesh() {
        Router ttl2 = new Router(a.self, a.tree, a.peers, a.cache,
                (peer, body, off, len, nowMs) -> a.link.send(peer, LinkMsgType.SESSION_DATAGRAM, body, off, len, nowMs),
                a.local, 2);
        byte[] payload = {9};
        ttl2.originate(c.self, payload, 0, 1, now);
        flush();
        assertEquals(List.of("b:forwarded", "c:delivered"), outcomes);
        Router ttl1 = new Router(a.self, a.tree, a.peers, a.cache,
                (peer, body, off, len, nowMs) -> a.link.send(peer, LinkMsgType.SESSION_DATAGRAM, body, off, len, nowMs),
                a.local, 1);
        ttl1.originate(c.self, payload, 0, 1, now);
        flush();
        assertEquals(List.of("b:forwarded", "c:delivered", "b:ttl_expired"), outcomes);
        assertEquals(1, b.router.transitCount(RouteOutcome.TTL_EXPIRED));
    }
}
