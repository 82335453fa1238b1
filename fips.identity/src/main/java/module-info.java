/**
 * Node identity: secp256k1 keys, NIP-19 npub/nsec, {@code NodeAddr}, the
 * {@code fd00::/8} FIPS address, BIP-340 Schnorr signatures and key files.
 *
 * <p>Spec: design/fips-architecture.md "Identity System"; INTEROP.md sections 1 and 4.
 */
module fips.identity {
    requires org.bouncycastle.provider;

    exports fips.identity;
}
