/**
 * FMP wire codecs (INTEROP.md 3, 5.1, 6, 7, 8.1, 10.1; reference/wire-formats.md
 * "Link-Layer Formats" and "Link-Layer Message Types"). Codecs only: no
 * state, no clocks, no sockets.
 *
 * <p>Forwarding plane (allocation-free, int/enum outcomes, never throw on
 * received bytes):
 * <ul>
 *   <li>{@code FmpConstants}: versions, phases, flags and sizes from the spec.</li>
 *   <li>{@code FmpPrefix} and {@code PrefixVerdict}: the 4-byte common prefix
 *       and the first check of every received datagram.</li>
 *   <li>{@code HandshakePacket}: msg1 / msg2 packets around the Noise IK messages.</li>
 *   <li>{@code EstablishedFrame}: the encrypted phase-0 frame: header view,
 *       seal (in place) and open (replay window + AEAD).</li>
 *   <li>{@code LinkPlaintext}: the inner timestamp / msg_type / body.</li>
 *   <li>{@code SessionDatagramFlyweight}: read dest and rewrite ttl / path_mtu
 *       in place while forwarding.</li>
 * </ul>
 *
 * <p>Control plane (immutable records; {@code encode()} gives msg_type ‖ body,
 * {@code decode(buf, off, len)} checks shape and throws
 * {@code DecodeException} saying what was expected and what arrived;
 * validation of meaning is a separate method):
 * <ul>
 *   <li>{@code LinkMessage}: the sealed supertype and a decoder that dispatches on msg_type.</li>
 *   <li>{@code LinkMsgType}: the msg_type values and their names.</li>
 *   <li>{@code Heartbeat}, {@code Disconnect} with {@code DisconnectReason}.</li>
 *   <li>{@code SenderReport}, {@code ReceiverReport}: link-layer MMP reports.</li>
 *   <li>{@code TreeAnnounce}, {@code AncestryEntry}, {@code TreeAnnounceCheck}:
 *       spanning-tree announce, its signature and ancestry rules.</li>
 *   <li>{@code FilterAnnounce}, {@code FilterAnnounceCheck}: bloom filter gossip
 *       and its anti-poison check (the filter is {@code fips.fmp.bloom.BloomFilter}).</li>
 *   <li>{@code LookupRequest}, {@code LookupResponse}: coordinate discovery
 *       and the response proof.</li>
 *   <li>{@code SessionDatagram}: the routed envelope as a record; the payload
 *       is opaque (FSP is fips.fsp's).</li>
 *   <li>{@code ErrorSignal} with {@code CoordsRequired}, {@code PathBroken},
 *       {@code MtuExceeded}: the plaintext routing error signals a transit
 *       node sends back in a new SessionDatagram (INTEROP.md 8.5);
 *       {@code ErrorSignalCodec} writes them without allocating.</li>
 *   <li>{@code DecodeException}: the one decode failure type.</li>
 *   <li>{@code LinkReaders}, {@code WireWriter} (package-private): open the
 *       shared bounds-checked reader ({@code fips.fmp.internal.WireReader}) on
 *       a link message, and the little-endian writer the records use.</li>
 * </ul>
 *
 * <p>Buffer ownership (STYLE.md rule 7): every method borrows the arrays it is
 * given for the duration of the call only. Decoded records copy what they keep.
 */
package fips.fmp.wire;
