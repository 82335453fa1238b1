package fips.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.Transport;
import fips.link.spi.TransportProvider;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** STYLE.md rule 5 and ARCHITECTURE.md "Modules": found as a service, exports nothing. */
class ProviderTest {
    @Test
    @DisplayName("TransportProvider.discover() finds the tcp provider on the module path")
    void discovered() {
        Map<String, TransportProvider> all = TransportProvider.discover();
        assertInstanceOf(TcpTransportProvider.class, all.get("tcp"), "providers: " + all.keySet());
    }

    @Test
    @DisplayName("module descriptor: named, requires fips.link, fips.sys and jdk.net, provides the SPI, exports nothing")
    void descriptor() {
        Module m = TcpTransportProvider.class.getModule();
        assertTrue(m.isNamed(), "tests must run on the module path");
        ModuleDescriptor d = m.getDescriptor();
        assertEquals("fips.transport.tcp", d.name());
        assertTrue(d.exports().isEmpty(), "exports: " + d.exports());
        assertEquals(Set.of("fips.link", "fips.sys", "jdk.net", "java.base"),
                d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertEquals(1, d.provides().size());
        ModuleDescriptor.Provides p = d.provides().iterator().next();
        assertEquals("fips.link.spi.TransportProvider", p.service());
        assertEquals(List.of(TcpTransportProvider.class.getName()), p.providers());
    }

    @Test
    @DisplayName("open through the provider: name, type, default MTU 1400 (INTEROP.md 12); a bad key is named")
    void openThroughProvider() throws Exception {
        TransportProvider p = TransportProvider.discover().get("tcp");
        try (Transport t = p.open("tcp.public", "transports.tcp.public", Map.of("bind_addr", "127.0.0.1:0"))) {
            assertInstanceOf(TcpTransport.class, t);
            assertEquals("tcp.public", t.name());
            assertEquals("tcp", t.type());
            assertEquals(1400, t.mtu());
            assertTrue(t.acceptsInbound(), "listening");
            assertTrue(t.localAddress().startsWith("127.0.0.1:"), t.localAddress());
        }
        try (Transport t = p.open("tcp", "transports.tcp", Map.of())) {
            assertFalse(t.acceptsInbound(), "no bind_addr: outbound-only");
            assertEquals("outbound-only", t.localAddress());
        }
        IllegalArgumentException cfg = assertThrows(IllegalArgumentException.class,
                () -> p.open("tcp", "transports.tcp.public", Map.of("mtu", "abc")));
        assertEquals("transports.tcp.public.mtu: expected an integer 576..65535, got \"abc\"", cfg.getMessage());
    }
}
