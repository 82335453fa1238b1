package fips.fsp.session;

import fips.fmp.route.RouteOutcome;

/**
 * What {@link SessionCore#send} did with a datagram: plain int codes so the
 * data path returns without boxing (STYLE.md rule 2), each also the index of
 * the counter it is counted under ({@code send.<name>} in
 * {@link SessionCore#counters()}).
 */
public final class SendOutcome {
    private SendOutcome() {}

    /** Sealed and handed to the mesh layer on an established session. */
    public static final int SENT = 0;
    /** Held until the session is established (handshake or lookup in progress, INTEROP.md 8.6). */
    public static final int QUEUED = 1;
    /** The destination's key is not in the identity cache: no XK handshake is possible (INTEROP.md 8.6). */
    public static final int NO_IDENTITY = 2;
    /** The mesh layer had no next hop (RouteOutcome NO_ROUTE), or the lookup failed at once. */
    public static final int NO_ROUTE = 3;
    /** The sealed frame would exceed the first hop's link MTU (RouteOutcome MTU_EXCEEDED). */
    public static final int MTU_EXCEEDED = 4;
    /** The first hop's link went down under us (RouteOutcome LINK_DOWN). */
    public static final int LINK_DOWN = 5;
    /** The FSP message would exceed the largest SessionDatagram payload. */
    public static final int TOO_BIG = 6;
    /** The destination is this node. */
    public static final int SELF = 7;

    /** Number of outcomes (size of a counter array). */
    public static final int COUNT = 8;

    /** Lower-case name for counters and logs. */
    public static String name(int outcome) {
        return switch (outcome) {
            case SENT -> "sent";
            case QUEUED -> "queued";
            case NO_IDENTITY -> "no_identity";
            case NO_ROUTE -> "no_route";
            case MTU_EXCEEDED -> "mtu_exceeded";
            case LINK_DOWN -> "link_down";
            case TOO_BIG -> "too_big";
            case SELF -> "self";
            default -> throw new IllegalArgumentException("outcome=" + outcome);
        };
    }

    /** The send outcome for a {@link RouteOutcome} of an originated datagram. */
    public static int fromRoute(int routeOutcome) {
        return switch (routeOutcome) {
            case RouteOutcome.FORWARDED, RouteOutcome.DELIVERED -> SENT;
            case RouteOutcome.MTU_EXCEEDED -> MTU_EXCEEDED;
            case RouteOutcome.LINK_DOWN -> LINK_DOWN;
            default -> NO_ROUTE;
        };
    }
}
