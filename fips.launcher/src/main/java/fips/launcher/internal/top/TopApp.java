package fips.launcher.internal.top;

import fips.json.JNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The fipstop driver. Three threads: the UI loop (the caller's: owns the {@link ViewState}, the
 * {@link Snapshot} and the screen), a key reader (terminal bytes through a {@link KeyDecoder}) and a
 * poller (the current tab's queries every refresh interval, or at once when the UI asks). They talk
 * through one event queue; nothing else is shared but the poll plan, which the UI replaces whole.
 *
 * <p>The terminal is restored on every way out: {@code q}, Ctrl-C, end of input, an exception in the
 * loop, and JVM shutdown (SIGTERM, SIGHUP) through a shutdown hook.
 */
public final class TopApp {
    /** reference/cli-fipstop.md "Options": the default poll interval. */
    public static final long DEFAULT_REFRESH_MS = 2000;
    /** How long a lone ESC byte waits for the rest of a key sequence. */
    static final long ESC_WAIT_MS = 30;
    /** How often the UI wakes without events (window resizes, message expiry). */
    static final long TICK_MS = 200;
    static final long MESSAGE_MS = 5000;

    private sealed interface Event permits KeyEvent, PollEvent, MessageEvent, InputEnded {}

    private record KeyEvent(Key key) implements Event {}

    private record PollEvent(Snapshot.Poll poll) implements Event {}

    private record MessageEvent(String text) implements Event {}

    private record InputEnded(String why) implements Event {}

    private final Terminal term;
    private final TopSource daemon;
    private final TopSource gateway;
    private final long refreshMs;
    private final Renderer renderer;
    private final Controller controller;
    private final LongSupplier clockMs;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private final ConcurrentLinkedQueue<Controller.Disconnect> disconnects = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean restored = new AtomicBoolean(true);
    private volatile List<Query> plan = List.of(Tab.STATUS);
    private volatile boolean running = true;

    private final ViewState st = new ViewState();
    private final AnsiScreen screen = new AnsiScreen();
    private Snapshot snap = Snapshot.EMPTY;

    /** {@code gateway} may be null (no gateway socket known): the Gateway tab then says so. */
    public TopApp(Terminal term, TopSource daemon, TopSource gateway, long refreshMs, Glyphs g, LongSupplier clockMs) {
        this.term = term;
        this.daemon = daemon;
        this.gateway = gateway;
        this.refreshMs = refreshMs;
        this.renderer = new Renderer(g);
        this.controller = new Controller(g);
        this.clockMs = clockMs;
    }

    /** A first poll made before the UI starts (the start-up probe), shown in the first frame. */
    public void seed(Snapshot.Poll first) {
        snap = snap.merge(first);
    }

    /** Runs until the operator quits; answers the exit status. The terminal is restored on return. */
    public int run() throws IOException {
        Thread hook = new Thread(this::restoreTerminal, "fipstop-restore");
        Runtime.getRuntime().addShutdownHook(hook);
        term.enterRaw();
        restored.set(false);
        term.write(AnsiScreen.ENTER);
        Thread reader = Thread.ofPlatform().daemon().name("fipstop-keys").start(this::readKeys);
        Thread poller = Thread.ofPlatform().daemon().name("fipstop-poll").start(this::pollLoop);
        try {
            replan();
            return loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            running = false;
            poller.interrupt();
            restoreTerminal();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            reader.interrupt();
        }
    }

    private void restoreTerminal() {
        if (restored.compareAndSet(false, true)) {
            try {
                term.write(AnsiScreen.LEAVE);
            } catch (RuntimeException ignored) {
                // the terminal may be gone; still restore the mode
            }
            term.restore();
        }
    }

    private int loop() throws InterruptedException {
        draw();
        while (true) {
            Event e = events.poll(TICK_MS, TimeUnit.MILLISECONDS);
            long now = clockMs.getAsLong();
            if (e instanceof KeyEvent k) {
                Controller.Action a = controller.handle(k.key(), st, snap, now);
                switch (a) {
                    case Controller.Quit q -> {
                        return 0;
                    }
                    case Controller.Poll p -> replan();
                    case Controller.Disconnect d -> {
                        disconnects.add(d);
                        st.message("disconnecting " + Fmt.clean(d.name()) + "...", now + MESSAGE_MS);
                        wake.release();
                    }
                    case Controller.None n -> { }
                }
            } else if (e instanceof PollEvent p) {
                snap = snap.merge(p.poll());
                replan();
            } else if (e instanceof MessageEvent m) {
                st.message(m.text(), now + MESSAGE_MS);
            } else if (e instanceof InputEnded end) {
                return 0;
            }
            draw();
        }
    }

    private void draw() {
        int[] size = term.size();
        st.size(size[0], size[1]);
        List<Line> frame = renderer.render(snap, st, size[0], size[1], clockMs.getAsLong());
        String out = screen.draw(frame, size[0], size[1]);
        if (!out.isEmpty()) term.write(out);
    }

    /** Recomputes the queries of the current view; a changed plan is polled at once. */
    private void replan() {
        List<Query> next = st.tab().queries(st, snap);
        if (!next.equals(plan)) {
            plan = next;
            wake.release();
        }
    }

    private void readKeys() {
        InputStream in = term.input();
        KeyDecoder dec = new KeyDecoder();
        byte[] buf = new byte[256];
        List<Key> keys = new ArrayList<>();
        try {
            while (running) {
                int n = in.read(buf);
                if (n < 0) {
                    events.add(new InputEnded("end of input"));
                    return;
                }
                dec.feed(buf, 0, n, keys);
                if (dec.pending()) {
                    Thread.sleep(ESC_WAIT_MS);
                    if (in.available() == 0) dec.flush(keys);
                }
                for (Key k : keys) events.add(new KeyEvent(k));
                keys.clear();
            }
        } catch (IOException e) {
            events.add(new InputEnded("input: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollLoop() {
        try {
            while (running) {
                Controller.Disconnect d;
                while ((d = disconnects.poll()) != null) disconnect(d);
                events.add(new PollEvent(poll(daemon, gateway, plan, clockMs.getAsLong())));
                wake.tryAcquire(refreshMs, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void disconnect(Controller.Disconnect d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("npub", d.npub());
        try {
            daemon.request("disconnect", JNode.of(p, "params"));
            events.add(new MessageEvent("disconnected " + Fmt.clean(d.name())));
        } catch (TopSource.SourceException e) {
            events.add(new MessageEvent("disconnect " + Fmt.clean(d.name()) + " failed: " + Fmt.clean(e.getMessage())));
        }
    }

    /**
     * Runs {@code queries} once. After the first query to a socket that cannot be reached, the rest to
     * that socket fail with the same error rather than each waiting for its own timeout.
     */
    public static Snapshot.Poll poll(TopSource daemon, TopSource gateway, List<Query> queries, long nowMs) {
        Map<Query, JNode> ok = new HashMap<>();
        Map<Query, TopSource.SourceException> bad = new HashMap<>();
        TopSource.SourceException daemonDown = null;
        TopSource.SourceException gatewayDown = null;
        for (Query q : queries) {
            TopSource src = q.gateway() ? gateway : daemon;
            TopSource.SourceException down = q.gateway() ? gatewayDown : daemonDown;
            if (src == null) {
                bad.put(q, new TopSource.SourceException(TopSource.Kind.NOT_RUNNING, "no gateway socket configured"));
                continue;
            }
            if (down != null) {
                bad.put(q, down);
                continue;
            }
            try {
                ok.put(q, src.request(q.command(), q.paramsNode()));
            } catch (TopSource.SourceException e) {
                bad.put(q, e);
                if (e.unreachable()) {
                    if (q.gateway()) gatewayDown = e; else daemonDown = e;
                }
            }
        }
        return new Snapshot.Poll(ok, bad, nowMs);
    }
}
