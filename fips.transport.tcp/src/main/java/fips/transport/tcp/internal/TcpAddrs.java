package fips.transport.tcp.internal;

import fips.link.spi.InetTransportAddrs;
import fips.link.spi.TransportAddr;
import fips.sys.Sockaddr;
import java.net.InetSocketAddress;

/**
 * The TCP transport's {@link TransportAddr}s: the same IP layout, text and
 * operator syntax as the UDP transport's ({@link InetTransportAddrs}, so an
 * operator reads the same text; the two transports never exchange addresses),
 * with {@code tcp} in error messages and fips.sys's formatter.
 */
public final class TcpAddrs {
    static final InetTransportAddrs ADDRS = new InetTransportAddrs(TcpTransportProvider.TYPE, Sockaddr::format);
    public static final int IPV4_BYTES = InetTransportAddrs.IPV4_BYTES;
    public static final int IPV6_BYTES = InetTransportAddrs.IPV6_BYTES;

    private TcpAddrs() {}

    /** The address of {@code sa} (resolved), IPv4-mapped folded into IPv4. */
    public static TransportAddr of(InetSocketAddress sa) {
        return ADDRS.of(sa);
    }

    /** Whether {@code addr} has the shape of a TCP transport address. */
    public static boolean isTcp(TransportAddr addr) {
        return InetTransportAddrs.isInet(addr);
    }

    /**
     * Back to a socket address, to connect to.
     *
     * @throws IllegalArgumentException if {@code addr} is not a TCP transport address
     */
    public static InetSocketAddress toInet(TransportAddr addr) {
        if (!isTcp(addr)) {
            throw new IllegalArgumentException("to=" + addr + " is not a TCP transport address");
        }
        return InetTransportAddrs.toInet(addr);
    }

    /** A literal listen address, or null (see {@link InetTransportAddrs#parseLiteral}). */
    static InetSocketAddress parseLiteral(String text) {
        return InetTransportAddrs.parseLiteral(text);
    }

    /**
     * Parses a peer address: an IP literal or a host name (resolved once, now;
     * design/fips-transport-layer.md "TCP/IP", addressing) and a port 1..65535;
     * the first address the name resolves to, of either family.
     *
     * @throws IllegalArgumentException naming {@code text}
     */
    public static TransportAddr parsePeer(String text) {
        return ADDRS.parsePeer(text, false, null);
    }
}
