package fips.launcher.internal.config;

/**
 * {@code node.ecn.*} (reference/configuration.md "ECN Signaling"; INTEROP.md 11).
 *
 * @param enabled {@code node.ecn.enabled}: CE relay and local congestion detection
 * @param lossThreshold {@code node.ecn.loss_threshold}: outgoing-link loss rate, 0..1, at which forwarded packets are CE-marked
 * @param etxThreshold {@code node.ecn.etx_threshold}: outgoing-link ETX, at least 1, at which forwarded packets are CE-marked
 */
public record EcnConfig(boolean enabled, double lossThreshold, double etxThreshold) {
    public EcnConfig {
        if (!(lossThreshold >= 0 && lossThreshold <= 1) || !(etxThreshold >= 1) || Double.isInfinite(etxThreshold)) {
            throw new IllegalArgumentException("lossThreshold=" + lossThreshold + " etxThreshold=" + etxThreshold);
        }
    }

    public static EcnConfig defaults() {
        return new EcnConfig(true, 0.05, 3.0);
    }
}
