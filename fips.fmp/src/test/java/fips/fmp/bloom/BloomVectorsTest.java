package fips.fmp.bloom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.wire.DecodeException;
import fips.fmp.wire.FilterAnnounce;
import fips.fmp.wire.FilterAnnounceCheck;
import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.json.JNode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers from vectors/bloom.json (INTEROP.md 6). */
class BloomVectorsTest {
    private static final JNode FILE = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "bloom.json"));

    static Stream<Arguments> hashes() {
        return FILE.get("hashes").items().stream().map(m -> Arguments.of(m.get("node_addr").str(), m));
    }

    static Stream<Arguments> filters() {
        return FILE.get("filters").items().stream().map(m -> Arguments.of("n=" + m.get("n").i32(), m));
    }

    static Stream<Arguments> decodeCases() {
        return FILE.get("filter_announce_decode").items().stream().map(m -> Arguments.of(m.get("label").str(), m));
    }

    @Test
    @DisplayName("INTEROP.md 6 (bloom.json): eight hash cases, two filters, four decode cases")
    void shape() {
        assertEquals(8, FILE.get("hashes").items().size());
        assertEquals(2, FILE.get("filters").items().size());
        assertEquals(4, FILE.get("filter_announce_decode").items().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hashes")
    @DisplayName("INTEROP.md 6 \"Hash positions\": h1, h2 and the five bit indices of a NodeAddr")
    void hashPositions(String label, JNode v) {
        NodeAddr addr = NodeAddr.fromHex(v.get("node_addr").str());
        BloomKey key = BloomKey.of(addr);
        // h1 and h2 are decimal strings in bloom.json (u64 values above 2^53).
        assertEquals(Long.parseUnsignedLong(v.get("h1").str()), key.h1());
        assertEquals(Long.parseUnsignedLong(v.get("h2").str()), key.h2());
        int[] want = v.get("bit_indices_k5_m8192").items().stream().mapToInt(JNode::i32).toArray();
        assertArrayEquals(want, BloomFilter.bitIndices(addr, 5));

        // Inserting sets exactly those bits, LSB-first within each wire byte.
        BloomFilter f = new BloomFilter();
        f.insert(addr);
        byte[] bytes = f.toBytes();
        for (int idx : want) {
            assertTrue(f.bit(idx));
            assertEquals(1 << (idx % 8), bytes[idx / 8] & (1 << (idx % 8)), "bit " + idx);
        }
        assertEquals(java.util.Arrays.stream(want).distinct().count(), f.countOnes());
        assertTrue(f.contains(addr));
        assertTrue(f.contains(key));
    }

    @Test
    @DisplayName("INTEROP.md Appendix A: bloom bit indices of the appendix key's node_addr")
    void appendixIndices() {
        assertArrayEquals(new int[] {5680, 6670, 7660, 458, 1448},
                BloomFilter.bitIndices(NodeAddr.fromHex("69e08d65cc3a6b9c2c2ac4bd405e4b0e"), 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    @DisplayName("INTEROP.md 6: filter bits, count_ones, FPR (fill^k), non-member probes and FilterAnnounce encoding")
    void filter(String label, JNode v) throws DecodeException {
        BloomFilter f = new BloomFilter();
        for (JNode a : v.get("inserted").items()) {
            f.insert(NodeAddr.fromHex(a.str()));
        }
        assertEquals(v.get("n").i32(), v.get("inserted").items().size());
        assertEquals(v.get("filter_bits").str(), Hex.encode(f.toBytes()));
        assertEquals(v.get("count_ones").i32(), f.countOnes());
        // The vectors round the FPR to 12 decimal places.
        assertEquals(v.get("fpr").num(), f.estimatedFpr(), 5e-13);
        assertEquals(Math.pow(v.get("count_ones").i32() / 8192.0, 5), f.estimatedFpr(), 1e-18);
        for (JNode a : v.get("inserted").items()) {
            assertTrue(f.contains(NodeAddr.fromHex(a.str())));
        }
        for (JNode p : v.get("non_member_probes").items()) {
            String addr = p.get("node_addr").str();
            assertEquals(p.get("contains").bool(), f.contains(NodeAddr.fromHex(addr)), addr);
        }

        // Round trip through the wire bytes.
        assertEquals(f, BloomFilter.fromBytes(v.get("filter_bits").hex()));

        FilterAnnounce fa = new FilterAnnounce(v.get("filter_announce_sequence").u64(), f);
        byte[] encoded = v.get("filter_announce_encoded").hex();
        assertEquals(Hex.encode(encoded), Hex.encode(fa.encode()));
        FilterAnnounce back = FilterAnnounce.decode(encoded, 0, encoded.length);
        assertEquals(fa, back);
        assertEquals(5, back.hashCount());
        assertEquals(FilterAnnounceCheck.OK, back.checkInbound());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodeCases")
    @DisplayName("INTEROP.md 6 \"FilterAnnounce (0x20)\": body decode accepts exactly the valid cases")
    void filterAnnounceDecode(String label, JNode v) throws DecodeException {
        byte[] body = v.get("body").hex();
        if (v.get("valid").bool()) {
            FilterAnnounce fa = FilterAnnounce.decodeBody(body, 0, body.length);
            assertEquals(body[8] & 0xff, fa.hashCount());
            assertArrayEquals(body, fa.encodeBody());
            // With the msg_type byte in front, the full decoder agrees.
            byte[] full = new byte[body.length + 1];
            full[0] = 0x20;
            System.arraycopy(body, 0, full, 1, body.length);
            assertEquals(fa, FilterAnnounce.decode(full, 0, full.length));
        } else {
            DecodeException e = assertThrows(DecodeException.class, () -> FilterAnnounce.decodeBody(body, 0, body.length));
            assertEquals("FilterAnnounce", e.messageType());
            switch (label) {
                case "size_class 4 rejected" -> {
                    assertEquals("size_class", e.field());
                    assertEquals("4", e.got());
                }
                case "filter one byte long" -> {
                    assertEquals("filter", e.field());
                    assertEquals("exactly 1024 bytes at offset 11", e.expected());
                    assertEquals("1025 bytes", e.got());
                }
                default -> assertFalse(e.getMessage().isEmpty());
            }
        }
    }
}
