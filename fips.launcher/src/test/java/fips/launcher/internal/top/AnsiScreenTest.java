package fips.launcher.internal.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Frames to ANSI: only changed rows are rewritten; a resize redraws all. */
class AnsiScreenTest {
    @Test
    @DisplayName("First frame writes every row; an identical frame writes nothing; a changed row is rewritten alone")
    void diff() {
        AnsiScreen a = new AnsiScreen();
        List<Line> f1 = List.of(Line.of("one"), Line.of("two"), Line.of("three"));
        String first = a.draw(f1, 10, 3);
        assertTrue(first.contains("\u001b[1;1Hone") && first.contains("\u001b[2;1Htwo") && first.contains("\u001b[3;1Hthree"), first);
        assertEquals("", a.draw(f1, 10, 3));
        String second = a.draw(List.of(Line.of("one"), Line.of("TWO"), Line.of("three")), 10, 3);
        assertTrue(second.contains("\u001b[2;1HTWO"), second);
        assertFalse(second.contains("one") || second.contains("three"), second);
        String resized = a.draw(List.of(Line.of("one"), Line.of("TWO"), Line.of("three")), 12, 3);
        assertTrue(resized.contains("\u001b[2J") && resized.contains("one") && resized.contains("three"), resized);
    }

    @Test
    @DisplayName("Styles: selected rows are reverse video across the width; a full-width row gets no erase (it would eat the last cell)")
    void styles() {
        AnsiScreen a = new AnsiScreen();
        String s = a.draw(List.of(new Line("sel", Line.Style.SELECTED), Line.of("abcdefghij")), 10, 2);
        assertTrue(s.contains("\u001b[7msel       \u001b[0m"), s);
        assertTrue(s.contains("abcdefghij\u001b[0m") && !s.contains("abcdefghij\u001b[0m\u001b[K"), s);
        String tabs = new AnsiScreen().draw(List.of(new Line(" a [b] c", Line.Style.TABS, 3, 6)), 20, 1);
        assertTrue(tabs.contains(" a \u001b[1;7m[b]\u001b[0m c"), tabs);
        assertTrue(AnsiScreen.ENTER.contains("?1049h") && AnsiScreen.LEAVE.contains("?1049l") && AnsiScreen.LEAVE.contains("?25h"));
    }
}
