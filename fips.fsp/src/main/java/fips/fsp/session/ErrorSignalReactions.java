package fips.fsp.session;

import fips.fmp.wire.DecodeException;
import fips.fmp.wire.ErrorSignal;
import fips.fmp.wire.MtuExceeded;
import fips.identity.NodeAddr;

/**
 * How a {@link SessionCore} answers the mesh's error signals about its
 * sessions (INTEROP.md 8.5, 15 D15): CoordsRequired and PathBroken re-warm
 * the destination's coordinates (a rate-limited standalone CoordsWarmup, the
 * warmup counter reset, a lookup if the key is cached, INTEROP.md 8.7) and
 * MtuExceeded lowers the session path MTU. Also the rate-limited lookup after
 * a data send finds no route. Signals about sessions this node does not hold
 * are counted and ignored. Control plane; owned by the core's thread, with
 * no state of its own.
 */
final class ErrorSignalReactions {
    private final SessionCore core;
    private final SessionPathMtu pathMtus;
    private final NodeAddr selfAddr;
    private final SessionConfig cfg;
    private final SessionMesh mesh;

    ErrorSignalReactions(SessionCore core, SessionPathMtu pathMtus, NodeAddr selfAddr, SessionConfig cfg,
                         SessionMesh mesh) {
        this.core = core;
        this.pathMtus = pathMtus;
        this.selfAddr = selfAddr;
        this.cfg = cfg;
        this.mesh = mesh;
    }

    /** An FMP error signal delivered to this node by {@code src} (INTEROP.md 8.5). */
    void onErrorSignal(long srcHi, long srcLo, byte[] buf, int off, int len, long nowMs) {
        ErrorSignal sig;
        try {
            sig = ErrorSignal.decode(buf, off, len);
        } catch (DecodeException e) {
            core.count(SessionCounter.SIGNAL_MALFORMED);
            return;
        }
        NodeAddr dest = sig.destAddr();
        Session s = core.sessions.get(dest.hi(), dest.lo());
        // INTEROP.md 8.5: only about a session this node holds established or initiated, dest ≠ self, src ≠ dest.
        if (s == null || !(s.established() || s.state == Session.INITIATING) || dest.equals(selfAddr)
                || (dest.hi() == srcHi && dest.lo() == srcLo)) {
            core.count(SessionCounter.SIGNAL_NO_SESSION);
            return;
        }
        switch (sig.type()) {
            case ErrorSignal.TYPE_COORDS_REQUIRED -> {
                core.count(SessionCounter.SIGNAL_COORDS_REQUIRED);
                rewarm(s, false, nowMs);
            }
            case ErrorSignal.TYPE_PATH_BROKEN -> {
                core.count(SessionCounter.SIGNAL_PATH_BROKEN);
                rewarm(s, true, nowMs);
            }
            default -> {
                core.count(SessionCounter.SIGNAL_MTU_EXCEEDED);
                int mtu = ((MtuExceeded) sig).mtu();
                if (mtu < SessionConfig.MIN_PATH_MTU) {
                    core.count(SessionCounter.SIGNAL_MTU_BELOW_FLOOR);
                } else if (s.pathMtu == 0 || mtu < s.pathMtu) {
                    pathMtus.set(s, mtu);
                    core.count(SessionCounter.PMTU_LOWERED);
                }
            }
        }
    }

    /** INTEROP.md 8.5 source reaction to CoordsRequired / PathBroken. */
    private void rewarm(Session s, boolean pathBroken, long nowMs) {
        core.deadlineDirty = true;
        if (s.established()) {
            if (s.lastWarmupResponseMs == Long.MIN_VALUE
                    || nowMs - s.lastWarmupResponseMs >= cfg.coordsResponseIntervalMs()) {
                s.lastWarmupResponseMs = nowMs;
                core.sendCoordsWarmup(s, core.coordsSection(s, nowMs), nowMs);
                core.count(SessionCounter.WARMUP_RESPONSE_SENT);
            } else {
                core.count(SessionCounter.WARMUP_RESPONSE_RATE_LIMITED);
            }
        }
        if (pathBroken) {
            mesh.forgetCoords(s.remote.hi(), s.remote.lo());
        }
        s.warmupRemaining = cfg.coordsWarmupPackets();
        if (mesh.identity(s.remote.hi(), s.remote.lo()) != null) {
            s.lastRecoveryLookupMs = nowMs;
            core.count(SessionCounter.LOOKUP_STARTED);
            mesh.lookup(s.remote, nowMs); // INTEROP.md 15 D15: only with the key cached
        }
    }

    /** A data send found no route on an established session: look the destination up again, rate-limited. */
    void recoveryLookup(Session s, long nowMs) {
        if (s.lastRecoveryLookupMs != Long.MIN_VALUE
                && nowMs - s.lastRecoveryLookupMs < cfg.coordsResponseIntervalMs()) {
            return;
        }
        s.lastRecoveryLookupMs = nowMs;
        core.count(SessionCounter.LOOKUP_STARTED);
        mesh.lookup(s.remote, nowMs);
    }
}
