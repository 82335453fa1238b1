package fips.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The local identity record (INTEROP.md 1.1). */
class IdentityTest {
    // "dave" in vectors/identity.json: an odd-parity key.
    private static final String DAVE_HEX = "587b2e2262e8e18eae1f55519bc7de0c07f3915453240828d87546f934a42c79";

    @Test
    @DisplayName("INTEROP.md 1.1: Identity.of derives npub, node_addr and FIPS address from the key")
    void ofSecret() {
        SecretKey sk = SecretKey.parse("13c7356daaa49970b9f514c005a486cad49e0e3221f67980905ea642669348fd");
        Identity id = Identity.of(sk);
        assertEquals("npub1dqqk85um3v04g3sywv0l00nsucrh9fdg6tcea632w8amyautcu5q8j7zre", id.npub());
        assertEquals("96df45d0923da3f55e329ac9929eff2f", id.nodeAddr().toHex());
        assertEquals("fd96:df45:d092:3da3:f55e:329a:c992:9eff", id.fipsAddress().toString());
        assertEquals(sk.publicKey(), id.publicKey());
        assertEquals("Identity[" + id.npub() + "]", id.toString());
        assertFalse(id.toString().contains(sk.nsec()));
    }

    @Test
    @DisplayName("Identity.generate is reproducible from the injected Random")
    void generate() {
        Identity a = Identity.generate(new Random(1));
        Identity b = Identity.generate(new Random(1));
        Identity c = Identity.generate(new Random(2));
        assertEquals(a.npub(), b.npub());
        assertNotEquals(a.npub(), c.npub());
        assertEquals(a.secret().publicKey(), a.publicKey());
    }

    @Test
    @DisplayName("INTEROP.md 1.1: an Identity's public key must be its secret's key, with its real parity")
    void mismatchRejected() {
        SecretKey dave = SecretKey.parse(DAVE_HEX);
        assertFalse(dave.publicKey().hasEvenY());
        SecretKey other = SecretKey.generate(new Random(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Identity(dave, other.publicKey()));
        assertTrue(e.getMessage().startsWith("publicKey=" + other.publicKey().npub()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Identity(dave, dave.publicKey().withEvenParity()));
        assertThrows(NullPointerException.class, () -> new Identity(null, dave.publicKey()));
        assertThrows(NullPointerException.class, () -> new Identity(dave, null));
        assertEquals(Identity.of(dave), new Identity(dave, PublicKey.fromCompressed(dave.publicKey().compressed())));
    }

    @Test
    @DisplayName("identities of the same secret are equal (a restarted node is the same identity)")
    void equalityBySecret() {
        SecretKey k1 = SecretKey.parse("0000000000000000000000000000000000000000000000000000000000000003");
        SecretKey k2 = SecretKey.parse("0000000000000000000000000000000000000000000000000000000000000003");
        SecretKey k3 = SecretKey.parse("0000000000000000000000000000000000000000000000000000000000000004");
        assertEquals(k1, k2);
        assertEquals(k1.hashCode(), k2.hashCode());
        assertEquals(Identity.of(k1), Identity.of(k2));
        org.junit.jupiter.api.Assertions.assertNotEquals(k1, k3);
    }
}
