package fips.fmp.route;

import static fips.fmp.route.RouteFixtures.addr;
import static fips.fmp.route.RouteFixtures.body;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.bloom.BloomFilter;
import fips.fmp.route.RouteFixtures.Delivered;
import fips.fmp.route.RouteFixtures.FakeCache;
import fips.fmp.route.RouteFixtures.FakeTree;
import fips.fmp.route.RouteFixtures.RecordingLocal;
import fips.fmp.route.RouteFixtures.RecordingOutput;
import fips.fmp.route.RouteFixtures.Sent;
import fips.fmp.tree.Coords;
import fips.fmp.wire.CoordsRequired;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.ErrorSignal;
import fips.fmp.wire.MtuExceeded;
import fips.fmp.wire.PathBroken;
import fips.fmp.wire.SessionDatagram;
import fips.identity.NodeAddr;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The router against hand-built state (STYLE.md rule 13): every branch of
 * INTEROP.md 5.5, the envelope rules of 8.1 and the error signals of 8.5.
 *
 * <pre>
 *                 R (root)
 *               /   \
 *              P     Q
 *             /       \
 *   (self)   S         L (peer of S over a cross link), Y
 *          /   \
 *        C1     C2
 *       /  \
 *     D1    E
 *           |
 *           F
 *         / | \
 *       D2  L2  L3   (L2, L3: cross-link peers of S deep below C1)
 * </pre>
 * NodeAddrs are chosen so that their order is known: R &lt; P &lt; Q &lt; S &lt; C1 &lt; C2 &lt; L3 &lt; L2.
 */
class RouterTest {
    static final NodeAddr R = addr("01");
    static final NodeAddr R2 = addr("02");
    static final NodeAddr P = addr("10");
    static final NodeAddr Q = addr("11");
    static final NodeAddr S = addr("20");
    static final NodeAddr C1 = addr("30");
    static final NodeAddr C2 = addr("31");
    static final NodeAddr E = addr("40");
    static final NodeAddr F = addr("41");
    static final NodeAddr L3 = addr("51");
    static final NodeAddr L2 = addr("52");
    static final NodeAddr Y = addr("60");
    static final NodeAddr L = addr("70");
    static final NodeAddr D1 = addr("80");
    static final NodeAddr D2 = addr("81");
    static final NodeAddr STRANGER = addr("99");

    static final Coords S_COORDS = Coords.of(S, P, R);
    static final Coords P_COORDS = Coords.of(P, R);
    static final Coords C1_COORDS = Coords.of(C1, S, P, R);
    static final Coords C2_COORDS = Coords.of(C2, S, P, R);
    static final Coords L_COORDS = Coords.of(L, Q, R);
    static final Coords Y_COORDS = Coords.of(Y, Q, R);
    static final Coords D1_COORDS = Coords.of(D1, C1, S, P, R);
    static final Coords D2_COORDS = Coords.of(D2, F, E, C1, S, P, R);
    static final Coords L2_COORDS = Coords.of(L2, F, E, C1, S, P, R);
    static final Coords L3_COORDS = Coords.of(L3, F, E, C1, S, P, R);

    static final byte[] PAYLOAD = {0x00, 0x04, 0x7f, 0x01, 0x02, 0x03};
    static final long T0 = 1_000_000;

    FakeTree tree;
    PeerTable peers;
    FakeCache cache;
    RecordingOutput out;
    RecordingLocal local;
    Router router;

    @BeforeEach
    void setUp() {
        tree = new FakeTree(S_COORDS);
        peers = new PeerTable(2); // small, so the tests also cover growth
        cache = new FakeCache();
        out = new RecordingOutput();
        local = new RecordingLocal();
        router = new Router(S, tree, peers, cache, out, local);
        peer(P, 1280, P_COORDS);
        peer(C1, 1280, C1_COORDS);
        peer(C2, 1280, C2_COORDS);
        peer(L, 1280, L_COORDS);
    }

    void peer(NodeAddr a, int mtu, Coords coords, NodeAddr... reachable) {
        peers.add(a, mtu);
        peers.setCoords(a, coords);
        if (reachable.length > 0) {
            filter(a, reachable);
        }
    }

    void filter(NodeAddr a, NodeAddr... reachable) {
        BloomFilter f = new BloomFilter();
        for (NodeAddr r : reachable) {
            f.insert(r);
        }
        peers.setFilter(a, f);
    }

