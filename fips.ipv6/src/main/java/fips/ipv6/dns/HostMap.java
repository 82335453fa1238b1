package fips.ipv6.dns;

import fips.identity.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names the DNS responder resolves before trying the label as an npub
 * (INTEROP.md 9.6): peer aliases from the configuration with the hosts file
 * merged over them (the file wins). Keys are lower case; immutable.
 */
public final class HostMap {
    public static final HostMap EMPTY = new HostMap(Map.of());

    private final Map<String, PublicKey> byName;

    private HostMap(Map<String, PublicKey> byName) {
        this.byName = byName;
    }

    /**
     * Aliases first, then the hosts-file entries over them.
     *
     * @param peerAliases {@code peers[].alias} to key; names are lower-cased here
     * @param hostsFile entries from {@link HostsFile#parse}
     */
    public static HostMap merge(Map<String, PublicKey> peerAliases, Map<String, PublicKey> hostsFile) {
        Map<String, PublicKey> m = new LinkedHashMap<>();
        peerAliases.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        hostsFile.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return new HostMap(Collections.unmodifiableMap(m));
    }

    /** The key for {@code name} (case-insensitive), or null. */
    public PublicKey get(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    public int size() {
        return byName.size();
    }

    /** Read-only view, lower-case names. */
    public Map<String, PublicKey> asMap() {
        return byName;
    }
}
