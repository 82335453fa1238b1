package fips.testkit;

import fips.fmp.wire.FmpConstants;

/**
 * What a packet on a {@link SimWire} is, as far as the simulator can tell
 * without keys: the common prefix (INTEROP.md 3.1) gives the phase, and the
 * simulator knows which established frames a test sent through
 * {@link SimNode#send}.
 */
public enum PacketKind {
    /** A phase-1 handshake packet of the right size (first dial or rekey). */
    MSG1,
    /** A phase-2 handshake packet of the right size. */
    MSG2,
    /** An established frame the core sent on its own (heartbeat, disconnect). */
    FRAME,
    /** An established frame carrying a message sent through {@link SimNode#send}. */
    DATA,
    /** Anything else (injected garbage). */
    INVALID;

    /** Classifies {@code buf[off, off+len)}; {@code viaSend} marks a frame produced by {@link SimNode#send}. */
    static PacketKind of(byte[] buf, int off, int len, boolean viaSend) {
        if (len < FmpConstants.PREFIX_BYTES || (buf[off] & 0xf0) != FmpConstants.VERSION << 4) {
            return INVALID;
        }
        return switch (buf[off] & 0x0f) {
            case FmpConstants.PHASE_ESTABLISHED -> len >= FmpConstants.MIN_FRAME_BYTES ? (viaSend ? DATA : FRAME) : INVALID;
            case FmpConstants.PHASE_MSG1 -> len == FmpConstants.MSG1_PACKET_BYTES ? MSG1 : INVALID;
            case FmpConstants.PHASE_MSG2 -> len == FmpConstants.MSG2_PACKET_BYTES ? MSG2 : INVALID;
            default -> INVALID;
        };
    }
}
