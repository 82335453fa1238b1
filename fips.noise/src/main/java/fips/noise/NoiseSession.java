package fips.noise;

/**
 * Both directions of an established link or session: the sending
 * {@link CipherState}, the receiving one and its {@link ReplayWindow}.
 * Owned by one thread (STYLE.md rule 4).
 */
public final class NoiseSession implements AutoCloseable {
    /** {@link #decrypt} result: the counter was replayed or is too old (checked before any crypto). */
    public static final int REPLAYED = -2;
    /** {@link #decrypt} result: AEAD authentication failed. */
    public static final int AUTH_FAILED = -1;

    private final CipherState send;
    private final CipherState recv;
    private final ReplayWindow replay = new ReplayWindow();

    public NoiseSession(TransportKeys keys, AeadEngine engine) {
        this.send = CipherState.of(keys.sendKey(), engine);
        this.recv = CipherState.of(keys.recvKey(), engine);
    }

    public NoiseSession(TransportKeys keys) {
        this(keys, AeadEngine.selected());
    }

    public CipherState send() {
        return send;
    }

    public ReplayWindow replayWindow() {
        return replay;
    }

    /**
     * Replay check, decrypt, then mark (INTEROP.md 3.4 order).
     *
     * @return plaintext length, {@link #REPLAYED} or {@link #AUTH_FAILED}
     */
    public int decrypt(long counter, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        if (!replay.check(counter)) {
            return REPLAYED;
        }
        int n = recv.open(counter, ad, adOff, adLen, in, inOff, inLen, out, outOff);
        if (n < 0) {
            return AUTH_FAILED;
        }
        replay.mark(counter);
        return n;
    }

    @Override
    public void close() {
        send.close();
        recv.close();
    }
}
