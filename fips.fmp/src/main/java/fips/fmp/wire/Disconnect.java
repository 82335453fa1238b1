package fips.fmp.wire;

import fips.fmp.internal.WireReader;
import java.util.Objects;

/**
 * Disconnect (0x50): orderly link teardown (INTEROP.md 3.9;
 * reference/wire-formats.md "Disconnect (0x50)").
 *
 * <pre>
 *   0  msg_type 0x50
 *   1  reason u8     {@link DisconnectReason}; unknown codes decode as OTHER
 * </pre>
 */
public record Disconnect(DisconnectReason reason) implements LinkMessage {
    public static final int ENCODED_BYTES = 2;
    public static final int REASON_OFFSET = 1;

    public Disconnect {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int msgType() {
        return LinkMsgType.DISCONNECT;
    }

    @Override
    public byte[] encode() {
        return new WireWriter(ENCODED_BYTES).u8(LinkMsgType.DISCONNECT).u8(reason.code()).done();
    }

    public static Disconnect decode(byte[] buf, int off, int len) throws DecodeException {
        WireReader<DecodeException> r = LinkReaders.open(buf, off, len, LinkMsgType.DISCONNECT);
        return new Disconnect(DisconnectReason.fromCode(r.u8("reason")));
    }
}
