package fips.bench;

import fips.bench.RouteBenchSupport.ArrayCoordCache;
import fips.bench.RouteBenchSupport.FixedTree;
import fips.fmp.bloom.BloomFilter;
import fips.fmp.lookup.CoordCache;
import fips.fmp.route.DestinationCoords;
import fips.fmp.route.PeerTable;
import fips.fmp.route.Router;
import fips.fmp.tree.Coords;
import fips.fmp.wire.SessionDatagram;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Next-hop selection (INTEROP.md 5.5) for destinations that are not peers
 * ({@code nextHop}), and the router's whole transit decision around it
 * ({@code transitDecision}):
 * one coordinate-cache get-and-touch, the bloom probe of every peer's filter
 * (the destination's hashes from the router's memo, one SHA-256 on a miss),
 * distances, and the greedy fallback when no filter matches.
 *
 * <p>Topology (seeded, identical for every run of a cell): this node S at depth
 * 2 ({@code [S, P, R]}); its peers are the parent P, then alternately children
 * {@code [C, S, P, R]} and cross-link peers {@code [L, Q, R]} under the
 * root's 8 other children Q. {@code cacheSize} destinations, all in the cache,
 * placed half below a child (at depth 3 or 4), a quarter below a cross-link
 * peer, a quarter elsewhere under some Q. Each child and cross-link peer
 * announces a filter with the destinations below it, P one with destinations
 * elsewhere, each capped at {@value #FILTER_CAP} entries so that no filter
 * would fail the 0.20 anti-poison check (INTEROP.md 6); a destination beyond
 * the caps is routed greedily, unless a false positive in a farther peer's
 * filter makes it unroutable (setup prints how many are). Destinations are visited in a shuffled order,
 * so neither the hash memo (4096 entries) nor the CPU caches are favoured.
 *
 * <p>{@code cache}: {@code array} is an allocation-free open-addressing map keyed
 * by the NodeAddr's two longs; {@code CoordCache} is {@code fips.fmp.lookup.CoordCache}
 * behind the adapter the mesh glue uses ({@code getAndTouch(new NodeAddr(hi, lo), now)}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar NextHopBench -prof gc};
 * results in benchmarks/README.md.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NextHopBench extends BenchDefaults {
    static final int FILTER_CAP = 400;
    /** transitDecision's FSP payload: the size is irrelevant to routing, the bodies must fit in memory. */
    static final int PAYLOAD_BYTES = 8;
    static final long NOW_MS = 1_750_000_000_000L;

    @Param({"8", "32", "128", "256"})
    public int peers;

    @Param({"1000", "50000"})
    public int cacheSize;

    @Param({"array", "CoordCache"})
    public String cache;

    private Router router;
    private NodeAddr[] dests;
    private byte[][] bodies;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0000L + peers * 100_003L + cacheSize);
        NodeAddr r = new NodeAddr(0, 1); // the smallest address: the root
        NodeAddr p = random(rnd);
        NodeAddr s = random(rnd);
        List<NodeAddr> qs = new ArrayList<>();
        for (int i = 0; i < 8; i++) qs.add(random(rnd));
        Coords sCoords = Coords.of(s, p, r);

        PeerTable table = new PeerTable(peers);
        Map<NodeAddr, BloomFilter> filters = new HashMap<>();
        Map<NodeAddr, Integer> inFilter = new HashMap<>();
        List<NodeAddr> children = new ArrayList<>();
        List<Coords> laterals = new ArrayList<>();
        table.add(p, 1280);
        table.setCoords(p, Coords.of(p, r));
        filters.put(p, new BloomFilter());
        for (int k = 1; k < peers; k++) {
            NodeAddr a = random(rnd);
            Coords c;
            if (k % 2 == 1) {
                c = Coords.of(a, s, p, r);
                children.add(a);
            } else {
                c = Coords.of(a, qs.get(k % qs.size()), r);
                laterals.add(c);
            }
            table.add(a, 1280);
            table.setCoords(a, c);
            filters.put(a, new BloomFilter());
        }

        DestinationCoords lookup;
        ArrayCoordCache array = new ArrayCoordCache(cacheSize);
        CoordCache real = new CoordCache(cacheSize, CoordCache.DEFAULT_TTL_MS);
        lookup = switch (cache) {
            case "array" -> array;
            case "CoordCache" -> (hi, lo, now) -> real.getAndTouch(new NodeAddr(hi, lo), now);
            default -> throw new IllegalArgumentException("cache=" + cache);
        };

        dests = new NodeAddr[cacheSize];
        int filtered = 0;
        for (int i = 0; i < cacheSize; i++) {
            NodeAddr d = random(rnd);
            int where = rnd.nextInt(4);
            NodeAddr holder; // the peer whose filter would list d
            Coords dc;
            if (where <= 1 && !children.isEmpty()) {
                holder = children.get(rnd.nextInt(children.size()));
                dc = rnd.nextBoolean() ? Coords.of(d, holder, s, p, r) : Coords.of(d, random(rnd), holder, s, p, r);
            } else if (where == 2 && !laterals.isEmpty()) {
                Coords l = laterals.get(rnd.nextInt(laterals.size()));
                holder = l.self();
                dc = Coords.of(d, holder, l.get(1), r);
            } else {
                holder = p;
                dc = Coords.of(d, random(rnd), qs.get(rnd.nextInt(qs.size())), r);
            }
            int n = inFilter.merge(holder, 1, Integer::sum);
            if (n <= FILTER_CAP) {
                filters.get(holder).insert(d);
                filtered++;
            }
            array.put(d, dc);
            real.insert(d, dc, NOW_MS);
            dests[i] = d;
        }
        for (Map.Entry<NodeAddr, BloomFilter> e : filters.entrySet()) {
            if (e.getValue().exceedsFpr(BloomFilter.DEFAULT_MAX_INBOUND_FPR)) {
                throw new IllegalStateException("filter of " + e.getKey() + " would be rejected: " + e.getValue());
            }
            table.setFilter(e.getKey(), e.getValue());
        }
        for (int i = dests.length - 1; i > 0; i--) { // shuffle
            int j = rnd.nextInt(i + 1);
            NodeAddr t = dests[i];
            dests[i] = dests[j];
            dests[j] = t;
        }
        bodies = new byte[dests.length][];
        for (int i = 0; i < dests.length; i++) {
            byte[] enc = new SessionDatagram(64, 0xFFFF, p, dests[i], new byte[PAYLOAD_BYTES]).encode();
            bodies[i] = Arrays.copyOfRange(enc, 1, enc.length);
        }
        router = new Router(s, new FixedTree(sCoords), table, lookup,
                (peer, body, off, len, now) -> len, (from, sh, sl, buf, off, len, mtu, now) -> { });
        int routed = 0;
        for (NodeAddr d : dests) {
            if (router.nextHop(d, NOW_MS) != null) routed++;
        }
        // Unrouted: beyond its holder's cap but a false positive in another peer's filter that is not closer
        // (a filter hit suppresses the greedy fallback, INTEROP.md 5.5); these cost a full scan too.
        System.out.printf("%nNextHopBench peers=%d cacheSize=%d: %d of %d destinations in a filter, %d routed%n",
                peers, cacheSize, filtered, dests.length, routed);
    }

    private static NodeAddr random(SplittableRandom rnd) {
        return new NodeAddr(rnd.nextLong() | Long.MIN_VALUE >>> 1, rnd.nextLong()); // never below the root
    }

    /**
     * The router's whole transit decision for one datagram ({@code Router.onDatagram}: envelope read,
     * ttl check, next hop, MTU check, ttl and path_mtu rewritten in place) with a LinkOutput that does
     * nothing: the routing share of {@code TransitForwardBench.transit}. The ttl is restored first.
     */
    @Benchmark
    public int transitDecision() {
        byte[] b = bodies[next];
        if (++next == bodies.length) next = 0;
        b[0] = 64;
        return router.onDatagram(null, b, 0, b.length, NOW_MS);
    }

    /** One next-hop decision; the returned NodeAddr is the instance the peer table holds. */
    @Benchmark
    public NodeAddr nextHop() {
        NodeAddr d = dests[next];
        if (++next == dests.length) next = 0;
        return router.nextHop(d, NOW_MS);
    }

    /** What the decisions came to, for the record (transitDecision counts outcomes; nextHop does not). */
    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%nNextHopBench peers=%d cacheSize=%d cache=%s: %s%n", peers, cacheSize, cache,
                router.counters());
    }
}
