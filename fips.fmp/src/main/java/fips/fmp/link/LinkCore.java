package fips.fmp.link;

import fips.fmp.wire.DisconnectReason;
import fips.fmp.wire.EstablishedFrame;
import fips.fmp.wire.FmpConstants;
import fips.fmp.wire.FmpPrefix;
import fips.fmp.wire.HandshakePacket;
import fips.fmp.wire.LinkMsgType;
import fips.fmp.wire.LinkPlaintext;
import fips.fmp.wire.PrefixVerdict;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.SecretKey;
import fips.link.spi.ConnectionState;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;
import fips.noise.AeadEngine;
import fips.noise.HandshakeException;
import fips.noise.IkHandshake;
import fips.noise.NoiseSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The FMP link layer as a sans-IO core (STYLE.md rule 1): authenticated,
 * encrypted, self-healing links to peers. Fed datagrams and the time; answers
 * through a {@link LinkSink}. Owned by one thread; no clock, no sockets, no
 * threads inside.
 *
 * <h2>Theory of operation</h2>
 *
 * <p><b>Handshake</b> (design/fips-mesh-layer.md "Peer Authentication";
 * INTEROP.md 2.3, 3.1). A dial allocates a random index (3.5), sends an IK
 * msg1 packet and resends the identical bytes on the 3.6 schedule until a
 * msg2 naming that index arrives or the handshake timeout passes; then the
 * dial is retried with backoff (node.retry.*). A responder answers a msg1 at
 * once and is up from then on; it keeps the msg1/msg2 pair to answer a
 * duplicate msg1 with the same msg2. A msg1 from a known identity is
 * classified as in INTEROP.md 3.7: new epoch = peer restart, young session =
 * duplicate, otherwise a rekey. When both sides dial at once, the smaller
 * NodeAddr's outbound handshake wins on both sides.
 *
 * <p><b>Frames</b> (INTEROP.md 3.2-3.4). receiver_idx finds the peer and the
 * session in O(1); the replay window is checked before and marked after the
 * AEAD; any authenticated frame moves the peer's address (roaming) and resets
 * its liveness clock. 20 failures in a row drop the peer.
 *
 * <p><b>Rekey</b> (INTEROP.md 3.8). On age or message count a fresh IK runs
 * over plaintext handshake packets with new indices while the old session
 * carries traffic. The initiator cuts over on its next poll after msg2; the
 * responder keeps the new keys pending and cuts over when the first frame
 * authenticates under them (the K bit flips with it), so a lost msg2 never
 * strands traffic. The old keys stay for a 10 s drain. Crossing rekeys: the
 * smaller NodeAddr keeps its own.
 *
 * <p><b>Liveness</b> (INTEROP.md 3.6, 3.9). Heartbeat every interval;
 * no authenticated frame for the dead timeout removes the peer; Disconnect
 * removes it at once. Configured peers are redialled.
 *
 * <p><b>Unauthenticated surface</b> (INTEROP.md 3.10). msg1 passes a token
 * bucket (a separate one for addresses of established peers) before any DH,
 * and a cap on unconfirmed inbound links. Every drop is counted by
 * {@link Drop}.
 */
public final class LinkCore {
    /**
     * While a connection-oriented transport (TCP, Tor) is connecting, how often
     * the core checks whether it can send msg1 (local tuning): the handshake
     * starts within this of the connection, not a whole resend interval later.
     */
    static final long CONNECT_POLL_MS = 25;

    /** {@link #send} result: no established link to that peer. */
    public static final int NO_LINK = -1;
    /** {@link #send} result: the frame would exceed the link MTU. */
    public static final int TOO_BIG = -2;

    private static final int MAX_FRAME = 65_535 + FmpConstants.FRAME_OVERHEAD_BYTES;

    private final Identity self;
    private final LinkConfig cfg;
    private final Random rng;
    private final LinkSink sink;
    private final AeadEngine engine;
    private final byte[] epoch = new byte[8];

    private final Map<NodeAddr, Peer> peers = new LinkedHashMap<>();
    private final IndexTable<Peer> indices = new IndexTable<>();
    private final Map<AddrKey, Peer> byAddress = new HashMap<>();
    private final TokenBucket strangerBucket;
    private final TokenBucket knownBucket;
    private final long[] drops = new long[Drop.values().length];

    private final byte[] rx;
    private final byte[] tx;
    private final byte[] one = new byte[1];

    private record AddrKey(Transport transport, TransportAddr addr) {}

