package fips.launcher.internal.control;

import fips.fmp.link.PeerSpec;
import fips.fmp.mesh.MeshConfig;
import fips.fmp.mesh.MeshCore;
import fips.fmp.mesh.MeshSink;
import fips.identity.Identity;
import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mesh cores on one thread joined by an in-memory datagram wire, stepped in
 * virtual time: enough to bring real links, tree and bloom state up for the
 * renderers (the launcher's node tests run whole nodes; these need only cores).
 */
final class MeshPair {
    record Packet(Wire to, TransportAddr from, byte[] bytes) {}

    final ArrayDeque<Packet> inFlight = new ArrayDeque<>();
    final Map<String, Wire> bound = new HashMap<>();
    final List<MeshCore> cores = new ArrayList<>();
    final Random rng = new Random(7);
    long nowMs = 1_000;

    /** A transport of type {@code udp} named {@code udp} bound to {@code name}. */
    final class Wire implements Transport {
        final String bindName;
        final TransportAddr self;
        MeshCore core;
        long sent;
        long received;

        Wire(String bindName) {
            this.bindName = bindName;
            this.self = TransportAddr.of(bindName.getBytes(StandardCharsets.UTF_8), bindName);
        }

        @Override
        public String type() {
            return "udp";
        }

        @Override
        public String name() {
            return "udp";
        }

        @Override
        public int mtu() {
            return 1280;
        }

        @Override
        public TransportAddr parseAddress(String text) {
            if (text.isEmpty() || text.contains(" ")) throw new IllegalArgumentException("not a wire address: \"" + text + "\"");
            return TransportAddr.of(text.getBytes(StandardCharsets.UTF_8), text);
        }

        @Override
        public void start(DatagramSink sink) {}

        @Override
        public boolean send(TransportAddr to, byte[] buf, int off, int len) {
            Wire dest = bound.get(to.toString());
            if (dest == null) return false;
            sent++;
            inFlight.add(new Packet(dest, self, Arrays.copyOfRange(buf, off, off + len)));
            return true;
        }

        @Override
        public String localAddress() {
            return "wire:" + bindName;
        }

        @Override
        public TransportStats stats() {
            return new TransportStats(sent, 0, received, 0, 0, 0, 0, 0);
        }

        @Override
        public void close() {}
    }

    MeshCore node(Identity id, String bindName) {
        Wire w = new Wire(bindName);
        bound.put(bindName, w);
        MeshCore core = new MeshCore(id, MeshConfig.defaults(), new Random(rng.nextLong()), new MeshSink() {
            @Override
            public void transmit(Transport transport, TransportAddr to, byte[] buf, int off, int len) {
                transport.send(to, buf, off, len);
            }
        }, nowMs);
        w.core = core;
        cores.add(core);
        return core;
    }

    Wire wire(String bindName) {
        return bound.get(bindName);
    }

    /** Makes {@code a} dial {@code b} as a configured auto-connect peer. */
    void link(MeshCore a, String aBind, MeshCore b, String bBind) {
        Wire wa = wire(aBind);
        a.addPeer(new PeerSpec(b.identity().publicKey(), null,
                List.of(new PeerSpec.Address(wa, wa.parseAddress(bBind))), true, true), nowMs);
    }

    /** Delivers every datagram in flight (and what they cause). */
    void pump() {
        Packet p;
        int guard = 0;
        while ((p = inFlight.poll()) != null) {
            if (++guard > 100_000) throw new IllegalStateException("datagram storm");
            p.to().received++;
            p.to().core.onDatagram(p.to(), p.from(), p.bytes(), 0, p.bytes().length, nowMs);
        }
    }

    /** Advances virtual time by {@code ms} in 50 ms steps, polling every core. */
    void run(long ms) {
        long end = nowMs + ms;
        pump();
        while (nowMs < end) {
            nowMs += 50;
            for (MeshCore c : cores) c.poll(nowMs);
            pump();
        }
    }
}
