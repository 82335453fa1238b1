package fips.launcher.internal.top;

/**
 * One screen row as the renderer produced it: plain text (at most the screen width, no escape
 * sequences) and a style; {@code [hlFrom, hlTo)} marks a span drawn highlighted (the active tab).
 */
public record Line(String text, Style style, int hlFrom, int hlTo) {

    /** How the screen writer draws a line; a plain-text capture still reads the same. */
    public enum Style { NORMAL, TITLE, TABS, HEADER, SELECTED, FOCUS_TITLE, PANE_TITLE, DIM, WARN, ERROR, FOOTER }

    public Line(String text, Style style) {
        this(text, style, -1, -1);
    }

    public static Line of(String text) {
        return new Line(text, Style.NORMAL);
    }

    public static Line of(String text, Style style) {
        return new Line(text, style);
    }
}
