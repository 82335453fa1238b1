package fips.launcher.internal.node;

import fips.fmp.lookup.IdentityCache;
import fips.fmp.mesh.MeshCore;
import fips.fmp.tree.Coords;
import fips.fsp.session.MeshSessionPort;
import fips.fsp.session.SessionConfig;
import fips.fsp.session.SessionCore;
import fips.fsp.session.SessionEvent;
import fips.fsp.session.SessionSink;
import fips.identity.FipsAddress;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.ipv6.adapter.Ipv6Adapter;
import fips.ipv6.adapter.Ipv6Sessions;
import fips.ipv6.adapter.TunSink;
import fips.launcher.internal.log.Log;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * The layers above the mesh on the protocol thread: the FSP session core
 * (design/fips-session-layer.md) and, when the TUN is enabled, the IPv6
 * adapter (design/fips-ipv6-adapter.md) on its port 256 (INTEROP.md 8.4
 * "Ports"). It is the glue the daemon needs and nothing more: each side keeps
 * its own state and decisions.
 *
 * <ul>
 *   <li>Down: {@link MeshCore} deliveries and lookup results go to the
 *       session core ({@link #deliverLocal}, {@link #lookupDone}).</li>
 *   <li>Up: the session core's DataPackets for port 256 go to the adapter,
 *       which writes the rebuilt IPv6 packet to the TUN; other ports are
 *       counted and dropped (the native datagram API is not built).</li>
 *   <li>The adapter reaches sessions through {@link Ipv6Sessions}: the
 *       identity cache by the 15-byte address prefix (INTEROP.md 1.1), the
 *       session path MTU and send.</li>
 * </ul>
 *
 * <p>The adapter resolves the destination of every outbound packet; the
 * identity cache is keyed by a {@link FipsAddress} object, so the last
 * {@link #RESOLVE_SLOTS} answers are kept in a direct-mapped table of longs
 * and a steady flow resolves without allocating. A stale slot (a key the
 * identity cache has since evicted) still names the right NodeAddr; the
 * session core asks the identity cache for the key itself when it needs one.
 */
final class SessionLayer implements SessionSink, Ipv6Sessions {
    /** INTEROP.md 8.4 "Ports": the IPv6 shim's port. */
    static final int IPV6_PORT = 256;
    /** Direct-mapped resolve memo size (local tuning, a power of two). */
    static final int RESOLVE_SLOTS = 256;

    private final MeshCore mesh;
    private final SessionCore sessions;
    private final IntSupplier transportMtu;
    private final Log log;
    private final MeshEventLog names;
    private Ipv6Adapter adapter;

    private final long[] memoAddrHi = new long[RESOLVE_SLOTS];
    private final long[] memoAddrLo = new long[RESOLVE_SLOTS];
    private final long[] memoNodeHi = new long[RESOLVE_SLOTS];
    private final long[] memoNodeLo = new long[RESOLVE_SLOTS];
    private final boolean[] memoUsed = new boolean[RESOLVE_SLOTS];

    private long noAdapterDrops;
    private long unknownPortDrops;

    SessionLayer(Identity self, SessionConfig cfg, MeshCore mesh, IntSupplier transportMtu, Random rng, Log log,
                 MeshEventLog names, long nowMs) {
        this.mesh = mesh;
        this.transportMtu = transportMtu;
        this.log = log;
        this.names = names;
        this.sessions = new SessionCore(self, cfg, new MeshSessionPort(mesh, transportMtu), this, rng,
                fips.noise.AeadEngine.selected(), nowMs);
    }

    /** Turns the IPv6 adapter on, writing to {@code tun}; before this, port-256 data is counted and dropped. */
    void attachTun(TunSink tun) {
        this.adapter = new Ipv6Adapter(mesh.identity().nodeAddr(), this, tun);
    }

    SessionCore sessions() {
        return sessions;
    }

    /** Null when the TUN is off. */
    Ipv6Adapter adapter() {
        return adapter;
    }

    // ---------------------------------------------------------------- from the mesh

    void deliverLocal(long srcHi, long srcLo, byte[] buf, int off, int len, int pathMtu, long nowMs) {
        sessions.onDatagram(srcHi, srcLo, buf, off, len, pathMtu, nowMs);
    }

    void lookupDone(NodeAddr target, Coords coords, int pathMtu, String failure, long nowMs) {
        sessions.onLookupDone(target, coords, pathMtu, failure, nowMs);
    }

    void poll(long nowMs) {
        sessions.poll(nowMs);
    }

    long nextDeadlineMs() {
        return sessions.nextDeadlineMs();
    }

    /** An IPv6 packet read from the TUN (INTEROP.md 9.3); ignored when the adapter is off. */
    void onTunPacket(byte[] buf, int off, int len, long nowMs) {
        if (adapter != null) {
            adapter.onTunPacket(buf, off, len, nowMs);
        }
    }

    /** A key learnt from the DNS responder (INTEROP.md 9.6 "Side effect"): the first packet can open a session. */
    void learnIdentity(PublicKey key) {
        mesh.learnIdentity(key);
    }

    // ---------------------------------------------------------------- SessionSink

    @Override
    public void deliver(long srcHi, long srcLo, int srcPort, int dstPort, byte[] buf, int off, int len, long nowMs) {
        if (dstPort != IPV6_PORT) {
            unknownPortDrops++; // INTEROP.md 8.4: other ports belong to the native API, not built
        } else if (adapter == null) {
            noAdapterDrops++;
        } else {
            adapter.onSessionData(srcHi, srcLo, buf, off, len, nowMs);
        }
    }

    @Override
    public void sessionEvent(SessionEvent e) {
        String who = "peer=" + names.name(e.peer());
        switch (e) {
            case SessionEvent.Established s ->
                    log.info("session established: " + who + " role=" + (s.initiator() ? "initiator" : "responder"));
            case SessionEvent.Rekeyed r ->
                    log.info("session rekeyed: " + who + " k=" + (r.keyEpoch() ? 1 : 0)
                            + " role=" + (r.initiator() ? "initiator" : "responder"));
            case SessionEvent.Closed c -> log.info("session closed: " + who + " reason=" + c.reason().name().toLowerCase());
            case SessionEvent.PathMtuChanged m -> log.info("session path mtu: " + who + " mtu=" + m.pathMtuBytes());
            case SessionEvent.Unreachable u ->
                    log.info("session unreachable: " + who + " reason=" + u.reason() + " dropped=" + u.droppedPackets());
        }
    }

    // ---------------------------------------------------------------- Ipv6Sessions

    @Override
    public int transportMtu() {
        return transportMtu.getAsInt();
    }

    @Override
    public boolean resolve(byte[] buf, int addrOff, long[] outHiLo) {
        long aHi = NodeAddr.hiAt(buf, addrOff);
        long aLo = NodeAddr.loAt(buf, addrOff);
        int slot = (int) ((aLo ^ (aLo >>> 17) ^ aHi) & (RESOLVE_SLOTS - 1));
        if (memoUsed[slot] && memoAddrHi[slot] == aHi && memoAddrLo[slot] == aLo) {
            outHiLo[0] = memoNodeHi[slot];
            outHiLo[1] = memoNodeLo[slot];
            return true;
        }
        IdentityCache ids = mesh.identityCache();
        PublicKey key = ids.get(new FipsAddress(aHi, aLo)); // miss path: one small object per new destination
        if (key == null) {
            return false;
        }
        NodeAddr n = key.nodeAddr();
        memoUsed[slot] = true;
        memoAddrHi[slot] = aHi;
        memoAddrLo[slot] = aLo;
        memoNodeHi[slot] = n.hi();
        memoNodeLo[slot] = n.lo();
        outHiLo[0] = n.hi();
        outHiLo[1] = n.lo();
        return true;
    }

    @Override
    public int sessionPathMtu(long destHi, long destLo) {
        return sessions.sessionPathMtu(destHi, destLo);
    }

    @Override
    public int send(long destHi, long destLo, int srcPort, int dstPort, byte[] buf, int off, int len, long nowMs) {
        return sessions.send(destHi, destLo, srcPort, dstPort, buf, off, len, nowMs);
    }

    // ---------------------------------------------------------------- counters

    /** Non-zero drop and outcome counters of the session core and the adapter, for the shutdown line. */
    Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : sessions.counters().entrySet()) {
            if (e.getValue() != 0) m.put("fsp." + e.getKey(), e.getValue());
        }
        if (adapter != null) {
            adapter.forEachCounter((name, v) -> {
                if (v != 0) m.put(name, v); // already named ipv6_*
            });
        }
        if (unknownPortDrops != 0) m.put("fsp.unknown_port", unknownPortDrops);
        if (noAdapterDrops != 0) m.put("fsp.ipv6_without_tun", noAdapterDrops);
        return m;
    }
}
