/**
 * The map of the fips.fmp tests. The vector tests read the known-answer files
 * in {@code ../shared/spec/vectors} (directory from the {@code fips.vectors.dir}
 * system property) with {@code fips.json.JNode.load}.
 *
 * <p>Tests in {@code fips.fmp.wire} (same package as the code, patched into
 * the module; no test package-info there, to avoid a second one for the
 * package):
 * <ul>
 *   <li>{@code FramesVectorsTest}: frames.json: link messages, established
 *       frames, the handshake frame, reject frames.</li>
 *   <li>{@code NoiseIkTransportFramesTest}: noise_ik.json
 *       {@code transport_frames} sealed and opened with the split keys.</li>
 *   <li>{@code SchnorrVectorsTest}: schnorr.json TreeAnnounce and
 *       LookupResponse: re-encoding, signatures, ancestry semantics.</li>
 *   <li>{@code FmpPrefixTest}: the common-prefix check and handshake packets.</li>
 *   <li>{@code EstablishedFrameTest}: replay, tampering, drop codes, in-place
 *       sealing and transit forwarding.</li>
 *   <li>{@code LinkMessagesTest}: layouts, validation and sign/verify helpers
 *       not covered by the vectors.</li>
 *   <li>{@code TruncationTest}: every decoder against every prefix of a valid
 *       encoding, and the expected-vs-got messages.</li>
 *   <li>{@code ErrorSignalTest}: the routing error signals (INTEROP.md 8.5):
 *       layouts, round trips, truncation, malformed input, fsp.json.</li>
 * </ul>
 *
 * <p>Tests in {@code fips.fmp.route}: {@code RouterTest} (every branch of
 * INTEROP.md 5.5, ttl and path_mtu of 8.1, the signals of 8.5 and their rate
 * limit, origination), {@code PeerTableTest}, {@code SignalLimiterTest},
 * {@code BloomHashMemoTest}, and {@code MeshTest} (A — B — C with real
 * LinkCores: a datagram from A to C transits B; signals come back to A).
 *
 * <p>Tests in {@code fips.fmp.bloom}: {@code BloomVectorsTest} (bloom.json)
 * and {@code BloomFilterTest} (merge, peer k, anti-poison, size estimate,
 * bit order), {@code BloomStateTest} (split horizon, sequences, the FPR cap
 * against poisoning, debounce, update triggers).
 *
 * <p>Tests in {@code fips.fmp.lookup}: {@code LookupCoreTest} (INTEROP.md 7:
 * receive steps, dedup, TTL, rate limit, the D19 fallback, reverse path,
 * proofs, retries), {@code CoordCacheTest} and {@code IdentityCacheTest}.
 *
 * <p>Tests in {@code fips.fmp.link}: {@code LinkCoreTest} (INTEROP.md 3 on
 * hand-driven virtual time). Tests in {@code fips.fmp.tree}: {@code CoordsTest}
 * (INTEROP.md 5.5 distance), {@code TreeCoreTest} (5.1-5.4 on hand-fed
 * announces), {@code TreeVectorsTest} (schnorr.json through the core) and
 * {@code TreeMeshTest} (a tree-only mesh harness: convergence, partition,
 * churn, with the loop invariant checked after every step).
 */
package fips.fmp;
