package fips.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Identity;
import fips.identity.KeyFiles;
import fips.identity.SecretKey;
import fips.json.JNode;
import fips.json.Json;
import fips.launcher.internal.control.ControlError;
import fips.launcher.internal.control.ControlServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** reference/cli-fipsctl.md: the subcommands this build has, their output and exit codes. */
class FipsCtlTest {
    static final Path VECTORS = Path.of(System.getProperty("fips.vectors.dir", "../../shared/spec/vectors"));

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        return runWith(FipsCtl.DEFAULT_HOSTS_FILE, FipsCtl.DEFAULT_TIMEOUT, args);
    }

    static Run runWith(Path hosts, Duration timeout, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new FipsCtl(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                hosts, timeout).run(List.of(args));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** A failure: exit 1 and exactly one stderr line "error: ..." containing {@code text}; nothing on stdout. */
    static void assertFails(Run r, String text) {
        assertEquals(1, r.code(), r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("Run 'fipsctl --help'")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(text), r.err());
    }

    /** A fake daemon: the real server with a handler that records requests and answers from {@code answer}. */
    record Fake(ControlServer server, List<String> requests) implements AutoCloseable {
        @Override
        public void close() {
            server.stop();
        }
    }

    interface Answer {
        Object answer(String command, JNode params) throws Exception;
    }

    static Fake fake(Path sock, Answer answer) throws IOException {
        List<String> requests = new CopyOnWriteArrayList<>();
        ControlServer s = new ControlServer(sock, (command, params) -> {
            requests.add(command + " " + (params == null ? "null" : Json.write(params.raw())));
            try {
                return JNode.of(answer.answer(command, params), "data");
            } catch (ControlError e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, null);
        s.start();
        return new Fake(s, requests);
    }

    @Test
    @DisplayName("cli-fipsctl.md Global Options and Exit Codes: --help, -V, --version; no command and unknown input exit 1")
    void helpAndUsage() {
        Run h = run("--help");
        assertEquals(0, h.code());
        for (String s : List.of("keygen", "vectors check", "show <WHAT>", "connect <PEER> <ADDRESS> <TRANSPORT>",
                "disconnect <PEER>", "-s, --socket <PATH>")) {
            assertTrue(h.out().contains(s), s + " in " + h.out());
        }
        assertEquals(0, run("-V").code());
        assertTrue(run("--version").out().contains("Java"));
        Run none = run();
        assertEquals(1, none.code());
        Run bad = run("frobnicate");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("unknown command 'frobnicate'"), bad.err());
        assertEquals(1, run("--nope").code());
        assertEquals(1, run("keygen", "--dir").code(), "missing value");
        assertTrue(run("keygen", "--dir").err().contains("'--dir' needs a value"));
        assertEquals(1, run("keygen", "extra").code());
        assertEquals(1, run("vectors").code());
        assertEquals(1, run("vectors", "check").code());
        assertEquals(1, run("vectors", "check", "a", "b").code());
        assertEquals(0, run("vectors", "check", "--help").code());
        assertEquals(0, run("keygen", "--help").code());
        for (String[] help : new String[][] {{"show", "--help"}, {"connect", "--help"}, {"disconnect", "-h"}, {"stats", "--help"}}) {
            Run r = run(help);
            assertEquals(0, r.code(), String.join(" ", help));
            assertTrue(r.out().startsWith("Usage: fipsctl"), r.out());
        }
        assertTrue(run("show", "--help").out().contains("identity-cache  show_identity_cache"));
    }

    @Test
    @DisplayName("cli-fipsctl.md keygen --stdout: nsec line then npub line, a matching pair")
    void keygenStdout() {
        Run r = run("keygen", "--stdout");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        SecretKey sk = SecretKey.parse(lines[0]);
        assertEquals(sk.publicKey().npub(), lines[1]);
        assertTrue(lines[0].startsWith("nsec1"));
    }

    @Test
    @DisplayName("cli-fipsctl.md keygen --dir: fips.key 0600, fips.pub 0644, refuses to overwrite without --force")
    void keygenFiles(@TempDir Path dir) throws IOException {
        Run r = run("keygen", "-d", dir.toString());
        assertEquals(0, r.code(), r.err());
        Path key = KeyFiles.keyPath(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(KeyFiles.pubPath(dir))));
        String npub = Files.readString(KeyFiles.pubPath(dir)).strip();
        assertTrue(r.out().contains(npub));
        assertEquals(npub, KeyFiles.readSecret(key).publicKey().npub());
        Run again = run("keygen", "--dir=" + dir);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("--force"), again.err());
        assertEquals(npub, Files.readString(KeyFiles.pubPath(dir)).strip(), "nothing overwritten");
        assertEquals(0, run("keygen", "--dir", dir.toString(), "--force").code());
        assertTrue(!npub.equals(Files.readString(KeyFiles.pubPath(dir)).strip()));
    }

    @Test
    @DisplayName("vectors check: every file of the spec's vectors passes in full (nothing failed, nothing skipped)")
    void vectorsPass() {
        Run r = run("vectors", "check", VECTORS.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        for (String f : List.of("identity.json", "schnorr.json", "noise_ik.json", "noise_xk.json", "frames.json",
                "bloom.json", "fsp.json", "ipv6_compress.json")) {
            assertTrue(r.out().matches("(?s).*" + f.replace(".", "\\.") + ": [1-9][0-9]* passed, 0 failed, 0 skipped.*"), r.out());
        }
        assertTrue(!r.out().contains("FAIL"), r.out());
    }

    @Test
    @DisplayName("vectors check: a corrupted vector fails with its case and first differing field; exit 1")
    void vectorsDetectCorruption(@TempDir Path dir) throws IOException {
        String id = Files.readString(VECTORS.resolve("identity.json"));
        String bob = "npub1dqqk85um3v04g3sywv0l00nsucrh9fdg6tcea632w8amyautcu5q8j7zre";
        assertTrue(id.contains(bob));
        // Swap bob's npub for another valid npub: only that case must fail, at its npub field.
        Files.writeString(dir.resolve("identity.json"),
                id.replace("\"npub\": \"" + bob + "\"", "\"npub\": \"npub1j8kdt8e6nywrc3xwrn8hk8sx774zvrpqp3xujva4yldl40mr3hzssfmc3z\""));
        String ik = Files.readString(VECTORS.resolve("noise_ik.json"));
        Files.writeString(dir.resolve("noise_ik.json"), ik.replace("\"split_k1\": \"c7", "\"split_k1\": \"d7"));
        Files.writeString(dir.resolve("broken.json"), "{\"keys\": [");
        Files.writeString(dir.resolve("other.json"), "{\"something\": []}");
        Run r = run("vectors", "check", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("identity.json: 10 passed, 1 failed, 0 skipped"), r.out());
        assertTrue(r.out().contains("FAIL identity.json keys[3] (bob): npub: expected npub1j8kdt8e6"), r.out());
        assertTrue(r.out().contains("FAIL noise_ik.json vectors[0] (even-responder) handshake: split_k1: expected d7"), r.out());
        assertTrue(r.out().contains("broken.json: 0 passed, 1 failed, 0 skipped"), r.out());
        assertTrue(r.out().contains("other.json: 0 passed, 0 failed, 1 skipped"), r.out());
    }

    @Test
    @DisplayName("vectors check: a missing or empty directory is an error naming it")
    void vectorsBadDirectory(@TempDir Path dir) {
        Run r = run("vectors", "check", dir.resolve("nope").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nope"), r.err());
        Run empty = run("vectors", "check", dir.toString());
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("no *.json files"), empty.err());
    }

    // ---------------------------------------------------------------- daemon subcommands

    @Test
    @DisplayName("cli-fipsctl.md Exit Codes: no daemon on the socket is exit 1 with one line naming the socket")
    void daemonNotRunning(@TempDir Path dir) {
        Path sock = dir.resolve("none.sock");
        Run r = run("-s", sock.toString(), "show", "status");
        assertFails(r, "no control socket at " + sock);
        assertTrue(r.err().contains("is the daemon running?"), r.err());
    }

    @Test
    @Timeout(30)
    @DisplayName("cli-fipsctl.md show: one request per subcommand, the reply's data printed as pretty JSON")
    void showPrintsPrettyData(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("c.sock");
        Map<String, Object> data = Map.of("peers", List.of(Map.of("npub", "npub1x", "is_parent", true)));
        try (Fake f = fake(sock, (command, params) -> data)) {
            Run r = run("-s", sock.toString(), "show", "peers");
            assertEquals(0, r.code(), r.err());
            assertEquals(Json.pretty(data) + "\n", r.out());
            assertTrue(r.out().contains("\n  \"peers\": [\n"), "pretty, two-space indent: " + r.out());
            assertEquals(0, run("--socket=" + sock, "show", "identity-cache").code());
            assertEquals(0, run("--socket", sock.toString(), "show", "routing").code());
            assertEquals(List.of("show_peers null", "show_identity_cache null", "show_routing null"), f.requests());
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("cli-fipsctl.md connect / disconnect: params as the control socket wants them; a hosts-file name resolves to its npub")
    void connectAndDisconnect(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("c.sock");
        String npub = Identity.generate(new java.util.Random(4)).npub();
        Path hosts = Files.writeString(dir.resolve("hosts"), "# test hosts\n\nalice   " + npub + "  # a peer\n");
        try (Fake f = fake(sock, (command, params) -> Map.of("ok", true))) {
            assertEquals(0, runWith(hosts, FipsCtl.DEFAULT_TIMEOUT, "-s", sock.toString(), "connect", "ALICE", "192.0.2.1:2121", "udp").code());
            assertEquals(0, runWith(hosts, FipsCtl.DEFAULT_TIMEOUT, "-s", sock.toString(), "disconnect", npub).code());
            assertEquals(List.of("connect {\"npub\":\"" + npub + "\",\"address\":\"192.0.2.1:2121\",\"transport\":\"udp\"}",
                    "disconnect {\"npub\":\"" + npub + "\"}"), f.requests());
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("cli-fipsctl.md Exit Codes: an error reply, bad arguments (naming the bad value) and a timeout each exit 1 with one line")
    void failures(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("c.sock");
        String s = sock.toString();
        try (Fake f = fake(sock, (command, params) -> {
            if (command.equals("disconnect")) throw new ControlError("peer not found: " + params.get("npub").str());
            if (command.equals("show_status")) Thread.sleep(2_000);
            return Map.of();
        })) {
            String npub = Identity.generate(new java.util.Random(5)).npub();
            assertFails(run("-s", s, "disconnect", npub), "peer not found: " + npub);
            assertFails(runWith(FipsCtl.DEFAULT_HOSTS_FILE, Duration.ofMillis(300), "-s", s, "show", "status"),
                    "no reply from the daemon at " + s + " within 300 ms");
            assertFails(run("-s", s, "show", "frobnicate"), "show: unknown 'frobnicate'");
            assertFails(run("-s", s, "show"), "show: expected what to show");
            assertFails(run("-s", s, "show", "status", "extra"), "unexpected argument 'extra'");
            assertFails(run("-s", s, "connect", npub, "192.0.2.1:2121"), "connect: expected <PEER> <ADDRESS> <TRANSPORT>, got 2");
            assertFails(run("-s", s, "connect", npub, "192.0.2.1:2121", "pigeon"), "unknown transport 'pigeon'");
            assertFails(run("-s", s, "connect", "npub1bogus", "192.0.2.1:2121", "udp"), "invalid npub 'npub1bogus'");
            assertFails(runWith(dir.resolve("no-hosts"), FipsCtl.DEFAULT_TIMEOUT, "-s", s, "disconnect", "bob"),
                    "unknown peer 'bob': not an npub and not a hostname in " + dir.resolve("no-hosts"));
            assertFails(run("-s", s, "disconnect"), "disconnect: expected <PEER>, got 0");
            assertFails(run("-s", s, "stats", "history", "--window", "10x", "mesh_size"), "--window must be <N>s, <N>m or <N>h, got '10x'");
            assertFails(run("-s"), "option '-s' needs a value");
            assertEquals(List.of("disconnect {\"npub\":\"" + npub + "\"}", "show_status null"), f.requests(),
                    "argument errors never reach the daemon");
        }
    }
}
