package fips.link.spi;

/**
 * Recovers whole FMP packets from a byte stream (TCP, Tor, Nym) using only the
 * FMP common prefix, as the reference reader does (INTEROP.md section 12, TCP
 * row; design/fips-transport-layer.md "FMP Header-Based Framing"). No length
 * field of its own: the stream carries the FMP packets back to back.
 *
 * <p>Theory of operation. Every packet starts with the 4-byte common prefix
 * (INTEROP.md 3.1):
 * <pre>
 *  0        1        2        4
 *  +--------+--------+--------+----------------------------
 *  |ver|ph  | flags  | payload_len (u16 LE) | rest ...
 *  +--------+--------+--------+----------------------------
 * </pre>
 * From it the framer computes the whole packet's length: phase 1 (msg1) is
 * {@link #MSG1_BYTES}, phase 2 (msg2) {@link #MSG2_BYTES}, phase 0
 * (established) {@code 4 + 12 + payload_len + 16}. It then waits for that many
 * bytes and hands the packet to the {@link FrameSink}. Whatever the prefix
 * says beyond that (flags, indices) is FMP's to check.
 *
 * <p>Fatal framing errors (the stream must be closed; the framer stays failed
 * and answers the same {@link Result} from then on): version other than 0,
 * phase other than 0, 1, 2, a handshake {@code payload_len} other than the
 * fixed one, or an established {@code payload_len} above {@code mtu - 32}. They
 * come back as a {@link Result}, never as an exception: a broken or hostile
 * peer is input, not a bug (STYLE.md rule 9).
 *
 * <p>Memory: one array of {@link #maxFrameBytes()} = {@code max(mtu, 114)}
 * bytes, allocated in the constructor; nothing is allocated per chunk or per
 * frame. A frame that lies whole inside the chunk being fed is handed out
 * straight from the caller's array; only a frame split across chunks is
 * assembled in the framer's array.
 *
 * <p>Buffer ownership (STYLE.md rule 7): the bytes given to
 * {@link FrameSink#onFrame} are valid only during that call; the sink copies
 * what it keeps. {@link #feed} borrows the caller's chunk for the duration of
 * the call and copies only an incomplete tail.
 *
 * <p>One framer per stream, used by one thread at a time; the sink must not
 * call {@link #feed} on the same framer.
 */
public final class FmpStreamFramer {
    /** Receives each complete FMP packet. */
    @FunctionalInterface
    public interface FrameSink {
        /** One whole FMP packet (prefix included) in {@code buf[off..off+len)}, readable during the call only. */
        void onFrame(byte[] buf, int off, int len);
    }

    /** What {@link #feed} found. Every value but {@link #OK} is fatal: close the stream. */
    public enum Result {
        /** All complete frames were delivered; any incomplete tail is kept for the next chunk. */
        OK,
        /** The version nibble is not 0 (not a FIPS stream, e.g. a TLS ClientHello). */
        UNKNOWN_VERSION,
        /** The phase nibble is not 0, 1 or 2. */
        UNKNOWN_PHASE,
        /** A msg1 or msg2 prefix with a {@code payload_len} other than 110 or 65. */
        HANDSHAKE_LENGTH_MISMATCH,
        /** An established frame whose {@code payload_len} exceeds {@code mtu - 32}. */
        PAYLOAD_TOO_LARGE;

        public boolean isFatal() {
            return this != OK;
        }
    }

