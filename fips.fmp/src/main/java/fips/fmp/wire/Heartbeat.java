package fips.fmp.wire;

/**
 * Heartbeat (0x51): msg_type only, no body (INTEROP.md 3.6;
 * reference/wire-formats.md "Message Type Table").
 *
 * <pre>
 *   0  msg_type 0x51
 * </pre>
 */
public record Heartbeat() implements LinkMessage {
    public static final Heartbeat INSTANCE = new Heartbeat();
    public static final int ENCODED_BYTES = 1;

    @Override
    public int msgType() {
        return LinkMsgType.HEARTBEAT;
    }

    @Override
    public byte[] encode() {
        return new byte[] {(byte) LinkMsgType.HEARTBEAT};
    }

    public static Heartbeat decode(byte[] buf, int off, int len) throws DecodeException {
        LinkReaders.open(buf, off, len, LinkMsgType.HEARTBEAT);
        return INSTANCE;
    }
}
