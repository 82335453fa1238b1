package fips.launcher.internal.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Raw terminal bytes to keys: the sequences xterm-like terminals (and tmux) send. */
class KeyDecoderTest {
    static List<Key> decode(String s) {
        KeyDecoder d = new KeyDecoder();
        List<Key> out = new ArrayList<>();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.feed(b, 0, b.length, out);
        return out;
    }

    static Key k(Key.Kind kind) {
        return Key.of(kind);
    }

    @Test
    @DisplayName("CSI and SS3 cursor keys, Home/End in both encodings, PgUp/PgDn, Delete, Shift-Tab")
    void sequences() {
        assertEquals(List.of(k(Key.Kind.UP), k(Key.Kind.DOWN), k(Key.Kind.RIGHT), k(Key.Kind.LEFT)), decode("\u001b[A\u001b[B\u001b[C\u001b[D"));
        assertEquals(List.of(k(Key.Kind.UP), k(Key.Kind.LEFT)), decode("\u001bOA\u001bOD"));
        assertEquals(List.of(k(Key.Kind.HOME), k(Key.Kind.END), k(Key.Kind.HOME), k(Key.Kind.END), k(Key.Kind.HOME), k(Key.Kind.END)),
                decode("\u001b[H\u001b[F\u001b[1~\u001b[4~\u001b[7~\u001b[8~"));
        assertEquals(List.of(k(Key.Kind.PAGE_UP), k(Key.Kind.PAGE_DOWN), k(Key.Kind.DELETE), k(Key.Kind.BACK_TAB)),
                decode("\u001b[5~\u001b[6~\u001b[3~\u001b[Z"));
        assertEquals(List.of(k(Key.Kind.UP), k(Key.Kind.DELETE)), decode("\u001b[1;5A\u001b[3;2~"), "modifiers ignored");
    }

    @Test
    @DisplayName("Plain keys: letters, Tab, Enter (CR or LF), Ctrl-C, Backspace, a UTF-8 character")
    void plain() {
        assertEquals(List.of(Key.ch('q'), k(Key.Kind.TAB), k(Key.Kind.ENTER), k(Key.Kind.ENTER), k(Key.Kind.CTRL_C),
                k(Key.Kind.BACKSPACE), Key.ch('é')), decode("q\t\r\n\u0003\u007fé"));
    }

    @Test
    @DisplayName("A lone ESC waits for the next byte; flush after a pause makes it the Escape key")
    void loneEscape() {
        KeyDecoder d = new KeyDecoder();
        List<Key> out = new ArrayList<>();
        d.feed(new byte[] {0x1b}, 0, 1, out);
        assertTrue(out.isEmpty());
        assertTrue(d.pending());
        d.flush(out);
        assertEquals(List.of(k(Key.Kind.ESC)), out);
        assertFalse(d.pending());
        out.clear();
        // a sequence split across reads still decodes
        d.feed(new byte[] {0x1b, '['}, 0, 2, out);
        d.feed(new byte[] {'B'}, 0, 1, out);
        assertEquals(List.of(k(Key.Kind.DOWN)), out);
        out.clear();
        // ESC ESC: the first is a key; Alt-q is q
        assertEquals(List.of(k(Key.Kind.ESC), Key.ch('q')), decode("\u001b\u001bq"));
    }

    @Test
    @DisplayName("Unknown sequences are dropped whole and do not swallow the next key")
    void unknown() {
        assertEquals(List.of(Key.ch('x')), decode("\u001b[99~x"));
        assertEquals(List.of(Key.ch('y')), decode("\u001b[200;1;1Qy"));
    }
}
