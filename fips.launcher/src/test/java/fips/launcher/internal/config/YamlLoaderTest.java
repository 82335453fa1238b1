package fips.launcher.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SnakeYAML behind SafeConstructor and LoaderOptions limits: plain nodes only, one-line errors. */
class YamlLoaderTest {
    static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> YamlLoader.parse(yaml, "f.yaml")).getMessage();
    }

    @Test
    @DisplayName("plain nodes: ordered maps, lists, strings, integers, doubles, booleans, null")
    void plainNodes() throws Exception {
        Map<String, Object> m = YamlLoader.parse("b: 1\na: [x, 2.5, true, null]\nc: {d: e}\n", "f.yaml");
        assertEquals(List.of("b", "a", "c"), List.copyOf(m.keySet()));
        assertEquals(1, m.get("b"));
        assertEquals(java.util.Arrays.asList("x", 2.5, true, null), m.get("a"));
        assertEquals(Map.of("d", "e"), m.get("c"));
    }

    @Test
    @DisplayName("a syntax error is one line with file, line and column")
    void syntaxError() {
        String msg = error("node:\n  identity: [\n");
        assertTrue(msg.startsWith("f.yaml: line 3, column 1: "), msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    @DisplayName("duplicate keys are refused")
    void duplicateKeys() {
        String msg = error("node: {}\nnode: {}\n");
        assertTrue(msg.startsWith("f.yaml: line 2, column 1: found duplicate key node"), msg);
    }

    @Test
    @DisplayName("no tag can name a Java type")
    void noArbitraryTypes() {
        String msg = error("x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n");
        assertTrue(msg.startsWith("f.yaml: line 1"), msg);
    }

    @Test
    @DisplayName("alias expansion is bounded (no billion laughs)")
    void aliasBomb() {
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) y.append(i == 0 ? "" : ", ").append('*').append(prev);
            y.append("]\n");
            prev = c;
        }
        String msg = error(y.toString());
        assertTrue(msg.contains("aliases"), msg);
    }

    @Test
    @DisplayName("the top level must be a mapping; an empty document is an empty mapping")
    void topLevel() throws Exception {
        assertTrue(error("- a\n- b\n").startsWith("f.yaml: the top level must be a mapping"));
        assertTrue(YamlLoader.parse("# only a comment\n", "f.yaml").isEmpty());
    }

    @Test
    @DisplayName("files over the size limit are refused before parsing")
    void sizeLimit(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.yaml");
        Files.write(f, new byte[YamlLoader.MAX_FILE_BYTES + 1]);
        String msg = assertThrows(ConfigException.class, () -> YamlLoader.load(f)).getMessage();
        assertTrue(msg.contains("larger than the"), msg);
        String missing = assertThrows(ConfigException.class, () -> YamlLoader.load(dir.resolve("no.yaml"))).getMessage();
        assertTrue(missing.endsWith("no.yaml: no such file"), missing);
    }
}
