package fips.launcher.internal.config;

import java.nio.file.Path;

/**
 * {@code node.native_api.*} (reference/configuration.md "Native Datagram API").
 * Not built: the keys are checked, and {@code enabled: true} is reported in
 * {@link FipsConfig#warnings()}.
 *
 * @param enabled {@code node.native_api.enabled}
 * @param socketPath {@code node.native_api.socket_path}, or null for automatic
 * @param pendingPerFlow {@code node.native_api.pending_per_flow}, 1..64
 * @param backlog {@code node.native_api.backlog}, at least 1
 * @param maxFlows {@code node.native_api.max_flows}
 * @param debugCommands {@code node.native_api.debug_commands}
 */
public record NativeApiConfig(boolean enabled, Path socketPath, int pendingPerFlow, int backlog, int maxFlows,
                              boolean debugCommands) {
    public static NativeApiConfig defaults() {
        return new NativeApiConfig(false, null, 16, 16, 256, false);
    }
}
