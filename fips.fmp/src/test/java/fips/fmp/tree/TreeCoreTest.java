package fips.fmp.tree;

import static fips.fmp.tree.TreeFixtures.T0_MS;
import static fips.fmp.tree.TreeFixtures.body;
import static fips.fmp.tree.TreeFixtures.child;
import static fips.fmp.tree.TreeFixtures.coordsChanged;
import static fips.fmp.tree.TreeFixtures.decoded;
import static fips.fmp.tree.TreeFixtures.path;
import static fips.fmp.tree.TreeFixtures.root;
import static fips.fmp.tree.TreeFixtures.sendTargets;
import static fips.fmp.tree.TreeFixtures.sends;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.wire.AncestryEntry;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.TreeAnnounce;
import fips.fmp.wire.TreeAnnounceCheck;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tree core with hand-built announces and virtual time (STYLE.md rule
 * 13): each test feeds inputs and asserts the exact actions. Identities are
 * sorted, so {@code id(0)} has the smallest NodeAddr and {@code id(7)} the
 * largest.
 */
class TreeCoreTest {
    private static final List<Identity> ID = TreeFixtures.sortedIdentities(8, 0x7EEL);
    private static final TreeConfig NO_PERIODIC = TreeConfig.defaults().withReevalIntervalMs(0);

    private static Identity id(int i) {
        return ID.get(i);
    }

    private static NodeAddr addr(int i) {
        return ID.get(i).nodeAddr();
    }

    private static TreeCore core(int i, TreeConfig cfg) {
        return new TreeCore(id(i), cfg, new Random(i), T0_MS);
    }

    private static List<TreeAction> up(TreeCore c, int peer, long nowMs) {
        return c.onPeerUp(addr(peer), id(peer).publicKey(), nowMs);
    }

    private static List<TreeAction> feed(TreeCore c, TreeAnnounce a, long nowMs) {
        byte[] b = body(a);
        return c.onAnnounce(a.nodeAddr(), b, 0, b.length, nowMs);
    }

    private static Coords coords(int... idx) {
        NodeAddr[] a = new NodeAddr[idx.length];
        for (int i = 0; i < idx.length; i++) a[i] = addr(idx[i]);
        return Coords.of(a);
    }

    // ------------------------------------------------------------ start

    @Test
    @DisplayName("INTEROP.md 5.3: a fresh node is root with sequence 1, stamped nowMs / 1000, signed")
    void freshNodeIsRoot() {
        TreeCore x = new TreeCore(id(5), TreeConfig.defaults(), new Random(1), T0_MS + 999);
        assertTrue(x.isRoot());
        assertEquals(addr(5), x.parent());
        assertEquals(addr(5), x.root());
        assertEquals(Coords.root(addr(5)), x.coords());
        assertEquals(1, x.sequence());
        assertEquals(0, x.version());
        TreeAnnounce a = x.announcement();
        assertEquals(1, a.sequence());
        assertEquals(1_750_000_000L, a.timestampSecs());
        assertEquals(addr(5), a.parent());
        assertEquals(List.of(new AncestryEntry(addr(5), 1, 1_750_000_000L)), a.ancestry());
        assertTrue(a.verify(id(5).publicKey()));
        assertEquals(TreeAnnounceCheck.OK, a.validateSemantics());
        assertEquals(Long.MAX_VALUE, x.nextDeadlineMs());
    }

    @Test
    @DisplayName("INTEROP.md 5.4: a new peer gets our announce at once, msg_type byte first")
    void newPeerGetsAnnounce() {
        TreeCore x = core(5, TreeConfig.defaults());
        List<TreeAction> acts = up(x, 2, T0_MS);
        assertEquals(List.of(addr(2)), sendTargets(acts));
        assertEquals(1, acts.size());
        TreeAction.Send s = sends(acts).get(0);
        assertEquals(LinkMsgType.TREE_ANNOUNCE, s.msgType());
        assertEquals(s.frame().length - 1, s.bodyLength());
        assertEquals(x.announcement(), decoded(s));
        assertArrayEquals(x.announcement().encode(), s.frame());
        assertEquals(Long.MAX_VALUE, x.nextDeadlineMs()); // one peer: no periodic run
    }

    // ------------------------------------------------------------ election

