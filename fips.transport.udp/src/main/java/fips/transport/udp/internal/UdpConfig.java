package fips.transport.udp.internal;

import static fips.link.spi.SettingsReader.bool;
import static fips.link.spi.SettingsReader.integer;
import static fips.link.spi.SettingsReader.requireFalse;
import static fips.link.spi.SettingsReader.requireNull;
import static fips.link.spi.SettingsReader.unknownKey;

import fips.link.spi.InetTransportAddrs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One UDP transport instance's settings, mapped by hand from its configuration
 * block (reference/configuration.md "UDP (transports.udp.*)"; INTEROP.md 12,
 * UDP row). Defaults are filled and ranges checked here, in one place
 * (STYLE.md rule 15).
 *
 * @param bindAddr where to bind unless {@code outboundOnly}
 * @param mtuBytes the largest FMP packet this transport sends
 * @param recvBufBytes requested {@code SO_RCVBUF} (the kernel doubles it and clamps to {@code net.core.rmem_max})
 * @param sendBufBytes requested {@code SO_SNDBUF} (likewise, {@code net.core.wmem_max})
 * @param outboundOnly bind an ephemeral port and refuse inbound handshakes
 * @param acceptConnections accept inbound handshake msg1 from new peers
 */
public record UdpConfig(
        InetSocketAddress bindAddr,
        int mtuBytes,
        int recvBufBytes,
        int sendBufBytes,
        boolean outboundOnly,
        boolean acceptConnections) {

    // reference/configuration.md "UDP (transports.udp.*)": defaults.
    public static final int DEFAULT_PORT = 2121;
    public static final String DEFAULT_BIND_ADDR = "0.0.0.0:" + DEFAULT_PORT;
    public static final int DEFAULT_MTU = 1280;
    public static final int DEFAULT_BUF_BYTES = 2 * 1024 * 1024;

    // Local limits: an FMP packet must at least hold a handshake msg1, and
    // the IPv4 minimum datagram size is the smallest MTU worth running.
    public static final int MIN_MTU = 576;
    public static final int MAX_MTU = 65535;
    public static final int MIN_BUF_BYTES = 1024;

    /** Extra receive-buffer bytes beyond the MTU (INTEROP.md 12, UDP row). */
    public static final int RECV_SLACK_BYTES = 100;

    /** What {@code outbound_only} binds, whatever {@code bind_addr} says (reference/configuration.md). */
    public static final InetSocketAddress OUTBOUND_ONLY_BIND = new InetSocketAddress(ipv4Any(), 0);

    static final List<String> KEYS = List.of("bind_addr", "mtu", "recv_buf_size", "send_buf_size", "outbound_only",
            "accept_connections", "advertise_on_nostr", "public", "external_addr");

    /** Why the Nostr advertisement keys take only their defaults. */
    private static final String NOSTR_NOT_BUILT = "Nostr advertisement is not built";

    public UdpConfig {
        if (mtuBytes < MIN_MTU || mtuBytes > MAX_MTU) {
            throw new IllegalArgumentException("mtuBytes=" + mtuBytes);
        }
    }

    /** The defaults: {@code transports: { udp: {} }}. */
    public static UdpConfig defaults() {
        return new UdpConfig(UdpAddrs.parseLiteral(DEFAULT_BIND_ADDR), DEFAULT_MTU, DEFAULT_BUF_BYTES,
                DEFAULT_BUF_BYTES, false, true);
    }

    /** The address actually bound: {@link #OUTBOUND_ONLY_BIND} when outbound-only. */
    public InetSocketAddress bindTarget() {
        return outboundOnly ? OUTBOUND_ONLY_BIND : bindAddr;
    }

    /** Largest datagram accepted: MTU + 100; anything longer is counted as truncated and dropped. */
    public int recvBufferBytes() {
        return mtuBytes + RECV_SLACK_BYTES;
    }

    /**
     * Maps a configuration block.
     *
     * @param keyPath e.g. {@code transports.udp} or {@code transports.udp.wan}, for messages
     * @throws IllegalArgumentException naming {@code keyPath.key} and the value
     */
    public static UdpConfig parse(String keyPath, Map<String, Object> settings) {
        UdpConfig d = defaults();
        InetSocketAddress bind = d.bindAddr();
        int mtu = d.mtuBytes();
        int recv = d.recvBufBytes();
        int send = d.sendBufBytes();
        boolean outboundOnly = d.outboundOnly();
        boolean accept = d.acceptConnections();
        if (settings == null) {
            settings = Map.of();
        }
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            String path = keyPath + "." + key;
            switch (key) {
                case "bind_addr" -> bind = InetTransportAddrs.bindSetting(path, v, DEFAULT_PORT);
                case "mtu" -> mtu = integer(path, v, MIN_MTU, MAX_MTU);
                case "recv_buf_size" -> recv = integer(path, v, MIN_BUF_BYTES, Integer.MAX_VALUE);
                case "send_buf_size" -> send = integer(path, v, MIN_BUF_BYTES, Integer.MAX_VALUE);
                case "outbound_only" -> outboundOnly = bool(path, v);
                case "accept_connections" -> accept = bool(path, v);
                // Nostr advertisement is not built. These keys are accepted at their
                // defaults so shared configuration files load; any other value fails
                // now rather than being silently ignored.
                case "advertise_on_nostr", "public" -> requireFalse(path, v, NOSTR_NOT_BUILT);
                case "external_addr" -> requireNull(path, v, NOSTR_NOT_BUILT);
                default -> throw unknownKey(path, v, KEYS);
            }
        }
        return new UdpConfig(bind, mtu, recv, send, outboundOnly, accept);
    }

    private static InetAddress ipv4Any() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
