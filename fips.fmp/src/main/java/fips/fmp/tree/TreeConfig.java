package fips.fmp.tree;

/**
 * Tuning knobs of the spanning tree, immutable and range-checked once
 * (STYLE.md rule 15). The defaults are the reference's values; each names
 * where it comes from. A value of 0 for {@code holdDownMs} or
 * {@code reevalIntervalMs} switches that mechanism off, as in the reference.
 *
 * @param holdDownMs after a parent is set, discretionary switches wait this long
 *     (INTEROP.md 5.2 "Hold-down 30 s"; design/fips-spanning-tree.md "Timing Parameters")
 * @param flapThreshold parent changes within {@code flapWindowMs} that start dampening
 *     (INTEROP.md 5.2 "≥ 4 parent changes within 60 s")
 * @param flapWindowMs the window the changes are counted in (INTEROP.md 5.2)
 * @param flapDampeningMs how long discretionary switches stay suppressed once dampening starts
 *     (INTEROP.md 5.2 "suppressed for 120 s")
 * @param reevalIntervalMs periodic re-evaluation and rebroadcast while the node has at least two peers
 *     (INTEROP.md 5.2 "periodic timer every 60 s", 5.4 "Periodic rebroadcast")
 * @param announceMinIntervalMs minimum gap between two announces to the same peer
 *     (INTEROP.md 5.4 "Rate limit: ≥ 500 ms")
 * @param parentHysteresis fraction of the current parent's effective depth a candidate must
 *     improve on for a discretionary switch (INTEROP.md 5.2 "best &lt; current × (1 − 0.2)")
 * @param maxDepth deepest declaration accepted from a peer and the deepest this node takes;
 *     a local bound, not a wire rule (see {@link #DEFAULT_MAX_DEPTH})
 */
public record TreeConfig(long holdDownMs, int flapThreshold, long flapWindowMs, long flapDampeningMs,
        long reevalIntervalMs, long announceMinIntervalMs, double parentHysteresis, int maxDepth) {

    public static final long DEFAULT_HOLD_DOWN_MS = 30_000; // INTEROP.md 5.2; src/proto/stp/limits.rs
    public static final int DEFAULT_FLAP_THRESHOLD = 4; // INTEROP.md 5.2
    public static final long DEFAULT_FLAP_WINDOW_MS = 60_000; // INTEROP.md 5.2
    public static final long DEFAULT_FLAP_DAMPENING_MS = 120_000; // INTEROP.md 5.2
    public static final long DEFAULT_REEVAL_INTERVAL_MS = 60_000; // INTEROP.md 5.2, 5.4 (reeval_interval_secs)
    public static final long DEFAULT_ANNOUNCE_MIN_INTERVAL_MS = 500; // INTEROP.md 5.4
    public static final double DEFAULT_PARENT_HYSTERESIS = 0.2; // INTEROP.md 5.2
    /**
     * Local bound on accepted depth; the wire allows 65 535 ancestry entries
     * (INTEROP.md 5.1 count u16). 256 is far beyond any tree that can be
     * announced at all: over the 1280-byte UDP default (INTEROP.md 9.2) a
     * TreeAnnounce frame ({@code 100 + 32·n} bytes plus 36 of link framing)
     * carries at most 35 entries, and even a 64 KiB frame only 2 044. It
     * keeps a peer's stored ancestry at 257 entries (8 KiB on the wire) and every per-announce scan
     * (semantic checks, loop check, coordinate copy) under 257 steps, so a
     * forged deep ancestry costs a bounded amount of work.
     */
    public static final int DEFAULT_MAX_DEPTH = 256;

    public TreeConfig {
        requireNonNegative("holdDownMs", holdDownMs);
        if (flapThreshold < 1) {
            throw new IllegalArgumentException("flapThreshold=" + flapThreshold + " must be >= 1");
        }
        requirePositive("flapWindowMs", flapWindowMs);
        requireNonNegative("flapDampeningMs", flapDampeningMs);
        requireNonNegative("reevalIntervalMs", reevalIntervalMs);
        requireNonNegative("announceMinIntervalMs", announceMinIntervalMs);
        if (!(parentHysteresis >= 0.0 && parentHysteresis < 1.0)) {
            throw new IllegalArgumentException("parentHysteresis=" + parentHysteresis + " must be in [0, 1)");
        }
        if (maxDepth < 1 || maxDepth > 65_534) {
            throw new IllegalArgumentException("maxDepth=" + maxDepth + " must be in [1, 65534]");
        }
    }

    /** The reference's defaults. */
    public static TreeConfig defaults() {
        return new TreeConfig(DEFAULT_HOLD_DOWN_MS, DEFAULT_FLAP_THRESHOLD, DEFAULT_FLAP_WINDOW_MS,
                DEFAULT_FLAP_DAMPENING_MS, DEFAULT_REEVAL_INTERVAL_MS, DEFAULT_ANNOUNCE_MIN_INTERVAL_MS,
                DEFAULT_PARENT_HYSTERESIS, DEFAULT_MAX_DEPTH);
    }

    public TreeConfig withHoldDownMs(long ms) {
        return new TreeConfig(ms, flapThreshold, flapWindowMs, flapDampeningMs, reevalIntervalMs,
                announceMinIntervalMs, parentHysteresis, maxDepth);
    }

    public TreeConfig withFlapDampening(int threshold, long windowMs, long dampeningMs) {
        return new TreeConfig(holdDownMs, threshold, windowMs, dampeningMs, reevalIntervalMs,
                announceMinIntervalMs, parentHysteresis, maxDepth);
    }

    public TreeConfig withReevalIntervalMs(long ms) {
        return new TreeConfig(holdDownMs, flapThreshold, flapWindowMs, flapDampeningMs, ms,
                announceMinIntervalMs, parentHysteresis, maxDepth);
    }

    public TreeConfig withAnnounceMinIntervalMs(long ms) {
        return new TreeConfig(holdDownMs, flapThreshold, flapWindowMs, flapDampeningMs, reevalIntervalMs,
                ms, parentHysteresis, maxDepth);
    }

    public TreeConfig withParentHysteresis(double h) {
        return new TreeConfig(holdDownMs, flapThreshold, flapWindowMs, flapDampeningMs, reevalIntervalMs,
                announceMinIntervalMs, h, maxDepth);
    }

    public TreeConfig withMaxDepth(int depth) {
        return new TreeConfig(holdDownMs, flapThreshold, flapWindowMs, flapDampeningMs, reevalIntervalMs,
                announceMinIntervalMs, parentHysteresis, depth);
    }

    private static void requireNonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + "=" + v + " must be >= 0");
        }
    }

    private static void requirePositive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + "=" + v + " must be > 0");
        }
    }
}
