package fips.fsp.session;

/**
 * The session-layer tunables, with the defaults of reference/configuration.md
 * ({@code node.session.*}, {@code node.rekey.*}, {@code node.rate_limit.*})
 * and INTEROP.md 8.6-8.8. Protocol constants that have no configuration key
 * are the {@code static final} fields. Immutable; ranges checked here, once
 * (STYLE.md rule 15).
 *
 * @param pendingPacketsPerDest {@code node.session.pending_packets_per_dest}: packets held per destination while its session opens (16)
 * @param pendingMaxDestinations {@code node.session.pending_max_destinations}: destinations with held packets (256)
 * @param idleTimeoutMs {@code node.session.idle_timeout_secs}: an established session with no DataPacket for this long is removed (90 s)
 * @param coordsWarmupPackets {@code node.session.coords_warmup_packets}: data packets that try to carry coordinates after establishment or a reset (5)
 * @param coordsResponseIntervalMs {@code node.session.coords_response_interval_ms}: least spacing of standalone CoordsWarmup answers to error signals, per destination (2000 ms)
 * @param handshakeTimeoutMs {@code node.rate_limit.handshake_timeout_secs}: a handshake idle this long is discarded (30 s)
 * @param handshakeResendIntervalMs {@code node.rate_limit.handshake_resend_interval_ms}: first resend of a stored handshake message (1000 ms)
 * @param handshakeResendBackoff {@code node.rate_limit.handshake_resend_backoff}: resend interval multiplier (2.0)
 * @param handshakeMaxResends {@code node.rate_limit.handshake_max_resends}: resends per handshake message (5)
 * @param sessionSetupBurst {@code node.rate_limit.session_setup_burst}: burst of Setups that would open a new session (64)
 * @param sessionSetupRatePerSec {@code node.rate_limit.session_setup_rate}: refill of that bucket (16/s)
 * @param rekeyEnabled {@code node.rekey.enabled}: initiate periodic session rekeys (a peer's rekey is answered either way)
 * @param rekeyAfterMs {@code node.rekey.after_secs}: session age that triggers a rekey (120 s)
 * @param rekeyAfterMessages {@code node.rekey.after_messages}: messages sent that trigger a rekey (65 536)
 * @param rekeyJitterMs the ±jitter drawn per session around {@code rekeyAfterMs} (INTEROP.md 3.8, 8.8: 15 s; no config key)
 */
