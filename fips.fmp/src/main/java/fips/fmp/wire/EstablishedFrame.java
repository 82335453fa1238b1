package fips.fmp.wire;

import static fips.fmp.wire.FmpConstants.FRAME_OVERHEAD_BYTES;
import static fips.fmp.wire.FmpConstants.HEADER_BYTES;
import static fips.fmp.wire.FmpConstants.INNER_HEADER_BYTES;
import static fips.fmp.wire.FmpConstants.MAX_PLAINTEXT_BYTES;
import static fips.fmp.wire.FmpConstants.MIN_FRAME_BYTES;
import static fips.fmp.wire.FmpConstants.PHASE_ESTABLISHED;
import static fips.fmp.wire.FmpConstants.TAG_BYTES;

import fips.fmp.internal.Le;
import fips.noise.CipherState;
import fips.noise.NoiseSession;

/**
 * The established (phase 0) link frame: codec and flyweight
 * (INTEROP.md 3.2; reference/wire-formats.md "Established Frame (phase 0x0)").
 *
 * <pre>
 *   0  prefix: 0x00, flags, payload_len u16 LE      4  \
 *   4  receiver_idx u32 LE                          4   } header = AEAD associated data
 *   8  counter u64 LE (= AEAD nonce counter)        8  /
 *  16  ChaCha20-Poly1305(inner plaintext)           payload_len
 *  16+payload_len  tag                              16
 *
 * inner plaintext (see {@link LinkPlaintext}):
 *   0  timestamp u32 LE (ms since the link session started)
 *   4  msg_type u8
 *   5  body
 * </pre>
 *
 * <p>payload_len counts the inner plaintext only, so a frame is
 * {@code payload_len + 32} bytes. Sending reserves the next counter of the
 * link's send {@link CipherState}, writes the header and seals behind it;
 * receiving replay-checks and decrypts through {@link NoiseSession#decrypt}.
 *
 * <p>Forwarding plane (STYLE.md rule 2): nothing here allocates per packet and
 * nothing throws on received bytes; {@link #open} returns the plaintext length
 * or one of the negative drop codes below. Local misuse (an output buffer too
 * small for what the caller asked to send) throws
 * {@link IllegalArgumentException}.
 *
 * <p>Buffers: sealing may be done in place (plaintext already at
 * {@code off + 16}, see {@link #sealInPlace}); {@link #seal} moves the body
 * to {@code outOff + 21} with {@link System#arraycopy} (overlap-safe), so a
 * body may already sit there or anywhere else in {@code out}. Opening works
 * into a disjoint buffer or exactly in place ({@code out == frame},
 * {@code outOff == off + 16}); other overlaps are not supported. A failed
 * in-place open may leave the ciphertext damaged, so decrypt into a separate
 * buffer when a retry with another session (pending or draining key,
 * INTEROP.md 3.8) may follow.
 *
 * <p>An instance is a reusable header view: {@link #wrap} it around a received
 * datagram that {@link FmpPrefix#classify} accepted as
 * {@link PrefixVerdict#ESTABLISHED}, read the receiver index to find the
 * peer, then {@link #open(NoiseSession, byte[], int)}. One instance per thread.
 */
public final class EstablishedFrame {
    public static final int RECEIVER_IDX_OFFSET = 4;
    public static final int COUNTER_OFFSET = 8;
    public static final int CIPHERTEXT_OFFSET = HEADER_BYTES;

    /** {@link #open} drop code: authentication failed ({@link NoiseSession#AUTH_FAILED}). */
    public static final int AUTH_FAILED = NoiseSession.AUTH_FAILED;
    /** {@link #open} drop code: counter replayed or too old ({@link NoiseSession#REPLAYED}). */
    public static final int REPLAYED = NoiseSession.REPLAYED;
    /** {@link #open} drop code: not a well-formed phase-0 frame (prefix check would have dropped it). */
    public static final int MALFORMED = -3;
    /** {@link #open} drop code: authentic, but the plaintext is shorter than the 5-byte inner header. */
    public static final int PLAINTEXT_TOO_SHORT = -4;
    /** {@link #open} drop code: the output buffer cannot hold the plaintext. */
    public static final int OUT_TOO_SMALL = -5;

