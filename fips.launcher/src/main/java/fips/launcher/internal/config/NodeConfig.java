package fips.launcher.internal.config;

import fips.fmp.link.LinkConfig;
import fips.launcher.internal.log.Log;

/**
 * The {@code node.*} settings this build has.
 *
 * @param link the link-layer tunables (node.heartbeat_interval_secs, node.link_dead_timeout_secs,
 *     node.limits.*, node.rate_limit.*, node.rekey.*, node.retry.*)
 * @param tickIntervalMs node.tick_interval_secs: the protocol loop wakes at least this often
 * @param logLevel node.log_level, or null when not set
 * @param packetChannel node.buffers.packet_channel: datagrams each transport's receive ring holds
 */
public record NodeConfig(LinkConfig link, long tickIntervalMs, Log.Level logLevel, int packetChannel) {
    public NodeConfig {
        if (tickIntervalMs <= 0) throw new IllegalArgumentException("tickIntervalMs=" + tickIntervalMs);
        if (packetChannel <= 0) throw new IllegalArgumentException("packetChannel=" + packetChannel);
    }
}
