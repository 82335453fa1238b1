package fips.link.spi;

import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * A kind of transport, found with {@link ServiceLoader}
 * (ARCHITECTURE.md "Modules": {@code uses} here, {@code provides} in each
 * transport module).
 */
public interface TransportProvider {
    /** The configuration key under {@code transports.}, e.g. {@code udp}. */
    String type();

    /**
     * Opens an instance from its configuration block.
     *
     * @param instanceName {@code type} for a single instance, {@code type.name} for a named one
     * @param keyPath the configuration path of the block, for error messages (e.g. {@code transports.udp})
     * @param settings the block's keys as parsed from YAML (plain maps, lists, strings, numbers, booleans)
     * @throws IllegalArgumentException for an unknown key or a bad value, naming {@code keyPath.key} and the value
     * @throws IOException if the medium cannot be opened (e.g. the port is in use), naming the address
     */
    Transport open(String instanceName, String keyPath, Map<String, Object> settings) throws IOException;

    /** Every provider visible to this module layer, by type. */
    static Map<String, TransportProvider> discover() {
        Map<String, TransportProvider> out = new TreeMap<>();
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
            TransportProvider prev = out.putIfAbsent(p.type(), p);
            if (prev != null) {
                throw new IllegalStateException("two transport providers for type=" + p.type() + ": "
                        + prev.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return out;
    }
}
