/**
 * Tests of the IPv6 shim: {@code Ipv6ShimVectorsTest} (vectors/ipv6_compress.json),
 * {@code Ipv6FspDataTest} (the fsp_data_* entries of vectors/noise_xk.json end to
 * end), {@code Ipv6ShimCodecTest} (bad input, truncation, buffers, in place),
 * {@code Ipv6MtuTest} (INTEROP.md 9.2). The vector files are read with
 * {@code fips.json.JNode.load}.
 */
package fips.ipv6.shim;
