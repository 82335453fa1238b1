package fips.launcher.internal.vectors;

import fips.json.JNode;
import fips.json.Json;
import fips.json.JsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs every {@code *.json} in a directory through the suite for its file name
 * (or, for a file of another name, the suite whose shape it has). A file no
 * suite recognises is reported with one skipped case; a file that is not valid
 * JSON is one failed case.
 */
public final class VectorChecker {
    /** Largest vector file read (the shared ones are a few tens of KiB). */
    static final long MAX_FILE_BYTES = 16L << 20;

    private final List<VectorSuite> suites = List.of(
            new IdentityVectors(),
            new SchnorrVectors(),
            new NoiseVectors(NoiseVectors.Pattern.IK),
            new NoiseVectors(NoiseVectors.Pattern.XK),
            new FrameVectors(),
            new BloomVectors(),
            new FspVectors(),
            new Ipv6CompressVectors());

    /** Checks one directory; files in name order. */
    public List<Report> checkDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        List<Report> out = new ArrayList<>();
        for (Path f : files) {
            out.add(checkFile(f));
        }
        return out;
    }

    public Report checkFile(Path file) {
        String name = file.getFileName().toString();
        Report r = new Report(name);
        JNode root;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                r.check(name, () -> {
                    throw new Mismatch("size", "at most " + MAX_FILE_BYTES + " bytes", size + " bytes");
                });
                return r;
            }
            root = JNode.of(Json.parse(Files.readString(file, StandardCharsets.UTF_8)), "");
        } catch (IOException | UncheckedIOException | JsonException e) {
            r.check(name, () -> {
                throw new Mismatch("file", "readable JSON", e.getMessage());
            });
            return r;
        }
        if (!root.isObject()) {
            r.check(name, () -> {
                throw new Mismatch("top level", "a JSON object", "another JSON value");
            });
            return r;
        }
        VectorSuite suite = suites.stream().filter(s -> s.fileName().equals(name)).findFirst()
                .or(() -> suites.stream().filter(s -> s.recognises(root)).findFirst())
                .orElse(null);
        if (suite == null) {
            r.skip(name, "no suite recognises this file (known: "
                    + String.join(", ", suites.stream().map(VectorSuite::fileName).toList()) + ")");
            return r;
        }
        try {
            suite.run(root, r);
        } catch (RuntimeException e) {
            // A shape error outside any single case (e.g. a missing top-level section).
            r.check(name + " (structure)", () -> {
                throw e;
            });
        }
        return r;
    }
}
