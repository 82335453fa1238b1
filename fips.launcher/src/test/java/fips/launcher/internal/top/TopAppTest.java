package fips.launcher.internal.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The driver on a fake terminal: keys in, frames out, the terminal restored on every way out. */
@Timeout(30)
class TopAppTest {
    static final class FakeTerminal implements Terminal {
        final PipedOutputStream keys = new PipedOutputStream();
        final PipedInputStream in;
        final StringBuilder out = new StringBuilder();
        volatile boolean raw;
        volatile int restores;
        volatile int sizeCalls;
        volatile int failAfterSizeCalls = Integer.MAX_VALUE;

        FakeTerminal() throws IOException {
            in = new PipedInputStream(keys, 4096);
        }

        @Override
        public void enterRaw() {
            raw = true;
        }

        @Override
        public void restore() {
            raw = false;
            restores++;
        }

        @Override
        public int[] size() {
            if (++sizeCalls > failAfterSizeCalls) throw new IllegalStateException("boom in size()");
            return new int[] {120, 40};
        }

        @Override
        public InputStream input() {
            return in;
        }

        @Override
        public synchronized void write(String s) {
            out.append(s);
        }

        synchronized String output() {
            return out.toString();
        }

        void type(String s) throws IOException {
            keys.write(s.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        void await(Predicate<String> p, String what) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!p.test(output())) {
                if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what + "; output:\n" + output());
                Thread.sleep(20);
            }
        }
    }

    static TopApp app(FakeTerminal t) {
        return new TopApp(t, new SnapshotTest.FakeSource(), null, 60_000, Glyphs.UNICODE, System::currentTimeMillis);
    }

    @Test
    @DisplayName("Keys switch tabs on screen; q exits 0 leaving the alternate screen and restoring the tty mode")
    void keysAndQuit() throws Exception {
        FakeTerminal t = new FakeTerminal();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return app(t).run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        t.await(o -> o.contains(Fixtures.NPUB), "the Node tab with the fixture npub");
        assertTrue(t.raw, "raw while running");
        assertTrue(t.output().startsWith(AnsiScreen.ENTER));
        t.type("\t");
        t.await(o -> o.contains("[Peers]") && o.contains("no authenticated peers"), "Peers tab");
        t.type("\u001b[Z");
        t.await(o -> o.lastIndexOf("[Node]") > o.lastIndexOf("[Peers]"), "Shift-Tab back to Node");
        t.type("?");
        t.await(o -> o.contains("Help: keys of the Node tab"), "help overlay");
        t.type("q");
        assertEquals(0, run.get(10, TimeUnit.SECONDS));
        assertFalse(t.raw, "tty mode restored");
        assertEquals(1, t.restores);
        assertTrue(t.output().endsWith(AnsiScreen.LEAVE), "alternate screen left last");
    }

    @Test
    @DisplayName("Ctrl-C (byte 0x03 in raw mode) quits with status 0 and restores the terminal")
    void ctrlC() throws Exception {
        FakeTerminal t = new FakeTerminal();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return app(t).run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        t.await(o -> o.contains("[Node]"), "first frame");
        t.type("\u0003");
        assertEquals(0, run.get(10, TimeUnit.SECONDS));
        assertFalse(t.raw);
        assertTrue(t.output().endsWith(AnsiScreen.LEAVE));
    }

    @Test
    @DisplayName("End of input ends the dashboard cleanly")
    void endOfInput() throws Exception {
        FakeTerminal t = new FakeTerminal();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return app(t).run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        t.await(o -> o.contains("[Node]"), "first frame");
        t.keys.close();
        assertEquals(0, run.get(10, TimeUnit.SECONDS));
        assertFalse(t.raw);
    }

    @Test
    @DisplayName("An exception inside the loop still restores the terminal before it propagates")
    void errorRestores() throws Exception {
        FakeTerminal t = new FakeTerminal();
        t.failAfterSizeCalls = 2;
        TopApp a = app(t);
        IllegalStateException e = assertThrows(IllegalStateException.class, a::run);
        assertEquals("boom in size()", e.getMessage());
        assertFalse(t.raw);
        assertEquals(1, t.restores);
        assertTrue(t.output().endsWith(AnsiScreen.LEAVE));
    }
}
