package fips.identity;

import static fips.identity.TestJson.hex;
import static fips.identity.TestJson.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers from vectors/identity.json (INTEROP.md 1.1, 1.2). */
class IdentityVectorsTest {
    private static final Map<String, Object> FILE = TestJson.vectors("identity.json");

    static Stream<Arguments> keys() {
        return TestJson.objects(FILE.get("keys")).stream().map(k -> Arguments.of(str(k, "label"), k));
    }

    static Stream<Arguments> npubDecodeCases() {
        return TestJson.objects(FILE.get("npub_decode_cases")).stream().map(c -> Arguments.of(str(c, "input"), c));
    }

    @Test
    @DisplayName("identity.json: the vector file has the expected number of keys and decode cases")
    void vectorFileShape() {
        assertEquals(9, TestJson.list(FILE.get("keys")).size());
        assertEquals(2, TestJson.list(FILE.get("npub_decode_cases")).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1: secret -> x-only key, compressed key and parity")
    void publicKeyFromSecret(String label, Map<String, Object> k) {
        SecretKey sk = SecretKey.fromBytes(hex(k, "nsec_hex"));
        PublicKey pk = sk.publicKey();
        assertEquals(str(k, "pubkey_xonly"), Hex.encode(pk.xOnly()));
        assertEquals(str(k, "pubkey_compressed"), Hex.encode(pk.compressed()));
        String parity = str(k, "parity");
        assertEquals(parity.equals("even"), pk.hasEvenY(), "parity=" + parity);
        assertEquals(parity.equals("even") ? 2 : 3, pk.compressed()[0]);
        assertArrayEquals(hex(k, "nsec_hex"), sk.bytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1: node_addr = SHA-256(x-only)[0..16]")
    void nodeAddr(String label, Map<String, Object> k) {
        PublicKey pk = SecretKey.fromBytes(hex(k, "nsec_hex")).publicKey();
        assertEquals(str(k, "node_addr"), pk.nodeAddr().toHex());
        assertEquals(NodeAddr.fromHex(str(k, "node_addr")), NodeAddr.ofXOnly(hex(k, "pubkey_xonly")));
        // Parity never changes node_addr.
        assertEquals(pk.nodeAddr(), pk.withEvenParity().nodeAddr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1: FIPS address = fd || node_addr[0..15], RFC 5952 text")
    void fipsAddress(String label, Map<String, Object> k) {
        PublicKey pk = SecretKey.fromBytes(hex(k, "nsec_hex")).publicKey();
        FipsAddress a = pk.fipsAddress();
        assertEquals(str(k, "fips_address"), Hex.encode(a.toBytes()));
        assertEquals(str(k, "ipv6"), a.toString());
        assertEquals(a, FipsAddress.fromBytes(hex(k, "fips_address")));
        // The JDK's own formatting agrees on the address (it does not compress zero runs, so compare bytes).
        assertArrayEquals(a.toBytes(), a.toInet6Address().getAddress());
        assertTrue(pk.nodeAddr().matchesPrefix(a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.2: npub/nsec are Bech32 of the 32-byte x-only key / scalar")
    void nip19Encoding(String label, Map<String, Object> k) {
        SecretKey sk = SecretKey.fromBytes(hex(k, "nsec_hex"));
        assertEquals(str(k, "npub"), sk.publicKey().npub());
        assertEquals(str(k, "nsec"), sk.nsec());
        assertEquals(str(k, "npub"), Nip19.encodeNpub(hex(k, "pubkey_xonly")));
        assertEquals(str(k, "nsec"), Nip19.encodeNsec(hex(k, "nsec_hex")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1/1.2: npub decodes to the x-only key, lifted to even parity")
    void npubRoundTrip(String label, Map<String, Object> k) {
        assertArrayEquals(hex(k, "pubkey_xonly"), Nip19.decodeNpub(str(k, "npub")));
        PublicKey fromNpub = PublicKey.fromNpub(str(k, "npub"));
        assertTrue(fromNpub.hasEvenY(), "a key known only by npub is lifted to even parity");
        assertArrayEquals(hex(k, "pubkey_xonly"), fromNpub.xOnly());
        assertEquals("02" + str(k, "pubkey_xonly"), Hex.encode(fromNpub.compressed()));
        assertTrue(fromNpub.sameIdentity(PublicKey.fromCompressed(hex(k, "pubkey_compressed"))));
        assertEquals(str(k, "node_addr"), fromNpub.nodeAddr().toHex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.2: nsec and 64-hex secret inputs decode to the same scalar")
    void nsecRoundTrip(String label, Map<String, Object> k) {
        assertArrayEquals(hex(k, "nsec_hex"), Nip19.decodeNsec(str(k, "nsec")));
        assertArrayEquals(hex(k, "nsec_hex"), SecretKey.parse(str(k, "nsec")).bytes());
        assertArrayEquals(hex(k, "nsec_hex"), SecretKey.parse(str(k, "nsec_hex")).bytes());
        assertArrayEquals(hex(k, "nsec_hex"), SecretKey.parse(str(k, "nsec_hex").toUpperCase()).bytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1: compressed key parses with its real parity")
    void compressedRoundTrip(String label, Map<String, Object> k) {
        PublicKey pk = PublicKey.fromCompressed(hex(k, "pubkey_compressed"));
        assertEquals(SecretKey.fromBytes(hex(k, "nsec_hex")).publicKey(), pk);
        assertEquals(str(k, "parity").equals("even"), pk.hasEvenY());
        assertEquals("02" + str(k, "pubkey_xonly"), Hex.encode(pk.evenCompressed()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npubDecodeCases")
    @DisplayName("INTEROP.md 1.2: npub_decode_cases")
    void npubDecodeCase(String input, Map<String, Object> c) {
        if (TestJson.bool(c, "valid")) {
            assertArrayEquals(hex(c, "decoded_xonly"), Nip19.decodeNpub(input));
            assertEquals(str(c, "decoded_xonly"), Hex.encode(PublicKey.fromNpub(input).xOnly()));
        } else {
            KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(input));
            assertFalse(e.getMessage().isBlank());
            String reason = str(c, "reason");
            if (reason.contains("checksum")) {
                assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            }
            assertThrows(KeyFormatException.class, () -> PublicKey.fromNpub(input));
        }
    }

    @Test
    @DisplayName("INTEROP.md 1.2: the invalid npub_decode_case fails for its checksum, with the input named")
    void invalidNpubMessage() {
        String input = str(TestJson.objects(FILE.get("npub_decode_cases")).get(0), "input");
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(input));
        assertEquals("npub has a bad checksum: " + input, e.getMessage());
    }
}
