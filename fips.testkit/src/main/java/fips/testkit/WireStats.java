package fips.testkit;

/**
 * Counters of one direction of a {@link SimWire} (or a sum of several), by
 * what happened to a packet and by {@link PacketKind}. Every packet handed to
 * a direction is counted {@link Count#SENT} once and then exactly one of
 * {@link Count#DELIVERED}, {@link Count#LOST}, {@link Count#TOO_BIG},
 * {@link Count#CUT} or {@link Count#VANISHED}; a duplicate adds one
 * {@link Count#DUPLICATED} and one more {@link Count#DELIVERED} or
 * {@link Count#VANISHED}. Packets still in flight are counted {@link Count#SENT} only.
 */
public final class WireStats {
    /** What happened to a packet. */
    public enum Count {
        /** Handed to the wire. */
        SENT,
        /** Handed to the receiving node's core. */
        DELIVERED,
        /** Dropped by the wire's loss rate. */
        LOST,
        /** Delivered a second time. */
        DUPLICATED,
        /** Longer than the wire's MTU. */
        TOO_BIG,
        /** Sent while the direction was cut (partition). */
        CUT,
        /** Arrived at a stopped node. */
        VANISHED
    }

    private static final int KINDS = PacketKind.values().length;
    private final long[] counts = new long[Count.values().length * KINDS];

    void add(Count c, PacketKind k) {
        counts[c.ordinal() * KINDS + k.ordinal()]++;
    }

    /** Packets of kind {@code k} counted as {@code c}. */
    public long get(Count c, PacketKind k) {
        return counts[c.ordinal() * KINDS + k.ordinal()];
    }

    /** Packets of any kind counted as {@code c}. */
    public long get(Count c) {
        long n = 0;
        for (int k = 0; k < KINDS; k++) n += counts[c.ordinal() * KINDS + k];
        return n;
    }

    public long sent() {
        return get(Count.SENT);
    }

    public long delivered() {
        return get(Count.DELIVERED);
    }

    public long lost() {
        return get(Count.LOST);
    }

    public long duplicated() {
        return get(Count.DUPLICATED);
    }

    public long tooBig() {
        return get(Count.TOO_BIG);
    }

    public long cut() {
        return get(Count.CUT);
    }

    public long vanished() {
        return get(Count.VANISHED);
    }

    /** Adds every counter of {@code other} to this one; returns this. */
    public WireStats plus(WireStats other) {
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
        return this;
    }

    /** A copy that no longer changes. */
    public WireStats snapshot() {
        return new WireStats().plus(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WireStats{");
        for (Count c : Count.values()) {
            long n = get(c);
            if (n == 0) continue;
            if (sb.length() > 10) sb.append(", ");
            sb.append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n);
        }
        return sb.append('}').toString();
    }
}
