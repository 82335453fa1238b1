package fips.launcher.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.json.JNode;
import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ControlClient against fake daemons: each failure kind with a message an operator can act on. */
@Timeout(30)
class ControlClientTest {
    @TempDir
    Path dir;

    /** A one-shot fake daemon: accepts one connection, reads its request line, answers {@code reply} (null: never). */
    static Thread fake(Path sock, String reply, StringBuilder request) throws IOException {
        ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ss.bind(UnixDomainSocketAddress.of(sock));
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try (ss; SocketChannel ch = ss.accept()) {
                ByteBuffer b = ByteBuffer.allocate(8192);
                while (ch.read(b) > 0) {
                    if (b.get(b.position() - 1) == '\n') break;
                }
                request.append(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
                if (reply == null) {
                    Thread.sleep(5_000);
                } else {
                    ch.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
                }
            } catch (IOException | InterruptedException ignored) {
                // test over
            }
        });
        return t;
    }

    ControlClient.ControlException fail(Path sock, Duration timeout) {
        return assertThrows(ControlClient.ControlException.class,
                () -> new ControlClient(sock, timeout).request("show_status", null));
    }

    @Test
    @DisplayName("no socket file, or a stale one (connection refused): NOT_RUNNING naming the path")
    void notRunning() throws Exception {
        Path missing = dir.resolve("missing.sock");
        ControlClient.ControlException e = fail(missing, Duration.ofSeconds(1));
        assertEquals(ControlClient.Kind.NOT_RUNNING, e.kind());
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("is the daemon running?"), e.getMessage());
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(stale));
        }
        ControlClient.ControlException r = fail(stale, Duration.ofSeconds(1));
        assertEquals(ControlClient.Kind.NOT_RUNNING, r.kind());
        assertTrue(r.getMessage().contains("Connection refused"), r.getMessage());
    }

    @Test
    @DisplayName("EACCES is PERMISSION_DENIED with the group hint (classified from the JDK's errno text; tests run as root)")
    void permissionDenied() {
        Path p = Path.of("/run/fips/control.sock");
        ControlClient.ControlException e = ControlClient.connectFailure(p, new SocketException("Permission denied"));
        assertEquals(ControlClient.Kind.PERMISSION_DENIED, e.kind());
        assertTrue(e.getMessage().contains("'fips' group") && e.getMessage().contains(p.toString()), e.getMessage());
        assertEquals(ControlClient.Kind.NOT_RUNNING,
                ControlClient.connectFailure(p, new SocketException("No such file or directory")).kind());
        assertEquals(ControlClient.Kind.BAD_REPLY, ControlClient.connectFailure(p, new SocketException("Too many open files")).kind());
    }

    @Test
    @DisplayName("a daemon that accepts and never answers: TIMEOUT within the client's bound")
    void timeout() throws Exception {
        Path sock = dir.resolve("c.sock");
        StringBuilder req = new StringBuilder();
        fake(sock, null, req);
        long t0 = System.nanoTime();
        ControlClient.ControlException e = fail(sock, Duration.ofMillis(300));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(ControlClient.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
        assertTrue(ms >= 280 && ms < 3_000, "took " + ms);
        assertEquals("{\"command\":\"show_status\"}\n", req.toString(), "the request line as sent");
    }

    @Test
    @DisplayName("error reply: ERROR_REPLY with the daemon's message as it is")
    void errorReply() throws Exception {
        Path sock = dir.resolve("c.sock");
        StringBuilder req = new StringBuilder();
        Thread t = fake(sock, "{\"status\":\"error\",\"message\":\"peer not found: npub1x\"}\n", req);
        ControlClient.ControlException e = assertThrows(ControlClient.ControlException.class,
                () -> new ControlClient(sock, Duration.ofSeconds(5)).request("disconnect", JNode.of(Map.of("npub", "npub1x"), "p")));
        t.join(5_000);
        assertEquals(ControlClient.Kind.ERROR_REPLY, e.kind());
        assertEquals("peer not found: npub1x", e.getMessage());
        assertEquals("{\"command\":\"disconnect\",\"params\":{\"npub\":\"npub1x\"}}\n", req.toString());
    }

    @Test
    @DisplayName("replies that are not reply lines: BAD_REPLY saying what was wrong")
    void badReplies() throws Exception {
        String[][] cases = {
                {"not json\n", "not JSON"},
                {"[1]\n", "not a JSON object"},
                {"{\"status\":\"maybe\"}\n", "status 'maybe'"},
                {"{\"data\":{}}\n", "status missing"},
                {"{\"status\":\"ok\"}\n", "no data"},
                {"", "without a reply"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path sock = dir.resolve("b" + i++ + ".sock");
            Thread t = fake(sock, c[0], new StringBuilder());
            ControlClient.ControlException e = fail(sock, Duration.ofSeconds(5));
            t.join(5_000);
            assertEquals(ControlClient.Kind.BAD_REPLY, e.kind(), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        Path sock = dir.resolve("ok.sock");
        Thread t = fake(sock, "{\"status\":\"ok\",\"data\":{\"n\":1}}", new StringBuilder()); // last line without newline
        assertEquals(1, new ControlClient(sock, Duration.ofSeconds(5)).request("x", null).get("n").i64());
        t.join(5_000);
    }

    @Test
    @DisplayName("defaultSocketPath follows the daemon's resolution (SocketPaths)")
    void defaultPath() {
        assertEquals(SocketPaths.defaultPath(), ControlClient.defaultSocketPath());
    }
}
