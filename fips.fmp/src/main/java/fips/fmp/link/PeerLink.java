package fips.fmp.link;

import fips.identity.NodeAddr;
import fips.identity.PublicKey;

/**
 * A read-only view of an authenticated peer for the layers above FMP and for
 * operator tools. Valid while the link is up; upper layers keep the
 * {@link NodeAddr}, not this object.
 */
public interface PeerLink {
    NodeAddr nodeAddr();

    PublicKey publicKey();

    /** The configured alias, or the npub. */
    String displayName();

    String transportName();

    String remoteAddress();

    /** The transport's MTU towards this peer (largest FMP packet). */
    int linkMtu();

    /** True if this node initiated the current link session. */
    boolean isInitiator();

    long establishedAtMs();

    long lastReceivedMs();

    long framesSent();

    long framesReceived();

    long bytesSent();

    long bytesReceived();

    /** The current K bit (INTEROP.md 3.3). */
    int keyEpoch();

    int rekeys();
}
