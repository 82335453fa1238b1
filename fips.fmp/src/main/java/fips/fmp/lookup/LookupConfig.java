package fips.fmp.lookup;

import java.util.List;

/**
 * The local knobs of {@link LookupCore} ({@code node.lookup.*}, INTEROP.md 7
 * and 14 [D10]). Immutable; ranges are checked here, once.
 *
 * @param ttl                  {@code node.lookup.ttl}: the TTL an originated request starts with
 * @param attemptTimeoutsMs    {@code node.lookup.attempt_timeouts_secs} in ms: one entry per attempt,
 *                             how long that attempt waits before the next one (or failure)
 * @param recentExpiryMs       {@code node.lookup.recent_expiry_secs} in ms: how long a request_id is
 *                             remembered for dedup and the reverse path
 * @param maxRecentRequests    capacity of the request_id table; a new request beyond it is dropped
 * @param forwardMinIntervalMs {@code node.lookup.forward_min_interval_secs} in ms: least time between
 *                             two forwards of requests for the same target
 */
public record LookupConfig(int ttl, List<Long> attemptTimeoutsMs, long recentExpiryMs, int maxRecentRequests,
        long forwardMinIntervalMs) {

    /** INTEROP.md 7 "Defaults". */
    public static final int DEFAULT_TTL = 64;
    /** INTEROP.md 7 "Retry". */
    public static final List<Long> DEFAULT_ATTEMPT_TIMEOUTS_MS = List.of(1_000L, 2_000L, 4_000L, 8_000L);
    /** INTEROP.md 7 "Receive" (1). */
    public static final long DEFAULT_RECENT_EXPIRY_MS = 10_000;
    /** INTEROP.md 7 "Receive" (3). */
    public static final int DEFAULT_MAX_RECENT_REQUESTS = 4096;
    /** INTEROP.md 7 "Receive" (7). */
    public static final long DEFAULT_FORWARD_MIN_INTERVAL_MS = 2_000;

    public LookupConfig {
        if (ttl < 0 || ttl > 0xff) {
            throw new IllegalArgumentException("ttl=" + ttl + " outside 0..255 (a u8 on the wire)");
        }
        attemptTimeoutsMs = List.copyOf(attemptTimeoutsMs);
        if (attemptTimeoutsMs.isEmpty()) {
            throw new IllegalArgumentException("attemptTimeoutsMs is empty; at least one attempt is needed");
        }
        for (int i = 0; i < attemptTimeoutsMs.size(); i++) {
            if (attemptTimeoutsMs.get(i) <= 0) {
                throw new IllegalArgumentException("attemptTimeoutsMs[" + i + "]=" + attemptTimeoutsMs.get(i)
                        + " must be > 0");
            }
        }
        if (recentExpiryMs <= 0) {
            throw new IllegalArgumentException("recentExpiryMs=" + recentExpiryMs + " must be > 0");
        }
        if (maxRecentRequests < 1) {
            throw new IllegalArgumentException("maxRecentRequests=" + maxRecentRequests + " must be >= 1");
        }
        if (forwardMinIntervalMs < 0) {
            throw new IllegalArgumentException("forwardMinIntervalMs=" + forwardMinIntervalMs + " is negative");
        }
    }

    /** The reference node's defaults. */
    public static LookupConfig defaults() {
        return new LookupConfig(DEFAULT_TTL, DEFAULT_ATTEMPT_TIMEOUTS_MS, DEFAULT_RECENT_EXPIRY_MS,
                DEFAULT_MAX_RECENT_REQUESTS, DEFAULT_FORWARD_MIN_INTERVAL_MS);
    }

    public LookupConfig withTtl(int newTtl) {
        return new LookupConfig(newTtl, attemptTimeoutsMs, recentExpiryMs, maxRecentRequests, forwardMinIntervalMs);
    }

    public LookupConfig withAttemptTimeoutsMs(List<Long> timeouts) {
        return new LookupConfig(ttl, timeouts, recentExpiryMs, maxRecentRequests, forwardMinIntervalMs);
    }

    public LookupConfig withMaxRecentRequests(int max) {
        return new LookupConfig(ttl, attemptTimeoutsMs, recentExpiryMs, max, forwardMinIntervalMs);
    }
}
