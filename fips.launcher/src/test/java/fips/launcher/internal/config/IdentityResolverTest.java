package fips.launcher.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.KeyFiles;
import fips.identity.SecretKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INTEROP.md 1.3 "Precedence": nsec in config, then persistent key file, then ephemeral. */
class IdentityResolverTest {
    final Random rng = new Random(7);
    final SecretKey k1 = SecretKey.generate(new Random(1));
    final SecretKey k2 = SecretKey.generate(new Random(2));

    @Test
    @DisplayName("node.identity.nsec wins over an existing key file and persistent; nothing is written")
    void nsecWins(@TempDir Path dir) throws Exception {
        KeyFiles.write(dir, k1, false);
        String before = Files.readString(KeyFiles.keyPath(dir));
        IdentityResolver.Resolved r = IdentityResolver.resolve(new IdentityConfig(k2, true), dir, rng);
        assertEquals(k2.publicKey(), r.identity().publicKey());
        assertEquals(IdentityResolver.Source.CONFIG_NSEC, r.source());
        assertEquals(before, Files.readString(KeyFiles.keyPath(dir)));
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    @DisplayName("persistent: the first start generates and writes fips.key/fips.pub; the next reuses them")
    void persistentReuses(@TempDir Path dir) throws Exception {
        IdentityResolver.Resolved first = IdentityResolver.resolve(new IdentityConfig(null, true), dir, rng);
        assertEquals(IdentityResolver.Source.PERSISTENT_GENERATED, first.source());
        assertTrue(Files.exists(KeyFiles.keyPath(dir)));
        assertEquals(first.identity().npub() + "\n", Files.readString(KeyFiles.pubPath(dir)));
        IdentityResolver.Resolved second = IdentityResolver.resolve(new IdentityConfig(null, true), dir, rng);
        assertEquals(IdentityResolver.Source.PERSISTENT_LOADED, second.source());
        assertEquals(first.identity().publicKey(), second.identity().publicKey());
    }

    @Test
    @DisplayName("persistent: an existing fips.key (e.g. from fipsctl keygen) is used; a stale fips.pub is rewritten")
    void persistentUsesExistingKey(@TempDir Path dir) throws Exception {
        KeyFiles.write(dir, k1, false);
        Files.writeString(KeyFiles.pubPath(dir), "stale\n");
        IdentityResolver.Resolved r = IdentityResolver.resolve(new IdentityConfig(null, true), dir, rng);
        assertEquals(k1.publicKey(), r.identity().publicKey());
        assertEquals(k1.publicKey().npub() + "\n", Files.readString(KeyFiles.pubPath(dir)));
    }

    @Test
    @DisplayName("not persistent (default): a fresh key every start, written over the files, with a warning")
    void ephemeralOverwritesAndWarns(@TempDir Path dir) throws Exception {
        KeyFiles.write(dir, k1, false);
        IdentityResolver.Resolved r = IdentityResolver.resolve(new IdentityConfig(null, false), dir, rng);
        assertEquals(IdentityResolver.Source.EPHEMERAL_WRITTEN, r.source());
        assertNotEquals(k1.publicKey(), r.identity().publicKey());
        assertEquals(r.identity().publicKey(), KeyFiles.readSecret(KeyFiles.keyPath(dir)).publicKey());
        assertEquals(r.identity().npub() + "\n", Files.readString(KeyFiles.pubPath(dir)));
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).startsWith("replacing " + KeyFiles.keyPath(dir)), r.warnings().get(0));
        IdentityResolver.Resolved again = IdentityResolver.resolve(new IdentityConfig(null, false), dir, rng);
        assertNotEquals(r.identity().publicKey(), again.identity().publicKey());
    }

    @Test
    @DisplayName("not persistent, first start: written, no warning")
    void ephemeralFirstStart(@TempDir Path dir) throws Exception {
        IdentityResolver.Resolved r = IdentityResolver.resolve(new IdentityConfig(null, false), dir, rng);
        assertTrue(r.warnings().isEmpty());
        assertTrue(Files.exists(KeyFiles.keyPath(dir)));
    }

    @Test
    @DisplayName("no configuration file: ephemeral and unsaved")
    void noConfigFile() throws Exception {
        IdentityResolver.Resolved r = IdentityResolver.resolve(new IdentityConfig(null, true), null, rng);
        assertEquals(IdentityResolver.Source.EPHEMERAL_UNSAVED, r.source());
    }

    @Test
    @DisplayName("persistent: an unusable key file is an error naming it, without key material")
    void badKeyFile(@TempDir Path dir) throws Exception {
        Path key = KeyFiles.keyPath(dir);
        Files.writeString(key, "not a key\n");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String msg = assertThrows(ConfigException.class,
                () -> IdentityResolver.resolve(new IdentityConfig(null, true), dir, rng)).getMessage();
        assertTrue(msg.startsWith("node.identity.persistent: key file " + key), msg);
        assertFalse(msg.contains("not a key"), msg);
    }
}
