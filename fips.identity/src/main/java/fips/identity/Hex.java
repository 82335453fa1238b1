package fips.identity;

import java.util.HexFormat;

/** Lower-case hex encoding with decode errors that name the bad input. */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    public static String encode(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static String encode(byte[] bytes, int offset, int length) {
        return HEX.formatHex(bytes, offset, offset + length);
    }

    /** Decodes hex (upper or lower case); no {@code 0x} prefix, no whitespace. */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("hex string is null");
        }
        if ((hex.length() & 1) != 0) {
            throw new IllegalArgumentException("hex string has odd length " + hex.length());
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            // ASCII only: Character.digit would also accept other scripts' digits, which parseHex rejects.
            boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hexDigit) {
                throw new IllegalArgumentException("not a hex digit at index " + i + ": '" + hex.charAt(i) + "'");
            }
        }
        return HEX.parseHex(hex);
    }

    /** Decodes hex that must be exactly {@code expectedBytes} long. */
    public static byte[] decode(String hex, int expectedBytes, String what) {
        byte[] b;
        try {
            b = decode(hex);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(what + ": " + e.getMessage());
        }
        if (b.length != expectedBytes) {
            throw new KeyFormatException(what + ": expected " + expectedBytes + " bytes (" + 2 * expectedBytes
                    + " hex digits), got " + b.length);
        }
        return b;
    }
}
