package fips.testkit;

import fips.fsp.session.MeshSessionPort;
import fips.fsp.session.SessionConfig;
import fips.fsp.session.SessionCore;
import fips.fsp.session.SessionEvent;
import fips.fsp.session.SessionSink;
import fips.identity.NodeAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The session layer of a {@link SimNode} built with {@link SimBuilder#sessions}:
 * a {@link SessionCore} over the node's {@code MeshCore} (through a
 * {@link MeshSessionPort}), fed the datagrams and lookup results the mesh
 * core reports upward, polled with it, and a record of what it delivered.
 *
 * <p>Every call that feeds the core ({@link #send}) runs at the simulation's
 * current time and lets the simulation re-read the node's next deadline. A
 * restarted node gets a new session core (sessions are lost, as in a crashed
 * process).
 */
public final class SimSession {
    /** A DataPacket delivered here; {@code payload} is a copy. */
    public record Received(long atMs, NodeAddr src, int srcPort, int dstPort, byte[] payload) {
        @Override
        public String toString() {
            return atMs + " from " + src.toHex().substring(0, 8) + " " + srcPort + "->" + dstPort + " "
                    + payload.length + "B";
        }
    }

    /** A session event with the time it happened. */
    public record TimedSessionEvent(long atMs, SessionEvent event) {}

    /** Sees each DataPacket delivered here; the buffer is the core's, valid only during the call. */
    @FunctionalInterface
    public interface ReceiveListener {
        void onReceive(SimNode at, NodeAddr src, int srcPort, int dstPort, byte[] buf, int off, int len, long nowMs);
    }

    private final SimNode node;
    private final SessionConfig config;
    private SessionCore core;
    private boolean record = true;
    private long receivedCount;
    private final List<Received> received = new ArrayList<>(0);
    private final List<TimedSessionEvent> events = new ArrayList<>(0);
    private List<ReceiveListener> listeners = List.of();

    private final SessionSink sink = new SessionSink() {
        @Override
        public void deliver(long srcHi, long srcLo, int srcPort, int dstPort, byte[] buf, int off, int len,
                            long nowMs) {
            receivedCount++;
            NodeAddr src = null;
            if (record || !listeners.isEmpty()) src = new NodeAddr(srcHi, srcLo); // the simulator records
            if (record) received.add(new Received(nowMs, src, srcPort, dstPort, Arrays.copyOfRange(buf, off, off + len)));
            for (int i = 0; i < listeners.size(); i++) {
                listeners.get(i).onReceive(node, src, srcPort, dstPort, buf, off, len, nowMs);
            }
        }

        @Override
        public void sessionEvent(SessionEvent e) {
            events.add(new TimedSessionEvent(node.sim().nowMs(), e));
        }
    };

    SimSession(SimNode node, SessionConfig config) {
        this.node = node;
        this.config = config;
    }

    /** A new core over the node's current mesh core (first start or restart). */
    void newCore(Random rng) {
        SimMesh m = node.mesh();
        core = new SessionCore(node.identity(), config, new MeshSessionPort(m.core(), () -> node.transport().mtu()),
                sink, rng, node.sim().aead(), node.sim().sessionScratch(), node.sim().nowMs());
    }

    public SimNode node() {
        return node;
    }

    /** The current core (a new one after each {@link SimNode#restart()}). */
    public SessionCore core() {
        return core;
    }

    public SessionConfig config() {
        return config;
    }

    /**
     * Sends {@code payload} from {@code srcPort} to {@code dest}'s {@code dstPort},
     * first giving the mesh core the destination's key, as the DNS responder
     * would (INTEROP.md 8.9 step 1).
     *
     * @return a {@link fips.fsp.session.SendOutcome} code
     */
    public int send(SimNode dest, int srcPort, int dstPort, byte[] payload) {
        node.checkRunning();
        node.mesh().core().learnIdentity(dest.identity().publicKey());
        int r = core.send(dest.nodeAddr().hi(), dest.nodeAddr().lo(), srcPort, dstPort, payload, 0, payload.length,
                node.sim().nowMs());
        node.reschedule();
        return r;
    }

    /** Whether an established session to {@code dest} exists. */
    public boolean established(SimNode dest) {
        return core.established(dest.nodeAddr().hi(), dest.nodeAddr().lo());
    }

    /** DataPackets delivered here (counted even when not recorded). */
    public long receivedCount() {
        return receivedCount;
    }

    /** The recorded DataPackets, oldest first (a live view). */
    public List<Received> received() {
        return Collections.unmodifiableList(received);
    }

    /** Whether to keep a copy of every DataPacket delivered here (default true). */
    public void recordReceived(boolean on) {
        record = on;
    }

    /** The session events, oldest first (a live view). */
    public List<TimedSessionEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** Session events of one kind, oldest first. */
    public <T extends SessionEvent> List<T> events(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (TimedSessionEvent e : events) {
            if (kind.isInstance(e.event())) out.add(kind.cast(e.event()));
        }
        return out;
    }

    public void onReceive(ReceiveListener l) {
        List<ReceiveListener> n = new ArrayList<>(listeners);
        n.add(l);
        listeners = n;
    }

    @Override
    public String toString() {
        return node.name() + " sessions=" + (core == null ? 0 : core.sessionCount());
    }
}
