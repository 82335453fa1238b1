package fips.fmp.link;

/**
 * Every reason the link layer drops a received packet without acting on it
 * (STYLE.md rule 9: hostile or broken input is dropped and counted, never
 * thrown or logged per packet). {@link LinkCore#drops(Drop)} reads a counter.
 */
public enum Drop {
    /** INTEROP.md 3.1: shorter than the prefix, or a phase-0 datagram under 32 bytes. */
    TOO_SHORT,
    /** INTEROP.md 3.1: version nibble not 0. */
    BAD_VERSION,
    /** INTEROP.md 3.1: phase not 0, 1 or 2. */
    BAD_PHASE,
    /** INTEROP.md 3.1: payload_len inconsistent with phase and length. */
    BAD_LENGTH,
    /** INTEROP.md 3.1: a handshake packet with non-zero flags or the wrong size. */
    BAD_HANDSHAKE_FRAMING,
    /** INTEROP.md 3.2: receiver_idx names no session of this node. */
    UNKNOWN_INDEX,
    /** INTEROP.md 3.4: counter replayed or older than the window. */
    REPLAY,
    /** AEAD authentication failed (tampering, or keys the peer no longer uses). */
    BAD_MAC,
    /** INTEROP.md 3.2: decrypted plaintext shorter than timestamp + msg_type. */
    PLAINTEXT_TOO_SHORT,
    /** INTEROP.md 3.10: msg1 refused by the handshake token bucket. */
    RATE_LIMITED,
    /** A msg1 that failed to decrypt or carried a bad key. */
    BAD_HANDSHAKE,
    /** A msg2 whose receiver_idx matches no handshake in flight. */
    UNEXPECTED_MSG2,
    /** INTEROP.md 3.7 (1): a new peer beyond node.limits.max_peers. */
    MAX_PEERS,
    /** Too many inbound handshakes pending. */
    PENDING_LIMIT,
    /** A msg1 from an unknown address on a transport that does not accept inbound links. */
    INBOUND_REFUSED,
    /** INTEROP.md 3.7 (4): a rekey msg1 while a post-rekey session is already pending, or lost dual-initiation. */
    REKEY_REJECTED,
    /** The local node's own identity in a msg1 (a reflected or looped packet). */
    SELF_HANDSHAKE
}
