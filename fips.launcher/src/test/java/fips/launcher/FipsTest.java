package fips.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.TransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reference/cli-fips.md: the flags, and one clear stderr line with exit status 1 for a configuration that cannot run. */
class FipsTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(Map<String, String> env, String... args) {
        Fips f = new Fips(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, Map::<String, TransportProvider>of, t -> {
                    throw new AssertionError("no test here gets as far as a running node");
                });
        return f.run(List.of(args));
    }

    int run(String... args) {
        return run(Map.of(), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("log lines write ::1 and :: as operators do, other addresses as the JDK prints them")
    void hostText() {
        assertEquals("::1", Fips.hostText(java.net.InetAddress.ofLiteral("::1")));
        assertEquals("::", Fips.hostText(java.net.InetAddress.ofLiteral("::")));
        assertEquals("127.0.0.1", Fips.hostText(java.net.InetAddress.ofLiteral("127.0.0.1")));
        assertEquals("fd00:0:0:0:0:0:0:1", Fips.hostText(java.net.InetAddress.ofLiteral("fd00::1")));
    }

    @Test
    @DisplayName("-h/--help, -V and --version print and exit 0")
    void helpAndVersion() {
        assertEquals(Fips.OK, run("--help"));
        assertTrue(out().startsWith("Usage: fips [-c FILE]"), out());
        assertTrue(out().contains("-c, --config <FILE>"));
        out.reset();
        assertEquals(Fips.OK, run("-h"));
        assertTrue(out().startsWith("Usage: fips"));
        out.reset();
        assertEquals(Fips.OK, run("-V"));
        assertEquals("fips " + Version.VERSION + "\n", out());
        out.reset();
        assertEquals(Fips.OK, run("--version"));
        assertTrue(out().startsWith("fips " + Version.VERSION + " ("), out());
    }

    @Test
    @DisplayName("usage errors exit 2")
    void usageErrors() {
        assertEquals(Fips.USAGE, run("--bogus"));
        assertTrue(err().startsWith("error: unknown option '--bogus'\n"), err());
        err.reset();
        assertEquals(Fips.USAGE, run("-c"));
        assertTrue(err().startsWith("error: option '-c' needs a value"), err());
        err.reset();
        assertEquals(Fips.USAGE, run("fips.yaml"));
        assertTrue(err().startsWith("error: unexpected argument 'fips.yaml'"), err());
    }

    @Test
    @DisplayName("a configuration error is one stderr line naming the file and key path, exit 1")
    void configErrorOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, "node:\n  rekey:\n    afer_secs: 5\n");
        assertEquals(Fips.FAILED, run("-c", f.toString()));
        assertEquals("error: " + f + ": node.rekey.afer_secs: unknown key\n", err());
        assertEquals("", out());
        err.reset();
        assertEquals(Fips.FAILED, run("--config=" + dir.resolve("absent.yaml")));
        assertEquals("error: " + dir.resolve("absent.yaml") + ": no such file\n", err());
    }

    @Test
    @DisplayName("a transport type this build has no provider for is refused by name")
    void transportWithoutProvider(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, "transports:\n  udp: { bind_addr: \"127.0.0.1:2121\" }\n");
        assertEquals(Fips.FAILED, run("-c", f.toString()));
        assertTrue(err().startsWith("error: " + f + ": transports.udp: not supported yet by this build"), err());
    }

    @Test
    @DisplayName("FIPS_LOG must name a level")
    void badFipsLog(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, "node: {}\ntransports:\n  mem: {}\n");
        Fips fips = new Fips(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("FIPS_LOG", "loud"), () -> Map.of("mem", new TransportProvider() {
                    @Override
                    public String type() {
                        return "mem";
                    }

                    @Override
                    public fips.link.spi.Transport open(String name, String keyPath, Map<String, Object> settings) {
                        throw new AssertionError("not reached");
                    }
                }), t -> {
                    throw new AssertionError();
                });
        assertEquals(Fips.FAILED, fips.run(List.of("-c", f.toString())));
        assertEquals("error: FIPS_LOG: expected one of error, warn, info, debug, trace, got \"loud\"\n", err());
    }
}
