package fips.noise;

import java.nio.charset.StandardCharsets;

/** Noise constants as FIPS uses them; INTEROP.md 2.1. */
public final class NoiseConstants {
    private NoiseConstants() {}

    /** INTEROP.md 2.1 "Protocol names": link handshake. */
    public static final byte[] PROTOCOL_IK = "Noise_IK_secp256k1_ChaChaPoly_SHA256".getBytes(StandardCharsets.US_ASCII);
    /** INTEROP.md 2.1 "Protocol names": session handshake. */
    public static final byte[] PROTOCOL_XK = "Noise_XK_secp256k1_ChaChaPoly_SHA256".getBytes(StandardCharsets.US_ASCII);

    public static final int PUBKEY_BYTES = 33;
    public static final int EPOCH_BYTES = 8;
    public static final int TAG_BYTES = Aead.TAG_BYTES;
    public static final int ENCRYPTED_STATIC_BYTES = PUBKEY_BYTES + TAG_BYTES; // 49
    public static final int ENCRYPTED_EPOCH_BYTES = EPOCH_BYTES + TAG_BYTES; // 24

    /** INTEROP.md 2.1 "Sizes": e (33) + encrypted s (49) + encrypted epoch (24). */
    public static final int IK_MSG1_BYTES = PUBKEY_BYTES + ENCRYPTED_STATIC_BYTES + ENCRYPTED_EPOCH_BYTES;
    /** INTEROP.md 2.1 "Sizes": e (33) + encrypted epoch (24). */
    public static final int IK_MSG2_BYTES = PUBKEY_BYTES + ENCRYPTED_EPOCH_BYTES;
    /** INTEROP.md 2.4: XK msg1 is the bare ephemeral, no payload tag. */
    public static final int XK_MSG1_BYTES = PUBKEY_BYTES;
    public static final int XK_MSG2_BYTES = PUBKEY_BYTES + ENCRYPTED_EPOCH_BYTES;
    public static final int XK_MSG3_BYTES = ENCRYPTED_STATIC_BYTES + ENCRYPTED_EPOCH_BYTES;

    /** Nonces are u64 and must not wrap (INTEROP.md 2.6); the last usable value. */
    public static final long MAX_NONCE = -2L; // 0xFFFF_FFFF_FFFF_FFFE as unsigned
}
