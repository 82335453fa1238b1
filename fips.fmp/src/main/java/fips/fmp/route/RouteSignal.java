package fips.fmp.route;

/**
 * What became of the error signals a transit node generates (INTEROP.md 8.5;
 * design/fips-mesh-operation.md "Error Recovery"): indices of
 * {@link Router#signalCount}. A signal this node cannot route back or send is
 * dropped and counted here, never answered with another signal.
 */
public final class RouteSignal {
    private RouteSignal() {}

    /** A CoordsRequired was sent toward the source. */
    public static final int COORDS_REQUIRED_SENT = 0;
    /** A PathBroken (with the stale cached coordinates) was sent toward the source. */
    public static final int PATH_BROKEN_SENT = 1;
    /** An MtuExceeded was sent toward the source. */
    public static final int MTU_EXCEEDED_SENT = 2;
    /** Suppressed: a signal about the same destination went out less than 100 ms before (INTEROP.md 8.5). */
    public static final int RATE_LIMITED = 3;
    /** No next hop toward the source (or the source is this node): dropped, no cascading errors. */
    public static final int NO_RETURN_ROUTE = 4;
    /** {@link LinkOutput} refused the signal (link down, or the signal exceeds that link's MTU). */
    public static final int SEND_FAILED = 5;

    /** Number of signal counters. */
    public static final int COUNT = 6;

    /** Lower-case name for counters and logs. */
    public static String name(int signal) {
        return switch (signal) {
            case COORDS_REQUIRED_SENT -> "coords_required_sent";
            case PATH_BROKEN_SENT -> "path_broken_sent";
            case MTU_EXCEEDED_SENT -> "mtu_exceeded_sent";
            case RATE_LIMITED -> "rate_limited";
            case NO_RETURN_ROUTE -> "no_return_route";
            case SEND_FAILED -> "send_failed";
            default -> throw new IllegalArgumentException("signal=" + signal);
        };
    }
}
