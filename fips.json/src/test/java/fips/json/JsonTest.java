package fips.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    @DisplayName("RFC 8259: values map to Map/List/String/Long/BigInteger/BigDecimal/Boolean/NULL")
    void parsesAllValueKinds() {
        Object v = Json.parse(" {\"a\": [1, -2, 18446744073709551615, 1.5e3, true, false, null, \"x\\u00e9\\n\"]} ");
        List<?> a = (List<?>) ((Map<?, ?>) v).get("a");
        assertEquals(1L, a.get(0));
        assertEquals(-2L, a.get(1));
        assertEquals(new BigInteger("18446744073709551615"), a.get(2));
        assertEquals(new BigDecimal("1.5e3"), a.get(3));
        assertEquals(Boolean.TRUE, a.get(4));
        assertEquals(Boolean.FALSE, a.get(5));
        assertSame(Json.NULL, a.get(6));
        assertEquals("x\u00e9\n", a.get(7));
    }

    @Test
    @DisplayName("surrogate pairs decode; lone surrogates are errors")
    void surrogates() {
        assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""));
        assertThrows(JsonException.class, () -> Json.parse("\"\\ud83d\""));
        assertThrows(JsonException.class, () -> Json.parse("\"\\ude00\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "1e", "tru", "\"abc", "{\"a\" 1}",
            "[1 2]", "{1:2}", "\"\t\"", "\"\\x\"", "{} {}", "{\"a\":1,\"a\":2}", "nul", "[", "+1"})
    @DisplayName("malformed input is rejected with the offset of the error")
    void rejectsMalformed(String text) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    @DisplayName("nesting is limited so hostile input cannot exhaust the stack")
    void depthLimit() {
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertTrue(Json.parse(ok) instanceof List);
    }

    @Test
    @DisplayName("write then parse round-trips, compact and pretty")
    void roundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "q\"\\\u0001");
        m.put("n", 42L);
        m.put("l", List.of(1L, "two", Map.of()));
        m.put("z", Json.NULL);
        m.put("e", List.of());
        String compact = Json.write(m);
        assertEquals("{\"s\":\"q\\\"\\\\\\u0001\",\"n\":42,\"l\":[1,\"two\",{}],\"z\":null,\"e\":[]}", compact);
        assertEquals(Json.parse(compact), Json.parse(Json.pretty(m)));
        assertTrue(Json.pretty(m).contains("\n  \"n\": 42"));
    }

    @Test
    @DisplayName("JNode errors name the path of the offending field")
    void nodePaths() {
        JNode root = JNode.of(Json.parse("{\"keys\":[{\"hex\":\"0aff\",\"n\":3,\"big\":18446744073709551615}]}"), "");
        JNode k = root.get("keys").items().get(0);
        assertArrayEquals(new byte[] {0x0a, (byte) 0xff}, k.get("hex").hex());
        assertEquals(3, k.get("n").i32());
        assertEquals(-1L, k.get("big").u64());
        JsonException e = assertThrows(JsonException.class, () -> k.get("n").str());
        assertEquals("keys[0].n: expected a string, got number 3", e.getMessage());
        e = assertThrows(JsonException.class, () -> k.get("missing"));
        assertEquals("keys[0].missing: missing", e.getMessage());
        e = assertThrows(JsonException.class, () -> k.get("big").i64());
        assertTrue(e.getMessage().startsWith("keys[0].big: expected a signed 64-bit integer"));
        assertThrows(JsonException.class, () -> JNode.of("abc", "x").hex());
    }

    @Test
    @DisplayName("JNode.load reads a UTF-8 file as a root node; errors name the file")
    void loadFile(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("v.json");
        Files.writeString(ok, "{\"label\":\"caf\u00e9\",\"cases\":[{\"n\":7,\"z\":null}]}", StandardCharsets.UTF_8);
        JNode root = JNode.load(ok);
        assertEquals("", root.path());
        assertEquals("caf\u00e9", root.get("label").str());
        JNode c = root.get("cases").items().get(0);
        assertEquals("cases[0].n", c.get("n").path());
        assertEquals(7, c.get("n").i32());
        assertTrue(c.get("z").isNull());
        assertFalse(c.get("n").isNull());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"a\":1,}", StandardCharsets.UTF_8);
        JsonException e = assertThrows(JsonException.class, () -> JNode.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("offset"), e.getMessage());

        Path missing = dir.resolve("missing.json");
        UncheckedIOException u = assertThrows(UncheckedIOException.class, () -> JNode.load(missing));
        assertTrue(u.getMessage().contains(missing.toString()), u.getMessage());
    }
}
