package fips.fmp.wire;

import static fips.fmp.wire.ErrorSignal.COORDS_REQUIRED_BYTES;
import static fips.fmp.wire.ErrorSignal.DEST_OFFSET;
import static fips.fmp.wire.ErrorSignal.EXTRA_OFFSET;
import static fips.fmp.wire.ErrorSignal.MTU_EXCEEDED_BYTES;
import static fips.fmp.wire.ErrorSignal.PATH_BROKEN_MIN_BYTES;
import static fips.fmp.wire.ErrorSignal.PREFIX_BYTES;
import static fips.fmp.wire.ErrorSignal.REPORTER_OFFSET;
import static fips.fmp.wire.ErrorSignal.TYPE_OFFSET;

import fips.fmp.internal.CommonPrefix;
import fips.fmp.internal.Le;
import fips.identity.NodeAddr;

/**
 * Allocation-free writers of the error signals (layout in {@link ErrorSignal};
 * INTEROP.md 8.5), for the transit node that generates them on the forwarding
 * path: the destination is passed as the two longs the forwarding path already
 * holds ({@link NodeAddr#hi()}, {@link NodeAddr#lo()}), so no NodeAddr is
 * built per packet. The records encode through these same methods.
 *
 * <p>Every method writes at {@code out[off]} and throws the JVM's
 * {@link IndexOutOfBoundsException} if the bytes do not fit (caller bug).
 */
public final class ErrorSignalCodec {
    private ErrorSignalCodec() {}

    /** Writes a CoordsRequired; returns {@value ErrorSignal#COORDS_REQUIRED_BYTES}. */
    public static int writeCoordsRequired(byte[] out, int off, long destHi, long destLo, NodeAddr reporter) {
        writeHead(out, off, ErrorSignal.TYPE_COORDS_REQUIRED, COORDS_REQUIRED_BYTES, destHi, destLo, reporter);
        return COORDS_REQUIRED_BYTES;
    }

    /** Writes an MtuExceeded carrying {@code mtu} (0..65535); returns {@value ErrorSignal#MTU_EXCEEDED_BYTES}. */
    public static int writeMtuExceeded(byte[] out, int off, long destHi, long destLo, NodeAddr reporter, int mtu) {
        if ((mtu & ~0xffff) != 0) {
            throw new IllegalArgumentException("MtuExceeded mtu=" + mtu + " is not a u16");
        }
        writeHead(out, off, ErrorSignal.TYPE_MTU_EXCEEDED, MTU_EXCEEDED_BYTES, destHi, destLo, reporter);
        Le.putU16(out, off + EXTRA_OFFSET, mtu);
        return MTU_EXCEEDED_BYTES;
    }

    /**
     * Writes a PathBroken up to and including {@code count}; the caller
     * writes the {@code count} NodeAddrs (self to root) at the returned
     * offset, {@code 16 × count} bytes.
     *
     * @return the offset of the first last-known NodeAddr ({@code off + 40})
     */
    public static int writePathBrokenHead(byte[] out, int off, long destHi, long destLo, NodeAddr reporter,
                                          int count) {
        if (count < 0 || count > ErrorSignal.PATH_BROKEN_MAX_COORDS) {
            throw new IllegalArgumentException("PathBroken count=" + count + " outside 0.."
                    + ErrorSignal.PATH_BROKEN_MAX_COORDS);
        }
        writeHead(out, off, ErrorSignal.TYPE_PATH_BROKEN, PATH_BROKEN_MIN_BYTES + NodeAddr.BYTES * count,
                destHi, destLo, reporter);
        Le.putU16(out, off + EXTRA_OFFSET, count);
        return off + PATH_BROKEN_MIN_BYTES;
    }

    /** The total length of a PathBroken with {@code count} last-known NodeAddrs. */
    public static int pathBrokenLength(int count) {
        return PATH_BROKEN_MIN_BYTES + NodeAddr.BYTES * count;
    }

    private static void writeHead(byte[] out, int off, int type, int totalBytes, long destHi, long destLo,
                                  NodeAddr reporter) {
        CommonPrefix.put(out, off, 0, ErrorSignal.PHASE, ErrorSignal.FLAG_U, totalBytes - PREFIX_BYTES);
        out[off + TYPE_OFFSET] = (byte) type;
        out[off + TYPE_OFFSET + 1] = 0; // reserved flags
        putBigEndian(out, off + DEST_OFFSET, destHi);
        putBigEndian(out, off + DEST_OFFSET + 8, destLo);
        reporter.write(out, off + REPORTER_OFFSET);
    }

    /** NodeAddr byte order: its first 8 bytes are {@code hi} big-endian (as {@link Le#u64BigEndian}). */
    private static void putBigEndian(byte[] out, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            out[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
