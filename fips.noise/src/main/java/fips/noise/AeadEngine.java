package fips.noise;

/**
 * The ChaCha20-Poly1305 implementations this build carries. Which one a node
 * uses is chosen once at start ({@link #selected()}); all produce identical
 * bytes, so peers never notice.
 */
public enum AeadEngine {
    /** {@code javax.crypto} "ChaCha20-Poly1305" from the running JDK. */
    JDK,
    /** BouncyCastle's lightweight {@code ChaCha20Poly1305}. */
    BOUNCYCASTLE,
    /** OpenSSL libcrypto's EVP interface, called through the FFM API. */
    OPENSSL;

    /** Whether this engine can be used on this machine (probed once). */
    public boolean available() {
        return unavailableReason() == null;
    }

    /** Why {@link #available()} is false, or {@code null} if it is available. */
    public String unavailableReason() {
        return fips.noise.internal.AeadEngines.unavailableReason(this);
    }

    /** A new instance keyed with {@code key32} (the array is copied). */
    public Aead create(byte[] key32) {
        return fips.noise.internal.AeadEngines.create(this, key32);
    }

    /**
     * The engine in use: the system property {@code fips.aead}
     * ({@code jdk}, {@code bouncycastle}, {@code openssl}) if set, otherwise the
     * fastest available engine as measured in benchmarks/README.md.
     */
    public static AeadEngine selected() {
        return fips.noise.internal.AeadEngines.selected();
    }

    /** Parses a user-supplied engine name (case-insensitive; "bc" is accepted for BouncyCastle). */
    public static AeadEngine parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "jdk" -> JDK;
            case "bc", "bouncycastle" -> BOUNCYCASTLE;
            case "openssl" -> OPENSSL;
            default -> throw new IllegalArgumentException("unknown AEAD engine '" + name + "' (expected jdk, bouncycastle or openssl)");
        };
    }
}
