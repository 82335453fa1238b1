package fips.link.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * design/fips-transport-layer.md "Role" (opaque transport addresses) and
 * reference/configuration.md ({@code bind_addr} and peer address syntax of
 * the UDP and TCP transports).
 */
class InetTransportAddrsTest {
    /** Shows exactly what the formatter was given: length, port, scope, and the IP bytes it was pointed at. */
    private static final InetTransportAddrs.Formatter SPY = (ip, off, len, port, scope) ->
            len + "/" + port + "/" + Integer.toUnsignedString(scope) + "/" + HexFormat.of().formatHex(ip, off, off + len);
    private static final InetTransportAddrs ADDRS = new InetTransportAddrs("xyz", SPY);

    private static byte[] ip(String literal) throws Exception {
        return InetAddress.getByName(literal).getAddress();
    }

    @Test
    @DisplayName("Role: IPv4 is 7 bytes, tag 4, big-endian port; the formatter sees the 4 address bytes")
    void ipv4Layout() throws Exception {
        TransportAddr a = ADDRS.of(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 2121));
        assertArrayEquals(new byte[] {4, (byte) 192, 0, 2, 1, 0x08, 0x49}, a.bytes());
        assertEquals("4/2121/0/c0000201", a.toString());
        assertTrue(InetTransportAddrs.isIpv4(a));
        assertFalse(InetTransportAddrs.isIpv6(a));
        assertTrue(InetTransportAddrs.isInet(a));
        assertEquals(2121, InetTransportAddrs.port(a));
        assertEquals(new InetSocketAddress("192.0.2.1", 2121), InetTransportAddrs.toInet(a));
    }

    @Test
    @DisplayName("Role: IPv6 is 23 bytes, tag 6, port then scope id big-endian; the scope id is unsigned and kept")
    void ipv6Layout() throws Exception {
        InetAddress scoped = Inet6Address.getByAddress(null, ip("fe80::1"), 0x01020304);
        TransportAddr a = ADDRS.of(new InetSocketAddress(scoped, 65535));
        byte[] expected = new byte[23];
        expected[0] = 6;
        System.arraycopy(ip("fe80::1"), 0, expected, 1, 16);
        expected[17] = (byte) 0xff;
        expected[18] = (byte) 0xff;
        expected[19] = 1;
        expected[20] = 2;
        expected[21] = 3;
        expected[22] = 4;
        assertArrayEquals(expected, a.bytes());
        assertEquals("16/65535/16909060/fe800000000000000000000000000001", a.toString());
        assertEquals(0x01020304, InetTransportAddrs.scopeId(a));
        assertEquals(new InetSocketAddress(scoped, 65535), InetTransportAddrs.toInet(a));
        assertNotEquals(ADDRS.of(new InetSocketAddress("fe80::1", 65535)), a, "the scope id is part of the address");

        byte[] key = new byte[InetTransportAddrs.MAX_BYTES];
        int len = InetTransportAddrs.writeV6Key(key, ip("2001:db8::1"), 0, 1, 0xffffffff);
        TransportAddr max = ADDRS.fromKey(key, len);
        assertEquals(0xffffffff, InetTransportAddrs.scopeId(max));
        assertEquals("16/1/4294967295/20010db8000000000000000000000001", max.toString());
    }

    @Test
    @DisplayName("Role: an IPv4-mapped IPv6 address is stored as IPv4, so one endpoint has one address")
    void v4MappedFolds() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        assertTrue(InetTransportAddrs.isV4Mapped(mapped));
        byte[] key = new byte[InetTransportAddrs.MAX_BYTES];
        int len = InetTransportAddrs.writeKey(key, Inet6Address.getByAddress(null, mapped, 0), 77);
        assertEquals(InetTransportAddrs.IPV4_BYTES, len);
        TransportAddr folded = ADDRS.fromKey(key, len);
        assertEquals(ADDRS.of(new InetSocketAddress("10.0.0.1", 77)), folded);
        assertEquals(folded, ADDRS.parsePeer("[::ffff:10.0.0.1]:77", false, "x"));
        mapped[9] = 1;
        assertFalse(InetTransportAddrs.isV4Mapped(mapped));
    }

    @Test
    @DisplayName("fromKey copies the key, so the caller may reuse its array; port 0..65535 round-trips")
    void fromKeyCopiesAndPortsRoundTrip() {
        byte[] key = new byte[InetTransportAddrs.MAX_BYTES];
        byte[] four = {10, 0, 0, 2};
        for (int port : new int[] {0, 1, 255, 256, 32768, 65535}) {
            int len = InetTransportAddrs.writeV4Key(key, four, 0, port);
            TransportAddr a = ADDRS.fromKey(key, len);
            key[InetTransportAddrs.IPV4_PORT_OFFSET] ^= 0x55;
            assertEquals(port, InetTransportAddrs.port(a));
            byte[] out = new byte[16];
            assertEquals(4, InetTransportAddrs.copyIp(a, out));
            assertArrayEquals(four, java.util.Arrays.copyOf(out, 4));
        }
    }

    @Test
    @DisplayName("shape checks: a wrong tag or length is neither layout, and toInet refuses it")
    void shapes() {
        TransportAddr shortV4 = TransportAddr.of(new byte[] {4, 1, 2}, "short");
        TransportAddr v4TagV6Length = TransportAddr.of(new byte[23], "zero tag");
        byte[] wrongTag = new byte[7];
        wrongTag[0] = 6;
        for (TransportAddr bad : new TransportAddr[] {shortV4, v4TagV6Length, TransportAddr.of(wrongTag, "6 in 7")}) {
            assertFalse(InetTransportAddrs.isInet(bad), bad.toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InetTransportAddrs.toInet(bad));
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
    }

    @Test
    @DisplayName("reference/configuration.md: host:port and [v6]:port split; port 0..65535, digits only")
    void split() {
        assertEquals(new InetTransportAddrs.HostPort("example.org", 443, false), InetTransportAddrs.split(" example.org:443 "));
        assertEquals(new InetTransportAddrs.HostPort("::1", 0, true), InetTransportAddrs.split("[::1]:0"));
        assertEquals(65535, InetTransportAddrs.split("h:65535").port());
        for (String bad : new String[] {"h", "h:", ":5", "h:65536", "h:+80", "h:-1", "h:000080", "::1:80", "a:b:c",
                "[::1]", "[::1]80", "[1.2.3.4]:80", "[::1:80", "[]:80", "h:8 0"}) {
            assertNull(InetTransportAddrs.split(bad), bad);
        }
    }

    @Test
    @DisplayName("a dotted quad is four decimal parts 0..255 and nothing else")
    void dottedQuad() {
        assertArrayEquals(new byte[] {(byte) 255, 0, 9, 10}, InetTransportAddrs.parseDottedQuad("255.0.9.10"));
        for (String bad : new String[] {"256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4.", "+1.2.3.4", "1.2.3.a",
                "1.2.3.1000", "localhost", ""}) {
            assertNull(InetTransportAddrs.parseDottedQuad(bad), bad);
        }
    }

    @Test
    @DisplayName("bind literals: IP and port only, port 0 allowed, never a name lookup")
    void parseLiteral() {
        assertEquals(new InetSocketAddress("1.2.3.4", 0), InetTransportAddrs.parseLiteral("1.2.3.4:0"));
        assertEquals(new InetSocketAddress("::", 2121), InetTransportAddrs.parseLiteral("[::]:2121"));
        assertNull(InetTransportAddrs.parseLiteral("localhost:80"), "a name is not a literal");
        assertNull(InetTransportAddrs.parseLiteral("1.2.3.256:80"));
        assertNull(InetTransportAddrs.parseLiteral("[not-an-ip:x]:80"));
    }

    @Test
    @DisplayName("reference/configuration.md bind_addr: a literal string, else an error naming path, value and an example")
    void bindSetting() {
        assertEquals(new InetSocketAddress("::1", 9), InetTransportAddrs.bindSetting("t.bind_addr", "[::1]:9", 2121));
        assertEquals("t.bind_addr: expected an IP literal and port such as \"0.0.0.0:8443\" or \"[::]:8443\", got \"h:1\"",
                assertThrows(IllegalArgumentException.class,
                        () -> InetTransportAddrs.bindSetting("t.bind_addr", "h:1", 8443)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> InetTransportAddrs.bindSetting("t.bind_addr", 2121, 2121)).getMessage().endsWith("got 2121"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> InetTransportAddrs.bindSetting("t.bind_addr", null, 2121)).getMessage().endsWith("got null"));
    }

    @Test
    @DisplayName("peer addresses: errors start with the transport type and name the text")
    void parsePeerErrors() {
        assertEquals("xyz address=null",
                assertThrows(IllegalArgumentException.class, () -> ADDRS.parsePeer(null, false, "x")).getMessage());
        assertEquals("xyz address \"nonsense\": expected host:port, a.b.c.d:port or [ipv6]:port",
                assertThrows(IllegalArgumentException.class, () -> ADDRS.parsePeer("nonsense", false, "x")).getMessage());
        assertEquals("xyz address \"1.2.3.4:0\": port 0 cannot be a destination",
                assertThrows(IllegalArgumentException.class, () -> ADDRS.parsePeer("1.2.3.4:0", false, "x")).getMessage());
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> ADDRS.parsePeer("no-such-host.invalid:1", false, "x")).getMessage();
        assertEquals("xyz address \"no-such-host.invalid:1\": cannot resolve host \"no-such-host.invalid\"", unknown);
        assertEquals("xyz address \"[2001:db8::1]:1\": only IPv6, but this transport is bound to 0.0.0.0:9 (IPv4)",
                assertThrows(IllegalArgumentException.class,
                        () -> ADDRS.parsePeer("[2001:db8::1]:1", true, "0.0.0.0:9")).getMessage());
    }

    @Test
    @DisplayName("peer addresses: literals of both families; an IPv4-only socket takes an IPv4 result for a name")
    void parsePeer() {
        assertEquals(ADDRS.of(new InetSocketAddress("10.0.0.1", 2121)), ADDRS.parsePeer("10.0.0.1:2121", true, "x"));
        assertEquals(ADDRS.of(new InetSocketAddress("2001:db8::1", 1)), ADDRS.parsePeer("[2001:db8:0:0::1]:1", false, "x"));
        TransportAddr local = ADDRS.parsePeer("localhost:7", true, "x");
        assertTrue(InetTransportAddrs.isIpv4(local), local.toString());
        assertEquals(7, InetTransportAddrs.port(local));
    }

    @Test
    @DisplayName("an instance needs its type and formatter")
    void constructorChecks() {
        assertThrows(IllegalArgumentException.class, () -> new InetTransportAddrs(null, SPY));
        assertThrows(IllegalArgumentException.class, () -> new InetTransportAddrs("udp", null));
        assertNotNull(new InetTransportAddrs("udp", SPY));
        assertThrows(IllegalArgumentException.class,
                () -> ADDRS.of(InetSocketAddress.createUnresolved("example.org", 1)));
    }
}
