package fips.fmp.internal;

import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Bounds-checked little-endian cursor over {@code buf[off, off+len)} for the
 * control-plane decoders of FMP link messages and FSP control messages
 * (STYLE.md rule 6). Every read names its field; a read past the end fails
 * with the calling module's decode exception {@code E}, built by its
 * {@link Truncation} from the message type, the field, the field's offset
 * (counted from the reader's origin), the bytes needed and the bytes left.
 *
 * <p>Failures other than truncation (a wrong fixed value, a count out of
 * range) are raised by the decoders themselves, with {@link #position()} for
 * the offset. Control plane only: decoding allocates.
 *
 * @param <E> the module's checked decode exception
 */
public final class WireReader<E extends Exception> {
    /** Builds the decode exception for a field that needs more bytes than are left. */
    @FunctionalInterface
    public interface Truncation<E extends Exception> {
        E truncated(String messageType, String field, int offset, int need, int available);
    }

    private final Truncation<E> truncation;
    private final String messageType;
    private final byte[] buf;
    private final int origin;
    private final int end;
    private int pos;

    /**
     * A reader over {@code buf[off, off+len)} whose offsets count from {@code off}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code buf} (caller bug)
     */
    public WireReader(Truncation<E> truncation, String messageType, byte[] buf, int off, int len) {
        this(truncation, messageType, buf, off, len, 0);
    }

    /**
     * A reader over {@code buf[off, off+len)} whose offsets count from
     * {@code off - consumed}: for a body whose first {@code consumed} header
     * bytes the caller has already read.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code buf} (caller bug)
     */
    public WireReader(Truncation<E> truncation, String messageType, byte[] buf, int off, int len, int consumed) {
        Objects.checkFromIndexSize(off, len, buf.length);
        this.truncation = truncation;
        this.messageType = messageType;
        this.buf = buf;
        this.origin = off - consumed;
        this.end = off + len;
        this.pos = off;
    }

    /** The message type named in errors (spec name, e.g. {@code TreeAnnounce}). */
    public String messageType() {
        return messageType;
    }

    /** Offset of the cursor from the origin. */
    public int position() {
        return pos - origin;
    }

    public int remaining() {
        return end - pos;
    }

    /** Fails unless {@code n} more bytes are left for {@code field}. */
    public void need(String field, int n) throws E {
        if (n > end - pos) {
            throw truncation.truncated(messageType, field, pos - origin, n, end - pos);
        }
    }

    public int u8(String field) throws E {
        need(field, 1);
        return buf[pos++] & 0xff;
    }

    public int u16(String field) throws E {
        need(field, 2);
        int v = Le.u16(buf, pos);
        pos += 2;
        return v;
    }

    public long u32(String field) throws E {
        need(field, 4);
        long v = Le.u32(buf, pos);
        pos += 4;
        return v;
    }

    public int i32(String field) throws E {
        need(field, 4);
        int v = Le.i32(buf, pos);
        pos += 4;
        return v;
    }

    public long u64(String field) throws E {
        need(field, 8);
        long v = Le.u64(buf, pos);
        pos += 8;
        return v;
    }

    public NodeAddr nodeAddr(String field) throws E {
        need(field, NodeAddr.BYTES);
        NodeAddr a = NodeAddr.read(buf, pos);
        pos += NodeAddr.BYTES;
        return a;
    }

    /**
     * {@code count × NodeAddr} as an immutable list; the whole list is
     * length-checked before anything is allocated, so a hostile count cannot
     * make the decoder allocate.
     */
    public List<NodeAddr> nodeAddrs(String field, int count) throws E {
        need(field, count * NodeAddr.BYTES);
        List<NodeAddr> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(nodeAddr(field));
        }
        return List.copyOf(out);
    }

    public byte[] bytes(String field, int n) throws E {
        need(field, n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** Copies out everything left. */
    public byte[] rest() {
        byte[] b = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return b;
    }

    public void skip(String field, int n) throws E {
        need(field, n);
        pos += n;
    }

    /** The underlying array, with {@link #absolutePosition()}, for decoders that read in place. */
    public byte[] array() {
        return buf;
    }

    public int absolutePosition() {
        return pos;
    }
}
