/**
 * FSP, the FIPS session protocol: end-to-end sessions carried as the payload
 * of FMP SessionDatagrams.
 *
 * <p>{@code fips.fsp.wire} holds the codecs for the SessionDatagram payload:
 * the common prefix, the three XK handshake messages, the encrypted message
 * (send and receive halves, allocation-free). The plaintext error signals in
 * a SessionDatagram payload are FMP's ({@code fips.fmp.wire.ErrorSignal}).
 * The session state machine is not part of this module yet.
 *
 * <p>Spec: INTEROP.md sections 8.2-8.5 and 8.10; reference/wire-formats.md
 * "Session-Layer Message Formats".
 */
module fips.fsp {
    requires transitive fips.fmp;

    exports fips.fsp.wire;
}
