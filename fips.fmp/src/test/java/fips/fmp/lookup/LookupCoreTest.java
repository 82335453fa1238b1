package fips.fmp.lookup;

import fips.fmp.tree.FakeTree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.tree.Coords;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.LinkMessage;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.LookupRequest;
import fips.fmp.wire.LookupResponse;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.Schnorr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** LookupCore against hand-set peers, filters and tree (INTEROP.md 7, 4, 15 [D19]). */
class LookupCoreTest {
    private static NodeAddr addr(int i) {
        return new NodeAddr(0x7e57_0000_0000_0000L + i, 0x0fed_cba9_8765_4321L * (i + 3));
    }

    private final Identity selfId = Identity.generate(new Random(1));
    private final Identity targetId = Identity.generate(new Random(2));
    private final Identity forgerId = Identity.generate(new Random(3));
    private final NodeAddr self = selfId.nodeAddr();
    private final NodeAddr target = targetId.nodeAddr();
    private final NodeAddr parent = addr(1);
    private final NodeAddr child = addr(2);
    private final NodeAddr mesh = addr(3);
    private final NodeAddr root = addr(4);
    private final NodeAddr other = addr(5);
    private final List<NodeAddr> targetCoords = List.of(target, addr(6), root);

    private FakeTree tree;
    private FakeMesh net;
    private CoordCache coordCache;
    private IdentityCache identities;
    private LookupCore core;

    @BeforeEach
    void setUp() {
        tree = new FakeTree(self).parent(parent, Coords.of(parent, root)).child(child);
        net = new FakeMesh().link(parent, 1280).link(child, 1400).link(mesh, 1200);
        coordCache = new CoordCache();
        identities = new IdentityCache();
        identities.put(targetId.publicKey());
        core = newCore(LookupConfig.defaults());
    }

    private LookupCore newCore(LookupConfig cfg) {
        return new LookupCore(selfId, tree, net, net, coordCache, identities, cfg, new Random(42));
    }

    private static byte[] body(LinkMessage m) {
        byte[] e = m.encode();
        return Arrays.copyOfRange(e, 1, e.length);
    }

    private List<LookupAction> request(NodeAddr from, long id, NodeAddr tgt, int ttl, long nowMs) {
        byte[] b = body(new LookupRequest(id, tgt, other, ttl, 0, List.of(other, root)));
        return core.onLookupRequest(from, b, 0, b.length, nowMs);
    }

    private List<LookupAction> response(NodeAddr from, LookupResponse r, long nowMs) {
        byte[] b = body(r);
        return core.onLookupResponse(from, b, 0, b.length, nowMs);
    }

    private LookupResponse signedByTarget(long id, int pathMtu) {
        return LookupResponse.signed(targetId.secret(), id, target, pathMtu, targetCoords, new byte[32]);
    }

    private static LookupRequest decodeRequest(LookupAction a) throws DecodeException {
        LookupAction.Send s = assertInstanceOf(LookupAction.Send.class, a);
        assertEquals(LinkMsgType.LOOKUP_REQUEST, s.msgType());
        return LookupRequest.decode(s.message(), 0, s.message().length);
    }

    private static LookupResponse decodeResponse(LookupAction a) throws DecodeException {
        LookupAction.Send s = assertInstanceOf(LookupAction.Send.class, a);
        assertEquals(LinkMsgType.LOOKUP_RESPONSE, s.msgType());
        return LookupResponse.decode(s.message(), 0, s.message().length);
    }

    private static List<NodeAddr> recipients(List<LookupAction> actions) {
        List<NodeAddr> l = new ArrayList<>();
        for (LookupAction a : actions) l.add(((LookupAction.Send) a).peer());
        return l;
    }

    // ---------------------------------------------------------------- origination

