package fips.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.TransportAddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class UdpAddrsTest {
    @Test
    void ipv4Bytes() throws Exception {
        TransportAddr a = UdpAddrs.of(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 2121));
        assertArrayEquals(new byte[] {4, (byte) 192, 0, 2, 1, 0x08, 0x49}, a.bytes());
        assertEquals("192.0.2.1:2121", a.toString());
        assertTrue(UdpAddrs.isIpv4(a));
        assertEquals(2121, UdpAddrs.port(a));
        assertEquals(new InetSocketAddress("192.0.2.1", 2121), UdpAddrs.toInet(a));
    }

    @Test
    void ipv6Bytes() throws Exception {
        TransportAddr a = UdpAddrs.of(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 65535));
        byte[] b = a.bytes();
        assertEquals(23, b.length);
        assertEquals(6, b[0]);
        assertEquals(0x20, b[1]);
        assertEquals(1, b[16]);
        assertEquals((byte) 0xff, b[17]);
        assertEquals((byte) 0xff, b[18]);
        assertEquals("[2001:db8::1]:65535", a.toString());
        assertEquals(new InetSocketAddress("2001:db8::1", 65535), UdpAddrs.toInet(a));
        assertTrue(UdpAddrs.isIpv6(a));
    }

    @Test
    void v4MappedIsIpv4() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        byte[] key = new byte[UdpAddrs.MAX_BYTES];
        int len = UdpAddrs.writeKey(key, java.net.Inet6Address.getByAddress(null, mapped, 0), 77);
        TransportAddr fromMapped = UdpAddrs.fromKey(key, len);
        assertEquals(UdpAddrs.of(new InetSocketAddress("127.0.0.1", 77)), fromMapped);
        assertEquals("127.0.0.1:77", fromMapped.toString());
        assertEquals(fromMapped, UdpAddrs.parsePeer("[::ffff:127.0.0.1]:77", false, "x"));
    }

    @Test
    void scopeIdKept() throws Exception {
        TransportAddr a = UdpAddrs.of(new InetSocketAddress(
                java.net.Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), 5), 9));
        assertEquals("[fe80::1%5]:9", a.toString());
        assertEquals(5, UdpAddrs.scopeId(a));
        assertNotEquals(UdpAddrs.of(new InetSocketAddress("fe80::1", 9)), a);
    }

    @Test
    void parsePeer() {
        assertEquals("10.0.0.1:2121", UdpAddrs.parsePeer("10.0.0.1:2121", true, "x").toString());
        assertEquals("[::1]:2121", UdpAddrs.parsePeer("[::1]:2121", false, "x").toString());
        assertEquals("127.0.0.1:2121", UdpAddrs.parsePeer("localhost:2121", true, "x").toString(),
                "host names are resolved once; an IPv4 socket takes an IPv4 result");
        for (String bad : new String[] {"10.0.0.1", "::1:2121", "[::1]", "10.0.0.1:70000", "host:", ":5", "a:b:c"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UdpAddrs.parsePeer(bad, false, "x"));
            assertTrue(e.getMessage().startsWith("udp address \"" + bad + "\": expected host:port"), e.getMessage());
        }
        IllegalArgumentException port0 = assertThrows(IllegalArgumentException.class,
                () -> UdpAddrs.parsePeer("10.0.0.1:0", false, "x"));
        assertTrue(port0.getMessage().contains("port 0"), port0.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> UdpAddrs.parsePeer("no-such-host.invalid:2121", false, "x"));
        assertTrue(unknown.getMessage().startsWith("udp address \"no-such-host.invalid:2121\": cannot resolve host"),
                unknown.getMessage());
        IllegalArgumentException v6on4 = assertThrows(IllegalArgumentException.class,
                () -> UdpAddrs.parsePeer("[2001:db8::1]:1", true, "0.0.0.0:2121"));
        assertTrue(v6on4.getMessage().contains("0.0.0.0:2121 (IPv4)"), v6on4.getMessage());
    }

    @Test
    void cacheHitsAndBoundedEviction() {
        AddrCache cache = new AddrCache(8);
        byte[] key = new byte[UdpAddrs.MAX_BYTES];
        TransportAddr first = null;
        for (int i = 0; i < 3; i++) {
            int len = UdpAddrs.writeV4Key(key, new byte[] {10, 0, 0, 1}, 0, 2121);
            TransportAddr a = cache.get(key, len);
            if (first == null) {
                first = a;
            }
            assertSame(first, a);
        }
        assertEquals(1, cache.misses());
        assertEquals("10.0.0.1:2121", first.toString());
        for (int port = 1; port <= 1000; port++) {
            int len = UdpAddrs.writeV4Key(key, new byte[] {10, 0, 0, 2}, 0, port);
            TransportAddr a = cache.get(key, len);
            assertEquals(port, UdpAddrs.port(a));
            assertSame(a, cache.get(key, len), "just inserted, so cached");
        }
        assertEquals(1001, cache.misses());
        int len = UdpAddrs.writeV4Key(key, new byte[] {10, 0, 0, 2}, 0, 1);
        TransportAddr evictedAndRecreated = cache.get(key, len);
        assertEquals("10.0.0.2:1", evictedAndRecreated.toString());
        assertNotSame(null, evictedAndRecreated);
        assertThrows(IllegalArgumentException.class, () -> new AddrCache(6));
    }
}
