package fips.noise.internal;

import fips.noise.Aead;
import fips.noise.AeadEngine;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;

/**
 * Probing, selection and construction of the {@link AeadEngine}s; the enum's
 * methods delegate here.
 *
 * <p>Each engine is probed once, lazily, on first use (class-holder idiom): it
 * must load, and an instance must reproduce the RFC 8439 section 2.8.2 AEAD
 * test vector and open it again. The result is cached for the life of the JVM.
 *
 * <p>{@link #selected()} honours the system property {@value #PROPERTY};
 * without it, the first available engine of {@link #DEFAULT_ORDER} is used.
 * That order is the measured ranking in benchmarks/README.md (AeadBench).
 */
public final class AeadEngines {
    /** System property naming the engine to use: jdk, bouncycastle (bc) or openssl. */
    public static final String PROPERTY = "fips.aead";

    /**
     * Fastest first, from AeadBench in benchmarks/README.md (2026-11-22):
     * OpenSSL led at 64, 512 and 1400 bytes for seal and open (1.3-3.1x the
     * JDK) and allocates nothing per call; the JDK beat BouncyCastle 4-8x from
     * 512 bytes up and was level at 64.
     */
    static final AeadEngine[] DEFAULT_ORDER = {AeadEngine.OPENSSL, AeadEngine.JDK, AeadEngine.BOUNCYCASTLE};

    private AeadEngines() {}

    /** Why {@code engine} cannot be used here, or {@code null}; probed once. */
    public static String unavailableReason(AeadEngine engine) {
        return switch (Objects.requireNonNull(engine, "engine")) {
            case JDK -> JdkProbe.REASON;
            case BOUNCYCASTLE -> BcProbe.REASON;
            case OPENSSL -> OpenSslProbe.REASON;
        };
    }

    /** A new instance of {@code engine} keyed with a copy of {@code key32}. */
    public static Aead create(AeadEngine engine, byte[] key32) {
        Objects.requireNonNull(engine, "engine");
        checkKey(key32);
        String reason = unavailableReason(engine);
        if (reason != null) {
            throw new IllegalStateException("AEAD engine " + engine + " is unavailable: " + reason);
        }
        return newInstance(engine, key32);
    }

    /** The engine named by {@value #PROPERTY}, else the fastest available one. */
    public static AeadEngine selected() {
        return select(System.getProperty(PROPERTY), AeadEngines::unavailableReason);
    }

