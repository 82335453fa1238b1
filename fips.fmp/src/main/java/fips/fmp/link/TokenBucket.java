package fips.fmp.link;

/** A token bucket on virtual time (INTEROP.md 3.10: burst and refill rate per second). */
final class TokenBucket {
    private final double burst;
    private final double perMs;
    private double tokens;
    private long lastMs;

    TokenBucket(double burst, double perSecond, long nowMs) {
        this.burst = burst;
        this.perMs = perSecond / 1000.0;
        this.tokens = burst;
        this.lastMs = nowMs;
    }

    boolean tryTake(long nowMs) {
        if (nowMs > lastMs) {
            tokens = Math.min(burst, tokens + (nowMs - lastMs) * perMs);
            lastMs = nowMs;
        }
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
