package fips.fmp.link;

import fips.link.spi.Transport;
import fips.link.spi.TransportAddr;

/**
 * What {@link LinkCore} asks its driver to do. {@link #transmit} and
 * {@link #deliver} are on the forwarding path: the buffer belongs to the core
 * and is valid only during the call. {@link #event} is control plane.
 */
public interface LinkSink {
    /** Send {@code buf[off, off+len)} to {@code to} over {@code transport}. */
    void transmit(Transport transport, TransportAddr to, byte[] buf, int off, int len);

    /**
     * An authenticated link message for the layers above (tree, bloom, lookup,
     * SessionDatagram, MMP): {@code msgType} and its body {@code buf[off, off+len)}.
     */
    void deliver(PeerLink peer, int msgType, byte[] buf, int off, int len, long nowMs);

    /** Something an operator or an upper layer may care about. */
    void event(LinkEvent event);
}
