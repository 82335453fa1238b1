package fips.launcher.internal.config;

import fips.identity.PublicKey;
import java.util.List;
import java.util.Locale;

/**
 * One {@code peers[]} entry (reference/configuration.md "Peers"; INTEROP.md
 * 1.2 and 14).
 *
 * @param key the npub's key (even parity, INTEROP.md 1.1)
 * @param alias the operator's name for it, or null
 * @param addresses in dial order: ascending priority, configuration order within a priority; addresses on
 *     transports this build lacks (and UDP {@code nat}) are left out and reported in {@link FipsConfig#warnings()}
 * @param connectPolicy {@code peers[].connect_policy}, default {@code auto_connect}
 * @param autoReconnect {@code peers[].auto_reconnect}, default true
 * @param path {@code peers[i]}, for messages
 * @param viaNostr {@code peers[].via_nostr}, default false (not built: true is reported as a warning)
 */
public record PeerConfig(PublicKey key, String alias, List<Address> addresses, ConnectPolicy connectPolicy,
                         boolean autoReconnect, String path, boolean viaNostr) {
    public PeerConfig {
        addresses = List.copyOf(addresses);
    }

    /** With {@code via_nostr} false. */
    public PeerConfig(PublicKey key, String alias, List<Address> addresses, ConnectPolicy connectPolicy,
                      boolean autoReconnect, String path) {
        this(key, alias, addresses, connectPolicy, autoReconnect, path, false);
    }

    /**
     * One address.
     *
     * @param transport the transport instance name it resolved to ({@code udp}, {@code udp.lan})
     * @param addr the address text, parsed by that transport at start-up
     * @param priority lower is tried first
     * @param path {@code peers[i].addresses[j]}, for messages
     */
    public record Address(String transport, String addr, int priority, String path) {}

    /**
     * {@code peers[].connect_policy}. The reference reserves {@code on_demand}
     * and {@code manual} for future use; here both mean "do not dial; accept
     * the peer when it dials in".
     */
    public enum ConnectPolicy {
        AUTO_CONNECT, ON_DEMAND, MANUAL;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static ConnectPolicy parse(String s) {
            for (ConnectPolicy p : values()) {
                if (p.configName().equals(s)) return p;
            }
            return null;
        }
    }

    public String displayName() {
        return alias != null && !alias.isEmpty() ? alias : key.npub();
    }
}
