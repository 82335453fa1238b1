package fips.launcher.internal.config;

/**
 * {@code tun.*} (reference/configuration.md "TUN Interface"; INTEROP.md 14:
 * off by default).
 *
 * @param enabled {@code tun.enabled}: create the TUN interface
 * @param name {@code tun.name}: the interface name, 1 to {@link #MAX_NAME_LENGTH} characters
 * @param mtuBytes {@code tun.mtu}: the interface MTU, at least the IPv6 minimum {@link #MIN_MTU_BYTES}
 */
public record TunConfig(boolean enabled, String name, int mtuBytes) {
    public static final String DEFAULT_NAME = "fips0";
    /** reference/configuration.md "TUN Interface": the default and the IPv6 minimum link MTU (RFC 8200). */
    public static final int MIN_MTU_BYTES = 1280;
    public static final int DEFAULT_MTU_BYTES = 1280;
    public static final int MAX_MTU_BYTES = 65_535;
    /** Linux IFNAMSIZ (16) less the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 15;

    public TunConfig {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name=" + name);
        }
        if (mtuBytes < MIN_MTU_BYTES || mtuBytes > MAX_MTU_BYTES) {
            throw new IllegalArgumentException("mtuBytes=" + mtuBytes);
        }
    }

    public static TunConfig defaults() {
        return new TunConfig(false, DEFAULT_NAME, DEFAULT_MTU_BYTES);
    }
}
