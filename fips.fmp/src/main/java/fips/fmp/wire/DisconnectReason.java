package fips.fmp.wire;

/**
 * Reason code carried by a Disconnect (INTEROP.md 3.9;
 * reference/wire-formats.md "Disconnect (0x50)"). A code this enum does not
 * know decodes as {@link #OTHER}.
 */
public enum DisconnectReason {
    SHUTDOWN(0x00),
    RESTART(0x01),
    PROTOCOL_ERROR(0x02),
    TRANSPORT_FAILURE(0x03),
    RESOURCE_EXHAUSTION(0x04),
    SECURITY_VIOLATION(0x05),
    CONFIGURATION_CHANGE(0x06),
    TIMEOUT(0x07),
    OTHER(0xFF);

    private static final DisconnectReason[] BY_CODE = new DisconnectReason[256];

    static {
        java.util.Arrays.fill(BY_CODE, OTHER);
        for (DisconnectReason r : values()) {
            BY_CODE[r.code] = r;
        }
    }

    private final int code;

    DisconnectReason(int code) {
        this.code = code;
    }

    /** The wire byte, 0..255. */
    public int code() {
        return code;
    }

    /** The reason for a wire byte (only the low 8 bits are used); unknown codes give {@link #OTHER}. */
    public static DisconnectReason fromCode(int code) {
        return BY_CODE[code & 0xff];
    }
}
