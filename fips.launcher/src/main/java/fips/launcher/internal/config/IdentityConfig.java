package fips.launcher.internal.config;

import fips.identity.SecretKey;

/**
 * {@code node.identity.*} (reference/configuration.md "Identity").
 *
 * @param nsec the key given in the configuration, or null
 * @param persistent keep the key in {@code fips.key} across restarts
 */
public record IdentityConfig(SecretKey nsec, boolean persistent) {
    @Override
    public String toString() {
        // Never print key material.
        return "IdentityConfig[nsec=" + (nsec == null ? "none" : "set") + ", persistent=" + persistent + "]";
    }
}
