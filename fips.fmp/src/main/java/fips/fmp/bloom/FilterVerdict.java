package fips.fmp.bloom;

/**
 * What {@link BloomState#onFilterAnnounce} did with a received FilterAnnounce
 * (INTEROP.md 6). Every value but {@link #ACCEPTED} is a drop, counted under
 * its name ({@link BloomState#count(FilterVerdict)}); a dropped announce leaves
 * the peer's stored filter and sequence as they were.
 */
public enum FilterVerdict {
    /** Stored as the peer's inbound filter. */
    ACCEPTED,
    /** Bad shape: hash_count 0, size_class not 1, wrong length (INTEROP.md 6 "FilterAnnounce (0x20)"). */
    MALFORMED,
    /** From a NodeAddr with no link up here. */
    UNKNOWN_PEER,
    /** INTEROP.md 6 "Sequence": not above the peer's last accepted sequence. */
    STALE_SEQUENCE,
    /** INTEROP.md 6 "Anti-poison": {@code fill^k} above {@code node.bloom.max_inbound_fpr}. */
    FPR_TOO_HIGH
}
