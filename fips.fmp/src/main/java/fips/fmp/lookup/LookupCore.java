package fips.fmp.lookup;

import fips.fmp.bloom.BloomKey;
import fips.fmp.bloom.BloomView;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeView;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.LookupRequest;
import fips.fmp.wire.LookupResponse;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Coordinate discovery as a sans-IO core (STYLE.md rule 1): finds the tree
 * coordinates of a node that is not a peer, answers lookups for this node and
 * carries other nodes' lookups. Fed received LookupRequest / LookupResponse
 * bodies, lookup wishes and the time; answers with {@link LookupAction}s.
 * Owned by one thread; no clock, no sockets, no threads inside; randomness
 * (request ids, signature aux data) comes from the injected {@link Random}.
 *
 * <h2>Theory of operation</h2>
 *
 * <p><b>Originating</b> (INTEROP.md 7 "Origination", "request_id", "Defaults";
 * design/fips-mesh-operation.md "Bloom Filter Pre-Check"). {@link #lookup}
 * goes ahead only if some peer's filter contains the target, and sends the
 * request to every tree peer whose filter does; if none is a tree peer the
 * lookup fails at once (no non-tree fallback at the origin). At most one
 * lookup per target is pending. Each attempt carries a fresh random
 * request_id, the configured TTL, min_mtu 0 and this node's coordinates.
 *
 * <p><b>Retry</b> (INTEROP.md 7 "Retry"). Attempt i waits
 * {@code attemptTimeoutsMs[i]}; when it expires without a verified answer the
 * next attempt goes to the tree peers whose filter contains the target then
 * (possibly none: the attempt still waits its turn, as filters converge), and
 * after the last one the lookup fails. A response to any attempt of a still
 * pending lookup is accepted. Post-failure backoff is off in the reference
 * (base 0) and not implemented here.
 *
 * <p><b>Receiving a request</b> (INTEROP.md 7 "Receive", steps in order):
 * (1) forget request_ids older than {@code recentExpiryMs}; (2) drop a
 * request_id already remembered — or one this node issued itself, which can
 * only have come back round a loop; (3) drop if the table is full; (4)
 * remember request_id → the peer it came from; (5) if this node is the
 * target, answer; (6) drop at ttl 0; (7) drop if a request for the same
 * target was forwarded less than {@code forwardMinIntervalMs} ago; (8)
 * forward with ttl − 1 to every tree peer whose filter contains the target
 * (the sender included; dedup stops the echo), else to the non-tree peers
 * whose filter does (INTEROP.md 15 [D19]), else drop.
 *
 * <p><b>Answering</b> (INTEROP.md 7 "Respond", 4 "LookupResponse proof").
 * The proof is this node's signature over request_id, its NodeAddr and its
 * current coordinates; path_mtu starts at the link MTU towards the peer the
 * request came from (at most 0xFFFF). The response goes back to that peer,
 * and the request_id counts as answered here too.
 *
 * <p><b>Responses</b> (INTEROP.md 7 "Response transit", "Originator"). A
 * response whose request_id is remembered and not yet answered is sent on to
 * the peer the request came from, with path_mtu lowered to the link MTU
 * towards it, and the request_id is marked answered: later responses for it
 * are dropped. Transit nodes neither verify nor cache. Without a remembered
 * request_id the response must answer a pending lookup of this node (its
 * target and one of its request_ids — a replayed or unsolicited signed
 * response is dropped before any signature work; stricter than the reference,
 * no wire effect); then the proof is verified with the target's key from the
 * {@link IdentityCache} (the key's NodeAddr must equal the target). On
 * success the coordinates go into the {@link CoordCache} (with path_mtu if
 * it is at least {@link #MIN_CACHED_PATH_MTU}) and the lookup succeeds.
 *
 * <p>Every drop is counted by {@link LookupDrop}.
 */
public final class LookupCore {
    /** INTEROP.md 7 "Originator": a smaller path_mtu is not recorded with the coordinates. */
    public static final int MIN_CACHED_PATH_MTU = 256;
    /** What path_mtu starts from (reference/wire-formats.md "LookupResponse (0x31)"). */
    public static final int PATH_MTU_MAX = LookupResponse.PATH_MTU_UNLIMITED;
    /** min_mtu of an originated request: sent as 0, read by nobody (INTEROP.md 7 "Defaults"). */
    private static final int MIN_MTU_SENT = 0;
    private static final int AUX_BYTES = 32;

    private static final class Pending {
        final NodeAddr target;
        final BloomKey key;
        final long[] requestIds;
        int attempts;
        long deadlineMs;

        Pending(NodeAddr target, BloomKey key, int maxAttempts) {
            this.target = target;
            this.key = key;
            this.requestIds = new long[maxAttempts];
        }

        boolean issued(long requestId) {
            for (int i = 0; i < attempts; i++) {
                if (requestIds[i] == requestId) return true;
            }
            return false;
        }
    }

    private static final class Recent {
        final NodeAddr fromPeer;
        final long atMs;
        boolean answered;

        Recent(NodeAddr fromPeer, long atMs) {
            this.fromPeer = fromPeer;
            this.atMs = atMs;
        }
    }

    private final Identity self;
    private final NodeAddr selfAddr;
    private final TreeView tree;
    private final BloomView blooms;
    private final LookupLinks links;
    private final CoordCache coordCache;
    private final IdentityCache identities;
    private final LookupConfig cfg;
    private final Random rng;
    private final long[] attemptTimeoutsMs;

    private final Map<NodeAddr, Pending> pending = new LinkedHashMap<>();
    private final LinkedHashMap<Long, Recent> recent = new LinkedHashMap<>(); // oldest first
    private final LinkedHashMap<NodeAddr, Long> lastForwardMs = new LinkedHashMap<>(); // oldest first
    private long nextDeadlineMs = Long.MAX_VALUE;
    private byte[] scratch = new byte[512];

    private final long[] drops = new long[LookupDrop.values().length];
    private long lookupsStarted;
    private long lookupsSucceeded;
    private long lookupsFailed;
    private long requestsSent;
    private long requestsForwarded;
    private long responsesSent;
    private long responsesForwarded;

    public LookupCore(Identity self, TreeView tree, BloomView blooms, LookupLinks links, CoordCache coordCache,
            IdentityCache identities, LookupConfig cfg, Random rng) {
        this.self = Objects.requireNonNull(self, "self");
        this.selfAddr = self.nodeAddr();
        this.tree = Objects.requireNonNull(tree, "tree");
        this.blooms = Objects.requireNonNull(blooms, "blooms");
        this.links = Objects.requireNonNull(links, "links");
        this.coordCache = Objects.requireNonNull(coordCache, "coordCache");
        this.identities = Objects.requireNonNull(identities, "identities");
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.attemptTimeoutsMs = cfg.attemptTimeoutsMs().stream().mapToLong(Long::longValue).toArray();
    }

    public LookupConfig config() {
        return cfg;
    }

    // ---------------------------------------------------------------- originating

    /**
     * Starts a lookup for {@code target}'s coordinates. Returns the first
     * attempt's sends, or a {@link LookupAction.Failed} when no tree peer's
     * filter contains the target, or nothing when a lookup for it is already
     * pending.
     */
    public List<LookupAction> lookup(NodeAddr target, long nowMs) {
        if (target.equals(selfAddr)) {
            throw new IllegalArgumentException("target=" + target + " is this node");
        }
        if (pending.containsKey(target)) {
            return List.of();
        }
        BloomKey key = BloomKey.of(target);
        boolean anyPeer = false;
        List<NodeAddr> treePeers = new ArrayList<>();
        for (NodeAddr peer : links.peers()) {
            if (blooms.peerMayReach(peer, key)) {
                anyPeer = true;
                if (tree.isTreePeer(peer)) treePeers.add(peer);
            }
        }
        if (!anyPeer) {
            return failed(target, LookupAction.Reason.NOT_IN_ANY_FILTER);
        }
        if (treePeers.isEmpty()) {
            return failed(target, LookupAction.Reason.NO_TREE_PEER);
        }
        Pending p = new Pending(target, key, attemptTimeoutsMs.length);
        pending.put(target, p);
        lookupsStarted++;
        List<LookupAction> out = new ArrayList<>(treePeers.size());
        attempt(p, treePeers, nowMs, out);
        return out;
    }

    /** True while a lookup for {@code target} waits for an answer. */
    public boolean isPending(NodeAddr target) {
        return pending.containsKey(target);
    }

    /** Attempts made so far by the pending lookup for {@code target}, 0 if none is pending. */
    public int attempts(NodeAddr target) {
        Pending p = pending.get(target);
        return p == null ? 0 : p.attempts;
    }

    // ---------------------------------------------------------------- receiving

    /** Dispatches a link message body by msg_type: 0x30 and 0x31 are handled, anything else returns nothing. */
    public List<LookupAction> onMessage(NodeAddr from, int msgType, byte[] body, int off, int len, long nowMs) {
        return switch (msgType) {
            case LinkMsgType.LOOKUP_REQUEST -> onLookupRequest(from, body, off, len, nowMs);
            case LinkMsgType.LOOKUP_RESPONSE -> onLookupResponse(from, body, off, len, nowMs);
            default -> List.of();
        };
    }

    /** A LookupRequest body (after msg_type) from peer {@code from}; the buffer is read only during the call. */
    public List<LookupAction> onLookupRequest(NodeAddr from, byte[] body, int off, int len, long nowMs) {
        LookupRequest req;
        try {
            req = LookupRequest.decode(withType(LinkMsgType.LOOKUP_REQUEST, body, off, len), 0, len + 1);
        } catch (DecodeException e) {
            return drop(LookupDrop.MALFORMED_REQUEST);
        }
        return onRequest(from, req, nowMs);
    }

    /** A decoded LookupRequest from peer {@code from}. */
    public List<LookupAction> onRequest(NodeAddr from, LookupRequest req, long nowMs) {
        purgeRecent(nowMs); // (1)
        Long id = req.requestId();
        if (recent.containsKey(id)) { // (2)
            return drop(LookupDrop.DUPLICATE_REQUEST);
        }
        Pending own = pending.get(req.target());
        if (own != null && own.issued(req.requestId())) {
            return drop(LookupDrop.OWN_REQUEST);
        }
        if (recent.size() >= cfg.maxRecentRequests()) { // (3)
            return drop(LookupDrop.RECENT_FULL);
        }
        Recent r = new Recent(from, nowMs); // (4)
        recent.put(id, r);
        if (req.target().equals(selfAddr)) { // (5)
            return respond(req, r, nowMs);
        }
        if (req.ttl() == 0) { // (6)
            return drop(LookupDrop.TTL_EXPIRED);
        }
        if (!mayForward(req.target(), nowMs)) { // (7)
            return drop(LookupDrop.FORWARD_RATE_LIMITED);
        }
        List<NodeAddr> to = forwardRecipients(BloomKey.of(req.target())); // (8)
        if (to.isEmpty()) {
            return drop(LookupDrop.NO_FORWARD_PEER);
        }
        byte[] msg = req.withTtl(req.ttl() - 1).encode();
        List<LookupAction> out = new ArrayList<>(to.size());
        for (NodeAddr peer : to) out.add(new LookupAction.Send(peer, msg));
        requestsForwarded++;
        return out;
    }

    /** A LookupResponse body (after msg_type) from peer {@code from}; the buffer is read only during the call. */
    public List<LookupAction> onLookupResponse(NodeAddr from, byte[] body, int off, int len, long nowMs) {
        LookupResponse resp;
        try {
            resp = LookupResponse.decode(withType(LinkMsgType.LOOKUP_RESPONSE, body, off, len), 0, len + 1);
        } catch (DecodeException e) {
            return drop(LookupDrop.MALFORMED_RESPONSE);
        }
        return onResponse(from, resp, nowMs);
    }

    /** A decoded LookupResponse from peer {@code from}. */
    public List<LookupAction> onResponse(NodeAddr from, LookupResponse resp, long nowMs) {
        Recent r = recent.get(resp.requestId());
        if (r != null) {
            if (r.answered) {
                return drop(LookupDrop.ALREADY_ANSWERED);
            }
            int mtu = links.linkMtuBytes(r.fromPeer);
            if (mtu <= 0) {
                return drop(LookupDrop.REVERSE_PATH_GONE);
            }
            r.answered = true;
            int pathMtu = Math.min(resp.pathMtu(), Math.min(mtu, PATH_MTU_MAX));
            responsesForwarded++;
            return List.of(new LookupAction.Send(r.fromPeer, resp.withPathMtu(pathMtu).encode()));
        }
        NodeAddr target = resp.target();
        Pending p = pending.get(target);
        if (p == null || !p.issued(resp.requestId())) {
            return drop(LookupDrop.UNSOLICITED_RESPONSE);
        }
        PublicKey key = identities.get(target);
        if (key == null || !key.nodeAddr().equals(target)) {
            return drop(LookupDrop.UNKNOWN_TARGET_KEY);
        }
        if (!resp.verify(key)) {
            return drop(LookupDrop.BAD_PROOF);
        }
        pending.remove(target);
        recomputeDeadline();
        Coords coords = Coords.of(resp.targetCoords());
        if (resp.pathMtu() >= MIN_CACHED_PATH_MTU) {
            coordCache.insert(target, coords, resp.pathMtu(), nowMs);
        } else {
            coordCache.insert(target, coords, nowMs);
        }
        lookupsSucceeded++;
        return List.of(new LookupAction.Succeeded(target, coords, resp.pathMtu()));
    }

    // ---------------------------------------------------------------- time

    /** Retries and fails the pending lookups whose attempt timed out. */
    public List<LookupAction> poll(long nowMs) {
        if (nextDeadlineMs > nowMs) {
            return List.of();
        }
        List<LookupAction> out = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.deadlineMs > nowMs) {
                continue;
            }
            if (p.attempts >= attemptTimeoutsMs.length) {
                it.remove();
                lookupsFailed++;
                out.add(new LookupAction.Failed(p.target, LookupAction.Reason.TIMEOUT));
            } else {
                attempt(p, treeRecipients(p.key), nowMs, out);
            }
        }
        recomputeDeadline();
        return out;
    }

    /** When {@link #poll} next has work; {@link Long#MAX_VALUE} if no lookup is pending. */
    public long nextDeadlineMs() {
        return nextDeadlineMs;
    }

    // ---------------------------------------------------------------- counters

    public long drops(LookupDrop d) {
        return drops[d.ordinal()];
    }

    /** Every drop counter and the activity counters by lower-case name, for operator tools. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("lookups_started", lookupsStarted);
        m.put("lookups_succeeded", lookupsSucceeded);
        m.put("lookups_failed", lookupsFailed);
        m.put("requests_sent", requestsSent);
        m.put("requests_forwarded", requestsForwarded);
        m.put("responses_sent", responsesSent);
        m.put("responses_forwarded", responsesForwarded);
        for (LookupDrop d : LookupDrop.values()) {
            m.put("drop_" + d.name().toLowerCase(Locale.ROOT), drops[d.ordinal()]);
        }
        return m;
    }

    /** Request ids remembered for dedup and reverse paths. */
    public int recentRequests() {
        return recent.size();
    }

    // ---------------------------------------------------------------- internals

    private List<LookupAction> failed(NodeAddr target, LookupAction.Reason reason) {
        lookupsFailed++;
        return List.of(new LookupAction.Failed(target, reason));
    }

    private List<LookupAction> drop(LookupDrop d) {
        drops[d.ordinal()]++;
        return List.of();
    }

    /** Sends the next attempt of {@code p} to {@code recipients} and arms its timeout. */
    private void attempt(Pending p, List<NodeAddr> recipients, long nowMs, List<LookupAction> out) {
        long id = rng.nextLong(); // INTEROP.md 7 "request_id": uniform u64, fresh per attempt
        p.requestIds[p.attempts] = id;
        p.deadlineMs = nowMs + attemptTimeoutsMs[p.attempts];
        p.attempts++;
        nextDeadlineMs = Math.min(nextDeadlineMs, p.deadlineMs);
        if (recipients.isEmpty()) {
            return;
        }
        byte[] msg = new LookupRequest(id, p.target, selfAddr, cfg.ttl(), MIN_MTU_SENT, tree.coords().toList())
                .encode();
        for (NodeAddr peer : recipients) out.add(new LookupAction.Send(peer, msg));
        requestsSent++;
    }

    private List<LookupAction> respond(LookupRequest req, Recent r, long nowMs) {
        int mtu = links.linkMtuBytes(r.fromPeer);
        if (mtu <= 0) {
            return drop(LookupDrop.REVERSE_PATH_GONE);
        }
        byte[] aux = new byte[AUX_BYTES];
        rng.nextBytes(aux);
        LookupResponse resp = LookupResponse.signed(self.secret(), req.requestId(), selfAddr,
                Math.min(PATH_MTU_MAX, mtu), tree.coords().toList(), aux);
        r.answered = true;
        responsesSent++;
        return List.of(new LookupAction.Send(r.fromPeer, resp.encode()));
    }

    /** Tree peers whose filter contains the key (originator: no fallback). */
    private List<NodeAddr> treeRecipients(BloomKey key) {
        List<NodeAddr> out = new ArrayList<>();
        for (NodeAddr peer : links.peers()) {
            if (tree.isTreePeer(peer) && blooms.peerMayReach(peer, key)) out.add(peer);
        }
        return out;
    }

    /** Tree peers whose filter contains the key, else the non-tree ones that do (INTEROP.md 15 [D19]). */
    private List<NodeAddr> forwardRecipients(BloomKey key) {
        List<NodeAddr> treeMatches = new ArrayList<>();
        List<NodeAddr> otherMatches = new ArrayList<>();
        for (NodeAddr peer : links.peers()) {
            if (blooms.peerMayReach(peer, key)) {
                (tree.isTreePeer(peer) ? treeMatches : otherMatches).add(peer);
            }
        }
        return treeMatches.isEmpty() ? otherMatches : treeMatches;
    }

    private void purgeRecent(long nowMs) {
        for (Iterator<Recent> it = recent.values().iterator(); it.hasNext(); ) {
            if (nowMs - it.next().atMs < cfg.recentExpiryMs()) {
                break;
            }
            it.remove();
        }
    }

    /** The per-target forward rate limit; records the forward when it is allowed. */
    private boolean mayForward(NodeAddr target, long nowMs) {
        for (Iterator<Long> it = lastForwardMs.values().iterator(); it.hasNext(); ) {
            if (nowMs - it.next() < cfg.forwardMinIntervalMs()) {
                break;
            }
            it.remove();
        }
        if (lastForwardMs.containsKey(target)) {
            return false;
        }
        lastForwardMs.put(target, nowMs);
        return true;
    }

    private void recomputeDeadline() {
        long d = Long.MAX_VALUE;
        for (Pending p : pending.values()) {
            if (p.deadlineMs < d) d = p.deadlineMs;
        }
        nextDeadlineMs = d;
    }

    /** {@code msgType ‖ body} in a reused buffer, for the decoders that read msg_type first. */
    private byte[] withType(int msgType, byte[] body, int off, int len) {
        if (scratch.length < len + 1) {
            scratch = new byte[Math.max(len + 1, 2 * scratch.length)];
        }
        scratch[0] = (byte) msgType;
        System.arraycopy(body, off, scratch, 1, len);
        return scratch;
    }
}
