/**
 * Wire codecs for FSP messages, i.e. the bytes of a SessionDatagram payload
 * (INTEROP.md 8.1 describes the envelope, which lives in {@code fips.fmp.wire}).
 *
 * <h2>Files</h2>
 * <ul>
 *   <li>{@link fips.fsp.wire.FspConstants}: versions, phases, flag bits, message and signal types, ports, sizes.</li>
 *   <li>{@link fips.fsp.wire.FspPrefix}: the 4-byte common prefix and dispatch by phase.</li>
 *   <li>{@link fips.fsp.wire.Coordinates}: the {@code count ‖ NodeAddr…} coordinate encoding.</li>
 *   <li>{@link fips.fsp.wire.SessionHandshake} and its records {@link fips.fsp.wire.SessionSetup},
 *       {@link fips.fsp.wire.SessionAck}, {@link fips.fsp.wire.SessionMsg3}: phases 1-3.</li>
 *   <li>{@link fips.fsp.wire.FspEncryptedCodec} (send) and {@link fips.fsp.wire.FspEncryptedFlyweight}
 *       (receive): phase-0 encrypted messages; {@link fips.fsp.wire.FspInnerFlyweight} reads the
 *       decrypted inner header; {@link fips.fsp.wire.DataPacketBody} the DataPacket port header.</li>
 *   <li>Phase 0 with U set, the plaintext error signals, is the routing layer's:
 *       {@code fips.fmp.wire.ErrorSignal} (INTEROP.md 8.5); {@link fips.fsp.wire.FspPrefix#classify}
 *       only recognises it.</li>
 *   <li>{@link fips.fsp.wire.FspDrop}: the int outcomes of the data path.</li>
 *   <li>{@link fips.fsp.wire.FspDecodeException}: the one failure type of the control-plane decoders.</li>
 * </ul>
 *
 * <h2>Two styles (STYLE.md rule 2)</h2>
 * Handshakes and coordinates are control plane: they decode into
 * owned, immutable records and a malformed message raises
 * {@link fips.fsp.wire.FspDecodeException} naming the field, its offset, what
 * was expected and what arrived. Encrypted messages are the data path: the codec
 * and flyweights return ints ({@link fips.fsp.wire.FspDrop} codes when
 * negative), never throw on hostile input and never allocate per packet.
 *
 * <h2>Buffer ownership (STYLE.md rule 7)</h2>
 * Every method reads the caller's buffer only during the call. Records copy what
 * they keep. A flyweight refers to the buffer it wraps until the next
 * {@code wrap}; the caller must not reuse that buffer while reading through it.
 *
 * <h2>Receive-side leniency</h2>
 * As the reference node does (INTEROP.md 8.2, 15 "Omissions"), decoders do not
 * check {@code payload_len}, the handshake flags byte or reserved bits, and
 * ignore bytes after the end of a message. The version nibble is checked only
 * for encrypted messages.
 */
package fips.fsp.wire;
