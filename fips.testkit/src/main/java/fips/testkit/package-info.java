/**
 * The deterministic simulator: FIPS cores on a virtual clock and an
 * in-memory network, reproducible from one seed.
 *
 * <ul>
 *   <li>{@code Simulation}: the clock, the agenda of events (time, then
 *       insertion order), the run methods, scheduled actions, raw injection
 *       and the event log; its javadoc has the theory of operation.</li>
 *   <li>{@code SimBuilder}: nodes, link configuration, wires (explicit,
 *       chain, ring, full), network conditions and who dials whom.</li>
 *   <li>{@code SimNode}: one node: a {@code LinkCore} (or a whole
 *       {@code MeshCore}), its identity and transport, what it reported
 *       (events, deliveries), sending, restart and stop.</li>
 *   <li>{@code SimMesh}: a mesh node's layer: its {@code MeshCore}, lookups,
 *       SessionDatagrams sent and delivered, coordinate changes.</li>
 *   <li>{@code SimSession}: a node's session layer when the simulation was
 *       built with {@code SimBuilder.sessions}: a {@code SessionCore} over the
 *       node's {@code MeshCore}, sending by node, DataPackets and session
 *       events received.</li>
 *   <li>{@code SessionProbe}: a tagged SessionSetup payload for test
 *       datagrams.</li>
 *   <li>{@code SimTransport}: the {@code Transport} of a node, address
 *       {@code sim:<index>}.</li>
 *   <li>{@code SimNetwork}, {@code SimWire}, {@code NetConditions}: wires
 *       between transports and what they do to packets (latency, jitter,
 *       loss, duplication, reordering, MTU, partitions).</li>
 *   <li>{@code WireStats}, {@code PacketKind}: per-direction counters by
 *       fate and by kind of packet.</li>
 *   <li>{@code WireTap}, {@code Capture}: observing and keeping packets as
 *       they are sent, for counting and re-injection.</li>
 *   <li>{@code EventQueue}, {@code IntMap} (package-private): the pooled
 *       event heap and the allocation-free wire lookup.</li>
 * </ul>
 */
package fips.testkit;
