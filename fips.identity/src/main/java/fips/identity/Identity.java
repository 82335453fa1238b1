package fips.identity;

import java.util.Objects;
import java.util.Random;

/**
 * The local node's long-term identity: its secret key and the matching public
 * key (INTEROP.md 1.1). {@link #toString()} shows the npub only, never the secret.
 */
public record Identity(SecretKey secret, PublicKey publicKey) {

    /**
     * @throws IllegalArgumentException if {@code publicKey} is not exactly the key of {@code secret},
     *     including its parity (Noise sends the real compressed form, INTEROP.md 1.1)
     */
    public Identity {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(publicKey, "publicKey");
        if (!secret.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException("publicKey=" + publicKey.npub()
                    + " (compressed " + Hex.encode(publicKey.compressed()) + ") is not the public key of the secret key,"
                    + " expected compressed " + Hex.encode(secret.publicKey().compressed()));
        }
    }

    /** A fresh identity drawn from {@code rng} (pass a {@code SecureRandom} outside tests). */
    public static Identity generate(Random rng) {
        return of(SecretKey.generate(rng));
    }

    public static Identity of(SecretKey secret) {
        return new Identity(secret, secret.publicKey());
    }

    public NodeAddr nodeAddr() {
        return publicKey.nodeAddr();
    }

    public String npub() {
        return publicKey.npub();
    }

    public FipsAddress fipsAddress() {
        return publicKey.fipsAddress();
    }

    @Override
    public String toString() {
        return "Identity[" + npub() + "]";
    }
}
