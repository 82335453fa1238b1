package fips.launcher.internal.log;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Routes {@link System.Logger} output (the transports' start-up lines and
 * warnings, and the JDK's own) into the daemon's {@link Log}, so stderr has
 * one line format and one level. Registered in module-info as the
 * {@code java.lang.System.LoggerFinder} service; {@link #install} points it
 * at the configured log once that exists (until then: INFO to stderr).
 */
public final class SystemLoggerBridge extends System.LoggerFinder {
    private static volatile Log target = new Log(System.err, Log.Level.INFO);

    /** A public no-argument constructor, as ServiceLoader requires. */
    public SystemLoggerBridge() {}

    /** Sends every System.Logger line to {@code log} from now on. */
    public static void install(Log log) {
        target = log;
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Bridge(name);
    }

    static Log.Level map(System.Logger.Level l) {
        return switch (l) {
            case ALL, TRACE -> Log.Level.TRACE;
            case DEBUG -> Log.Level.DEBUG;
            case INFO -> Log.Level.INFO;
            case WARNING -> Log.Level.WARN;
            case ERROR -> Log.Level.ERROR;
            case OFF -> null;
        };
    }

    private record Bridge(String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            Log.Level l = map(level);
            return l != null && target.enabled(l);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (!isLoggable(level)) return;
            write(level, msg + (thrown == null ? "" : ": " + thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (!isLoggable(level)) return;
            String msg = format;
            if (params != null && params.length > 0) {
                Object[] args = params;
                if (!format.contains(",number")) {
                    // Plain {n} placeholders: print numbers as numbers (2097152), not grouped (2,097,152).
                    args = params.clone();
                    for (int i = 0; i < args.length; i++) {
                        if (args[i] instanceof Number n) args[i] = n.toString();
                    }
                }
                try {
                    msg = new MessageFormat(format, Locale.ROOT).format(args);
                } catch (IllegalArgumentException e) {
                    msg = format + " " + java.util.Arrays.toString(params);
                }
            }
            write(level, msg);
        }

        private void write(Level level, String msg) {
            // Our own modules start their messages with a key path; name anyone else's logger.
            target.write(map(level), name.startsWith("fips.") ? msg : "[" + name + "] " + msg);
        }
    }
}
