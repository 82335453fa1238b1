package fips.fsp.session;

import java.util.List;

/**
 * The timers of a {@link SessionCore}'s sessions: handshake resends and
 * timeout (INTEROP.md 8.6), msg3 resends (INTEROP.md 8.8), rekey trigger,
 * cutover, pending-key expiry and previous-key drain (INTEROP.md 8.8), the
 * idle timeout (INTEROP.md 8.6) and the path MTU echo (INTEROP.md 10.4).
 * {@link #poll} runs what is due; {@link #deadline} says when a session next
 * has work, and must agree with {@code poll} so the driver neither spins nor
 * sleeps past a timer. Owned by the core's thread; no state of its own.
 */
final class SessionTimers {
    private final SessionCore core;
    private final SessionHandshakes handshakes;
    private final SessionConfig cfg;
    private final SessionMesh mesh;

    SessionTimers(SessionCore core, SessionHandshakes handshakes, SessionConfig cfg, SessionMesh mesh) {
        this.core = core;
        this.handshakes = handshakes;
        this.cfg = cfg;
        this.mesh = mesh;
    }

    /** Runs every timer of {@code sessions} due at {@code nowMs}; a session may remove itself meanwhile. */
    void poll(List<Session> sessions, long nowMs) {
        for (int i = sessions.size() - 1; i >= 0; i--) {
            if (i >= sessions.size()) {
                continue;
            }
            Session s = sessions.get(i);
            if (s.established()) {
                pollEstablished(s, nowMs);
            } else {
                pollHandshake(s, nowMs);
            }
        }
    }

    private void pollHandshake(Session s, long nowMs) {
        if (nowMs - s.hsLastActivityMs >= cfg.handshakeTimeoutMs()) {
            core.count(SessionCounter.HS_TIMEOUT);
            core.remove(s, SessionEvent.CloseReason.HANDSHAKE_TIMEOUT);
            core.held.drop(s.remote, "handshake timeout");
            return;
        }
        if (s.hsResends < cfg.handshakeMaxResends() && nowMs >= s.hsNextResendMs) {
            core.sendControl(s.remote, s.hsMessage, nowMs);
            s.hsResends++;
            s.hsNextResendMs = nowMs + handshakes.resendDelay(s.hsResends);
            core.count(s.state == Session.INITIATING ? SessionCounter.HS_SETUP_RESENT : SessionCounter.HS_ACK_RESENT);
        }
    }

    private void pollEstablished(Session s, long nowMs) {
        if (nowMs - s.lastDataMs >= cfg.idleTimeoutMs()) {
            core.count(SessionCounter.SESSION_IDLE_TIMEOUT);
            core.remove(s, SessionEvent.CloseReason.IDLE_TIMEOUT);
            return;
        }
        if (s.msg3 != null && nowMs >= s.msg3NextResendMs) {
            if (s.msg3Resends >= cfg.handshakeMaxResends()) {
                core.count(SessionCounter.HS_MSG3_UNCONFIRMED);
                if (s.pending != null && s.pending == s.msg3Keys) {
                    s.pending.close(); // not cut over yet: abandon the rekey, the old keys go on
                    s.pending = null;
                    s.pendingIsOurs = false;
                    core.count(SessionCounter.REKEY_ABANDONED);
                }
                s.msg3 = null;
                s.msg3Keys = null;
                s.msg3ForMsg2 = null;
            } else {
                core.sendControl(s.remote, s.msg3, nowMs);
                s.msg3Resends++;
                s.msg3NextResendMs = nowMs + handshakes.resendDelay(s.msg3Resends);
                core.count(SessionCounter.HS_MSG3_RESENT);
            }
        }
        if (s.pending != null) {
            if (s.pendingIsOurs && nowMs >= s.cutoverAtMs) {
                core.count(SessionCounter.REKEY_CUTOVER);
                handshakes.cutover(s, nowMs);
            } else if (!s.pendingIsOurs && nowMs >= s.pendingUntilMs) {
                core.count(SessionCounter.REKEY_PENDING_EXPIRED);
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
                core.count(s.rekeyInitiator ? SessionCounter.REKEY_ABANDONED : SessionCounter.REKEY_RESPONDER_EXPIRED);
                if (s.rekeyInitiator) {
                    s.rekeyDueMs = nowMs + handshakes.rekeyDelay();
                }
                s.rekeyHs = null;
                s.rekeyMessage = null;
                s.rekeyPeerMsg1 = null;
            } else if (s.rekeyInitiator && s.rekeyResends < cfg.handshakeMaxResends()
                    && nowMs >= s.rekeyNextResendMs) {
                core.sendControl(s.remote, s.rekeyMessage, nowMs);
                s.rekeyResends++;
                s.rekeyNextResendMs = nowMs + handshakes.resendDelay(s.rekeyResends);
                core.count(SessionCounter.HS_SETUP_RESENT);
            }
        } else if (rekeyEligible(s) && nowMs >= rekeyDueAt(s, nowMs)) {
            if (mesh.hasRoute(s.remote.hi(), s.remote.lo(), nowMs)) {
                handshakes.startRekey(s, nowMs);
            } else {
                s.dampenedUntilMs = nowMs + cfg.handshakeResendIntervalMs(); // INTEROP.md 8.8: only with a route; retry
            }
        }
        if (s.observedPathMtu > 0 && (s.notifyDue || (s.dataSinceNotify && (s.notifiedAtMs == Long.MIN_VALUE
                || nowMs - s.notifiedAtMs >= SessionConfig.PATH_MTU_NOTIFY_INTERVAL_MS)))) {
            core.sendPathMtuNotification(s, nowMs);
        }
    }

    private boolean rekeyEligible(Session s) {
        return cfg.rekeyEnabled() && s.rekeyHs == null && s.pending == null && s.msg3 == null;
    }

    private long rekeyDueAt(Session s, long nowMs) {
        long due = s.current.send().sendCount() >= cfg.rekeyAfterMessages() ? nowMs : s.rekeyDueMs;
        return Math.max(due, s.dampenedUntilMs);
    }
    /** The earliest time {@code s} has timer work, seen at {@code nowMs}. */
    long deadline(Session s, long nowMs) {
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
}
