package fips.fmp.lookup;

import fips.identity.NodeAddr;
import java.util.List;

/**
 * What {@link LookupCore} reads from the link layer. A driver on
 * {@code LinkCore} answers from {@code links()} and {@code PeerLink.linkMtu()}.
 */
public interface LookupLinks {
    /** Peers with a link up, in a stable order: requests go out in this order. */
    List<NodeAddr> peers();

    /**
     * The link MTU towards {@code peer} in bytes (the largest FMP packet its
     * transport carries, {@code PeerLink.linkMtu()}); 0 if no link is up.
     */
    int linkMtuBytes(NodeAddr peer);
}
