package fips.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SockaddrTest {
    private static String v6(String literal, int port) throws Exception {
        byte[] raw = InetAddress.getByName(literal).getAddress();
        return Sockaddr.format(raw, 0, raw.length, port, 0);
    }

    @Test
    void formatsIpv4AndRfc5952Ipv6() throws Exception {
        assertEquals("10.0.0.1:2121", Sockaddr.format(new byte[] {10, 0, 0, 1}, 0, 4, 2121, 0));
        assertEquals("[::]:2121", v6("::", 2121));
        assertEquals("[::1]:1", v6("::1", 1));
        assertEquals("[2001:db8::1]:2121", v6("2001:db8:0:0:0:0:0:1", 2121));
        assertEquals("[2001:db8:0:1:1:1:1:1]:5", v6("2001:db8:0:1:1:1:1:1", 5), "a single zero group is not compressed");
        assertEquals("[2001:0:0:1::1]:5", v6("2001:0:0:1:0:0:0:1", 5), "the longest run wins");
        assertEquals("[2001:db8::1:0:0:1]:5", v6("2001:db8:0:0:1:0:0:1", 5), "the first of equal runs wins");
        assertEquals("[fe80::1]:5", v6("fe80:0:0:0:0:0:0:1", 5));
        assertEquals("[1::]:5", v6("1::", 5));
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[13] = 0;
        mapped[14] = 2;
        mapped[15] = 1;
        assertEquals("[::ffff:192.0.2.1]:7", Sockaddr.format(mapped, 0, 16, 7, 0));
        assertEquals("[fe80::1%3]:9", Sockaddr.format(InetAddress.getByName("fe80::1").getAddress(), 0, 16, 9, 3));
    }

    @Test
    void writeAndReadBack() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(Sockaddr.SOCKADDR_MAX_BYTES, 8);
            InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 40000);
            assertEquals(16, Sockaddr.write(sa, v4));
            assertEquals(Syscalls.AF_INET, Sockaddr.family(sa));
            assertEquals(40000, Sockaddr.port(sa));
            assertEquals(v4, Sockaddr.read(sa));
            assertFalse(Sockaddr.isV4Mapped(sa));

            InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::9"), 65535);
            assertEquals(28, Sockaddr.write(sa, v6));
            assertEquals(Syscalls.AF_INET6, Sockaddr.family(sa));
            assertEquals(v6, Sockaddr.read(sa));
            assertFalse(Sockaddr.isV4Mapped(sa));

            assertEquals(28, Sockaddr.writeV4Mapped(sa, new byte[] {(byte) 192, 0, 2, 7}, 0, 2121));
            assertTrue(Sockaddr.isV4Mapped(sa));
            assertEquals(2121, Sockaddr.port(sa));
            assertEquals("[::ffff:192.0.2.7]:2121", Sockaddr.format(Sockaddr.read(sa)));
        }
    }
}
