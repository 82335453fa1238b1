package fips.fmp.link;

import fips.fmp.wire.DisconnectReason;
import fips.identity.NodeAddr;

/** Control-plane happenings of the link layer, one record per kind (STYLE.md rule 2). */
public sealed interface LinkEvent {
    NodeAddr peer();

    /** A link finished its handshake and can carry traffic. */
    record Up(NodeAddr peer, String name, String transport, String address, boolean initiator) implements LinkEvent {}

    /** A link was torn down. */
    record Down(NodeAddr peer, String name, DownReason reason, String detail) implements LinkEvent {}

    /** An outbound handshake attempt gave up (timeout); a retry may follow. */
    record HandshakeFailed(NodeAddr peer, String name, String address, int attempt, long nextRetryInMs) implements LinkEvent {}

    /** The link switched to fresh keys (INTEROP.md 3.8 cutover); {@code keyEpoch} is the new K bit. */
    record Rekeyed(NodeAddr peer, String name, int keyEpoch, boolean initiator) implements LinkEvent {}

    /** The peer's transport address changed while its frames kept authenticating (roaming). */
    record Roamed(NodeAddr peer, String name, String from, String to) implements LinkEvent {}

    /** Why a link went down. */
    enum DownReason {
        /** The peer sent Disconnect; detail names its reason code. */
        PEER_DISCONNECTED,
        /** No authenticated frame for the dead timeout (INTEROP.md 3.6). */
        DEAD_TIMEOUT,
        /** Too many consecutive decrypt failures (INTEROP.md 3.4). */
        DECRYPT_FAILURES,
        /** The peer came back with a new startup epoch (INTEROP.md 3.7). */
        PEER_RESTARTED,
        /** This node disconnected it (shutdown, operator). */
        LOCAL_DISCONNECT
    }

    static String reasonText(DisconnectReason r) {
        return r.name().toLowerCase(java.util.Locale.ROOT);
    }
}
