/**
 * The UDP transport (design/fips-transport-layer.md "UDP/IP: The Primary
 * Internet Transport"; reference/configuration.md "UDP (transports.udp.*)";
 * INTEROP.md 12, UDP row): one FMP packet per datagram, no extra header.
 * Exports nothing; the node finds it as a {@code TransportProvider} of type
 * {@code udp}.
 *
 * <p>Two implementations, chosen by the system property {@code fips.udp.impl}
 * ({@code ffm}: Linux {@code recvmmsg}/{@code sendto} through fips.sys;
 * {@code jdk}: {@code DatagramChannel}); the default is the faster one in
 * benchmarks/README.md "UDP transport".
 */
module fips.transport.udp {
    requires fips.link;
    requires fips.sys;

    provides fips.link.spi.TransportProvider with fips.transport.udp.internal.UdpTransportProvider;
}
