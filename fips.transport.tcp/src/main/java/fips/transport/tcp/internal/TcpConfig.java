package fips.transport.tcp.internal;

import static fips.link.spi.SettingsReader.bool;
import static fips.link.spi.SettingsReader.integer;
import static fips.link.spi.SettingsReader.requireFalse;
import static fips.link.spi.SettingsReader.requireNull;
import static fips.link.spi.SettingsReader.unknownKey;

import fips.link.spi.InetTransportAddrs;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One TCP transport instance's settings, mapped by hand from its configuration
 * block (reference/configuration.md "TCP (transports.tcp.*)"; INTEROP.md 12,
 * TCP row). Defaults are filled and ranges checked here, in one place
 * (STYLE.md rule 15).
 *
 * <p>The last three components are local tuning knobs, not configuration
 * keys: {@link #parse} always fills their defaults; tests shorten them.
 *
 * @param bindAddr where to listen, or null for outbound-only (no listener)
 * @param mtuBytes the largest FMP packet sent or accepted on a stream
 * @param connectTimeoutMs how long an outbound connect may take
 * @param nodelay {@code TCP_NODELAY}
 * @param keepaliveSecs keepalive idle time and probe interval in seconds; 0 disables keepalive
 * @param recvBufBytes requested {@code SO_RCVBUF} per connection
 * @param sendBufBytes requested {@code SO_SNDBUF} per connection
 * @param maxInboundConnections inbound connections held at once; more are closed at accept
 * @param firstFrameTimeoutMs an inbound connection that delivers no whole FMP packet in this time is closed
 * @param writeQueueBytes per-connection bytes queued behind a full socket buffer; a send that does not fit is dropped
 * @param maxOutboundConnections outbound connections held at once; a connect beyond fails at once
 */
public record TcpConfig(
        InetSocketAddress bindAddr,
        int mtuBytes,
        int connectTimeoutMs,
        boolean nodelay,
        int keepaliveSecs,
        int recvBufBytes,
        int sendBufBytes,
        int maxInboundConnections,
        int firstFrameTimeoutMs,
        int writeQueueBytes,
        int maxOutboundConnections) {

    // reference/configuration.md "TCP (transports.tcp.*)" and INTEROP.md 12, TCP row: defaults.
    public static final int DEFAULT_MTU = 1400;
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 5000;
    public static final int DEFAULT_KEEPALIVE_SECS = 30;
    public static final int DEFAULT_BUF_BYTES = 2 * 1024 * 1024;
    public static final int DEFAULT_MAX_INBOUND = 256;
    /** INTEROP.md 12, TCP row: the first inbound frame must arrive within 30 s. */
    public static final int DEFAULT_FIRST_FRAME_TIMEOUT_MS = 30_000;

    // Local limits. The MTU floor matches the UDP transport's (the IPv4 minimum
    // datagram size); TCP_KEEPIDLE and TCP_KEEPINTVL take at most 32767 s on Linux.
    public static final int MIN_MTU = 576;
    public static final int MAX_MTU = 65535;
    public static final int MIN_BUF_BYTES = 1024;
    public static final int MAX_KEEPALIVE_SECS = 32767;
    public static final int MAX_CONNECT_TIMEOUT_MS = 3_600_000;
    public static final int MAX_INBOUND_LIMIT = 65535;

    /** Local knob: a queue holds at least 64 KiB and at least four MTU-sized packets. */
    public static final int MIN_WRITE_QUEUE_BYTES = 64 * 1024;
    /** Local knob: outbound connections are capped like inbound ones, so a misbehaving caller cannot exhaust sockets. */
    public static final int DEFAULT_MAX_OUTBOUND = 1024;

    /** The port error messages suggest for {@code bind_addr} (there is no default listener). */
    private static final int EXAMPLE_PORT = 8443;

    static final List<String> KEYS = List.of("bind_addr", "mtu", "connect_timeout_ms", "nodelay", "keepalive_secs",
            "recv_buf_size", "send_buf_size", "max_inbound_connections", "advertise_on_nostr", "external_addr");

    /** Why the Nostr advertisement keys take only their defaults. */
    private static final String NOSTR_NOT_BUILT = "Nostr advertisement is not built";

    public TcpConfig {
        check("mtuBytes", mtuBytes, MIN_MTU, MAX_MTU);
        check("connectTimeoutMs", connectTimeoutMs, 1, MAX_CONNECT_TIMEOUT_MS);
        check("keepaliveSecs", keepaliveSecs, 0, MAX_KEEPALIVE_SECS);
        check("recvBufBytes", recvBufBytes, MIN_BUF_BYTES, Integer.MAX_VALUE);
        check("sendBufBytes", sendBufBytes, MIN_BUF_BYTES, Integer.MAX_VALUE);
        check("maxInboundConnections", maxInboundConnections, 0, MAX_INBOUND_LIMIT);
        check("firstFrameTimeoutMs", firstFrameTimeoutMs, 1, Integer.MAX_VALUE);
        check("writeQueueBytes", writeQueueBytes, mtuBytes, Integer.MAX_VALUE);
        check("maxOutboundConnections", maxOutboundConnections, 0, Integer.MAX_VALUE);
    }

    private static void check(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + "=" + v + " (expected " + min + ".." + max + ")");
        }
    }

    /** The local write-queue size for {@code mtu}: {@code max(64 KiB, 4 * mtu)}. */
    public static int defaultWriteQueueBytes(int mtu) {
        return Math.max(MIN_WRITE_QUEUE_BYTES, 4 * mtu);
    }

    /** The defaults: {@code transports: { tcp: {} }}, outbound-only. */
    public static TcpConfig defaults() {
        return new TcpConfig(null, DEFAULT_MTU, DEFAULT_CONNECT_TIMEOUT_MS, true, DEFAULT_KEEPALIVE_SECS,
                DEFAULT_BUF_BYTES, DEFAULT_BUF_BYTES, DEFAULT_MAX_INBOUND, DEFAULT_FIRST_FRAME_TIMEOUT_MS,
                defaultWriteQueueBytes(DEFAULT_MTU), DEFAULT_MAX_OUTBOUND);
    }

    /** True if no listener is opened (no {@code bind_addr}). */
    public boolean outboundOnly() {
        return bindAddr == null;
    }

    /** A copy with other local timings, for tests. */
    TcpConfig withTimings(int connectTimeoutMs, int firstFrameTimeoutMs) {
        return new TcpConfig(bindAddr, mtuBytes, connectTimeoutMs, nodelay, keepaliveSecs, recvBufBytes, sendBufBytes,
                maxInboundConnections, firstFrameTimeoutMs, writeQueueBytes, maxOutboundConnections);
    }

    /**
     * Maps a configuration block.
     *
     * @param keyPath e.g. {@code transports.tcp} or {@code transports.tcp.public}, for messages
     * @throws IllegalArgumentException naming {@code keyPath.key} and the value
     */
    public static TcpConfig parse(String keyPath, Map<String, Object> settings) {
        TcpConfig d = defaults();
        InetSocketAddress bind = d.bindAddr();
        int mtu = d.mtuBytes();
        int connectTimeout = d.connectTimeoutMs();
        boolean nodelay = d.nodelay();
        int keepalive = d.keepaliveSecs();
        int recv = d.recvBufBytes();
        int send = d.sendBufBytes();
        int maxInbound = d.maxInboundConnections();
        if (settings == null) {
            settings = Map.of();
        }
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            String path = keyPath + "." + key;
            switch (key) {
                case "bind_addr" -> {
                    if (v != null) { // an explicit null (`bind_addr:` with no value) means outbound-only, as omitting it
                        bind = InetTransportAddrs.bindSetting(path, v, EXAMPLE_PORT);
                    }
                }
                case "mtu" -> mtu = integer(path, v, MIN_MTU, MAX_MTU);
                case "connect_timeout_ms" -> connectTimeout = integer(path, v, 1, MAX_CONNECT_TIMEOUT_MS);
                case "nodelay" -> nodelay = bool(path, v);
                case "keepalive_secs" -> keepalive = integer(path, v, 0, MAX_KEEPALIVE_SECS);
                case "recv_buf_size" -> recv = integer(path, v, MIN_BUF_BYTES, Integer.MAX_VALUE);
                case "send_buf_size" -> send = integer(path, v, MIN_BUF_BYTES, Integer.MAX_VALUE);
                case "max_inbound_connections" -> maxInbound = integer(path, v, 0, MAX_INBOUND_LIMIT);
                // Nostr advertisement is not built. These keys are accepted at their
                // defaults so shared configuration files load; any other value fails
                // now rather than being silently ignored.
                case "advertise_on_nostr" -> requireFalse(path, v, NOSTR_NOT_BUILT);
                case "external_addr" -> requireNull(path, v, NOSTR_NOT_BUILT);
                default -> throw unknownKey(path, v, KEYS);
            }
        }
        return new TcpConfig(bind, mtu, connectTimeout, nodelay, keepalive, recv, send, maxInbound,
                d.firstFrameTimeoutMs(), defaultWriteQueueBytes(mtu), d.maxOutboundConnections());
    }
}