    private byte[] buf;
    private int off;
    private int len;

    /** An unwrapped view; {@link #wrap} it before use. */
    public EstablishedFrame() {}

    /** Points this view at {@code buf[off, off+len)}. No checks: classify the datagram first. */
    public EstablishedFrame wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    /** Length of the wrapped datagram. */
    public int length() {
        return len;
    }

    /** The flags byte, 0..255 (INTEROP.md 3.3). */
    public int flags() {
        return buf[off + FmpConstants.FLAGS_OFFSET] & 0xff;
    }

    /** The K (key epoch) bit: 0 or 1. */
    public int keyEpoch() {
        return flags() & FmpConstants.FLAG_K;
    }

    public boolean congestionExperienced() {
        return (flags() & FmpConstants.FLAG_CE) != 0;
    }

    public boolean spinBit() {
        return (flags() & FmpConstants.FLAG_SP) != 0;
    }

    /** payload_len: the inner plaintext length, 0..65535. */
    public int payloadLen() {
        return Le.u16(buf, off + FmpConstants.PAYLOAD_LEN_OFFSET);
    }

    /** receiver_idx: u32 bits in an int (the index the receiving node chose). */
    public int receiverIdx() {
        return Le.i32(buf, off + RECEIVER_IDX_OFFSET);
    }

    /** counter: u64 bits in a long. */
    public long counter() {
        return Le.u64(buf, off + COUNTER_OFFSET);
    }

    /** {@link #open(NoiseSession, byte[], int, int, byte[], int)} on the wrapped frame. */
    public int open(NoiseSession session, byte[] out, int outOff) {
        return open(session, buf, off, len, out, outOff);
    }

    /**
     * Replay-checks and decrypts the frame {@code frame[off, off+len)} with
     * {@code session}, writing the inner plaintext to {@code out[outOff, ...)}.
     * The replay window is marked only on success (INTEROP.md 3.4).
     *
     * @return the plaintext length (at least 5), or {@link #AUTH_FAILED},
     *     {@link #REPLAYED}, {@link #MALFORMED}, {@link #PLAINTEXT_TOO_SHORT},
     *     {@link #OUT_TOO_SMALL}
     */
    public static int open(NoiseSession session, byte[] frame, int off, int len, byte[] out, int outOff) {
        if (len < MIN_FRAME_BYTES || off < 0 || off > frame.length - len
                || (frame[off] & 0xff) != PHASE_ESTABLISHED
                || Le.u16(frame, off + FmpConstants.PAYLOAD_LEN_OFFSET) != len - FRAME_OVERHEAD_BYTES) {
            return MALFORMED;
        }
        int plaintextLen = len - FRAME_OVERHEAD_BYTES;
        if (outOff < 0 || outOff > out.length - plaintextLen) {
            return OUT_TOO_SMALL;
        }
        long counter = Le.u64(frame, off + COUNTER_OFFSET);
        int n = session.decrypt(counter, frame, off, HEADER_BYTES,
                frame, off + CIPHERTEXT_OFFSET, len - HEADER_BYTES, out, outOff);
        if (n < 0) {
            return n;
        }
        return n < INNER_HEADER_BYTES ? PLAINTEXT_TOO_SHORT : n;
    }

