package fips.fmp.wire;

/**
 * Outcome of {@link FmpPrefix#classify}: the phase a received datagram may be
 * processed as, or why it is dropped. The drop constants are meant to index
 * per-reason drop counters ({@link #ordinal()}); classifying allocates nothing.
 */
public enum PrefixVerdict {
    /** Phase 0, length and payload_len consistent: hand to the established-frame path. */
    ESTABLISHED(FmpConstants.PHASE_ESTABLISHED),
    /** Phase 1, exactly 114 bytes, payload_len 110, flags 0. */
    MSG1(FmpConstants.PHASE_MSG1),
    /** Phase 2, exactly 69 bytes, payload_len 65, flags 0. */
    MSG2(FmpConstants.PHASE_MSG2),

    /** Shorter than the 4-byte prefix, or a phase-0 datagram shorter than 32 bytes. */
    TOO_SHORT(-1),
    /** Version nibble is not 0. */
    BAD_VERSION(-1),
    /** Phase nibble is not 0, 1 or 2. */
    BAD_PHASE(-1),
    /** payload_len disagrees with the phase / datagram length. */
    BAD_PAYLOAD_LEN(-1),
    /** A handshake packet whose flags byte is not 0. */
    BAD_HANDSHAKE_FLAGS(-1),
    /** A handshake packet whose datagram length is not exactly 114 (msg1) or 69 (msg2). */
    BAD_HANDSHAKE_LENGTH(-1);

    private final int phase;

    PrefixVerdict(int phase) {
        this.phase = phase;
    }

    /** True if the datagram must be dropped. */
    public boolean isDrop() {
        return phase < 0;
    }

    /** The phase (0, 1, 2) to process the datagram as, or -1 for a drop. */
    public int phase() {
        return phase;
    }
}
