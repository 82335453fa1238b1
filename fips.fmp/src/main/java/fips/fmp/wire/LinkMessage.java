package fips.fmp.wire;

/**
 * A link message: what an established frame carries after its inner timestamp
 * (INTEROP.md 3.2). Each is an immutable record with {@link #encode()}, which
 * returns the bytes starting with the msg_type byte (as frames.json
 * {@code link_messages[].encoded} shows), and a static
 * {@code decode(byte[] buf, int off, int len)} that reads the same shape and
 * throws {@link DecodeException} if it is not there.
 *
 * <p>Decoders check shape only. Trailing bytes after the last field are
 * ignored, as the reference does, except where the spec fixes the total size
 * (FilterAnnounce) or the rest is the payload (SessionDatagram). Range checks
 * in the record constructors guard local misuse and throw
 * {@link IllegalArgumentException}; a decoder never triggers them.
 */
public sealed interface LinkMessage
        permits Heartbeat, Disconnect, SenderReport, ReceiverReport, TreeAnnounce, FilterAnnounce,
                LookupRequest, LookupResponse, SessionDatagram {

    /** The {@link LinkMsgType} byte. */
    int msgType();

    /** The message as carried in the inner plaintext: msg_type, then the body. */
    byte[] encode();

    /**
     * Decodes whichever link message {@code buf[off, off+len)} holds, by its
     * first byte. An unknown msg_type (which a node ignores, INTEROP.md 3.2)
     * is reported as a {@link DecodeException} on field {@code msg_type};
     * check {@link LinkMsgType#isKnown} first to tell it apart.
     */
    static LinkMessage decode(byte[] buf, int off, int len) throws DecodeException {
        LinkReaders.checkRange(buf, off, len);
        if (len < 1) {
            throw new DecodeException("LinkMessage", "msg_type", "1 byte at offset 0", len + " bytes");
        }
        int type = buf[off] & 0xff;
        return switch (type) {
            case LinkMsgType.SESSION_DATAGRAM -> SessionDatagram.decode(buf, off, len);
            case LinkMsgType.SENDER_REPORT -> SenderReport.decode(buf, off, len);
            case LinkMsgType.RECEIVER_REPORT -> ReceiverReport.decode(buf, off, len);
            case LinkMsgType.TREE_ANNOUNCE -> TreeAnnounce.decode(buf, off, len);
            case LinkMsgType.FILTER_ANNOUNCE -> FilterAnnounce.decode(buf, off, len);
            case LinkMsgType.LOOKUP_REQUEST -> LookupRequest.decode(buf, off, len);
            case LinkMsgType.LOOKUP_RESPONSE -> LookupResponse.decode(buf, off, len);
            case LinkMsgType.DISCONNECT -> Disconnect.decode(buf, off, len);
            case LinkMsgType.HEARTBEAT -> Heartbeat.decode(buf, off, len);
            default -> throw new DecodeException("LinkMessage", "msg_type", "a known link message type",
                    LinkMsgType.name(type));
        };
    }
}
