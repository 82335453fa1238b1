package fips.fmp.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import fips.identity.FipsAddress;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The identity cache (INTEROP.md 1.1 "Reverse lookup"). */
class IdentityCacheTest {
    private static PublicKey key(int seed) {
        return Identity.generate(new Random(seed)).publicKey();
    }

    @Test
    @DisplayName("operator view: most recently used first, limited, and listing does not count as use")
    void entriesView() {
        IdentityCache c = new IdentityCache(3);
        PublicKey k1 = key(1), k2 = key(2), k3 = key(3);
        c.put(k1);
        c.put(k2);
        c.put(k3);
        c.get(k1.nodeAddr()); // use
        assertEquals(java.util.List.of(k1, k3, k2), c.entries(10));
        assertEquals(java.util.List.of(k1, k3), c.entries(2));
        c.put(key(4)); // evicts the least recently used: k2, so listing did not touch it
        assertNull(c.get(k2.nodeAddr()));
    }

    @Test
    @DisplayName("INTEROP.md 1.1 \"Reverse lookup\": keyed by the 15-byte prefix, found from the IPv6 address or the NodeAddr")
    void byPrefix() {
        IdentityCache c = new IdentityCache();
        assertEquals(10_000, c.maxEntries());
        PublicKey k = key(1);
        c.put(k);
        assertSame(k, c.get(k.nodeAddr()));
        assertSame(k, c.get(k.fipsAddress()));
        assertSame(k, c.get(FipsAddress.fromBytes(k.fipsAddress().toBytes())));
        // The last NodeAddr byte is not part of the key.
        NodeAddr a = k.nodeAddr();
        NodeAddr sameFirst15 = new NodeAddr(a.hi(), a.lo() ^ 0xff);
        assertSame(k, c.get(sameFirst15));
        NodeAddr differentByte14 = new NodeAddr(a.hi(), a.lo() ^ 0x100);
        assertNull(c.get(differentByte14));
    }

    @Test
    @DisplayName("INTEROP.md 1.1 \"Reverse lookup\": LRU at capacity; a get counts as use; no TTL")
    void lru() {
        IdentityCache c = new IdentityCache(2);
        PublicKey a = key(1), b = key(2), d = key(3);
        c.put(a);
        c.put(b);
        c.get(a.nodeAddr()); // b is now least recently used
        c.put(d);
        assertEquals(2, c.size());
        assertNull(c.get(b.nodeAddr()));
        assertSame(a, c.get(a.nodeAddr()));
        assertSame(d, c.get(d.nodeAddr()));
        c.put(b); // a was used before d: a goes
        assertNull(c.get(a.nodeAddr()));
        assertSame(b, c.get(b.nodeAddr()));
    }
}
