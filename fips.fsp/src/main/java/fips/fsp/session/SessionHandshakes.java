package fips.fsp.session;

import fips.fsp.wire.Coordinates;
import fips.fsp.wire.FspDecodeException;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The Noise XK exchanges of a {@link SessionCore}: SessionSetup, SessionAck
 * and SessionMsg3 for a first contact (INTEROP.md 8.3, 8.6) and for a rekey
 * (INTEROP.md 8.8), Setup admission per source, crossing Setups, duplicate
 * handling, msg3 reliability, establishment and the cutover to new keys.
 * Timed resends and expiries are driven by {@link SessionTimers}; this class
 * reacts to arriving messages and starts exchanges. Control plane (it
 * allocates); owned by the core's thread, a part of the core with no state
 * of its own beyond the admission buckets.
 */
final class SessionHandshakes {
    /** Setup admission token bucket of one source. */
    private static final class Bucket {
        double tokens;
        long lastMs;

        Bucket(double tokens, long nowMs) {
            this.tokens = tokens;
            this.lastMs = nowMs;
        }
    }

    private final SessionCore core;
    private final Identity self;
    private final NodeAddr selfAddr;
    private final SessionConfig cfg;
    private final SessionMesh mesh;
    private final SessionSink sink;
    private final Random rng;
    private final AeadEngine engine;
    private final byte[] epoch;
    private final LinkedHashMap<NodeAddr, Bucket> setupBuckets = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeAddr, Bucket> eldest) {
            return size() > SessionCore.SETUP_BUCKETS;
        }
    };

    SessionHandshakes(SessionCore core, Identity self, SessionConfig cfg, SessionMesh mesh, SessionSink sink,
                      Random rng, AeadEngine engine, byte[] epoch) {
        this.core = core;
        this.self = self;
        this.selfAddr = self.nodeAddr();
        this.cfg = cfg;
        this.mesh = mesh;
        this.sink = sink;
        this.rng = rng;
        this.engine = engine;
        this.epoch = epoch;
    }

    /** Starts a first-contact handshake with {@code dest}: a new INITIATING session and its Setup (INTEROP.md 8.6). */
    void initiate(NodeAddr dest, PublicKey key, long nowMs) {
        Session s = new Session(dest);
        s.remoteKey = key;
        s.initiator = true;
        s.state = Session.INITIATING;
        s.hs = XkHandshake.initiator(self.secret(), key, SecretKey.generate(rng), epoch);
        byte[] msg1 = s.hs.writeMessage1();
        Coordinates own = core.ownCoordinates();
        s.hsMessage = new SessionSetup(own, core.destCoordinates(dest, own, nowMs), msg1).encode();
        s.hsLastActivityMs = nowMs;
        s.hsResends = 0;
        s.hsNextResendMs = nowMs + cfg.handshakeResendIntervalMs();
        core.add(s);
        core.sendControl(dest, s.hsMessage, nowMs);
        core.count(SessionCounter.HS_SETUP_SENT);
    }

    /** A SessionSetup from {@code src}: a first contact, a crossing or duplicate Setup, or a rekey. */
    void onSetup(NodeAddr src, byte[] buf, int off, int len, long nowMs) {
        SessionSetup setup;
        try {
            setup = SessionSetup.decode(buf, off, len);
        } catch (FspDecodeException e) {
            core.count(SessionCounter.HS_SETUP_MALFORMED);
            return;
        }
        core.deadlineDirty = true;
        byte[] msg1 = setup.handshake();
        Session s = core.sessions.get(src);
        if (s == null) {
            if (!admitSetup(src, nowMs)) {
                core.count(SessionCounter.HS_SETUP_RATE_LIMITED);
                return;
            }
            respond(new Session(src), setup, msg1, nowMs);
            return;
        }
        switch (s.state) {
            case Session.INITIATING -> {
                // INTEROP.md 8.6: crossing Setups; the smaller NodeAddr keeps initiating.
                if (selfAddr.compareTo(src) < 0) {
                    core.count(SessionCounter.HS_SETUP_CROSSING_DROPPED);
                    return;
                }
                if (respond(s, setup, msg1, nowMs)) {
                    core.count(SessionCounter.HS_SETUP_CROSSING_YIELDED);
                }
            }
            case Session.AWAITING_MSG3 -> {
                if (Arrays.equals(msg1, s.hsPeerMsg1)) {
                    // INTEROP.md 8.6: resend the stored Ack. It stands for the next timed resend too, so a
                    // duplicate Setup and the responder's own timer do not send two copies at once.
                    core.count(SessionCounter.HS_SETUP_DUPLICATE);
                    core.sendControl(src, s.hsMessage, nowMs);
                    core.count(SessionCounter.HS_ACK_RESENT);
                    s.hsLastActivityMs = nowMs;
                    if (s.hsResends < cfg.handshakeMaxResends()) {
                        s.hsResends++;
                        s.hsNextResendMs = nowMs + resendDelay(s.hsResends);
                    }
                    return;
                }
                if (respond(s, setup, msg1, nowMs)) {
                    core.count(SessionCounter.HS_SETUP_REPLACED); // the initiator started over (e.g. restarted)
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
            ack = new SessionAck(core.ownCoordinates(), setup.srcCoords(), hs.writeMessage2()).encode();
        } catch (HandshakeException | IllegalArgumentException e) {
            core.count(SessionCounter.HS_SETUP_REJECTED); // a bad ephemeral, or coordinates too long to echo
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
        if (core.sessions.get(s.remote) != s) {
            core.add(s);
        }
        core.sendControl(s.remote, ack, nowMs);
        core.count(SessionCounter.HS_ACK_SENT);
        return true;
    }

    /** A Setup on an established session: a rekey (or a restarted peer's fresh handshake), INTEROP.md 8.8. */
    private void onRekeySetup(Session s, SessionSetup setup, byte[] msg1, long nowMs) {
        if (Arrays.equals(msg1, s.lastPeerMsg1)) {
            core.count(SessionCounter.HS_SETUP_DUPLICATE); // a late copy of the handshake already completed
            return;
        }
        if (s.rekeyHs != null) {
            if (s.rekeyInitiator) {
                // Dual initiation: the smaller NodeAddr keeps its own rekey.
                if (selfAddr.compareTo(s.remote) < 0) {
                    core.count(SessionCounter.REKEY_SETUP_LOST_TIE);
                    return;
                }
                core.count(SessionCounter.REKEY_YIELDED);
                s.rekeyHs = null;
                s.rekeyMessage = null;
            } else if (Arrays.equals(msg1, s.rekeyPeerMsg1)) {
                core.count(SessionCounter.HS_SETUP_DUPLICATE);
                core.sendControl(s.remote, s.rekeyMessage, nowMs);
                core.count(SessionCounter.HS_ACK_RESENT);
                return;
            }
        }
        if (s.pending != null) {
            core.count(SessionCounter.REKEY_SETUP_PENDING_EXISTS);
            return;
        }
        XkHandshake hs = XkHandshake.responder(self.secret(), SecretKey.generate(rng), epoch);
        byte[] ack;
        try {
            hs.readMessage1(msg1, 0, msg1.length);
            ack = new SessionAck(core.ownCoordinates(), setup.srcCoords(), hs.writeMessage2()).encode();
        } catch (HandshakeException | IllegalArgumentException e) {
            core.count(SessionCounter.HS_SETUP_REJECTED);
            return;
        }
        s.rekeyHs = hs;
        s.rekeyInitiator = false;
        s.rekeyMessage = ack;
        s.rekeyPeerMsg1 = msg1;
        s.rekeyStartedMs = nowMs;
        s.rekeyResends = 0;
        s.dampenedUntilMs = nowMs + SessionConfig.REKEY_DAMPENING_MS;
        core.sendControl(s.remote, ack, nowMs);
        core.count(SessionCounter.REKEY_RESPONDED);
        core.count(SessionCounter.HS_ACK_SENT);
    }

    /** A SessionAck from {@code src}: completes our first contact or rekey, or asks for our msg3 again. */
    void onAck(NodeAddr src, byte[] buf, int off, int len, long nowMs) {
        SessionAck ack;
        try {
            ack = SessionAck.decode(buf, off, len);
        } catch (FspDecodeException e) {
            core.count(SessionCounter.HS_ACK_MALFORMED);
            return;
        }
        core.deadlineDirty = true;
        Session s = core.sessions.get(src);
        if (s == null) {
            core.count(SessionCounter.HS_ACK_UNEXPECTED);
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
            core.flushHeld(s, nowMs);
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
            core.count(SessionCounter.HS_ACK_DUPLICATE); // our msg3 was lost: the responder resent its Ack
            core.sendControl(src, s.msg3, nowMs);
            core.count(SessionCounter.HS_MSG3_RESENT);
        } else {
            core.count(SessionCounter.HS_ACK_UNEXPECTED);
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
            core.count(SessionCounter.HS_ACK_REJECTED);
            return null;
        }
        byte[] m3 = new SessionMsg3(msg3).encode();
        core.sendControl(src, m3, nowMs);
        core.count(SessionCounter.HS_MSG3_SENT);
        return m3;
    }

    private void armMsg3(Session s, byte[] m3, byte[] msg2, NoiseSession keys, long nowMs) {
        s.msg3 = m3;
        s.msg3ForMsg2 = msg2;
        s.msg3Keys = keys;
        s.msg3Resends = 0;
        s.msg3NextResendMs = nowMs + cfg.handshakeResendIntervalMs();
    }

    /** A SessionMsg3 from {@code src}: establishes a responder, or makes a responder's rekey keys pending. */
    void onMsg3(NodeAddr src, byte[] buf, int off, int len, long nowMs) {
        SessionMsg3 m;
        try {
            m = SessionMsg3.decode(buf, off, len);
        } catch (FspDecodeException e) {
            core.count(SessionCounter.HS_MSG3_MALFORMED);
            return;
        }
        core.deadlineDirty = true;
        Session s = core.sessions.get(src);
        if (s == null) {
            core.count(SessionCounter.HS_MSG3_UNEXPECTED);
            return;
        }
        byte[] msg3 = m.handshake();
        if (s.state == Session.AWAITING_MSG3) {
            try {
                s.hs.readMessage3(msg3, 0, msg3.length);
            } catch (HandshakeException e) {
                core.count(SessionCounter.HS_MSG3_REJECTED);
                return;
            }
            PublicKey initiatorKey = s.hs.remoteStatic();
            if (!initiatorKey.nodeAddr().equals(src)) {
                // INTEROP.md 8.6: the static key must be the datagram source's; the handshake stays unusable
                // and times out.
                core.count(SessionCounter.HS_MSG3_IDENTITY_MISMATCH);
                return;
            }
            s.remoteKey = initiatorKey;
            mesh.learnIdentity(initiatorKey);
            s.lastPeerMsg1 = s.hsPeerMsg1;
            s.lastMsg3In = msg3;
            establish(s, s.hs.split(), false, nowMs);
            core.flushHeld(s, nowMs);
        } else if (s.established() && s.rekeyHs != null && !s.rekeyInitiator) {
            try {
                s.rekeyHs.readMessage3(msg3, 0, msg3.length);
            } catch (HandshakeException e) {
                core.count(SessionCounter.HS_MSG3_REJECTED);
                return;
            }
            if (!s.rekeyHs.remoteStatic().sameIdentity(s.remoteKey)) {
                core.count(SessionCounter.REKEY_KEY_MISMATCH); // INTEROP.md 8.8: must be the established peer's key
                s.rekeyHs = null;
                s.rekeyMessage = null;
                return;
            }
            s.pending = new NoiseSession(s.rekeyHs.split(), engine); // promoted by the first frame under it
            s.pendingIsOurs = false;
            core.count(SessionCounter.REKEY_PENDING);
            s.pendingUntilMs = nowMs + cfg.handshakeTimeoutMs();
            s.lastPeerMsg1 = s.rekeyPeerMsg1;
            s.lastMsg3In = msg3;
            s.rekeyHs = null;
            s.rekeyMessage = null;
            s.rekeyPeerMsg1 = null;
        } else if (s.established() && Arrays.equals(msg3, s.lastMsg3In)) {
            core.count(SessionCounter.HS_MSG3_DUPLICATE);
        } else {
            core.count(SessionCounter.HS_MSG3_UNEXPECTED);
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
        core.deadlineDirty = true;
        core.count(SessionCounter.SESSION_ESTABLISHED);
        sink.sessionEvent(new SessionEvent.Established(s.remote, initiator));
    }

    /** INTEROP.md 8.8 cutover (initiator timer) or promotion (a frame under the pending keys). */
    void cutover(Session s, long nowMs) {
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
        core.deadlineDirty = true;
        sink.sessionEvent(new SessionEvent.Rekeyed(s.remote, s.kBit, ours));
    }

    /** The time from establishment or cutover to the next rekey: after_secs ± jitter (INTEROP.md 8.8). */
    long rekeyDelay() {
        long j = cfg.rekeyJitterMs();
        return cfg.rekeyAfterMs() + (j == 0 ? 0 : (long) (rng.nextDouble() * (2 * j + 1)) - j);
    }

    /** Starts a rekey of established session {@code s} as initiator (INTEROP.md 8.8). */
    void startRekey(Session s, long nowMs) {
        XkHandshake hs = XkHandshake.initiator(self.secret(), s.remoteKey, SecretKey.generate(rng), epoch);
        byte[] msg1 = hs.writeMessage1();
        Coordinates own = core.ownCoordinates();
        s.rekeyHs = hs;
        s.rekeyInitiator = true;
        s.rekeyMessage = new SessionSetup(own, core.destCoordinates(s.remote, own, nowMs), msg1).encode();
        s.rekeyPeerMsg1 = null;
        s.rekeyStartedMs = nowMs;
        s.rekeyResends = 0;
        s.rekeyNextResendMs = nowMs + cfg.handshakeResendIntervalMs();
        core.sendControl(s.remote, s.rekeyMessage, nowMs);
        core.count(SessionCounter.REKEY_INITIATED);
        core.count(SessionCounter.HS_SETUP_SENT);
    }

    /** The delay before handshake resend number {@code resendsDone + 1} (INTEROP.md 8.6). */
    long resendDelay(int resendsDone) {
        return (long) (cfg.handshakeResendIntervalMs() * Math.pow(cfg.handshakeResendBackoff(), resendsDone));
    }
}
