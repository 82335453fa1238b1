package fips.fmp.wire;

/**
 * Result of {@link FilterAnnounce#checkInbound(double)}: the anti-poison
 * validation of a decoded FilterAnnounce (INTEROP.md 6 "Anti-poison"). The
 * per-peer sequence rule (INTEROP.md 6 "Sequence") needs state and belongs to
 * the bloom core.
 */
public enum FilterAnnounceCheck {
    OK,
    /** {@code fill_ratio^k} is above the configured maximum: reject the filter. */
    FPR_TOO_HIGH
}
