package fips.launcher.internal.config;

/**
 * What the session layer (FSP) needs from the configuration:
 * {@code node.session.*}, the session-setup admission buckets of
 * {@code node.rate_limit.*}, the handshake retransmission schedule and
 * {@code node.rekey.*} (reference/configuration.md "Session / Data Plane",
 * "Rate Limiting", "Rekey"; INTEROP.md 8.6 to 8.8).
 *
 * @param defaultTtl {@code node.session.default_ttl}: SessionDatagram TTL, 0..255
 * @param pendingPacketsPerDest {@code node.session.pending_packets_per_dest}: queued while a session is set up
 * @param pendingMaxDestinations {@code node.session.pending_max_destinations}
 * @param idleTimeoutMs {@code node.session.idle_timeout_secs}, in ms
 * @param coordsWarmupPackets {@code node.session.coords_warmup_packets}, 0..255
 * @param coordsResponseIntervalMs {@code node.session.coords_response_interval_ms}
 * @param handshakeTimeoutMs {@code node.rate_limit.handshake_timeout_secs}, in ms: a session not
 *     established within this is removed (INTEROP.md 8.6)
 * @param handshakeResendIntervalMs {@code node.rate_limit.handshake_resend_interval_ms}: first Setup/Ack/msg3 resend
 * @param handshakeResendBackoff {@code node.rate_limit.handshake_resend_backoff}: multiplier per resend
 * @param handshakeMaxResends {@code node.rate_limit.handshake_max_resends}
 * @param setupBurst {@code node.rate_limit.session_setup_burst}: per link peer, for setups from strangers
 * @param setupRatePerSec {@code node.rate_limit.session_setup_rate}
 * @param establishedSetupBurst the per-link bucket for setups from already-established peers: derived as
 *     {@code established_handshake_burst} is (reference/configuration.md "Rate Limiting")
 * @param establishedSetupRatePerSec likewise derived
 * @param rekeyEnabled {@code node.rekey.enabled}: initiate session rekeys (a peer's is answered regardless)
 * @param rekeyAfterMs {@code node.rekey.after_secs}, in ms
 * @param rekeyAfterMessages {@code node.rekey.after_messages}
 * @param rekeyJitterMs the uniform jitter around {@code rekeyAfterMs} (INTEROP.md 3.8, 8.8: 15 s,
 *     scaled down for short periods)
 */
public record SessionSettings(
        int defaultTtl,
        int pendingPacketsPerDest,
        int pendingMaxDestinations,
        long idleTimeoutMs,
        int coordsWarmupPackets,
        long coordsResponseIntervalMs,
        long handshakeTimeoutMs,
        long handshakeResendIntervalMs,
        double handshakeResendBackoff,
        int handshakeMaxResends,
        double setupBurst,
        double setupRatePerSec,
        double establishedSetupBurst,
        double establishedSetupRatePerSec,
        boolean rekeyEnabled,
        long rekeyAfterMs,
        long rekeyAfterMessages,
        long rekeyJitterMs) {

    public SessionSettings {
        check("defaultTtl", defaultTtl, 0, 255);
        check("pendingPacketsPerDest", pendingPacketsPerDest, 1, Integer.MAX_VALUE);
        check("pendingMaxDestinations", pendingMaxDestinations, 1, Integer.MAX_VALUE);
        check("idleTimeoutMs", idleTimeoutMs, 1, Long.MAX_VALUE);
        check("coordsWarmupPackets", coordsWarmupPackets, 0, 255);
        check("coordsResponseIntervalMs", coordsResponseIntervalMs, 0, Long.MAX_VALUE);
        check("handshakeTimeoutMs", handshakeTimeoutMs, 1, Long.MAX_VALUE);
        check("handshakeResendIntervalMs", handshakeResendIntervalMs, 1, Long.MAX_VALUE);
        check("handshakeMaxResends", handshakeMaxResends, 0, Integer.MAX_VALUE);
        check("rekeyAfterMs", rekeyAfterMs, 1, Long.MAX_VALUE);
        check("rekeyAfterMessages", rekeyAfterMessages, 1, Long.MAX_VALUE);
        check("rekeyJitterMs", rekeyJitterMs, 0, rekeyAfterMs);
        if (!(handshakeResendBackoff >= 1.0) || !(setupBurst > 0) || !(setupRatePerSec > 0)
                || !(establishedSetupBurst > 0) || !(establishedSetupRatePerSec > 0)) {
            throw new IllegalArgumentException("handshakeResendBackoff=" + handshakeResendBackoff + " setupBurst="
                    + setupBurst + " setupRatePerSec=" + setupRatePerSec + " establishedSetupBurst="
                    + establishedSetupBurst + " establishedSetupRatePerSec=" + establishedSetupRatePerSec);
        }
    }

    private static void check(String name, long v, long min, long max) {
        if (v < min || v > max) throw new IllegalArgumentException(name + "=" + v);
    }

    /** The defaults of reference/configuration.md (what an empty file maps to). */
    public static SessionSettings defaults() {
        // The established bucket at the defaults: max_peers 128, rekey 120 s, 5 resends (about 6.4/s).
        return new SessionSettings(64, 16, 256, 90_000, 5, 2_000, 30_000, 1_000, 2.0, 5,
                64, 16.0, 128, Math.max(1.0, 128.0 / 120 * (1 + 5)), true, 120_000, 65_536, 15_000);
    }
}
