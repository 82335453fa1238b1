package fips.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** NodeAddr ordering and the FIPS IPv6 address (INTEROP.md 1.1, conventions). */
class AddressTest {

    @Test
    @DisplayName("INTEROP.md conventions: NodeAddr order is unsigned big-endian (0x80.. > 0x7f..)")
    void unsignedOrdering() {
        NodeAddr low = NodeAddr.fromHex("7fffffffffffffffffffffffffffffff");
        NodeAddr high = NodeAddr.fromHex("80000000000000000000000000000000");
        assertTrue(high.compareTo(low) > 0);
        assertTrue(low.compareTo(high) < 0);

        // The low half is unsigned too.
        NodeAddr a = NodeAddr.fromHex("0000000000000000" + "7fffffffffffffff");
        NodeAddr b = NodeAddr.fromHex("0000000000000000" + "8000000000000000");
        assertTrue(b.compareTo(a) > 0);
        // The high half decides before the low half.
        NodeAddr c = NodeAddr.fromHex("0000000000000001" + "0000000000000000");
        assertTrue(c.compareTo(b) > 0);
        assertEquals(0, c.compareTo(NodeAddr.fromHex("00000000000000010000000000000000")));

        List<NodeAddr> list = new ArrayList<>(List.of(
                NodeAddr.fromHex("ff000000000000000000000000000000"), high, c, low, b, a,
                NodeAddr.fromHex("00000000000000000000000000000000")));
        Collections.sort(list);
        List<String> hex = list.stream().map(NodeAddr::toHex).toList();
        assertEquals(List.of(
                "00000000000000000000000000000000",
                "00000000000000007fffffffffffffff",
                "00000000000000008000000000000000",
                "00000000000000010000000000000000",
                "7fffffffffffffffffffffffffffffff",
                "80000000000000000000000000000000",
                "ff000000000000000000000000000000"), hex);
    }

    @Test
    @DisplayName("INTEROP.md 1.1: hiAt/loAt read the two big-endian halves at an offset, as read() does")
    void halvesAtOffset() {
        byte[] buf = new byte[20];
        for (int i = 0; i < buf.length; i++) buf[i] = (byte) (0x80 + i * 7);
        NodeAddr a = NodeAddr.read(buf, 3);
        assertEquals(a.hi(), NodeAddr.hiAt(buf, 3));
        assertEquals(a.lo(), NodeAddr.loAt(buf, 3));
        assertEquals(0x8e959ca3aab1b8bfL, NodeAddr.hiAt(buf, 2)); // bytes 2..9 = 0x80 + 7i
    }

    @Test
    @DisplayName("INTEROP.md 1.1: NodeAddr bytes round trip and length checks")
    void nodeAddrBytes() {
        String h = "74534fb5959a5d89cd740363ba273791";
        NodeAddr n = NodeAddr.fromHex(h);
        assertEquals(h, Hex.encode(n.toBytes()));
        assertEquals(h, n.toString());
        byte[] buf = new byte[20];
        n.write(buf, 3);
        assertEquals(n, NodeAddr.read(buf, 3));
        assertThrows(IllegalArgumentException.class, () -> NodeAddr.fromBytes(new byte[15]));
        assertThrows(KeyFormatException.class, () -> NodeAddr.fromHex(h + "00"));
        assertThrows(IllegalArgumentException.class, () -> NodeAddr.ofXOnly(new byte[33]));
    }

    @Test
    @DisplayName("INTEROP.md 1.1: NodeAddr.fipsAddress() is fd || node_addr[0..15] (last byte dropped)")
    void fipsAddressDropsLastByte() {
        NodeAddr n = NodeAddr.fromHex("000102030405060708090a0b0c0d0e0f");
        FipsAddress a = n.fipsAddress();
        assertEquals("fd000102030405060708090a0b0c0d0e", Hex.encode(a.toBytes()));
        assertEquals("fd00:102:304:506:708:90a:b0c:d0e", a.toString());
        // Addresses differing only in the last byte share the FIPS address.
        NodeAddr m = NodeAddr.fromHex("000102030405060708090a0b0c0d0eff");
        assertEquals(a, m.fipsAddress());
        assertTrue(m.matchesPrefix(a));
        assertFalse(NodeAddr.fromHex("ff0102030405060708090a0b0c0d0e0f").matchesPrefix(a));
        // Byte 7 crosses from the high to the low long.
        NodeAddr x = NodeAddr.fromHex("ffffffffffffffab0000000000000000");
        assertEquals("fdffffffffffffffab00000000000000", Hex.encode(x.fipsAddress().toBytes()));
    }

    @Test
    @DisplayName("INTEROP.md 1.1: FipsAddress requires byte 0 == fd and 16 bytes")
    void fipsAddressPrefix() {
        byte[] b = Hex.decode("fc000102030405060708090a0b0c0d0e");
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> FipsAddress.fromBytes(b));
        assertEquals("FIPS address must start with fd, got fc", e.getMessage());
        assertThrows(KeyFormatException.class, () -> FipsAddress.fromBytes(new byte[15]));
        assertFalse(FipsAddress.isFipsAddress(b, 0));
        b[0] = (byte) 0xfd;
        assertTrue(FipsAddress.isFipsAddress(b, 0));
        assertArrayEquals(b, FipsAddress.fromBytes(b).toBytes());
    }

    @Test
    @DisplayName("FipsAddress text is canonical RFC 5952 (longest zero run, first on ties, no single-group ::)")
    void rfc5952() {
        assertEquals("fd00::1", FipsAddress.fromBytes(Hex.decode("fd000000000000000000000000000001")).toString());
        assertEquals("fd00::", FipsAddress.fromBytes(Hex.decode("fd000000000000000000000000000000")).toString());
        assertEquals("fd00:1:0:1:0:1:0:1",
                FipsAddress.fromBytes(Hex.decode("fd000001000000010000000100000001")).toString());
        assertEquals("fd12::1:0:0:1",
                FipsAddress.fromBytes(Hex.decode("fd120000000000000001000000000001")).toString());
        assertEquals("fd12:0:0:1::1",
                FipsAddress.fromBytes(Hex.decode("fd120000000000010000000000000001")).toString());
        assertEquals("fd00::1:0:0:1:1",
                FipsAddress.fromBytes(Hex.decode("fd000000000000010000000000010001")).toString());
        assertEquals("fdab:cd00:0:1::",
                FipsAddress.fromBytes(Hex.decode("fdabcd00000000010000000000000000")).toString());
    }
}
