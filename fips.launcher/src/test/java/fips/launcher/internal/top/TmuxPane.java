package fips.launcher.internal.top;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program running in a detached tmux session of a fixed size, on a private tmux server whose
 * socket lives in a directory the test owns ({@code tmux -S}), so a test can type keys and read the
 * screen as a person would. Closing it kills that server and everything in it and removes the socket.
 * Reusable for any terminal program (fipstop against a live daemon, too).
 */
final class TmuxPane implements AutoCloseable {
    static final Path TMUX = Path.of("/usr/bin/tmux");

    private final Path server;
    private final String target;

    private TmuxPane(Path server, String target) {
        this.server = server;
        this.target = target;
    }

    static boolean available() {
        return Files.isExecutable(TMUX);
    }

    /**
     * Starts {@code shellCommand} (run by {@code sh -c}) in a {@code cols} x {@code rows} pane, the tmux
     * server's socket in {@code dir} (keep the path short: a Unix socket path has at most 107 bytes).
     */
    static TmuxPane start(Path dir, String name, int cols, int rows, String shellCommand) throws IOException, InterruptedException {
        TmuxPane p = new TmuxPane(dir.resolve("tmux-" + name + ".sock"), name);
        p.tmux("-f", "/dev/null", "new-session", "-d", "-s", name, "-x", Integer.toString(cols), "-y", Integer.toString(rows),
                shellCommand);
        return p;
    }

    /** One argument quoted for {@code sh}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String command(List<String> argv) {
        List<String> q = new ArrayList<>();
        for (String a : argv) q.add(quote(a));
        return String.join(" ", q);
    }

    /** The visible screen as plain text (no attributes). */
    String capture() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", target);
    }

    /** Sends tmux key names ({@code Tab}, {@code BTab}, {@code Down}, {@code DC}, {@code C-c}, {@code q}). */
    void keys(String... keys) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("send-keys", "-t", target));
        a.addAll(List.of(keys));
        tmux(a.toArray(String[]::new));
    }

    /** The screen once {@code ok} holds for it; an AssertionError with the last screen after {@code timeout}. */
    String await(Predicate<String> ok, String what, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String screen = capture();
        while (!ok.test(screen)) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what + "; screen:\n" + screen);
            Thread.sleep(100);
            screen = capture();
        }
        return screen;
    }

    String await(String text, Duration timeout) throws IOException, InterruptedException {
        return await(s -> s.contains(text), "'" + text + "'", timeout);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TMUX.toString(), "-S", server.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tmux " + String.join(" ", args) + " did not finish");
        }
        if (p.exitValue() != 0) throw new IOException("tmux " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
        return out;
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder(TMUX.toString(), "-S", server.toString(), "kill-server").redirectErrorStream(true).start()
                    .waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(server);
        } catch (IOException e) {
            // nothing left to clean
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
