package fips.ipv6.adapter;

import fips.fsp.wire.FspConstants;
import fips.identity.FipsAddress;
import fips.identity.NodeAddr;
import fips.ipv6.packet.Icmpv6Errors;
import fips.ipv6.packet.Ipv6Packet;
import fips.ipv6.packet.PtbRateLimiter;
import fips.ipv6.packet.TcpMssClamp;
import fips.ipv6.shim.Ipv6Mtu;
import fips.ipv6.shim.Ipv6ShimCodec;
import java.util.Objects;
import java.util.function.ObjLongConsumer;

/**
 * The sans-IO core of the IPv6 adapter (INTEROP.md 9.3 and 9.4): IPv6
 * packets from the TUN become DataPackets on port 256, port-256 payloads from
 * the session layer become IPv6 packets for the TUN.
 *
 * <h2>Theory of operation</h2>
 * Outbound, {@link #onTunPacket} takes one packet read from the TUN and
 * decides in the order of INTEROP.md 9.3:
 * <ol>
 *   <li>shorter than 40 bytes or not IPv6: {@link Ipv6Outcome#IGNORED};
 *       destination outside fd00::/8: Destination Unreachable code 0 from our
 *       own address; destination = our address: written back to the TUN
 *       unchanged (hairpin);</li>
 *   <li>a TCP SYN has its MSS lowered in place to the per-destination
 *       ceiling (INTEROP.md 9.5);</li>
 *   <li>longer than the effective IPv6 MTU ({@code transportMtu − 77}):
 *       Packet Too Big carrying it, packet dropped;</li>
 *   <li>the identity cache does not know the 15-byte prefix: Destination
 *       Unreachable code 0;</li>
 *   <li>an established session's learned path MTU − 77 is below the
 *       effective MTU and the packet is longer: Packet Too Big with that;</li>
 *   <li>otherwise compressed (format 0x00) and handed to
 *       {@link Ipv6Sessions#send} with ports 256 → 256, which sends it or
 *       queues it while a session or lookup is under way (step 6 belongs to
 *       the session layer).</li>
 * </ol>
 * Packet Too Big is limited to one per source address per 100 ms; no error
 * is sent about an ICMPv6 error, a multicast or unspecified source, or a
 * multicast destination ({@link Icmpv6Errors#mayAnswer}).
 *
 * <p>Inbound, {@link #onSessionData} takes the payload of a port-256
 * DataPacket from node {@code src}, rebuilds the IPv6 header with
 * {@code src = fd‖src[0..15]} and {@code dst} = our address (INTEROP.md 9.1),
 * lowers the MSS of SYNs and SYN-ACKs, marks CE when asked (INTEROP.md 11) and
 * writes the packet to the {@link TunSink}.
 *
 * <h2>MSS ceiling</h2>
 * {@code min(effective − 60, destMtu − 77 − 60)} when the node knows a
 * transport path MTU toward the remote address ({@link Ipv6Sessions#destinationMtu}),
 * else {@code min(effective − 60, 1280 − 137)} (INTEROP.md 9.5). The remote
 * is the destination outbound and the source inbound.
 *
 * <h2>Buffers and threads</h2>
 * One thread (the node's protocol thread) owns an adapter. The caller's
 * buffer is read during the call only; {@link #onTunPacket} may rewrite the
 * MSS option and TCP checksum in it, in place. Everything the adapter writes
 * (the compressed payload, ICMPv6 errors, rebuilt inbound packets) lives in
 * work buffers allocated once in the constructor; sinks see them only during
 * their call. The steady-state paths allocate nothing.
 */
public final class Ipv6Adapter {
    /** Free bytes before the compressed payload handed to {@link Ipv6Sessions#send} (local tuning). */
    public static final int TX_HEADROOM = 128;
    /** Free bytes after it (local tuning; the AEAD tag is 16). */
    public static final int TX_TAILROOM = 64;
    /** Largest IPv6 packet without jumbograms: 40-byte header + 65535 payload. */
    public static final int MAX_PACKET_BYTES = Ipv6Packet.HEADER_BYTES + 0xffff;
    /** MSS ceiling for a destination whose path MTU is unknown: 1280 − 77 − 60 = 1143. INTEROP.md 9.5. */
    public static final int COLD_FLOW_MSS = TcpMssClamp.mssForMtu(Ipv6Mtu.effectiveIpv6Mtu(
            Ipv6Mtu.DEFAULT_TRANSPORT_MTU));

    private final long ownHi;
    private final long ownLo;
    private final byte[] ownAddress = new byte[Ipv6Packet.ADDRESS_BYTES];
    private final Ipv6Sessions sessions;
    private final TunSink tun;
    private final PtbRateLimiter ptbLimiter;

