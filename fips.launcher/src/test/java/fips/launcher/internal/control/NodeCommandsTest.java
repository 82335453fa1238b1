package fips.launcher.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.mesh.MeshCore;
import fips.identity.Identity;
import fips.json.JNode;
import fips.json.Json;
import fips.link.spi.Transport;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** reference/control-socket.md "Mutating commands"; INTEROP.md 13 connect / disconnect replies and errors. */
class NodeCommandsTest {
    MeshPair mesh;
    Identity a;
    Identity b;
    MeshCore coreA;
    MeshCore coreB;
    Function<String, Transport> transportsA;

    @BeforeEach
    void twoNodes() {
        Random r = new Random(3);
        List<Identity> ids = new java.util.ArrayList<>(List.of(Identity.generate(r), Identity.generate(r)));
        ids.sort(Comparator.comparing(Identity::nodeAddr));
        a = ids.get(0);
        b = ids.get(1);
        mesh = new MeshPair();
        coreA = mesh.node(a, "a");
        coreB = mesh.node(b, "b");
        transportsA = name -> name.equals("udp") ? mesh.wire("a") : null;
    }

    static JNode params(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return JNode.of(m, "params");
    }

    String connectError(JNode params) {
        return assertThrows(ControlError.class, () -> NodeCommands.connect(coreA, params, transportsA, mesh.nowMs)).getMessage();
    }

    @Test
    @DisplayName("INTEROP.md 13 connect: data {npub,address,transport,refreshed:false}; the link comes up; a repeat on the same path is a no-op")
    void connectDials() throws Exception {
        JNode d = NodeCommands.connect(coreA, params("npub", b.npub(), "address", "b", "transport", "udp"), transportsA, mesh.nowMs);
        assertEquals("{\"address\":\"b\",\"npub\":\"" + b.npub() + "\",\"refreshed\":false,\"transport\":\"udp\"}",
                Json.write(d.raw()));
        mesh.run(2_000);
        assertNotNull(coreA.link().peer(b.nodeAddr()), "the dial completed");
        JNode again = NodeCommands.connect(coreA, params("npub", b.npub(), "address", "b", "transport", "udp"), transportsA, mesh.nowMs);
        assertFalse(again.get("refreshed").bool());
        assertTrue(connectError(params("npub", b.npub(), "address", "elsewhere", "transport", "udp"))
                .contains("already connected via udp b"));
    }

    @Test
    @DisplayName("control-socket.md connect errors: missing params and fields, bad npub, own npub, unknown transport, bad or mesh address")
    void connectErrors() {
        assertEquals("missing params for connect",
                assertThrows(ControlError.class, () -> NodeCommands.connect(coreA, null, transportsA, 0)).getMessage());
        assertEquals("missing 'address' parameter", connectError(params("npub", b.npub(), "transport", "udp")));
        assertEquals("missing 'npub' parameter", connectError(params("address", "b", "transport", "udp")));
        assertEquals("missing 'transport' parameter", connectError(params("npub", b.npub(), "address", "b")));
        assertTrue(connectError(params("npub", "npub1bogus", "address", "b", "transport", "udp")).startsWith("invalid npub 'npub1bogus': "));
        assertEquals("cannot connect to this node's own npub", connectError(params("npub", a.npub(), "address", "b", "transport", "udp")));
        assertEquals("transport 'tor' is not configured or not running",
                connectError(params("npub", b.npub(), "address", "b", "transport", "tor")));
        assertTrue(connectError(params("npub", b.npub(), "address", "bad addr", "transport", "udp"))
                .startsWith("invalid address 'bad addr': "));
        assertTrue(connectError(params("npub", b.npub(), "address", "[fd12:3456::1]:2121", "transport", "udp"))
                .contains("FIPS mesh address (fd00::/8)"));
        assertTrue(coreA.link().pendingDials().isEmpty(), "no refused connect left a dial behind");
    }

    @Test
    @DisplayName("fd00::/8 check: bracketed and bare IPv6 literals only; never a name lookup")
    void meshAddress() {
        assertTrue(NodeCommands.isMeshAddress("[fd00::1]:2121"));
        assertTrue(NodeCommands.isMeshAddress("fdab:cdef::1"));
        assertTrue(NodeCommands.isMeshAddress("[fd00::1%eth0]:1"));
        assertFalse(NodeCommands.isMeshAddress("[fe80::1]:2121"));
        assertFalse(NodeCommands.isMeshAddress("[2001:db8::1]:2121"));
        assertFalse(NodeCommands.isMeshAddress("192.168.1.10:2121"));
        assertFalse(NodeCommands.isMeshAddress("fd.example.com:2121"));
        assertFalse(NodeCommands.isMeshAddress("[fdhost]:1"));
    }

    @Test
    @DisplayName("INTEROP.md 13 disconnect: {npub,disconnected:true}; 'peer not found: <npub>'; 'invalid npub '<x>': ...'")
    void disconnect() throws Exception {
        NodeCommands.connect(coreA, params("npub", b.npub(), "address", "b", "transport", "udp"), transportsA, mesh.nowMs);
        mesh.run(2_000);
        assertNotNull(coreB.link().peer(a.nodeAddr()));
        JNode d = NodeCommands.disconnect(coreA, params("npub", b.npub()), mesh.nowMs);
        assertEquals("{\"disconnected\":true,\"npub\":\"" + b.npub() + "\"}", Json.write(d.raw()));
        assertNull(coreA.link().peer(b.nodeAddr()));
        mesh.run(100);
        assertNull(coreB.link().peer(a.nodeAddr()), "the peer got the Disconnect");
        mesh.run(10_000);
        assertNull(coreA.link().peer(b.nodeAddr()), "not redialled");

        assertEquals("peer not found: " + b.npub(),
                assertThrows(ControlError.class, () -> NodeCommands.disconnect(coreA, params("npub", b.npub()), 0)).getMessage());
        assertTrue(assertThrows(ControlError.class, () -> NodeCommands.disconnect(coreA, params("npub", "xyz"), 0))
                .getMessage().startsWith("invalid npub 'xyz': "));
        assertEquals("missing params for disconnect",
                assertThrows(ControlError.class, () -> NodeCommands.disconnect(coreA, null, 0)).getMessage());
        assertEquals("missing 'npub' parameter",
                assertThrows(ControlError.class, () -> NodeCommands.disconnect(coreA, params(), 0)).getMessage());
    }
}
