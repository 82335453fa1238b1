package fips.launcher.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reference/cli-fips.md "Files": the search path, merged low to high; key files beside the last file read. */
class ConfigSourcesTest {
    @Test
    @DisplayName("search path order: system, user config dir, legacy ~/.fips.yaml, ./fips.yaml")
    void searchPaths() {
        Path home = Path.of("/home/u");
        Path cwd = Path.of("/srv/node");
        assertEquals(List.of(Path.of("/etc/fips/fips.yaml"), Path.of("/home/u/.config/fips/fips.yaml"),
                        Path.of("/home/u/.fips.yaml"), Path.of("/srv/node/fips.yaml")),
                ConfigSources.searchPaths(Map.of(), "Linux", home, cwd));
        assertEquals(List.of(Path.of("/usr/local/etc/fips/fips.yaml"), Path.of("/x/fips/fips.yaml"),
                        Path.of("/home/u/.fips.yaml"), Path.of("/srv/node/fips.yaml")),
                ConfigSources.searchPaths(Map.of("XDG_CONFIG_HOME", "/x"), "Mac OS X", home, cwd));
        assertEquals(List.of(Path.of("/etc/fips/fips.yaml"), Path.of("/srv/node/fips.yaml")),
                ConfigSources.searchPaths(Map.of(), "Linux", null, cwd));
    }

    @Test
    @DisplayName("present files merge, later ones winning key by key; lists are replaced whole; keys follow the last file")
    void mergeLowToHigh(@TempDir Path dir) throws Exception {
        Path sys = Files.createDirectories(dir.resolve("etc")).resolve("fips.yaml");
        Path local = Files.createDirectories(dir.resolve("srv")).resolve("fips.yaml");
        Files.writeString(sys, """
                node:
                  heartbeat_interval_secs: 5
                  rekey: { enabled: false, after_secs: 60 }
                peers: [a, b]
                """);
        Files.writeString(local, """
                node:
                  rekey: { after_secs: 90 }
                peers: [c]
                """);
        ConfigSources.Loaded l = ConfigSources.loadSearchPath(List.of(sys, dir.resolve("absent.yaml"), local));
        assertEquals(List.of(sys, local), l.files());
        assertEquals(local.getParent(), l.keyDir());
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) l.tree().get("node");
        assertEquals(5, node.get("heartbeat_interval_secs"));
        assertEquals(Map.of("enabled", false, "after_secs", 90), node.get("rekey"));
        assertEquals(List.of("c"), l.tree().get("peers"));
        assertTrue(l.describe().startsWith("merged configuration"));
    }

    @Test
    @DisplayName("nothing found: empty tree, no key directory")
    void nothingFound(@TempDir Path dir) throws Exception {
        ConfigSources.Loaded l = ConfigSources.loadSearchPath(List.of(dir.resolve("a.yaml")));
        assertTrue(l.files().isEmpty());
        assertTrue(l.tree().isEmpty());
        assertNull(l.keyDir());
    }

    @Test
    @DisplayName("-c FILE: that file alone, key directory its directory")
    void explicit(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, "node: {}\n");
        ConfigSources.Loaded l = ConfigSources.loadExplicit(f);
        assertEquals(dir.toAbsolutePath().normalize(), l.keyDir());
        assertEquals(f.toAbsolutePath().normalize().toString(), l.describe());
    }

    @Test
    @DisplayName("an empty section in a higher file (keys all commented out) keeps the lower file's mapping")
    void emptySectionKeepsLower(@TempDir Path dir) throws Exception {
        Path low = dir.resolve("low.yaml");
        Path high = dir.resolve("high.yaml");
        Files.writeString(low, "node:\n  identity:\n    persistent: true\n");
        Files.writeString(high, "node:\n  identity:\n    # persistent: false\ntun:\n  enabled: true\n");
        ConfigSources.Loaded l = ConfigSources.loadSearchPath(List.of(low, high));
        FipsConfig c = ConfigMapper.map(l.tree(), java.util.Set.of("udp"), "Linux");
        assertTrue(c.identity().persistent());
        assertTrue(c.tun().enabled());
        assertNull(ConfigSources.merge(Map.of("a", 1), java.util.Collections.singletonMap("a", null)).get("a"),
                "a null over a scalar replaces it");
    }

    @Test
    @DisplayName("./fips.yaml that is the system file (daemon started in /etc/fips) is read once")
    void samePathOnce(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fips.yaml");
        Files.writeString(f, "tun: { enabled: true }\n");
        ConfigSources.Loaded l = ConfigSources.loadSearchPath(List.of(f, dir.resolve(".").resolve("fips.yaml")));
        assertEquals(List.of(f.toAbsolutePath().normalize()), l.files());
        assertEquals(f.toAbsolutePath().normalize().toString(), l.describe());
    }
}
