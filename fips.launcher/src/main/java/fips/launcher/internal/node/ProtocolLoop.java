package fips.launcher.internal.node;

import fips.fmp.bloom.FilterVerdict;
import fips.fmp.link.Drop;
import fips.fmp.link.LinkEvent;
import fips.fmp.link.PeerSpec;
import fips.fmp.lookup.LookupDrop;
import fips.fmp.mesh.MeshConfig;
import fips.fmp.mesh.MeshCore;
import fips.fmp.mesh.MeshSink;
import fips.fmp.route.RouteOutcome;
import fips.fmp.route.RouteSignal;
import fips.fmp.route.Router;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeDrop;
import fips.fmp.wire.DisconnectReason;
import fips.fsp.session.SessionConfig;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.launcher.internal.log.Log;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The protocol thread's loop: the single owner of the {@link MeshCore}, the
 * whole mesh layer of this node (STYLE.md rules 1, 3 and 4; ARCHITECTURE.md
 * "Threads").
 *
 * <p>Each turn reads the clock once and passes that {@code nowMs} to every
 * core call of the turn; runs the queued {@link MeshTask}s; drains each
 * transport's {@link DatagramRing} (at most {@link #BATCH} datagrams per ring
 * per turn, so timers run under load); runs {@link MeshCore#poll} when the
 * core's next deadline or the maintenance tick ({@code node.tick_interval_secs})
 * is due; then parks until the earlier of the two, or until a receive thread
 * publishes a datagram or a task is queued. Transmits go straight to
 * {@link Transport#send} from this thread.
 *
 * <p>A deadline the core reports as already due right after a poll at the
 * same time is one the core has chosen not to act on yet (for instance a
 * liveness deadline held back while a rekey is in flight); the loop then waits
 * {@link #STALE_DEADLINE_WAIT_MS} instead of spinning.
 *
 * <p>On stop it sends Disconnect(Shutdown) to every peer through
 * {@link MeshCore#shutdown}, then closes the transports, in that order, so the
 * Disconnects leave before the sockets close; last it logs, in one line, every
 * drop and ignored-message counter that is not zero.
 */
final class ProtocolLoop implements Runnable, MeshSink {
    /** Datagrams taken from one ring per turn. */
    static final int BATCH = 256;
    static final long STALE_DEADLINE_WAIT_MS = 10;
    /** Tasks waiting for the protocol thread; {@link #submit} refuses more. */
    static final int TASK_QUEUE_CAPACITY = 64;

    /** Work handed to the protocol thread: it runs there, with the core and the turn's time. */
    @FunctionalInterface
    interface MeshTask {
        void run(MeshCore core, long nowMs);
    }

    private final Identity identity;
    private final MeshConfig meshConfig;
    private final long tickMs;
    private final List<Transport> transports;
    private final List<DatagramRing> rings;
    private final List<PeerSpec> peers;
    private final Random rng;
    private final Log log;
    private final MeshEventLog eventLog;
    private final MeshObserver observer;
    private final LongSupplier nanoClock;
    private final Wakeup wakeup;
    private final RingDrain[] drains;
    private final SessionConfig sessionConfig;
    /** The TUN device, or null when {@code tun.enabled} is false. */
    private final TunDriver tun;
    private final DatagramRing.Handler tunDrain = (from, buf, off, len) -> this.upper.onTunPacket(buf, off, len, this.nowMs);
    private final long originNs;
    private final long wallAtOriginMs;
    private final ArrayBlockingQueue<MeshTask> tasks = new ArrayBlockingQueue<>(TASK_QUEUE_CAPACITY);

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Throwable failure;

    // Protocol-thread state.
    private MeshCore core;
    private SessionLayer upper;
    private long nowMs;
    private long coreExceptions;
    private long taskExceptions;
    /** SessionDatagrams for this node, handed to the session layer. */
    private long localDatagrams;
    /** Set once the Disconnects go out: the tree's reaction to the links going down is not logged. */
    private boolean shuttingDown;

    /** One per ring: feeds that ring's datagrams to the core as coming from its transport. */
    private final class RingDrain implements DatagramRing.Handler {
        final Transport transport;
        final DatagramRing ring;

        RingDrain(Transport transport, DatagramRing ring) {
            this.transport = transport;
            this.ring = ring;
        }

        @Override
        public void onDatagram(TransportAddr from, byte[] buf, int off, int len) {
            try {
                core.onDatagram(transport, from, buf, off, len, nowMs);
            } catch (RuntimeException e) {
                // A core bug, not hostile input (the core drops and counts that). Keep serving the other
                // peers; report the first one in full, then count.
                if (coreExceptions++ == 0) {
                    log.error("mesh core failed on a datagram from " + from + " on " + transport.name() + ": " + e);
                    for (StackTraceElement el : e.getStackTrace()) log.debug("    at " + el);
                }
            }
        }
    }

    ProtocolLoop(Identity identity, MeshConfig meshConfig, SessionConfig sessionConfig, long tickMs,
                 List<Transport> transports, List<DatagramRing> rings, TunDriver tun, List<PeerSpec> peers, Random rng,
                 Log log, MeshEventLog eventLog, MeshObserver observer, LongSupplier nanoClock, Wakeup wakeup) {
        this.identity = identity;
        this.sessionConfig = sessionConfig;
        this.tun = tun;
        this.meshConfig = meshConfig;
        this.tickMs = tickMs;
        this.transports = List.copyOf(transports);
        this.rings = List.copyOf(rings);
        this.peers = List.copyOf(peers);
        this.rng = rng;
        this.log = log;
        this.eventLog = eventLog;
        this.observer = observer != null ? observer : new MeshObserver() {};
        this.nanoClock = nanoClock;
        this.wakeup = wakeup;
        this.drains = new RingDrain[transports.size()];
        for (int i = 0; i < drains.length; i++) {
            drains[i] = new RingDrain(transports.get(i), rings.get(i));
        }
        this.originNs = nanoClock.getAsLong();
        this.wallAtOriginMs = System.currentTimeMillis();
    }

    private long clockMs() {
        return (nanoClock.getAsLong() - originNs) / 1_000_000;
    }

    @Override
    public void run() {
        wakeup.bind(Thread.currentThread());
        try {
            nowMs = clockMs();
            core = new MeshCore(identity, meshConfig, rng, this, nowMs);
            upper = new SessionLayer(identity, sessionConfig, core, this::transportMtu, rng, log, eventLog, nowMs);
            if (tun != null) {
                upper.attachTun(tun);
            }
            eventLog.onCoords(core.tree().coords());
            for (PeerSpec p : peers) {
                core.learnIdentity(p.key());
                core.addPeer(p, nowMs);
            }
            long nextTickMs = nowMs + tickMs;
            while (!stopRequested) {
                nowMs = clockMs();
                runTasks();
                for (RingDrain d : drains) {
                    d.ring.drain(d, BATCH);
                }
                if (tun != null) {
                    tun.ring().drain(tunDrain, BATCH);
                }
                long due = Math.min(nextDeadlineMs(), nextTickMs);
                if (nowMs >= due) {
                    core.poll(nowMs);
                    upper.poll(nowMs);
                    if (nowMs >= nextTickMs) {
                        nextTickMs = nowMs + tickMs;
                    }
                    long next = nextDeadlineMs();
                    due = Math.min(next <= nowMs ? nowMs + STALE_DEADLINE_WAIT_MS : next, nextTickMs);
                }
                long waitMs = Math.min(due - nowMs, tickMs);
                if (waitMs <= 0) {
                    continue;
                }
                wakeup.beginWait();
                if (!stopRequested && allRingsEmpty() && tasks.isEmpty()) {
                    wakeup.park(TimeUnit.MILLISECONDS.toNanos(waitMs));
                }
                wakeup.endWait();
            }
            nowMs = clockMs();
            int up = core.links().size();
            log.info("shutting down: sending Disconnect (shutdown) to " + up + " peer(s)");
            shuttingDown = true;
            core.shutdown(DisconnectReason.SHUTDOWN, nowMs);
        } catch (Throwable t) {
            failure = t;
            log.error("protocol loop failed: " + t);
            for (StackTraceElement el : t.getStackTrace()) log.debug("    at " + el);
        } finally {
            for (Transport t : transports) {
                try {
                    t.close();
                } catch (RuntimeException e) {
                    log.warn("closing transport " + t.name() + ": " + e.getMessage());
                }
            }
            if (tun != null) {
                tun.close(); // the device, its address and route go; the policy rule is removed
            }
            logCounters();
            done.countDown();
        }
    }

    private void runTasks() {
        MeshTask t;
        while ((t = tasks.poll()) != null) {
            try {
                t.run(core, nowMs);
            } catch (RuntimeException e) {
                taskExceptions++;
                log.error("task on the protocol thread failed: " + e);
                for (StackTraceElement el : e.getStackTrace()) log.debug("    at " + el);
            }
        }
    }

    private boolean allRingsEmpty() {
        for (RingDrain d : drains) {
            if (!d.ring.isEmpty()) return false;
        }
        return tun == null || tun.ring().isEmpty();
    }

    private long nextDeadlineMs() {
        return Math.min(core.nextDeadlineMs(), upper.nextDeadlineMs());
    }

    /** INTEROP.md 9.2: the smallest MTU over the node's transports, 1280 with none. */
    private int transportMtu() {
        int m = Integer.MAX_VALUE;
        for (Transport t : transports) {
            m = Math.min(m, t.mtu());
        }
        return m == Integer.MAX_VALUE ? 1280 : m;
    }

    /** The layers above the mesh; protocol thread only (tasks). */
    SessionLayer upper() {
        return upper;
    }

    /** The sessions as operators see them; protocol thread only (control-socket queries). */
    List<fips.fsp.session.SessionSnapshot> sessionSnapshots() {
        return upper == null ? List.of() : upper.sessions().sessions(nowMs);
    }

    /** Wall-clock ms minus protocol-clock ms: the protocol clock starts at 0 when the loop is made. */
    long clockOffsetMs() {
        return wallAtOriginMs;
    }

    /**
     * Queues {@code task} for the protocol thread (any thread may call);
     * it runs at the start of the next turn.
     *
     * @return false if the queue is full or the loop is stopping
     */
    boolean submit(MeshTask task) {
        if (stopRequested || !tasks.offer(task)) {
            return false;
        }
        wakeup.wake();
        return true;
    }

    /** Asks the loop to shut down; returns at once. */
    void requestStop() {
        stopRequested = true;
        wakeup.wake();
    }

    /** Waits for the loop to finish (transports closed). */
    boolean awaitDone(long timeoutMs) throws InterruptedException {
        return done.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    Throwable failure() {
        return failure;
    }

    // ------------------------------------------------------------ MeshSink

    @Override
    public void transmit(Transport transport, TransportAddr to, byte[] buf, int off, int len) {
        transport.send(to, buf, off, len); // failures are counted by the transport (fips.link.spi.Transport#send)
    }

    @Override
    public void deliverLocal(long srcHi, long srcLo, byte[] buf, int off, int len, int pathMtu, long nowMs) {
        localDatagrams++;
        if (observer.wantsDatagrams()) {
            observer.deliverLocal(new NodeAddr(srcHi, srcLo), buf, off, len, pathMtu, nowMs);
        }
        upper.deliverLocal(srcHi, srcLo, buf, off, len, pathMtu, nowMs);
    }

    @Override
    public void linkEvent(LinkEvent event) {
        eventLog.onEvent(event, event instanceof LinkEvent.Up ? core.link().peer(event.peer()) : null);
        observer.linkEvent(event);
    }

    @Override
    public void coordsChanged(Coords oldCoords, Coords newCoords) {
        if (!shuttingDown) eventLog.onCoords(newCoords);
        observer.coordsChanged(oldCoords, newCoords);
    }

    @Override
    public void lookupDone(NodeAddr target, Coords coords, int pathMtu, String failure) {
        eventLog.onLookupDone(target, coords, pathMtu, failure);
        observer.lookupDone(target, coords, pathMtu, failure);
        upper.lookupDone(target, coords, pathMtu, failure, nowMs);
    }

    // ------------------------------------------------------------ counters

    private void logCounters() {
        log.info("stopped; counters: " + counterLine());
    }

    /** Every drop and ignored-message counter that is not zero, as {@code name=value} pairs, or "all zero". */
    private String counterLine() {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < rings.size(); i++) {
            DatagramRing r = rings.get(i);
            String n = transports.get(i).name();
            if (r.fullDrops() > 0) j.add(n + ".rx_ring_full=" + r.fullDrops());
            if (r.oversizeDrops() > 0) j.add(n + ".rx_oversize=" + r.oversizeDrops());
        }
        if (core != null) {
            for (Drop d : Drop.values()) add(j, "link.", d.name(), core.link().drops(d));
            for (TreeDrop d : TreeDrop.values()) add(j, "tree.", d.name(), core.tree().drops(d));
            for (FilterVerdict v : FilterVerdict.values()) {
                if (v != FilterVerdict.ACCEPTED) add(j, "bloom.", v.name(), core.bloom().count(v));
            }
            Router r = core.router();
            for (int o = 0; o < RouteOutcome.COUNT; o++) {
                if (o == RouteOutcome.DELIVERED || o == RouteOutcome.FORWARDED) continue;
                add(j, "route.transit.", RouteOutcome.name(o), r.transitCount(o));
                add(j, "route.originate.", RouteOutcome.name(o), r.originateCount(o));
            }
            for (int s : new int[] {RouteSignal.RATE_LIMITED, RouteSignal.NO_RETURN_ROUTE, RouteSignal.SEND_FAILED}) {
                add(j, "route.signal.", RouteSignal.name(s), r.signalCount(s));
            }
            for (LookupDrop d : LookupDrop.values()) add(j, "lookup.", d.name(), core.lookups().drops(d));
            for (Map.Entry<String, Long> e : core.ignoredMessages().entrySet()) add(j, "ignored.", e.getKey(), e.getValue());
        }
        if (upper != null) {
            for (Map.Entry<String, Long> e : upper.counters().entrySet()) add(j, "", e.getKey(), e.getValue());
        }
        if (tun != null) {
            add(j, "tun.", "rx_ring_full", tun.ring().fullDrops());
            add(j, "tun.", "rx_oversize", tun.ring().oversizeDrops());
            add(j, "tun.", "write_errors", tun.writeErrors());
            add(j, "tun.", "read_errors", tun.readErrors());
            add(j, "tun.", "rx_ring_waits", tun.ringWaits());
        }
        add(j, "", "core_exceptions", coreExceptions);
        add(j, "", "task_exceptions", taskExceptions);
        return j.length() == 0 ? "all zero" : j.toString();
    }

    private static void add(StringJoiner j, String prefix, String name, long value) {
        if (value != 0) j.add(prefix + name.toLowerCase(Locale.ROOT) + "=" + value);
    }
}
