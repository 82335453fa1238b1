package fips.bench;

import fips.bench.RouteBenchSupport.ArrayCoordCache;
import fips.bench.RouteBenchSupport.FixedTree;
import fips.bench.RouteBenchSupport.SilentTransport;
import fips.fmp.bloom.BloomFilter;
import fips.fmp.link.LinkConfig;
import fips.fmp.link.LinkCore;
import fips.fmp.link.LinkEvent;
import fips.fmp.link.LinkSink;
import fips.fmp.link.PeerLink;
import fips.fmp.link.PeerSpec;
import fips.fmp.lookup.CoordCache;
import fips.fmp.route.DestinationCoords;
import fips.fmp.route.LinkOutput;
import fips.fmp.route.PeerTable;
import fips.fmp.route.RouteOutcome;
import fips.fmp.route.Router;
import fips.fmp.tree.Coords;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.SessionDatagram;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.SecretKey;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.noise.AeadEngine;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The transit hot path (ARCHITECTURE.md "A packet's way") on the middle node B
 * of A — B — C, with real LinkCores and Noise IK links: {@code
 * LinkCore.onDatagram} (index lookup, replay window, AEAD open) → {@code
 * LinkSink.deliver} → {@code Router.onDatagram} (ttl, next hop, path_mtu in
 * place) → {@code LinkCore.send} (AEAD seal into its transmit buffer) → a
 * transmit sink that only counts. The SessionDatagram is {@code size} bytes
 * (msg_type through payload); its frame is 36 bytes longer on the wire. Link
 * MTUs are 1500.
 *
 * <p>{@code transit}: B receives {@value #BATCH} distinct frames per
 * invocation, sealed by A beforehand in a {@code Level.Invocation} setup
 * (outside the measurement: each frame needs a fresh counter, the replay
 * window refuses a repeat). Score = packets per second through B. The
 * router's share alone is {@code NextHopBench.transitDecision}.
 *
 * <p>{@code route}: {@code direct} forwards to the destination C, a peer of B
 * (INTEROP.md 5.5 step 2); {@code bloom} forwards to D behind C: B finds D's
 * coordinates in its cache and C's filter listing D (steps 3-4). {@code cache}
 * (for {@code bloom}): {@code array}, an allocation-free map by two longs, or
 * {@code CoordCache} behind the mesh glue's adapter
 * ({@code getAndTouch(new NodeAddr(hi, lo), now)}). The AEAD is
 * {@code AeadEngine.selected()} unless {@code aead} names one.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TransitForwardBench -prof gc};
 * results in benchmarks/README.md.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransitForwardBench extends BenchDefaults {
    static final int BATCH = 1024;
    static final int MTU = 1500;
    static final long NOW_MS = 1_750_000_000_000L;

    @Param({"1400"})
    public int size;

    @Param({"direct", "bloom"})
    public String route;

    @Param({"array", "CoordCache"})
    public String cache;

    @Param({"selected"})
    public String aead;

    /** One node: identity, transport, LinkCore; its sink queues handshake packets until {@link #quiet}. */
    final class Node implements LinkSink {
        final String name;
        final Identity id;
        final SilentTransport transport;
        final TransportAddr address;
        final LinkCore link;
        Router router; // B only
        boolean quiet;
        byte[][] capture; // A only: where sealed frames go during a batch setup
        int[] captureLen;
        int captured;
        long transmitted;

        Node(String name, long seed, AeadEngine engine) {
            this.name = name;
            this.id = Identity.of(SecretKey.generate(new Random(seed)));
            this.transport = new SilentTransport(name, MTU);
            this.address = RouteBenchSupport.addr(name);
            this.link = new LinkCore(id, LinkConfig.defaults(), new Random(seed * 31 + 7), this, engine, NOW_MS);
        }

        @Override
        public void transmit(Transport t, TransportAddr to, byte[] buf, int off, int len) {
            if (!quiet) {
                wire.add(new Object[] {this, to, Arrays.copyOfRange(buf, off, off + len)});
            } else if (capture != null) {
                System.arraycopy(buf, off, capture[captured], 0, len);
                captureLen[captured++] = len;
            } else {
                transmitted += len;
            }
        }

        @Override
        public void deliver(PeerLink peer, int msgType, byte[] buf, int off, int len, long nowMs) {
            if (router != null && msgType == LinkMsgType.SESSION_DATAGRAM) {
                router.onDatagram(peer.nodeAddr(), buf, off, len, nowMs);
            }
        }

        @Override
        public void event(LinkEvent e) {
            if (e instanceof LinkEvent.Up up && router != null) {
                router.peers().add(up.peer(), link.peer(up.peer()).linkMtu());
            }
        }

        void dial(Node other) {
            link.addPeer(new PeerSpec(other.id.publicKey().withEvenParity(), other.name,
                    List.of(new PeerSpec.Address(transport, other.address)), true, true), NOW_MS);
        }
    }

    private final Deque<Object[]> wire = new ArrayDeque<>();
    private Node a;
    private Node b;
    private Node c;
    private NodeAddr dest;
    private byte[] body;
    private final byte[][] frames = new byte[BATCH][];
    private final int[] frameLens = new int[BATCH];

    @Setup(Level.Trial)
    public void setUp() {
        AeadEngine engine = aead.equals("selected") ? AeadEngine.selected() : AeadEngine.parse(aead);
        if (!engine.available()) {
            throw new IllegalStateException("aead=" + engine + " is unavailable: " + engine.unavailableReason());
        }
        a = new Node("a", 101, engine);
        b = new Node("b", 202, engine);
        c = new Node("c", 303, engine);
        NodeAddr d = new NodeAddr(0x7f00_0000_0000_0000L, 4);
        Coords bc = Coords.root(b.id.nodeAddr());
        Coords cc = Coords.of(c.id.nodeAddr(), b.id.nodeAddr());
        Coords dc = Coords.of(d, c.id.nodeAddr(), b.id.nodeAddr());
        DestinationCoords lookup = switch (cache) {
            case "array" -> {
                ArrayCoordCache m = new ArrayCoordCache(16);
                m.put(d, dc);
                yield m;
            }
            case "CoordCache" -> {
                CoordCache m = new CoordCache();
                m.insert(d, dc, NOW_MS);
                yield (hi, lo, now) -> m.getAndTouch(new NodeAddr(hi, lo), now);
            }
            default -> throw new IllegalArgumentException("cache=" + cache);
        };
        PeerTable table = new PeerTable();
        Node self = b;
        LinkOutput out = (peer, bytes, off, len, now) ->
                self.link.send(peer, LinkMsgType.SESSION_DATAGRAM, bytes, off, len, now);
        b.router = new Router(b.id.nodeAddr(), new FixedTree(bc), table, lookup, out,
                (from, sh, sl, buf, off, len, mtu, now) -> { throw new IllegalStateException("nothing is for B"); });
        a.dial(b);
        c.dial(b);
        while (!wire.isEmpty()) {
            Object[] p = wire.poll();
            Node from = (Node) p[0];
            Node to = ((TransportAddr) p[1]).equals(a.address) ? a : ((TransportAddr) p[1]).equals(b.address) ? b : c;
            byte[] bytes = (byte[]) p[2];
            to.link.onDatagram(to.transport, from.address, bytes, 0, bytes.length, NOW_MS);
        }
        if (table.size() != 2 || a.link.peer(b.id.nodeAddr()) == null) {
            throw new IllegalStateException("links did not come up: B's peers " + table.peers());
        }
        table.setCoords(c.id.nodeAddr(), cc);
        table.setCoords(a.id.nodeAddr(), Coords.of(a.id.nodeAddr(), b.id.nodeAddr()));
        BloomFilter fromC = new BloomFilter();
        fromC.insert(c.id.nodeAddr());
        fromC.insert(d);
        table.setFilter(c.id.nodeAddr(), fromC);
        dest = switch (route) {
            case "direct" -> c.id.nodeAddr();
            case "bloom" -> d;
            default -> throw new IllegalArgumentException("route=" + route);
        };
        if (size < SessionDatagram.HEADER_BYTES || size + 36 > MTU) {
            throw new IllegalArgumentException("size=" + size + " outside " + SessionDatagram.HEADER_BYTES + ".." + (MTU - 36));
        }
        byte[] payload = new byte[size - SessionDatagram.HEADER_BYTES];
        new Random(5).nextBytes(payload);
        byte[] enc = new SessionDatagram(64, 0xFFFF, a.id.nodeAddr(), dest, payload).encode();
        body = Arrays.copyOfRange(enc, 1, enc.length); // after msg_type, as LinkCore.send takes it
        for (int i = 0; i < BATCH; i++) frames[i] = new byte[MTU];
        a.quiet = b.quiet = c.quiet = true;
        a.capture = frames;
        a.captureLen = frameLens;
        System.out.printf("%nTransitForwardBench aead=%s route=%s cache=%s: frame %d bytes%n", engine, route, cache,
                size + 36);
    }

    /** A seals the next batch (not measured): fresh counters, the same datagram. */
    @Setup(Level.Invocation)
    public void sealBatch() {
        a.captured = 0;
        for (int i = 0; i < BATCH; i++) {
            a.link.send(b.id.nodeAddr(), LinkMsgType.SESSION_DATAGRAM, body, 0, body.length, NOW_MS);
        }
        if (a.captured != BATCH) {
            throw new IllegalStateException("A sealed " + a.captured + " of " + BATCH);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long transit() {
        for (int i = 0; i < BATCH; i++) {
            b.link.onDatagram(b.transport, a.address, frames[i], 0, frameLens[i], NOW_MS);
        }
        return b.transmitted;
    }

    @TearDown(Level.Trial)
    public void check() {
        long forwarded = 0;
        Router r = b.router;
        forwarded += r.transitCount(RouteOutcome.FORWARDED);
        for (int o = 0; o < RouteOutcome.COUNT; o++) {
            if (o != RouteOutcome.FORWARDED && r.transitCount(o) != 0) {
                throw new IllegalStateException("not everything was forwarded: " + r.counters());
            }
        }
        if (forwarded == 0) {
            throw new IllegalStateException("nothing was forwarded");
        }
    }
}
