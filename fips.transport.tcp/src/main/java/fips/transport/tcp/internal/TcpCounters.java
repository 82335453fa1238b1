package fips.transport.tcp.internal;

import fips.link.spi.TransportStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The transport's counters (reference/transports.md "TCP", plus the drops
 * this implementation adds), named for operators. Senders, the I/O thread and
 * the control thread all count, so each increment is an atomic add; none of
 * them is on a path that runs more than once per packet.
 *
 * <p>How they fold into {@link TransportStats}: {@code sendErrors} is
 * no-connection + queue-full + write failures; {@code receiveErrors} is
 * framing errors + read failures + sink failures; {@code receiveTruncated}
 * counts streams that ended in the middle of a packet.
 */
final class TcpCounters {
    enum C {
        PACKETS_SENT("packets_sent"),
        BYTES_SENT("bytes_sent"),
        PACKETS_RECV("packets_recv"),
        BYTES_RECV("bytes_recv"),
        MTU_EXCEEDED("mtu_exceeded"),
        /** Send to an address with no connected stream. */
        SEND_NO_CONNECTION("send_no_connection"),
        /** Send dropped: the connection's write queue was full. */
        SEND_QUEUE_FULL("send_queue_full"),
        /** A write to the socket failed (the connection is then closed). */
        WRITE_ERRORS("write_errors"),
        /** A stream broke the FMP framing rules (INTEROP.md 12, TCP row) and was closed. */
        FRAMING_ERRORS("framing_errors"),
        READ_ERRORS("read_errors"),
        SINK_ERRORS("sink_errors"),
        /** A stream ended with part of a packet read. */
        TRUNCATED_STREAMS("truncated_streams"),
        CONNECTIONS_ESTABLISHED("connections_established"),
        CONNECTIONS_ACCEPTED("connections_accepted"),
        /** Inbound connections closed at accept: over the limit, or a duplicate remote address. */
        CONNECTIONS_REJECTED("connections_rejected"),
        CONNECT_TIMEOUTS("connect_timeouts"),
        CONNECT_REFUSED("connect_refused"),
        /** Outbound connects that failed otherwise (unreachable, over the outbound limit, socket errors). */
        CONNECT_ERRORS("connect_errors"),
        /** Inbound connections closed for sending no whole packet in time (INTEROP.md 12, TCP row). */
        FIRST_FRAME_TIMEOUTS("first_frame_timeouts");

        final String key;

        C(String key) {
            this.key = key;
        }
    }

    private final AtomicLongArray values = new AtomicLongArray(C.values().length);

    void add(C c, long n) {
        values.getAndAdd(c.ordinal(), n);
    }

    void inc(C c) {
        values.getAndIncrement(c.ordinal());
    }

    long get(C c) {
        return values.get(c.ordinal());
    }

    TransportStats snapshot() {
        return new TransportStats(
                get(C.PACKETS_SENT), get(C.BYTES_SENT), get(C.PACKETS_RECV), get(C.BYTES_RECV),
                get(C.SEND_NO_CONNECTION) + get(C.SEND_QUEUE_FULL) + get(C.WRITE_ERRORS),
                get(C.MTU_EXCEEDED),
                get(C.FRAMING_ERRORS) + get(C.READ_ERRORS) + get(C.SINK_ERRORS),
                get(C.TRUNCATED_STREAMS));
    }

    /** Every counter by its operator name, plus the two pool gauges. */
    Map<String, Long> details(int poolInbound, int poolOutbound) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (C c : C.values()) {
            m.put(c.key, get(c));
        }
        m.put("pool_inbound", (long) poolInbound);
        m.put("pool_outbound", (long) poolOutbound);
        return m;
    }
}
