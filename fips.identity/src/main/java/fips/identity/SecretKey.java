package fips.identity;

import fips.identity.internal.Curve;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 secret scalar in {@code [1, n-1]} with its public key.
 *
 * <p>ECDH here is FIPS's parity-independent variant, INTEROP.md 2.2:
 * {@code SHA-256(x(sk·P))}.
 */
public final class SecretKey {
    private final byte[] scalar; // 32 bytes big-endian
    private final BigInteger d;
    private final PublicKey publicKey;

    private SecretKey(byte[] scalar32) {
        BigInteger v = new BigInteger(1, scalar32);
        if (v.signum() == 0 || v.compareTo(Curve.N) >= 0) {
            throw new KeyFormatException("secret key is not a valid secp256k1 scalar (must be 1..n-1)");
        }
        this.scalar = scalar32.clone();
        this.d = v;
        this.publicKey = PublicKey.ofPoint(Curve.mulG(v));
    }

    /** From 32 raw big-endian bytes. */
    public static SecretKey fromBytes(byte[] scalar32) {
        if (scalar32 == null || scalar32.length != 32) {
            throw new KeyFormatException("secret key must be 32 bytes, got " + (scalar32 == null ? "null" : scalar32.length));
        }
        return new SecretKey(scalar32);
    }

    /**
     * Parses a secret key as FIPS accepts it (INTEROP.md 1.2): a string starting
     * with the literal {@code nsec1} is bech32-decoded, anything else must be 64
     * hex digits. No trimming is done here.
     */
    public static SecretKey parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new KeyFormatException("secret key is empty");
        }
        if (text.startsWith("nsec1")) {
            return fromBytes(Nip19.decodeNsec(text));
        }
        return fromBytes(Hex.decode(text, 32, "secret key (expected nsec1... or 64 hex digits)"));
    }

    /** A fresh random key from {@code rng} (rejection-sampled into 1..n-1). */
    public static SecretKey generate(Random rng) {
        byte[] b = new byte[32];
        while (true) {
            rng.nextBytes(b);
            BigInteger v = new BigInteger(1, b);
            if (v.signum() > 0 && v.compareTo(Curve.N) < 0) {
                return new SecretKey(b);
            }
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The 32-byte scalar (a copy). */
    public byte[] bytes() {
        return scalar.clone();
    }

    public String nsec() {
        return Nip19.encodeNsec(scalar);
    }

    /** FIPS ECDH: {@code SHA-256(x-coordinate of sk·P)}, 32 bytes (INTEROP.md 2.2). */
    public byte[] ecdh(PublicKey peer) {
        ECPoint shared = Curve.mul(peer.point(), d);
        if (shared.isInfinity()) {
            throw new IllegalStateException("ECDH produced the point at infinity");
        }
        MessageDigest md = Curve.sha256();
        md.update(Curve.x32(shared));
        return md.digest();
    }

    BigInteger scalar() {
        return d;
    }

    /** Equal scalars (compared in constant time). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SecretKey k && MessageDigest.isEqual(scalar, k.scalar);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "SecretKey[" + publicKey.npub() + "]";
    }
}
