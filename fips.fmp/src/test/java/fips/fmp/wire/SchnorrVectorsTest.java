package fips.fmp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.json.JNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Signed link messages from vectors/schnorr.json (INTEROP.md 4, 5.1, 7). */
class SchnorrVectorsTest {
    private static final JNode FILE = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "schnorr.json"));

    static Stream<Arguments> treeAnnounces() {
        return FILE.get("tree_announce").items().stream().map(m -> Arguments.of(m.get("label").str(), m));
    }

    static Stream<Arguments> lookupResponses() {
        return FILE.get("lookup_response").items().stream().map(m -> Arguments.of(m.get("label").str(), m));
    }

    @Test
    @DisplayName("INTEROP.md 4 (schnorr.json): six TreeAnnounce and two LookupResponse cases")
    void shape() {
        assertEquals(6, FILE.get("tree_announce").items().size());
        assertEquals(2, FILE.get("lookup_response").items().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("treeAnnounces")
    @DisplayName("INTEROP.md 5.1: TreeAnnounce decodes to the listed fields and re-encodes byte-exact")
    void treeAnnounceDecode(String label, JNode v) throws DecodeException {
        byte[] encoded = v.get("encoded").hex();
        TreeAnnounce t = TreeAnnounce.decode(encoded, 0, encoded.length);
        assertEquals(NodeAddr.fromHex(v.get("node_addr").str()), t.nodeAddr());
        assertEquals(NodeAddr.fromHex(v.get("parent").str()), t.parent());
        assertEquals(v.get("sequence").u64(), t.sequence());
        assertEquals(v.get("timestamp").u64(), t.timestampSecs());
        List<AncestryEntry> want = new ArrayList<>();
        for (JNode e : v.get("ancestry").items()) {
            want.add(new AncestryEntry(NodeAddr.fromHex(e.get("node_addr").str()), e.get("sequence").u64(),
                    e.get("timestamp").u64()));
        }
        // The listed ancestry and signature are the unmutated originals; a mutation vector differs in exactly one place.
        List<String> diff = new ArrayList<>();
        for (int i = 0; i < Math.max(want.size(), t.ancestry().size()); i++) {
            AncestryEntry w = i < want.size() ? want.get(i) : null;
            AncestryEntry g = i < t.ancestry().size() ? t.ancestry().get(i) : null;
            if (w == null || g == null || !w.nodeAddr().equals(g.nodeAddr())) {
                diff.add("ancestry[" + i + "]");
            } else {
                if (w.sequence() != g.sequence()) {
                    diff.add("ancestry[" + i + "].sequence");
                }
                if (w.timestampSecs() != g.timestampSecs()) {
                    diff.add("ancestry[" + i + "].timestamp");
                }
            }
        }
        if (!v.get("signature").str().equals(Hex.encode(t.signature()))) {
            diff.add("signature");
        }
        List<String> expectedDiff = switch (label) {
            case "signature bit flipped" -> List.of("signature");
            case "ancestry entry timestamp modified (not signed, still verifies)" -> List.of("ancestry[1].timestamp");
            default -> List.of();
        };
        assertEquals(expectedDiff, diff);
        assertEquals(Hex.encode(encoded), Hex.encode(t.encode()));
        assertEquals(encoded.length, t.encodedLength());
        // The record built from the listed fields encodes to the vector unless the vector is a mutation.
        TreeAnnounce rebuilt = new TreeAnnounce(v.get("sequence").u64(), v.get("timestamp").u64(),
                NodeAddr.fromHex(v.get("parent").str()), want, v.get("signature").hex());
        assertEquals(expectedDiff.isEmpty(), rebuilt.equals(t));
        assertEquals(expectedDiff.isEmpty(), Arrays.equals(encoded, rebuilt.encode()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("treeAnnounces")
    @DisplayName("INTEROP.md 4: TreeAnnounce signing bytes; verification result equals expect_verify")
    void treeAnnounceSignature(String label, JNode v) throws DecodeException {
        byte[] encoded = v.get("encoded").hex();
        TreeAnnounce t = TreeAnnounce.decode(encoded, 0, encoded.length);
        assertEquals(v.get("signing_bytes").str(), Hex.encode(t.signingBytes()));
        PublicKey key = PublicKey.fromXOnly(v.get("verify_with_pubkey_xonly").hex());
        assertEquals(v.get("expect_verify").bool(), t.verify(key));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("treeAnnounces")
    @DisplayName("INTEROP.md 5.1 step 4: ancestry semantic check equals expect_semantics")
    void treeAnnounceSemantics(String label, JNode v) throws DecodeException {
        byte[] encoded = v.get("encoded").hex();
        TreeAnnounce t = TreeAnnounce.decode(encoded, 0, encoded.length);
        assertEquals(v.get("expect_semantics").str(), t.validateSemantics().specName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookupResponses")
    @DisplayName("INTEROP.md 7: LookupResponse decodes to the listed fields and re-encodes byte-exact")
    void lookupResponseDecode(String label, JNode v) throws DecodeException {
        byte[] encoded = v.get("encoded").hex();
        LookupResponse r = LookupResponse.decode(encoded, 0, encoded.length);
        assertEquals(v.get("request_id").u64(), r.requestId());
        assertEquals(NodeAddr.fromHex(v.get("target").str()), r.target());
        assertEquals(v.get("path_mtu").u64(), r.pathMtu());
        List<NodeAddr> coords = v.get("target_coords").items().stream().map(o -> NodeAddr.fromHex(o.str())).toList();
        assertEquals(coords, r.targetCoords());
        assertEquals(v.get("proof").str(), Hex.encode(r.proof()));
        assertEquals(Hex.encode(encoded), Hex.encode(r.encode()));
        assertEquals(r, new LookupResponse(v.get("request_id").u64(), NodeAddr.fromHex(v.get("target").str()),
                (int) v.get("path_mtu").u64(), coords, v.get("proof").hex()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookupResponses")
    @DisplayName("INTEROP.md 4: LookupResponse proof bytes; verification equals expect_verify; path_mtu is not covered")
    void lookupResponseProof(String label, JNode v) throws DecodeException {
        byte[] encoded = v.get("encoded").hex();
        LookupResponse r = LookupResponse.decode(encoded, 0, encoded.length);
        assertEquals(v.get("proof_bytes").str(), Hex.encode(r.proofBytes()));
        PublicKey key = PublicKey.fromXOnly(v.get("target_pubkey_xonly").hex());
        assertEquals(v.get("expect_verify").bool(), r.verify(key));
        assertEquals(v.get("expect_verify").bool(), r.withPathMtu(576).verify(key));
        assertArrayEquals(r.proofBytes(), r.withPathMtu(576).proofBytes());
    }
}
