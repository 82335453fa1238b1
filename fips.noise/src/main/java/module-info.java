/**
 * Noise IK (link) and XK (session) handshakes exactly as FIPS peers run them,
 * the transport {@link fips.noise.CipherState}, the AEAD engines and the
 * replay window.
 *
 * <p>Spec: reference/security.md; design/fips-mesh-layer.md; design/fips-session-layer.md;
 * INTEROP.md section 2 (every deviation from standard Noise is listed there).
 */
module fips.noise {
    requires transitive fips.identity;
    requires org.bouncycastle.provider;

    exports fips.noise;
}
