package fips.ipv6.dns;

import fips.identity.PublicKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses the hosts file, {@code hostname npub1...} per line (INTEROP.md 9.6
 * "Hosts file"; reference/configuration.md "Host Mapping"). Pure: text in,
 * entries and problems out; {@link HostsReloader} does the file I/O.
 *
 * <p>Per line: trimmed; empty or starting with {@code #} ignored; exactly two
 * whitespace-separated fields, else skipped. The hostname must pass
 * {@link #checkHostname}; the npub must decode to a valid key. A later line for
 * the same hostname replaces an earlier one. Every skipped line is reported
 * as a {@link Problem} with its 1-based number and the reason, so the daemon
 * can log it once per load.
 */
public final class HostsFile {
    private HostsFile() {}

    /** Default location on Linux. INTEROP.md 9.6. */
    public static final Path DEFAULT_PATH = Path.of("/etc/fips/hosts");
    /** Longest hostname (one DNS label). INTEROP.md 9.6. */
    public static final int MAX_HOSTNAME_LENGTH = 63;

    /** A skipped line. */
    public record Problem(int lineNumber, String reason) {
        public Problem {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "line " + lineNumber + ": " + reason;
        }
    }

    /** Entries by lower-case hostname (insertion order) and the lines that were skipped. */
    public record Parsed(Map<String, PublicKey> entries, List<Problem> problems) {
        public Parsed {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            problems = List.copyOf(problems);
        }
    }

    /** Parses the whole file's text (any of \n, \r\n, \r line ends). */
    public static Parsed parse(String text) {
        return parse(text.lines().toList());
    }

    /** Parses lines; the first is line 1. */
    public static Parsed parse(List<String> lines) {
        Map<String, PublicKey> entries = new LinkedHashMap<>();
        List<Problem> problems = new java.util.ArrayList<>();
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                problems.add(new Problem(lineNumber, "expected 2 fields 'hostname npub', got " + fields.length));
                continue;
            }
            String why = checkHostname(fields[0]);
            if (why != null) {
                problems.add(new Problem(lineNumber, why));
                continue;
            }
            PublicKey key;
            try {
                key = PublicKey.fromNpub(fields[1]);
            } catch (IllegalArgumentException e) { // KeyFormatException and any other rejection of the text
                problems.add(new Problem(lineNumber, "invalid npub for '" + fields[0] + "': " + e.getMessage()));
                continue;
            }
            entries.put(fields[0].toLowerCase(Locale.ROOT), key);
        }
        return new Parsed(entries, problems);
    }

    /**
     * Checks a hostname (INTEROP.md 9.6): 1..63 characters of
     * {@code [A-Za-z0-9-]}, no leading or trailing {@code -}, not starting with
     * {@code npub1} in any case (such a name would shadow npub resolution).
     *
     * @return null if valid, else the reason
     */
    public static String checkHostname(String h) {
        if (h.isEmpty() || h.length() > MAX_HOSTNAME_LENGTH) {
            return "hostname '" + h + "' must be 1.." + MAX_HOSTNAME_LENGTH + " characters, got " + h.length();
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return "hostname '" + h + "' has a character outside [A-Za-z0-9-] at index " + i;
            }
        }
        if (h.charAt(0) == '-' || h.charAt(h.length() - 1) == '-') {
            return "hostname '" + h + "' must not start or end with '-'";
        }
        if (h.regionMatches(true, 0, "npub1", 0, 5)) {
            return "hostname '" + h + "' must not start with 'npub1'";
        }
        return null;
    }
}
