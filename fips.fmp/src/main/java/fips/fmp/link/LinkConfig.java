package fips.fmp.link;

/**
 * The link-layer tunables, with the defaults of reference/configuration.md
 * ("node.*", "node.rate_limit.*", "node.rekey.*", "node.retry.*") and the
 * fixed constants INTEROP.md 3 reads off the reference implementation.
 * Immutable; build variants with the {@code with*} methods.
 */
public record LinkConfig(
        long heartbeatIntervalMs,
        long deadTimeoutMs,
        long handshakeTimeoutMs,
        long handshakeResendIntervalMs,
        double handshakeResendBackoff,
        int handshakeMaxResends,
        boolean rekeyEnabled,
        long rekeyAfterMs,
        long rekeyAfterMessages,
        long rekeyJitterMs,
        int maxPeers,
        int maxPendingInbound,
        double handshakeBurst,
        double handshakeRatePerSec,
        double establishedHandshakeBurst,
        double establishedHandshakeRatePerSec,
        int retryMaxRetries,
        long retryBaseIntervalMs,
        long retryMaxBackoffMs) {

    /** INTEROP.md 3.8 "Drain": the old session is kept 10 s after cutover. */
    public static final long DRAIN_WINDOW_MS = 10_000;
    /** INTEROP.md 3.8 "Dampening": no own rekey for 30 s after answering one. */
    public static final long REKEY_DAMPENING_MS = 30_000;
    /** INTEROP.md 3.4: consecutive decrypt failures (or replays) that remove a peer. */
    public static final int DECRYPT_FAILURE_THRESHOLD = 20;
    /** INTEROP.md 3.5: attempts to draw an unused random index. */
    public static final int INDEX_ATTEMPTS = 100;

    public static LinkConfig defaults() {
        int maxPeers = 128;
        long rekeyAfterSecs = 120;
        int maxResends = 5;
        return new LinkConfig(
                10_000, 30_000,
                30_000, 1_000, 2.0, maxResends,
                true, rekeyAfterSecs * 1000, 65_536, 15_000,
                maxPeers, 1000,
                100, 10.0,
                // reference/configuration.md node.rate_limit.established_handshake_*: derived defaults
                maxPeers, Math.max(1.0, (double) maxPeers / Math.max(rekeyAfterSecs, 1) * (1 + maxResends)),
                5, 5_000, 300_000);
    }

    public LinkConfig {
        positive("node.heartbeat_interval_secs", heartbeatIntervalMs);
        positive("node.link_dead_timeout_secs", deadTimeoutMs);
        positive("node.rate_limit.handshake_timeout_secs", handshakeTimeoutMs);
        positive("node.rate_limit.handshake_resend_interval_ms", handshakeResendIntervalMs);
        if (!(handshakeResendBackoff >= 1.0)) {
            throw new IllegalArgumentException("node.rate_limit.handshake_resend_backoff must be >= 1.0, got " + handshakeResendBackoff);
        }
        if (handshakeMaxResends < 0) {
            throw new IllegalArgumentException("node.rate_limit.handshake_max_resends must be >= 0, got " + handshakeMaxResends);
        }
        positive("node.rekey.after_secs", rekeyAfterMs);
        positive("node.rekey.after_messages", rekeyAfterMessages);
        if (rekeyJitterMs < 0 || rekeyJitterMs >= rekeyAfterMs) {
            throw new IllegalArgumentException("rekey jitter must be in [0, after_secs): rekeyJitterMs=" + rekeyJitterMs);
        }
        positive("node.limits.max_peers", maxPeers);
        positive("max pending inbound handshakes", maxPendingInbound);
        if (!(handshakeBurst >= 1) || !(handshakeRatePerSec > 0) || !(establishedHandshakeBurst >= 1)
                || !(establishedHandshakeRatePerSec > 0)) {
            throw new IllegalArgumentException("node.rate_limit.* burst must be >= 1 and rates > 0");
        }
        if (retryMaxRetries < 0) {
            throw new IllegalArgumentException("node.retry.max_retries must be >= 0, got " + retryMaxRetries);
        }
        positive("node.retry.base_interval_secs", retryBaseIntervalMs);
        positive("node.retry.max_backoff_secs", retryMaxBackoffMs);
    }

    private static void positive(String key, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, got " + v);
        }
    }

    /** Rekey after {@code ms} (jitter scaled to at most an eighth of it, as the default 15 s is of 120 s). */
    public LinkConfig withRekeyAfterMs(long ms) {
        return new LinkConfig(heartbeatIntervalMs, deadTimeoutMs, handshakeTimeoutMs, handshakeResendIntervalMs,
                handshakeResendBackoff, handshakeMaxResends, rekeyEnabled, ms, rekeyAfterMessages,
                Math.min(rekeyJitterMs, ms / 8), maxPeers, maxPendingInbound, handshakeBurst, handshakeRatePerSec,
                establishedHandshakeBurst, establishedHandshakeRatePerSec, retryMaxRetries, retryBaseIntervalMs,
                retryMaxBackoffMs);
    }

    public LinkConfig withRekey(boolean enabled, long afterMs, long afterMessages) {
        return new LinkConfig(heartbeatIntervalMs, deadTimeoutMs, handshakeTimeoutMs, handshakeResendIntervalMs,
                handshakeResendBackoff, handshakeMaxResends, enabled, afterMs, afterMessages,
                Math.min(rekeyJitterMs, afterMs / 8), maxPeers, maxPendingInbound, handshakeBurst, handshakeRatePerSec,
                establishedHandshakeBurst, establishedHandshakeRatePerSec, retryMaxRetries, retryBaseIntervalMs,
                retryMaxBackoffMs);
    }

    public LinkConfig withLiveness(long heartbeatMs, long deadMs) {
        return new LinkConfig(heartbeatMs, deadMs, handshakeTimeoutMs, handshakeResendIntervalMs,
                handshakeResendBackoff, handshakeMaxResends, rekeyEnabled, rekeyAfterMs, rekeyAfterMessages,
                rekeyJitterMs, maxPeers, maxPendingInbound, handshakeBurst, handshakeRatePerSec,
                establishedHandshakeBurst, establishedHandshakeRatePerSec, retryMaxRetries, retryBaseIntervalMs,
                retryMaxBackoffMs);
    }

    public LinkConfig withHandshakeRate(double burst, double perSec) {
        return new LinkConfig(heartbeatIntervalMs, deadTimeoutMs, handshakeTimeoutMs, handshakeResendIntervalMs,
                handshakeResendBackoff, handshakeMaxResends, rekeyEnabled, rekeyAfterMs, rekeyAfterMessages,
                rekeyJitterMs, maxPeers, maxPendingInbound, burst, perSec,
                establishedHandshakeBurst, establishedHandshakeRatePerSec, retryMaxRetries, retryBaseIntervalMs,
                retryMaxBackoffMs);
    }

    public LinkConfig withRetry(int maxRetries, long baseMs, long maxBackoffMs) {
        return new LinkConfig(heartbeatIntervalMs, deadTimeoutMs, handshakeTimeoutMs, handshakeResendIntervalMs,
                handshakeResendBackoff, handshakeMaxResends, rekeyEnabled, rekeyAfterMs, rekeyAfterMessages,
                rekeyJitterMs, maxPeers, maxPendingInbound, handshakeBurst, handshakeRatePerSec,
                establishedHandshakeBurst, establishedHandshakeRatePerSec, maxRetries, baseMs, maxBackoffMs);
    }
}
