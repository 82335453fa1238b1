package fips.fmp.lookup;

/**
 * Every reason {@link LookupCore} drops a received lookup message (STYLE.md
 * rule 9: counted, never thrown or logged per message). Read with
 * {@link LookupCore#drops(LookupDrop)}.
 */
public enum LookupDrop {
    /** A LookupRequest whose bytes do not decode (INTEROP.md 7 "LookupRequest (0x30)"). */
    MALFORMED_REQUEST,
    /** INTEROP.md 7 "Receive" (2): request_id seen within the dedup window. */
    DUPLICATE_REQUEST,
    /** One of this node's own pending request_ids came back (a loop through a fallback path). */
    OWN_REQUEST,
    /** INTEROP.md 7 "Receive" (3): the request_id table is full. */
    RECENT_FULL,
    /** INTEROP.md 7 "Receive" (6): ttl 0 and not for this node. */
    TTL_EXPIRED,
    /** INTEROP.md 7 "Receive" (7): a request for the same target was forwarded less than 2 s ago. */
    FORWARD_RATE_LIMITED,
    /** INTEROP.md 7 "Forward": no peer's filter, tree or not, contains the target. */
    NO_FORWARD_PEER,
    /** A LookupResponse whose bytes do not decode (INTEROP.md 7 "LookupResponse (0x31)"). */
    MALFORMED_RESPONSE,
    /** INTEROP.md 7 "Response transit": a response for this request_id was already sent back. */
    ALREADY_ANSWERED,
    /** The peer a request came from (where its response must go) has no link any more. */
    REVERSE_PATH_GONE,
    /** No remembered request and no pending lookup of this node issued that request_id for that target. */
    UNSOLICITED_RESPONSE,
    /** INTEROP.md 4 "Verification keys": the target's key is not in the identity cache. */
    UNKNOWN_TARGET_KEY,
    /** INTEROP.md 4 "LookupResponse proof": the proof does not verify with the target's key. */
    BAD_PROOF
}
