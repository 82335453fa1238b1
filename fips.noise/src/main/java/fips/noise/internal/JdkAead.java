package fips.noise.internal;

import fips.noise.AeadEngine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * ChaCha20-Poly1305 through {@code javax.crypto.Cipher} ("ChaCha20-Poly1305",
 * SunJCE). One {@link Cipher} per instance, re-initialised with the nonce on
 * every call; the array overloads of {@code updateAAD}/{@code doFinal} write
 * straight into the caller's array.
 *
 * <p>What the JDK imposes: {@code Cipher.init} refuses, in either mode, to
 * start an encryption with the key and nonce of the previous initialisation
 * ("Matching key and nonce from previous initialization"); the shared guard in
 * {@link AeadEngines.AbstractAead} reports that case first, as it only arises
 * when a caller reuses a counter. Each call allocates a little (the
 * {@link IvParameterSpec} copy of the nonce and the cipher's own per-init
 * state), and a failed tag check costs an {@link AEADBadTagException}, which the
 * JDK gives no way to avoid; both show in AeadBench. The JDK checks the tag
 * before it writes any plaintext, and its ChaCha20 transform reads each block
 * before writing it, so in-place calls at the same offset are safe (the tests
 * check this).
 */
final class JdkAead extends AeadEngines.AbstractAead {
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final String TRANSFORMATION = "ChaCha20-Poly1305";

    private final Cipher cipher;
    private final WipeableKey key;
    private final byte[] nonce = new byte[NONCE_BYTES];

    JdkAead(byte[] key32) {
        super(AeadEngine.JDK);
        AeadEngines.checkKey(key32);
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("Cipher.getInstance(\"" + TRANSFORMATION + "\") failed", e);
        }
        this.key = new WipeableKey(key32.clone());
    }

    @Override
    int doSeal(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen,
            byte[] out, int outOff) {
        try {
            init(Cipher.ENCRYPT_MODE, nonceFixed, counter);
            if (adLen > 0) {
                cipher.updateAAD(ad, adOff, adLen);
            }
            return cipher.doFinal(in, inOff, inLen, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 seal failed: counter=" + counter, e);
        }
    }

    @Override
    int doOpen(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int plainLen,
            byte[] out, int outOff) {
        try {
            init(Cipher.DECRYPT_MODE, nonceFixed, counter);
            if (adLen > 0) {
                cipher.updateAAD(ad, adOff, adLen);
            }
            return cipher.doFinal(in, inOff, plainLen + TAG_BYTES, out, outOff);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 open failed: counter=" + counter, e);
        }
    }

    private void init(int mode, int nonceFixed, long counter) throws GeneralSecurityException {
        LE32.set(nonce, 0, nonceFixed);
        LE64.set(nonce, 4, counter);
        cipher.init(mode, key, new IvParameterSpec(nonce));
    }

    /**
     * Wipes our copy of the key and re-keys the cipher with zeros so it drops
     * its reference; copies the JDK made internally are left to the GC, as the
     * Cipher API offers no way to wipe them.
     */
    @Override
    void release() {
        key.destroy();
        try {
            Arrays.fill(nonce, (byte) 0xff);
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
        } catch (GeneralSecurityException e) {
            // Best effort: the instance is closed either way.
        }
    }

    /**
     * A raw ChaCha20 key whose bytes we can wipe ({@code SecretKeySpec} keeps a
     * private copy that cannot be destroyed). {@code getEncoded} returns a copy,
     * as the Key contract asks.
     */
    private static final class WipeableKey implements SecretKey {
        private final byte[] bytes;

        WipeableKey(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String getAlgorithm() {
            return "ChaCha20";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }

        @Override
        public void destroy() {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
