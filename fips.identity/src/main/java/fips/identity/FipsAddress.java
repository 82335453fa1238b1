package fips.identity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A node's IPv6 address in {@code fd00::/8}: {@code 0xfd || node_addr[0..15]}
 * (INTEROP.md 1.1). The last node_addr byte is not part of it, so the 15-byte
 * prefix is what maps an address back to an identity.
 */
public record FipsAddress(long hi, long lo) {
    public static final int PREFIX_BYTE = 0xfd;

    public static FipsAddress read(byte[] buf, int offset) {
        return new FipsAddress(NodeAddr.getLongBE(buf, offset), NodeAddr.getLongBE(buf, offset + 8));
    }

    /** Parses 16 bytes; byte 0 must be {@code 0xfd}. */
    public static FipsAddress fromBytes(byte[] b16) {
        if (b16.length != 16) {
            throw new KeyFormatException("FIPS address must be 16 bytes, got " + b16.length);
        }
        if ((b16[0] & 0xff) != PREFIX_BYTE) {
            throw new KeyFormatException(String.format("FIPS address must start with fd, got %02x", b16[0] & 0xff));
        }
        return read(b16, 0);
    }

    public static boolean isFipsAddress(byte[] buf, int offset) {
        return (buf[offset] & 0xff) == PREFIX_BYTE;
    }

    public byte[] toBytes() {
        byte[] b = new byte[16];
        write(b, 0);
        return b;
    }

    public void write(byte[] buf, int offset) {
        NodeAddr.putLongBE(buf, offset, hi);
        NodeAddr.putLongBE(buf, offset + 8, lo);
    }

    public Inet6Address toInet6Address() {
        try {
            return (Inet6Address) InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Canonical RFC 5952 text (lower case, longest zero run compressed). */
    @Override
    public String toString() {
        byte[] b = toBytes();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) sb.append(':');
        }
        return sb.toString();
    }
}
