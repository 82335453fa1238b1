package fips.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fips.key / fips.pub handling (INTEROP.md 1.3, plus the stricter world-readable refusal). */
class KeyFilesTest {
    // "upstream-test-hex" and "bob" in vectors/identity.json
    private static final String HEX = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
    private static final String NSEC = "nsec1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7rusqpqcc2y";
    private static final String NPUB = "npub1sjlh2c3x9w7kjsqg2ay080n2lff2uvt325vpan33ke34rn8l5jcqawh57m";
    private static final String BOB_HEX = "13c7356daaa49970b9f514c005a486cad49e0e3221f67980905ea642669348fd";

    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    private Path keyFileWith(String content, String perms) throws IOException {
        Path key = KeyFiles.keyPath(dir);
        Files.writeString(key, content, StandardCharsets.UTF_8);
        chmod(key, perms);
        return key;
    }

    @Test
    @DisplayName("INTEROP.md 1.3: fips.key and fips.pub live in the given directory")
    void paths() {
        assertEquals(dir.resolve("fips.key"), KeyFiles.keyPath(dir));
        assertEquals(dir.resolve("fips.pub"), KeyFiles.pubPath(dir));
    }

    @Test
    @DisplayName("INTEROP.md 1.3: write then read round trip; nsec line 0600, npub line 0644")
    void writeReadRoundTrip() throws IOException {
        SecretKey sk = SecretKey.parse(HEX);
        KeyFiles.write(dir, sk, false);
        Path key = KeyFiles.keyPath(dir);
        Path pub = KeyFiles.pubPath(dir);
        assertEquals(NSEC + "\n", Files.readString(key));
        assertEquals(NPUB + "\n", Files.readString(pub));
        assertEquals("rw-------", mode(key));
        assertEquals("rw-r--r--", mode(pub));

        List<String> warnings = new ArrayList<>();
        SecretKey read = KeyFiles.readSecret(key, warnings);
        assertArrayEquals(sk.bytes(), read.bytes());
        assertEquals(List.of(), warnings);
        assertArrayEquals(sk.bytes(), KeyFiles.readSecret(key).bytes());
    }

    @Test
    @DisplayName("INTEROP.md 1.3: write creates a missing directory")
    void writeCreatesDirectory() throws IOException {
        Path sub = dir.resolve("a/b");
        KeyFiles.write(sub, SecretKey.parse(HEX), false);
        assertEquals(NSEC + "\n", Files.readString(KeyFiles.keyPath(sub)));
    }

    @Test
    @DisplayName("INTEROP.md 1.3: an existing fips.key is not overwritten without --force")
    void refuseOverwrite() throws IOException {
        KeyFiles.write(dir, SecretKey.parse(HEX), false);
        Path key = KeyFiles.keyPath(dir);
        KeyFileException e = assertThrows(KeyFileException.class,
                () -> KeyFiles.write(dir, SecretKey.parse(BOB_HEX), false));
        assertEquals("key file " + key + " already exists; refusing to overwrite it (use --force to replace it)",
                e.getMessage());
        assertEquals(NSEC + "\n", Files.readString(key), "the existing key is untouched");
        assertEquals(NPUB + "\n", Files.readString(KeyFiles.pubPath(dir)));

        KeyFiles.write(dir, SecretKey.parse(BOB_HEX), true);
        assertEquals(BOB_HEX, Hex.encode(KeyFiles.readSecret(key).bytes()));
        assertEquals(SecretKey.parse(BOB_HEX).publicKey().npub() + "\n", Files.readString(KeyFiles.pubPath(dir)));
    }

    @Test
    @DisplayName("INTEROP.md 1.3: overwriting forces 0600 on a looser existing key file")
    void overwriteTightensMode() throws IOException {
        Path key = keyFileWith("old content that is longer than an nsec line, to check truncation ....................\n",
                "rw-rw-rw-");
        KeyFiles.write(dir, SecretKey.parse(HEX), true);
        assertEquals("rw-------", mode(key));
        assertEquals(NSEC + "\n", Files.readString(key));
    }

    @Test
    @DisplayName("INTEROP.md 1.3: fips.pub gets 0644 at creation only; an existing one keeps its mode")
    void pubModeNotReforced() throws IOException {
        Path pub = KeyFiles.pubPath(dir);
        Files.writeString(pub, "stale\n");
        chmod(pub, "rw-r-----");
        KeyFiles.write(dir, SecretKey.parse(HEX), false);
        assertEquals("rw-r-----", mode(pub));
        assertEquals(NPUB + "\n", Files.readString(pub));
    }

