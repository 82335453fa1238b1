package fips.fsp.wire;

import fips.fmp.internal.Le;
import fips.fmp.internal.WireReader;
import fips.identity.NodeAddr;
import java.util.List;

/**
 * A node's tree coordinates: its ancestry as NodeAddrs from itself to the
 * root. Wire form:
 *
 * <pre>
 * +----------------+-----------------+-----+-----------------+
 * | count u16 LE   | NodeAddr[0] 16B | ... | NodeAddr[n-1]   |
 * +----------------+-----------------+-----+-----------------+
 * </pre>
 *
 * INTEROP.md 8.3 ("Coordinates"), 8.10; reference/wire-formats.md "Encoding Rules".
 * A count of 0 ({@link #EMPTY}) is valid on the wire where coordinates are
 * optional (CP section, PathBroken) and a decode error where they are required
 * (SessionSetup, SessionAck). Control plane: decoding allocates.
 */
public record Coordinates(List<NodeAddr> path) {
    /** No coordinates (count 0). */
    public static final Coordinates EMPTY = new Coordinates(List.of());

    /** Most NodeAddrs a u16 count can announce. */
    public static final int MAX_COUNT = 0xFFFF;

    public Coordinates {
        path = List.copyOf(path);
        if (path.size() > MAX_COUNT) {
            throw new IllegalArgumentException("coordinates count=" + path.size() + " exceeds " + MAX_COUNT);
        }
    }

    public static Coordinates of(NodeAddr... path) {
        return new Coordinates(List.of(path));
    }

    public int count() {
        return path.size();
    }

    public boolean isEmpty() {
        return path.isEmpty();
    }

    /** {@code 2 + 16 × count}. */
    public int encodedLength() {
        return FspConstants.COORDS_COUNT_BYTES + NodeAddr.BYTES * path.size();
    }

    /** Writes the wire form at {@code off}; returns {@link #encodedLength()}. */
    public int write(byte[] out, int off) {
        Le.putU16(out, off, path.size());
        int p = off + FspConstants.COORDS_COUNT_BYTES;
        for (NodeAddr a : path) {
            a.write(out, p);
            p += NodeAddr.BYTES;
        }
        return p - off;
    }

    public byte[] encode() {
        byte[] b = new byte[encodedLength()];
        write(b, 0);
        return b;
    }

    /**
     * Decodes exactly {@code len} bytes holding one coordinates encoding.
     *
     * @throws FspDecodeException if truncated or followed by extra bytes
     */
    public static Coordinates decode(byte[] buf, int off, int len) throws FspDecodeException {
        WireReader<FspDecodeException> r =
                new WireReader<>(FspDecodeException::truncated, "Coordinates", buf, off, len);
        Coordinates c = read(r, "coords", false);
        if (r.remaining() != 0) {
            throw new FspDecodeException(r.messageType(), "end", r.position(), "end of input",
                    r.remaining() + " more bytes");
        }
        return c;
    }

    /**
     * Length of the coordinates encoding at {@code off} without decoding it
     * (no allocation; for the CP section on the data path).
     *
     * @return {@code 2 + 16 × count}, or -1 if {@code len} does not hold it all
     */
    public static int encodedLengthAt(byte[] buf, int off, int len) {
        if (len < FspConstants.COORDS_COUNT_BYTES) {
            return -1;
        }
        int n = FspConstants.COORDS_COUNT_BYTES + NodeAddr.BYTES * Le.u16(buf, off);
        return n <= len ? n : -1;
    }

    /** Reads one encoding; {@code required} turns count 0 into a decode error (INTEROP.md 8.3). */
    static Coordinates read(WireReader<FspDecodeException> r, String field, boolean required)
            throws FspDecodeException {
        int countOffset = r.position();
        int count = r.u16(field + ".count");
        if (count == 0) {
            if (required) {
                throw new FspDecodeException(r.messageType(), field + ".count", countOffset, "at least 1 NodeAddr",
                        "0");
            }
            return EMPTY;
        }
        return new Coordinates(r.nodeAddrs(field, count)); // length-checked before allocating
    }

    @Override
    public String toString() {
        return "Coordinates" + path;
    }
}
