package fips.fmp.tree;

import static fips.fmp.tree.TreeFixtures.T0_MS;
import static fips.fmp.tree.TreeFixtures.coordsChanged;
import static fips.fmp.tree.TreeFixtures.decoded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.wire.AncestryEntry;
import fips.fmp.wire.TreeAnnounce;
import fips.fmp.wire.TreeAnnounceCheck;
import fips.identity.Hex;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.json.JNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The core against vectors/schnorr.json (INTEROP.md 4, 5.1, 5.3). */
class TreeVectorsTest {
    private static final JNode FILE = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "schnorr.json"));

    private static JNode vector(String label) {
        for (JNode v : FILE.get("tree_announce").items()) {
            if (v.get("label").str().equals(label)) return v;
        }
        throw new AssertionError("no tree_announce vector " + label);
    }

    /** The secret of the "depth 2" signer (schnorr.json bip340[0]); its NodeAddr is b325…. */
    private static Identity depth2Signer() {
        JNode b = FILE.get("bip340").items().get(0);
        Identity id = Identity.of(SecretKey.fromBytes(b.get("secret").hex()));
        assertEquals(vector("depth 2").get("node_addr").str(), id.nodeAddr().toHex());
        return id;
    }

    static Stream<Arguments> treeAnnounces() {
        return FILE.get("tree_announce").items().stream().map(m -> Arguments.of(m.get("label").str(), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("treeAnnounces")
    @DisplayName("INTEROP.md 5.1: each schnorr.json TreeAnnounce through the core: accepted, or dropped by the named reason")
    void vectorThroughCore(String label, JNode v) {
        TreeCore x = new TreeCore(Identity.generate(new Random(99)), TreeConfig.defaults(), new Random(1), T0_MS);
        PublicKey key = PublicKey.fromXOnly(v.get("verify_with_pubkey_xonly").hex());
        NodeAddr from = NodeAddr.fromHex(v.get("node_addr").str());
        assertEquals(from, key.nodeAddr());
        x.onPeerUp(from, key, T0_MS);
        byte[] enc = v.get("encoded").hex();
        x.onAnnounce(from, enc, 1, enc.length - 1, T0_MS + 1000);
        TreeDrop expected = !v.get("expect_verify").bool() ? TreeDrop.BAD_SIGNATURE
                : switch (v.get("expect_semantics").str()) {
                    case "ok" -> null;
                    case "AncestryParentMismatch" -> TreeDrop.ANCESTRY_PARENT_MISMATCH;
                    case "AncestryTooShort" -> TreeDrop.ANCESTRY_TOO_SHORT;
                    case "RootDeclarationMismatch" -> TreeDrop.ROOT_DECLARATION_MISMATCH;
                    case "AncestryRootNotMinimum" -> TreeDrop.ANCESTRY_ROOT_NOT_MINIMUM;
                    default -> throw new AssertionError("expect_semantics=" + v.get("expect_semantics").str());
                };
        if (expected == null) {
            assertEquals(1, x.stats().accepted());
            assertEquals(v.get("ancestry").items().size(), x.peerCoords(from).length());
            assertEquals(NodeAddr.fromHex(v.get("ancestry").items().getLast().get("node_addr").str()),
                    x.peerCoords(from).root());
        } else {
            assertEquals(0, x.stats().accepted());
            assertEquals(1, x.drops(expected));
        }
    }

    @Test
    @DisplayName("INTEROP.md 5.3 (schnorr.json \"root (depth 0)\"): our root announce has the vector's bytes but for node_addr and signature")
    void rootAnnounceMatchesVector() {
        JNode v = vector("root (depth 0)");
        Identity me = depth2Signer();
        long nowMs = v.get("timestamp").u64() * 1000 + 456;
        TreeCore x = new TreeCore(me, TreeConfig.defaults(), new Random(5), nowMs);
        TreeAnnounce a = x.announcement();
        byte[] ours = a.encode();
        String theirs = v.get("encoded").str().replace(v.get("node_addr").str(), me.nodeAddr().toHex());
        int sigAt = ours.length - TreeAnnounce.SIGNATURE_BYTES;
        assertEquals(theirs.length(), 2 * ours.length);
        assertEquals(theirs.substring(0, 2 * sigAt), Hex.encode(Arrays.copyOf(ours, sigAt)));
        assertEquals(v.get("signing_bytes").str().replace(v.get("node_addr").str(), me.nodeAddr().toHex()),
                Hex.encode(a.signingBytes()));
        assertTrue(a.verify(me.publicKey()));
        assertEquals(TreeAnnounceCheck.OK, a.validateSemantics());
        assertEquals(v.get("expect_semantics").str(), a.validateSemantics().specName());
    }

    @Test
    @DisplayName("INTEROP.md 5.1, 5.3: adopting the vector's root copies its entry verbatim into our signed ancestry")
    void adoptVectorRoot() {
        JNode v = vector("root (depth 0)");
        Identity me = depth2Signer(); // b325… > 0041…
        TreeCore x = new TreeCore(me, TreeConfig.defaults(), new Random(5), T0_MS);
        NodeAddr rootAddr = NodeAddr.fromHex(v.get("node_addr").str());
        x.onPeerUp(rootAddr, PublicKey.fromXOnly(v.get("verify_with_pubkey_xonly").hex()), T0_MS);
        byte[] enc = v.get("encoded").hex();
        List<TreeAction> acts = x.onAnnounce(rootAddr, enc, 1, enc.length - 1, T0_MS + 9_000);
        assertEquals(Coords.of(me.nodeAddr(), rootAddr), coordsChanged(acts).newCoords());
        TreeAnnounce sent = decoded(acts.get(1));
        assertEquals(2, sent.sequence());
        assertEquals(1_750_000_009L, sent.timestampSecs());
        assertEquals(rootAddr, sent.parent());
        assertEquals(List.of(new AncestryEntry(me.nodeAddr(), 2, 1_750_000_009L),
                new AncestryEntry(rootAddr, 1, 1_750_000_000L)), sent.ancestry());
        assertTrue(sent.verify(me.publicKey()));
        assertEquals(TreeAnnounceCheck.OK, sent.validateSemantics());
        // The 48 signed bytes have the layout of the "depth 2" vector's (same signer, other parent/seq/ts).
        byte[] sb = sent.signingBytes();
        assertEquals(48, sb.length);
        assertArrayEquals(Arrays.copyOf(vector("depth 2").get("signing_bytes").hex(), 16), Arrays.copyOf(sb, 16));
    }
}