    /**
     * The two frame-sized work buffers of a core: {@code rx} receives the
     * plaintext of an opened frame (what {@link LinkSink#deliver} is handed),
     * {@code tx} the frame {@link #send} seals (what {@link LinkSink#transmit}
     * is handed); 2 × 64 KiB. Each core makes its own unless given one.
     *
     * <p>Cores owned by the same thread may share one, as a simulator of many
     * nodes does, provided no core is entered from inside another's call: a
     * sink must not feed a datagram to, or poll, another core sharing the
     * buffers while it is being called (a delivery or transmit in progress
     * still holds them). Sending from inside this core's own callbacks is
     * fine: rx and tx are different arrays. A transmit must copy or send the
     * bytes before it returns (STYLE.md rule 7 already says so).
     */
    public static final class Scratch {
        final byte[] rx = new byte[MAX_FRAME];
        final byte[] tx = new byte[MAX_FRAME];
    }

    public LinkCore(Identity self, LinkConfig cfg, Random rng, LinkSink sink, long nowMs) {
        this(self, cfg, rng, sink, AeadEngine.selected(), nowMs);
    }

    public LinkCore(Identity self, LinkConfig cfg, Random rng, LinkSink sink, AeadEngine engine, long nowMs) {
        this(self, cfg, rng, sink, engine, new Scratch(), nowMs);
    }

    /** A core using {@code scratch} as its work buffers (see {@link Scratch} for when they may be shared). */
    public LinkCore(Identity self, LinkConfig cfg, Random rng, LinkSink sink, AeadEngine engine, Scratch scratch,
                    long nowMs) {
        this.rx = scratch.rx;
        this.tx = scratch.tx;
        this.self = self;
        this.cfg = cfg;
        this.rng = rng;
        this.sink = sink;
        this.engine = engine;
        rng.nextBytes(epoch); // INTEROP.md 1.1 "Startup epoch"
        this.strangerBucket = new TokenBucket(cfg.handshakeBurst(), cfg.handshakeRatePerSec(), nowMs);
        this.knownBucket = new TokenBucket(cfg.establishedHandshakeBurst(), cfg.establishedHandshakeRatePerSec(), nowMs);
    }

    public Identity identity() {
        return self;
    }

    public LinkConfig config() {
        return cfg;
    }

    /** This process's startup epoch (a copy). */
    public byte[] epoch() {
        return epoch.clone();
    }

    // ---------------------------------------------------------------- peers

    /**
     * Adds (or replaces the spec of) a configured peer; an auto-connect peer
     * is dialled at once.
     */
    public void addPeer(PeerSpec spec, long nowMs) {
        NodeAddr a = spec.key().nodeAddr();
        if (a.equals(self.nodeAddr())) {
            throw new IllegalArgumentException("peer " + spec.key().npub() + " is this node's own identity");
        }
        Peer p = peers.computeIfAbsent(a, k -> new Peer(spec.key(), spec));
        p.spec = spec;
        if (spec.autoConnect() && !p.isUp() && p.attempt == null) {
            p.retries = 0;
            p.unlimitedRetries = false;
            p.nextRetryMs = nowMs;
            dialIfDue(p, nowMs);
        }
    }

    /** Dials a peer now (operator {@code connect}), whether or not it is configured to auto-connect. */
    public void connect(PeerSpec spec, long nowMs) {
        NodeAddr a = spec.key().nodeAddr();
        if (a.equals(self.nodeAddr())) {
            throw new IllegalArgumentException("peer " + spec.key().npub() + " is this node's own identity");
        }
        Peer p = peers.computeIfAbsent(a, k -> new Peer(spec.key(), spec));
        if (p.spec == null) p.spec = spec;
        if (!p.isUp() && p.attempt == null) {
            p.addressCursor = 0;
            startDial(p, spec.addresses(), nowMs);
        }
    }

    /**
     * Sends Disconnect with {@code reason} and removes the link; the peer is not
     * redialled until {@link #addPeer} or {@link #connect} again.
     *
     * @return false if there was no such link
     */
    public boolean disconnect(NodeAddr peer, DisconnectReason reason, long nowMs) {
        Peer p = peers.get(peer);
        if (p == null || (!p.isUp() && p.attempt == null)) {
            return false;
        }
        if (p.isUp()) {
            sendDisconnect(p, reason, nowMs);
        }
        teardown(p, LinkEvent.DownReason.LOCAL_DISCONNECT, reason.name(), nowMs, false);
        return true;
    }

    /** Orderly shutdown: Disconnect(reason) to every peer, all links removed, nothing redialled. */
    public void shutdown(DisconnectReason reason, long nowMs) {
        for (Peer p : new ArrayList<>(peers.values())) {
            if (p.isUp()) {
                sendDisconnect(p, reason, nowMs);
            }
            if (p.isUp() || p.attempt != null) {
                teardown(p, LinkEvent.DownReason.LOCAL_DISCONNECT, reason.name(), nowMs, false);
            }
            p.nextRetryMs = Long.MAX_VALUE;
        }
    }

