package fips.testkit;

import fips.fmp.link.LinkEvent;
import fips.fmp.mesh.MeshConfig;
import fips.fmp.mesh.MeshCore;
import fips.fmp.mesh.MeshSink;
import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The mesh layer of a {@link SimNode} built with {@link SimBuilder#mesh}: the
 * node's {@link MeshCore} (link, tree, bloom, lookup, routing wired together),
 * the {@link MeshSink} that connects it to the node's transport, and a record
 * of what the core reported upward (SessionDatagrams delivered here, lookup
 * results, coordinate changes).
 *
 * <p>Every call that feeds the core ({@link #lookup}, {@link #sendDatagram})
 * runs at the simulation's current time and lets the simulation re-read the
 * core's next deadline, as {@link SimNode}'s own calls do. A test that drives
 * {@link #core()} directly calls {@link SimNode#reschedule()} afterwards.
 *
 * <p>Memory: one of these per node, a few fields; datagram payloads are
 * copied only while {@link #recordDatagrams} is on (the default; turn it off
 * for big runs and count with {@link #datagramsReceived()} or a listener).
 */
public final class SimMesh {
    /** A SessionDatagram delivered to this node ({@link MeshSink#deliverLocal}); {@code payload} is a copy. */
    public record Datagram(long atMs, NodeAddr src, byte[] payload, int pathMtu) {
        @Override
        public String toString() {
            return atMs + " from " + src.toHex().substring(0, 8) + " " + payload.length + "B pathMtu=" + pathMtu;
        }
    }

    /** A lookup this node started finished ({@link MeshSink#lookupDone}): coords null and failure set when it failed. */
    public record LookupResult(long atMs, NodeAddr target, Coords coords, int pathMtu, String failure) {
        public boolean succeeded() {
            return coords != null;
        }
    }

    /** Sees each SessionDatagram delivered here; the buffer is the core's, valid only during the call. */
    @FunctionalInterface
    public interface DatagramListener {
        void onDatagram(SimNode at, NodeAddr src, byte[] buf, int off, int len, int pathMtu, long nowMs);
    }

    /** Sees each finished lookup of this node. */
    @FunctionalInterface
    public interface LookupListener {
        void onLookupDone(SimNode at, LookupResult result);
    }

    private final SimNode node;
    private final MeshConfig config;
    private MeshCore core;
    private SimSession session; // null unless SimBuilder#sessions

    private boolean recordDatagrams = true;
    private final List<Datagram> datagrams = new ArrayList<>(0);
    private final List<LookupResult> lookups = new ArrayList<>(0);
    private List<DatagramListener> datagramListeners = List.of();
    private List<LookupListener> lookupListeners = List.of();
    private long datagramsReceived;
    private long coordsChanges;
    private long lastCoordsChangeMs = Long.MIN_VALUE;

    private final MeshSink sink = new MeshSink() {
        @Override
        public void transmit(Transport t, TransportAddr to, byte[] buf, int off, int len) {
            if (t != node.transport()) {
                throw new IllegalStateException("node=" + node.name() + " core transmitted on foreign transport="
                        + t.name());
            }
            node.transport().send(to, buf, off, len);
        }

        @Override
        public void deliverLocal(long srcHi, long srcLo, byte[] buf, int off, int len, int pathMtu, long nowMs) {
            datagramsReceived++;
            NodeAddr src = new NodeAddr(srcHi, srcLo); // the simulator records; allocation here is fine
            if (recordDatagrams) {
                datagrams.add(new Datagram(nowMs, src, Arrays.copyOfRange(buf, off, off + len), pathMtu));
            }
            for (int i = 0; i < datagramListeners.size(); i++) {
                datagramListeners.get(i).onDatagram(node, src, buf, off, len, pathMtu, nowMs);
            }
            if (session != null) session.core().onDatagram(srcHi, srcLo, buf, off, len, pathMtu, nowMs);
        }

        @Override
        public void linkEvent(LinkEvent e) {
            node.recordEvent(e);
        }

        @Override
        public void coordsChanged(Coords oldCoords, Coords newCoords) {
            coordsChanges++;
            lastCoordsChangeMs = node.sim().nowMs();
        }

        @Override
        public void lookupDone(NodeAddr target, Coords coords, int pathMtu, String failure) {
            LookupResult r = new LookupResult(node.sim().nowMs(), target, coords, pathMtu, failure);
            lookups.add(r);
            for (int i = 0; i < lookupListeners.size(); i++) lookupListeners.get(i).onLookupDone(node, r);
            if (session != null) session.core().onLookupDone(target, coords, pathMtu, failure, node.sim().nowMs());
        }
    };

    SimMesh(SimNode node, MeshConfig config) {
        this.node = node;
        this.config = config;
    }

    /** A new core (first start or restart); the old one, if any, is dropped as a crashed process's would be. */
    MeshCore newCore(Random rng) {
        core = new MeshCore(node.identity(), config, rng, sink, node.sim().aead(), node.sim().linkScratch(),
                node.sim().nowMs());
        if (session != null) session.newCore(new Random(node.sim().random().nextLong()));
        return core;
    }

    /** Hosts a session core over this node's mesh core ({@link SimBuilder#sessions}). */
    void hostSessions(fips.fsp.session.SessionConfig c) {
        if (session != null) throw new IllegalStateException("node=" + node.name() + " already hosts sessions");
        session = new SimSession(node, c);
        session.newCore(new Random(node.sim().random().nextLong()));
    }

    /** The session layer, or null when the node hosts none. */
    SimSession sessionOrNull() {
        return session;
    }

    // ------------------------------------------------------------- views

    public SimNode node() {
        return node;
    }

    /** The current core (a new one after each {@link SimNode#restart()}). */
    public MeshCore core() {
        return core;
    }

    public MeshConfig config() {
        return config;
    }

    /** This node's tree coordinates, self first (INTEROP.md 5.3). */
    public Coords coords() {
        return core.tree().coords();
    }

    public NodeAddr root() {
        return core.tree().root();
    }

    public NodeAddr parent() {
        return core.tree().parent();
    }

    public boolean isRoot() {
        return core.tree().isRoot();
    }

    /** How often this node's coordinates changed (all cores since the start). */
    public long coordsChanges() {
        return coordsChanges;
    }

    /** Virtual time of the last coordinate change, {@link Long#MIN_VALUE} if there was none. */
    public long lastCoordsChangeMs() {
        return lastCoordsChangeMs;
    }

    // ------------------------------------------------------------- upper-layer calls

    /**
     * Starts a coordinate lookup for {@code target} (INTEROP.md 7), first
     * giving the core the target's key, as the DNS responder would
     * (INTEROP.md 8.9 step 1), so that it can verify the proof. The result
     * arrives in {@link #lookups()}.
     */
    public void lookup(SimNode target) {
        node.checkRunning();
        core.learnIdentity(target.identity().publicKey());
        core.lookup(target.nodeAddr(), node.sim().nowMs());
        node.reschedule();
    }

    /**
     * Sends {@code payload} to {@code dest} in a SessionDatagram (INTEROP.md 8.1).
     *
     * @return a {@link fips.fmp.route.RouteOutcome} code
     */
    public int sendDatagram(SimNode dest, byte[] payload) {
        return sendDatagram(dest.nodeAddr(), payload, 0, payload.length);
    }

    public int sendDatagram(NodeAddr dest, byte[] payload, int off, int len) {
        node.checkRunning();
        int r = core.sendDatagram(dest, payload, off, len, node.sim().nowMs());
        node.reschedule();
        return r;
    }

    // ------------------------------------------------------------- records

    /** SessionDatagrams delivered here (counted even when not recorded). */
    public long datagramsReceived() {
        return datagramsReceived;
    }

    /** The recorded SessionDatagrams, oldest first (a live view). */
    public List<Datagram> datagrams() {
        return Collections.unmodifiableList(datagrams);
    }

    /** Whether to keep a copy of every SessionDatagram delivered here (default true). */
    public void recordDatagrams(boolean on) {
        recordDatagrams = on;
    }

    /** Results of this node's lookups, oldest first (a live view). */
    public List<LookupResult> lookups() {
        return Collections.unmodifiableList(lookups);
    }

    public void onDatagram(DatagramListener l) {
        List<DatagramListener> n = new ArrayList<>(datagramListeners);
        n.add(l);
        datagramListeners = n;
    }

    public void onLookupDone(LookupListener l) {
        List<LookupListener> n = new ArrayList<>(lookupListeners);
        n.add(l);
        lookupListeners = n;
    }

    @Override
    public String toString() {
        return node.name() + " " + (core == null ? "-" : coords().toString());
    }
}
