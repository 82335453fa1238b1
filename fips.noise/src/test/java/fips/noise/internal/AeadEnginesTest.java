package fips.noise.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.noise.Aead;
import fips.noise.AeadEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every available ChaCha20-Poly1305 engine against RFC 8439, a known answer
 * with the FIPS nonce layout (INTEROP.md 2.1, "AEAD nonce layout"), the JDK
 * Cipher used directly, and each other; plus the failure and misuse contract
 * of {@link Aead} and the engine selection rule.
 */
class AeadEnginesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 63, 64, 65, 511, 512, 1400, 9000};
    private static final int[] AD_LENGTHS = {0, 12, 16};

    static Stream<AeadEngine> engines() {
        List<AeadEngine> available = Arrays.stream(AeadEngine.values()).filter(AeadEngine::available).toList();
        assertTrue(available.contains(AeadEngine.JDK) && available.contains(AeadEngine.BOUNCYCASTLE),
                "JDK and BouncyCastle are always available, got " + available);
        return available.stream();
    }

    // ---- availability -------------------------------------------------------------------------

    @Test
    void javaEnginesAreAlwaysAvailable() {
        assertNull(AeadEngine.JDK.unavailableReason());
        assertNull(AeadEngine.BOUNCYCASTLE.unavailableReason());
    }

    @Test
    void openSslIsAvailableWhereLibcryptoIsInstalled() {
        String reason = AeadEngine.OPENSSL.unavailableReason();
        boolean installed = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"))
                || Files.exists(Path.of("/usr/lib64/libcrypto.so.3"))
                || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libcrypto.so.3"));
        if (installed) {
            assertNull(reason, "libcrypto.so.3 is installed, yet OPENSSL is unavailable");
            assertTrue(AeadEngine.OPENSSL.available());
        } else {
            assertTrue(reason != null && !reason.isBlank(), "an unavailable engine must say why");
        }
    }

    // ---- known answers ------------------------------------------------------------------------

    /** RFC 8439 section 2.8.2, through the nonce hook (its 32-bit constant is 07 00 00 00). */
    @ParameterizedTest
    @MethodSource("engines")
    void rfc8439Section282(AeadEngine engine) {
        byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] ad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] plain = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] expected = HEX.parseHex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116"
                + "1ae10b594f09e26a7e902ecbd0600691");
        // nonce 07 00 00 00 40 41 42 43 44 45 46 47 = LE32(7) || LE64(0x4746454443424140)
        assertArrayEquals(HEX.parseHex("070000004041424344454647"), nonce(7, 0x4746454443424140L));
        try (AeadEngines.AbstractAead aead = (AeadEngines.AbstractAead) engine.create(key)) {
            byte[] out = new byte[plain.length + Aead.TAG_BYTES];
            assertEquals(out.length, aead.sealWithNonce(7, 0x4746454443424140L, ad, 0, ad.length, plain, 0,
                    plain.length, out, 0));
            assertEquals(HEX.formatHex(expected), HEX.formatHex(out));
            byte[] back = new byte[plain.length];
            assertEquals(plain.length, aead.openWithNonce(7, 0x4746454443424140L, ad, 0, ad.length, out, 0,
                    out.length, back, 0));
            assertArrayEquals(plain, back);
            // The same bytes under the FIPS nonce form (constant 0) must not open.
            assertEquals(-1, aead.open(0x4746454443424140L, ad, 0, ad.length, out, 0, out.length, back, 0));
        }
    }

    /**
     * A fixed answer with the FIPS nonce {@code 00000000 || LE64(counter)},
     * computed outside this code base (Python cryptography 48, OpenSSL-backed)
     * and checked against the JDK Cipher given the explicit 12-byte nonce.
     */
    @ParameterizedTest
    @MethodSource("engines")
    void fipsNonceKnownAnswer(AeadEngine engine) throws Exception {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        byte[] ad = new byte[16];
        for (int i = 0; i < ad.length; i++) {
            ad[i] = (byte) (0xa0 + i);
        }
        long counter = 0x0123456789abcdefL;
        byte[] plain = "FIPS transport frame, counter in LE64".getBytes(StandardCharsets.US_ASCII);
        String expected = "2ce83354c96a13f7713e360d8727d7c2450ca09d4614a340ee3ead9687fe420f62bd20ef97"
                + "62fafeb1bc9b03f48a42ee23c788e7b3";
        assertArrayEquals(HEX.parseHex("00000000efcdab8967452301"), nonce(0, counter));
        assertEquals(expected, HEX.formatHex(reference(key, counter, ad, plain)));
        try (Aead aead = engine.create(key)) {
            byte[] out = new byte[plain.length + 16];
            aead.seal(counter, ad, 0, ad.length, plain, 0, plain.length, out, 0);
            assertEquals(expected, HEX.formatHex(out));
        }
        // Empty plaintext, no AD, counter 5: a tag alone.
        try (Aead aead = engine.create(key)) {
            byte[] out = new byte[16];
            assertEquals(16, aead.seal(5, null, 0, 0, new byte[0], 0, 0, out, 0));
            assertEquals("3e2fdcfe114117a96d0d40c0777d9d17", HEX.formatHex(out));
            assertEquals(0, aead.open(5, null, 0, 0, out, 0, 16, new byte[0], 0));
        }
    }

    // ---- cross-checks ---------------------------------------------------------------------------

    /** Every length and AD length, at non-zero offsets, against the JDK Cipher used directly. */
    @ParameterizedTest
    @MethodSource("engines")
    void matchesReferenceAtEveryLength(AeadEngine engine) throws Exception {
        Random random = new Random(8439L + engine.ordinal());
        byte[] key = bytes(random, 32);
        long counter = 0;
        try (Aead aead = engine.create(key)) {
            for (int adLen : AD_LENGTHS) {
                for (int len : LENGTHS) {
                    counter += 1 + random.nextInt(1000);
                    long c = random.nextInt(4) == 0 ? counter | 0x8000_0000_0000_0000L : counter;
                    byte[] ad = adLen == 0 ? null : bytes(random, adLen);
                    byte[] plain = bytes(random, len);
                    byte[] expected = reference(key, c, ad, plain);

                    byte[] in = new byte[len + 7];
                    System.arraycopy(plain, 0, in, 3, len);
                    byte[] adBuf = new byte[adLen + 5];
                    if (ad != null) {
                        System.arraycopy(ad, 0, adBuf, 2, adLen);
                    }
                    byte[] out = new byte[len + 16 + 9];
                    String what = engine + " len=" + len + " adLen=" + adLen + " counter=" + c;
                    assertEquals(len + 16, aead.seal(c, adBuf, 2, adLen, in, 3, len, out, 4), what);
                    assertArrayEquals(expected, Arrays.copyOfRange(out, 4, 4 + len + 16), what);

                    byte[] back = new byte[len + 6];
                    assertEquals(len, aead.open(c, adBuf, 2, adLen, out, 4, len + 16, back, 1), what);
                    assertArrayEquals(plain, Arrays.copyOfRange(back, 1, 1 + len), what);
                }
            }
        }
    }

    /** All available engines produce the same bytes for the same random inputs, and open each other's output. */
    @Test
    void enginesAgreeWithEachOther() {
        List<AeadEngine> engines = engines().toList();
        Random random = new Random(20260101L);
        byte[] key = bytes(random, 32);
        for (int adLen : AD_LENGTHS) {
            for (int len : LENGTHS) {
                long counter = random.nextLong();
                byte[] ad = bytes(random, adLen);
                byte[] plain = bytes(random, len);
                byte[] first = null;
                for (AeadEngine engine : engines) {
                    try (Aead aead = engine.create(key)) {
                        byte[] out = new byte[len + 16];
                        aead.seal(counter, ad, 0, adLen, plain, 0, len, out, 0);
                        if (first == null) {
                            first = out;
                        } else {
                            assertArrayEquals(first, out, engine + " len=" + len + " adLen=" + adLen);
                        }
                    }
                }
                for (AeadEngine engine : engines) {
                    try (Aead aead = engine.create(key)) {
                        byte[] back = new byte[len];
                        assertEquals(len, aead.open(counter, ad, 0, adLen, first, 0, len + 16, back, 0), engine.name());
                        assertArrayEquals(plain, back, engine.name());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void sealAndOpenInPlace(AeadEngine engine) throws Exception {
        Random random = new Random(99);
        byte[] key = bytes(random, 32);
        try (Aead sender = engine.create(key); Aead receiver = engine.create(key)) {
            long counter = 0;
            for (int len : LENGTHS) {
                byte[] ad = bytes(random, 16);
                byte[] plain = bytes(random, len);
                int off = 5;
                byte[] buf = new byte[off + len + 16 + 3];
                System.arraycopy(plain, 0, buf, off, len);
                counter++;
                assertEquals(len + 16, sender.seal(counter, ad, 0, 16, buf, off, len, buf, off));
                assertArrayEquals(reference(key, counter, ad, plain), Arrays.copyOfRange(buf, off, off + len + 16),
                        engine + " in-place seal len=" + len);
                assertEquals(len, receiver.open(counter, ad, 0, 16, buf, off, len + 16, buf, off));
                assertArrayEquals(plain, Arrays.copyOfRange(buf, off, off + len), engine + " in-place open len=" + len);
            }
        }
    }

    // ---- failures -----------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("engines")
    void tamperingAndWrongCounterFail(AeadEngine engine) {
        Random random = new Random(7);
        byte[] key = bytes(random, 32);
        for (int len : new int[] {0, 1, 64, 1400}) {
            byte[] ad = bytes(random, 16);
            byte[] plain = bytes(random, len);
            byte[] sealed = new byte[len + 16];
            try (Aead aead = engine.create(key)) {
                aead.seal(42, ad, 0, 16, plain, 0, len, sealed, 0);
                List<int[]> flips = len == 0 ? List.of(new int[] {0}, new int[] {15})
                        : List.of(new int[] {0}, new int[] {len - 1}, new int[] {len}, new int[] {len + 15});
                for (int[] flip : flips) {
                    byte[] bad = sealed.clone();
                    bad[flip[0]] ^= 0x01;
                    byte[] out = filled(len, (byte) 0x5a);
                    assertEquals(-1, aead.open(42, ad, 0, 16, bad, 0, bad.length, out, 0),
                            engine + " flipped byte " + flip[0] + " of " + bad.length);
                    assertArrayEquals(new byte[len], out, "failed open must leave no plaintext");
                }
                byte[] badAd = ad.clone();
                badAd[3] ^= (byte) 0x80;
                assertEquals(-1, aead.open(42, badAd, 0, 16, sealed, 0, sealed.length, new byte[len], 0));
                assertEquals(-1, aead.open(42, null, 0, 0, sealed, 0, sealed.length, new byte[len], 0), "AD omitted");
                assertEquals(-1, aead.open(43, ad, 0, 16, sealed, 0, sealed.length, new byte[len], 0), "counter+1");
                assertEquals(-1, aead.open(42L | (1L << 56), ad, 0, 16, sealed, 0, sealed.length, new byte[len], 0),
                        "counter's top byte");
                // Still fine after the failures.
                byte[] out = new byte[len];
                assertEquals(len, aead.open(42, ad, 0, 16, sealed, 0, sealed.length, out, 0));
                assertArrayEquals(plain, out);
            }
            try (Aead other = engine.create(bytes(random, 32))) {
                assertEquals(-1, other.open(42, ad, 0, 16, sealed, 0, sealed.length, new byte[len], 0), "wrong key");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void inPlaceOpenFailureLeavesNoPlaintext(AeadEngine engine) {
        byte[] key = bytes(new Random(3), 32);
        byte[] buf = new byte[200 + 16];
        Arrays.fill(buf, 0, 200, (byte) 'p');
        try (Aead aead = engine.create(key)) {
            aead.seal(1, null, 0, 0, buf, 0, 200, buf, 0);
            buf[200] ^= 1;
            assertEquals(-1, aead.open(1, null, 0, 0, buf, 0, 216, buf, 0));
            assertArrayEquals(new byte[200], Arrays.copyOf(buf, 200));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void inputShorterThanTagFails(AeadEngine engine) {
        try (Aead aead = engine.create(new byte[32])) {
            byte[] in = new byte[16];
            for (int len = 0; len < 16; len++) {
                assertEquals(-1, aead.open(0, null, 0, 0, in, 0, len, new byte[16], 0), "len=" + len);
            }
            assertEquals(-1, aead.open(0, null, 0, 0, in, 0, -1, new byte[16], 0));
        }
    }

    // ---- misuse -------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("engines")
    void closeIsIdempotentAndFinal(AeadEngine engine) {
        Aead aead = engine.create(new byte[32]);
        assertSame(engine, aead.engine());
        byte[] out = new byte[32];
        aead.seal(0, null, 0, 0, new byte[16], 0, 16, out, 0);
        aead.close();
        aead.close();
        assertThrows(IllegalStateException.class, () -> aead.seal(1, null, 0, 0, new byte[16], 0, 16, out, 0));
        assertThrows(IllegalStateException.class, () -> aead.open(0, null, 0, 0, out, 0, 32, new byte[16], 0));
        aead.close();
    }

    /** Every engine refuses, alike, to seal with the nonce of the previous call on the instance. */
    @ParameterizedTest
    @MethodSource("engines")
    void immediateNonceReuseIsRefused(AeadEngine engine) {
        try (Aead aead = engine.create(new byte[32])) {
            byte[] in = new byte[10];
            byte[] out = new byte[26];
            aead.seal(9, null, 0, 0, in, 0, 10, out, 0);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> aead.seal(9, null, 0, 0, in, 0, 10, new byte[26], 0));
            assertTrue(e.getMessage().contains("counter=9"), e.getMessage());
            assertEquals(10, aead.open(9, null, 0, 0, out, 0, 26, new byte[10], 0), "open after seal, same counter");
            assertEquals(10, aead.open(9, null, 0, 0, out, 0, 26, new byte[10], 0), "open twice, same counter");
            assertThrows(IllegalStateException.class, () -> aead.seal(9, null, 0, 0, in, 0, 10, new byte[26], 0));
            assertEquals(26, aead.seal(10, null, 0, 0, in, 0, 10, new byte[26], 0));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void badArgumentsThrowBeforeAnyCipherWork(AeadEngine engine) {
        try (Aead aead = engine.create(new byte[32])) {
            byte[] in = new byte[64];
            assertThrows(IndexOutOfBoundsException.class, () -> aead.seal(1, null, 0, 0, in, 0, 64, new byte[79], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> aead.seal(2, null, 0, 0, in, 1, 64, new byte[80], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> aead.seal(3, new byte[4], 0, 5, in, 0, 8, new byte[24], 0));
            assertThrows(NullPointerException.class, () -> aead.seal(4, null, 0, 1, in, 0, 8, new byte[24], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> aead.open(5, null, 0, 0, in, 0, 64, new byte[47], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> aead.open(6, null, 0, 0, in, 8, 64, new byte[48], 0));
            byte[] buf = new byte[100];
            assertThrows(IllegalArgumentException.class, () -> aead.seal(7, null, 0, 0, buf, 0, 40, buf, 8));
            assertThrows(IllegalArgumentException.class, () -> aead.open(8, null, 0, 0, buf, 8, 56, buf, 0));
            // Still usable.
            assertEquals(80, aead.seal(9, null, 0, 0, in, 0, 64, new byte[80], 0));
        }
        assertThrows(IllegalArgumentException.class, () -> engine.create(new byte[31]));
        assertThrows(NullPointerException.class, () -> engine.create(null));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void keyIsCopied(AeadEngine engine) throws Exception {
        byte[] key = bytes(new Random(5), 32);
        byte[] original = key.clone();
        try (Aead aead = engine.create(key)) {
            Arrays.fill(key, (byte) 0);
            byte[] out = new byte[16 + 5];
            aead.seal(77, null, 0, 0, new byte[5], 0, 5, out, 0);
            assertArrayEquals(reference(original, 77, null, new byte[5]), out);
        }
    }

    // ---- selection ----------------------------------------------------------------------------

    @Test
    void nonsensePropertyGivesClearError() {
        String previous = System.getProperty(AeadEngines.PROPERTY);
        System.setProperty(AeadEngines.PROPERTY, "nonsense");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, AeadEngine::selected);
            assertTrue(e.getMessage().contains("fips.aead=nonsense"), e.getMessage());
            assertTrue(e.getMessage().contains("jdk, bouncycastle or openssl"), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(AeadEngines.PROPERTY);
            } else {
                System.setProperty(AeadEngines.PROPERTY, previous);
            }
        }
    }

    @Test
    void propertyNamesTheEngine() {
        assertEquals(AeadEngine.BOUNCYCASTLE, AeadEngines.select("bc", AeadEngines::unavailableReason));
        assertEquals(AeadEngine.BOUNCYCASTLE, AeadEngines.select(" BouncyCastle ", AeadEngines::unavailableReason));
        assertEquals(AeadEngine.JDK, AeadEngines.select("JDK", AeadEngines::unavailableReason));
        assertEquals(AeadEngine.OPENSSL, AeadEngines.select("openssl", e -> null));
    }

    @Test
    void namedEngineThatIsUnavailableIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AeadEngines.select("openssl", engine -> engine == AeadEngine.OPENSSL ? "libcrypto not found" : null));
        assertTrue(e.getMessage().contains("OPENSSL"), e.getMessage());
        assertTrue(e.getMessage().contains("libcrypto not found"), e.getMessage());
    }

    @Test
    void defaultIsFastestAvailableThenNext() {
        AeadEngine[] order = AeadEngines.DEFAULT_ORDER;
        assertEquals(AeadEngine.values().length, order.length);
        assertEquals(order[0], AeadEngines.select(null, e -> null));
        assertEquals(order[1], AeadEngines.select(null, e -> e == order[0] ? "gone" : null));
        assertEquals(order[2], AeadEngines.select(null, e -> e == order[2] ? null : "gone"));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> AeadEngines.select(null, e -> "gone"));
        assertTrue(none.getMessage().contains("no ChaCha20-Poly1305 engine"), none.getMessage());
        // With no property set, the real selection is the first available engine in that order.
        if (System.getProperty(AeadEngines.PROPERTY) == null) {
            AeadEngine expected = Arrays.stream(order).filter(AeadEngine::available).findFirst().orElseThrow();
            assertEquals(expected, AeadEngine.selected());
        }
    }

    @Test
    void unavailableEngineCannotBeCreated() {
        for (AeadEngine engine : AeadEngine.values()) {
            if (!engine.available()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> engine.create(new byte[32]));
                assertTrue(e.getMessage().contains(engine.unavailableReason()));
            } else {
                assertFalse(engine.unavailableReason() != null);
            }
        }
        assertNotEquals(0, engines().count());
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** {@code LE32(fixed) || LE64(counter)}. */
    private static byte[] nonce(int fixed, long counter) {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(fixed).putLong(counter).array();
    }

    /** The JDK Cipher used directly, fresh per call, with the explicit FIPS nonce. */
    private static byte[] reference(byte[] key, long counter, byte[] ad, byte[] plain) throws Exception {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce(0, counter)));
        if (ad != null && ad.length > 0) {
            cipher.updateAAD(ad);
        }
        return cipher.doFinal(plain);
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }
}