    /**
     * Builds and seals a frame carrying {@code msgType ‖ body} into
     * {@code out[outOff, outOff + 37 + bodyLen)}, using the next counter of
     * {@code send}.
     *
     * @param timestampMs ms since the link session started; truncated to u32 (INTEROP.md 3.2)
     * @return the frame length, {@code bodyLen + 37}
     * @throws IllegalArgumentException if the frame does not fit {@code out} or exceeds payload_len's range
     * @throws IllegalStateException if the send counter is exhausted
     */
    public static int seal(CipherState send, int receiverIdx, int flags, long timestampMs, int msgType,
            byte[] body, int bodyOff, int bodyLen, byte[] out, int outOff) {
        int plaintextLen = INNER_HEADER_BYTES + bodyLen;
        checkSeal(plaintextLen, out, outOff, flags);
        if (bodyLen < 0 || bodyOff < 0 || bodyOff > body.length - bodyLen) {
            throw new IllegalArgumentException("body range out of bounds: bodyOff=" + bodyOff + " bodyLen="
                    + bodyLen + " body.length=" + body.length);
        }
        int pt = outOff + CIPHERTEXT_OFFSET;
        System.arraycopy(body, bodyOff, out, pt + INNER_HEADER_BYTES, bodyLen);
        LinkPlaintext.writeHeader(out, pt, timestampMs, msgType);
        return sealInPlace(send, send.nextCounter(), receiverIdx, flags, out, outOff, plaintextLen);
    }

    /**
     * Like {@link #seal(CipherState, int, int, long, int, byte[], int, int, byte[], int)} for an
     * encoded link message ({@code msg_type} first, as every {@link LinkMessage#encode()} returns).
     */
    public static int seal(CipherState send, int receiverIdx, int flags, long timestampMs,
            byte[] message, int msgOff, int msgLen, byte[] out, int outOff) {
        if (msgLen < 1 || msgOff < 0 || msgOff > message.length - msgLen) {
            throw new IllegalArgumentException("message range out of bounds: msgOff=" + msgOff + " msgLen="
                    + msgLen + " message.length=" + message.length);
        }
        return seal(send, receiverIdx, flags, timestampMs, message[msgOff] & 0xff,
                message, msgOff + 1, msgLen - 1, out, outOff);
    }

    /**
     * Seals a plaintext that already sits at {@code buf[off+16, off+16+plaintextLen)},
     * using the next counter of {@code send}.
     *
     * @return the frame length, {@code plaintextLen + 32}
     */
    public static int sealInPlace(CipherState send, int receiverIdx, int flags, byte[] buf, int off, int plaintextLen) {
        checkSeal(plaintextLen, buf, off, flags);
        return sealInPlace(send, send.nextCounter(), receiverIdx, flags, buf, off, plaintextLen);
    }

    /**
     * Seals with an explicit counter, which must be one {@code send} handed
     * out by {@link CipherState#nextCounter()} and never used before (nonce
     * reuse breaks the AEAD). For known-answer tests and conformance tools.
     *
     * @return the frame length, {@code plaintextLen + 32}
     */
    public static int sealInPlace(CipherState send, long counter, int receiverIdx, int flags,
            byte[] buf, int off, int plaintextLen) {
        checkSeal(plaintextLen, buf, off, flags);
        FmpPrefix.write(buf, off, PHASE_ESTABLISHED, flags, plaintextLen);
        Le.putI32(buf, off + RECEIVER_IDX_OFFSET, receiverIdx);
        Le.putU64(buf, off + COUNTER_OFFSET, counter);
        int pt = off + CIPHERTEXT_OFFSET;
        int n = send.seal(counter, buf, off, HEADER_BYTES, buf, pt, plaintextLen, buf, pt);
        return HEADER_BYTES + n;
    }

    /** Checked before a counter is reserved, so a rejected call burns no nonce. */
    private static void checkSeal(int plaintextLen, byte[] out, int outOff, int flags) {
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("flags out of range: flags=" + flags);
        }
        if (plaintextLen < INNER_HEADER_BYTES || plaintextLen > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("plaintext length out of range: plaintextLen=" + plaintextLen
                    + " (5.." + MAX_PLAINTEXT_BYTES + ")");
        }
        if (outOff < 0 || outOff > out.length - (plaintextLen + FRAME_OVERHEAD_BYTES)) {
            throw new IllegalArgumentException("output buffer too small: out.length=" + out.length + " outOff="
                    + outOff + " frameLength=" + (plaintextLen + HEADER_BYTES + TAG_BYTES));
        }
    }
}
