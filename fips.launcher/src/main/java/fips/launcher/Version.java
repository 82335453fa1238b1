package fips.launcher;

/** Version strings printed by the commands. */
public final class Version {
    public static final String VERSION = "0.1.0-dev";
    public static final String NAME = "FIPS for Java";

    private Version() {}

    public static String shortVersion(String command) {
        return command + " " + VERSION;
    }

    public static String longVersion(String command) {
        return command + " " + VERSION + " (" + NAME + "; Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }
}
