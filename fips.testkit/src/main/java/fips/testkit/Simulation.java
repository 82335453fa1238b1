package fips.testkit;

import fips.fmp.link.LinkConfig;
import fips.fmp.link.LinkCore;
import fips.fmp.link.LinkEvent;
import fips.fmp.mesh.MeshConfig;
import fips.identity.NodeAddr;
import fips.noise.AeadEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A deterministic discrete-event simulation of FIPS nodes (each a bare
 * {@code LinkCore}, or a whole {@code MeshCore}: {@link SimBuilder#mesh}): a virtual clock in
 * milliseconds, an agenda of events ordered by (time, insertion sequence),
 * the {@link SimNode}s and the {@link SimNetwork} between them.
 *
 * <h2>Theory of operation</h2>
 *
 * <p>Three kinds of event: a packet arriving at a node (the node's core gets
 * {@code onDatagram} at that time), a node's poll (the core gets
 * {@code poll}), and an action a test scheduled. Stepping pops the earliest
 * event, sets the clock to its time and runs it; virtual time jumps, nothing
 * sleeps, so a simulated hour takes as long as the work in it.
 *
 * <p>After anything a node's core processes, the simulation re-reads the
 * core's {@code nextDeadlineMs()} and keeps exactly one live poll event per
 * node at the earliest deadline (older ones are skipped by a generation
 * number). A core whose deadline stays in the past after a poll would make a
 * real driver spin; the simulation steps 1 ms instead and counts it
 * ({@link SimNode#spinPolls()}).
 *
 * <p>Reproducibility: one {@link Random} seeded by the caller is the only
 * source of randomness. The network's and each node's generators are drawn
 * from it in a fixed order (network first, then nodes by index), so the same
 * seed and the same calls give the same run, packet for packet.
 *
 * <p>Single-threaded, like the cores it drives (STYLE.md rule 4). Every
 * node's link core works in the same two 64 KiB buffers
 * ({@link LinkCore.Scratch}): a core is only ever called from the agenda,
 * never from inside another core's call (sending schedules a delivery), which
 * is the condition for sharing them. Per node that saves 128 KiB.
 */
public final class Simulation {
    /** A link event with the time and the index of the node that reported it. */
    public record TimedEvent(long atMs, int node, LinkEvent event) {
        @Override
        public String toString() {
            return atMs + " n" + node + " " + event;
        }
    }

    /** A repeating action; {@link #cancel()} stops it. */
    public static final class Periodic {
        private boolean cancelled;

        public void cancel() {
            cancelled = true;
        }

        public boolean isCancelled() {
            return cancelled;
        }
    }

    private final long seed;
    private final Random random;
    private final AeadEngine aead;
    private final LinkCore.Scratch linkScratch = new LinkCore.Scratch();
    private fips.fsp.session.SessionCore.Scratch sessionScratch; // made on first use: only session-hosting runs need it
    private final boolean recordLog;
    private final EventQueue queue = new EventQueue();
    private final SimNetwork network;
    private final List<SimNode> nodes = new ArrayList<>();
    private final Map<NodeAddr, SimNode> byAddr = new HashMap<>();
    private final List<TimedEvent> log = new ArrayList<>();
    private long nowMs;
    private long eventsRun;
    private int streams;

    Simulation(long seed, long startMs, AeadEngine aead, boolean recordLog) {
        this.seed = seed;
        this.random = new Random(seed);
        this.aead = aead;
        this.recordLog = recordLog;
        this.nowMs = startMs;
        this.network = new SimNetwork(this, new Random(random.nextLong()));
    }

    /** A builder for a simulation whose randomness all comes from {@code seed}. */
    public static SimBuilder builder(long seed) {
        return new SimBuilder(seed);
    }

    public long seed() {
        return seed;
    }

    /** The virtual clock. */
    public long nowMs() {
        return nowMs;
    }

    /**
     * The simulation's generator, for a test's own random choices (they then
     * replay with the seed too). Drawing from it changes what later-created
     * nodes get, not what existing ones do.
     */
    public Random random() {
        return random;
    }

    AeadEngine aead() {
        return aead;
    }

    /** The link cores' shared work buffers (see the class comment). */
    LinkCore.Scratch linkScratch() {
        return linkScratch;
    }

    /** The session cores' shared work buffers (the rule of the class comment applies to them too). */
    fips.fsp.session.SessionCore.Scratch sessionScratch() {
        if (sessionScratch == null) sessionScratch = new fips.fsp.session.SessionCore.Scratch();
        return sessionScratch;
    }

    public SimNetwork network() {
        return network;
    }

    // ------------------------------------------------------------- nodes

    /** A new node with the next index; its generator is drawn from the simulation's. */
    public SimNode addNode(LinkConfig config, int transportMtu) {
        return add(config, null, transportMtu);
    }

    /**
     * A new node running a whole {@link fips.fmp.mesh.MeshCore} with
     * {@code config} ({@link SimNode#mesh()}); otherwise as {@link #addNode}.
     */
    public SimNode addMeshNode(MeshConfig config, int transportMtu) {
        return add(config.link(), config, transportMtu);
    }

    private SimNode add(LinkConfig linkConfig, MeshConfig meshConfig, int transportMtu) {
        SimNode n = new SimNode(this, nodes.size(), linkConfig, meshConfig, transportMtu, new Random(random.nextLong()));
        if (byAddr.putIfAbsent(n.nodeAddr(), n) != null) {
            throw new IllegalStateException("two nodes drew the same identity: " + n.nodeAddr());
        }
        nodes.add(n);
        return n;
    }

    public List<SimNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public SimNode node(int index) {
        return nodes.get(index);
    }

    /** The node with this address, or null. */
    public SimNode node(NodeAddr addr) {
        return byAddr.get(addr);
    }

    // ------------------------------------------------------------- running

    /** Runs every event up to and including {@code ms}, then sets the clock to {@code ms}. */
    public void runUntil(long ms) {
        if (ms < nowMs) throw new IllegalArgumentException("ms=" + ms + " is before nowMs=" + nowMs);
        while (queue.nextTimeMs() <= ms) step();
        nowMs = ms;
    }

    /** {@link #runUntil(long) runUntil(nowMs() + ms)}. */
    public void runFor(long ms) {
        runUntil(nowMs + ms);
    }

    /**
     * Runs until {@code cond} holds (checked before the first event and after
     * each one) or the clock would pass {@code limitMs} (an absolute time).
     * When it returns true the clock is at the event that made it true.
     *
     * @return whether {@code cond} holds
     */
    public boolean runUntil(BooleanSupplier cond, long limitMs) {
        while (!cond.getAsBoolean()) {
            if (queue.nextTimeMs() > limitMs) {
                nowMs = Math.max(nowMs, limitMs);
                return cond.getAsBoolean();
            }
            step();
        }
        return true;
    }

    /** Runs the next event, if any; false if the agenda is empty. */
    public boolean step() {
        if (queue.size() == 0) return false;
        EventQueue.Event e = queue.pop();
        nowMs = e.atMs;
        eventsRun++;
        try {
            switch (e.kind) {
                case EventQueue.DELIVER -> deliver(e);
                case EventQueue.POLL -> poll(e);
                case EventQueue.ACTION -> e.action.run();
                default -> throw new IllegalStateException("event kind=" + e.kind);
            }
        } finally {
            queue.recycle(e);
        }
        return true;
    }

    /** Events run so far. */
    public long eventsRun() {
        return eventsRun;
    }

    /** Events waiting (including superseded polls). */
    public int pending() {
        return queue.size();
    }

    // ------------------------------------------------------------- actions

    /** Runs {@code action} at {@code atMs} (after what is already scheduled for that time). */
    public void at(long atMs, Runnable action) {
        if (atMs < nowMs) throw new IllegalArgumentException("atMs=" + atMs + " is before nowMs=" + nowMs);
        EventQueue.Event e = queue.obtain(EventQueue.ACTION, atMs);
        e.action = action;
        queue.push(e);
    }

    public void after(long delayMs, Runnable action) {
        at(nowMs + delayMs, action);
    }

    /** Runs {@code action} every {@code periodMs}, first at {@code firstAtMs}, until cancelled. */
    public Periodic every(long firstAtMs, long periodMs, Runnable action) {
        if (periodMs <= 0) throw new IllegalArgumentException("periodMs=" + periodMs + " must be > 0");
        Periodic p = new Periodic();
        Runnable tick = new Runnable() {
            @Override
            public void run() {
                if (p.cancelled) return;
                action.run();
                if (!p.cancelled) at(nowMs + periodMs, this);
            }
        };
        at(firstAtMs, tick);
        return p;
    }

    /**
     * Puts {@code bytes} into {@code to}'s core now (after what is already
     * scheduled for now) as if they came from {@code from}'s address, bypassing
     * every wire: for replayed, tampered or forged packets.
     */
    public void inject(SimNode from, SimNode to, byte[] bytes) {
        injectAt(nowMs, from, to, bytes);
    }

    public void injectAt(long atMs, SimNode from, SimNode to, byte[] bytes) {
        if (atMs < nowMs) throw new IllegalArgumentException("atMs=" + atMs + " is before nowMs=" + nowMs);
        EventQueue.Event e = queue.obtain(EventQueue.DELIVER, atMs);
        e.node = to;
        e.from = from;
        e.packetKind = PacketKind.of(bytes, 0, bytes.length, false);
        e.load(bytes, 0, bytes.length);
        queue.push(e);
    }

    // ------------------------------------------------------------- log

    /** Every link event of every node, in the order they happened (empty if the log is off). */
    public List<TimedEvent> events() {
        return Collections.unmodifiableList(log);
    }

    /** {@link #events()} as text, one line per event, for comparing runs. */
    public List<String> eventLog() {
        List<String> out = new ArrayList<>(log.size());
        for (TimedEvent e : log) out.add(e.toString());
        return out;
    }

    int nextStreamId() {
        return streams++;
    }

    void logEvent(TimedEvent e) {
        if (recordLog) log.add(e);
    }

    // ------------------------------------------------------------- internals

    void scheduleDelivery(long atMs, SimWire.Direction d, SimNode from, SimNode to, PacketKind kind,
                          byte[] buf, int off, int len) {
        EventQueue.Event e = queue.obtain(EventQueue.DELIVER, atMs);
        e.dir = d;
        e.from = from;
        e.node = to;
        e.packetKind = kind;
        e.load(buf, off, len);
        queue.push(e);
    }

    private void deliver(EventQueue.Event e) {
        SimNode to = e.node;
        if (e.dir == null) network.countInjected();
        if (!network.arrive(e.dir, e.packetKind, to)) return;
        to.transport().countReceived(e.len);
        to.inputSincePoll = true;
        to.receive(e.from.address(), e.buf, 0, e.len, nowMs);
        reschedule(to);
    }

    private void poll(EventQueue.Event e) {
        SimNode n = e.node;
        if (e.gen != n.pollGen || n.isStopped()) return; // superseded
        n.pollAtMs = Long.MAX_VALUE;
        n.pollCore(nowMs);
        n.lastPollMs = nowMs;
        n.inputSincePoll = false;
        reschedule(n);
    }

    /** Keeps one live poll event for {@code n} at its core's next deadline. */
    void reschedule(SimNode n) {
        if (n.isStopped()) return;
        long d = n.nextDeadlineMs();
        if (d == Long.MAX_VALUE) return;
        if (d <= nowMs) {
            if (n.lastPollMs == nowMs && !n.inputSincePoll) {
                n.spinPolls++;
                d = nowMs + 1;
            } else {
                d = nowMs;
            }
        }
        if (d < n.pollAtMs) {
            n.pollAtMs = d;
            EventQueue.Event e = queue.obtain(EventQueue.POLL, d);
            e.node = n;
            e.gen = ++n.pollGen;
            queue.push(e);
        }
    }
}
