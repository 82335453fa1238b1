package fips.launcher.internal.top;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fips.json.JNode;
import fips.json.Json;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Formatting and plots used by every view. */
class FmtChartTest {
    @Test
    @DisplayName("clean: control, bidi-format and non-BMP characters become '?', the rest stays")
    void clean() {
        assertEquals("bob?[31m", Fmt.clean("bob\u001b[31m"));
        assertEquals("a?b", Fmt.clean("a\u202eb"));
        assertEquals("x?y", Fmt.clean("x\ud83d\ude00y"));
        assertEquals("a?b?", Fmt.clean("a\u0085b\n"));
        assertEquals("Zoë", Fmt.clean("Zoë"));
    }

    @Test
    @DisplayName("text/at: any JSON value as text, dotted paths, '-' for null or missing")
    void text() {
        JNode n = JNode.of(Json.parse("{\"a\":{\"b\":1.25},\"s\":\"x\",\"t\":true,\"z\":null,\"l\":[1,2]}"), "");
        assertEquals("1.25", Fmt.text(n, "a.b"));
        assertEquals("x", Fmt.text(n, "s"));
        assertEquals("yes", Fmt.text(n, "t"));
        assertEquals("-", Fmt.text(n, "z"));
        assertEquals("-", Fmt.text(n, "nope.deeper"));
        assertEquals("[2 items]", Fmt.text(n, "l"));
        assertEquals(1.25, Fmt.num(n, "a.b"));
        assertEquals(null, Fmt.num(n, "s"));
    }

    @Test
    @DisplayName("Units: bytes in binary units, durations as two largest units, ms below a second")
    void units() {
        assertEquals("0 B", Fmt.bytes(0));
        assertEquals("1023 B", Fmt.bytes(1023));
        assertEquals("1.5 KiB", Fmt.bytes(1536));
        assertEquals("100 MiB", Fmt.bytes(100 * 1024 * 1024));
        assertEquals("45s", Fmt.duration(45));
        assertEquals("3m 12s", Fmt.duration(192));
        assertEquals("1h 2m", Fmt.duration(3725));
        assertEquals("2d 1h", Fmt.duration(2 * 86400 + 3600 + 5));
        assertEquals("npub1sx42…mu5r", Fmt.middle("npub1sx42mj99aql52aklsg70y2jmr95u7uz2p40k769aw46ppjv302kqkhmu5r", 14, Glyphs.UNICODE));
        assertEquals("abcd…", Fmt.fit("abcdefgh", 5, Glyphs.UNICODE));
    }

    @Test
    @DisplayName("Plots: newest sample at the right edge, scaled 0..max, null a blank column, zero a baseline")
    void plots() {
        List<Double> v = Arrays.asList(0.0, 4.0, null, 8.0);
        assertEquals("  ▁▄ █", Chart.sparkline(v, 6, Glyphs.UNICODE));
        assertEquals("█", Chart.sparkline(v, 1, Glyphs.UNICODE), "only the newest fits");
        assertEquals(List.of("   █", "▁█ █"), Chart.plot(v, 4, 2, Glyphs.UNICODE));
        assertEquals("    ", Chart.sparkline(Arrays.asList(null, null), 4, Glyphs.UNICODE));
        assertEquals(8.0, Chart.last(v));
        assertEquals(0.0, Chart.min(v));
    }
}
