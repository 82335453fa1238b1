/**
 * The commands: {@code fips} (the daemon: YAML configuration, identity, node
 * assembly and threads, the TUN and DNS drivers, the control socket),
 * {@code fipsctl} (control-socket queries and commands, {@code keygen},
 * {@code vectors check}) and {@code fipstop} (the terminal dashboard).
 *
 * <p>Transports are not {@code requires}d: {@code fips.link} {@code uses}
 * {@code TransportProvider}, so every transport module on the module path is
 * bound at start-up by service binding. The jlink image is linked from every
 * module in {@code target/modules} (the transports this pom lists), not with
 * {@code --bind-services}, which would pull in JDK modules nothing uses; see
 * this module's pom.xml.
 *
 * <p>Native access: fipstop sets the terminal's raw mode through FFM termios,
 * so this module is granted {@code --enable-native-access} beside
 * {@code fips.noise} and {@code fips.sys}.
 *
 * <p>Spec: reference/cli-fips.md, cli-fipsctl.md, cli-fipstop.md,
 * configuration.md, control-socket.md.
 */
module fips.launcher {
    requires fips.ipv6;
    requires fips.json;
    requires fips.identity;
    requires fips.link;
    requires fips.fmp;
    requires fips.sys;
    requires org.yaml.snakeyaml;

    // System.Logger output of every module (the transports') goes to the daemon's log.
    provides java.lang.System.LoggerFinder with fips.launcher.internal.log.SystemLoggerBridge;
}
