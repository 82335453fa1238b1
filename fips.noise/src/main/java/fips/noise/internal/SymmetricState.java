package fips.noise.internal;

import fips.noise.Aead;
import fips.noise.AeadEngine;
import fips.noise.NoiseConstants;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise's SymmetricState as FIPS runs it (INTEROP.md 2.1):
 * {@code h = ck = SHA-256(name)}, no prologue, MixKey = HKDF(ck, ikm) with the
 * nonce reset, EncryptAndHash with <em>empty</em> associated data, and Split
 * = HKDF(ck, empty). Control plane only: allocation is fine here.
 */
public final class SymmetricState {
    private byte[] ck;
    private byte[] h;
    private byte[] k; // null until the first MixKey
    private long n;

    public SymmetricState(byte[] protocolName) {
        // INTEROP.md 2.1 "Init of h / ck": names longer than 32 bytes are hashed.
        byte[] init = protocolName.length <= 32 ? Arrays.copyOf(protocolName, 32) : sha256(protocolName);
        this.h = init;
        this.ck = init.clone();
    }

    private SymmetricState(SymmetricState o) {
        this.ck = o.ck.clone();
        this.h = o.h.clone();
        this.k = o.k == null ? null : o.k.clone();
        this.n = o.n;
    }

    public SymmetricState copy() {
        return new SymmetricState(this);
    }

    public void mixHash(byte[] data, int off, int len) {
        MessageDigest md = sha();
        md.update(h);
        md.update(data, off, len);
        h = md.digest();
    }

    public void mixHash(byte[] data) {
        mixHash(data, 0, data.length);
    }

    /** INTEROP.md 2.1 "MixKey". */
    public void mixKey(byte[] ikm) {
        byte[][] out = hkdf2(ck, ikm);
        ck = out[0];
        k = out[1];
        n = 0;
    }

    /** Encrypts with empty AD at the current nonce, writes ciphertext+tag to dst, mixes it into h. */
    public int encryptAndHash(byte[] plain, byte[] dst, int dstOff) {
        if (k == null) {
            throw new IllegalStateException("encryptAndHash before any MixKey");
        }
        int len;
        try (Aead aead = handshakeAead(k)) {
            len = aead.seal(n, null, 0, 0, plain, 0, plain.length, dst, dstOff);
        }
        n++;
        mixHash(dst, dstOff, len);
        return len;
    }

    /** Decrypts ciphertext+tag with empty AD; {@code null} if authentication fails (state then unspecified: work on a copy). */
    public byte[] decryptAndHash(byte[] src, int off, int len) {
        if (k == null) {
            throw new IllegalStateException("decryptAndHash before any MixKey");
        }
        byte[] plain = new byte[len - NoiseConstants.TAG_BYTES];
        int r;
        try (Aead aead = handshakeAead(k)) {
            r = aead.open(n, null, 0, 0, src, off, len, plain, 0);
        }
        if (r < 0) {
            return null;
        }
        n++;
        mixHash(src, off, len);
        return plain;
    }

    /** INTEROP.md 2.1 "Split": {@code (k1, k2)}; the initiator sends with k1. */
    public byte[][] split() {
        return hkdf2(ck, new byte[0]);
    }

    public byte[] handshakeHash() {
        return h.clone();
    }

    public byte[] chainingKey() {
        return ck.clone();
    }

    private static Aead handshakeAead(byte[] key) {
        return AeadEngine.selected().create(key);
    }

    /** HKDF-SHA256 with empty info and L = 64, returned as two 32-byte halves. */
    static byte[][] hkdf2(byte[] salt, byte[] ikm) {
        byte[] prk = hmac(salt, ikm);
        byte[] t1 = hmac(prk, new byte[] {1});
        byte[] t1b = Arrays.copyOf(t1, 33);
        t1b[32] = 2;
        byte[] t2 = hmac(prk, t1b);
        return new byte[][] {t1, t2};
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An all-zero or empty salt is legal for HKDF; SecretKeySpec refuses empty keys, so pad per RFC 2104.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha().digest(data);
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
