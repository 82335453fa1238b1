package fips.link.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Transport start/close contract (design/fips-transport-layer.md "Connection Lifecycle"): once each, in order. */
class TransportLifecycleTest {
    private static final DatagramSink SINK = (t, from, buf, off, len) -> {};

    @Test
    @DisplayName("start: a sink is required, and a transport starts once")
    void startOnce() {
        TransportLifecycle life = new TransportLifecycle("udp.wan");
        assertEquals("sink=null", assertThrows(IllegalArgumentException.class, () -> life.claimStart(null)).getMessage());
        life.claimStart(SINK);
        assertEquals("transport name=udp.wan is already started",
                assertThrows(IllegalStateException.class, () -> life.claimStart(SINK)).getMessage());
        assertFalse(life.isClosed());
    }

    @Test
    @DisplayName("close: the first caller wins, a closed transport cannot start, release happens once")
    void closeAndRelease() {
        TransportLifecycle life = new TransportLifecycle("tcp");
        assertTrue(life.markClosed());
        assertFalse(life.markClosed(), "close is idempotent");
        assertTrue(life.isClosed());
        assertEquals("transport name=tcp is closed",
                assertThrows(IllegalStateException.class, () -> life.claimStart(SINK)).getMessage());
        assertTrue(life.markReleased());
        assertFalse(life.markReleased());
    }
}
