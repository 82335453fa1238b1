package fips.link.spi;

/**
 * State of a transport-level connection to one address
 * (design/fips-transport-layer.md "Connection Lifecycle"). Connectionless
 * transports always answer {@link #CONNECTED}.
 */
public enum ConnectionState {
    NONE,
    CONNECTING,
    CONNECTED,
    FAILED
}
