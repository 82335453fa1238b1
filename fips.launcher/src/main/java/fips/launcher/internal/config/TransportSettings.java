package fips.launcher.internal.config;

import java.net.InetSocketAddress;

/**
 * A transport block checked and defaulted by the configuration layer
 * (reference/configuration.md "UDP", "TCP"; INTEROP.md 12).
 */
public sealed interface TransportSettings {
    /** The MTU the block asks for, or -1 when only the provider knows. */
    int mtuBytes();

    /**
     * {@code transports.udp} (one instance).
     *
     * @param bindAddr {@code bind_addr}, default {@code 0.0.0.0:2121}
     * @param mtuBytes {@code mtu}, default 1280
     * @param recvBufBytes {@code recv_buf_size}, default 2 MiB
     * @param sendBufBytes {@code send_buf_size}, default 2 MiB
     * @param outboundOnly {@code outbound_only}: bind {@code 0.0.0.0:0}, refuse inbound msg1
     * @param acceptConnections {@code accept_connections}: accept inbound msg1 from new peers
     * @param advertiseOnNostr {@code advertise_on_nostr} (not built)
     * @param isPublic {@code public} (not built)
     * @param externalAddr {@code external_addr}, or null (not built)
     */
    record Udp(InetSocketAddress bindAddr, int mtuBytes, int recvBufBytes, int sendBufBytes, boolean outboundOnly,
               boolean acceptConnections, boolean advertiseOnNostr, boolean isPublic, String externalAddr)
            implements TransportSettings {
        public static final String DEFAULT_BIND_ADDR = "0.0.0.0:2121";
        public static final int DEFAULT_MTU_BYTES = 1280;
    }

    /**
     * {@code transports.tcp} (one instance).
     *
     * @param bindAddr {@code bind_addr}, or null: no listener, outbound only
     * @param mtuBytes {@code mtu}, default 1400
     * @param connectTimeoutMs {@code connect_timeout_ms}, default 5000
     * @param nodelay {@code nodelay}: TCP_NODELAY, default true
     * @param keepaliveSecs {@code keepalive_secs}, default 30; 0 disables keepalive
     * @param recvBufBytes {@code recv_buf_size}, default 2 MiB
     * @param sendBufBytes {@code send_buf_size}, default 2 MiB
     * @param maxInboundConnections {@code max_inbound_connections}, default 256
     * @param advertiseOnNostr {@code advertise_on_nostr} (not built)
     * @param externalAddr {@code external_addr}, or null (not built)
     */
    record Tcp(InetSocketAddress bindAddr, int mtuBytes, long connectTimeoutMs, boolean nodelay, long keepaliveSecs,
               int recvBufBytes, int sendBufBytes, int maxInboundConnections, boolean advertiseOnNostr,
               String externalAddr) implements TransportSettings {
        public static final int DEFAULT_MTU_BYTES = 1400;
        public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
        /** INTEROP.md 12, TCP row: an inbound stream must deliver its first frame within this. */
        public static final long FIRST_FRAME_TIMEOUT_MS = 30_000;
    }

    /** A type the configuration layer passes through to its provider unexamined (or only key-checked). */
    enum ProviderOnly implements TransportSettings {
        INSTANCE;

        @Override
        public int mtuBytes() {
            return -1;
        }
    }
}
