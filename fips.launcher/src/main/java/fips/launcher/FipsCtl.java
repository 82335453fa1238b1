package fips.launcher;

import fips.identity.Identity;
import fips.identity.KeyFiles;
import fips.identity.SecretKey;
import fips.launcher.internal.Args;
import fips.launcher.internal.Args.UsageException;
import fips.launcher.internal.vectors.Report;
import fips.launcher.internal.vectors.VectorChecker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * {@code fipsctl}: the operator's command (reference/cli-fipsctl.md). This build
 * has the local subcommands: {@code keygen} and the conformance kit
 * {@code vectors check}; the daemon queries arrive with the control socket.
 *
 * <p>Exit status: 0 success, 1 the operation failed (including a failed
 * vector), 2 usage error.
 */
public final class FipsCtl {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** reference/cli-fipsctl.md "keygen": the default directory on Linux. */
    static final Path DEFAULT_KEY_DIR = Path.of("/etc/fips");

    private static final String USAGE_TEXT = """
            Usage: fipsctl [OPTIONS] <COMMAND>

            Commands:
              keygen           Generate a new node identity (fips.key and fips.pub)
              vectors check    Check conformance vectors against this implementation

            Options:
              -h, --help       Print help (per command: fipsctl <command> --help)
              -V               Print the short version
                  --version    Print the long version
            """;

    private static final String KEYGEN_HELP = """
            Usage: fipsctl keygen [OPTIONS]

            Generate a new FIPS identity keypair locally (does not contact the daemon).
            fips.key gets mode 0600 and holds the nsec; fips.pub gets mode 0644 and holds the npub.

            Options:
              -d, --dir <DIR>  Output directory [default: /etc/fips]
              -f, --force      Overwrite an existing fips.key
              -s, --stdout     Print the nsec, then the npub, to stdout instead of writing files
              -h, --help       Print help

            After keygen, set node.identity.persistent: true in fips.yaml, or the
            daemon replaces the key with a fresh one at its next start.
            """;

    private static final String VECTORS_HELP = """
            Usage: fipsctl vectors check <DIR>

            Reads every *.json file in DIR (the schema of the FIPS spec's vectors/
            directory: identity, schnorr, noise_ik, noise_xk, frames, bloom, fsp,
            ipv6_compress) and checks each vector against this implementation.

            Prints one line per file, "NAME: N passed, M failed, K skipped" (skipped:
            vector kinds whose protocol layer this build does not have), then one
            line per failed vector naming it and its first differing field.
            Exit status 0 only if nothing failed.

            Options:
              -v, --verbose    Also list every skipped vector and why
              -h, --help       Print help
            """;

    private final PrintStream out;
    private final PrintStream err;

    FipsCtl(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] argv) {
        int code = new FipsCtl(System.out, System.err).run(Arrays.asList(argv));
        System.out.flush();
        System.exit(code);
    }

    int run(List<String> argv) {
        Args a = new Args(argv);
        try {
            while (!a.isEmpty() && a.peek().startsWith("-")) {
                String f = a.next();
                switch (f) {
                    case "-h", "--help" -> {
                        out.print(USAGE_TEXT);
                        return OK;
                    }
                    case "-V" -> {
                        out.println(Version.shortVersion("fipsctl"));
                        return OK;
                    }
                    case "--version" -> {
                        out.println(Version.longVersion("fipsctl"));
                        return OK;
                    }
                    default -> throw new UsageException("unknown option '" + f + "'");
                }
            }
            if (a.isEmpty()) {
                err.print(USAGE_TEXT);
                return USAGE;
            }
            String cmd = a.next();
            return switch (cmd) {
                case "keygen" -> keygen(a);
                case "vectors" -> vectors(a);
                default -> throw new UsageException("unknown command '" + cmd + "' (this build has: keygen, vectors check)");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'fipsctl --help' for usage.");
            return USAGE;
        }
    }

    private int keygen(Args a) throws UsageException {
        Path dir = DEFAULT_KEY_DIR;
        boolean force = false;
        boolean stdout = false;
        while (!a.isEmpty()) {
            String f = a.next();
            switch (Args.name(f)) {
                case "-h", "--help" -> {
                    out.print(KEYGEN_HELP);
                    return OK;
                }
                case "-d", "--dir" -> {
                    String v = Args.value(f, a);
                    if (v.isEmpty()) throw new UsageException("--dir needs a non-empty path");
                    dir = Path.of(v);
                }
                case "-f", "--force" -> force = true;
                case "-s", "--stdout" -> stdout = true;
                default -> throw new UsageException("keygen: unexpected argument '" + f + "'");
            }
        }
        Identity id = Identity.of(SecretKey.generate(new SecureRandom()));
        if (stdout) {
            out.println(id.secret().nsec());
            out.println(id.npub());
            return OK;
        }
        try {
            KeyFiles.write(dir, id.secret(), force);
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
        out.println("wrote " + KeyFiles.keyPath(dir) + " (mode 0600) and " + KeyFiles.pubPath(dir) + " (mode 0644)");
        out.println("npub: " + id.npub());
        out.println("address: " + id.fipsAddress());
        out.println("Set node.identity.persistent: true in fips.yaml to keep this identity across restarts.");
        return OK;
    }

    private int vectors(Args a) throws UsageException {
        if (a.isEmpty()) {
            throw new UsageException("vectors: expected 'check <DIR>'");
        }
        String sub = a.next();
        if (sub.equals("-h") || sub.equals("--help")) {
            out.print(VECTORS_HELP);
            return OK;
        }
        if (!sub.equals("check")) {
            throw new UsageException("vectors: unknown subcommand '" + sub + "' (expected 'check')");
        }
        String dir = null;
        boolean verbose = false;
        while (!a.isEmpty()) {
            String f = a.next();
            switch (f) {
                case "-h", "--help" -> {
                    out.print(VECTORS_HELP);
                    return OK;
                }
                case "-v", "--verbose" -> verbose = true;
                default -> {
                    if (f.startsWith("-")) throw new UsageException("vectors check: unknown option '" + f + "'");
                    if (dir != null) throw new UsageException("vectors check: only one directory, got '" + dir + "' and '" + f + "'");
                    dir = f;
                }
            }
        }
        if (dir == null) {
            throw new UsageException("vectors check: missing <DIR> (e.g. ../shared/spec/vectors)");
        }
        List<Report> reports;
        try {
            reports = new VectorChecker().checkDirectory(Path.of(dir));
        } catch (IOException e) {
            err.println("error: cannot read vectors directory: " + e.getMessage());
            return FAILED;
        }
        if (reports.isEmpty()) {
            err.println("error: no *.json files in " + dir);
            return FAILED;
        }
        int failed = 0;
        for (Report r : reports) {
            out.println(r.summary());
            failed += r.failed();
        }
        for (Report r : reports) {
            for (String f : r.failures()) {
                out.println("FAIL " + r.file() + " " + f);
            }
        }
        if (verbose) {
            for (Report r : reports) {
                for (String s : r.skips()) {
                    out.println("SKIP " + r.file() + " " + s);
                }
            }
        }
        return failed == 0 ? OK : FAILED;
    }
}
