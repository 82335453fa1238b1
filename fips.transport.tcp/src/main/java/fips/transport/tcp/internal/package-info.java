/**
 * The TCP transport's implementation (not exported).
 *
 * <ul>
 *   <li>{@code TcpTransportProvider}: the {@code TransportProvider} service for
 *       {@code transports.tcp}.</li>
 *   <li>{@code TcpConfig}: the configuration block mapped by hand, defaults and
 *       range checks, errors naming {@code transports.tcp.KEY} and the value
 *       ({@link fips.link.spi.SettingsReader});
 *       plus the local knobs (first-frame deadline, write queue, outbound cap).</li>
 *   <li>{@code TcpTransport}: the driver: listener, connection pool keyed by
 *       remote address, the selector I/O thread, deadlines, sends through
 *       bounded per-connection write queues, orderly close.</li>
 *   <li>{@code TcpConnection}: one stream's state, its
 *       {@link fips.link.spi.FmpStreamFramer} and its write queue.</li>
 *   <li>{@code TcpAddrs}: the TCP binding of {@link fips.link.spi.InetTransportAddrs}
 *       (the IP {@code TransportAddr} layout and text, listen and peer address
 *       parsing) with {@code tcp} in messages.</li>
 *   <li>{@code TcpCounters}: the counters behind {@code TransportStats}, named
 *       as in reference/transports.md "TCP".</li>
 * </ul>
 *
 * <p>Buffer ownership (STYLE.md rule 7): the transport owns the array it
 * hands the sink (its read array, or the framer's reassembly array); the sink
 * reads it during the call only. {@code send} borrows the caller's array for
 * the duration of the call and copies the packet into the connection's queue.
 */
package fips.transport.tcp.internal;
