package fips.fmp.route;

import fips.identity.NodeAddr;

/**
 * Where the router hands a SessionDatagram addressed to this node: the
 * session layer (FSP) above. The source is passed as the two halves of its
 * NodeAddr ({@code new NodeAddr(srcHi, srcLo)} rebuilds it) so the
 * forwarding path builds no object; {@code buf[off, off+len)} is the FSP
 * payload, valid only during the call (STYLE.md rule 7).
 */
@FunctionalInterface
public interface LocalDelivery {
    /**
     * @param fromPeer the link peer the datagram arrived from (as the reference passes it up, INTEROP.md 8.5)
     * @param pathMtu the datagram's path_mtu as received (INTEROP.md 8.1)
     */
    void deliver(NodeAddr fromPeer, long srcHi, long srcLo, byte[] buf, int off, int len, int pathMtu, long nowMs);
}
