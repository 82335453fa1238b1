package fips.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one place for run-length defaults; every benchmark class extends it (JMH
 * reads these annotations through the superclass). Short on purpose: the
 * reference machine has 2 cores, and a full sweep must finish in minutes.
 * Override per run on the command line ({@code -f}, {@code -wi}, {@code -i},
 * {@code -w}, {@code -r}) for a longer, steadier measurement.
 *
 * <p>Throughput in operations per microsecond: for a benchmark that moves
 * {@code size} bytes per operation, score × size is MB/s (10^6 bytes/s).
 *
 * <p>Forks run on the class path, where the jar's {@code Enable-Native-Access}
 * manifest entry does not reach, so native access is granted explicitly.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public abstract class BenchDefaults {
}
