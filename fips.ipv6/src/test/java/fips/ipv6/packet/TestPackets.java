package fips.ipv6.packet;

import java.util.Arrays;

/**
 * Packet builders and an independent checksum for the tests of this module.
 * The checksum here is written from RFC 1071/RFC 8200 8.1 directly (explicit
 * pseudo-header bytes, 32-bit accumulation, folding by {@code % 0xffff}) and
 * shares no code with {@link InternetChecksum}.
 */
public final class TestPackets {
    private TestPackets() {}

    public static byte[] addr(String hex32) {
        return fips.identity.Hex.decode(hex32);
    }

    /** An IPv6 packet: version 6, the given traffic class and flow, payload length from {@code payload}. */
    public static byte[] ipv6(int trafficClass, int flowLabel, int nextHeader, int hopLimit, byte[] src, byte[] dst,
            byte[] payload) {
        byte[] p = new byte[40 + payload.length];
        int w0 = 6 << 28 | (trafficClass & 0xff) << 20 | (flowLabel & 0xfffff);
        p[0] = (byte) (w0 >>> 24);
        p[1] = (byte) (w0 >>> 16);
        p[2] = (byte) (w0 >>> 8);
        p[3] = (byte) w0;
        p[4] = (byte) (payload.length >>> 8);
        p[5] = (byte) payload.length;
        p[6] = (byte) nextHeader;
        p[7] = (byte) hopLimit;
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        System.arraycopy(payload, 0, p, 40, payload.length);
        return p;
    }

    public static byte[] ipv6(int nextHeader, byte[] src, byte[] dst, byte[] payload) {
        return ipv6(0, 0, nextHeader, 64, src, dst, payload);
    }

    /**
     * A TCP segment in IPv6 with the given flags and options (padded to a
     * multiple of 4 with EOL) and {@code dataLen} payload bytes, with a correct
     * checksum from {@link #referenceChecksum}.
     */
    public static byte[] tcp(byte[] src, byte[] dst, int flags, byte[] options, int dataLen) {
        int optLen = (options.length + 3) & ~3;
        byte[] seg = new byte[20 + optLen + dataLen];
        seg[0] = (byte) 0xc3; seg[1] = 0x50;               // src port 50000
        seg[2] = 0x00; seg[3] = 0x16;                      // dst port 22
        seg[4] = 0x12; seg[5] = 0x34; seg[6] = 0x56; seg[7] = 0x78;
        seg[12] = (byte) (((20 + optLen) / 4) << 4);
        seg[13] = (byte) flags;
        seg[14] = (byte) 0xff; seg[15] = (byte) 0xc4;      // window
        System.arraycopy(options, 0, seg, 20, options.length);
        for (int i = 0; i < dataLen; i++) {
            seg[20 + optLen + i] = (byte) (i * 7 + 3);
        }
        byte[] p = ipv6(6, src, dst, seg);
        setChecksum(p, 40 + 16);
        return p;
    }

    /** Writes the reference checksum of the upper layer of {@code p} (which starts at byte 40) at {@code at}. */
    public static void setChecksum(byte[] p, int at) {
        p[at] = 0;
        p[at + 1] = 0;
        int c = referenceChecksum(p);
        p[at] = (byte) (c >>> 8);
        p[at + 1] = (byte) c;
    }

    /**
     * The checksum value of the message after the 40-byte header of {@code p},
     * over the pseudo-header (src, dst, upper-layer length = total − 40,
     * zeros, next header), computed with the message's checksum field as it
     * is (zero it first to compute a value).
     */
    public static int referenceChecksum(byte[] p) {
        int l4 = p.length - 40;
        byte[] pseudo = new byte[40 + l4 + (l4 & 1)];
        System.arraycopy(p, 8, pseudo, 0, 32);
        pseudo[32] = (byte) (l4 >>> 24);
        pseudo[33] = (byte) (l4 >>> 16);
        pseudo[34] = (byte) (l4 >>> 8);
        pseudo[35] = (byte) l4;
        pseudo[39] = p[6];
        System.arraycopy(p, 40, pseudo, 40, l4);
        long sum = 0;
        for (int i = 0; i < pseudo.length; i += 2) {
            sum += ((pseudo[i] & 0xff) * 256L) + (pseudo[i + 1] & 0xff);
        }
        // One's complement sum of 16-bit words = sum mod 0xffff, with 0 represented as 0xffff (sum > 0).
        long folded = sum % 0xffff;
        if (folded == 0 && sum != 0) {
            folded = 0xffff;
        }
        return (int) (~folded & 0xffff);
    }

    /** Whether the upper-layer checksum of {@code p} verifies (RFC 1071: the sum over everything is all ones). */
    public static boolean checksumValid(byte[] p) {
        return referenceChecksum(p) == 0;
    }

    public static byte[] slice(byte[] b, int off, int len) {
        return Arrays.copyOfRange(b, off, off + len);
    }
}
