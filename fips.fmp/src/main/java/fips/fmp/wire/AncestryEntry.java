package fips.fmp.wire;

import fips.identity.NodeAddr;
import java.util.Objects;

/**
 * One hop of a TreeAnnounce ancestry, self first and root last
 * (INTEROP.md 5.1; reference/wire-formats.md "AncestryEntry").
 *
 * <pre>
 *   0  node_addr   16
 *  16  sequence    u64 LE
 *  24  timestamp   u64 LE (Unix seconds)
 * </pre>
 *
 * @param sequence u64 bit pattern
 * @param timestampSecs u64 bit pattern
 */
public record AncestryEntry(NodeAddr nodeAddr, long sequence, long timestampSecs) {
    public static final int BYTES = 32;

    public AncestryEntry {
        Objects.requireNonNull(nodeAddr, "nodeAddr");
    }
}
