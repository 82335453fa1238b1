package fips.launcher.internal.config;

import fips.fmp.link.LinkConfig;
import fips.fmp.mesh.MeshConfig;
import fips.launcher.internal.log.Log;

/**
 * The {@code node.*} settings this build has.
 *
 * @param mesh the mesh-layer tunables: the link ({@code node.heartbeat_interval_secs},
 *     {@code node.link_dead_timeout_secs}, {@code node.limits.*}, {@code node.rate_limit.*},
 *     {@code node.rekey.*}, {@code node.retry.*}), {@code node.tree.*}, {@code node.bloom.*},
 *     {@code node.lookup.*} (or its deprecated alias {@code node.discovery.*}) and {@code node.cache.*}
 * @param tickIntervalMs node.tick_interval_secs: the protocol loop wakes at least this often
 * @param logLevel node.log_level, or null when not set
 * @param packetChannel node.buffers.packet_channel: datagrams each transport's receive ring holds
 */
public record NodeConfig(MeshConfig mesh, long tickIntervalMs, Log.Level logLevel, int packetChannel) {
    public NodeConfig {
        if (mesh == null) throw new IllegalArgumentException("mesh=null");
        if (tickIntervalMs <= 0) throw new IllegalArgumentException("tickIntervalMs=" + tickIntervalMs);
        if (packetChannel <= 0) throw new IllegalArgumentException("packetChannel=" + packetChannel);
    }

    /** The link-layer part of {@link #mesh}. */
    public LinkConfig link() {
        return mesh.link();
    }
}
