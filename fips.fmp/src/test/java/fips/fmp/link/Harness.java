package fips.fmp.link;

import fips.identity.Identity;
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
import java.util.List;
import java.util.Random;

/** Two or more LinkCores wired by hand: every transmit is captured, a test decides what is delivered. */
final class Harness {
    static final class FakeTransport implements Transport {
        final String name;
        int mtu = 1280;
        boolean inbound = true;
        /** Null: connectionless. Else the state connect() leaves until a test says CONNECTED. */
        fips.link.spi.ConnectionState state;
        int connects;

        FakeTransport(String name) {
            this.name = name;
        }

        @Override public String type() { return "fake"; }
        @Override public String name() { return name; }
        @Override public int mtu() { return mtu; }
        @Override public TransportAddr parseAddress(String text) { return addr(text); }
        @Override public void start(DatagramSink sink) { }
        @Override public boolean send(TransportAddr to, byte[] buf, int off, int len) { throw new AssertionError("cores never send directly"); }
        @Override public boolean acceptsInbound() { return inbound; }
        @Override public fips.link.spi.ConnectionState connectionState(TransportAddr to) {
            return state == null ? fips.link.spi.ConnectionState.CONNECTED : state;
        }
        @Override public void connect(TransportAddr to) {
            connects++;
            if (state != null && state != fips.link.spi.ConnectionState.CONNECTED) state = fips.link.spi.ConnectionState.CONNECTING;
        }
        @Override public String localAddress() { return name; }
        @Override public TransportStats stats() { return new TransportStats(0, 0, 0, 0, 0, 0, 0, 0); }
        @Override public void close() { }
    }

    static TransportAddr addr(String text) {
        return TransportAddr.of(text.getBytes(StandardCharsets.UTF_8), text);
    }

    record Packet(Node from, TransportAddr to, byte[] bytes) {}

    final class Node implements LinkSink {
        final Identity id;
        final FakeTransport transport;
        final TransportAddr address;
        final LinkCore core;
        final List<LinkEvent> events = new ArrayList<>();
        final List<byte[]> delivered = new ArrayList<>();
        final List<Integer> deliveredTypes = new ArrayList<>();

        Node(String name, long seed, long rngSeed, LinkConfig cfg) {
            this.id = Identity.of(SecretKey.generate(new Random(seed)));
            Random r = new Random(rngSeed);
            this.transport = new FakeTransport(name);
            this.address = addr(name);
            this.core = new LinkCore(id, cfg, r, this, AeadEngine.JDK, now);
        }

        @Override
        public void transmit(Transport t, TransportAddr to, byte[] buf, int off, int len) {
            wire.add(new Packet(this, to, Arrays.copyOfRange(buf, off, off + len)));
        }

        @Override
        public void deliver(PeerLink peer, int msgType, byte[] buf, int off, int len, long nowMs) {
            deliveredTypes.add(msgType);
            delivered.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void event(LinkEvent e) {
            events.add(e);
        }

        PeerSpec specFor(Node other, boolean autoConnect) {
            return new PeerSpec(other.id.publicKey().withEvenParity(), other.transport.name,
                    List.of(new PeerSpec.Address(transport, other.address)), autoConnect, true);
        }

        <T extends LinkEvent> List<T> events(Class<T> kind) {
            return events.stream().filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    long now = 1_000_000;
    final Deque<Packet> wire = new ArrayDeque<>();
    final List<Node> nodes = new ArrayList<>();

    Node node(String name, long seed, LinkConfig cfg) {
        return node(name, seed, seed * 7919 + 1, cfg);
    }

    /** A node whose identity comes from {@code seed} and whose randomness (epoch, indices) from {@code rngSeed}. */
    Node node(String name, long seed, long rngSeed, LinkConfig cfg) {
        Node n = new Node(name, seed, rngSeed, cfg);
        nodes.add(n);
        return n;
    }

    Node byAddress(TransportAddr a) {
        for (Node n : nodes) if (n.address.equals(a)) return n;
        return null;
    }

    /** Delivers one captured packet. */
    void deliver(Packet p) {
        Node to = byAddress(p.to());
        to.core.onDatagram(to.transport, p.from().address, p.bytes(), 0, p.bytes().length, now);
    }

    /** Delivers everything on the wire (and what that provokes) until it is quiet. */
    void flush() {
        int guard = 0;
        while (!wire.isEmpty()) {
            deliver(wire.poll());
            if (++guard > 100_000) throw new AssertionError("packet storm");
        }
    }

    /** Advances virtual time to {@code t}, polling every core at each deadline on the way and delivering at once. */
    void runUntil(long t) {
        while (true) {
            long next = Long.MAX_VALUE;
            for (Node n : nodes) next = Math.min(next, n.core.nextDeadlineMs());
            if (next > t) break;
            now = Math.max(now, next);
            for (Node n : nodes) n.core.poll(now);
            flush();
        }
        now = t;
        for (Node n : nodes) n.core.poll(now);
        flush();
    }
}
