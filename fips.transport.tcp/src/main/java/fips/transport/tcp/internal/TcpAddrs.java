package fips.transport.tcp.internal;

import fips.link.spi.TransportAddr;
import fips.sys.Sockaddr;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The TCP transport's {@link TransportAddr} bytes, their text, and parsing of
 * addresses as operators write them (design/fips-transport-layer.md
 * "Transport Addresses": opaque to FMP).
 *
 * <p>Bytes (the same shape as the UDP transport's, so an operator reads the
 * same text; the two transports never exchange addresses):
 * <pre>
 *  IPv4:  0x04 | addr (4)  | port (2, big-endian)                          7 bytes
 *  IPv6:  0x06 | addr (16) | port (2, big-endian) | scope id (4, big-endian) 23 bytes
 * </pre>
 * An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, what a dual-stack
 * listener reports for an IPv4 client) is stored as IPv4, so one remote
 * endpoint has one key whichever socket family saw it.
 *
 * <p>Text: {@code a.b.c.d:port} or {@code [v6]:port} (RFC 5952), with
 * {@code %scope} for a non-zero scope id.
 */
public final class TcpAddrs {
    public static final byte TAG_IPV4 = 4;
    public static final byte TAG_IPV6 = 6;
    public static final int IPV4_BYTES = 7;
    public static final int IPV6_BYTES = 23;
    static final int IP_OFFSET = 1;
    static final int IPV4_PORT_OFFSET = 5;
    static final int IPV6_PORT_OFFSET = 17;
    static final int IPV6_SCOPE_OFFSET = 19;

    private TcpAddrs() {}

    /** The address of {@code sa} (resolved), IPv4-mapped folded into IPv4. */
    public static TransportAddr of(InetSocketAddress sa) {
        InetAddress ip = sa.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address=" + sa);
        }
        byte[] raw = ip.getAddress();
        int port = sa.getPort();
        byte[] key;
        if (raw.length == 4 || isV4Mapped(raw)) {
            key = new byte[IPV4_BYTES];
            key[0] = TAG_IPV4;
            System.arraycopy(raw, raw.length - 4, key, IP_OFFSET, 4);
            key[IPV4_PORT_OFFSET] = (byte) (port >>> 8);
            key[IPV4_PORT_OFFSET + 1] = (byte) port;
            return TransportAddr.of(key, Sockaddr.format(key, IP_OFFSET, 4, port, 0));
        }
        int scope = ip instanceof Inet6Address v6 ? v6.getScopeId() : 0;
        key = new byte[IPV6_BYTES];
        key[0] = TAG_IPV6;
        System.arraycopy(raw, 0, key, IP_OFFSET, 16);
        key[IPV6_PORT_OFFSET] = (byte) (port >>> 8);
        key[IPV6_PORT_OFFSET + 1] = (byte) port;
        for (int i = 0; i < 4; i++) {
            key[IPV6_SCOPE_OFFSET + i] = (byte) (scope >>> (24 - 8 * i));
        }
        return TransportAddr.of(key, Sockaddr.format(key, IP_OFFSET, 16, port, scope));
    }

    /** Whether {@code addr} has the shape of a TCP transport address. */
    public static boolean isTcp(TransportAddr addr) {
        return addr.length() == IPV4_BYTES && addr.byteAt(0) == TAG_IPV4
                || addr.length() == IPV6_BYTES && addr.byteAt(0) == TAG_IPV6;
    }

    /** Back to a socket address, to connect to. */
    public static InetSocketAddress toInet(TransportAddr addr) {
        if (!isTcp(addr)) {
            throw new IllegalArgumentException("to=" + addr + " is not a TCP transport address");
        }
        byte[] b = addr.bytes();
        boolean v4 = b[0] == TAG_IPV4;
        int portAt = v4 ? IPV4_PORT_OFFSET : IPV6_PORT_OFFSET;
        int port = (b[portAt] & 0xff) << 8 | (b[portAt + 1] & 0xff);
        try {
            if (v4) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, IP_OFFSET, IP_OFFSET + 4)), port);
            }
            int scope = 0;
            for (int i = 0; i < 4; i++) {
                scope = scope << 8 | (b[IPV6_SCOPE_OFFSET + i] & 0xff);
            }
            return new InetSocketAddress(
                    Inet6Address.getByAddress(null, Arrays.copyOfRange(b, IP_OFFSET, IP_OFFSET + 16), scope), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("impossible: raw address of fixed length", e);
        }
    }

    private static boolean isV4Mapped(byte[] ip16) {
        for (int i = 0; i < 10; i++) {
            if (ip16[i] != 0) {
                return false;
            }
        }
        return ip16[10] == (byte) 0xff && ip16[11] == (byte) 0xff;
    }

    record HostPort(String host, int port, boolean bracketed) {}

    /**
     * Splits {@code host:port} / {@code [v6]:port} into host text and port.
     *
     * @return null if the shape is wrong
     */
    static HostPort split(String text) {
        String t = text.trim();
        String host;
        String portText;
        boolean bracketed = t.startsWith("[");
        if (bracketed) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                return null;
            }
            host = t.substring(1, close);
            portText = t.substring(close + 2);
            if (!host.contains(":")) {
                return null;
            }
        } else {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || t.indexOf(':') != colon) {
                return null; // no port, or an unbracketed IPv6 literal
            }
            host = t.substring(0, colon);
            portText = t.substring(colon + 1);
        }
        if (host.isEmpty() || portText.isEmpty() || portText.length() > 5) {
            return null;
        }
        for (int i = 0; i < portText.length(); i++) {
            if (portText.charAt(i) < '0' || portText.charAt(i) > '9') {
                return null;
            }
        }
        int port = Integer.parseInt(portText);
        return port > 65535 ? null : new HostPort(host, port, bracketed);
    }

    /** The four bytes of a strict dotted quad, or null. */
    static byte[] parseDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            for (int j = 0; j < p.length(); j++) {
                if (p.charAt(j) < '0' || p.charAt(j) > '9') {
                    return null;
                }
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /**
     * Parses a literal socket address for listening: {@code a.b.c.d:port} or
     * {@code [v6]:port}, port 0..65535; never looks a name up.
     *
     * @return null if {@code text} is not such a literal
     */
    static InetSocketAddress parseLiteral(String text) {
        HostPort hp = split(text);
        if (hp == null) {
            return null;
        }
        try {
            if (!hp.bracketed()) {
                byte[] v4 = parseDottedQuad(hp.host());
                return v4 == null ? null : new InetSocketAddress(InetAddress.getByAddress(v4), hp.port());
            }
            // Contains ':' (checked by split), so the JDK parses it as an IPv6 literal and never resolves it.
            return new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Parses a peer address: an IP literal or a host name (resolved once, now;
     * design/fips-transport-layer.md "TCP/IP", addressing) and a port 1..65535.
     *
     * @throws IllegalArgumentException naming {@code text}
     */
    public static TransportAddr parsePeer(String text) {
        if (text == null) {
            throw new IllegalArgumentException("tcp address=null");
        }
        HostPort hp = split(text);
        if (hp == null) {
            throw new IllegalArgumentException("tcp address \"" + text
                    + "\": expected host:port, a.b.c.d:port or [ipv6]:port");
        }
        if (hp.port() == 0) {
            throw new IllegalArgumentException("tcp address \"" + text + "\": port 0 cannot be a destination");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getAllByName(hp.host())[0];
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("tcp address \"" + text + "\": cannot resolve host \"" + hp.host() + "\"", e);
        }
        return of(new InetSocketAddress(ip, hp.port()));
    }
}
