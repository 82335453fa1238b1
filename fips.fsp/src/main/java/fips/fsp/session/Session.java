package fips.fsp.session;

import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.noise.NoiseSession;
import fips.noise.XkHandshake;

/**
 * The state of one end-to-end session, owned by {@link SessionCore} (one
 * thread). Plain fields: the core is the only writer and reader.
 */
final class Session {
    static final int INITIATING = 0;
    static final int AWAITING_MSG3 = 1;
    static final int ESTABLISHED = 2;

    final NodeAddr remote;
    /** Null for a responder until msg3 names the initiator. */
    PublicKey remoteKey;
    int state;
    /** Whether this node sent the SessionSetup of the handshake in progress / of the current session. */
    boolean initiator;

    // ---- the initial handshake (INITIATING / AWAITING_MSG3), INTEROP.md 8.6
    XkHandshake hs;
    /** The stored Setup (initiator) or Ack (responder) as sent, for resends. */
    byte[] hsMessage;
    /** Responder: the XK msg1 it answered, to tell a duplicate Setup from a new one. */
    byte[] hsPeerMsg1;
    int hsResends;
    long hsNextResendMs;
    long hsLastActivityMs;

    // ---- keys (INTEROP.md 8.4, 8.8)
    NoiseSession current;
    NoiseSession pending;
    NoiseSession previous;
    /** The K bit sent with {@link #current}. */
    boolean kBit;
    /** Initiator of the rekey that made {@link #pending}: cuts over at {@link #cutoverAtMs}. */
    boolean pendingIsOurs;
    long cutoverAtMs;
    /** A responder's pending keys are dropped after this if no frame promoted them. */
    long pendingUntilMs;
    long previousUntilMs;
    /** Origin of the inner timestamp (INTEROP.md 8.4), reset at every cutover. */
    long timestampBaseMs;

    // ---- msg3 reliability (INTEROP.md 8.8 "msg3 reliability"), initial and rekey handshakes alike
    byte[] msg3;
    NoiseSession msg3Keys;
    int msg3Resends;
    long msg3NextResendMs;
    /** XK msg2 that the stored msg3 answered: an identical Ack means our msg3 was lost. */
    byte[] msg3ForMsg2;
    /** Responder: the last msg3 accepted, to recognise duplicates. */
    byte[] lastMsg3In;
    /** Responder: the msg1 of the last completed handshake, to recognise a late duplicate Setup. */
    byte[] lastPeerMsg1;

    // ---- rekey handshake in flight on an established session (INTEROP.md 8.8)
    XkHandshake rekeyHs;
    boolean rekeyInitiator;
    byte[] rekeyMessage;
    byte[] rekeyPeerMsg1;
    int rekeyResends;
    long rekeyNextResendMs;
    long rekeyStartedMs;
    long rekeyDueMs;
    long dampenedUntilMs = Long.MIN_VALUE;

    // ---- activity, warmup, path MTU
    long lastDataMs;
    long establishedAtMs;
    int warmupRemaining;
    long lastWarmupResponseMs = Long.MIN_VALUE;
    long lastRecoveryLookupMs = Long.MIN_VALUE;
    /** The session path MTU estimate; 0 while unknown. */
    int pathMtu;
    int raiseCandidate;
    int raiseCount;
    long raiseFirstMs;
    /** Destination side: the forward path MTU last seen on a received datagram; 0 before any. */
    int observedPathMtu;
    int notifiedPathMtu;
    long notifiedAtMs = Long.MIN_VALUE;
    boolean notifyDue;
    boolean dataSinceNotify;

    // ---- statistics
    long packetsSent;
    long packetsReceived;
    long bytesSent;
    long bytesReceived;
    long rekeys;

    Session(NodeAddr remote) {
        this.remote = remote;
    }

    boolean established() {
        return state == ESTABLISHED;
    }

    String stateName() {
        return switch (state) {
            case INITIATING -> "initiating";
            case AWAITING_MSG3 -> "awaiting_msg3";
            case ESTABLISHED -> "established";
            default -> "unknown";
        };
    }

    /** Releases every key this session holds. */
    void closeKeys() {
        close(current);
        if (pending != current) close(pending);
        if (previous != current && previous != pending) close(previous);
        current = pending = previous = null;
        msg3Keys = null;
    }

    private static void close(NoiseSession s) {
        if (s != null) s.close();
    }
}