    private final byte[] tx = new byte[TX_HEADROOM + MAX_PACKET_BYTES + TX_TAILROOM];
    private final byte[] rx = new byte[MAX_PACKET_BYTES + Ipv6ShimCodec.COMPRESSION_SAVINGS_BYTES];
    private final byte[] icmp = new byte[Icmpv6Errors.MAX_ERROR_BYTES];
    private final long[] hiLo = new long[2];

    private final long[] outcomes = new long[Ipv6Outcome.COUNT];
    private final long[] events = new long[Ipv6Event.COUNT];

    /**
     * @param local this node's NodeAddr; its FIPS address is the hairpin test and the
     *     source of Destination Unreachable, and the destination of inbound packets
     */
    public Ipv6Adapter(NodeAddr local, Ipv6Sessions sessions, TunSink tun) {
        this(local, sessions, tun, new PtbRateLimiter());
    }

    public Ipv6Adapter(NodeAddr local, Ipv6Sessions sessions, TunSink tun, PtbRateLimiter ptbLimiter) {
        Objects.requireNonNull(local, "local");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.tun = Objects.requireNonNull(tun, "tun");
        this.ptbLimiter = Objects.requireNonNull(ptbLimiter, "ptbLimiter");
        this.ownHi = local.hi();
        this.ownLo = local.lo();
        local.fipsAddress().write(ownAddress, 0);
    }

    /** This node's FIPS address (INTEROP.md 1.1). */
    public FipsAddress ownAddress() {
        return FipsAddress.read(ownAddress, 0);
    }

    /**
     * One IPv6 packet read from the TUN (INTEROP.md 9.3).
     *
     * @return an {@link Ipv6Outcome}
     */
    public int onTunPacket(byte[] buf, int off, int len, long nowMs) {
        if (!Ipv6Packet.isIpv6(buf, off, len) || len > MAX_PACKET_BYTES) {
            return outcome(Ipv6Outcome.IGNORED);
        }
        int dst = off + Ipv6Packet.DST_OFFSET;
        if (!FipsAddress.isFipsAddress(buf, dst)) {
            destinationUnreachable(buf, off, len);
            return outcome(Ipv6Outcome.NOT_FIPS_DESTINATION);
        }
        if (Ipv6Packet.addressEquals(buf, dst, ownAddress, 0)) {
            tun.writeTun(buf, off, len);
            return outcome(Ipv6Outcome.HAIRPINNED);
        }
        int effective = effectiveIpv6Mtu();
        if (TcpMssClamp.clamp(buf, off, len, mssCeiling(effective, buf, dst))) {
            events[Ipv6Event.MSS_CLAMPED_OUTBOUND]++;
        }
        if (len > effective) {
            packetTooBig(buf, off, len, effective, nowMs);
            return outcome(Ipv6Outcome.TOO_BIG);
        }
        if (!sessions.resolve(buf, dst, hiLo)) {
            destinationUnreachable(buf, off, len);
            return outcome(Ipv6Outcome.NO_IDENTITY);
        }
        long destHi = hiLo[0];
        long destLo = hiLo[1];
        int pathMtu = sessions.sessionPathMtu(destHi, destLo);
        if (pathMtu >= Ipv6Mtu.MIN_ACTIONABLE_PATH_MTU) {
            int pathIpv6Mtu = pathMtu - Ipv6Mtu.FIPS_IPV6_OVERHEAD;
            if (pathIpv6Mtu < effective && len > pathIpv6Mtu) {
                packetTooBig(buf, off, len, pathIpv6Mtu, nowMs);
                return outcome(Ipv6Outcome.PATH_TOO_BIG);
            }
        }
        int n = Ipv6ShimCodec.compress(buf, off, len, tx, TX_HEADROOM);
        if (n < 0) {
            return outcome(Ipv6Outcome.IGNORED); // unreachable: length and version were checked above
        }
        int r = sessions.send(destHi, destLo, FspConstants.PORT_IPV6_SHIM, FspConstants.PORT_IPV6_SHIM, tx,
                TX_HEADROOM, n, nowMs);
        return outcome(r >= 0 ? Ipv6Outcome.SENT : Ipv6Outcome.SEND_DROPPED);
    }

    /**
     * A port-256 DataPacket payload from node {@code (srcHi, srcLo)}, without
     * CE (INTEROP.md 9.4).
     *
     * @return {@link Ipv6Outcome#DELIVERED} or {@link Ipv6Outcome#MALFORMED}
     */
    public int onSessionData(long srcHi, long srcLo, byte[] buf, int off, int len, long nowMs) {
        return onSessionData(srcHi, srcLo, false, buf, off, len, nowMs);
    }

