package fips.transport.tcp.internal;

import fips.link.spi.Transport;
import fips.link.spi.TransportProvider;
import java.io.IOException;
import java.util.Map;

/**
 * {@code transports.tcp}: found by {@link java.util.ServiceLoader} through
 * {@code provides} in module-info (and META-INF/services on the class path).
 * Maps the block ({@link TcpConfig#parse}) and opens a {@link TcpTransport}.
 */
public final class TcpTransportProvider implements TransportProvider {
    public static final String TYPE = "tcp";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Transport open(String instanceName, String keyPath, Map<String, Object> settings) throws IOException {
        return TcpTransport.open(instanceName, keyPath, TcpConfig.parse(keyPath, settings));
    }

    /** Opens one instance from an already mapped configuration (tests use shorter local timings). */
    static TcpTransport open(String instanceName, String keyPath, TcpConfig config) throws IOException {
        return TcpTransport.open(instanceName, keyPath, config);
    }
}
