package fips.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** reference/configuration.md "TCP (transports.tcp.*)"; INTEROP.md 12, TCP row. */
class TcpConfigTest {
    private static final String PATH = "transports.tcp";

    private static String error(Map<String, Object> settings) {
        return assertThrows(IllegalArgumentException.class, () -> TcpConfig.parse(PATH, settings)).getMessage();
    }

    private static Map<String, Object> one(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return m;
    }

    @Test
    @DisplayName("defaults (INTEROP.md 12 TCP row): outbound-only, mtu 1400, nodelay, keepalive 30 s, connect 5 s, first frame 30 s")
    void defaults() {
        TcpConfig c = TcpConfig.parse(PATH, Map.of());
        assertNull(c.bindAddr());
        assertTrue(c.outboundOnly());
        assertEquals(1400, c.mtuBytes());
        assertEquals(5000, c.connectTimeoutMs());
        assertTrue(c.nodelay());
        assertEquals(30, c.keepaliveSecs());
        assertEquals(2 * 1024 * 1024, c.recvBufBytes());
        assertEquals(2 * 1024 * 1024, c.sendBufBytes());
        assertEquals(256, c.maxInboundConnections());
        assertEquals(30_000, c.firstFrameTimeoutMs());
        assertEquals(64 * 1024, c.writeQueueBytes());
        assertEquals(c, TcpConfig.parse(PATH, null));
        assertEquals(c, TcpConfig.defaults());
    }

    @Test
    @DisplayName("every documented key is mapped")
    void allKeys() {
        Map<String, Object> m = new HashMap<>();
        m.put("bind_addr", "0.0.0.0:8443");
        m.put("mtu", 20000);
        m.put("connect_timeout_ms", 1500L);
        m.put("nodelay", false);
        m.put("keepalive_secs", 0);
        m.put("recv_buf_size", BigInteger.valueOf(65536));
        m.put("send_buf_size", 32768);
        m.put("max_inbound_connections", 8);
        m.put("advertise_on_nostr", false);
        m.put("external_addr", null);
        TcpConfig c = TcpConfig.parse("transports.tcp.public", m);
        assertEquals(new InetSocketAddress("0.0.0.0", 8443), c.bindAddr());
        assertFalse(c.outboundOnly());
        assertEquals(20000, c.mtuBytes());
        assertEquals(1500, c.connectTimeoutMs());
        assertFalse(c.nodelay());
        assertEquals(0, c.keepaliveSecs());
        assertEquals(65536, c.recvBufBytes());
        assertEquals(32768, c.sendBufBytes());
        assertEquals(8, c.maxInboundConnections());
        assertEquals(4 * 20000, c.writeQueueBytes(), "write queue holds four MTU-sized packets");
        assertEquals(64 * 1024, TcpConfig.parse(PATH, one("mtu", 9000)).writeQueueBytes(), "and at least 64 KiB");
    }

    @Test
    @DisplayName("bind_addr: IPv6 literal in brackets; an explicit null means outbound-only")
    void bindAddr() {
        assertEquals(new InetSocketAddress("::", 443), TcpConfig.parse(PATH, one("bind_addr", "[::]:443")).bindAddr());
        assertNull(TcpConfig.parse(PATH, one("bind_addr", null)).bindAddr());
    }

    @Test
    @DisplayName("bad values: the message names the key path and the value")
    void badValues() {
        assertEquals("transports.tcp.bind_addr: expected an IP literal and port such as \"0.0.0.0:8443\" or"
                + " \"[::]:8443\", got \"localhost:8443\"", error(one("bind_addr", "localhost:8443")));
        assertTrue(error(one("bind_addr", 8443)).startsWith("transports.tcp.bind_addr: expected"));
        assertTrue(error(one("bind_addr", "0.0.0.0")).endsWith("got \"0.0.0.0\""));
        assertEquals("transports.tcp.mtu: expected an integer 576..65535, got 65536", error(one("mtu", 65536)));
        assertEquals("transports.tcp.mtu: expected an integer 576..65535, got 100", error(one("mtu", 100)));
        assertEquals("transports.tcp.connect_timeout_ms: expected an integer 1..3600000, got 0",
                error(one("connect_timeout_ms", 0)));
        assertEquals("transports.tcp.nodelay: expected true or false, got \"yes\"", error(one("nodelay", "yes")));
        assertEquals("transports.tcp.keepalive_secs: expected an integer 0..32767, got -1",
                error(one("keepalive_secs", -1)));
        assertEquals("transports.tcp.recv_buf_size: expected an integer 1024..2147483647, got 1.5",
                error(one("recv_buf_size", 1.5)));
        assertEquals("transports.tcp.send_buf_size: expected an integer 1024..2147483647, got 12",
                error(one("send_buf_size", 12)));
        assertEquals("transports.tcp.max_inbound_connections: expected an integer 0..65535, got 100000",
                error(one("max_inbound_connections", 100000)));
    }

    @Test
    @DisplayName("unknown key: named with its value and the known keys")
    void unknownKey() {
        String e = error(one("listen", "0.0.0.0:1"));
        assertTrue(e.startsWith("transports.tcp.listen: unknown key (value \"0.0.0.0:1\"); known keys: bind_addr, mtu,"), e);
    }

    @Test
    @DisplayName("Nostr advertisement keys: accepted at their defaults, refused otherwise")
    void nostrKeys() {
        assertTrue(error(one("advertise_on_nostr", true)).startsWith("transports.tcp.advertise_on_nostr: not supported yet"));
        assertTrue(error(one("external_addr", "1.2.3.4:443")).startsWith("transports.tcp.external_addr: not supported yet"));
    }

    @Test
    @DisplayName("the record checks its own ranges and names the field")
    void recordRanges() {
        TcpConfig d = TcpConfig.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TcpConfig(null, 1400,
                5000, true, 30, 1 << 20, 1 << 20, 256, 30_000, 1000, 16));
        assertEquals("writeQueueBytes=1000 (expected 1400..2147483647)", e.getMessage());
        assertEquals(d, d.withTimings(d.connectTimeoutMs(), d.firstFrameTimeoutMs()));
        assertEquals(7, d.withTimings(7, 9).connectTimeoutMs());
        assertEquals(9, d.withTimings(7, 9).firstFrameTimeoutMs());
    }
}
