package fips.fmp.wire;

/**
 * A link message whose bytes do not have the shape its type requires: too
 * short, a wrong fixed value, or a count out of range. Carries what was
 * expected and what arrived, so a peer's failure can be reported precisely
 * (STYLE.md rule 9: malformed control messages are a structured failure).
 *
 * <p>Only shape is checked by decoders; meaning (e.g. TreeAnnounce ancestry
 * rules, bloom FPR cap) is a separate validation step on the decoded record.
 */
public final class DecodeException extends Exception {
    private final String messageType;
    private final String field;
    private final String expected;
    private final String got;

    public DecodeException(String messageType, String field, String expected, String got) {
        super(messageType + "." + field + ": expected " + expected + ", got " + got);
        this.messageType = messageType;
        this.field = field;
        this.expected = expected;
        this.got = got;
    }

    /**
     * A field that needs {@code need} bytes at {@code offset} (counted from the
     * msg_type byte) when only {@code available} remain.
     */
    static DecodeException truncated(String messageType, String field, int offset, int need, int available) {
        return new DecodeException(messageType, field, need + " bytes at offset " + offset,
                available + " bytes");
    }

    /** The message type (spec name, e.g. {@code TreeAnnounce}). */
    public String messageType() {
        return messageType;
    }

    /** The field at fault (e.g. {@code signature}, {@code ancestry_count}). */
    public String field() {
        return field;
    }

    /** What the decoder needed, in words (e.g. {@code 64 bytes at offset 100}, {@code 0x01}). */
    public String expected() {
        return expected;
    }

    /** What arrived (e.g. {@code 12 bytes}, {@code 0x02}). */
    public String got() {
        return got;
    }
}
