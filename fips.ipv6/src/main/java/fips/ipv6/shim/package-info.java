/**
 * The IPv6 shim carried in DataPackets on port 256.
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@link fips.ipv6.shim.Ipv6ShimCodec}: format 0x00 compression and
 *       decompression of the IPv6 header, allocation-free, int outcomes.</li>
 *   <li>{@link fips.ipv6.shim.Ipv6Mtu}: FIPS_OVERHEAD, FIPS_IPV6_OVERHEAD and the
 *       effective IPv6 MTU the adapter advertises.</li>
 * </ul>
 *
 * <p>Format 0x00 follows the reference code, not the prose: the residual is
 * IPv6 header bytes 0-3 verbatim plus next header and hop limit
 * (INTEROP.md 9.1, 15 D2).
 *
 * <p>Buffer ownership (STYLE.md rule 7): methods read the caller's buffers only
 * during the call; input and output may be the same array, overlapping.
 */
package fips.ipv6.shim;
