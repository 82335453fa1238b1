package fips.ipv6.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.PublicKey;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UDP driver against a real socket on 127.0.0.1, ephemeral port (INTEROP.md 9.6). */
class DnsServerTest {
    static final String NPUB = HostsFileTest.NPUB;
    static final String NPUB2 = HostsFileTest.NPUB2;

    @TempDir
    Path dir;

    static DnsWire.Reply exchange(DatagramSocket client, InetSocketAddress server, byte[] query) throws Exception {
        client.send(new DatagramPacket(query, query.length, server));
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        client.receive(p);
        return DnsWire.parse(buf, p.getLength());
    }

    @Test
    @DisplayName("INTEROP.md 9.6: a real UDP client gets AAAA answers; the key is reported; hosts file reloads live")
    void endToEnd() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "gw " + NPUB2 + "\n");
        Files.setLastModifiedTime(hosts, FileTime.fromMillis(1_000_000));
        LinkedBlockingQueue<PublicKey> resolved = new LinkedBlockingQueue<>();
        HostsReloader reloader = new HostsReloader(hosts, Map.of(), p -> { });
        DnsServer server = new DnsServer(DnsServer.bindAddress("127.0.0.1", 0), new DnsResponder(120), reloader,
                null, resolved::add);
        try (server; DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5000);
            server.start();
            InetSocketAddress at = server.localAddress();
            assertNotEquals(0, at.getPort());

            DnsWire.Reply r = exchange(client, at, DnsWire.aaaa(0x4242, NPUB + ".fips"));
            assertEquals(0x4242, r.id());
            assertEquals(0, r.rcode());
            assertEquals(120, r.answers().get(0).ttl());
            assertArrayEquals(DnsWire.expectedAddress(NPUB), r.answers().get(0).rdata());
            assertEquals(PublicKey.fromNpub(NPUB), resolved.poll(5, TimeUnit.SECONDS));

            DnsWire.Reply g = exchange(client, at, DnsWire.aaaa(2, "GW.fips"));
            assertArrayEquals(DnsWire.expectedAddress(NPUB2), g.answers().get(0).rdata());
            assertEquals(PublicKey.fromNpub(NPUB2), resolved.poll(5, TimeUnit.SECONDS));

            // Change the file: the next query sees the new mapping.
            Files.writeString(hosts, "gw " + NPUB + "\n");
            Files.setLastModifiedTime(hosts, FileTime.fromMillis(2_000_000));
            DnsWire.Reply g2 = exchange(client, at, DnsWire.aaaa(3, "gw.fips"));
            assertArrayEquals(DnsWire.expectedAddress(NPUB), g2.answers().get(0).rdata());

            // NXDOMAIN and NOERROR-empty report no key.
            assertEquals(3, exchange(client, at, DnsWire.aaaa(4, "nobody.fips")).rcode());
            assertEquals(0, exchange(client, at, DnsWire.query(5, 0, NPUB + ".fips", 1, 1)).ancount());
            resolved.poll(5, TimeUnit.SECONDS); // the gw answer above
            assertNull(resolved.poll(200, TimeUnit.MILLISECONDS));
        }
        assertFalse(server.isRunning());
    }

    @Test
    @DisplayName("INTEROP.md 9.6: a query larger than 512 bytes is cut to 512 and still answered")
    void largeQueryTruncated() throws Exception {
        DnsServer server = new DnsServer(DnsServer.bindAddress("127.0.0.1", 0), new DnsResponder(), null, null,
                k -> { });
        try (server; DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5000);
            server.start();
            byte[] q = DnsWire.aaaa(9, NPUB + ".fips");
            byte[] big = Arrays.copyOf(q, 1400); // trailing junk, as if a huge additional section followed
            big[11] = 1;
            DnsWire.Reply r = exchange(client, server.localAddress(), big);
            assertEquals(1, r.ancount());
            // A query whose first question lies beyond 512 bytes cannot be read: FORMERR.
            byte[] longName = DnsWire.aaaa(10, "x".repeat(60) + "." + "y".repeat(60) + ".fips");
            byte[] shifted = new byte[600];
            System.arraycopy(longName, 0, shifted, 0, 12);
            Arrays.fill(shifted, 12, 600, (byte) 63); // labels of 63 bytes, never ending within 512
            assertEquals(1, exchange(client, server.localAddress(), shifted).rcode());
        }
    }

    @Test
    @DisplayName("close() stops the thread promptly and frees the port; start twice is refused")
    void closePromptly() throws Exception {
        DnsServer server = new DnsServer(DnsServer.bindAddress("127.0.0.1", 0), new DnsResponder(), null, null,
                k -> { });
        server.start();
        assertThrows(IllegalStateException.class, server::start);
        InetSocketAddress at = server.localAddress();
        assertTrue(server.isRunning());
        long t0 = System.nanoTime();
        server.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1000, "close took " + ms + " ms");
        assertFalse(server.isRunning());
        try (DatagramSocket again = new DatagramSocket(at)) {
            assertEquals(at.getPort(), again.getLocalPort());
        }
        server.close(); // idempotent
    }

    @Test
    @DisplayName("a callback that throws does not stop the server")
    void callbackThrows() throws Exception {
        DnsServer server = new DnsServer(DnsServer.bindAddress("127.0.0.1", 0), new DnsResponder(), null, null,
                k -> { throw new IllegalStateException("boom"); });
        try (server; DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5000);
            server.start();
            assertEquals(1, exchange(client, server.localAddress(), DnsWire.aaaa(1, NPUB + ".fips")).ancount());
            assertEquals(1, exchange(client, server.localAddress(), DnsWire.aaaa(2, NPUB + ".fips")).ancount());
        }
        assertEquals(2, server.callbackErrors());
    }

    @Test
    @DisplayName("garbage datagrams get no reply and do not stop the server")
    void garbage() throws Exception {
        DnsServer server = new DnsServer(DnsServer.bindAddress("127.0.0.1", 0), new DnsResponder(), null, null,
                k -> { });
        try (server; DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(300);
            server.start();
            client.send(new DatagramPacket(new byte[5], 5, server.localAddress()));
            assertThrows(SocketTimeoutException.class, () -> client.receive(new DatagramPacket(new byte[100], 100)));
            client.setSoTimeout(5000);
            assertEquals(1, exchange(client, server.localAddress(), DnsWire.aaaa(1, NPUB + ".fips")).ancount());
        }
    }

    @Test
    @DisplayName("INTEROP.md 9.6: default bind [::1]:5354; literals only, brackets allowed, bad values named")
    void bindAddressParsing() {
        InetSocketAddress d = DnsServer.defaultBindAddress();
        assertTrue(d.getAddress() instanceof Inet6Address);
        assertTrue(d.getAddress().isLoopbackAddress());
        assertEquals(5354, d.getPort());
        assertEquals(d, DnsServer.bindAddress("[::1]", 5354));
        assertEquals("127.0.0.1", DnsServer.bindAddress("127.0.0.1", 53).getAddress().getHostAddress());
        assertTrue(DnsServer.bindAddress("::", 0).getAddress().isAnyLocalAddress());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DnsServer.bindAddress("localhost", 5354));
        assertTrue(e.getMessage().contains("dns.bind_addr=localhost"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DnsServer.bindAddress("::1", 70000))
                .getMessage().contains("dns.port=70000"));
    }
}
