package fips.launcher.internal.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code node.control.*} (reference/configuration.md "Control Socket";
 * reference/control-socket.md "Connection").
 *
 * @param enabled {@code node.control.enabled}, default true
 * @param socketPath {@code node.control.socket_path}, or null for the automatic path of
 *     {@link #defaultSocketPath}
 */
public record ControlConfig(boolean enabled, Path socketPath) {
    /**
     * The longest Unix socket path: {@code sockaddr_un.sun_path} is 108 bytes
     * on Linux, including the terminating NUL.
     */
    public static final int MAX_SOCKET_PATH_BYTES = 107;

    public static ControlConfig defaults() {
        return new ControlConfig(true, null);
    }

    /** The path to bind (daemon) or connect to (clients): the configured one, else {@link #defaultSocketPath}. */
    public Path resolveSocketPath(Map<String, String> env, String osName, Predicate<Path> isDirectory) {
        return socketPath != null ? socketPath : defaultSocketPath(env, osName, isDirectory);
    }

    /**
     * The automatic control socket path, shared by the daemon and its clients
     * (reference/control-socket.md "Connection", Unix): {@code /run/fips/control.sock}
     * when {@code /run/fips} is a directory; on macOS and FreeBSD
     * {@code /var/run/fips/control.sock} when that directory exists; then
     * {@code $XDG_RUNTIME_DIR/fips/control.sock}; else {@code /tmp/fips-control.sock}.
     *
     * @param isDirectory the file-system probe ({@code Files::isDirectory} outside tests)
     */
    public static Path defaultSocketPath(Map<String, String> env, String osName, Predicate<Path> isDirectory) {
        // One resolver for the daemon and every client: the control package's.
        return fips.launcher.internal.control.SocketPaths.defaultPath(env, osName, isDirectory);
    }
}
