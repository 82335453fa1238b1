package fips.fmp.wire;

/**
 * Protocol constants of the FMP link layer. Every value comes from the spec;
 * local tuning knobs live elsewhere (STYLE.md rule 11).
 *
 * <pre>
 * Common prefix (every FMP datagram), INTEROP.md 3.1:
 *   0  version&lt;&lt;4 | phase   u8
 *   1  flags                 u8
 *   2  payload_len           u16 LE
 * </pre>
 */
public final class FmpConstants {
    private FmpConstants() {}

    // ---- common prefix: INTEROP.md 3.1; reference/wire-formats.md "Common Prefix (4 bytes)"

    /** The only version a receiver accepts. */
    public static final int VERSION = 0;
    public static final int PREFIX_BYTES = 4;
    public static final int VERSION_PHASE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 1;
    public static final int PAYLOAD_LEN_OFFSET = 2;

    // ---- phases: INTEROP.md 3.1; reference/wire-formats.md "Phase Table"

    public static final int PHASE_ESTABLISHED = 0x0;
    public static final int PHASE_MSG1 = 0x1;
    public static final int PHASE_MSG2 = 0x2;

    // ---- established-frame flags: INTEROP.md 3.3

    /** K: key epoch bit, toggled at each rekey cutover (INTEROP.md 3.3, 15 D6). */
    public static final int FLAG_K = 0x01;
    /** CE: congestion experienced, relayed hop by hop (INTEROP.md 3.3, 11, 15 D20). */
    public static final int FLAG_CE = 0x02;
    /** SP: spin bit (INTEROP.md 3.3, 10.5). */
    public static final int FLAG_SP = 0x04;

    // ---- sizes: INTEROP.md 3.1, 3.2; reference/wire-formats.md "Size Summary"

    /** Noise IK msg1 carried in a phase-1 packet (INTEROP.md 2.1 "Sizes"). */
    public static final int NOISE_MSG1_BYTES = 106;
    /** Noise IK msg2 carried in a phase-2 packet (INTEROP.md 2.1 "Sizes"). */
    public static final int NOISE_MSG2_BYTES = 57;
    /** Whole msg1 datagram: prefix, sender_idx, Noise msg1. */
    public static final int MSG1_PACKET_BYTES = PREFIX_BYTES + 4 + NOISE_MSG1_BYTES; // 114
    /** Whole msg2 datagram: prefix, sender_idx, receiver_idx, Noise msg2. */
    public static final int MSG2_PACKET_BYTES = PREFIX_BYTES + 4 + 4 + NOISE_MSG2_BYTES; // 69
    /** payload_len a msg1 packet must carry. */
    public static final int MSG1_PAYLOAD_LEN = MSG1_PACKET_BYTES - PREFIX_BYTES; // 110
    /** payload_len a msg2 packet must carry. */
    public static final int MSG2_PAYLOAD_LEN = MSG2_PACKET_BYTES - PREFIX_BYTES; // 65

    /** Established-frame header, which is also the AEAD associated data. */
    public static final int HEADER_BYTES = 16;
    /** Poly1305 tag appended to the ciphertext. */
    public static final int TAG_BYTES = 16;
    /** Header plus tag: an established frame is payload_len + this many bytes. */
    public static final int FRAME_OVERHEAD_BYTES = HEADER_BYTES + TAG_BYTES; // 32
    /** Smallest datagram that can be an established frame. */
    public static final int MIN_FRAME_BYTES = FRAME_OVERHEAD_BYTES;
    /** Inner header: timestamp u32 LE, msg_type u8. */
    public static final int INNER_HEADER_BYTES = 5;
    /** Largest inner plaintext: payload_len is a u16. */
    public static final int MAX_PLAINTEXT_BYTES = 0xFFFF;
}
