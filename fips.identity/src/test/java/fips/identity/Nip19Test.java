package fips.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.internal.Curve;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Negative and edge cases of NIP-19 decoding (INTEROP.md 1.2). */
class Nip19Test {
    // "bob" in vectors/identity.json
    private static final String NPUB = "npub1dqqk85um3v04g3sywv0l00nsucrh9fdg6tcea632w8amyautcu5q8j7zre";
    private static final String NPUB_XONLY = "680163d39b8b1f544604731ff7be70e60772a5a8d2f19eea2a71fbb2778bc728";
    private static final String NSEC = "nsec1z0rn2md25jvhpw04znqqtfyxet2fur3jy8m8nqyst6nyye5nfr7sarz6y7";
    private static final String NSEC_HEX = "13c7356daaa49970b9f514c005a486cad49e0e3221f67980905ea642669348fd";

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32M_CONST = 0x2bc830a3;

    @Test
    @DisplayName("INTEROP.md 1.2: a changed character breaks the checksum")
    void badChecksum() {
        String bad = NPUB.substring(0, NPUB.length() - 1) + (NPUB.endsWith("q") ? "p" : "q");
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(bad));
        assertEquals("npub has a bad checksum: " + bad, e.getMessage());

        char[] c = NSEC.toCharArray();
        c[10] = c[10] == 'q' ? 'p' : 'q';
        String badNsec = new String(c);
        KeyFormatException e2 = assertThrows(KeyFormatException.class, () -> Nip19.decodeNsec(badNsec));
        assertTrue(e2.getMessage().contains("bad checksum"), e2.getMessage());
        assertFalse(e2.getMessage().contains(badNsec), "an nsec must never be echoed: " + e2.getMessage());
        KeyFormatException e3 = assertThrows(KeyFormatException.class, () -> SecretKey.parse(badNsec));
        assertFalse(e3.getMessage().contains(badNsec.substring(5)), e3.getMessage());
    }

    @Test
    @DisplayName("INTEROP.md 1.2: the HRP must be npub for a public key and nsec for a secret key")
    void wrongHrp() {
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(NSEC));
        assertEquals("expected a bech32 string with prefix 'npub1', got prefix 'nsec1'", e.getMessage());
        KeyFormatException e2 = assertThrows(KeyFormatException.class, () -> Nip19.decodeNsec(NPUB));
        assertEquals("expected a bech32 string with prefix 'nsec1', got prefix 'npub1'", e2.getMessage());
        assertThrows(KeyFormatException.class, () -> PublicKey.fromNpub(NSEC));
        // SecretKey.parse only bech32-decodes strings starting with "nsec1"; an npub then fails as hex.
        KeyFormatException e3 = assertThrows(KeyFormatException.class, () -> SecretKey.parse(NPUB));
        assertTrue(e3.getMessage().contains("hex"), e3.getMessage());
        // Another HRP entirely, with a valid checksum.
        String other = Nip19.encode("note", Hex.decode(NPUB_XONLY));
        KeyFormatException e4 = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(other));
        assertTrue(e4.getMessage().contains("'note1'"), e4.getMessage());
    }

    @Test
    @DisplayName("INTEROP.md 1.2: payload must be exactly 32 bytes (31 and 33 with valid checksums)")
    void wrongLength() {
        for (int n : new int[] {0, 31, 33, 40}) {
            byte[] data = new byte[n];
            Arrays.fill(data, (byte) 0x11);
            String npub = Nip19.encode(Nip19.NPUB, data);
            KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(npub));
            assertEquals("npub must carry 32 bytes, got " + n, e.getMessage());
            String nsec = Nip19.encode(Nip19.NSEC, data);
            KeyFormatException e2 = assertThrows(KeyFormatException.class, () -> Nip19.decodeNsec(nsec));
            assertEquals("nsec must carry 32 bytes, got " + n, e2.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Nip19.encodeNpub(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Nip19.encodeNsec(new byte[33]));
    }

    @Test
    @DisplayName("INTEROP.md 1.2: mixed case is rejected, all-upper-case is accepted")
    void mixedCase() {
        String mixed = NPUB.substring(0, 20) + NPUB.substring(20, 21).toUpperCase(Locale.ROOT) + NPUB.substring(21);
        assertNotEquals(NPUB, mixed);
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(mixed));
        assertTrue(e.getMessage().contains("mixes upper and lower case"), e.getMessage());

        assertArrayEquals(Hex.decode(NPUB_XONLY), Nip19.decodeNpub(NPUB.toUpperCase(Locale.ROOT)));
        assertArrayEquals(Hex.decode(NSEC_HEX), Nip19.decodeNsec(NSEC.toUpperCase(Locale.ROOT)));
        // decode_secret only takes the bech32 path for the literal lower-case "nsec1" (INTEROP.md 1.2).
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(NSEC.toUpperCase(Locale.ROOT)));
    }

    @Test
    @DisplayName("INTEROP.md 1.2: characters outside the bech32 alphabet are rejected")
    void nonAlphabetChar() {
        for (char bad : new char[] {'b', 'i', 'o'}) {
            String s = NPUB.substring(0, 12) + bad + NPUB.substring(13);
            KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(s));
            assertEquals("npub has a character that is not in the bech32 alphabet at index 12: '" + bad + "'",
                    e.getMessage());
        }
        String space = NPUB.substring(0, 12) + ' ' + NPUB.substring(13);
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(space));
        assertEquals("npub has an invalid character at index 12", e.getMessage());
    }

    @Test
    @DisplayName("INTEROP.md 1.2: structural errors (empty, no separator, too long)")
    void structure() {
        assertEquals("npub is empty", assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub("")).getMessage());
        assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(null));
        assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub("npubqqqqqqqqqq"));
        assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub("npub1qqqq"));
        String tooLong = NPUB + "q".repeat(91 - NPUB.length());
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(tooLong));
        assertEquals("npub is too long (91 characters, bech32 allows 90)", e.getMessage());
    }

    @Test
    @DisplayName("INTEROP.md 1.2: non-zero padding bits are rejected even with a valid checksum")
    void nonZeroPadding() {
        byte[] words = toWords(Hex.decode(NPUB_XONLY));
        assertEquals(52, words.length); // 256 bits -> 52 groups, 4 padding bits
        words[51] |= 0x01;
        String s = withChecksum(Nip19.NPUB, words, 1);
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(s));
        assertTrue(e.getMessage().startsWith("npub has invalid padding"), e.getMessage());
    }

    @Test
    @DisplayName("INTEROP.md 1.2: an npub must be an x coordinate on the curve (x = 5 has no y)")
    void xNotOnCurve() {
        byte[] x5 = new byte[32];
        x5[31] = 5;
        String npub = Nip19.encodeNpub(x5);
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(npub));
        assertEquals("npub does not encode a valid secp256k1 x-only key: " + npub, e.getMessage());
        assertThrows(KeyFormatException.class, () -> PublicKey.fromNpub(npub));
        assertThrows(KeyFormatException.class, () -> PublicKey.fromXOnly(x5));

        // x = 4 does have a y: the check is about the curve, not about small values.
        byte[] x4 = new byte[32];
        x4[31] = 4;
        assertArrayEquals(x4, Nip19.decodeNpub(Nip19.encodeNpub(x4)));

        // x = p is out of the field.
        byte[] p = Curve.be32(Curve.P);
        assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(Nip19.encodeNpub(p)));
        assertThrows(KeyFormatException.class, () -> Nip19.decodeNpub(Nip19.encodeNpub(new byte[32])));
    }

    @Test
    @DisplayName("INTEROP.md 1.2: an nsec must be a scalar in 1..n-1 (0 and n rejected)")
    void nsecRange() {
        String zero = Nip19.encodeNsec(new byte[32]);
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Nip19.decodeNsec(zero));
        assertEquals("nsec does not encode a valid secp256k1 secret key (must be 1..n-1)", e.getMessage());
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(zero));

        String n = Nip19.encodeNsec(Curve.be32(Curve.N));
        assertThrows(KeyFormatException.class, () -> Nip19.decodeNsec(n));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(n));
        assertThrows(KeyFormatException.class, () -> SecretKey.fromBytes(Curve.be32(Curve.N)));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse(Hex.encode(Curve.be32(Curve.N))));
        assertThrows(KeyFormatException.class, () -> SecretKey.parse("0".repeat(64)));

        byte[] nMinus1 = Curve.be32(Curve.N.subtract(BigInteger.ONE));
        assertArrayEquals(nMinus1, SecretKey.parse(Nip19.encodeNsec(nMinus1)).bytes());
        byte[] one = new byte[32];
        one[31] = 1;
        assertEquals("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
                Hex.encode(SecretKey.parse(Nip19.encodeNsec(one)).publicKey().xOnly()));
    }

    @Test
    @DisplayName("INTEROP.md 1.2: the decoder accepts a Bech32m checksum; the encoder writes Bech32")
    void bech32mAccepted() {
        byte[] x = Hex.decode(NPUB_XONLY);
        String m = withChecksum(Nip19.NPUB, toWords(x), BECH32M_CONST);
        assertNotEquals(NPUB, m);
        assertEquals(NPUB.substring(0, NPUB.length() - 6), m.substring(0, m.length() - 6));
        assertArrayEquals(x, Nip19.decodeNpub(m));

        byte[] d = Hex.decode(NSEC_HEX);
        String ms = withChecksum(Nip19.NSEC, toWords(d), BECH32M_CONST);
        assertArrayEquals(d, Nip19.decodeNsec(ms));
        assertArrayEquals(d, SecretKey.parse(ms).bytes());

        // The encoder is plain Bech32 (constant 1): the independent test encoder agrees with it.
        assertEquals(NPUB, withChecksum(Nip19.NPUB, toWords(x), 1));
        assertEquals(NSEC, withChecksum(Nip19.NSEC, toWords(d), 1));
    }

    // --- an independent BIP-173/BIP-350 encoder, for building inputs the production encoder cannot ---

    private static byte[] toWords(byte[] data) {
        int words = (data.length * 8 + 4) / 5;
        byte[] out = new byte[words];
        BigInteger v = new BigInteger(1, data).shiftLeft(words * 5 - data.length * 8);
        for (int i = 0; i < words; i++) {
            out[i] = (byte) v.shiftRight(5 * (words - 1 - i)).intValue();
            out[i] &= 31;
        }
        return out;
    }

    private static String withChecksum(String hrp, byte[] words, int constant) {
        int[] values = new int[hrp.length() * 2 + 1 + words.length + 6];
        int i = 0;
        for (char c : hrp.toCharArray()) values[i++] = c >> 5;
        values[i++] = 0;
        for (char c : hrp.toCharArray()) values[i++] = c & 31;
        for (byte w : words) values[i++] = w;
        int poly = polymod(values) ^ constant;
        StringBuilder sb = new StringBuilder(hrp).append('1');
        for (byte w : words) sb.append(CHARSET.charAt(w));
        for (int k = 0; k < 6; k++) sb.append(CHARSET.charAt((poly >>> (5 * (5 - k))) & 31));
        return sb.toString();
    }

    private static int polymod(int[] values) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        for (int v : values) {
            int b = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int k = 0; k < 5; k++) {
                if (((b >>> k) & 1) != 0) chk ^= gen[k];
            }
        }
        return chk;
    }
}
