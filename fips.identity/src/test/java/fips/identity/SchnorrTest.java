package fips.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.internal.Curve;
import fips.json.JNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** BIP-340 and the FIPS signing convention (INTEROP.md 4), against vectors/schnorr.json and BIP-340's own vectors. */
class SchnorrTest {
    private static final JNode FILE = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "schnorr.json"));

    /** Secrets known from the vector files, by x-only key, to re-sign the tree_announce/lookup_response vectors. */
    private static final Map<String, SecretKey> SECRETS_BY_XONLY = new HashMap<>();

    static {
        for (JNode e : FILE.get("bip340").items()) {
            SecretKey sk = SecretKey.fromBytes(e.get("secret").hex());
            SECRETS_BY_XONLY.put(Hex.encode(sk.publicKey().xOnly()), sk);
        }
        JNode identity = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "identity.json"));
        for (JNode k : identity.get("keys").items()) {
            SecretKey sk = SecretKey.fromBytes(k.get("nsec_hex").hex());
            SECRETS_BY_XONLY.put(Hex.encode(sk.publicKey().xOnly()), sk);
        }
    }

    // BIP-340 test vectors 0-3 (bip-0340/test-vectors.csv): secret, public, aux_rand, message, signature.
    private static final String[][] BIP340_SIGN = {
        {"0000000000000000000000000000000000000000000000000000000000000003",
         "F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9",
         "0000000000000000000000000000000000000000000000000000000000000000",
         "0000000000000000000000000000000000000000000000000000000000000000",
         "E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0"},
        {"B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF",
         "DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659",
         "0000000000000000000000000000000000000000000000000000000000000001",
         "243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89",
         "6896BD60EEAE296DB48A229FF71DFE071BDE413E6D43F917DC8DCF8C78DE33418906D11AC976ABCCB20B091292BFF4EA897EFCB639EA871CFA95F6DE339E4B0A"},
        {"C90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B14E5C9",
         "DD308AFEC5777E13121FA72B9CC1B7CC0139715309B086C960E18FD969774EB8",
         "C87AA53824B4D7AE2EB035A2B5BBBCCC080E76CDC6D1692C4B0B62D798E6D906",
         "7E2D58D8B3BCDF1ABADEC7829054F90DDA9805AAB56C77333024B9D0A508B75C",
         "5831AAEED7B44BB74E5EAB94BA9D4294C49BCF2A60728D8B4C200F50DD313C1BAB745879A5AD954A72C45A91C3A51D3C7ADEA98D82F8481E0E1E03674A6F3FB7"},
        {"0B432B2677937381AEF05BB02A66ECD012773062CF3FA2549E44F58ED2401710",
         "25D1DFF95105F5253C4022F628A996AD3A0D95FBF21D468A1B33F8C160D8F517",
         "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
         "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
         "7EB0509757E246F19449885651611CB965ECC1A187DD51B64FDA1EDC9637D5EC97582B9CB13DB3933705B32BA982AF5AF25FD78881EBB32771FC5922EFC66EA3"},
    };

    private static final String PK_V1 = "DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659";
    private static final String MSG_PI = "243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89";

    // BIP-340 test vectors 4-14 (verify only): public key, message, signature, expected result, comment.
    private static final String[][] BIP340_VERIFY = {
        {"D69C3509BB99E412E68B0FE8544E72837DFA30746D8BE2AA65975F29D22DC7B9",
         "4DF3C3F68FCC83B27E9D42C90431A72499F17875C81A599B566C9889B9696703",
         "00000000000000000000003B78CE563F89A0ED9414F5AA28AD0D96D6795F9C6376AFB1548AF603B3EB45C9F8207DEE1060CB71C04E80F593060B07D28308D7F4",
         "true", "4: message not reduced modulo p or n"},
        {"EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34", MSG_PI,
         "6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E17776969E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B",
         "false", "5: public key not on the curve"},
        {PK_V1, MSG_PI,
         "FFF97BD5755EEEA420453A14355235D382F6472F8568A18B2F057A14602975563CC27944640AC607CD107AE10923D9EF7A73C643E166BE5EBEAFA34B1AC553E2",
         "false", "6: has_even_y(R) is false"},
        {PK_V1, MSG_PI,
         "1FA62E331EDBC21C394792D2AB1100A7B432B013DF3F6FF4F99FCB33E0E1515F28890B3EDB6E7189B630448B515CE4F8622A954CFE545735AAEA5134FCCDB2BD",
         "false", "7: negated message"},
        {PK_V1, MSG_PI,
         "6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E177769961764B3AA9B2FFCB6EF947B6887A226E8D7C93E00C5ED0C1834FF0D0C2E6DA6",
         "false", "8: negated s value"},
        {PK_V1, MSG_PI,
         "0000000000000000000000000000000000000000000000000000000000000000123DDA8328AF9C23A94C1FEECFD123BA4FB73476F0D594DCB65C6425BD186051",
         "false", "9: sG - eP is infinite (x(inf) taken as 0)"},
        {PK_V1, MSG_PI,
         "00000000000000000000000000000000000000000000000000000000000000017615FBAF5AE28864013C099742DEADB4DBA87F11AC6754F93780D5A1837CF197",
         "false", "10: sG - eP is infinite (x(inf) taken as 1)"},
        {PK_V1, MSG_PI,
         "4A298DACAE57395A15D0795DDBFD1DCB564DA82B0F269BC70A74F8220429BA1D69E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B",
         "false", "11: r is not an x coordinate on the curve"},
        {PK_V1, MSG_PI,
         "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F69E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B",
         "false", "12: r = p (field size)"},
        {PK_V1, MSG_PI,
         "6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E177769FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141",
         "false", "13: s = n (curve order)"},
        {"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30", MSG_PI,
         "6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E17776969E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B",
         "false", "14: public key exceeds the field size"},
    };

    static Stream<Arguments> bip340Entries() {
        return FILE.get("bip340").items().stream().map(e -> Arguments.of(e.get("pubkey_xonly").str(), e));
    }

    static Stream<Arguments> treeAnnounceEntries() {
        return FILE.get("tree_announce").items().stream().map(e -> Arguments.of(e.get("label").str(), e));
    }

    static Stream<Arguments> lookupResponseEntries() {
        return FILE.get("lookup_response").items().stream().map(e -> Arguments.of(e.get("label").str(), e));
    }

    static Stream<Arguments> officialSign() {
        return Arrays.stream(BIP340_SIGN).map(v -> Arguments.of(v[1], v));
    }

    static Stream<Arguments> officialVerify() {
        return Arrays.stream(BIP340_VERIFY).map(v -> Arguments.of(v[4], v));
    }

    @Test
    @DisplayName("schnorr.json: the vector file has the expected entries")
    void vectorFileShape() {
        assertEquals(3, FILE.get("bip340").items().size());
        assertEquals(6, FILE.get("tree_announce").items().size());
        assertEquals(2, FILE.get("lookup_response").items().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bip340Entries")
    @DisplayName("INTEROP.md 4: schnorr.json bip340 entries sign exactly and verify")
    void bip340Vectors(String label, JNode e) {
        SecretKey sk = SecretKey.fromBytes(e.get("secret").hex());
        assertEquals(e.get("pubkey_xonly").str(), Hex.encode(sk.publicKey().xOnly()));
        byte[] sig = Schnorr.sign(sk, e.get("msg32").hex(), e.get("aux_rand").hex());
        assertEquals(e.get("signature").str(), Hex.encode(sig));
        assertEquals(e.get("valid").bool(),
                Schnorr.verify(e.get("pubkey_xonly").hex(), e.get("msg32").hex(), e.get("signature").hex()));
        assertEquals(e.get("valid").bool(), Schnorr.verify(sk.publicKey(), e.get("msg32").hex(), e.get("signature").hex()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officialSign")
    @DisplayName("BIP-340 test vectors 0-3: signing reproduces the signature, which verifies")
    void officialSignVectors(String label, String[] v) {
        SecretKey sk = SecretKey.fromBytes(Hex.decode(v[0]));
        assertEquals(v[1], Hex.encode(sk.publicKey().xOnly()).toUpperCase());
        byte[] msg = Hex.decode(v[3]);
        byte[] sig = Schnorr.sign(sk, msg, Hex.decode(v[2]));
        assertEquals(v[4], Hex.encode(sig).toUpperCase());
        assertTrue(Schnorr.verify(Hex.decode(v[1]), msg, sig));
        assertTrue(Schnorr.verify(sk.publicKey(), msg, sig));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officialVerify")
    @DisplayName("BIP-340 test vectors 4-14: verification results")
    void officialVerifyVectors(String label, String[] v) {
        boolean expected = Boolean.parseBoolean(v[3]);
        assertEquals(expected, Schnorr.verify(Hex.decode(v[0]), Hex.decode(v[1]), Hex.decode(v[2])), label);
    }

    @Test
    @DisplayName("BIP-340: signatures made invalid on purpose (wrong key, flipped bit, s >= n, r = p) fail")
    void constructedInvalidSignatures() {
        String[] v = BIP340_SIGN[1];
        byte[] pk = Hex.decode(v[1]);
        byte[] msg = Hex.decode(v[3]);
        byte[] good = Hex.decode(v[4]);
        assertTrue(Schnorr.verify(pk, msg, good));

        assertFalse(Schnorr.verify(Hex.decode(BIP340_SIGN[2][1]), msg, good), "wrong key");
        for (int bit : new int[] {0, 7, 255, 256, 300, 511}) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Schnorr.verify(pk, msg, bad), "flipped bit " + bit);
        }
        byte[] otherMsg = msg.clone();
        otherMsg[31] ^= 1;
        assertFalse(Schnorr.verify(pk, otherMsg, good), "other message");

        assertFalse(Schnorr.verify(pk, msg, withS(good, Curve.N)), "s = n");
        assertFalse(Schnorr.verify(pk, msg, withS(good, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))),
                "s = 2^256 - 1");

        byte[] rEqualsP = good.clone();
        System.arraycopy(Curve.be32(Curve.P), 0, rEqualsP, 0, 32);
        assertFalse(Schnorr.verify(pk, msg, rEqualsP), "r = p");

        byte[] x5 = new byte[32];
        x5[31] = 5;
        assertFalse(Schnorr.verify(x5, msg, good), "public key x = 5 is not on the curve");
    }

    @Test
    @DisplayName("BIP-340: verify never throws on malformed input")
    void verifyNeverThrows() {
        String[] v = BIP340_SIGN[1];
        byte[] pk = Hex.decode(v[1]);
        byte[] msg = Hex.decode(v[3]);
        byte[] sig = Hex.decode(v[4]);
        PublicKey key = PublicKey.fromXOnly(pk);
        assertFalse(Schnorr.verify(Arrays.copyOf(pk, 31), msg, sig));
        assertFalse(Schnorr.verify(Arrays.copyOf(pk, 33), msg, sig));
        assertFalse(Schnorr.verify(pk, Arrays.copyOf(msg, 31), sig));
        assertFalse(Schnorr.verify(pk, Arrays.copyOf(msg, 33), sig));
        assertFalse(Schnorr.verify(pk, msg, Arrays.copyOf(sig, 63)));
        assertFalse(Schnorr.verify(pk, msg, Arrays.copyOf(sig, 65)));
        assertFalse(Schnorr.verify(pk, msg, new byte[0]));
        assertFalse(Schnorr.verify(pk, msg, new byte[64]));
        assertFalse(Schnorr.verify(new byte[32], msg, sig));
        assertFalse(Schnorr.verify((byte[]) null, msg, sig));
        assertFalse(Schnorr.verify(pk, null, sig));
        assertFalse(Schnorr.verify(pk, msg, null));
        assertFalse(Schnorr.verify((PublicKey) null, msg, sig));
        assertFalse(Schnorr.verify(key, msg, Arrays.copyOf(sig, 63)));
        assertFalse(Schnorr.verify(key, Arrays.copyOf(msg, 31), sig));
        assertFalse(Schnorr.verifyData(key, null, sig));
        assertFalse(Schnorr.verifyData(null, new byte[3], sig));
        assertFalse(Schnorr.verifyData(key, new byte[3], new byte[64]));
        byte[] ff = new byte[64];
        Arrays.fill(ff, (byte) 0xff);
        assertFalse(Schnorr.verify(pk, msg, ff));
        assertTrue(Schnorr.verify(pk, msg, sig));
    }

    @Test
    @DisplayName("BIP-340: verification depends only on the x-only key, not the parity it is held with")
    void parityIndependentVerify() {
        // Find an odd-parity key among the identity vectors and sign with it.
        SecretKey odd = SECRETS_BY_XONLY.values().stream().filter(k -> !k.publicKey().hasEvenY()).findFirst()
                .orElseThrow();
        byte[] msg = Curve.sha256(new byte[] {1, 2, 3});
        byte[] sig = Schnorr.sign(odd, msg, new byte[32]);
        assertTrue(Schnorr.verify(odd.publicKey(), msg, sig));
        assertTrue(Schnorr.verify(odd.publicKey().withEvenParity(), msg, sig));
        assertTrue(Schnorr.verify(odd.publicKey().xOnly(), msg, sig));
    }

    @Test
    @DisplayName("BIP-340: signing is deterministic in aux_rand and rejects wrong input lengths")
    void signDeterminism() {
        SecretKey sk = SecretKey.fromBytes(Hex.decode(BIP340_SIGN[1][0]));
        byte[] msg = Hex.decode(BIP340_SIGN[1][3]);
        byte[] aux1 = new byte[32];
        byte[] aux2 = new byte[32];
        aux2[0] = 1;
        assertArrayEquals(Schnorr.sign(sk, msg, aux1), Schnorr.sign(sk, msg, aux1));
        byte[] s1 = Schnorr.sign(sk, msg, aux1);
        byte[] s2 = Schnorr.sign(sk, msg, aux2);
        assertFalse(Arrays.equals(s1, s2));
        assertTrue(Schnorr.verify(sk.publicKey(), msg, s2));
        assertThrows(IllegalArgumentException.class, () -> Schnorr.sign(sk, new byte[31], aux1));
        assertThrows(IllegalArgumentException.class, () -> Schnorr.sign(sk, msg, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Schnorr.sign(sk, msg, null));
    }

    @Test
    @DisplayName("INTEROP.md 4: signData signs SHA-256(data) with BIP-340")
    void signDataIsPrehashed() {
        SecretKey sk = SecretKey.fromBytes(Hex.decode(BIP340_SIGN[2][0]));
        byte[] data = "any length of data".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] aux = Hex.decode(BIP340_SIGN[2][2]);
        byte[] sig = Schnorr.signData(sk, data, aux);
        assertArrayEquals(Schnorr.sign(sk, Curve.sha256(data), aux), sig);
        assertTrue(Schnorr.verifyData(sk.publicKey(), data, sig));
        assertTrue(Schnorr.verify(sk.publicKey(), Curve.sha256(data), sig));
        assertFalse(Schnorr.verify(sk.publicKey(), Arrays.copyOf(data, 32), sig));
        byte[] other = data.clone();
        other[0] ^= 1;
        assertFalse(Schnorr.verifyData(sk.publicKey(), other, sig));
        // Empty data is allowed: the message is SHA-256 of nothing.
        byte[] empty = Schnorr.signData(sk, new byte[0], aux);
        assertTrue(Schnorr.verifyData(sk.publicKey(), new byte[0], empty));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("treeAnnounceEntries")
    @DisplayName("INTEROP.md 4: TreeAnnounce signs node_addr || parent || seq LE || ts LE")
    void treeAnnounce(String label, JNode e) {
        byte[] signing = SigningInputs.treeAnnounce(NodeAddr.fromHex(e.get("node_addr").str()),
                NodeAddr.fromHex(e.get("parent").str()), e.get("sequence").u64(), e.get("timestamp").u64());
        assertEquals(48, signing.length);
        assertEquals(e.get("signing_bytes").str(), Hex.encode(signing));
        assertEquals(e.get("signed_digest").str(), Hex.encode(Curve.sha256(signing)));

        SecretKey signer = SECRETS_BY_XONLY.get(e.get("signer_pubkey_xonly").str());
        assertEquals(e.get("signer").str(), signer.publicKey().npub());
        byte[] sig = Schnorr.signData(signer, signing, e.get("aux_rand").hex());
        assertEquals(e.get("signature").str(), Hex.encode(sig));

        // The signature as carried on the wire is the last 64 bytes of the encoded message; in the
        // "signature bit flipped" entry only that copy is corrupted.
        byte[] encoded = e.get("encoded").hex();
        byte[] wireSig = Arrays.copyOfRange(encoded, encoded.length - 64, encoded.length);
        PublicKey verifier = PublicKey.fromXOnly(e.get("verify_with_pubkey_xonly").hex());
        assertEquals(e.get("expect_verify").bool(), Schnorr.verifyData(verifier, signing, wireSig));
        assertEquals(e.get("expect_verify").bool(), Schnorr.verify(e.get("verify_with_pubkey_xonly").hex(),
                e.get("signed_digest").hex(), wireSig));
        assertTrue(Schnorr.verifyData(verifier, signing, e.get("signature").hex()));
    }

    @Test
    @DisplayName("INTEROP.md 4: exactly one tree_announce entry fails verification (the flipped signature bit)")
    void treeAnnounceHasOneFailure() {
        List<String> failing = new ArrayList<>();
        for (JNode e : FILE.get("tree_announce").items()) {
            if (!e.get("expect_verify").bool()) {
                failing.add(e.get("label").str());
            }
        }
        assertEquals(List.of("signature bit flipped"), failing);
    }

    @Test
    @DisplayName("INTEROP.md 4: TreeAnnounce layout, u64 values with the top bit set")
    void treeAnnounceLayout() {
        NodeAddr a = NodeAddr.fromHex("000102030405060708090a0b0c0d0e0f");
        NodeAddr b = NodeAddr.fromHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] s = SigningInputs.treeAnnounce(a, b, 0x8000000000000001L, -1L);
        assertEquals("000102030405060708090a0b0c0d0e0f" + "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
                + "0100000000000080" + "ffffffffffffffff", Hex.encode(s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookupResponseEntries")
    @DisplayName("INTEROP.md 4: LookupResponse proof = request_id LE || target || count LE || coords")
    void lookupResponse(String label, JNode e) {
        List<NodeAddr> coords = new ArrayList<>();
        for (JNode c : e.get("target_coords").items()) {
            coords.add(NodeAddr.fromHex(c.str()));
        }
        byte[] proofBytes = SigningInputs.lookupResponseProof(e.get("request_id").u64(),
                NodeAddr.fromHex(e.get("target").str()), coords);
        assertEquals(e.get("proof_bytes").str(), Hex.encode(proofBytes));
        assertEquals(26 + 16 * coords.size(), proofBytes.length);
        assertEquals(e.get("signed_digest").str(), Hex.encode(Curve.sha256(proofBytes)));

        SecretKey target = SECRETS_BY_XONLY.get(e.get("target_pubkey_xonly").str());
        assertEquals(e.get("target").str(), target.publicKey().nodeAddr().toHex());
        byte[] proof = Schnorr.signData(target, proofBytes, e.get("aux_rand").hex());
        assertEquals(e.get("proof").str(), Hex.encode(proof));
        PublicKey pk = PublicKey.fromXOnly(e.get("target_pubkey_xonly").hex());
        assertEquals(e.get("expect_verify").bool(), Schnorr.verifyData(pk, proofBytes, e.get("proof").hex()));
    }

    @Test
    @DisplayName("INTEROP.md 4: a request_id above 2^63 is written as its unsigned value")
    void lookupResponseUnsignedRequestId() {
        JNode e = FILE.get("lookup_response").items().get(1);
        assertEquals(new BigInteger("16045690984503111693"), e.get("request_id").raw());
        long id = e.get("request_id").u64();
        assertTrue(id < 0, "the vector's request_id has the top bit set");
        byte[] p = SigningInputs.lookupResponseProof(id, NodeAddr.fromHex(e.get("target").str()), List.of());
        assertEquals("0df0fecaefbeadde", Hex.encode(p, 0, 8));
        assertEquals("0000", Hex.encode(p, 24, 2));
        assertEquals(26, p.length);
    }

    @Test
    @DisplayName("INTEROP.md 4: the proof's coordinate count is a u16")
    void lookupResponseCountLimit() {
        NodeAddr t = NodeAddr.fromHex("00000000000000000000000000000001");
        List<NodeAddr> many = java.util.Collections.nCopies(0x1_0000, t);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> SigningInputs.lookupResponseProof(1, t, many));
        assertTrue(ex.getMessage().contains("targetCoords.size=65536"), ex.getMessage());
        byte[] max = SigningInputs.lookupResponseProof(1, t, many.subList(0, 0xFFFF));
        assertEquals("ffff", Hex.encode(max, 24, 2));
        assertEquals(26 + 16 * 0xFFFF, max.length);
    }

    private static byte[] withS(byte[] sig, BigInteger s) {
        byte[] out = sig.clone();
        System.arraycopy(Curve.be32(s), 0, out, 32, 32);
        return out;
    }
}
