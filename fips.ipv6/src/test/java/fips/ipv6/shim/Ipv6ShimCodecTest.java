package fips.ipv6.shim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fips.identity.Hex;
import fips.identity.NodeAddr;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad input, truncation, buffer contracts and in-place use of the format 0x00 codec (INTEROP.md 9.1). */
class Ipv6ShimCodecTest {
    private static final byte[] PACKET = Hex.decode("60112345002006fffdb32592850a6f83c5cd2d9dbd60454dfd96df45d0923da3"
            + "f55e329ac9929effc738001601020304000000008002fd201f020000020404c40103030704020000");
    private static final NodeAddr SRC = NodeAddr.fromHex("b32592850a6f83c5cd2d9dbd60454d4a");
    private static final NodeAddr LOCAL = NodeAddr.fromHex("96df45d0923da3f55e329ac9929eff2f");

    @Test
    @DisplayName("INTEROP.md 9.1: compress needs 40 bytes; every shorter length is TOO_SHORT")
    void compressTruncation() {
        byte[] out = new byte[128];
        for (int len = 0; len < Ipv6ShimCodec.IPV6_HEADER_BYTES; len++) {
            assertEquals(Ipv6ShimCodec.TOO_SHORT, Ipv6ShimCodec.compress(PACKET, 0, len, out, 0), "len=" + len);
            assertEquals(Ipv6ShimCodec.TOO_SHORT, Ipv6ShimCodec.compressDataPacketBody(PACKET, 0, len, out, 0));
        }
        assertEquals(7, Ipv6ShimCodec.compress(PACKET, 0, 40, out, 0));
        assertEquals("006011234506ff", Hex.encode(out, 0, 7));
    }

    @Test
    @DisplayName("INTEROP.md 9.1: compress needs version nibble 6 (IPv4 and garbage are NOT_IPV6)")
    void compressNotIpv6() {
        byte[] out = new byte[128];
        for (int v = 0; v < 16; v++) {
            byte[] p = PACKET.clone();
            p[0] = (byte) (v << 4 | (p[0] & 0x0f));
            int n = Ipv6ShimCodec.compress(p, 0, p.length, out, 0);
            assertEquals(v == 6 ? PACKET.length - 33 : Ipv6ShimCodec.NOT_IPV6, n, "version=" + v);
        }
        byte[] ipv4 = Hex.decode("4500003c1c4640004006b1e6c0a80001c0a800c7" + "00".repeat(40));
        assertEquals(Ipv6ShimCodec.NOT_IPV6, Ipv6ShimCodec.compress(ipv4, 0, ipv4.length, out, 0));
    }

    @Test
    @DisplayName("INTEROP.md 9.1: decompress needs 7 bytes and format 0x00; anything else is dropped")
    void decompressBadInput() {
        byte[] compressed = new byte[PACKET.length - 33];
        assertEquals(compressed.length, Ipv6ShimCodec.compress(PACKET, 0, PACKET.length, compressed, 0));
        byte[] out = new byte[PACKET.length];
        for (int len = 0; len < Ipv6ShimCodec.COMPRESSED_HEADER_BYTES; len++) {
            assertEquals(Ipv6ShimCodec.TOO_SHORT, Ipv6ShimCodec.decompress(compressed, 0, len, SRC, LOCAL, out, 0));
        }
        for (int f = 1; f < 256; f++) {
            byte[] c = compressed.clone();
            c[0] = (byte) f;
            assertEquals(Ipv6ShimCodec.BAD_FORMAT, Ipv6ShimCodec.decompress(c, 0, c.length, SRC, LOCAL, out, 0),
                    "format=" + f);
            assertEquals(Ipv6ShimCodec.BAD_FORMAT, Ipv6ShimCodec.decompress(c, 0, c.length, SRC.fipsAddress(),
                    LOCAL.fipsAddress(), out, 0));
        }
        // Every length from the bare header up decompresses, with payload length = remainder.
        for (int len = Ipv6ShimCodec.COMPRESSED_HEADER_BYTES; len <= compressed.length; len++) {
            int n = Ipv6ShimCodec.decompress(compressed, 0, len, SRC, LOCAL, out, 0);
            assertEquals(len + 33, n);
            assertEquals(len - 7, (out[4] & 0xff) << 8 | (out[5] & 0xff));
        }
        assertEquals("ipv6_shim_bad_format", Ipv6ShimCodec.name(Ipv6ShimCodec.BAD_FORMAT));
    }

