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
 * @param warnings settings that are accepted but deserve an operator's attention (deprecated
 *     spellings), one line each, to be logged at start-up
 */
public record FipsConfig(IdentityConfig identity, NodeConfig node, List<TransportConfig> transports,
                         boolean transportsDefaulted, List<PeerConfig> peers, List<String> warnings) {
    public FipsConfig {
        transports = List.copyOf(transports);
        peers = List.copyOf(peers);
        warnings = List.copyOf(warnings);
    }
}
