package fips.transport.udp.internal;

import fips.link.spi.TransportAddr;

/**
 * Source-address cache for the receive thread: maps the raw key bytes of a
 * datagram's source ({@link UdpAddrs} layout) to one shared
 * {@link TransportAddr}, so steady-state receive allocates nothing.
 *
 * <p>Open addressing over a power-of-two table, looked up with
 * {@link TransportAddr#matches}; a miss creates the address once. When all
 * {@link #PROBES} slots of a key's window are taken, a round-robin victim in
 * the window is replaced, so memory stays bounded however many sources send
 * (a spoofing flood costs allocation, never growth). One thread only.
 */
final class AddrCache {
    static final int PROBES = 4;

    private final TransportAddr[] slots;
    private final int mask;
    private int victim;
    private long misses;

    /** @param capacity slots, a power of two */
    AddrCache(int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < PROBES) {
            throw new IllegalArgumentException("capacity=" + capacity);
        }
        slots = new TransportAddr[capacity];
        mask = capacity - 1;
    }

    /** The address for {@code key[0..len)}, cached or created. */
    TransportAddr get(byte[] key, int len) {
        int h = hash(key, len);
        int free = -1;
        for (int p = 0; p < PROBES; p++) {
            int i = (h + p) & mask;
            TransportAddr a = slots[i];
            if (a == null) {
                if (free < 0) {
                    free = i;
                }
            } else if (a.matches(key, 0, len)) {
                return a;
            }
        }
        misses++;
        TransportAddr created = UdpAddrs.fromKey(key, len);
        if (free < 0) {
            free = (h + victim) & mask;
            victim = (victim + 1) % PROBES;
        }
        slots[free] = created;
        return created;
    }

    /** Lookups that had to create an address (for tests). */
    long misses() {
        return misses;
    }

    private static int hash(byte[] key, int len) {
        int h = 0x811c9dc5;
        for (int i = 0; i < len; i++) {
            h = (h ^ (key[i] & 0xff)) * 0x01000193; // FNV-1a
        }
        return h ^ (h >>> 16);
    }
}
