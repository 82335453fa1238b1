package fips.identity;

import fips.identity.internal.Curve;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * BIP-340 Schnorr signatures over secp256k1 with x-only public keys, and the
 * FIPS convention on top of it (INTEROP.md 4): the 32-byte message handed to
 * BIP-340 is {@code SHA-256(data)}.
 *
 * <p>Signing is deterministic for a given {@code auxRand32}; callers pass fresh
 * random bytes in production and fixed bytes in tests. Upstream signatures are
 * not reproducible because it uses random aux data (INTEROP.md 4), which does not
 * matter for verification.
 *
 * <p>Verification never throws: malformed lengths, {@code r >= p},
 * {@code s >= n}, keys that are not x coordinates of curve points and null
 * arguments all yield {@code false}, because signatures arrive from the network.
 */
public final class Schnorr {
    public static final int SIGNATURE_BYTES = 64;
    public static final int MESSAGE_BYTES = 32;
    public static final int AUX_BYTES = 32;

    // Tag prefixes SHA-256(tag) || SHA-256(tag), BIP-340 "Design" / tagged hashes.
    private static final byte[] TAG_AUX = tagPrefix("BIP0340/aux");
    private static final byte[] TAG_NONCE = tagPrefix("BIP0340/nonce");
    private static final byte[] TAG_CHALLENGE = tagPrefix("BIP0340/challenge");

    private Schnorr() {}

    /**
     * BIP-340 signature of a 32-byte message.
     *
     * @throws IllegalArgumentException if {@code msg32} or {@code auxRand32} is not 32 bytes
     */
    public static byte[] sign(SecretKey sk, byte[] msg32, byte[] auxRand32) {
        requireLength(msg32, MESSAGE_BYTES, "msg32");
        requireLength(auxRand32, AUX_BYTES, "auxRand32");
        PublicKey pub = sk.publicKey();
        BigInteger d = pub.hasEvenY() ? sk.scalar() : Curve.N.subtract(sk.scalar());
        byte[] px = pub.xOnly();

        byte[] t = Curve.be32(d);
        byte[] auxHash = taggedHash(TAG_AUX, auxRand32);
        for (int i = 0; i < 32; i++) {
            t[i] ^= auxHash[i];
        }
        BigInteger k0 = new BigInteger(1, taggedHash(TAG_NONCE, t, px, msg32)).mod(Curve.N);
        if (k0.signum() == 0) {
            // Probability ~2^-256; BIP-340 says to fail rather than continue.
            throw new IllegalStateException("BIP-340 nonce is zero; retry with different auxRand32");
        }
        ECPoint r = Curve.mulG(k0);
        BigInteger k = Curve.hasEvenY(r) ? k0 : Curve.N.subtract(k0);
        byte[] rx = Curve.x32(r);
        BigInteger e = challenge(rx, px, msg32);
        BigInteger s = k.add(e.multiply(d)).mod(Curve.N);

        byte[] sig = new byte[SIGNATURE_BYTES];
        System.arraycopy(rx, 0, sig, 0, 32);
        System.arraycopy(Curve.be32(s), 0, sig, 32, 32);
        // BIP-340 recommends verifying before releasing a signature (guards against faults).
        if (!verify(px, msg32, sig)) {
            throw new IllegalStateException("BIP-340 signature failed self-verification");
        }
        return sig;
    }

    /** BIP-340 verification against a 32-byte x-only key. Returns false on any malformed input. */
    public static boolean verify(byte[] xOnly32, byte[] msg32, byte[] sig64) {
        if (xOnly32 == null || xOnly32.length != 32
                || msg32 == null || msg32.length != MESSAGE_BYTES
                || sig64 == null || sig64.length != SIGNATURE_BYTES) {
            return false;
        }
        ECPoint p = Curve.liftX(xOnly32); // null also covers x >= p
        if (p == null) {
            return false;
        }
        return verifyPoint(p, xOnly32, msg32, sig64);
    }

    /** BIP-340 verification against {@code pk}'s x-only key (its parity is irrelevant). */
    public static boolean verify(PublicKey pk, byte[] msg32, byte[] sig64) {
        if (pk == null || msg32 == null || msg32.length != MESSAGE_BYTES
                || sig64 == null || sig64.length != SIGNATURE_BYTES) {
            return false;
        }
        ECPoint even = pk.hasEvenY() ? pk.point() : pk.point().negate().normalize();
        return verifyPoint(even, pk.xOnly(), msg32, sig64);
    }

    /** FIPS signature of arbitrary {@code data}: BIP-340 over {@code SHA-256(data)} (INTEROP.md 4). */
    public static byte[] signData(SecretKey sk, byte[] data, byte[] auxRand32) {
        return sign(sk, Curve.sha256(data), auxRand32);
    }

    /** Verifies a FIPS signature over {@code data} (INTEROP.md 4). Returns false on any malformed input. */
    public static boolean verifyData(PublicKey pk, byte[] data, byte[] sig64) {
        if (data == null) {
            return false;
        }
        return verify(pk, Curve.sha256(data), sig64);
    }

    /** {@code evenP} is the even-y point whose x coordinate is {@code px}. */
    private static boolean verifyPoint(ECPoint evenP, byte[] px, byte[] msg32, byte[] sig64) {
        byte[] rx = new byte[32];
        System.arraycopy(sig64, 0, rx, 0, 32);
        BigInteger r = new BigInteger(1, rx);
        if (r.compareTo(Curve.P) >= 0) {
            return false;
        }
        byte[] sBytes = new byte[32];
        System.arraycopy(sig64, 32, sBytes, 0, 32);
        BigInteger s = new BigInteger(1, sBytes);
        if (s.compareTo(Curve.N) >= 0) {
            return false;
        }
        BigInteger e = challenge(rx, px, msg32);
        // R = s·G - e·P
        ECPoint rPoint = ECAlgorithms.sumOfTwoMultiplies(Curve.G, s, evenP, Curve.N.subtract(e).mod(Curve.N))
                .normalize();
        if (rPoint.isInfinity() || !Curve.hasEvenY(rPoint)) {
            return false;
        }
        return rPoint.getAffineXCoord().toBigInteger().equals(r);
    }

    private static BigInteger challenge(byte[] rx, byte[] px, byte[] msg32) {
        return new BigInteger(1, taggedHash(TAG_CHALLENGE, rx, px, msg32)).mod(Curve.N);
    }

    private static byte[] taggedHash(byte[] prefix, byte[]... parts) {
        MessageDigest md = Curve.sha256();
        md.update(prefix);
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    private static byte[] tagPrefix(String tag) {
        byte[] h = Curve.sha256(tag.getBytes(StandardCharsets.US_ASCII));
        byte[] prefix = new byte[64];
        System.arraycopy(h, 0, prefix, 0, 32);
        System.arraycopy(h, 0, prefix, 32, 32);
        return prefix;
    }

    private static void requireLength(byte[] b, int expected, String name) {
        if (b == null || b.length != expected) {
            throw new IllegalArgumentException(name + " must be " + expected + " bytes, got "
                    + (b == null ? "null" : b.length));
        }
    }
}
