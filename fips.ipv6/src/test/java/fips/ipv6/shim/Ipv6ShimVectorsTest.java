package fips.ipv6.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fips.identity.FipsAddress;
import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.json.JNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers from vectors/ipv6_compress.json (INTEROP.md 9.1, 15 D2). In
 * every sample the packet travels from {@code src_ipv6} (the remote node, the
 * SessionDatagram source) to {@code dst_ipv6} (the local node).
 */
class Ipv6ShimVectorsTest {
    private static final JNode FILE =
            JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "ipv6_compress.json"));

    static Stream<Arguments> samples() {
        return FILE.get("samples").items().stream().map(s -> Arguments.of(s.get("label").str(), s));
    }

    static Stream<Arguments> compressSamples() {
        return samples().filter(a -> ((JNode) a.get()[1]).has("original"));
    }

    @Test
    @DisplayName("ipv6_compress.json: the vector file has 3 compression samples and 1 decompression-only sample")
    void vectorFileShape() {
        assertEquals(4, FILE.get("samples").items().size());
        assertEquals(3, compressSamples().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressSamples")
    @DisplayName("INTEROP.md 9.1: compress gives the vector's bytes, length and D2 residual")
    void compress(String label, JNode s) {
        byte[] original = s.get("original").hex();
        assertEquals(s.get("original_length").i32(), original.length);
        byte[] out = new byte[original.length + 3];
        int n = Ipv6ShimCodec.compress(original, 0, original.length, out, 3);
        assertEquals(s.get("compressed_length").i32(), n);
        assertEquals(s.get("compressed").str(), Hex.encode(out, 3, n));
        assertEquals(s.get("residual_bytes_1_to_6").str(), Hex.encode(out, 3 + 1, 6));
        // D2: bytes 1..4 are IPv6 bytes 0..3 verbatim, version nibble included.
        assertEquals(Hex.encode(original, 0, 4), Hex.encode(out, 3 + Ipv6ShimCodec.VERBATIM_OFFSET, 4));
        assertEquals(Ipv6ShimCodec.compressedLength(original.length), n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressSamples")
    @DisplayName("INTEROP.md 8.4/9.1: the port-256 DataPacket body is 0001 0001 ‖ compressed packet")
    void dataPacketBody(String label, JNode s) {
        byte[] original = s.get("original").hex();
        byte[] out = new byte[original.length];
        int n = Ipv6ShimCodec.compressDataPacketBody(original, 0, original.length, out, 0);
        assertEquals(s.get("data_packet_body_port256").str(), Hex.encode(out, 0, n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressSamples")
    @DisplayName("INTEROP.md 9.1: decompress(compressed, src = remote, local = destination) restores the original")
    void roundTrip(String label, JNode s) {
        byte[] compressed = s.get("compressed").hex();
        assertEquals(s.get("original").str(), decompressWithBothKinds(s, compressed));
    }

    @Test
    @DisplayName("INTEROP.md 9.1: decompression forces the version nibble to 6")
    void versionNibbleForced() {
        JNode s = FILE.get("samples").items().get(3);
        byte[] compressed = s.get("compressed").hex();
        assertEquals(0x0b, compressed[1] & 0xff);
        assertEquals(s.get("decompressed").str(), decompressWithBothKinds(s, compressed));
    }

    /** Decompresses with FipsAddress and with NodeAddr inputs; both must agree. */
    private static String decompressWithBothKinds(JNode s, byte[] compressed) {
        FipsAddress remote = fipsAddress(s.get("src_ipv6").str());
        FipsAddress local = fipsAddress(s.get("dst_ipv6").str());
        byte[] out = new byte[compressed.length + 40];
        int n = Ipv6ShimCodec.decompress(compressed, 0, compressed.length, remote, local, out, 1);
        assertEquals(Ipv6ShimCodec.decompressedLength(compressed.length), n);
        String viaFipsAddress = Hex.encode(out, 1, n);

        byte[] out2 = new byte[n];
        int n2 = Ipv6ShimCodec.decompress(compressed, 0, compressed.length, nodeAddrFor(remote), nodeAddrFor(local),
                out2, 0);
        assertEquals(n, n2);
        assertEquals(viaFipsAddress, Hex.encode(out2));
        return viaFipsAddress;
    }

    static FipsAddress fipsAddress(String text) {
        try {
            return FipsAddress.fromBytes(InetAddress.getByName(text).getAddress()); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A NodeAddr whose first 15 bytes give this address; the 16th byte, not carried in the address, is 0xa5. */
    static NodeAddr nodeAddrFor(FipsAddress a) {
        byte[] b = a.toBytes();
        byte[] n = new byte[16];
        System.arraycopy(b, 1, n, 0, 15);
        n[15] = (byte) 0xa5;
        NodeAddr addr = NodeAddr.fromBytes(n);
        assertEquals(a, addr.fipsAddress());
        return addr;
    }
}
