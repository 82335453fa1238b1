package fips.noise;

/**
 * One direction of an established Noise transport: a keyed AEAD plus, for the
 * sending side, the next nonce. FIPS carries the nonce in the clear as the
 * frame counter (INTEROP.md 3.2, 8.4), so sending is two steps: reserve the
 * counter with {@link #nextCounter()}, write it into the header (which is the
 * AAD), then {@link #seal}. No allocation per packet.
 */
public final class CipherState implements AutoCloseable {
    private final Aead aead;
    private long next; // unsigned

    private CipherState(Aead aead) {
        this.aead = aead;
    }

    public static CipherState of(byte[] key32) {
        return of(key32, AeadEngine.selected());
    }

    public static CipherState of(byte[] key32, AeadEngine engine) {
        return new CipherState(engine.create(key32));
    }

    /**
     * Reserves and returns the next send counter (0, 1, 2, ...).
     *
     * @throws IllegalStateException when the 64-bit nonce space is exhausted (INTEROP.md 2.6: no wrap)
     */
    public long nextCounter() {
        long c = next;
        if (c == -1L) {
            throw new IllegalStateException("nonce space exhausted: counter=" + Long.toUnsignedString(c));
        }
        next = c + 1;
        return c;
    }

    /** How many counters have been reserved (the next counter to be used). */
    public long sendCount() {
        return next;
    }

    public int seal(long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        return aead.seal(counter, ad, adOff, adLen, in, inOff, inLen, out, outOff);
    }

    /** @return plaintext length, or -1 if authentication failed */
    public int open(long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        return aead.open(counter, ad, adOff, adLen, in, inOff, inLen, out, outOff);
    }

    public AeadEngine engine() {
        return aead.engine();
    }

    @Override
    public void close() {
        aead.close();
    }
}