    /** Size of the FMP common prefix (INTEROP.md 3.1). */
    public static final int PREFIX_BYTES = 4;
    /** Whole msg1 packet: prefix, sender_idx, Noise IK msg1 (INTEROP.md 3.1). */
    public static final int MSG1_BYTES = 114;
    /** Whole msg2 packet: prefix, sender_idx, receiver_idx, Noise IK msg2 (INTEROP.md 3.1). */
    public static final int MSG2_BYTES = 69;
    /** Established header after the prefix: receiver_idx u32 and counter u64 (INTEROP.md 3.2). */
    public static final int ESTABLISHED_HEADER_REST_BYTES = 12;
    /** ChaCha20-Poly1305 tag closing an established frame (INTEROP.md 3.2). */
    public static final int TAG_BYTES = 16;
    /** Established frame bytes beyond {@code payload_len}: 4 + 12 + 16. */
    public static final int ESTABLISHED_OVERHEAD_BYTES = PREFIX_BYTES + ESTABLISHED_HEADER_REST_BYTES + TAG_BYTES;

    /** The largest MTU accepted: transport MTUs are u16 (reference/configuration.md "Transports"). */
    public static final int MAX_MTU = 65535;

    // INTEROP.md 3.1: version 0; phases 0 established, 1 msg1, 2 msg2.
    private static final int VERSION = 0;
    private static final int PHASE_ESTABLISHED = 0;
    private static final int PHASE_MSG1 = 1;
    private static final int PHASE_MSG2 = 2;

    // Negative frameLength() answers, one per fatal Result.
    private static final int ERR_VERSION = -1;
    private static final int ERR_PHASE = -2;
    private static final int ERR_HANDSHAKE_LENGTH = -3;
    private static final int ERR_TOO_LARGE = -4;

    private final int mtu;
    private final int maxPayloadLen;
    private final FrameSink sink;
    private final byte[] partial;

    /** Bytes of the current incomplete frame held in {@link #partial}. */
    private int have;
    /** Length of the current frame once its prefix is known, else 0. */
    private int need;
    private Result failure = Result.OK;
    /** The prefix that failed, as {@code byte0 | byte1 << 8 | payload_len << 16}, for {@link #failureDetail()}. */
    private int failedPrefix;

    /**
     * @param mtu the stream's MTU, 1..{@link #MAX_MTU}: the largest established FMP packet it
     *        accepts (handshake packets have fixed sizes)
     */
    public FmpStreamFramer(int mtu, FrameSink sink) {
        if (mtu < 1 || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu=" + mtu);
        }
        if (sink == null) {
            throw new IllegalArgumentException("sink=null");
        }
        this.mtu = mtu;
        this.maxPayloadLen = Math.max(0, mtu - ESTABLISHED_OVERHEAD_BYTES);
        this.sink = sink;
        this.partial = new byte[maxFrameBytes(mtu)];
    }

    /** The largest frame a framer for {@code mtu} holds: {@code max(mtu, 114)}. */
    public static int maxFrameBytes(int mtu) {
        return Math.max(mtu, MSG1_BYTES);
    }

    public int mtu() {
        return mtu;
    }

    /** The bound on this framer's memory, {@code max(mtu, 114)} bytes. */
    public int maxFrameBytes() {
        return partial.length;
    }

    /** Bytes of an incomplete frame held between chunks; non-zero at end of stream means the peer stopped mid-frame. */
    public int buffered() {
        return have;
    }

    /** {@link Result#OK}, or the fatal result that stopped this framer. */
    public Result failure() {
        return failure;
    }

    /** For logs after a fatal result (allocates): the offending prefix fields. */
    public String failureDetail() {
        if (failure == Result.OK) {
            return "ok";
        }
        int b0 = failedPrefix & 0xff;
        int payloadLen = failedPrefix >>> 16;
        String base = failure + ": version=" + (b0 >>> 4) + " phase=" + (b0 & 0x0f)
                + " flags=" + ((failedPrefix >>> 8) & 0xff) + " payload_len=" + payloadLen;
        return switch (failure) {
            case HANDSHAKE_LENGTH_MISMATCH -> base + " (expected "
                    + ((b0 & 0x0f) == PHASE_MSG1 ? MSG1_BYTES - PREFIX_BYTES : MSG2_BYTES - PREFIX_BYTES) + ")";
            case PAYLOAD_TOO_LARGE -> base + " (max " + maxPayloadLen + " for mtu=" + mtu + ")";
            default -> base;
        };
    }

