package fips.fsp.session;

import fips.fmp.route.RouteOutcome;
import fips.fmp.tree.Coords;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.noise.AeadEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Session cores wired back to back through a fake {@link SessionMesh} on
 * virtual time: every datagram one core sends reaches the core registered at
 * its destination address after {@link #latencyMs}, unless {@link #filter}
 * drops it. Every datagram is logged. Identity cache, routes, coordinates,
 * lookups and the transport MTU are plain fields a test sets.
 */
final class FakeNet {
    static final NodeAddr ROOT = NodeAddr.fromHex("00000000000000000000000000000001");

    /** A datagram on the fake wire. {@code payload} is a copy. */
    record Packet(long sentMs, long atMs, long seq, NodeAddr src, NodeAddr dest, byte[] payload, int pathMtu) {
        int phase() {
            return payload.length == 0 ? -1 : payload[0] & 0x0f;
        }

        int flags() {
            return payload.length < 2 ? -1 : payload[1] & 0xff;
        }
    }

    /** A delivered DataPacket. */
    record Delivered(long atMs, NodeAddr src, int srcPort, int dstPort, byte[] payload) {}

    final class Node implements SessionMesh, SessionSink {
        final Identity id;
        /** The address datagrams from this node carry and are delivered to (a spoofer registers another's). */
        final NodeAddr addr;
        SessionCore core;
        boolean route = true;
        int mtu = 1280;
        final Map<NodeAddr, PublicKey> identities = new HashMap<>();
        final Map<NodeAddr, Coords> coordCache = new HashMap<>();
        final List<NodeAddr> lookups = new ArrayList<>();
        final List<NodeAddr> forgotten = new ArrayList<>();
        final List<PublicKey> learned = new ArrayList<>();
        final List<Delivered> delivered = new ArrayList<>();
        final List<SessionEvent> events = new ArrayList<>();
        final List<Long> eventTimes = new ArrayList<>();

        Node(Identity id, NodeAddr addr) {
            this.id = id;
            this.addr = addr;
        }

        Coords coords() {
            return Coords.of(id.nodeAddr(), ROOT);
        }

        int send(Node dest, int port, byte[] payload) {
            return core.send(dest.addr.hi(), dest.addr.lo(), port, port, payload, 0, payload.length, now);
        }

        boolean established(Node peer) {
            return core.established(peer.addr.hi(), peer.addr.lo());
        }

        long counter(String name) {
            Long v = core.counters().get(name);
            if (v == null) throw new AssertionError("no counter " + name);
            return v;
        }

        <T extends SessionEvent> List<T> events(Class<T> kind) {
            List<T> out = new ArrayList<>();
            for (SessionEvent e : events) if (kind.isInstance(e)) out.add(kind.cast(e));
            return out;
        }

        // ---- SessionMesh
        @Override
        public int sendDatagram(long destHi, long destLo, byte[] buf, int off, int len, long nowMs) {
            if (!route) return RouteOutcome.NO_ROUTE;
            NodeAddr dest = new NodeAddr(destHi, destLo);
            Packet p = new Packet(nowMs, nowMs + latencyMs, seq++, addr, dest, Arrays.copyOfRange(buf, off, off + len),
                    pathMtu);
            log.add(p);
            inFlight.add(p);
            return RouteOutcome.FORWARDED;
        }

        @Override
        public void lookup(NodeAddr target, long nowMs) {
            lookups.add(target);
        }

        @Override
        public PublicKey identity(long hi, long lo) {
            return identities.get(new NodeAddr(hi, lo));
        }

        @Override
        public void learnIdentity(PublicKey key) {
            learned.add(key);
            identities.put(key.nodeAddr(), key); // as MeshCore.learnIdentity: into the identity cache
        }

        @Override
        public Coords ownCoords() {
            return coords();
        }

        @Override
        public Coords cachedCoords(long hi, long lo, long nowMs) {
            return coordCache.get(new NodeAddr(hi, lo));
        }

        @Override
        public boolean hasRoute(long hi, long lo, long nowMs) {
            return route;
        }

        @Override
        public void forgetCoords(long hi, long lo) {
            NodeAddr a = new NodeAddr(hi, lo);
            forgotten.add(a);
            coordCache.remove(a);
        }

        @Override
        public int transportMtu() {
            return mtu;
        }

        // ---- SessionSink
        @Override
        public void deliver(long srcHi, long srcLo, int srcPort, int dstPort, byte[] buf, int off, int len,
                            long nowMs) {
            delivered.add(new Delivered(nowMs, new NodeAddr(srcHi, srcLo), srcPort, dstPort,
                    Arrays.copyOfRange(buf, off, off + len)));
        }

        @Override
        public void sessionEvent(SessionEvent e) {
            events.add(e);
            eventTimes.add(now);
        }

        @Override
        public String toString() {
            return addr.toHex().substring(0, 8);
        }
    }

    final Random rng;
    final SessionConfig cfg;
    long now;
    long latencyMs = 10;
    int pathMtu = 1280;
    long seq;
    /** Returns false to drop a datagram before delivery. */
    Predicate<Packet> filter = p -> true;
    final List<Packet> log = new ArrayList<>();
    final PriorityQueue<Packet> inFlight = new PriorityQueue<>((a, b) -> a.atMs != b.atMs
            ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
    final List<Node> nodes = new ArrayList<>();
    final Map<NodeAddr, Node> byAddr = new HashMap<>();

    FakeNet(long seed, SessionConfig cfg) {
        this.rng = new Random(seed);
        this.cfg = cfg;
    }

    /** A node with a fresh identity; every node knows every other's key. */
    Node add() {
        return add(Identity.generate(rng), null);
    }

    /** A node with {@code id} registered at {@code asAddr} (null: its own address). */
    Node add(Identity id, NodeAddr asAddr) {
        Node n = new Node(id, asAddr == null ? id.nodeAddr() : asAddr);
        n.core = new SessionCore(id, cfg, n, n, new Random(rng.nextLong()), AeadEngine.selected(), now);
        for (Node o : nodes) {
            o.identities.put(n.id.nodeAddr(), n.id.publicKey());
            n.identities.put(o.id.nodeAddr(), o.id.publicKey());
        }
        nodes.add(n);
        byAddr.put(n.addr, n);
        return n;
    }

    /** Two nodes, the first with the smaller NodeAddr. */
    Node[] pair() {
        Node a = add();
        Node b = add();
        return a.addr.compareTo(b.addr) < 0 ? new Node[] {a, b} : new Node[] {b, a};
    }

    /** Hands a datagram to the node registered at {@code to} now, as if {@code from} sent it. */
    void inject(NodeAddr from, Node to, byte[] payload) {
        to.core.onDatagram(from.hi(), from.lo(), payload, 0, payload.length, pathMtu, now);
    }

    private void deliver(Packet p) {
        Node dst = byAddr.get(p.dest);
        if (dst == null || !filter.test(p)) return;
        // Hand the bytes at an offset inside a larger buffer, scribbled over afterwards: the core may not keep them.
        byte[] b = new byte[p.payload.length + 13];
        System.arraycopy(p.payload, 0, b, 7, p.payload.length);
        dst.core.onDatagram(p.src.hi(), p.src.lo(), b, 7, p.payload.length, p.pathMtu, now);
        Arrays.fill(b, (byte) 0x5a);
    }

    /** Runs deliveries and polls up to and including {@code untilMs}. Fails on a deadline polling does not clear. */
    void runUntil(long untilMs) {
        int sameTime = 0;
        while (true) {
            long next = Long.MAX_VALUE;
            Packet p = inFlight.peek();
            if (p != null) next = p.atMs;
            for (Node n : nodes) next = Math.min(next, n.core.nextDeadlineMs());
            if (next > untilMs) break;
            next = Math.max(next, now);
            if (next == now) {
                if (++sameTime > 10_000) throw new AssertionError("a deadline polling does not clear, at " + now);
            } else {
                sameTime = 0;
            }
            now = next;
            while ((p = inFlight.peek()) != null && p.atMs <= now) {
                inFlight.poll();
                deliver(p);
            }
            for (Node n : nodes) {
                if (n.core.nextDeadlineMs() <= now) n.core.poll(now);
            }
        }
        now = Math.max(now, untilMs);
    }

    void runFor(long ms) {
        runUntil(now + ms);
    }

    /** The logged datagrams from {@code src} to {@code dest}. */
    List<Packet> sent(Node src, Node dest) {
        List<Packet> out = new ArrayList<>();
        for (Packet p : log) if (p.src.equals(src.addr) && p.dest.equals(dest.addr)) out.add(p);
        return out;
    }

    /** The logged datagrams from {@code src} to {@code dest} with this FSP phase. */
    List<Packet> sent(Node src, Node dest, int phase) {
        List<Packet> out = new ArrayList<>();
        for (Packet p : sent(src, dest)) if (p.phase() == phase) out.add(p);
        return out;
    }
}
