package fips.launcher.internal.node;

import fips.fmp.link.LinkEvent;
import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;

/**
 * Listens to a node's mesh events on the protocol thread, after they are
 * logged (tests; later the control socket). Implementations must return
 * quickly and must not block: they run on the thread that owns the core.
 * Buffers passed to {@link #deliverLocal} are valid only during the call.
 */
public interface MeshObserver {
    default void linkEvent(LinkEvent e) {}

    default void coordsChanged(Coords oldCoords, Coords newCoords) {}

    /** A lookup this node started finished: {@code coords} is null and {@code failure} set on failure. */
    default void lookupDone(NodeAddr target, Coords coords, int pathMtu, String failure) {}

    /** True if {@link #deliverLocal} wants every SessionDatagram for this node (tests): it costs an object each. */
    default boolean wantsDatagrams() {
        return false;
    }

    /** A SessionDatagram for this node: its source and payload (an FSP message); only if {@link #wantsDatagrams}. */
    default void deliverLocal(NodeAddr src, byte[] buf, int off, int len, int pathMtu, long nowMs) {}
}
