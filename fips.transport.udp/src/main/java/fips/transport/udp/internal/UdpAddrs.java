package fips.transport.udp.internal;

import fips.link.spi.InetTransportAddrs;
import fips.link.spi.TransportAddr;
import fips.sys.Sockaddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The UDP transport's {@link TransportAddr}s: the shared IP layout and operator
 * syntax of {@link InetTransportAddrs}, with {@code udp} in error messages and
 * fips.sys's text ({@code a.b.c.d:port}, {@code [v6]:port}, {@code %scope}).
 * The static helpers forward to the layout so the transport names one class.
 */
public final class UdpAddrs {
    static final InetTransportAddrs ADDRS = new InetTransportAddrs(UdpTransportProvider.TYPE, Sockaddr::format);
    public static final int MAX_BYTES = InetTransportAddrs.MAX_BYTES;

    private UdpAddrs() {}

    /** Creates the address for the key bytes {@code key[0..len)} (copies them). */
    public static TransportAddr fromKey(byte[] key, int len) {
        return ADDRS.fromKey(key, len);
    }

    /** The address of {@code sa} (resolved), IPv4-mapped folded into IPv4. */
    public static TransportAddr of(InetSocketAddress sa) {
        return ADDRS.of(sa);
    }

    /**
     * Parses a peer address (see {@link InetTransportAddrs#parsePeer}).
     *
     * @param ipv4Only the socket is IPv4: pick an IPv4 result, refuse IPv6
     * @throws IllegalArgumentException naming {@code text}
     */
    public static TransportAddr parsePeer(String text, boolean ipv4Only, String localText) {
        return ADDRS.parsePeer(text, ipv4Only, localText);
    }

    /** A literal bind address, or null (see {@link InetTransportAddrs#parseLiteral}). */
    static InetSocketAddress parseLiteral(String text) {
        return InetTransportAddrs.parseLiteral(text);
    }

    public static int writeKey(byte[] key, InetAddress ip, int port) {
        return InetTransportAddrs.writeKey(key, ip, port);
    }

    public static int writeV4Key(byte[] key, byte[] ip, int ipOff, int port) {
        return InetTransportAddrs.writeV4Key(key, ip, ipOff, port);
    }

    public static boolean isIpv4(TransportAddr addr) {
        return InetTransportAddrs.isIpv4(addr);
    }

    public static boolean isIpv6(TransportAddr addr) {
        return InetTransportAddrs.isIpv6(addr);
    }

    /** Whether {@code addr} has the shape of a UDP transport address. */
    public static boolean isUdp(TransportAddr addr) {
        return InetTransportAddrs.isInet(addr);
    }

    public static int port(TransportAddr addr) {
        return InetTransportAddrs.port(addr);
    }

    public static int scopeId(TransportAddr addr) {
        return InetTransportAddrs.scopeId(addr);
    }

    public static int copyIp(TransportAddr addr, byte[] out) {
        return InetTransportAddrs.copyIp(addr, out);
    }

    /** Back to a socket address (control paths and the JDK implementation's send cache). */
    public static InetSocketAddress toInet(TransportAddr addr) {
        return InetTransportAddrs.toInet(addr);
    }
}
