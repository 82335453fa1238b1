package fips.launcher.internal.top;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames of {@link Line}s to ANSI/VT100 output: the alternate screen, hidden cursor, no autowrap;
 * each frame rewrites only the rows that changed since the last one (all rows after a resize).
 * Produces strings; the driver writes them.
 */
public final class AnsiScreen {
    static final String ESC = "\u001b[";
    /** Alternate screen, hide cursor, autowrap off, clear. */
    public static final String ENTER = ESC + "?1049h" + ESC + "?25l" + ESC + "?7l" + ESC + "H" + ESC + "2J";
    /** Reset attributes, autowrap on, show cursor, main screen. */
    public static final String LEAVE = ESC + "0m" + ESC + "?7h" + ESC + "?25h" + ESC + "?1049l";

    private List<Line> previous = new ArrayList<>();
    private int prevWidth = -1;
    private int prevHeight = -1;

    /** The output that turns the last frame into {@code frame} on a {@code width} x {@code height} screen. */
    public String draw(List<Line> frame, int width, int height) {
        StringBuilder b = new StringBuilder(8192);
        boolean full = width != prevWidth || height != prevHeight;
        if (full) {
            b.append(ESC).append("0m").append(ESC).append("2J");
            previous = new ArrayList<>();
        }
        for (int i = 0; i < frame.size() && i < height; i++) {
            Line l = frame.get(i);
            if (i < previous.size() && previous.get(i).equals(l)) continue;
            b.append(ESC).append(i + 1).append(";1H");
            line(b, l, width);
        }
        previous = new ArrayList<>(frame);
        prevWidth = width;
        prevHeight = height;
        return b.toString();
    }

    /** Forget the screen contents (the next frame redraws every row). */
    public void invalidate() {
        prevWidth = -1;
    }

    private static void line(StringBuilder b, Line l, int width) {
        String text = l.text().length() > width ? l.text().substring(0, width) : l.text();
        boolean bar = switch (l.style()) {
            case TITLE, SELECTED, FOOTER, ERROR -> true;
            default -> false;
        };
        if (bar) text = Fmt.pad(text, width);
        String sgr = switch (l.style()) {
            case TITLE -> "1;7";
            case TABS, NORMAL -> "";
            case HEADER, PANE_TITLE -> "1";
            case SELECTED, FOOTER -> "7";
            case FOCUS_TITLE -> "1;36";
            case DIM -> "2";
            case WARN -> "33";
            case ERROR -> "1;37;41";
        };
        if (!sgr.isEmpty()) b.append(ESC).append(sgr).append('m');
        if (l.hlFrom() >= 0 && l.hlTo() > l.hlFrom() && l.hlTo() <= text.length()) {
            b.append(text, 0, l.hlFrom()).append(ESC).append("1;7m").append(text, l.hlFrom(), l.hlTo()).append(ESC).append("0m");
            if (!sgr.isEmpty()) b.append(ESC).append(sgr).append('m');
            b.append(text, l.hlTo(), text.length());
        } else {
            b.append(text);
        }
        b.append(ESC).append("0m");
        if (text.length() < width) b.append(ESC).append('K');
    }
}