    public PeerLink peer(NodeAddr a) {
        Peer p = peers.get(a);
        return p != null && p.isUp() ? p : null;
    }

    /** Peers with an established link, in the order they were first known. */
    public List<PeerLink> links() {
        List<PeerLink> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.isUp()) out.add(p);
        }
        return out;
    }

    /** Dials in progress: peer display name and the address being tried. */
    public List<String> pendingDials() {
        List<String> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (p.attempt != null && !p.attempt.rekey) out.add(p.displayName() + " " + p.attempt.to);
        }
        return out;
    }

    public long drops(Drop d) {
        return drops[d.ordinal()];
    }

    /** Every drop counter by name, for operator tools. */
    public Map<String, Long> dropCounters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Drop d : Drop.values()) m.put(d.name().toLowerCase(java.util.Locale.ROOT), drops[d.ordinal()]);
        return m;
    }

    // ---------------------------------------------------------------- send

    /**
     * Encrypts {@code msgType ‖ body} on the current session of {@code peer}
     * and transmits it (INTEROP.md 3.2). Forwarding path: no allocation.
     *
     * @return the frame length, {@link #NO_LINK} or {@link #TOO_BIG}
     */
    public int send(NodeAddr peer, int msgType, byte[] body, int off, int len, long nowMs) {
        Peer p = peers.get(peer);
        if (p == null || p.current == null) {
            return NO_LINK;
        }
        return sendOn(p, msgType, body, off, len, nowMs);
    }

    private int sendOn(Peer p, int msgType, byte[] body, int off, int len, long nowMs) {
        int frameLen = len + FmpConstants.FRAME_OVERHEAD_BYTES + FmpConstants.INNER_HEADER_BYTES;
        if (frameLen > p.transport.linkMtu(p.remote)) {
            return TOO_BIG;
        }
        Peer.Session s = p.current;
        int flags = p.keyEpoch & FmpConstants.FLAG_K;
        int n = EstablishedFrame.seal(s.noise.send(), s.theirIdx, flags, nowMs - s.startMs, msgType,
                body, off, len, tx, 0);
        p.framesSent++;
        p.bytesSent += n;
        sink.transmit(p.transport, p.remote, tx, 0, n);
        return n;
    }

    private void sendDisconnect(Peer p, DisconnectReason reason, long nowMs) {
        one[0] = (byte) reason.code();
        sendOn(p, LinkMsgType.DISCONNECT, one, 0, 1, nowMs);
    }

    // ---------------------------------------------------------------- receive

    /**
     * One datagram from a transport. The buffer belongs to the caller and is
     * only read during the call (STYLE.md rule 7).
     */
    public void onDatagram(Transport transport, TransportAddr from, byte[] buf, int off, int len, long nowMs) {
        PrefixVerdict v = FmpPrefix.classify(buf, off, len);
        switch (v) {
            case ESTABLISHED -> onFrame(transport, from, buf, off, len, nowMs);
            case MSG1 -> onMsg1(transport, from, buf, off, len, nowMs);
            case MSG2 -> onMsg2(transport, from, buf, off, len, nowMs);
            case TOO_SHORT -> drops[Drop.TOO_SHORT.ordinal()]++;
            case BAD_VERSION -> drops[Drop.BAD_VERSION.ordinal()]++;
            case BAD_PHASE -> drops[Drop.BAD_PHASE.ordinal()]++;
            case BAD_PAYLOAD_LEN -> drops[Drop.BAD_LENGTH.ordinal()]++;
            case BAD_HANDSHAKE_FLAGS, BAD_HANDSHAKE_LENGTH -> drops[Drop.BAD_HANDSHAKE_FRAMING.ordinal()]++;
        }
    }

    private void onFrame(Transport transport, TransportAddr from, byte[] buf, int off, int len, long nowMs) {
        int idx = (buf[off + 4] & 0xff) | (buf[off + 5] & 0xff) << 8 | (buf[off + 6] & 0xff) << 16 | (buf[off + 7] & 0xff) << 24; // INTEROP.md 3.2 receiver_idx LE
        Peer p = indices.get(idx);
        if (p == null) {
            drops[Drop.UNKNOWN_INDEX.ordinal()]++;
            return;
        }
        Peer.Session s = p.current != null && p.current.ourIdx == idx ? p.current
                : p.pending != null && p.pending.ourIdx == idx ? p.pending
                : p.previous != null && p.previous.ourIdx == idx ? p.previous : null;
        if (s == null) {
            // The index belongs to a handshake in flight, not a session.
            drops[Drop.UNKNOWN_INDEX.ordinal()]++;
            return;
        }
        int n = EstablishedFrame.open(s.noise, buf, off, len, rx, 0);
        if (n < 0) {
            if (n == EstablishedFrame.REPLAYED) {
                drops[Drop.REPLAY.ordinal()]++;
            } else if (n == EstablishedFrame.AUTH_FAILED) {
                drops[Drop.BAD_MAC.ordinal()]++;
            } else {
                drops[Drop.PLAINTEXT_TOO_SHORT.ordinal()]++;
                return;
            }
            if (++p.decryptFailures >= LinkConfig.DECRYPT_FAILURE_THRESHOLD) {
                teardown(p, LinkEvent.DownReason.DECRYPT_FAILURES, p.decryptFailures + " in a row", nowMs, true);
            }
            return;
        }
        p.decryptFailures = 0;
        if (s == p.pending) {
            cutover(p, nowMs); // the peer switched keys: follow (INTEROP.md 3.8 "Receive-side K flip")
        }
        if (s == p.current && !s.confirmed && p.previous != null) {
            // First frame under the new keys: the peer has switched, so the old keys drain from now.
            p.previousUntilMs = nowMs + LinkConfig.DRAIN_WINDOW_MS;
        }
        s.confirmed = true;
        p.lastRecvMs = nowMs;
        p.framesReceived++;
        p.bytesReceived += len;
        if (p.transport != transport || !from.equals(p.remote)) {
            roam(p, transport, from);
        }
        int type = LinkPlaintext.msgType(rx, 0);
        int bodyOff = LinkPlaintext.bodyOffset(0);
        int bodyLen = LinkPlaintext.bodyLength(n);
        switch (type) {
            case LinkMsgType.HEARTBEAT -> { } // liveness only (INTEROP.md 3.6)
            case LinkMsgType.DISCONNECT -> {
                DisconnectReason r = bodyLen >= 1 ? DisconnectReason.fromCode(rx[bodyOff]) : DisconnectReason.OTHER;
                teardown(p, LinkEvent.DownReason.PEER_DISCONNECTED, r.name(), nowMs, true);
            }
            default -> sink.deliver(p, type, rx, bodyOff, bodyLen, nowMs);
        }
    }

    private void roam(Peer p, Transport transport, TransportAddr from) {
        String old = p.remoteAddress();
        byAddress.remove(new AddrKey(p.transport, p.remote), p);
        p.transport = transport;
        p.remote = from;
        byAddress.put(new AddrKey(transport, from), p);
        sink.event(new LinkEvent.Roamed(p.addr, p.displayName(), old, from.toString()));
    }

    private void onMsg1(Transport transport, TransportAddr from, byte[] buf, int off, int len, long nowMs) {
        Peer known = byAddress.get(new AddrKey(transport, from));
        // Responder idempotency: a resent msg1 gets the stored msg2, no new DH (INTEROP.md 3.6).
        if (known != null && known.lastMsg1 != null && known.lastMsg2UntilMs > nowMs
                && Arrays.equals(known.lastMsg1, 0, known.lastMsg1.length, buf, off, off + len)) {
            sink.transmit(transport, from, known.lastMsg2, 0, known.lastMsg2.length);
            return;
        }
        if (known == null && !transport.acceptsInbound()) {
            drops[Drop.INBOUND_REFUSED.ordinal()]++;
            return;
        }
        if (!(known != null ? knownBucket : strangerBucket).tryTake(nowMs)) {
            drops[Drop.RATE_LIMITED.ordinal()]++;
            return;
        }
        int theirIdx = HandshakePacket.senderIdx(buf, off);
        IkHandshake hs = IkHandshake.responder(self.secret(), SecretKey.generate(rng), epoch);
        try {
            hs.readMessage1(buf, off + HandshakePacket.MSG1_NOISE_OFFSET, FmpConstants.NOISE_MSG1_BYTES);
        } catch (HandshakeException e) {
            drops[Drop.BAD_HANDSHAKE.ordinal()]++;
            return;
        }
        NodeAddr who = hs.remoteStatic().nodeAddr();
        if (who.equals(self.nodeAddr())) {
            drops[Drop.SELF_HANDSHAKE.ordinal()]++;
            return;
        }
        if (known != null && !known.addr.equals(who) && !transport.acceptsInbound()) {
            // INTEROP.md 3.10: on a closed transport an owned address must keep its identity.
            drops[Drop.INBOUND_REFUSED.ordinal()]++;
            return;
        }
        byte[] remoteEpoch = hs.remoteEpoch();
        Peer p = peers.get(who);
        if (p != null && p.isUp()) {
            if (!Arrays.equals(remoteEpoch, p.remoteEpoch)) {
                // INTEROP.md 3.7 (2): the peer restarted.
                teardown(p, LinkEvent.DownReason.PEER_RESTARTED, "new epoch", nowMs, false);
                peers.put(who, p); // teardown forgets an unconfigured peer; it is coming straight back
                respondAndPromote(p, hs, transport, from, buf, off, len, theirIdx, remoteEpoch, nowMs);
                return;
            }
            Peer.Session cur = p.current;
            // INTEROP.md 3.7 (3) treats a msg1 on a session younger than 30 s as a duplicate. Here an
            // exact duplicate was answered above by bytes, and an unconfirmed session is replaced
            // below, so on a confirmed session a different msg1 with the same epoch is a rekey at any
            // age (local policy: short node.rekey.after_secs then works; a late crossing dial taken
            // for a rekey resolves the same way, as its pending keys are either used or expire).
            boolean rekeyable = cfg.rekeyEnabled() && cur.confirmed;
            if (!rekeyable) {
                // INTEROP.md 3.7 (3): a duplicate. An unconfirmed inbound session is replaced by the
                // newer handshake (the initiator evidently never got our msg2).
                if (!cur.initiator && !cur.confirmed) {
                    respondAndPromote(p, hs, transport, from, buf, off, len, theirIdx, remoteEpoch, nowMs);
                } else {
                    drops[Drop.REKEY_REJECTED.ordinal()]++;
                }
                return;
            }
            // INTEROP.md 3.7 (4) / 3.8: a rekey msg1.
            if (p.pending != null) {
                drops[Drop.REKEY_REJECTED.ordinal()]++;
                return;
            }
            if (p.attempt != null && p.attempt.rekey) {
                if (self.nodeAddr().compareTo(p.addr) < 0) {
                    drops[Drop.REKEY_REJECTED.ordinal()]++; // we win the race; our msg1 stands
                    return;
                }
                abandonAttempt(p); // we lose: answer theirs
            }
            int ourIdx = indices.allocate(rng, p);
            byte[] m2 = hs.writeMessage2();
            byte[] packet = HandshakePacket.encodeMsg2(ourIdx, theirIdx, m2);
            sink.transmit(transport, from, packet, 0, packet.length);
            p.pending = newSession(hs, ourIdx, theirIdx, false);
            p.pendingUntilMs = nowMs + cfg.handshakeTimeoutMs();
            p.rekeyDampenedUntilMs = nowMs + LinkConfig.REKEY_DAMPENING_MS;
            rememberHandshake(p, buf, off, len, packet, nowMs);
            return;
        }
        if (p == null) {
            if (countUp() >= cfg.maxPeers()) {
                drops[Drop.MAX_PEERS.ordinal()]++;
                return;
            }
            if (countUnconfirmedInbound() >= cfg.maxPendingInbound()) {
                drops[Drop.PENDING_LIMIT.ordinal()]++;
                return;
            }
            p = new Peer(hs.remoteStatic(), null);
            peers.put(who, p);
        }
        // New peer, a configured peer that is down, or a crossing dial (INTEROP.md 3.7 "Cross-connection").
        respondAndPromote(p, hs, transport, from, buf, off, len, theirIdx, remoteEpoch, nowMs);
    }

    private void respondAndPromote(Peer p, IkHandshake hs, Transport transport, TransportAddr from,
                                   byte[] buf, int off, int len, int theirIdx, byte[] remoteEpoch, long nowMs) {
        int ourIdx = indices.allocate(rng, p);
        byte[] m2 = hs.writeMessage2();
        byte[] packet = HandshakePacket.encodeMsg2(ourIdx, theirIdx, m2);
        sink.transmit(transport, from, packet, 0, packet.length);
        rememberHandshake(p, buf, off, len, packet, nowMs);
        establish(p, newSession(hs, ourIdx, theirIdx, false), transport, from, remoteEpoch, nowMs);
    }

    private void rememberHandshake(Peer p, byte[] buf, int off, int len, byte[] msg2Packet, long nowMs) {
        p.lastMsg1 = Arrays.copyOfRange(buf, off, off + len);
        p.lastMsg2 = msg2Packet;
        p.lastMsg2UntilMs = nowMs + cfg.handshakeTimeoutMs();
    }

    private void onMsg2(Transport transport, TransportAddr from, byte[] buf, int off, int len, long nowMs) {
        int idx = HandshakePacket.receiverIdx(buf, off);
        Peer p = indices.get(idx);
        Peer.Attempt a = p == null ? null : p.attempt;
        if (a == null || a.ourIdx != idx) {
            drops[Drop.UNEXPECTED_MSG2.ordinal()]++;
            return;
        }
        try {
            a.hs.readMessage2(buf, off + HandshakePacket.MSG2_NOISE_OFFSET, FmpConstants.NOISE_MSG2_BYTES);
        } catch (HandshakeException e) {
            drops[Drop.BAD_HANDSHAKE.ordinal()]++; // a forged msg2 leaves the dial waiting (INTEROP.md 2.6)
            return;
        }
        int theirIdx = HandshakePacket.senderIdx(buf, off);
        p.attempt = null;
        Peer.Session s = newSession(a.hs, a.ourIdx, theirIdx, true);
        if (a.rekey) {
            p.pending = s; // cut over on the next poll (INTEROP.md 3.8)
            p.pendingUntilMs = nowMs + cfg.handshakeTimeoutMs();
            return;
        }
        if (p.isUp()) {
            // Crossing dials: both sides promoted the other's msg1 already. The smaller NodeAddr
            // switches to its own outbound session; the larger keeps the inbound one (INTEROP.md 3.7).
            if (self.nodeAddr().compareTo(p.addr) < 0) {
                establish(p, s, transport, from, a.hs.remoteEpoch(), nowMs);
                confirm(p, nowMs);
            } else {
                // The smaller peer used this session (it was its inbound one) until it switched to its
                // own handshake: keep it as a draining previous session so what it sent meanwhile
                // (its first TreeAnnounce and FilterAnnounce) still decrypts. Never sent on.
                if (p.previous != null) release(p.previous);
                p.previous = s;
                p.previousUntilMs = nowMs + LinkConfig.DRAIN_WINDOW_MS;
            }
            return;
        }
        establish(p, s, transport, from, a.hs.remoteEpoch(), nowMs);
        confirm(p, nowMs);
    }

    /**
     * The initiator's first frame on a new link, at once: the responder learns the link is
     * confirmed (so a later msg1 is a rekey, not a replacement) without waiting for traffic.
     * Upstream sends its TreeAnnounce at this point for the same effect (INTEROP.md 3.7).
     */
    private void confirm(Peer p, long nowMs) {
        sendOn(p, LinkMsgType.HEARTBEAT, one, 0, 0, nowMs);
        p.nextHeartbeatMs = nowMs + cfg.heartbeatIntervalMs();
    }

    private Peer.Session newSession(IkHandshake hs, int ourIdx, int theirIdx, boolean initiator) {
        return new Peer.Session(new NoiseSession(hs.split(), engine), ourIdx, theirIdx, initiator);
    }

    private void establish(Peer p, Peer.Session s, Transport transport, TransportAddr addr, byte[] remoteEpoch, long nowMs) {
        boolean wasUp = p.isUp();
        if (p.current != null) release(p.current);
        if (p.pending != null) release(p.pending);
        if (p.previous != null) release(p.previous);
        p.pending = null;
        p.previous = null;
        p.current = s;
        s.startMs = nowMs;
        s.rekeyDueMs = nowMs + rekeyDelay();
        p.keyEpoch = 0; // a new link starts with K = 0 (INTEROP.md 3.3)
        if (p.remote != null) byAddress.remove(new AddrKey(p.transport, p.remote), p);
        p.transport = transport;
        p.remote = addr;
        byAddress.put(new AddrKey(transport, addr), p);
        p.remoteEpoch = remoteEpoch;
        p.establishedAtMs = nowMs;
        p.lastRecvMs = nowMs;
        p.nextHeartbeatMs = nowMs + cfg.heartbeatIntervalMs();
        p.decryptFailures = 0;
        p.retries = 0;
        p.nextRetryMs = Long.MAX_VALUE;
        if (!wasUp) {
            // A crossing dial switching sessions is still the same link: one Up per link (upper layers key on it).
            sink.event(new LinkEvent.Up(p.addr, p.displayName(), transport.name(), addr.toString(), s.initiator));
        }
    }

    private long rekeyDelay() {
        long j = cfg.rekeyJitterMs();
        // INTEROP.md 3.8 "Trigger": uniform jitter, redrawn per session.
        return cfg.rekeyAfterMs() + (j == 0 ? 0 : (long) (rng.nextDouble() * (2 * j + 1)) - j);
    }

    private void cutover(Peer p, long nowMs) {
        if (p.previous != null) release(p.previous);
        p.previous = p.current;
        // Until the peer is seen on the new keys it may keep sending on the old ones (a responder
        // switches on our first new-key frame, which may be lost): keep them for a handshake timeout
        // plus the drain; the first frame under the new keys shortens this to the drain window.
        p.previousUntilMs = nowMs + cfg.handshakeTimeoutMs() + LinkConfig.DRAIN_WINDOW_MS;
        p.current = p.pending;
        p.pending = null;
        p.current.startMs = nowMs;
        p.current.rekeyDueMs = nowMs + rekeyDelay();
        p.keyEpoch ^= 1;
        p.rekeys++;
        sink.event(new LinkEvent.Rekeyed(p.addr, p.displayName(), p.keyEpoch, p.current.initiator));
    }

    private void release(Peer.Session s) {
        indices.remove(s.ourIdx);
        s.noise.close();
    }

    private void abandonAttempt(Peer p) {
        if (p.attempt != null) {
            indices.remove(p.attempt.ourIdx);
            p.attempt = null;
        }
    }

    private void teardown(Peer p, LinkEvent.DownReason reason, String detail, long nowMs, boolean redial) {
        boolean wasUp = p.isUp();
        abandonAttempt(p);
        if (p.current != null) release(p.current);
        if (p.pending != null) release(p.pending);
        if (p.previous != null) release(p.previous);
        p.current = p.pending = p.previous = null;
        if (p.remote != null) byAddress.remove(new AddrKey(p.transport, p.remote), p);
        p.lastMsg1 = p.lastMsg2 = null;
        if (wasUp) {
            sink.event(new LinkEvent.Down(p.addr, p.displayName(), reason, detail));
        }
        if (redial && p.spec != null && p.spec.autoConnect() && p.spec.autoReconnect()) {
            // design/fips-mesh-layer.md "Auto-Reconnect": unlimited retries, first one now.
            p.unlimitedRetries = true;
            p.retries = 0;
            p.nextRetryMs = nowMs;
        } else if (p.spec == null) {
            peers.remove(p.addr);
        }
    }

    // ---------------------------------------------------------------- timers

    /** Runs every timer that is due at {@code nowMs} (INTEROP.md: "on the first tick at or after"). */
    public void poll(long nowMs) {
        for (Peer p : new ArrayList<>(peers.values())) {
            pollPeer(p, nowMs);
        }
    }

    private void pollPeer(Peer p, long nowMs) {
        Peer.Attempt a = p.attempt;
        if (a != null) {
            if (nowMs - a.startedMs >= cfg.handshakeTimeoutMs()) {
                abandonAttempt(p);
                if (!a.rekey && !p.isUp()) {
                    scheduleRetry(p, a, nowMs);
                }
            } else if (nowMs >= a.nextResendMs && a.resends < cfg.handshakeMaxResends() && (a.rekey || !p.isUp())) {
                // A dial is not resent once the link is up the other way round: it only waits for a
                // crossing msg2 already in flight. A late resend would reach a peer whose link is
                // confirmed and be taken for a rekey there.
                boolean connected = a.transport.connectionState(a.to) == ConnectionState.CONNECTED;
                if (!a.sent) {
                    // Connection-oriented transport: send msg1 as soon as the connection is there, then
                    // time resends from that moment; until then check every CONNECT_POLL_MS.
                    if (connected) {
                        sink.transmit(a.transport, a.to, a.packet, 0, a.packet.length);
                        a.sent = true;
                        a.nextResendMs = nowMs + cfg.handshakeResendIntervalMs();
                    } else {
                        a.nextResendMs = nowMs + CONNECT_POLL_MS;
                    }
                } else {
                    if (connected) {
                        sink.transmit(a.transport, a.to, a.packet, 0, a.packet.length);
                        a.resends++;
                    }
                    // INTEROP.md 3.6 "msg1 retransmit": first resend after the base interval, then backoff.
                    a.nextResendMs = nowMs + (long) (cfg.handshakeResendIntervalMs() * Math.pow(cfg.handshakeResendBackoff(), a.resends));
                }
            }
        }
        if (p.lastMsg2 != null && nowMs >= p.lastMsg2UntilMs) {
            p.lastMsg1 = p.lastMsg2 = null;
        }
        if (!p.isUp()) {
            dialIfDue(p, nowMs);
            return;
        }
        if (p.pending != null) {
            if (p.pending.initiator && p.attempt == null) {
                cutover(p, nowMs);
                // Tell the responder at once (it switches on the first frame under the new keys).
                sendOn(p, LinkMsgType.HEARTBEAT, one, 0, 0, nowMs);
                p.nextHeartbeatMs = nowMs + cfg.heartbeatIntervalMs();
            } else if (nowMs >= p.pendingUntilMs) {
                release(p.pending); // the initiator never switched; its rekey was abandoned
                p.pending = null;
            }
        }
        if (p.previous != null && nowMs >= p.previousUntilMs) {
            release(p.previous);
            p.previous = null;
        }
        boolean rekeyInFlight = p.attempt != null && p.attempt.rekey;
        if (nowMs - p.lastRecvMs >= cfg.deadTimeoutMs() && !rekeyInFlight) {
            teardown(p, LinkEvent.DownReason.DEAD_TIMEOUT, "no frame for " + (nowMs - p.lastRecvMs) + " ms", nowMs, true);
            dialIfDue(p, nowMs);
            return;
        }
        if (nowMs >= p.nextHeartbeatMs) {
            sendOn(p, LinkMsgType.HEARTBEAT, one, 0, 0, nowMs);
            p.nextHeartbeatMs = nowMs + cfg.heartbeatIntervalMs();
        }
        if (cfg.rekeyEnabled() && p.attempt == null && p.pending == null && nowMs >= p.rekeyDampenedUntilMs
                && (nowMs >= p.current.rekeyDueMs || p.current.noise.send().sendCount() >= cfg.rekeyAfterMessages())) {
            startAttempt(p, p.transport, p.remote, true, nowMs);
        }
    }

    /** The earliest time {@link #poll} has work to do, or {@code Long.MAX_VALUE}. */
    public long nextDeadlineMs() {
        long d = Long.MAX_VALUE;
        for (Peer p : peers.values()) {
            Peer.Attempt a = p.attempt;
            if (a != null) {
                d = Math.min(d, a.startedMs + cfg.handshakeTimeoutMs());
                if (a.resends < cfg.handshakeMaxResends() && (a.rekey || !p.isUp())) d = Math.min(d, a.nextResendMs);
            }
            if (p.lastMsg2 != null) d = Math.min(d, p.lastMsg2UntilMs);
            if (!p.isUp()) {
                if (p.attempt == null) d = Math.min(d, p.nextRetryMs);
                continue;
            }
            if (p.pending != null) d = Math.min(d, p.pending.initiator ? 0 : p.pendingUntilMs);
            if (p.previous != null) d = Math.min(d, p.previousUntilMs);
            if (p.attempt == null || !p.attempt.rekey) {
                d = Math.min(d, p.lastRecvMs + cfg.deadTimeoutMs()); // suspended during a rekey, as in poll
            }
            d = Math.min(d, p.nextHeartbeatMs);
            if (cfg.rekeyEnabled() && p.attempt == null && p.pending == null) {
                long due = p.current.noise.send().sendCount() >= cfg.rekeyAfterMessages() ? 0 : p.current.rekeyDueMs;
                d = Math.min(d, Math.max(due, p.rekeyDampenedUntilMs));
            }
        }
        return d;
    }

    // ---------------------------------------------------------------- dialling

    private void dialIfDue(Peer p, long nowMs) {
        if (p.attempt != null || p.isUp() || p.spec == null || nowMs < p.nextRetryMs || p.spec.addresses().isEmpty()) {
            return;
        }
        startDial(p, p.spec.addresses(), nowMs);
    }

    private void startDial(Peer p, List<PeerSpec.Address> addrs, long nowMs) {
        if (addrs.isEmpty()) return;
        PeerSpec.Address ad = addrs.get(Math.floorMod(p.addressCursor, addrs.size()));
        p.nextRetryMs = Long.MAX_VALUE;
        startAttempt(p, ad.transport(), ad.addr(), false, nowMs);
    }

    private void startAttempt(Peer p, Transport t, TransportAddr to, boolean rekey, long nowMs) {
        int ourIdx = indices.allocate(rng, p);
        IkHandshake hs = IkHandshake.initiator(self.secret(), p.key, SecretKey.generate(rng), epoch);
        byte[] packet = HandshakePacket.encodeMsg1(ourIdx, hs.writeMessage1());
        Peer.Attempt a = new Peer.Attempt(hs, ourIdx, packet, t, to, rekey, nowMs);
        p.attempt = a;
        if (t.connectionState(to) != ConnectionState.CONNECTED) {
            t.connect(to); // connection-oriented transport: msg1 goes out once connected (pollPeer)
            a.nextResendMs = nowMs + CONNECT_POLL_MS;
            return;
        }
        sink.transmit(t, to, packet, 0, packet.length);
        a.sent = true;
        a.nextResendMs = nowMs + cfg.handshakeResendIntervalMs();
    }

    private void scheduleRetry(Peer p, Peer.Attempt failed, long nowMs) {
        p.retries++;
        p.addressCursor++;
        long next = Long.MAX_VALUE;
        if (p.spec != null && p.spec.autoConnect() && (p.unlimitedRetries || p.retries <= cfg.retryMaxRetries())) {
            // reference/configuration.md node.retry.*: exponential backoff from the base, capped.
            double backoff = cfg.retryBaseIntervalMs() * Math.pow(2, Math.min(p.retries - 1, 30));
            next = nowMs + (long) Math.min(backoff, cfg.retryMaxBackoffMs());
        }
        p.nextRetryMs = next;
        sink.event(new LinkEvent.HandshakeFailed(p.addr, p.displayName(), failed.to.toString(), p.retries,
                next == Long.MAX_VALUE ? -1 : next - nowMs));
        if (p.spec == null) {
            peers.remove(p.addr);
        }
    }

    private int countUp() {
        int n = 0;
        for (Peer p : peers.values()) if (p.isUp()) n++;
        return n;
    }

    private int countUnconfirmedInbound() {
        int n = 0;
        for (Peer p : peers.values()) if (p.isUp() && !p.current.initiator && !p.current.confirmed) n++;
        return n;
    }

    /** All peers this core knows (configured or connected); for tests and operator views. */
    Collection<Peer> allPeers() {
        return peers.values();
    }
}
