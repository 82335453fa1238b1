package fips.link.spi;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * {@link TransportAddr} bytes, text and operator parsing for the transports
 * that run over IP sockets (UDP and TCP; design/fips-transport-layer.md
 * "Role": the bytes are opaque to FMP, only the owning transport reads them).
 * Each such transport holds one instance naming its type (for error messages)
 * and the formatter of its text; the layout helpers are static.
 *
 * <p>Bytes:
 * <pre>
 *  IPv4:  0x04 | addr (4)  | port (2, big-endian)                          7 bytes
 *  IPv6:  0x06 | addr (16) | port (2, big-endian) | scope id (4, big-endian) 23 bytes
 * </pre>
 * An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, what a dual-stack
 * socket reports for an IPv4 peer) is always stored as IPv4, so one remote
 * endpoint has one address whichever socket family saw it. Two transports
 * sharing this layout never exchange addresses: an address belongs to the
 * transport that made it.
 *
 * <p>Text: whatever the {@link Formatter} makes of the IP, port and scope id;
 * the transports pass the one in fips.sys ({@code a.b.c.d:port},
 * {@code [v6]:port} in RFC 5952 form, {@code %scope} for a non-zero scope id).
 * fips.link itself depends on nothing, so the formatter is handed in.
 *
 * <p>Operator syntax ({@code host:port}, {@code a.b.c.d:port},
 * {@code [v6]:port}) is what reference/configuration.md uses for
 * {@code bind_addr} and peer addresses of both transports. Parsing is for
 * control paths and allocates; the layout readers do not.
 */
public final class InetTransportAddrs {
    /** Turns a raw IPv4 (4 bytes) or IPv6 (16 bytes) address, port and scope id into operator text. */
    @FunctionalInterface
    public interface Formatter {
        String format(byte[] ip, int off, int len, int port, int scopeId);
    }

    public static final byte TAG_IPV4 = 4;
    public static final byte TAG_IPV6 = 6;
    public static final int IPV4_BYTES = 7;
    public static final int IPV6_BYTES = 23;
    /** Offsets inside the bytes. */
    public static final int IP_OFFSET = 1;
    public static final int IPV4_PORT_OFFSET = 5;
    public static final int IPV6_PORT_OFFSET = 17;
    public static final int IPV6_SCOPE_OFFSET = 19;
    public static final int MAX_BYTES = IPV6_BYTES;

    private final String type;
    private final Formatter formatter;

    /**
     * @param type the transport type as configured ({@code udp}, {@code tcp}); error messages start with it
     * @param formatter makes the text of each address
     */
    public InetTransportAddrs(String type, Formatter formatter) {
        if (type == null || formatter == null) {
            throw new IllegalArgumentException("type=" + type + " formatter=" + formatter);
        }
        this.type = type;
        this.formatter = formatter;
    }

    /** Creates the address for the key bytes {@code key[0..len)} laid out as above (copies them). */
    public TransportAddr fromKey(byte[] key, int len) {
        byte[] bytes = Arrays.copyOf(key, len);
        return TransportAddr.of(bytes, text(bytes));
    }

