/**
 * Coordinate discovery (INTEROP.md 7, 1.1, 4, 15 [D19];
 * design/fips-mesh-operation.md "Discovery Protocol", "Coordinate Caching").
 *
 * <ul>
 *   <li>{@code LookupCore}: the sans-IO lookup core: originate with retries,
 *       answer for this node with a signed proof, forward along bloom matches
 *       (tree peers, else the non-tree fallback), carry responses back along
 *       the reverse path lowering path_mtu, verify and cache at the origin.</li>
 *   <li>{@code LookupAction}: what the core asks the driver to do (send a
 *       link message, report success or failure).</li>
 *   <li>{@code LookupDrop}: the named drop counters.</li>
 *   <li>{@code LookupConfig}: the {@code node.lookup.*} knobs.</li>
 *   <li>{@code LookupLinks}: what the core reads from the link layer (peers,
 *       link MTU).</li>
 *   <li>{@code CoordCache}: NodeAddr → coordinates and path MTU, with TTL and
 *       O(1) longest-idle eviction.</li>
 *   <li>{@code IdentityCache}: public keys by the 15-byte address prefix, LRU.</li>
 * </ul>
 */
package fips.fmp.lookup;
