package fips.ipv6.packet;

/**
 * The Internet checksum (RFC 1071) as ICMPv6 and TCP over IPv6 use it, with
 * the IPv6 pseudo-header of RFC 8200 section 8.1: source, destination,
 * 32-bit upper-layer length, three zero bytes, next header. Allocation-free.
 */
public final class InternetChecksum {
    private InternetChecksum() {}

    /**
     * Adds {@code len} bytes at {@code buf[off]} as big-endian 16-bit words
     * (an odd trailing byte is padded with zero) to the running sum.
     * The result is not folded; {@link #fold} does that.
     */
    public static long add(long sum, byte[] buf, int off, int len) {
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) {
            sum += (buf[i] & 0xff) << 8 | (buf[i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (buf[off + len - 1] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds the carries of a running sum into 16 bits (one's complement addition). */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /**
     * The checksum field value for an upper-layer message over IPv6: the
     * complement of the folded sum of the pseudo-header and the message. The
     * message's own checksum field must be zero when computing, or it is
     * included (then a correct message yields 0).
     *
     * @param addrBuf buffer holding source then destination address (32 bytes) at {@code srcOff}
     * @param nextHeader the upper-layer protocol (58 ICMPv6, 6 TCP)
     * @param msg the upper-layer message
     */
    public static int pseudoHeaderChecksum(byte[] addrBuf, int srcOff, int nextHeader, byte[] msg, int msgOff,
            int msgLen) {
        long sum = add(0, addrBuf, srcOff, 2 * Ipv6Packet.ADDRESS_BYTES);
        sum += (msgLen >>> 16) & 0xffff;
        sum += msgLen & 0xffff;
        sum += nextHeader & 0xff;
        sum = add(sum, msg, msgOff, msgLen);
        return ~fold(sum) & 0xffff;
    }

    /**
     * RFC 1624 equation 3: the checksum after a 16-bit word of the covered
     * data changes from {@code oldWord} to {@code newWord}. For a value that
     * sits at an odd offset from the start of the checksummed data, pass both
     * words byte-swapped ({@link Integer#reverseBytes} of the 16 bits): the
     * one's complement sum is byte-order independent (RFC 1071 section 2(B)).
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(sum) & 0xffff;
    }

    /** Swaps the two bytes of a 16-bit value. */
    public static int swap16(int v) {
        return (v & 0xff) << 8 | (v >>> 8) & 0xff;
    }
}
