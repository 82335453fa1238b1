package fips.launcher.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.json.JNode;
import fips.json.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** reference/control-socket.md "Request Format", "Response Format", "I/O timeouts", "Unix"; INTEROP.md 13. */
@Timeout(60)
class ControlServerTest {
    static final Duration SHORT_IO = Duration.ofMillis(400);

    @TempDir
    Path dir;

    final List<ControlServer> servers = new ArrayList<>();

    /** Echoes the request; "boom" throws a bug; "slow" sleeps 200 ms; anything starting "bad" is refused. */
    static final ControlHandler ECHO = (command, params) -> {
        if (command.equals("boom")) throw new IllegalStateException("handler bug");
        if (command.startsWith("bad")) throw new ControlError("unknown command: " + command);
        if (command.equals("slow")) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("params", params == null ? Json.NULL : params.raw());
        return JNode.of(m, "data");
    };

    ControlServer start(Path sock, ControlHandler h, Duration io, int max) throws IOException {
        ControlServer s = new ControlServer(sock, h, null, io, max);
        servers.add(s);
        s.start();
        return s;
    }

    @AfterEach
    void stopAll() {
        servers.forEach(ControlServer::stop);
    }

    /** Sends raw bytes, half-closes if asked, and returns everything the server wrote until it closed. */
    static String raw(Path sock, byte[] request, boolean halfClose) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            ByteBuffer b = ByteBuffer.wrap(request);
            while (b.hasRemaining()) ch.write(b);
            if (halfClose) ch.shutdownOutput();
            return readAll(ch);
        }
    }

    static String readAll(SocketChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        while (ch.read(buf) >= 0) {
            if (!buf.hasRemaining()) throw new IOException("reply too long");
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    /** Like {@link #readAll}, but a reset after the data counts as the end (a client that kept sending). */
    static String readUntilClosedOrReset(SocketChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        try {
            while (ch.read(buf) >= 0) {
                if (!buf.hasRemaining()) throw new IOException("reply too long");
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("reset")) throw e;
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    static String raw(Path sock, String request) throws IOException {
        return raw(sock, request.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    @DisplayName("INTEROP.md 13: one request, exactly one reply line {status:ok,data}, then end of stream")
    void roundTripExactReply() throws Exception {
        Path sock = dir.resolve("c.sock");
        start(sock, ECHO, SHORT_IO, 4);
        String reply = raw(sock, "{\"command\":\"show_status\",\"extra\":1}\n{\"command\":\"second\"}\n");
        assertEquals("{\"status\":\"ok\",\"data\":{\"command\":\"show_status\",\"params\":null}}\n", reply);
        String withParams = raw(sock, "{\"params\":{\"npub\":\"x\"},\"command\":\"connect\"}\n");
        assertEquals("{\"status\":\"ok\",\"data\":{\"command\":\"connect\",\"params\":{\"npub\":\"x\"}}}\n", withParams);
        JNode data = new ControlClient(sock, Duration.ofSeconds(5)).request("show_tree", JNode.of(Map.of("a", 1L), "p"));
        assertEquals("show_tree", data.get("command").str());
        assertEquals(1, data.get("params").get("a").i64());
    }

    @Test
    @DisplayName("control-socket.md Common error messages: invalid request (malformed, missing command, non-object params, not UTF-8), unknown command, internal error")
    void errorReplies() throws Exception {
        Path sock = dir.resolve("c.sock");
        ControlServer s = start(sock, ECHO, SHORT_IO, 4);
        assertTrue(raw(sock, "{\"command\": \n").startsWith("{\"status\":\"error\",\"message\":\"invalid request: "));
        assertEquals("{\"status\":\"error\",\"message\":\"invalid request: missing field `command`\"}\n",
                raw(sock, "{\"params\":{}}\n"));
        assertEquals("{\"status\":\"error\",\"message\":\"invalid request: params: expected an object, got an array\"}\n",
                raw(sock, "{\"command\":\"x\",\"params\":[1]}\n"));
        assertEquals("{\"status\":\"error\",\"message\":\"invalid request: expected a JSON object, got an array\"}\n",
                raw(sock, "[]\n"));
        assertEquals("{\"status\":\"error\",\"message\":\"invalid request: command: expected a string, got number 5\"}\n",
                raw(sock, "{\"command\":5}\n"));
        assertEquals("{\"status\":\"error\",\"message\":\"unknown command: bad_cmd\"}\n", raw(sock, "{\"command\":\"bad_cmd\"}\n"));
        assertEquals("{\"status\":\"error\",\"message\":\"invalid request: not UTF-8\"}\n",
                raw(sock, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}', '\n'}, false));
        String boom = raw(sock, "{\"command\":\"boom\"}\n");
        assertTrue(boom.contains("internal error: java.lang.IllegalStateException: handler bug"), boom);
        assertTrue(raw(sock, "{\"command\":\"still_here\"}\n").contains("\"status\":\"ok\""), "the server keeps serving");
        assertEquals(1, s.served());
        assertEquals(8, s.errors());
    }

    @Test
    @DisplayName("control-socket.md Request Format: 4096 bytes with the newline pass; one more is 'request too large'")
    void sizeLimit() throws Exception {
        Path sock = dir.resolve("c.sock");
        start(sock, ECHO, SHORT_IO, 4);
        String head = "{\"command\":\"x\"}";
        String fits = head + " ".repeat(ControlProtocol.MAX_REQUEST_BYTES - 1 - head.length()) + "\n";
        assertEquals(4096, fits.length());
        assertTrue(raw(sock, fits).contains("\"status\":\"ok\""));
        String over = head + " ".repeat(ControlProtocol.MAX_REQUEST_BYTES - head.length()) + "\n";
        assertEquals("{\"status\":\"error\",\"message\":\"request too large\"}\n", raw(sock, over));
        // A client that keeps sending far past the limit gets the same answer and is cut off.
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            byte[] chunk = new byte[1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            int written = 0;
            try {
                for (int i = 0; i < 64; i++) written += ch.write(ByteBuffer.wrap(chunk));
            } catch (IOException expected) {
                // the server closed after its reply: our later writes fail
            }
            assertTrue(written >= 4096);
            assertEquals("{\"status\":\"error\",\"message\":\"request too large\"}\n", readUntilClosedOrReset(ch));
        }
    }

    @Test
    @DisplayName("control-socket.md: end of stream before any byte is 'empty request'; a line cut off by end of stream is still decoded")
    void endOfStream() throws Exception {
        Path sock = dir.resolve("c.sock");
        start(sock, ECHO, SHORT_IO, 4);
        assertEquals("{\"status\":\"error\",\"message\":\"empty request\"}\n", raw(sock, new byte[0], true));
        assertTrue(raw(sock, "{\"command\":\"no_newline\"}".getBytes(StandardCharsets.UTF_8), true).contains("no_newline"));
        assertTrue(raw(sock, "{\"comm".getBytes(StandardCharsets.UTF_8), true).contains("invalid request: "));
        // Gone entirely mid-line: nobody to answer, and the server carries on.
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            ch.write(ByteBuffer.wrap("{\"command\":\"sh".getBytes(StandardCharsets.UTF_8)));
        }
        assertTrue(raw(sock, "{\"command\":\"after\"}\n").contains("after"));
    }

    @Test
    @DisplayName("control-socket.md I/O timeouts: a silent client gets 'read timeout' and never holds up a client served meanwhile")
    void silentClientTimesOut() throws Exception {
        Path sock = dir.resolve("c.sock");
        ControlServer s = start(sock, ECHO, SHORT_IO, 4);
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            long t0 = System.nanoTime();
            String other = raw(sock, "{\"command\":\"meanwhile\"}\n");
            long servedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(other.contains("meanwhile"));
            assertTrue(servedMs < SHORT_IO.toMillis(), "served in " + servedMs + " ms while a silent client waits");
            String r = readAll(silent);
            long totalMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals("{\"status\":\"error\",\"message\":\"read timeout\"}\n", r);
            assertTrue(totalMs >= SHORT_IO.toMillis() - 50 && totalMs < SHORT_IO.toMillis() + 3_000, "timed out after " + totalMs);
        }
        assertEquals(1, s.readTimeouts());
        // A trickle that never finishes the line is cut at the same deadline.
        try (SocketChannel slow = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                try {
                    slow.write(ByteBuffer.wrap(new byte[] {' '}));
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals("{\"status\":\"error\",\"message\":\"read timeout\"}\n", readUntilClosedOrReset(slow));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < SHORT_IO.toMillis() + 3_000);
        }
    }

    @Test
    @DisplayName("bounded concurrency: a burst of clients each gets an answer (ok or 'too many control connections'); the server keeps serving")
    void manyConcurrentClients() throws Exception {
        Path sock = dir.resolve("c.sock");
        ControlServer s = start(sock, ECHO, Duration.ofSeconds(5), 4);
        int n = 48;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(pool.submit(() -> {
                go.await();
                try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
                    try {
                        ch.write(ByteBuffer.wrap("{\"command\":\"slow\"}\n".getBytes(StandardCharsets.UTF_8)));
                    } catch (IOException refusedBeforeWrite) {
                        // broken pipe: the server answered and closed before our request went out
                    }
                    return readUntilClosedOrReset(ch); // a refused client may be reset: dropped
                }
            }));
        }
        go.countDown();
        int ok = 0;
        int busy = 0;
        for (Future<String> f : replies) {
            String r = f.get(30, TimeUnit.SECONDS);
            if (r.equals("{\"status\":\"ok\",\"data\":{\"command\":\"slow\",\"params\":null}}\n")) ok++;
            else if (r.equals("{\"status\":\"error\",\"message\":\"too many control connections\"}\n") || r.isEmpty()) busy++;
            else throw new AssertionError("unexpected reply " + r);
        }
        pool.shutdown();
        assertEquals(n, ok + busy);
        assertTrue(ok >= 4, "ok=" + ok);
        assertTrue(busy > 0 && s.refused() > 0, "16 clients at once against 4 slots must see refusals: busy=" + busy);
        assertTrue(raw(sock, "{\"command\":\"after\"}\n").contains("after"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (s.activeConnections() != 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(0, s.activeConnections());
    }

    @Test
    @DisplayName("control-socket.md Unix: socket mode 0770; a directory the server creates gets 0750")
    void permissions() throws Exception {
        Path sock = dir.resolve("run").resolve("fips").resolve("control.sock");
        start(sock, ECHO, SHORT_IO, 4);
        assertEquals("rwxrwx---", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock.getParent())));
        // A directory that already existed (not a canonical runtime directory) is left as it was.
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        start(shared.resolve("c.sock"), ECHO, SHORT_IO, 4);
        assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
    }

    @Test
    @DisplayName("a stale socket file is replaced; a live one, or a file that is not a socket, is refused; stop removes the socket")
    void staleLiveAndStop() throws Exception {
        Path sock = dir.resolve("c.sock");
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(sock));
        }
        assertTrue(Files.exists(sock), "closing a listener leaves its file: a stale socket");
        ControlServer s = start(sock, ECHO, SHORT_IO, 4);
        assertTrue(raw(sock, "{\"command\":\"fresh\"}\n").contains("fresh"));

        IOException live = assertThrows(IOException.class, () -> start(sock, ECHO, SHORT_IO, 4));
        assertTrue(live.getMessage().contains("another process is listening") && live.getMessage().contains(sock.toString()),
                live.getMessage());
        assertTrue(raw(sock, "{\"command\":\"still_first\"}\n").contains("still_first"));

        Path file = Files.writeString(dir.resolve("plain"), "x");
        IOException notSocket = assertThrows(IOException.class, () -> start(file, ECHO, SHORT_IO, 4));
        assertTrue(notSocket.getMessage().contains("not a socket"), notSocket.getMessage());
        assertEquals("x", Files.readString(file));

        try (SocketChannel idle = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            Thread.sleep(50); // let the worker pick it up
            long t0 = System.nanoTime();
            s.stop();
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 1_500, "stop is prompt");
            assertFalse(Files.exists(sock), "stop removes the socket file");
            assertFalse(s.isRunning());
            assertEquals("", readAll(idle), "an open connection is closed by stop");
        }
        s.stop(); // idempotent
        ControlClient.ControlException gone = assertThrows(ControlClient.ControlException.class,
                () -> new ControlClient(sock, Duration.ofSeconds(1)).request("show_status", null));
        assertEquals(ControlClient.Kind.NOT_RUNNING, gone.kind());
    }

    @Test
    @DisplayName("ControlClient: one instance used from many threads at once")
    void clientConcurrency() throws Exception {
        Path sock = dir.resolve("c.sock");
        start(sock, ECHO, Duration.ofSeconds(5), 16);
        ControlClient c = new ControlClient(sock, Duration.ofSeconds(10));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    try {
                        JNode d = c.request("q" + id, JNode.of(Map.of("i", (long) i), "p"));
                        if (!d.get("command").str().equals("q" + id) || d.get("params").get("i").i64() != i) {
                            failures.add("wrong reply " + d.raw());
                        }
                    } catch (ControlClient.ControlException e) {
                        failures.add(e.kind() + ": " + e.getMessage());
                    }
                }
            }));
        }
        for (Future<?> f : fs) f.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertEquals(List.of(), failures);
    }
}
