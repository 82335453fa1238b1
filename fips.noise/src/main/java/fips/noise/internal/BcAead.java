package fips.noise.internal;

import fips.noise.AeadEngine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * ChaCha20-Poly1305 through BouncyCastle's lightweight
 * {@link ChaCha20Poly1305}.
 *
 * <p>No allocation per call: the key is given once (a {@link KeyParameter} in
 * the first {@code init}); every later {@code init} passes a
 * {@link ParametersWithIV} with a {@code null} key, which makes BouncyCastle
 * keep its key schedule and load only the nonce. That one parameters object is
 * reused: {@link ParametersWithIV#getIV()} returns its own array (no copy), and
 * the nonce is written into it before each {@code init}. If a BouncyCastle
 * release started copying there, every nonce after the first would be wrong
 * and the probe's RFC 8439 self-test would mark the engine unavailable.
 *
 * <p>BouncyCastle refuses to start an encryption with the nonce of the
 * previous {@code init} (either mode); {@link AeadEngines.AbstractAead}
 * reports that case first. On decryption it writes plaintext before it checks
 * the tag; the shared failure path zeroes it. A failed tag check costs an
 * {@link InvalidCipherTextException}, which the API gives no way to avoid.
 */
final class BcAead extends AeadEngines.AbstractAead {
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    /** Key and nonce for the first init only; null afterwards. */
    private ParametersWithIV keyed;
    /** Nonce only (null key): every init after the first. */
    private final ParametersWithIV nonceOnly = new ParametersWithIV(null, new byte[NONCE_BYTES]);

    BcAead(byte[] key32) {
        super(AeadEngine.BOUNCYCASTLE);
        AeadEngines.checkKey(key32);
        this.keyed = new ParametersWithIV(new KeyParameter(key32), new byte[NONCE_BYTES]);
    }

    @Override
    int doSeal(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen,
            byte[] out, int outOff) {
        init(true, nonceFixed, counter);
        if (adLen > 0) {
            cipher.processAADBytes(ad, adOff, adLen);
        }
        int n = cipher.processBytes(in, inOff, inLen, out, outOff);
        try {
            return n + cipher.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 seal failed: counter=" + counter, e);
        }
    }

    @Override
    int doOpen(int nonceFixed, long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int plainLen,
            byte[] out, int outOff) {
        init(false, nonceFixed, counter);
        if (adLen > 0) {
            cipher.processAADBytes(ad, adOff, adLen);
        }
        int n = cipher.processBytes(in, inOff, plainLen + TAG_BYTES, out, outOff);
        try {
            return n + cipher.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            return -1;
        }
    }

    private void init(boolean forEncryption, int nonceFixed, long counter) {
        ParametersWithIV params = keyed != null ? keyed : nonceOnly;
        byte[] iv = params.getIV();
        LE32.set(iv, 0, nonceFixed);
        LE64.set(iv, 4, counter);
        cipher.init(forEncryption, params);
        if (keyed != null) {
            wipe(keyed);
            keyed = null;
        }
    }

    /** Overwrites BouncyCastle's key copy and key schedule by re-keying with zeros. */
    @Override
    void release() {
        if (keyed != null) {
            wipe(keyed);
            keyed = null;
        }
        byte[] iv = nonceOnly.getIV();
        Arrays.fill(iv, (byte) 0xff);
        cipher.init(false, new ParametersWithIV(new KeyParameter(new byte[KEY_BYTES]), iv));
    }

    private static void wipe(ParametersWithIV params) {
        Arrays.fill(((KeyParameter) params.getParameters()).getKey(), (byte) 0);
    }
}
