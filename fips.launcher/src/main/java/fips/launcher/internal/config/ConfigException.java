package fips.launcher.internal.config;

/**
 * A configuration the daemon cannot run with. The message is one line an
 * operator can act on: the key path (e.g. {@code peers[1].adress}) and what
 * is wrong with it, never key material.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code path: problem}. */
    static ConfigException at(String path, String problem) {
        return new ConfigException(path + ": " + problem);
    }
}
