package fips.launcher.internal.vectors;

import fips.identity.Hex;
import fips.json.JNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Tally of one vector file: each vector (a case) passes, fails at its first
 * differing field, or is skipped because its layer is not built.
 */
public final class Report {
    private final String file;
    private int passed;
    private int failed;
    private int skipped;
    private final List<String> failures = new ArrayList<>();
    private final List<String> skips = new ArrayList<>();

    Report(String file) {
        this.file = file;
    }

    /** A case to run; {@code body} throws {@link Mismatch} (or anything) to fail it. */
    interface Case {
        void run() throws Exception;
    }

    void check(String caseId, Case body) {
        try {
            body.run();
            passed++;
        } catch (NotBuilt n) {
            skip(caseId, n.getMessage());
        } catch (Mismatch m) {
            failed++;
            failures.add(caseId + ": " + m.getMessage());
        } catch (Exception | AssertionError e) {
            failed++;
            failures.add(caseId + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    void skip(String caseId, String why) {
        skipped++;
        skips.add(caseId + ": " + why);
    }

    /** Skips every entry of a section this build does not check. */
    void skipSection(JNode root, String section, String why) {
        JNode s = root.opt(section);
        if (s == null) {
            return;
        }
        if (s.isArray()) {
            for (JNode n : s.items()) {
                if (n.isObject()) {
                    skip(n.path(), why);
                }
            }
        } else {
            skip(section, why);
        }
    }

    public String file() {
        return file;
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> skips() {
        return List.copyOf(skips);
    }

    public String summary() {
        return file + ": " + passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }

    // ---- comparisons that throw Mismatch naming the field ------------------

    static void eqHex(String field, byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new Mismatch(field, expected == null ? "null" : Hex.encode(expected),
                    actual == null ? "null" : Hex.encode(actual));
        }
    }

    static void eqHex(String field, JNode expectedHex, byte[] actual) {
        eqHex(field, expectedHex.hex(), actual);
    }

    static void eq(String field, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new Mismatch(field, String.valueOf(expected), String.valueOf(actual));
        }
    }
}
