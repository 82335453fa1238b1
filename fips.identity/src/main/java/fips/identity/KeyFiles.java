package fips.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code fips.key} / {@code fips.pub} pair kept in the configuration
 * directory (INTEROP.md 1.3; reference/configuration.md "Identity";
 * reference/cli-fipsctl.md "keygen").
 *
 * <p>Contract:
 * <ul>
 * <li>{@code fips.key} holds one nsec line; reading trims whitespace and accepts
 *     an nsec or 64 hex digits ({@link SecretKey#parse}).</li>
 * <li>Reading refuses a symlink, a non-regular file and, stricter than upstream
 *     by product decision, a key file whose mode lets other users read or write
 *     it ({@code o+r} or {@code o+w}). Group bits (and {@code o+x}) are reported
 *     as warnings the caller should log; upstream only warns for all of them.</li>
 * <li>Writing opens without following symlinks, creates {@code fips.key} with
 *     mode 0600 and forces 0600 on an existing file before writing to it;
 *     {@code fips.pub} (one npub line) gets mode 0644 when it is created and
 *     keeps whatever mode an existing file has.</li>
 * <li>Every failure is a {@link KeyFileException} naming the path and the
 *     operating-system error; no message contains key material.</li>
 * </ul>
 *
 * <p>Modes are only checked and set on file systems with POSIX attributes.
 */
public final class KeyFiles {
    public static final String KEY_FILE_NAME = "fips.key";
    public static final String PUB_FILE_NAME = "fips.pub";

    /** A valid key file is one line of at most 64 characters; anything far larger is not a key file. */
    static final int MAX_KEY_FILE_BYTES = 4096;

    static final int MODE_KEY = 0600;
    static final int MODE_PUB = 0644;
    /** Others may read or write: refused. */
    static final int MODE_REFUSED_BITS = 0006;
    /** Group bits and others-execute: a warning. */
    static final int MODE_WARNED_BITS = 0071;

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private KeyFiles() {}

    public static Path keyPath(Path dir) {
        return dir.resolve(KEY_FILE_NAME);
    }

    public static Path pubPath(Path dir) {
        return dir.resolve(PUB_FILE_NAME);
    }

    /**
     * Reads a secret key file, dropping permission warnings. Prefer
     * {@link #readSecret(Path, List)} where there is a log to write them to.
     */
    public static SecretKey readSecret(Path keyFile) {
        return readSecret(keyFile, new ArrayList<>());
    }

    /**
     * Reads a secret key file (see the class contract), appending one
     * human-readable line per permission warning to {@code warnings}.
     *
     * @throws KeyFileException if the file cannot be used
     */
    public static SecretKey readSecret(Path keyFile, List<String> warnings) {
        checkBeforeRead(keyFile, warnings);
        byte[] raw = readSmallFile(keyFile);
        String text = new String(raw, StandardCharsets.UTF_8).strip();
        Arrays.fill(raw, (byte) 0);
        if (text.isEmpty()) {
            throw new KeyFileException("key file " + keyFile + " is empty; expected an nsec1... line"
                    + " (generate one with fipsctl keygen)");
        }
        try {
            return SecretKey.parse(text);
        } catch (KeyFormatException e) {
            throw new KeyFileException("key file " + keyFile + " does not hold a valid secret key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code fips.key} ({@code nsec} line, mode 0600) and {@code fips.pub}
     * ({@code npub} line, 0644 when created) into {@code dir}, creating the
     * directory if needed.
     *
     * @param overwrite replace an existing {@code fips.key}; without it an existing key file is an error
     * @throws KeyFileException if a file is a symlink, the key file exists and
     *     {@code overwrite} is false, or an I/O operation fails
     */
    public static void write(Path dir, SecretKey sk, boolean overwrite) {
        Path key = keyPath(dir);
        Path pub = pubPath(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KeyFileException("cannot create key directory " + dir + ": " + osError(e), e);
        }
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        refuseSymlink(key, "key file");
        refuseSymlink(pub, "public key file");
        if (!overwrite && Files.exists(key, NOFOLLOW)) {
            throw alreadyExists(key);
        }
        writeKey(key, (sk.nsec() + "\n").getBytes(StandardCharsets.US_ASCII), overwrite, posix);
        writePub(pub, (sk.publicKey().npub() + "\n").getBytes(StandardCharsets.US_ASCII), posix);
    }

    private static void checkBeforeRead(Path keyFile, List<String> warnings) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(keyFile, BasicFileAttributes.class, NOFOLLOW);
        } catch (IOException e) {
            throw new KeyFileException("cannot read key file " + keyFile + ": " + osError(e), e);
        }
        if (attrs.isSymbolicLink()) {
            throw new KeyFileException("key file " + keyFile + " is a symbolic link; refusing to follow it"
                    + " (replace it with the key file itself)");
        }
        if (!attrs.isRegularFile()) {
            throw new KeyFileException("key file " + keyFile + " is not a regular file");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class, NOFOLLOW);
        if (view == null) {
            return;
        }
        int mode;
        try {
            mode = toMode(view.readAttributes().permissions());
        } catch (IOException e) {
            throw new KeyFileException("cannot read the permissions of key file " + keyFile + ": " + osError(e), e);
        }
        if ((mode & MODE_REFUSED_BITS) != 0) {
            throw new KeyFileException(String.format(
                    "key file %s has mode %04o, so other users can read or write it; refusing to load it."
                            + " Fix: chmod 600 %s", keyFile, mode, keyFile));
        }
        if ((mode & MODE_WARNED_BITS) != 0) {
            warnings.add(String.format("key file %s has mode %04o, wider than 0600; consider chmod 600 %s",
                    keyFile, mode, keyFile));
        }
    }

    private static byte[] readSmallFile(Path keyFile) {
        try (SeekableByteChannel ch = Files.newByteChannel(keyFile,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buf = ByteBuffer.allocate(MAX_KEY_FILE_BYTES + 1);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read until EOF or one byte past the limit
            }
            if (!buf.hasRemaining()) {
                throw new KeyFileException("key file " + keyFile + " is larger than " + MAX_KEY_FILE_BYTES
                        + " bytes; it is not a key file");
            }
            byte[] out = Arrays.copyOf(buf.array(), buf.position());
            Arrays.fill(buf.array(), (byte) 0);
            return out;
        } catch (IOException e) {
            throw new KeyFileException("cannot read key file " + keyFile + ": " + osError(e), e);
        }
    }

    private static void writeKey(Path key, byte[] content, boolean overwrite, boolean posix) {
        Set<OpenOption> options = new HashSet<>(List.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
        if (overwrite) {
            options.add(StandardOpenOption.CREATE);
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            options.add(StandardOpenOption.CREATE_NEW); // closes the race with the exists() check
        }
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {permissions(MODE_KEY)} : new FileAttribute<?>[0];
        try (SeekableByteChannel ch = Files.newByteChannel(key, options, attrs)) {
            if (posix) {
                // An existing file keeps its old mode on open; tighten it before any key byte goes in.
                // The NOFOLLOW view changes the mode of the file itself, never a symlink target.
                Files.getFileAttributeView(key, PosixFileAttributeView.class, NOFOLLOW)
                        .setPermissions(fromMode(MODE_KEY));
            }
            writeFully(ch, content);
            if (ch instanceof FileChannel fc) {
                fc.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(key);
        } catch (IOException e) {
            throw new KeyFileException("cannot write key file " + key + ": " + osError(e), e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static void writePub(Path pub, byte[] content, boolean posix) {
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {permissions(MODE_PUB)} : new FileAttribute<?>[0];
        boolean created = true;
        SeekableByteChannel ch;
        try {
            try {
                ch = Files.newByteChannel(pub, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                        LinkOption.NOFOLLOW_LINKS), attrs);
            } catch (FileAlreadyExistsException e) {
                created = false;
                ch = Files.newByteChannel(pub, Set.of(StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS));
            }
            try (SeekableByteChannel open = ch) {
                if (created && posix) {
                    // The umask may have narrowed the creation mode; the public key is meant to be world-readable.
                    Files.getFileAttributeView(pub, PosixFileAttributeView.class, NOFOLLOW)
                            .setPermissions(fromMode(MODE_PUB));
                }
                writeFully(open, content);
            }
        } catch (IOException e) {
            throw new KeyFileException("cannot write public key file " + pub + ": " + osError(e), e);
        }
    }

    private static void writeFully(SeekableByteChannel ch, byte[] content) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void refuseSymlink(Path path, String what) {
        if (Files.isSymbolicLink(path)) {
            throw new KeyFileException(what + " " + path + " is a symbolic link; refusing to write through it"
                    + " (remove the link first)");
        }
    }

    private static KeyFileException alreadyExists(Path key) {
        return new KeyFileException("key file " + key + " already exists; refusing to overwrite it"
                + " (use --force to replace it)");
    }

    private static FileAttribute<Set<PosixFilePermission>> permissions(int mode) {
        return PosixFilePermissions.asFileAttribute(fromMode(mode));
    }

    // PosixFilePermission declares OWNER_READ .. OTHERS_EXECUTE in the order of the bits 0400 .. 0001.
    static int toMode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 0400 >> p.ordinal();
        }
        return mode;
    }

    static Set<PosixFilePermission> fromMode(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (0400 >> p.ordinal())) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }

    /** The operating system's reason, without the path (callers put the path in their own words). */
    static String osError(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file exists";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
