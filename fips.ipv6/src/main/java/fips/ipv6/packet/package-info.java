/**
 * Allocation-free IPv6, ICMPv6 and TCP helpers the adapter runs on every TUN
 * packet, writing into caller buffers.
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@link fips.ipv6.packet.Ipv6Packet}: fixed-header offsets, address
 *       tests, the ECN field and CE marking (INTEROP.md 11).</li>
 *   <li>{@link fips.ipv6.packet.InternetChecksum}: RFC 1071 sum, IPv6
 *       pseudo-header checksum, RFC 1624 incremental update.</li>
 *   <li>{@link fips.ipv6.packet.Icmpv6Errors}: Destination Unreachable code 0
 *       and Packet Too Big, with the rules for when not to send them
 *       (INTEROP.md 9.3).</li>
 *   <li>{@link fips.ipv6.packet.PtbRateLimiter}: one Packet Too Big per
 *       source per 100 ms in fixed memory (INTEROP.md 9.3).</li>
 *   <li>{@link fips.ipv6.packet.TcpMssClamp}: lowers the MSS option of SYNs
 *       and SYN-ACKs in place (INTEROP.md 9.5).</li>
 * </ul>
 *
 * <p>Buffer ownership (STYLE.md rule 7): methods use the caller's buffers only
 * during the call. {@code TcpMssClamp} edits the packet in place; the ICMPv6
 * builders write to a separate output buffer that must not overlap the input.
 */
package fips.ipv6.packet;
