package fips.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.link.spi.Transport;
import fips.link.spi.TransportProvider;
import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** STYLE.md rule 5 and ARCHITECTURE.md "Modules": found as a service, exports nothing. */
class ProviderTest {
    @Test
    @DisplayName("TransportProvider.discover() finds the udp provider on the module path")
    void discovered() {
        Map<String, TransportProvider> all = TransportProvider.discover();
        assertInstanceOf(UdpTransportProvider.class, all.get("udp"), "providers: " + all.keySet());
    }

    @Test
    @DisplayName("module descriptor: named, requires fips.link and fips.sys, provides the SPI, exports nothing")
    void descriptor() {
        Module m = UdpTransportProvider.class.getModule();
        assertTrue(m.isNamed(), "tests must run on the module path");
        ModuleDescriptor d = m.getDescriptor();
        assertEquals("fips.transport.udp", d.name());
        assertTrue(d.exports().isEmpty(), "exports: " + d.exports());
        assertEquals(Set.of("fips.link", "fips.sys", "java.base"),
                d.requires().stream().map(ModuleDescriptor.Requires::name).collect(java.util.stream.Collectors.toSet()));
        assertEquals(1, d.provides().size());
        ModuleDescriptor.Provides p = d.provides().iterator().next();
        assertEquals("fips.link.spi.TransportProvider", p.service());
        assertEquals(java.util.List.of(UdpTransportProvider.class.getName()), p.providers());
    }

    @Test
    @DisplayName("open through the provider: the system property picks the implementation; a bad one is named")
    void openThroughProvider() throws Exception {
        TransportProvider p = TransportProvider.discover().get("udp");
        String old = System.getProperty(UdpImpl.PROPERTY);
        try {
            for (UdpImpl impl : UdpImpl.values()) {
                System.setProperty(UdpImpl.PROPERTY, impl.name().toLowerCase());
                try (Transport t = p.open("udp.lan", "transports.udp.lan", Map.of("bind_addr", "127.0.0.1:0"))) {
                    assertEquals(impl == UdpImpl.FFM ? FfmUdpTransport.class : JdkUdpTransport.class, t.getClass());
                    assertEquals("udp.lan", t.name());
                    assertEquals("udp", t.type());
                    assertEquals(1280, t.mtu());
                }
            }
            System.clearProperty(UdpImpl.PROPERTY);
            try (Transport t = p.open("udp", "transports.udp", Map.of("bind_addr", "127.0.0.1:0"))) {
                assertEquals(UdpImpl.DEFAULT == UdpImpl.FFM ? FfmUdpTransport.class : JdkUdpTransport.class, t.getClass());
            }
            System.setProperty(UdpImpl.PROPERTY, "netty");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.open("udp", "transports.udp", Map.of("bind_addr", "127.0.0.1:0")));
            assertEquals("fips.udp.impl: expected ffm or jdk, got \"netty\"", e.getMessage());
            IllegalArgumentException cfg = assertThrows(IllegalArgumentException.class,
                    () -> p.open("udp", "transports.udp", Map.of("mtu", "abc")));
            assertTrue(cfg.getMessage().startsWith("transports.udp.mtu:"), cfg.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(UdpImpl.PROPERTY);
            } else {
                System.setProperty(UdpImpl.PROPERTY, old);
            }
        }
    }
}
