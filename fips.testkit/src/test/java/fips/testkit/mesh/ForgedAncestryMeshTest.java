package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.PeerLink;
import fips.fmp.route.RouteOutcome;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeCore;
import fips.fmp.tree.TreeDrop;
import fips.fmp.wire.AncestryEntry;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.TreeAnnounce;
import fips.identity.NodeAddr;
import fips.testkit.SimNode;
import fips.testkit.SimWire;
import fips.testkit.sim.Topology;
import fips.testkit.sim.TreeCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node lies about its ancestry in correctly signed TreeAnnounces.
 *
 * <p>What the spec says: a TreeAnnounce's signature covers only the
 * declarer's own {@code node_addr ‖ parent ‖ seq ‖ ts} (INTEROP.md 15 D1);
 * the receiver checks the sender, the signature, the shape of the ancestry
 * (a root declares exactly itself, otherwise {@code ancestry[1]} is the
 * parent, and the last entry is the smallest) and freshness (INTEROP.md 5.1
 * steps 2-5); "ancestry entries other than ancestry[0] are trusted
 * transitively" (INTEROP.md 5.1; design/fips-spanning-tree.md "Transitive
 * Trust (v1)"). So a peer can claim any well-formed ancestry, including a
 * made-up root smaller than every real node, and its neighbours take it: a
 * smaller root is a mandatory switch (INTEROP.md 5.2). What contains the
 * damage: the claim enters the mesh only through the liar's own links, so
 * every node that believes the fake root reaches it through the liar, the
 * liar sits where the root would be (a traffic concentrator, not an
 * invisible one); and nothing refreshes the claim but the liar, so when its
 * links go down the mesh falls back to the real smallest root (by the usual
 * loss recovery, INTEROP.md 5.2 "Loop", design/spanning-tree-dynamics.md
 * "No Root Staleness Detection").
 */
class ForgedAncestryMeshTest {
    private static final NodeAddr FAKE_ROOT = new NodeAddr(0, 1);
    private static final long BIG_SEQ = 1L << 40;

    private static byte[] announce(SimNode signer, long seq, NodeAddr parent, NodeAddr... ancestry) {
        List<AncestryEntry> a = new ArrayList<>();
        long ts = signer.mesh().core().tree().announcement().timestampSecs();
        for (NodeAddr n : ancestry) a.add(new AncestryEntry(n, seq, ts));
        return TreeAnnounce.signed(signer.identity().secret(), seq, ts, parent, a, new byte[32]).encode();
    }

    private static void sendTree(SimNode from, SimNode to, byte[] msg) {
        assertTrue(from.send(to, LinkMsgType.TREE_ANNOUNCE, msg, 1, msg.length - 1) > 0, "sent on the link");
    }

    @Test
    @DisplayName("INTEROP.md 5.1 step 4, 15 D1: malformed ancestries (non-root with one entry, parent ≠ ancestry[1], root not the smallest, a root with two entries), a bad signature and a relayed declaration are dropped and counted; nothing moves")
    void malformedAncestriesAreDropped() {
        MeshScenario s = new MeshScenario(Topology.scaleFree(30, 2, new Random(0xf0a6)), 0xf0a6_0001L);
        assertTrue(s.converge(180_000, 1_800_000), "converged");
        SimNode f = liar(s);
        SimNode v = s.node(s.topo.neighbour(f.index(), 0));
        SimNode other = s.node(s.topo.neighbour(f.index(), 1));
        TreeCore vt = v.mesh().core().tree();
        TreeAnnounce stored = vt.peerAnnouncement(f.nodeAddr());
        long changes = s.coordsChanges();
        NodeAddr fa = f.nodeAddr(), p = f.mesh().parent(), y = other.nodeAddr();
        NodeAddr max = new NodeAddr(-1L, -1L); // the largest NodeAddr (unsigned order)

        sendTree(f, v, announce(f, BIG_SEQ, p, fa));
        sendTree(f, v, announce(f, BIG_SEQ, FAKE_ROOT, fa, y, FAKE_ROOT));
        sendTree(f, v, announce(f, BIG_SEQ, p, fa, p, max));
        sendTree(f, v, announce(f, BIG_SEQ, fa, fa, FAKE_ROOT));
        byte[] tampered = announce(f, BIG_SEQ, FAKE_ROOT, fa, FAKE_ROOT);
        tampered[TreeAnnounce.SEQUENCE_OFFSET] ^= 1; // the signed sequence no longer matches
        sendTree(f, v, tampered);
        sendTree(f, v, announce(other, BIG_SEQ, FAKE_ROOT, y, FAKE_ROOT)); // other's own, relayed by f
        s.sim.runFor(1_000);

        assertEquals(1, vt.drops(TreeDrop.ANCESTRY_TOO_SHORT));
        assertEquals(1, vt.drops(TreeDrop.ANCESTRY_PARENT_MISMATCH));
        assertEquals(1, vt.drops(TreeDrop.ANCESTRY_ROOT_NOT_MINIMUM));
        assertEquals(1, vt.drops(TreeDrop.ROOT_DECLARATION_MISMATCH));
        assertEquals(1, vt.drops(TreeDrop.BAD_SIGNATURE));
        assertEquals(1, vt.drops(TreeDrop.SENDER_MISMATCH));
        assertEquals(stored, vt.peerAnnouncement(f.nodeAddr()), "the stored announce of f is unchanged");
        assertEquals(changes, s.coordsChanges(), "no coordinates changed anywhere");
        assertNull(TreeCheck.problem(s.sim));
    }

