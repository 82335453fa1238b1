package fips.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.TransportAddr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** design/fips-transport-layer.md "Transport Addresses": opaque bytes, operator text, parsing. */
class TcpAddrsTest {
    @Test
    @DisplayName("IPv4: 7 bytes, text a.b.c.d:port, back to the same socket address")
    void ipv4() {
        TransportAddr a = TcpAddrs.parsePeer("192.0.2.7:8443");
        assertEquals("192.0.2.7:8443", a.toString());
        assertEquals(TcpAddrs.IPV4_BYTES, a.length());
        assertEquals(new InetSocketAddress("192.0.2.7", 8443), TcpAddrs.toInet(a));
        assertTrue(TcpAddrs.isTcp(a));
    }

    @Test
    @DisplayName("IPv6: 23 bytes, RFC 5952 text in brackets; an IPv4-mapped address folds to IPv4")
    void ipv6() throws Exception {
        TransportAddr a = TcpAddrs.parsePeer("[2001:db8:0:0:0:0:0:1]:443");
        assertEquals("[2001:db8::1]:443", a.toString());
        assertEquals(TcpAddrs.IPV6_BYTES, a.length());
        assertEquals(443, TcpAddrs.toInet(a).getPort());
        TransportAddr mapped = TcpAddrs.of(new InetSocketAddress(
                InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 0, 0, 1}), 99));
        assertEquals(TcpAddrs.parsePeer("10.0.0.1:99"), mapped);
    }

    @Test
    @DisplayName("parse errors name the text; port 0 is not a destination; bind literals never resolve names")
    void errors() {
        assertEquals("tcp address \"nonsense\": expected host:port, a.b.c.d:port or [ipv6]:port",
                assertThrows(IllegalArgumentException.class, () -> TcpAddrs.parsePeer("nonsense")).getMessage());
        assertEquals("tcp address \"1.2.3.4:0\": port 0 cannot be a destination",
                assertThrows(IllegalArgumentException.class, () -> TcpAddrs.parsePeer("1.2.3.4:0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TcpAddrs.parsePeer("1.2.3.4:70000"));
        assertThrows(IllegalArgumentException.class, () -> TcpAddrs.parsePeer("::1:80"));
        assertNull(TcpAddrs.parseLiteral("localhost:80"));
        assertNull(TcpAddrs.parseLiteral("1.2.3.256:80"));
        assertEquals(new InetSocketAddress("1.2.3.4", 0), TcpAddrs.parseLiteral("1.2.3.4:0"));
        assertFalse(TcpAddrs.isTcp(TransportAddr.of(new byte[] {4, 1, 2}, "short")));
        assertThrows(IllegalArgumentException.class, () -> TcpAddrs.toInet(TransportAddr.of(new byte[3], "x")));
    }
}
