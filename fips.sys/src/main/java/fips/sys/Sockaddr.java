package fips.sys;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Reads and writes {@code struct sockaddr_in} / {@code sockaddr_in6} in a
 * segment ({@link Syscalls#SOCKADDR_IN}, {@link Syscalls#SOCKADDR_IN6}), and
 * formats socket addresses the way operators write them ({@code 1.2.3.4:2121},
 * {@code [2001:db8::1]:2121}, RFC 5952 text for IPv6).
 *
 * <p>The segment must be native (or otherwise 4-byte aligned) and at least
 * {@link #SOCKADDR_MAX_BYTES} long. The raw readers and writers do not
 * allocate; the {@link InetSocketAddress} ones are for control paths. The
 * {@code format} methods are plain Java and work where {@link Syscalls} is
 * unavailable.
 */
public final class Sockaddr {
    // Literals rather than Syscalls.SOCKADDR_IN.byteSize(), so that formatting
    // never triggers the native probe; SyscallsTest checks they agree.
    /** {@code sizeof(struct sockaddr_in)}. */
    public static final int SOCKADDR_IN_BYTES = 16;
    /** {@code sizeof(struct sockaddr_in6)}. */
    public static final int SOCKADDR_IN6_BYTES = 28;
    /** Room for either. */
    public static final int SOCKADDR_MAX_BYTES = SOCKADDR_IN6_BYTES;

    private static final byte[] V4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private Sockaddr() {}

    /** Writes a {@code sockaddr_in}; returns its length. */
    public static int writeIn(MemorySegment sa, byte[] ip4, int ipOff, int port) {
        sa.fill((byte) 0);
        sa.set(ValueLayout.JAVA_SHORT, Syscalls.SIN_FAMILY_OFFSET, (short) Syscalls.AF_INET);
        sa.set(Syscalls.NET_SHORT, Syscalls.SIN_PORT_OFFSET, (short) port);
        MemorySegment.copy(ip4, ipOff, sa, ValueLayout.JAVA_BYTE, Syscalls.SIN_ADDR_OFFSET, 4);
        return SOCKADDR_IN_BYTES;
    }

    /** Writes a {@code sockaddr_in6}; returns its length. */
    public static int writeIn6(MemorySegment sa, byte[] ip16, int ipOff, int port, int scopeId) {
        sa.fill((byte) 0);
        sa.set(ValueLayout.JAVA_SHORT, Syscalls.SIN6_FAMILY_OFFSET, (short) Syscalls.AF_INET6);
        sa.set(Syscalls.NET_SHORT, Syscalls.SIN6_PORT_OFFSET, (short) port);
        MemorySegment.copy(ip16, ipOff, sa, ValueLayout.JAVA_BYTE, Syscalls.SIN6_ADDR_OFFSET, 16);
        sa.set(ValueLayout.JAVA_INT, Syscalls.SIN6_SCOPE_ID_OFFSET, scopeId);
        return SOCKADDR_IN6_BYTES;
    }

    /** Writes an IPv4 address as a v4-mapped {@code sockaddr_in6} ({@code ::ffff:a.b.c.d}), for a dual-stack socket. */
    public static int writeV4Mapped(MemorySegment sa, byte[] ip4, int ipOff, int port) {
        sa.fill((byte) 0);
        sa.set(ValueLayout.JAVA_SHORT, Syscalls.SIN6_FAMILY_OFFSET, (short) Syscalls.AF_INET6);
        sa.set(Syscalls.NET_SHORT, Syscalls.SIN6_PORT_OFFSET, (short) port);
        MemorySegment.copy(V4_MAPPED_PREFIX, 0, sa, ValueLayout.JAVA_BYTE, Syscalls.SIN6_ADDR_OFFSET, 12);
        MemorySegment.copy(ip4, ipOff, sa, ValueLayout.JAVA_BYTE, Syscalls.SIN6_ADDR_OFFSET + 12, 4);
        return SOCKADDR_IN6_BYTES;
    }

    /** {@link Syscalls#AF_INET}, {@link Syscalls#AF_INET6} or another family. */
    public static int family(MemorySegment sa) {
        return sa.get(ValueLayout.JAVA_SHORT, Syscalls.SIN_FAMILY_OFFSET) & 0xffff;
    }

    /** The port of an IPv4 or IPv6 socket address. */
    public static int port(MemorySegment sa) {
        return sa.get(Syscalls.NET_SHORT, Syscalls.SIN_PORT_OFFSET) & 0xffff;
    }

    /** True if {@code sa} is a {@code sockaddr_in6} holding {@code ::ffff:a.b.c.d}. */
    public static boolean isV4Mapped(MemorySegment sa) {
        if (family(sa) != Syscalls.AF_INET6) {
            return false;
        }
        long a = Syscalls.SIN6_ADDR_OFFSET;
        return sa.get(ValueLayout.JAVA_LONG_UNALIGNED, a) == 0
                && sa.get(ValueLayout.JAVA_SHORT_UNALIGNED, a + 8) == 0
                && sa.get(ValueLayout.JAVA_SHORT_UNALIGNED, a + 10) == (short) 0xffff;
    }

    /** Writes {@code addr} in its own family; returns the length. */
    public static int write(MemorySegment sa, InetSocketAddress addr) {
        InetAddress ip = addr.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address=" + addr);
        }
        if (ip instanceof Inet6Address v6) {
            return writeIn6(sa, v6.getAddress(), 0, addr.getPort(), v6.getScopeId());
        }
        return writeIn(sa, ip.getAddress(), 0, addr.getPort());
    }

    /** Reads an IPv4 or IPv6 socket address (control paths: allocates). */
    public static InetSocketAddress read(MemorySegment sa) {
        int family = family(sa);
        try {
            if (family == Syscalls.AF_INET) {
                byte[] ip = sa.asSlice(Syscalls.SIN_ADDR_OFFSET, 4).toArray(ValueLayout.JAVA_BYTE);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port(sa));
            }
            if (family == Syscalls.AF_INET6) {
                byte[] ip = sa.asSlice(Syscalls.SIN6_ADDR_OFFSET, 16).toArray(ValueLayout.JAVA_BYTE);
                int scope = sa.get(ValueLayout.JAVA_INT, Syscalls.SIN6_SCOPE_ID_OFFSET);
                return new InetSocketAddress(Inet6Address.getByAddress(null, ip, scope), port(sa));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("impossible: raw address of fixed length", e);
        }
        throw new IllegalArgumentException("not an IP socket address: family=" + family);
    }

    /** {@code 1.2.3.4:port} or {@code [v6]:port}, with {@code %scope} for a non-zero IPv6 scope id. */
    public static String format(InetSocketAddress addr) {
        InetAddress ip = addr.getAddress();
        if (ip == null) {
            return addr.getHostString() + ":" + addr.getPort();
        }
        byte[] raw = ip.getAddress();
        int scope = ip instanceof Inet6Address v6 ? v6.getScopeId() : 0;
        return format(raw, 0, raw.length, addr.getPort(), scope);
    }

    /**
     * Formats a raw IPv4 (4 bytes) or IPv6 (16 bytes) address and port;
     * IPv6 text follows RFC 5952 (lower case, longest zero run as {@code ::}).
     */
    public static String format(byte[] ip, int off, int len, int port, int scopeId) {
        StringBuilder sb = new StringBuilder(48);
        if (len == 4) {
            appendIpv4(sb, ip, off);
            return sb.append(':').append(port).toString();
        }
        if (len != 16) {
            throw new IllegalArgumentException("IP address length=" + len);
        }
        sb.append('[');
        appendIpv6(sb, ip, off);
        if (scopeId != 0) {
            sb.append('%').append(Integer.toUnsignedString(scopeId));
        }
        return sb.append("]:").append(port).toString();
    }

    /** The RFC 5952 text of a raw 16-byte IPv6 address. */
    public static String formatIpv6(byte[] ip, int off) {
        StringBuilder sb = new StringBuilder(40);
        appendIpv6(sb, ip, off);
        return sb.toString();
    }

    private static void appendIpv4(StringBuilder sb, byte[] ip, int off) {
        sb.append(ip[off] & 0xff).append('.').append(ip[off + 1] & 0xff).append('.')
                .append(ip[off + 2] & 0xff).append('.').append(ip[off + 3] & 0xff);
    }

    private static void appendIpv6(StringBuilder sb, byte[] ip, int off) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ip[off + 2 * i] & 0xff) << 8) | (ip[off + 2 * i + 1] & 0xff);
        }
        // RFC 5952 section 4.2: compress the longest run of two or more zero groups, the first if tied.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        // RFC 5952 section 5: ::ffff:a.b.c.d keeps the dotted IPv4 form.
        boolean mapped = bestStart == 0 && bestLen == 5 && groups[5] == 0xffff;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (mapped && i == 6) {
                sb.append(':');
                appendIpv4(sb, ip, off + 12);
                return;
            }
            if (i > 0 && i != bestStart + bestLen) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
    }
}
