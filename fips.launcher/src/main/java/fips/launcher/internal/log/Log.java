package fips.launcher.internal.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes {@code 2026-11-22T12:00:00.123Z INFO  message} lines. Thread-safe:
 * one line is written and flushed under a lock, so lines of different threads
 * never interleave. Callers test {@link #enabled} before building an
 * expensive message.
 */
public final class Log {
    /** Levels, most severe first; a logger at a level writes that level and everything before it. */
    public enum Level {
        ERROR, WARN, INFO, DEBUG, TRACE;

        /**
         * Parses a level name, case-insensitive (reference/configuration.md
         * {@code node.log_level}: trace, debug, info, warn, error).
         *
         * @return null if {@code s} names no level
         */
        public static Level parse(String s) {
            if (s == null) return null;
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "error" -> ERROR;
                case "warn", "warning" -> WARN;
                case "info" -> INFO;
                case "debug" -> DEBUG;
                case "trace" -> TRACE;
                default -> null;
            };
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Clock clock;
    private final Level level;

    public Log(PrintStream out, Level level) {
        this(out, level, Clock.systemUTC());
    }

    public Log(PrintStream out, Level level, Clock clock) {
        this.out = out;
        this.level = level;
        this.clock = clock;
    }

    public Level level() {
        return level;
    }

    public boolean enabled(Level l) {
        return l.ordinal() <= level.ordinal();
    }

    public void error(String msg) {
        write(Level.ERROR, msg);
    }

    public void warn(String msg) {
        write(Level.WARN, msg);
    }

    public void info(String msg) {
        write(Level.INFO, msg);
    }

    public void debug(String msg) {
        write(Level.DEBUG, msg);
    }

    public void write(Level l, String msg) {
        if (!enabled(l)) return;
        String line = TIME.format(clock.instant()) + " " + String.format("%-5s", l.name()) + " " + msg;
        synchronized (this) {
            out.println(line);
            out.flush();
        }
    }
}
