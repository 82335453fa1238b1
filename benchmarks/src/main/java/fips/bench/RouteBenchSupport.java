package fips.bench;

import fips.fmp.route.DestinationCoords;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeView;
import fips.identity.NodeAddr;
import fips.link.spi.DatagramSink;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.link.spi.TransportStats;
import java.nio.charset.StandardCharsets;

/** Fakes shared by the routing benchmarks: a fixed tree position, an allocation-free cache, a silent transport. */
final class RouteBenchSupport {
    private RouteBenchSupport() {}

    /** A TreeView that only knows this node's own coordinates. */
    static final class FixedTree implements TreeView {
        private final Coords coords;

        FixedTree(Coords coords) {
            this.coords = coords;
        }

        @Override public Coords coords() { return coords; }
        @Override public NodeAddr root() { return coords.root(); }
        @Override public NodeAddr parent() { return coords.length() > 1 ? coords.get(1) : coords.self(); }
        @Override public boolean isTreePeer(NodeAddr peer) { return false; }
        @Override public Coords peerCoords(NodeAddr peer) { return null; }
        @Override public long version() { return 0; }
    }

    /**
     * A coordinate cache keyed by the NodeAddr's two longs (open addressing,
     * linear probing, no removal) whose hit refreshes a last-used time, the
     * way a get-and-touch does; allocation-free. The "array" variant of the
     * benchmarks, beside the real {@code fips.fmp.lookup.CoordCache}.
     */
    static final class ArrayCoordCache implements DestinationCoords {
        private final long[] hi;
        private final long[] lo;
        private final Coords[] coords;
        private final long[] lastUsedMs;
        private final int mask;

        ArrayCoordCache(int entries) {
            int slots = Integer.highestOneBit(Math.max(2, entries) * 2 - 1) << 1;
            hi = new long[slots];
            lo = new long[slots];
            coords = new Coords[slots];
            lastUsedMs = new long[slots];
            mask = slots - 1;
        }

        void put(NodeAddr a, Coords c) {
            int i = slot(a.hi(), a.lo());
            while (coords[i] != null && !(hi[i] == a.hi() && lo[i] == a.lo())) {
                i = (i + 1) & mask;
            }
            hi[i] = a.hi();
            lo[i] = a.lo();
            coords[i] = c;
        }

        @Override
        public Coords lookup(long destHi, long destLo, long nowMs) {
            int i = slot(destHi, destLo);
            while (true) {
                Coords c = coords[i];
                if (c == null) {
                    return null;
                }
                if (hi[i] == destHi && lo[i] == destLo) {
                    lastUsedMs[i] = nowMs;
                    return c;
                }
                i = (i + 1) & mask;
            }
        }

        private int slot(long h, long l) {
            return (int) (l ^ (l >>> 32) ^ h) & mask;
        }
    }

    /** A transport that never sends by itself (the cores hand bytes to their sinks). */
    static final class SilentTransport implements Transport {
        private final String name;
        private final int mtu;

        SilentTransport(String name, int mtu) {
            this.name = name;
            this.mtu = mtu;
        }

        @Override public String type() { return "bench"; }
        @Override public String name() { return name; }
        @Override public int mtu() { return mtu; }
        @Override public TransportAddr parseAddress(String text) { return addr(text); }
        @Override public void start(DatagramSink sink) { }
        @Override public boolean send(TransportAddr to, byte[] buf, int off, int len) { throw new IllegalStateException("cores hand bytes to their sink"); }
        @Override public String localAddress() { return name; }
        @Override public TransportStats stats() { return new TransportStats(0, 0, 0, 0, 0, 0, 0, 0); }
        @Override public void close() { }
    }

    static TransportAddr addr(String text) {
        return TransportAddr.of(text.getBytes(StandardCharsets.UTF_8), text);
    }
}
