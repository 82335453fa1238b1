package fips.transport.udp.internal;

import fips.sys.Syscalls;
import java.util.Locale;

/**
 * The two socket implementations behind the UDP transport, chosen per
 * {@code open} by the system property {@value #PROPERTY} ({@code ffm} or
 * {@code jdk}); unset means {@link #DEFAULT}.
 */
public enum UdpImpl {
    /** Linux {@code recvmmsg}/{@code sendto} through fips.sys (FFM). */
    FFM,
    /** {@link java.nio.channels.DatagramChannel}. */
    JDK;

    public static final String PROPERTY = "fips.udp.impl";

    /**
     * The faster one on the reference machine: benchmarks/README.md "UDP
     * transport" (UdpBench, both measured in one run). When fips.sys is
     * unavailable (not Linux, native access denied) the default falls back to
     * {@link #JDK}.
     */
    public static final UdpImpl DEFAULT = FFM;

    private static final System.Logger LOG = System.getLogger("fips.transport.udp");
    private static volatile boolean fallbackLogged;

    /**
     * The implementation to open now.
     *
     * @throws IllegalArgumentException if the property has another value
     * @throws IllegalStateException if {@code ffm} is asked for and fips.sys is unavailable
     */
    public static UdpImpl selected() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            if (DEFAULT == FFM && !Syscalls.available()) {
                if (!fallbackLogged) {
                    fallbackLogged = true;
                    LOG.log(System.Logger.Level.INFO, "udp: using the JDK DatagramChannel implementation: "
                            + Syscalls.unavailableReason());
                }
                return JDK;
            }
            return DEFAULT;
        }
        UdpImpl impl = switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "ffm" -> FFM;
            case "jdk" -> JDK;
            default -> throw new IllegalArgumentException(PROPERTY + ": expected ffm or jdk, got \"" + v + "\"");
        };
        if (impl == FFM && !Syscalls.available()) {
            throw new IllegalStateException(PROPERTY + "=ffm but fips.sys is unavailable: " + Syscalls.unavailableReason());
        }
        return impl;
    }
}
