package fips.fmp.route;

import fips.fmp.bloom.BloomFilter;
import fips.fmp.internal.Le;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeView;
import fips.fmp.wire.ErrorSignal;
import fips.fmp.wire.ErrorSignalCodec;
import fips.fmp.wire.FmpConstants;
import fips.fmp.wire.SessionDatagram;
import fips.identity.NodeAddr;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * SessionDatagram forwarding as a sans-IO forwarding-plane core (STYLE.md
 * rules 1, 2): fed datagram bodies and the time, it answers with an int
 * {@link RouteOutcome} and writes through {@link LinkOutput} and
 * {@link LocalDelivery}. It allocates nothing per packet, never throws on
 * received bytes and counts every outcome.
 *
 * <h2>Theory of operation</h2>
 *
 * <p><b>Transit</b> ({@link #onDatagram}; INTEROP.md 8.1). A datagram for this
 * node is delivered whatever its ttl. Otherwise ttl is lowered and a datagram
 * whose ttl would reach 0 is dropped ({@link RouteOutcome#TTL_EXPIRED}); the
 * next hop is chosen as below; path_mtu becomes {@code min(path_mtu, link MTU
 * of the next hop)}; ttl and path_mtu are rewritten in the caller's buffer and
 * the same bytes go to {@link LinkOutput}. The payload is never read.
 *
 * <p><b>Next hop</b> ({@link #nextHop}; INTEROP.md 5.5,
 * design/fips-mesh-operation.md "Routing Decision Process"), in order:
 * <ol>
 *   <li>the destination is this node: local;</li>
 *   <li>the destination is a sendable peer: that peer;</li>
 *   <li>otherwise its coordinates must be in the coordinate cache
 *       ({@link DestinationCoords}, a get-and-touch), else there is no route;</li>
 *   <li>if any peer's inbound bloom filter contains the destination, the
 *       choice is made among those peers alone: sendable, with known
 *       coordinates strictly closer to the destination than ours, the least by
 *       {@code (link_cost, distance, NodeAddr)} — link_cost first
 *       (INTEROP.md 15 D12) — or no route if none qualifies: the reference
 *       (INTEROP.md 5.5 cites {@code src/node/mod.rs find_next_hop}) reaches
 *       step 5 only when no peer's filter matches at all;</li>
 *   <li>greedy tree routing: only under the destination's root; the peer
 *       with known coordinates least by {@code (distance, NodeAddr)}, taken
 *       only if strictly closer than us and sendable.</li>
 * </ol>
 * The strictly-closer rule at every hop is what keeps stale state from
 * looping a packet (design/fips-mesh-operation.md "Loop Prevention").
 *
 * <p><b>Error signals</b> (INTEROP.md 8.5; design/fips-mesh-operation.md "Error
 * Recovery"). A transit datagram with no route makes a PathBroken carrying
 * the destination's cached coordinates if step 3 found them, else a
 * CoordsRequired; one whose sealed frame would exceed the next hop's MTU
 * makes an MtuExceeded carrying that MTU. The signal rides in a new
 * SessionDatagram from this node to the original source (ttl
 * {@code node.session.default_ttl}, path_mtu 0xFFFF as the reference encodes
 * it, vectors/fsp.json {@code wrapped_in_session_datagram}), sent straight to
 * the next hop toward the source. At most one per destination per 100 ms; a
 * signal that cannot be routed or sent is dropped ({@link RouteSignal}).
 *
 * <p><b>Origin</b> ({@link #originate}; INTEROP.md 8.1): ttl
 * {@code node.session.default_ttl} (64), path_mtu {@code min(0xFFFF, link MTU of
 * the first hop)}.
 *
 * <h2>Per-packet cost</h2>
 *
 * Peer state is read from {@link PeerTable}'s arrays; the destination is
 * compared as two longs; its bloom hashes come from a small memo (one SHA-256
 * per destination not seen recently) and each filter is probed bit by bit
 * ({@link BloomFilter#bit}); distances use {@link Coords#distanceTo}. The only
 * call out per routed packet is one {@link DestinationCoords#lookup} when the
 * destination is not a peer. The hash memo and the error-signal limiter start
 * small (a few KiB for both) and double up to 4 096 entries each while the
 * traffic needs more; those resizes, a handful in a router's life, are the
 * only allocations on this path (see {@code BloomHashMemo}, {@code SignalLimiter}).
 *
 * <h2>Buffers and threads</h2>
 *
 * {@link #onDatagram} reads and rewrites the caller's buffer during the call
 * only. Bytes handed to {@link LinkOutput} and {@link LocalDelivery} are valid
 * only during that call. One thread owns a router (the protocol thread), as it
 * owns the {@link TreeView}, {@link PeerTable} and {@link DestinationCoords}
 * the router reads. {@link LocalDelivery} may call {@link #originate} (it uses
 * its own buffer), but not {@link #onDatagram} on the same bytes.
 */
public final class Router {
    /** The {@code node.session.default_ttl} default (INTEROP.md 8.1). */
    public static final int DEFAULT_TTL = SessionDatagram.DEFAULT_TTL;
    /** path_mtu ceiling (a u16; INTEROP.md 8.1 "min(0xFFFF, ...)"). */
    public static final int MAX_PATH_MTU = 0xFFFF;
    /** Bytes a sealed frame adds to a datagram body: 16 header + 4 timestamp + 1 msg_type + 16 tag (INTEROP.md 8.10). */
    public static final int FRAME_OVERHEAD_BYTES = FmpConstants.FRAME_OVERHEAD_BYTES + FmpConstants.INNER_HEADER_BYTES;
    /** The envelope after msg_type: ttl, path_mtu, src, dest (INTEROP.md 8.1: a decoder needs 35 bytes). */
    public static final int ENVELOPE_BYTES = SessionDatagram.MIN_BODY_BYTES;
    /** Largest payload {@link #originate} takes: a body fits the u16 frame payload_len. */
    public static final int MAX_PAYLOAD_BYTES = 0xFFFF - FmpConstants.INNER_HEADER_BYTES - ENVELOPE_BYTES;

    // Offsets in the body (after msg_type), from SessionDatagram's offsets (which count msg_type).
    private static final int TTL = SessionDatagram.TTL_OFFSET - 1;
    private static final int PATH_MTU = SessionDatagram.PATH_MTU_OFFSET - 1;
    private static final int SRC = SessionDatagram.SRC_OFFSET - 1;
    private static final int DEST = SessionDatagram.DEST_OFFSET - 1;
    private static final int PAYLOAD = SessionDatagram.PAYLOAD_OFFSET - 1;

    // select() results that are not a peer position.
    private static final int NO_COORDS = -1;
    private static final int NO_ROUTE = -2;

    // Local tuning: the memo and the limiter start small and grow on demand up to their maximum (each class
    // says when), so a node that routes little holds a few KiB; the origin buffer grows to the longest payload.
    private static final int MEMO_INITIAL_ENTRIES = 64;
    private static final int MEMO_MAX_ENTRIES = 4096;
    private static final int LIMITER_INITIAL_ENTRIES = 16;
    private static final int LIMITER_MAX_ENTRIES = 4096;
    private static final int ORIGIN_BUF_MIN_BYTES = 2048;

    private final NodeAddr self;
    private final long selfHi;
    private final long selfLo;
    private final TreeView tree;
    private final PeerTable peers;
    private final DestinationCoords destinations;
    private final LinkOutput out;
    private final LocalDelivery local;
    private final int defaultTtl;

    private final BloomHashMemo hashes = new BloomHashMemo(MEMO_INITIAL_ENTRIES, MEMO_MAX_ENTRIES);
    private final SignalLimiter limiter = new SignalLimiter(LIMITER_INITIAL_ENTRIES, LIMITER_MAX_ENTRIES);
    private byte[] originBuf; // for originate(): null until the first call, then grown to the longest body
    private final byte[] signalBuf =
            new byte[PAYLOAD + ErrorSignalCodec.pathBrokenLength(ErrorSignal.PATH_BROKEN_MAX_COORDS)];

    private final long[] transit = new long[RouteOutcome.COUNT];
    private final long[] origin = new long[RouteOutcome.COUNT];
    private final long[] signals = new long[RouteSignal.COUNT];

    /** The destination coordinates the last {@link #select} found at step 3 (null if none). */
    private Coords selectedDestCoords;

    /** A router with {@code node.session.default_ttl} = {@value #DEFAULT_TTL}. */
    public Router(NodeAddr self, TreeView tree, PeerTable peers, DestinationCoords destinations, LinkOutput out,
                  LocalDelivery local) {
        this(self, tree, peers, destinations, out, local, DEFAULT_TTL);
    }

    /**
     * @param tree this node's own coordinates ({@link TreeView#coords()}, read per routed packet)
     * @param defaultTtl {@code node.session.default_ttl}: ttl of originated datagrams and error signals (1..255)
     */
    public Router(NodeAddr self, TreeView tree, PeerTable peers, DestinationCoords destinations, LinkOutput out,
                  LocalDelivery local, int defaultTtl) {
        this.self = Objects.requireNonNull(self, "self");
        this.selfHi = self.hi();
        this.selfLo = self.lo();
        this.tree = Objects.requireNonNull(tree, "tree");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.out = Objects.requireNonNull(out, "out");
        this.local = Objects.requireNonNull(local, "local");
        if (defaultTtl < 1 || defaultTtl > 255) {
            throw new IllegalArgumentException("node.session.default_ttl=" + defaultTtl + " outside 1..255");
        }
        this.defaultTtl = defaultTtl;
    }

    public NodeAddr self() {
        return self;
    }

    public PeerTable peers() {
        return peers;
    }

    // ---------------------------------------------------------------- transit

    /**
     * A SessionDatagram from peer {@code fromPeer}, as {@code LinkSink.deliver}
     * hands it for msg_type 0x00: {@code buf[off, off+len)} is the body after
     * the msg_type byte. ttl and path_mtu are rewritten in place when it is
     * forwarded.
     *
     * @return a {@link RouteOutcome}: DELIVERED, FORWARDED, TTL_EXPIRED,
     *     NO_ROUTE, MTU_EXCEEDED, LINK_DOWN or MALFORMED
     */
    public int onDatagram(NodeAddr fromPeer, byte[] buf, int off, int len, long nowMs) {
        if (len < ENVELOPE_BYTES) {
            transit[RouteOutcome.MALFORMED]++;
            return RouteOutcome.MALFORMED;
        }
        long destHi = Le.u64BigEndian(buf, off + DEST);
        long destLo = Le.u64BigEndian(buf, off + DEST + 8);
        if (destHi == selfHi && destLo == selfLo) {
            transit[RouteOutcome.DELIVERED]++;
            local.deliver(fromPeer, Le.u64BigEndian(buf, off + SRC), Le.u64BigEndian(buf, off + SRC + 8),
                    buf, off + PAYLOAD, len - PAYLOAD, Le.u16(buf, off + PATH_MTU), nowMs);
            return RouteOutcome.DELIVERED;
        }
        int ttl = buf[off + TTL] & 0xff;
        if (ttl <= 1) {
            transit[RouteOutcome.TTL_EXPIRED]++;
            return RouteOutcome.TTL_EXPIRED;
        }
        int p = select(destHi, destLo, nowMs);
        if (p < 0) {
            transit[RouteOutcome.NO_ROUTE]++;
            Coords stale = p == NO_COORDS ? null : selectedDestCoords;
            signal(stale == null ? ErrorSignal.TYPE_COORDS_REQUIRED : ErrorSignal.TYPE_PATH_BROKEN,
                    buf, off, destHi, destLo, stale, 0, nowMs);
            return RouteOutcome.NO_ROUTE;
        }
        int linkMtu = peers.mtu[p];
        if (len + FRAME_OVERHEAD_BYTES > linkMtu) {
            return mtuExceeded(buf, off, destHi, destLo, linkMtu, nowMs);
        }
        buf[off + TTL] = (byte) (ttl - 1);
        int pathMtu = Le.u16(buf, off + PATH_MTU);
        int folded = Math.min(linkMtu, MAX_PATH_MTU);
        if (folded < pathMtu) {
            Le.putU16(buf, off + PATH_MTU, folded);
        }
        int r = out.send(peers.addr[p], buf, off, len, nowMs);
        if (r >= 0) {
            transit[RouteOutcome.FORWARDED]++;
            return RouteOutcome.FORWARDED;
        }
        if (r == LinkOutput.TOO_BIG) {
            return mtuExceeded(buf, off, destHi, destLo, linkMtu, nowMs);
        }
        transit[RouteOutcome.LINK_DOWN]++;
        return RouteOutcome.LINK_DOWN;
    }

    private int mtuExceeded(byte[] buf, int off, long destHi, long destLo, int linkMtu, long nowMs) {
        transit[RouteOutcome.MTU_EXCEEDED]++;
        signal(ErrorSignal.TYPE_MTU_EXCEEDED, buf, off, destHi, destLo, null, Math.min(linkMtu, 0xFFFF), nowMs);
        return RouteOutcome.MTU_EXCEEDED;
    }

    /**
     * Builds and sends one error signal about the datagram at {@code buf[off]}
     * back to its source, subject to the per-destination rate limit.
     */
    private void signal(int type, byte[] buf, int off, long destHi, long destLo, Coords stale, int mtu,
                        long nowMs) {
        if (!limiter.admit(destHi, destLo, nowMs)) {
            signals[RouteSignal.RATE_LIMITED]++;
            return;
        }
        long srcHi = Le.u64BigEndian(buf, off + SRC);
        long srcLo = Le.u64BigEndian(buf, off + SRC + 8);
        int p = srcHi == selfHi && srcLo == selfLo ? NO_ROUTE : select(srcHi, srcLo, nowMs);
        if (p < 0) {
            signals[RouteSignal.NO_RETURN_ROUTE]++;
            return;
        }
        byte[] b = signalBuf;
        b[TTL] = (byte) defaultTtl;
        Le.putU16(b, PATH_MTU, MAX_PATH_MTU);
        self.write(b, SRC);
        putBigEndian(b, DEST, srcHi);
        putBigEndian(b, DEST + 8, srcLo);
        int n;
        int sent;
        switch (type) {
            case ErrorSignal.TYPE_COORDS_REQUIRED -> {
                n = ErrorSignalCodec.writeCoordsRequired(b, PAYLOAD, destHi, destLo, self);
                sent = RouteSignal.COORDS_REQUIRED_SENT;
            }
            case ErrorSignal.TYPE_PATH_BROKEN -> {
                int count = Math.min(stale.length(), ErrorSignal.PATH_BROKEN_MAX_COORDS);
                int q = ErrorSignalCodec.writePathBrokenHead(b, PAYLOAD, destHi, destLo, self, count);
                for (int i = 0; i < count; i++, q += NodeAddr.BYTES) {
                    stale.get(i).write(b, q); // error path only, rate-limited
                }
                n = q - PAYLOAD;
                sent = RouteSignal.PATH_BROKEN_SENT;
            }
            case ErrorSignal.TYPE_MTU_EXCEEDED -> {
                n = ErrorSignalCodec.writeMtuExceeded(b, PAYLOAD, destHi, destLo, self, mtu);
                sent = RouteSignal.MTU_EXCEEDED_SENT;
            }
            default -> throw new AssertionError("type=" + type);
        }
        if (out.send(peers.addr[p], b, 0, PAYLOAD + n, nowMs) < 0) {
            signals[RouteSignal.SEND_FAILED]++;
        } else {
            signals[sent]++;
        }
    }

    // ---------------------------------------------------------------- origin

    /**
     * Sends {@code payload[off, off+len)} (an FSP message) to {@code dest} in a
     * new SessionDatagram: ttl {@code node.session.default_ttl}, path_mtu
     * {@code min(0xFFFF, link MTU of the first hop)} (INTEROP.md 8.1). Copies
     * the payload once into the router's buffer; {@link #originateInPlace}
     * avoids the copy.
     *
     * @return a {@link RouteOutcome}: FORWARDED, NO_ROUTE, MTU_EXCEEDED or LINK_DOWN
     * @throws IllegalArgumentException if {@code dest} is this node or the payload exceeds {@value #MAX_PAYLOAD_BYTES} bytes
     */
    public int originate(NodeAddr dest, byte[] payload, int off, int len, long nowMs) {
        checkOriginate(dest, len);
        int p = select(dest.hi(), dest.lo(), nowMs);
        if (p < 0) {
            origin[RouteOutcome.NO_ROUTE]++;
            return RouteOutcome.NO_ROUTE;
        }
        byte[] b = originBuf(PAYLOAD + len);
        System.arraycopy(payload, off, b, PAYLOAD, len);
        return sendOriginated(p, dest, b, 0, len, nowMs);
    }

    /**
     * As {@link #originate}, but builds the envelope in the
     * {@value #ENVELOPE_BYTES} bytes of headroom in front of the payload
     * ({@code buf[payloadOff - 35, payloadOff)} are overwritten), so the
     * payload is not copied (STYLE.md rule 7).
     *
     * @throws IllegalArgumentException if {@code payloadOff < 35}, {@code dest} is this node or the payload is too long
     */
    public int originateInPlace(NodeAddr dest, byte[] buf, int payloadOff, int payloadLen, long nowMs) {
        if (payloadOff < ENVELOPE_BYTES) {
            throw new IllegalArgumentException("payloadOff=" + payloadOff + " leaves less than " + ENVELOPE_BYTES
                    + " bytes of headroom");
        }
        checkOriginate(dest, payloadLen);
        int p = select(dest.hi(), dest.lo(), nowMs);
        if (p < 0) {
            origin[RouteOutcome.NO_ROUTE]++;
            return RouteOutcome.NO_ROUTE;
        }
        return sendOriginated(p, dest, buf, payloadOff - ENVELOPE_BYTES, payloadLen, nowMs);
    }

    /**
     * The origin buffer, at least {@code bytes} long: allocated on first use and
     * doubled when a longer body comes (at most {@code PAYLOAD + MAX_PAYLOAD_BYTES}),
     * so a steady flow of similar sizes allocates nothing.
     */
    private byte[] originBuf(int bytes) {
        byte[] b = originBuf;
        if (b == null || b.length < bytes) {
            int n = Math.max(ORIGIN_BUF_MIN_BYTES, b == null ? 0 : b.length);
            while (n < bytes) {
                n *= 2;
            }
            b = originBuf = new byte[Math.min(n, PAYLOAD + MAX_PAYLOAD_BYTES)];
        }
        return b;
    }

    private void checkOriginate(NodeAddr dest, int payloadLen) {
        if (dest.hi() == selfHi && dest.lo() == selfLo) {
            throw new IllegalArgumentException("dest=" + dest + " is this node");
        }
        if (payloadLen < 0 || payloadLen > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payloadLen=" + payloadLen + " outside 0.." + MAX_PAYLOAD_BYTES);
        }
    }

    private int sendOriginated(int p, NodeAddr dest, byte[] b, int bodyOff, int payloadLen, long nowMs) {
        int linkMtu = peers.mtu[p];
        int bodyLen = ENVELOPE_BYTES + payloadLen;
        if (bodyLen + FRAME_OVERHEAD_BYTES > linkMtu) {
            origin[RouteOutcome.MTU_EXCEEDED]++;
            return RouteOutcome.MTU_EXCEEDED;
        }
        b[bodyOff + TTL] = (byte) defaultTtl;
        Le.putU16(b, bodyOff + PATH_MTU, Math.min(MAX_PATH_MTU, linkMtu));
        self.write(b, bodyOff + SRC);
        dest.write(b, bodyOff + DEST);
        int r = out.send(peers.addr[p], b, bodyOff, bodyLen, nowMs);
        int outcome = r >= 0 ? RouteOutcome.FORWARDED
                : r == LinkOutput.TOO_BIG ? RouteOutcome.MTU_EXCEEDED : RouteOutcome.LINK_DOWN;
        origin[outcome]++;
        return outcome;
    }

    // ---------------------------------------------------------------- next hop

    /**
     * The next hop toward {@code dest} by INTEROP.md 5.5 (for the lookup
     * responder, the session layer and tests): the peer's NodeAddr as held in
     * the {@link PeerTable} (no allocation), or null for this node itself or
     * when there is no route. Touches the destination's cache entry as a
     * routed packet does.
     */
    public NodeAddr nextHop(NodeAddr dest, long nowMs) {
        if (dest.hi() == selfHi && dest.lo() == selfLo) {
            return null;
        }
        int p = select(dest.hi(), dest.lo(), nowMs);
        return p < 0 ? null : peers.addr[p];
    }

    /**
     * Steps 2-5 of INTEROP.md 5.5 for a destination other than this node.
     *
     * @return the position of the next hop in {@link #peers}, {@link #NO_COORDS}
     *     or {@link #NO_ROUTE}; sets {@link #selectedDestCoords}
     */
    private int select(long destHi, long destLo, long nowMs) {
        PeerTable t = peers;
        selectedDestCoords = null;
        int direct = t.find(destHi, destLo);
        if (direct >= 0 && t.sendable[direct]) {
            return direct;
        }
        Coords dest = destinations.lookup(destHi, destLo, nowMs);
        if (dest == null) {
            return NO_COORDS;
        }
        selectedDestCoords = dest;
        Coords mine = tree.coords();
        if (mine == null) {
            return NO_ROUTE;
        }
        int myDistance = mine.distanceTo(dest);
        int n = t.count();
        if (t.anyFilter()) {
            hashes.hash(destHi, destLo);
            long h1 = hashes.h1;
            long h2 = hashes.h2;
            boolean anyHit = false;
            int best = -1;
            double bestCost = 0;
            int bestDistance = 0;
            for (int i = 0; i < n; i++) {
                BloomFilter f = t.filter[i];
                if (f == null || !mayContain(f, h1, h2)) {
                    continue;
                }
                anyHit = true;
                Coords c = t.coords[i];
                if (!t.sendable[i] || c == null) {
                    continue; // unknown coordinates rank at infinite distance: never strictly closer
                }
                int d = c.distanceTo(dest);
                if (d >= myDistance) {
                    continue;
                }
                double cost = t.cost[i];
                if (best < 0 || cost < bestCost
                        || (cost == bestCost && (d < bestDistance
                                || (d == bestDistance && lessThan(t, i, best))))) {
                    best = i;
                    bestCost = cost;
                    bestDistance = d;
                }
            }
            if (anyHit) {
                return best >= 0 ? best : NO_ROUTE;
            }
        }
        if (!mine.rootEquals(dest)) {
            return NO_ROUTE;
        }
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Coords c = t.coords[i];
            if (c == null) {
                continue;
            }
            int d = c.distanceTo(dest);
            if (best < 0 || d < bestDistance || (d == bestDistance && lessThan(t, i, best))) {
                best = i;
                bestDistance = d;
            }
        }
        return best >= 0 && bestDistance < myDistance && t.sendable[best] ? best : NO_ROUTE;
    }

    /** Whether the filter may contain the element with base hashes (h1, h2), probing k bits (INTEROP.md 6). */
    private static boolean mayContain(BloomFilter f, long h1, long h2) {
        int k = f.hashCount();
        for (int i = 0; i < k; i++) {
            if (!f.bit((int) ((h1 + i * h2) & (BloomFilter.BITS - 1)))) {
                return false;
            }
        }
        return true;
    }

    /** NodeAddr order: unsigned big-endian over the 16 bytes (INTEROP.md "Conventions"). */
    private static boolean lessThan(PeerTable t, int a, int b) {
        int c = Long.compareUnsigned(t.hi[a], t.hi[b]);
        return c < 0 || (c == 0 && Long.compareUnsigned(t.lo[a], t.lo[b]) < 0);
    }

    private static void putBigEndian(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    // ---------------------------------------------------------------- counters

    /** How many transit datagrams ({@link #onDatagram}) ended with {@code outcome}. */
    public long transitCount(int outcome) {
        return transit[outcome];
    }

    /** How many {@link #originate} calls ended with {@code outcome}. */
    public long originateCount(int outcome) {
        return origin[outcome];
    }

    /** An error-signal counter, {@link RouteSignal}. */
    public long signalCount(int signal) {
        return signals[signal];
    }

    /** Destinations whose bloom hashes had to be computed (memo misses). */
    public long bloomHashMisses() {
        return hashes.misses;
    }

    /** Every counter by name ({@code transit.forwarded}, {@code signal.rate_limited}, ...), for operator tools. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < RouteOutcome.COUNT; i++) m.put("transit." + RouteOutcome.name(i), transit[i]);
        for (int i = 0; i < RouteOutcome.COUNT; i++) {
            if (i != RouteOutcome.DELIVERED && i != RouteOutcome.TTL_EXPIRED && i != RouteOutcome.MALFORMED) {
                m.put("originate." + RouteOutcome.name(i), origin[i]);
            }
        }
        for (int i = 0; i < RouteSignal.COUNT; i++) m.put("signal." + RouteSignal.name(i), signals[i]);
        m.put("bloom_hash_misses", hashes.misses);
        return m;
    }
}
