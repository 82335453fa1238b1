package fips.launcher.internal.top;

import java.util.List;

/**
 * Terminal input bytes to {@link Key}s (sans-IO: fed bytes, no reads, no clock). Understands the
 * xterm/VT220 sequences a raw-mode terminal sends: {@code ESC [ A..D}, {@code ESC O A..D}, {@code ESC [ H/F},
 * {@code ESC [ n ~} (1/7 Home, 4/8 End, 3 Delete, 5/6 Page Up/Down), {@code ESC [ Z} (Shift-Tab), modifier
 * parameters ({@code ESC [ 1 ; 5 A}) ignored. A lone ESC is ambiguous until the next byte or a pause:
 * {@link #pending()} says so and {@link #flush} (called by the driver after a short quiet time) emits it.
 * UTF-8 sequences decode to one character; unknown sequences are dropped whole.
 */
public final class KeyDecoder {
    private enum St { GROUND, ESC, CSI, SS3, UTF8 }

    private St st = St.GROUND;
    private final StringBuilder params = new StringBuilder();
    private int utfNeed;
    private int utfCode;

    public void feed(byte[] buf, int off, int len, List<Key> out) {
        for (int i = off; i < off + len; i++) feed(buf[i] & 0xff, out);
    }

    /** Whether an ESC (or an unfinished sequence) waits for more bytes. */
    public boolean pending() {
        return st != St.GROUND && st != St.UTF8;
    }

    /** After a quiet time: a lone ESC becomes the Escape key; a cut sequence is dropped. */
    public void flush(List<Key> out) {
        if (st == St.ESC) out.add(Key.of(Key.Kind.ESC));
        st = St.GROUND;
        params.setLength(0);
    }

    private void feed(int b, List<Key> out) {
        switch (st) {
            case GROUND -> ground(b, out);
            case ESC -> {
                if (b == '[') {
                    st = St.CSI;
                    params.setLength(0);
                } else if (b == 'O') {
                    st = St.SS3;
                } else if (b == 0x1b) {
                    out.add(Key.of(Key.Kind.ESC)); // ESC ESC: the first was a key of its own
                } else {
                    st = St.GROUND; // Alt+key: take the key itself
                    ground(b, out);
                }
            }
            case SS3 -> {
                st = St.GROUND;
                Key k = finalKey(b);
                if (k != null) out.add(k);
            }
            case CSI -> {
                if ((b >= '0' && b <= '9') || b == ';') {
                    if (params.length() < 16) params.append((char) b);
                } else if (b >= 0x40 && b <= 0x7e) {
                    st = St.GROUND;
                    Key k = b == '~' ? tildeKey(params.toString()) : finalKey(b);
                    if (k != null) out.add(k);
                } else if (b < 0x20 || b > 0x7e) {
                    st = St.GROUND; // broken sequence
                }
            }
            case UTF8 -> {
                if ((b & 0xc0) != 0x80) {
                    st = St.GROUND;
                    ground(b, out);
                    return;
                }
                utfCode = (utfCode << 6) | (b & 0x3f);
                if (--utfNeed == 0) {
                    st = St.GROUND;
                    if (utfCode <= 0xffff && !Character.isSurrogate((char) utfCode)) out.add(Key.ch((char) utfCode));
                }
            }
        }
    }

    private void ground(int b, List<Key> out) {
        switch (b) {
            case 0x1b -> st = St.ESC;
            case 0x03 -> out.add(Key.of(Key.Kind.CTRL_C));
            case '\t' -> out.add(Key.of(Key.Kind.TAB));
            case '\r', '\n' -> out.add(Key.of(Key.Kind.ENTER));
            case 0x7f, 0x08 -> out.add(Key.of(Key.Kind.BACKSPACE));
            default -> {
                if (b >= 0x20 && b < 0x7f) {
                    out.add(Key.ch((char) b));
                } else if (b >= 0xc2 && b <= 0xf4) {
                    st = St.UTF8;
                    utfNeed = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
                    utfCode = b & (b >= 0xf0 ? 0x07 : b >= 0xe0 ? 0x0f : 0x1f);
                }
                // other control bytes: ignored
            }
        }
    }

    private static Key finalKey(int b) {
        return switch (b) {
            case 'A' -> Key.of(Key.Kind.UP);
            case 'B' -> Key.of(Key.Kind.DOWN);
            case 'C' -> Key.of(Key.Kind.RIGHT);
            case 'D' -> Key.of(Key.Kind.LEFT);
            case 'H' -> Key.of(Key.Kind.HOME);
            case 'F' -> Key.of(Key.Kind.END);
            case 'Z' -> Key.of(Key.Kind.BACK_TAB);
            default -> null;
        };
    }

    private static Key tildeKey(String p) {
        int semi = p.indexOf(';');
        String n = semi >= 0 ? p.substring(0, semi) : p;
        return switch (n) {
            case "1", "7" -> Key.of(Key.Kind.HOME);
            case "4", "8" -> Key.of(Key.Kind.END);
            case "3" -> Key.of(Key.Kind.DELETE);
            case "5" -> Key.of(Key.Kind.PAGE_UP);
            case "6" -> Key.of(Key.Kind.PAGE_DOWN);
            default -> null;
        };
    }
}