    int transit(NodeAddr src, NodeAddr dest, int ttl, long nowMs) {
        byte[] b = body(ttl, 1400, src, dest, PAYLOAD);
        return router.onDatagram(P, b, 0, b.length, nowMs);
    }

    Sent onlySent() {
        assertEquals(1, out.sent.size(), "sends: " + out.sent);
        return out.sent.getFirst();
    }

    static ErrorSignal signalIn(Sent s) {
        byte[] p = s.datagram().payload();
        try {
            return ErrorSignal.decode(p, 0, p.length);
        } catch (DecodeException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The error datagram's envelope: self to the original source, default ttl, path_mtu 0xFFFF (fsp.json). */
    static void assertSignalEnvelope(Sent s, NodeAddr source) {
        SessionDatagram d = s.datagram();
        assertEquals(64, d.ttl());
        assertEquals(0xFFFF, d.pathMtu());
        assertEquals(S, d.src());
        assertEquals(source, d.dest());
    }

    @Nested
    @DisplayName("INTEROP.md 8.1: local delivery")
    class Local {
        @Test
        @DisplayName("INTEROP.md 5.5 step 1, 8.1: dest == self is delivered whatever the ttl (0 here), with src, payload and path_mtu")
        void deliveredRegardlessOfTtl() {
            byte[] b = body(0, 1234, STRANGER, S, PAYLOAD);
            assertEquals(RouteOutcome.DELIVERED, router.onDatagram(C2, b, 0, b.length, T0));
            assertEquals(1, local.delivered.size());
            Delivered d = local.delivered.getFirst();
            assertEquals(C2, d.fromPeer());
            assertEquals(STRANGER, d.src());
            assertArrayEquals(PAYLOAD, d.payload());
            assertEquals(1234, d.pathMtu());
            assertEquals(T0, d.nowMs());
            assertEquals(List.of(), out.sent);
            assertEquals(List.of(), cache.lookups);
            assertEquals(1, router.transitCount(RouteOutcome.DELIVERED));
            assertEquals(0, router.transitCount(RouteOutcome.TTL_EXPIRED));
        }

        @Test
        @DisplayName("INTEROP.md 8.1: a body inside a larger buffer is read at its offset; an empty payload is delivered empty")
        void offsetsAndEmptyPayload() {
            byte[] b = body(9, 500, STRANGER, S, new byte[0]);
            byte[] big = new byte[b.length + 20];
            System.arraycopy(b, 0, big, 7, b.length);
            assertEquals(RouteOutcome.DELIVERED, router.onDatagram(P, big, 7, b.length, T0));
            assertEquals(0, local.delivered.getFirst().payload().length);
            assertEquals(500, local.delivered.getFirst().pathMtu());
        }
    }

    @Nested
    @DisplayName("INTEROP.md 5.5: next-hop selection")
    class Selection {
        @Test
        @DisplayName("INTEROP.md 5.5 step 2: a sendable direct peer is the next hop without any cache lookup")
        void directPeer() {
            assertEquals(RouteOutcome.FORWARDED, transit(P, C1, 10, T0));
            assertEquals(C1, onlySent().peer());
            assertEquals(List.of(), cache.lookups);
            assertSame(C1, router.nextHop(C1, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 2-3: a direct peer that cannot send is not used directly; the cache is consulted")
        void directPeerNotSendable() {
            peers.setSendable(C1, false);
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, C1, 10, T0));
            assertEquals(List.of(C1), cache.lookups);
            assertEquals(ErrorSignal.TYPE_COORDS_REQUIRED, signalIn(onlySent()).type());
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 3, 8.5: no cached coordinates → no route, CoordsRequired(dest, self) back to the source")
        void coordCacheMiss() {
            filter(C1, D1); // a bloom hit does not help without coordinates
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D1, 10, T0));
            Sent s = onlySent();
            assertEquals(P, s.peer());
            assertSignalEnvelope(s, P);
            assertEquals(new CoordsRequired(D1, S), signalIn(s));
            assertEquals(1, router.transitCount(RouteOutcome.NO_ROUTE));
            assertEquals(1, router.signalCount(RouteSignal.COORDS_REQUIRED_SENT));
            assertNull(router.nextHop(D1, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 4: among bloom hits only peers strictly closer than us qualify (C1 at 1, not C2 or P at 3)")
        void bloomStrictlyCloser() {
            cache.entries.put(D1, D1_COORDS);
            filter(P, D1);
            filter(C2, D1);
            filter(C1, D1);
            assertEquals(RouteOutcome.FORWARDED, transit(P, D1, 10, T0));
            assertEquals(C1, onlySent().peer());
            assertEquals(List.of(D1), cache.lookups);
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 4: with equal link_cost the smaller distance wins (L2 at 2 over C1 at 3)")
        void bloomDistance() {
            cache.entries.put(D2, D2_COORDS);
            peer(L2, 1280, L2_COORDS, D2);
            filter(C1, D2);
            assertEquals(C1, C1_COORDS.self());
            assertEquals(3, C1_COORDS.distanceTo(D2_COORDS));
            assertEquals(2, L2_COORDS.distanceTo(D2_COORDS));
            assertEquals(L2, router.nextHop(D2, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 4, 15 D12: link_cost is the primary key: C1 (cost 0.5, distance 3) beats L2 (1.0, 2)")
        void bloomLinkCostFirst() {
            cache.entries.put(D2, D2_COORDS);
            peer(L2, 1280, L2_COORDS, D2);
            filter(C1, D2);
            peers.setLinkCost(C1, 0.5);
            assertEquals(C1, router.nextHop(D2, T0));
            peers.setLinkCost(C1, 1.0);
            peers.setLinkCost(L2, 1.5);
            assertEquals(C1, router.nextHop(D2, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 4, 15 D12: equal link_cost and distance → the smaller NodeAddr (L3 < L2), whatever the table order")
        void bloomNodeAddrTieBreak() {
            cache.entries.put(D2, D2_COORDS);
            peer(L2, 1280, L2_COORDS, D2);
            peer(L3, 1280, L3_COORDS, D2);
            assertTrue(L3.compareTo(L2) < 0);
            assertEquals(L3, router.nextHop(D2, T0));
            peers.remove(L3);
            peer(L3, 1280, L3_COORDS, D2); // re-added at the end of the table
            assertEquals(L3, router.nextHop(D2, T0));
            peers.setLinkCost(L3, 1.25);
            assertEquals(L2, router.nextHop(D2, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 4: bloom candidates that cannot send or have no coordinates are skipped")
        void bloomSkipsUnsendableAndUnknown() {
            cache.entries.put(D2, D2_COORDS);
            peer(L2, 1280, L2_COORDS, D2);
            peer(L3, 1280, L3_COORDS, D2);
            filter(C1, D2);
            peers.setSendable(L3, false);
            assertEquals(L2, router.nextHop(D2, T0));
            peers.setSendable(L3, true);
            peers.setCoords(L3, null);
            assertEquals(L2, router.nextHop(D2, T0));
            peers.setCoords(L2, null);
            assertEquals(C1, router.nextHop(D2, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 4: a peer at our own distance is not strictly closer (sibling of the destination)")
        void equalDistanceIsNotCloser() {
            NodeAddr sib = addr("32");
            cache.entries.put(D1, D1_COORDS);
            peer(sib, 1280, Coords.of(sib, C1, S, P, R), D1);
            assertEquals(2, Coords.of(sib, C1, S, P, R).distanceTo(D1_COORDS));
            assertEquals(2, S_COORDS.distanceTo(D1_COORDS));
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D1, 10, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 steps 4-5, 8.5: a bloom hit with no qualifying candidate is no route (no greedy), → PathBroken with the cached coordinates")
        void bloomHitWithoutCandidateDoesNotFallBack() {
            cache.entries.put(D1, D1_COORDS);
            filter(P, D1); // P is farther (3) than we are (2); greedy would have picked C1
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D1, 10, T0));
            Sent s = onlySent();
            assertSignalEnvelope(s, P);
            assertEquals(new PathBroken(D1, S, D1_COORDS.toList()), signalIn(s));
            assertEquals(1, router.signalCount(RouteSignal.PATH_BROKEN_SENT));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 5: no filter contains the destination → greedy: the peer closest to it (C1)")
        void greedyFallback() {
            cache.entries.put(D1, D1_COORDS);
            assertEquals(RouteOutcome.FORWARDED, transit(P, D1, 10, T0));
            assertEquals(C1, onlySent().peer());
            filter(C2, Y); // filters that do not contain D1 change nothing
            assertEquals(C1, router.nextHop(D1, T0));
            cache.entries.put(Y, Y_COORDS);
            filter(C2); // empty filter
            assertEquals(L, router.nextHop(Y, T0)); // L at 2, P at 3, self at 4
            peers.remove(L);
            assertEquals(P, router.nextHop(Y, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 5: greedy ties break by smaller NodeAddr; the best peer is taken only if sendable (no second best)")
        void greedyTieAndSendable() {
            cache.entries.put(D2, D2_COORDS);
            peer(L2, 1280, L2_COORDS);
            peer(L3, 1280, L3_COORDS);
            assertEquals(L3, router.nextHop(D2, T0));
            peers.setSendable(L3, false);
            assertNull(router.nextHop(D2, T0));
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D2, 10, T0));
            assertEquals(new PathBroken(D2, S, D2_COORDS.toList()), signalIn(onlySent()));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 5: greedy at a local minimum (no peer strictly closer) is no route")
        void greedyLocalMinimum() {
            cache.entries.put(D1, D1_COORDS);
            peers.remove(C1);
            assertNull(router.nextHop(D1, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 steps 4-5: a destination under another root is unreachable: no route, PathBroken with its coordinates")
        void differentRoot() {
            NodeAddr d = addr("83");
            Coords other = Coords.of(d, R2);
            cache.entries.put(d, other);
            assertEquals(Integer.MAX_VALUE, S_COORDS.distanceTo(other));
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, d, 10, T0));
            assertEquals(new PathBroken(d, S, List.of(d, R2)), signalIn(onlySent()));
            filter(C1, d); // a filter hit from a peer under our root: still infinitely far, no candidate
            assertNull(router.nextHop(d, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 4 (as coded): the bloom step has no same-root check; a hit from a peer under the destination's root qualifies")
        void bloomAcrossRoots() {
            NodeAddr d = addr("83");
            NodeAddr m = addr("84");
            cache.entries.put(d, Coords.of(d, R2));
            peer(m, 1280, Coords.of(m, R2), d);
            assertEquals(m, router.nextHop(d, T0));
        }

        @Test
        @DisplayName("INTEROP.md 5.5 step 1: nextHop(self) is null; nextHop returns the NodeAddr instance the table holds")
        void nextHopApi() {
            assertNull(router.nextHop(S, T0));
            NodeAddr c1Copy = NodeAddr.fromHex(C1.toHex());
            assertSame(C1, router.nextHop(c1Copy, T0));
        }

        @Test
        @DisplayName("INTEROP.md 6: the destination is hashed once per memo miss, not per candidate or per packet")
        void bloomHashMemo() {
            cache.entries.put(D1, D1_COORDS);
            filter(C1, D1);
            filter(C2, Y);
            filter(P, Y);
            for (int i = 0; i < 5; i++) {
                assertEquals(C1, router.nextHop(D1, T0));
            }
            assertEquals(1, router.bloomHashMisses());
        }
    }

    @Nested
    @DisplayName("INTEROP.md 8.1: ttl and path_mtu")
    class Envelope {
        @Test
        @DisplayName("INTEROP.md 8.1: a transit datagram goes out with ttl − 1, the same src, dest and payload")
        void ttlDecrement() {
            assertEquals(RouteOutcome.FORWARDED, transit(STRANGER, C1, 5, T0));
            SessionDatagram d = onlySent().datagram();
            assertEquals(4, d.ttl());
            assertEquals(STRANGER, d.src());
            assertEquals(C1, d.dest());
            assertArrayEquals(PAYLOAD, d.payload());
            assertEquals(T0, onlySent().nowMs());
        }

        @Test
        @DisplayName("INTEROP.md 8.1: ttl 1 and ttl 0 are dropped at transit (ttl − 1 would be 0), counted TTL_EXPIRED, no signal, no lookup")
        void ttlExpiry() {
            cache.entries.put(D1, D1_COORDS);
            assertEquals(RouteOutcome.TTL_EXPIRED, transit(P, D1, 1, T0));
            assertEquals(RouteOutcome.TTL_EXPIRED, transit(P, C1, 0, T0));
            assertEquals(RouteOutcome.FORWARDED, transit(P, C1, 2, T0));
            assertEquals(1, out.sent.getFirst().datagram().ttl());
            assertEquals(1, out.sent.size());
            assertEquals(List.of(), cache.lookups);
            assertEquals(2, router.transitCount(RouteOutcome.TTL_EXPIRED));
            assertEquals(0, router.signalCount(RouteSignal.COORDS_REQUIRED_SENT));
        }

        @Test
        @DisplayName("INTEROP.md 8.1: path_mtu = min(path_mtu, next-hop link MTU), a u16")
        void pathMtuFold() {
            byte[] b = body(10, 1400, P, C1, PAYLOAD);
            router.onDatagram(P, b, 0, b.length, T0);
            assertEquals(1280, out.sent.get(0).datagram().pathMtu());
            assertEquals(1280, b[1] & 0xff | (b[2] & 0xff) << 8); // rewritten in place
            assertEquals(9, b[0]);
            b = body(10, 1000, P, C1, PAYLOAD);
            router.onDatagram(P, b, 0, b.length, T0);
            assertEquals(1000, out.sent.get(1).datagram().pathMtu());
            peers.setLinkMtu(C1, 70_000);
            b = body(10, 0xFFFF, P, C1, PAYLOAD);
            router.onDatagram(P, b, 0, b.length, T0);
            assertEquals(0xFFFF, out.sent.get(2).datagram().pathMtu());
        }

        @Test
        @DisplayName("STYLE.md rule 9: a body shorter than the 35-byte envelope is dropped and counted MALFORMED")
        void malformed() {
            byte[] b = body(10, 1400, P, C1, new byte[0]);
            assertEquals(35, b.length);
            assertEquals(RouteOutcome.MALFORMED, router.onDatagram(P, b, 0, 34, T0));
            assertEquals(RouteOutcome.MALFORMED, router.onDatagram(P, b, 0, 0, T0));
            assertEquals(2, router.transitCount(RouteOutcome.MALFORMED));
            assertEquals(RouteOutcome.FORWARDED, router.onDatagram(P, b, 0, 35, T0));
        }
    }

    @Nested
    @DisplayName("INTEROP.md 8.5: error signals")
    class Signals {
        @Test
        @DisplayName("INTEROP.md 8.5, 8.10: a frame over the next hop's MTU → MtuExceeded(dest, self, mtu) to the source; the datagram is dropped")
        void mtuExceeded() {
            peers.setLinkMtu(C1, 200);
            byte[] fits = body(10, 1400, P, C1, new byte[200 - 37 - 35]);
            assertEquals(200, fits.length + Router.FRAME_OVERHEAD_BYTES);
            assertEquals(RouteOutcome.FORWARDED, router.onDatagram(P, fits, 0, fits.length, T0));
            out.sent.clear();
            byte[] over = body(10, 1400, P, C1, new byte[200 - 37 - 35 + 1]);
            assertEquals(RouteOutcome.MTU_EXCEEDED, router.onDatagram(P, over, 0, over.length, T0));
            Sent s = onlySent();
            assertEquals(P, s.peer());
            assertSignalEnvelope(s, P);
            assertEquals(new MtuExceeded(C1, S, 200), signalIn(s));
            assertEquals(1, router.signalCount(RouteSignal.MTU_EXCEEDED_SENT));
            assertEquals(10, over[0]); // not rewritten
        }

        @Test
        @DisplayName("INTEROP.md 8.5: the link refusing the frame as too big also answers MtuExceeded; a link gone down is LINK_DOWN, no signal")
        void outputRefusals() {
            out.result = LinkOutput.TOO_BIG;
            assertEquals(RouteOutcome.MTU_EXCEEDED, transit(P, C1, 10, T0));
            out.result = LinkOutput.NO_LINK;
            assertEquals(RouteOutcome.LINK_DOWN, transit(P, C2, 10, T0));
            assertEquals(3, out.sent.size()); // forward to C1, signal to P (refused), forward to C2
            assertEquals(1, router.signalCount(RouteSignal.SEND_FAILED));
            assertEquals(1, router.transitCount(RouteOutcome.LINK_DOWN));
            assertEquals(1, router.transitCount(RouteOutcome.MTU_EXCEEDED));
            assertEquals(new MtuExceeded(C1, S, 1280), signalIn(out.sent.get(1)));
        }

        @Test
        @DisplayName("INTEROP.md 8.5: one signal per destination per 100 ms; other destinations and MtuExceeded share the limiter")
        void rateLimit() {
            cache.entries.put(D1, D1_COORDS);
            filter(P, D1); // PathBroken for D1
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D1, 10, T0));
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D1, 10, T0 + 50));
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D2, 10, T0 + 60)); // CoordsRequired for D2
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D1, 10, T0 + 99));
            assertEquals(2, out.sent.size());
            assertEquals(2, router.signalCount(RouteSignal.RATE_LIMITED));
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D1, 10, T0 + 100));
            assertEquals(3, out.sent.size());
            assertEquals(D1, signalIn(out.sent.get(2)).destAddr());
            peers.setLinkMtu(C1, 70);
            assertEquals(RouteOutcome.MTU_EXCEEDED, transit(P, C1, 10, T0 + 150)); // C1: first signal about it
            assertEquals(RouteOutcome.MTU_EXCEEDED, transit(P, C1, 10, T0 + 151));
            peers.setSendable(C1, false);
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, C1, 10, T0 + 152)); // CoordsRequired about C1: same limiter
            assertEquals(4, out.sent.size());
            assertEquals(new MtuExceeded(C1, S, 70), signalIn(out.sent.get(3)));
            assertEquals(4, router.signalCount(RouteSignal.RATE_LIMITED));
            assertEquals(RouteOutcome.NO_ROUTE, transit(P, D2, 10, T0 + 30)); // a clock gone back is "too soon"
            assertEquals(5, router.signalCount(RouteSignal.RATE_LIMITED));
            assertEquals(4, out.sent.size());
        }

        @Test
        @DisplayName("INTEROP.md 8.5: the signal is routed to the source by 5.5 (here via the cache and greedy to L)")
        void routedBackToRemoteSource() {
            cache.entries.put(Y, Y_COORDS);
            assertEquals(RouteOutcome.NO_ROUTE, transit(Y, D1, 10, T0));
            Sent s = onlySent();
            assertEquals(L, s.peer());
            assertSignalEnvelope(s, Y);
            assertEquals(new CoordsRequired(D1, S), signalIn(s));
            assertEquals(List.of(D1, Y), cache.lookups);
        }

        @Test
        @DisplayName("design/fips-mesh-operation.md \"Error Recovery\": a signal with no route back (or to ourselves) is dropped, never cascaded")
        void noReturnRoute() {
            assertEquals(RouteOutcome.NO_ROUTE, transit(STRANGER, D1, 10, T0));
            assertEquals(RouteOutcome.NO_ROUTE, transit(S, D2, 10, T0));
            assertEquals(List.of(), out.sent);
            assertEquals(2, router.signalCount(RouteSignal.NO_RETURN_ROUTE));
        }

        @Test
        @DisplayName("INTEROP.md 8.5: the default ttl is node.session.default_ttl")
        void configuredTtl() {
            Router r = new Router(S, tree, peers, cache, out, local, 7);
            byte[] b = body(10, 1400, P, D1, PAYLOAD);
            assertEquals(RouteOutcome.NO_ROUTE, r.onDatagram(P, b, 0, b.length, T0));
            assertEquals(7, onlySent().datagram().ttl());
            assertThrows(IllegalArgumentException.class, () -> new Router(S, tree, peers, cache, out, local, 0));
            assertThrows(IllegalArgumentException.class, () -> new Router(S, tree, peers, cache, out, local, 256));
        }
    }

    @Nested
    @DisplayName("INTEROP.md 8.1: origination")
    class Origin {
        @Test
        @DisplayName("INTEROP.md 8.1: ttl 64, path_mtu = min(0xFFFF, first-hop MTU), src self, the payload verbatim")
        void originate() {
            cache.entries.put(D1, D1_COORDS);
            byte[] buf = new byte[20];
            System.arraycopy(PAYLOAD, 0, buf, 3, PAYLOAD.length);
            assertEquals(RouteOutcome.FORWARDED, router.originate(D1, buf, 3, PAYLOAD.length, T0));
            Sent s = onlySent();
            assertEquals(C1, s.peer());
            assertEquals(T0, s.nowMs());
            assertEquals(new SessionDatagram(64, 1280, S, D1, PAYLOAD), s.datagram());
            peers.setLinkMtu(C2, 100_000);
            router.originate(C2, PAYLOAD, 0, PAYLOAD.length, T0);
            assertEquals(0xFFFF, out.sent.get(1).datagram().pathMtu());
            assertEquals(2, router.originateCount(RouteOutcome.FORWARDED));
            assertEquals(0, router.transitCount(RouteOutcome.FORWARDED));
        }

        @Test
        @DisplayName("INTEROP.md 8.1: payloads of every size up to MAX_PAYLOAD_BYTES go out verbatim, each after a longer one")
        void originateGrowsItsBuffer() {
            peers.setLinkMtu(C2, 100_000);
            Random r = new Random(4);
            int[] sizes = {0, 10, 2048 - 35, 2048 - 34, 5000, 1, Router.MAX_PAYLOAD_BYTES, 300, Router.MAX_PAYLOAD_BYTES};
            for (int i = 0; i < sizes.length; i++) {
                byte[] p = new byte[sizes[i] + 2];
                r.nextBytes(p);
                assertEquals(RouteOutcome.FORWARDED, router.originate(C2, p, 1, sizes[i], T0), "size=" + sizes[i]);
                assertEquals(new SessionDatagram(64, 0xFFFF, S, C2, Arrays.copyOfRange(p, 1, 1 + sizes[i])),
                        out.sent.get(i).datagram(), "size=" + sizes[i]);
            }
        }

        @Test
        @DisplayName("INTEROP.md 8.1: originateInPlace writes the envelope in the 35 bytes of headroom and leaves the payload")
        void originateInPlace() {
            byte[] buf = new byte[40 + PAYLOAD.length];
            System.arraycopy(PAYLOAD, 0, buf, 40, PAYLOAD.length);
            assertEquals(RouteOutcome.FORWARDED, router.originateInPlace(C2, buf, 40, PAYLOAD.length, T0));
            assertEquals(new SessionDatagram(64, 1280, S, C2, PAYLOAD), onlySent().datagram());
            assertArrayEquals(PAYLOAD, Arrays.copyOfRange(buf, 40, buf.length));
            assertThrows(IllegalArgumentException.class, () -> router.originateInPlace(C2, buf, 34, 1, T0));
        }

        @Test
        @DisplayName("INTEROP.md 8.6: without a route the caller learns NO_ROUTE (it starts a lookup); nothing is sent, no signal")
        void noRoute() {
            assertEquals(RouteOutcome.NO_ROUTE, router.originate(D1, PAYLOAD, 0, PAYLOAD.length, T0));
            assertEquals(List.of(), out.sent);
            assertEquals(1, router.originateCount(RouteOutcome.NO_ROUTE));
            assertEquals(0, router.signalCount(RouteSignal.COORDS_REQUIRED_SENT));
        }

        @Test
        @DisplayName("INTEROP.md 8.10: a payload whose frame exceeds the first hop's MTU is refused (MTU_EXCEEDED); misuse throws")
        void tooBigAndMisuse() {
            byte[] p = new byte[1280 - 37 - 35 + 1];
            assertEquals(RouteOutcome.MTU_EXCEEDED, router.originate(C1, p, 0, p.length, T0));
            assertEquals(RouteOutcome.FORWARDED, router.originate(C1, p, 0, p.length - 1, T0));
            assertThrows(IllegalArgumentException.class, () -> router.originate(S, p, 0, 1, T0));
            assertThrows(IllegalArgumentException.class,
                    () -> router.originate(C1, new byte[70_000], 0, Router.MAX_PAYLOAD_BYTES + 1, T0));
            out.result = LinkOutput.NO_LINK;
            assertEquals(RouteOutcome.LINK_DOWN, router.originate(C1, p, 0, 1, T0));
        }
    }

    @Test
    @DisplayName("STYLE.md rule 9: every counter is readable by name")
    void counters() {
        transit(P, C1, 10, T0);
        transit(P, C1, 1, T0);
        Map<String, Long> m = router.counters();
        assertEquals(1L, m.get("transit.forwarded"));
        assertEquals(1L, m.get("transit.ttl_expired"));
        assertEquals(0L, m.get("originate.no_route"));
        assertEquals(0L, m.get("signal.rate_limited"));
        assertEquals(RouteOutcome.COUNT + 4 + RouteSignal.COUNT + 1, m.size());
    }
}
