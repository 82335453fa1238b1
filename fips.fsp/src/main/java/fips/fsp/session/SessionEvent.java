package fips.fsp.session;

import fips.identity.NodeAddr;

/** Control-plane happenings of the session layer, one record per kind (STYLE.md rule 2). */
public sealed interface SessionEvent {
    /** The remote end of the session. */
    NodeAddr peer();

    /** The XK handshake completed; queued packets were flushed right after. */
    record Established(NodeAddr peer, boolean initiator) implements SessionEvent {}

    /** The session was removed. */
    record Closed(NodeAddr peer, CloseReason reason) implements SessionEvent {}

    /** The session switched to fresh keys (INTEROP.md 8.8 cutover); {@code keyEpoch} is the new K bit. */
    record Rekeyed(NodeAddr peer, boolean keyEpoch, boolean initiator) implements SessionEvent {}

    /** The session's path MTU estimate changed (MtuExceeded or PathMtuNotification, design/fips-mtu.md). */
    record PathMtuChanged(NodeAddr peer, int pathMtuBytes) implements SessionEvent {}

    /**
     * Packets queued for a destination were dropped because no session could
     * be opened ({@code reason}: the lookup failure or the handshake timeout);
     * the IPv6 adapter answers them with ICMPv6 Destination Unreachable
     * (INTEROP.md 7 "Retry").
     */
    record Unreachable(NodeAddr peer, String reason, int droppedPackets) implements SessionEvent {}

    /** Why a session was removed. */
    enum CloseReason {
        /** Established, but no DataPacket sent or received for the idle timeout (INTEROP.md 8.6). */
        IDLE_TIMEOUT,
        /** The handshake did not complete within the handshake timeout (INTEROP.md 8.6). */
        HANDSHAKE_TIMEOUT
    }
}
