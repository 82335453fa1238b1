package fips.testkit;

/**
 * How one direction of a {@link SimWire} treats the packets put on it.
 * Immutable; derive variants with the {@code with*} methods.
 *
 * <p>A packet sent at {@code t} is, in this order: dropped if the direction is
 * cut ({@link WireStats.Count#CUT}); dropped if longer than {@code mtuBytes}
 * ({@link WireStats.Count#TOO_BIG}); lost with probability {@code loss}
 * ({@link WireStats.Count#LOST}); otherwise delivered at
 * {@code t + latencyMs + U[0, jitterMs]}, plus {@code reorderDelayMs} with
 * probability {@code reorder}; and with probability {@code duplicate} a second
 * copy is delivered after its own independently drawn delay
 * ({@link WireStats.Count#DUPLICATED}). Jitter alone may reorder packets, as on
 * a real path. A random number is drawn only for a rate above zero, so an
 * ideal wire consumes none.
 *
 * @param latencyMs fixed one-way delay, {@code >= 0}
 * @param jitterMs extra delay drawn uniformly from {@code [0, jitterMs]}, {@code >= 0}
 * @param loss probability that a packet is lost, in {@code [0, 1]}
 * @param duplicate probability that a delivered packet is delivered twice, in {@code [0, 1]}
 * @param reorder probability that a packet is held back by {@code reorderDelayMs}, in {@code [0, 1]}
 * @param reorderDelayMs the hold-back of a reordered packet, {@code >= 0}
 * @param mtuBytes the largest packet the wire carries, {@code > 0}
 */
public record NetConditions(long latencyMs, long jitterMs, double loss, double duplicate, double reorder,
                            long reorderDelayMs, int mtuBytes) {

    /** 10 ms one way, nothing lost, no MTU below the transports' own. */
    public static final NetConditions DEFAULT = new NetConditions(10, 0, 0, 0, 0, 0, Integer.MAX_VALUE);

    public NetConditions {
        if (latencyMs < 0) throw new IllegalArgumentException("latencyMs=" + latencyMs + " must be >= 0");
        if (jitterMs < 0) throw new IllegalArgumentException("jitterMs=" + jitterMs + " must be >= 0");
        probability("loss", loss);
        probability("duplicate", duplicate);
        probability("reorder", reorder);
        if (reorderDelayMs < 0) throw new IllegalArgumentException("reorderDelayMs=" + reorderDelayMs + " must be >= 0");
        if (mtuBytes <= 0) throw new IllegalArgumentException("mtuBytes=" + mtuBytes + " must be > 0");
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(name + "=" + p + " must be in [0, 1]");
    }

    /** {@link #DEFAULT} with another latency. */
    public static NetConditions latency(long latencyMs) {
        return DEFAULT.withLatency(latencyMs, 0);
    }

    public NetConditions withLatency(long latencyMs, long jitterMs) {
        return new NetConditions(latencyMs, jitterMs, loss, duplicate, reorder, reorderDelayMs, mtuBytes);
    }

    public NetConditions withLoss(double loss) {
        return new NetConditions(latencyMs, jitterMs, loss, duplicate, reorder, reorderDelayMs, mtuBytes);
    }

    public NetConditions withDuplicate(double duplicate) {
        return new NetConditions(latencyMs, jitterMs, loss, duplicate, reorder, reorderDelayMs, mtuBytes);
    }

    public NetConditions withReorder(double reorder, long reorderDelayMs) {
        return new NetConditions(latencyMs, jitterMs, loss, duplicate, reorder, reorderDelayMs, mtuBytes);
    }

    public NetConditions withMtu(int mtuBytes) {
        return new NetConditions(latencyMs, jitterMs, loss, duplicate, reorder, reorderDelayMs, mtuBytes);
    }
}
