/**
 * FSP, the FIPS session protocol: end-to-end sessions carried as the payload
 * of FMP SessionDatagrams.
 *
 * <p>{@code fips.fsp.wire} holds the codecs for the SessionDatagram payload:
 * the common prefix, the three XK handshake messages, the encrypted message
 * (send and receive halves, allocation-free). The plaintext error signals in
 * a SessionDatagram payload are FMP's ({@code fips.fmp.wire.ErrorSignal}).
 * {@code fips.fsp.session} holds the session state machine ({@code SessionCore}),
 * a sans-IO core over the mesh layer.
 *
 * <p>Spec: INTEROP.md sections 2.4, 8 and 15 (D14, D15, D18); reference/wire-formats.md
 * "Session-Layer Message Formats"; design/fips-session-layer.md.
 */
module fips.fsp {
    requires transitive fips.fmp;

    exports fips.fsp.wire;
    exports fips.fsp.session;
}
