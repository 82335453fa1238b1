package fips.fmp.tree;

import fips.fmp.wire.AncestryEntry;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.TreeAnnounce;
import fips.fmp.wire.TreeAnnounceCheck;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.identity.Schnorr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * The spanning tree as a sans-IO core (STYLE.md rule 1): fed peer events,
 * received TreeAnnounce bodies and the time; answers with {@link TreeAction}s.
 * Owned by one thread; no clock, no I/O, no threads inside. Randomness (the
 * signatures' aux bytes) comes from the injected {@link Random}.
 *
 * <h2>Theory of operation</h2>
 *
 * <p><b>Own declaration</b> (INTEROP.md 5.3). A new core is its own root with
 * sequence 1, stamped {@code nowMs / 1000} Unix seconds. Every change of the
 * declaration (parent switch, becoming root, loss or loop recovery, and each
 * accepted announce from the current parent, 15 D8) increments the sequence,
 * restamps the time and re-signs (INTEROP.md 4) with fresh aux bytes. The
 * coordinates are {@code self ‖ parent's ancestry}, the parent's entries
 * copied with their sequence and timestamp (INTEROP.md 5.1 last paragraph).
 * If the parent's root is not smaller than this node, the node declares
 * itself root instead (INTEROP.md 5.2 first bullet).
 *
 * <p><b>Receiving</b> (INTEROP.md 5.1). Checks, cheapest first: a count above
 * {@link TreeConfig#maxDepth()} + 1 is refused without decoding (so a forged
 * deep ancestry costs nothing); then shape (step 1); sender is a peer and
 * {@code ancestry[0]} (step 2); freshness, the unsigned sequence against the
 * one last accepted from that peer (step 5); the signature with the peer's
 * link key (step 3, INTEROP.md 4); ancestry semantics (step 4). Every drop is
 * counted by {@link TreeDrop} and changes nothing.
 *
 * <p>Freshness runs before the signature, unlike the reference's order,
 * because most announces are the periodic rebroadcasts of a sequence we
 * already hold (INTEROP.md 5.4), and a BIP-340 verification costs far more
 * than everything else on this path. It is safe because every check before
 * the signature can only drop, and none of them writes state: the stored
 * sequence it compares with came from an announce that was verified when it
 * was accepted, and it is replaced only in {@code accept} by an announce
 * that passed every check (a peer that comes up again starts with nothing
 * stored). An announce with an unverified stale sequence is dropped, which is
 * right whether it is genuine (stale) or forged; a forged one with a fresh or
 * huge sequence still reaches the signature check, is dropped as
 * {@link TreeDrop#BAD_SIGNATURE} and leaves the stored sequence as it was, so
 * it cannot block the peer's next genuine announce. The only visible
 * difference is the counter of a stale announce that would also have failed
 * the signature or an ancestry check: {@link TreeDrop#STALE}.
 * {@link TreeStats#signaturesVerified()} counts the verifications done.
 *
 * <p><b>Deciding</b> (INTEROP.md 5.2; the reference's ladder in
 * {@code src/proto/stp/core.rs}). After an accepted announce, in order: (1) a
 * parent switch, if parent evaluation names one; (2) become root, if no
 * visible root is smaller than this node; (3) if the announce came from the
 * parent: its ancestry contains this node, so drop it and recover (best
 * alternative, else root), or else adopt its new ancestry (re-announced only
 * if the address path changed). Parent evaluation takes the smallest root any
 * peer advertises; candidates are the peers with that root whose ancestry
 * does not contain this node and that are shallower than the depth bound;
 * effective depth = depth + link cost, ties to the smaller NodeAddr. A switch
 * is mandatory (parent gone, smaller root, or this node is root while a
 * smaller one exists) or discretionary (20% better), and only discretionary
 * ones are vetoed by hold-down (30 s after any parent is set, including the
 * refresh from a parent's announce) and flap dampening (4 changes in a 60 s
 * window suppress them for 120 s; the count starts afresh when an episode
 * lapses, design/spanning-tree-dynamics.md "Stability Mechanisms"). Holding
 * down and dampening only gate decisions taken for other reasons: their
 * expiry triggers nothing by itself, as in the reference, so it has no
 * deadline.
 *
 * <p><b>Link cost</b> (INTEROP.md 5.2). The injected function returns a
 * peer's cost {@code etx × (1 + srtt_ms / 100)}, or {@code NaN} while it has
 * no SRTT sample. With no sample anywhere every candidate costs 1.0; once any
 * peer has one, unmeasured candidates are skipped and an unmeasured current
 * parent counts as infinitely expensive. The MMP layer calls
 * {@link #onLinkCostChanged} on a link's first SRTT sample.
 *
 * <p><b>Sending</b> (INTEROP.md 5.4). The current announce goes to a new peer
 * at once; to every peer on a parent switch, becoming root, loss or loop
 * recovery, and an ancestry update that changed the path; and every 60 s
 * (first as soon as there are two peers) to every peer while there are at
 * least two, when the periodic re-evaluation changes nothing. Each peer has a
 * 500 ms minimum gap; a send inside it is marked pending and
 * {@link #poll} sends the then-current announce when the gap has passed.
 * Echo (INTEROP.md 5.1 step 6): an accepted announce whose root is larger
 * than ours is answered with our announce after the re-evaluation it
 * triggers, so the peer gets one message with our latest state rather than
 * the old one followed by a rate-limited new one.
 *
 * <p><b>State</b> (design/fips-spanning-tree.md "Bounded State"): this
 * node's declaration and, for current peers only, the latest accepted
 * announce; at most {@code peers × (maxDepth + 1)} ancestry entries.
 */
public final class TreeCore implements TreeView {
    /** Link cost function of a mesh without MMP samples: every candidate costs 1.0 (INTEROP.md 5.2). */
    public static final ToDoubleFunction<NodeAddr> NO_SAMPLES = peer -> Double.NaN;

    private static final long NONE = Long.MIN_VALUE;
    /** Body offset (after msg_type) of ancestry_count (INTEROP.md 5.1 layout). */
    private static final int BODY_COUNT_OFFSET = TreeAnnounce.ANCESTRY_COUNT_OFFSET - 1;

    /** Tree state of one current peer. */
    private static final class PeerState {
        final PublicKey key;
        TreeAnnounce announce; // latest accepted; null until the first
        Coords coords; // announce's ancestry
        long lastSentMs = NONE;
        long lastSentCall; // which input call last sent to it, so an echo does not repeat a send of the same call
        boolean pending;

        PeerState(PublicKey key) {
            this.key = key;
        }

        boolean namesAsParent(NodeAddr me) {
            return announce != null && !announce.isRoot() && announce.parent().equals(me);
        }
    }

    private final Identity self;
    private final NodeAddr me;
    private final TreeConfig cfg;
    private final Random rng;
    private final ToDoubleFunction<NodeAddr> linkCost;
    private final Map<NodeAddr, PeerState> peers = new LinkedHashMap<>();
    private final long[] drops = new long[TreeDrop.values().length];
    private final List<TreeAction> out = new ArrayList<>();
    private long call; // counts input calls

    // Own declaration (INTEROP.md 5.3).
    private long sequence;
    private long timestampSecs;
    private NodeAddr parent;
    private List<AncestryEntry> ancestry;
    private Coords coords;
    private TreeAnnounce announce;
    private byte[] frame;
    private long version;

    // Stability (INTEROP.md 5.2; src/proto/stp/limits.rs).
    private long lastParentSetMs = NONE;
    private long flapWindowStartMs = NONE;
    private int flapCount;
    private long dampenedUntilMs = NONE;

    // Periodic re-evaluation (INTEROP.md 5.2, 5.4).
    private boolean reevalRan;
    private long reevalDueMs = Long.MAX_VALUE;

    private long received;
    private long signaturesVerified;
    private long accepted;
    private long sent;
    private long rateLimited;
    private long parentSwitches;
    private long parentLosses;
    private long loopsDetected;
    private long flapDampenings;

    /** A core whose link costs are all unmeasured (every candidate costs 1.0). */
    public TreeCore(Identity self, TreeConfig cfg, Random rng, long nowMs) {
        this(self, cfg, rng, NO_SAMPLES, nowMs);
    }

    /**
     * @param linkCost a peer's link cost, {@code NaN} while it has no SRTT sample;
     *     read at every parent evaluation, so it may change between calls
     */
    public TreeCore(Identity self, TreeConfig cfg, Random rng, ToDoubleFunction<NodeAddr> linkCost, long nowMs) {
        this.self = Objects.requireNonNull(self, "self");
        this.me = self.nodeAddr();
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.linkCost = Objects.requireNonNull(linkCost, "linkCost");
        // INTEROP.md 5.3 "A fresh node starts as root with sequence 1".
        this.parent = me;
        this.coords = Coords.root(me);
        declare(me, 1, nowMs); // same coordinates: no CoordsChanged, version stays 0
    }

    // ---------------------------------------------------------------- inputs

    /**
     * A link to {@code peer} came up: remember its key and send it our
     * announce now (INTEROP.md 5.4 "To a newly promoted peer immediately").
     * An Up for a peer that is already up is taken as Down then Up (a restarted
     * peer starts its sequence afresh).
     */
    public List<TreeAction> onPeerUp(NodeAddr peer, PublicKey key, long nowMs) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(key, "key");
        call++;
        if (peer.equals(me)) {
            throw new IllegalArgumentException("peer=" + peer + " is this node");
        }
        if (!key.nodeAddr().equals(peer)) {
            throw new IllegalArgumentException("key of node_addr=" + key.nodeAddr() + " given for peer=" + peer);
        }
        if (peers.containsKey(peer)) {
            removePeer(peer, nowMs);
        }
        PeerState ps = new PeerState(key);
        peers.put(peer, ps);
        if (!reevalRan && peers.size() >= 2 && reevalDueMs == Long.MAX_VALUE) {
            reevalDueMs = nowMs; // the reference's first periodic run comes on the first tick with two peers
        }
        sendTo(peer, ps, nowMs);
        return drain();
    }

    /**
     * Sends {@code peer} our current announce again (within the 500 ms rate
     * limit), keeping everything we know about the peer. For when the peer may
     * have reset its state for us while our link saw only a rekey (see
     * {@code MeshCore}). Unknown peers are ignored.
     */
    public List<TreeAction> refresh(NodeAddr peer, long nowMs) {
        call++;
        PeerState ps = peers.get(peer);
        if (ps != null) {
            sendTo(peer, ps, nowMs);
        }
        return drain();
    }

    /** The link to {@code peer} went down: forget its state; if it was the parent, recover (INTEROP.md 5.2). */
    public List<TreeAction> onPeerDown(NodeAddr peer, long nowMs) {
        call++;
        removePeer(peer, nowMs);
        return drain();
    }

    /**
     * A TreeAnnounce from {@code from}: {@code body[off, off+len)} is the
     * message after its msg_type byte, as {@code LinkSink.deliver} hands it
     * over. The bytes are read only during the call.
     */
    public List<TreeAction> onAnnounce(NodeAddr from, byte[] body, int off, int len, long nowMs) {
        if (off < 0 || len < 0 || off > body.length - len) {
            throw new IllegalArgumentException("range out of bounds: off=" + off + " len=" + len
                    + " body.length=" + body.length);
        }
        call++;
        received++;
        TreeAnnounce a = check(from, body, off, len);
        if (a != null) {
            accept(from, a, nowMs);
        }
        return drain();
    }

    /**
     * Parent re-evaluation after link costs changed (INTEROP.md 5.2: the
     * first SRTT sample on any link). Switches or becomes root if warranted;
     * sends nothing otherwise.
     */
    public List<TreeAction> onLinkCostChanged(long nowMs) {
        call++;
        NodeAddr best = evaluateParent(nowMs);
        if (best != null) {
            switchParent(best, nowMs);
        } else if (!isRoot() && shouldBeRoot()) {
            becomeRoot(nowMs);
        }
        return drain();
    }

    /** Sends pending announces whose gap has passed and runs the periodic re-evaluation when due. */
    public List<TreeAction> poll(long nowMs) {
        call++;
        for (Map.Entry<NodeAddr, PeerState> e : peers.entrySet()) {
            PeerState ps = e.getValue();
            if (ps.pending && canSend(ps, nowMs)) {
                sendTo(e.getKey(), ps, nowMs);
            }
        }
        if (periodicArmed() && nowMs >= reevalDueMs) {
            reevalRan = true;
            reevalDueMs = nowMs + cfg.reevalIntervalMs();
            NodeAddr best = evaluateParent(nowMs);
            if (best != null) {
                switchParent(best, nowMs);
            } else if (!isRoot() && shouldBeRoot()) {
                becomeRoot(nowMs);
            } else {
                announceAll(nowMs); // INTEROP.md 5.4 "Periodic rebroadcast", same sequence
            }
        }
        return drain();
    }

    /** When {@link #poll} next has work: a pending announce's gap ending, or the periodic run; else {@link Long#MAX_VALUE}. */
    public long nextDeadlineMs() {
        long next = periodicArmed() ? reevalDueMs : Long.MAX_VALUE;
        for (PeerState ps : peers.values()) {
            if (ps.pending) {
                next = Math.min(next, ps.lastSentMs + cfg.announceMinIntervalMs()); // pending implies a send before
            }
        }
        return next;
    }

    // ---------------------------------------------------------------- TreeView

    @Override
    public Coords coords() {
        return coords;
    }

    @Override
    public NodeAddr root() {
        return coords.root();
    }

    @Override
    public NodeAddr parent() {
        return parent;
    }

    @Override
    public boolean isTreePeer(NodeAddr peer) {
        if (!isRoot() && parent.equals(peer)) {
            return true;
        }
        PeerState ps = peers.get(peer);
        return ps != null && ps.namesAsParent(me);
    }

    @Override
    public Coords peerCoords(NodeAddr peer) {
        PeerState ps = peers.get(peer);
        return ps == null ? null : ps.coords;
    }

    @Override
    public long version() {
        return version;
    }

    // ---------------------------------------------------------------- inspection

    public NodeAddr nodeAddr() {
        return me;
    }

    public boolean isRoot() {
        return parent.equals(me);
    }

    /** This node's current signed declaration. */
    public TreeAnnounce announcement() {
        return announce;
    }

    /** Sequence of the current declaration (u64 bit pattern). */
    public long sequence() {
        return sequence;
    }

    /** The latest accepted announce of a current peer, or null. */
    public TreeAnnounce peerAnnouncement(NodeAddr peer) {
        PeerState ps = peers.get(peer);
        return ps == null ? null : ps.announce;
    }

    /** Current peers, in the order they came up. */
    public List<NodeAddr> peers() {
        return List.copyOf(peers.keySet());
    }

    /** Whether discretionary switches are vetoed now by hold-down or flap dampening (INTEROP.md 5.2). */
    public boolean isSwitchSuppressed(long nowMs) {
        return isHoldDown(nowMs) || isFlapDampened(nowMs);
    }

    public boolean isFlapDampened(long nowMs) {
        return dampenedUntilMs != NONE && nowMs < dampenedUntilMs;
    }

    public long drops(TreeDrop d) {
        return drops[d.ordinal()];
    }

    /** Every drop counter by name, for operator tools. */
    public Map<String, Long> dropCounters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (TreeDrop d : TreeDrop.values()) {
            m.put(d.name().toLowerCase(Locale.ROOT), drops[d.ordinal()]);
        }
        return m;
    }

    public TreeStats stats() {
        return new TreeStats(received, signaturesVerified, accepted, sent, rateLimited, parentSwitches, parentLosses,
                loopsDetected, flapDampenings);
    }

    public TreeConfig config() {
        return cfg;
    }

    // ---------------------------------------------------------------- receive

    /**
     * INTEROP.md 5.1 steps 1-5 in the order the class javadoc gives (freshness
     * before the signature); null (and counted) if dropped. Writes no state but
     * the counters.
     */
    private TreeAnnounce check(NodeAddr from, byte[] body, int off, int len) {
        // Depth bound before decoding (TreeConfig.DEFAULT_MAX_DEPTH); shorter bodies fail the decoder's own check.
        if (len >= BODY_COUNT_OFFSET + 2) {
            int count = (body[off + BODY_COUNT_OFFSET] & 0xff) | (body[off + BODY_COUNT_OFFSET + 1] & 0xff) << 8;
            if (count > cfg.maxDepth() + 1) {
                return drop(TreeDrop.TOO_DEEP);
            }
        }
        TreeAnnounce a;
        try {
            byte[] msg = new byte[len + 1];
            msg[0] = (byte) LinkMsgType.TREE_ANNOUNCE;
            System.arraycopy(body, off, msg, 1, len);
            a = TreeAnnounce.decode(msg, 0, msg.length);
        } catch (DecodeException e) {
            return drop(TreeDrop.MALFORMED);
        }
        PeerState ps = peers.get(from);
        if (ps == null) {
            return drop(TreeDrop.UNKNOWN_PEER);
        }
        if (!a.nodeAddr().equals(from)) {
            return drop(TreeDrop.SENDER_MISMATCH);
        }
        // Step 5 before step 3: a drop either way, and nothing is stored before the signature (class javadoc).
        if (ps.announce != null && Long.compareUnsigned(a.sequence(), ps.announce.sequence()) <= 0) {
            return drop(TreeDrop.STALE);
        }
        signaturesVerified++;
        if (!a.verify(ps.key)) {
            return drop(TreeDrop.BAD_SIGNATURE);
        }
        TreeAnnounceCheck semantics = a.validateSemantics();
        if (semantics != TreeAnnounceCheck.OK) {
            return drop(TreeDrop.of(semantics));
        }
        return a;
    }

    private TreeAnnounce drop(TreeDrop d) {
        drops[d.ordinal()]++;
        return null;
    }

    /** INTEROP.md 5.1 steps 5-7 for an announce that passed every check. */
    private void accept(NodeAddr from, TreeAnnounce a, long nowMs) {
        accepted++;
        PeerState ps = peers.get(from);
        boolean wasChild = ps.namesAsParent(me);
        ps.announce = a;
        ps.coords = Coords.of(a.coords());
        boolean isChild = ps.namesAsParent(me);
        if (wasChild != isChild) {
            out.add(new TreeAction.TreePeerChanged(from, isChild));
        }
        boolean echo = a.root().compareTo(coords.root()) > 0; // step 6, against our root before step 7
        if (!isRoot() && parent.equals(from) && ps.coords.contains(me)) {
            loopsDetected++; // INTEROP.md 5.2 "Loop": left by the switch below or by recovery
        }

        NodeAddr best = evaluateParent(nowMs);
        if (best != null) {
            switchParent(best, nowMs);
        } else if (!isRoot() && shouldBeRoot()) {
            becomeRoot(nowMs);
        } else if (!isRoot() && parent.equals(from)) {
            if (ps.coords.contains(me)) {
                // INTEROP.md 5.2 "Loop": the parent now routes through us. Recovery re-runs the same
                // evaluation, so with a vetoed alternative this ends as root, as in the reference.
                recoverFromParentLoss(nowMs);
            } else if (ps.coords.depth() >= cfg.maxDepth()) {
                // Taking it would make us deeper than peers accept: as lost (TreeConfig.DEFAULT_MAX_DEPTH).
                recoverFromParentLoss(nowMs);
            } else {
                // AncestryUpdate (INTEROP.md 5.3, 15 D8): new sequence always, announce only on a new path.
                Coords old = coords;
                lastParentSetMs = nowMs;
                declare(from, sequence + 1, nowMs);
                if (!old.equals(coords)) {
                    announceAll(nowMs);
                }
            }
        }
        if (echo && !ps.pending && ps.lastSentCall != call) {
            sendTo(from, ps, nowMs);
        }
    }

    private void removePeer(NodeAddr peer, long nowMs) {
        PeerState ps = peers.remove(peer);
        if (ps == null) {
            return;
        }
        if (!isRoot() && parent.equals(peer)) {
            recoverFromParentLoss(nowMs);
        }
    }

    // ---------------------------------------------------------------- decide

    /**
     * The peer to switch to now, or null (INTEROP.md 5.2 "Candidates",
     * "Mandatory switch"; the veto applies to discretionary switches only).
     */
    private NodeAddr evaluateParent(long nowMs) {
        NodeAddr smallest = smallestVisibleRoot();
        if (smallest == null || me.compareTo(smallest) <= 0) {
            return null; // no peer knows a root, or we are the smallest: see shouldBeRoot()
        }
        boolean anyMeasured = false;
        for (NodeAddr p : peers.keySet()) {
            if (!Double.isNaN(cost(p))) {
                anyMeasured = true;
                break;
            }
        }
        NodeAddr best = null;
        double bestEff = 0;
        for (Map.Entry<NodeAddr, PeerState> e : peers.entrySet()) {
            Coords c = e.getValue().coords;
            if (c == null || !c.root().equals(smallest) || c.contains(me) || c.depth() >= cfg.maxDepth()) {
                continue;
            }
            double cost = cost(e.getKey());
            if (Double.isNaN(cost)) {
                if (anyMeasured) {
                    continue;
                }
                cost = 1.0;
            }
            double eff = c.depth() + cost;
            if (best == null || eff < bestEff || (eff == bestEff && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestEff = eff;
            }
        }
        if (best == null) {
            return null;
        }
        boolean root = isRoot();
        if (!root && parent.equals(best)) {
            return null;
        }
        PeerState current = root ? null : peers.get(parent);
        if (!root && (current == null || current.coords == null)) {
            return best; // mandatory: the parent is gone
        }
        if (root || smallest.compareTo(coords.root()) < 0) {
            return best; // mandatory: a smaller root (we are root only while no smaller one was visible)
        }
        if (isSwitchSuppressed(nowMs)) {
            return null;
        }
        double currentCost = cost(parent);
        if (Double.isNaN(currentCost)) {
            currentCost = anyMeasured ? Double.POSITIVE_INFINITY : 1.0;
        }
        double currentEff = current.coords.depth() + currentCost;
        return bestEff < currentEff * (1.0 - cfg.parentHysteresis()) ? best : null;
    }

    private double cost(NodeAddr peer) {
        double c = linkCost.applyAsDouble(peer);
        if (c < 0 || c == Double.POSITIVE_INFINITY) {
            throw new IllegalStateException("linkCost(" + peer + ")=" + c + ", expected >= 0, finite, or NaN");
        }
        return c;
    }

    private NodeAddr smallestVisibleRoot() {
        NodeAddr min = null;
        for (PeerState ps : peers.values()) {
            if (ps.coords != null && (min == null || ps.coords.root().compareTo(min) < 0)) {
                min = ps.coords.root();
            }
        }
        return min;
    }

    /** INTEROP.md 5.2: no peer advertises a root smaller than this node. */
    private boolean shouldBeRoot() {
        NodeAddr smallest = smallestVisibleRoot();
        return smallest == null || me.compareTo(smallest) <= 0;
    }

    private boolean isHoldDown(long nowMs) {
        return cfg.holdDownMs() > 0 && lastParentSetMs != NONE && nowMs - lastParentSetMs < cfg.holdDownMs();
    }

    // ---------------------------------------------------------------- act

    private void switchParent(NodeAddr newParent, long nowMs) {
        setParentTimers(newParent, nowMs);
        declare(newParent, sequence + 1, nowMs);
        parentSwitches++;
        announceAll(nowMs);
    }

    private void becomeRoot(long nowMs) {
        declare(me, sequence + 1, nowMs);
        parentSwitches++;
        announceAll(nowMs);
    }

    /** The parent went down or was dropped: best alternative under the usual rules, else root; always announced. */
    private void recoverFromParentLoss(long nowMs) {
        parentLosses++;
        NodeAddr alt = evaluateParent(nowMs);
        if (alt != null) {
            setParentTimers(alt, nowMs);
            declare(alt, sequence + 1, nowMs);
        } else {
            declare(me, sequence + 1, nowMs);
        }
        announceAll(nowMs);
    }

    /** Hold-down stamp and flap count of setting a parent (src/proto/stp/limits.rs via INTEROP.md 5.2). */
    private void setParentTimers(NodeAddr newParent, long nowMs) {
        boolean changed = isRoot() || !parent.equals(newParent);
        lastParentSetMs = nowMs;
        if (!changed) {
            return;
        }
        if (dampenedUntilMs != NONE && nowMs >= dampenedUntilMs) {
            // design/spanning-tree-dynamics.md "Stability Mechanisms": a lapsed episode starts a fresh count.
            dampenedUntilMs = NONE;
            flapWindowStartMs = NONE;
        }
        if (flapWindowStartMs != NONE && nowMs - flapWindowStartMs < cfg.flapWindowMs()) {
            flapCount++;
        } else {
            flapWindowStartMs = nowMs;
            flapCount = 1;
        }
        if (flapCount >= cfg.flapThreshold() && dampenedUntilMs == NONE) {
            dampenedUntilMs = nowMs + cfg.flapDampeningMs();
            flapDampenings++;
        }
    }

    /**
     * Sets the declaration to {@code newParent} with {@code newSequence},
     * stamps and signs it, and reports a coordinate change (INTEROP.md 5.3).
     */
    private void declare(NodeAddr newParent, long newSequence, long nowMs) {
        Coords old = coords;
        sequence = newSequence;
        timestampSecs = Math.floorDiv(nowMs, 1000L);
        parent = newParent;
        AncestryEntry selfEntry = new AncestryEntry(me, sequence, timestampSecs);
        if (!parent.equals(me)) {
            PeerState p = peers.get(parent);
            if (p == null || p.announce == null) {
                throw new IllegalStateException("parent=" + parent + " has no accepted announce");
            }
            if (me.compareTo(p.coords.root()) <= 0) {
                parent = me; // INTEROP.md 5.2: parent's root not below us, so we are root
            } else {
                List<AncestryEntry> a = new ArrayList<>(p.announce.ancestry().size() + 1);
                a.add(selfEntry);
                a.addAll(p.announce.ancestry());
                ancestry = List.copyOf(a);
                coords = Coords.child(me, p.coords);
            }
        }
        if (parent.equals(me)) {
            ancestry = List.of(selfEntry);
            coords = Coords.root(me);
        }
        byte[] aux = new byte[Schnorr.AUX_BYTES];
        rng.nextBytes(aux);
        announce = TreeAnnounce.signed(self.secret(), sequence, timestampSecs, parent, ancestry, aux);
        frame = announce.encode();
        if (!coords.equals(old)) {
            version++;
            out.add(new TreeAction.CoordsChanged(old, coords));
        }
    }

    private void announceAll(long nowMs) {
        for (Map.Entry<NodeAddr, PeerState> e : peers.entrySet()) {
            sendTo(e.getKey(), e.getValue(), nowMs);
        }
    }

    /** Our current announce to one peer, or marked pending inside its gap (INTEROP.md 5.4 "Rate limit"). */
    private void sendTo(NodeAddr peer, PeerState ps, long nowMs) {
        if (!canSend(ps, nowMs)) {
            ps.pending = true;
            rateLimited++;
            return;
        }
        ps.pending = false;
        ps.lastSentMs = nowMs;
        ps.lastSentCall = call;
        sent++;
        out.add(new TreeAction.Send(peer, announce, frame));
    }

    private boolean canSend(PeerState ps, long nowMs) {
        return ps.lastSentMs == NONE || nowMs - ps.lastSentMs >= cfg.announceMinIntervalMs();
    }

    private boolean periodicArmed() {
        return cfg.reevalIntervalMs() > 0 && peers.size() >= 2 && reevalDueMs != Long.MAX_VALUE;
    }

    private List<TreeAction> drain() {
        if (out.isEmpty()) {
            return List.of();
        }
        List<TreeAction> r = List.copyOf(out);
        out.clear();
        return r;
    }
}
