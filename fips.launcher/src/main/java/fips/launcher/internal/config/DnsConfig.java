package fips.launcher.internal.config;

import java.net.InetAddress;
import java.nio.file.Path;

/**
 * {@code dns.*} (reference/configuration.md "DNS Responder"; INTEROP.md 9.6
 * and 14): the {@code .fips} responder, on by default, UDP on
 * {@code [::1]:5354}.
 *
 * @param enabled {@code dns.enabled}
 * @param bindAddr {@code dns.bind_addr}: an IP literal, default {@code ::1}
 * @param port {@code dns.port}: 0 lets the kernel choose (tests)
 * @param ttlSecs {@code dns.ttl}: the TTL of AAAA answers, in seconds
 * @param hostsFile {@code dns.hosts_file}, a key of this build only (the reference has a fixed path):
 *     the host map file (INTEROP.md 9.6 "Hosts file"), default {@code /etc/fips/hosts}
 *     ({@code /usr/local/etc/fips/hosts} on macOS and FreeBSD)
 */
public record DnsConfig(boolean enabled, InetAddress bindAddr, int port, long ttlSecs, Path hostsFile) {
    public static final String DEFAULT_BIND_ADDR = "::1";
    public static final int DEFAULT_PORT = 5354;
    public static final long DEFAULT_TTL_SECS = 300;
    public static final Path DEFAULT_HOSTS_FILE = Path.of("/etc/fips/hosts");
    public static final Path BSD_HOSTS_FILE = Path.of("/usr/local/etc/fips/hosts");

    public DnsConfig {
        if (bindAddr == null) throw new IllegalArgumentException("bindAddr=null");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port=" + port);
        if (ttlSecs < 0 || ttlSecs > Schema.U32_MAX) throw new IllegalArgumentException("ttlSecs=" + ttlSecs);
        if (hostsFile == null) throw new IllegalArgumentException("hostsFile=null");
    }

    /** The defaults on Linux. */
    public static DnsConfig defaults() {
        return new DnsConfig(true, InetAddress.ofLiteral(DEFAULT_BIND_ADDR), DEFAULT_PORT, DEFAULT_TTL_SECS,
                DEFAULT_HOSTS_FILE);
    }

    /** The default hosts file for an {@code os.name}. */
    public static Path defaultHostsFile(String osName) {
        return ConfigSources.bsdLayout(osName) ? BSD_HOSTS_FILE : DEFAULT_HOSTS_FILE;
    }
}
