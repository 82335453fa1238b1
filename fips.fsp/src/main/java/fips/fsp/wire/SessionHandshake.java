package fips.fsp.wire;

/**
 * The three plaintext handshake messages of FSP (phases 1-3, INTEROP.md 8.3),
 * each carrying one Noise XK message. Control plane: decoded into owned
 * records; a malformed message raises {@link FspDecodeException}.
 */
public sealed interface SessionHandshake permits SessionSetup, SessionAck, SessionMsg3 {
    /** The FSP phase this message is sent with. */
    int phase();

    /** The Noise XK message carried (a copy). */
    byte[] handshake();

    /** Bytes {@link #encode(byte[], int)} writes, prefix included. */
    int encodedLength();

    /** Writes prefix and body at {@code off}; returns {@link #encodedLength()}. */
    int encode(byte[] out, int off);

    default byte[] encode() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    /**
     * Decodes a SessionDatagram payload whose phase is 1, 2 or 3.
     *
     * @throws FspDecodeException if the phase is not a handshake phase or the message is malformed
     */
    static SessionHandshake decode(byte[] buf, int off, int len) throws FspDecodeException {
        if (len < 1) {
            throw FspDecodeException.truncated("SessionHandshake", "prefix.version_phase", 0, 1, len);
        }
        return switch (FspPrefix.phase(buf, off)) {
            case FspConstants.PHASE_SESSION_SETUP -> SessionSetup.decode(buf, off, len);
            case FspConstants.PHASE_SESSION_ACK -> SessionAck.decode(buf, off, len);
            case FspConstants.PHASE_SESSION_MSG3 -> SessionMsg3.decode(buf, off, len);
            default -> throw new FspDecodeException("SessionHandshake", "prefix.version_phase", 0, "phase 1, 2 or 3",
                    "phase " + FspPrefix.phase(buf, off));
        };
    }
}
