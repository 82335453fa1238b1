package fips.testkit;

import java.util.Arrays;

/**
 * An open-addressing map from a non-negative int to an object, so that the
 * per-packet lookup of a wire by the destination's node index neither boxes
 * nor allocates. No removal: wires are never taken away, only cut.
 */
final class IntMap<V> {
    private int[] keys = new int[8];
    private Object[] values = new Object[8];
    private int size;

    IntMap() {
        Arrays.fill(keys, -1);
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) return (V) values[i];
            if (k == -1) return null;
        }
    }

    void put(int key, V value) {
        if (key < 0) throw new IllegalArgumentException("key=" + key + " must be >= 0");
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == -1) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    private void grow() {
        int[] ok = keys;
        Object[] ov = values;
        keys = new int[ok.length * 2];
        Arrays.fill(keys, -1);
        values = new Object[ov.length * 2];
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != -1) {
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