    /** Forgets any partial frame and a failure, for reuse on a new stream. */
    public void reset() {
        have = 0;
        need = 0;
        failure = Result.OK;
        failedPrefix = 0;
    }

    /**
     * Feeds the next {@code len} bytes of the stream. Every frame completed by
     * them goes to the sink, in order, before this returns.
     *
     * @return {@link Result#OK}, or the fatal result (frames before the bad prefix were delivered)
     */
    public Result feed(byte[] chunk, int off, int len) {
        if (failure != Result.OK) {
            return failure;
        }
        if (off < 0 || len < 0 || off > chunk.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " chunk.length=" + chunk.length);
        }
        int pos = off;
        int end = off + len;

        if (have > 0) {
            if (have < PREFIX_BYTES) {
                int take = Math.min(PREFIX_BYTES - have, end - pos);
                System.arraycopy(chunk, pos, partial, have, take);
                have += take;
                pos += take;
                if (have < PREFIX_BYTES) {
                    return Result.OK;
                }
                int frameLen = frameLength(partial, 0);
                if (frameLen < 0) {
                    return fail(frameLen, partial, 0);
                }
                need = frameLen;
            }
            int take = Math.min(need - have, end - pos);
            System.arraycopy(chunk, pos, partial, have, take);
            have += take;
            pos += take;
            if (have < need) {
                return Result.OK;
            }
            int frameLen = need;
            have = 0;
            need = 0;
            sink.onFrame(partial, 0, frameLen);
        }

        while (end - pos >= PREFIX_BYTES) {
            int frameLen = frameLength(chunk, pos);
            if (frameLen < 0) {
                return fail(frameLen, chunk, pos);
            }
            if (end - pos < frameLen) {
                need = frameLen;
                break;
            }
            sink.onFrame(chunk, pos, frameLen);
            pos += frameLen;
        }
        int tail = end - pos;
        System.arraycopy(chunk, pos, partial, 0, tail);
        have = tail;
        if (tail < PREFIX_BYTES) {
            need = 0;
        }
        return Result.OK;
    }

    private Result fail(int code, byte[] buf, int at) {
        failedPrefix = (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | payloadLen(buf, at) << 16;
        failure = switch (code) {
            case ERR_VERSION -> Result.UNKNOWN_VERSION;
            case ERR_PHASE -> Result.UNKNOWN_PHASE;
            case ERR_HANDSHAKE_LENGTH -> Result.HANDSHAKE_LENGTH_MISMATCH;
            default -> Result.PAYLOAD_TOO_LARGE;
        };
        have = 0;
        need = 0;
        return failure;
    }

    private static int payloadLen(byte[] buf, int at) {
        return (buf[at + 2] & 0xff) | (buf[at + 3] & 0xff) << 8;
    }

    /** The whole frame's length from the prefix at {@code buf[at..at+4)}, or a negative {@code ERR_*}. */
    private int frameLength(byte[] buf, int at) {
        int b0 = buf[at] & 0xff;
        if (b0 >>> 4 != VERSION) {
            return ERR_VERSION;
        }
        int payloadLen = payloadLen(buf, at);
        return switch (b0 & 0x0f) {
            case PHASE_ESTABLISHED -> payloadLen > maxPayloadLen ? ERR_TOO_LARGE : payloadLen + ESTABLISHED_OVERHEAD_BYTES;
            case PHASE_MSG1 -> payloadLen == MSG1_BYTES - PREFIX_BYTES ? MSG1_BYTES : ERR_HANDSHAKE_LENGTH;
            case PHASE_MSG2 -> payloadLen == MSG2_BYTES - PREFIX_BYTES ? MSG2_BYTES : ERR_HANDSHAKE_LENGTH;
            default -> ERR_PHASE;
        };
    }
}
