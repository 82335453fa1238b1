package fips.fmp.mesh;

import fips.fmp.bloom.BloomState;
import fips.fmp.bloom.FilterVerdict;
import fips.fmp.internal.Le;
import fips.fmp.link.LinkCore;
import fips.fmp.link.LinkEvent;
import fips.fmp.link.LinkSink;
import fips.fmp.link.PeerLink;
import fips.fmp.link.PeerSpec;
import fips.fmp.lookup.CoordCache;
import fips.fmp.lookup.IdentityCache;
import fips.fmp.lookup.LookupAction;
import fips.fmp.lookup.LookupCore;
import fips.fmp.lookup.LookupLinks;
import fips.fmp.route.LinkOutput;
import fips.fmp.route.PeerTable;
import fips.fmp.route.Router;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeAction;
import fips.fmp.tree.TreeCore;
import fips.fmp.wire.DisconnectReason;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.SessionDatagram;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.noise.AeadEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The mesh layer of one node (design/fips-mesh-layer.md, fips-mesh-operation.md):
 * the link core with the spanning tree, the bloom-filter exchange, lookup and
 * routing on top, wired together. Sans-IO like each of them: one thread feeds
 * it datagrams and the time; it answers through a {@link MeshSink}.
 *
 * <h2>Theory of operation</h2>
 *
 * <p>{@link LinkCore} authenticates peers and carries link messages. Its
 * events and deliveries come back here ({@link LinkSink}) and are fanned out:
 * a link coming up introduces the peer to the tree (which answers with our
 * TreeAnnounce at once, INTEROP.md 5.4), to the bloom state, the identity
 * cache and the router's peer table; a link going down removes it from all of
 * them. Link messages are dispatched by type: TreeAnnounce to the tree,
 * FilterAnnounce to the bloom state, LookupRequest/Response to lookup, and
 * SessionDatagram to the router, which forwards it or hands it up through
 * {@link MeshSink#deliverLocal}.
 *
 * <p>Each core's actions are applied here: announces and lookup messages go
 * out through {@link LinkCore#send}; a change of our coordinates prunes the
 * coordinate cache as INTEROP.md 5.5 says (entries through us on a parent
 * change, other roots' entries on a root change: D7) and makes the bloom
 * state re-derive its tree peers; every accepted announce refreshes that
 * peer's coordinates in the router's table, and every accepted filter its
 * filter. After every link rekey both announces are sent to that peer again,
 * because a rekey on our side may be a fresh link on the peer's (a one-sided
 * dead timeout) with its state for us reset. Timers: {@link #poll} runs each
 * core's, and {@link #nextDeadlineMs} is the earliest of them.
 *
 * <p><b>Coordinate warmup</b> (INTEROP.md 8.7). Before a received
 * SessionDatagram is routed, its payload's FSP prefix is read: a SessionSetup
 * or SessionAck (phase 1, 2), or an encrypted message with CP set and U clear,
 * carries {@code src_coords ‖ dest_coords} in clear, and both go into the
 * coordinate cache under the datagram's src and dest, here as at every
 * transit node and the destination. That is how a transit node learns the
 * coordinates of a destination it never looked up. A coordinate set is cached
 * only if its first entry is the node it is cached for (a Setup's dest_coords
 * are the sender's own when it had none cached, INTEROP.md 8.3) and it is not
 * this node. Any other payload costs two byte reads.
 */
public final class MeshCore implements LinkSink {
    private final Identity self;
    private final MeshSink sink;
    private final LinkCore link;
    private final TreeCore tree;
    private final BloomState bloom;
    private final CoordCache coordCache;
    private final IdentityCache identities;
    private final LookupCore lookup;
    private final PeerTable peerTable;
    private final Router router;
    private final long[] unknownTypes = new long[256];
    private long mmpIgnored;

    public MeshCore(Identity self, MeshConfig cfg, Random rng, MeshSink sink, long nowMs) {
        this(self, cfg, rng, sink, AeadEngine.selected(), nowMs);
    }

    public MeshCore(Identity self, MeshConfig cfg, Random rng, MeshSink sink, AeadEngine engine, long nowMs) {
        this(self, cfg, rng, sink, engine, new LinkCore.Scratch(), nowMs);
    }

    /** With the link core's work buffers given: see {@link LinkCore.Scratch} for when cores may share them. */
    public MeshCore(Identity self, MeshConfig cfg, Random rng, MeshSink sink, AeadEngine engine,
                    LinkCore.Scratch linkScratch, long nowMs) {
        this.self = self;
        this.sink = sink;
        this.link = new LinkCore(self, cfg.link(), rng, this, engine, linkScratch, nowMs);
        this.tree = new TreeCore(self, cfg.tree(), rng, nowMs);
        this.bloom = new BloomState(self.nodeAddr(), tree, cfg.bloom(),
                (peer, msg, off, len) -> link.send(peer, msg[off] & 0xff, msg, off + 1, len - 1, currentMs));
        this.coordCache = new CoordCache(cfg.coordCacheEntries(), cfg.coordCacheTtlMs());
        this.identities = new IdentityCache(cfg.identityCacheEntries());
        this.identities.put(self.publicKey());
        this.peerTable = new PeerTable();
        LookupLinks lookupLinks = new LookupLinks() {
            @Override
            public List<NodeAddr> peers() {
                return peerTable.peers();
            }

            @Override
            public int linkMtuBytes(NodeAddr peer) {
                return peerTable.contains(peer) ? peerTable.linkMtu(peer) : 0;
            }
        };
        this.lookup = new LookupCore(self, tree, bloom, lookupLinks, coordCache, identities, cfg.lookup(), rng);
        LinkOutput out = (peer, body, off, len, now) -> link.send(peer, LinkMsgType.SESSION_DATAGRAM, body, off, len, now);
        this.router = new Router(self.nodeAddr(), tree, peerTable,
                coordCache::getAndTouch, out,
                (fromPeer, srcHi, srcLo, buf, off, len, pathMtu, now) ->
                        sink.deliverLocal(srcHi, srcLo, buf, off, len, pathMtu, now), cfg.defaultTtl());
        this.currentMs = nowMs;
    }

    /** The time of the call in progress, for the callbacks that take no time argument. */
    private long currentMs;

    // ---------------------------------------------------------------- driver input

    public void onDatagram(Transport transport, TransportAddr from, byte[] buf, int off, int len, long nowMs) {
        currentMs = nowMs;
        link.onDatagram(transport, from, buf, off, len, nowMs);
    }

    public void poll(long nowMs) {
        currentMs = nowMs;
        link.poll(nowMs);
        applyTree(tree.poll(nowMs), nowMs);
        bloom.poll(nowMs);
        applyLookup(lookup.poll(nowMs), nowMs);
    }

    public long nextDeadlineMs() {
        return Math.min(Math.min(link.nextDeadlineMs(), tree.nextDeadlineMs()),
                Math.min(bloom.nextDeadlineMs(), lookup.nextDeadlineMs()));
    }

    public void addPeer(PeerSpec spec, long nowMs) {
        currentMs = nowMs;
        link.addPeer(spec, nowMs);
    }

    public void connect(PeerSpec spec, long nowMs) {
        currentMs = nowMs;
        link.connect(spec, nowMs);
    }

    public boolean disconnect(NodeAddr peer, DisconnectReason reason, long nowMs) {
        currentMs = nowMs;
        return link.disconnect(peer, reason, nowMs);
    }

    public void shutdown(DisconnectReason reason, long nowMs) {
        currentMs = nowMs;
        link.shutdown(reason, nowMs);
    }

    // ---------------------------------------------------------------- upper-layer API

    /** Remembers a key (from an npub the operator or DNS gave) so lookups to it can verify proofs. */
    public void learnIdentity(PublicKey key) {
        identities.put(key);
    }

    /** Starts a coordinate lookup for {@code target} (INTEROP.md 7); the result arrives via {@link MeshSink#lookupDone}. */
    public void lookup(NodeAddr target, long nowMs) {
        currentMs = nowMs;
        applyLookup(lookup.lookup(target, nowMs), nowMs);
    }

    /** Sends a SessionDatagram carrying {@code payload} to {@code dest} (INTEROP.md 8.1); returns a RouteOutcome code. */
    public int sendDatagram(NodeAddr dest, byte[] payload, int off, int len, long nowMs) {
        currentMs = nowMs;
        return router.originate(dest, payload, off, len, nowMs);
    }

    // ---------------------------------------------------------------- LinkSink

    @Override
    public void transmit(Transport transport, TransportAddr to, byte[] buf, int off, int len) {
        sink.transmit(transport, to, buf, off, len);
    }

    @Override
    public void deliver(PeerLink peer, int msgType, byte[] buf, int off, int len, long nowMs) {
        currentMs = nowMs;
        NodeAddr from = peer.nodeAddr();
        switch (msgType) {
            case LinkMsgType.SESSION_DATAGRAM -> {
                warmCoords(buf, off, len, nowMs);
                router.onDatagram(from, buf, off, len, nowMs);
            }
            case LinkMsgType.TREE_ANNOUNCE -> {
                applyTree(tree.onAnnounce(from, buf, off, len, nowMs), nowMs);
                if (peerTable.contains(from)) peerTable.setCoords(from, tree.peerCoords(from));
            }
            case LinkMsgType.FILTER_ANNOUNCE -> {
                if (bloom.onFilterAnnounce(from, buf, off, len, nowMs) == FilterVerdict.ACCEPTED && peerTable.contains(from)) {
                    peerTable.setFilter(from, bloom.inboundFilter(from));
                }
            }
            case LinkMsgType.LOOKUP_REQUEST, LinkMsgType.LOOKUP_RESPONSE ->
                    applyLookup(lookup.onMessage(from, msgType, buf, off, len, nowMs), nowMs);
            case LinkMsgType.SENDER_REPORT, LinkMsgType.RECEIVER_REPORT -> mmpIgnored++; // MMP is not built yet
            default -> unknownTypes[msgType & 0xff]++; // INTEROP.md 3.2: unknown types are ignored
        }
    }

    @Override
    public void event(LinkEvent e) {
        switch (e) {
            case LinkEvent.Up up -> {
                PeerLink p = link.peer(up.peer());
                if (p != null) {
                    identities.put(p.publicKey());
                    peerTable.add(up.peer(), p.linkMtu());
                    applyTree(tree.onPeerUp(up.peer(), p.publicKey(), currentMs), currentMs);
                    bloom.onPeerUp(up.peer(), currentMs);
                }
            }
            case LinkEvent.Rekeyed r -> {
                // A msg1 with the same epoch on a confirmed session is a rekey to us, but the peer may
                // have sent it to re-establish a link it had given up on (dead timeout on one side
                // only), resetting its state for us: nothing on the wire tells the two apart
                // (INTEROP.md 3.7 (4)). Re-sending our announce and filter on every rekey keeps the
                // two ends in agreement; it costs two control messages per peer per rekey interval.
                applyTree(tree.refresh(r.peer(), currentMs), currentMs);
                bloom.refresh(r.peer(), currentMs);
            }
            case LinkEvent.Down down -> {
                peerTable.remove(down.peer());
                applyTree(tree.onPeerDown(down.peer(), currentMs), currentMs);
                bloom.onPeerDown(down.peer(), currentMs);
            }
            default -> { }
        }
        sink.linkEvent(e);
    }

    // SessionDatagram body offsets (after msg_type) and the FSP layout of INTEROP.md 8.2-8.4.
    private static final int DG_SRC = SessionDatagram.SRC_OFFSET - 1;
    private static final int DG_DEST = SessionDatagram.DEST_OFFSET - 1;
    private static final int DG_PAYLOAD = SessionDatagram.PAYLOAD_OFFSET - 1;
    private static final int FSP_PREFIX_BYTES = 4; // INTEROP.md 8.2
    private static final int FSP_ENCRYPTED_HEADER_BYTES = 12; // INTEROP.md 8.4 "Header (12, AAD)"
    private static final int FSP_FLAG_CP = 0x01; // INTEROP.md 8.4
    private static final int FSP_FLAG_U = 0x04;

    /** INTEROP.md 8.7: caches the clear coordinates of a Setup, Ack or CP message in {@code buf[off, off+len)}. */
    private void warmCoords(byte[] buf, int off, int len, long nowMs) {
        int p = off + DG_PAYLOAD;
        int end = off + len;
        if (end - p < FSP_PREFIX_BYTES) {
            return;
        }
        int phase = buf[p] & 0x0f;
        int flags = buf[p + 1] & 0xff;
        int q;
        if (phase == 1 || phase == 2) {
            q = p + FSP_PREFIX_BYTES + 1; // after the handshake body's flags byte (INTEROP.md 8.3)
        } else if (phase == 0 && (flags & FSP_FLAG_CP) != 0 && (flags & FSP_FLAG_U) == 0) {
            q = p + FSP_ENCRYPTED_HEADER_BYTES;
        } else {
            return;
        }
        int srcEnd = coordsEnd(buf, q, end);
        int destEnd = srcEnd < 0 ? -1 : coordsEnd(buf, srcEnd, end);
        if (destEnd < 0) {
            return; // truncated: the FSP layer at the destination drops it; nothing to learn here
        }
        cacheCoords(Le.u64BigEndian(buf, off + DG_SRC), Le.u64BigEndian(buf, off + DG_SRC + 8), buf, q, nowMs);
        cacheCoords(Le.u64BigEndian(buf, off + DG_DEST), Le.u64BigEndian(buf, off + DG_DEST + 8), buf, srcEnd, nowMs);
    }

    /** End of the {@code count u16 ‖ count × NodeAddr} at {@code q}, or -1 if it runs past {@code end}. */
    private static int coordsEnd(byte[] buf, int q, int end) {
        if (end - q < 2) {
            return -1;
        }
        long e = q + 2 + (long) NodeAddr.BYTES * Le.u16(buf, q);
        return e > end ? -1 : (int) e;
    }

    private void cacheCoords(long hi, long lo, byte[] buf, int q, long nowMs) {
        int count = Le.u16(buf, q);
        if (count == 0 || (hi == self.nodeAddr().hi() && lo == self.nodeAddr().lo())) {
            return; // absent (CP count 0), or about this node
        }
        int first = q + 2;
        if (Le.u64BigEndian(buf, first) != hi || Le.u64BigEndian(buf, first + 8) != lo) {
            return;
        }
        List<NodeAddr> path = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            path.add(NodeAddr.read(buf, first + i * NodeAddr.BYTES));
        }
        coordCache.insert(path.get(0), Coords.of(path), nowMs);
    }

    private void applyTree(List<TreeAction> actions, long nowMs) {
        boolean treePeersChanged = false;
        for (TreeAction a : actions) {
            switch (a) {
                case TreeAction.Send s -> link.send(s.peer(), s.msgType(), s.frame(), s.bodyOffset(), s.bodyLength(), nowMs);
                case TreeAction.CoordsChanged c -> {
                    // INTEROP.md 5.5 / 15 D7: prune, do not flush.
                    if (c.rootChanged()) coordCache.removeOtherRoots(c.newRoot());
                    if (c.parentChanged() || c.rootChanged()) coordCache.removeContaining(self.nodeAddr());
                    treePeersChanged = true;
                    sink.coordsChanged(c.oldCoords(), c.newCoords());
                }
                case TreeAction.TreePeerChanged t -> treePeersChanged = true;
            }
        }
        if (treePeersChanged) {
            bloom.onTreeChanged(nowMs);
            peerTable.syncCoords(tree);
        }
    }

    private void applyLookup(List<LookupAction> actions, long nowMs) {
        for (LookupAction a : actions) {
            switch (a) {
                case LookupAction.Send s -> link.send(s.peer(), s.msgType(), s.message(), 1, s.message().length - 1, nowMs);
                case LookupAction.Succeeded ok -> sink.lookupDone(ok.target(), ok.coords(), ok.pathMtuBytes(), null);
                case LookupAction.Failed f -> sink.lookupDone(f.target(), null, 0, f.reason().name());
            }
        }
    }

    // ---------------------------------------------------------------- views

    public Identity identity() {
        return self;
    }

    public LinkCore link() {
        return link;
    }

    public TreeCore tree() {
        return tree;
    }

    public BloomState bloom() {
        return bloom;
    }

    public LookupCore lookups() {
        return lookup;
    }

    public Router router() {
        return router;
    }

    public CoordCache coordCache() {
        return coordCache;
    }

    public IdentityCache identityCache() {
        return identities;
    }

    /** Messages of types this build ignores, by type (MMP reports separately). */
    public Map<String, Long> ignoredMessages() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("mmp", mmpIgnored);
        for (int t = 0; t < 256; t++) {
            if (unknownTypes[t] != 0) m.put(String.format("0x%02x", t), unknownTypes[t]);
        }
        return m;
    }

    /** Peers with an up link, for operator views. */
    public List<PeerLink> links() {
        return new ArrayList<>(link.links());
    }
}