    @Test
    @DisplayName("Product rule (stricter than INTEROP.md 1.3): a world-readable key file is refused")
    void worldReadableRefused() throws IOException {
        KeyFiles.write(dir, SecretKey.parse(HEX), false);
        Path key = KeyFiles.keyPath(dir);
        chmod(key, "rw-r--r--");
        KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.readSecret(key));
        assertInstanceOf(IllegalStateException.class, e);
        assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0644"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600 " + key), e.getMessage());
        assertFalse(e.getMessage().contains(NSEC), e.getMessage());
    }

    @Test
    @DisplayName("Product rule: a key file writable by others is refused too")
    void worldWritableRefused() throws IOException {
        Path key = keyFileWith(NSEC + "\n", "rw-----w-");
        KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.readSecret(key));
        assertEquals("key file " + key + " has mode 0602, so other users can read or write it; refusing to load it."
                + " Fix: chmod 600 " + key, e.getMessage());
    }

    @Test
    @DisplayName("INTEROP.md 1.3: group bits on the key file only produce a warning")
    void groupBitsWarn() throws IOException {
        Path key = keyFileWith(NSEC + "\n", "rw-r-----");
        List<String> warnings = new ArrayList<>();
        assertEquals(HEX, Hex.encode(KeyFiles.readSecret(key, warnings).bytes()));
        assertEquals(List.of("key file " + key + " has mode 0640, wider than 0600; consider chmod 600 " + key),
                warnings);
    }

    @Test
    @DisplayName("INTEROP.md 1.3: a symlink at fips.key is refused when reading")
    void symlinkRefusedOnRead() throws IOException {
        Path real = dir.resolve("real.key");
        Files.writeString(real, NSEC + "\n");
        chmod(real, "rw-------");
        Path key = KeyFiles.keyPath(dir);
        Files.createSymbolicLink(key, real);
        KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.readSecret(key));
        assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        // The target itself is fine.
        assertEquals(HEX, Hex.encode(KeyFiles.readSecret(real).bytes()));
    }

    @Test
    @DisplayName("INTEROP.md 1.3: a symlink at fips.key or fips.pub is refused when writing, even with overwrite")
    void symlinkRefusedOnWrite() throws IOException {
        Path target = dir.resolve("target");
        Files.writeString(target, "untouched\n");
        Path key = KeyFiles.keyPath(dir);
        Files.createSymbolicLink(key, target);
        KeyFileException e = assertThrows(KeyFileException.class,
                () -> KeyFiles.write(dir, SecretKey.parse(HEX), true));
        assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals("untouched\n", Files.readString(target));

        Files.delete(key);
        Path pub = KeyFiles.pubPath(dir);
        Files.createSymbolicLink(pub, target);
        KeyFileException e2 = assertThrows(KeyFileException.class,
                () -> KeyFiles.write(dir, SecretKey.parse(HEX), true));
        assertTrue(e2.getMessage().contains(pub.toString()), e2.getMessage());
        assertEquals("untouched\n", Files.readString(target));
        // A dangling symlink is refused as well.
        Files.delete(pub);
        Files.createSymbolicLink(key, dir.resolve("does-not-exist"));
        assertThrows(KeyFileException.class, () -> KeyFiles.write(dir, SecretKey.parse(HEX), true));
        assertFalse(Files.exists(dir.resolve("does-not-exist")));
    }

    @Test
    @DisplayName("INTEROP.md 1.3: an empty (or whitespace-only) key file is an error")
    void emptyFile() throws IOException {
        for (String content : new String[] {"", " \n\t\r\n"}) {
            Path key = keyFileWith(content, "rw-------");
            KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.readSecret(key));
            assertEquals("key file " + key + " is empty; expected an nsec1... line (generate one with fipsctl keygen)",
                    e.getMessage());
        }
    }

    @Test
    @DisplayName("INTEROP.md 1.3: a key file may hold 64 hex digits instead of an nsec")
    void hexKeyFile() throws IOException {
        Path key = keyFileWith(HEX + "\n", "rw-------");
        assertEquals(NSEC, KeyFiles.readSecret(key).nsec());
        Path upper = keyFileWith(HEX.toUpperCase(), "rw-------");
        assertEquals(NSEC, KeyFiles.readSecret(upper).nsec());
    }

    @Test
    @DisplayName("INTEROP.md 1.3: surrounding whitespace and the trailing newline are trimmed")
    void whitespaceTrimmed() throws IOException {
        Path key = keyFileWith("  \t" + NSEC + " \r\n\n", "rw-------");
        assertEquals(HEX, Hex.encode(KeyFiles.readSecret(key).bytes()));
        Path key2 = keyFileWith("\n" + HEX + "   ", "rw-------");
        assertEquals(HEX, Hex.encode(KeyFiles.readSecret(key2).bytes()));
    }

    @Test
    @DisplayName("INTEROP.md 1.3: invalid content is an error naming the file, without echoing the key")
    void invalidContent() throws IOException {
        Path key = keyFileWith(HEX.substring(1) + "\n", "rw-------");
        KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.readSecret(key));
        assertTrue(e.getMessage().startsWith("key file " + key + " does not hold a valid secret key: "), e.getMessage());
        assertInstanceOf(KeyFormatException.class, e.getCause());

        String badNsec = NSEC.substring(0, NSEC.length() - 1) + (NSEC.endsWith("q") ? "p" : "q");
        Path key2 = keyFileWith(badNsec, "rw-------");
        KeyFileException e2 = assertThrows(KeyFileException.class, () -> KeyFiles.readSecret(key2));
        assertTrue(e2.getMessage().contains("bad checksum"), e2.getMessage());
        assertFalse(e2.getMessage().contains(badNsec), e2.getMessage());

        Path key3 = keyFileWith("nsec1" + "q".repeat(5000), "rw-------");
        KeyFileException e3 = assertThrows(KeyFileException.class, () -> KeyFiles.readSecret(key3));
        assertEquals("key file " + key3 + " is larger than 4096 bytes; it is not a key file", e3.getMessage());
    }

    @Test
    @DisplayName("INTEROP.md 1.3: I/O errors name the path and the operating-system error")
    void ioErrors() throws IOException {
        Path missing = dir.resolve("nope/fips.key");
        KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.readSecret(missing));
        assertEquals("cannot read key file " + missing + ": no such file or directory", e.getMessage());

        KeyFileException e2 = assertThrows(KeyFileException.class, () -> KeyFiles.readSecret(dir));
        assertEquals("key file " + dir + " is not a regular file", e2.getMessage());

        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        KeyFileException e3 = assertThrows(KeyFileException.class,
                () -> KeyFiles.write(notADir, SecretKey.parse(HEX), false));
        assertEquals("cannot create key directory " + notADir + ": file exists", e3.getMessage());
    }
}
