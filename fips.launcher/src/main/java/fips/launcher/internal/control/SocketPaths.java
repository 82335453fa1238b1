package fips.launcher.internal.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the control socket lives (reference/control-socket.md "Connection",
 * "Unix"; configuration.md {@code node.control.socket_path}). The daemon and
 * the clients resolve it the same way, so a client finds the daemon without
 * being told.
 *
 * <p>Not done here: the privileged macOS daemon that picks
 * {@code /var/run/fips/control.sock} before its directory exists (this build
 * runs the daemon on Linux only); Windows' TCP port.
 */
public final class SocketPaths {
    private SocketPaths() {}

    public static final Path RUN_DIR = Path.of("/run/fips");
    public static final Path VAR_RUN_DIR = Path.of("/var/run/fips");
    public static final String SOCKET_NAME = "control.sock";
    public static final Path TMP_FALLBACK = Path.of("/tmp/fips-control.sock");
    /** The group the socket and its private directory are given (reference/control-socket.md "Unix"). */
    public static final String GROUP = "fips";

    /** {@code configured} ({@code node.control.socket_path}) if set, else {@link #defaultPath()}. */
    public static Path resolve(String configured) {
        return configured != null && !configured.isBlank() ? Path.of(configured) : defaultPath();
    }

    /** The default socket path of this process's environment. */
    public static Path defaultPath() {
        return defaultPath(System.getenv(), System.getProperty("os.name", ""), Files::isDirectory);
    }

    /**
     * The default path, in the reference's order: {@code /run/fips} if it is a
     * directory; on macOS and FreeBSD {@code /var/run/fips} if it is one;
     * {@code $XDG_RUNTIME_DIR/fips}; {@code /tmp/fips-control.sock}.
     */
    public static Path defaultPath(Map<String, String> env, String osName, Predicate<Path> isDirectory) {
        if (isDirectory.test(RUN_DIR)) {
            return RUN_DIR.resolve(SOCKET_NAME);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if ((os.contains("mac") || os.contains("freebsd")) && isDirectory.test(VAR_RUN_DIR)) {
            return VAR_RUN_DIR.resolve(SOCKET_NAME);
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) { // a relative one is invalid (XDG spec)
            return Path.of(xdg, "fips", SOCKET_NAME);
        }
        return TMP_FALLBACK;
    }

    /**
     * True if {@code dir} is one of the canonical runtime directories whose
     * mode and group the daemon sets even when it did not create them
     * ({@code /run/fips}, {@code /var/run/fips}, {@code $XDG_RUNTIME_DIR/fips}).
     */
    public static boolean isCanonicalDir(Path dir, Map<String, String> env) {
        Path d = dir.toAbsolutePath().normalize();
        if (d.equals(RUN_DIR) || d.equals(VAR_RUN_DIR)) {
            return true;
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        return xdg != null && !xdg.isEmpty() && d.equals(Path.of(xdg, "fips").toAbsolutePath().normalize());
    }
}
