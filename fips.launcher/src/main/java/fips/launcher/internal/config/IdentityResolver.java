package fips.launcher.internal.config;

import fips.identity.Identity;
import fips.identity.KeyFileException;
import fips.identity.KeyFiles;
import fips.identity.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The node key, by the precedence of INTEROP.md 1.3 (reference/configuration.md
 * "Identity"):
 *
 * <ol>
 * <li>{@code node.identity.nsec} wins; no file is read or written.</li>
 * <li>{@code persistent: true}: the {@code fips.key} beside the configuration
 *     is reused; without one a key is generated and both files are written.</li>
 * <li>{@code persistent: false} (the default): a fresh key every start,
 *     written over {@code fips.key}/{@code fips.pub} so an operator can see
 *     it, with a warning when that replaces an existing key.</li>
 * </ol>
 *
 * <p>With no configuration file at all there is no directory to write to
 * (see {@link ConfigSources}): the key is ephemeral and not saved.
 */
public final class IdentityResolver {
    private IdentityResolver() {}

    /** Where the identity came from, as one phrase for the startup log. */
    public enum Source {
        CONFIG_NSEC, PERSISTENT_LOADED, PERSISTENT_GENERATED, EPHEMERAL_WRITTEN, EPHEMERAL_UNSAVED
    }

    /**
     * The outcome.
     *
     * @param description how the key was obtained, for the log
     * @param warnings lines the caller logs at WARN
     */
    public record Resolved(Identity identity, Source source, String description, List<String> warnings) {
        public Resolved {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param keyDir the directory of fips.key/fips.pub, or null when no configuration file was read
     * @throws ConfigException if a key file cannot be read or (persistent) written
     */
    public static Resolved resolve(IdentityConfig cfg, Path keyDir, Random rng) throws ConfigException {
        List<String> warnings = new ArrayList<>();
        if (cfg.nsec() != null) {
            return new Resolved(Identity.of(cfg.nsec()), Source.CONFIG_NSEC, "from node.identity.nsec", warnings);
        }
        if (keyDir == null) {
            return new Resolved(Identity.of(SecretKey.generate(rng)), Source.EPHEMERAL_UNSAVED,
                    "ephemeral (no configuration file, so no key file is written)", warnings);
        }
        Path keyFile = KeyFiles.keyPath(keyDir);
        boolean keyExists = Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS);
        if (cfg.persistent()) {
            if (keyExists) {
                SecretKey sk;
                try {
                    sk = KeyFiles.readSecret(keyFile, warnings);
                } catch (KeyFileException e) {
                    throw new ConfigException("node.identity.persistent: " + e.getMessage(), e);
                }
                refreshPubFile(keyDir, sk, warnings);
                return new Resolved(Identity.of(sk), Source.PERSISTENT_LOADED, "persistent, loaded from " + keyFile, warnings);
            }
            SecretKey sk = SecretKey.generate(rng);
            try {
                KeyFiles.write(keyDir, sk, false);
            } catch (KeyFileException e) {
                throw new ConfigException("node.identity.persistent: " + e.getMessage(), e);
            }
            return new Resolved(Identity.of(sk), Source.PERSISTENT_GENERATED,
                    "persistent, new key saved to " + keyFile, warnings);
        }
        SecretKey sk = SecretKey.generate(rng);
        if (keyExists) {
            warnings.add("replacing " + keyFile + " with a new identity: node.identity.persistent is false"
                    + " (set it to true to keep one identity across restarts)");
        }
        try {
            KeyFiles.write(keyDir, sk, true);
        } catch (KeyFileException e) {
            // The key is in memory; the files are only for the operator to read (INTEROP.md 1.3).
            warnings.add("ephemeral identity not written to " + keyDir + ": " + e.getMessage());
            return new Resolved(Identity.of(sk), Source.EPHEMERAL_UNSAVED, "ephemeral (not saved)", warnings);
        }
        return new Resolved(Identity.of(sk), Source.EPHEMERAL_WRITTEN, "ephemeral, written to " + keyFile, warnings);
    }

    /**
     * INTEROP.md 1.3 "fips.pub content": rewritten on every start. Only when it
     * differs, so a reused identity leaves a correct file untouched; never
     * through a symlink.
     */
    private static void refreshPubFile(Path keyDir, SecretKey sk, List<String> warnings) {
        Path pub = KeyFiles.pubPath(keyDir);
        String want = sk.publicKey().npub() + "\n";
        try {
            if (Files.isSymbolicLink(pub)) {
                warnings.add("public key file " + pub + " is a symbolic link; not rewriting it");
                return;
            }
            if (Files.exists(pub, LinkOption.NOFOLLOW_LINKS)
                    && Arrays.equals(Files.readAllBytes(pub), want.getBytes(StandardCharsets.US_ASCII))) {
                return;
            }
            Files.writeString(pub, want, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            warnings.add("cannot update public key file " + pub + ": " + e.getMessage());
        }
    }
}
