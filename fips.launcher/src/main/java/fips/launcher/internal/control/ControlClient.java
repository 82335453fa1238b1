package fips.launcher.internal.control;

import fips.json.JNode;
import fips.json.Json;
import fips.json.JsonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A control-socket client (reference/control-socket.md; INTEROP.md 13): one
 * connection per request, the request line out, one reply line back.
 * Immutable and safe to use from several threads at once; each
 * {@link #request} has its own connection and its own deadline.
 */
public final class ControlClient {
    /** Largest reply accepted; a longer one is {@link Kind#BAD_REPLY}. */
    public static final int MAX_REPLY_BYTES = 16 << 20;

    /** What went wrong, for the caller to choose a message or an exit status. */
    public enum Kind {
        /** No socket file, or nothing accepts on it. */
        NOT_RUNNING,
        /** The socket (or its directory) is not accessible to this user. */
        PERMISSION_DENIED,
        /** No complete reply within the timeout. */
        TIMEOUT,
        /** The daemon answered {@code {"status":"error"}}; the message is the daemon's. */
        ERROR_REPLY,
        /** The daemon's answer was not a reply line, or the connection broke mid-way. */
        BAD_REPLY
    }

    /** A failed request; {@link #getMessage()} is one line an operator can act on. */
    public static final class ControlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Kind kind;

        public ControlException(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private final Path socketPath;
    private final long timeoutNs;

    /**
     * @param timeout the whole request's bound: connect, send, and the complete reply
     */
    public ControlClient(Path socketPath, Duration timeout) {
        if (socketPath == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("socketPath=" + socketPath + " timeout=" + timeout);
        }
        this.socketPath = socketPath;
        this.timeoutNs = timeout.toNanos();
    }

    /** The socket the daemon listens on by default; the same resolution as the daemon's ({@link SocketPaths}). */
    public static Path defaultSocketPath() {
        return SocketPaths.defaultPath();
    }

    public Path socketPath() {
        return socketPath;
    }

    /**
     * Sends {@code command} with {@code params} (null: none) and returns the
     * reply's {@code data}.
     *
     * @throws ControlException naming the socket path for connection failures,
     *     the daemon's message for an error reply
     */
    public JNode request(String command, JNode params) throws ControlException {
        long deadlineNs = System.nanoTime() + timeoutNs;
        byte[] line = ControlProtocol.requestLine(command, params);
        if (Files.notExists(socketPath)) {
            throw new ControlException(Kind.NOT_RUNNING,
                    "no control socket at " + socketPath + " (is the daemon running?)");
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new ControlException(Kind.BAD_REPLY, "cannot open a socket: " + e.getMessage());
        }
        try (ch; Selector sel = Selector.open()) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socketPath));
            } catch (IOException e) {
                throw connectFailure(socketPath, e);
            }
            ch.configureBlocking(false);
            SelectionKey key = ch.register(sel, SelectionKey.OP_WRITE);
            ByteBuffer out = ByteBuffer.wrap(line);
            while (out.hasRemaining()) {
                if (ch.write(out) == 0) await(sel, deadlineNs);
            }
            key.interestOps(SelectionKey.OP_READ);
            return parseReply(readLine(ch, sel, deadlineNs));
        } catch (IOException e) {
            throw new ControlException(Kind.BAD_REPLY,
                    "connection to the daemon at " + socketPath + " failed: " + e.getMessage());
        }
    }

    private void await(Selector sel, long deadlineNs) throws IOException, ControlException {
        long leftNs = deadlineNs - System.nanoTime();
        if (leftNs <= 0) {
            throw new ControlException(Kind.TIMEOUT, "no reply from the daemon at " + socketPath + " within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms");
        }
        sel.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(leftNs)));
        sel.selectedKeys().clear();
    }

    private byte[] readLine(SocketChannel ch, Selector sel, long deadlineNs) throws IOException, ControlException {
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (true) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                if (acc.size() == 0) {
                    throw new ControlException(Kind.BAD_REPLY,
                            "the daemon at " + socketPath + " closed the connection without a reply");
                }
                return acc.toByteArray(); // a final line without its newline
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    acc.write(buf.array(), 0, i);
                    return acc.toByteArray();
                }
            }
            acc.write(buf.array(), 0, n);
            if (acc.size() > MAX_REPLY_BYTES) {
                throw new ControlException(Kind.BAD_REPLY, "reply from " + socketPath + " exceeds " + MAX_REPLY_BYTES + " bytes");
            }
            if (n == 0) await(sel, deadlineNs);
        }
    }

    /** Decodes a reply line: {@code data} of an ok reply, an exception for anything else. */
    static JNode parseReply(byte[] line) throws ControlException {
        JNode r;
        try {
            r = JNode.of(Json.parse(new String(line, StandardCharsets.UTF_8)), "reply");
        } catch (JsonException e) {
            throw new ControlException(Kind.BAD_REPLY, "the daemon's reply is not JSON: " + e.getMessage());
        }
        if (!r.isObject()) {
            throw new ControlException(Kind.BAD_REPLY, "the daemon's reply is not a JSON object");
        }
        JNode status = r.opt("status");
        String s = status != null && status.raw() instanceof String str ? str : null;
        if ("ok".equals(s)) {
            JNode data = r.opt("data");
            if (data == null) {
                throw new ControlException(Kind.BAD_REPLY, "the daemon's ok reply has no data");
            }
            return data;
        }
        if ("error".equals(s)) {
            JNode m = r.opt("message");
            String msg = m != null && m.raw() instanceof String str ? str : "(the error reply has no message)";
            throw new ControlException(Kind.ERROR_REPLY, msg);
        }
        throw new ControlException(Kind.BAD_REPLY, "the daemon's reply has status " + (s == null ? "missing" : "'" + s + "'"));
    }

    /** Sorts a connect failure by its cause (the JDK reports errno as its text). */
    static ControlException connectFailure(Path socketPath, IOException e) {
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return new ControlException(Kind.PERMISSION_DENIED, "permission denied on " + socketPath
                    + " (add your user to the '" + SocketPaths.GROUP + "' group, or run as root)");
        }
        if (lower.contains("no such file") || lower.contains("connection refused")) {
            return new ControlException(Kind.NOT_RUNNING, "no daemon is listening on " + socketPath
                    + " (" + m + "; is the daemon running?)");
        }
        return new ControlException(Kind.BAD_REPLY, "cannot connect to " + socketPath + ": " + m);
    }
}