public record SessionConfig(
        int pendingPacketsPerDest,
        int pendingMaxDestinations,
        long idleTimeoutMs,
        int coordsWarmupPackets,
        long coordsResponseIntervalMs,
        long handshakeTimeoutMs,
        long handshakeResendIntervalMs,
        double handshakeResendBackoff,
        int handshakeMaxResends,
        double sessionSetupBurst,
        double sessionSetupRatePerSec,
        boolean rekeyEnabled,
        long rekeyAfterMs,
        long rekeyAfterMessages,
        long rekeyJitterMs) {

    /** INTEROP.md 8.8 "Cutover": the rekey initiator switches keys this long after sending msg3. */
    public static final long CUTOVER_DELAY_MS = 2_000;
    /** INTEROP.md 8.8 "Drain": previous keys are kept this long after cutover, extended while they still decrypt. */
    public static final long DRAIN_WINDOW_MS = 10_000;
    /** INTEROP.md 8.8 "Trigger": no own rekey this long after the peer started one. */
    public static final long REKEY_DAMPENING_MS = 30_000;
    /** INTEROP.md 9.2: path MTUs below this from remote signals are ignored. */
    public static final int MIN_PATH_MTU = 256;
    /** INTEROP.md 9.2 FIPS_OVERHEAD: the bytes all layers add to a service payload. */
    public static final int FIPS_OVERHEAD_BYTES = 106;
    /** INTEROP.md 10.4: PathMtuNotification period without SRTT (max(10 s, 5 × SRTT)). */
    public static final long PATH_MTU_NOTIFY_INTERVAL_MS = 10_000;
    /** INTEROP.md 10.4: higher path MTU reports needed before the source raises its estimate. */
    public static final int PATH_MTU_RAISE_REPORTS = 3;

    public static SessionConfig defaults() {
        return new SessionConfig(16, 256, 90_000, 5, 2_000,
                30_000, 1_000, 2.0, 5,
                64, 16.0,
                true, 120_000, 65_536, 15_000);
    }

    public SessionConfig {
        positive("node.session.pending_packets_per_dest", pendingPacketsPerDest);
        positive("node.session.pending_max_destinations", pendingMaxDestinations);
        positive("node.session.idle_timeout_secs", idleTimeoutMs);
        if (coordsWarmupPackets < 0 || coordsWarmupPackets > 255) {
            throw new IllegalArgumentException("node.session.coords_warmup_packets=" + coordsWarmupPackets
                    + " outside 0..255");
        }
        if (coordsResponseIntervalMs < 0) {
            throw new IllegalArgumentException("node.session.coords_response_interval_ms=" + coordsResponseIntervalMs
                    + " must be >= 0");
        }
        positive("node.rate_limit.handshake_timeout_secs", handshakeTimeoutMs);
        positive("node.rate_limit.handshake_resend_interval_ms", handshakeResendIntervalMs);
        if (!(handshakeResendBackoff >= 1.0)) {
            throw new IllegalArgumentException("node.rate_limit.handshake_resend_backoff=" + handshakeResendBackoff
                    + " must be >= 1.0");
        }
        if (handshakeMaxResends < 0) {
            throw new IllegalArgumentException("node.rate_limit.handshake_max_resends=" + handshakeMaxResends
                    + " must be >= 0");
        }
        if (!(sessionSetupBurst >= 1) || !(sessionSetupRatePerSec > 0)) {
            throw new IllegalArgumentException("node.rate_limit.session_setup_burst=" + sessionSetupBurst
                    + " must be >= 1 and node.rate_limit.session_setup_rate=" + sessionSetupRatePerSec + " > 0");
        }
        positive("node.rekey.after_secs", rekeyAfterMs);
        positive("node.rekey.after_messages", rekeyAfterMessages);
        if (rekeyJitterMs < 0 || rekeyJitterMs >= rekeyAfterMs) {
            throw new IllegalArgumentException("rekeyJitterMs=" + rekeyJitterMs + " outside [0, node.rekey.after_secs="
                    + rekeyAfterMs + " ms)");
        }
    }

    private static void positive(String key, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(key + "=" + v + " must be > 0");
        }
    }

    public SessionConfig withRekey(boolean enabled, long afterMs, long jitterMs) {
        return new SessionConfig(pendingPacketsPerDest, pendingMaxDestinations, idleTimeoutMs, coordsWarmupPackets,
                coordsResponseIntervalMs, handshakeTimeoutMs, handshakeResendIntervalMs, handshakeResendBackoff,
                handshakeMaxResends, sessionSetupBurst, sessionSetupRatePerSec, enabled, afterMs, rekeyAfterMessages,
                jitterMs);
    }

    public SessionConfig withRekeyAfterMessages(long messages) {
        return new SessionConfig(pendingPacketsPerDest, pendingMaxDestinations, idleTimeoutMs, coordsWarmupPackets,
                coordsResponseIntervalMs, handshakeTimeoutMs, handshakeResendIntervalMs, handshakeResendBackoff,
                handshakeMaxResends, sessionSetupBurst, sessionSetupRatePerSec, rekeyEnabled, rekeyAfterMs, messages,
                rekeyJitterMs);
    }

    public SessionConfig withSetupRateLimit(double burst, double ratePerSec) {
        return new SessionConfig(pendingPacketsPerDest, pendingMaxDestinations, idleTimeoutMs, coordsWarmupPackets,
                coordsResponseIntervalMs, handshakeTimeoutMs, handshakeResendIntervalMs, handshakeResendBackoff,
                handshakeMaxResends, burst, ratePerSec, rekeyEnabled, rekeyAfterMs, rekeyAfterMessages, rekeyJitterMs);
    }

    public SessionConfig withPending(int perDest, int maxDestinations) {
        return new SessionConfig(perDest, maxDestinations, idleTimeoutMs, coordsWarmupPackets,
                coordsResponseIntervalMs, handshakeTimeoutMs, handshakeResendIntervalMs, handshakeResendBackoff,
                handshakeMaxResends, sessionSetupBurst, sessionSetupRatePerSec, rekeyEnabled, rekeyAfterMs,
                rekeyAfterMessages, rekeyJitterMs);
    }
}
