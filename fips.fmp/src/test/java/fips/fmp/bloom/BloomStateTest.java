package fips.fmp.bloom;

import fips.fmp.tree.FakeTree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.tree.Coords;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.FilterAnnounce;
import fips.fmp.wire.LinkMsgType;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** BloomState: inbound rules, split horizon, triggers, debounce, sequence (INTEROP.md 6). */
class BloomStateTest {
    record Sent(NodeAddr peer, byte[] message) {
        FilterAnnounce decode() throws DecodeException {
            return FilterAnnounce.decode(message, 0, message.length);
        }
    }

    private static NodeAddr addr(int i) {
        return new NodeAddr(0x5e1f_0000_0000_0000L + i, 0x0123_4567_89ab_cdefL * (i + 1));
    }

    private static BloomFilter filterOf(NodeAddr... members) {
        BloomFilter f = new BloomFilter();
        for (NodeAddr a : members) f.insert(a);
        return f;
    }

    private static byte[] body(long seq, BloomFilter f) {
        return new FilterAnnounce(seq, f).encodeBody();
    }

    private final NodeAddr self = addr(0);
    private final NodeAddr parent = addr(1);
    private final NodeAddr child = addr(2);
    private final NodeAddr mesh = addr(3);
    private final NodeAddr x = addr(10);
    private final NodeAddr y = addr(11);
    private final NodeAddr z = addr(12);
    private final List<Sent> sent = new ArrayList<>();
    private FakeTree tree;
    private BloomState bloom;

    @BeforeEach
    void setUp() {
        tree = new FakeTree(self);
        bloom = new BloomState(self, tree, BloomConfig.defaults(),
                (peer, msg, off, len) -> sent.add(new Sent(peer, Arrays.copyOfRange(msg, off, off + len))));
    }

    /** parent and child are tree peers, mesh is not; all three links up at t=0 and flushed. */
    private void threePeers() {
        tree.parent(parent, Coords.root(parent)).child(child);
        bloom.onTreeChanged(0);
        bloom.onPeerUp(parent, 0);
        bloom.onPeerUp(child, 0);
        bloom.onPeerUp(mesh, 0);
        bloom.poll(0);
        sent.clear();
    }