    /**
     * A port-256 DataPacket payload from node {@code (srcHi, srcLo)}: rebuilt
     * (INTEROP.md 9.1), MSS-clamped if a SYN (9.4, 9.5), marked CE if
     * {@code congestionExperienced} and ECN-capable (INTEROP.md 11), written to
     * the TUN.
     *
     * @param congestionExperienced the last link hop's frame had CE set
     * @return {@link Ipv6Outcome#DELIVERED} or {@link Ipv6Outcome#MALFORMED}
     */
    public int onSessionData(long srcHi, long srcLo, boolean congestionExperienced, byte[] buf, int off, int len,
            long nowMs) {
        if (buf == null || off < 0 || len < 0 || len > buf.length - off) {
            return outcome(Ipv6Outcome.MALFORMED);
        }
        int n = Ipv6ShimCodec.decompress(buf, off, len, srcHi, srcLo, ownHi, ownLo, rx, 0);
        if (n < 0) {
            return outcome(Ipv6Outcome.MALFORMED);
        }
        if (TcpMssClamp.clamp(rx, 0, n, mssCeiling(effectiveIpv6Mtu(), rx, Ipv6Packet.SRC_OFFSET))) {
            events[Ipv6Event.MSS_CLAMPED_INBOUND]++;
        }
        if (congestionExperienced && Ipv6Packet.markCongestionExperienced(rx, 0)) {
            events[Ipv6Event.ECN_CE_MARKED]++;
        }
        tun.writeTun(rx, 0, n);
        return outcome(Ipv6Outcome.DELIVERED);
    }

    /**
     * {@code transportMtu − 77} (INTEROP.md 9.2) for the current
     * {@link Ipv6Sessions#transportMtu}; a transport MTU below 256 counts as
     * none, i.e. 1280.
     */
    public int effectiveIpv6Mtu() {
        int t = sessions.transportMtu();
        if (t < Ipv6Mtu.MIN_ACTIONABLE_PATH_MTU) {
            t = Ipv6Mtu.DEFAULT_TRANSPORT_MTU;
        }
        return Ipv6Mtu.effectiveIpv6Mtu(t);
    }

    /**
     * The MSS ceiling toward the remote FIPS address at
     * {@code buf[addrOff, addrOff+16)} (INTEROP.md 9.5).
     */
    public int mssCeiling(byte[] buf, int addrOff) {
        return mssCeiling(effectiveIpv6Mtu(), buf, addrOff);
    }

    private int mssCeiling(int effective, byte[] buf, int addrOff) {
        int global = TcpMssClamp.mssForMtu(effective);
        int destMtu = sessions.destinationMtu(buf, addrOff);
        int perPath = destMtu >= Ipv6Mtu.MIN_ACTIONABLE_PATH_MTU
                ? TcpMssClamp.mssForMtu(destMtu - Ipv6Mtu.FIPS_IPV6_OVERHEAD)
                : COLD_FLOW_MSS;
        return Math.min(global, perPath);
    }

    private void destinationUnreachable(byte[] buf, int off, int len) {
        int n = Icmpv6Errors.destinationUnreachable(buf, off, len, ownAddress, 0, icmp, 0);
        if (n < 0) {
            events[Ipv6Event.ICMP_SUPPRESSED]++;
            return;
        }
        events[Ipv6Event.ICMP_DEST_UNREACHABLE_SENT]++;
        tun.writeTun(icmp, 0, n);
    }

    private void packetTooBig(byte[] buf, int off, int len, int mtu, long nowMs) {
        if (!Icmpv6Errors.mayAnswer(buf, off, len)) {
            events[Ipv6Event.ICMP_SUPPRESSED]++;
            return;
        }
        if (!ptbLimiter.tryAcquire(buf, off + Ipv6Packet.SRC_OFFSET, nowMs)) {
            events[Ipv6Event.PTB_RATE_LIMITED]++;
            return;
        }
        int n = Icmpv6Errors.packetTooBig(buf, off, len, mtu, icmp, 0);
        if (n < 0) {
            events[Ipv6Event.ICMP_SUPPRESSED]++;
            return;
        }
        events[Ipv6Event.ICMP_PACKET_TOO_BIG_SENT]++;
        tun.writeTun(icmp, 0, n);
    }

    private int outcome(int o) {
        outcomes[o]++;
        return o;
    }

    /** Packets counted under an {@link Ipv6Outcome}. */
    public long count(int outcome) {
        return outcomes[outcome];
    }

    /** Times an {@link Ipv6Event} happened. */
    public long eventCount(int event) {
        return events[event];
    }

    /** Every counter with its name ({@link Ipv6Outcome#name}, {@link Ipv6Event#name}), for status output. */
    public void forEachCounter(ObjLongConsumer<String> sink) {
        for (int i = 0; i < Ipv6Outcome.COUNT; i++) {
            sink.accept(Ipv6Outcome.name(i), outcomes[i]);
        }
        for (int i = 0; i < Ipv6Event.COUNT; i++) {
            sink.accept(Ipv6Event.name(i), events[i]);
        }
    }
}
