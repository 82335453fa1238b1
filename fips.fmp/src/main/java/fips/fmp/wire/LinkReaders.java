package fips.fmp.wire;

import fips.fmp.internal.WireReader;
import fips.identity.NodeAddr;
import java.util.List;

/**
 * Opens the shared {@link WireReader} on a link message, failing with
 * {@link DecodeException}; offsets in errors count from the msg_type byte.
 */
final class LinkReaders {
    private LinkReaders() {}

    /**
     * A reader positioned after the msg_type byte, which must equal {@code msgType}.
     *
     * @throws IllegalArgumentException if {@code [off, off+len)} is not inside {@code buf} (caller bug)
     */
    static WireReader<DecodeException> open(byte[] buf, int off, int len, int msgType) throws DecodeException {
        checkRange(buf, off, len);
        String name = LinkMsgType.name(msgType);
        WireReader<DecodeException> r = new WireReader<>(DecodeException::truncated, name, buf, off, len);
        int got = r.u8("msg_type");
        if (got != msgType) {
            throw new DecodeException(name, "msg_type", String.format("0x%02x", msgType), String.format("0x%02x", got));
        }
        return r;
    }

    /**
     * A reader over a body whose msg_type byte was already consumed by the
     * caller; positions in errors still count the msg_type byte.
     *
     * @throws IllegalArgumentException if {@code [off, off+len)} is not inside {@code buf} (caller bug)
     */
    static WireReader<DecodeException> openBody(byte[] buf, int off, int len, int msgType) {
        checkRange(buf, off, len);
        return new WireReader<>(DecodeException::truncated, LinkMsgType.name(msgType), buf, off, len, 1);
    }

    /** Local misuse of a decoder's range: {@link IllegalArgumentException} with the values (STYLE.md rule 9). */
    static void checkRange(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("range out of bounds: off=" + off + " len=" + len
                    + " buf.length=" + (buf == null ? "null" : buf.length));
        }
    }

    /** {@code count u16 ‖ count × NodeAddr} with at least {@code minCount} entries. */
    static List<NodeAddr> coords(WireReader<DecodeException> r, String countField, String listField, int minCount)
            throws DecodeException {
        int countAt = r.position();
        int count = r.u16(countField);
        if (count < minCount) {
            throw new DecodeException(r.messageType(), countField,
                    "at least " + minCount + " (at offset " + countAt + ")", Integer.toString(count));
        }
        return r.nodeAddrs(listField, count);
    }
}
