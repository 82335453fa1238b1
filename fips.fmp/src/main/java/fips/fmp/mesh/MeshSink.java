package fips.fmp.mesh;

import fips.fmp.link.LinkEvent;
import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;

/**
 * What {@link MeshCore} asks its driver to do. {@link #transmit} and
 * {@link #deliverLocal} are the forwarding path: buffers belong to the core and
 * are valid only during the call (STYLE.md rule 7). The rest is control plane;
 * default methods let a driver listen only to what it cares about.
 */
public interface MeshSink {
    /** Send an FMP packet. */
    void transmit(Transport transport, TransportAddr to, byte[] buf, int off, int len);

    /**
     * A SessionDatagram addressed to this node (INTEROP.md 8.1): its source as
     * the two halves of its NodeAddr (so local delivery builds no object;
     * {@code new NodeAddr(srcHi, srcLo)} rebuilds it), the payload
     * {@code buf[off, off+len)} (an FSP message) and the path MTU it arrived with.
     */
    default void deliverLocal(long srcHi, long srcLo, byte[] buf, int off, int len, int pathMtu, long nowMs) {}

    default void linkEvent(LinkEvent e) {}

    /** This node's coordinates changed (new parent, root or path). */
    default void coordsChanged(Coords oldCoords, Coords newCoords) {}

    /** A lookup this node started finished: coords is null on failure. */
    default void lookupDone(NodeAddr target, Coords coords, int pathMtu, String failure) {}
}
