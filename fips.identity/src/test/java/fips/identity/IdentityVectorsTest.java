package fips.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.json.JNode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers from vectors/identity.json (INTEROP.md 1.1, 1.2). */
class IdentityVectorsTest {
    private static final JNode FILE = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "identity.json"));

    static Stream<Arguments> keys() {
        return FILE.get("keys").items().stream().map(k -> Arguments.of(k.get("label").str(), k));
    }

    static Stream<Arguments> npubDecodeCases() {
        return FILE.get("npub_decode_cases").items().stream().map(c -> Arguments.of(c.get("input").str(), c));
    }

    @Test
    @DisplayName("identity.json: the vector file has the expected number of keys and decode cases")
    void vectorFileShape() {
        assertEquals(9, FILE.get("keys").items().size());
        assertEquals(2, FILE.get("npub_decode_cases").items().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1: secret -> x-only key, compressed key and parity")
    void publicKeyFromSecret(String label, JNode k) {
        SecretKey sk = SecretKey.fromBytes(k.get("nsec_hex").hex());
        PublicKey pk = sk.publicKey();
        assertEquals(k.get("pubkey_xonly").str(), Hex.encode(pk.xOnly()));
        assertEquals(k.get("pubkey_compressed").str(), Hex.encode(pk.compressed()));
        String parity = k.get("parity").str();
        assertEquals(parity.equals("even"), pk.hasEvenY(), "parity=" + parity);
        assertEquals(parity.equals("even") ? 2 : 3, pk.compressed()[0]);
        assertArrayEquals(k.get("nsec_hex").hex(), sk.bytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1: node_addr = SHA-256(x-only)[0..16]")
    void nodeAddr(String label, JNode k) {
        PublicKey pk = SecretKey.fromBytes(k.get("nsec_hex").hex()).publicKey();
        assertEquals(k.get("node_addr").str(), pk.nodeAddr().toHex());
        assertEquals(NodeAddr.fromHex(k.get("node_addr").str()), NodeAddr.ofXOnly(k.get("pubkey_xonly").hex()));
        // Parity never changes node_addr.
        assertEquals(pk.nodeAddr(), pk.withEvenParity().nodeAddr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1: FIPS address = fd || node_addr[0..15], RFC 5952 text")
    void fipsAddress(String label, JNode k) {
        PublicKey pk = SecretKey.fromBytes(k.get("nsec_hex").hex()).publicKey();
        FipsAddress a = pk.fipsAddress();
        assertEquals(k.get("fips_address").str(), Hex.encode(a.toBytes()));
        assertEquals(k.get("ipv6").str(), a.toString());
        assertEquals(a, FipsAddress.fromBytes(k.get("fips_address").hex()));
        // The JDK's own formatting agrees on the address (it does not compress zero runs, so compare bytes).
        assertArrayEquals(a.toBytes(), a.toInet6Address().getAddress());
        assertTrue(pk.nodeAddr().matchesPrefix(a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.2: npub/nsec are Bech32 of the 32-byte x-only key / scalar")
    void nip19Encoding(String label, JNode k) {
        SecretKey sk = SecretKey.fromBytes(k.get("nsec_hex").hex());
        assertEquals(k.get("npub").str(), sk.publicKey().npub());
        assertEquals(k.get("nsec").str(), sk.nsec());
        assertEquals(k.get("npub").str(), Nip19.encodeNpub(k.get("pubkey_xonly").hex()));
        assertEquals(k.get("nsec").str(), Nip19.encodeNsec(k.get("nsec_hex").hex()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1/1.2: npub decodes to the x-only key, lifted to even parity")
    void npubRoundTrip(String label, JNode k) {
        assertArrayEquals(k.get("pubkey_xonly").hex(), Nip19.decodeNpub(k.get("npub").str()));
        PublicKey fromNpub = PublicKey.fromNpub(k.get("npub").str());
        assertTrue(fromNpub.hasEvenY(), "a key known only by npub is lifted to even parity");
        assertArrayEquals(k.get("pubkey_xonly").hex(), fromNpub.xOnly());
        assertEquals("02" + k.get("pubkey_xonly").str(), Hex.encode(fromNpub.compressed()));
        assertTrue(fromNpub.sameIdentity(PublicKey.fromCompressed(k.get("pubkey_compressed").hex())));
        assertEquals(k.get("node_addr").str(), fromNpub.nodeAddr().toHex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.2: nsec and 64-hex secret inputs decode to the same scalar")
    void nsecRoundTrip(String label, JNode k) {
        assertArrayEquals(k.get("nsec_hex").hex(), Nip19.decodeNsec(k.get("nsec").str()));
        assertArrayEquals(k.get("nsec_hex").hex(), SecretKey.parse(k.get("nsec").str()).bytes());
        assertArrayEquals(k.get("nsec_hex").hex(), SecretKey.parse(k.get("nsec_hex").str()).bytes());
        assertArrayEquals(k.get("nsec_hex").hex(), SecretKey.parse(k.get("nsec_hex").str().toUpperCase()).bytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @DisplayName("INTEROP.md 1.1: compressed key parses with its real parity")
    void compressedRoundTrip(String label, JNode k) {
        PublicKey pk = PublicKey.fromCompressed(k.get("pubkey_compressed").hex());
        assertEquals(SecretKey.fromBytes(k.get("nsec_hex").hex()).publicKey(), pk);
        assertEquals(k.get("parity").str().equals("even"), pk.hasEvenY());
        assertEquals("02" + k.get("pubkey_xonly").str(), Hex.encode(pk.evenCompressed()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npubDecodeCases")
    @DisplayName("INTEROP.md 1.2: npub_decode_cases")
    void npubDecodeCase(String input, JNode c) {
        if (c.get("valid").bool()) {
            assertArrayEquals(c.get("decoded_xonly").hex(), Nip19.decodeNpub(input));
            assertEquals(c.get("decoded_xonly").str(), Hex.encode(PublicKey.fromNpub(input).xOnly()));
        } else {
            KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(input));
            assertFalse(e.getMessage().isBlank());
            String reason = c.get("reason").str();
            if (reason.contains("checksum")) {
                assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            }
            assertThrows(KeyFormatException.class, () -> PublicKey.fromNpub(input));
        }
    }

    @Test
    @DisplayName("INTEROP.md 1.2: the invalid npub_decode_case fails for its checksum, with the input named")
    void invalidNpubMessage() {
        String input = FILE.get("npub_decode_cases").items().get(0).get("input").str();
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(input));
        assertEquals("npub has a bad checksum: " + input, e.getMessage());
    }
}
