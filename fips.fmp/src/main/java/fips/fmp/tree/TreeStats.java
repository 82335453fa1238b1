package fips.fmp.tree;

/**
 * Counters of a {@link TreeCore} since it was created, for operator tools
 * (the drops by reason are in {@link TreeCore#dropCounters()}).
 *
 * @param received TreeAnnounces handed to {@link TreeCore#onAnnounce}
 * @param signaturesVerified of those, the ones whose signature was checked: the
 *     announces that passed the cheaper checks, freshness included (see {@link TreeCore})
 * @param accepted of those, the ones that passed every check and were fresher
 * @param sent announces returned as {@link TreeAction.Send}
 * @param rateLimited sends deferred by the per-peer minimum interval
 * @param parentSwitches parent changes, self-promotions to root included
 * @param parentLosses times the parent went down or was dropped
 * @param loopsDetected times the parent's ancestry came to contain this node
 * @param flapDampenings times flap dampening engaged
 */
public record TreeStats(long received, long signaturesVerified, long accepted, long sent, long rateLimited,
        long parentSwitches, long parentLosses, long loopsDetected, long flapDampenings) {}
