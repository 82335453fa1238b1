package fips.fmp.link;

import java.util.Random;

/**
 * Session indices (INTEROP.md 3.5): random u32 values unique among those this
 * node holds, one table for all transports, and the O(1) receive dispatch from
 * receiver_idx to the session (INTEROP.md 3.2). Open addressing on an int key,
 * so a lookup on the receive path allocates nothing.
 */
final class IndexTable<V> {
    private int[] keys;
    private Object[] values;
    private int size;

    IndexTable() {
        keys = new int[64];
        values = new Object[64];
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) return null;
            if (keys[i] == key) return (V) v;
        }
    }

    /**
     * Draws a fresh random index not in use, binds it to {@code value}.
     *
     * @throws IllegalStateException after {@link LinkConfig#INDEX_ATTEMPTS} collisions
     */
    int allocate(Random rng, V value) {
        for (int a = 0; a < LinkConfig.INDEX_ATTEMPTS; a++) {
            int k = rng.nextInt();
            if (get(k) == null) {
                put(k, value);
                return k;
            }
        }
        throw new IllegalStateException("could not draw an unused session index after " + LinkConfig.INDEX_ATTEMPTS + " attempts");
    }

    void put(int key, V value) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    void remove(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (true) {
            if (values[i] == null) return;
            if (keys[i] == key) break;
            i = (i + 1) & mask;
        }
        values[i] = null;
        size--;
        // Re-insert the rest of the cluster (linear probing deletion).
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int k = keys[j];
            Object v = values[j];
            values[j] = null;
            size--;
            @SuppressWarnings("unchecked") V vv = (V) v;
            put(k, vv);
        }
    }

    private void grow() {
        int[] ok = keys;
        Object[] ov = values;
        keys = new int[ok.length * 2];
        values = new Object[ov.length * 2];
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ov[i] != null) {
                @SuppressWarnings("unchecked") V v = (V) ov[i];
                put(ok[i], v);
            }
        }
    }

    private static int mix(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
