package fips.fsp.session;

import fips.fmp.internal.Le;
import fips.fmp.internal.NodeAddrMap;
import fips.fmp.route.Router;
import fips.fmp.tree.Coords;
import fips.fmp.wire.DecodeException;
import fips.fmp.wire.ErrorSignal;
import fips.fmp.wire.MtuExceeded;
import fips.fsp.wire.Coordinates;
import fips.fsp.wire.DataPacketBody;
import fips.fsp.wire.FspConstants;
import fips.fsp.wire.FspDecodeException;
import fips.fsp.wire.FspDrop;
import fips.fsp.wire.FspEncryptedCodec;
import fips.fsp.wire.FspEncryptedFlyweight;
import fips.fsp.wire.FspInnerFlyweight;
import fips.fsp.wire.FspPrefix;
import fips.fsp.wire.SessionAck;
import fips.fsp.wire.SessionMsg3;
import fips.fsp.wire.SessionSetup;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.noise.AeadEngine;
import fips.noise.HandshakeException;
import fips.noise.NoiseSession;
import fips.noise.TransportKeys;
import fips.noise.XkHandshake;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The FSP session layer as a sans-IO core (STYLE.md rule 1): end-to-end
 * Noise XK sessions between this node and any other, carried in
 * SessionDatagrams by the mesh layer ({@link SessionMesh}), delivering
 * DataPackets to a {@link SessionSink}. Fed datagrams, lookup results, send
 * requests and the time; owned by one thread; no clock, socket or thread
 * inside. Randomness (ephemeral keys, epoch, rekey jitter) comes from the
 * injected {@link Random}.
 *
 * <h2>Theory of operation</h2>
 *
 * <p><b>Opening</b> (design/fips-session-layer.md "Session Establishment";
 * INTEROP.md 8.3, 8.6, 8.9). {@link #send} to a node with no session needs its
 * key from the identity cache ({@link SendOutcome#NO_IDENTITY} otherwise) and
 * a route (a direct peer or cached coordinates); without a route a lookup
 * starts. Either way the packet is held: {@code pending_packets_per_dest} per
 * destination and {@code pending_max_destinations} destinations, the oldest
 * dropped first. The initiator sends a SessionSetup (XK msg1, its own
 * coordinates, the destination's cached ones or else its own again), the
 * responder answers with a SessionAck (XK msg2, its coordinates and the
 * initiator's copied from the Setup) and the initiator completes with
 * SessionMsg3 and is established at once; the responder is established when
 * msg3 verifies and names the datagram's source (INTEROP.md 8.6). Both flush
 * their held packets then. Setup and Ack are resent as stored, 1 s after
 * sending and then with doubling intervals, at most 5 times; a handshake
 * idle for 30 s is removed. A duplicate Setup while awaiting msg3 gets the
 * stored Ack again. Crossing Setups: the smaller NodeAddr stays initiator and
 * drops the peer's Setup; the larger one abandons its own and answers.
 *
 * <p><b>msg3 reliability</b> (INTEROP.md 8.8). The initiator keeps its msg3
 * and resends it (same schedule) until a frame from the peer authenticates
 * under the keys it made, or answers a duplicate Ack with it. This covers
 * the initial handshake as well as rekeys: a lost msg3 otherwise leaves the
 * responder unable to decrypt anything.
 *
 * <p><b>Admission</b> (INTEROP.md 8.6). The reference limits Setups that
 * would open a new session per link peer (burst 64, 16/s). The mesh layer
 * hands this core no link peer, only the datagram's source, so the bucket is
 * kept per source NodeAddr (at most {@value #SETUP_BUCKETS} of them, oldest
 * forgotten first); a flood of forged sources is still bounded by the DH
 * work of a responder per Setup that passes.
 *
 * <p><b>Data</b> (INTEROP.md 8.4). A DataPacket is sealed in place in a
 * per-core buffer with the envelope headroom in front and handed to the mesh
 * layer, which builds the SessionDatagram around it without a copy. Received
 * messages are trial-decrypted with the current, pending and previous keys
 * (pending first when the K bit differs from ours), each with its own 2048
 * replay window, into a per-core buffer, and DataPackets go to the sink with
 * their ports; the sink drops ports it does not serve. SenderReport and
 * ReceiverReport are counted and ignored (session MMP is not built);
 * PathMtuNotification lowers the session path MTU at once and raises it only
 * after three equal higher reports spanning two notify intervals
 * (INTEROP.md 10.4). As the destination this core echoes the path MTU it
 * sees on arriving datagrams: when first measured, at once when it falls,
 * and every 10 s while data arrives. The inner timestamp is milliseconds
 * since establishment or the last cutover.
 *
 * <p><b>Coordinate warmup</b> (INTEROP.md 8.7). The first
 * {@code coords_warmup_packets} DataPackets after establishment (or a reset)
 * carry {@code own coords ‖ dest coords} in clear with CP if
 * {@code 106 + 4 + coords + payload <= transport MTU}; otherwise a standalone
 * CoordsWarmup goes first and the data without CP. The counter resets on
 * CoordsRequired, PathBroken and a successful lookup for an established
 * session.
 *
 * <p><b>Error signals</b> (INTEROP.md 8.5, 15 D15). Only about a destination
 * this node holds an established or initiated session with: CoordsRequired
 * and PathBroken send a standalone CoordsWarmup (at most one per destination
 * per {@code coords_response_interval_ms}), start a lookup if the key is
 * cached and reset the warmup counter; PathBroken also drops the cached
 * coordinates. MtuExceeded (at least 256) lowers the session path MTU.
 *
 * <p><b>Rekey</b> (INTEROP.md 8.8). On age (after_secs ± jitter) or messages
 * sent, an established session with a route and no rekey state runs a fresh
 * XK exchange in plaintext Setup/Ack/msg3 while the old keys carry traffic.
 * The initiator keeps the new keys pending and cuts over 2000 ms after msg3
 * (K toggles, timestamp base resets); the responder keeps them pending from
 * msg3 and promotes them when a frame authenticates under them. Previous
 * keys are kept for a 10 s drain, extended while frames still decrypt under
 * them. Crossing rekey Setups: the smaller NodeAddr wins; a Setup while
 * pending keys exist is dropped; a node that answered a rekey does not start
 * its own for 30 s. The responder checks that msg3's static key is the
 * session's.
 *
 * <p><b>Idle</b> (INTEROP.md 8.6). An established session with no DataPacket
 * sent or received for {@code idle_timeout_secs} is removed silently.
 *
 * <p><b>Allocation</b>. Steady-state {@link #send} and receive of DataPackets
 * allocate nothing: the session is found by two longs, the per-session
 * NodeAddr is reused, the buffers are the core's ({@link Scratch}). Handshakes,
 * warmup packets, signals and held packets allocate (control plane).
 *
 * <p>Every drop and outcome is counted ({@link #counters()}); hostile bytes
 * never throw.
 */
public final class SessionCore {
    /** Largest FSP message the mesh layer carries (the router's payload limit). */
    public static final int MAX_MESSAGE_BYTES = Router.MAX_PAYLOAD_BYTES;
    /** Where messages are built in the transmit buffers: the envelope headroom. */
    private static final int MSG_OFF = SessionMesh.ENVELOPE_HEADROOM_BYTES;
    /** Setup admission buckets remembered at most. */
    static final int SETUP_BUCKETS = 4096;

    /**
     * The work buffers of a core: one to seal data into, one for control
     * messages, one for decrypted plaintext (3 × 64 KiB). Cores owned by one
     * thread may share one if no core is entered from inside another's call
     * (the simulator's rule, as for {@code LinkCore.Scratch}).
     */
    public static final class Scratch {
        public Scratch() {}

        final byte[] tx = new byte[MSG_OFF + MAX_MESSAGE_BYTES];
        final byte[] ctl = new byte[MSG_OFF + MAX_MESSAGE_BYTES];
        final byte[] rx = new byte[0x10000];
    }

    /** A packet held while its session opens. */
    private record Held(int srcPort, int dstPort, byte[] data) {}

    /** The packets held for one destination. */
    private static final class HeldQueue {
        final ArrayDeque<Held> packets = new ArrayDeque<>();
        boolean lookupPending;
    }

    /** Setup admission token bucket of one source. */
    private static final class Bucket {
        double tokens;
        long lastMs;

        Bucket(double tokens, long nowMs) {
            this.tokens = tokens;
            this.lastMs = nowMs;
        }
    }

    private final Identity self;
    private final NodeAddr selfAddr;
    private final SessionConfig cfg;
    private final SessionMesh mesh;
    private final SessionSink sink;
    private final Random rng;
    private final AeadEngine engine;
    private final byte[] epoch = new byte[8];

    private final NodeAddrMap<Session> sessions = new NodeAddrMap<>(64);
    private final List<Session> sessionList = new ArrayList<>();
    private final LinkedHashMap<NodeAddr, HeldQueue> held = new LinkedHashMap<>();
    private final LinkedHashMap<NodeAddr, Bucket> setupBuckets = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeAddr, Bucket> eldest) {
            return size() > SETUP_BUCKETS;
        }
    };

    private final byte[] tx;
    private final byte[] ctl;
    private final byte[] rx;
    private final FspEncryptedFlyweight fly = new FspEncryptedFlyweight();
    private final FspInnerFlyweight inner = new FspInnerFlyweight();
    private boolean replaySeen;

    private final long[] sendCounts = new long[SendOutcome.COUNT];
    private final long[] counts = new long[SessionCounter.values().length];

    private long deadlineMs = Long.MAX_VALUE;
    private boolean deadlineDirty = true;
    private long lastNowMs;

    public SessionCore(Identity self, SessionConfig cfg, SessionMesh mesh, SessionSink sink, Random rng,
                       AeadEngine engine, long nowMs) {
        this(self, cfg, mesh, sink, rng, engine, new Scratch(), nowMs);
    }

    /** With the work buffers given: see {@link Scratch} for when cores may share them. */
    public SessionCore(Identity self, SessionConfig cfg, SessionMesh mesh, SessionSink sink, Random rng,
                       AeadEngine engine, Scratch scratch, long nowMs) {
        this.self = Objects.requireNonNull(self, "self");
        this.selfAddr = self.nodeAddr();
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.mesh = Objects.requireNonNull(mesh, "mesh");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tx = scratch.tx;
        this.ctl = scratch.ctl;
        this.rx = scratch.rx;
        rng.nextBytes(epoch); // the XK epoch payload; exchanged but never consulted (INTEROP.md 2.5, 15 D14)
        this.lastNowMs = nowMs;
    }

    public Identity identity() {
        return self;
    }

    public SessionConfig config() {
        return cfg;
    }

    // ================================================================ send

    /**
     * Sends a datagram to the node whose key is {@code dest} (an npub the
     * caller has: configuration, DNS, an application): the key goes to the
     * identity cache first, so the session can open and lookups can verify
     * the answer (INTEROP.md 8.6, 8.9), then as {@link #send(long, long, int,
     * int, byte[], int, int, long)}. For callers that address peers by key;
     * the per-packet path is the NodeAddr overload.
     *
     * @return a {@link SendOutcome} code
     */
    public int send(PublicKey dest, int srcPort, int dstPort, byte[] buf, int off, int len, long nowMs) {
        Objects.requireNonNull(dest, "dest");
        mesh.learnIdentity(dest);
        NodeAddr a = dest.nodeAddr();
        return send(a.hi(), a.lo(), srcPort, dstPort, buf, off, len, nowMs);
    }

    /**
     * Sends a datagram on a session to dest (opening it if needed; queued
     * while handshaking/looking up). {@code buf[off, off+len)} is read during
     * the call only.
     *
     * @return a {@link SendOutcome} code
     * @throws IllegalArgumentException if a port is not a u16
     * @throws IndexOutOfBoundsException if the range is not inside {@code buf}
     */
    public int send(long destHi, long destLo, int srcPort, int dstPort, byte[] buf, int off, int len, long nowMs) {
        if ((srcPort & ~0xffff) != 0 || (dstPort & ~0xffff) != 0) {
            throw new IllegalArgumentException("srcPort=" + srcPort + " dstPort=" + dstPort + " must be u16");
        }
        Objects.checkFromIndexSize(off, len, buf.length);
        lastNowMs = nowMs;
        if (destHi == selfAddr.hi() && destLo == selfAddr.lo()) {
            return outcome(SendOutcome.SELF);
        }
        if (dataMessageLength(0, len) > MAX_MESSAGE_BYTES) {
            return outcome(SendOutcome.TOO_BIG);
        }
        Session s = sessions.get(destHi, destLo);
        if (s != null) {
            if (s.established()) {
                return outcome(sendData(s, srcPort, dstPort, buf, off, len, nowMs));
            }
            hold(s.remote, srcPort, dstPort, buf, off, len);
            return outcome(SendOutcome.QUEUED);
        }
        // No session: control plane from here on (allocation is fine).
        PublicKey key = mesh.identity(destHi, destLo);
        if (key == null) {
            return outcome(SendOutcome.NO_IDENTITY);
        }
        NodeAddr dest = new NodeAddr(destHi, destLo);
        HeldQueue q = hold(dest, srcPort, dstPort, buf, off, len);
        deadlineDirty = true;
        if (mesh.hasRoute(destHi, destLo, nowMs)) {
            initiate(dest, key, nowMs);
            return outcome(SendOutcome.QUEUED);
        }
        if (!q.lookupPending) {
            q.lookupPending = true;
            count(SessionCounter.LOOKUP_STARTED);
            mesh.lookup(dest, nowMs); // may answer at once through onLookupDone
        }
        return outcome(held.get(dest) == q ? SendOutcome.QUEUED : SendOutcome.NO_ROUTE);
    }

    private int outcome(int o) {
        sendCounts[o]++;
        return o;
    }

    private static int dataMessageLength(int coordsLen, int payloadLen) {
        return FspEncryptedCodec.encodedLength(coordsLen, FspConstants.DATA_PORT_HEADER_BYTES + payloadLen);
    }

    /** Seals one DataPacket on an established session and hands it to the mesh; returns a SendOutcome. */
    private int sendData(Session s, int srcPort, int dstPort, byte[] buf, int off, int len, long nowMs) {
        int flags = s.kBit ? FspConstants.FLAG_K : 0;
        byte[] cp = null;
        int coordsLen = 0;
        if (s.warmupRemaining > 0) {
            // INTEROP.md 8.7: coordinates in the packet if it still fits the transport MTU, else a CoordsWarmup first.
            s.warmupRemaining--;
            cp = coordsSection(s, nowMs);
            if (SessionConfig.FIPS_OVERHEAD_BYTES + FspConstants.DATA_PORT_HEADER_BYTES + cp.length + len
                    <= mesh.transportMtu() && dataMessageLength(cp.length, len) <= MAX_MESSAGE_BYTES) {
                flags |= FspConstants.FLAG_CP;
                coordsLen = cp.length;
                count(SessionCounter.WARMUP_CP_IN_PACKET);
            } else {
                sendCoordsWarmup(s, cp, nowMs);
                count(SessionCounter.WARMUP_STANDALONE);
                cp = null;
            }
        }
        int bodyOff = FspEncryptedCodec.bodyOffset(MSG_OFF, coordsLen);
        DataPacketBody.writePorts(tx, bodyOff, srcPort, dstPort);
        System.arraycopy(buf, off, tx, bodyOff + FspConstants.DATA_PORT_HEADER_BYTES, len);
        int n = FspEncryptedCodec.seal(s.current.send(), flags, cp, 0, coordsLen, nowMs - s.timestampBaseMs,
                FspConstants.MSG_DATA_PACKET, 0, tx, bodyOff, FspConstants.DATA_PORT_HEADER_BYTES + len, tx, MSG_OFF);
        int r = SendOutcome.fromRoute(mesh.sendDatagram(s.remote, tx, MSG_OFF, n, nowMs));
        s.lastDataMs = nowMs;
        s.packetsSent++;
        s.bytesSent += len;
        if (s.current.send().sendCount() >= cfg.rekeyAfterMessages()) {
            deadlineDirty = true; // INTEROP.md 8.8 "Trigger" by message count
        }
        if (r == SendOutcome.NO_ROUTE) {
            recoveryLookup(s, nowMs);
        }
        return r;
    }

    /** A standalone CoordsWarmup (0x14): CP, empty body (INTEROP.md 8.4, 8.7). */
    private void sendCoordsWarmup(Session s, byte[] cp, long nowMs) {
        int flags = FspConstants.FLAG_CP | (s.kBit ? FspConstants.FLAG_K : 0);
        int n = FspEncryptedCodec.seal(s.current.send(), flags, cp, 0, cp.length, nowMs - s.timestampBaseMs,
                FspConstants.MSG_COORDS_WARMUP, 0, null, 0, 0, tx, MSG_OFF);
        mesh.sendDatagram(s.remote, tx, MSG_OFF, n, nowMs);
    }

    /** PathMtuNotification (0x13) with the forward path MTU this node observed (design/fips-mtu.md). */
    private void sendPathMtuNotification(Session s, long nowMs) {
        int flags = s.kBit ? FspConstants.FLAG_K : 0;
        int bodyOff = FspEncryptedCodec.bodyOffset(MSG_OFF, 0);
        Le.putU16(tx, bodyOff, s.observedPathMtu);
        int n = FspEncryptedCodec.seal(s.current.send(), flags, nowMs - s.timestampBaseMs,
                FspConstants.MSG_PATH_MTU_NOTIFICATION, 0, tx, bodyOff, 2, tx, MSG_OFF);
        mesh.sendDatagram(s.remote, tx, MSG_OFF, n, nowMs);
        s.notifiedPathMtu = s.observedPathMtu;
        s.notifiedAtMs = nowMs;
        s.notifyDue = false;
        s.dataSinceNotify = false;
        count(SessionCounter.PMTU_NOTIFY_SENT);
    }

    /** {@code own coords ‖ dest coords} (cached, else own again), INTEROP.md 8.7. */
    private byte[] coordsSection(Session s, long nowMs) {
        Coordinates own = ownCoordinates();
        return FspEncryptedCodec.encodeCoordsSection(own, destCoordinates(s.remote, own, nowMs));
    }

    private Coordinates ownCoordinates() {
        Coords c = mesh.ownCoords();
        return c == null ? Coordinates.of(selfAddr) : new Coordinates(c.toList());
    }

    private Coordinates destCoordinates(NodeAddr dest, Coordinates own, long nowMs) {
        Coords c = mesh.cachedCoords(dest.hi(), dest.lo(), nowMs);
        return c == null ? own : new Coordinates(c.toList());
    }

    /** Sends a stored control message (handshake) to {@code dest}, built in place in the control buffer. */
    private void sendControl(NodeAddr dest, byte[] msg, long nowMs) {
        if (msg.length > MAX_MESSAGE_BYTES) {
            return; // cannot happen with our own coordinates; a huge echoed coordinate list is refused earlier
        }
        System.arraycopy(msg, 0, ctl, MSG_OFF, msg.length);
        mesh.sendDatagram(dest, ctl, MSG_OFF, msg.length, nowMs);
    }

    // ================================================================ the queue

    private HeldQueue hold(NodeAddr dest, int srcPort, int dstPort, byte[] buf, int off, int len) {
        HeldQueue q = held.get(dest);
        if (q == null) {
            if (held.size() >= cfg.pendingMaxDestinations()) {
                Iterator<Map.Entry<NodeAddr, HeldQueue>> it = held.entrySet().iterator();
                Map.Entry<NodeAddr, HeldQueue> oldest = it.next();
                it.remove();
                int n = oldest.getValue().packets.size();
                counts[SessionCounter.QUEUE_DROPPED_DESTINATION.ordinal()] += n;
                if (n > 0) sink.sessionEvent(new SessionEvent.Unreachable(oldest.getKey(), "queue full", n));
            }
            q = new HeldQueue();
            held.put(dest, q);
        }
        if (q.packets.size() >= cfg.pendingPacketsPerDest()) {
            q.packets.pollFirst();
            count(SessionCounter.QUEUE_DROPPED_OLDEST);
        }
        q.packets.addLast(new Held(srcPort, dstPort, Arrays.copyOfRange(buf, off, off + len)));
        return q;
    }

    private void dropHeld(NodeAddr dest, String reason) {
        HeldQueue q = held.remove(dest);
        if (q != null && !q.packets.isEmpty()) {
            counts[SessionCounter.QUEUE_DROPPED_UNREACHABLE.ordinal()] += q.packets.size();
            sink.sessionEvent(new SessionEvent.Unreachable(dest, reason, q.packets.size()));
        }
    }

    private void flushHeld(Session s, long nowMs) {
        HeldQueue q = held.remove(s.remote);
        if (q == null) {
            return;
        }
        for (Held h; s.established() && (h = q.packets.pollFirst()) != null; ) {
            count(SessionCounter.QUEUE_FLUSHED); // already counted as send.queued
            sendData(s, h.srcPort, h.dstPort, h.data, 0, h.data.length, nowMs);
        }
    }

    // ================================================================ receive

    /** A SessionDatagram for this node ({@code MeshSink.deliverLocal}); {@code buf} is read during the call only. */
    public void onDatagram(long srcHi, long srcLo, byte[] buf, int off, int len, int pathMtu, long nowMs) {
        lastNowMs = nowMs;
        int kind = FspPrefix.classify(buf, off, len);
        switch (kind) {
            case FspPrefix.KIND_ENCRYPTED -> onEncrypted(srcHi, srcLo, buf, off, len, pathMtu, nowMs);
            case FspPrefix.KIND_ERROR_SIGNAL -> onErrorSignal(srcHi, srcLo, buf, off, len, nowMs);
            case FspPrefix.KIND_SESSION_SETUP -> onSetup(new NodeAddr(srcHi, srcLo), buf, off, len, nowMs);
            case FspPrefix.KIND_SESSION_ACK -> onAck(new NodeAddr(srcHi, srcLo), buf, off, len, nowMs);
            case FspPrefix.KIND_SESSION_MSG3 -> onMsg3(new NodeAddr(srcHi, srcLo), buf, off, len, nowMs);
            default -> drop(kind);
        }
    }

    private void drop(int fspDrop) {
        count(switch (fspDrop) {
            case FspDrop.BAD_PHASE -> SessionCounter.DROP_BAD_PHASE;
            case FspDrop.BAD_VERSION -> SessionCounter.DROP_BAD_VERSION;
            case FspDrop.TRUNCATED_COORDS -> SessionCounter.DROP_TRUNCATED_COORDS;
            case FspDrop.AUTH_FAILED -> SessionCounter.DROP_AUTH_FAILED;
            case FspDrop.REPLAYED -> SessionCounter.DROP_REPLAYED;
            default -> SessionCounter.DROP_TRUNCATED;
        });
    }

    private void onEncrypted(long srcHi, long srcLo, byte[] buf, int off, int len, int pathMtu, long nowMs) {
        int w = fly.wrap(buf, off, len);
        if (w != FspDrop.OK) {
            drop(w);
            return;
        }
        Session s = sessions.get(srcHi, srcLo);
        if (s == null) {
            count(SessionCounter.DROP_NO_SESSION);
            return;
        }
        if (s.current == null) {
            count(SessionCounter.DROP_NOT_ESTABLISHED);
            return;
        }
        // INTEROP.md 8.4: current, pending, previous; pending first when the K bit differs from ours.
        NoiseSession first = s.current;
        NoiseSession second = s.pending;
        if (fly.keyEpoch() != s.kBit && s.pending != null) {
            first = s.pending;
            second = s.current;
        }
        replaySeen = false;
        NoiseSession used = first;
        int n = open(first);
        if (n < 0 && second != null) {
            used = second;
            n = open(second);
        }
        if (n < 0 && s.previous != null) {
            used = s.previous;
            n = open(s.previous);
        }
        if (n < 0) {
            count(replaySeen ? SessionCounter.DROP_REPLAYED : SessionCounter.DROP_AUTH_FAILED);
            return;
        }
        if (used == s.msg3Keys) {
            s.msg3 = null; // the peer has our msg3: stop resending it (INTEROP.md 8.8)
            s.msg3Keys = null;
            s.msg3ForMsg2 = null;
            deadlineDirty = true;
        }
        if (used == s.pending) {
            count(SessionCounter.REKEY_PROMOTED);
            cutover(s, nowMs); // the peer switched: follow (INTEROP.md 8.8 "Cutover")
        } else if (used == s.previous) {
            count(SessionCounter.RX_PREVIOUS_KEYS);
            s.previousUntilMs = nowMs + SessionConfig.DRAIN_WINDOW_MS; // the drain is extended (INTEROP.md 8.8)
        }
        inner.wrap(rx, 0, n); // n >= 6: wrap() left room for the inner header
        int bodyOff = inner.bodyOffset();
        int bodyLen = inner.bodyLength();
        switch (inner.msgType()) {
            case FspConstants.MSG_DATA_PACKET -> {
                int payloadLen = DataPacketBody.payloadLength(bodyLen);
                if (payloadLen < 0) {
                    count(SessionCounter.DROP_DATA_TRUNCATED);
                    return;
                }
                count(SessionCounter.RX_DATA);
                s.lastDataMs = nowMs;
                s.packetsReceived++;
                s.bytesReceived += payloadLen;
                observePathMtu(s, pathMtu, nowMs);
                sink.deliver(srcHi, srcLo, DataPacketBody.srcPort(rx, bodyOff), DataPacketBody.dstPort(rx, bodyOff),
                        rx, DataPacketBody.payloadOffset(bodyOff), payloadLen, nowMs);
            }
            case FspConstants.MSG_SENDER_REPORT -> count(SessionCounter.RX_SENDER_REPORT); // MMP not built
            case FspConstants.MSG_RECEIVER_REPORT -> count(SessionCounter.RX_RECEIVER_REPORT);
            case FspConstants.MSG_PATH_MTU_NOTIFICATION -> {
                if (bodyLen < 2) {
                    count(SessionCounter.DROP_PMN_TRUNCATED);
                    return;
                }
                count(SessionCounter.RX_PATH_MTU_NOTIFICATION);
                onPathMtuNotification(s, Le.u16(rx, bodyOff), nowMs);
            }
            case FspConstants.MSG_COORDS_WARMUP -> count(SessionCounter.RX_COORDS_WARMUP); // the mesh cached the coords
            default -> count(SessionCounter.RX_UNKNOWN_MSG_TYPE);
        }
    }

    private int open(NoiseSession ns) {
        int r = fly.decrypt(ns, rx, 0);
        if (r == FspDrop.REPLAYED) {
            replaySeen = true;
        }
        return r;
    }

    /** Destination side of the path MTU echo (design/fips-mtu.md "End-to-End Echo"). */
    private void observePathMtu(Session s, int pathMtu, long nowMs) {
        if (pathMtu < SessionConfig.MIN_PATH_MTU) {
            return;
        }
        if ((s.observedPathMtu == 0 || pathMtu < s.notifiedPathMtu) && !s.notifyDue) {
            s.notifyDue = true; // first measurement, or a decrease: notify at once (INTEROP.md 10.4)
            wake(nowMs);
        }
        s.observedPathMtu = pathMtu;
        if (!s.dataSinceNotify) {
            s.dataSinceNotify = true;
            wake(s.notifiedAtMs == Long.MIN_VALUE ? nowMs : s.notifiedAtMs + SessionConfig.PATH_MTU_NOTIFY_INTERVAL_MS);
        }
    }

    /** Source side: lower at once, raise after three equal higher reports over two intervals (INTEROP.md 10.4). */
    private void onPathMtuNotification(Session s, int mtu, long nowMs) {
        if (mtu < SessionConfig.MIN_PATH_MTU) {
            count(SessionCounter.DROP_PMN_BELOW_FLOOR);
            return;
        }
        if (s.pathMtu == 0 || mtu < s.pathMtu) {
            setPathMtu(s, mtu);
            count(SessionCounter.PMTU_LOWERED);
        } else if (mtu > s.pathMtu) {
            if (mtu == s.raiseCandidate) {
                s.raiseCount++;
            } else {
                s.raiseCandidate = mtu;
                s.raiseCount = 1;
                s.raiseFirstMs = nowMs;
            }
            if (s.raiseCount >= SessionConfig.PATH_MTU_RAISE_REPORTS
                    && nowMs - s.raiseFirstMs >= 2 * SessionConfig.PATH_MTU_NOTIFY_INTERVAL_MS) {
                setPathMtu(s, mtu);
                count(SessionCounter.PMTU_RAISED);
            }
        } else {
            s.raiseCount = 0;
        }
    }

    private void setPathMtu(Session s, int mtu) {
        s.pathMtu = mtu;
        s.raiseCount = 0;
        s.raiseCandidate = 0;
        sink.sessionEvent(new SessionEvent.PathMtuChanged(s.remote, mtu));
    }

    // ================================================================ error signals

    private void onErrorSignal(long srcHi, long srcLo, byte[] buf, int off, int len, long nowMs) {
        ErrorSignal sig;
        try {
            sig = ErrorSignal.decode(buf, off, len);
        } catch (DecodeException e) {
            count(SessionCounter.SIGNAL_MALFORMED);
            return;
        }
        NodeAddr dest = sig.destAddr();
        Session s = sessions.get(dest.hi(), dest.lo());
        // INTEROP.md 8.5: only about a session this node holds established or initiated, dest ≠ self, src ≠ dest.
        if (s == null || !(s.established() || s.state == Session.INITIATING) || dest.equals(selfAddr)
                || (dest.hi() == srcHi && dest.lo() == srcLo)) {
            count(SessionCounter.SIGNAL_NO_SESSION);
            return;
        }
        switch (sig.type()) {
            case ErrorSignal.TYPE_COORDS_REQUIRED -> {
                count(SessionCounter.SIGNAL_COORDS_REQUIRED);
                rewarm(s, false, nowMs);
            }
            case ErrorSignal.TYPE_PATH_BROKEN -> {
                count(SessionCounter.SIGNAL_PATH_BROKEN);
                rewarm(s, true, nowMs);
            }
            default -> {
                count(SessionCounter.SIGNAL_MTU_EXCEEDED);
                int mtu = ((MtuExceeded) sig).mtu();
                if (mtu < SessionConfig.MIN_PATH_MTU) {
                    count(SessionCounter.SIGNAL_MTU_BELOW_FLOOR);
                } else if (s.pathMtu == 0 || mtu < s.pathMtu) {
                    setPathMtu(s, mtu);
                    count(SessionCounter.PMTU_LOWERED);
                }
            }
        }
    }

    /** INTEROP.md 8.5 source reaction to CoordsRequired / PathBroken. */
    private void rewarm(Session s, boolean pathBroken, long nowMs) {
        deadlineDirty = true;
        if (s.established()) {
            if (s.lastWarmupResponseMs == Long.MIN_VALUE
                    || nowMs - s.lastWarmupResponseMs >= cfg.coordsResponseIntervalMs()) {
                s.lastWarmupResponseMs = nowMs;
                sendCoordsWarmup(s, coordsSection(s, nowMs), nowMs);
                count(SessionCounter.WARMUP_RESPONSE_SENT);
            } else {
                count(SessionCounter.WARMUP_RESPONSE_RATE_LIMITED);
            }
        }
        if (pathBroken) {
            mesh.forgetCoords(s.remote.hi(), s.remote.lo());
        }
        s.warmupRemaining = cfg.coordsWarmupPackets();
        if (mesh.identity(s.remote.hi(), s.remote.lo()) != null) {
            s.lastRecoveryLookupMs = nowMs;
            count(SessionCounter.LOOKUP_STARTED);
            mesh.lookup(s.remote, nowMs); // INTEROP.md 15 D15: only with the key cached
        }
    }

    /** A data send found no route on an established session: look the destination up again, rate-limited. */
    private void recoveryLookup(Session s, long nowMs) {
        if (s.lastRecoveryLookupMs != Long.MIN_VALUE && nowMs - s.lastRecoveryLookupMs < cfg.coordsResponseIntervalMs()) {
            return;
        }
        s.lastRecoveryLookupMs = nowMs;
        count(SessionCounter.LOOKUP_STARTED);
        mesh.lookup(s.remote, nowMs);
    }

    /** A lookup this node started finished ({@code MeshSink.lookupDone}); coords null on failure. */
    public void onLookupDone(NodeAddr target, Coords coords, int pathMtu, String failure, long nowMs) {
        lastNowMs = nowMs;
        deadlineDirty = true;
        Session s = sessions.get(target.hi(), target.lo());
        HeldQueue q = held.get(target);
        if (q != null) {
            q.lookupPending = false;
        }
        if (coords != null && failure == null) {
            count(SessionCounter.LOOKUP_SUCCEEDED);
            if (s != null && s.established()) {
                s.warmupRemaining = cfg.coordsWarmupPackets(); // INTEROP.md 8.7
            }
            if (s == null && q != null) {
                PublicKey key = mesh.identity(target.hi(), target.lo());
                if (key != null) {
                    initiate(target, key, nowMs);
                } else {
                    dropHeld(target, "identity unknown");
                }
            }
        } else {
            count(SessionCounter.LOOKUP_FAILED);
            if (s == null) {
                dropHeld(target, failure == null ? "lookup failed" : failure);
            }
        }
    }

    // ================================================================ handshakes

    private void initiate(NodeAddr dest, PublicKey key, long nowMs) {
        Session s = new Session(dest);
        s.remoteKey = key;
        s.initiator = true;
        s.state = Session.INITIATING;
        s.hs = XkHandshake.initiator(self.secret(), key, SecretKey.generate(rng), epoch);
        byte[] msg1 = s.hs.writeMessage1();
        Coordinates own = ownCoordinates();
        s.hsMessage = new SessionSetup(own, destCoordinates(dest, own, nowMs), msg1).encode();
        s.hsLastActivityMs = nowMs;
        s.hsResends = 0;
        s.hsNextResendMs = nowMs + cfg.handshakeResendIntervalMs();
        add(s);
        sendControl(dest, s.hsMessage, nowMs);
        count(SessionCounter.HS_SETUP_SENT);
    }

    private void onSetup(NodeAddr src, byte[] buf, int off, int len, long nowMs) {
        SessionSetup setup;
        try {
            setup = SessionSetup.decode(buf, off, len);
        } catch (FspDecodeException e) {
            count(SessionCounter.HS_SETUP_MALFORMED);
            return;
        }
        deadlineDirty = true;
        byte[] msg1 = setup.handshake();
        Session s = sessions.get(src);
        if (s == null) {
            if (!admitSetup(src, nowMs)) {
                count(SessionCounter.HS_SETUP_RATE_LIMITED);
                return;
            }
            respond(new Session(src), setup, msg1, nowMs);
            return;
        }
        switch (s.state) {
            case Session.INITIATING -> {
                // INTEROP.md 8.6: crossing Setups; the smaller NodeAddr keeps initiating.
                if (selfAddr.compareTo(src) < 0) {
                    count(SessionCounter.HS_SETUP_CROSSING_DROPPED);
                    return;
                }
                if (respond(s, setup, msg1, nowMs)) {
                    count(SessionCounter.HS_SETUP_CROSSING_YIELDED);
                }
            }
            case Session.AWAITING_MSG3 -> {
                if (Arrays.equals(msg1, s.hsPeerMsg1)) {
                    // INTEROP.md 8.6: resend the stored Ack. It stands for the next timed resend too, so a
                    // duplicate Setup and the responder's own timer do not send two copies at once.
                    count(SessionCounter.HS_SETUP_DUPLICATE);
                    sendControl(src, s.hsMessage, nowMs);
                    count(SessionCounter.HS_ACK_RESENT);
                    s.hsLastActivityMs = nowMs;
                    if (s.hsResends < cfg.handshakeMaxResends()) {
                        s.hsResends++;
                        s.hsNextResendMs = nowMs + resendDelay(s.hsResends);
                    }
                    return;
                }
                if (respond(s, setup, msg1, nowMs)) {
                    count(SessionCounter.HS_SETUP_REPLACED); // the initiator started over (e.g. restarted)
                }
            }
            default -> onRekeySetup(s, setup, msg1, nowMs);
        }
    }

    /** Setup admission per source (see the class comment, "Admission"). */
    private boolean admitSetup(NodeAddr src, long nowMs) {
        Bucket b = setupBuckets.get(src);
        if (b == null) {
            b = new Bucket(cfg.sessionSetupBurst(), nowMs);
            setupBuckets.put(src, b);
        }
        if (nowMs > b.lastMs) {
            b.tokens = Math.min(cfg.sessionSetupBurst(),
                    b.tokens + (nowMs - b.lastMs) * cfg.sessionSetupRatePerSec() / 1000.0);
            b.lastMs = nowMs;
        }
        if (b.tokens >= 1.0) {
            b.tokens -= 1.0;
            return true;
        }
        return false;
    }

    /**
     * Answers an initial Setup: {@code s} becomes (or starts as) a responder awaiting msg3.
     *
     * @return false if msg1 was rejected ({@code s} is unchanged)
     */
    private boolean respond(Session s, SessionSetup setup, byte[] msg1, long nowMs) {
        XkHandshake hs = XkHandshake.responder(self.secret(), SecretKey.generate(rng), epoch);
        byte[] ack;
        try {
            hs.readMessage1(msg1, 0, msg1.length);
            ack = new SessionAck(ownCoordinates(), setup.srcCoords(), hs.writeMessage2()).encode();
        } catch (HandshakeException | IllegalArgumentException e) {
            count(SessionCounter.HS_SETUP_REJECTED); // a bad ephemeral, or coordinates too long to echo
            return false;
        }
        s.hs = hs;
        s.state = Session.AWAITING_MSG3;
        s.initiator = false;
        s.hsMessage = ack;
        s.hsPeerMsg1 = msg1;
        s.hsResends = 0;
        s.hsNextResendMs = nowMs + cfg.handshakeResendIntervalMs();
        s.hsLastActivityMs = nowMs;
        if (sessions.get(s.remote) != s) {
            add(s);
        }
        sendControl(s.remote, ack, nowMs);
        count(SessionCounter.HS_ACK_SENT);
        return true;
    }

    /** A Setup on an established session: a rekey (or a restarted peer's fresh handshake), INTEROP.md 8.8. */
    private void onRekeySetup(Session s, SessionSetup setup, byte[] msg1, long nowMs) {
        if (Arrays.equals(msg1, s.lastPeerMsg1)) {
            count(SessionCounter.HS_SETUP_DUPLICATE); // a late copy of the handshake already completed
            return;
        }
        if (s.rekeyHs != null) {
            if (s.rekeyInitiator) {
                // Dual initiation: the smaller NodeAddr keeps its own rekey.
                if (selfAddr.compareTo(s.remote) < 0) {
                    count(SessionCounter.REKEY_SETUP_LOST_TIE);
                    return;
                }
                count(SessionCounter.REKEY_YIELDED);
                s.rekeyHs = null;
                s.rekeyMessage = null;
            } else if (Arrays.equals(msg1, s.rekeyPeerMsg1)) {
                count(SessionCounter.HS_SETUP_DUPLICATE);
                sendControl(s.remote, s.rekeyMessage, nowMs);
                count(SessionCounter.HS_ACK_RESENT);
                return;
            }
        }
        if (s.pending != null) {
            count(SessionCounter.REKEY_SETUP_PENDING_EXISTS);
            return;
        }
        XkHandshake hs = XkHandshake.responder(self.secret(), SecretKey.generate(rng), epoch);
        byte[] ack;
        try {
            hs.readMessage1(msg1, 0, msg1.length);
            ack = new SessionAck(ownCoordinates(), setup.srcCoords(), hs.writeMessage2()).encode();
        } catch (HandshakeException | IllegalArgumentException e) {
            count(SessionCounter.HS_SETUP_REJECTED);
            return;
        }
        s.rekeyHs = hs;
        s.rekeyInitiator = false;
        s.rekeyMessage = ack;
        s.rekeyPeerMsg1 = msg1;
        s.rekeyStartedMs = nowMs;
        s.rekeyResends = 0;
        s.dampenedUntilMs = nowMs + SessionConfig.REKEY_DAMPENING_MS;
        sendControl(s.remote, ack, nowMs);
        count(SessionCounter.REKEY_RESPONDED);
        count(SessionCounter.HS_ACK_SENT);
    }

    private void onAck(NodeAddr src, byte[] buf, int off, int len, long nowMs) {
        SessionAck ack;
        try {
            ack = SessionAck.decode(buf, off, len);
        } catch (FspDecodeException e) {
            count(SessionCounter.HS_ACK_MALFORMED);
            return;
        }
        deadlineDirty = true;
        Session s = sessions.get(src);
        if (s == null) {
            count(SessionCounter.HS_ACK_UNEXPECTED);
            return;
        }
        byte[] msg2 = ack.handshake();
        if (s.state == Session.INITIATING) {
            byte[] m3 = answerAck(s.hs, msg2, src, nowMs);
            if (m3 == null) {
                return;
            }
            establish(s, s.hs.split(), true, nowMs);
            armMsg3(s, m3, msg2, s.current, nowMs);
            flushHeld(s, nowMs);
        } else if (s.established() && s.rekeyHs != null && s.rekeyInitiator) {
            byte[] m3 = answerAck(s.rekeyHs, msg2, src, nowMs);
            if (m3 == null) {
                return;
            }
            if (s.pending != null) {
                s.pending.close();
            }
            s.pending = new NoiseSession(s.rekeyHs.split(), engine);
            s.pendingIsOurs = true;
            s.cutoverAtMs = nowMs + SessionConfig.CUTOVER_DELAY_MS; // INTEROP.md 8.8 "Cutover"
            s.rekeyHs = null;
            s.rekeyMessage = null;
            armMsg3(s, m3, msg2, s.pending, nowMs);
        } else if (s.established() && s.msg3 != null && Arrays.equals(msg2, s.msg3ForMsg2)) {
            count(SessionCounter.HS_ACK_DUPLICATE); // our msg3 was lost: the responder resent its Ack
            sendControl(src, s.msg3, nowMs);
            count(SessionCounter.HS_MSG3_RESENT);
        } else {
            count(SessionCounter.HS_ACK_UNEXPECTED);
        }
    }

    /**
     * Reads an Ack's msg2 into {@code hs} and sends msg3 (first handshake or
     * rekey, INTEROP.md 8.3, 8.8); the encoded SessionMsg3, or null (counted)
     * if the Ack does not authenticate, which leaves {@code hs} as it was
     * (INTEROP.md 2.6).
     */
    private byte[] answerAck(XkHandshake hs, byte[] msg2, NodeAddr src, long nowMs) {
        byte[] msg3;
        try {
            hs.readMessage2(msg2, 0, msg2.length);
            msg3 = hs.writeMessage3();
        } catch (HandshakeException e) {
            count(SessionCounter.HS_ACK_REJECTED);
            return null;
        }
        byte[] m3 = new SessionMsg3(msg3).encode();
        sendControl(src, m3, nowMs);
        count(SessionCounter.HS_MSG3_SENT);
        return m3;
    }

    private void armMsg3(Session s, byte[] m3, byte[] msg2, NoiseSession keys, long nowMs) {
        s.msg3 = m3;
        s.msg3ForMsg2 = msg2;
        s.msg3Keys = keys;
        s.msg3Resends = 0;
        s.msg3NextResendMs = nowMs + cfg.handshakeResendIntervalMs();
    }

    private void onMsg3(NodeAddr src, byte[] buf, int off, int len, long nowMs) {
        SessionMsg3 m;
        try {
            m = SessionMsg3.decode(buf, off, len);
        } catch (FspDecodeException e) {
            count(SessionCounter.HS_MSG3_MALFORMED);
            return;
        }
        deadlineDirty = true;
        Session s = sessions.get(src);
        if (s == null) {
            count(SessionCounter.HS_MSG3_UNEXPECTED);
            return;
        }
        byte[] msg3 = m.handshake();
        if (s.state == Session.AWAITING_MSG3) {
            try {
                s.hs.readMessage3(msg3, 0, msg3.length);
            } catch (HandshakeException e) {
                count(SessionCounter.HS_MSG3_REJECTED);
                return;
            }
            PublicKey initiatorKey = s.hs.remoteStatic();
            if (!initiatorKey.nodeAddr().equals(src)) {
                // INTEROP.md 8.6: the static key must be the datagram source's; the handshake stays unusable and times out.
                count(SessionCounter.HS_MSG3_IDENTITY_MISMATCH);
                return;
            }
            s.remoteKey = initiatorKey;
            mesh.learnIdentity(initiatorKey);
            s.lastPeerMsg1 = s.hsPeerMsg1;
            s.lastMsg3In = msg3;
            establish(s, s.hs.split(), false, nowMs);
            flushHeld(s, nowMs);
        } else if (s.established() && s.rekeyHs != null && !s.rekeyInitiator) {
            try {
                s.rekeyHs.readMessage3(msg3, 0, msg3.length);
            } catch (HandshakeException e) {
                count(SessionCounter.HS_MSG3_REJECTED);
                return;
            }
            if (!s.rekeyHs.remoteStatic().sameIdentity(s.remoteKey)) {
                count(SessionCounter.REKEY_KEY_MISMATCH); // INTEROP.md 8.8: must be the established peer's key
                s.rekeyHs = null;
                s.rekeyMessage = null;
                return;
            }
            s.pending = new NoiseSession(s.rekeyHs.split(), engine); // promoted by the first frame under it
            s.pendingIsOurs = false;
            count(SessionCounter.REKEY_PENDING);
            s.pendingUntilMs = nowMs + cfg.handshakeTimeoutMs();
            s.lastPeerMsg1 = s.rekeyPeerMsg1;
            s.lastMsg3In = msg3;
            s.rekeyHs = null;
            s.rekeyMessage = null;
            s.rekeyPeerMsg1 = null;
        } else if (s.established() && Arrays.equals(msg3, s.lastMsg3In)) {
            count(SessionCounter.HS_MSG3_DUPLICATE);
        } else {
            count(SessionCounter.HS_MSG3_UNEXPECTED);
        }
    }

    private void establish(Session s, TransportKeys keys, boolean initiator, long nowMs) {
        s.closeKeys();
        s.current = new NoiseSession(keys, engine);
        s.kBit = false;
        s.state = Session.ESTABLISHED;
        s.initiator = initiator;
        s.timestampBaseMs = nowMs; // INTEROP.md 8.4 "timestamp"
        s.lastDataMs = nowMs;
        s.establishedAtMs = nowMs;
        s.warmupRemaining = cfg.coordsWarmupPackets(); // INTEROP.md 8.7
        s.rekeyDueMs = nowMs + rekeyDelay();
        s.hs = null;
        s.hsMessage = null;
        s.hsPeerMsg1 = null;
        deadlineDirty = true;
        count(SessionCounter.SESSION_ESTABLISHED);
        sink.sessionEvent(new SessionEvent.Established(s.remote, initiator));
    }

    /** INTEROP.md 8.8 cutover (initiator timer) or promotion (a frame under the pending keys). */
    private void cutover(Session s, long nowMs) {
        boolean ours = s.pendingIsOurs;
        if (s.previous != null) {
            if (s.previous == s.msg3Keys) {
                s.msg3 = null;
                s.msg3Keys = null;
            }
            s.previous.close();
        }
        s.previous = s.current;
        s.previousUntilMs = nowMs + SessionConfig.DRAIN_WINDOW_MS;
        s.current = s.pending;
        s.pending = null;
        s.pendingIsOurs = false;
        s.kBit = !s.kBit;
        s.timestampBaseMs = nowMs;
        s.rekeyDueMs = nowMs + rekeyDelay();
        s.rekeys++;
        deadlineDirty = true;
        sink.sessionEvent(new SessionEvent.Rekeyed(s.remote, s.kBit, ours));
    }

    private long rekeyDelay() {
        long j = cfg.rekeyJitterMs();
        return cfg.rekeyAfterMs() + (j == 0 ? 0 : (long) (rng.nextDouble() * (2 * j + 1)) - j);
    }

    private void startRekey(Session s, long nowMs) {
        XkHandshake hs = XkHandshake.initiator(self.secret(), s.remoteKey, SecretKey.generate(rng), epoch);
        byte[] msg1 = hs.writeMessage1();
        Coordinates own = ownCoordinates();
        s.rekeyHs = hs;
        s.rekeyInitiator = true;
        s.rekeyMessage = new SessionSetup(own, destCoordinates(s.remote, own, nowMs), msg1).encode();
        s.rekeyPeerMsg1 = null;
        s.rekeyStartedMs = nowMs;
        s.rekeyResends = 0;
        s.rekeyNextResendMs = nowMs + cfg.handshakeResendIntervalMs();
        sendControl(s.remote, s.rekeyMessage, nowMs);
        count(SessionCounter.REKEY_INITIATED);
        count(SessionCounter.HS_SETUP_SENT);
    }

    // ================================================================ timers

    /** Runs every timer due at {@code nowMs}. */
    public void poll(long nowMs) {
        lastNowMs = nowMs;
        for (int i = sessionList.size() - 1; i >= 0; i--) {
            if (i >= sessionList.size()) {
                continue;
            }
            Session s = sessionList.get(i);
            if (s.established()) {
                pollEstablished(s, nowMs);
            } else {
                pollHandshake(s, nowMs);
            }
        }
        deadlineDirty = true;
    }

    private long resendDelay(int resendsDone) {
        return (long) (cfg.handshakeResendIntervalMs() * Math.pow(cfg.handshakeResendBackoff(), resendsDone));
    }

    private void pollHandshake(Session s, long nowMs) {
        if (nowMs - s.hsLastActivityMs >= cfg.handshakeTimeoutMs()) {
            count(SessionCounter.HS_TIMEOUT);
            remove(s, SessionEvent.CloseReason.HANDSHAKE_TIMEOUT);
            dropHeld(s.remote, "handshake timeout");
            return;
        }
        if (s.hsResends < cfg.handshakeMaxResends() && nowMs >= s.hsNextResendMs) {
            sendControl(s.remote, s.hsMessage, nowMs);
            s.hsResends++;
            s.hsNextResendMs = nowMs + resendDelay(s.hsResends);
            count(s.state == Session.INITIATING ? SessionCounter.HS_SETUP_RESENT : SessionCounter.HS_ACK_RESENT);
        }
    }

    private void pollEstablished(Session s, long nowMs) {
        if (nowMs - s.lastDataMs >= cfg.idleTimeoutMs()) {
            count(SessionCounter.SESSION_IDLE_TIMEOUT);
            remove(s, SessionEvent.CloseReason.IDLE_TIMEOUT);
            return;
        }
        if (s.msg3 != null && nowMs >= s.msg3NextResendMs) {
            if (s.msg3Resends >= cfg.handshakeMaxResends()) {
                count(SessionCounter.HS_MSG3_UNCONFIRMED);
                if (s.pending != null && s.pending == s.msg3Keys) {
                    s.pending.close(); // not cut over yet: abandon the rekey, the old keys go on
                    s.pending = null;
                    s.pendingIsOurs = false;
                    count(SessionCounter.REKEY_ABANDONED);
                }
                s.msg3 = null;
                s.msg3Keys = null;
                s.msg3ForMsg2 = null;
            } else {
                sendControl(s.remote, s.msg3, nowMs);
                s.msg3Resends++;
                s.msg3NextResendMs = nowMs + resendDelay(s.msg3Resends);
                count(SessionCounter.HS_MSG3_RESENT);
            }
        }
        if (s.pending != null) {
            if (s.pendingIsOurs && nowMs >= s.cutoverAtMs) {
                count(SessionCounter.REKEY_CUTOVER);
                cutover(s, nowMs);
            } else if (!s.pendingIsOurs && nowMs >= s.pendingUntilMs) {
                count(SessionCounter.REKEY_PENDING_EXPIRED);
                s.pending.close();
                s.pending = null;
            }
        }
        if (s.previous != null && nowMs >= s.previousUntilMs) {
            if (s.previous == s.msg3Keys) {
                s.msg3 = null;
                s.msg3Keys = null;
            }
            s.previous.close();
            s.previous = null;
        }
        if (s.rekeyHs != null) {
            if (nowMs - s.rekeyStartedMs >= cfg.handshakeTimeoutMs()) {
                count(s.rekeyInitiator ? SessionCounter.REKEY_ABANDONED : SessionCounter.REKEY_RESPONDER_EXPIRED);
                if (s.rekeyInitiator) {
                    s.rekeyDueMs = nowMs + rekeyDelay();
                }
                s.rekeyHs = null;
                s.rekeyMessage = null;
                s.rekeyPeerMsg1 = null;
            } else if (s.rekeyInitiator && s.rekeyResends < cfg.handshakeMaxResends()
                    && nowMs >= s.rekeyNextResendMs) {
                sendControl(s.remote, s.rekeyMessage, nowMs);
                s.rekeyResends++;
                s.rekeyNextResendMs = nowMs + resendDelay(s.rekeyResends);
                count(SessionCounter.HS_SETUP_RESENT);
            }
        } else if (rekeyEligible(s) && nowMs >= rekeyDueAt(s, nowMs)) {
            if (mesh.hasRoute(s.remote.hi(), s.remote.lo(), nowMs)) {
                startRekey(s, nowMs);
            } else {
                s.dampenedUntilMs = nowMs + cfg.handshakeResendIntervalMs(); // INTEROP.md 8.8: only with a route; retry
            }
        }
        if (s.observedPathMtu > 0 && (s.notifyDue || (s.dataSinceNotify && (s.notifiedAtMs == Long.MIN_VALUE
                || nowMs - s.notifiedAtMs >= SessionConfig.PATH_MTU_NOTIFY_INTERVAL_MS)))) {
            sendPathMtuNotification(s, nowMs);
        }
    }

    private boolean rekeyEligible(Session s) {
        return cfg.rekeyEnabled() && s.rekeyHs == null && s.pending == null && s.msg3 == null;
    }

    private long rekeyDueAt(Session s, long nowMs) {
        long due = s.current.send().sendCount() >= cfg.rekeyAfterMessages() ? nowMs : s.rekeyDueMs;
        return Math.max(due, s.dampenedUntilMs);
    }

    /** The earliest time {@link #poll} has work; {@link Long#MAX_VALUE} if none. */
    public long nextDeadlineMs() {
        if (deadlineDirty) {
            deadlineDirty = false;
            long d = Long.MAX_VALUE;
            for (int i = 0; i < sessionList.size(); i++) {
                d = Math.min(d, deadline(sessionList.get(i), lastNowMs));
            }
            deadlineMs = d;
        }
        return deadlineMs;
    }

    private void wake(long atMs) {
        if (atMs < deadlineMs) {
            deadlineMs = atMs;
        }
    }

    private long deadline(Session s, long nowMs) {
        if (!s.established()) {
            long d = s.hsLastActivityMs + cfg.handshakeTimeoutMs();
            return s.hsResends < cfg.handshakeMaxResends() ? Math.min(d, s.hsNextResendMs) : d;
        }
        long d = s.lastDataMs + cfg.idleTimeoutMs();
        if (s.msg3 != null) d = Math.min(d, s.msg3NextResendMs);
        if (s.pending != null) d = Math.min(d, s.pendingIsOurs ? s.cutoverAtMs : s.pendingUntilMs);
        if (s.previous != null) d = Math.min(d, s.previousUntilMs);
        if (s.rekeyHs != null) {
            d = Math.min(d, s.rekeyStartedMs + cfg.handshakeTimeoutMs());
            if (s.rekeyInitiator && s.rekeyResends < cfg.handshakeMaxResends()) d = Math.min(d, s.rekeyNextResendMs);
        } else if (rekeyEligible(s)) {
            d = Math.min(d, rekeyDueAt(s, nowMs));
        }
        if (s.observedPathMtu > 0) {
            if (s.notifyDue || (s.dataSinceNotify && s.notifiedAtMs == Long.MIN_VALUE)) {
                d = Math.min(d, nowMs);
            } else if (s.dataSinceNotify) {
                d = Math.min(d, s.notifiedAtMs + SessionConfig.PATH_MTU_NOTIFY_INTERVAL_MS);
            }
        }
        return d;
    }

    // ================================================================ session table

    private void add(Session s) {
        sessions.put(s.remote, s);
        sessionList.add(s);
        deadlineDirty = true;
    }

    private void remove(Session s, SessionEvent.CloseReason reason) {
        s.closeKeys();
        sessions.remove(s.remote);
        sessionList.remove(s);
        deadlineDirty = true;
        sink.sessionEvent(new SessionEvent.Closed(s.remote, reason));
    }

    // ================================================================ views

    /** The learned path MTU of an established session, 0 if unknown (or no session). */
    public int sessionPathMtu(long destHi, long destLo) {
        Session s = sessions.get(destHi, destLo);
        return s == null || !s.established() ? 0 : s.pathMtu;
    }

    public boolean established(long destHi, long destLo) {
        Session s = sessions.get(destHi, destLo);
        return s != null && s.established();
    }

    /** The session with {@code remote}, or null (tests in this package read its keys). */
    Session sessionFor(NodeAddr remote) {
        return sessions.get(remote);
    }

    /** Sessions in any state. */
    public int sessionCount() {
        return sessionList.size();
    }

    /** Packets held for destinations whose sessions are opening. */
    public int heldPackets() {
        int n = 0;
        for (HeldQueue q : held.values()) n += q.packets.size();
        return n;
    }

    /** Destinations with held packets. */
    public int heldDestinations() {
        return held.size();
    }

    /** Every session, for the control socket's {@code show_sessions}. */
    public List<SessionSnapshot> sessions(long nowMs) {
        List<SessionSnapshot> out = new ArrayList<>(sessionList.size());
        for (Session s : sessionList) {
            HeldQueue q = held.get(s.remote);
            long last = s.established() ? s.lastDataMs : s.hsLastActivityMs;
            out.add(new SessionSnapshot(s.remote, s.remoteKey == null ? null : s.remoteKey.npub(), s.stateName(),
                    s.initiator, last, nowMs - last, s.kBit, s.previous != null,
                    s.rekeyHs != null || s.pending != null, s.pathMtu, s.warmupRemaining,
                    q == null ? 0 : q.packets.size(), s.packetsSent, s.packetsReceived, s.bytesSent,
                    s.bytesReceived, s.rekeys));
        }
        return out;
    }

    /** Every drop and outcome by name: {@code send.<outcome>} and the {@link SessionCounter} names. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < SendOutcome.COUNT; i++) m.put("send." + SendOutcome.name(i), sendCounts[i]);
        for (SessionCounter c : SessionCounter.values()) m.put(c.key, counts[c.ordinal()]);
        return m;
    }

    /** One counter by name, 0 for an unknown name. */
    public long counter(String name) {
        return counters().getOrDefault(name, 0L);
    }

    private void count(SessionCounter c) {
        counts[c.ordinal()]++;
    }
}
