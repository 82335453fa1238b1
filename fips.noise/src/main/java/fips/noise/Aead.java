package fips.noise;

/**
 * ChaCha20-Poly1305 (RFC 8439) bound to one 32-byte key, with FIPS's nonce
 * layout {@code 00 00 00 00 || LE64(counter)} (INTEROP.md 2.1).
 *
 * <p>Hot-path contract: no allocation per call, input and output may be the
 * same array at the same offset (in-place), and a failed {@link #open}
 * returns -1 instead of throwing. An instance is owned by one thread.
 */
public interface Aead extends AutoCloseable {
    int KEY_BYTES = 32;
    int TAG_BYTES = 16;
    int NONCE_BYTES = 12;

    /**
     * Encrypts {@code in[inOff, inOff+inLen)} and writes ciphertext plus the
     * 16-byte tag to {@code out[outOff, outOff+inLen+16)}.
     *
     * @return bytes written ({@code inLen + 16})
     */
    int seal(long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen, byte[] out, int outOff);

    /**
     * Authenticates and decrypts {@code in[inOff, inOff+inLen)} (ciphertext
     * with the tag last) into {@code out[outOff, outOff+inLen-16)}.
     *
     * @return the plaintext length, or -1 if the input is shorter than a tag or
     *     authentication failed (then {@code out} holds no plaintext worth reading)
     */
    int open(long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen, byte[] out, int outOff);

    AeadEngine engine();

    /** Wipes the key and releases native state; idempotent. */
    @Override
    void close();
}
