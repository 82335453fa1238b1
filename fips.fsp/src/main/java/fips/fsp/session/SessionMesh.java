package fips.fsp.session;

import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;

/**
 * What {@link SessionCore} needs from the mesh layer below it
 * (design/fips-session-layer.md "Services Required from FMP"). The daemon and
 * the simulator implement it with {@link MeshSessionPort} over a
 * {@code MeshCore}; core tests wire two cores back to back through a fake.
 *
 * <p>Buffer contract of the two send methods (STYLE.md rule 7): the payload
 * is read during the call only, and when {@code off >= }
 * {@link #ENVELOPE_HEADROOM_BYTES} the implementation may overwrite
 * {@code buf[off - 35, off)} to build the SessionDatagram envelope in place
 * (the session core always leaves that headroom).
 */
public interface SessionMesh {
    /** The SessionDatagram envelope after msg_type: ttl, path_mtu, src, dest (INTEROP.md 8.1). */
    int ENVELOPE_HEADROOM_BYTES = 35;

    /** Sends {@code buf[off, off+len)} (an FSP message) to the destination; returns a {@code fips.fmp.route.RouteOutcome} code. */
    int sendDatagram(long destHi, long destLo, byte[] buf, int off, int len, long nowMs);

    /** As {@link #sendDatagram(long, long, byte[], int, int, long)} with the destination as an object the caller keeps (no allocation). */
    default int sendDatagram(NodeAddr dest, byte[] buf, int off, int len, long nowMs) {
        return sendDatagram(dest.hi(), dest.lo(), buf, off, len, nowMs);
    }

    /** Starts a coordinate lookup (INTEROP.md 7); the answer comes back through {@link SessionCore#onLookupDone}. */
    void lookup(NodeAddr target, long nowMs);

    /** The identity cache: the key of a node, or null if unknown. */
    PublicKey identity(long hi, long lo);

    /** Remembers a key learned from a completed handshake (a responder learns the initiator's in msg3). */
    default void learnIdentity(PublicKey key) {}

    /** This node's tree coordinates, self first. */
    Coords ownCoords();

    /** Cached coordinates of a node, or null if none. */
    Coords cachedCoords(long hi, long lo, long nowMs);

    /** Whether a SessionSetup could be routed now: a direct peer, or cached coordinates (INTEROP.md 8.6). */
    boolean hasRoute(long hi, long lo, long nowMs);

    /** Drops the cached coordinates of a node (a PathBroken about it, INTEROP.md 8.5). */
    void forgetCoords(long hi, long lo);

    /** INTEROP.md 9.2: the smallest MTU over operational transports, 1280 if none. */
    int transportMtu();
}
