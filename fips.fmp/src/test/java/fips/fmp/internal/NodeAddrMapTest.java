package fips.fmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fips.identity.NodeAddr;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeAddrMapTest {
    @Test
    @DisplayName("agrees with a HashMap under random puts, removes and lookups, across growth and probe clusters")
    void behavesLikeAMap() {
        Random r = new Random(9);
        NodeAddrMap<Integer> m = new NodeAddrMap<>(4);
        Map<NodeAddr, Integer> ref = new HashMap<>();
        NodeAddr[] keys = new NodeAddr[500];
        for (int i = 0; i < keys.length; i++) {
            // Few distinct high words so that many keys collide in the low bits of the hash.
            keys[i] = new NodeAddr(r.nextInt(4), r.nextLong());
        }
        for (int step = 0; step < 20_000; step++) {
            NodeAddr k = keys[r.nextInt(keys.length)];
            switch (r.nextInt(3)) {
                case 0 -> {
                    m.put(k, step);
                    ref.put(k, step);
                }
                case 1 -> assertEquals(ref.remove(k), m.remove(k));
                default -> assertEquals(ref.get(k), m.get(k.hi(), k.lo()));
            }
            assertEquals(ref.size(), m.size());
        }
        for (NodeAddr k : keys) assertEquals(ref.get(k), m.get(k));
        m.clear();
        assertEquals(0, m.size());
        assertNull(m.get(keys[0]));
    }
}
