package fips.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.json.JNode;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Secret-key parsing (INTEROP.md 1.2) and FIPS ECDH (INTEROP.md 2.2). */
class SecretKeyTest {
    private static final String HEX = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
    private static final String NSEC = "nsec1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7rusqpqcc2y";

    @Test
    @DisplayName("INTEROP.md 1.2: 64 hex digits, lower or upper case, parse to the scalar")
    void hexBothCases() {
        assertEquals(HEX, Hex.encode(SecretKey.parse(HEX).bytes()));
        assertEquals(HEX, Hex.encode(SecretKey.parse(HEX.toUpperCase()).bytes()));
        assertEquals(HEX, Hex.encode(SecretKey.parse("0102030405060708090A0B0C0D0E0F101112131415161718191a1b1c1d1e1f20").bytes()));
        assertEquals(NSEC, SecretKey.parse(HEX).nsec());
        assertEquals(HEX, Hex.encode(SecretKey.parse(NSEC).bytes()));
    }

    @Test
    @DisplayName("INTEROP.md 1.2: 63 or 65 hex digits are rejected")
    void wrongHexLength() {
        KeyFormatException e63 = assertThrows(KeyFormatException.class, () -> SecretKey.parse(HEX.substring(1)));
        assertTrue(e63.getMessage().contains("odd length 63"), e63.getMessage());
        KeyFormatException e65 = assertThrows(KeyFormatException.class, () -> SecretKey.parse(HEX + "0"));
        assertTrue(e65.getMessage().contains("odd length 65"), e65.getMessage());
        KeyFormatException e66 = assertThrows(KeyFormatException.class, () -> SecretKey.parse(HEX + "00"));
        assertTrue(e66.getMessage().contains("expected 32 bytes (64 hex digits), got 33"), e66.getMessage());
        KeyFormatException e62 = assertThrows(KeyFormatException.class, () -> SecretKey.parse(HEX.substring(2)));
        assertTrue(e62.getMessage().contains("got 31"), e62.getMessage());
    }

    @Test
    @DisplayName("INTEROP.md 1.2: no 0x prefix, no surrounding whitespace, no other characters")
    void noPrefixNoWhitespace() {
        assertThrows(KeyFormatException.class, () -> SecretKey.parse("0x" + HEX));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse("0x" + HEX.substring(2)));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(" " + HEX));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(HEX + "\n"));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(" " + NSEC));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(NSEC + " "));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(""));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(null));
        // Non-ASCII digits (fullwidth zero) are not hex.
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> SecretKey.parse("\uff10" + HEX.substring(1)));
        assertTrue(e.getMessage().contains("not a hex digit at index 0"), e.getMessage());
        KeyFormatException g = assertThrows(KeyFormatException.class, () -> SecretKey.parse("g" + HEX.substring(1)));
        assertTrue(g.getMessage().contains("not a hex digit at index 0"), g.getMessage());
    }

    @Test
    @DisplayName("SecretKey.fromBytes requires 32 bytes; toString shows only the npub")
    void fromBytes() {
        assertThrows(KeyFormatException.class, () -> SecretKey.fromBytes(new byte[31]));
        assertThrows(KeyFormatException.class, () -> SecretKey.fromBytes(null));
        SecretKey sk = SecretKey.parse(HEX);
        assertEquals("SecretKey[" + sk.publicKey().npub() + "]", sk.toString());
        assertFalse(sk.toString().contains(NSEC));
        byte[] copy = sk.bytes();
        copy[0] ^= 1;
        assertEquals(HEX, Hex.encode(sk.bytes()), "bytes() returns a copy");
    }

    @Test
    @DisplayName("SecretKey.generate is driven only by the injected Random")
    void generateDeterministic() {
        SecretKey a = SecretKey.generate(new Random(42));
        SecretKey b = SecretKey.generate(new Random(42));
        SecretKey c = SecretKey.generate(new Random(43));
        assertArrayEquals(a.bytes(), b.bytes());
        assertFalse(java.util.Arrays.equals(a.bytes(), c.bytes()));
    }

    @Test
    @DisplayName("INTEROP.md 2.2: DH is symmetric and independent of the assumed parity")
    void ecdhSymmetryAndParity() {
        Random rng = new Random(7);
        int oddSeen = 0;
        for (int i = 0; i < 16; i++) {
            SecretKey sk1 = SecretKey.generate(rng);
            SecretKey sk2 = SecretKey.generate(rng);
            PublicKey pk1 = sk1.publicKey();
            PublicKey pk2 = sk2.publicKey();
            byte[] d12 = sk1.ecdh(pk2);
            assertEquals(32, d12.length);
            assertArrayEquals(d12, sk2.ecdh(pk1));
            assertArrayEquals(d12, sk1.ecdh(pk2.withEvenParity()));
            assertArrayEquals(d12, sk2.ecdh(pk1.withEvenParity()));
            assertArrayEquals(d12, sk1.ecdh(PublicKey.fromXOnly(pk2.xOnly())));
            if (!pk2.hasEvenY()) {
                oddSeen++;
                assertNotEquals(pk2, pk2.withEvenParity());
                assertTrue(pk2.sameIdentity(pk2.withEvenParity()));
            }
        }
        assertTrue(oddSeen > 0, "the loop must exercise at least one odd-parity key");
    }

    @Test
    @DisplayName("INTEROP.md 2.2: DH = SHA-256(x(sk*P)), known answers from noise_ik.json es and ss")
    void ecdhKnownAnswer() {
        JNode file = JNode.load(Path.of(System.getProperty("fips.vectors.dir"), "noise_ik.json"));
        int checked = 0;
        for (JNode v : file.get("vectors").items()) {
            JNode ini = v.get("initiator");
            JNode resp = v.get("responder");
            JNode dh = v.get("dh_outputs");
            SecretKey iEph = SecretKey.fromBytes(ini.get("ephemeral_secret").hex());
            SecretKey iStatic = SecretKey.fromBytes(ini.get("static_secret").hex());
            SecretKey rStatic = SecretKey.fromBytes(resp.get("static_secret").hex());
            SecretKey rEph = SecretKey.fromBytes(resp.get("ephemeral_secret").hex());
            PublicKey rStaticPub = PublicKey.fromCompressed(resp.get("static_pub").hex());
            PublicKey iStaticPub = PublicKey.fromCompressed(ini.get("static_pub").hex());
            assertEquals(rStatic.publicKey(), rStaticPub);
            assertEquals(iStatic.publicKey(), iStaticPub);

            assertArrayEquals(dh.get("es").hex(), iEph.ecdh(rStaticPub));
            assertArrayEquals(dh.get("es").hex(), rStatic.ecdh(iEph.publicKey()));
            assertArrayEquals(dh.get("ss").hex(), iStatic.ecdh(rStaticPub));
            assertArrayEquals(dh.get("ss").hex(), rStatic.ecdh(iStaticPub));
            assertArrayEquals(dh.get("ss").hex(), rStatic.ecdh(iStaticPub.withEvenParity()));
            assertArrayEquals(dh.get("ee").hex(), iEph.ecdh(rEph.publicKey()));
            checked++;
        }
        assertTrue(checked > 0);
    }
}
