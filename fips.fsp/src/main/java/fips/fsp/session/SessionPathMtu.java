package fips.fsp.session;

/**
 * The path MTU of a {@link SessionCore}'s sessions (design/fips-mtu.md,
 * INTEROP.md 10.4). As the destination it records the path MTU of arriving
 * DataPackets and marks a PathMtuNotification due (sent by the core's timers);
 * as the source it applies received notifications: lower at once, raise only
 * after repeated equal reports over two notify intervals. Lowering by an
 * MtuExceeded signal (INTEROP.md 8.5) goes through {@link #set}. On the data
 * path: allocates nothing. Owned by the core's thread; no state of its own.
 */
final class SessionPathMtu {
    private final SessionCore core;
    private final SessionSink sink;

    SessionPathMtu(SessionCore core, SessionSink sink) {
        this.core = core;
        this.sink = sink;
    }

    /** Destination side of the path MTU echo (design/fips-mtu.md "End-to-End Echo"). */
    void observe(Session s, int pathMtu, long nowMs) {
        if (pathMtu < SessionConfig.MIN_PATH_MTU) {
            return;
        }
        if ((s.observedPathMtu == 0 || pathMtu < s.notifiedPathMtu) && !s.notifyDue) {
            s.notifyDue = true; // first measurement, or a decrease: notify at once (INTEROP.md 10.4)
            core.wake(nowMs);
        }
        s.observedPathMtu = pathMtu;
        if (!s.dataSinceNotify) {
            s.dataSinceNotify = true;
            core.wake(s.notifiedAtMs == Long.MIN_VALUE
                    ? nowMs : s.notifiedAtMs + SessionConfig.PATH_MTU_NOTIFY_INTERVAL_MS);
        }
    }

    /** Source side: lower at once, raise after three equal higher reports over two intervals (INTEROP.md 10.4). */
    void onNotification(Session s, int mtu, long nowMs) {
        if (mtu < SessionConfig.MIN_PATH_MTU) {
            core.count(SessionCounter.DROP_PMN_BELOW_FLOOR);
            return;
        }
        if (s.pathMtu == 0 || mtu < s.pathMtu) {
            set(s, mtu);
            core.count(SessionCounter.PMTU_LOWERED);
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
                set(s, mtu);
                core.count(SessionCounter.PMTU_RAISED);
            }
        } else {
            s.raiseCount = 0;
        }
    }

    /** Sets the session path MTU, resetting any raise in progress, and tells the sink. */
    void set(Session s, int mtu) {
        s.pathMtu = mtu;
        s.raiseCount = 0;
        s.raiseCandidate = 0;
        sink.sessionEvent(new SessionEvent.PathMtuChanged(s.remote, mtu));
    }
}
