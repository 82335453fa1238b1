package fips.identity;

import java.util.List;

/**
 * The exact byte strings that FIPS signs with {@link Schnorr#signData} (INTEROP.md 4).
 * Integers are little-endian; node addresses are their 16 raw bytes.
 *
 * <pre>
 * TreeAnnounce (48 bytes):
 *   0  node_addr   16
 *  16  parent      16
 *  32  sequence    u64 LE
 *  40  timestamp   u64 LE (seconds)
 *
 * LookupResponse proof (26 + 16·count bytes):
 *   0  request_id  u64 LE
 *   8  target      16
 *  24  count       u16 LE
 *  26  coords      16·count (target first, root last)
 * </pre>
 *
 * <p>What is left out matters as much: the TreeAnnounce ancestry, version and
 * msg_type, and the LookupResponse path_mtu are not signed (INTEROP.md 4,
 * SPEC≠CODE D1).
 */
public final class SigningInputs {
    public static final int TREE_ANNOUNCE_BYTES = 48;
    public static final int TREE_ANNOUNCE_NODE_ADDR_OFFSET = 0;
    public static final int TREE_ANNOUNCE_PARENT_OFFSET = 16;
    public static final int TREE_ANNOUNCE_SEQUENCE_OFFSET = 32;
    public static final int TREE_ANNOUNCE_TIMESTAMP_OFFSET = 40;

    public static final int LOOKUP_PROOF_REQUEST_ID_OFFSET = 0;
    public static final int LOOKUP_PROOF_TARGET_OFFSET = 8;
    public static final int LOOKUP_PROOF_COUNT_OFFSET = 24;
    public static final int LOOKUP_PROOF_COORDS_OFFSET = 26;
    /** The count is a u16. */
    public static final int LOOKUP_PROOF_MAX_COORDS = 0xFFFF;

    private SigningInputs() {}

    /**
     * TreeAnnounce signing bytes. {@code sequence} and {@code timestampSecs} are
     * u64 values held in Java longs (bit patterns are written as is).
     */
    public static byte[] treeAnnounce(NodeAddr nodeAddr, NodeAddr parent, long sequence, long timestampSecs) {
        byte[] out = new byte[TREE_ANNOUNCE_BYTES];
        nodeAddr.write(out, TREE_ANNOUNCE_NODE_ADDR_OFFSET);
        parent.write(out, TREE_ANNOUNCE_PARENT_OFFSET);
        putLongLE(out, TREE_ANNOUNCE_SEQUENCE_OFFSET, sequence);
        putLongLE(out, TREE_ANNOUNCE_TIMESTAMP_OFFSET, timestampSecs);
        return out;
    }

    /**
     * LookupResponse proof bytes. {@code requestId} is a u64 held in a Java long;
     * {@code targetCoords} runs from the target to the root.
     *
     * @throws IllegalArgumentException if there are more than 65535 coordinates
     */
    public static byte[] lookupResponseProof(long requestId, NodeAddr target, List<NodeAddr> targetCoords) {
        int count = targetCoords.size();
        if (count > LOOKUP_PROOF_MAX_COORDS) {
            throw new IllegalArgumentException("targetCoords.size=" + count + " exceeds the u16 count limit "
                    + LOOKUP_PROOF_MAX_COORDS);
        }
        byte[] out = new byte[LOOKUP_PROOF_COORDS_OFFSET + NodeAddr.BYTES * count];
        putLongLE(out, LOOKUP_PROOF_REQUEST_ID_OFFSET, requestId);
        target.write(out, LOOKUP_PROOF_TARGET_OFFSET);
        out[LOOKUP_PROOF_COUNT_OFFSET] = (byte) count;
        out[LOOKUP_PROOF_COUNT_OFFSET + 1] = (byte) (count >>> 8);
        int offset = LOOKUP_PROOF_COORDS_OFFSET;
        for (NodeAddr coord : targetCoords) {
            coord.write(out, offset);
            offset += NodeAddr.BYTES;
        }
        return out;
    }

    private static void putLongLE(byte[] b, int offset, long v) {
        for (int i = 0; i < 8; i++) {
            b[offset + i] = (byte) v;
            v >>>= 8;
        }
    }
}