    @Test
    @DisplayName("INTEROP.md 5.2: root election among three nodes a < b < c in a chain a—b—c, announces fed by hand")
    void rootElectionAmongThree() {
        TreeCore a = core(0, NO_PERIODIC);
        TreeCore b = core(3, NO_PERIODIC);
        TreeCore c = core(6, NO_PERIODIC);
        TreeAnnounce a1 = decoded(up(a, 3, T0_MS).get(0));
        TreeAnnounce b1 = decoded(up(b, 0, T0_MS).get(0));
        assertEquals(b1, decoded(up(b, 6, T0_MS).get(0)));
        TreeAnnounce c1 = decoded(up(c, 3, T0_MS).get(0));

        // c hears b (root b < c): mandatory switch, sequence 2, announced to its only peer.
        List<TreeAction> acts = feed(c, b1, T0_MS + 1000);
        assertEquals(new TreeAction.CoordsChanged(coords(6), coords(6, 3)), coordsChanged(acts));
        assertEquals(List.of(addr(3)), sendTargets(acts));
        assertEquals(2, acts.size());
        assertEquals(2, c.sequence());
        TreeAnnounce c2 = c.announcement();

        // b hears c's first announce (root c > b): b stays root and echoes (INTEROP.md 5.1 step 6).
        acts = feed(b, c1, T0_MS + 1000);
        assertEquals(List.of(addr(6)), sendTargets(acts));
        assertEquals(1, acts.size());
        assertTrue(b.isRoot());
        // b hears c's switch to it: c becomes a tree peer of b.
        acts = feed(b, c2, T0_MS + 1200);
        assertEquals(List.of(new TreeAction.TreePeerChanged(addr(6), true)), acts);
        assertTrue(b.isTreePeer(addr(6)));

        // a hears b's root announce: a is smallest, stays root, echoes.
        acts = feed(a, b1, T0_MS + 1000);
        assertEquals(List.of(addr(3)), sendTargets(acts));
        assertTrue(a.isRoot());

        // b hears a: smaller root, mandatory switch, announced to both peers.
        acts = feed(b, a1, T0_MS + 2000);
        assertEquals(new TreeAction.CoordsChanged(coords(3), coords(3, 0)), coordsChanged(acts));
        assertEquals(List.of(addr(0), addr(6)), sendTargets(acts));
        TreeAnnounce b2 = b.announcement();
        assertEquals(2, b2.sequence());

        // a learns b is its child.
        acts = feed(a, b2, T0_MS + 2100);
        assertEquals(List.of(new TreeAction.TreePeerChanged(addr(3), true)), acts);

        // c hears its parent's new ancestry: same parent, new path through a, sequence 3, re-announced.
        acts = feed(c, b2, T0_MS + 3000);
        assertEquals(new TreeAction.CoordsChanged(coords(6, 3), coords(6, 3, 0)), coordsChanged(acts));
        assertEquals(List.of(addr(3)), sendTargets(acts));
        assertEquals(3, c.sequence());

        for (TreeCore n : List.of(a, b, c)) {
            assertEquals(addr(0), n.root());
        }
        assertEquals(coords(0), a.coords());
        assertEquals(coords(3, 0), b.coords());
        assertEquals(coords(6, 3, 0), c.coords());
        assertEquals(addr(3), c.parent());
        // INTEROP.md 5.1 last paragraph: the parent's entries are copied with their seq/ts.
        TreeAnnounce c3 = c.announcement();
        assertEquals(new AncestryEntry(addr(6), 3, 1_750_000_003L), c3.ancestry().get(0));
        assertEquals(b2.ancestry().get(0), c3.ancestry().get(1));
        assertEquals(a1.ancestry().get(0), c3.ancestry().get(2));
        assertEquals(TreeAnnounceCheck.OK, c3.validateSemantics());
        assertTrue(c3.verify(id(6).publicKey()));
    }

