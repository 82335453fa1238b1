package fips.launcher.internal.control;

import fips.fmp.mesh.MeshCore;
import fips.json.JNode;
import fips.link.spi.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The daemon's {@link ControlHandler}: each command this build has runs on the
 * protocol thread, which owns the mesh core (STYLE.md rule 4), through
 * {@link CoreExecutor}; the control worker waits for the result at most
 * {@code queryTimeout} (reference/control-socket.md "Common error messages":
 * {@code query timeout}, {@code node shutting down}). A command the
 * protocol thread never gets to costs the node nothing: the task still runs
 * later, and its result is dropped.
 */
public final class NodeControl implements ControlHandler {
    /** reference/control-socket.md {@code query timeout}: the bound on waiting for the protocol thread. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    /** The commands this handler answers; anything else is {@code unknown command: <name>}. */
    public static final Set<String> COMMANDS = Set.of("show_status", "show_peers", "show_links", "show_tree",
            "show_sessions", "show_bloom", "show_cache", "show_connections", "show_transports", "show_routing",
            "show_identity_cache", "connect", "disconnect");

    /** Work for the protocol thread, with the core and that turn's time. */
    @FunctionalInterface
    public interface CoreTask {
        void run(MeshCore core, long nowMs);
    }

    /** Queues a task for the protocol thread (the daemon: {@code ProtocolLoop.submit}). */
    @FunctionalInterface
    public interface CoreExecutor {
        /** @return false if the task cannot be queued (the loop is stopping or its queue is full) */
        boolean submit(CoreTask task);
    }

    /** A command's work on the protocol thread. */
    @FunctionalInterface
    private interface Render {
        JNode render(MeshCore core, long nowMs) throws ControlError;
    }

    private final CoreExecutor executor;
    private final NodeInfo info;
    private final Supplier<List<SessionRow>> sessions;
    private final Function<String, Transport> transports;
    private final long timeoutNs;

    /**
     * @param sessions the session layer's rows, called on the protocol thread; {@code List::of} while there is none
     * @param transports the running transport a {@code connect} names, or null
     */
    public NodeControl(CoreExecutor executor, NodeInfo info, Supplier<List<SessionRow>> sessions,
                       Function<String, Transport> transports, Duration queryTimeout) {
        if (executor == null || info == null || sessions == null || transports == null
                || queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("executor=" + executor + " info=" + info + " sessions=" + sessions
                    + " transports=" + transports + " queryTimeout=" + queryTimeout);
        }
        this.executor = executor;
        this.info = info;
        this.sessions = sessions;
        this.transports = transports;
        this.timeoutNs = queryTimeout.toNanos();
    }

    @Override
    public JNode handle(String command, JNode params) throws ControlError {
        Render r = switch (command) {
            case "show_status" -> (core, now) -> NodeQueries.showStatus(core, info, "running", sessions.get().size(), now);
            case "show_peers" -> (core, now) -> NodeQueries.showPeers(core, info, now);
            case "show_links" -> (core, now) -> NodeQueries.showLinks(core, info);
            case "show_tree" -> (core, now) -> NodeQueries.showTree(core, info);
            case "show_sessions" -> (core, now) -> NodeQueries.showSessions(sessions.get());
            case "show_bloom" -> (core, now) -> NodeQueries.showBloom(core, info);
            case "show_cache" -> (core, now) -> NodeQueries.showCache(core, now);
            case "show_connections" -> (core, now) -> NodeQueries.showConnections(core);
            case "show_transports" -> (core, now) -> NodeQueries.showTransports(info);
            case "show_routing" -> (core, now) -> NodeQueries.showRouting(core);
            case "show_identity_cache" -> (core, now) -> NodeQueries.showIdentityCache(core, info);
            case "connect" -> {
                ControlProtocol.requireParams(command, params);
                yield (core, now) -> NodeCommands.connect(core, params, transports, now);
            }
            case "disconnect" -> {
                ControlProtocol.requireParams(command, params);
                yield (core, now) -> NodeCommands.disconnect(core, params, now);
            }
            default -> throw new ControlError("unknown command: " + command);
        };
        return onProtocolThread(r);
    }

    private JNode onProtocolThread(Render r) throws ControlError {
        CompletableFuture<JNode> result = new CompletableFuture<>();
        boolean queued = executor.submit((core, now) -> {
            if (result.isDone()) return; // the worker gave up waiting; nobody reads this any more
            try {
                result.complete(r.render(core, now));
            } catch (ControlError | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        if (!queued) {
            throw new ControlError(ControlProtocol.SHUTTING_DOWN);
        }
        try {
            return result.get(timeoutNs, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(false);
            throw new ControlError(ControlProtocol.QUERY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlError(ControlProtocol.SHUTTING_DOWN);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ControlError ce) throw ce;
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException(c);
        }
    }
}
