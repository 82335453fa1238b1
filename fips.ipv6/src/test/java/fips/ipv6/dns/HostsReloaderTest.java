package fips.ipv6.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.PublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading the hosts file on mtime change and removal (INTEROP.md 9.6 "Reload"). */
class HostsReloaderTest {
    static final String NPUB = HostsFileTest.NPUB;
    static final String NPUB2 = HostsFileTest.NPUB2;
    static final PublicKey K1 = PublicKey.fromNpub(NPUB);
    static final PublicKey K2 = PublicKey.fromNpub(NPUB2);

    @TempDir
    Path dir;

    final List<HostsFile.Problem> logged = new ArrayList<>();

    static void write(Path f, String text, long mtimeMs) throws Exception {
        Files.writeString(f, text);
        Files.setLastModifiedTime(f, FileTime.fromMillis(mtimeMs));
    }

    @Test
    @DisplayName("INTEROP.md 9.6: reloaded when the mtime changes, not when it does not")
    void reloadOnMtime() throws Exception {
        Path f = dir.resolve("hosts");
        write(f, "alpha " + NPUB + "\n", 1_000_000);
        HostsReloader r = new HostsReloader(f, Map.of(), logged::add);
        assertNull(r.current().get("alpha"), "nothing read before the first check");
        assertTrue(r.check());
        assertEquals(K1, r.current().get("alpha"));
        assertFalse(r.check());
        assertFalse(r.check());
        // Same size, same text length, different key: only the mtime tells.
        write(f, "alpha " + NPUB2 + "\n", 2_000_000);
        assertTrue(r.check());
        assertEquals(K2, r.current().get("alpha"));
        assertFalse(r.check());
        assertEquals(2, r.reloads());
    }

    @Test
    @DisplayName("INTEROP.md 9.6: a removed file leaves the peer aliases; re-created, it is read again")
    void removal() throws Exception {
        Path f = dir.resolve("hosts");
        write(f, "alpha " + NPUB + "\ngw " + NPUB + "\n", 1_000_000);
        HostsReloader r = new HostsReloader(f, Map.of("gw", K2, "peer", K2), logged::add);
        assertTrue(r.check());
        assertEquals(K1, r.current().get("gw"), "file wins over the alias");
        Files.delete(f);
        assertTrue(r.check());
        assertNull(r.current().get("alpha"));
        assertEquals(K2, r.current().get("gw"));
        assertEquals(K2, r.current().get("peer"));
        assertFalse(r.check(), "still absent: no reload");
        write(f, "beta " + NPUB + "\n", 3_000_000);
        assertTrue(r.check());
        assertEquals(K1, r.current().get("beta"));
    }

    @Test
    @DisplayName("an absent file from the start: aliases only, one load")
    void absentFromStart() {
        HostsReloader r = new HostsReloader(dir.resolve("nope"), Map.of("Peer", K1), logged::add);
        assertTrue(r.check());
        assertFalse(r.check());
        assertEquals(K1, r.current().get("peer"));
        assertEquals(1, r.reloads());
    }

    @Test
    @DisplayName("INTEROP.md 9.6: bad lines are reported once per load, with line numbers")
    void problemsOncePerLoad() throws Exception {
        Path f = dir.resolve("hosts");
        write(f, "# roster\nbad_name " + NPUB + "\ngood " + NPUB + "\nlonely\n", 1_000_000);
        HostsReloader r = new HostsReloader(f, Map.of(), logged::add);
        r.check();
        r.check();
        r.check();
        assertEquals(List.of(2, 4), logged.stream().map(HostsFile.Problem::lineNumber).toList());
        assertEquals(logged, r.lastProblems());
        assertEquals(K1, r.current().get("good"));
        write(f, "good " + NPUB + "\n", 2_000_000);
        r.check();
        assertEquals(2, logged.size());
        assertEquals(List.of(), r.lastProblems());
    }

    @Test
    @DisplayName("a path that cannot be read as a file is reported and the previous map kept")
    void unreadable() throws Exception {
        Path f = dir.resolve("hosts");
        write(f, "alpha " + NPUB + "\n", 1_000_000);
        HostsReloader r = new HostsReloader(f, Map.of(), logged::add);
        r.check();
        Files.delete(f);
        Files.createDirectory(f); // exists, but reading it fails
        assertTrue(r.check());
        assertEquals(1, logged.size());
        assertEquals(0, logged.get(0).lineNumber());
        assertTrue(logged.get(0).reason().contains("cannot read"), logged.get(0).reason());
        assertEquals(K1, r.current().get("alpha"), "previous map kept");
    }
}
