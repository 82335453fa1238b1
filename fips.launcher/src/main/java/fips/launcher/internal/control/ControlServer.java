package fips.launcher.internal.control;

import fips.json.JNode;
import fips.launcher.internal.log.Log;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's control socket listener (reference/control-socket.md
 * "Connection", "Request Format", "Response Format", "I/O timeouts";
 * INTEROP.md 13).
 *
 * <h2>Theory of operation</h2>
 *
 * <p>An accept thread takes connections from a Unix domain socket and gives
 * each its own worker thread, at most {@code maxConnections} at once; a
 * connection beyond that gets a {@code too many control connections} error
 * and is closed at once, so a flood of clients cannot queue work or threads.
 * A worker reads one line without blocking, under a per-connection selector,
 * until the newline, end of stream, {@link ControlProtocol#MAX_REQUEST_BYTES}
 * or the read deadline ({@code ioTimeout} after accept), whichever is first;
 * decodes it; calls the {@link ControlHandler}; writes exactly one reply line
 * under a write deadline of its own; shuts the stream down and closes it.
 * Nothing a client does reaches the protocol thread except through the
 * handler, and no client can hold another one up: a slow client only holds
 * its own worker, for at most the read plus the write deadline (plus the
 * handler's own bound).
 *
 * <p>Replies: the handler's data as {@code {"status":"ok","data":…}}; a
 * {@link ControlError} or a framing problem as
 * {@code {"status":"error","message":…}}. The framing errors: nothing before
 * end of stream ({@code empty request}), no newline within the size limit
 * ({@code request too large}), the deadline passed ({@code read timeout}, sent
 * on a best-effort basis), bytes that are not UTF-8 or not a request object
 * ({@code invalid request: …}). A request cut off by end of stream without its
 * newline is still decoded, so {@code printf '{…}' | nc -U} works. A handler
 * that throws anything else answers {@code internal error: …}, logged once
 * per occurrence.
 *
 * <p>Files (reference/control-socket.md "Unix"): the parent directory is
 * created if missing; a directory this server created, or a canonical
 * runtime directory ({@link SocketPaths#isCanonicalDir}), gets mode 0750 and
 * group {@code fips} when that group exists. A stale socket file (nothing
 * accepts on it) is removed; a live one, or a path that is not a socket, is an
 * error, so a second daemon never steals the first one's socket. The socket
 * gets mode 0770 and group {@code fips} (if it exists). {@link #stop} closes
 * the listener and every open connection and removes the socket file.
 *
 * <p>After the reply the worker reads and discards whatever input is left
 * (bounded in bytes and time) before closing, because closing a Unix socket
 * with unread input resets the client's side of the connection.
 */
public final class ControlServer implements AutoCloseable {
    /** Connections served at once; more are refused with an error reply. A local tuning knob. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** Accept backlog. */
    static final int BACKLOG = 64;
    static final String TOO_MANY = "too many control connections";
    /** Input read and discarded after the reply, at most, so the close does not reset the client. */
    static final int DRAIN_BYTES = 64 * 1024;
    static final long DRAIN_MS = 200;

    private final Path socketPath;
    private final ControlHandler handler;
    private final Log log;
    private final long ioTimeoutNs;
    private final int maxConnections;
    private final Semaphore slots;
    private final Set<Conn> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong workerSeq = new AtomicLong();

    private final AtomicLong served = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong readTimeouts = new AtomicLong();

    private ServerSocketChannel server;
    private Thread acceptor;
    private volatile boolean running;

    /** A server with the reference's 5 s I/O timeout and {@link #DEFAULT_MAX_CONNECTIONS}. */
    public ControlServer(Path socketPath, ControlHandler handler, Log log) {
        this(socketPath, handler, log, ControlProtocol.IO_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * @param log where failures to set up files and handler bugs go; null for none
     * @param ioTimeout the read deadline (from accept) and, separately, the write deadline
     */
    public ControlServer(Path socketPath, ControlHandler handler, Log log, Duration ioTimeout, int maxConnections) {
        if (socketPath == null || handler == null) {
            throw new IllegalArgumentException("socketPath=" + socketPath + " handler=" + handler);
        }
        if (ioTimeout.isNegative() || ioTimeout.isZero() || maxConnections < 1) {
            throw new IllegalArgumentException("ioTimeout=" + ioTimeout + " maxConnections=" + maxConnections);
        }
        this.socketPath = socketPath.toAbsolutePath();
        this.handler = handler;
        this.log = log;
        this.ioTimeoutNs = ioTimeout.toNanos();
        this.maxConnections = maxConnections;
        this.slots = new Semaphore(maxConnections);
    }

    public Path socketPath() {
        return socketPath;
    }

    /**
     * Prepares the files and starts listening.
     *
     * @throws IOException the directory cannot be made, the path is not a socket, another
     *     daemon is listening there, or the bind fails; the message names the path
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("control server already started on " + socketPath);
        }
        Map<String, String> env = System.getenv();
        Path parent = socketPath.getParent();
        boolean created = false;
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            created = true;
        }
        if (created || SocketPaths.isCanonicalDir(parent, env)) {
            restrict(parent, "rwxr-x---");
        }
        removeStale();
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(socketPath), BACKLOG);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot bind the control socket " + socketPath + ": " + e.getMessage(), e);
        }
        server = ch;
        restrict(socketPath, "rwxrwx---");
        running = true;
        acceptor = Thread.ofPlatform().daemon().name("fips-control-accept").unstarted(this::acceptLoop);
        acceptor.start();
    }

    private void removeStale() throws IOException {
        if (!Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes a = Files.readAttributes(socketPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isOther()) {
            throw new IOException(socketPath + " exists and is not a socket; not replacing it");
        }
        if (accepts(socketPath)) {
            throw new IOException("another process is listening on the control socket " + socketPath);
        }
        // Nothing accepts: a socket file left by a daemon that did not stop cleanly.
        Files.delete(socketPath);
        if (log != null) log.info("removed stale control socket " + socketPath);
    }

    private static boolean accepts(Path p) {
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(p)).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sets {@code perms} and, if the group exists, group {@code fips}; failures are logged, not fatal. */
    private void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (IOException | UnsupportedOperationException e) {
            if (log != null) log.warn("cannot set mode " + perms + " on " + p + ": " + e.getMessage());
        }
        try {
            GroupPrincipal g = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(SocketPaths.GROUP);
            PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (v != null) v.setGroup(g);
        } catch (UserPrincipalNotFoundException e) {
            // No fips group on this host: the file keeps the daemon's group.
        } catch (IOException | UnsupportedOperationException e) {
            if (log != null) log.warn("cannot set group " + SocketPaths.GROUP + " on " + p + ": " + e.getMessage());
        }
    }

    private void acceptLoop() {
        while (running) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!running) return;
                if (log != null) log.warn("control socket accept failed: " + e.getMessage());
                pause();
                continue;
            }
            if (!slots.tryAcquire()) {
                refused.incrementAndGet();
                refuse(ch);
                continue;
            }
            Conn c = new Conn(ch);
            try {
                Thread.ofPlatform().daemon().name("fips-control-" + workerSeq.incrementAndGet()).start(() -> {
                    try {
                        serve(c);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                slots.release();
                c.close();
                if (log != null) log.warn("control socket: cannot start a worker: " + e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Over capacity: one non-blocking write of an error line, then close. */
    private static void refuse(SocketChannel ch) {
        try (ch) {
            ch.configureBlocking(false);
            ch.write(ByteBuffer.wrap(ControlProtocol.errorReply(TOO_MANY)));
            ch.shutdownOutput();
            ch.read(ByteBuffer.allocate(ControlProtocol.MAX_REQUEST_BYTES)); // what has arrived: fewer resets
        } catch (IOException ignored) {
            // the client is gone; nothing to tell it
        }
    }

    /** One connection being served. */
    private final class Conn {
        final SocketChannel ch;
        volatile Selector selector;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }

        void close() {
            Selector s = selector;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void serve(Conn c) {
        active.add(c);
        try {
            if (!running) return;
            c.ch.configureBlocking(false);
            c.selector = Selector.open();
            if (!running) return;
            SelectionKey key = c.ch.register(c.selector, SelectionKey.OP_READ);
            long readDeadlineNs = System.nanoTime() + ioTimeoutNs;
            byte[] reply = reply(c, readDeadlineNs);
            if (reply != null) {
                key.interestOps(SelectionKey.OP_WRITE);
                if (write(c, ByteBuffer.wrap(reply), System.nanoTime() + ioTimeoutNs)) {
                    c.ch.shutdownOutput();
                    key.interestOps(SelectionKey.OP_READ);
                    drain(c);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // The client went away or stop() closed the connection: there is nobody to answer.
        } finally {
            active.remove(c);
            c.close();
        }
    }

    /** Reads and answers the request; null if the connection closed under us (stop). */
    private byte[] reply(Conn c, long deadlineNs) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(ControlProtocol.MAX_REQUEST_BYTES);
        int lineEnd = -1;
        int scanned = 0;
        while (lineEnd < 0) {
            int n = c.ch.read(buf);
            if (n < 0) {
                if (buf.position() == 0) {
                    errors.incrementAndGet();
                    return ControlProtocol.errorReply(ControlProtocol.EMPTY_REQUEST);
                }
                lineEnd = buf.position(); // end of stream ends the line
                break;
            }
            for (; scanned < buf.position(); scanned++) {
                if (buf.get(scanned) == '\n') {
                    lineEnd = scanned;
                    break;
                }
            }
            if (lineEnd >= 0) break;
            if (!buf.hasRemaining()) {
                errors.incrementAndGet();
                return ControlProtocol.errorReply(ControlProtocol.TOO_LARGE);
            }
            if (n == 0) {
                long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0) {
                    readTimeouts.incrementAndGet();
                    return ControlProtocol.errorReply(ControlProtocol.READ_TIMEOUT);
                }
                c.selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(leftNs)));
                c.selector.selectedKeys().clear();
            }
        }
        String line;
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf.array(), 0, lineEnd));
            line = cb.toString();
        } catch (CharacterCodingException e) {
            errors.incrementAndGet();
            return ControlProtocol.errorReply("invalid request: not UTF-8");
        }
        try {
            ControlProtocol.Request req = ControlProtocol.parseRequest(line);
            JNode data = handler.handle(req.command(), req.params());
            served.incrementAndGet();
            return ControlProtocol.okReply(data);
        } catch (ControlError e) {
            errors.incrementAndGet();
            return ControlProtocol.errorReply(e.getMessage());
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            if (log != null) log.error("control request failed: " + e);
            return ControlProtocol.errorReply("internal error: " + e);
        }
    }

    /**
     * Reads and discards what the client still sends, up to {@link #DRAIN_BYTES}
     * or {@link #DRAIN_MS}, before the close: closing a Unix socket with unread
     * input resets the connection, and the client would see an error after
     * (or instead of) the reply.
     */
    private static void drain(Conn c) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
        long total = 0;
        while (total < DRAIN_BYTES) {
            scratch.clear();
            int n = c.ch.read(scratch);
            if (n < 0) return;
            total += n;
            if (n == 0) {
                long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0) return;
                c.selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(leftNs)));
                c.selector.selectedKeys().clear();
            }
        }
    }

    /** Writes all of {@code b} by {@code deadlineNs}; false if the time ran out. */
    private static boolean write(Conn c, ByteBuffer b, long deadlineNs) throws IOException {
        while (b.hasRemaining()) {
            if (c.ch.write(b) == 0) {
                long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0) return false;
                c.selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(leftNs)));
                c.selector.selectedKeys().clear();
            }
        }
        return true;
    }

    /**
     * Stops listening, closes every open connection and removes the socket
     * file. Idempotent; returns within about a second whatever the clients or
     * handlers are doing (workers still inside a handler finish on their own,
     * with nothing left to write to).
     */
    public void stop() {
        Thread a;
        synchronized (this) {
            if (server == null || !running) return;
            running = false;
            a = acceptor;
            try {
                server.close();
            } catch (IOException e) {
                if (log != null) log.warn("closing the control socket: " + e.getMessage());
            }
        }
        for (Conn c : active) {
            c.close();
        }
        try {
            a.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            if (log != null) log.warn("cannot remove the control socket " + socketPath + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return running;
    }

    /** Connections being served now. */
    public int activeConnections() {
        return maxConnections - slots.availablePermits();
    }

    /** Requests answered with {@code status: ok}. */
    public long served() {
        return served.get();
    }

    /** Connections refused for being over {@code maxConnections}. */
    public long refused() {
        return refused.get();
    }

    /** Requests answered with an error (framing, decoding or the handler's), read timeouts excluded. */
    public long errors() {
        return errors.get();
    }

    public long readTimeouts() {
        return readTimeouts.get();
    }
}
