/**
 * Mesh tests: {@code LinkCore}s and {@code MeshCore}s on the deterministic simulator,
 * through the testkit's public API only. Each test's display name cites the
 * INTEROP.md section it exercises; every run is fixed by its seed.
 *
 * <ul>
 *   <li>{@code HandshakeLossMeshTest}: 3.6 msg1 resends and node.retry
 *       backoff under 30% loss.</li>
 *   <li>{@code RestartMeshTest}: 3.7 (2) restart detection by epoch.</li>
 *   <li>{@code RekeyMeshTest}: 3.8 an hour of rekeys under traffic, with and
 *       without loss; a 5 s rekey interval; the drain window.</li>
 *   <li>{@code LivenessMeshTest}: 3.6 dead timeout across a partition,
 *       reconnect schedule, no spinning deadline during a rekey.</li>
 *   <li>{@code HostileInputMeshTest}: 3.1, 3.2, 3.4 replay, tamper, unknown
 *       index, garbage.</li>
 *   <li>{@code CrossingDialsMeshTest}: 3.7 cross-connection.</li>
 *   <li>{@code DisconnectMeshTest}: 3.9 orderly shutdown.</li>
 *   <li>{@code DeterminismMeshTest}: same seed, same run.</li>
 *   <li>{@code TreeSimMeshTest} (with the {@code SimTree} adapter): INTEROP.md 5
 *       on real links: a chain of 3, 50 nodes converging, re-electing after a
 *       partition and merging when it heals.</li>
 *   <li>{@code BloomLookupMeshTest}: INTEROP.md 6 and 7 on real links: filters
 *       converge, a lookup across 4 hops returns coordinates and the min path MTU.</li>
 *   <li>{@code MeshChainMeshTest}: MeshCore end to end: a chain of 3 (root,
 *       coordinates, lookup, a SessionDatagram through the middle) and a
 *       chain of 4 (INTEROP.md 8.7: transit nodes cache a SessionSetup's
 *       coordinates).</li>
 *   <li>{@code MeshScaleMeshTest}: 1 000 nodes (convergence, lookups,
 *       datagrams) and 300 nodes under 5%/min link churn, through
 *       {@code FipsSim}.</li>
 *   <li>{@code BloomPoisonMeshTest}: INTEROP.md 6 anti-poison: an all-ones
 *       FilterAnnounce is rejected.</li>
 *   <li>{@code ForgedAncestryMeshTest}: INTEROP.md 5.1: malformed ancestries
 *       are dropped; a forged smallest root is believed only through the liar
 *       and disappears with its links.</li>
 *   <li>{@code SessionMeshTest}: FSP sessions ({@code SessionCore}, hosted with
 *       {@code SimBuilder.sessions}) over MeshCores: INTEROP.md 8.9 cold start across 5 nodes,
 *       8.8 ten minutes of rekeys every ~4 s under 1% loss, 8.5/8.7 recovery after a transit
 *       node loses the destination's coordinates.</li>
 *   <li>{@code MeshAssertions}, {@code MeshScenario}: shared helpers.</li>
 * </ul>
 */
package fips.testkit.mesh;
