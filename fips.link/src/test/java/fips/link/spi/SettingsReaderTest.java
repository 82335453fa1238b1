package fips.link.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** STYLE.md rule 15 for transport blocks (reference/configuration.md "UDP", "TCP"): typed reads, errors naming path and value. */
class SettingsReaderTest {
    private static final String P = "transports.x.k";

    private static String intError(Object v, int min, int max) {
        return assertThrows(IllegalArgumentException.class, () -> SettingsReader.integer(P, v, min, max)).getMessage();
    }

    @Test
    @DisplayName("integer: every integral box a YAML loader makes, bounds inclusive")
    void integerAccepts() {
        assertEquals(5, SettingsReader.integer(P, 5, 5, 6));
        assertEquals(6, SettingsReader.integer(P, 6L, 5, 6));
        assertEquals(7, SettingsReader.integer(P, (short) 7, 0, 10));
        assertEquals(8, SettingsReader.integer(P, (byte) 8, 0, 10));
        assertEquals(9, SettingsReader.integer(P, BigInteger.valueOf(9), 0, 10));
        assertEquals(Integer.MAX_VALUE, SettingsReader.integer(P, (long) Integer.MAX_VALUE, 0, Integer.MAX_VALUE));
        assertEquals(Integer.MIN_VALUE, SettingsReader.integer(P, Integer.MIN_VALUE, Integer.MIN_VALUE, 0));
    }

    @Test
    @DisplayName("integer: out of range, fractions, strings, null and huge numbers name the path and the value")
    void integerRefuses() {
        assertEquals(P + ": expected an integer 5..6, got 4", intError(4, 5, 6));
        assertEquals(P + ": expected an integer 5..6, got 7", intError(7L, 5, 6));
        assertEquals(P + ": expected an integer 0..10, got 1.5", intError(1.5, 0, 10));
        assertEquals(P + ": expected an integer 0..10, got \"3\"", intError("3", 0, 10));
        assertEquals(P + ": expected an integer 0..10, got null", intError(null, 0, 10));
        assertEquals(P + ": expected an integer 0..2147483647, got 4294967296", intError(1L << 32, 0, Integer.MAX_VALUE));
        BigInteger huge = BigInteger.ONE.shiftLeft(70);
        assertEquals(P + ": expected an integer 0..10, got " + huge, intError(huge, 0, 10));
        // Long.MIN_VALUE is the "not an integer" marker inside; it must still be refused as a value.
        assertEquals(P + ": expected an integer " + Integer.MIN_VALUE + "..0, got " + Long.MIN_VALUE,
                intError(Long.MIN_VALUE, Integer.MIN_VALUE, 0));
    }

    @Test
    @DisplayName("bool: only YAML booleans")
    void bool() {
        assertTrue(SettingsReader.bool(P, true));
        assertFalse(SettingsReader.bool(P, Boolean.FALSE));
        assertEquals(P + ": expected true or false, got \"yes\"",
                assertThrows(IllegalArgumentException.class, () -> SettingsReader.bool(P, "yes")).getMessage());
        assertEquals(P + ": expected true or false, got 1",
                assertThrows(IllegalArgumentException.class, () -> SettingsReader.bool(P, 1)).getMessage());
        assertEquals(P + ": expected true or false, got null",
                assertThrows(IllegalArgumentException.class, () -> SettingsReader.bool(P, null)).getMessage());
    }

    @Test
    @DisplayName("keys of unbuilt features: their defaults pass, anything else fails saying why")
    void onlyDefaults() {
        SettingsReader.requireFalse(P, false, "why");
        SettingsReader.requireNull(P, null, "why");
        assertEquals(P + ": not supported yet (why), got true; remove the key or set it to its default",
                assertThrows(IllegalArgumentException.class, () -> SettingsReader.requireFalse(P, true, "why")).getMessage());
        assertEquals(P + ": expected true or false, got \"no\"",
                assertThrows(IllegalArgumentException.class, () -> SettingsReader.requireFalse(P, "no", "why")).getMessage());
        assertEquals(P + ": not supported yet (why), got \"1.2.3.4\"; remove the key or set it to its default",
                assertThrows(IllegalArgumentException.class, () -> SettingsReader.requireNull(P, "1.2.3.4", "why")).getMessage());
    }

    @Test
    @DisplayName("messages: values shown as YAML, unknown keys list the known ones, unbuilt features say why")
    void messages() {
        assertEquals("\"a\"", SettingsReader.show("a"));
        assertEquals("12", SettingsReader.show(12));
        assertEquals("null", SettingsReader.show(null));
        assertEquals(P + ": expected a thing, got \"b\"", SettingsReader.bad(P, "a thing", "b").getMessage());
        assertEquals(P + ": unknown key (value \"v\"); known keys: a, b",
                SettingsReader.unknownKey(P, "v", List.of("a", "b")).getMessage());
        assertEquals(P + ": not supported yet (feature is not built), got true; remove the key or set it to its default",
                SettingsReader.notSupported(P, "feature is not built", true).getMessage());
    }
}
