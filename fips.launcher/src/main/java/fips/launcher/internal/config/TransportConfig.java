package fips.launcher.internal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One transport instance (reference/configuration.md "Transports"; INTEROP.md
 * 14: a block is a single instance or a map of named instances).
 *
 * @param type the key under {@code transports}, e.g. {@code udp}
 * @param name {@code udp} for a single instance, {@code udp.lan} for a named one
 * @param keyPath {@code transports.udp} or {@code transports.udp.lan}
 * @param settings the block's keys as written, handed to the transport's provider, which validates them
 *     again in its own terms. The Nostr advert keys ({@code advertise_on_nostr}, {@code public},
 *     {@code external_addr}) are taken out: this build does not advertise, and {@link #typed} keeps them.
 * @param typed the block checked against reference/configuration.md with its defaults filled in, for the
 *     transports this project has ({@link TransportSettings.Udp}, {@link TransportSettings.Tcp}); for any
 *     other type {@link TransportSettings.ProviderOnly}
 */
public record TransportConfig(String type, String name, String keyPath, Map<String, Object> settings,
                              TransportSettings typed) {
    public TransportConfig {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        if (typed == null) throw new IllegalArgumentException("typed=null");
    }

    /** A block only its provider interprets. */
    public TransportConfig(String type, String name, String keyPath, Map<String, Object> settings) {
        this(type, name, keyPath, settings, TransportSettings.ProviderOnly.INSTANCE);
    }

    /** The same as {@link #type}: {@code udp}, {@code tcp}, ... */
    public String kind() {
        return type;
    }
}
