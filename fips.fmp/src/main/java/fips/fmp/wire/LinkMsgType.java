package fips.fmp.wire;

/**
 * The {@code msg_type} byte that opens the inner plaintext of an established
 * frame (INTEROP.md 3.2; reference/wire-formats.md "Message Type Table").
 * Plain ints so the forwarding path can switch on them without boxing.
 */
public final class LinkMsgType {
    private LinkMsgType() {}

    public static final int SESSION_DATAGRAM = 0x00;
    public static final int SENDER_REPORT = 0x01;
    public static final int RECEIVER_REPORT = 0x02;
    public static final int TREE_ANNOUNCE = 0x10;
    public static final int FILTER_ANNOUNCE = 0x20;
    public static final int LOOKUP_REQUEST = 0x30;
    public static final int LOOKUP_RESPONSE = 0x31;
    public static final int DISCONNECT = 0x50;
    public static final int HEARTBEAT = 0x51;

    /** True for the nine types FMP defines; receivers ignore the rest (INTEROP.md 3.2). */
    public static boolean isKnown(int msgType) {
        return switch (msgType) {
            case SESSION_DATAGRAM, SENDER_REPORT, RECEIVER_REPORT, TREE_ANNOUNCE, FILTER_ANNOUNCE,
                    LOOKUP_REQUEST, LOOKUP_RESPONSE, DISCONNECT, HEARTBEAT -> true;
            default -> false;
        };
    }

    /** The spec's name of a type (as in frames.json {@code msg_type_name}), or {@code Unknown(0xNN)}. */
    public static String name(int msgType) {
        return switch (msgType) {
            case SESSION_DATAGRAM -> "SessionDatagram";
            case SENDER_REPORT -> "SenderReport";
            case RECEIVER_REPORT -> "ReceiverReport";
            case TREE_ANNOUNCE -> "TreeAnnounce";
            case FILTER_ANNOUNCE -> "FilterAnnounce";
            case LOOKUP_REQUEST -> "LookupRequest";
            case LOOKUP_RESPONSE -> "LookupResponse";
            case DISCONNECT -> "Disconnect";
            case HEARTBEAT -> "Heartbeat";
            default -> String.format("Unknown(0x%02x)", msgType & 0xff);
        };
    }
}
