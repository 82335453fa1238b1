/**
 * The v1 bloom filter peers exchange in FilterAnnounce (INTEROP.md 6;
 * reference/wire-formats.md "FilterAnnounce (0x20)").
 *
 * <ul>
 *   <li>{@code BloomFilter}: the 8192-bit filter: insert, membership, fill
 *       ratio and FPR estimate (with the inbound anti-poison check), merge,
 *       conversion to and from the 1024 wire bytes.</li>
 *   <li>{@code BloomKey}: the two SHA-256-derived base hashes of a NodeAddr,
 *       computed once so membership tests on the routing path allocate
 *       nothing.</li>
 *   <li>{@code BloomView}: what routing and lookup read: may a peer reach a destination.</li>
 *   <li>{@code BloomState}: the sans-IO core of the filter exchange: inbound
 *       filters per peer (sequence, FPR cap), outgoing filters by split
 *       horizon over tree peers, debounced sends (INTEROP.md 6).</li>
 *   <li>{@code BloomConfig}, {@code BloomSink}, {@code FilterVerdict}: its
 *       tunables, output and per-announce outcome (counted).</li>
 * </ul>
 *
 * <p>The FilterAnnounce message itself (sequence, hash_count, size_class
 * around these bytes) is {@code fips.fmp.wire.FilterAnnounce}.
 */
package fips.fmp.bloom;
