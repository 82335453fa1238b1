package fips.fmp.wire;

import static fips.fmp.wire.FmpConstants.MSG1_PACKET_BYTES;
import static fips.fmp.wire.FmpConstants.MSG1_PAYLOAD_LEN;
import static fips.fmp.wire.FmpConstants.MSG2_PACKET_BYTES;
import static fips.fmp.wire.FmpConstants.MSG2_PAYLOAD_LEN;
import static fips.fmp.wire.FmpConstants.NOISE_MSG1_BYTES;
import static fips.fmp.wire.FmpConstants.NOISE_MSG2_BYTES;
import static fips.fmp.wire.FmpConstants.PHASE_MSG1;
import static fips.fmp.wire.FmpConstants.PHASE_MSG2;

import fips.fmp.internal.Le;

/**
 * The two plaintext handshake packets of the link (INTEROP.md 3.1;
 * reference/wire-formats.md "Noise IK Message 1 (phase 0x1)" and
 * "Noise IK Message 2 (phase 0x2)"). They carry the Noise IK messages as
 * opaque bytes; fips.noise produces and consumes those.
 *
 * <pre>
 * msg1, 114 bytes                       msg2, 69 bytes
 *   0  prefix (01 00 6e 00)       4       0  prefix (02 00 41 00)       4
 *   4  sender_idx u32 LE          4       4  sender_idx u32 LE          4
 *   8  Noise IK msg1            106       8  receiver_idx u32 LE        4
 *                                        12  Noise IK msg2             57
 * </pre>
 *
 * <p>The accessors read a datagram that {@link FmpPrefix#classify} already
 * accepted as {@link PrefixVerdict#MSG1} / {@link PrefixVerdict#MSG2}; they
 * allocate nothing. Indices are u32 values held in Java ints (same bits; use
 * {@link Integer#toUnsignedLong} to print them).
 */
public final class HandshakePacket {
    private HandshakePacket() {}

    public static final int SENDER_IDX_OFFSET = 4;
    /** msg2 only. */
    public static final int RECEIVER_IDX_OFFSET = 8;
    public static final int MSG1_NOISE_OFFSET = 8;
    public static final int MSG2_NOISE_OFFSET = 12;

    /**
     * Writes a msg1 packet into {@code out[outOff, outOff+114)}.
     *
     * @return {@value FmpConstants#MSG1_PACKET_BYTES}
     * @throws IllegalArgumentException if the Noise bytes or the output do not fit
     */
    public static int writeMsg1(int senderIdx, byte[] noise, int noiseOff, byte[] out, int outOff) {
        checkRange("noise", noise, noiseOff, NOISE_MSG1_BYTES);
        checkRange("out", out, outOff, MSG1_PACKET_BYTES);
        FmpPrefix.write(out, outOff, PHASE_MSG1, 0, MSG1_PAYLOAD_LEN);
        Le.putI32(out, outOff + SENDER_IDX_OFFSET, senderIdx);
        System.arraycopy(noise, noiseOff, out, outOff + MSG1_NOISE_OFFSET, NOISE_MSG1_BYTES);
        return MSG1_PACKET_BYTES;
    }

    /** A new 114-byte msg1 packet around a 106-byte Noise IK msg1. */
    public static byte[] encodeMsg1(int senderIdx, byte[] noiseMsg1) {
        requireLength("noiseMsg1", noiseMsg1, NOISE_MSG1_BYTES);
        byte[] out = new byte[MSG1_PACKET_BYTES];
        writeMsg1(senderIdx, noiseMsg1, 0, out, 0);
        return out;
    }

    /**
     * Writes a msg2 packet into {@code out[outOff, outOff+69)}.
     *
     * @return {@value FmpConstants#MSG2_PACKET_BYTES}
     * @throws IllegalArgumentException if the Noise bytes or the output do not fit
     */
    public static int writeMsg2(int senderIdx, int receiverIdx, byte[] noise, int noiseOff, byte[] out, int outOff) {
        checkRange("noise", noise, noiseOff, NOISE_MSG2_BYTES);
        checkRange("out", out, outOff, MSG2_PACKET_BYTES);
        FmpPrefix.write(out, outOff, PHASE_MSG2, 0, MSG2_PAYLOAD_LEN);
        Le.putI32(out, outOff + SENDER_IDX_OFFSET, senderIdx);
        Le.putI32(out, outOff + RECEIVER_IDX_OFFSET, receiverIdx);
        System.arraycopy(noise, noiseOff, out, outOff + MSG2_NOISE_OFFSET, NOISE_MSG2_BYTES);
        return MSG2_PACKET_BYTES;
    }

    /** A new 69-byte msg2 packet around a 57-byte Noise IK msg2. */
    public static byte[] encodeMsg2(int senderIdx, int receiverIdx, byte[] noiseMsg2) {
        requireLength("noiseMsg2", noiseMsg2, NOISE_MSG2_BYTES);
        byte[] out = new byte[MSG2_PACKET_BYTES];
        writeMsg2(senderIdx, receiverIdx, noiseMsg2, 0, out, 0);
        return out;
    }

    /** sender_idx of a msg1 or msg2 packet starting at {@code off}. */
    public static int senderIdx(byte[] buf, int off) {
        return Le.i32(buf, off + SENDER_IDX_OFFSET);
    }

    /** receiver_idx of a msg2 packet starting at {@code off} (the echo of the initiator's sender_idx). */
    public static int receiverIdx(byte[] buf, int off) {
        return Le.i32(buf, off + RECEIVER_IDX_OFFSET);
    }

    /** Where the Noise message starts, for a packet of {@code phase} starting at {@code off}. */
    public static int noiseOffset(int phase, int off) {
        return switch (phase) {
            case PHASE_MSG1 -> off + MSG1_NOISE_OFFSET;
            case PHASE_MSG2 -> off + MSG2_NOISE_OFFSET;
            default -> throw new IllegalArgumentException("not a handshake phase: phase=" + phase);
        };
    }

    /** Length of the Noise message in a packet of {@code phase}. */
    public static int noiseLength(int phase) {
        return switch (phase) {
            case PHASE_MSG1 -> NOISE_MSG1_BYTES;
            case PHASE_MSG2 -> NOISE_MSG2_BYTES;
            default -> throw new IllegalArgumentException("not a handshake phase: phase=" + phase);
        };
    }

    private static void requireLength(String name, byte[] b, int len) {
        if (b.length != len) {
            throw new IllegalArgumentException(name + ".length=" + b.length + ", expected " + len);
        }
    }

    private static void checkRange(String name, byte[] b, int off, int len) {
        if (off < 0 || off > b.length - len) {
            throw new IllegalArgumentException(name + " too small: length=" + b.length + " offset=" + off
                    + " needed=" + len);
        }
    }
}
