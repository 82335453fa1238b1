package fips.ipv6.shim;

import fips.fsp.wire.FspConstants;

/**
 * MTU arithmetic of the IPv6 adapter (INTEROP.md 9.2, sizes as in 8.10).
 * Protocol constants only; the TUN MTU a node configures is a setting, not
 * defined here.
 */
public final class Ipv6Mtu {
    private Ipv6Mtu() {}

    /** FMP established header. INTEROP.md 3.2, 9.2. */
    public static final int LINK_HEADER_BYTES = 16;
    /** FMP AEAD tag. INTEROP.md 3.2, 9.2. */
    public static final int LINK_TAG_BYTES = 16;
    /** FMP inner timestamp + msg_type. INTEROP.md 3.2, 9.2. */
    public static final int LINK_INNER_BYTES = 5;
    /** SessionDatagram ttl + path_mtu + src + dest. INTEROP.md 8.1, 9.2. */
    public static final int SESSION_DATAGRAM_BODY_BYTES = 35;

    /** Bytes FIPS adds to a DataPacket body: 16+16+5+35+12+6+16. INTEROP.md 9.2. */
    public static final int FIPS_OVERHEAD = LINK_HEADER_BYTES + LINK_TAG_BYTES + LINK_INNER_BYTES
            + SESSION_DATAGRAM_BODY_BYTES + FspConstants.HEADER_BYTES + FspConstants.INNER_HEADER_BYTES
            + FspConstants.TAG_BYTES;

    /** Bytes FIPS adds to an IPv6 packet: 106 + 4 port header − 33 compression. INTEROP.md 9.2. */
    public static final int FIPS_IPV6_OVERHEAD = FIPS_OVERHEAD + FspConstants.DATA_PORT_HEADER_BYTES
            - Ipv6ShimCodec.COMPRESSION_SAVINGS_BYTES;

    /** transport_mtu when no transport is operational (the UDP default). INTEROP.md 9.2. */
    public static final int DEFAULT_TRANSPORT_MTU = 1280;

    /** Remote-supplied MTUs below this are ignored. INTEROP.md 9.2 (MIN_ACTIONABLE_PATH_MTU). */
    public static final int MIN_ACTIONABLE_PATH_MTU = 256;

    /**
     * The IPv6 MTU the adapter can carry over a transport MTU:
     * {@code transportMtu − 77} (1203 for the 1280 default). INTEROP.md 9.2.
     *
     * @param transportMtu the minimum MTU over operational transports, or {@link #DEFAULT_TRANSPORT_MTU}
     */
    public static int effectiveIpv6Mtu(int transportMtu) {
        if (transportMtu < FIPS_IPV6_OVERHEAD) {
            throw new IllegalArgumentException("transportMtu=" + transportMtu + " is below FIPS_IPV6_OVERHEAD="
                    + FIPS_IPV6_OVERHEAD);
        }
        return transportMtu - FIPS_IPV6_OVERHEAD;
    }
}