    /** The address of {@code sa} (resolved), IPv4-mapped folded into IPv4. */
    public TransportAddr of(InetSocketAddress sa) {
        InetAddress ip = sa.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address=" + sa);
        }
        byte[] key = new byte[MAX_BYTES];
        return fromKey(key, writeKey(key, ip, sa.getPort()));
    }

    /**
     * Parses a peer address: an IP literal or a host name (resolved once, now)
     * and a port 1..65535.
     *
     * @param ipv4Only the socket is IPv4: pick an IPv4 result, refuse IPv6
     * @param localText the bound address, named when {@code ipv4Only} refuses a result
     * @throws IllegalArgumentException starting {@code "<type> address"} and naming {@code text}
     */
    public TransportAddr parsePeer(String text, boolean ipv4Only, String localText) {
        if (text == null) {
            throw new IllegalArgumentException(type + " address=null");
        }
        HostPort hp = split(text);
        if (hp == null) {
            throw new IllegalArgumentException(type + " address \"" + text
                    + "\": expected host:port, a.b.c.d:port or [ipv6]:port");
        }
        if (hp.port() == 0) {
            throw new IllegalArgumentException(type + " address \"" + text + "\": port 0 cannot be a destination");
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(hp.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(type + " address \"" + text + "\": cannot resolve host \""
                    + hp.host() + "\"", e);
        }
        InetAddress chosen = null;
        for (InetAddress a : all) {
            boolean v4 = a instanceof Inet4Address || isV4Mapped(a.getAddress());
            if (!ipv4Only || v4) {
                chosen = a;
                break;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException(type + " address \"" + text
                    + "\": only IPv6, but this transport is bound to " + localText + " (IPv4)");
        }
        return of(new InetSocketAddress(chosen, hp.port()));
    }

    private String text(byte[] b) {
        if (b[0] == TAG_IPV4) {
            return formatter.format(b, IP_OFFSET, 4, readPort(b, IPV4_PORT_OFFSET), 0);
        }
        return formatter.format(b, IP_OFFSET, 16, readPort(b, IPV6_PORT_OFFSET), readScope(b));
    }

    /** Writes the key bytes for {@code ip:port}; returns their length. */
    public static int writeKey(byte[] key, InetAddress ip, int port) {
        byte[] raw = ip.getAddress();
        if (raw.length == 16 && isV4Mapped(raw)) {
            return writeV4Key(key, raw, 12, port);
        }
        if (raw.length == 4) {
            return writeV4Key(key, raw, 0, port);
        }
        int scope = ip instanceof Inet6Address v6 ? v6.getScopeId() : 0;
        return writeV6Key(key, raw, 0, port, scope);
    }

    /** Writes an IPv4 key from {@code ip[ipOff..ipOff+4)}; returns {@link #IPV4_BYTES}. */
    public static int writeV4Key(byte[] key, byte[] ip, int ipOff, int port) {
        key[0] = TAG_IPV4;
        System.arraycopy(ip, ipOff, key, IP_OFFSET, 4);
        key[IPV4_PORT_OFFSET] = (byte) (port >>> 8);
        key[IPV4_PORT_OFFSET + 1] = (byte) port;
        return IPV4_BYTES;
    }

    /** Writes an IPv6 key from {@code ip[ipOff..ipOff+16)}; returns {@link #IPV6_BYTES}. */
    public static int writeV6Key(byte[] key, byte[] ip, int ipOff, int port, int scopeId) {
        key[0] = TAG_IPV6;
        System.arraycopy(ip, ipOff, key, IP_OFFSET, 16);
        key[IPV6_PORT_OFFSET] = (byte) (port >>> 8);
        key[IPV6_PORT_OFFSET + 1] = (byte) port;
        key[IPV6_SCOPE_OFFSET] = (byte) (scopeId >>> 24);
        key[IPV6_SCOPE_OFFSET + 1] = (byte) (scopeId >>> 16);
        key[IPV6_SCOPE_OFFSET + 2] = (byte) (scopeId >>> 8);
        key[IPV6_SCOPE_OFFSET + 3] = (byte) scopeId;
        return IPV6_BYTES;
    }

    /** True if the 16-byte address {@code ip16} is {@code ::ffff:a.b.c.d}. */
    public static boolean isV4Mapped(byte[] ip16) {
        for (int i = 0; i < 10; i++) {
            if (ip16[i] != 0) {
                return false;
            }
        }
        return ip16[10] == (byte) 0xff && ip16[11] == (byte) 0xff;
    }

    /** True if {@code addr} has the IPv4 layout. */
    public static boolean isIpv4(TransportAddr addr) {
        return addr.length() == IPV4_BYTES && addr.byteAt(0) == TAG_IPV4;
    }

    /** True if {@code addr} has the IPv6 layout. */
    public static boolean isIpv6(TransportAddr addr) {
        return addr.length() == IPV6_BYTES && addr.byteAt(0) == TAG_IPV6;
    }

    /** True if {@code addr} has either layout. */
    public static boolean isInet(TransportAddr addr) {
        return isIpv4(addr) || isIpv6(addr);
    }

    /** The port of an address of either layout. */
    public static int port(TransportAddr addr) {
        int at = isIpv4(addr) ? IPV4_PORT_OFFSET : IPV6_PORT_OFFSET;
        return (addr.byteAt(at) & 0xff) << 8 | (addr.byteAt(at + 1) & 0xff);
    }

    /** The scope id of an IPv6 address. */
    public static int scopeId(TransportAddr addr) {
        int s = 0;
        for (int i = 0; i < 4; i++) {
            s = s << 8 | (addr.byteAt(IPV6_SCOPE_OFFSET + i) & 0xff);
        }
        return s;
    }

    /** Copies the raw IP address (4 or 16 bytes) into {@code out}; returns its length. */
    public static int copyIp(TransportAddr addr, byte[] out) {
        int n = isIpv4(addr) ? 4 : 16;
        for (int i = 0; i < n; i++) {
            out[i] = addr.byteAt(IP_OFFSET + i);
        }
        return n;
    }

    /**
     * Back to a socket address (control paths; allocates).
     *
     * @throws IllegalArgumentException if {@code addr} has neither layout
     */
    public static InetSocketAddress toInet(TransportAddr addr) {
        if (!isInet(addr)) {
            throw new IllegalArgumentException("addr=" + addr + " is not an IP transport address");
        }
        byte[] ip = new byte[isIpv4(addr) ? 4 : 16];
        copyIp(addr, ip);
        try {
            InetAddress a = ip.length == 4 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, scopeId(addr));
            return new InetSocketAddress(a, port(addr));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("impossible: raw address of fixed length", e);
        }
    }

    /**
     * Parses a literal socket address for binding or listening:
     * {@code a.b.c.d:port} or {@code [v6]:port}, port 0..65535; never looks a
     * name up.
     *
     * @return null if {@code text} is not such a literal
     */
    public static InetSocketAddress parseLiteral(String text) {
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
     * A {@code bind_addr} setting (reference/configuration.md): a string
     * {@link #parseLiteral} accepts.
     *
     * @param path the key's full path, for the message
     * @param examplePort the port the message suggests (the transport's default)
     * @throws IllegalArgumentException from {@link SettingsReader#bad}, naming {@code path} and {@code v}
     */
    public static InetSocketAddress bindSetting(String path, Object v, int examplePort) {
        InetSocketAddress bind = v instanceof String s ? parseLiteral(s) : null;
        if (bind == null) {
            throw SettingsReader.bad(path, "an IP literal and port such as \"0.0.0.0:" + examplePort
                    + "\" or \"[::]:" + examplePort + "\"", v);
        }
        return bind;
    }

    /** Host text and port of {@code host:port} or {@code [v6]:port}. */
    record HostPort(String host, int port, boolean bracketed) {}

    /**
     * Splits {@code host:port} / {@code [v6]:port} into host text and port
     * (0..65535, decimal digits only).
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

    /** The four bytes of a strict dotted quad ({@code 0..255} each, digits only), or null. */
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

    private static int readPort(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int readScope(byte[] b) {
        return (b[IPV6_SCOPE_OFFSET] & 0xff) << 24 | (b[IPV6_SCOPE_OFFSET + 1] & 0xff) << 16
                | (b[IPV6_SCOPE_OFFSET + 2] & 0xff) << 8 | (b[IPV6_SCOPE_OFFSET + 3] & 0xff);
    }
}
