/**
 * Node identity for FIPS (INTEROP.md sections 1 and 4).
 *
 * <p>What each file is for:
 * <ul>
 * <li>{@code SecretKey}: a secp256k1 scalar; parsing from nsec or hex (INTEROP.md 1.2), generation
 *     from an injected {@code Random}, and the parity-independent ECDH of INTEROP.md 2.2.</li>
 * <li>{@code PublicKey}: a secp256k1 point; identity is its x-only key, the real parity is kept for
 *     Noise; npub and compressed forms, even-parity lifting (INTEROP.md 1.1).</li>
 * <li>{@code Identity}: the local node's secret key together with its public key.</li>
 * <li>{@code NodeAddr}: the 16-byte routing address, SHA-256 of the x-only key truncated, ordered as
 *     unsigned big-endian (INTEROP.md 1.1).</li>
 * <li>{@code FipsAddress}: the {@code fd00::/8} IPv6 address derived from a NodeAddr (INTEROP.md 1.1).</li>
 * <li>{@code Nip19}: bech32 npub/nsec encoding and strict decoding (INTEROP.md 1.2).</li>
 * <li>{@code Hex}: hex encoding and decoding with errors that say what was wrong.</li>
 * <li>{@code Schnorr}: BIP-340 signatures, and the FIPS convention of signing SHA-256 of the data
 *     (INTEROP.md 4).</li>
 * <li>{@code SigningInputs}: the exact byte strings FIPS signs for TreeAnnounce and the
 *     LookupResponse proof (INTEROP.md 4).</li>
 * <li>{@code KeyFiles}: reading and writing {@code fips.key}/{@code fips.pub} with their symlink and
 *     permission rules (INTEROP.md 1.3).</li>
 * <li>{@code KeyFormatException}: malformed key, npub, nsec or address input.</li>
 * <li>{@code KeyFileException}: a key file that cannot be used or written.</li>
 * <li>{@code internal.Curve}: secp256k1 arithmetic and SHA-256 helpers on BouncyCastle; not exported.</li>
 * </ul>
 */
package fips.identity;