    @Test
    @DisplayName("INTEROP.md 7 \"Origination\": sent to every tree peer whose filter contains the target, not to a matching non-tree peer")
    void originate() throws DecodeException {
        net.reaches(parent, target).reaches(child, target).reaches(mesh, target);
        List<LookupAction> out = core.lookup(target, 1_000);
        assertEquals(List.of(parent, child), recipients(out));
        assertSame(((LookupAction.Send) out.get(0)).message(), ((LookupAction.Send) out.get(1)).message(),
                "one encoding for the fan-out");
        LookupRequest r = decodeRequest(out.get(0));
        assertEquals(target, r.target());
        assertEquals(self, r.origin());
        assertEquals(64, r.ttl());
        assertEquals(0, r.minMtu());
        assertEquals(List.of(self, parent, root), r.originCoords());
        assertTrue(core.isPending(target));
        assertEquals(1, core.attempts(target));
        assertEquals(2_000, core.nextDeadlineMs());
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Origination\": no filter match, or matches on non-tree peers only, fail at once with nothing sent")
    void originateFailures() {
        assertEquals(List.of(new LookupAction.Failed(target, LookupAction.Reason.NOT_IN_ANY_FILTER)),
                core.lookup(target, 0));
        net.reaches(mesh, target);
        assertEquals(List.of(new LookupAction.Failed(target, LookupAction.Reason.NO_TREE_PEER)),
                core.lookup(target, 0));
        assertFalse(core.isPending(target));
        assertEquals(Long.MAX_VALUE, core.nextDeadlineMs());
        assertEquals(2L, core.counters().get("lookups_failed"));
        assertThrows(IllegalArgumentException.class, () -> core.lookup(self, 0));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Retry\": at most one pending lookup per target")
    void onePendingPerTarget() {
        net.reaches(parent, target);
        assertEquals(1, core.lookup(target, 0).size());
        assertEquals(List.of(), core.lookup(target, 500));
        assertEquals(1, core.attempts(target));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Retry\": attempts at 0, 1, 3, 7 s with a fresh request_id each, failure at 15 s")
    void retrySchedule() throws DecodeException {
        net.reaches(parent, target);
        List<Long> ids = new ArrayList<>();
        List<LookupAction> first = core.lookup(target, 0);
        ids.add(decodeRequest(first.get(0)).requestId());
        long[] attemptAt = {1_000, 3_000, 7_000};
        for (long at : attemptAt) {
            assertEquals(at, core.nextDeadlineMs());
            assertEquals(List.of(), core.poll(at - 1));
            List<LookupAction> out = core.poll(at);
            assertEquals(List.of(parent), recipients(out));
            ids.add(decodeRequest(out.get(0)).requestId());
        }
        assertEquals(4, core.attempts(target));
        assertEquals(4, new HashSet<>(ids).size(), "a fresh request_id per attempt: " + ids);
        assertEquals(15_000, core.nextDeadlineMs());
        assertEquals(List.of(), core.poll(14_999));
        assertEquals(List.of(new LookupAction.Failed(target, LookupAction.Reason.TIMEOUT)), core.poll(15_000));
        assertFalse(core.isPending(target));
        assertEquals(Long.MAX_VALUE, core.nextDeadlineMs());
        assertEquals(4L, core.counters().get("requests_sent"));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Retry\": an attempt with no matching tree peer left still waits its turn; the next one uses the filters of then")
    void retryWithChangingFilters() throws DecodeException {
        net.reaches(parent, target);
        core.lookup(target, 0);
        net.clearFilter(parent);
        assertEquals(List.of(), core.poll(1_000));
        assertEquals(2, core.attempts(target));
        net.reaches(child, target);
        List<LookupAction> out = core.poll(3_000);
        assertEquals(List.of(child), recipients(out));
        assertEquals(3, core.attempts(target));
        decodeRequest(out.get(0));
    }

    // ---------------------------------------------------------------- receiving requests

