package fips.launcher.internal.node;

import fips.fmp.link.Drop;
import fips.fmp.link.LinkConfig;
import fips.fmp.link.LinkCore;
import fips.fmp.link.LinkEvent;
import fips.fmp.link.LinkSink;
import fips.fmp.link.PeerLink;
import fips.fmp.link.PeerSpec;
import fips.fmp.wire.DisconnectReason;
import fips.identity.Identity;
import fips.launcher.internal.log.Log;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The protocol thread's loop: the single owner of the {@link LinkCore}
 * (STYLE.md rules 1, 3 and 4; ARCHITECTURE.md "Threads").
 *
 * <p>Each turn reads the clock once and passes that {@code nowMs} to every
 * core call of the turn; drains each transport's {@link DatagramRing} (at
 * most {@link #BATCH} datagrams per ring per turn, so timers run under load);
 * runs {@link LinkCore#poll} when the core's next deadline or the maintenance
 * tick ({@code node.tick_interval_secs}) is due; then parks until the
 * earlier of the two, or until a receive thread publishes a datagram.
 * Transmits go straight to {@link Transport#send} from this thread.
 *
 * <p>A deadline the core reports as already due right after a poll at the
 * same time is one the core has chosen not to act on yet (for instance a
 * liveness deadline held back while a rekey is in flight); the loop then waits
 * {@link #STALE_DEADLINE_WAIT_MS} instead of spinning.
 *
 * <p>On stop it sends Disconnect(Shutdown) to every peer through
 * {@link LinkCore#shutdown}, then closes the transports, in that order, so the
 * Disconnects leave before the sockets close.
 */
final class ProtocolLoop implements Runnable, LinkSink {
    /** Datagrams taken from one ring per turn. */
    static final int BATCH = 256;
    static final long STALE_DEADLINE_WAIT_MS = 10;

    private final Identity identity;
    private final LinkConfig linkConfig;
    private final long tickMs;
    private final List<Transport> transports;
    private final List<DatagramRing> rings;
    private final List<PeerSpec> peers;
    private final Random rng;
    private final Log log;
    private final LinkEventLog eventLog;
    private final Consumer<LinkEvent> observer;
    private final LongSupplier nanoClock;
    private final Wakeup wakeup;
    private final RingDrain[] drains;
    private final long originNs;

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Throwable failure;

    // Protocol-thread state.
    private LinkCore core;
    private long nowMs;
    private final long[] undelivered = new long[256];
    private long coreExceptions;

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
                    log.error("link core failed on a datagram from " + from + " on " + transport.name() + ": " + e);
                    for (StackTraceElement el : e.getStackTrace()) log.debug("    at " + el);
                }
            }
        }
    }

    ProtocolLoop(Identity identity, LinkConfig linkConfig, long tickMs, List<Transport> transports,
                 List<DatagramRing> rings, List<PeerSpec> peers, Random rng, Log log, LinkEventLog eventLog,
                 Consumer<LinkEvent> observer, LongSupplier nanoClock, Wakeup wakeup) {
        this.identity = identity;
        this.linkConfig = linkConfig;
        this.tickMs = tickMs;
        this.transports = List.copyOf(transports);
        this.rings = List.copyOf(rings);
        this.peers = List.copyOf(peers);
        this.rng = rng;
        this.log = log;
        this.eventLog = eventLog;
        this.observer = observer;
        this.nanoClock = nanoClock;
        this.wakeup = wakeup;
        this.drains = new RingDrain[transports.size()];
        for (int i = 0; i < drains.length; i++) {
            drains[i] = new RingDrain(transports.get(i), rings.get(i));
        }
        this.originNs = nanoClock.getAsLong();
    }

    private long clockMs() {
        return (nanoClock.getAsLong() - originNs) / 1_000_000;
    }

    @Override
    public void run() {
        wakeup.bind(Thread.currentThread());
        try {
            nowMs = clockMs();
            core = new LinkCore(identity, linkConfig, rng, this, nowMs);
            for (PeerSpec p : peers) {
                core.addPeer(p, nowMs);
            }
            long nextTickMs = nowMs + tickMs;
            while (!stopRequested) {
                nowMs = clockMs();
                for (RingDrain d : drains) {
                    d.ring.drain(d, BATCH);
                }
                long due = Math.min(core.nextDeadlineMs(), nextTickMs);
                if (nowMs >= due) {
                    core.poll(nowMs);
                    if (nowMs >= nextTickMs) {
                        nextTickMs = nowMs + tickMs;
                    }
                    long next = core.nextDeadlineMs();
                    due = Math.min(next <= nowMs ? nowMs + STALE_DEADLINE_WAIT_MS : next, nextTickMs);
                }
                long waitMs = Math.min(due - nowMs, tickMs);
                if (waitMs <= 0) {
                    continue;
                }
                wakeup.beginWait();
                if (!stopRequested && allRingsEmpty()) {
                    wakeup.park(TimeUnit.MILLISECONDS.toNanos(waitMs));
                }
                wakeup.endWait();
            }
            nowMs = clockMs();
            int up = core.links().size();
            log.info("shutting down: sending Disconnect (shutdown) to " + up + " peer(s)");
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
            logCounters();
            done.countDown();
        }
    }

    private boolean allRingsEmpty() {
        for (RingDrain d : drains) {
            if (!d.ring.isEmpty()) return false;
        }
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

    // ------------------------------------------------------------ LinkSink

    @Override
    public void transmit(Transport transport, TransportAddr to, byte[] buf, int off, int len) {
        transport.send(to, buf, off, len); // failures are counted by the transport (fips.link.spi.Transport#send)
    }

    @Override
    public void deliver(PeerLink peer, int msgType, byte[] buf, int off, int len, long nowMs) {
        // No upper layer (tree, bloom, lookup, sessions, MMP) in this build: count by type.
        if (undelivered[msgType & 0xff]++ == 0 && log.enabled(Log.Level.DEBUG)) {
            log.debug(String.format(Locale.ROOT, "link message type 0x%02x from %s has no handler in this build;"
                    + " counting and dropping this type from now on", msgType & 0xff, peer.displayName()));
        }
    }

    @Override
    public void event(LinkEvent event) {
        PeerLink link = event instanceof LinkEvent.Up ? core.peer(event.peer()) : null;
        eventLog.onEvent(event, link);
        if (observer != null) {
            observer.accept(event);
        }
    }

    private void logCounters() {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < rings.size(); i++) {
            DatagramRing r = rings.get(i);
            String n = transports.get(i).name();
            if (r.fullDrops() > 0) j.add(n + ".rx_ring_full=" + r.fullDrops());
            if (r.oversizeDrops() > 0) j.add(n + ".rx_oversize=" + r.oversizeDrops());
        }
        if (core != null) {
            for (Drop d : Drop.values()) {
                long c = core.drops(d);
                if (c > 0) j.add("link." + d.name().toLowerCase(Locale.ROOT) + "=" + c);
            }
        }
        for (int t = 0; t < undelivered.length; t++) {
            if (undelivered[t] > 0) j.add(String.format(Locale.ROOT, "unhandled.0x%02x=%d", t, undelivered[t]));
        }
        if (coreExceptions > 0) j.add("core_exceptions=" + coreExceptions);
        log.info("stopped; counters: " + (j.length() == 0 ? "all zero" : j.toString()));
    }
}