    /**
     * The selection rule, with the property value and the availability oracle
     * as parameters so that every branch can be tested.
     */
    static AeadEngine select(String requested, Function<AeadEngine, String> reasonOf) {
        if (requested != null) {
            AeadEngine engine;
            try {
                engine = AeadEngine.parse(requested);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + "=" + requested + ": " + e.getMessage(), e);
            }
            String reason = reasonOf.apply(engine);
            if (reason != null) {
                throw new IllegalStateException(PROPERTY + "=" + requested + ": AEAD engine " + engine
                        + " is unavailable: " + reason);
            }
            return engine;
        }
        StringBuilder reasons = new StringBuilder();
        for (AeadEngine engine : DEFAULT_ORDER) {
            String reason = reasonOf.apply(engine);
            if (reason == null) {
                return engine;
            }
            reasons.append(reasons.isEmpty() ? "" : "; ").append(engine).append(": ").append(reason);
        }
        throw new IllegalStateException("no ChaCha20-Poly1305 engine is available (" + reasons + ")");
    }

    static void checkKey(byte[] key32) {
        Objects.requireNonNull(key32, "key32");
        if (key32.length != Aead.KEY_BYTES) {
            throw new IllegalArgumentException("key32.length=" + key32.length + " (expected " + Aead.KEY_BYTES + ")");
        }
    }

    private static AbstractAead newInstance(AeadEngine engine, byte[] key32) {
        return switch (engine) {
            case JDK -> new JdkAead(key32);
            case BOUNCYCASTLE -> new BcAead(key32);
            case OPENSSL -> new OpenSslAead(key32);
        };
    }

    // RFC 8439 section 2.8.2: the nonce is the 32-bit constant 07 00 00 00 followed
    // by the 64-bit IV 40..47, i.e. nonceFixed=LE32 7 and counter=LE64 of 40..47.
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RFC_KEY = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    private static final int RFC_NONCE_FIXED = 7;
    private static final long RFC_NONCE_COUNTER = 0x4746454443424140L;
    private static final byte[] RFC_AD = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
    private static final byte[] RFC_PLAINTEXT = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip"
            + " for the future, sunscreen would be it.").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] RFC_SEALED = HEX.parseHex(
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
            + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
            + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            + "3ff4def08e4b7a9de576d26586cec64b6116"
            + "1ae10b594f09e26a7e902ecbd0600691");

    /** Loads {@code engine} and runs the RFC 8439 vector through it; {@code null} if all is well. */
    private static String probe(AeadEngine engine) {
        try {
            if (engine == AeadEngine.OPENSSL && OpenSslAead.UNAVAILABLE_REASON != null) {
                return OpenSslAead.UNAVAILABLE_REASON;
            }
            try (AbstractAead aead = newInstance(engine, RFC_KEY)) {
                byte[] sealed = new byte[RFC_SEALED.length];
                aead.sealWithNonce(RFC_NONCE_FIXED, RFC_NONCE_COUNTER, RFC_AD, 0, RFC_AD.length,
                        RFC_PLAINTEXT, 0, RFC_PLAINTEXT.length, sealed, 0);
                if (!Arrays.equals(sealed, RFC_SEALED)) {
                    return "self-test failed: RFC 8439 section 2.8.2 vector sealed to " + HEX.formatHex(sealed);
                }
                byte[] opened = new byte[RFC_PLAINTEXT.length];
                int n = aead.openWithNonce(RFC_NONCE_FIXED, RFC_NONCE_COUNTER, RFC_AD, 0, RFC_AD.length,
                        sealed, 0, sealed.length, opened, 0);
                if (n != RFC_PLAINTEXT.length || !Arrays.equals(opened, RFC_PLAINTEXT)) {
                    return "self-test failed: RFC 8439 section 2.8.2 vector did not open (result " + n + ")";
                }
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "probe failed: " + e;
        }
    }

    private static final class JdkProbe {
        static final String REASON = probe(AeadEngine.JDK);
    }

    private static final class BcProbe {
        static final String REASON = probe(AeadEngine.BOUNCYCASTLE);
    }

    private static final class OpenSslProbe {
        static final String REASON = probe(AeadEngine.OPENSSL);
    }

    /**
     * What the three engines share: argument checks, the closed flag, the
     * nonce-reuse guard and the failure contract, so that they differ only in
     * the cipher calls.
     *
     * <p>Nonce: 12 bytes = {@code LE32(nonceFixed) || LE64(counter)}; FIPS always
     * uses {@code nonceFixed = 0} (INTEROP.md 2.1, "AEAD nonce layout"). The
     * {@code *WithNonce} methods exist so that the RFC 8439 vectors, whose
     * 32-bit constant is not zero, can be checked.
     *
     * <p>Nonce-reuse guard: sealing with the nonce of the immediately preceding
     * call on the same instance (seal or open) throws {@link IllegalStateException}.
     * The JDK and BouncyCastle refuse such a re-initialisation themselves; the
     * guard makes every engine behave alike. It catches only that one case: the
     * caller owns the counter and must never reuse it (Noise never does).
     *
     * <p>Overlap: {@code in} and {@code out} may be the same array at the same
     * offset; any other overlap is rejected with {@link IllegalArgumentException}.
     *
     * <p>Failed open: returns -1 and zeroes {@code out[outOff, outOff+inLen-16)},
     * so no unauthenticated plaintext is left behind (BouncyCastle and OpenSSL
     * decrypt before they check the tag).
     */
    abstract static sealed class AbstractAead implements Aead permits JdkAead, BcAead, OpenSslAead {
        private final AeadEngine engine;
        private boolean closed;
        private boolean used;
        private int lastNonceFixed;
        private long lastCounter;

        AbstractAead(AeadEngine engine) {
            this.engine = engine;
        }

        @Override
        public final int seal(long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen,
                byte[] out, int outOff) {
            return sealWithNonce(0, counter, ad, adOff, adLen, in, inOff, inLen, out, outOff);
        }

        @Override
        public final int open(long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen,
                byte[] out, int outOff) {
            return openWithNonce(0, counter, ad, adOff, adLen, in, inOff, inLen, out, outOff);
        }

        final int sealWithNonce(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff,
                int inLen, byte[] out, int outOff) {
            checkNotClosed();
            checkAd(ad, adOff, adLen);
            Objects.checkFromIndexSize(inOff, inLen, in.length);
            Objects.checkFromIndexSize(outOff, inLen + TAG_BYTES, out.length);
            checkOverlap(in, inOff, inLen, out, outOff, inLen + TAG_BYTES);
            if (used && nonceFixed == lastNonceFixed && counter == lastCounter) {
                throw new IllegalStateException("counter=" + counter
                        + " was used by the previous call on this instance; sealing with it again would reuse a nonce");
            }
            remember(nonceFixed, counter);
            return doSeal(nonceFixed, counter, ad, adOff, adLen, in, inOff, inLen, out, outOff);
        }

        final int openWithNonce(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff,
                int inLen, byte[] out, int outOff) {
            checkNotClosed();
            if (inLen < TAG_BYTES) {
                return -1;
            }
            checkAd(ad, adOff, adLen);
            Objects.checkFromIndexSize(inOff, inLen, in.length);
            int plainLen = inLen - TAG_BYTES;
            Objects.checkFromIndexSize(outOff, plainLen, out.length);
            checkOverlap(in, inOff, inLen, out, outOff, plainLen);
            remember(nonceFixed, counter);
            int n = doOpen(nonceFixed, counter, ad, adOff, adLen, in, inOff, plainLen, out, outOff);
            if (n < 0) {
                Arrays.fill(out, outOff, outOff + plainLen, (byte) 0);
                return -1;
            }
            return n;
        }

        /** Seals; arguments are checked. Returns {@code inLen + 16}. */
        abstract int doSeal(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff,
                int inLen, byte[] out, int outOff);

        /**
         * Opens {@code in[inOff, inOff+plainLen+16)}; arguments are checked and
         * {@code plainLen >= 0}. Returns {@code plainLen}, or -1 if the tag does not verify.
         */
        abstract int doOpen(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff,
                int plainLen, byte[] out, int outOff);

        /** Wipes the key and frees native state; called once. */
        abstract void release();

        @Override
        public final AeadEngine engine() {
            return engine;
        }

        @Override
        public final void close() {
            if (!closed) {
                closed = true;
                release();
            }
        }

        private void remember(int nonceFixed, long counter) {
            used = true;
            lastNonceFixed = nonceFixed;
            lastCounter = counter;
        }

        private void checkNotClosed() {
            if (closed) {
                throw new IllegalStateException("AEAD instance engine=" + engine + " is closed");
            }
        }

        private static void checkAd(byte[] ad, int adOff, int adLen) {
            if (adLen != 0 || ad != null) {
                Objects.checkFromIndexSize(adOff, adLen, Objects.requireNonNull(ad, "ad").length);
            }
        }

        private static void checkOverlap(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
            if (in == out && inOff != outOff && inOff < outOff + outLen && outOff < inOff + inLen) {
                throw new IllegalArgumentException("in and out overlap but are not in place: inOff=" + inOff
                        + " outOff=" + outOff + " inLen=" + inLen);
            }
        }
    }
}
