/**
 * The TCP transport (design/fips-transport-layer.md "TCP/IP: Transport for
 * UDP-Filtered Networks"; reference/configuration.md "TCP (transports.tcp.*)";
 * INTEROP.md 12, TCP row): FMP packets back to back on one stream per peer,
 * delimited by the FMP common prefix alone ({@link fips.link.spi.FmpStreamFramer}).
 * Exports nothing; the node finds it as a {@code TransportProvider} of type
 * {@code tcp}.
 *
 * <p>{@code jdk.net} supplies the keepalive idle and interval socket options.
 */
module fips.transport.tcp {
    requires fips.link;
    requires fips.sys;
    requires jdk.net;

    provides fips.link.spi.TransportProvider with fips.transport.tcp.internal.TcpTransportProvider;
}
