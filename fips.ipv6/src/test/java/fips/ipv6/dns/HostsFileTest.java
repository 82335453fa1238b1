package fips.ipv6.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.PublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hosts file parsing (INTEROP.md 9.6 "Hosts file") and the merge over peer aliases. */
class HostsFileTest {
    static final String NPUB = "npub1qmc3cvfz0yu2hx96nq3gp55zdan2qclealn7xshgr448d3nh6lks7zel98";
    static final String NPUB2 = "npub10yffd020a4ag8zcy75f9pruq3rnghvvhd5hphl9s62zgp35s560qrksp9u";

    static Path packagedHosts() {
        return Path.of(System.getProperty("fips.vectors.dir")).resolveSibling("packaging").resolve("hosts");
    }

    @Test
    @DisplayName("INTEROP.md 9.6: the packaged /etc/fips/hosts parses to its 8 entries with no problems")
    void packagedFile() throws Exception {
        String text = Files.readString(packagedHosts());
        HostsFile.Parsed p = HostsFile.parse(text);
        assertEquals(List.of(), p.problems());
        assertEquals(List.of("test-us01", "test-us02", "test-us03", "test-us03-next", "test-us04", "test-de01",
                "test-es01", "test-uk01"), List.copyOf(p.entries().keySet()));
        // Each entry is the key of the npub on its line.
        long checked = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .peek(l -> {
                    String[] f = l.split("\\s+");
                    assertEquals(PublicKey.fromNpub(f[1]), p.entries().get(f[0]));
                }).count();
        assertEquals(8, checked);
    }

    @Test
    @DisplayName("INTEROP.md 9.6: trimming, comments, blank lines, tabs, lower-casing, last duplicate wins")
    void acceptedForms() {
        String text = "# comment\n\n   \n  Gateway \t " + NPUB + "   \r\n#gateway " + NPUB2 + "\nbox-1 " + NPUB2
                + "\nBOX-1 " + NPUB + "\n" + "a".repeat(63) + " " + NPUB + "\n9 " + NPUB + "\n";
        HostsFile.Parsed p = HostsFile.parse(text);
        assertEquals(List.of(), p.problems());
        assertEquals(PublicKey.fromNpub(NPUB), p.entries().get("gateway"));
        assertEquals(PublicKey.fromNpub(NPUB), p.entries().get("box-1"));
        assertEquals(PublicKey.fromNpub(NPUB), p.entries().get("a".repeat(63)));
        assertEquals(PublicKey.fromNpub(NPUB), p.entries().get("9"));
        assertEquals(4, p.entries().size());
    }

    @Test
    @DisplayName("INTEROP.md 9.6: every rejection rule skips the line and reports its number and reason")
    void rejections() {
        String[] lines = {
            "lonely",                                   // 1: one field
            "a b " + NPUB,                              // 2: three fields
            "host " + NPUB + " # trailing comment",     // 3: four fields
            "a".repeat(64) + " " + NPUB,                // 4: 64 characters
            "under_score " + NPUB,                      // 5: bad character
            "dot.ted " + NPUB,                          // 6: bad character
            "-lead " + NPUB,                            // 7: leading hyphen
            "trail- " + NPUB,                           // 8: trailing hyphen
            "npub1abc " + NPUB,                         // 9: starts with npub1
            "NPUB1abc " + NPUB,                         // 10: starts with npub1, any case
            "host " + NPUB.substring(0, NPUB.length() - 1) + "q", // 11: bad checksum
            "host nsec1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsxfnffq", // 12: not an npub
            "ok " + NPUB,                               // 13: fine
            "caf\u00e9 " + NPUB,                        // 14: non-ASCII
        };
        HostsFile.Parsed p = HostsFile.parse(String.join("\n", lines));
        assertEquals(Map.of("ok", PublicKey.fromNpub(NPUB)), p.entries());
        List<Integer> numbers = p.problems().stream().map(HostsFile.Problem::lineNumber).toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14), numbers);
        String[] expect = {"2 fields", "2 fields", "2 fields", "1..63", "outside", "outside", "start or end",
            "start or end", "npub1", "npub1", "invalid npub", "invalid npub", "outside"};
        for (int i = 0; i < expect.length; i++) {
            assertTrue(p.problems().get(i).reason().contains(expect[i]), p.problems().get(i).toString());
        }
        assertTrue(p.problems().get(0).toString().startsWith("line 1: "));
    }

    @Test
    @DisplayName("INTEROP.md 9.6: hostname rules on their own")
    void hostnameRules() {
        assertNull(HostsFile.checkHostname("a"));
        assertNull(HostsFile.checkHostname("a-b-c"));
        assertNull(HostsFile.checkHostname("npub"));
        assertNull(HostsFile.checkHostname("xnpub1"));
        assertTrue(HostsFile.checkHostname("").contains("1..63"));
        assertTrue(HostsFile.checkHostname("-").contains("start or end"));
        assertTrue(HostsFile.checkHostname("Npub1").contains("npub1"));
    }

    @Test
    @DisplayName("INTEROP.md 9.6: hosts-file entries win over peer aliases; aliases are case-insensitive")
    void mergeOverAliases() {
        PublicKey k1 = PublicKey.fromNpub(NPUB);
        PublicKey k2 = PublicKey.fromNpub(NPUB2);
        HostMap m = HostMap.merge(Map.of("Gateway", k1, "alias-only", k1), Map.of("gateway", k2));
        assertEquals(k2, m.get("gateway"));
        assertEquals(k2, m.get("GATEWAY"));
        assertEquals(k1, m.get("Alias-Only"));
        assertNull(m.get("other"));
        assertEquals(2, m.size());
    }
}
