package fips.launcher.internal.config;

import java.util.List;

/**
 * The daemon's configuration as this build runs it, mapped from YAML by
 * {@link ConfigMapper}: every default filled in, every range checked.
 *
 * @param identity {@code node.identity.*}
 * @param node the {@code node.*} settings
 * @param transports the transport instances in configuration order (instances of transports this build
 *     lacks are left out and reported in {@code warnings})
 * @param transportsDefaulted true when there was no {@code transports} key and the UDP default was used
 * @param peers {@code peers[]} in configuration order
 * @param warnings settings that are accepted but deserve an operator's attention (deprecated spellings,
 *     features this build does not have yet, each named by its key path), one line each, to be logged
 *     at start-up
 * @param tun {@code tun.*}
 * @param dns {@code dns.*}
 */
public record FipsConfig(IdentityConfig identity, NodeConfig node, List<TransportConfig> transports,
                         boolean transportsDefaulted, List<PeerConfig> peers, List<String> warnings,
                         TunConfig tun, DnsConfig dns) {
    public FipsConfig {
        transports = List.copyOf(transports);
        peers = List.copyOf(peers);
        warnings = List.copyOf(warnings);
        if (identity == null || node == null || tun == null || dns == null) {
            throw new IllegalArgumentException("null component: identity=" + identity + " node=" + node
                    + " tun=" + tun + " dns=" + dns);
        }
    }

    /** With {@code tun} and {@code dns} at their defaults. */
    public FipsConfig(IdentityConfig identity, NodeConfig node, List<TransportConfig> transports,
                      boolean transportsDefaulted, List<PeerConfig> peers, List<String> warnings) {
        this(identity, node, transports, transportsDefaulted, peers, warnings, TunConfig.defaults(), DnsConfig.defaults());
    }

    /** {@code node.control.*}. */
    public ControlConfig control() {
        return node.control();
    }
}