    @Test
    @DisplayName("INTEROP.md 9.1: a remainder longer than the 16-bit payload length is TOO_LONG")
    void decompressTooLong() {
        byte[] big = new byte[7 + 0x10000];
        assertEquals(Ipv6ShimCodec.TOO_LONG, Ipv6ShimCodec.decompress(big, 0, big.length, SRC, LOCAL,
                new byte[big.length + 33], 0));
        assertEquals(0x10000 - 1 + 40, Ipv6ShimCodec.decompress(big, 0, big.length - 1, SRC, LOCAL,
                new byte[big.length + 33], 0));
    }

    @Test
    @DisplayName("INTEROP.md 9.1: an output buffer one byte short is OUTPUT_TOO_SMALL and left untouched")
    void outputTooSmall() {
        byte[] out = new byte[PACKET.length - 33 - 1];
        assertEquals(Ipv6ShimCodec.OUTPUT_TOO_SMALL, Ipv6ShimCodec.compress(PACKET, 0, PACKET.length, out, 0));
        assertArrayEquals(new byte[out.length], out);
        byte[] body = new byte[PACKET.length - 33 + 4 - 1];
        assertEquals(Ipv6ShimCodec.OUTPUT_TOO_SMALL,
                Ipv6ShimCodec.compressDataPacketBody(PACKET, 0, PACKET.length, body, 0));
        byte[] compressed = new byte[PACKET.length - 33];
        Ipv6ShimCodec.compress(PACKET, 0, PACKET.length, compressed, 0);
        assertEquals(Ipv6ShimCodec.OUTPUT_TOO_SMALL, Ipv6ShimCodec.decompress(compressed, 0, compressed.length, SRC,
                LOCAL, new byte[PACKET.length - 1], 0));
    }

    @Test
    @DisplayName("INTEROP.md 9.1: compress and decompress work in place, in the same buffer")
    void inPlace() {
        byte[] buf = new byte[PACKET.length + 8];
        System.arraycopy(PACKET, 0, buf, 8, PACKET.length);
        // Compress toward the front, overlapping the input.
        int n = Ipv6ShimCodec.compressDataPacketBody(buf, 8, PACKET.length, buf, 8 + 29);
        assertEquals(PACKET.length - 29, n);
        byte[] expectedBody = new byte[n];
        Ipv6ShimCodec.compressDataPacketBody(PACKET, 0, PACKET.length, expectedBody, 0);
        assertEquals(Hex.encode(expectedBody), Hex.encode(buf, 8 + 29, n));
        // Decompress back over the same region, growing toward the front.
        int m = Ipv6ShimCodec.decompress(buf, 8 + 29 + 4, n - 4, SRC, LOCAL, buf, 8);
        assertEquals(PACKET.length, m);
        assertEquals(Hex.encode(PACKET), Hex.encode(buf, 8, m));
        // And growing toward the back.
        byte[] buf2 = Arrays.copyOf(expectedBody, PACKET.length + 10);
        m = Ipv6ShimCodec.decompress(buf2, 4, n - 4, SRC, LOCAL, buf2, 10);
        assertEquals(Hex.encode(PACKET), Hex.encode(buf2, 10, m));
    }

    @Test
    @DisplayName("INTEROP.md 9.1: the addresses come from the NodeAddrs' first 15 bytes, not from the packet")
    void addressesFromSession() {
        byte[] compressed = new byte[PACKET.length - 33];
        Ipv6ShimCodec.compress(PACKET, 0, PACKET.length, compressed, 0);
        byte[] out = new byte[PACKET.length];
        Ipv6ShimCodec.decompress(compressed, 0, compressed.length, LOCAL, SRC, out, 0);
        assertEquals("fd" + LOCAL.toHex().substring(0, 30), Hex.encode(out, 8, 16));
        assertEquals("fd" + SRC.toHex().substring(0, 30), Hex.encode(out, 24, 16));
    }
}
