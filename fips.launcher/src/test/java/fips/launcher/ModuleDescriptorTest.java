package fips.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md "Modules" and STYLE.md rule 5: every module of the runtime
 * image is a named (not automatic) module, no package is split between two
 * modules, and each FIPS module exports exactly its API packages. This is what
 * keeps the jlink image building.
 */
class ModuleDescriptorTest {
    /** The exported API of each module; everything else stays internal. */
    static final Map<String, Set<String>> EXPECTED_EXPORTS = Map.ofEntries(
            Map.entry("fips.json", Set.of("fips.json")),
            Map.entry("fips.identity", Set.of("fips.identity")),
            Map.entry("fips.noise", Set.of("fips.noise")),
            Map.entry("fips.link", Set.of("fips.link.spi")),
            Map.entry("fips.fmp", Set.of("fips.fmp.wire", "fips.fmp.bloom", "fips.fmp.link", "fips.fmp.tree",
                    "fips.fmp.lookup", "fips.fmp.route", "fips.fmp.mesh")),
            Map.entry("fips.fsp", Set.of("fips.fsp.wire", "fips.fsp.session")),
            Map.entry("fips.ipv6", Set.of("fips.ipv6.shim", "fips.ipv6.adapter", "fips.ipv6.dns", "fips.ipv6.packet")),
            Map.entry("fips.sys", Set.of("fips.sys")),
            Map.entry("fips.transport.udp", Set.of()),
            Map.entry("fips.transport.tcp", Set.of()),
            Map.entry("fips.launcher", Set.of()));

    static Configuration image;

    @BeforeAll
    static void resolveImage() {
        String mp = System.getProperty("jdk.module.path");
        assertNotNull(mp, "tests must run on the module path (jdk.module.path unset)");
        Path[] entries = Arrays.stream(mp.split(java.io.File.pathSeparator)).map(Path::of).toArray(Path[]::new);
        // Resolve what `jlink --add-modules fips.launcher --bind-services` would put in the image:
        // transports arrive through service binding (fips.link uses TransportProvider).
        image = Configuration.resolveAndBind(ModuleFinder.of(entries), java.util.List.of(Configuration.empty()),
                ModuleFinder.ofSystem(), Set.of("fips.launcher"));
    }

    @Test
    @DisplayName("ARCHITECTURE.md Modules: the image holds only named modules (no automatic modules)")
    void noAutomaticModules() {
        Set<String> automatic = image.modules().stream().map(ResolvedModule::reference)
                .filter(r -> r.descriptor().isAutomatic()).map(r -> r.descriptor().name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(automatic.isEmpty(), "automatic modules would break jlink: " + automatic);
    }

    @Test
    @DisplayName("STYLE.md rule 5: no package is split between modules")
    void noSplitPackages() {
        Map<String, String> owner = new HashMap<>();
        Map<String, String> splits = new TreeMap<>();
        for (ResolvedModule m : image.modules()) {
            for (String p : m.reference().descriptor().packages()) {
                String prev = owner.putIfAbsent(p, m.name());
                if (prev != null) splits.put(p, prev + " and " + m.name());
            }
        }
        assertTrue(splits.isEmpty(), "split packages: " + splits);
    }

    @Test
    @DisplayName("ARCHITECTURE.md Modules: each FIPS module exports exactly its API packages, unqualified")
    void expectedExports() {
        for (var e : EXPECTED_EXPORTS.entrySet()) {
            ModuleDescriptor d = image.findModule(e.getKey()).orElseThrow(
                    () -> new AssertionError("module " + e.getKey() + " is not part of the image")).reference().descriptor();
            Set<String> unqualified = d.exports().stream().filter(x -> !x.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(e.getValue()), unqualified, "exports of " + e.getKey());
            for (String p : unqualified) {
                assertFalse(p.contains(".internal"), e.getKey() + " exports an internal package " + p);
            }
        }
    }

    @Test
    @DisplayName("ARCHITECTURE.md Modules: every fips.* module in the image is one the table knows")
    void noUnknownFipsModules() {
        Set<String> fips = image.modules().stream().map(ResolvedModule::name).filter(n -> n.startsWith("fips."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPECTED_EXPORTS.keySet()), fips);
    }

    @Test
    @DisplayName("ARCHITECTURE.md Modules: fips.link uses TransportProvider and the UDP and TCP transports provide it")
    void transportServices() {
        ModuleDescriptor link = image.findModule("fips.link").orElseThrow().reference().descriptor();
        assertTrue(link.uses().contains("fips.link.spi.TransportProvider"), "uses of fips.link: " + link.uses());
        for (String transport : Set.of("fips.transport.udp", "fips.transport.tcp")) {
            ModuleDescriptor t = image.findModule(transport).orElseThrow().reference().descriptor();
            assertTrue(t.provides().stream().anyMatch(p -> p.service().equals("fips.link.spi.TransportProvider")),
                    "provides of " + transport + ": " + t.provides());
        }
        ModuleDescriptor launcher = image.findModule("fips.launcher").orElseThrow().reference().descriptor();
        assertFalse(launcher.requires().stream().anyMatch(r -> r.name().startsWith("fips.transport.")),
                "transports are found by ServiceLoader, not required by the launcher");
    }
}
