package fips.launcher.internal.config;

import fips.fmp.link.LinkConfig;
import fips.fmp.mesh.MeshConfig;
import fips.fsp.session.SessionConfig;
import fips.launcher.internal.log.Log;

/**
 * The {@code node.*} settings (reference/configuration.md "Node Parameters";
 * INTEROP.md 14). Built by {@link ConfigMapper}, which fills every default and
 * checks every range; features this build lacks are carried with their values
 * and reported in {@link FipsConfig#warnings()} when set away from their
 * defaults.
 *
 * @param mesh the mesh-layer tunables: the link ({@code node.heartbeat_interval_secs},
 *     {@code node.link_dead_timeout_secs}, {@code node.limits.max_peers}/{@code max_pending_inbound},
 *     {@code node.rate_limit.handshake_*}/{@code established_handshake_*}, {@code node.rekey.*},
 *     {@code node.retry.*}), {@code node.tree.*}, {@code node.bloom.*}, {@code node.lookup.*} (or its
 *     deprecated alias {@code node.discovery.*}) and {@code node.cache.*}
 * @param tickIntervalMs {@code node.tick_interval_secs}, in ms: the protocol loop wakes at least this often
 * @param logLevel {@code node.log_level}, or null when not set
 * @param packetChannel {@code node.buffers.packet_channel}: datagrams each transport's receive ring holds
 * @param tunChannel {@code node.buffers.tun_channel}: packets queued from the TUN reader to the node
 * @param dnsChannel {@code node.buffers.dns_channel}: identities queued from the DNS responder to the node
 * @param leafOnly {@code node.leaf_only} (not built: true is reported as a warning)
 * @param baseRttMs {@code node.base_rtt_ms}: initial RTT estimate of a new link (for MMP, not built)
 * @param drainTimeoutMs {@code node.drain_timeout_secs}, in ms (INTEROP.md 14, default 2 s): how long a
 *     shutdown waits for Disconnects to leave
 * @param maxConnections {@code node.limits.max_connections} (0 in the file: unlimited, here
 *     {@link Integer#MAX_VALUE}; not enforced by this build)
 * @param maxLinks {@code node.limits.max_links} (likewise)
 * @param session the session layer's settings: {@code node.session.*} and the related
 *     {@code node.rate_limit.*} and {@code node.rekey.*} values
 * @param control {@code node.control.*}
 * @param linkMmp {@code node.mmp.*} (not built)
 * @param sessionMmp {@code node.session_mmp.*} (not built)
 * @param ecn {@code node.ecn.*} (not built)
 * @param rendezvous {@code node.rendezvous.*} (not built)
 * @param nativeApi {@code node.native_api.*} (not built)
 */
public record NodeConfig(MeshConfig mesh, long tickIntervalMs, Log.Level logLevel, int packetChannel,
                         int tunChannel, int dnsChannel, boolean leafOnly, long baseRttMs, long drainTimeoutMs,
                         int maxConnections, int maxLinks, SessionConfig session, ControlConfig control,
                         MmpConfig linkMmp, MmpConfig sessionMmp, EcnConfig ecn, RendezvousConfig rendezvous,
                         NativeApiConfig nativeApi) {
    public static final int DEFAULT_CHANNEL = 1024;
    public static final int DEFAULT_DNS_CHANNEL = 64;
    public static final long DEFAULT_BASE_RTT_MS = 100;
    public static final long DEFAULT_DRAIN_TIMEOUT_MS = 2_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final int DEFAULT_MAX_LINKS = 256;

    public NodeConfig {
        if (mesh == null || session == null || control == null || linkMmp == null || sessionMmp == null
                || ecn == null || rendezvous == null || nativeApi == null) {
            throw new IllegalArgumentException("null component: mesh=" + mesh + " session=" + session
                    + " control=" + control + " linkMmp=" + linkMmp + " sessionMmp=" + sessionMmp + " ecn=" + ecn
                    + " rendezvous=" + rendezvous + " nativeApi=" + nativeApi);
        }
        if (tickIntervalMs <= 0) throw new IllegalArgumentException("tickIntervalMs=" + tickIntervalMs);
        if (packetChannel <= 0) throw new IllegalArgumentException("packetChannel=" + packetChannel);
        if (tunChannel <= 0) throw new IllegalArgumentException("tunChannel=" + tunChannel);
        if (dnsChannel <= 0) throw new IllegalArgumentException("dnsChannel=" + dnsChannel);
        if (baseRttMs <= 0) throw new IllegalArgumentException("baseRttMs=" + baseRttMs);
        if (drainTimeoutMs < 0) throw new IllegalArgumentException("drainTimeoutMs=" + drainTimeoutMs);
        if (maxConnections <= 0) throw new IllegalArgumentException("maxConnections=" + maxConnections);
        if (maxLinks <= 0) throw new IllegalArgumentException("maxLinks=" + maxLinks);
    }

    /** The first four settings as given, every other one at its default. */
    public NodeConfig(MeshConfig mesh, long tickIntervalMs, Log.Level logLevel, int packetChannel) {
        this(mesh, tickIntervalMs, logLevel, packetChannel, DEFAULT_CHANNEL, DEFAULT_DNS_CHANNEL, false,
                DEFAULT_BASE_RTT_MS, DEFAULT_DRAIN_TIMEOUT_MS, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_LINKS,
                SessionConfig.defaults(), ControlConfig.defaults(), MmpConfig.defaults(), MmpConfig.defaults(),
                EcnConfig.defaults(), RendezvousConfig.defaults(), NativeApiConfig.defaults());
    }

    /** The link-layer part of {@link #mesh}. */
    public LinkConfig link() {
        return mesh.link();
    }
}
