package fips.fsp.wire;

/**
 * A control-plane FSP message (handshake, coordinates, error signal) does not
 * have the shape its type requires: too short, a wrong fixed value, a count or
 * length out of range. Carries the message type, the field, its offset from
 * the first byte handed to the decoder, and what was expected versus what
 * arrived, so the session can be failed with a precise reason (STYLE.md rules
 * 6, 9). The decoders read through FMP's shared
 * {@code fips.fmp.internal.WireReader}, which raises this type via
 * {@code truncated}. It stays apart from {@code fips.fmp.wire.DecodeException}
 * because the two report differently: this one carries the offset as its own
 * field ({@link #offset()}, in the message as {@code at offset N}) and a
 * truncation arrives as {@code N bytes left}; FMP's writes the offset into
 * {@code expected()}.
 *
 * <p>Raised for hostile or broken input only; local misuse raises
 * {@link IllegalArgumentException}. No stack trace is captured: the fields say
 * everything and a peer can trigger these at will.
 */
public final class FspDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String messageType;
    private final String field;
    private final int offset;
    private final String expected;
    private final String got;

    public FspDecodeException(String messageType, String field, int offset, String expected, String got) {
        super(messageType + "." + field + " at offset " + offset + ": expected " + expected + ", got " + got,
                null, false, false);
        this.messageType = messageType;
        this.field = field;
        this.offset = offset;
        this.expected = expected;
        this.got = got;
    }

    static FspDecodeException truncated(String messageType, String field, int offset, int need, int available) {
        return new FspDecodeException(messageType, field, offset, need + " bytes",
                available + (available == 1 ? " byte" : " bytes") + " left");
    }

    /** The message type (spec name, e.g. {@code SessionSetup}). */
    public String messageType() {
        return messageType;
    }

    /** The field at fault (e.g. {@code hs_len}, {@code src_coords.count}). */
    public String field() {
        return field;
    }

    /** Offset of that field from the first byte handed to the decoder. */
    public int offset() {
        return offset;
    }

    /** What the decoder needed, in words (e.g. {@code 33}, {@code 16 bytes}). */
    public String expected() {
        return expected;
    }

    /** What arrived (e.g. {@code 34}, {@code 3 bytes left}). */
    public String got() {
        return got;
    }
}
