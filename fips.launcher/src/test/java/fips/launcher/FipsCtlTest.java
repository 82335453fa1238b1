package fips.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.KeyFiles;
import fips.identity.SecretKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reference/cli-fipsctl.md: the subcommands this build has, their output and exit codes. */
class FipsCtlTest {
    static final Path VECTORS = Path.of(System.getProperty("fips.vectors.dir", "../../shared/spec/vectors"));

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new FipsCtl(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8))
                .run(List.of(args));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("cli-fipsctl.md Global Options: --help, -V, --version; no command and unknown input are usage errors (exit 2)")
    void helpAndUsage() {
        Run h = run("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("keygen") && h.out().contains("vectors check"), h.out());
        assertEquals(0, run("-V").code());
        assertTrue(run("--version").out().contains("Java"));
        Run none = run();
        assertEquals(2, none.code());
        Run bad = run("frobnicate");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown command 'frobnicate'"), bad.err());
        assertEquals(2, run("--nope").code());
        assertEquals(2, run("keygen", "--dir").code(), "missing value");
        assertTrue(run("keygen", "--dir").err().contains("'--dir' needs a value"));
        assertEquals(2, run("keygen", "extra").code());
        assertEquals(2, run("vectors").code());
        assertEquals(2, run("vectors", "check").code());
        assertEquals(2, run("vectors", "check", "a", "b").code());
        assertEquals(0, run("vectors", "check", "--help").code());
        assertEquals(0, run("keygen", "--help").code());
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
}
