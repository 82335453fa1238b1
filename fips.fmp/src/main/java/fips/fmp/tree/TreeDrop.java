package fips.fmp.tree;

import fips.fmp.wire.TreeAnnounceCheck;

/**
 * Why {@link TreeCore} dropped a received TreeAnnounce, in {@link TreeCore}'s
 * order of checks: INTEROP.md 5.1 "Receiver order" with freshness (step 5)
 * moved before the signature (step 3), see {@link TreeCore}. Each has a counter
 * ({@link TreeCore#drops}); a drop never changes tree state (STYLE.md rule 9).
 */
public enum TreeDrop {
    /** More ancestry entries than {@link TreeConfig#maxDepth()} + 1 (a local bound, checked before decoding). */
    TOO_DEEP,
    /** The bytes do not decode (INTEROP.md 5.1 step 1). */
    MALFORMED,
    /** From a node that is not a current peer (INTEROP.md 5.1 step 2). */
    UNKNOWN_PEER,
    /** {@code ancestry[0]} is not the sending peer (INTEROP.md 5.1 step 2). */
    SENDER_MISMATCH,
    /**
     * Sequence not above the one last accepted from that peer (INTEROP.md 5.1
     * step 5). Checked before the signature, so a forged announce with an old
     * sequence is counted here.
     */
    STALE,
    /** The signature does not verify with the peer's key (INTEROP.md 5.1 step 3, section 4). */
    BAD_SIGNATURE,
    /** A root declaration whose ancestry is not exactly itself (INTEROP.md 5.1 step 4). */
    ROOT_DECLARATION_MISMATCH,
    /** A non-root declaration with a one-entry ancestry (INTEROP.md 5.1 step 4). */
    ANCESTRY_TOO_SHORT,
    /** {@code ancestry[1]} is not the signed parent (INTEROP.md 5.1 step 4). */
    ANCESTRY_PARENT_MISMATCH,
    /** The advertised root is not the smallest entry (INTEROP.md 5.1 step 4). */
    ANCESTRY_ROOT_NOT_MINIMUM;

    /** The drop for a failed semantic check; {@code OK} has none. */
    static TreeDrop of(TreeAnnounceCheck check) {
        return switch (check) {
            case ROOT_DECLARATION_MISMATCH -> ROOT_DECLARATION_MISMATCH;
            case ANCESTRY_TOO_SHORT -> ANCESTRY_TOO_SHORT;
            case ANCESTRY_PARENT_MISMATCH -> ANCESTRY_PARENT_MISMATCH;
            case ANCESTRY_ROOT_NOT_MINIMUM -> ANCESTRY_ROOT_NOT_MINIMUM;
            case OK -> throw new IllegalArgumentException("check=OK is not a drop");
        };
    }
}
