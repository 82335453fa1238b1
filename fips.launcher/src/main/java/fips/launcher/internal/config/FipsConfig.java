package fips.launcher.internal.config;

import java.util.List;

/**
 * The daemon's configuration as this build runs it, mapped from YAML by
 * {@link ConfigMapper}: every default filled in, every range checked.
 *
 * @param identity {@code node.identity.*}
 * @param node the {@code node.*} settings this build has
 * @param transports the transport instances in configuration order
 * @param transportsDefaulted true when there was no {@code transports} key and the UDP default was used
 * @param peers {@code peers[]} in configuration order
 */
public record FipsConfig(IdentityConfig identity, NodeConfig node, List<TransportConfig> transports,
                         boolean transportsDefaulted, List<PeerConfig> peers) {
    public FipsConfig {
        transports = List.copyOf(transports);
        peers = List.copyOf(peers);
    }
}
