/**
 * The transport SPI (design/fips-transport-layer.md "Services Provided to FMP"):
 * what FMP needs from any medium, and how transports are found. Each
 * transport module {@code provides fips.link.spi.TransportProvider}; the
 * runtime image carries whichever transports it was built with.
 *
 * <p>Beside the SPI proper, what several transports share: stream framing
 * ({@code FmpStreamFramer}), the IP address layout and syntax
 * ({@code InetTransportAddrs}), typed reads of a settings block
 * ({@code SettingsReader}) and the start/close flags
 * ({@code TransportLifecycle}).
 */
module fips.link {
    exports fips.link.spi;

    uses fips.link.spi.TransportProvider;
}
