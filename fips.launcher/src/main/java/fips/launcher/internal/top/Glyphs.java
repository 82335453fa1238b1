package fips.launcher.internal.top;

/**
 * The characters the dashboard draws with: Unicode block and box characters on a UTF-8 terminal, an
 * ASCII set otherwise (chosen by the driver from the locale).
 */
public record Glyphs(char[] levels, char rule, char selected, char expanded, char collapsed, char branch, char ellipsis, char bullet) {

    public static final Glyphs UNICODE = new Glyphs(
            new char[] {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'}, '─', '▶', '▾', '▸', '└', '…', '●');

    public static final Glyphs ASCII = new Glyphs(
            new char[] {' ', '.', '.', '_', '-', '-', '=', '#', '#'}, '-', '>', 'v', '>', '`', '~', '*');

    /** Unicode if {@code LC_ALL}, {@code LC_CTYPE} or {@code LANG} (the first that is set) names UTF-8. */
    public static Glyphs forLocale(java.util.Map<String, String> env) {
        for (String k : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(k);
            if (v != null && !v.isEmpty()) {
                String u = v.toUpperCase(java.util.Locale.ROOT);
                return u.contains("UTF-8") || u.contains("UTF8") ? UNICODE : ASCII;
            }
        }
        return ASCII;
    }
}
