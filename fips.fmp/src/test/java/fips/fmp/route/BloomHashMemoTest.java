package fips.fmp.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fips.fmp.bloom.BloomKey;
import fips.identity.NodeAddr;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The destination-hash memo gives exactly BloomKey's hashes (INTEROP.md 6 "Hash positions"), cached or not. */
class BloomHashMemoTest {
    @Test
    @DisplayName("INTEROP.md 6: (h1, h2) equal BloomKey.of for every address, on a miss and on a hit")
    void matchesBloomKey() {
        BloomHashMemo m = new BloomHashMemo(8);
        Random r = new Random(9);
        for (int i = 0; i < 200; i++) {
            NodeAddr a = new NodeAddr(r.nextLong(), r.nextLong());
            BloomKey k = BloomKey.of(a);
            m.hash(a.hi(), a.lo());
            assertEquals(k.h1(), m.h1);
            assertEquals(k.h2(), m.h2);
            m.hash(a.hi(), a.lo());
            assertEquals(k.h1(), m.h1);
            assertEquals(k.h2(), m.h2);
        }
        assertEquals(200, m.misses);
    }

    @Test
    @DisplayName("two addresses in one set both stay; a third evicts the least recently used")
    void twoWays() {
        BloomHashMemo m = new BloomHashMemo(2); // one set
        m.hash(1, 1);
        m.hash(2, 2);
        m.hash(1, 1);
        m.hash(2, 2);
        assertEquals(2, m.misses);
        m.hash(1, 1); // 1 most recent, so 3 replaces 2
        m.hash(3, 3);
        m.hash(1, 1);
        assertEquals(3, m.misses);
        m.hash(2, 2);
        assertEquals(4, m.misses);
        assertEquals(BloomKey.of(new NodeAddr(2, 2)).h1(), m.h1);
        assertThrows(IllegalArgumentException.class, () -> new BloomHashMemo(1));
        assertThrows(IllegalArgumentException.class, () -> new BloomHashMemo(6));
    }

    @Test
    @DisplayName("INTEROP.md 6: a growing memo keeps giving BloomKey's hashes, keeps what it held, and stops at its maximum")
    void growsOnDemand() {
        BloomHashMemo m = new BloomHashMemo(4, 64);
        assertEquals(4, m.entries());
        // A working set that fits: no growth however often it is used.
        for (int round = 0; round < 50; round++) {
            m.hash(1, 0);
            m.hash(2, 1);
        }
        assertEquals(4, m.entries());
        assertEquals(2, m.misses);
        // A stream of new addresses: the memo doubles after evicting as many live entries as it holds.
        Random r = new Random(5);
        NodeAddr[] seen = new NodeAddr[1000];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new NodeAddr(r.nextLong(), r.nextLong());
            m.hash(seen[i].hi(), seen[i].lo());
            BloomKey k = BloomKey.of(seen[i]);
            assertEquals(k.h1(), m.h1, "i=" + i);
            assertEquals(k.h2(), m.h2, "i=" + i);
        }
        assertEquals(64, m.entries());
        // The last address hashed survived every resize: a hit, with the right hashes.
        long misses = m.misses;
        NodeAddr last = seen[seen.length - 1];
        m.hash(last.hi(), last.lo());
        assertEquals(misses, m.misses);
        assertEquals(BloomKey.of(last).h1(), m.h1);
        // 16 addresses, each in its own set of the 64-entry memo: all hits the second time round.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 16; i++) {
                m.hash(7, i);
                assertEquals(BloomKey.of(new NodeAddr(7, i)).h2(), m.h2);
            }
        }
        assertEquals(misses + 16, m.misses);
        assertThrows(IllegalArgumentException.class, () -> new BloomHashMemo(8, 4));
        assertThrows(IllegalArgumentException.class, () -> new BloomHashMemo(8, 24));
    }

    @Test
    @DisplayName("a resize keeps every entry of the old table: a full memo of 8 grown to 16 still hits all 8")
    void resizeKeepsEntries() {
        BloomHashMemo m = new BloomHashMemo(8, 16);
        // Eight addresses filling the four sets of 8 entries exactly (set = lo & 3), two per set.
        for (int i = 0; i < 8; i++) {
            m.hash(9, i);
        }
        assertEquals(8, m.misses);
        // Eight more evict eight live entries: the eighth eviction doubles the table.
        for (int i = 8; i < 16; i++) {
            m.hash(9, i);
        }
        assertEquals(16, m.entries());
        // Now 16 addresses in 8 sets of two: 8..15 were put last and are all held.
        long misses = m.misses;
        for (int i = 8; i < 16; i++) {
            m.hash(9, i);
        }
        assertEquals(misses, m.misses);
    }
}
