package fips.noise;

/**
 * A handshake message was rejected. The handshake state is unchanged (a
 * forged or corrupt message does not poison a pending handshake, INTEROP.md 2.6),
 * so the caller may keep waiting for the genuine message or give up.
 */
public final class HandshakeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a message was rejected; drivers count these by name. */
    public enum Reason {
        /** Message length is not the exact size the pattern requires (INTEROP.md 2.1 "Sizes"). */
        BAD_LENGTH,
        /** An ephemeral or static key is not a valid compressed secp256k1 point. */
        BAD_POINT,
        /** AEAD authentication of an encrypted field failed (wrong keys or tampering). */
        DECRYPT_FAILED,
        /** The message does not fit the handshake's current step or role. */
        WRONG_STATE
    }

    private final Reason reason;

    public HandshakeException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