    @Test
    @DisplayName("INTEROP.md 7 \"Receive\" (1)(2): a request_id seen in the last 10 s is dropped, whoever sends it; at 10 s it is new again")
    void dedup() {
        NodeAddr t = addr(50);
        net.reaches(parent, t);
        assertEquals(List.of(parent), recipients(request(child, 7, t, 10, 0)));
        assertEquals(List.of(), request(parent, 7, t, 10, 100));
        assertEquals(List.of(), request(child, 7, t, 9, 9_999));
        assertEquals(2, core.drops(LookupDrop.DUPLICATE_REQUEST));
        assertEquals(1, core.recentRequests());
        assertEquals(List.of(parent), recipients(request(mesh, 7, t, 10, 10_000)));
        assertEquals(1, core.recentRequests(), "the old entry was purged, the new one remembered");
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Receive\" (3): a full request_id table drops new requests until entries expire")
    void recentFull() {
        core = newCore(LookupConfig.defaults().withMaxRecentRequests(2));
        NodeAddr t = addr(50);
        net.reaches(parent, t);
        request(child, 1, t, 10, 0);
        request(child, 2, self, 10, 0);
        assertEquals(List.of(), request(child, 3, self, 10, 5_000));
        assertEquals(1, core.drops(LookupDrop.RECENT_FULL));
        assertEquals(1, request(child, 4, self, 10, 10_000).size());
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Receive\" (2): this node's own pending request coming back round a loop is dropped, not forwarded")
    void ownRequestLoop() throws DecodeException {
        net.reaches(parent, target).reaches(mesh, target);
        LookupRequest mine = decodeRequest(core.lookup(target, 0).get(0));
        byte[] b = body(mine.withTtl(60));
        assertEquals(List.of(), core.onLookupRequest(mesh, b, 0, b.length, 10));
        assertEquals(1, core.drops(LookupDrop.OWN_REQUEST));
        assertEquals(0, core.recentRequests());
    }

    @Test
    @DisplayName("INTEROP.md 7 \"LookupRequest (0x30)\", \"LookupResponse (0x31)\": undecodable bodies are dropped and counted")
    void malformed() {
        byte[] req = body(new LookupRequest(1, addr(50), other, 5, 0, List.of(other)));
        assertEquals(List.of(), core.onLookupRequest(child, req, 0, req.length - 1, 0));
        assertEquals(List.of(), core.onLookupRequest(child, new byte[0], 0, 0, 0));
        byte[] resp = body(signedByTarget(1, 1280));
        assertEquals(List.of(), core.onLookupResponse(child, resp, 0, resp.length - 1, 0));
        assertEquals(2, core.drops(LookupDrop.MALFORMED_REQUEST));
        assertEquals(1, core.drops(LookupDrop.MALFORMED_RESPONSE));
        assertEquals(List.of(), core.onMessage(child, 0x20, req, 0, req.length, 0));
        // onMessage dispatches, and bodies may sit at an offset.
        byte[] padded = new byte[req.length + 3];
        System.arraycopy(req, 0, padded, 3, req.length);
        assertEquals(List.of(), core.onMessage(child, LinkMsgType.LOOKUP_REQUEST, padded, 3, req.length, 0));
        assertEquals(1, core.drops(LookupDrop.NO_FORWARD_PEER));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Receive\" (5): a request for this node is answered to the sender with a proof over its coords and path_mtu = link MTU")
    void respondAsTarget() throws DecodeException {
        List<LookupAction> out = request(child, 99, self, 3, 0);
        assertEquals(List.of(child), recipients(out));
        LookupResponse r = decodeResponse(out.get(0));
        assertEquals(99, r.requestId());
        assertEquals(self, r.target());
        assertEquals(1400, r.pathMtu());
        assertEquals(List.of(self, parent, root), r.targetCoords());
        assertTrue(r.verify(selfId.publicKey()));
        assertFalse(r.verify(targetId.publicKey()));
        assertEquals(1L, core.counters().get("responses_sent"));

        // Step 5 comes before the ttl check: ttl 0 is still answered. path_mtu is capped at 0xFFFF.
        net.link(mesh, 70_000);
        LookupResponse capped = decodeResponse(request(mesh, 100, self, 0, 1).get(0));
        assertEquals(0xFFFF, capped.pathMtu());
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Receive\" (6): ttl 0 for another node is dropped")
    void ttlExpired() {
        net.reaches(parent, addr(50));
        assertEquals(List.of(), request(child, 1, addr(50), 0, 0));
        assertEquals(1, core.drops(LookupDrop.TTL_EXPIRED));
        assertEquals(1, core.recentRequests(), "remembered before the ttl check (step 4)");
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Forward\": ttl − 1 to every tree peer whose filter contains the target, the sender included")
    void forwardToTreePeers() throws DecodeException {
        NodeAddr t = addr(50);
        net.reaches(parent, t).reaches(child, t).reaches(mesh, t);
        List<LookupAction> out = request(child, 1, t, 10, 0);
        assertEquals(List.of(parent, child), recipients(out));
        LookupRequest fwd = decodeRequest(out.get(0));
        assertEquals(9, fwd.ttl());
        assertEquals(1, fwd.requestId());
        assertEquals(t, fwd.target());
        assertEquals(other, fwd.origin());
        assertEquals(List.of(other, root), fwd.originCoords());
        // ttl 1 is forwarded as 0; the next node drops it unless it is the target.
        net.reaches(parent, addr(51));
        assertEquals(0, decodeRequest(request(child, 2, addr(51), 1, 0).get(0)).ttl());
        assertEquals(2L, core.counters().get("requests_forwarded"));
    }

