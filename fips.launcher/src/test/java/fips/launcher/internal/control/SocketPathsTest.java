package fips.launcher.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** reference/control-socket.md "Unix" and configuration.md node.control.socket_path: the default path's order. */
class SocketPathsTest {
    static Path resolve(Set<String> dirs, Map<String, String> env, String os) {
        return SocketPaths.defaultPath(env, os, p -> dirs.contains(p.toString()));
    }

    @Test
    @DisplayName("control-socket.md Unix: /run/fips, then /var/run/fips on macOS/FreeBSD, then $XDG_RUNTIME_DIR/fips, then /tmp")
    void order() {
        Map<String, String> xdg = Map.of("XDG_RUNTIME_DIR", "/run/user/1000");
        assertEquals(Path.of("/run/fips/control.sock"), resolve(Set.of("/run/fips", "/var/run/fips"), xdg, "Linux"));
        assertEquals(Path.of("/run/user/1000/fips/control.sock"), resolve(Set.of("/var/run/fips"), xdg, "Linux"));
        assertEquals(Path.of("/var/run/fips/control.sock"), resolve(Set.of("/var/run/fips"), xdg, "Mac OS X"));
        assertEquals(Path.of("/var/run/fips/control.sock"), resolve(Set.of("/var/run/fips"), xdg, "FreeBSD"));
        assertEquals(Path.of("/run/user/1000/fips/control.sock"), resolve(Set.of(), xdg, "Mac OS X"));
        assertEquals(Path.of("/tmp/fips-control.sock"), resolve(Set.of(), Map.of(), "Linux"));
        assertEquals(Path.of("/tmp/fips-control.sock"), resolve(Set.of(), Map.of("XDG_RUNTIME_DIR", ""), "Linux"));
    }

    @Test
    @DisplayName("configuration.md node.control.socket_path: a configured path wins; canonical directories are recognised")
    void configuredAndCanonical() {
        assertEquals(Path.of("/srv/x.sock"), SocketPaths.resolve("/srv/x.sock"));
        assertEquals(SocketPaths.defaultPath(), SocketPaths.resolve(null));
        assertEquals(SocketPaths.defaultPath(), SocketPaths.resolve("  "));
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", "/run/user/7");
        assertTrue(SocketPaths.isCanonicalDir(Path.of("/run/fips"), env));
        assertTrue(SocketPaths.isCanonicalDir(Path.of("/var/run/fips/"), env));
        assertTrue(SocketPaths.isCanonicalDir(Path.of("/run/user/7/fips"), env));
        assertFalse(SocketPaths.isCanonicalDir(Path.of("/run/user/7"), env));
        assertFalse(SocketPaths.isCanonicalDir(Path.of("/tmp"), env));
    }
}
