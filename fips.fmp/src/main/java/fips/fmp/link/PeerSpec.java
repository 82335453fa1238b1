package fips.fmp.link;

import fips.identity.PublicKey;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import java.util.List;

/**
 * A configured peer (reference/configuration.md "peers[]"): its key as the
 * npub names it (even parity, INTEROP.md 1.1), an alias for logs, the
 * addresses to dial in priority order, and whether to dial and re-dial it.
 */
public record PeerSpec(PublicKey key, String alias, List<Address> addresses, boolean autoConnect, boolean autoReconnect) {
    /** One dialable address on one running transport. */
    public record Address(Transport transport, TransportAddr addr) {}

    public PeerSpec {
        if (key == null) throw new IllegalArgumentException("peer key is required");
        addresses = List.copyOf(addresses);
        if (autoConnect && addresses.isEmpty()) {
            throw new IllegalArgumentException("peer " + key.npub() + " has auto_connect but no addresses");
        }
    }

    public String displayName() {
        return alias != null && !alias.isEmpty() ? alias : key.npub();
    }
}
