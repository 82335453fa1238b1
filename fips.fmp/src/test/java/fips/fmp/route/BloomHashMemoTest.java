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
}
