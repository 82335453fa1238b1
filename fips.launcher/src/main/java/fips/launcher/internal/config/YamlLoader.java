package fips.launcher.internal.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML text to plain nodes: {@code Map<String, Object>} (insertion-ordered),
 * {@code List<Object>}, {@code String}, {@code Integer}/{@code Long}/
 * {@code BigInteger}, {@code Double}, {@code Boolean} and {@code null}.
 *
 * <p>Only SnakeYAML's {@link SafeConstructor} is used, so no tag can name a
 * Java type. A configuration file is small and written by hand, so the limits
 * are tight: {@link #MAX_FILE_BYTES}, a nesting depth of
 * {@link #MAX_NESTING_DEPTH}, at most {@link #MAX_ALIASES} aliases (no alias
 * bombs), no recursive keys and no duplicate keys. One document per file; an
 * empty file is an empty map.
 */
public final class YamlLoader {
    /** Larger than any real configuration; refused before parsing. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_ALIASES = 32;

    private YamlLoader() {}

    /** Reads and parses one file; {@code source} in messages is the path. */
    public static Map<String, Object> load(Path file) throws ConfigException {
        byte[] raw;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file + ": is a directory, expected a YAML file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(file + ": " + size + " bytes, larger than the " + MAX_FILE_BYTES
                        + "-byte limit for a configuration file");
            }
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (raw.length > MAX_FILE_BYTES) {
            throw new ConfigException(file + ": larger than the " + MAX_FILE_BYTES + "-byte limit for a configuration file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses one YAML document.
     *
     * @param source names the text in messages (a path, or e.g. {@code <test>})
     * @throws ConfigException with {@code source: line L, column C: problem} for a syntax error,
     *     or when the top level is not a mapping
     */
    public static Map<String, Object> parse(String text, String source) throws ConfigException {
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false);
        lo.setMaxAliasesForCollections(MAX_ALIASES);
        lo.setAllowRecursiveKeys(false);
        lo.setNestingDepthLimit(MAX_NESTING_DEPTH);
        lo.setCodePointLimit(MAX_FILE_BYTES);
        lo.setProcessComments(false);
        lo.setWrappedToRootException(false);
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(lo), new Representer(dumper), dumper, lo);
        Object doc;
        try {
            doc = yaml.load(text);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(source + ": " + where(e.getProblemMark()) + oneLine(e.getProblem()), e);
        } catch (YAMLException e) {
            throw new ConfigException(source + ": " + oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // SnakeYAML reports some limits with plain runtime exceptions.
            throw new ConfigException(source + ": cannot parse: " + oneLine(String.valueOf(e.getMessage())), e);
        }
        if (doc == null) {
            return new LinkedHashMap<>();
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new ConfigException(source + ": the top level must be a mapping (node:, transports:, peers:, ...), got "
                    + Section.describe(doc));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) m;
        for (Object k : top.keySet()) {
            if (!(k instanceof String)) {
                throw new ConfigException(source + ": top-level key " + Section.describe(k) + " is not a string");
            }
        }
        return top;
    }

    private static String where(Mark m) {
        return m == null ? "" : "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ";
    }

    private static String oneLine(String s) {
        return s == null ? "syntax error" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
