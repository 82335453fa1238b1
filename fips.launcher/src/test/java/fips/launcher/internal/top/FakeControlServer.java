package fips.launcher.internal.top;

import fips.json.JNode;
import fips.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in daemon for tests: a Unix socket that answers one JSON line per connection
 * (INTEROP.md 13) from a map of command to reply line, {@code unknown command: X} otherwise, and
 * {@code disconnect} with the reply INTEROP.md 13 gives. Records every request line.
 */
final class FakeControlServer implements AutoCloseable {
    private final Path socket;
    private final Map<String, String> replies;
    private final ServerSocketChannel server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeControlServer(Path socket, Map<String, String> replies) throws IOException {
        this.socket = socket;
        this.replies = new ConcurrentHashMap<>(replies);
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = Thread.ofPlatform().daemon().name("fake-control").start(this::accept);
    }

    Path socket() {
        return socket;
    }

    /** Every request line received so far. */
    List<String> requests() {
        return requests;
    }

    void reply(String command, String line) {
        replies.put(command, line);
    }

    private void accept() {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                serve(c);
            } catch (IOException e) {
                if (!server.isOpen()) return;
            }
        }
    }

    private void serve(SocketChannel c) throws IOException {
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (acc.toString(StandardCharsets.UTF_8).indexOf('\n') < 0) {
            buf.clear();
            int n = c.read(buf);
            if (n < 0) return;
            acc.write(buf.array(), 0, n);
        }
        String line = acc.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
        requests.add(line);
        String reply;
        try {
            JNode req = JNode.of(Json.parse(line), "request");
            String cmd = req.get("command").str();
            if (cmd.equals("disconnect")) {
                reply = Fixtures.ok(Fixtures.obj("npub", req.get("params").get("npub").str(), "disconnected", true));
            } else {
                reply = replies.getOrDefault(cmd, Json.write(Fixtures.obj("status", "error", "message", "unknown command: " + cmd)));
            }
        } catch (RuntimeException e) {
            reply = Json.write(Fixtures.obj("status", "error", "message", "invalid request: " + e.getMessage()));
        }
        c.write(ByteBuffer.wrap((reply + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        Files.deleteIfExists(socket);
    }
}
