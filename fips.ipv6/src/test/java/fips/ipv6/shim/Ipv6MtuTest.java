package fips.ipv6.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** INTEROP.md 9.2 MTU arithmetic. */
class Ipv6MtuTest {
    @Test
    @DisplayName("INTEROP.md 9.2: FIPS_OVERHEAD = 16+16+5+35+12+6+16 = 106")
    void fipsOverhead() {
        assertEquals(106, Ipv6Mtu.FIPS_OVERHEAD);
    }

    @Test
    @DisplayName("INTEROP.md 9.2: FIPS_IPV6_OVERHEAD = 106 + 4 − 33 = 77")
    void fipsIpv6Overhead() {
        assertEquals(77, Ipv6Mtu.FIPS_IPV6_OVERHEAD);
        assertEquals(33, Ipv6ShimCodec.COMPRESSION_SAVINGS_BYTES);
    }

    @Test
    @DisplayName("INTEROP.md 9.2: effective IPv6 MTU = transport_mtu − 77 (1203 at the 1280 default, below 1280)")
    void effectiveMtu() {
        assertEquals(1203, Ipv6Mtu.effectiveIpv6Mtu(Ipv6Mtu.DEFAULT_TRANSPORT_MTU));
        assertTrue(Ipv6Mtu.effectiveIpv6Mtu(Ipv6Mtu.DEFAULT_TRANSPORT_MTU) < 1280);
        assertEquals(1423, Ipv6Mtu.effectiveIpv6Mtu(1500));
        assertEquals(0, Ipv6Mtu.effectiveIpv6Mtu(77));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Mtu.effectiveIpv6Mtu(76));
        assertEquals(256, Ipv6Mtu.MIN_ACTIONABLE_PATH_MTU);
    }

    @Test
    @DisplayName("INTEROP.md 9.2: a packet at the effective MTU fills the transport MTU exactly")
    void fullPacketFits() {
        int ipv6Len = Ipv6Mtu.effectiveIpv6Mtu(1280);
        int body = 4 + Ipv6ShimCodec.compressedLength(ipv6Len);
        int frame = 16 + 16 + 5 + 35 + fips.fsp.wire.FspEncryptedCodec.encodedLength(0, body);
        assertEquals(1280, frame);
    }
}