    private List<NodeAddr> marked() {
        List<NodeAddr> l = new ArrayList<>();
        for (NodeAddr p : bloom.peers()) {
            if (bloom.needsUpdate(p)) l.add(p);
        }
        return l;
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Outgoing filter to peer P\": base ∪ tree peers other than P; a non-tree peer gets every tree peer; non-tree filters never merged")
    void splitHorizon() throws DecodeException {
        threePeers();
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(parent, body(1, filterOf(parent, x)), 0, 1034, 10));
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(child, body(1, filterOf(child, y)), 0, 1034, 10));
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(mesh, body(1, filterOf(mesh, z)), 0, 1034, 10));

        assertEquals(filterOf(self, child, y), bloom.outgoingFilter(parent));
        assertEquals(filterOf(self, parent, x), bloom.outgoingFilter(child));
        assertEquals(filterOf(self, parent, x, child, y), bloom.outgoingFilter(mesh));
        // The mesh peer's filter is kept for routing.
        assertTrue(bloom.peerMayReach(mesh, BloomKey.of(z)));
        assertFalse(bloom.peerMayReach(parent, BloomKey.of(z)));
        assertTrue(bloom.peerMayReach(child, BloomKey.of(y)));

        // What goes on the wire at the debounce is exactly those filters, one message each.
        assertEquals(0, bloom.poll(499));
        assertEquals(3, bloom.poll(500));
        assertEquals(List.of(parent, child, mesh), sent.stream().map(Sent::peer).toList());
        assertEquals(filterOf(self, child, y), sent.get(0).decode().filter());
        assertEquals(filterOf(self, parent, x), sent.get(1).decode().filter());
        assertEquals(filterOf(self, parent, x, child, y), sent.get(2).decode().filter());
        for (Sent s : sent) {
            assertEquals(FilterAnnounce.ENCODED_BYTES, s.message().length);
            assertEquals(LinkMsgType.FILTER_ANNOUNCE, s.message()[0]);
            assertEquals(5, s.decode().hashCount());
        }
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Outgoing filter\": a child's filter reaches the parent, the parent's reaches the child, the one-pass union equals the per-peer merge")
    void onePassEqualsPerPeerMerge() {
        tree.parent(parent, Coords.root(parent));
        NodeAddr[] kids = {addr(20), addr(21), addr(22), addr(23)};
        bloom.onPeerUp(parent, 0);
        for (NodeAddr k : kids) {
            tree.child(k);
            bloom.onPeerUp(k, 0);
        }
        bloom.onTreeChanged(0);
        BloomFilter[] in = new BloomFilter[kids.length + 1];
        in[0] = filterOf(parent, x, y);
        bloom.onFilterAnnounce(parent, body(1, in[0]), 0, 1034, 0);
        for (int i = 0; i < kids.length; i++) {
            // Overlapping contents: every child also carries z, so z's bits are in several filters.
            in[i + 1] = filterOf(kids[i], addr(100 + i), z);
            bloom.onFilterAnnounce(kids[i], body(1, in[i + 1]), 0, 1034, 0);
        }
        NodeAddr[] all = {parent, kids[0], kids[1], kids[2], kids[3]};
        for (int p = 0; p < all.length; p++) {
            BloomFilter expect = filterOf(self);
            for (int q = 0; q < all.length; q++) {
                if (q != p) expect.merge(in[q]);
            }
            assertEquals(expect, bloom.outgoingFilter(all[p]), "peer " + p);
        }
        // z comes from the other children, so even the kid that sent it hears of it back.
        assertTrue(bloom.outgoingFilter(kids[0]).contains(z));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Sequence\": per peer strictly increasing (u64) from 0 for a new link; a reconnect starts again at 0")
    void inboundSequence() {
        threePeers();
        assertEquals(0, bloom.inboundSequence(parent));
        assertEquals(FilterVerdict.STALE_SEQUENCE, bloom.onFilterAnnounce(parent, body(0, filterOf(parent)), 0, 1034, 1));
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(parent, body(1, filterOf(parent)), 0, 1034, 1));
        assertEquals(FilterVerdict.STALE_SEQUENCE, bloom.onFilterAnnounce(parent, body(1, filterOf(parent, x)), 0, 1034, 2));
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(parent, body(5, filterOf(parent, x)), 0, 1034, 3));
        assertEquals(FilterVerdict.STALE_SEQUENCE, bloom.onFilterAnnounce(parent, body(3, filterOf(parent, y)), 0, 1034, 4));
        assertEquals(filterOf(parent, x), bloom.inboundFilter(parent));
        // u64: 2^63 is above 5.
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(parent, body(Long.MIN_VALUE, filterOf(parent, y)), 0, 1034, 5));
        assertEquals(FilterVerdict.STALE_SEQUENCE, bloom.onFilterAnnounce(parent, body(Long.MAX_VALUE, filterOf(parent)), 0, 1034, 6));
        assertEquals(3, bloom.count(FilterVerdict.ACCEPTED));
        assertEquals(4, bloom.count(FilterVerdict.STALE_SEQUENCE));

        // A new link: sequence 0 again, and the old filter is gone.
        bloom.onPeerDown(parent, 10);
        bloom.onPeerUp(parent, 11);
        assertEquals(0, bloom.inboundSequence(parent));
        assertNull(bloom.inboundFilter(parent));
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(parent, body(1, filterOf(parent)), 0, 1034, 12));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Sequence\": one node-global counter, pre-incremented for every FilterAnnounce to any peer, first value 1")
    void outboundSequence() throws DecodeException {
        assertEquals(0, bloom.sequence());
        bloom.onPeerUp(parent, 0);
        bloom.onPeerUp(child, 0);
        assertEquals(2, bloom.poll(0));
        assertEquals(1, sent.get(0).decode().sequence());
        assertEquals(2, sent.get(1).decode().sequence());
        bloom.onPeerUp(mesh, 100);
        assertEquals(1, bloom.poll(100));
        assertEquals(3, sent.get(2).decode().sequence());
        assertEquals(mesh, sent.get(2).peer());
        assertEquals(3, bloom.sequence());
        assertEquals(3, bloom.announcesSent());
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Anti-poison\": an all-ones filter is rejected, keeps the old filter and sequence, and poisons no outgoing filter")
    void antiPoison() {
        threePeers();
        bloom.onFilterAnnounce(parent, body(1, filterOf(parent, x)), 0, 1034, 10);
        bloom.onFilterAnnounce(child, body(1, filterOf(child, y)), 0, 1034, 10);
        bloom.poll(500);
        sent.clear();
        BloomFilter toChild = bloom.outgoingFilter(child);
        BloomFilter toMesh = bloom.outgoingFilter(mesh);

        byte[] ones = new byte[BloomFilter.BYTES];
        Arrays.fill(ones, (byte) 0xff);
        BloomFilter all = BloomFilter.fromBytes(ones);
        assertEquals(FilterVerdict.FPR_TOO_HIGH, bloom.onFilterAnnounce(parent, body(2, all), 0, 1034, 1_000));
        assertEquals(1, bloom.count(FilterVerdict.FPR_TOO_HIGH));
        assertEquals(filterOf(parent, x), bloom.inboundFilter(parent));
        assertEquals(1, bloom.inboundSequence(parent));
        assertEquals(toChild, bloom.outgoingFilter(child));
        assertEquals(toMesh, bloom.outgoingFilter(mesh));
        assertEquals(List.of(), marked());
        assertEquals(Long.MAX_VALUE, bloom.nextDeadlineMs());
        assertFalse(bloom.peerMayReach(parent, BloomKey.of(addr(999))));
        // The same sequence with an honest filter is still accepted: the reject consumed nothing.
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(parent, body(2, filterOf(parent, x, z)), 0, 1034, 1_001));

        // A filter from a non-tree peer is capped the same way.
        assertEquals(FilterVerdict.FPR_TOO_HIGH, bloom.onFilterAnnounce(mesh, body(1, all), 0, 1034, 1_002));
        assertFalse(bloom.peerMayReach(mesh, BloomKey.of(addr(999))));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Anti-poison\": the cap is node.bloom.max_inbound_fpr, fill^k with the sender's k")
    void fprCapBoundary() {
        BloomState strict = new BloomState(self, tree, BloomConfig.defaults().withMaxInboundFpr(0.01), (p, m, o, l) -> { });
        strict.onPeerUp(parent, 0);
        // 4096 of 8192 bits set: fill 0.5, 0.5^5 = 0.03125 > 0.01; with k = 7, 0.0078 <= 0.01.
        byte[] half = new byte[BloomFilter.BYTES];
        Arrays.fill(half, 0, BloomFilter.BYTES / 2, (byte) 0xff);
        assertEquals(FilterVerdict.FPR_TOO_HIGH,
                strict.onFilterAnnounce(parent, body(1, BloomFilter.fromBytes(half, 0, 5)), 0, 1034, 0));
        assertEquals(FilterVerdict.ACCEPTED,
                strict.onFilterAnnounce(parent, body(1, BloomFilter.fromBytes(half, 0, 7)), 0, 1034, 0));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"FilterAnnounce (0x20)\": malformed bodies and unknown senders are dropped and counted")
    void malformedAndUnknown() {
        bloom.onPeerUp(parent, 0);
        byte[] good = body(1, filterOf(parent));
        assertEquals(FilterVerdict.MALFORMED, bloom.onFilterAnnounce(parent, good, 0, good.length - 1, 0));
        byte[] badClass = good.clone();
        badClass[9] = 2;
        assertEquals(FilterVerdict.MALFORMED, bloom.onFilterAnnounce(parent, badClass, 0, badClass.length, 0));
        byte[] zeroK = good.clone();
        zeroK[8] = 0;
        assertEquals(FilterVerdict.MALFORMED, bloom.onFilterAnnounce(parent, zeroK, 0, zeroK.length, 0));
        assertEquals(FilterVerdict.UNKNOWN_PEER, bloom.onFilterAnnounce(mesh, good, 0, good.length, 0));
        assertEquals(3, bloom.count(FilterVerdict.MALFORMED));
        assertEquals(1, bloom.count(FilterVerdict.UNKNOWN_PEER));
        assertEquals(0, bloom.inboundSequence(parent));
        // An offset into a larger buffer works.
        byte[] padded = new byte[good.length + 7];
        System.arraycopy(good, 0, padded, 7, good.length);
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(parent, padded, 7, good.length, 0));
        assertEquals(filterOf(parent), bloom.inboundFilter(parent));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"When sent\": at most one FilterAnnounce per peer per 500 ms; marks in between coalesce; a first announce goes at once")
    void debounce() throws DecodeException {
        tree.parent(parent, Coords.root(parent));
        bloom.onTreeChanged(0);
        bloom.onPeerUp(parent, 0);
        bloom.onPeerUp(child, 0);
        assertEquals(0, bloom.nextDeadlineMs());
        assertEquals(2, bloom.poll(0));
        assertEquals(Long.MAX_VALUE, bloom.nextDeadlineMs());
        sent.clear();

        // Three changes from the parent at 100, 200, 300 ms: one announce to the child at 500 ms with the last one.
        bloom.onFilterAnnounce(parent, body(1, filterOf(parent, x)), 0, 1034, 100);
        assertEquals(List.of(child), marked());
        assertEquals(500, bloom.dueMs(child));
        assertEquals(500, bloom.nextDeadlineMs());
        bloom.onFilterAnnounce(parent, body(2, filterOf(parent, x, y)), 0, 1034, 200);
        bloom.onFilterAnnounce(parent, body(3, filterOf(parent, x, y, z)), 0, 1034, 300);
        assertEquals(0, bloom.poll(499));
        assertEquals(List.of(), sent);
        assertEquals(1, bloom.poll(500));
        assertEquals(child, sent.get(0).peer());
        assertEquals(filterOf(self, parent, x, y, z), sent.get(0).decode().filter());
        assertEquals(3, sent.get(0).decode().sequence());

        // 2 s later a change goes out at once: the last announce is older than the debounce.
        bloom.onFilterAnnounce(parent, body(4, filterOf(parent)), 0, 1034, 2_500);
        assertEquals(2_500, bloom.nextDeadlineMs());
        assertEquals(1, bloom.poll(2_500));
        // And a change 1 ms after that waits until 3 000.
        bloom.onFilterAnnounce(parent, body(5, filterOf(parent, x)), 0, 1034, 2_501);
        assertEquals(3_000, bloom.nextDeadlineMs());
        assertEquals(0, bloom.poll(2_999));
        assertEquals(1, bloom.poll(3_000));
        assertEquals(3, sent.size());

        // INTEROP.md 6: there is no periodic refresh.
        assertEquals(Long.MAX_VALUE, bloom.nextDeadlineMs());
        assertEquals(0, bloom.poll(3_600_000));
        assertEquals(3, sent.size());
    }

    @Test
    @DisplayName("INTEROP.md 6 \"When sent\": promotion marks the new peer only; a removal marks every remaining peer")
    void peerUpAndDownTriggers() {
        threePeers();
        NodeAddr late = addr(4);
        bloom.onPeerUp(late, 100);
        assertEquals(List.of(late), marked());
        bloom.poll(100);
        bloom.onPeerDown(mesh, 200);
        assertEquals(List.of(parent, child, late), marked());
        assertEquals(500, bloom.dueMs(parent)); // last sent at 0
        assertEquals(600, bloom.dueMs(late)); // last sent at 100
        assertFalse(bloom.onPeerDown(mesh, 201));
        assertThrows(IllegalArgumentException.class, () -> bloom.needsUpdate(mesh));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"When sent\": a parent switch, root change or coordinate path change marks every peer, even with filters unchanged")
    void treeStructureTriggers() {
        threePeers();
        NodeAddr newParent = addr(5);
        bloom.onPeerUp(newParent, 0);
        bloom.poll(0);
        sent.clear();
        assertEquals(List.of(), marked());

        NodeAddr root = addr(7);
        tree.parent(newParent, Coords.of(newParent, root)); // parent switch and root change
        bloom.onTreeChanged(1_000);
        assertEquals(List.of(parent, child, mesh, newParent), marked());
        bloom.poll(1_000);
        assertEquals(List.of(), marked());

        // The path above the parent changed: version bumps, parent and root stay.
        tree.coords = Coords.of(self, newParent, addr(6), root);
        tree.version++;
        bloom.onTreeChanged(2_000);
        assertEquals(List.of(parent, child, mesh, newParent), marked());
        bloom.poll(2_000);

        // The same tree again (nothing changed): nobody is marked.
        bloom.onTreeChanged(3_000);
        assertEquals(List.of(), marked());
    }

    @Test
    @DisplayName("INTEROP.md 6 \"When sent\": a change of the tree-peer set alone marks exactly the peers whose outgoing filter changed")
    void treePeerSetTrigger() {
        tree.parent(parent, Coords.root(parent));
        bloom.onTreeChanged(0);
        bloom.onPeerUp(parent, 0);
        bloom.onPeerUp(child, 0); // not yet a tree peer
        bloom.onFilterAnnounce(parent, body(1, filterOf(parent, x)), 0, 1034, 0);
        bloom.onFilterAnnounce(child, body(1, filterOf(child, y)), 0, 1034, 0);
        bloom.poll(0);
        sent.clear();
        assertEquals(filterOf(self), bloom.outgoingFilter(parent));
        assertEquals(filterOf(self, parent, x), bloom.outgoingFilter(child));

        // The child's TreeAnnounce names us as parent: its filter now reaches the parent; its own is unchanged.
        tree.child(child);
        bloom.onTreeChanged(50);
        assertEquals(List.of(parent), marked());
        assertEquals(filterOf(self, child, y), bloom.outgoingFilter(parent));
        assertEquals(filterOf(self, parent, x), bloom.outgoingFilter(child));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"When sent\": an accepted FilterAnnounce marks the other peers whose outgoing filter changed; a non-tree sender or an unchanged filter marks none")
    void filterAnnounceTrigger() {
        threePeers();
        bloom.onFilterAnnounce(parent, body(1, filterOf(parent, x)), 0, 1034, 10);
        assertEquals(List.of(child, mesh), marked());
        bloom.poll(500);
        // Same bits under a new sequence: nothing changed for anyone.
        bloom.onFilterAnnounce(parent, body(2, filterOf(parent, x)), 0, 1034, 1_000);
        assertEquals(List.of(), marked());
        // A non-tree peer's filter is stored but merged nowhere.
        bloom.onFilterAnnounce(mesh, body(1, filterOf(mesh, z)), 0, 1034, 1_100);
        assertEquals(List.of(), marked());
        // A child's filter changes the parent's and the mesh peer's view, not the child's own.
        bloom.onFilterAnnounce(child, body(1, filterOf(child, y)), 0, 1034, 1_200);
        assertEquals(List.of(parent, mesh), marked());
    }

    @Test
    @DisplayName("INTEROP.md 6 \"What a node inserts\": own NodeAddr plus leaf-only dependents; adding or removing one re-announces")
    void dependents() {
        threePeers();
        NodeAddr leaf = addr(30);
        assertTrue(bloom.addDependent(leaf, 100));
        assertFalse(bloom.addDependent(leaf, 100));
        assertEquals(List.of(parent, child, mesh), marked());
        assertEquals(filterOf(self, leaf), bloom.outgoingFilter(parent));
        bloom.poll(500);
        assertTrue(bloom.removeDependent(leaf, 600));
        assertEquals(filterOf(self), bloom.outgoingFilter(parent));
        assertEquals(List.of(parent, child, mesh), marked());
        assertEquals(List.of(), List.copyOf(bloom.dependents()));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Mesh size estimate\": OR of every peer's inbound filter plus self, −(m/k)·ln(1 − X/m); empty without filters or over the cap")
    void meshSize() {
        threePeers();
        assertEquals(OptionalLong.empty(), bloom.meshSizeEstimate());
        BloomFilter up = new BloomFilter();
        BloomFilter side = new BloomFilter();
        for (int i = 0; i < 100; i++) up.insert(addr(1_000 + i));
        for (int i = 0; i < 60; i++) side.insert(addr(1_050 + i)); // overlaps 50 of up's
        bloom.onFilterAnnounce(parent, body(1, up), 0, 1034, 0);
        bloom.onFilterAnnounce(mesh, body(1, side), 0, 1034, 0);
        BloomFilter u = up.copy();
        u.merge(side);
        u.insert(self);
        long expect = Math.round(u.estimatedElements());
        assertEquals(OptionalLong.of(expect), bloom.meshSizeEstimate());
        assertTrue(Math.abs(expect - 111) <= 3, "estimate " + expect + " for 111 distinct nodes");

        // A union whose fill^5 is above 0.20 gives no estimate.
        BloomFilter big = new BloomFilter();
        for (int i = 0; i < 1_500; i++) big.insert(addr(10_000 + i));
        BloomFilter big2 = new BloomFilter();
        for (int i = 0; i < 1_500; i++) big2.insert(addr(20_000 + i));
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(parent, body(2, big), 0, 1034, 0));
        assertEquals(FilterVerdict.ACCEPTED, bloom.onFilterAnnounce(child, body(1, big2), 0, 1034, 0));
        assertEquals(OptionalLong.empty(), bloom.meshSizeEstimate());
    }

    @Test
    @DisplayName("BloomView: a peer without an accepted filter, or not linked, reaches nothing")
    void viewOfUnknown() {
        bloom.onPeerUp(parent, 0);
        assertFalse(bloom.peerMayReach(parent, BloomKey.of(parent)));
        assertFalse(bloom.peerMayReach(mesh, BloomKey.of(mesh)));
        assertThrows(IllegalArgumentException.class, () -> bloom.onPeerUp(self, 0));
        BloomFilter f7 = new BloomFilter(7);
        f7.insert(x);
        bloom.onFilterAnnounce(parent, new FilterAnnounce(2, f7).encodeBody(), 0, 1034, 0);
        assertTrue(bloom.peerMayReach(parent, BloomKey.of(x)), "membership uses the sender's k");
        assertArrayEquals(f7.toBytes(), bloom.inboundFilter(parent).toBytes());
        assertEquals(7, bloom.inboundFilter(parent).hashCount());
    }
}