    @Test
    @DisplayName("INTEROP.md 15 [D19]: with no tree peer matching, a transit node falls back to the non-tree peers that match; with none, it drops")
    void nonTreeFallback() {
        NodeAddr t = addr(50);
        net.reaches(mesh, t);
        assertEquals(List.of(mesh), recipients(request(child, 1, t, 10, 0)));
        NodeAddr u = addr(51);
        assertEquals(List.of(), request(child, 2, u, 10, 0));
        assertEquals(1, core.drops(LookupDrop.NO_FORWARD_PEER));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Receive\" (7): requests for one target are forwarded at most once per 2 s, whatever their request_id")
    void forwardRateLimit() {
        NodeAddr t = addr(50);
        net.reaches(parent, t);
        assertEquals(1, request(child, 1, t, 10, 0).size());
        assertEquals(List.of(), request(child, 2, t, 10, 1_999));
        assertEquals(1, core.drops(LookupDrop.FORWARD_RATE_LIMITED));
        // Another target is not limited by the first.
        net.reaches(parent, addr(51));
        assertEquals(1, request(child, 3, addr(51), 10, 1_999).size());
        assertEquals(1, request(child, 4, t, 10, 2_000).size());
        // The limit does not apply to requests for this node.
        assertEquals(1, request(child, 5, self, 10, 2_001).size());
        assertEquals(1, request(child, 6, self, 10, 2_002).size());
    }

    // ---------------------------------------------------------------- responses

