/**
 * The UDP transport's implementation (not exported).
 *
 * <ul>
 *   <li>{@code UdpTransportProvider}: the {@code TransportProvider} service for
 *       {@code transports.udp}.</li>
 *   <li>{@code UdpConfig}: the configuration block mapped by hand, defaults and
 *       range checks, errors naming {@code transports.udp.KEY} and the value
 *       ({@link fips.link.spi.SettingsReader}).</li>
 *   <li>{@code UdpImpl}: which implementation {@code fips.udp.impl} selects, and the default.</li>
 *   <li>{@code UdpTransportBase}: what both share: MTU enforcement, counters,
 *       the receive thread's life, the send guard and orderly close.</li>
 *   <li>{@code FfmUdpTransport}: {@code recvmmsg} batches into native buffers,
 *       {@code sendto} from the caller's array (fips.sys).</li>
 *   <li>{@code JdkUdpTransport}: the same on {@code DatagramChannel}.</li>
 *   <li>{@code UdpAddrs}: the UDP binding of {@link fips.link.spi.InetTransportAddrs}
 *       (the IP {@code TransportAddr} layout and text, bind and peer address
 *       parsing) with {@code udp} in messages.</li>
 *   <li>{@code AddrCache}: the allocation-free source-address cache.</li>
 *   <li>{@code UdpCounters}: single-writer counters behind {@code TransportStats}.</li>
 * </ul>
 *
 * <p>Buffer ownership (STYLE.md rule 7): the transport owns the array it
 * hands the sink; the sink reads it during the call only. {@code send}
 * borrows the caller's array for the duration of the call.
 */
package fips.transport.udp.internal;
