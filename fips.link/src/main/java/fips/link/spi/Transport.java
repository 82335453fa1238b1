package fips.link.spi;

/**
 * One running transport instance: a UDP socket, an Ethernet interface, a Tor
 * client (design/fips-transport-layer.md "Services Provided to FMP").
 *
 * <p>Thread safety: {@link #send} may be called from any one thread while the
 * transport's own receive thread delivers to the sink; the other methods are
 * for the node's control thread.
 */
public interface Transport extends AutoCloseable {
    /** The transport type as configured, e.g. {@code udp}. */
    String type();

    /** The instance name: the type for a single instance, {@code type.name} for a named one. */
    String name();

    /** Transport-wide MTU: the largest FMP packet it carries (design/fips-transport-layer.md "MTU Reporting"). */
    int mtu();

    /** Per-link MTU; transports with a uniform MTU return {@link #mtu()}. */
    default int linkMtu(TransportAddr addr) {
        return mtu();
    }

    /**
     * Parses an address as written in configuration or given to
     * {@code fipsctl connect}; the exception message names the bad value.
     */
    TransportAddr parseAddress(String text);

    /**
     * Starts receiving; datagrams go to {@code sink} from the transport's own
     * thread until {@link #close()}.
     */
    void start(DatagramSink sink);

    /**
     * Sends one FMP packet. Per-packet failures (larger than the MTU, socket
     * buffer full, unreachable) are counted in {@link #stats()} and reported
     * as {@code false}, never thrown.
     */
    boolean send(TransportAddr to, byte[] buf, int off, int len);

    /** Connection-oriented transports: begin connecting in the background. Connectionless: nothing to do. */
    default void connect(TransportAddr to) {}

    default ConnectionState connectionState(TransportAddr to) {
        return ConnectionState.CONNECTED;
    }

    /** True if inbound handshakes from unknown addresses may be accepted on this transport. */
    default boolean acceptsInbound() {
        return true;
    }

    /** The local address, for operators (e.g. {@code 0.0.0.0:2121}). */
    String localAddress();

    TransportStats stats();

    /** Stops receiving and releases the medium; idempotent. */
    @Override
    void close();
}
