package fips.identity;

import fips.identity.internal.Curve;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 public key. Identity is the 32-byte x-only key; the parity is
 * kept because Noise messages carry the real 33-byte compressed form.
 *
 * <p>INTEROP.md 1.1: keys known only by npub are lifted to even parity; keys
 * learned from a handshake keep their real parity. Parity never changes
 * {@link #nodeAddr()} (hash of the x-only key) nor ECDH results (x-only hash).
 */
public final class PublicKey {
    private final byte[] compressed; // 33 bytes, 02/03 || x
    private final ECPoint point;
    private final NodeAddr nodeAddr;

    private PublicKey(byte[] compressed, ECPoint point) {
        this.compressed = compressed;
        this.point = point;
        this.nodeAddr = NodeAddr.ofXOnly(Arrays.copyOfRange(compressed, 1, 33));
    }

    static PublicKey ofPoint(ECPoint p) {
        return new PublicKey(Curve.compressed(p), p);
    }

    /** Parses a 33-byte SEC1 compressed key (prefix 02 or 03). */
    public static PublicKey fromCompressed(byte[] b33) {
        if (b33 == null || b33.length != 33) {
            throw new KeyFormatException("compressed public key must be 33 bytes, got "
                    + (b33 == null ? "null" : b33.length));
        }
        if (b33[0] != 2 && b33[0] != 3) {
            throw new KeyFormatException(String.format("compressed public key prefix must be 02 or 03, got %02x", b33[0]));
        }
        ECPoint p = Curve.decodeCompressed(b33);
        if (p == null) {
            throw new KeyFormatException("not a point on secp256k1: " + Hex.encode(b33));
        }
        return new PublicKey(b33.clone(), p);
    }

    /** Parses a 33-byte compressed key at {@code offset}; {@code null} if it is not a valid point. */
    public static PublicKey tryFromCompressed(byte[] buf, int offset) {
        if (offset < 0 || offset + 33 > buf.length) {
            return null;
        }
        byte[] b33 = Arrays.copyOfRange(buf, offset, offset + 33);
        ECPoint p = Curve.decodeCompressed(b33);
        return p == null ? null : new PublicKey(b33, p);
    }

    /** Lifts a 32-byte x-only key to the even-parity point (BIP-340 lift_x). */
    public static PublicKey fromXOnly(byte[] x32) {
        if (x32 == null || x32.length != 32) {
            throw new KeyFormatException("x-only public key must be 32 bytes, got " + (x32 == null ? "null" : x32.length));
        }
        ECPoint p = Curve.liftX(x32);
        if (p == null) {
            throw new KeyFormatException("x-only key is not the x coordinate of a secp256k1 point: " + Hex.encode(x32));
        }
        return new PublicKey(Curve.compressed(p), p);
    }

    /** Parses an {@code npub1...} string (NIP-19) into the even-parity key. */
    public static PublicKey fromNpub(String npub) {
        return fromXOnly(Nip19.decodeNpub(npub));
    }

    /** 33-byte SEC1 compressed form with the real parity (a copy). */
    public byte[] compressed() {
        return compressed.clone();
    }

    /** Writes the 33-byte compressed form into {@code dst} at {@code offset}. */
    public void writeCompressed(byte[] dst, int offset) {
        System.arraycopy(compressed, 0, dst, offset, 33);
    }

    /** 32-byte x-only key (the npub payload), a copy. */
    public byte[] xOnly() {
        return Arrays.copyOfRange(compressed, 1, 33);
    }

    public boolean hasEvenY() {
        return compressed[0] == 2;
    }

    /** The same key with even parity ({@code 02 || x}), as an npub names it. */
    public PublicKey withEvenParity() {
        return hasEvenY() ? this : new PublicKey(evenCompressed(), point.negate().normalize());
    }

    /** {@code 02 || x} regardless of real parity (the Noise pre-message form, INTEROP.md 2.1). */
    public byte[] evenCompressed() {
        byte[] c = compressed.clone();
        c[0] = 2;
        return c;
    }

    public NodeAddr nodeAddr() {
        return nodeAddr;
    }

    public FipsAddress fipsAddress() {
        return nodeAddr.fipsAddress();
    }

    public String npub() {
        return Nip19.encodeNpub(xOnly());
    }

    /** Same identity: equal x-only keys, whatever the parity. */
    public boolean sameIdentity(PublicKey other) {
        return other != null && Arrays.equals(compressed, 1, 33, other.compressed, 1, 33);
    }

    ECPoint point() {
        return point;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey k && Arrays.equals(compressed, k.compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    @Override
    public String toString() {
        return npub();
    }
}
