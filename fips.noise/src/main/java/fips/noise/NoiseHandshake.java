package fips.noise;

import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.noise.internal.SymmetricState;

/**
 * Shared state of the two FIPS handshake patterns. Sans-IO: messages are byte
 * arrays in and out; the ephemeral key and the epoch are injected so that a
 * test (or the vectors) can fix them.
 *
 * <p>Every read works on a copy of the symmetric state and commits only when
 * the whole message verified, so a rejected message leaves the handshake as it
 * was (INTEROP.md 2.6).
 */
public abstract sealed class NoiseHandshake permits IkHandshake, XkHandshake {
    /** Which side of the pattern this object plays. */
    public enum Role { INITIATOR, RESPONDER }

    protected final Role role;
    protected final SecretKey localStatic;
    protected final SecretKey localEphemeral;
    protected final byte[] localEpoch;
    protected PublicKey remoteStatic;
    protected PublicKey remoteEphemeral;
    protected byte[] remoteEpoch;
    SymmetricState ss; // package-private: SymmetricState is internal
    protected int step; // messages processed so far
    private HandshakeTrace trace;

    NoiseHandshake(byte[] protocolName, Role role, SecretKey localStatic, PublicKey responderStatic,
                   SecretKey localEphemeral, byte[] localEpoch) {
        if (localEpoch == null || localEpoch.length != NoiseConstants.EPOCH_BYTES) {
            throw new IllegalArgumentException("epoch must be " + NoiseConstants.EPOCH_BYTES + " bytes");
        }
        this.role = role;
        this.localStatic = localStatic;
        this.localEphemeral = localEphemeral;
        this.localEpoch = localEpoch.clone();
        this.ss = new SymmetricState(protocolName);
        PublicKey rs = role == Role.INITIATOR ? responderStatic : localStatic.publicKey();
        if (role == Role.INITIATOR) {
            this.remoteStatic = responderStatic;
        }
        // INTEROP.md 2.1 "Pre-message <- s": the responder static, prefix forced to 02.
        ss.mixHash(rs.evenCompressed());
    }

    /** Sets an observer that sees h and ck after every token (and the initial and pre-message states). */
    public final void trace(HandshakeTrace t) {
        this.trace = t;
        if (t != null && step == 0) {
            // Replay the states before the first message so the observer sees the whole run.
            SymmetricState init = new SymmetricState(protocolName());
            t.step("initialize", init.handshakeHash(), init.chainingKey());
            t.step("premessage <- s", ss.handshakeHash(), ss.chainingKey());
        }
    }

    abstract byte[] protocolName();

    final void traced(SymmetricState s, String name) {
        if (trace != null) {
            trace.step(name, s.handshakeHash(), s.chainingKey());
        }
    }

    public final Role role() {
        return role;
    }

    /** True once every message of the pattern has been written or read. */
    public abstract boolean isComplete();

    /** The peer's static key (real parity as received, or as configured for an initiator); null until known. */
    public final PublicKey remoteStatic() {
        return remoteStatic;
    }

    /** The peer's 8-byte startup epoch, or null until received. */
    public final byte[] remoteEpoch() {
        return remoteEpoch == null ? null : remoteEpoch.clone();
    }

    /** The Noise handshake hash {@code h}; FIPS never puts it on the wire (INTEROP.md 2.1 "Role of h"). */
    public final byte[] handshakeHash() {
        return ss.handshakeHash();
    }

    /** Transport keys for this side; only after {@link #isComplete()}. */
    public final TransportKeys split() {
        if (!isComplete()) {
            throw new IllegalStateException("split before the handshake completed: role=" + role + " step=" + step);
        }
        byte[][] k = ss.split();
        return role == Role.INITIATOR ? new TransportKeys(k[0], k[1]) : new TransportKeys(k[1], k[0]);
    }

    protected final void expect(Role r, int atStep, String what) throws HandshakeException {
        if (role != r || step != atStep) {
            throw new HandshakeException(HandshakeException.Reason.WRONG_STATE,
                    what + " not valid for role=" + role + " at step=" + step);
        }
    }

    protected static void checkLength(int len, int expected, String what) throws HandshakeException {
        if (len != expected) {
            throw new HandshakeException(HandshakeException.Reason.BAD_LENGTH,
                    what + " must be exactly " + expected + " bytes, got " + len);
        }
    }

    protected static PublicKey readKey(byte[] buf, int off, String what) throws HandshakeException {
        PublicKey k = PublicKey.tryFromCompressed(buf, off);
        if (k == null) {
            throw new HandshakeException(HandshakeException.Reason.BAD_POINT, what + " is not a valid compressed secp256k1 point");
        }
        return k;
    }

    static byte[] decrypt(SymmetricState s, byte[] buf, int off, int len, String what) throws HandshakeException {
        byte[] p = s.decryptAndHash(buf, off, len);
        if (p == null) {
            throw new HandshakeException(HandshakeException.Reason.DECRYPT_FAILED, what + " failed authentication");
        }
        return p;
    }
}
