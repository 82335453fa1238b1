package fips.ipv6.adapter;

/**
 * What {@link Ipv6Adapter} needs from the node below it: the identity cache,
 * the MTUs it has learned and the session layer's send. The node implements
 * it over its FSP session core and identity cache; tests use a fake. Called
 * on the adapter's (protocol) thread, per packet: implementations must not
 * allocate on the steady-state path.
 *
 * <p>A destination is known to the adapter only by its IPv6 address, which
 * carries the first 15 bytes of its NodeAddr (INTEROP.md 1.1); {@link #resolve}
 * turns that into the full NodeAddr, given as its halves as in
 * {@code fips.identity.NodeAddr(hi, lo)}.
 */
public interface Ipv6Sessions {
    /**
     * The minimum MTU over operational transports, or 1280 if there is none
     * (INTEROP.md 9.2 "transport_mtu used by the adapter"). The adapter treats
     * any value below 256 as 1280.
     */
    int transportMtu();

    /**
     * Looks up the identity cache by the 15-byte prefix of the FIPS address at
     * {@code buf[addrOff, addrOff+16)} (bytes 1..15 after the {@code fd};
     * INTEROP.md 1.1 "Reverse lookup", as {@code IdentityCache.get(FipsAddress)}).
     *
     * @param outHiLo receives the full NodeAddr: {@code [0] = hi, [1] = lo}
     * @return false on a cache miss ({@code outHiLo} untouched)
     */
    boolean resolve(byte[] buf, int addrOff, long[] outHiLo);

    /**
     * The path MTU an established session to this node has learned (session
     * MMP, design/fips-mtu.md "Per-Destination MTU Storage", session-canonical),
     * or 0 if there is no established session or no value yet.
     */
    int sessionPathMtu(long destHi, long destLo);

    /**
     * The TCP-clamp mirror (design/fips-mtu.md "Per-Destination MTU Storage"):
     * the smallest transport path MTU any signal has reported toward the FIPS
     * address at {@code buf[addrOff, addrOff+16)}, or 0 if none is known. The
     * default knows none, so every flow gets the cold-flow ceiling
     * (INTEROP.md 9.5).
     */
    default int destinationMtu(byte[] buf, int addrOff) {
        return 0;
    }

    /**
     * Hands a DataPacket payload to the session layer for {@code dest}
     * (INTEROP.md 9.3 steps 5 and 6: send on an established session, or start
     * one / a lookup and queue). The payload is {@code buf[off, off+len)}; the
     * adapter owns {@code buf} and leaves {@link Ipv6Adapter#TX_HEADROOM} bytes
     * before {@code off} and {@link Ipv6Adapter#TX_TAILROOM} after
     * {@code off+len} free for headers and the AEAD tag to be written in place
     * during the call. Same shape as the FSP session core's send.
     *
     * @return the session layer's outcome: {@code >= 0} sent or queued, {@code < 0} dropped
     */
    int send(long destHi, long destLo, int srcPort, int dstPort, byte[] buf, int off, int len, long nowMs);
}
