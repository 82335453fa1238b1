package fips.transport.udp.internal;

import fips.link.spi.Transport;
import fips.link.spi.TransportProvider;
import java.io.IOException;
import java.util.Map;

/**
 * {@code transports.udp}: found by {@link java.util.ServiceLoader} through
 * {@code provides} in module-info (and META-INF/services on the class path).
 * Maps the block ({@link UdpConfig#parse}) and opens the implementation
 * {@link UdpImpl#selected()} names.
 */
public final class UdpTransportProvider implements TransportProvider {
    public static final String TYPE = "udp";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Transport open(String instanceName, String keyPath, Map<String, Object> settings) throws IOException {
        UdpConfig config = UdpConfig.parse(keyPath, settings);
        return open(instanceName, keyPath, config, UdpImpl.selected());
    }

    /** Opens one instance with an explicit implementation. */
    static UdpTransportBase open(String instanceName, String keyPath, UdpConfig config, UdpImpl impl) throws IOException {
        return switch (impl) {
            case FFM -> FfmUdpTransport.open(instanceName, keyPath, config);
            case JDK -> JdkUdpTransport.open(instanceName, keyPath, config);
        };
    }
}
