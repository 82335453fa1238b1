/**
 * The FSP session layer (design/fips-session-layer.md; INTEROP.md 8, 2.4):
 * end-to-end Noise XK sessions over the mesh, as a sans-IO core.
 *
 * <ul>
 *   <li>{@link fips.fsp.session.SessionCore}: the state machine (handshake, simultaneous open,
 *       retransmits, data, replay, warmup, error-signal reactions, path MTU, rekey, idle).</li>
 *   <li>{@link fips.fsp.session.SessionMesh}: what the core needs from the mesh layer;
 *       {@link fips.fsp.session.MeshSessionPort} implements it over a {@code MeshCore}.</li>
 *   <li>{@link fips.fsp.session.SessionSink}: where DataPackets and
 *       {@link fips.fsp.session.SessionEvent}s go.</li>
 *   <li>{@link fips.fsp.session.SessionConfig}: {@code node.session.*}, {@code node.rekey.*} and the
 *       session rate limits, with the spec's constants.</li>
 *   <li>{@link fips.fsp.session.SendOutcome}: the int results of {@code send}.</li>
 *   <li>{@link fips.fsp.session.SessionSnapshot}: one session for {@code show_sessions}.</li>
 *   <li>{@code Session}, {@code SessionCounter}: per-session state and the counter names (internal).</li>
 * </ul>
 *
 * <p>Wiring: a driver feeds {@code MeshSink.deliverLocal} to {@link fips.fsp.session.SessionCore#onDatagram}
 * and {@code MeshSink.lookupDone} to {@link fips.fsp.session.SessionCore#onLookupDone}, polls the core at
 * {@link fips.fsp.session.SessionCore#nextDeadlineMs()}, and calls it from the same thread as the mesh core.
 */
package fips.fsp.session;
