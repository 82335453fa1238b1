package fips.fmp.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import fips.fmp.wire.AncestryEntry;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.TreeAnnounce;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Hand-built identities and signed announces for the core tests. */
final class TreeFixtures {
    private TreeFixtures() {}

    /** 2025-06-15T15:06:40Z, the schnorr.json timestamp. */
    static final long T0_MS = 1_750_000_000_000L;
    static final byte[] AUX = new byte[32];

    /** {@code n} identities from {@code seed}, ascending by NodeAddr. */
    static List<Identity> sortedIdentities(int n, long seed) {
        Random r = new Random(seed);
        List<Identity> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Identity.generate(r));
        }
        ids.sort(Comparator.comparing(Identity::nodeAddr));
        return List.copyOf(ids);
    }

    /** The body after msg_type, as LinkCore delivers it. */
    static byte[] body(TreeAnnounce a) {
        byte[] f = a.encode();
        return Arrays.copyOfRange(f, 1, f.length);
    }

    static TreeAnnounce root(Identity id, long seq, long nowMs) {
        long ts = nowMs / 1000;
        return TreeAnnounce.signed(id.secret(), seq, ts, id.nodeAddr(),
                List.of(new AncestryEntry(id.nodeAddr(), seq, ts)), AUX);
    }

    /** {@code id} declaring {@code parent}'s node as its parent: ancestry = self ‖ parent's ancestry. */
    static TreeAnnounce child(Identity id, long seq, long nowMs, TreeAnnounce parent) {
        long ts = nowMs / 1000;
        List<AncestryEntry> a = new ArrayList<>();
        a.add(new AncestryEntry(id.nodeAddr(), seq, ts));
        a.addAll(parent.ancestry());
        return TreeAnnounce.signed(id.secret(), seq, ts, parent.nodeAddr(), a, AUX);
    }

    /** {@code id} at the head of an arbitrary path (unchecked: for forged or stale ancestries). */
    static TreeAnnounce path(Identity id, long seq, long nowMs, NodeAddr... above) {
        long ts = nowMs / 1000;
        List<AncestryEntry> a = new ArrayList<>();
        a.add(new AncestryEntry(id.nodeAddr(), seq, ts));
        for (NodeAddr n : above) {
            a.add(new AncestryEntry(n, 1, ts));
        }
        NodeAddr parent = above.length == 0 ? id.nodeAddr() : above[0];
        return TreeAnnounce.signed(id.secret(), seq, ts, parent, a, AUX);
    }

    static List<TreeAction.Send> sends(List<TreeAction> actions) {
        List<TreeAction.Send> s = new ArrayList<>();
        for (TreeAction a : actions) {
            if (a instanceof TreeAction.Send send) {
                s.add(send);
            }
        }
        return s;
    }

    static List<NodeAddr> sendTargets(List<TreeAction> actions) {
        List<NodeAddr> s = new ArrayList<>();
        for (TreeAction.Send send : sends(actions)) {
            s.add(send.peer());
        }
        return s;
    }

    /** The one CoordsChanged among {@code actions}. */
    static TreeAction.CoordsChanged coordsChanged(List<TreeAction> actions) {
        List<TreeAction.CoordsChanged> c = new ArrayList<>();
        for (TreeAction a : actions) {
            if (a instanceof TreeAction.CoordsChanged cc) {
                c.add(cc);
            }
        }
        assertEquals(1, c.size(), "CoordsChanged actions in " + actions);
        return c.get(0);
    }

    /** Decodes a Send's frame, checking it is the announce it claims to be. */
    static TreeAnnounce decoded(TreeAction a) {
        TreeAction.Send s = assertInstanceOf(TreeAction.Send.class, a);
        try {
            TreeAnnounce t = TreeAnnounce.decode(s.frame(), 0, s.frame().length);
            assertEquals(s.announce(), t);
            return t;
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }
}
