package fips.fsp.wire;

import fips.noise.NoiseSession;

/**
 * Why the data path dropped an FSP message: the negative int outcomes of
 * {@link FspEncryptedFlyweight}, {@link FspInnerFlyweight},
 * {@link DataPacketBody} and {@link FspPrefix#classify}. A driver counts them
 * by code under {@link #name} (STYLE.md rule 9); nothing on this path throws
 * or logs. The two crypto outcomes are the values {@link NoiseSession#decrypt}
 * returns, so its result can be passed through unchanged.
 */
public final class FspDrop {
    private FspDrop() {}

    /** Success for methods that return a status rather than a length. */
    public static final int OK = 0;
    /** AEAD authentication failed (= {@link NoiseSession#AUTH_FAILED}). */
    public static final int AUTH_FAILED = NoiseSession.AUTH_FAILED;
    /** Counter replayed or older than the window (= {@link NoiseSession#REPLAYED}). */
    public static final int REPLAYED = NoiseSession.REPLAYED;
    /** Shorter than the fixed part of the message (header, tag, inner header, port header). */
    public static final int TRUNCATED = -3;
    /** The phase nibble is not the one this decoder handles. */
    public static final int BAD_PHASE = -4;
    /** Encrypted message with a version nibble other than 0 (INTEROP.md 8.2). */
    public static final int BAD_VERSION = -5;
    /** Phase 0 with U set: an error signal, not an encrypted message. */
    public static final int UNENCRYPTED = -6;
    /** CP set but the cleartext coordinates run past the end. */
    public static final int TRUNCATED_COORDS = -7;
    /** The caller's output buffer cannot hold the result. */
    public static final int OUTPUT_TOO_SMALL = -8;

    /** A stable counter name for a code, e.g. {@code fsp_drop_auth_failed}. */
    public static String name(int code) {
        return switch (code) {
            case OK -> "ok";
            case AUTH_FAILED -> "fsp_drop_auth_failed";
            case REPLAYED -> "fsp_drop_replayed";
            case TRUNCATED -> "fsp_drop_truncated";
            case BAD_PHASE -> "fsp_drop_bad_phase";
            case BAD_VERSION -> "fsp_drop_bad_version";
            case UNENCRYPTED -> "fsp_drop_unencrypted";
            case TRUNCATED_COORDS -> "fsp_drop_truncated_coords";
            case OUTPUT_TOO_SMALL -> "fsp_drop_output_too_small";
            default -> code >= 0 ? "ok" : "fsp_drop_unknown_" + (-code);
        };
    }
}
