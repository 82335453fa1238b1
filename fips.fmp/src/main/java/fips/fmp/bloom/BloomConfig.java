package fips.fmp.bloom;

/**
 * The local knobs of {@link BloomState} ({@code node.bloom.*}; INTEROP.md 6).
 * Not on the wire: two nodes with different values still interoperate.
 *
 * @param maxInboundFpr    {@code node.bloom.max_inbound_fpr}: an inbound filter whose
 *                         {@code fill^k} is above it is rejected (INTEROP.md 6 "Anti-poison");
 *                         also the cap of the mesh size estimate
 * @param updateDebounceMs {@code node.bloom.update_debounce_ms}: least time between two
 *                         FilterAnnounces to the same peer (INTEROP.md 6 "When sent")
 */
public record BloomConfig(double maxInboundFpr, long updateDebounceMs) {
    /** INTEROP.md 6 "When sent": {@code update_debounce_ms} default. */
    public static final long DEFAULT_UPDATE_DEBOUNCE_MS = 500;

    public BloomConfig {
        if (!(maxInboundFpr > 0 && maxInboundFpr <= 1)) {
            throw new IllegalArgumentException("maxInboundFpr=" + maxInboundFpr + " outside (0, 1]");
        }
        if (updateDebounceMs < 0) {
            throw new IllegalArgumentException("updateDebounceMs=" + updateDebounceMs + " is negative");
        }
    }

    /** 0.20 and 500 ms, the reference node's defaults. */
    public static BloomConfig defaults() {
        return new BloomConfig(BloomFilter.DEFAULT_MAX_INBOUND_FPR, DEFAULT_UPDATE_DEBOUNCE_MS);
    }

    public BloomConfig withMaxInboundFpr(double fpr) {
        return new BloomConfig(fpr, updateDebounceMs);
    }

    public BloomConfig withUpdateDebounceMs(long ms) {
        return new BloomConfig(maxInboundFpr, ms);
    }
}
