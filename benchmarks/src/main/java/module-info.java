/**
 * JMH benchmarks. Compiled as a named module so that it can only use what the
 * measured modules export; it never enters the runtime image. JMH runs it from
 * the shaded benchmarks.jar on the class path (module descriptors are stripped
 * there), so the module graph below matters at compile time only.
 * {@code jmh.core} is an automatic module (jmh-core 1.37 has no descriptor).
 */
module fips.benchmarks {
    requires fips.noise;
    requires fips.link;
    requires fips.fmp;
    requires fips.fsp;
    requires jdk.management;
    requires jmh.core;
}
