package fips.launcher.internal.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fipstop as a person uses it: the real entry point in its own JVM (this build's module path), inside
 * tmux at 120x40, against a fake daemon serving the control-snapshots fixtures (plus peers). Reads the
 * screen, types keys, quits, and checks the terminal was given back.
 */
@Timeout(120)
class FipsTopEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    static List<String> fipstop(String... args) {
        String mp = System.getProperty("jdk.module.path");
        assertNotNull(mp, "tests run on the module path (jdk.module.path unset)");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=fips.launcher", "--module-path", mp, "-m", "fips.launcher/fips.launcher.FipsTop"));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    record Run(int code, String out, String err) {}

    static Run run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** The whitespace-separated words of the {@code stty -a} output printed after fipstop exited. */
    static Set<String> sttyWords(String screen) {
        int at = screen.indexOf("FIPSTOP-EXIT=");
        return Arrays.stream(screen.substring(at).split("[\\s;]+")).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("cli-fipstop.md: --help tells the options; a bad option is a usage error; no daemon at start-up is exit 1 with the reason")
    void helpAndNoDaemon() throws Exception {
        Run help = run(fipstop("--help"));
        assertEquals(0, help.code(), help.err());
        for (String s : List.of("-s, --socket <PATH>", "--gateway-socket <PATH>", "-r, --refresh <SECONDS>", "[default: 2]", "-V", "--version")) {
            assertTrue(help.out().contains(s), s + "\n" + help.out());
        }
        Run v = run(fipstop("-V"));
        assertTrue(v.out().startsWith("fipstop "), v.out());
        Run bad = run(fipstop("--frobnicate"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown option '--frobnicate'"), bad.err());
        Run badRefresh = run(fipstop("-r", "0"));
        assertEquals(2, badRefresh.code());
        assertTrue(badRefresh.err().contains("--refresh: 0 is out of range"), badRefresh.err());
        Path none = dir.resolve("absent.sock");
        Run down = run(fipstop("-s", none.toString()));
        assertEquals(1, down.code(), down.err());
        assertTrue(down.err().contains("cannot reach the FIPS daemon") && down.err().contains(none.toString()), down.err());
        assertFalse(down.out().contains("\u001b["), "no screen drawn: " + down.out());
    }

    @Test
    @DisplayName("In tmux: Node tab with the npub, Tab to Peers rows, Transports expand, Del+y disconnects, daemon loss shows Disconnected, q restores the terminal")
    void dashboardInTmux() throws Exception {
        assumeTrue(TmuxPane.available(), "tmux is not installed (CI installs it: .ci/run)");
        try (FakeControlServer daemon = new FakeControlServer(dir.resolve("control.sock"), Fixtures.populatedReplyLines());
                TmuxPane pane = TmuxPane.start(dir, "fipstop", 120, 40, "env LANG=C.UTF-8 " + TmuxPane.command(fipstop(
                        "-s", dir.resolve("control.sock").toString(), "--gateway-socket", dir.resolve("gw.sock").toString(), "-r", "0.5"))
                        + "; echo FIPSTOP-EXIT=$?; stty -a; echo STTY-DONE; sleep 600")) {
            String node = pane.await(s -> s.contains(Fixtures.NPUB) && s.contains("[Node]"), "the Node tab", WAIT);
            String title = node.lines().findFirst().orElseThrow();
            assertTrue(title.contains("fipstop") && title.contains("connected"), title);
            assertTrue(node.contains("1b4788b7ab7a436a611fc59fb1e34c6e") && node.contains("this node is the root"), node);

            pane.keys("Tab");
            String peers = pane.await(s -> s.contains("[Peers]") && s.contains("alice"), "the Peers tab", WAIT);
            assertTrue(peers.contains("Authenticated peers: 2"), peers);
            assertTrue(peers.matches("(?s).*alice\\s+npub1qmc3c\\S*\\s+active\\s+outbound\\s+udp 192\\.0\\.2\\.1:2121.*"), peers);
            assertTrue(peers.contains("bob?[31m"), "escape in a peer name shown defused\n" + peers);

            pane.keys("Tab");
            pane.await("#1 udp0", WAIT);
            pane.keys("Down", "Right");
            String tr = pane.await("link 4", WAIT);
            assertTrue(tr.matches("(?s).*link 3\\s+outbound\\s+connected\\s+192\\.0\\.2\\.1:2121\\s+alice.*"), tr);

            pane.keys("BTab");
            pane.await("[Peers]", WAIT);
            pane.keys("Down", "DC");
            pane.await("Disconnect peer alice?", WAIT);
            pane.keys("y");
            pane.await("disconnected alice", WAIT);
            assertTrue(daemon.requests().stream().anyMatch(r -> r.contains("\"disconnect\"") && r.contains(Fixtures.ALICE_NPUB)),
                    daemon.requests().toString());

            daemon.close();
            String lost = pane.await(s -> s.lines().findFirst().orElse("").contains("Disconnected:"), "Disconnected in the title", WAIT);
            assertTrue(lost.contains("[Peers]"), "still running\n" + lost);

            pane.keys("q");
            String after = pane.await("STTY-DONE", WAIT); // the exit line, then all of stty -a
            assertTrue(after.contains("FIPSTOP-EXIT=0"), after);
            assertFalse(after.contains("[Peers]"), "the alternate screen is gone\n" + after);
            Set<String> stty = sttyWords(after);
            assertTrue(stty.contains("icanon") && stty.contains("echo") && stty.contains("isig"), "cooked mode back: " + stty);
            assertFalse(stty.contains("-icanon") || stty.contains("-echo"), "cooked mode back: " + stty);
        }
    }

    @Test
    @DisplayName("In tmux: Ctrl-C quits with status 0 and gives the terminal back")
    void ctrlCInTmux() throws Exception {
        assumeTrue(TmuxPane.available(), "tmux is not installed (CI installs it: .ci/run)");
        try (FakeControlServer daemon = new FakeControlServer(dir.resolve("control.sock"), Fixtures.replyLines());
                TmuxPane pane = TmuxPane.start(dir, "fipstop-c", 100, 30, TmuxPane.command(fipstop(
                        "-s", dir.resolve("control.sock").toString())) + "; echo FIPSTOP-EXIT=$?; stty -a; echo STTY-DONE; sleep 600")) {
            pane.await("[Node]", WAIT);
            pane.keys("g");
            pane.await("Mode Node   window 10m / 1s", WAIT);
            pane.keys("C-c");
            String after = pane.await("STTY-DONE", WAIT); // the exit line, then all of stty -a
            assertTrue(after.contains("FIPSTOP-EXIT=0"), after);
            assertFalse(sttyWords(after).contains("-icanon"), after);
        }
    }
}
