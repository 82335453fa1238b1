package fips.bench;

import fips.noise.Aead;
import fips.noise.AeadEngine;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ChaCha20-Poly1305 per packet, for each {@link AeadEngine}: {@code seal}
 * encrypts {@code size} plaintext bytes with a fresh counter; {@code open}
 * authenticates and decrypts one pre-sealed {@code size}-byte message, always
 * with the same counter, into a separate buffer. The AD is 16 bytes, the size
 * of the FMP header. MB/s = score (ops/µs) × size.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AeadBench -prof gc};
 * results and the choice of default engine are in benchmarks/README.md.
 */
@State(Scope.Thread)
public class AeadBench extends BenchDefaults {
    private static final int AD_BYTES = 16;
    private static final long OPEN_COUNTER = 1_000_003L;

    @Param({"JDK", "BOUNCYCASTLE", "OPENSSL"})
    public String engine;

    @Param({"64", "512", "1400"})
    public int size;

    private Aead aead;
    private final byte[] ad = new byte[AD_BYTES];
    private byte[] plaintext;
    private byte[] sealOut;
    private byte[] sealedMessage;
    private byte[] openOut;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() {
        AeadEngine e = AeadEngine.parse(engine);
        if (!e.available()) {
            throw new IllegalStateException("engine=" + e + " is unavailable: " + e.unavailableReason());
        }
        SplittableRandom random = new SplittableRandom(size);
        byte[] key = new byte[Aead.KEY_BYTES];
        random.nextBytes(key);
        random.nextBytes(ad);
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        sealOut = new byte[size + Aead.TAG_BYTES];
        sealedMessage = new byte[size + Aead.TAG_BYTES];
        openOut = new byte[size];
        try (Aead sealer = e.create(key)) {
            sealer.seal(OPEN_COUNTER, ad, 0, AD_BYTES, plaintext, 0, size, sealedMessage, 0);
        }
        aead = e.create(key);
        if (aead.open(OPEN_COUNTER, ad, 0, AD_BYTES, sealedMessage, 0, sealedMessage.length, openOut, 0) != size) {
            throw new IllegalStateException("engine=" + e + " cannot open its own message");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        aead.close();
    }

    @Benchmark
    public void seal(Blackhole bh) {
        bh.consume(aead.seal(counter++, ad, 0, AD_BYTES, plaintext, 0, size, sealOut, 0));
    }

    @Benchmark
    public void open(Blackhole bh) {
        int n = aead.open(OPEN_COUNTER, ad, 0, AD_BYTES, sealedMessage, 0, sealedMessage.length, openOut, 0);
        if (n < 0) {
            throw new IllegalStateException("open failed: engine=" + engine + " size=" + size);
        }
        bh.consume(n);
    }
}
