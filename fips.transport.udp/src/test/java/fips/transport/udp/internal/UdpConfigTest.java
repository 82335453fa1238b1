package fips.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** reference/configuration.md "UDP (transports.udp.*)". */
class UdpConfigTest {
    private static final String PATH = "transports.udp";

    private static String error(Map<String, Object> settings) {
        return assertThrows(IllegalArgumentException.class, () -> UdpConfig.parse(PATH, settings)).getMessage();
    }

    private static Map<String, Object> one(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return m;
    }

    @Test
    @DisplayName("defaults: 0.0.0.0:2121, mtu 1280, 2 MiB buffers, accepting, not outbound-only")
    void defaults() {
        UdpConfig c = UdpConfig.parse(PATH, Map.of());
        assertEquals(new InetSocketAddress("0.0.0.0", 2121), c.bindAddr());
        assertEquals(1280, c.mtuBytes());
        assertEquals(2 * 1024 * 1024, c.recvBufBytes());
        assertEquals(2 * 1024 * 1024, c.sendBufBytes());
        assertFalse(c.outboundOnly());
        assertTrue(c.acceptConnections());
        assertEquals(1380, c.recvBufferBytes(), "receive buffer is mtu + 100");
        assertEquals(c, UdpConfig.parse(PATH, null));
        assertEquals(c.bindAddr(), c.bindTarget());
    }

    @Test
    @DisplayName("every key, including the Nostr ones at their defaults")
    void allKeys() {
        Map<String, Object> m = new HashMap<>();
        m.put("bind_addr", "[::]:4000");
        m.put("mtu", 1472);
        m.put("recv_buf_size", 4_194_304L);
        m.put("send_buf_size", BigInteger.valueOf(1 << 20));
        m.put("outbound_only", true);
        m.put("accept_connections", false);
        m.put("advertise_on_nostr", false);
        m.put("public", false);
        m.put("external_addr", null);
        UdpConfig c = UdpConfig.parse(PATH, m);
        assertEquals(4000, c.bindAddr().getPort());
        assertTrue(c.bindAddr().getAddress().isAnyLocalAddress());
        assertEquals(1472, c.mtuBytes());
        assertEquals(4_194_304, c.recvBufBytes());
        assertEquals(1 << 20, c.sendBufBytes());
        assertTrue(c.outboundOnly());
        assertFalse(c.acceptConnections());
        assertEquals(new InetSocketAddress("0.0.0.0", 0), c.bindTarget(), "outbound_only binds 0.0.0.0:0");
    }

    @Test
    @DisplayName("unknown key: names transports.udp.KEY and the value")
    void unknownKey() {
        String e = error(Map.of("bind_address", "0.0.0.0:1"));
        assertTrue(e.startsWith("transports.udp.bind_address: unknown key (value \"0.0.0.0:1\")"), e);
        assertTrue(e.contains("bind_addr"), "lists the known keys: " + e);
        String named = assertThrows(IllegalArgumentException.class,
                () -> UdpConfig.parse("transports.udp.wan", Map.of("nope", 1))).getMessage();
        assertTrue(named.startsWith("transports.udp.wan.nope: unknown key"), named);
    }

    @Test
    @DisplayName("bad mtu: expected an integer 576..65535")
    void badMtu() {
        assertEquals("transports.udp.mtu: expected an integer 576..65535, got \"abc\"", error(Map.of("mtu", "abc")));
        assertEquals("transports.udp.mtu: expected an integer 576..65535, got 575", error(Map.of("mtu", 575)));
        assertEquals("transports.udp.mtu: expected an integer 576..65535, got 65536", error(Map.of("mtu", 65536)));
        assertEquals("transports.udp.mtu: expected an integer 576..65535, got 1280.5", error(Map.of("mtu", 1280.5)));
        assertEquals("transports.udp.mtu: expected an integer 576..65535, got \"1280\"", error(Map.of("mtu", "1280")));
        assertEquals("transports.udp.mtu: expected an integer 576..65535, got null", error(one("mtu", null)));
        assertEquals(576, UdpConfig.parse(PATH, Map.of("mtu", 576)).mtuBytes());
        assertEquals(65535, UdpConfig.parse(PATH, Map.of("mtu", 65535L)).mtuBytes());
    }

    @Test
    @DisplayName("bad buffer sizes")
    void badBuffers() {
        assertEquals("transports.udp.recv_buf_size: expected an integer 1024..2147483647, got -1",
                error(Map.of("recv_buf_size", -1)));
        assertEquals("transports.udp.send_buf_size: expected an integer 1024..2147483647, got 4294967296",
                error(Map.of("send_buf_size", 4294967296L)));
    }

    @Test
    @DisplayName("bad bind_addr: IP literals with a port only")
    void badBindAddr() {
        for (String bad : new String[] {"nope", "0.0.0.0", "localhost:2121", "::1:2121", "[::1]", "[::1]2121",
                "1.2.3.4:65536", "1.2.3.256:1", "1.2.3:1", "[1.2.3.4]:5", "1.2.3.4:-1", "1.2.3.4:+1", ""}) {
            String e = error(Map.of("bind_addr", bad));
            assertEquals("transports.udp.bind_addr: expected an IP literal and port such as \"0.0.0.0:2121\" or"
                    + " \"[::]:2121\", got \"" + bad + "\"", e);
        }
        assertTrue(error(Map.of("bind_addr", 2121)).endsWith("got 2121"));
        assertEquals(new InetSocketAddress("::1", 9), UdpConfig.parse(PATH, Map.of("bind_addr", "[::1]:9")).bindAddr());
        assertEquals(new InetSocketAddress("10.1.2.3", 0), UdpConfig.parse(PATH, Map.of("bind_addr", " 10.1.2.3:0 ")).bindAddr());
    }

    @Test
    @DisplayName("booleans must be booleans")
    void badBooleans() {
        assertEquals("transports.udp.outbound_only: expected true or false, got \"yes\"", error(Map.of("outbound_only", "yes")));
        assertEquals("transports.udp.accept_connections: expected true or false, got 1", error(Map.of("accept_connections", 1)));
    }

    @Test
    @DisplayName("Nostr advertisement keys: accepted at their defaults, otherwise not supported yet")
    void nostrKeys() {
        String adv = error(Map.of("advertise_on_nostr", true));
        assertTrue(adv.startsWith("transports.udp.advertise_on_nostr: not supported yet"), adv);
        assertTrue(adv.contains("got true"), adv);
        String pub = error(Map.of("public", true));
        assertTrue(pub.startsWith("transports.udp.public: not supported yet"), pub);
        String ext = error(Map.of("external_addr", "203.0.113.45"));
        assertTrue(ext.startsWith("transports.udp.external_addr: not supported yet"), ext);
        assertTrue(ext.contains("got \"203.0.113.45\""), ext);
        assertTrue(error(Map.of("public", "no")).startsWith("transports.udp.public: expected true or false"));
    }
}
