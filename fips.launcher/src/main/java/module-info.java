/**
 * The commands: {@code fips} (the daemon: YAML configuration, identity, node
 * assembly and threads), {@code fipsctl} ({@code keygen}, {@code vectors
 * check}); {@code fipstop} and the control socket as the later layers land.
 *
 * <p>Transports are not {@code requires}d: {@code fips.link} {@code uses}
 * {@code TransportProvider}, so every transport module on the module path is
 * bound at start-up by service binding, and a jlink image carries the ones it
 * was linked with ({@code jlink --bind-services}, or naming them in
 * {@code --add-modules}). See the comment in this module's pom.xml.
 *
 * <p>Spec: reference/cli-fipsctl.md, cli-fips.md, configuration.md, control-socket.md.
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
