package fips.fmp.bloom;

import fips.fmp.internal.Le;
import fips.fmp.tree.TreeView;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.FilterAnnounce;
import fips.fmp.wire.FilterAnnounceCheck;
import fips.fmp.wire.LinkMsgType;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The bloom-filter gossip of one node as a sans-IO core (STYLE.md rule 1):
 * what this node tells each peer it can reach, and what each peer told it.
 * Fed link up/down, tree changes, received FilterAnnounce bodies and the time;
 * answers through a {@link BloomSink}. Owned by one thread; no clock, no
 * sockets, no threads inside.
 *
 * <h2>Theory of operation</h2>
 *
 * <p><b>Inbound</b> (INTEROP.md 6 "FilterAnnounce (0x20)", "Sequence",
 * "Anti-poison", "hash_count on receive"). A received body is decoded (shape),
 * then must come from a peer with a link up, carry a sequence above the last
 * one accepted from that peer (0 for a new link) and pass the FPR cap. Only
 * then does it replace the peer's inbound filter, keeping the peer's
 * {@code hash_count} for membership tests. A rejected announce changes
 * nothing: neither the stored filter nor the stored sequence, so one corrupt
 * or hostile announce cannot wipe a peer's contribution. Each outcome is
 * counted by {@link FilterVerdict}.
 *
 * <p><b>Outgoing</b> (INTEROP.md 6 "What a node inserts", "Outgoing filter to
 * peer P"; design/fips-bloom-filters.md "Per-Peer Filter Model"). The base
 * filter holds this node and its leaf-only dependents. The filter for peer P
 * is the base OR the inbound filters of the tree peers ({@link TreeView#isTreePeer})
 * other than P; a non-tree P gets every tree peer's filter. Non-tree peers'
 * filters are kept for {@link #peerMayReach} but never merged. All outgoing
 * filters are computed in one pass: {@code U} = OR of the tree peers' filters
 * and {@code M} = bits set in two or more of them, so that
 * {@code out(P) = base | M | (U & ~in(P))} for a tree peer P — a bit of
 * {@code U} outside {@code M} comes from exactly one filter, and it is
 * dropped only when that filter is P's. Linear in the number of peers,
 * 128 words each, and allocation-free.
 *
 * <p><b>When to send</b> (INTEROP.md 6 "When sent", "Sequence"). A peer is
 * marked "needs update" when it comes up; every peer when one goes down;
 * every peer when the parent, the root or the own coordinate path changes
 * ({@link #onTreeChanged} tells these apart by {@link TreeView#parent()},
 * {@link TreeView#root()} and {@link TreeView#version()}); and, after an
 * accepted announce from a tree peer, every other peer whose recomputed
 * outgoing filter differs from the one last sent to it (a peer never sent to
 * counts as changed). The same "differs from last sent" rule covers the two
 * changes INTEROP.md 6 does not list: the tree-peer set changing without a
 * parent or path change (a child attaching or leaving) and a dependent being
 * added or removed. A marked peer is sent its current outgoing filter on the
 * first {@link #poll} at least {@code update_debounce_ms} after the last
 * announce to it (at once if there was none); marks made in between coalesce.
 * There is no periodic refresh. Every announce to any peer takes the next
 * value of one node-global sequence, starting at 1.
 *
 * <p><b>Memory</b>. Per peer one 1 KiB inbound filter and one 1 KiB copy of
 * the filter last sent; per node the base filter, three 1 KiB scratch
 * filters and one encoding buffer. A {@link #poll} with nothing due
 * allocates nothing; sending allocates only a peer's last-sent copy, once per
 * link. Accepting an announce allocates what the wire decoder does (the
 * decoded record); the filter is then copied into the peer's own words.
 */
public final class BloomState implements BloomView {
    private static final int WORDS = BloomFilter.BITS / 64;
    private static final long NEVER = Long.MIN_VALUE;
    /** Offset of the filter bytes in a body that starts after msg_type. */
    private static final int BODY_FILTER_OFFSET = FilterAnnounce.FILTER_OFFSET - 1;

    private static final class PeerState {
        final NodeAddr addr;
        long[] inbound; // null until an announce is accepted
        int inboundHashCount;
        long inboundSequence; // u64; 0 for a new link (INTEROP.md 6 "Sequence")
        long[] lastSent; // null until the first announce to this peer
        long lastSentMs = NEVER;
        boolean needsUpdate;
        long dueMs = Long.MAX_VALUE;

        PeerState(NodeAddr addr) {
            this.addr = addr;
        }
    }

    private final NodeAddr self;
    private final TreeView tree;
    private final BloomConfig cfg;
    private final BloomSink sink;

    private final Map<NodeAddr, PeerState> peers = new HashMap<>();
    private final List<PeerState> order = new ArrayList<>(); // link-up order, for deterministic sends
    private final Set<NodeAddr> dependents = new LinkedHashSet<>();

    private final long[] base = new long[WORDS];
    private final long[] union = new long[WORDS];
    private final long[] multi = new long[WORDS];
    private final long[] out = new long[WORDS];
    private final byte[] tx = new byte[FilterAnnounce.ENCODED_BYTES];

    private long sequence;
    private NodeAddr treeParent;
    private NodeAddr treeRoot;
    private long treeVersion;
    private long nextDeadlineMs = Long.MAX_VALUE;

    private final long[] verdicts = new long[FilterVerdict.values().length];
    private long announcesSent;

    /**
     * @param self this node
     * @param tree the spanning tree, read for tree-peer membership and to classify {@link #onTreeChanged}
     */
    public BloomState(NodeAddr self, TreeView tree, BloomConfig cfg, BloomSink sink) {
        this.self = Objects.requireNonNull(self, "self");
        this.tree = Objects.requireNonNull(tree, "tree");
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.sink = Objects.requireNonNull(sink, "sink");
        rebuildBase();
        snapshotTree();
    }

    public NodeAddr self() {
        return self;
    }

    public BloomConfig config() {
        return cfg;
    }

    // ---------------------------------------------------------------- inputs

    /**
     * A link to {@code peer} came up (promotion): a fresh inbound sequence of 0,
     * no inbound filter yet, and the peer needs our filter. A peer already
     * known is reset as a new link.
     */
    public void onPeerUp(NodeAddr peer, long nowMs) {
        if (peer.equals(self)) {
            throw new IllegalArgumentException("peer=" + peer + " is this node");
        }
        PeerState old = peers.remove(peer);
        if (old != null) {
            order.remove(old);
        }
        PeerState p = new PeerState(peer);
        peers.put(peer, p);
        order.add(p);
        mark(p, nowMs);
    }

    /**
     * Sends {@code peer} our current filter again on the next poll (debounced as
     * usual), whether or not it changed. For when the peer may have lost what we
     * sent: its link layer re-established the link while ours saw a rekey (see
     * {@code MeshCore}). Unknown peers are ignored.
     */
    public void refresh(NodeAddr peer, long nowMs) {
        PeerState p = peers.get(peer);
        if (p != null) {
            mark(p, nowMs);
        }
    }

    /**
     * The link to {@code peer} went down: its filters are forgotten and every
     * remaining peer needs an update.
     *
     * @return false if the peer was not known
     */
    public boolean onPeerDown(NodeAddr peer, long nowMs) {
        PeerState p = peers.remove(peer);
        if (p == null) {
            return false;
        }
        order.remove(p);
        markAll(nowMs);
        return true;
    }

    /**
     * The spanning tree changed in some way: parent, root, own coordinates or
     * the set of tree peers. A new parent, root or coordinate path marks every
     * peer; otherwise the peers whose outgoing filter now differs from the one
     * last sent are marked.
     */
    public void onTreeChanged(long nowMs) {
        boolean structural = !tree.parent().equals(treeParent) || !tree.root().equals(treeRoot)
                || tree.version() != treeVersion;
        snapshotTree();
        if (structural) {
            markAll(nowMs);
        } else {
            markChanged(null, nowMs);
        }
    }

    /**
     * A FilterAnnounce body (the bytes after msg_type, as {@code LinkSink.deliver}
     * hands it up) from {@code from}. The buffer is read only during the call.
     */
    public FilterVerdict onFilterAnnounce(NodeAddr from, byte[] body, int off, int len, long nowMs) {
        FilterAnnounce fa;
        try {
            fa = FilterAnnounce.decodeBody(body, off, len);
        } catch (DecodeException e) {
            return verdict(FilterVerdict.MALFORMED);
        }
        PeerState p = peers.get(from);
        if (p == null) {
            return verdict(FilterVerdict.UNKNOWN_PEER);
        }
        if (Long.compareUnsigned(fa.sequence(), p.inboundSequence) <= 0) {
            return verdict(FilterVerdict.STALE_SEQUENCE);
        }
        if (fa.checkInbound(cfg.maxInboundFpr()) != FilterAnnounceCheck.OK) {
            return verdict(FilterVerdict.FPR_TOO_HIGH);
        }
        if (p.inbound == null) {
            p.inbound = new long[WORDS];
        }
        // decodeBody checked the length: exactly 1024 filter bytes follow.
        int at = off + BODY_FILTER_OFFSET;
        for (int w = 0; w < WORDS; w++) {
            p.inbound[w] = Le.u64(body, at + 8 * w);
        }
        p.inboundHashCount = fa.hashCount();
        p.inboundSequence = fa.sequence();
        // A non-tree peer's filter is never merged, so no outgoing filter can have changed.
        if (tree.isTreePeer(from)) {
            markChanged(from, nowMs);
        }
        return verdict(FilterVerdict.ACCEPTED);
    }

    /**
     * Adds a leaf-only dependent this node speaks for (INTEROP.md 6 "What a
     * node inserts"); peers whose outgoing filter changes are marked.
     *
     * @return false if it was already a dependent
     */
    public boolean addDependent(NodeAddr dependent, long nowMs) {
        if (dependent.equals(self)) {
            throw new IllegalArgumentException("dependent=" + dependent + " is this node");
        }
        if (!dependents.add(dependent)) {
            return false;
        }
        insert(base, BloomKey.of(dependent));
        markChanged(null, nowMs);
        return true;
    }

    /** Removes a dependent; peers whose outgoing filter changes are marked. */
    public boolean removeDependent(NodeAddr dependent, long nowMs) {
        if (!dependents.remove(dependent)) {
            return false;
        }
        rebuildBase();
        markChanged(null, nowMs);
        return true;
    }

    // ---------------------------------------------------------------- time

    /**
     * Sends every marked peer whose debounce has passed its current outgoing
     * filter through the sink. The sink must not call back into this core.
     *
     * @return the number of FilterAnnounces sent
     */
    public int poll(long nowMs) {
        if (nextDeadlineMs > nowMs) {
            return 0;
        }
        int sent = 0;
        boolean computed = false;
        for (int i = 0; i < order.size(); i++) {
            PeerState p = order.get(i);
            if (p.needsUpdate && p.dueMs <= nowMs) {
                if (!computed) {
                    computeUnion();
                    computed = true;
                }
                send(p, nowMs);
                sent++;
            }
        }
        recomputeDeadline();
        return sent;
    }

    /** When {@link #poll} next has something to send; {@link Long#MAX_VALUE} if nothing is marked. */
    public long nextDeadlineMs() {
        return nextDeadlineMs;
    }

    // ---------------------------------------------------------------- BloomView

    @Override
    public boolean peerMayReach(NodeAddr peer, BloomKey key) {
        PeerState p = peers.get(peer);
        if (p == null || p.inbound == null) {
            return false;
        }
        long[] in = p.inbound;
        for (int i = 0; i < p.inboundHashCount; i++) {
            int b = key.bitIndex(i, BloomFilter.BITS);
            if ((in[b >>> 6] & (1L << b)) == 0) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- statistics

    /**
     * Estimated number of nodes in the mesh (INTEROP.md 6 "Mesh size estimate";
     * design/fips-bloom-filters.md "Mesh Size Estimation"): the OR of every
     * peer's inbound filter, tree or not, plus this node, inverted with k = 5.
     * Empty with no inbound filter at all, or when the union is saturated or
     * its {@code fill^k} is above {@code max_inbound_fpr}. A local statistic.
     */
    public OptionalLong meshSizeEstimate() {
        boolean any = false;
        Arrays.fill(out, 0L);
        for (int i = 0; i < order.size(); i++) {
            long[] in = order.get(i).inbound;
            if (in != null) {
                any = true;
                for (int w = 0; w < WORDS; w++) out[w] |= in[w];
            }
        }
        if (!any) {
            return OptionalLong.empty();
        }
        insert(out, BloomKey.of(self));
        int ones = 0;
        for (long w : out) ones += Long.bitCount(w);
        if (ones >= BloomFilter.BITS) {
            return OptionalLong.empty();
        }
        double fill = ones / (double) BloomFilter.BITS;
        int k = BloomFilter.DEFAULT_HASH_COUNT;
        if (Math.pow(fill, k) > cfg.maxInboundFpr()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.round(-((double) BloomFilter.BITS / k) * Math.log1p(-fill)));
    }

    /** How many received announces ended with {@code v}. */
    public long count(FilterVerdict v) {
        return verdicts[v.ordinal()];
    }

    /** Every verdict counter by lower-case name, for operator tools. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (FilterVerdict v : FilterVerdict.values()) {
            m.put(v.name().toLowerCase(Locale.ROOT), verdicts[v.ordinal()]);
        }
        m.put("sent", announcesSent);
        return m;
    }

    public long announcesSent() {
        return announcesSent;
    }

    /** The sequence of the last FilterAnnounce sent (0 before the first). */
    public long sequence() {
        return sequence;
    }

    // ---------------------------------------------------------------- inspection (tools, tests)

    /** Peers with a link up, in link-up order. */
    public List<NodeAddr> peers() {
        List<NodeAddr> l = new ArrayList<>(order.size());
        for (PeerState p : order) l.add(p.addr);
        return l;
    }

    public Set<NodeAddr> dependents() {
        return Collections.unmodifiableSet(dependents);
    }

    /** The last sequence accepted from {@code peer} (0 before its first announce). */
    public long inboundSequence(NodeAddr peer) {
        return state(peer).inboundSequence;
    }

    /** A copy of the peer's accepted inbound filter, or null if none was accepted. */
    public BloomFilter inboundFilter(NodeAddr peer) {
        PeerState p = state(peer);
        return p.inbound == null ? null : toFilter(p.inbound, p.inboundHashCount);
    }

    /** The filter {@link #poll} would send {@code peer} now. */
    public BloomFilter outgoingFilter(NodeAddr peer) {
        PeerState p = state(peer);
        computeUnion();
        outgoing(p, out);
        return toFilter(out, BloomFilter.DEFAULT_HASH_COUNT);
    }

    /** A copy of the filter last sent to {@code peer}, or null. */
    public BloomFilter lastSentFilter(NodeAddr peer) {
        PeerState p = state(peer);
        return p.lastSent == null ? null : toFilter(p.lastSent, BloomFilter.DEFAULT_HASH_COUNT);
    }

    public boolean needsUpdate(NodeAddr peer) {
        return state(peer).needsUpdate;
    }

    /** When the marked peer is due, {@link Long#MAX_VALUE} if not marked. */
    public long dueMs(NodeAddr peer) {
        return state(peer).dueMs;
    }

    // ---------------------------------------------------------------- internals

    private PeerState state(NodeAddr peer) {
        PeerState p = peers.get(peer);
        if (p == null) {
            throw new IllegalArgumentException("peer=" + peer + " has no link here");
        }
        return p;
    }

    private FilterVerdict verdict(FilterVerdict v) {
        verdicts[v.ordinal()]++;
        return v;
    }

    private void snapshotTree() {
        treeParent = tree.parent();
        treeRoot = tree.root();
        treeVersion = tree.version();
    }

    private void rebuildBase() {
        Arrays.fill(base, 0L);
        insert(base, BloomKey.of(self));
        for (NodeAddr d : dependents) insert(base, BloomKey.of(d));
    }

    private static void insert(long[] words, BloomKey key) {
        for (int i = 0; i < BloomFilter.DEFAULT_HASH_COUNT; i++) {
            int b = key.bitIndex(i, BloomFilter.BITS);
            words[b >>> 6] |= 1L << b;
        }
    }

    private boolean mergesInbound(PeerState p) {
        return p.inbound != null && tree.isTreePeer(p.addr);
    }

    /** U and M over the tree peers' inbound filters (see the class comment). */
    private void computeUnion() {
        Arrays.fill(union, 0L);
        Arrays.fill(multi, 0L);
        for (int i = 0; i < order.size(); i++) {
            PeerState p = order.get(i);
            if (mergesInbound(p)) {
                long[] in = p.inbound;
                for (int w = 0; w < WORDS; w++) {
                    multi[w] |= union[w] & in[w];
                    union[w] |= in[w];
                }
            }
        }
    }

    /** The outgoing filter of {@code p} into {@code dst}; {@link #computeUnion} must be current. */
    private void outgoing(PeerState p, long[] dst) {
        if (mergesInbound(p)) {
            long[] in = p.inbound;
            for (int w = 0; w < WORDS; w++) dst[w] = base[w] | multi[w] | (union[w] & ~in[w]);
        } else {
            for (int w = 0; w < WORDS; w++) dst[w] = base[w] | union[w];
        }
    }

    private void mark(PeerState p, long nowMs) {
        if (p.needsUpdate) {
            return; // coalesced with the pending update
        }
        p.needsUpdate = true;
        p.dueMs = p.lastSentMs == NEVER ? nowMs : Math.max(nowMs, p.lastSentMs + cfg.updateDebounceMs());
        nextDeadlineMs = Math.min(nextDeadlineMs, p.dueMs);
    }

    private void markAll(long nowMs) {
        for (int i = 0; i < order.size(); i++) mark(order.get(i), nowMs);
    }

    /** Marks every peer but {@code exclude} whose outgoing filter differs from the one last sent. */
    private void markChanged(NodeAddr exclude, long nowMs) {
        computeUnion();
        for (int i = 0; i < order.size(); i++) {
            PeerState p = order.get(i);
            if (p.needsUpdate || p.addr.equals(exclude)) {
                continue;
            }
            if (p.lastSent == null) {
                mark(p, nowMs);
                continue;
            }
            outgoing(p, out);
            if (!Arrays.equals(out, p.lastSent)) {
                mark(p, nowMs);
            }
        }
    }

    private void send(PeerState p, long nowMs) {
        outgoing(p, out);
        if (p.lastSent == null) {
            p.lastSent = new long[WORDS];
        }
        System.arraycopy(out, 0, p.lastSent, 0, WORDS);
        p.lastSentMs = nowMs;
        p.needsUpdate = false;
        p.dueMs = Long.MAX_VALUE;
        long seq = ++sequence; // INTEROP.md 6 "Sequence": pre-incremented, first value 1
        tx[0] = (byte) LinkMsgType.FILTER_ANNOUNCE;
        Le.putU64(tx, FilterAnnounce.SEQUENCE_OFFSET, seq);
        tx[FilterAnnounce.HASH_COUNT_OFFSET] = (byte) BloomFilter.DEFAULT_HASH_COUNT;
        tx[FilterAnnounce.SIZE_CLASS_OFFSET] = (byte) BloomFilter.SIZE_CLASS;
        for (int w = 0; w < WORDS; w++) {
            Le.putU64(tx, FilterAnnounce.FILTER_OFFSET + 8 * w, out[w]);
        }
        announcesSent++;
        sink.sendFilterAnnounce(p.addr, tx, 0, tx.length);
    }

    private void recomputeDeadline() {
        long d = Long.MAX_VALUE;
        for (int i = 0; i < order.size(); i++) {
            PeerState p = order.get(i);
            if (p.needsUpdate && p.dueMs < d) d = p.dueMs;
        }
        nextDeadlineMs = d;
    }

    private static BloomFilter toFilter(long[] words, int hashCount) {
        byte[] b = new byte[BloomFilter.BYTES];
        for (int w = 0; w < WORDS; w++) Le.putU64(b, 8 * w, words[w]);
        return BloomFilter.fromBytes(b, 0, hashCount);
    }
}
