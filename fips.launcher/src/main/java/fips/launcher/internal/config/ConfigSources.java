package fips.launcher.internal.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which configuration files the daemon reads and where its key files live
 * (reference/cli-fips.md "Files"; reference/configuration.md "Search Paths";
 * INTEROP.md 1.3 "Location" and 14).
 *
 * <p>With {@code -c FILE} only that file is read. Otherwise every existing
 * file of {@link #searchPaths} is read and merged, lowest priority first:
 * mappings merge key by key, recursively; any other value (a scalar, a list
 * such as {@code peers}) from a higher-priority file replaces the lower one
 * whole.
 *
 * <p>The key files go in the directory of the highest-priority file read. When
 * no file was read there is no such directory: {@link Loaded#keyDir()} is
 * null and the identity is ephemeral and unsaved (see
 * {@link IdentityResolver}).
 */
public final class ConfigSources {
    private ConfigSources() {}

    /**
     * What was read.
     *
     * @param files the files read, lowest priority first (empty: none found)
     * @param tree the merged document
     * @param keyDir where fips.key/fips.pub live, or null when no file was read
     */
    public record Loaded(List<Path> files, Map<String, Object> tree, Path keyDir) {
        public Loaded {
            files = List.copyOf(files);
        }

        /** How messages name the configuration: the file, or the merged files. */
        public String describe() {
            if (files.isEmpty()) return "built-in defaults";
            if (files.size() == 1) return files.get(0).toString();
            return "merged configuration " + files;
        }
    }

    /**
     * The search path, lowest priority first: the system file, the user's
     * config directory ({@code $XDG_CONFIG_HOME} or {@code ~/.config}), the
     * legacy {@code ~/.fips.yaml}, then {@code ./fips.yaml}.
     *
     * @param home the user's home directory, or null if unknown (its two entries are skipped)
     */
    public static List<Path> searchPaths(Map<String, String> env, String osName, Path home, Path cwd) {
        List<Path> out = new ArrayList<>();
        out.add(Path.of(bsdLayout(osName) ? "/usr/local/etc/fips/fips.yaml" : "/etc/fips/fips.yaml"));
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            out.add(Path.of(xdg, "fips", "fips.yaml"));
        } else if (home != null) {
            out.add(home.resolve(".config").resolve("fips").resolve("fips.yaml"));
        }
        if (home != null) {
            out.add(home.resolve(".fips.yaml"));
        }
        out.add(cwd.resolve("fips.yaml"));
        return out;
    }

    /** macOS and FreeBSD keep the system files under {@code /usr/local/etc/fips} (INTEROP.md 1.3, 9.6). */
    static boolean bsdLayout(String osName) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        return os.contains("mac") || os.contains("darwin") || os.contains("freebsd");
    }

    /** {@code -c FILE}: that file alone; it must exist. */
    public static Loaded loadExplicit(Path file) throws ConfigException {
        Path abs = file.toAbsolutePath().normalize();
        Map<String, Object> tree = YamlLoader.load(abs);
        return new Loaded(List.of(abs), tree, abs.getParent());
    }

    /** Every existing file of {@code candidates}, merged lowest priority first. */
    public static Loaded loadSearchPath(List<Path> candidates) throws ConfigException {
        List<Path> read = new ArrayList<>();
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Path c : candidates) {
            Path abs = c.toAbsolutePath().normalize();
            // ./fips.yaml is the system file when the daemon runs in /etc/fips: read it once.
            if (!Files.exists(abs) || read.contains(abs)) continue;
            tree = merge(tree, YamlLoader.load(abs));
            read.add(abs);
        }
        return new Loaded(read, tree, read.isEmpty() ? null : read.get(read.size() - 1).getParent());
    }

    /**
     * {@code high} over {@code low}: mappings merge recursively, everything else
     * is replaced. An empty value over a mapping (a section header whose keys
     * are all commented out, as in the packaged file's {@code identity:}) leaves
     * the lower mapping in place: to the mapper an empty section and an absent
     * one are the same.
     */
    static Map<String, Object> merge(Map<String, Object> low, Map<String, Object> high) {
        Map<String, Object> out = new LinkedHashMap<>(low);
        for (Map.Entry<String, Object> e : high.entrySet()) {
            Object lo = out.get(e.getKey());
            Object hi = e.getValue();
            if (hi == null && lo instanceof Map<?, ?>) continue;
            if (lo instanceof Map<?, ?> lm && hi instanceof Map<?, ?> hm) {
                @SuppressWarnings("unchecked")
                Map<String, Object> merged = merge((Map<String, Object>) lm, (Map<String, Object>) hm);
                out.put(e.getKey(), merged);
            } else {
                out.put(e.getKey(), hi);
            }
        }
        return out;
    }
}
