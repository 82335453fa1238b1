package fips.testkit;

import fips.fmp.link.Drop;
import fips.fmp.link.LinkConfig;
import fips.fmp.link.LinkCore;
import fips.fmp.link.LinkEvent;
import fips.fmp.link.LinkSink;
import fips.fmp.link.PeerLink;
import fips.fmp.link.PeerSpec;
import fips.fmp.mesh.MeshConfig;
import fips.fmp.mesh.MeshCore;
import fips.fmp.wire.DisconnectReason;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One simulated node: a {@link LinkCore} with a deterministic identity, one
 * {@link SimTransport}, the peers it is configured with, and a record of what
 * its core reported (link events, delivered link messages).
 *
 * <p>A node built with {@link SimBuilder#mesh} runs a whole {@link MeshCore}
 * instead (its {@link #mesh()}): the simulation feeds datagrams to and polls
 * the MeshCore, and {@link #core()} is the LinkCore inside it. The link-level
 * calls here (peers, {@link #send}, {@link #disconnect}, ...) work the same;
 * link messages are then consumed by the mesh layers, so {@link #deliveries()}
 * and {@link #onDeliver} see none, and a message sent with {@link #send}
 * goes to the peer's mesh layers as if this node's own core had sent it.
 *
 * <p>Every call that feeds the core ({@link #send}, {@link #addPeer},
 * {@link #shutdown}, ...) runs at the simulation's current time and lets the
 * simulation re-read the core's next deadline. A test that drives
 * {@link #core()} directly calls {@link #reschedule()} afterwards.
 *
 * <p>Lifecycle: {@link #stop()} freezes the node (it polls nothing and
 * packets to it vanish, as if the process died); {@link #restart()} starts a
 * new core with the same identity, address and configured peers and a fresh
 * startup epoch (INTEROP.md 1.1), as a daemon restart would.
 */
public final class SimNode {
    /**
     * A msg_type no spec assigns (INTEROP.md 3.2 lists those that are): the
     * core hands it to its sink like any upper-layer message, so tests can
     * use it as plain application traffic.
     */
    public static final int TEST_MSG_TYPE = 0x7F;

    /** A link message the core delivered. {@code body} is a copy. */
    public record Delivery(long atMs, SimNode from, int msgType, byte[] body) {
        @Override
        public String toString() {
            return atMs + " from " + from.name() + " type 0x" + Integer.toHexString(msgType) + " " + body.length + "B";
        }
    }

    /** Sees each delivered link message; the buffer is the core's, valid only during the call. */
    @FunctionalInterface
    public interface DeliveryListener {
        void onDeliver(SimNode at, SimNode from, int msgType, byte[] buf, int off, int len, long nowMs);
    }

    private final Simulation sim;
    private final int index;
    private final String name;
    private final Identity identity;
    private final Random rng;
    private final SimTransport transport;
    private LinkConfig config;
    private final SimMesh mesh; // null: a link-only node
    private LinkCore core;
    private int restarts;
    private boolean stopped;
    private final List<PeerSpec> configured = new ArrayList<>();

    final IntMap<SimWire.Direction> wires = new IntMap<>();
    boolean sendingData;

    // Poll scheduling, owned by Simulation.
    long pollAtMs = Long.MAX_VALUE;
    long pollGen;
    long lastPollMs = Long.MIN_VALUE;
    boolean inputSincePoll = true;
    long spinPolls;

    private final List<Simulation.TimedEvent> events = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<DeliveryListener> deliveryListeners = new ArrayList<>();
    private final List<Consumer<LinkEvent>> eventListeners = new ArrayList<>();
    private boolean recordDeliveries = true;
    private boolean recordEvents = true;
    private long deliveredCount;
    private long messagesSent;
    private long messagesRefused;

    private final LinkSink sink = new LinkSink() {
        @Override
        public void transmit(Transport t, TransportAddr to, byte[] buf, int off, int len) {
            if (t != transport) {
                throw new IllegalStateException("node=" + name + " core transmitted on foreign transport=" + t.name());
            }
            transport.send(to, buf, off, len);
        }

        @Override
        public void deliver(PeerLink peer, int msgType, byte[] buf, int off, int len, long nowMs) {
            SimNode from = sim.node(peer.nodeAddr());
            deliveredCount++;
            if (recordDeliveries) {
                deliveries.add(new Delivery(nowMs, from, msgType, Arrays.copyOfRange(buf, off, off + len)));
            }
            for (int i = 0; i < deliveryListeners.size(); i++) {
                deliveryListeners.get(i).onDeliver(SimNode.this, from, msgType, buf, off, len, nowMs);
            }
        }

        @Override
        public void event(LinkEvent e) {
            recordEvent(e);
        }
    };

    /**
     * @param meshConfig null for a link-only node; else the node runs a MeshCore with this
     *     configuration (its link part replaced by {@code config})
     */
    SimNode(Simulation sim, int index, LinkConfig config, MeshConfig meshConfig, int transportMtu, Random rng) {
        this.sim = sim;
        this.index = index;
        this.name = "n" + index;
        this.rng = rng;
        this.identity = Identity.generate(rng);
        this.config = config;
        this.transport = new SimTransport(this, transportMtu);
        this.mesh = meshConfig == null ? null : new SimMesh(this, meshConfig.withLink(config));
        this.core = newCore();
    }

    private LinkCore newCore() {
        if (mesh != null) {
            return mesh.newCore(new Random(rng.nextLong())).link();
        }
        return new LinkCore(identity, config, new Random(rng.nextLong()), sink, sim.aead(), sim.linkScratch(),
                sim.nowMs());
    }

    void recordEvent(LinkEvent e) {
        if (recordEvents) {
            Simulation.TimedEvent te = new Simulation.TimedEvent(sim.nowMs(), index, e);
            events.add(te);
            sim.logEvent(te);
        }
        for (int i = 0; i < eventListeners.size(); i++) eventListeners.get(i).accept(e);
    }

    // ------------------------------------------------------------- driver (owned by Simulation)

    /** A datagram from the network, at the current time. */
    void receive(TransportAddr from, byte[] buf, int off, int len, long nowMs) {
        if (mesh != null) mesh.core().onDatagram(transport, from, buf, off, len, nowMs);
        else core.onDatagram(transport, from, buf, off, len, nowMs);
    }

    void pollCore(long nowMs) {
        if (mesh != null) {
            mesh.core().poll(nowMs);
            SimSession s = mesh.sessionOrNull();
            if (s != null) s.core().poll(nowMs);
        } else {
            core.poll(nowMs);
        }
    }

    long nextDeadlineMs() {
        if (mesh == null) return core.nextDeadlineMs();
        SimSession s = mesh.sessionOrNull();
        long d = mesh.core().nextDeadlineMs();
        return s == null ? d : Math.min(d, s.core().nextDeadlineMs());
    }

    Simulation sim() {
        return sim;
    }

    public int index() {
        return index;
    }

    /** {@code n<index>}; also the alias peers know this node by. */
    public String name() {
        return name;
    }

    public Identity identity() {
        return identity;
    }

    public NodeAddr nodeAddr() {
        return identity.nodeAddr();
    }

    public TransportAddr address() {
        return transport.localAddr();
    }

    public SimTransport transport() {
        return transport;
    }

    public LinkConfig config() {
        return config;
    }

    /**
     * The current link core (a new one after each {@link #restart()}); on a
     * mesh node the one inside {@link SimMesh#core()}, where driving it
     * directly bypasses the mesh layers.
     */
    public LinkCore core() {
        return core;
    }

    /** Whether this node runs a MeshCore ({@link SimBuilder#mesh}). */
    public boolean isMesh() {
        return mesh != null;
    }

    /**
     * The node's mesh layer.
     *
     * @throws IllegalStateException on a link-only node
     */
    public SimMesh mesh() {
        if (mesh == null) throw new IllegalStateException("node=" + name + " runs a bare LinkCore, not a MeshCore");
        return mesh;
    }

    /** Whether this node hosts a session core ({@link SimBuilder#sessions}). */
    public boolean hasSessions() {
        return mesh != null && mesh.sessionOrNull() != null;
    }

    /**
     * The node's session layer.
     *
     * @throws IllegalStateException on a node without one
     */
    public SimSession session() {
        SimSession s = mesh == null ? null : mesh.sessionOrNull();
        if (s == null) throw new IllegalStateException("node=" + name + " hosts no session core (SimBuilder.sessions)");
        return s;
    }

    /** How many times this node was restarted. */
    public int restarts() {
        return restarts;
    }

    public boolean isStopped() {
        return stopped;
    }

    // ------------------------------------------------------------- peers

    /** How this node would configure {@code peer}: alias = its name, one address, the given flags. */
    public PeerSpec specFor(SimNode peer, boolean autoConnect, boolean autoReconnect) {
        return new PeerSpec(peer.identity.publicKey().withEvenParity(), peer.name,
                List.of(new PeerSpec.Address(transport, peer.address())), autoConnect, autoReconnect);
    }

    /**
     * Configures {@code peer} (kept across restarts) and hands it to the core;
     * an auto-connect peer is dialled at once, with auto-reconnect.
     */
    public void addPeer(SimNode peer, boolean autoConnect) {
        addPeer(specFor(peer, autoConnect, autoConnect));
    }

    /** Configures a peer from a spec (kept across restarts). */
    public void addPeer(PeerSpec spec) {
        running();
        configured.removeIf(s -> s.key().nodeAddr().equals(spec.key().nodeAddr()));
        configured.add(spec);
        if (mesh != null) mesh.core().addPeer(spec, sim.nowMs());
        else core.addPeer(spec, sim.nowMs());
        reschedule();
    }

    /** Operator {@code connect}: dials {@code peer} now without configuring it. */
    public void connect(SimNode peer) {
        running();
        if (mesh != null) mesh.core().connect(specFor(peer, false, false), sim.nowMs());
        else core.connect(specFor(peer, false, false), sim.nowMs());
        reschedule();
    }

    /** Operator {@code disconnect}: sends Disconnect(reason) and drops the link. */
    public boolean disconnect(SimNode peer, DisconnectReason reason) {
        running();
        boolean r = mesh != null ? mesh.core().disconnect(peer.nodeAddr(), reason, sim.nowMs())
                : core.disconnect(peer.nodeAddr(), reason, sim.nowMs());
        reschedule();
        return r;
    }

    /** Orderly shutdown of the core (Disconnect to every peer); the node keeps running. */
    public void shutdown(DisconnectReason reason) {
        running();
        if (mesh != null) mesh.core().shutdown(reason, sim.nowMs());
        else core.shutdown(reason, sim.nowMs());
        reschedule();
    }

    /** The established link to {@code peer}, or null. */
    public PeerLink link(SimNode peer) {
        return core.peer(peer.nodeAddr());
    }

    public boolean isLinkedTo(SimNode peer) {
        return !stopped && core.peer(peer.nodeAddr()) != null;
    }

    public long drops(Drop d) {
        return core.drops(d);
    }

    // ------------------------------------------------------------- traffic

    /** {@link #send(SimNode, int, byte[], int, int)} of the whole array. */
    public int send(SimNode peer, int msgType, byte[] body) {
        return send(peer, msgType, body, 0, body.length);
    }

    /**
     * Sends one link message to {@code peer} now; the frame is counted as
     * {@link PacketKind#DATA} on the wire.
     *
     * @return the frame length, {@link LinkCore#NO_LINK} or {@link LinkCore#TOO_BIG}
     */
    public int send(SimNode peer, int msgType, byte[] body, int off, int len) {
        running();
        int r;
        sendingData = true;
        try {
            r = core.send(peer.nodeAddr(), msgType, body, off, len, sim.nowMs());
        } finally {
            sendingData = false;
        }
        if (r > 0) messagesSent++;
        else messagesRefused++;
        reschedule();
        return r;
    }

    /** Messages {@link #send} handed to the core that it sent. */
    public long messagesSent() {
        return messagesSent;
    }

    /** Messages {@link #send} handed to the core that it refused (no link, too big). */
    public long messagesRefused() {
        return messagesRefused;
    }

    /** Link messages the core delivered to this node (counted even when not recorded). */
    public long deliveredCount() {
        return deliveredCount;
    }

    /** The recorded deliveries, oldest first (a live view). */
    public List<Delivery> deliveries() {
        return Collections.unmodifiableList(deliveries);
    }

    /** Whether to keep a copy of every delivered message (default true; turn off for big runs). */
    public void recordDeliveries(boolean on) {
        recordDeliveries = on;
    }

    /**
     * Whether to keep this node's link events in {@link #events()} and the
     * simulation's log (default true; listeners see them either way).
     */
    public void recordEvents(boolean on) {
        recordEvents = on;
    }

    public void onDeliver(DeliveryListener l) {
        deliveryListeners.add(l);
    }

    public void onEvent(Consumer<LinkEvent> l) {
        eventListeners.add(l);
    }

    /** This node's link events with their times, oldest first (a live view). */
    public List<Simulation.TimedEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** This node's link events of one kind, oldest first. */
    public <T extends LinkEvent> List<T> events(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (Simulation.TimedEvent e : events) {
            if (kind.isInstance(e.event())) out.add(kind.cast(e.event()));
        }
        return out;
    }

    /** Times of this node's link events of one kind, oldest first. */
    public <T extends LinkEvent> List<Long> eventTimes(Class<T> kind) {
        List<Long> out = new ArrayList<>();
        for (Simulation.TimedEvent e : events) {
            if (kind.isInstance(e.event())) out.add(e.atMs());
        }
        return out;
    }

    // ------------------------------------------------------------- lifecycle

    /** The process dies: nothing is polled, packets to it vanish. {@link #restart()} brings it back. */
    public void stop() {
        stopped = true;
        pollGen++;
        pollAtMs = Long.MAX_VALUE;
    }

    /** {@link #restart(LinkConfig)} with the current configuration. */
    public void restart() {
        restart(config);
    }

    /**
     * A new core with the same identity and address, a fresh startup epoch
     * and {@code newConfig}; the configured peers are added again (auto-connect
     * ones are dialled). Works on a running or a stopped node; a running one
     * is not shut down first (it is a crash and restart). A mesh node gets a
     * new MeshCore (with its mesh configuration, link part unchanged: restart
     * with another LinkConfig is for link-only nodes).
     */
    public void restart(LinkConfig newConfig) {
        if (mesh != null && !newConfig.equals(config)) {
            throw new IllegalArgumentException("node=" + name + " is a mesh node; restart it with its own LinkConfig");
        }
        config = newConfig;
        core = newCore();
        restarts++;
        stopped = false;
        pollGen++;
        pollAtMs = Long.MAX_VALUE;
        lastPollMs = Long.MIN_VALUE;
        for (PeerSpec s : configured) {
            if (mesh != null) mesh.core().addPeer(s, sim.nowMs());
            else core.addPeer(s, sim.nowMs());
        }
        reschedule();
    }

    /**
     * Lets the simulation re-read the core's next deadline. Called by every
     * method here that feeds the core; call it after driving {@link #core()}
     * directly.
     */
    public void reschedule() {
        inputSincePoll = true;
        sim.reschedule(this);
    }

    /**
     * How often the core's {@link LinkCore#nextDeadlineMs()} was not in the
     * future right after a poll at that time with no input in between: a
     * deadline that polling does not clear. The simulator then steps 1 ms
     * instead of spinning; a real driver would spin. Should be 0.
     */
    public long spinPolls() {
        return spinPolls;
    }

    private void running() {
        checkRunning();
    }

    void checkRunning() {
        if (stopped) throw new IllegalStateException("node=" + name + " is stopped");
    }

    @Override
    public String toString() {
        return name;
    }
}
