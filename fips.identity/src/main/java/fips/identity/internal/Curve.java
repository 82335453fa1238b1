package fips.identity.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * secp256k1 arithmetic on BouncyCastle's constant-time-ish custom curve.
 * Internal to fips.identity; the exported types wrap it.
 */
public final class Curve {
    public static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    public static final ECCurve CURVE = PARAMS.getCurve();
    public static final ECPoint G = PARAMS.getG();
    public static final BigInteger N = PARAMS.getN();
    public static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final FixedPointCombMultiplier BASE_MUL = new FixedPointCombMultiplier();

    private Curve() {}

    /** {@code k·G}, normalised. */
    public static ECPoint mulG(BigInteger k) {
        return BASE_MUL.multiply(G, k).normalize();
    }

    /** {@code k·P}, normalised. */
    public static ECPoint mul(ECPoint p, BigInteger k) {
        return p.multiply(k).normalize();
    }

    /** Parses a 33-byte SEC1 compressed point; {@code null} if not a valid point. */
    public static ECPoint decodeCompressed(byte[] b33) {
        if (b33.length != 33 || (b33[0] != 2 && b33[0] != 3)) {
            return null;
        }
        try {
            ECPoint p = CURVE.decodePoint(b33);
            return p.isValid() && !p.isInfinity() ? p.normalize() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Lifts a 32-byte x coordinate to the even-y point (BIP-340 lift_x); {@code null} if none exists. */
    public static ECPoint liftX(byte[] x32) {
        if (x32.length != 32) {
            return null;
        }
        BigInteger x = new BigInteger(1, x32);
        if (x.compareTo(P) >= 0) {
            return null;
        }
        byte[] c = new byte[33];
        c[0] = 2;
        System.arraycopy(x32, 0, c, 1, 32);
        return decodeCompressed(c);
    }

    public static byte[] compressed(ECPoint p) {
        return p.getEncoded(true);
    }

    /** 32-byte big-endian x coordinate of a normalised point. */
    public static byte[] x32(ECPoint p) {
        return p.getAffineXCoord().getEncoded();
    }

    public static boolean hasEvenY(ECPoint p) {
        return !p.getAffineYCoord().testBitZero();
    }

    /** 32-byte big-endian encoding of a scalar in [0, 2^256). */
    public static byte[] be32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        if (raw.length > 32) {
            System.arraycopy(raw, raw.length - 32, out, 0, 32);
        } else {
            System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        }
        return out;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public static byte[] sha256(byte[]... parts) {
        MessageDigest md = sha256();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }
}
