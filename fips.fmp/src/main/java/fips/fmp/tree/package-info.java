/**
 * The spanning tree (design/fips-spanning-tree.md; INTEROP.md 5): root
 * election, parent selection and the coordinates greedy routing runs on.
 *
 * <ul>
 *   <li>{@link fips.fmp.tree.TreeCore}: the sans-IO core; fed peer events,
 *       TreeAnnounce bodies and the time, it answers with
 *       {@link fips.fmp.tree.TreeAction}s.</li>
 *   <li>{@link fips.fmp.tree.TreeView}: what routing, bloom and lookup read
 *       from it.</li>
 *   <li>{@link fips.fmp.tree.Coords}: a node's path to the root and the
 *       tree distance (INTEROP.md 5.5), allocation-free for the forwarding
 *       path.</li>
 *   <li>{@link fips.fmp.tree.TreeConfig}: hold-down, flap dampening,
 *       re-evaluation, rate limit, hysteresis and depth bound, with the
 *       reference's defaults.</li>
 *   <li>{@link fips.fmp.tree.TreeDrop}, {@link fips.fmp.tree.TreeStats}:
 *       counters for operators.</li>
 * </ul>
 */
package fips.fmp.tree;
