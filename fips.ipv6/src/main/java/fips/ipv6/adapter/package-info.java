/**
 * The IPv6 adapter's sans-IO core: TUN packets to port-256 DataPackets and
 * back (INTEROP.md 9.3, 9.4; design/fips-ipv6-adapter.md).
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@link fips.ipv6.adapter.Ipv6Adapter}: the core, driven by the node's
 *       protocol thread, int outcomes and named counters.</li>
 *   <li>{@link fips.ipv6.adapter.Ipv6Sessions}: what the core asks of the node
 *       (identity cache, MTUs, session send); the node implements it.</li>
 *   <li>{@link fips.ipv6.adapter.TunSink}: where rebuilt packets, hairpins and
 *       ICMPv6 errors go.</li>
 *   <li>{@link fips.ipv6.adapter.Ipv6Outcome}, {@link fips.ipv6.adapter.Ipv6Event}:
 *       the outcome codes and side counters with their names.</li>
 * </ul>
 */
package fips.ipv6.adapter;