    @Test
    @DisplayName("INTEROP.md 5.1 \"trusted transitively\", 5.2: a signed announce claiming a made-up smallest root is believed, but only through the liar; when the liar's links go down the mesh reconverges on the real smallest root")
    void forgedRootIsContained() {
        MeshScenario s = new MeshScenario(Topology.scaleFree(30, 2, new Random(0xf0a6)), 0xf0a6_0002L);
        assertTrue(s.converge(180_000, 1_800_000), "converged");
        SimNode f = liar(s);
        NodeAddr realRoot = s.sim.nodes().stream().map(SimNode::nodeAddr).min(Comparator.naturalOrder()).orElseThrow();
        NodeAddr rootWithoutLiar = s.sim.nodes().stream().filter(n -> n != f).map(SimNode::nodeAddr)
                .min(Comparator.naturalOrder()).orElseThrow();

        // The forgery: [f, FAKE_ROOT], parent FAKE_ROOT, to every peer, with a sequence no real announce of f reaches.
        long seq = f.mesh().core().tree().sequence() + 1_000_000;
        byte[] forged = announce(f, seq, FAKE_ROOT, f.nodeAddr(), FAKE_ROOT);
        for (PeerLink l : f.core().links()) sendTree(f, s.sim.node(l.nodeAddr()), forged);
        long t0 = s.sim.nowMs();
        assertTrue(s.sim.runUntil(() -> s.sim.nodes().stream().allMatch(n -> n == f || n.mesh().root().equals(FAKE_ROOT)),
                t0 + 60_000), "everyone but f takes the fake root");
        s.sim.runFor(30_000);

        // Contained: the fake root is reached only through f, and f itself is not fooled.
        for (SimNode n : s.sim.nodes()) {
            if (n == f) continue;
            Coords c = n.mesh().coords();
            assertEquals(FAKE_ROOT, c.root(), n.name());
            assertEquals(f.nodeAddr(), c.get(c.length() - 2), n.name() + " " + c + " reaches the fake root via f");
            for (int i = 0; i < c.length() - 1; i++) assertTrue(!c.get(i).equals(FAKE_ROOT));
        }
        assertTrue(f.mesh().isRoot(), "f's own tree core sees every path to the fake root run through itself");

        // Lookups and datagrams between other nodes still work: the tree is a real tree with f at its top.
        Random r = new Random(3);
        for (int k = 0; k < 10; k++) {
            SimNode a = s.node(r.nextInt(30)), b = s.node(r.nextInt(30));
            if (a == b || a == f || b == f) continue;
            MeshScenario.Probe p = s.probe(a, b, k);
            assertTrue(p.ok(), a + " -> " + b + " under the fake root: " + p);
        }

        // The liar's links go down (dead timeout, INTEROP.md 3.6): the rest falls back to the real smallest root.
        List<SimWire> cut = s.sim.network().partition(f);
        long cutMs = s.sim.nowMs();
        assertTrue(s.sim.runUntil(() -> f.core().links().isEmpty() && TreeCheck.problem(s.sim) == null
                && s.sim.nodes().stream().allMatch(n -> n == f || n.mesh().root().equals(rootWithoutLiar)),
                cutMs + 600_000), "reconverged without f: " + TreeCheck.problem(s.sim));
        long recoveredMs = s.sim.nowMs() - cutMs;
        assertTrue(f.mesh().isRoot());
        for (SimNode n : s.sim.nodes()) assertTrue(!n.mesh().coords().contains(FAKE_ROOT), n.name());

        // Healed: f redials, its real (fresh-link) announces are taken, one tree under the real root.
        for (SimWire w : cut) w.heal();
        assertTrue(s.converge(180_000, 1_800_000), "converged after healing: " + TreeCheck.problem(s.sim));
        for (SimNode n : s.sim.nodes()) assertEquals(realRoot, n.mesh().root(), n.name());
        long ttl = 0;
        for (SimNode n : s.sim.nodes()) ttl += n.mesh().core().router().transitCount(RouteOutcome.TTL_EXPIRED);
        assertEquals(0, ttl);
        // At least the dead timeout (INTEROP.md 3.6: 30 s without a frame) before anyone notices.
        assertTrue(recoveredMs >= 20_000, "recovered " + recoveredMs + " ms after the cut");
    }

    /** The liar: the highest-indexed node with two or more peers that is not the root. */
    private static SimNode liar(MeshScenario s) {
        for (int i = s.topo.nodes() - 1; i >= 0; i--) {
            if (s.topo.degree(i) >= 2 && !s.node(i).mesh().isRoot()) return s.node(i);
        }
        throw new AssertionError("no candidate");
    }
}
