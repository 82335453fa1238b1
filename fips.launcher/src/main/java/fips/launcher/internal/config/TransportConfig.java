package fips.launcher.internal.config;

import java.util.Map;

/**
 * One transport instance (reference/configuration.md "Transports"; INTEROP.md
 * 14: a block is a single instance or a map of named instances). The block's
 * keys are the provider's to validate.
 *
 * @param type the key under {@code transports}, e.g. {@code udp}
 * @param name {@code udp} for a single instance, {@code udp.lan} for a named one
 * @param keyPath {@code transports.udp} or {@code transports.udp.lan}
 * @param settings the block's keys as parsed, unmodifiable
 */
public record TransportConfig(String type, String name, String keyPath, Map<String, Object> settings) {
    public TransportConfig {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
