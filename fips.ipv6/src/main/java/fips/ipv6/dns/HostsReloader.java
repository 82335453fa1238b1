package fips.ipv6.dns;

import fips.identity.PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps a {@link HostMap} in step with the hosts file (INTEROP.md 9.6
 * "Reload"): {@link #check} looks at the file's modification time (and size
 * and existence) and reloads when any changed; a removed file leaves the peer
 * aliases only. The driver calls it before each DNS query and on its tick.
 * Parsing is {@link HostsFile}'s; this class is only the file I/O.
 *
 * <p>A file that exists but cannot be read (or is larger than
 * {@link #MAX_FILE_BYTES}) is reported as a problem on line 0 and the previous
 * map is kept until the file changes again. Owned by one thread.
 */
public final class HostsReloader {
    /** A hosts file larger than this is not read (local tuning). */
    public static final long MAX_FILE_BYTES = 4L << 20;

    private final Path file;
    private final Map<String, PublicKey> peerAliases;
    private final Consumer<HostsFile.Problem> problemSink;

    private boolean checked;
    private boolean existed;
    private FileTime mtime;
    private long size;
    private HostMap current;
    private List<HostsFile.Problem> lastProblems = List.of();
    private long reloads;

    /**
     * @param file the hosts file ({@link HostsFile#DEFAULT_PATH} by default); it may not exist
     * @param peerAliases {@code peers[].alias} names, overridden by the file
     * @param problemSink told each skipped line once per load (the daemon logs it)
     */
    public HostsReloader(Path file, Map<String, PublicKey> peerAliases, Consumer<HostsFile.Problem> problemSink) {
        this.file = Objects.requireNonNull(file, "file");
        this.peerAliases = Map.copyOf(peerAliases);
        this.problemSink = Objects.requireNonNull(problemSink, "problemSink");
        this.current = HostMap.merge(this.peerAliases, Map.of());
    }

    public Path file() {
        return file;
    }

    /** The map as of the last {@link #check} (aliases only before the first). */
    public HostMap current() {
        return current;
    }

    /** Problems found by the last load. */
    public List<HostsFile.Problem> lastProblems() {
        return lastProblems;
    }

    /** Loads done so far (including the first and removals). */
    public long reloads() {
        return reloads;
    }

    /**
     * Stats the file and reloads it if it appeared, disappeared, or its
     * modification time or size changed since the last look.
     *
     * @return whether the map was reloaded
     */
    public boolean check() {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            attrs = null;
        } catch (IOException e) {
            attrs = null; // unreachable directory and the like: as good as absent
        }
        if (attrs == null) {
            if (checked && !existed) {
                return false;
            }
            checked = true;
            existed = false;
            mtime = null;
            size = -1;
            current = HostMap.merge(peerAliases, Map.of());
            lastProblems = List.of();
            reloads++;
            return true;
        }
        if (checked && existed && attrs.lastModifiedTime().equals(mtime) && attrs.size() == size) {
            return false;
        }
        checked = true;
        existed = true;
        mtime = attrs.lastModifiedTime();
        size = attrs.size();
        reloads++;
        if (size > MAX_FILE_BYTES) {
            report(List.of(new HostsFile.Problem(0, file + " is " + size + " bytes, more than " + MAX_FILE_BYTES
                    + "; not read")));
            return true;
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            report(List.of(new HostsFile.Problem(0, "cannot read " + file + ": " + e)));
            return true;
        }
        HostsFile.Parsed parsed = HostsFile.parse(text);
        current = HostMap.merge(peerAliases, parsed.entries());
        report(parsed.problems());
        return true;
    }

    private void report(List<HostsFile.Problem> problems) {
        lastProblems = problems;
        for (HostsFile.Problem p : problems) {
            problemSink.accept(p);
        }
    }
}
