/**
 * SessionDatagram forwarding: the forwarding-plane core between the link
 * layer below and the session layer above (INTEROP.md 5.5, 8.1, 8.5;
 * design/fips-mesh-operation.md "Routing Decision Process", "Error Recovery").
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@link fips.fmp.route.Router}: the sans-IO core: transit forwarding
 *       ({@code onDatagram}), origination ({@code originate}), next-hop
 *       selection ({@code nextHop}) and the routing error signals.</li>
 *   <li>{@link fips.fmp.route.PeerTable}: per-peer state the selection scans
 *       (MTU, link_cost, sendable, declared coordinates, inbound bloom filter),
 *       in arrays the mesh glue keeps current at peer and announce events.</li>
 *   <li>{@link fips.fmp.route.DestinationCoords}: the coordinate-cache lookup the
 *       router needs, by the destination's two longs.</li>
 *   <li>{@link fips.fmp.route.LinkOutput}: where forwarded and originated
 *       datagrams go (the glue: {@code LinkCore.send(peer, 0x00, ...)}).</li>
 *   <li>{@link fips.fmp.route.LocalDelivery}: where datagrams for this node go
 *       (the session layer).</li>
 *   <li>{@link fips.fmp.route.RouteOutcome}, {@link fips.fmp.route.RouteSignal}:
 *       the int outcomes and the error-signal counters.</li>
 *   <li>{@code BloomHashMemo}, {@code SignalLimiter} (package-private): the
 *       destination-hash memo and the 100 ms per-destination signal limit.</li>
 * </ul>
 *
 * <h2>Style (STYLE.md rules 2, 7, 9)</h2>
 * Per packet: an int outcome, bytes through an interface, nothing allocated,
 * nothing thrown for what arrived, every outcome counted. Local misuse (an
 * origin addressed to this node, a payload too long) throws
 * {@link java.lang.IllegalArgumentException}. The error-signal wire format is
 * {@code fips.fmp.wire.ErrorSignal}.
 */
package fips.fmp.route;
