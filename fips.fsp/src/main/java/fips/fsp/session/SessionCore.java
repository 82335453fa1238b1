package fips.fsp.session;

import fips.fmp.internal.Le;
import fips.fmp.internal.NodeAddrMap;
import fips.fmp.route.Router;
import fips.fmp.tree.Coords;
import fips.fsp.wire.Coordinates;
import fips.fsp.wire.DataPacketBody;
import fips.fsp.wire.FspConstants;
import fips.fsp.wire.FspDrop;
import fips.fsp.wire.FspEncryptedCodec;
import fips.fsp.wire.FspEncryptedFlyweight;
import fips.fsp.wire.FspInnerFlyweight;
import fips.fsp.wire.FspPrefix;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.noise.AeadEngine;
import fips.noise.NoiseSession;
import java.util.ArrayList;
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
 * <p><b>Structure</b>. This class keeps the session table, the data path
 * (send, receive, the messages it seals), the counters, the deadline cache
 * and the public API; package-private parts it owns do the rest on its
 * thread, holding no state but the queue and the admission buckets:
 * {@link HeldPackets} (the queue),
 * {@link SessionHandshakes} (Setup/Ack/msg3, establishment, rekey, cutover),
 * {@link ErrorSignalReactions} (error signals and route recovery),
 * {@link SessionPathMtu} (the path MTU echo and its notifications) and
 * {@link SessionTimers} (everything {@link #poll} runs and
 * {@link #nextDeadlineMs} reports).
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

    private final Identity self;
    private final NodeAddr selfAddr;
    private final SessionConfig cfg;
    private final SessionMesh mesh;
    private final SessionSink sink;
    private final byte[] epoch = new byte[8];

    /** Sessions by remote NodeAddr (read and filled by the parts too). */
    final NodeAddrMap<Session> sessions = new NodeAddrMap<>(64);
    private final List<Session> sessionList = new ArrayList<>();
    /** Packets waiting for their sessions to open. */
    final HeldPackets held;
    private final SessionHandshakes handshakes;
    private final ErrorSignalReactions signals;
    private final SessionTimers timers;
    private final SessionPathMtu pathMtus;

    private final byte[] tx;
    private final byte[] ctl;
    private final byte[] rx;
    private final FspEncryptedFlyweight fly = new FspEncryptedFlyweight();
    private final FspInnerFlyweight inner = new FspInnerFlyweight();
    private boolean replaySeen;

    private final long[] sendCounts = new long[SendOutcome.COUNT];
    private final long[] counts = new long[SessionCounter.values().length];

    private long deadlineMs = Long.MAX_VALUE;
    /** Set by whatever may move a timer: {@link #nextDeadlineMs} then rescans. */
    boolean deadlineDirty = true;
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
        Objects.requireNonNull(rng, "rng"); // used by the handshakes
        Objects.requireNonNull(engine, "engine");
        this.tx = scratch.tx;
        this.ctl = scratch.ctl;
        this.rx = scratch.rx;
        rng.nextBytes(epoch); // the XK epoch payload; exchanged but never consulted (INTEROP.md 2.5, 15 D14)
        this.held = new HeldPackets(cfg, sink, counts);
        this.handshakes = new SessionHandshakes(this, self, cfg, mesh, sink, rng, engine, epoch);
        this.pathMtus = new SessionPathMtu(this, sink);
        this.signals = new ErrorSignalReactions(this, pathMtus, selfAddr, cfg, mesh);
        this.timers = new SessionTimers(this, handshakes, cfg, mesh);
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
            held.hold(s.remote, srcPort, dstPort, buf, off, len);
            return outcome(SendOutcome.QUEUED);
        }
        // No session: control plane from here on (allocation is fine).
        PublicKey key = mesh.identity(destHi, destLo);
        if (key == null) {
            return outcome(SendOutcome.NO_IDENTITY);
        }
        NodeAddr dest = new NodeAddr(destHi, destLo);
        HeldPackets.Queue q = held.hold(dest, srcPort, dstPort, buf, off, len);
        deadlineDirty = true;
        if (mesh.hasRoute(destHi, destLo, nowMs)) {
            handshakes.initiate(dest, key, nowMs);
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
            signals.recoveryLookup(s, nowMs);
        }
        return r;
    }

    /** A standalone CoordsWarmup (0x14): CP, empty body (INTEROP.md 8.4, 8.7). */
    void sendCoordsWarmup(Session s, byte[] cp, long nowMs) {
        int flags = FspConstants.FLAG_CP | (s.kBit ? FspConstants.FLAG_K : 0);
        int n = FspEncryptedCodec.seal(s.current.send(), flags, cp, 0, cp.length, nowMs - s.timestampBaseMs,
                FspConstants.MSG_COORDS_WARMUP, 0, null, 0, 0, tx, MSG_OFF);
        mesh.sendDatagram(s.remote, tx, MSG_OFF, n, nowMs);
    }

    /** PathMtuNotification (0x13) with the forward path MTU this node observed (design/fips-mtu.md). */
    void sendPathMtuNotification(Session s, long nowMs) {
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
    byte[] coordsSection(Session s, long nowMs) {
        Coordinates own = ownCoordinates();
        return FspEncryptedCodec.encodeCoordsSection(own, destCoordinates(s.remote, own, nowMs));
    }

    Coordinates ownCoordinates() {
        Coords c = mesh.ownCoords();
        return c == null ? Coordinates.of(selfAddr) : new Coordinates(c.toList());
    }

    Coordinates destCoordinates(NodeAddr dest, Coordinates own, long nowMs) {
        Coords c = mesh.cachedCoords(dest.hi(), dest.lo(), nowMs);
        return c == null ? own : new Coordinates(c.toList());
    }

    /** Sends a stored control message (handshake) to {@code dest}, built in place in the control buffer. */
    void sendControl(NodeAddr dest, byte[] msg, long nowMs) {
        if (msg.length > MAX_MESSAGE_BYTES) {
            return; // cannot happen with our own coordinates; a huge echoed coordinate list is refused earlier
        }
        System.arraycopy(msg, 0, ctl, MSG_OFF, msg.length);
        mesh.sendDatagram(dest, ctl, MSG_OFF, msg.length, nowMs);
    }

    // ================================================================ the queue

    void flushHeld(Session s, long nowMs) {
        HeldPackets.Queue q = held.remove(s.remote);
        if (q == null) {
            return;
        }
        for (HeldPackets.Held h; s.established() && (h = q.packets.pollFirst()) != null; ) {
            count(SessionCounter.QUEUE_FLUSHED); // already counted as send.queued
            sendData(s, h.srcPort(), h.dstPort(), h.data(), 0, h.data().length, nowMs);
        }
    }

    // ================================================================ receive

    /** A SessionDatagram for this node ({@code MeshSink.deliverLocal}); {@code buf} is read during the call only. */
    public void onDatagram(long srcHi, long srcLo, byte[] buf, int off, int len, int pathMtu, long nowMs) {
        lastNowMs = nowMs;
        int kind = FspPrefix.classify(buf, off, len);
        switch (kind) {
            case FspPrefix.KIND_ENCRYPTED -> onEncrypted(srcHi, srcLo, buf, off, len, pathMtu, nowMs);
            case FspPrefix.KIND_ERROR_SIGNAL -> signals.onErrorSignal(srcHi, srcLo, buf, off, len, nowMs);
            case FspPrefix.KIND_SESSION_SETUP -> handshakes.onSetup(new NodeAddr(srcHi, srcLo), buf, off, len, nowMs);
            case FspPrefix.KIND_SESSION_ACK -> handshakes.onAck(new NodeAddr(srcHi, srcLo), buf, off, len, nowMs);
            case FspPrefix.KIND_SESSION_MSG3 -> handshakes.onMsg3(new NodeAddr(srcHi, srcLo), buf, off, len, nowMs);
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
            handshakes.cutover(s, nowMs); // the peer switched: follow (INTEROP.md 8.8 "Cutover")
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
                pathMtus.observe(s, pathMtu, nowMs);
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
                pathMtus.onNotification(s, Le.u16(rx, bodyOff), nowMs);
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

    // ================================================================ lookups

    /** A lookup this node started finished ({@code MeshSink.lookupDone}); coords null on failure. */
    public void onLookupDone(NodeAddr target, Coords coords, int pathMtu, String failure, long nowMs) {
        lastNowMs = nowMs;
        deadlineDirty = true;
        Session s = sessions.get(target.hi(), target.lo());
        HeldPackets.Queue q = held.get(target);
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
                    handshakes.initiate(target, key, nowMs);
                } else {
                    held.drop(target, "identity unknown");
                }
            }
        } else {
            count(SessionCounter.LOOKUP_FAILED);
            if (s == null) {
                held.drop(target, failure == null ? "lookup failed" : failure);
            }
        }
    }

    // ================================================================ timers

    /** Runs every timer due at {@code nowMs}. */
    public void poll(long nowMs) {
        lastNowMs = nowMs;
        timers.poll(sessionList, nowMs);
        deadlineDirty = true;
    }


    /** The earliest time {@link #poll} has work; {@link Long#MAX_VALUE} if none. */
    public long nextDeadlineMs() {
        if (deadlineDirty) {
            deadlineDirty = false;
            long d = Long.MAX_VALUE;
            for (int i = 0; i < sessionList.size(); i++) {
                d = Math.min(d, timers.deadline(sessionList.get(i), lastNowMs));
            }
            deadlineMs = d;
        }
        return deadlineMs;
    }

    /** Brings the cached deadline forward to {@code atMs} without a rescan. */
    void wake(long atMs) {
        if (atMs < deadlineMs) {
            deadlineMs = atMs;
        }
    }

    // ================================================================ session table

    void add(Session s) {
        sessions.put(s.remote, s);
        sessionList.add(s);
        deadlineDirty = true;
    }

    void remove(Session s, SessionEvent.CloseReason reason) {
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
        return held.packets();
    }

    /** Destinations with held packets. */
    public int heldDestinations() {
        return held.destinations();
    }

    /** Every session, for the control socket's {@code show_sessions}. */
    public List<SessionSnapshot> sessions(long nowMs) {
        List<SessionSnapshot> out = new ArrayList<>(sessionList.size());
        for (Session s : sessionList) {
            long last = s.established() ? s.lastDataMs : s.hsLastActivityMs;
            out.add(new SessionSnapshot(s.remote, s.remoteKey == null ? null : s.remoteKey.npub(), s.stateName(),
                    s.initiator, last, nowMs - last, s.kBit, s.previous != null,
                    s.rekeyHs != null || s.pending != null, s.pathMtu, s.warmupRemaining,
                    held.packetsFor(s.remote), s.packetsSent, s.packetsReceived, s.bytesSent,
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

    void count(SessionCounter c) {
        counts[c.ordinal()]++;
    }
}
