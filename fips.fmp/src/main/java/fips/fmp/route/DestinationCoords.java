package fips.fmp.route;

import fips.fmp.tree.Coords;

/**
 * Where the router reads a destination's tree coordinates: the coordinate
 * cache (INTEROP.md 5.5 step 3 and 7 "Coord cache": a routing use is a
 * get-and-touch that refreshes the entry's TTL; expired entries count as
 * absent). The destination is passed as the two halves of its NodeAddr
 * ({@code NodeAddr.hi()}, {@code NodeAddr.lo()}) so the forwarding path
 * builds no key object.
 *
 * <p>Called on the forwarding path, once per routed packet (and once more
 * when an error signal is routed back): an implementation must not allocate
 * on a hit. Read on the router's thread only.
 */
@FunctionalInterface
public interface DestinationCoords {
    /** No cache: every multi-hop destination is unknown. */
    DestinationCoords NONE = (destHi, destLo, nowMs) -> null;

    /**
     * The destination's coordinates, refreshing their TTL, or null if none are
     * cached or they have expired at {@code nowMs}.
     */
    Coords lookup(long destHi, long destLo, long nowMs);
}