    @Test
    @DisplayName("INTEROP.md 5.2: equal effective depth ties to the smaller NodeAddr")
    void tieBreakToSmallerAddr() {
        TreeCore x = core(7, NO_PERIODIC);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        up(x, 4, T0_MS);
        up(x, 2, T0_MS);
        up(x, 1, T0_MS);
        feed(x, child(id(4), 1, T0_MS, r), T0_MS + 1000);
        assertEquals(addr(4), x.parent());
        // Two more candidates at the same depth: no improvement, nothing sent, no echo (same root).
        assertEquals(List.of(), feed(x, child(id(2), 1, T0_MS, r), T0_MS + 2000));
        assertEquals(List.of(), feed(x, child(id(1), 1, T0_MS, r), T0_MS + 2000));
        assertEquals(addr(4), x.parent());
        // Losing the parent: mandatory re-selection between 1 and 2, both effective depth 2.
        List<TreeAction> acts = x.onPeerDown(addr(4), T0_MS + 3000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 4, 0), coords(7, 1, 0)), coordsChanged(acts));
        assertEquals(List.of(addr(2), addr(1)), sendTargets(acts));
        assertEquals(addr(1), x.parent());
        assertEquals(1, x.stats().parentLosses());
    }

    @Test
    @DisplayName("INTEROP.md 5.2: effective depth = depth + link cost; once any peer is measured, unmeasured candidates are skipped")
    void effectiveDepthWithLinkCost() {
        Map<NodeAddr, Double> cost = new HashMap<>();
        TreeCore x = new TreeCore(id(7), NO_PERIODIC.withHoldDownMs(0), new Random(7),
                p -> cost.getOrDefault(p, Double.NaN), T0_MS);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        TreeAnnounce m = child(id(1), 1, T0_MS, r);
        up(x, 0, T0_MS);
        up(x, 3, T0_MS);
        up(x, 5, T0_MS);
        cost.put(addr(3), 3.0); // depth 1 over a slow link: effective 4
        cost.put(addr(5), 1.0); // depth 2 over a fast link: effective 3
        feed(x, child(id(3), 1, T0_MS, r), T0_MS + 1000);
        assertEquals(addr(3), x.parent());
        // The root itself (depth 0) has no SRTT sample while others do: not a candidate.
        assertEquals(List.of(), feed(x, r, T0_MS + 2000));
        assertEquals(addr(3), x.parent());
        // 3 < 4 × 0.8: discretionary switch to the deeper but cheaper peer.
        List<TreeAction> acts = feed(x, child(id(5), 1, T0_MS, m), T0_MS + 3000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 3, 0), coords(7, 5, 1, 0)), coordsChanged(acts));
        // No samples anywhere: every candidate costs 1.0 and the root (effective 1) wins.
        cost.clear();
        acts = x.onLinkCostChanged(T0_MS + 4000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 5, 1, 0), coords(7, 0)), coordsChanged(acts));
    }

    @Test
    @DisplayName("INTEROP.md 5.2 \"Discretionary switch\": a candidate must be better than current × (1 − 0.2)")
    void discretionaryThreshold() {
        TreeCore x = core(7, NO_PERIODIC.withHoldDownMs(0));
        up(x, 6, T0_MS);
        up(x, 5, T0_MS);
        up(x, 4, T0_MS);
        // Current parent at depth 4: effective 5, so a candidate needs < 4.0.
        feed(x, path(id(6), 1, T0_MS, addr(3), addr(2), addr(1), addr(0)), T0_MS + 1000);
        assertEquals(4, x.peerCoords(addr(6)).depth());
        assertEquals(addr(6), x.parent());
        // Depth 3: effective 4.0, not below 4.0.
        assertEquals(List.of(), feed(x, path(id(5), 1, T0_MS, addr(2), addr(1), addr(0)), T0_MS + 2000));
        assertEquals(addr(6), x.parent());
        assertEquals(2, x.sequence());
        // Depth 2: effective 3.0 < 4.0.
        List<TreeAction> acts = feed(x, path(id(4), 1, T0_MS, addr(1), addr(0)), T0_MS + 3000);
        assertEquals(coords(7, 4, 1, 0), coordsChanged(acts).newCoords());
        assertEquals(List.of(addr(6), addr(5), addr(4)), sendTargets(acts));
        assertEquals(3, x.sequence());
    }

    // ------------------------------------------------------------ stability

    @Test
    @DisplayName("INTEROP.md 5.2: hold-down 30 s after any parent set, including the refresh from the parent's own announce")
    void holdDown() {
        TreeCore x = core(7, NO_PERIODIC);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        up(x, 6, T0_MS);
        up(x, 2, T0_MS);
        up(x, 0, T0_MS);
        feed(x, path(id(6), 1, T0_MS, addr(4), addr(3), addr(0)), T0_MS + 1000); // effective 4
        assertEquals(addr(6), x.parent());
        // Depth 1 (effective 2 < 3.2) inside the hold-down: suppressed.
        TreeAnnounce c1 = child(id(2), 1, T0_MS, r);
        assertEquals(List.of(), feed(x, c1, T0_MS + 30_999));
        assertTrue(x.isSwitchSuppressed(T0_MS + 30_999));
        assertEquals(addr(6), x.parent());
        // The same candidate re-announced once the hold-down is over: switch.
        List<TreeAction> acts = feed(x, child(id(2), 2, T0_MS, r), T0_MS + 31_000);
        assertEquals(coords(7, 2, 0), coordsChanged(acts).newCoords());
        assertFalse(x.isFlapDampened(T0_MS + 31_000));
        // The parent re-announces at +40 s: same path, but the hold-down restarts (INTEROP.md 5.2).
        assertEquals(List.of(), feed(x, child(id(2), 3, T0_MS, r), T0_MS + 40_000));
        // The root itself (effective 1 < 1.6) at +65 s: past the switch's hold-down, inside the refresh's.
        assertEquals(List.of(), feed(x, r, T0_MS + 65_000));
        assertEquals(addr(2), x.parent());
        acts = feed(x, root(id(0), 2, T0_MS), T0_MS + 70_000);
        assertEquals(coords(7, 0), coordsChanged(acts).newCoords());
    }

    @Test
    @DisplayName("INTEROP.md 5.2: four parent changes within 60 s suppress discretionary switches for 120 s")
    void flapDampeningSuppressesDiscretionary() {
        TreeCore x = core(7, NO_PERIODIC);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        Flaps f = flapFourTimes(x, r);
        assertEquals(addr(1), x.parent());
        assertTrue(x.isFlapDampened(f.fourthMs));
        assertTrue(x.isFlapDampened(f.fourthMs + 119_999));
        assertFalse(x.isFlapDampened(f.fourthMs + 120_000));
        assertEquals(1, x.stats().flapDampenings());
        // Hold-down is over after 30 s, but the root as a candidate (effective 1 < 1.6) is still vetoed.
        up(x, 0, f.fourthMs + 40_000);
        assertEquals(List.of(), feed(x, r, f.fourthMs + 40_000));
        assertTrue(x.isSwitchSuppressed(f.fourthMs + 40_000));
        assertEquals(addr(1), x.parent());
        // After the dampening lapses the same improvement is taken.
        List<TreeAction> acts = feed(x, root(id(0), 2, T0_MS), f.fourthMs + 120_000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 1, 0), coords(7, 0)), coordsChanged(acts));
        assertEquals(1, x.stats().flapDampenings());
    }

    @Test
    @DisplayName("INTEROP.md 5.2: mandatory switches bypass flap dampening")
    void flapDampeningLetsMandatoryThrough() {
        TreeCore x = core(7, NO_PERIODIC);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        Flaps f = flapFourTimes(x, r);
        up(x, 0, f.fourthMs + 40_000);
        feed(x, r, f.fourthMs + 40_000);
        assertEquals(addr(1), x.parent());
        // Parent loss while dampened: re-selection is mandatory.
        List<TreeAction> acts = x.onPeerDown(addr(1), f.fourthMs + 50_000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 1, 0), coords(7, 0)), coordsChanged(acts));
        assertTrue(x.isFlapDampened(f.fourthMs + 50_000));
    }

    private record Flaps(long fourthMs) {}

    /** Root → 1 → 2 → 3 → 1 within 4 s, all mandatory (root switch or parent loss). */
    private static Flaps flapFourTimes(TreeCore x, TreeAnnounce r) {
        up(x, 1, T0_MS);
        up(x, 2, T0_MS);
        up(x, 3, T0_MS);
        feed(x, child(id(1), 1, T0_MS, r), T0_MS + 1000); // change 1 (from root)
        feed(x, child(id(2), 1, T0_MS, r), T0_MS + 1000);
        feed(x, child(id(3), 1, T0_MS, r), T0_MS + 1000);
        assertEquals(addr(1), x.parent());
        x.onPeerDown(addr(1), T0_MS + 2000); // change 2
        assertEquals(addr(2), x.parent());
        x.onPeerDown(addr(2), T0_MS + 3000); // change 3
        assertEquals(addr(3), x.parent());
        assertFalse(x.isFlapDampened(T0_MS + 3000));
        up(x, 1, T0_MS + 3000);
        feed(x, child(id(1), 1, T0_MS, r), T0_MS + 3000);
        x.onPeerDown(addr(3), T0_MS + 4000); // change 4
        return new Flaps(T0_MS + 4000);
    }

    // ------------------------------------------------------------ loops

    @Test
    @DisplayName("INTEROP.md 5.2 \"Loop\": the parent's new ancestry contains us → leave it for the best alternative")
    void loopRecoversToAlternative() {
        TreeCore x = core(7, NO_PERIODIC);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        up(x, 3, T0_MS);
        up(x, 4, T0_MS);
        feed(x, child(id(3), 1, T0_MS, r), T0_MS + 1000);
        feed(x, child(id(4), 1, T0_MS, r), T0_MS + 1000);
        assertEquals(addr(3), x.parent());
        // 3 now claims 7 as its parent (a stale path); past the hold-down the alternative is taken at once.
        List<TreeAction> acts = feed(x, path(id(3), 2, T0_MS, addr(7), addr(0)), T0_MS + 40_000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 3, 0), coords(7, 4, 0)), coordsChanged(acts));
        assertEquals(List.of(addr(3), addr(4)), sendTargets(acts));
        assertEquals(1, x.stats().loopsDetected());
        assertEquals(3, x.sequence());
    }

    @Test
    @DisplayName("INTEROP.md 5.2 \"Loop\": inside the hold-down the alternative is vetoed, so root first, then a mandatory rejoin")
    void loopInsideHoldDown() {
        TreeCore x = core(7, NO_PERIODIC);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        up(x, 3, T0_MS);
        up(x, 4, T0_MS);
        feed(x, child(id(3), 1, T0_MS, r), T0_MS + 1000);
        feed(x, child(id(4), 1, T0_MS, r), T0_MS + 1000);
        List<TreeAction> acts = feed(x, path(id(3), 2, T0_MS, addr(7), addr(0)), T0_MS + 2000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 3, 0), coords(7)), coordsChanged(acts));
        assertEquals(List.of(addr(3), addr(4)), sendTargets(acts));
        assertEquals(3, x.sequence());
        assertEquals(1, x.stats().loopsDetected());
        assertEquals(1, x.stats().parentLosses());
        // Root while a smaller root is visible: the next evaluation switches regardless of the hold-down.
        acts = feed(x, child(id(4), 2, T0_MS, r), T0_MS + 3000);
        assertEquals(new TreeAction.CoordsChanged(coords(7), coords(7, 4, 0)), coordsChanged(acts));
        assertEquals(4, x.sequence());
    }

    @Test
    @DisplayName("INTEROP.md 5.2 \"Loop\": with no alternative the node becomes root, sequence bumped, announced")
    void loopRecoversToRoot() {
        TreeCore x = core(7, NO_PERIODIC);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        up(x, 3, T0_MS);
        feed(x, child(id(3), 1, T0_MS, r), T0_MS + 1000);
        List<TreeAction> acts = feed(x, path(id(3), 2, T0_MS, addr(7), addr(0)), T0_MS + 2000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 3, 0), coords(7)), coordsChanged(acts));
        assertEquals(List.of(addr(3)), sendTargets(acts));
        TreeAnnounce sent = decoded(sends(acts).get(0));
        assertEquals(3, sent.sequence());
        assertTrue(sent.isRoot());
        assertTrue(x.isRoot());
        assertEquals(1, x.stats().loopsDetected());
    }

    @Test
    @DisplayName("INTEROP.md 5.2 \"Candidates\": a peer whose ancestry contains us is never chosen, however shallow")
    void candidateContainingUsSkipped() {
        TreeCore x = core(7, NO_PERIODIC.withHoldDownMs(0));
        up(x, 6, T0_MS);
        up(x, 2, T0_MS);
        feed(x, path(id(6), 1, T0_MS, addr(4), addr(3), addr(0)), T0_MS + 1000); // effective 4
        assertEquals(addr(6), x.parent());
        // 2 claims the path [2, 7, 0]: effective 3 would win, but it runs through us (it names us its parent).
        assertEquals(List.of(new TreeAction.TreePeerChanged(addr(2), true)),
                feed(x, path(id(2), 1, T0_MS, addr(7), addr(0)), T0_MS + 2000));
        assertEquals(addr(6), x.parent());
        // A root node offered only such a path stays root (and the smaller root stays unreachable).
        TreeCore y = core(7, NO_PERIODIC);
        up(y, 2, T0_MS);
        assertEquals(List.of(new TreeAction.TreePeerChanged(addr(2), true)),
                feed(y, path(id(2), 1, T0_MS, addr(7), addr(0)), T0_MS + 1000));
        assertTrue(y.isRoot());
        assertEquals(1, y.stats().accepted());
    }

    // ------------------------------------------------------------ sequence

    @Test
    @DisplayName("INTEROP.md 5.3, 15 D8: sequence bumps on switch, on every accepted parent announce, on loss; announced only on a path change")
    void sequenceBumps() {
        TreeCore x = core(7, NO_PERIODIC);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        assertEquals(1, x.sequence());
        up(x, 3, T0_MS);
        // Switch: 2.
        List<TreeAction> acts = feed(x, child(id(3), 1, T0_MS, r), T0_MS + 1000);
        assertEquals(2, x.sequence());
        assertEquals(2, decoded(sends(acts).get(0)).sequence());
        long v = x.version();
        // Parent re-announces the same path: 3, re-signed with the new time, nothing sent, coords unchanged.
        assertEquals(List.of(), feed(x, child(id(3), 2, T0_MS + 1000, r), T0_MS + 2000));
        assertEquals(3, x.sequence());
        assertEquals(1_750_000_002L, x.announcement().timestampSecs());
        assertTrue(x.announcement().verify(id(7).publicKey()));
        assertEquals(v, x.version());
        // The same announce again is stale: no bump.
        assertEquals(List.of(), feed(x, child(id(3), 2, T0_MS + 1000, r), T0_MS + 2500));
        assertEquals(3, x.sequence());
        assertEquals(1, x.drops(TreeDrop.STALE));
        // Mid-chain swap (same root, same depth, other ancestor): 4, announced.
        acts = feed(x, path(id(3), 3, T0_MS, addr(2), addr(0)), T0_MS + 3000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 3, 0), coords(7, 3, 2, 0)), coordsChanged(acts));
        assertEquals(4, decoded(sends(acts).get(0)).sequence());
        assertEquals(v + 1, x.version());
        // Parent loss with no alternative: root, 5.
        acts = x.onPeerDown(addr(3), T0_MS + 4000);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 3, 2, 0), coords(7)), coordsChanged(acts));
        assertEquals(5, x.sequence());
        assertEquals(List.of(new AncestryEntry(addr(7), 5, 1_750_000_004L)), x.announcement().ancestry());
    }

    @Test
    @DisplayName("INTEROP.md 5.1 step 5: sequences compare as unsigned u64")
    void unsignedSequence() {
        TreeCore x = core(7, NO_PERIODIC);
        up(x, 3, T0_MS);
        feed(x, root(id(3), 0x7FFF_FFFF_FFFF_FFFFL, T0_MS), T0_MS + 1000);
        assertEquals(List.of(), feed(x, root(id(3), 0x8000_0000_0000_0000L, T0_MS), T0_MS + 2000));
        assertEquals(0x8000_0000_0000_0000L, x.peerAnnouncement(addr(3)).sequence());
        feed(x, root(id(3), 5, T0_MS), T0_MS + 3000);
        assertEquals(1, x.drops(TreeDrop.STALE));
    }

    // ------------------------------------------------------------ rejections

    @Test
    @DisplayName("INTEROP.md 5.1 steps 1-5: every rejection is counted by reason and changes nothing")
    void rejectionsCounted() {
        TreeCore x = core(7, NO_PERIODIC);
        Identity p = id(3);
        up(x, 3, T0_MS);
        long ts = T0_MS / 1000;
        Map<TreeDrop, TreeAnnounce> cases = new java.util.LinkedHashMap<>();
        // Root declaration with two entries.
        cases.put(TreeDrop.ROOT_DECLARATION_MISMATCH, TreeAnnounce.signed(p.secret(), 2, ts, p.nodeAddr(),
                List.of(new AncestryEntry(p.nodeAddr(), 2, ts), new AncestryEntry(addr(0), 1, ts)), TreeFixtures.AUX));
        // parent != ancestry[1].
        cases.put(TreeDrop.ANCESTRY_PARENT_MISMATCH, TreeAnnounce.signed(p.secret(), 2, ts, addr(1),
                List.of(new AncestryEntry(p.nodeAddr(), 2, ts), new AncestryEntry(addr(0), 1, ts)), TreeFixtures.AUX));
        // Non-root with one entry.
        cases.put(TreeDrop.ANCESTRY_TOO_SHORT, TreeAnnounce.signed(p.secret(), 2, ts, addr(0),
                List.of(new AncestryEntry(p.nodeAddr(), 2, ts)), TreeFixtures.AUX));
        // Advertised root 5 is not the smallest (3 is).
        cases.put(TreeDrop.ANCESTRY_ROOT_NOT_MINIMUM, path(p, 2, T0_MS, addr(5)));
        // Signed by 4, sent by 3.
        cases.put(TreeDrop.SENDER_MISMATCH, root(id(4), 2, T0_MS));

        Coords before = x.coords();
        for (Map.Entry<TreeDrop, TreeAnnounce> e : cases.entrySet()) {
            byte[] b = body(e.getValue());
            assertEquals(List.of(), x.onAnnounce(addr(3), b, 0, b.length, T0_MS + 1000), e.getKey().name());
            assertEquals(1, x.drops(e.getKey()), e.getKey().name());
        }
        // A flipped signature bit.
        byte[] bad = body(root(p, 2, T0_MS));
        bad[bad.length - 1] ^= 1;
        assertEquals(List.of(), x.onAnnounce(addr(3), bad, 0, bad.length, T0_MS + 1000));
        assertEquals(1, x.drops(TreeDrop.BAD_SIGNATURE));
        // Truncated, and a wrong version byte.
        byte[] ok = body(root(p, 2, T0_MS));
        assertEquals(List.of(), x.onAnnounce(addr(3), ok, 0, 98, T0_MS + 1000));
        byte[] v2 = ok.clone();
        v2[0] = 2;
        assertEquals(List.of(), x.onAnnounce(addr(3), v2, 0, v2.length, T0_MS + 1000));
        assertEquals(2, x.drops(TreeDrop.MALFORMED));
        // From a node that is not a peer.
        byte[] stranger = body(root(id(4), 1, T0_MS));
        assertEquals(List.of(), x.onAnnounce(addr(4), stranger, 0, stranger.length, T0_MS + 1000));
        assertEquals(1, x.drops(TreeDrop.UNKNOWN_PEER));
        // Nothing got in.
        assertNull(x.peerCoords(addr(3)));
        assertEquals(before, x.coords());
        assertEquals(1, x.sequence());
        assertEquals(0, x.stats().accepted());
        assertEquals(9, x.stats().received());
        // Now a good one (3 < 7: taken as parent), then the same sequence again.
        assertEquals(coords(7, 3), coordsChanged(x.onAnnounce(addr(3), ok, 0, ok.length, T0_MS + 1000)).newCoords());
        assertEquals(List.of(), x.onAnnounce(addr(3), ok, 0, ok.length, T0_MS + 2000));
        assertEquals(1, x.drops(TreeDrop.STALE));
        assertEquals(1, x.stats().accepted());
        // Verified: the four semantic failures, the flipped bit and the good one; not the stale repeat.
        assertEquals(6, x.stats().signaturesVerified());
        assertEquals(Map.of("too_deep", 0L, "malformed", 2L, "unknown_peer", 1L, "sender_mismatch", 1L,
                "bad_signature", 1L, "root_declaration_mismatch", 1L, "ancestry_too_short", 1L,
                "ancestry_parent_mismatch", 1L, "ancestry_root_not_minimum", 1L, "stale", 1L), x.dropCounters());
    }

    /** The body of {@code a} with one bit of its signature flipped: well formed, signed by nobody. */
    private static byte[] forged(TreeAnnounce a) {
        byte[] b = body(a);
        b[b.length - 1] ^= 1;
        return b;
    }

    @Test
    @DisplayName("INTEROP.md 5.1 step 5 before step 3: a stale announce is dropped as STALE without verifying its signature")
    void staleDroppedWithoutVerifying() {
        TreeCore x = core(7, NO_PERIODIC);
        up(x, 3, T0_MS);
        TreeAnnounce a = root(id(3), 5, T0_MS);
        feed(x, a, T0_MS + 1000);
        TreeAnnounce stored = x.peerAnnouncement(addr(3));
        assertEquals(a, stored);
        assertEquals(1, x.stats().signaturesVerified());
        assertEquals(1, x.stats().accepted());
        // The periodic rebroadcast of the same declaration (INTEROP.md 5.4), then an older one.
        assertEquals(List.of(), feed(x, a, T0_MS + 61_000));
        assertEquals(List.of(), feed(x, root(id(3), 4, T0_MS), T0_MS + 62_000));
        // A stale sequence with a broken signature: stale either way, so counted as stale, not verified.
        byte[] bad = forged(root(id(3), 5, T0_MS));
        assertEquals(List.of(), x.onAnnounce(addr(3), bad, 0, bad.length, T0_MS + 63_000));
        assertEquals(3, x.drops(TreeDrop.STALE));
        assertEquals(0, x.drops(TreeDrop.BAD_SIGNATURE));
        assertEquals(1, x.stats().signaturesVerified());
        assertEquals(4, x.stats().received());
        assertSame(stored, x.peerAnnouncement(addr(3)));
        // A fresh one is verified again.
        feed(x, root(id(3), 6, T0_MS), T0_MS + 64_000);
        assertEquals(2, x.stats().signaturesVerified());
        assertEquals(6, x.peerAnnouncement(addr(3)).sequence());
    }

    @Test
    @DisplayName("INTEROP.md 5.1 step 3, section 4: a forged announce with a fresh sequence is verified, dropped as BAD_SIGNATURE and changes nothing")
    void forgedFreshAnnounceChangesNothing() {
        TreeCore x = core(7, NO_PERIODIC);
        up(x, 3, T0_MS);
        up(x, 5, T0_MS);
        TreeAnnounce r = root(id(3), 5, T0_MS);
        feed(x, r, T0_MS + 1000); // 3 < 7: our parent
        feed(x, child(id(5), 1, T0_MS, r), T0_MS + 1000);
        TreeAnnounce stored = x.peerAnnouncement(addr(3));
        Coords before = x.coords();
        long seq = x.sequence();
        long version = x.version();
        TreeStats stats = x.stats();
        // Forged: 3 now claims to sit under 2 under 0, a smaller root, which would force a switch if believed.
        byte[] bad = forged(path(id(3), 6, T0_MS, addr(2), addr(0)));
        assertEquals(List.of(), x.onAnnounce(addr(3), bad, 0, bad.length, T0_MS + 40_000));
        assertEquals(1, x.drops(TreeDrop.BAD_SIGNATURE));
        assertEquals(0, x.drops(TreeDrop.STALE));
        assertEquals(stats.signaturesVerified() + 1, x.stats().signaturesVerified());
        assertSame(stored, x.peerAnnouncement(addr(3)));
        assertEquals(coords(3), x.peerCoords(addr(3)));
        assertEquals(before, x.coords());
        assertEquals(seq, x.sequence());
        assertEquals(version, x.version());
        assertEquals(addr(3), x.parent());
        assertEquals(stats.accepted(), x.stats().accepted());
        assertEquals(stats.sent(), x.stats().sent());
    }

    @Test
    @DisplayName("INTEROP.md 5.1 steps 3 and 5: a forged announce with the largest u64 sequence does not block the peer's next genuine one")
    void forgedHugeSequenceDoesNotBlock() {
        TreeCore x = core(7, NO_PERIODIC);
        up(x, 3, T0_MS);
        TreeAnnounce r = root(id(3), 5, T0_MS);
        feed(x, r, T0_MS + 1000);
        // Unsigned max, then unsigned max on a peer with nothing stored yet: both forged.
        byte[] bad = forged(root(id(3), -1L, T0_MS));
        assertEquals(List.of(), x.onAnnounce(addr(3), bad, 0, bad.length, T0_MS + 2000));
        up(x, 4, T0_MS + 2000);
        byte[] bad4 = forged(root(id(4), -1L, T0_MS));
        assertEquals(List.of(), x.onAnnounce(addr(4), bad4, 0, bad4.length, T0_MS + 2000));
        assertEquals(2, x.drops(TreeDrop.BAD_SIGNATURE));
        assertEquals(5, x.peerAnnouncement(addr(3)).sequence());
        assertNull(x.peerAnnouncement(addr(4)));
        // The genuine next ones are taken: 3 moves under 0 (a smaller root), 4 is stored.
        List<TreeAction> acts = feed(x, path(id(3), 6, T0_MS, addr(0)), T0_MS + 3000);
        assertEquals(6, x.peerAnnouncement(addr(3)).sequence());
        assertEquals(new TreeAction.CoordsChanged(coords(7, 3), coords(7, 3, 0)), coordsChanged(acts));
        feed(x, root(id(4), 2, T0_MS), T0_MS + 3000);
        assertEquals(2, x.peerAnnouncement(addr(4)).sequence());
        assertEquals(0, x.drops(TreeDrop.STALE));
        assertEquals(2, x.drops(TreeDrop.BAD_SIGNATURE));
        assertEquals(3, x.stats().accepted());
    }

    @Test
    @DisplayName("INTEROP.md 5.1 (count u16) with the local bound TreeConfig.maxDepth: a forged 10 000-entry ancestry is refused before decoding")
    void forgedHugeAncestry() {
        TreeCore x = core(7, NO_PERIODIC);
        up(x, 3, T0_MS);
        int count = 10_000;
        byte[] b = new byte[TreeAnnounce.MIN_BODY_BYTES + 32 * count];
        TreeAnnounce hdr = root(id(3), 2, T0_MS);
        byte[] real = body(hdr);
        System.arraycopy(real, 0, b, 0, TreeAnnounce.ANCESTRY_COUNT_OFFSET - 1);
        b[TreeAnnounce.ANCESTRY_COUNT_OFFSET - 1] = (byte) count;
        b[TreeAnnounce.ANCESTRY_COUNT_OFFSET] = (byte) (count >>> 8);
        for (int i = 0; i < count; i++) {
            int at = TreeAnnounce.ANCESTRY_OFFSET - 1 + 32 * i;
            new NodeAddr(0, count - i).write(b, at); // descending: the root (last) is the smallest
        }
        assertEquals(List.of(), x.onAnnounce(addr(3), b, 0, b.length, T0_MS + 1000));
        assertEquals(1, x.drops(TreeDrop.TOO_DEEP));
        assertNull(x.peerCoords(addr(3)));
        // The largest count the wire allows, with only the header present: refused on the count alone.
        b[TreeAnnounce.ANCESTRY_COUNT_OFFSET - 1] = (byte) 0xff;
        b[TreeAnnounce.ANCESTRY_COUNT_OFFSET] = (byte) 0xff;
        assertEquals(List.of(), x.onAnnounce(addr(3), b, 0, TreeAnnounce.ANCESTRY_OFFSET - 1, T0_MS + 1000));
        assertEquals(2, x.drops(TreeDrop.TOO_DEEP));
        assertEquals(0, x.drops(TreeDrop.MALFORMED));
    }

    @Test
    @DisplayName("INTEROP.md 5.2 with the local bound TreeConfig.maxDepth: depth maxDepth is accepted but not taken as parent; deeper is dropped")
    void depthBoundAtTheEdge() {
        TreeCore x = core(7, NO_PERIODIC.withMaxDepth(3).withHoldDownMs(0));
        up(x, 6, T0_MS);
        up(x, 5, T0_MS);
        // Depth 4 (5 entries): over the bound.
        assertEquals(List.of(), feed(x, path(id(6), 1, T0_MS, addr(4), addr(3), addr(2), addr(0)), T0_MS + 1000));
        assertEquals(1, x.drops(TreeDrop.TOO_DEEP));
        // Depth 3: accepted, but taking it would put us at depth 4.
        assertEquals(List.of(), feed(x, path(id(6), 2, T0_MS, addr(3), addr(2), addr(0)), T0_MS + 2000));
        assertEquals(3, x.peerCoords(addr(6)).depth());
        assertTrue(x.isRoot());
        // Depth 2: taken; we are at depth 3 = maxDepth.
        feed(x, path(id(5), 1, T0_MS, addr(2), addr(0)), T0_MS + 3000);
        assertEquals(coords(7, 5, 2, 0), x.coords());
        // The parent moves to depth 3: as if lost, and nothing else is eligible, so root.
        List<TreeAction> acts = feed(x, path(id(5), 2, T0_MS, addr(3), addr(2), addr(0)), T0_MS + 4000);
        assertEquals(coords(7), coordsChanged(acts).newCoords());
        assertEquals(1, x.stats().parentLosses());
    }

    // ------------------------------------------------------------ sending

    @Test
    @DisplayName("INTEROP.md 5.4 \"Rate limit\": ≥ 500 ms between announces to a peer; the suppressed one is sent later, current")
    void rateLimit() {
        TreeCore x = core(7, NO_PERIODIC);
        assertEquals(List.of(addr(5)), sendTargets(up(x, 5, T0_MS)));
        assertEquals(List.of(addr(1)), sendTargets(up(x, 1, T0_MS + 100)));
        // A switch at +300: both peers are inside their gap.
        List<TreeAction> acts = feed(x, root(id(1), 1, T0_MS), T0_MS + 300);
        assertEquals(List.of(new TreeAction.CoordsChanged(coords(7), coords(7, 1))), acts);
        assertEquals(2, x.stats().rateLimited());
        assertEquals(T0_MS + 500, x.nextDeadlineMs());
        assertEquals(List.of(), x.poll(T0_MS + 499));
        acts = x.poll(T0_MS + 500);
        assertEquals(List.of(addr(5)), sendTargets(acts));
        assertEquals(2, decoded(acts.get(0)).sequence());
        assertEquals(T0_MS + 600, x.nextDeadlineMs());
        acts = x.poll(T0_MS + 600);
        assertEquals(List.of(addr(1)), sendTargets(acts));
        assertEquals(2, decoded(acts.get(0)).sequence());
        assertEquals(Long.MAX_VALUE, x.nextDeadlineMs());
        // Two changes inside one gap coalesce into one send of the latest.
        x.onPeerDown(addr(1), T0_MS + 700); // parent lost: root, seq 3; 5 is inside its gap
        feed(x, root(id(5), 1, T0_MS), T0_MS + 800); // 5 < 7: switch, seq 4; still inside the gap
        assertEquals(T0_MS + 1000, x.nextDeadlineMs());
        acts = x.poll(T0_MS + 1000);
        assertEquals(List.of(addr(5)), sendTargets(acts));
        assertEquals(x.sequence(), decoded(acts.get(0)).sequence());
        assertEquals(4, x.sequence());
    }

    @Test
    @DisplayName("INTEROP.md 5.4: periodic rebroadcast every 60 s (same sequence) while there are ≥ 2 peers")
    void periodicRebroadcast() {
        TreeCore x = core(7, TreeConfig.defaults());
        up(x, 5, T0_MS);
        assertEquals(Long.MAX_VALUE, x.nextDeadlineMs());
        up(x, 4, T0_MS);
        // The first run is due as soon as there are two peers; both were just sent to, so it waits for the gap.
        assertEquals(T0_MS, x.nextDeadlineMs());
        assertEquals(List.of(), x.poll(T0_MS));
        assertEquals(T0_MS + 500, x.nextDeadlineMs());
        List<TreeAction> acts = x.poll(T0_MS + 500);
        assertEquals(List.of(addr(5), addr(4)), sendTargets(acts));
        assertEquals(T0_MS + 60_000, x.nextDeadlineMs());
        acts = x.poll(T0_MS + 60_000);
        assertEquals(List.of(addr(5), addr(4)), sendTargets(acts));
        for (TreeAction.Send s : sends(acts)) {
            assertEquals(1, decoded(s).sequence());
            assertSame(sends(acts).get(0).frame(), s.frame()); // one encoding shared by the sends
        }
        assertEquals(T0_MS + 120_000, x.nextDeadlineMs());
        x.onPeerDown(addr(4), T0_MS + 61_000);
        assertEquals(Long.MAX_VALUE, x.nextDeadlineMs());
        assertEquals(List.of(), x.poll(T0_MS + 120_000));
    }

    @Test
    @DisplayName("INTEROP.md 5.2: the periodic run re-evaluates the parent (a switch the hold-down held back is taken)")
    void periodicReevaluates() {
        TreeCore x = core(7, TreeConfig.defaults());
        TreeAnnounce r = root(id(0), 1, T0_MS);
        up(x, 6, T0_MS);
        up(x, 2, T0_MS);
        x.poll(T0_MS);
        x.poll(T0_MS + 500);
        feed(x, path(id(6), 1, T0_MS, addr(4), addr(3), addr(0)), T0_MS + 1000);
        assertEquals(List.of(), feed(x, child(id(2), 1, T0_MS, r), T0_MS + 2000)); // held down
        assertEquals(addr(6), x.parent());
        List<TreeAction> acts = x.poll(T0_MS + 60_500);
        assertEquals(new TreeAction.CoordsChanged(coords(7, 6, 4, 3, 0), coords(7, 2, 0)), coordsChanged(acts));
        assertEquals(List.of(addr(6), addr(2)), sendTargets(acts));
    }

    @Test
    @DisplayName("INTEROP.md 5.1 step 6: an accepted announce with a larger root is answered with our announce")
    void echoToLargerRoot() {
        TreeCore x = core(1, NO_PERIODIC);
        up(x, 6, T0_MS);
        up(x, 3, T0_MS);
        List<TreeAction> acts = feed(x, root(id(6), 1, T0_MS), T0_MS + 1000);
        assertEquals(List.of(addr(6)), sendTargets(acts));
        assertEquals(x.announcement(), decoded(acts.get(0)));
        // Same root as ours: no echo.
        acts = feed(x, child(id(3), 1, T0_MS, x.announcement()), T0_MS + 1000);
        assertEquals(List.of(new TreeAction.TreePeerChanged(addr(3), true)), acts);
        // A larger root inside the rate-limit gap: pending, sent by poll.
        assertEquals(List.of(), feed(x, root(id(6), 2, T0_MS), T0_MS + 1200));
        assertEquals(T0_MS + 1500, x.nextDeadlineMs());
        assertEquals(List.of(addr(6)), sendTargets(x.poll(T0_MS + 1500)));
        // Stale announces are not echoed.
        assertEquals(List.of(), feed(x, root(id(6), 2, T0_MS), T0_MS + 5000));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Outgoing filter\": tree peers are the parent and the peers naming us as parent")
    void treePeers() {
        TreeCore x = core(4, NO_PERIODIC);
        TreeAnnounce r = root(id(0), 1, T0_MS);
        up(x, 0, T0_MS);
        up(x, 6, T0_MS);
        up(x, 5, T0_MS);
        feed(x, r, T0_MS + 1000);
        assertTrue(x.isTreePeer(addr(0)));
        assertFalse(x.isTreePeer(addr(6)));
        TreeAnnounce xa = x.announcement();
        assertEquals(List.of(new TreeAction.TreePeerChanged(addr(6), true)),
                feed(x, child(id(6), 1, T0_MS, xa), T0_MS + 2000));
        assertEquals(List.of(), feed(x, child(id(5), 1, T0_MS, r), T0_MS + 2000));
        assertTrue(x.isTreePeer(addr(6)));
        assertFalse(x.isTreePeer(addr(5)));
        assertEquals(List.of(new TreeAction.TreePeerChanged(addr(6), false)),
                feed(x, child(id(6), 2, T0_MS, r), T0_MS + 3000));
        assertFalse(x.isTreePeer(addr(6)));
        assertFalse(x.isTreePeer(addr(3))); // not a peer at all
    }

    @Test
    @DisplayName("design/fips-spanning-tree.md \"Bounded State\": state is kept for current peers only")
    void stateOnlyForCurrentPeers() {
        TreeCore x = core(7, NO_PERIODIC);
        up(x, 5, T0_MS);
        feed(x, root(id(5), 9, T0_MS), T0_MS + 1000);
        assertEquals(List.of(addr(5)), x.peers());
        x.onPeerDown(addr(5), T0_MS + 2000);
        assertEquals(List.of(), x.peers());
        assertNull(x.peerCoords(addr(5)));
        assertNull(x.peerAnnouncement(addr(5)));
        assertTrue(x.isRoot());
        // Back with a restarted sequence: the first announce is accepted again (INTEROP.md 5.1 step 5).
        up(x, 5, T0_MS + 3000);
        feed(x, root(id(5), 1, T0_MS), T0_MS + 4000);
        assertEquals(1, x.peerAnnouncement(addr(5)).sequence());
        assertEquals(0, x.drops(TreeDrop.STALE));
        assertEquals(List.of(), x.onPeerDown(addr(3), T0_MS + 5000)); // unknown peer: nothing
    }

    @Test
    @DisplayName("STYLE.md rule 9: local misuse is an IllegalArgumentException naming the values")
    void misuse() {
        TreeCore x = core(7, NO_PERIODIC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> x.onPeerUp(addr(3), id(4).publicKey(), T0_MS));
        assertTrue(e.getMessage().contains("peer=" + addr(3)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.onPeerUp(addr(7), id(7).publicKey(), T0_MS));
        assertThrows(IllegalArgumentException.class, () -> x.onAnnounce(addr(3), new byte[10], 5, 6, T0_MS));
        assertThrows(IllegalArgumentException.class, () -> TreeConfig.defaults().withParentHysteresis(1.0));
        assertThrows(IllegalArgumentException.class, () -> TreeConfig.defaults().withMaxDepth(0));
    }
}