    @Test
    @DisplayName("INTEROP.md 7 \"Response transit\": back to the request's sender with path_mtu = min(path_mtu, link MTU), proof untouched; later duplicates dropped")
    void responseTransit() throws DecodeException {
        NodeAddr t = target;
        net.reaches(child, t);
        request(parent, 11, t, 10, 0); // remembered: 11 came from the parent (link MTU 1280)
        LookupResponse fromTarget = signedByTarget(11, 1400);
        List<LookupAction> out = response(child, fromTarget, 50);
        assertEquals(List.of(parent), recipients(out));
        LookupResponse fwd = decodeResponse(out.get(0));
        assertEquals(1280, fwd.pathMtu());
        assertArrayEquals(fromTarget.proof(), fwd.proof());
        assertEquals(fromTarget.targetCoords(), fwd.targetCoords());
        assertTrue(fwd.verify(targetId.publicKey()));
        assertNull(coordCache.get(t, 50), "transit nodes do not cache");

        assertEquals(List.of(), response(child, fromTarget, 60));
        assertEquals(1, core.drops(LookupDrop.ALREADY_ANSWERED));

        // A smaller path_mtu than the link is kept.
        net.reaches(child, addr(52));
        request(parent, 12, addr(52), 10, 100);
        LookupResponse small = LookupResponse.signed(forgerId.secret(), 12, forgerId.nodeAddr(), 1000,
                List.of(forgerId.nodeAddr()), new byte[32]);
        assertEquals(1000, decodeResponse(response(child, small, 150).get(0)).pathMtu());

        // The sender's link went away: nothing to send it on.
        net.reaches(child, addr(53));
        request(mesh, 13, addr(53), 10, 200);
        net.unlink(mesh);
        assertEquals(List.of(), response(child, signedByTarget(13, 1400), 250));
        assertEquals(1, core.drops(LookupDrop.REVERSE_PATH_GONE));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Originator\": a verified proof caches the coords with path_mtu and reports success; later responses are unsolicited")
    void originatorSuccess() throws DecodeException {
        net.reaches(parent, target);
        long id = decodeRequest(core.lookup(target, 0).get(0)).requestId();
        List<LookupAction> out = response(parent, signedByTarget(id, 1200), 400);
        Coords expect = Coords.of(targetCoords);
        assertEquals(List.of(new LookupAction.Succeeded(target, expect, 1200)), out);
        assertEquals(expect, coordCache.get(target, 400));
        assertEquals(1200, coordCache.pathMtu(target, 400));
        assertEquals(400 + CoordCache.DEFAULT_TTL_MS, coordCache.expiresAtMs(target));
        assertFalse(core.isPending(target));
        assertEquals(Long.MAX_VALUE, core.nextDeadlineMs());
        assertEquals(List.of(), core.poll(1_000));

        assertEquals(List.of(), response(parent, signedByTarget(id, 1200), 500));
        assertEquals(1, core.drops(LookupDrop.UNSOLICITED_RESPONSE));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Originator\": path_mtu below 256 is not recorded; a response to an earlier attempt of a pending lookup is accepted")
    void originatorSmallMtuAndEarlierAttempt() throws DecodeException {
        net.reaches(parent, target);
        long first = decodeRequest(core.lookup(target, 0).get(0)).requestId();
        long second = decodeRequest(core.poll(1_000).get(0)).requestId();
        assertNotEquals(first, second);
        List<LookupAction> out = response(parent, signedByTarget(first, 200), 1_500);
        assertEquals(List.of(new LookupAction.Succeeded(target, Coords.of(targetCoords), 200)), out);
        assertEquals(CoordCache.NO_PATH_MTU, coordCache.pathMtu(target, 1_500));
        assertEquals(Coords.of(targetCoords), coordCache.get(target, 1_500));
    }

    @Test
    @DisplayName("INTEROP.md 4 \"LookupResponse proof\": a proof by the wrong key, over altered coords, or with no key cached is dropped and the lookup stays pending")
    void proofFailures() throws DecodeException {
        net.reaches(parent, target);
        long id = decodeRequest(core.lookup(target, 0).get(0)).requestId();

        // The right bytes signed by another key.
        LookupResponse genuine = signedByTarget(id, 1280);
        LookupResponse wrongKey = new LookupResponse(id, target, 1280, targetCoords,
                Schnorr.signData(forgerId.secret(), genuine.proofBytes(), new byte[32]));
        assertEquals(List.of(), response(parent, wrongKey, 10));
        assertEquals(1, core.drops(LookupDrop.BAD_PROOF));

        // The target's genuine proof, but the coords were changed on the way.
        LookupResponse altered = new LookupResponse(id, target, 1280, List.of(target, root), genuine.proof());
        assertEquals(List.of(), response(parent, altered, 20));
        assertEquals(2, core.drops(LookupDrop.BAD_PROOF));
        assertTrue(core.isPending(target));
        assertNull(coordCache.get(target, 20));

        // No key for the target: nothing can be verified.
        identities.clear();
        assertEquals(List.of(), response(parent, genuine, 30));
        assertEquals(1, core.drops(LookupDrop.UNKNOWN_TARGET_KEY));
        // A response with an id this node never issued for the target.
        identities.put(targetId.publicKey());
        assertEquals(List.of(), response(parent, signedByTarget(id + 1, 1280), 40));
        assertEquals(1, core.drops(LookupDrop.UNSOLICITED_RESPONSE));

        assertEquals(1, response(parent, genuine, 50).size());
        assertFalse(core.isPending(target));
    }
}
