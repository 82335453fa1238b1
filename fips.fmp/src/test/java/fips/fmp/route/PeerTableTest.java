package fips.fmp.route;

import static fips.fmp.route.RouteFixtures.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.bloom.BloomFilter;
import fips.fmp.route.RouteFixtures.FakeTree;
import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The per-peer arrays the router scans: membership, growth, swap-removal, setters. */
class PeerTableTest {
    @Test
    @DisplayName("add/remove keep every remaining peer findable with its own state through growth and swap-removal")
    void addRemoveGrow() {
        PeerTable t = new PeerTable(1);
        Random r = new Random(7);
        List<NodeAddr> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            NodeAddr a = new NodeAddr(r.nextLong(), r.nextLong());
            all.add(a);
            t.add(a, 1000 + i);
        }
        assertEquals(300, t.size());
        Set<NodeAddr> removed = new HashSet<>();
        for (int i = 0; i < 300; i += 3) {
            assertTrue(t.remove(all.get(i)));
            removed.add(all.get(i));
        }
        assertFalse(t.remove(all.get(0)));
        assertEquals(200, t.size());
        for (int i = 0; i < 300; i++) {
            NodeAddr a = all.get(i);
            assertEquals(!removed.contains(a), t.contains(a), "i=" + i);
            assertEquals(removed.contains(a) ? 0 : 1000 + i, t.linkMtu(a), "i=" + i);
            int p = t.find(a.hi(), a.lo());
            if (p >= 0) {
                assertSame(a, t.addr[p]);
                assertEquals(a.hi(), t.hi[p]);
                assertEquals(a.lo(), t.lo[p]);
            }
        }
        assertEquals(200, new HashSet<>(t.peers()).size());
    }

    @Test
    @DisplayName("INTEROP.md 5.2/5.5: a new peer is sendable, costs 1.0, has no coordinates or filter; re-adding keeps them")
    void defaultsAndUpsert() {
        PeerTable t = new PeerTable();
        NodeAddr a = addr("aa");
        t.add(a, 1280);
        int p = t.find(a.hi(), a.lo());
        assertTrue(t.sendable[p]);
        assertEquals(1.0, t.cost[p]);
        assertNull(t.coords[p]);
        assertNull(t.filter[p]);
        assertFalse(t.anyFilter());
        BloomFilter f = new BloomFilter();
        Coords c = Coords.of(a, addr("01"));
        assertTrue(t.setFilter(a, f));
        assertTrue(t.setCoords(a, c));
        assertTrue(t.setLinkCost(a, 2.5));
        assertTrue(t.setSendable(a, false));
        assertTrue(t.anyFilter());
        t.add(a, 1400);
        assertEquals(1, t.size());
        assertTrue(t.sendable[p]);
        assertEquals(1400, t.mtu[p]);
        assertEquals(2.5, t.cost[p]);
        assertSame(c, t.coords(a));
        assertSame(f, t.filter[p]);
        assertTrue(t.setFilter(a, null));
        assertFalse(t.anyFilter());
        t.setFilter(a, f);
        t.remove(a);
        assertFalse(t.anyFilter());
    }

    @Test
    @DisplayName("setters answer false for an unknown peer; bad MTU or cost is local misuse")
    void unknownAndMisuse() {
        PeerTable t = new PeerTable();
        NodeAddr a = addr("aa");
        assertFalse(t.setCoords(a, null));
        assertFalse(t.setFilter(a, new BloomFilter()));
        assertFalse(t.setLinkCost(a, 1));
        assertFalse(t.setSendable(a, true));
        assertFalse(t.setLinkMtu(a, 1280));
        assertThrows(IllegalArgumentException.class, () -> t.add(a, 0));
        t.add(a, 1);
        assertThrows(IllegalArgumentException.class, () -> t.setLinkMtu(a, -5));
        assertThrows(IllegalArgumentException.class, () -> t.setLinkCost(a, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> t.setLinkCost(a, -1));
        assertThrows(IllegalArgumentException.class, () -> t.setLinkCost(a, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new PeerTable(0));
    }

    @Test
    @DisplayName("syncCoords copies TreeView.peerCoords for every peer (null for peers without an accepted announce)")
    void syncCoords() {
        NodeAddr root = addr("01");
        NodeAddr a = addr("aa");
        NodeAddr b = addr("bb");
        FakeTree tree = new FakeTree(Coords.root(root));
        tree.peerCoords.put(a, Coords.of(a, root));
        PeerTable t = new PeerTable();
        t.add(a, 1280);
        t.add(b, 1280);
        t.setCoords(b, Coords.of(b, root));
        t.syncCoords(tree);
        assertEquals(Coords.of(a, root), t.coords(a));
        assertNull(t.coords(b));
    }
}
