package fips.fsp.session;

import fips.fmp.mesh.MeshCore;
import fips.fmp.route.Router;
import fips.fmp.tree.Coords;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * {@link SessionMesh} over a {@link MeshCore}: sends go through the router
 * (in place when the caller left the envelope headroom), lookups and caches
 * are the mesh core's. Owned by the thread that owns the mesh core.
 */
public final class MeshSessionPort implements SessionMesh {
    private final MeshCore core;
    private final IntSupplier transportMtu;
    private NodeAddr lastDest; // one-entry cache so the (hi, lo) send does not allocate per packet

    /**
     * @param transportMtu INTEROP.md 9.2: the smallest MTU over operational transports (1280 if none)
     */
    public MeshSessionPort(MeshCore core, IntSupplier transportMtu) {
        this.core = Objects.requireNonNull(core, "core");
        this.transportMtu = Objects.requireNonNull(transportMtu, "transportMtu");
    }

    @Override
    public int sendDatagram(long destHi, long destLo, byte[] buf, int off, int len, long nowMs) {
        NodeAddr d = lastDest;
        if (d == null || d.hi() != destHi || d.lo() != destLo) {
            d = new NodeAddr(destHi, destLo);
            lastDest = d;
        }
        return sendDatagram(d, buf, off, len, nowMs);
    }

    @Override
    public int sendDatagram(NodeAddr dest, byte[] buf, int off, int len, long nowMs) {
        if (off >= Router.ENVELOPE_BYTES) {
            return core.router().originateInPlace(dest, buf, off, len, nowMs);
        }
        return core.sendDatagram(dest, buf, off, len, nowMs);
    }

    @Override
    public void lookup(NodeAddr target, long nowMs) {
        core.lookup(target, nowMs);
    }

    @Override
    public PublicKey identity(long hi, long lo) {
        return core.identityCache().get(new NodeAddr(hi, lo));
    }

    @Override
    public void learnIdentity(PublicKey key) {
        core.learnIdentity(key);
    }

    @Override
    public Coords ownCoords() {
        return core.tree().coords();
    }

    @Override
    public Coords cachedCoords(long hi, long lo, long nowMs) {
        return core.coordCache().get(new NodeAddr(hi, lo), nowMs);
    }

    @Override
    public boolean hasRoute(long hi, long lo, long nowMs) {
        NodeAddr a = new NodeAddr(hi, lo);
        return core.router().peers().contains(a) || core.coordCache().contains(a, nowMs);
    }

    @Override
    public void forgetCoords(long hi, long lo) {
        core.coordCache().remove(new NodeAddr(hi, lo));
    }

    @Override
    public int transportMtu() {
        return transportMtu.getAsInt();
    }
}
