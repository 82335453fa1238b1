package fips.launcher.internal.top;

import fips.json.JNode;
import java.util.HashMap;
import java.util.Map;

/**
 * What fipstop last heard: per query key the reply's {@code data} or the error message, and whether
 * the daemon (and the gateway) answered at the last poll. Immutable; {@link #merge} makes the next one.
 * A reply stays until a newer poll of the same query replaces it, so switching tabs shows the last
 * known data at once.
 */
public final class Snapshot {
    public static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of(), false, "not polled yet", false, "not polled yet", 0);

    private final Map<String, JNode> data;
    private final Map<String, String> errors;
    private final Map<String, Long> atMs;
    private final boolean connected;
    private final String daemonProblem;
    private final boolean gatewayConnected;
    private final String gatewayProblem;
    private final long polledAtMs;

    private Snapshot(Map<String, JNode> data, Map<String, String> errors, Map<String, Long> atMs, boolean connected,
            String daemonProblem, boolean gatewayConnected, String gatewayProblem, long polledAtMs) {
        this.data = data;
        this.errors = errors;
        this.atMs = atMs;
        this.connected = connected;
        this.daemonProblem = daemonProblem;
        this.gatewayConnected = gatewayConnected;
        this.gatewayProblem = gatewayProblem;
        this.polledAtMs = polledAtMs;
    }

    /** The outcome of one poll: replies and failures by query. */
    public record Poll(Map<Query, JNode> replies, Map<Query, TopSource.SourceException> failures, long nowMs) {}

    /** A snapshot of a single poll on an empty start (tests and the first frame). */
    public static Snapshot of(Poll poll) {
        return EMPTY.merge(poll);
    }

    public Snapshot merge(Poll poll) {
        Map<String, JNode> d = new HashMap<>(data);
        Map<String, String> e = new HashMap<>(errors);
        Map<String, Long> t = new HashMap<>(atMs);
        boolean conn = connected;
        String problem = daemonProblem;
        boolean gwConn = gatewayConnected;
        String gwProblem = gatewayProblem;
        boolean anyDaemon = false;
        boolean anyGateway = false;
        String daemonDown = null;
        String gatewayDown = null;
        for (var r : poll.replies().entrySet()) {
            d.put(r.getKey().key(), r.getValue());
            e.remove(r.getKey().key());
            t.put(r.getKey().key(), poll.nowMs());
            if (r.getKey().gateway()) anyGateway = true; else anyDaemon = true;
        }
        for (var f : poll.failures().entrySet()) {
            Query q = f.getKey();
            TopSource.SourceException x = f.getValue();
            e.put(q.key(), x.getMessage());
            if (x.unreachable()) {
                if (q.gateway()) gatewayDown = x.getMessage(); else daemonDown = x.getMessage();
            } else if (q.gateway()) {
                anyGateway = true;
            } else {
                anyDaemon = true;
            }
        }
        if (daemonDown != null) {
            conn = false;
            problem = daemonDown;
        } else if (anyDaemon) {
            conn = true;
            problem = null;
        }
        if (gatewayDown != null) {
            gwConn = false;
            gwProblem = gatewayDown;
        } else if (anyGateway) {
            gwConn = true;
            gwProblem = null;
        }
        return new Snapshot(Map.copyOf(d), Map.copyOf(e), Map.copyOf(t), conn, problem, gwConn, gwProblem, poll.nowMs());
    }

    /** The last {@code data} of {@code q}, or null if none has arrived. */
    public JNode data(Query q) {
        return data.get(q.key());
    }

    public JNode data(String daemonCommand) {
        return data.get(Query.daemon(daemonCommand).key());
    }

    /** The error of the last poll of {@code q}, or null if it succeeded (or never ran). */
    public String error(Query q) {
        return errors.get(q.key());
    }

    public String error(String daemonCommand) {
        return errors.get(Query.daemon(daemonCommand).key());
    }

    public boolean connected() {
        return connected;
    }

    /** Why the daemon is not connected (null when connected). */
    public String daemonProblem() {
        return daemonProblem;
    }

    public boolean gatewayConnected() {
        return gatewayConnected;
    }

    public String gatewayProblem() {
        return gatewayProblem;
    }

    public long polledAtMs() {
        return polledAtMs;
    }
}
