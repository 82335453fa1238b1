package fips.fsp.wire;

import fips.noise.NoiseConstants;

/**
 * Protocol constants of the FSP wire format. Local tuning knobs live
 * elsewhere (STYLE.md rule 11).
 */
public final class FspConstants {
    private FspConstants() {}

    // ---- Common prefix: INTEROP.md 8.2; reference/wire-formats.md "FSP Common Prefix (4 bytes)"

    /** The only protocol version (high nibble of byte 0). INTEROP.md 8.2. */
    public static final int VERSION = 0;
    /** Established traffic: encrypted messages and, with U set, error signals. INTEROP.md 8.2. */
    public static final int PHASE_ESTABLISHED = 0;
    /** SessionSetup (XK msg1). INTEROP.md 8.2. */
    public static final int PHASE_SESSION_SETUP = 1;
    /** SessionAck (XK msg2). INTEROP.md 8.2. */
    public static final int PHASE_SESSION_ACK = 2;
    /** SessionMsg3 (XK msg3). INTEROP.md 8.2. */
    public static final int PHASE_SESSION_MSG3 = 3;
    /** {@code version<<4 | phase ‖ flags ‖ payload_len u16}. INTEROP.md 8.2. */
    public static final int PREFIX_BYTES = 4;

    // ---- Prefix flags (phase 0 only): INTEROP.md 8.4

    /** CP: cleartext coordinates follow the 12-byte header. INTEROP.md 8.4. */
    public static final int FLAG_CP = 0x01;
    /** K: key epoch bit, selects the session slot during rekey. INTEROP.md 8.4, 8.8. */
    public static final int FLAG_K = 0x02;
    /** U: unencrypted, the payload is an error signal. INTEROP.md 8.4, 8.5. */
    public static final int FLAG_U = 0x04;

    /** Inner flags bit 0: the spin bit. INTEROP.md 8.4. */
    public static final int INNER_FLAG_SP = 0x01;

    // ---- Encrypted inner message types: INTEROP.md 8.4

    public static final int MSG_DATA_PACKET = 0x10;
    /** Body is 46 bytes (INTEROP.md 8.4, 10.1). */
    public static final int MSG_SENDER_REPORT = 0x11;
    /** Body is 66 bytes (INTEROP.md 8.4, 10.1). */
    public static final int MSG_RECEIVER_REPORT = 0x12;
    /** Body is {@code path_mtu u16}. */
    public static final int MSG_PATH_MTU_NOTIFICATION = 0x13;
    /** Empty body, always sent with CP. */
    public static final int MSG_COORDS_WARMUP = 0x14;

    // ---- Plaintext error signal types: INTEROP.md 8.5 (codec: fips.fmp.wire.ErrorSignal, which has these too)

    public static final int SIGNAL_COORDS_REQUIRED = 0x20;
    public static final int SIGNAL_PATH_BROKEN = 0x21;
    public static final int SIGNAL_MTU_EXCEEDED = 0x22;

    // ---- DataPacket ports: INTEROP.md 8.4; reference/wire-formats.md "Data (0x10) — DataPacket Port Multiplexing"

    /** The IPv6 shim; adapter traffic uses it as both source and destination port. */
    public static final int PORT_IPV6_SHIM = 256;

    // ---- Sizes: INTEROP.md 8.4, 8.10

    /** Cleartext header = AAD: prefix ‖ counter u64. INTEROP.md 8.4. */
    public static final int HEADER_BYTES = 12;
    /** {@code timestamp u32 ‖ msg_type ‖ inner_flags}. INTEROP.md 8.4. */
    public static final int INNER_HEADER_BYTES = 6;
    /** ChaCha20-Poly1305 tag. INTEROP.md 8.4. */
    public static final int TAG_BYTES = 16;
    /** 12 + 6 + 16, coordinates not included. INTEROP.md 8.10. */
    public static final int ENCRYPTED_OVERHEAD_BYTES = HEADER_BYTES + INNER_HEADER_BYTES + TAG_BYTES;
    /** {@code src_port u16 ‖ dst_port u16}. INTEROP.md 8.10. */
    public static final int DATA_PORT_HEADER_BYTES = 4;
    /** {@code count u16} in front of the NodeAddrs. INTEROP.md 8.3, 8.10. */
    public static final int COORDS_COUNT_BYTES = 2;

    /** XK msg1 carried by SessionSetup. INTEROP.md 8.3. */
    public static final int XK_MSG1_BYTES = NoiseConstants.XK_MSG1_BYTES;
    /** XK msg2 carried by SessionAck. INTEROP.md 8.3. */
    public static final int XK_MSG2_BYTES = NoiseConstants.XK_MSG2_BYTES;
    /** XK msg3 carried by SessionMsg3. INTEROP.md 8.3. */
    public static final int XK_MSG3_BYTES = NoiseConstants.XK_MSG3_BYTES;

    /** CoordsRequired including the prefix. INTEROP.md 8.5, 8.10. */
    public static final int COORDS_REQUIRED_BYTES = 38;
    /** PathBroken including the prefix, without coordinates (add 16 per NodeAddr). INTEROP.md 8.5, 15 D18. */
    public static final int PATH_BROKEN_MIN_BYTES = 40;
    /** MtuExceeded including the prefix. INTEROP.md 8.5, 8.10. */
    public static final int MTU_EXCEEDED_BYTES = 40;

    /** Largest value of the u16 {@code payload_len} field. */
    public static final int MAX_PAYLOAD_LEN = 0xFFFF;
}
