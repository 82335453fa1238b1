package fips.launcher.internal.top;

import fips.launcher.internal.control.ControlClient;
import fips.launcher.internal.control.SocketPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The sockets fipstop polls and their default paths: the daemon's resolves as every client's does
 * ({@link SocketPaths}); the gateway's follows the same order with {@code gateway.sock} and the
 * {@code /tmp/fips-gateway.sock} fallback (reference/cli-fipstop.md "Files").
 */
public final class TopSources {
    private TopSources() {}

    public static final String GATEWAY_SOCKET_NAME = "gateway.sock";
    public static final Path GATEWAY_TMP_FALLBACK = Path.of("/tmp/fips-gateway.sock");

    public static Path defaultDaemonSocket(Map<String, String> env) {
        return SocketPaths.defaultPath(env, System.getProperty("os.name", ""), Files::isDirectory);
    }

    public static Path defaultGatewaySocket(Map<String, String> env) {
        if (Files.isDirectory(SocketPaths.RUN_DIR)) return SocketPaths.RUN_DIR.resolve(GATEWAY_SOCKET_NAME);
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg, "fips", GATEWAY_SOCKET_NAME);
        return GATEWAY_TMP_FALLBACK;
    }

    /** Longest wait for one reply: the refresh interval, within [1 s, 5 s] (the daemon's own I/O timeout). */
    static Duration timeout(long refreshMs) {
        return Duration.ofMillis(Math.max(1000, Math.min(5000, refreshMs)));
    }

    public static TopSource daemon(Path socket, long refreshMs) {
        return new ControlClientSource(new ControlClient(socket, timeout(refreshMs)));
    }

    public static TopSource gateway(Path socket, long refreshMs) {
        return new ControlClientSource(new ControlClient(socket, timeout(refreshMs)));
    }
}
