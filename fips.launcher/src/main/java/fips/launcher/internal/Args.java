package fips.launcher.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A small, strict argument reader for the commands: flags may come before or
 * after positionals, {@code --flag=value} and {@code --flag value} both work,
 * {@code --} ends flags, and anything unknown is an error naming it.
 */
public final class Args {
    private final Deque<String> rest;

    public Args(List<String> args) {
        this.rest = new ArrayDeque<>(args);
    }

    public boolean isEmpty() {
        return rest.isEmpty();
    }

    public String peek() {
        return rest.peekFirst();
    }

    public String next() {
        return rest.pollFirst();
    }

    /** Thrown for a usage error; the message is printed after "error: ". */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** The value of a flag given as {@code --name=value} or {@code --name value}. */
    public static String value(String flag, Args a) throws UsageException {
        int eq = flag.indexOf('=');
        if (eq > 0) {
            return flag.substring(eq + 1);
        }
        String v = a.next();
        if (v == null) {
            throw new UsageException("option '" + flag + "' needs a value");
        }
        return v;
    }

    /** The flag name without an {@code =value} part. */
    public static String name(String flag) {
        int eq = flag.indexOf('=');
        return eq > 0 && flag.startsWith("--") ? flag.substring(0, eq) : flag;
    }
}
