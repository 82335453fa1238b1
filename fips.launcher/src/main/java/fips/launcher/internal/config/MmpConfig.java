package fips.launcher.internal.config;

import java.util.Locale;

/**
 * {@code node.mmp.*} or {@code node.session_mmp.*} (reference/configuration.md
 * "Link-Layer MMP", "Session-Layer MMP"; INTEROP.md 10.4).
 *
 * @param mode {@code mode}: which reports are sent
 * @param logIntervalMs {@code log_interval_secs}, in ms: the operator log line period
 * @param owdWindowSize {@code owd_window_size}: one-way-delay trend samples kept
 */
public record MmpConfig(Mode mode, long logIntervalMs, int owdWindowSize) {
    /** {@code full}: sender and receiver reports; {@code lightweight}: receiver reports; {@code minimal}: none. */
    public enum Mode {
        FULL, LIGHTWEIGHT, MINIMAL;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MmpConfig {
        if (mode == null || logIntervalMs <= 0 || owdWindowSize <= 0) {
            throw new IllegalArgumentException("mode=" + mode + " logIntervalMs=" + logIntervalMs
                    + " owdWindowSize=" + owdWindowSize);
        }
    }

    public static MmpConfig defaults() {
        return new MmpConfig(Mode.FULL, 30_000, 32);
    }
}
