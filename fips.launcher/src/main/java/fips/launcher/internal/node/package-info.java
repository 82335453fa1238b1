/**
 * Node assembly and threads (ARCHITECTURE.md "Threads", "Cores and drivers").
 *
 * <ul>
 * <li>{@link fips.launcher.internal.node.Node}: opens the configured
 *     transports through their providers, turns {@code peers[]} into
 *     {@code PeerSpec}s, starts and stops the threads.</li>
 * <li>{@link fips.launcher.internal.node.ProtocolLoop}: the one protocol
 *     thread; it alone owns the {@code MeshCore} (link, spanning tree, bloom
 *     filters, lookup, routing; STYLE.md rule 4).</li>
 * <li>{@link fips.launcher.internal.node.DatagramRing}: the bounded,
 *     preallocated hand-over from a transport's receive thread to the
 *     protocol thread; {@link fips.launcher.internal.node.Wakeup} parks and
 *     wakes the protocol thread.</li>
 * <li>{@link fips.launcher.internal.node.MeshEventLog}: link, tree and
 *     lookup events as operator log lines.</li>
 * <li>{@link fips.launcher.internal.node.MeshObserver}: the same events for
 *     a listener on the protocol thread (tests).</li>
 * </ul>
 */
package fips.launcher.internal.node;
