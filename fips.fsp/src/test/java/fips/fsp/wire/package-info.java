/**
 * Tests of the FSP wire codecs: {@code FspVectorsTest} (vectors/fsp.json),
 * {@code NoiseXkFramingTest} (the FSP parts of vectors/noise_xk.json),
 * {@code FspEncryptedTest} (data-path drops, tampering, replay, buffer
 * contracts), {@code FspControlDecodeTest} (control-plane truncation and
 * malformed input). The vector files are read with {@code fips.json.JNode.load}.
 */
package fips.fsp.wire;
