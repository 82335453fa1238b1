package fips.fmp.internal;

import fips.identity.NodeAddr;
import java.util.Arrays;

/**
 * A hash map from a NodeAddr, given as its two longs, to a value: open
 * addressing with linear probing, so a lookup on the forwarding path
 * allocates nothing (a {@code HashMap<NodeAddr, V>} needs a key object per
 * probe). Not thread-safe; one owner.
 */
public final class NodeAddrMap<V> {
    private long[] his;
    private long[] los;
    private Object[] values;
    private int size;

    public NodeAddrMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        his = new long[cap];
        los = new long[cap];
        values = new Object[cap];
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public V get(long hi, long lo) {
        int mask = values.length - 1;
        for (int i = slot(hi, lo) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) return null;
            if (his[i] == hi && los[i] == lo) return (V) v;
        }
    }

    public V get(NodeAddr a) {
        return get(a.hi(), a.lo());
    }

    /** Binds {@code a} to {@code value} (non-null), replacing any previous value. */
    public void put(NodeAddr a, V value) {
        if (value == null) throw new IllegalArgumentException("null value for " + a);
        if ((size + 1) * 2 > values.length) grow();
        insert(a.hi(), a.lo(), value);
    }

    private void insert(long hi, long lo, Object value) {
        int mask = values.length - 1;
        for (int i = slot(hi, lo) & mask; ; i = (i + 1) & mask) {
            if (values[i] == null) {
                his[i] = hi;
                los[i] = lo;
                values[i] = value;
                size++;
                return;
            }
            if (his[i] == hi && los[i] == lo) {
                values[i] = value;
                return;
            }
        }
    }

    /** Removes {@code a}'s binding; returns the old value or null. */
    @SuppressWarnings("unchecked")
    public V remove(NodeAddr a) {
        long hi = a.hi(), lo = a.lo();
        int mask = values.length - 1;
        int i = slot(hi, lo) & mask;
        while (true) {
            if (values[i] == null) return null;
            if (his[i] == hi && los[i] == lo) break;
            i = (i + 1) & mask;
        }
        V old = (V) values[i];
        values[i] = null;
        size--;
        // Re-place the rest of the probe cluster (linear-probing deletion).
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            Object v = values[j];
            long h = his[j], l = los[j];
            values[j] = null;
            size--;
            insert(h, l, v);
        }
        return old;
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void grow() {
        long[] oh = his, ol = los;
        Object[] ov = values;
        his = new long[oh.length * 2];
        los = new long[ol.length * 2];
        values = new Object[ov.length * 2];
        size = 0;
        for (int i = 0; i < ov.length; i++) {
            if (ov[i] != null) insert(oh[i], ol[i], ov[i]);
        }
    }

    private static int slot(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32));
    }
}
