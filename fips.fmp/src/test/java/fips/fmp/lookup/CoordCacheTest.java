package fips.fmp.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The coordinate cache (INTEROP.md 7 "Coord cache", 5.5, 15 [D7]). */
class CoordCacheTest {
    private static NodeAddr addr(int i) {
        return new NodeAddr(0xc0_0000_0000_0000L + i, i);
    }

    private static final NodeAddr ROOT = addr(0);

    private static Coords coords(int i) {
        return Coords.of(addr(i), ROOT);
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Coord cache\": defaults 50 000 entries and 300 s")
    void defaults() {
        CoordCache c = new CoordCache();
        assertEquals(50_000, c.maxEntries());
        assertEquals(300_000, c.ttlMs());
        assertEquals(0, c.size());
    }

    @Test
    @DisplayName("operator view: live entries most recently used first, limited, expired ones skipped and counted, nothing refreshed")
    void entriesView() {
        CoordCache c = new CoordCache(10, 1_000);
        c.insert(addr(1), coords(1), 0);
        c.insert(addr(2), coords(2), 1400, 100);
        c.insert(addr(3), coords(3), 900);
        assertEquals(coords(1), c.getAndTouch(addr(1), 950)); // most recently used now
        List<CoordCache.EntryView> v = c.entries(10, 1_050); // all live: addr(2) expires at 100 + 1 000
        assertEquals(List.of(addr(1), addr(3), addr(2)), v.stream().map(CoordCache.EntryView::addr).toList());
        assertEquals(1400, v.get(2).pathMtu());
        assertEquals(100, v.get(2).insertedMs());
        assertEquals(950, v.get(0).lastUsedMs());
        assertEquals(2, c.entries(2, 1_050).size());
        assertEquals(0, c.expiredCount(1_050));
        assertEquals(List.of(addr(1), addr(3)), c.entries(10, 1_200).stream().map(CoordCache.EntryView::addr).toList());
        assertEquals(1, c.expiredCount(1_200), "addr(2) expired at 1 100 but is still held");
        assertEquals(3, c.size(), "the view removes nothing");
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Coord cache\": an entry lives TTL from insert, expired on access after that, and is removed then")
    void ttl() {
        CoordCache c = new CoordCache(10, 1_000);
        c.insert(addr(1), coords(1), 0);
        assertEquals(coords(1), c.get(addr(1), 1_000));
        assertEquals(1, c.size());
        assertNull(c.get(addr(1), 1_001));
        assertEquals(0, c.size(), "removed on access");
        c.insert(addr(2), coords(2), 0);
        assertNull(c.getAndTouch(addr(2), 1_001));
        assertEquals(0, c.size());
        c.insert(addr(3), coords(3), 0);
        assertFalse(c.contains(addr(3), 5_000));
        assertEquals(0, c.size());
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Coord cache\": insert/update resets the TTL; get_and_touch refreshes it; get does not")
    void refresh() {
        CoordCache c = new CoordCache(10, 1_000);
        c.insert(addr(1), coords(1), 0);
        c.insert(addr(1), Coords.of(addr(1), addr(9), ROOT), 800);
        assertEquals(1, c.size());
        assertEquals(1_800, c.expiresAtMs(addr(1)));
        assertEquals(Coords.of(addr(1), addr(9), ROOT), c.get(addr(1), 1_500));
        assertEquals(1_800, c.expiresAtMs(addr(1)), "get does not refresh");
        assertEquals(Coords.of(addr(1), addr(9), ROOT), c.getAndTouch(addr(1), 1_700));
        assertEquals(2_700, c.expiresAtMs(addr(1)));
        assertTrue(c.contains(addr(1), 2_700));
        assertFalse(c.contains(addr(1), 2_701));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Originator\": the path MTU rides with the coords; a plain update keeps it")
    void pathMtu() {
        CoordCache c = new CoordCache(10, 1_000);
        c.insert(addr(1), coords(1), 1_280, 0);
        assertEquals(1_280, c.pathMtu(addr(1), 0));
        c.insert(addr(1), coords(1), 10);
        assertEquals(1_280, c.pathMtu(addr(1), 10));
        c.insert(addr(1), coords(1), 1_400, 20);
        assertEquals(1_400, c.pathMtu(addr(1), 20));
        c.insert(addr(2), coords(2), 20);
        assertEquals(CoordCache.NO_PATH_MTU, c.pathMtu(addr(2), 20));
        assertEquals(CoordCache.NO_PATH_MTU, c.pathMtu(addr(3), 20));
        assertThrows(IllegalArgumentException.class, () -> c.insert(addr(1), coords(1), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> c.insert(addr(1), coords(1), 65_536, 0));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Coord cache\": when full, the entry idle longest goes; a touch or update makes an entry young")
    void evictLongestIdle() {
        CoordCache c = new CoordCache(3, 10_000);
        c.insert(addr(1), coords(1), 0);
        c.insert(addr(2), coords(2), 10);
        c.insert(addr(3), coords(3), 20);
        c.getAndTouch(addr(1), 30); // 2 is now the longest idle
        c.get(addr(2), 35); // a plain get does not count as use
        c.insert(addr(4), coords(4), 40);
        assertEquals(3, c.size());
        assertFalse(c.contains(addr(2), 40));
        assertTrue(c.contains(addr(1), 40));
        c.insert(addr(3), coords(3), 50); // update: 1 is now the longest idle
        c.insert(addr(5), coords(5), 60);
        assertFalse(c.contains(addr(1), 60));
        assertTrue(c.contains(addr(3), 60));
        assertTrue(c.contains(addr(4), 60));
        assertTrue(c.contains(addr(5), 60));
        assertEquals(2, c.evictedIdle());
        assertEquals(0, c.evictedExpired());
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Coord cache\": when full, an expired entry goes before any live one")
    void evictExpiredFirst() {
        CoordCache c = new CoordCache(2, 100);
        c.insert(addr(1), coords(1), 0);
        c.insert(addr(2), coords(2), 50);
        c.insert(addr(3), coords(3), 150); // 1 expired at 100, 2 is live until 150
        assertFalse(c.contains(addr(1), 150));
        assertTrue(c.contains(addr(2), 150));
        assertTrue(c.contains(addr(3), 150));
        assertEquals(1, c.evictedExpired());
        assertEquals(0, c.evictedIdle());
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Coord cache\": capacity holds under churn; each operation is O(1) (200 000 inserts into 50 000)")
    void capacityUnderChurn() {
        CoordCache c = new CoordCache();
        for (int i = 0; i < 200_000; i++) {
            c.insert(addr(i), coords(i), i);
            if (i % 3 == 0) c.getAndTouch(addr(i / 2), i);
        }
        assertEquals(50_000, c.size());
        assertEquals(150_000, c.evictedIdle() + c.evictedExpired());
        assertTrue(c.contains(addr(199_999), 200_000));
        assertFalse(c.contains(addr(0), 200_000));
    }

    @Test
    @DisplayName("INTEROP.md 5.5, 15 [D7]: a parent change removes entries through this node; a root change removes other roots; nothing else")
    void treeChangePruning() {
        CoordCache c = new CoordCache(10, 1_000);
        NodeAddr me = addr(100);
        NodeAddr otherRoot = addr(200);
        c.insert(addr(1), Coords.of(addr(1), me, ROOT), 0);
        c.insert(addr(2), Coords.of(addr(2), ROOT), 0);
        c.insert(addr(3), Coords.of(addr(3), otherRoot), 0);
        c.insert(addr(4), Coords.of(addr(4), addr(5), me, addr(6), ROOT), 0);
        assertEquals(2, c.removeContaining(me));
        assertEquals(2, c.size());
        assertEquals(1, c.removeOtherRoots(ROOT));
        assertEquals(1, c.size());
        assertTrue(c.contains(addr(2), 0));
        assertTrue(c.remove(addr(2)));
        assertFalse(c.remove(addr(2)));
        c.insert(addr(7), coords(7), 0);
        c.insert(addr(8), coords(8), 500);
        assertEquals(1, c.purgeExpired(1_001));
        assertEquals(1, c.size());
        c.clear();
        assertEquals(0, c.size());
    }
}
